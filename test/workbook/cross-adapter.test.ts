/** A file written by the CLI (ExcelJS) is recognised by the Office adapter and the preview: one ownership scheme. */
import { a1 } from "../../src/engine/address";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office/office-workbook";
import { readXlsxGrids } from "../../src/workbook/xlsx/read-grid";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsx-workbook";
import { markerSheet } from "../../src/workbook/ownership";
import { FakeExcel } from "./office/fake-excel";

/** The file's defined names (the ownership markers) into the fake, as Excel opens them. */
function copyNames(file: XlsxWorkbook, fake: FakeExcel): void {
  for (const d of file.book.definedNames.model) {
    const sheet = markerSheet(d.ranges[0] ?? "");
    if (sheet !== null) fake.userDefineName(d.name, sheet);
  }
}
import { rankingSpec } from "./port-contract";

describe("one ownership scheme across adapters", () => {
  it("sheets and settings written to .xlsx are the add-in's in Excel and in the preview", async () => {
    const file = XlsxWorkbook.create();
    file.book.addWorksheet("Của tôi").getCell("A1").value = "dữ liệu";
    await file.apply([rankingSpec("Xếp hạng", [["Sở A", 1]])]);
    await file.writeSettings({ profile: "sonla-2024" });
    const grids = await readXlsxGrids(await file.toBuffer());

    // Open the same cells in (fake) Excel.
    const fake = new FakeExcel();
    for (const g of grids) {
      const s = fake.addSheet(g.sheet);
      if (g.sheet === "_dti") s.visibility = "VeryHidden";
      g.values.forEach((row, r) =>
        row.forEach((v, c) => {
          const cell = s.cell(g.originRow + r, g.originCol + c);
          if (v !== null && typeof v !== "object") cell.value = v;
          const f = g.formulas?.[r]?.[c];
          if (f) cell.formula = f;
        })
      );
    }
    copyNames(file, fake);
    const office = new OfficeWorkbook({ host: fake.host });
    const sheets = await office.listSheets();
    expect(sheets.find((s) => s.name === "Xếp hạng")).toMatchObject({
      owned: true,
      role: "ranking",
    });
    expect(sheets.find((s) => s.name === "Của tôi")).toMatchObject({ owned: false });
    expect(sheets.find((s) => s.name === "_dti")).toMatchObject({ owned: true, visible: false });
    expect(await office.readSettings()).toEqual({ profile: "sonla-2024" });
    await expect(office.apply([rankingSpec("Của tôi", [])])).rejects.toMatchObject({
      code: "sheet_not_owned",
    });
    await office.apply([rankingSpec("Xếp hạng", [["Sở B", 2]])]);
    expect(fake.cell("Xếp hạng", a1(2, 1))?.value).toBe("Sở B");

    const preview = MemoryWorkbook.fromGrids(
      grids,
      Object.fromEntries(file.book.definedNames.model.map((d) => [d.name, d.ranges[0] ?? ""]))
    );
    expect((await preview.listSheets()).find((s) => s.name === "Xếp hạng")?.owned).toBe(true);
    expect(await preview.readSettings()).toEqual({ profile: "sonla-2024" });
  });
});

describe("charts a file could not hold", () => {
  it("are drawn by the Office adapter when the CLI's file is opened in Excel, once", async () => {
    const file = XlsxWorkbook.create();
    await file.apply([
      {
        ...rankingSpec("Xếp hạng", [
          ["Sở A", 1],
          ["Sở B", 2],
        ]),
        charts: [
          { kind: "bar", title: "Tổng điểm", categories: "A2:A3", values: "B2:B3", anchor: "D2" },
        ],
      },
    ]);
    const grids = await readXlsxGrids(await file.toBuffer());
    const fake = new FakeExcel();
    for (const g of grids) {
      const s = fake.addSheet(g.sheet);
      g.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== null && typeof v !== "object")
            s.cell(g.originRow + r, g.originCol + c).value = v;
        })
      );
    }
    copyNames(file, fake);
    const office = new OfficeWorkbook({ host: fake.host });
    expect(await office.drawRecordedCharts()).toEqual(["Xếp hạng"]);
    expect(fake.sheet("Xếp hạng").charts).toHaveLength(1);
    expect(fake.sheet("Xếp hạng").charts[0]).toMatchObject({
      title: "Tổng điểm",
      values: "'Xếp hạng'!B2:B3",
    });
    expect(await office.readSettings()).toEqual({});
    expect(await office.drawRecordedCharts()).toEqual([]);
    expect(fake.sheet("Xếp hạng").charts).toHaveLength(1);
  });
});
