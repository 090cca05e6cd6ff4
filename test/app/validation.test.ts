/** Full re-check, live validation and the safe fix, read like a spreadsheet. */
import { createEntrySheets } from "../../src/app/entry-sheets";
import { applySafeFix, applySafeFixes, describeSafeFix, undoSafeFixes } from "../../src/app/fixes";
import { startLiveValidation } from "../../src/app/live-validation";
import { writeSession } from "../../src/app/session";
import { highlightsBySheet, validateWorkbook } from "../../src/app/validate-workbook";
import type { Issue } from "../../src/engine/model/types";
import { ENTRY_SHEET, UNITS_SHEET } from "../../src/engine/entry";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import { factories, makeUnits, smallSet, type Book } from "./fixtures";

async function entryBook(make: () => Promise<Book>, units = 4): Promise<Book> {
  const book = await make();
  const set = smallSet();
  const res = await createEntrySheets(book.port, set, makeUnits(units));
  if (!res.ok) throw new Error("entry sheets not created");
  await writeSession(book.port, {
    profileId: set.profile.id,
    setSource: "built-in",
    sourceName: "",
    set,
  });
  return book;
}

const at = (issues: readonly Issue[], cell: string): string[] =>
  issues.filter((i) => i.cell?.sheet === ENTRY_SHEET && i.cell.cell === cell).map((i) => i.code);

