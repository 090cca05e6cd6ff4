import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { readXlsxGrids, XlsxReadError } from "../../src/workbook/xlsx/read-grid";

const dir = mkdtempSync(join(tmpdir(), "dti-read-grid-"));

async function bytesOf(
  build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("Nhập điểm"), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("readXlsxGrids: .xlsx → the grid the add-in reads", () => {
  it("reads values, formula results, rich text, dates, errors, merges and hidden rows", async () => {
    const bytes = await bytesOf((ws, wb) => {
      ws.getCell("A1").value = "Bộ chỉ số";
      ws.mergeCells("A1:C1");
      ws.getCell("A2").value = 8.5;
      ws.getCell("B2").value = "8,5";
      ws.getCell("C2").value = { formula: "A2*2", result: 17 };
      ws.getCell("D2").value = { richText: [{ text: "Tài liệu " }, { text: "kiểm chứng" }] };
      ws.getCell("E2").value = new Date(Date.UTC(2024, 2, 15));
      ws.getCell("F2").value = { error: "#REF!" };
      ws.getCell("G2").value = true;
      ws.getCell("B4").value = "ẩn";
      ws.getRow(4).hidden = true;
      wb.addWorksheet("Đơn vị").getCell("B2").value = "Sở Tài chính";
    });
    const [grid, units] = await readXlsxGrids(bytes);
    expect(grid?.sheet).toBe("Nhập điểm");
    expect(grid?.values[0]).toEqual(["Bộ chỉ số", null, null, null, null, null, null]);
    expect(grid?.values[1]).toEqual([
      8.5,
      "8,5",
      17,
      "Tài liệu kiểm chứng",
      "2024-03-15",
      { error: "#REF!" },
      true,
    ]);
    expect(grid?.formulas?.[1]?.[2]).toBe("=A2*2");
    expect(grid?.merges).toEqual(["A1:C1"]);
    expect(grid?.hiddenRows).toEqual([4]);
    expect(grid?.values[3]?.[1]).toBe("ẩn");
    expect(units?.values[1]?.[1]).toBe("Sở Tài chính");
  });

  it("keeps a formula's cached result of 0 / false (ExcelJS drops falsy results from cell.value)", async () => {
    const bytes = await bytesOf((ws) => {
      ws.getCell("E6").value = 0;
      ws.getCell("E7").value = 0;
      ws.getCell("E5").value = { formula: "SUM(E6:E7)", result: 0 };
      ws.getCell("F5").value = { formula: "E5>1", result: false };
      ws.getCell("G5").value = { formula: "E5+3", result: 3 };
      ws.getCell("H5").value = { formula: "E5*2", result: 0 };
      ws.getCell("I5").value = { sharedFormula: "H5", result: 0 };
      ws.getCell("J5").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    });
    const file = join(dir, "zero-sum.xlsx");
    writeFileSync(file, bytes);
    const [grid] = await readXlsxGrids(file);
    expect(grid?.values[4]?.slice(4)).toEqual([0, false, 3, 0, 0, { error: "#DIV/0!" }]);
    expect(grid?.formulas?.[4]?.[4]).toBe("=SUM(E6:E7)");
  });

  it("reads from a path and from an ArrayBuffer", async () => {
    const bytes = await bytesOf((ws) => {
      ws.getCell("B3").value = 7;
    });
    const file = join(dir, "a.xlsx");
    writeFileSync(file, bytes);
    const fromPath = await readXlsxGrids(file);
    const ab = new Uint8Array(bytes).buffer;
    const fromAb = await readXlsxGrids(ab);
    expect(fromPath[0]?.values[2]?.[1]).toBe(7);
    expect(fromAb).toEqual(fromPath);
  });

  it("a missing file is a named error in Vietnamese and English", async () => {
    const missing = join(dir, "khong-co.xlsx");
    await expect(readXlsxGrids(missing)).rejects.toThrow(XlsxReadError);
    await expect(readXlsxGrids(missing)).rejects.toMatchObject({
      code: "file_not_found",
      message: expect.stringMatching(/Không tìm thấy tệp.*File not found/),
    });
  });

  it("a file that is not an .xlsx (CSV text, broken zip) is a named error", async () => {
    const csv = join(dir, "diem.xlsx");
    writeFileSync(csv, "STT,Tên,Điểm\n1,Sở A,8\n");
    await expect(readXlsxGrids(csv)).rejects.toMatchObject({
      code: "not_xlsx",
      message: expect.stringMatching(/không phải sổ tính Excel .xlsx.*is not an Excel .xlsx/),
    });
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(readXlsxGrids(ole)).rejects.toMatchObject({
      code: "not_xlsx",
      message: expect.stringContaining("Excel 97-2003 (.xls)"),
    });
    const brokenZip = Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(100)]);
    await expect(readXlsxGrids(brokenZip)).rejects.toMatchObject({ code: "not_xlsx" });
  });
});
