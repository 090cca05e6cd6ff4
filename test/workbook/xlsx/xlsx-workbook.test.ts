import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { SheetSpec } from "../../../src/engine/sheets/spec";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsx-workbook";
import { f, n, portContract, rankingSpec, t, type Harness } from "../port-contract";

function xlsxHarness(): Harness {
  let wb = XlsxWorkbook.create();
  const h: Harness = {
    get port() {
      return wb;
    },
    addUserSheet: (name, cells) => {
      const ws = wb.book.addWorksheet(name);
      for (const [cell, v] of Object.entries(cells)) ws.getCell(cell).value = v;
      return Promise.resolve();
    },
    fill: (sheet, cell) => Promise.resolve(wb.cellStyle(sheet, cell).fill ?? null),
    rename: (sheet, newName) => {
      wb.worksheet(sheet).name = newName;
      return Promise.resolve();
    },
    reopen: async () => {
      wb = await XlsxWorkbook.load(await wb.toBuffer());
      return wb;
    },
    type: (sheet, cell, value) => {
      const ws =
        wb.book.worksheets.find((w) => w.name.toUpperCase() === sheet.toUpperCase()) ??
        wb.book.addWorksheet(sheet);
      ws.getCell(cell).value =
        typeof value === "string" && value.startsWith("=") ? { formula: value.slice(1) } : value;
      return Promise.resolve();
    },
    // Deleted in Excel and saved: Excel writes the names that referred to it as #REF! (ExcelJS drops them).
    deleteSheet: (sheet) => {
      wb.book.removeWorksheet(wb.worksheet(sheet).id);
      wb.book.definedNames.model = wb.book.definedNames.model.filter(
        (d) => !d.ranges.some((r) => r.toUpperCase().includes(sheet.toUpperCase()))
      );
      return Promise.resolve();
    },
  };
  return h;
}

portContract("xlsx", () => Promise.resolve(xlsxHarness()));

const entrySpec: SheetSpec = {
  name: "Nhập điểm",
  owned: true,
  role: "entry-matrix",
  blocks: [
    { address: "A1", rows: [[t("Bảng nhập điểm")]], style: { bold: true, fontSize: 14 } },
    {
      address: "A4",
      rows: [
        [t("Mã"), t("Tên chỉ số"), t("Điểm tối đa"), t("Sở A")],
        [t("1"), t("Chỉ số chính"), n(10), f("=SUM(D6:D7)", 0)],
        [t("1.1"), t("Thành phần"), n(5), { kind: "blank" }],
        [t("1.2"), t("Thành phần"), n(5), { kind: "blank" }],
      ],
    },
  ],
  styles: [
    { range: "D6:D7", style: { locked: false, numberFormat: "0.00" } },
    { range: "A4:D4", style: { bold: true, border: "thin", fill: "#DDEBF7", align: "center" } },
  ],
  merges: ["A1:D1"],
  columnWidths: [{ col: "B", width: 40 }],
  freeze: { rows: 4, cols: 2 },
  validations: [
    {
      range: "D6:D7",
      rule: { kind: "decimal", min: 0, max: "$C6" },
      inputTitle: "Điểm",
      inputMessage: "Nhập từ 0 đến điểm tối đa",
    },
  ],
  conditionalFormats: [
    { range: "D6:D7", when: { kind: "formula", formula: "=D6>$C6" }, style: { fill: "#FFC7CE" } },
  ],
  tables: [{ name: "BangDiem", range: "A4:D7" }],
  charts: [{ kind: "bar", title: "Tổng", categories: "A5:A7", values: "D5:D7", anchor: "F2" }],
  pageSetup: { orientation: "landscape", paper: "A4", fitToWidth: true, printTitleRows: "4:4" },
  protect: true,
};

