/**
 * Years and the 2025 reform: a unit map (old → new, many to one) puts last year's results under this
 * year's names, a merged unit's figure being the mean of its former units'; unmatched rows are listed,
 * never dropped. The map and the units not ranked round-trip through the rules sheet.
 */
import type { LastYearRanking } from "../../../src/engine/sheets/year-over-year";
import { applyUnitMap, matchLastYear } from "../../../src/engine/sheets/year-over-year";
import {
  findPreset,
  readRulesGrid,
  rulesFromGrid,
  rulesSheetSpec,
  RULES_SHEET,
} from "../../../src/engine/rules";
import { MemoryWorkbook } from "../../../src/workbook/memory/memory-workbook";
import { paramsOf, type UnitResult } from "../../../src/engine/model/types";

const last: LastYearRanking = {
  year: 2024,
  source: "ket-qua-2024.xlsx",
  scale: 1000,
  units: [
    { name: "UBND xã A", totalPoints: 600, percentOfMax: 0.6, rank: 3, grade: "Khá" },
    { name: "UBND xã B", totalPoints: 700, percentOfMax: 0.7, rank: 2, grade: "Khá" },
    { name: "UBND xã C", totalPoints: 800, percentOfMax: 0.8, rank: 1, grade: "Tốt" },
    { name: "Sở Tài chính", totalPoints: 900, percentOfMax: 0.9, rank: 1, grade: "Tốt" },
  ],
};

function unit(name: string): UnitResult {
  return {
    unitId: name,
    unitName: name,
    groupId: "communes",
    components: {},
    mainIndices: {},
    totalPoints: 650,
    applicableMax: 1000,
    percentOfMax: 65,
    index0to1: 0.65,
    grade: { kind: "none" },
    rank: 1,
    gapToNextBand: null,
    provisional: false,
  };
}

describe("unit map", () => {
  it("merges many former units into one (mean), renames one, lists what it cannot place", () => {
    const { ranking, issues } = applyUnitMap(last, [
      { from: "UBND xã A", to: "UBND phường Hòa Bình" },
      { from: "xã B", to: "UBND phường Hòa Bình" },
      { from: "UBND xã C", to: "UBND xã Tân Lập" },
      { from: "UBND xã Không Có", to: "UBND xã Tân Lập" },
    ]);
    const byName = new Map(ranking.units.map((u) => [u.name, u]));
    expect(byName.get("UBND phường Hòa Bình")).toMatchObject({
      name: "UBND phường Hòa Bình",
      totalPoints: 650,
      rank: null,
      grade: null,
    });
    expect(byName.get("UBND phường Hòa Bình")?.percentOfMax).toBeCloseTo(0.65, 12);
    expect(byName.get("UBND xã Tân Lập")).toMatchObject({
      totalPoints: 800,
      rank: 1,
      grade: "Tốt",
    });
    expect(byName.get("Sở Tài chính")?.totalPoints).toBe(900);
    expect(ranking.units).toHaveLength(3);
    expect(issues.map((i) => [i.code, paramsOf(i)["unitName"]])).toEqual([
      ["rules_unit_map_unmatched", "UBND xã Không Có"],
    ]);
    // This year's units now match; the one the map does not cover is listed, not dropped.
    const m = matchLastYear([unit("UBND phường Hòa Bình"), unit("UBND xã Mới")], ranking);
    expect(m.byUnit.get("UBND phường Hòa Bình")?.totalPoints).toBe(650);
    expect(m.unmatchedCurrent.map((u) => u.unitName)).toEqual(["UBND xã Mới"]);
    expect(m.unmatchedLastYear.map((u) => u.name).sort()).toEqual([
      "Sở Tài chính",
      "UBND xã Tân Lập",
    ]);
  });

  it("round-trips through the rules sheet with the units not ranked; a unit mapped twice is an error", async () => {
    const doc = {
      ...findPreset("phutho-2025")!,
      unrankedUnits: ["Công an tỉnh", "Thanh tra tỉnh"],
      unitMap: [
        { from: "UBND xã A", to: "UBND phường Hòa Bình" },
        { from: "UBND xã B", to: "UBND phường Hòa Bình" },
      ],
    };
    const wb = MemoryWorkbook.fromGrids([]);
    const sheet = rulesSheetSpec(doc);
    await wb.apply([sheet.spec]);
    const grid = await wb.readGrid(RULES_SHEET);
    const read = readRulesGrid(grid);
    expect(read.ok && read.value.doc).toEqual(doc);
    wb.set(RULES_SHEET, sheet.cells.get("unitMap[1].from")!, "UBND xã A");
    wb.set(RULES_SHEET, sheet.cells.get("unitMap[1].to")!, "UBND xã Khác");
    const out = rulesFromGrid(await wb.readGrid(RULES_SHEET));
    const hit = out.issues.find((i) => i.code === "rules_unit_map_conflict");
    expect(hit?.cell?.cell).toBe(sheet.cells.get("unitMap[1].from"));
  });
});
