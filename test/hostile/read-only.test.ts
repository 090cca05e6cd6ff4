/**
 * Issue 12, item 3 (memory): `dti validate` and `dti rank` without --out open the file read-only:
 * a sheet's ExcelJS cells are let go once its grid is read (a 200,000-row sheet then peaks at about
 * 940 MB instead of 1.1 GB: `npm run bench -- hostile`). The grids are the same as a normal read,
 * a second read gives the same grid, and any write is refused.
 */
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsx-workbook";

async function fileBytes(): Promise<Buffer> {
  const wb = XlsxWorkbook.create();
  await wb.apply([
    {
      name: "Bảng",
      owned: true,
      role: "ranking",
      blocks: [
        {
          address: "B2",
          rows: [
            [
              { kind: "text", value: "Sở Y tế" },
              { kind: "number", value: 0 },
              { kind: "formula", formula: "=C2*2", cached: 0 },
            ],
            [
              { kind: "text", value: "Sở Nội vụ" },
              { kind: "number", value: 7.5 },
              { kind: "blank" },
            ],
          ],
        },
      ],
    },
  ]);
  const ws = wb.book.addWorksheet("Của tôi");
  ws.getCell("A1").value = "ghi chú";
  return wb.toBuffer();
}

describe("an .xlsx opened read-only", () => {
  it("reads the same grids as a normal open, twice, and refuses to write", async () => {
    const bytes = await fileBytes();
    const normal = await XlsxWorkbook.load(bytes);
    const ro = await XlsxWorkbook.load(bytes, { readOnly: true });
    const names = (await normal.listSheets()).map((s) => s.name);
    expect((await ro.listSheets()).map((s) => s.name)).toEqual(names);
    const expected = await normal.readGrids(names);
    expect(await ro.readGrids(names)).toEqual(expected);
    // Read again after its cells were let go: the same.
    expect(await ro.readGrid("Bảng")).toEqual(expected[0]);
    expect((await ro.readRange("Bảng", "C2:D3")).values).toEqual([
      [0, 0],
      [7.5, null],
    ]);
    expect(await ro.readSettings()).toEqual(await normal.readSettings());
    await expect(ro.writeSettings({ a: "b" })).rejects.toThrow("read-only");
    await expect(ro.apply([])).rejects.toThrow("read-only");
    await expect(ro.toBuffer()).rejects.toThrow("read-only");
  });
});