describe("XlsxWorkbook", () => {
  it("round-trips a full entry sheet through a saved file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dti-xlsx-"));
    const path = join(dir, "entry.xlsx");
    const wb = XlsxWorkbook.create();
    await wb.apply([entrySpec]);
    await wb.save(path);

    // Read with plain ExcelJS: what Excel will see.
    const raw = new ExcelJS.Workbook();
    await raw.xlsx.readFile(path);
    const ws = raw.getWorksheet("Nhập điểm")!;
    expect(ws.getCell("D5").formula).toBe("SUM(D6:D7)");
    expect(ws.getCell("A5").value).toBe("1");
    expect(ws.getCell("A1").font.bold).toBe(true);
    expect(ws.getCell("A1").isMerged).toBe(true);
    expect(ws.getCell("D6").numFmt).toBe("0.00");
    expect(ws.getCell("D6").protection.locked).toBe(false);
    expect(ws.getColumn("B").width).toBe(40);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 4 });
    expect(ws.pageSetup).toMatchObject({
      orientation: "landscape",
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
    });
    expect(ws.pageSetup.printTitlesRow).toBe("4:4");
    expect((ws as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({
      sheet: true,
    });
    const dv = (
      (ws as unknown as { dataValidations: unknown }).dataValidations as {
        model: Record<string, ExcelJS.DataValidation>;
      }
    ).model;
    const rule = Object.values(dv)[0];
    expect(rule).toMatchObject({
      type: "decimal",
      operator: "between",
      prompt: "Nhập từ 0 đến điểm tối đa",
    });
    expect(rule?.formulae?.[0]).toBe(0);
    // ExcelJS's reader parses formula2 as a number (NaN for "$C6"); the model written holds the reference.
    const written = (
      (wb.worksheet("Nhập điểm") as unknown as { dataValidations: unknown }).dataValidations as {
        model: Record<string, ExcelJS.DataValidation>;
      }
    ).model;
    expect(written["D6:D7"]?.formulae).toEqual([0, "$C6"]);
    const cfs = (
      ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }
    ).conditionalFormattings;
    expect(cfs[0]?.ref).toBe("D6:D7");
    expect(cfs[0]?.rules[0]).toMatchObject({ type: "expression", formulae: ["D6>$C6"] });
    expect(Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables)).toEqual([
      "BangDiem",
    ]);
    expect(raw.getWorksheet("_dti")?.state).toBe("veryHidden");

    // And through the adapter again.
    const back = await XlsxWorkbook.load(path);
    expect(back.cellStyle("Nhập điểm", "A4")).toMatchObject({
      bold: true,
      border: "thin",
      fill: "#DDEBF7",
      align: "center",
    });
    expect(await back.chartsOf("Nhập điểm")).toEqual(entrySpec.charts);
    const g = await back.readGrid("Nhập điểm");
    expect(g.values[4]).toEqual(["1", "Chỉ số chính", 10, 0]);
    expect(g.merges).toContain("A1:D1");
    // A user's entry is accepted in an open cell, refused in a structure cell.
    await back.writeValues("Nhập điểm", [{ cell: "D6", value: 4.5 }]);
    await expect(back.writeValues("Nhập điểm", [{ cell: "C6", value: 1 }])).rejects.toMatchObject({
      code: "cell_protected",
    });
  });

  it("writes a table's formulas intact", async () => {
    const wb = XlsxWorkbook.create();
    await wb.apply([
      {
        ...rankingSpec("Xếp hạng", [
          ["Sở A", 1],
          ["Sở B", 2],
        ]),
        tables: [{ name: "XepHang", range: "A1:B4" }],
      },
    ]);
    const back = await XlsxWorkbook.load(await wb.toBuffer());
    const g = await back.readGrid("Xếp hạng");
    expect(g.formulas?.[3]?.[1]).toBe("=SUM(B2:B3)");
    expect(g.values[1]).toEqual(["Sở A", 1]);
  });

  it("falls back to a bordered, filtered range when the header cannot name table columns", async () => {
    const wb = XlsxWorkbook.create();
    const spec: SheetSpec = {
      name: "Bảng",
      owned: true,
      role: "ranking",
      blocks: [
        {
          address: "A1",
          rows: [
            [t("X"), t("X")],
            [n(1), n(2)],
          ],
        },
      ],
      tables: [{ name: "T1", range: "A1:B2" }],
    };
    await wb.apply([spec]);
    const back = await XlsxWorkbook.load(await wb.toBuffer());
    expect(back.cellStyle("Bảng", "B2").border).toBe("thin");
    expect(back.worksheet("Bảng").autoFilter).toBe("A1:B2");
  });

  it("keeps a replaced sheet at its place in the tab order", async () => {
    const wb = XlsxWorkbook.create();
    wb.book.addWorksheet("Đầu");
    await wb.apply([rankingSpec("Xếp hạng", [["A", 1]])]);
    wb.book.addWorksheet("Cuối");
    await wb.apply([rankingSpec("Xếp hạng", [["B", 2]])]);
    const back = await XlsxWorkbook.load(await wb.toBuffer());
    const visible = (await back.listSheets()).filter((s) => s.visible).map((s) => s.name);
    expect(visible).toEqual(["Đầu", "Xếp hạng", "Cuối"]);
  });

  it("remembers the selected sheet in the file, and forgets a deleted sheet's charts", async () => {
    const wb = XlsxWorkbook.create();
    wb.book.addWorksheet("Đầu");
    await wb.apply([entrySpec]);
    await wb.select("Nhập điểm", "d6");
    const back = await XlsxWorkbook.load(await wb.toBuffer());
    expect(await back.activeSheet()).toBe("Nhập điểm");
    await back.deleteOwnedSheets(["Nhập điểm"]);
    expect(await back.chartsOf("Nhập điểm")).toEqual([]);
    expect(await back.readSettings()).toEqual({});
    expect(back.roundTrips).toBe(4);
  });

  it("gives a clear vi/en error for a file that is not an .xlsx", async () => {
    await expect(XlsxWorkbook.load(Buffer.from("hello"))).rejects.toThrow(
      /không phải sổ tính Excel/
    );
  });
});
