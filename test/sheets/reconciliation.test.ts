import { a1 } from "../../src/engine/address";
import { evaluate } from "../../src/engine/evaluate";
import {
  outcomeChanges,
  reconciliationSheet,
  selfAssessedData,
} from "../../src/engine/sheets/reconciliation";
import { HEADER_ROW, FIRST_DATA_ROW } from "../../src/engine/sheets/ranking-sheets";
import { ENTRY, makeFixture } from "./fixture";
import { Spreadsheet, sameShown, specRaw } from "./spreadsheet";

describe("reconciliation: self-assessed against appraised", () => {
  const f = makeFixture({ units: 12, seed: 5, blankAppraised: 0.2 });
  const self = evaluate(f.set, selfAssessedData(f.data));
  const { spec, changes } = reconciliationSheet(f.set, f.data, f.ranking, self, { year: 2024 });
  const sheet = new Spreadsheet([f.grid], [spec]);
  const header = specRaw(spec)[HEADER_ROW - 1]!;
  const col = (label: string) => header.indexOf(label) + 1;

  it("ranks from self scores with the engine (appraised scores removed)", () => {
    expect(selfAssessedData(f.data).entries.every((e) => e.appraised === null)).toBe(true);
    const u = self.groups[0]!.units[0]!;
    const comps = f.data.entries.filter((e) => e.unitId === u.unitId);
    expect(u.totalPoints).toBeCloseTo(
      comps.reduce((a, e) => a + e.self!.points!, 0),
      9
    );
  });

  it("has self, appraised and difference per main index, then totals, grades, ranks and the flag", () => {
    expect(spec.name).toBe("Đối chiếu tự ĐG - thẩm định");
    expect(spec.role).toBe("reconciliation");
    expect(header.slice(0, 6)).toEqual([
      "STT",
      "Tên cơ quan, đơn vị",
      "Nhóm",
      "1. Nhận thức số: tự đánh giá",
      "1: thẩm định",
      "1: chênh lệch",
    ]);
    expect(header).toContain("Thẩm định làm thay đổi kết quả");
  });

  it("every formula equals the engine's value in a spreadsheet", () => {
    const wrong = sheet.formulaCells(spec.name).filter((c) => !sameShown(c.cached, c.computed));
    expect(wrong).toEqual([]);
  });

  it("flags exactly the units whose grade or rank the appraisal changed", () => {
    expect(changes).toEqual(outcomeChanges(f.ranking, self));
    expect(changes.length).toBeGreaterThan(0);
    const flagged: string[] = [];
    const n = f.ranking.groups.reduce((a, g) => a + g.units.length, 0);
    for (let r = FIRST_DATA_ROW; r < FIRST_DATA_ROW + n; r++)
      if (sheet.value(spec.name, a1(r, col("Thẩm định làm thay đổi kết quả"))) === "Có")
        flagged.push(sheet.value(spec.name, `B${r}`) as string);
    expect(flagged.sort()).toEqual(changes.map((c) => c.unitName).sort());
  });

  it("highlights differences (negative red, positive yellow) and the flag", () => {
    const cfs = spec.conditionalFormats ?? [];
    expect(cfs.some((c) => c.range.startsWith("F5") && c.style.fill === "#FFC7CE")).toBe(true);
    expect(cfs).toContainEqual(
      expect.objectContaining({ when: { kind: "equals-text", text: "Có" } })
    );
  });

  it("recalculates the difference when the appraiser changes a score", () => {
    const first = sheet.value(spec.name, "B5") as string;
    const k = f.units.findIndex((u) => u.name === first);
    const before = sheet.value(spec.name, "F5") as number;
    const entry = f.data.entries.find((e) => e.unitId === f.units[k]!.id && e.code === "1.1")!;
    const counted = entry.appraised?.points ?? entry.self!.points!;
    sheet.set(ENTRY, a1(7, 6 + 3 * k), counted - 1);
    expect(sheet.value(spec.name, "F5")).toBeCloseTo(before - 1, 9);
  });
});
