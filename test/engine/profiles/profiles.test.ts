import { evaluate } from "../../../src/engine/evaluate";
import type { GradeOutcome, RuleProfile } from "../../../src/engine/model/types";
import {
  checkProfile,
  findProfile,
  getProfile,
  listProfiles,
  ProfileSchemaError,
  UnknownProfileError,
} from "../../../src/engine/profiles";
import { buildData, buildSet } from "../evaluate/build";

/** One unit in `group`, one main index of `max` points with one component; grade a total of `points`. */
function gradeFor(
  profile: RuleProfile,
  group: string,
  max: number,
  points: number
): { grade: GradeOutcome; percent: number | null; gap: number | null; issues: string[] } {
  const data = buildData({
    indicators: [
      { code: "1", max },
      { code: "1.1", max },
    ],
    units: [{ name: "Đơn vị A", group }],
    scores: { "Đơn vị A": { "1.1": points } },
  });
  const r = evaluate(buildSet(profile, data), data);
  const u = r.groups.flatMap((g) => g.units)[0]!;
  return {
    grade: u.grade,
    percent: u.percentOfMax,
    gap: u.gapToNextBand,
    issues: r.issues.map((i) => i.code),
  };
}

describe("built-in profiles", () => {
  it("lists the nine profiles with their ids", () => {
    expect(listProfiles().map((p) => p.id)).toEqual([
      "sonla-2024",
      "laocai-2022",
      "laocai-2023",
      "kontum-2022",
      "daklak-2022",
      "hcm-2023",
      "national-922",
      "generic",
      "sample",
    ]);
  });

  it.each(listProfiles().map((p) => [p.id, p] as const))(
    "%s names its source decision and passes its own schema",
    (_id, p) => {
      expect(p.source.decision.length).toBeGreaterThan(0);
      expect(p.source.issuer.length).toBeGreaterThan(0);
      expect(checkProfile(JSON.parse(JSON.stringify(p)))).toEqual(p);
    }
  );

  it.each([
    ["sonla-2024", "1287/QĐ-UBND"],
    ["laocai-2022", "2644/QĐ-UBND"],
    ["laocai-2023", "684/QĐ-UBND"],
    ["kontum-2022", "780/QĐ-UBND"],
    ["daklak-2022", "2534/QĐ-UBND"],
    ["national-922", "922/QĐ-BTTTT"],
  ])("%s cites %s", (id, decision) => {
    expect(getProfile(id).source.decision).toBe(decision);
  });

  it("Lào Cai groups: có TTHC 1000, không TTHC 750 (2022) / 800 (2023), districts 1000", () => {
    const max = (id: string) => getProfile(id).groups.map((g) => [g.id, g.maxPoints]);
    expect(max("laocai-2022")).toEqual([
      ["agencies-tthc", 1000],
      ["agencies-no-tthc", 750],
      ["districts", 1000],
    ]);
    expect(max("laocai-2023")).toEqual([
      ["agencies-tthc", 1000],
      ["agencies-no-tthc", 800],
      ["districts", 1000],
    ]);
  });

  it("national 922: nine main indices, smart city unscored at 0, the rest sum to 1000", () => {
    const p = getProfile("national-922");
    expect(p.mainIndices.map((m) => [m.name, m.maxPoints, m.scored])).toEqual([
      ["Nhận thức số", 100, true],
      ["Thể chế số", 100, true],
      ["Hạ tầng số", 100, true],
      ["Nhân lực số", 100, true],
      ["An toàn thông tin mạng", 100, true],
      ["Đô thị thông minh", 0, false],
      ["Hoạt động chính quyền số", 200, true],
      ["Hoạt động kinh tế số", 150, true],
      ["Hoạt động xã hội số", 150, true],
    ]);
    expect(p.rounding.decimals).toBe(4);
    expect(p.publishAs).toBe("index");
  });

  it("Sơn La 2024 has its three special rules on, proportional scope all non-DVCTT components", () => {
    expect(getProfile("sonla-2024").specialRules).toEqual({
      peerMaxForNoSubordinates: true,
      proportionalDvctt: { scope: "all-non-dvctt" },
      notApplicableToMax: true,
    });
    expect(getProfile("laocai-2022").specialRules.peerMaxForNoSubordinates).toBe(false);
  });

  it("the sample profile uses Sơn La 2024 rules and says it is illustrative", () => {
    const s = getProfile("sample");
    expect(s.name).toMatch(/minh hoạ/);
    expect(s.nameEn).toMatch(/[Ii]llustrative/);
    expect(s.gradeScheme).toEqual(getProfile("sonla-2024").gradeScheme);
    expect(s.specialRules).toEqual(getProfile("sonla-2024").specialRules);
  });

  it("unknown ids: getProfile throws a named error, findProfile gives undefined", () => {
    expect(() => getProfile("hanoi-2099")).toThrow(UnknownProfileError);
    expect(() => getProfile("hanoi-2099")).toThrow(/hanoi-2099/);
    expect(findProfile("hanoi-2099")).toBeUndefined();
  });
});

