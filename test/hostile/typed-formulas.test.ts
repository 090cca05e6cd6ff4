/**
 * Issue 12, item 7: "never turn a typed formula into a blank". A formula typed in an entry score
 * cell comes back in the same unit/indicator cell when the entry sheets are created again, on the
 * memory workbook, the .xlsx adapter and the Office adapter over the fake Excel; a formula the new
 * table has no cell for refuses the rebuild and lists the cell.
 */
import { createEntrySheets } from "../../src/app/entry-sheets";
import { ENTRY_SHEET, formatIssue, paramsOf, typedFormulas } from "../../src/engine";
import type { CellValue, IndicatorSet } from "../../src/engine/model/types";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office/office-workbook";
import type { WorkbookPort } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsx-workbook";
import { makeUnits, smallSet } from "../app/fixtures";
import { FakeExcel } from "../workbook/office/fake-excel";

interface Host {
  readonly port: WorkbookPort;
  type(sheet: string, cell: string, input: string | number): Promise<void>;
  formula(sheet: string, cell: string): string | null;
  value(sheet: string, cell: string): CellValue;
}

const hosts: readonly { name: string; make: () => Host }[] = [
  {
    name: "memory",
    make: () => {
      const wb = new MemoryWorkbook();
      return {
        port: wb,
        type: (s, c, v) => Promise.resolve(wb.userEdit(s, c, v)),
        formula: (s, c) => wb.getFormula(s, c),
        value: (s, c) => wb.get(s, c),
      };
    },
  },
  {
    name: "xlsx",
    make: () => {
      const wb = XlsxWorkbook.create();
      return {
        port: wb,
        type: (s, c, v) => {
          wb.worksheet(s).getCell(c).value =
            typeof v === "string" && v.startsWith("=") ? { formula: v.slice(1) } : v;
          return Promise.resolve();
        },
        formula: (s, c) => {
          const v = wb.worksheet(s).getCell(c).value as unknown;
          return typeof v === "object" && v !== null && "formula" in v
            ? `=${String((v as { formula: string }).formula)}`
            : null;
        },
        value: (s, c) => {
          const v = wb.worksheet(s).getCell(c).value as unknown;
          return typeof v === "object" && v !== null ? null : ((v ?? null) as CellValue);
        },
      };
    },
  },
  {
    name: "Office (fake Excel)",
    make: () => {
      const fake = new FakeExcel();
      fake.userSheet("Sheet1", {});
      return {
        port: new OfficeWorkbook({ host: fake.host }),
        type: (s, c, v) => fake.userEdit(s, c, v),
        formula: (s, c) => fake.cell(s, c)?.formula ?? null,
        value: (s, c) => {
          const x = fake.cell(s, c);
          return x === undefined || x.formula !== null ? null : x.value;
        },
      };
    },
  },
];

/** The small set without indicator 2.1 (row 10 in the first matrix). */
function withoutLast(set: IndicatorSet): IndicatorSet {
  const code = set.indicators[set.indicators.length - 1]?.code;
  return { ...set, indicators: set.indicators.filter((i) => i.code !== code) };
}

describe.each(hosts)("a formula typed in a score cell, on $name", ({ make }) => {
  it("is written again in the same unit/indicator cell when the entry sheets are re-created", async () => {
    const h = make();
    const set = smallSet();
    expect((await createEntrySheets(h.port, set, makeUnits(2))).ok).toBe(true);
    // Unit 1 (F-H): appraised = self; unit 2 (I-K): a score taken from another sheet, evidence built.
    await h.type(ENTRY_SHEET, "F7", 15);
    await h.type(ENTRY_SHEET, "G7", "=F7");
    await h.type(ENTRY_SHEET, "I7", "=Sheet9!B2*2");
    await h.type(ENTRY_SHEET, "K7", '="QĐ "&Sheet9!C1');
    const res = await createEntrySheets(h.port, set, makeUnits(3));
    expect(res.ok).toBe(true);
    expect(h.formula(ENTRY_SHEET, "G7")).toBe("=F7");
    expect(h.formula(ENTRY_SHEET, "I7")).toBe("=Sheet9!B2*2");
    expect(h.formula(ENTRY_SHEET, "K7")).toBe('="QĐ "&Sheet9!C1');
    expect(h.value(ENTRY_SHEET, "F7")).toBe(15);
    // The main row's SUMs are the writer's, still there, not taken for the user's.
    expect(h.formula(ENTRY_SHEET, "F6")).toMatch(/^=SUM\(F7/);
    // Built a third time: still there (the rebuilt cells are not flagged as hand edits either).
    expect((await createEntrySheets(h.port, set, makeUnits(3))).ok).toBe(true);
    expect(h.formula(ENTRY_SHEET, "G7")).toBe("=F7");
  });

  it("refuses the rebuild, naming the cell, when the new table has no cell for the formula", async () => {
    const h = make();
    const set = smallSet();
    await createEntrySheets(h.port, set, makeUnits(2));
    const lastRow = 5 + set.indicators.length;
    await h.type(ENTRY_SHEET, `G${lastRow}`, "=F7+1");
    await h.type(ENTRY_SHEET, "F7", 4);
    const res = await createEntrySheets(h.port, withoutLast(set), makeUnits(2));
    expect(res.ok).toBe(false);
    const issue = res.issues[0];
    expect(issue?.code).toBe("entry_formula_not_kept");
    expect((issue && paramsOf(issue))?.["cells"]).toBe(`G${lastRow}`);
    if (issue === undefined) return;
    expect(formatIssue(issue, "vi")).toContain(`G${lastRow}`);
    expect(formatIssue(issue, "en")).toContain("Nothing was written");
    // Nothing written: the formula and the old table are as they were.
    expect(h.formula(ENTRY_SHEET, `G${lastRow}`)).toBe("=F7+1");
    expect(h.value(ENTRY_SHEET, "F7")).toBe(4);
  });
});

describe("typedFormulas (pure)", () => {
  it("finds the user's formulas by unit, indicator and field, never the writer's SUMs", () => {
    const set = smallSet();
    const wb = new MemoryWorkbook();
    return createEntrySheets(wb, set, makeUnits(2)).then(async () => {
      wb.userEdit(ENTRY_SHEET, "J10", "=I10/2");
      const grid = await wb.readGrid(ENTRY_SHEET);
      const found = typedFormulas([grid], set);
      expect(found).toEqual([
        {
          unitName: "UBND huyện 2",
          code: set.indicators[4]?.code,
          field: "appraised",
          formula: "=I10/2",
          cached: null,
          cell: "J10",
        },
      ]);
    });
  });
});
