/**
 * context.sync() counts per user action on D1's Office adapter over the fake Excel: load, full
 * validation and a single-cell change cost a fixed number of syncs, whatever the number of units
 * (a few more above 512 merged areas, Excel's limit for reading merges at once).
 */
import { createEntrySheets } from "../../src/app/entry-sheets";
import { confirmIndicatorSet, loadIndicatorSet } from "../../src/app/load-indicator-set";
import { startLiveValidation } from "../../src/app/live-validation";
import { validateWorkbook } from "../../src/app/validate-workbook";
import type { Issue } from "../../src/engine/model/types";
import { ENTRY_SHEET } from "../../src/engine/sheets/entry-sheets";
import { OfficeWorkbook } from "../../src/workbook/office/office-workbook";
import type { WorkbookPort } from "../../src/workbook/port";
import { FakeExcel } from "../workbook/office/fake-excel";
import { makeUnits, smallSet } from "./fixtures";

interface Counts {
  load: number;
  validate: number;
  change: number;
  issuesAfterChange: readonly Issue[];
}

async function measure(units: number): Promise<Counts> {
  const fake = new FakeExcel();
  const port = new OfficeWorkbook({ host: fake.host, cellEditRetryDelayMs: 0 });
  const set = smallSet();
  const made = await createEntrySheets(port, set, makeUnits(units));
  if (!made.ok) throw new Error("entry sheets not written");
  await port.select(ENTRY_SHEET, "F7");

  let s0 = fake.syncs;
  const loaded = await loadIndicatorSet(port, { mode: "active-sheet", profileId: set.profile.id });
  const load = fake.syncs - s0;
  if (!loaded.ok) throw new Error(`not recognised: ${loaded.issues.map((i) => i.code).join()}`);
  expect(loaded.value.recognized?.units.length).toBe(units);
  await confirmIndicatorSet(port, loaded.value);

  s0 = fake.syncs;
  await validateWorkbook(port);
  const validate = fake.syncs - s0;

  const live = await startLiveValidation(port, { onIssues: () => undefined, debounceMs: 0 });
  s0 = fake.syncs;
  await fake.userEdit(ENTRY_SHEET, "F7", 25);
  await live.flush();
  const change = fake.syncs - s0;
  const issuesAfterChange = live.issues();
  live();
  return { load, validate, change, issuesAfterChange };
}

describe("context.sync() per user action (Office adapter, fake Excel)", () => {
  it("costs a fixed number of syncs at 20 and 3,321 units: load, full validation, one typed cell", async () => {
    const small = await measure(20);
    const big = await measure(3321);
    // Reading the entry sheet whole is one sync while it has at most 512 merged areas; at 3,321
    // units (one merged header per unit) Excel refuses getMergedAreasOrNullObject (Range reference:
    // "more than 512 ... will fail"), so the read goes the careful way: the sheet's size, its values,
    // its merges in tiles. A fixed number of extra syncs, whatever the number of units above that.
    expect(big.load).toBeLessThanOrEqual(small.load + 4);
    expect(big.validate).toBeLessThanOrEqual(small.validate + 4);
    expect(big.change).toBe(small.change);
    // The budgets (issue 4): readSettings + readGrids + setHighlightsMany; readRange + setHighlights.
    expect(small.load).toBeLessThanOrEqual(4);
    expect(small.validate).toBe(3);
    expect(small.change).toBe(2);
    for (const c of [small, big])
      expect(
        c.issuesAfterChange.some(
          (i) =>
            i.code === "score_above_max" && i.cell?.sheet === ENTRY_SHEET && i.cell.cell === "F7"
        )
      ).toBe(true);

    console.log(
      `syncs (20 / 3321 units): load ${small.load}/${big.load}, validate ${small.validate}/${big.validate}, one cell ${small.change}/${big.change}`
    );
  }, 120000);
});

describe("no half-written entry sheets (Office adapter, fake Excel)", () => {
  it("leaves no sheet behind when Excel stays in cell-edit mode, and says why", async () => {
    const fake = new FakeExcel();
    // An Excel that cannot delay a batch for a cell edit (before ExcelApi 1.11): the client drops
    // delayForCellEdit there, so the runs fail in cell-edit mode (where it can, Excel waits instead).
    const port = new OfficeWorkbook({
      host: { run: (batch) => fake.run(batch), runIn: fake.runIn },
      cellEditRetryDelayMs: 0,
    });
    fake.userSheet("Trang 1", { A1: "của tôi" });
    // Excel enters cell-edit mode right when the sheets are written (the user clicked into a cell).
    const busyOnApply: WorkbookPort = Object.create(port) as WorkbookPort;
    busyOnApply.apply = (specs) => {
      fake.cellEditRuns = 10;
      return port.apply(specs);
    };
    await expect(createEntrySheets(busyOnApply, smallSet(), makeUnits(5))).rejects.toMatchObject({
      code: "cell_edit_mode",
    });
    fake.cellEditRuns = 0;
    const names = (await port.listSheets()).map((s) => s.name);
    expect(names).not.toContain(ENTRY_SHEET);
    expect(names).not.toContain("Đơn vị");
    expect(fake.cell("Trang 1", "A1")?.value).toBe("của tôi");
    // Once Excel is free the same action works.
    expect((await createEntrySheets(port, smallSet(), makeUnits(5))).ok).toBe(true);
  });
});
