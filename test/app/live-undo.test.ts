/**
 * Issue 11 item 10 (Undo): a live check writes only what changed, nothing when nothing changed (no
 * "_dti" rewrite, no repaint: Excel clears its undo stack on writes), and the change events the
 * add-in's own writes raise are ignored, so one edit causes one check. On the Office adapter over
 * the fake Excel and on the memory workbook.
 */
import { createEntrySheets } from "../../src/app/entry-sheets";
import { confirmIndicatorSet, loadIndicatorSet } from "../../src/app/load-indicator-set";
import { startLiveValidation } from "../../src/app/live-validation";
import { ENTRY_SHEET } from "../../src/engine";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office/office-workbook";
import type { WorkbookPort } from "../../src/workbook/port";
import { FakeExcel } from "../workbook/office/fake-excel";
import { makeUnits, smallSet } from "./fixtures";

/** Counts the port's writes (highlights, settings, values, sheets). */
function counting(port: WorkbookPort): { port: WorkbookPort; writes: () => number } {
  let n = 0;
  const writes = new Set([
    "setHighlights",
    "setHighlightsMany",
    "writeSettings",
    "writeValues",
    "apply",
  ]);
  const wrapped = new Proxy(port, {
    get(target, prop, receiver) {
      const v: unknown = Reflect.get(target, prop, receiver);
      if (typeof v !== "function") return v;
      return (...args: unknown[]) => {
        if (writes.has(String(prop))) n++;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { port: wrapped, writes: () => n };
}

async function confirmed(port: WorkbookPort): Promise<void> {
  const set = smallSet();
  if (!(await createEntrySheets(port, set, makeUnits(6))).ok) throw new Error("not written");
  await port.select(ENTRY_SHEET, "F7");
  const loaded = await loadIndicatorSet(port, { mode: "active-sheet", profileId: set.profile.id });
  if (!loaded.ok) throw new Error("not loaded");
  await confirmIndicatorSet(port, loaded.value);
}

describe("live checks and Excel's undo stack", () => {
  it("Office: an edit that changes no highlight writes nothing; an own-write event causes no check", async () => {
    const fake = new FakeExcel();
    const office = new OfficeWorkbook({ host: fake.host, cellEditRetryDelayMs: 0 });
    await confirmed(office);
    const { port, writes } = counting(office);
    let checks = 0;
    const live = await startLiveValidation(port, { onIssues: () => checks++, debounceMs: 0 });
    // A valid score where a valid one was: the issue list is told, nothing is written.
    let w0 = writes();
    let c0 = checks;
    await fake.userEdit(ENTRY_SHEET, "F7", 3);
    await live.flush();
    expect(checks - c0).toBe(1);
    expect(writes() - w0).toBe(0);
    // An above-max score: one highlight write (it changed).
    w0 = writes();
    await fake.userEdit(ENTRY_SHEET, "F7", 99);
    await live.flush();
    expect(writes() - w0).toBe(1);
    // The event Excel raises for the add-in's own write: no check at all, no sync.
    c0 = checks;
    const s0 = fake.syncs;
    await fake.addinWriteEvent(ENTRY_SHEET, "F7");
    await live.flush();
    expect(checks - c0).toBe(0);
    expect(fake.syncs - s0).toBe(0);
    live();
  }, 60_000);

  it("memory: the same edit writes nothing, and a structure edit repaints only what changed", async () => {
    const wb = new MemoryWorkbook();
    await confirmed(wb);
    const { port, writes } = counting(wb);
    const live = await startLiveValidation(port, { onIssues: () => undefined, debounceMs: 0 });
    const w0 = writes();
    wb.userEdit(ENTRY_SHEET, "F7", 3);
    await live.flush();
    // An edit left of the units (column E) is structural: a full re-check, which repaints nothing
    // that did not change.
    wb.userEdit(ENTRY_SHEET, "E7", "");
    await live.flush();
    expect(writes() - w0).toBe(0);
    live();
  });
});
