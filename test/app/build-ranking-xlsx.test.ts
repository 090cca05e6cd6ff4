/**
 * The ranking written through the ExcelJS adapter (what `dti rank --out` does): the copy gains the
 * add-in's sheets with formulas and cached values; the input file is left as it was.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { writeRanking } from "../../src/cli/write-ranking";
import { OutputError } from "../../src/cli/files";
import { getProfile } from "../../src/engine/profiles";
import type { Grid } from "../../src/engine/model/types";
import { makeFixture } from "../sheets/fixture";

async function writeGrids(grids: readonly Grid[], path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const g of grids) {
    const ws = wb.addWorksheet(g.sheet);
    g.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || typeof v === "object") return;
        ws.getCell(g.originRow + r, g.originCol + c).value = v;
      })
    );
  }
  await wb.xlsx.writeFile(path);
}

describe("writeRanking: ranked copy of an .xlsx file", () => {
  const dir = mkdtempSync(join(tmpdir(), "dti-rank-"));
  const f = makeFixture({ units: 15, seed: 2 });
  const input = join(dir, "nhap-diem.xlsx");
  const profile = getProfile("sonla-2024");

  beforeAll(() => writeGrids([f.grid, f.unitsGrid], input));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("adds the ranked sheets with formulas and cached numbers, input untouched", async () => {
    const before = readFileSync(input);
    const out = join(dir, "xep-hang.xlsx");
    const res = await writeRanking(input, out, { profile, year: 2024 });
    if (!res.ok) throw new Error(JSON.stringify(res.issues));
    expect(readFileSync(input).equals(before)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(["Nhập điểm", "Đơn vị", ...res.sheets])
    );
    const ws = wb.getWorksheet(res.sheets[0])!;
    const top = res.ranking.groups.find((g) => g.groupId === "agencies")!.units[0]!;
    expect(ws.getCell("B5").value).toBe(top.unitName);
    const rank = ws.getCell("H5").value as ExcelJS.CellFormulaValue;
    expect(rank.formula).toContain("COUNTIF");
    expect(rank.result).toBe(top.rank);
    const total = ws.getCell("F5").value as ExcelJS.CellFormulaValue;
    expect(total.result).toBeCloseTo(top.totalPoints!, 9);
    expect(ws.getCell("G5").numFmt).toBe("0.00%");
  });

  it("ranks an already ranked file again, replacing only its own sheets", async () => {
    const first = join(dir, "lan-1.xlsx");
    const second = join(dir, "lan-2.xlsx");
    const a = await writeRanking(input, first, { profile });
    const b = await writeRanking(first, second, { profile });
    if (!a.ok || !b.ok) throw new Error("not ranked");
    expect(b.sheets).toEqual(a.sheets);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(second);
    expect(wb.worksheets.filter((w) => w.name.startsWith("XH - "))).toHaveLength(2);
  });

  it("compares with last year's ranked file", async () => {
    const lastFile = join(dir, "2023.xlsx");
    const last = await writeRanking(input, lastFile, { profile, year: 2023 });
    if (!last.ok) throw new Error("not ranked");
    const out = join(dir, "2024.xlsx");
    const res = await writeRanking(input, out, { profile, year: 2024, lastYearFile: lastFile });
    if (!res.ok) throw new Error("not ranked");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const header = wb.getWorksheet(res.sheets[0])!.getRow(4).values as unknown[];
    expect(header).toContain("Tổng điểm 2023");
    expect(header).toContain("Thay đổi hạng (+ là tăng)");
    // both groups of last year's file were read: every unit matched, nothing listed as unmatched
    expect(res.issues.filter((i) => i.code === "last_year_unmatched")).toEqual([]);
  });

  it("refuses to write over its input", async () => {
    await expect(writeRanking(input, input, { profile })).rejects.toThrow(OutputError);
  });
});
