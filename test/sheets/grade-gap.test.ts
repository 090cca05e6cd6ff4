/**
 * A total in a gap between grade bands (TP.HCM 2023: 198 < points < 199) reads the same everywhere:
 * the engine's text, the ranked sheet's cached value and its native formula after recalculation.
 */
import { a1 } from "../../src/engine/address";
import { evaluate } from "../../src/engine/evaluate";
import { gapLabel, gradeText } from "../../src/engine/grade";
import type { GradeScheme, IndicatorSet } from "../../src/engine/model/types";
import {
  FIRST_DATA_ROW,
  rankingColumns,
  rankingSheetSpecs,
} from "../../src/engine/sheets/ranking-sheets";
import { makeFixture } from "./fixture";
import { Spreadsheet, sameShown } from "./spreadsheet";

describe("a total in a gap between grade bands", () => {
  const f = makeFixture({ units: 12, seed: 5 });
  const first = f.ranking.groups[0]!.units[0]!;
  const t = first.totalPoints!;
  // TP.HCM-like bands on points with a hole around the first unit's total: "< t-0.25" and "≥ t+0.5".
  const scheme: GradeScheme = {
    basis: "points",
    bands: [
      { label: "Hình thành", labelEn: "Forming", lower: { value: t + 0.5, inclusive: true } },
      { label: "Khởi động", labelEn: "Starting", upper: { value: t - 0.25, inclusive: false } },
    ],
  };
  const set: IndicatorSet = { ...f.set, profile: { ...f.set.profile, gradeScheme: scheme } };
  const ranking = evaluate(set, f.data);
  const specs = rankingSheetSpecs(set, f.data, ranking, { year: 2024 });
  const sheet = new Spreadsheet([f.grid], specs);
  const text = "Chưa xếp loại (giữa Khởi động và Hình thành)";

  it("the engine says which bands it falls between", () => {
    const u = ranking.groups[0]!.units.find((x) => x.unitId === first.unitId)!;
    expect(u.grade).toEqual({ kind: "gap", below: "Khởi động", above: "Hình thành" });
    expect(gradeText(u.grade)).toBe(text);
    expect(gapLabel("Khởi động", "Hình thành", "en")).toBe(
      "Not graded (between Khởi động and Hình thành)"
    );
  });

  it("the ranked sheet caches that text and its formula computes the same after recalculation", () => {
    const spec = specs[0]!;
    const cols = rankingColumns(3, true, false);
    const units = ranking.groups[0]!.units;
    let gaps = 0;
    units.forEach((u, i) => {
      const at = a1(FIRST_DATA_ROW + i, cols.grade!);
      const shown = sheet.value(spec.name, at);
      expect(shown).toBe(gradeText(u.grade));
      if (shown === text) gaps++;
    });
    expect(gaps).toBeGreaterThan(0);
    for (const s of specs) {
      const wrong = sheet.formulaCells(s.name).filter((c) => !sameShown(c.cached, c.computed));
      expect(wrong).toEqual([]);
    }
  });
});
