/**
 * Issue 12, item 6: entry sheets written by an earlier version of the add-in (its "_dti" registry
 * records carry no ownership token, the workbook no marker) are not the add-in's: re-creating them
 * says the sheet looks like an older add-in sheet, and only when the user asks ("Nhận trang cũ") and
 * the content is the add-in's layout is it adopted and rebuilt in place, scores kept. A forged
 * record over a user's own sheet is never adopted. Memory, .xlsx and the Office adapter (fake Excel).
 */
import { createEntrySheets } from "../../src/app/entry-sheets";
import { ENTRY_SHEET, formatIssue, UNITS_SHEET } from "../../src/engine";
import type { CellValue, Grid } from "../../src/engine/model/types";
import { a1 } from "../../src/engine/address";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office/office-workbook";
import { SETTINGS_SHEET } from "../../src/workbook/ownership";
import type { WorkbookPort } from "../../src/workbook/port";
import { makeUnits, smallSet, xlsxFactory } from "../app/fixtures";
import { FakeExcel } from "../workbook/office/fake-excel";

/** The workbook an older version wrote: the same sheets, registry records without their token. */
async function olderGrids(edit?: (wb: MemoryWorkbook) => void): Promise<Grid[]> {
  const wb = new MemoryWorkbook();
  await createEntrySheets(wb, smallSet(), makeUnits(2));
  wb.set(ENTRY_SHEET, "F7", 12);
  edit?.(wb);
  const grids = await wb.readGrids(wb.sheetNames());
  return grids.map((g) =>
    g.sheet !== SETTINGS_SHEET
      ? g
      : {
          ...g,
          values: g.values.map((row) =>
            row[0] === "sheet" ? row.map((v, c) => (c >= 4 ? null : v)) : row
          ),
        }
  );
}

interface Host {
  readonly port: WorkbookPort;
  get(sheet: string, cell: string): CellValue;
}

const hosts: readonly { name: string; make: (grids: Grid[]) => Promise<Host> }[] = [
  {
    name: "memory",
    make: (grids) => {
      const wb = MemoryWorkbook.fromGrids(grids);
      return Promise.resolve({ port: wb, get: (s, c) => wb.get(s, c) });
    },
  },
  {
    name: "xlsx",
    make: async (grids) => {
      const b = await xlsxFactory.make(grids);
      return { port: b.port, get: b.get };
    },
  },
  {
    name: "Office (fake Excel)",
    make: (grids) => {
      const fake = new FakeExcel();
      for (const g of grids) {
        const cells: Record<string, string | number | boolean> = {};
        g.values.forEach((row, r) =>
          row.forEach((v, c) => {
            const f = g.formulas?.[r]?.[c] ?? null;
            const at = a1(g.originRow + r, g.originCol + c);
            if (f !== null) cells[at] = f;
            else if (typeof v === "string") cells[at] = `'${v}`;
            else if (v !== null && typeof v !== "object") cells[at] = v;
          })
        );
        const s = fake.userSheet(g.sheet, cells);
        if (g.sheet === SETTINGS_SHEET) s.visibility = "VeryHidden";
      }
      return Promise.resolve({
        port: new OfficeWorkbook({ host: fake.host }),
        get: (s, c) => {
          const x = fake.cell(s, c);
          return x === undefined || x.value === "" ? null : x.value;
        },
      });
    },
  },
];

describe.each(hosts)("entry sheets of an older add-in version, on $name", ({ make }) => {
  it("are named as such, adopted only when asked, then rebuilt in place with the scores", async () => {
    const h = await make(await olderGrids());
    const info = (await h.port.listSheets()).find((s) => s.name === ENTRY_SHEET);
    expect(info).toMatchObject({ owned: false, olderRole: "entry-matrix" });
    const set = smallSet();
    const refused = await createEntrySheets(h.port, set, makeUnits(3));
    expect(refused.ok).toBe(false);
    const issue = refused.issues[0];
    expect(issue).toMatchObject({
      code: "sheet_older_addin",
      params: { sheet: ENTRY_SHEET, matches: true },
    });
    if (issue !== undefined) {
      expect(formatIssue(issue, "vi")).toContain("Nhận trang cũ");
      expect(formatIssue(issue, "en")).toContain("earlier version");
    }
    expect(h.get(ENTRY_SHEET, "L4")).toBeNull(); // nothing written: still 2 units
    const res = await createEntrySheets(h.port, set, makeUnits(3), { adoptOlder: true });
    expect(res.ok).toBe(true);
    expect(res.ok && res.value.keptEntries).toBe(1);
    expect(h.get(ENTRY_SHEET, "F7")).toBe(12);
    expect(h.get(ENTRY_SHEET, "L4")).toBe("Sở số 3");
    const after = await h.port.listSheets();
    expect(after.find((s) => s.name === ENTRY_SHEET)).toMatchObject({
      owned: true,
      role: "entry-matrix",
    });
    expect(after.find((s) => s.name === UNITS_SHEET)).toMatchObject({ owned: true, role: "units" });
    // From now on an ordinary owned sheet: rebuilt again without a word.
    expect((await createEntrySheets(h.port, set, makeUnits(3))).ok).toBe(true);
  });

  it("a forged record over the user's own sheet: never adopted, never written", async () => {
    const grids = await olderGrids((wb) => {
      // The user's own table under the name: not the add-in's layout.
      for (const cell of Object.keys(wb.snapshot(ENTRY_SHEET).cells))
        wb.set(ENTRY_SHEET, cell, null);
      wb.set(ENTRY_SHEET, "A1", "Bảng của tôi");
      wb.set(ENTRY_SHEET, "B2", 42);
    });
    const h = await make(grids);
    const res = await createEntrySheets(h.port, smallSet(), makeUnits(2), { adoptOlder: true });
    expect(res.ok).toBe(false);
    expect(res.issues[0]).toMatchObject({ code: "sheet_older_addin", params: { matches: false } });
    expect(h.get(ENTRY_SHEET, "A1")).toBe("Bảng của tôi");
    expect(h.get(ENTRY_SHEET, "B2")).toBe(42);
    expect((await h.port.listSheets()).find((s) => s.name === ENTRY_SHEET)?.owned).toBe(false);
    // The port itself refuses a sheet without an older record of that role.
    await expect(
      h.port.adoptOlderSheets([{ name: ENTRY_SHEET, role: "ranking" }])
    ).rejects.toMatchObject({ code: "sheet_not_owned" });
  });
});