describe.each(factories)("validateWorkbook on $name", (factory) => {
  it("finds an above-max score and a text number where the user typed them", async () => {
    const book = await entryBook(() => factory.make());
    book.userSet(ENTRY_SHEET, "F7", 25);
    book.userSet(ENTRY_SHEET, "I10", "8,5");
    const issues = await validateWorkbook(book.port);
    expect(at(issues, "F7")).toContain("score_above_max");
    expect(at(issues, "I10")).toContain("vn_number_parsed");
    // Nothing the user typed was changed by checking.
    expect(book.get(ENTRY_SHEET, "F7")).toBe(25);
    expect(book.get(ENTRY_SHEET, "I10")).toBe("8,5");
  });

  it("says the entry sheet is missing instead of failing when the user deleted it", async () => {
    const book = await factory.make();
    const set = smallSet();
    await writeSession(book.port, {
      profileId: set.profile.id,
      setSource: "built-in",
      sourceName: "",
      set,
    });
    const issues = await validateWorkbook(book.port);
    expect(issues.map((i) => i.code)).toEqual(["sheet_missing"]);
    expect(issues[0]?.params["sheet"]).toBe(ENTRY_SHEET);
  });

  it("asks for an indicator set when none was confirmed", async () => {
    const book = await factory.make();
    expect((await validateWorkbook(book.port)).map((i) => i.code)).toEqual(["no_indicator_set"]);
  });

  it("fixes 8,5 → 8.5 in that one cell only when asked, and undoes it", async () => {
    const book = await entryBook(() => factory.make());
    book.userSet(ENTRY_SHEET, "I10", "8,5");
    const issue = (await validateWorkbook(book.port)).find((i) => i.code === "vn_number_parsed");
    expect(issue).toBeDefined();
    if (issue === undefined) return;
    expect(describeSafeFix(issue)).toEqual({
      sheet: ENTRY_SHEET,
      cell: "I10",
      before: "8,5",
      after: 8.5,
    });
    const before = book.roundTrips();
    const out = await applySafeFix(book.port, issue);
    expect(book.roundTrips() - before).toBe(2);
    expect(out.ok).toBe(true);
    expect(book.get(ENTRY_SHEET, "I10")).toBe(8.5);
    expect(at(await validateWorkbook(book.port), "I10")).not.toContain("vn_number_parsed");
    if (out.ok) await undoSafeFixes(book.port, [out.change]);
    expect(book.get(ENTRY_SHEET, "I10")).toBe("8,5");
  });

  it("refuses the fix when the cell changed since the check, and any other issue", async () => {
    const book = await entryBook(() => factory.make());
    book.userSet(ENTRY_SHEET, "I10", "8,5");
    book.userSet(ENTRY_SHEET, "F7", 25);
    const issues = await validateWorkbook(book.port);
    const text = issues.find((i) => i.code === "vn_number_parsed");
    const above = issues.find((i) => i.code === "score_above_max");
    book.userSet(ENTRY_SHEET, "I10", "9");
    expect(await applySafeFix(book.port, text as Issue)).toEqual({ ok: false, reason: "changed" });
    expect(book.get(ENTRY_SHEET, "I10")).toBe("9");
    expect(await applySafeFix(book.port, above as Issue)).toEqual({
      ok: false,
      reason: "not-safe",
    });
    expect(book.get(ENTRY_SHEET, "F7")).toBe(25);
  });

  it("Sửa tất cả: every text number in one read and one write, cells changed meanwhile refused; one undo", async () => {
    const book = await entryBook(() => factory.make());
    book.userSet(ENTRY_SHEET, "I10", "8,5");
    book.userSet(ENTRY_SHEET, "I11", "7,5");
    book.userSet(ENTRY_SHEET, "I12", "6,5");
    book.userSet(ENTRY_SHEET, "F7", 25);
    const issues = await validateWorkbook(book.port);
    book.userSet(ENTRY_SHEET, "I11", "9"); // typed again after the check
    const before = book.roundTrips();
    const out = await applySafeFixes(book.port, issues);
    expect(book.roundTrips() - before).toBe(2);
    expect(out.changes.map((c) => c.cell).sort()).toEqual(["I10", "I12"]);
    expect(out.refused.map((c) => c.cell)).toEqual(["I11"]);
    expect([10, 11, 12].map((r) => book.get(ENTRY_SHEET, `I${r}`))).toEqual([8.5, "9", 6.5]);
    expect(book.get(ENTRY_SHEET, "F7")).toBe(25);
    // One undo puts back what the fix wrote, except a cell the user changed again since.
    book.userSet(ENTRY_SHEET, "I12", 3);
    const undone = await undoSafeFixes(book.port, out.changes);
    expect(undone.refused.map((c) => c.cell)).toEqual(["I12"]);
    expect([10, 11, 12].map((r) => book.get(ENTRY_SHEET, `I${r}`))).toEqual(["8,5", "9", 3]);
  });

  it("costs the same round trips for 20 and 3,321 units", async () => {
    const counts: number[] = [];
    for (const n of [20, 3321]) {
      const book = await entryBook(() => factory.make(), n);
      const before = book.roundTrips();
      await validateWorkbook(book.port);
      counts.push(book.roundTrips() - before);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(5);
  }, 60000);
});

describe("live validation (memory: the adapter that fires change events)", () => {
  async function live(units = 4): Promise<{
    wb: MemoryWorkbook;
    seen: (readonly Issue[])[];
    stop: Awaited<ReturnType<typeof startLiveValidation>>;
  }> {
    const wb = new MemoryWorkbook();
    const set = smallSet();
    await createEntrySheets(wb, set, makeUnits(units));
    await writeSession(wb, {
      profileId: set.profile.id,
      setSource: "built-in",
      sourceName: "",
      set,
    });
    const seen: (readonly Issue[])[] = [];
    const stop = await startLiveValidation(wb, { onIssues: (i) => seen.push(i), debounceMs: 0 });
    return { wb, seen, stop };
  }
  const cellsOf = (issues: readonly Issue[], code: string): string[] =>
    issues.filter((i) => i.code === code).map((i) => `${i.cell?.sheet}!${i.cell?.cell}`);

  it("flags a typed above-max score and clears it when corrected, highlighting the cell", async () => {
    const { wb, stop } = await live();
    wb.userEdit(ENTRY_SHEET, "I8", 30);
    await stop.flush();
    expect(cellsOf(stop.issues(), "score_above_max")).toEqual([`${ENTRY_SHEET}!I8`]);
    expect(wb.getStyle(ENTRY_SHEET, "I8")?.fill).toBeDefined();
    wb.userEdit(ENTRY_SHEET, "I8", 12);
    await stop.flush();
    expect(cellsOf(stop.issues(), "score_above_max")).toEqual([]);
    expect(wb.getStyle(ENTRY_SHEET, "I8")?.fill).not.toBe("#FFC7CE");
    stop();
  });

  it("re-checks a paste over several units in one read and one repaint", async () => {
    const { wb, stop } = await live(6);
    const before = wb.roundTrips;
    wb.userPaste(ENTRY_SHEET, "F10", [[25, 5, "x", "8,5", 3, "", -1]]);
    await stop.flush();
    expect(wb.roundTrips - before).toBeLessThanOrEqual(2);
    const issues = stop.issues();
    expect(cellsOf(issues, "score_above_max")).toContain(`${ENTRY_SHEET}!F10`);
    expect(cellsOf(issues, "vn_number_parsed")).toContain(`${ENTRY_SHEET}!I10`);
    expect(cellsOf(issues, "negative_score")).toContain(`${ENTRY_SHEET}!L10`);
    stop();
  });

  it("coalesces a burst of edits into one re-check", async () => {
    const { wb, stop } = await live(4);
    const before = wb.roundTrips;
    wb.userEdit(ENTRY_SHEET, "F7", 1);
    wb.userEdit(ENTRY_SHEET, "F8", 2);
    wb.userEdit(ENTRY_SHEET, "I7", 3);
    await stop.flush();
    expect(wb.roundTrips - before).toBeLessThanOrEqual(2);
    stop();
  });

  it("ignores edits on sheets that are not entry sheets", async () => {
    const { wb, stop, seen } = await live(2);
    wb.set("Ghi chú", "A1", "x");
    const before = wb.roundTrips;
    const calls = seen.length;
    wb.userEdit("Ghi chú", "A1", "y");
    await stop.flush();
    expect(wb.roundTrips).toBe(before);
    expect(seen.length).toBe(calls);
    stop();
  });

  it("costs the same round trips per single-cell change for 20 and 3,321 units", async () => {
    const counts: number[] = [];
    for (const n of [20, 3321]) {
      const { wb, stop } = await live(n);
      const before = wb.roundTrips;
      wb.userEdit(ENTRY_SHEET, "F7", 25);
      await stop.flush();
      counts.push(wb.roundTrips - before);
      expect(cellsOf(stop.issues(), "score_above_max")).toEqual([`${ENTRY_SHEET}!F7`]);
      stop();
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(2);
  }, 60000);

  it("reports a renamed entry sheet clearly on the next check, without crashing", async () => {
    const { wb, stop } = await live(2);
    wb.userRename(ENTRY_SHEET, "Điểm 2024");
    // An edit on the units sheet is re-checked from what was read; no crash.
    wb.userEdit(UNITS_SHEET, "C2", "UBND các huyện, thành phố");
    await stop.flush();
    // "Check again" reads the workbook and says what is wrong.
    await stop.recheck();
    expect(stop.issues().map((i) => i.code)).toEqual(["sheet_missing"]);
    expect(stop.issues()[0]?.params["sheet"]).toBe(ENTRY_SHEET);
    stop();
  });

  it("never writes into user cells: checks change fills only", async () => {
    const { wb, stop } = await live(3);
    wb.userPaste(ENTRY_SHEET, "F7", [
      [25, "8,5", "QĐ 1"],
      [-1, null, ""],
    ]);
    await stop.flush();
    const before = (await wb.readGrid(ENTRY_SHEET)).values;
    const beforeUnits = (await wb.readGrid(UNITS_SHEET)).values;
    await validateWorkbook(wb);
    wb.userEdit(ENTRY_SHEET, "I7", 3);
    await stop.flush();
    await stop.recheck();
    const after = (await wb.readGrid(ENTRY_SHEET)).values.map((r) => [...r]);
    const expected = before.map((r) => [...r]);
    (expected[7 - 1] as unknown[])[9 - 1] = 3; // the user's own edit, nothing else
    expect(after).toEqual(expected);
    expect((await wb.readGrid(UNITS_SHEET)).values).toEqual(beforeUnits);
    stop();
  });

  it("an edit that changes no issue keeps the same list and repaints nothing", async () => {
    const { wb, stop, seen } = await live(3);
    wb.userEdit(ENTRY_SHEET, "H7", "QĐ 1/QĐ-UBND"); // evidence of the first unit's first row
    await stop.flush();
    const before = stop.issues();
    const trips = wb.roundTrips;
    wb.userEdit(ENTRY_SHEET, "H7", "QĐ 2/QĐ-UBND");
    await stop.flush();
    expect(wb.roundTrips - trips).toBe(1); // the read; no highlights written
    expect(stop.issues()).toBe(before);
    expect(seen[seen.length - 1]).toBe(before);
    stop();
  });

  it("re-checks a unit when its group changes on the units sheet", async () => {
    const { wb, stop } = await live(2);
    wb.userEdit(UNITS_SHEET, "C2", "Nhóm không có");
    await stop.flush();
    expect(stop.issues().some((i) => i.code === "unknown_group" && i.cell?.cell === "C2")).toBe(
      true
    );
    stop();
  });
});

describe("live validation agrees with a full re-check", () => {
  it("after each of 40 random edits and pastes, the live issue list and painted cells equal a full check's; no change, no repaint", async () => {
    const wb = new MemoryWorkbook();
    const set = smallSet();
    await createEntrySheets(wb, set, makeUnits(6));
    await writeSession(wb, {
      profileId: set.profile.id,
      setSource: "built-in",
      sourceName: "",
      set,
    });
    // What the sheets show: the last cells painted per sheet, and the repaints per step.
    const painted = new Map<string, string[]>();
    let repaints = 0;
    const paint = (sheet: string, cells: readonly { cell: string; severity: string }[]): void => {
      repaints++;
      painted.set(sheet, cells.map((c) => `${c.cell}:${c.severity}`).sort());
    };
    const setOne = wb.setHighlights.bind(wb);
    const setMany = wb.setHighlightsMany.bind(wb);
    wb.setHighlights = (sheet, cells) => {
      paint(sheet, cells);
      return setOne(sheet, cells);
    };
    wb.setHighlightsMany = (list) => {
      for (const h of list) paint(h.sheet, h.cells);
      return setMany(list);
    };
    const stop = await startLiveValidation(wb, { onIssues: () => undefined, debounceMs: 0 });
    const values = [5, 25, -1, "8,5", "abc", null, "1.000", 0, 19.5, { error: "#REF!" }] as const;
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const rows = [7, 8, 10, 11, 12];
    const key = (i: Issue): string =>
      `${i.code}|${i.cell?.sheet ?? ""}!${i.cell?.cell ?? ""}|${i.unit ?? ""}|${i.indicator ?? ""}`;
    let shownBefore = "";
    for (let step = 0; step < 40; step++) {
      repaints = 0;
      const col = 6 + rnd(18); // F..W: self, appraised and evidence of 6 units
      const row = rows[rnd(rows.length)] ?? 7;
      const cell = `${String.fromCharCode(64 + col)}${row}`;
      if (step % 5 === 4) {
        wb.userPaste(ENTRY_SHEET, cell, [[values[rnd(10)] ?? null, values[rnd(10)] ?? null]]);
      } else {
        wb.userEdit(ENTRY_SHEET, cell, values[rnd(10)] ?? null);
      }
      if (step % 7 === 3)
        wb.userEdit(UNITS_SHEET, `C${2 + rnd(6)}`, rnd(2) ? "Sở, ban, ngành" : "?");
      await stop.flush();
      const live = stop.issues().map(key).sort();
      const fullIssues = await validateWorkbook(wb, { set, highlight: false });
      const full = fullIssues.map(key).sort();
      expect({ step, live }).toEqual({ step, live: full });
      // The painted cells are the full check's, and a step that changes none repaints nothing.
      const expected = highlightsBySheet(fullIssues);
      for (const sheet of new Set([...painted.keys(), ...expected.keys()]))
        expect({ step, sheet, cells: painted.get(sheet) ?? [] }).toEqual({
          step,
          sheet,
          cells: (expected.get(sheet) ?? []).map((c) => `${c.cell}:${c.severity}`).sort(),
        });
      const shown = JSON.stringify([...painted].sort());
      if (shown === shownBefore) expect({ step, repaints }).toEqual({ step, repaints: 0 });
      shownBefore = shown;
    }
    stop();
  });
});
