import fc from "fast-check";
import { gradeOf, pointsToNextBand, EXCLUSIVE_STEP_POINTS } from "../../../src/engine/grade";
import type { GradeScheme } from "../../../src/engine/model/types";

const incl = (value: number) => ({ value, inclusive: true });
const excl = (value: number) => ({ value, inclusive: false });

/** Sơn La 2024: Tốt ≥ 85; Khá 70 to < 85; Trung bình 50 to < 70; Yếu < 50 (% of max). */
const sonLa: GradeScheme = {
  basis: "percent",
  bands: [
    { label: "Tốt", labelEn: "Good", lower: incl(85) },
    { label: "Khá", labelEn: "Fair", lower: incl(70), upper: excl(85) },
    { label: "Trung bình", labelEn: "Average", lower: incl(50), upper: excl(70) },
    { label: "Yếu", labelEn: "Weak", upper: excl(50) },
  ],
};
/** Lào Cai: lower bound exclusive. */
const laoCai: GradeScheme = {
  basis: "percent",
  bands: [
    { label: "Dẫn dắt", labelEn: "Leading", lower: excl(75) },
    { label: "Nâng cao", labelEn: "Advanced", lower: excl(50), upper: incl(75) },
    { label: "Hình thành", labelEn: "Forming", lower: excl(25), upper: incl(50) },
    { label: "Khởi động", labelEn: "Starting", upper: incl(25) },
  ],
};
/** TP.HCM 2023 departments, /330 in points, with the published gap 198..199. */
const hcm: GradeScheme = {
  basis: "points",
  bands: [
    { label: "Nâng cao", labelEn: "Advanced", lower: incl(264) },
    { label: "Hình thành", labelEn: "Forming", lower: incl(199), upper: excl(264) },
    { label: "Khởi động", labelEn: "Starting", upper: excl(198) },
  ],
};

const label = (p: number, max: number, s: GradeScheme) => {
  const g = gradeOf(p, max, s);
  return g.kind === "band" ? g.label : g.kind;
};

describe("gradeOf: Sơn La bands on % of max (inclusive lower bounds)", () => {
  test.each([
    [85, 100, "Tốt"],
    [84.99, 100, "Khá"],
    [70, 100, "Khá"],
    [69.999, 100, "Trung bình"],
    [50, 100, "Trung bình"],
    [49.99, 100, "Yếu"],
    [0, 100, "Yếu"],
    [100, 100, "Tốt"],
    [850, 1000, "Tốt"], // a 1000-point form grades the same way
    [849.9, 1000, "Khá"],
    [74.8, 100, "Khá"], // 2024 average
    [659.1, 1000, "Trung bình"], // 2023 average
  ])("%p of %p → %p", (p, max, expected) => {
    expect(label(p, max, sonLa)).toBe(expected);
  });

  test("float noise at the bound does not change the grade (0.1 + 0.2 style sums)", () => {
    const sum = [28.1, 28.2, 28.7].reduce((a, b) => a + b, 0); // 85.00000000000001 or 84.99999999999999
    expect(label(sum, 100, sonLa)).toBe("Tốt");
    expect(label(0.7 * 100, 100, sonLa)).toBe("Khá"); // 70.00000000000001
    expect(label((56.7 / 81) * 100, 100, sonLa)).toBe("Khá"); // 69.99999999999999 → 70
  });

  test("max ≤ 0 or NaN points → none, never a crash", () => {
    expect(gradeOf(50, 0, sonLa)).toEqual({ kind: "none" });
    expect(gradeOf(Number.NaN, 100, sonLa)).toEqual({ kind: "none" });
    expect(gradeOf(50, 100, { basis: "percent", bands: [] })).toEqual({ kind: "none" });
  });

  test("English label travels with the band", () => {
    expect(gradeOf(90, 100, sonLa)).toEqual({ kind: "band", label: "Tốt", labelEn: "Good" });
  });
});

