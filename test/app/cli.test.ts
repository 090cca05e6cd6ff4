/** `dti merge` and `dti template` end to end over real .xlsx files. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import merge from "../../src/cli/commands/merge";
import rank from "../../src/cli/commands/rank";
import template from "../../src/cli/commands/template";
import { readSession } from "../../src/app/session";
import { validateWorkbook } from "../../src/app/validate-workbook";
import type { CellValue } from "../../src/engine/model/types";
import { ENTRY_SHEET, UNITS_SHEET } from "../../src/engine/entry";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsx-workbook";
import { formBook, formRows } from "../support/agency-form";

let dir = "";
let log: jest.SpyInstance;
let err: jest.SpyInstance;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "dti-d2-"));
  log = jest.spyOn(console, "log").mockImplementation(() => undefined);
  err = jest.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  log.mockRestore();
  err.mockRestore();
  rmSync(dir, { recursive: true, force: true });
});

async function writeForm(
  file: string,
  unit: string,
  scores: readonly CellValue[]
): Promise<string> {
  const rows = formRows(
    unit,
    [
      { code: "1", name: "Nhận thức số", max: 40 },
      { code: "1.1", name: "Ban chỉ đạo", max: 20, self: scores[0] },
      { code: "1.2", name: "Kế hoạch", max: 20, self: scores[1] },
      { code: "2", name: "Hạ tầng số", max: 60 },
      { code: "2.1", name: "Mạng LAN", max: 60, self: scores[2] },
    ],
    "BIỂU TỰ ĐÁNH GIÁ"
  );
  const path = join(dir, file);
  await formBook(rows).xlsx.writeFile(path);
  return path;
}

describe("dti merge", () => {
  it("merges forms into an entry workbook the add-in opens with its set, flagging 8,5", async () => {
    const a = await writeForm("so-tai-chinh.xlsx", "Sở Tài chính", [20, 15, 50]);
    const b = await writeForm("moc-chau.xlsx", "UBND huyện Mộc Châu", [10, "8,5", 70]);
    const out = join(dir, "tong-hop.xlsx");
    const code = await merge.run([a, b, "--set", "sonla-2024", "--out", out]);
    expect(code).toBe(0);
    const book = await XlsxWorkbook.load(out);
    const grid = await book.readGrid(ENTRY_SHEET);
    const cell = (r: number, c: number): CellValue =>
      grid.values[r - grid.originRow]?.[c - grid.originCol] ?? null;
    expect(cell(4, 6)).toBe("Sở Tài chính");
    expect(cell(4, 9)).toBe("UBND huyện Mộc Châu");
    expect(cell(8, 9)).toBe("8,5");
    expect((await readSession(book))?.profileId).toBe("sonla-2024");
    const issues = await validateWorkbook(book);
    expect(issues.some((i) => i.code === "vn_number_parsed" && i.cell?.cell === "I8")).toBe(true);
    expect(issues.some((i) => i.code === "score_above_max" && i.cell?.cell === "I10")).toBe(true);
    expect((await book.listSheets()).map((s) => s.name)).toEqual(
      expect.arrayContaining([ENTRY_SHEET, UNITS_SHEET])
    );
  });

  it("reports a missing file, keeps the others, and exits 1", async () => {
    const a = await writeForm("a.xlsx", "Sở A", [1, 2, 3]);
    const out = join(dir, "o.xlsx");
    const code = await merge.run([
      a,
      join(dir, "khong-co.xlsx"),
      "--set",
      "sonla-2024",
      "--out",
      out,
    ]);
    expect(code).toBe(1);
    expect(String(err.mock.calls.flat().join(" "))).toContain("Không tìm thấy tệp");
  });

  it("takes the set from the official workbook with --from", async () => {
    const official = await writeForm("bo-chi-so.xlsx", "Mẫu", []);
    const a = await writeForm("a.xlsx", "Sở A", [1, 2, 3]);
    const out = join(dir, "o.xlsx");
    expect(
      await merge.run([a, "--from", official, "--set", "sonla-2024", "--out", out, "--force"])
    ).toBe(0);
    const session = await readSession(await XlsxWorkbook.load(out));
    expect(session?.set.indicators.map((i) => i.code)).toEqual(["1", "1.1", "1.2", "2", "2.1"]);
  });

  it("exits 2 with the usage when --out is missing or an option is unknown", async () => {
    expect(await merge.run(["x.xlsx", "--set", "sonla-2024"])).toBe(2);
    expect(
      await merge.run(["x.xlsx", "--set", "sonla-2024", "--out", "o.xlsx", "--bogus", "1"])
    ).toBe(2);
  });

  it("issue 13 item 1: gives agencies whose form names no group the --group, so none is left out", async () => {
    const a = await writeForm("a.xlsx", "Sở A", [1, 2, 3]);
    const b = await writeForm("b.xlsx", "Sở B", [4, 5, 6]);
    const out = join(dir, "o.xlsx");
    expect(
      await merge.run([
        a,
        b,
        "--set",
        "sonla-2024",
        "--group",
        "Sở, ban, ngành",
        "--out",
        out,
        "--force",
      ])
    ).toBe(0);
    const book = await XlsxWorkbook.load(out);
    const units = await book.readGrid(UNITS_SHEET);
    const groups = units.values.slice(1, 3).map((r) => r[2] as string);
    expect(groups).toHaveLength(2);
    for (const g of groups) expect(g).toMatch(/^Sở.*ngành/);
    expect(
      await merge.run([a, "--set", "sonla-2024", "--group", "Nhóm X", "--out", out, "--force"])
    ).toBe(2);
    expect(String(err.mock.calls.flat().join(" "))).toContain('nhóm "Nhóm X" không có');
  });

  it("prints in English with --lang en", async () => {
    const a = await writeForm("a.xlsx", "Sở A", [1, 2, 3]);
    const out = join(dir, "o.xlsx");
    expect(
      await merge.run([a, "--set", "sonla-2024", "--out", out, "--force", "--lang", "en"])
    ).toBe(0);
    expect(String(log.mock.calls.flat().join(" "))).toContain("Merged 1 unit(s) from 1 file(s)");
  });
});

describe("dti template", () => {
  it("writes the entry workbook from an official workbook (--from)", async () => {
    const official = await writeForm("bo-chi-so.xlsx", "Mẫu", []);
    const out = join(dir, "nhap-diem.xlsx");
    expect(
      await template.run([
        "--set",
        "sonla-2024",
        "--from",
        official,
        "--units",
        "Sở A;Sở B",
        "--out",
        out,
      ])
    ).toBe(0);
    const book = await XlsxWorkbook.load(out);
    const grid = await book.readGrid(ENTRY_SHEET);
    const row6 = grid.values[6 - grid.originRow] ?? [];
    expect(row6.slice(0, 4)).toEqual(["1", "Nhận thức số", 40, "Chỉ số chính"]);
    const f = grid.formulas?.[6 - grid.originRow]?.[5];
    expect(f).toBe("=SUM(F7:F8)");
    expect(book.worksheet(ENTRY_SHEET).getCell("F7").protection?.locked).toBe(false);
  });

  it("dti rank --out ranks the workbook dti template wrote (its owned entry sheets are the input)", async () => {
    const official = await writeForm("bo-chi-so-2.xlsx", "Mẫu", []);
    const entry = join(dir, "nhap.xlsx");
    const args = ["--set", "sonla-2024", "--from", official, "--units", "Sở A;Sở B", "--out"];
    expect(await template.run([...args, entry])).toBe(0);
    // Without groups nothing can be ranked: the reason is printed, not only "see the issues above".
    err.mockClear();
    expect(await rank.run([entry, "--out", join(dir, "r0.xlsx")])).toBe(2);
    const said = String(err.mock.calls.flat().join("\n"));
    expect(said).toMatch(/Sở A/);
    // With the groups chosen on "Đơn vị", the ranked copy is written.
    const book = await XlsxWorkbook.load(entry);
    await book.writeValues(UNITS_SHEET, [
      { cell: "C2", value: "Sở, ban, ngành" },
      { cell: "C3", value: "Sở, ban, ngành" },
    ]);
    const filled = join(dir, "nhap-2.xlsx");
    await book.save(filled);
    const out = join(dir, "r1.xlsx");
    expect(await rank.run([filled, "--out", out])).toBeLessThan(2);
    const ranked = await XlsxWorkbook.load(out);
    expect((await ranked.listSheets()).some((s) => s.role === "ranking")).toBe(true);
  });

  it("refuses a profile without built-in indicators when no --from is given", async () => {
    expect(await template.run(["--set", "sonla-2024", "--out", join(dir, "x.xlsx")])).toBe(2);
    expect(String(err.mock.calls.flat().join(" "))).toContain("--from");
  });
});

describe("dti rank --out --appendix (issue 13)", () => {
  it("writes the decision's appendix per group with the decision's number and date", async () => {
    const { makeFixture } = await import("../sheets/fixture");
    const rank = (await import("../../src/cli/commands/rank")).default;
    const f = makeFixture({ units: 8, seed: 2 });
    const input = new ExcelJS.Workbook();
    for (const g of [f.grid, f.unitsGrid]) {
      const ws = input.addWorksheet(g.sheet);
      g.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== null && typeof v !== "object")
            ws.getCell(g.originRow + r, g.originCol + c).value = v;
        })
      );
      for (const m of g.merges ?? []) ws.mergeCells(m);
    }
    const file = join(dir, "nhap-diem.xlsx");
    await input.xlsx.writeFile(file);
    const out = join(dir, "xep-hang.xlsx");
    const args = [file, "--set", "sonla-2024", "--out", out, "--appendix"];
    const code = await rank.run([
      ...args,
      "--decision",
      "125/QĐ-UBND",
      "--decision-date",
      "15/3/2025",
    ]);
    expect([0, 1]).toContain(code);
    const book = await XlsxWorkbook.load(out);
    const names = (await book.listSheets()).map((s) => s.name);
    const appendix = names.filter((n) => n.startsWith("Phụ lục - "));
    expect(appendix).toHaveLength(2);
    const g = await book.readGrid(appendix[0]!);
    const text = g.values.flat().filter((v) => typeof v === "string");
    expect(text).toContain(
      "(Kèm theo Quyết định số 125/QĐ-UBND ngày 15/3/2025 của UBND tỉnh Sơn La)"
    );
    expect(text).toContain("TM. ỦY BAN NHÂN DÂN");
  });
});
