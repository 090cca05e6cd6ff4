/**
 * Issue 13: group names with a real comma in the "Đơn vị" sheet. A literal list in Excel's data
 * validation is one comma-separated string, so "Sở, ban, ngành" would split in three: the "Nhóm"
 * dropdown reads the names from the sheet's own list (column I) instead, and every cell holds the
 * real comma. On the memory workbook, the .xlsx file (the XML Excel reads) and the Office adapter
 * over the fake Excel; sheets written before (U+201A look-alike) still read their groups.
 */
import JSZip from "jszip";
import { createEntrySheets } from "../../src/app/entry-sheets";
import { readUnits } from "../../src/app/units";
import { UNITS_SHEET } from "../../src/engine";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office/office-workbook";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsx-workbook";
import { FakeExcel } from "../workbook/office/fake-excel";
import { makeUnits, smallSet } from "./fixtures";

const AGENCIES = "Sở, ban, ngành cấp tỉnh";
const DISTRICTS = "UBND các huyện, thành phố";

describe("the units sheet's group list", () => {
  it("memory: cells and list hold the real comma; the dropdown's source is the list range", async () => {
    const wb = new MemoryWorkbook();
    const set = smallSet();
    expect((await createEntrySheets(wb, set, makeUnits(2))).ok).toBe(true);
    expect([wb.get(UNITS_SHEET, "C2"), wb.get(UNITS_SHEET, "C3")]).toEqual([AGENCIES, DISTRICTS]);
    expect([wb.get(UNITS_SHEET, "I2"), wb.get(UNITS_SHEET, "I3")]).toEqual([AGENCIES, DISTRICTS]);
    const rule = wb.snapshot(UNITS_SHEET).validations.find((v) => v.range.startsWith("C2:"))?.rule;
    expect(rule).toMatchObject({ kind: "list", source: "$I$2:$I$3" });
    // Read back: every unit in its group.
    const units = await readUnits(wb, set.profile);
    expect(units.ok && units.value.map((u) => u.groupId)).toEqual(["agencies", "districts"]);
  });

  it(".xlsx: the validation's formula is the range, not a quoted literal list", async () => {
    const book = XlsxWorkbook.create();
    expect((await createEntrySheets(book, smallSet(), makeUnits(2))).ok).toBe(true);
    const zip = await JSZip.loadAsync(await book.toBuffer());
    const sheets = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
        .map((n) => zip.file(n)!.async("string"))
    );
    const units = sheets.find((x) => x.includes('sqref="C2:C'));
    expect(units).toBeDefined();
    const dv = /<dataValidation [^>]*sqref="C2:C\d+"[^>]*>[\s\S]*?<\/dataValidation>/.exec(
      units!
    )?.[0];
    expect(dv).toContain("<formula1>$I$2:$I$3</formula1>");
    expect(dv).not.toContain("\u201A");
    // Reopened, the cells still hold the real comma.
    const again = await XlsxWorkbook.load(await book.toBuffer());
    expect((await again.readRange(UNITS_SHEET, "C2:C3")).values).toEqual([[AGENCIES], [DISTRICTS]]);
  });

  it("Office: the rule's source is the range reference", async () => {
    const fake = new FakeExcel();
    const office = new OfficeWorkbook({ host: fake.host, cellEditRetryDelayMs: 0 });
    expect((await createEntrySheets(office, smallSet(), makeUnits(2))).ok).toBe(true);
    const v = fake.sheet(UNITS_SHEET).validations.find((x) => x.range.startsWith("C2:"));
    expect(v?.rule).toEqual({ list: { inCellDropDown: true, source: "=$I$2:$I$3" } });
  });

  it("a units sheet written before (U+201A look-alike) still reads its groups", async () => {
    const wb = new MemoryWorkbook();
    const set = smallSet();
    await createEntrySheets(wb, set, makeUnits(2));
    wb.userEdit(UNITS_SHEET, "C2", AGENCIES.replace(/,/g, "\u201A"));
    const units = await readUnits(wb, set.profile);
    expect(units.ok && units.value[0]?.groupId).toBe("agencies");
  });
});