describe.each([
  {
    description: "missing groups and a misspelt field",
    input: { ...JSON.parse(JSON.stringify(getProfile("sonla-2024"))), groups: [], scal: 1 },
    expected: [/groups: at least one/, /scal: unknown field/],
  },
  {
    description: "a band with lower above upper, an unknown basis",
    input: {
      ...JSON.parse(JSON.stringify(getProfile("kontum-2022"))),
      gradeScheme: {
        basis: "percentage",
        bands: [
          {
            label: "X",
            labelEn: "X",
            lower: { value: 9, inclusive: true },
            upper: { value: 1, inclusive: false },
          },
        ],
      },
    },
    expected: [
      /basis: expected one of percent, group-percent, points/,
      /lower bound above upper bound/,
    ],
  },
  {
    description: "main-index maxima that do not add up to the scale",
    input: {
      ...JSON.parse(JSON.stringify(getProfile("national-922"))),
      scale: 900,
    },
    expected: [/sum to 1000, not the scale 900/],
  },
  {
    description: "a group with max 0 that does not take its max from the set",
    input: {
      ...JSON.parse(JSON.stringify(getProfile("hcm-2023"))),
      groups: [{ id: "x", name: "X", nameEn: "X", maxPoints: 0, aliases: [] }],
    },
    expected: [/maxPoints: must be above 0/],
  },
])("schema check rejects $description", ({ input, expected }) => {
  it("throws ProfileSchemaError naming each problem", () => {
    let error: unknown;
    try {
      checkProfile(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProfileSchemaError);
    for (const re of expected)
      expect((error as ProfileSchemaError).problems.join("\n")).toMatch(re);
  });
});

interface BandCase {
  readonly description: string;
  readonly input: { profile: string; group: string; max: number; points: number };
  /** A band label, "none" (no bands), or a gap between two bands. */
  readonly expected: string | { gap: [string | null, string | null] };
}

const band = (
  profile: string,
  group: string,
  max: number,
  points: number,
  expected: BandCase["expected"]
): BandCase => ({
  description: `${profile} ${group} ${points}/${max} → ${typeof expected === "string" ? expected : `gap ${expected.gap.join("..")}`}`,
  input: { profile, group, max, points },
  expected,
});

const BAND_CASES: BandCase[] = [
  // Sơn La 2024: Tốt ≥ 85; Khá 70..<85; TB 50..<70; Yếu < 50 (% of max, lower inclusive).
  band("sonla-2024", "agencies", 100, 100, "Tốt"),
  band("sonla-2024", "agencies", 100, 85, "Tốt"),
  band("sonla-2024", "agencies", 100, 84.99, "Khá"),
  band("sonla-2024", "agencies", 100, 70, "Khá"),
  band("sonla-2024", "agencies", 100, 69.99, "Trung bình"),
  band("sonla-2024", "districts", 100, 50, "Trung bình"),
  band("sonla-2024", "districts", 100, 49.99, "Yếu"),
  band("sonla-2024", "districts", 100, 0, "Yếu"),
  // Lào Cai: lower bound exclusive. 75.00% → Nâng cao, 75.01% → Dẫn dắt.
  band("laocai-2022", "agencies-tthc", 1000, 750, "Nâng cao"),
  band("laocai-2022", "agencies-tthc", 1000, 750.1, "Dẫn dắt"),
  band("laocai-2022", "agencies-tthc", 1000, 731.61, "Nâng cao"),
  band("laocai-2022", "agencies-tthc", 1000, 500, "Hình thành"),
  band("laocai-2022", "agencies-tthc", 1000, 500.1, "Nâng cao"),
  band("laocai-2022", "districts", 1000, 250, "Khởi động"),
  band("laocai-2022", "districts", 1000, 250.1, "Hình thành"),
  band("laocai-2022", "districts", 1000, 0, "Khởi động"),
  // Lào Cai, reduced group max: 750 (2022), 800 (2023).
  band("laocai-2022", "agencies-no-tthc", 750, 562.5, "Nâng cao"),
  band("laocai-2022", "agencies-no-tthc", 750, 562.6, "Dẫn dắt"),
  band("laocai-2023", "agencies-no-tthc", 800, 600, "Nâng cao"),
  band("laocai-2023", "agencies-no-tthc", 800, 600.08, "Dẫn dắt"),
  band("laocai-2023", "agencies-no-tthc", 800, 200, "Khởi động"),
  // Kon Tum: Tốt ≥ 90%; Khá 70..<90; TB 50..<70; Yếu < 50 (lower inclusive).
  band("kontum-2022", "agencies", 1000, 900, "Tốt"),
  band("kontum-2022", "agencies", 1000, 899.9, "Khá"),
  band("kontum-2022", "agencies", 1000, 700, "Khá"),
  band("kontum-2022", "agencies", 1000, 699.9, "Trung bình"),
  band("kontum-2022", "districts", 1000, 500, "Trung bình"),
  band("kontum-2022", "districts", 1000, 499.9, "Yếu"),
  // TP.HCM 2023 on points /330: Khởi động < 198; Hình thành 199..<264; Nâng cao ≥ 264; 198..<199 is a gap.
  band("hcm-2023", "departments", 330, 264, "Nâng cao"),
  band("hcm-2023", "departments", 330, 263.99, "Hình thành"),
  band("hcm-2023", "departments", 330, 199, "Hình thành"),
  band("hcm-2023", "departments", 330, 198.99, { gap: ["Khởi động", "Hình thành"] }),
  band("hcm-2023", "departments", 330, 198.5, { gap: ["Khởi động", "Hình thành"] }),
  band("hcm-2023", "departments", 330, 198, { gap: ["Khởi động", "Hình thành"] }),
  band("hcm-2023", "departments", 330, 197.99, "Khởi động"),
  // Đắk Lắk and national 922 publish no bands.
  band("daklak-2022", "departments", 1000, 819.79, "none"),
  band("national-922", "provinces", 1000, 650, "none"),
  band("generic", "all", 100, 90, "none"),
];

describe.each(BAND_CASES)("grade boundary: $description", ({ input, expected }) => {
  it("grades as published", () => {
    const { grade, issues } = gradeFor(
      getProfile(input.profile),
      input.group,
      input.max,
      input.points
    );
    if (expected === "none") expect(grade).toEqual({ kind: "none" });
    else if (typeof expected === "string")
      expect(grade).toMatchObject({ kind: "band", label: expected });
    else {
      expect(grade).toEqual({ kind: "gap", below: expected.gap[0], above: expected.gap[1] });
      expect(issues).toContain("grade_gap");
    }
  });
});

describe("grading details", () => {
  it("grades use the group's maximum: 600/800 is 75% (Nâng cao) for không TTHC in 2023", () => {
    const r = gradeFor(getProfile("laocai-2023"), "agencies-no-tthc", 800, 600);
    expect(r.percent).toBeCloseTo(75, 9);
  });

  it("gap to the next band: Sơn La 84 → 1 point to Tốt; Lào Cai 740/1000 → 10.01 points to Dẫn dắt", () => {
    expect(gradeFor(getProfile("sonla-2024"), "agencies", 100, 84).gap).toBeCloseTo(1, 9);
    expect(gradeFor(getProfile("laocai-2022"), "agencies-tthc", 1000, 740).gap).toBeCloseTo(
      10.01,
      9
    );
    expect(gradeFor(getProfile("sonla-2024"), "agencies", 100, 95).gap).toBeNull();
  });
});
