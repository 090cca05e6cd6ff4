/**
 * context.sync() counts per user action on D1's Office adapter over the fake Excel: load, full
 * validation and a single-cell change cost the same with 20 and with 3,321 units.
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
  it("is the same for 20 and 3,321 units: load, full validation, one typed cell", async () => {
    const small = await measure(20);
    const big = await measure(3321);
    expect(big.load).toBe(small.load);
    expect(big.validate).toBe(small.validate);
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
    const port = new OfficeWorkbook({ host: fake.host, cellEditRetryDelayMs: 0 });
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
