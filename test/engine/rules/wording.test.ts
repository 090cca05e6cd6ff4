/** Band wordings as decisions print them → bounds and inclusivity (table-driven). */
import { bandWording, parseBandWording } from "../../../src/engine/rules";

type B = { value: number; inclusive: boolean };
const incl = (value: number): B => ({ value, inclusive: true });
const excl = (value: number): B => ({ value, inclusive: false });

const CASES: readonly [string, B | undefined, B | undefined, "percent" | "points" | null][] = [
  ["từ 85 điểm trở lên", incl(85), undefined, "points"],
  ["từ 70 đến dưới 85", incl(70), excl(85), null],
  ["trên 50% đến 75%", excl(50), incl(75), "percent"],
  ["dưới 50", undefined, excl(50), null],
  ["từ 199 - dưới 264 điểm", incl(199), excl(264), "points"],
  ["lớn hơn 50% và nhỏ hơn hoặc bằng 75%", excl(50), incl(75), "percent"],
  ["từ 90% điểm trở lên", incl(90), undefined, "percent"],
  ["từ 70% điểm đến dưới 90% điểm", incl(70), excl(90), "percent"],
  ["dưới 198 điểm", undefined, excl(198), "points"],
  ["đạt trên 75", excl(75), undefined, null],
  ["Tu 85 tro len", incl(85), undefined, null],
  ["≥ 85%", incl(85), undefined, "percent"],
  ["> 75%", excl(75), undefined, "percent"],
  ["≤ 25%", undefined, incl(25), "percent"],
  ["1.000 điểm trở xuống", undefined, incl(1000), "points"],
  ["từ 82,5 đến dưới 90", incl(82.5), excl(90), null],
  ["không quá 25%", undefined, incl(25), "percent"],
  ["lớn hơn hoặc bằng 50 và nhỏ hơn 70", incl(50), excl(70), null],
];

describe("parseBandWording", () => {
  it.each(CASES)("%s", (wording, lower, upper, unit) => {
    const got = parseBandWording(wording);
    expect(got).toEqual({
      ...(lower ? { lower } : {}),
      ...(upper ? { upper } : {}),
      unit,
    });
  });

  it.each(["", "Tốt", "từ 85 trên 90", "từ 90 đến dưới 70", "1, 2, 3"])(
    "%s: no bounds or contradictory → null",
    (w) => expect(parseBandWording(w)).toBeNull()
  );

  it("reads back what bandWording writes", () => {
    for (const [, lower, upper] of CASES) {
      if (lower === undefined && upper === undefined) continue;
      for (const unit of ["percent", "points"] as const) {
        const w = bandWording(lower, upper, unit);
        expect(parseBandWording(w)).toEqual({
          ...(lower ? { lower } : {}),
          ...(upper ? { upper } : {}),
          unit,
        });
      }
    }
  });
});
