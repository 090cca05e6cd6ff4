/** =DTI.GRADE(points, max, 'Quy tắc'!bands) works on the bands block exactly as the rules sheet lays it out. */
import { parseRange } from "../../../src/engine/address";
import { invoke } from "../../../src/engine/functions";
import { gradeOf, gradeText } from "../../../src/engine/grade";
import type { CellValue } from "../../../src/engine/model/types";
import { findPreset, RULES_SHEET, rulesSheetSpec } from "../../../src/engine/rules";
import { MemoryWorkbook } from "../../../src/workbook/memory/memory-workbook";

async function bandRows(id: string): Promise<CellValue[][]> {
  const sheet = rulesSheetSpec(findPreset(id)!);
  const wb = MemoryWorkbook.fromGrids([]);
  await wb.apply([sheet.spec]);
  const grid = (await wb.readGrids([RULES_SHEET]))[0]!;
  const r = parseRange(sheet.bandsRange!)!;
  return grid.values
    .slice(r.start.row - grid.originRow, r.end.row - grid.originRow + 1)
    .map((row) =>
      Array.from({ length: 8 }, (_, c) => row[r.start.col - grid.originCol + c] ?? null)
    );
}

describe("DTI.GRADE over the rules sheet's band rows", () => {
  it.each(["sonla-2024", "laocai-2023", "kontum-2022", "hcm-2023"])(
    "%s: the same grade as the profile, on every boundary",
    async (id) => {
      const rows = await bandRows(id);
      const preset = findPreset(id)!;
      const scheme = {
        basis: preset.bands[0]!.basis,
        bands: preset.bands.map((b) => ({
          label: b.label!,
          labelEn: b.labelEn,
          ...(b.lower ? { lower: { value: b.lower.value!, inclusive: b.lower.inclusive } } : {}),
          ...(b.upper ? { upper: { value: b.upper.value!, inclusive: b.upper.inclusive } } : {}),
        })),
      };
      const max = preset.scale!;
      const points = [
        0,
        0.24 * max,
        0.25 * max,
        0.5 * max,
        0.7 * max,
        0.75 * max,
        0.85 * max,
        0.9 * max,
        max,
        198.5,
        199,
        264,
      ];
      for (const p of points.filter((x) => x <= max)) {
        expect([p, invoke("GRADE", [p, max, rows])]).toEqual([
          p,
          gradeText(gradeOf(p, max, scheme)),
        ]);
      }
    }
  );

  it("a band still to fill is #VALUE! naming the cell, in Vietnamese and English", async () => {
    const rows = await bandRows("hanoi-2025");
    const r = invoke("GRADE", [50, 100, rows]);
    expect(r).toMatchObject({ error: "#VALUE!" });
    expect(JSON.stringify(r)).toMatch(/điền theo quyết định/);
    expect(JSON.stringify(r)).toMatch(/not filled in yet/);
  });

  it("overlapping rows are refused", async () => {
    const rows = await bandRows("sonla-2024");
    rows[1]![4] = 90; // Khá up to 90 overlaps Tốt from 85
    expect(invoke("GRADE", [80, 100, rows])).toMatchObject({ error: "#VALUE!" });
  });
});