describe("gradeOf: Lào Cai (exclusive lower bounds)", () => {
  test.each([
    [75, "Nâng cao"],
    [75.01, "Dẫn dắt"],
    [50, "Hình thành"],
    [25, "Khởi động"],
    [25.0001, "Hình thành"],
    [73.161, "Nâng cao"], // published: 731.61/1000 = 73.16% → Nâng cao
  ])("%p%% → %p", (pct, expected) => {
    expect(label(pct * 10, 1000, laoCai)).toBe(expected);
  });
  test("a group with max 750", () => {
    expect(label(562.5, 750, laoCai)).toBe("Nâng cao"); // exactly 75%
    expect(label(562.6, 750, laoCai)).toBe("Dẫn dắt");
  });
});

describe("gradeOf: TP.HCM 2023 points with a gap", () => {
  test.each([
    [197.99, "Khởi động"],
    [199, "Hình thành"],
    [263.99, "Hình thành"],
    [264, "Nâng cao"],
  ])("%p → %p", (p, expected) => expect(label(p, 330, hcm)).toBe(expected));

  test.each([198, 198.5, 198.99])("%p lies in the gap: neighbours named", (p) => {
    expect(gradeOf(p, 330, hcm)).toEqual({ kind: "gap", below: "Khởi động", above: "Hình thành" });
  });

  test("a scheme with no lowest band: values under it are a gap with nothing below", () => {
    const top: GradeScheme = {
      basis: "points",
      bands: [{ label: "A", labelEn: "A", lower: incl(10) }],
    };
    expect(gradeOf(5, 100, top)).toEqual({ kind: "gap", below: null, above: "A" });
  });
});

describe("pointsToNextBand", () => {
  test("inclusive lower bound: the exact difference", () => {
    expect(pointsToNextBand(74.8, 100, sonLa)).toBe(10.2);
    expect(pointsToNextBand(800, 1000, sonLa)).toBe(50);
    expect(pointsToNextBand(49, 100, sonLa)).toBe(1);
    expect(pointsToNextBand(70, 100, sonLa)).toBe(15);
    expect(pointsToNextBand(270.123, 330, sonLa)).toBe(10.377); // 85% of 330 = 280.5
  });
  test("exclusive lower bound: the difference plus 0.01 points", () => {
    expect(EXCLUSIVE_STEP_POINTS).toBe(0.01);
    expect(pointsToNextBand(700, 1000, laoCai)).toBe(50.01);
    expect(pointsToNextBand(750, 1000, laoCai)).toBe(0.01);
  });
  test("the top band and ungraded totals: null", () => {
    expect(pointsToNextBand(90, 100, sonLa)).toBeNull();
    expect(pointsToNextBand(50, 0, sonLa)).toBeNull();
  });
  test("in a gap: to the band above", () => {
    expect(pointsToNextBand(198.5, 330, hcm)).toBe(0.5);
  });
  test("property: adding the gap reaches a higher band", () => {
    for (const scheme of [sonLa, laoCai, hcm]) {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 33000 }), (cents) => {
          const p = cents / 100;
          const need = pointsToNextBand(p, 330, scheme);
          const now = gradeOf(p, 330, scheme);
          if (need === null) {
            expect(now.kind === "band" && now.label === scheme.bands[0]!.label).toBe(true);
            return;
          }
          expect(need).toBeGreaterThan(0);
          const after = gradeOf(p + need, 330, scheme);
          expect(after.kind).toBe("band");
          const rank = (g: typeof after) =>
            g.kind === "band" ? scheme.bands.findIndex((b) => b.label === g.label) : 99;
          expect(rank(after)).toBeLessThan(now.kind === "band" ? rank(now) : 99);
          // and one cent less is not enough (the gap is the smallest step on a 0.01 grid)
          if (need >= 0.01)
            expect(rank(gradeOf(p + need - 0.01, 330, scheme))).not.toBe(rank(after));
        })
      );
    }
  });
});
