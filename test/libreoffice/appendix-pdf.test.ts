/**
 * Issue 13: the decision's appendix printed to PDF by LibreOffice. The ranked workbook of the sample
 * data is built with the appendix, only the "Phụ lục - …" sheets are kept (values only, as signed),
 * LibreOffice converts it to PDF, and pdftotext / pdfinfo check what a printed page shows: the
 * heading with the decision, every unit, the grade counts, the notes on provisional units and the
 * signature block, with the table fitting the page width. Skipped, saying why, without soffice.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, existsSync, rmSync, copyFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildRanking } from "../../src/app/build-ranking";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsx-workbook";
import { makeFixture, withScores } from "../sheets/fixture";

function has(cmd: string): boolean {
  try {
    return execFileSync("which", [cmd], { encoding: "utf8" }).trim() !== "";
  } catch {
    return false;
  }
}
const ready = has("soffice") && has("pdftotext") && has("pdfinfo");
if (!ready)
  console.warn(
    "test/libreoffice/appendix-pdf skipped: needs soffice, pdftotext and pdfinfo " +
      "(apt-get install -y libreoffice-calc-nogui poppler-utils)"
  );
const describeLo = ready ? describe : describe.skip;

describeLo("the decision's appendix, printed to PDF", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "dti-appendix-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has the heading, the ranked units, grade counts, provisional notes and the signature", async () => {
    const base = makeFixture({ units: 24, seed: 7, blankAppraised: 0 });
    const f = withScores(base, [{ unit: 0, code: "2.1", appraised: 99 }]);
    const book = XlsxWorkbook.create();
    for (const g of [f.grid, f.unitsGrid]) {
      const ws = book.book.addWorksheet(g.sheet);
      g.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== null && typeof v !== "object")
            ws.getCell(g.originRow + r, g.originCol + c).value = v;
        })
      );
      for (const m of g.merges ?? []) ws.mergeCells(m);
    }
    const res = await buildRanking(book, {
      confirmedSet: f.set,
      year: 2024,
      appendix: true,
      decision: { number: "125/QĐ-UBND", date: "15/3/2025", issuer: "UBND tỉnh Sơn La" },
    });
    if (!res.ok) throw new Error(JSON.stringify(res.issues));
    const appendices = res.sheets.filter((s) => s.startsWith("Phụ lục - "));
    expect(appendices).toHaveLength(2);
    // Only the appendix is printed: every other sheet goes.
    for (const ws of [...book.book.worksheets])
      if (!appendices.includes(ws.name)) book.book.removeWorksheet(ws.id);
    const xlsx = join(dir, "phu-luc.xlsx");
    await book.save(xlsx);
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${join(dir, "lo")}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        xlsx,
      ],
      { stdio: "pipe", timeout: 120_000 }
    );
    const pdf = join(dir, "phu-luc.pdf");
    expect(existsSync(pdf)).toBe(true);
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1]
    );
    // 12 units per group fit one A4 page each: one page per group, the table never split across widths.
    expect(pages).toBe(2);
    // The README's picture of the page, when asked for (DTI_APPENDIX_PNG=docs/appendix.png).
    const png = process.env["DTI_APPENDIX_PNG"];
    if (png !== undefined && png !== "" && has("pdftoppm")) {
      execFileSync("pdftoppm", [
        "-png",
        "-r",
        "70",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        pdf,
        join(dir, "page"),
      ]);
      mkdirSync(join(png, ".."), { recursive: true });
      copyFileSync(join(dir, "page.png"), png);
    }
    const txt = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    const page1 = txt.split("\f")[0] ?? "";
    expect(page1).toContain("PHỤ LỤC I");
    expect(page1).toContain("KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI) NĂM 2024");
    expect(page1).toContain(
      "(Kèm theo Quyết định số 125/QĐ-UBND ngày 15/3/2025 của UBND tỉnh Sơn La)"
    );
    const agencies = res.ranking.groups.find((g) => g.groupId === "agencies")!;
    for (const u of agencies.units) expect(page1).toContain(u.unitName);
    for (const h of ["STT", "Tên cơ quan, đơn vị", "Ghi chú"]) expect(page1).toContain(h);
    expect(page1).toMatch(/Xếp loại Tốt\s+\d+/);
    // The notes under the table (the Ghi chú column itself wraps in the printed page).
    expect(txt).toMatch(/Ghi chú: 1 đơn vị có kết quả tạm tính/);
    expect(txt).toMatch(/- .+: tạm tính: 1 lỗi ở 2\.1/);
    expect(page1).toContain("TM. ỦY BAN NHÂN DÂN");
    expect(page1).toContain("CHỦ TỊCH");
    expect(txt).toContain("PHỤ LỤC II");
  }, 180_000);
});
