/**
 * Issue 12: "never leave half-written output", inside a workbook too. An apply that fails while it
 * changes the workbook (after its dry run) puts everything back: sheets rewritten in place, sheets
 * created or removed, ownership markers and the registry. On the .xlsx adapter with a failure ExcelJS
 * really raises (a merge over one the user made beside the table), and on the memory workbook with
 * an injected failure at its last step.
 */
import type { SheetSpec, SpecCell } from "../../src/engine/sheets/spec";
import { MemoryBook } from "../../src/workbook/memory/book";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import { PortError, type WorkbookPort } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsx-workbook";

const t = (value: string): SpecCell => ({ kind: "text", value });

function table(name: string, rows: number, cols: number, merges: string[] = []): SheetSpec {
  return {
    name,
    owned: true,
    role: "ranking",
    blocks: [
      {
        address: "A1",
        rows: Array.from({ length: rows }, (_, r) =>
          Array.from({ length: cols }, (_, c) => t(`${name} ${r + 1}.${c + 1}`))
        ),
      },
    ],
    merges,
  };
}

/** Everything the port shows of a workbook: sheets with ownership, every sheet's cells, settings. */
async function state(port: WorkbookPort): Promise<string> {
  const sheets = await port.listSheets();
  const grids = await port.readGrids(sheets.map((s) => s.name));
  return JSON.stringify({ sheets, grids, settings: await port.readSettings() });
}

describe("a failed apply on the .xlsx adapter leaves the workbook as it was", () => {
  it("a merge over the user's own merge fails the in-place rewrite: all put back", async () => {
    const wb = XlsxWorkbook.create();
    await wb.apply([table("Bảng", 2, 2), table("Cũ", 1, 1)]);
    // The user's own work beside the table: a merged title and a note, and a sheet linking to it.
    const ws = wb.worksheet("Bảng");
    ws.getCell("D1").value = "Ghi chú của tôi";
    ws.mergeCells("D1:E1");
    ws.getCell("A10").value = "Người lập biểu";
    const mine = wb.book.addWorksheet("Của tôi");
    mine.getCell("A1").value = { formula: "'Bảng'!A1" };
    const before = await state(wb);
    const names = JSON.stringify(wb.book.definedNames.model);

    // "Vẫn tạo lại" of a wider table whose merge C1:D1 meets the user's D1:E1 (the dry run on a
    // blank sheet passes; the rewrite in place is refused), with a new sheet, and "Cũ" removed.
    const err = await wb
      .apply([table("Bảng", 3, 3, ["C1:D1"]), table("Mới", 1, 1)], {
        removeOtherRoles: ["ranking"],
        overwriteEdits: true,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortError);
    expect(err).toMatchObject({ code: "host_error" });
    expect(await state(wb)).toBe(before);
    expect(JSON.stringify(wb.book.definedNames.model)).toBe(names);
    expect(wb.worksheet("Bảng").getCell("D1").isMerged).toBe(true);
    expect(wb.book.worksheets.map((w) => w.name)).toEqual(["Bảng", "Cũ", "_dti", "Của tôi"]);

    // The book is sound: saved and read back, it is the same, and a rebuild that fits works.
    const again = await XlsxWorkbook.load(await wb.toBuffer());
    expect(await state(again)).toBe(before);
    await wb.apply([table("Bảng", 2, 2), table("Mới", 1, 1)], { removeOtherRoles: ["ranking"] });
    expect(wb.book.worksheets.map((w) => w.name)).toEqual(["Bảng", "_dti", "Của tôi", "Mới"]);
    expect(wb.worksheet("Bảng").getCell("A10").value).toBe("Người lập biểu");
  });
});

describe("a failed apply on the memory workbook leaves it as it was", () => {
  it("a failure at the registry write (its last step): sheets, markers, formulas all put back", async () => {
    const wb = new MemoryWorkbook();
    await wb.apply([table("Bảng", 2, 2), table("Cũ", 1, 1)]);
    wb.set("Bảng", "A10", "Người lập biểu");
    wb.set("Của tôi", "A1", "='Cũ'!A1");
    const before = await state(wb);
    const names = JSON.stringify(wb.definedNames());
    // The registry write is the memory book's (src/workbook/memory/book.ts).
    const spy = jest.spyOn(MemoryBook.prototype, "writeRegistry").mockImplementationOnce(() => {
      throw new Error("injected: out of memory");
    });
    try {
      await expect(
        wb.apply([table("Bảng", 3, 3), table("Mới", 1, 1)], { removeOtherRoles: ["ranking"] })
      ).rejects.toThrow("injected");
    } finally {
      spy.mockRestore();
    }
    expect(await state(wb)).toBe(before);
    expect(JSON.stringify(wb.definedNames())).toBe(names);
    // The removed sheet's references were broken, then mended with it.
    expect(wb.getFormula("Của tôi", "A1")).toBe("='Cũ'!A1");
    // And the same apply without the failure goes through.
    await wb.apply([table("Bảng", 3, 3), table("Mới", 1, 1)], { removeOtherRoles: ["ranking"] });
    expect(wb.sheetNames()).toEqual(["Bảng", "_dti", "Của tôi", "Mới"]);
    expect(wb.get("Bảng", "C3")).toBe("Bảng 3.3");
  });
});
