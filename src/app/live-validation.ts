/**
 * Over 400 lines: the cache, the issue store and the event loop of live validation share one
 * closure's state.
 *
 * Live validation: after a full check, every change event (typing, paste, fill, undo) re-checks only
 * the units it touched. Per burst of events: one readRange per entry sheet touched and at most one
 * setHighlights(Many) call for the sheets whose highlights changed, whatever the size of the matrix
 * (on Excel a single typed cell costs 2 syncs: the read and the highlights). Events on other
 * sheets cost nothing. A sheet deleted or renamed under us becomes a "sheet_missing" issue.
 */
import {
  COLS_PER_UNIT,
  ENTRY_FIRST_ROW,
  ENTRY_SHEET,
  EntryIndex,
  UNITS_SHEET,
  columnLetters,
  foldName,
  mergeIssues,
  paramsOf,
  parseRange,
  validate,
  type CellValue,
  type Grid,
  type IndicatorSet,
  type Issue,
} from "../engine";
import type { ChangeEvent, WorkbookPort } from "../workbook/port";
import { portErrorIssue } from "./port-errors";
import { capHighlights, checkWorkbook, isPainted } from "./validate-workbook";

type IssuesListener = (issues: readonly Issue[]) => void;

interface LiveValidationOptions {
  readonly onIssues: IssuesListener;
  /** Called with unexpected errors (the host failed); data problems arrive as issues instead. */
  readonly onError?: (error: unknown) => void;
  /** The confirmed set; read from the workbook settings when absent. */
  readonly set?: IndicatorSet;
  /** Bursts of events within this many ms are handled together (default 200; 0 = next tick). */
  readonly debounceMs?: number;
}

/** Stops live validation; `flush` handles pending events now (tests, "check now"). */
export interface LiveValidation {
  (): void;
  readonly flush: () => Promise<void>;
  /** A full re-check now (the pane's "check again"); finds deleted or renamed entry sheets. */
  readonly recheck: () => Promise<void>;
  readonly issues: () => readonly Issue[];
}

/** A sheet held as absolute rows/cols (1-based: cells[row - 1][col - 1]), patched by reads. */
class SheetCache {
  readonly values: CellValue[][] = [];
  readonly formulas: (string | null)[][] = [];
  merges: readonly string[] = [];

  constructor(readonly sheet: string) {}

  static from(grid: Grid): SheetCache {
    const c = new SheetCache(grid.sheet);
    c.patch(grid);
    c.merges = grid.merges ?? [];
    return c;
  }

  get rowCount(): number {
    return this.values.length;
  }

  patch(grid: Grid): void {
    grid.values.forEach((row, r) => {
      const rr = grid.originRow + r - 1;
      while (this.values.length <= rr) {
        this.values.push([]);
        this.formulas.push([]);
      }
      const vals = this.values[rr] as CellValue[];
      const fs = this.formulas[rr] as (string | null)[];
      row.forEach((v, c) => {
        const cc = grid.originCol + c - 1;
        vals[cc] = v;
        fs[cc] = grid.formulas?.[r]?.[c] ?? null;
      });
    });
  }

  get(row: number, col: number): CellValue {
    return this.values[row - 1]?.[col - 1] ?? null;
  }

  /** The cache as a grid (shared arrays: later patches show through). */
  grid(): Grid {
    return {
      sheet: this.sheet,
      originRow: 1,
      originCol: 1,
      values: this.values,
      formulas: this.formulas,
      merges: this.merges,
    };
  }
}

/** A cell's text for name matching ("" for blanks and errors). */
function textOf(v: CellValue): string {
  if (v === null || typeof v === "object") return "";
  return String(v);
}

function same(a: string, b: string): boolean {
  return a.toLocaleLowerCase() === b.toLocaleLowerCase();
}

type Mark = "error" | "warning";

/**
 * The issue list kept by unit, so an edit swaps one unit's issues without scanning all of them
 * (a 3,321-unit matrix can hold hundreds of thousands of issues), and the painted cells counted per
 * sheet and cell, so that an edit that changes no highlight repaints nothing.
 */
class IssueStore {
  private byUnit = new Map<string, Issue[]>();
  private others: Issue[] = [];
  private flat: Issue[] | null = null;
  /** sheet → cell → [errors, warnings] among the issues held. */
  private marks = new Map<string, Map<string, [number, number]>>();
  /** Sheets whose painted cells may have changed since `takeDirty`. */
  private dirty = new Set<string>();
  /**
   * During `replace`: the cells whose counts moved, with their mark before. A unit's issues are
   * dropped then mostly added back unchanged; only a cell whose mark differs at the end is dirty
   * (else every edit would repaint its sheet).
   */
  private touched: Map<string, Map<string, Mark | null>> | null = null;

  constructor(issues: readonly Issue[]) {
    this.reset(issues);
  }

  /** Like reset, and the sheets whose painted cells differ from before become dirty. */
  resetDiff(issues: readonly Issue[]): void {
    const before = new Map([...this.marks].map(([s, m]) => [s, cellsKey(m)] as const));
    this.reset(issues);
    for (const s of new Set([...before.keys(), ...this.marks.keys()]))
      if ((before.get(s) ?? "") !== cellsKey(this.marks.get(s))) this.dirty.add(s);
  }

  reset(issues: readonly Issue[]): void {
    this.byUnit = new Map();
    this.others = [];
    this.marks = new Map();
    for (const i of issues) this.add(i);
    this.flat = null;
    this.dirty.clear();
  }

  private mark(i: Issue, delta: 1 | -1): void {
    const cell = i.cell;
    if (cell === undefined || !isPainted(i)) return;
    let m = this.marks.get(cell.sheet);
    if (m === undefined) {
      m = new Map();
      this.marks.set(cell.sheet, m);
    }
    const c = m.get(cell.cell) ?? [0, 0];
    const before = severityOf(c);
    if (i.severity === "error") c[0] += delta;
    else c[1] += delta;
    if (c[0] === 0 && c[1] === 0) m.delete(cell.cell);
    else m.set(cell.cell, c);
    const touched = this.touched;
    if (touched !== null) {
      let t = touched.get(cell.sheet);
      if (t === undefined) {
        t = new Map();
        touched.set(cell.sheet, t);
      }
      if (!t.has(cell.cell)) t.set(cell.cell, before);
    } else if (severityOf(c) !== before) this.dirty.add(cell.sheet);
  }

  private add(i: Issue): void {
    this.mark(i, 1);
    if (i.unit === undefined) {
      this.others.push(i);
      return;
    }
    const list = this.byUnit.get(i.unit);
    if (list === undefined) this.byUnit.set(i.unit, [i]);
    else list.push(i);
  }

  /** Drops the given units' issues and workbook-level ones `inScope` selects, then adds `fresh`. */
  replace(
    units: ReadonlySet<string>,
    inScope: (i: Issue) => boolean,
    fresh: readonly Issue[]
  ): void {
    const merged = mergeIssues(fresh);
    // Typing a value that raises the same issues as before (most edits) changes nothing: the list
    // is not rebuilt (a 3,321-unit matrix can hold ~280k issues) and the listener gets the same one.
    if (this.unchanged(units, inScope, merged)) return;
    const touched = new Map<string, Map<string, Mark | null>>();
    this.touched = touched;
    for (const u of units) {
      const list = this.byUnit.get(u);
      if (list === undefined) continue;
      for (const i of list) this.mark(i, -1);
      // Emptied, not deleted: the unit keeps its place in the list.
      list.length = 0;
    }
    const keep: Issue[] = [];
    for (const i of this.others) {
      if (inScope(i) || i.code === "sheet_missing") this.mark(i, -1);
      else keep.push(i);
    }
    this.others = keep;
    for (const i of merged) this.add(i);
    this.touched = null;
    for (const [sheet, cells] of touched) {
      const m = this.marks.get(sheet);
      for (const [cell, before] of cells) {
        const c = m?.get(cell);
        if ((c !== undefined ? severityOf(c) : null) !== before) {
          this.dirty.add(sheet);
          break;
        }
      }
    }
    this.flat = null;
  }

  /** True when `replace(units, inScope, fresh)` would leave the same issues in the same order. */
  private unchanged(
    units: ReadonlySet<string>,
    inScope: (i: Issue) => boolean,
    fresh: readonly Issue[]
  ): boolean {
    const byUnit = new Map<string, Issue[]>();
    const others: Issue[] = [];
    for (const i of fresh) {
      if (i.unit === undefined) others.push(i);
      else if (!units.has(i.unit)) return false;
      else {
        const l = byUnit.get(i.unit);
        if (l === undefined) byUnit.set(i.unit, [i]);
        else l.push(i);
      }
    }
    for (const u of units)
      if (!sameIssues(this.byUnit.get(u) ?? [], byUnit.get(u) ?? [])) return false;
    const dropped = this.others.filter((i) => inScope(i) || i.code === "sheet_missing");
    return sameIssues(dropped, others);
  }

  /** A workbook-level problem first (e.g. the entry sheet is gone); the rest stays. */
  prepend(issue: Issue): void {
    this.others = [issue, ...this.others.filter((i) => i.code !== issue.code)];
    this.flat = null;
  }

  list(): Issue[] {
    // One native concat (a 3,321-unit matrix can hold ~280k issues: a push loop costs 4× more).
    if (this.flat === null) this.flat = this.others.concat(...this.byUnit.values());
    return this.flat;
  }

  /** A sheet's cells to paint, as highlightsBySheet gives them (from the counts: no scan of the issues). */
  cellsOf(sheet: string): { cell: string; severity: Mark }[] {
    const out: { cell: string; severity: Mark }[] = [];
    for (const [cell, c] of this.marks.get(sheet) ?? []) {
      const severity = severityOf(c);
      if (severity !== null) out.push({ cell, severity });
    }
    return capHighlights(out);
  }

  /** The sheets whose painted cells changed since the last call (then forgotten). */
  takeDirty(): string[] {
    const out = [...this.dirty];
    this.dirty.clear();
    return out;
  }
}

/** Same issues in the same order (code, severity, cell, unit, indicator, params). */
function sameIssues(a: readonly Issue[], b: readonly Issue[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k] as Issue;
    const y = b[k] as Issue;
    if (
      x.code !== y.code ||
      x.severity !== y.severity ||
      x.unit !== y.unit ||
      x.indicator !== y.indicator ||
      x.cell?.sheet !== y.cell?.sheet ||
      x.cell?.cell !== y.cell?.cell
    )
      return false;
    const xk = Object.keys(x.params);
    if (xk.length !== Object.keys(y.params).length) return false;
    const xp = paramsOf(x);
    const yp = paramsOf(y);
    for (const key of xk) if (!Object.is(xp[key], yp[key])) return false;
  }
  return true;
}

/** The painted cells of one sheet as a comparable key. */
function cellsKey(m: ReadonlyMap<string, [number, number]> | undefined): string {
  if (m === undefined) return "";
  const out: string[] = [];
  for (const [cell, c] of m) out.push(`${cell}:${severityOf(c) ?? ""}`);
  return out.sort().join(",");
}

function severityOf(c: readonly [number, number]): Mark | null {
  return c[0] > 0 ? "error" : c[1] > 0 ? "warning" : null;
}

/**
 * Starts live validation: a full check first (its issues are the first `onIssues` call), then a
 * scoped re-check per burst of change events.
 */
export async function startLiveValidation(
  port: WorkbookPort,
  optionsOrListener: LiveValidationOptions | IssuesListener
): Promise<LiveValidation> {
  const options: LiveValidationOptions =
    typeof optionsOrListener === "function" ? { onIssues: optionsOrListener } : optionsOrListener;
  const debounceMs = options.debounceMs ?? 200;
  const first = await checkWorkbook(port, options.set !== undefined ? { set: options.set } : {});
  const store = new IssueStore(first.issues);
  const set: IndicatorSet | null = first.set;
  let matrix: SheetCache | null = null;
  let units: SheetCache | null = null;
  /** The prepared layout (rows, unit columns, ids, units sheet): rebuilt only when it changes. */
  let index: EntryIndex | null = null;
  const reindex = (): void => {
    index =
      set === null || matrix === null
        ? null
        : EntryIndex.of(units !== null ? [matrix.grid(), units.grid()] : [matrix.grid()], set);
  };
  const adopt = (res: Awaited<ReturnType<typeof checkWorkbook>>): void => {
    matrix = res.matrix !== null ? SheetCache.from(res.matrix) : null;
    units = res.units !== null ? SheetCache.from(res.units) : null;
    reindex();
  };
  adopt(first);
  options.onIssues(store.list());

  let pending: ChangeEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  /** Repaints only the sheets whose highlights changed (nothing at all when none did). */
  const publish = async (): Promise<void> => {
    // Only sheets that are there (a deleted units sheet has nothing left to repaint).
    const there = [matrix, units].filter((c): c is SheetCache => c !== null).map((c) => c.sheet);
    const dirty = store.takeDirty().filter((sh) => there.some((t) => same(t, sh)));
    if (dirty.length > 0) {
      const changed = dirty.map((sheet) => ({ sheet, cells: store.cellsOf(sheet) }));
      // Every sheet whose highlights changed in one call (one sync on Excel when the registry is known).
      if (changed.length === 1 && changed[0] !== undefined)
        await port.setHighlights(changed[0].sheet, changed[0].cells);
      else await port.setHighlightsMany(changed);
    }
    options.onIssues(store.list());
  };

  /**
   * A full re-check (structure edits, "check again"): repaints only the sheets whose highlights
   * changed, so an edit that changes nothing writes nothing (Excel's undo stack survives).
   */
  const fullRecheck = async (): Promise<void> => {
    const res = await checkWorkbook(port, { ...(set !== null ? { set } : {}), highlight: false });
    store.resetDiff(res.issues);
    adopt(res);
    await publish();
  };

  const handle = async (events: readonly ChangeEvent[]): Promise<void> => {
    const onMatrix = events.filter((e) => same(e.sheet, ENTRY_SHEET));
    const onUnits = events.filter((e) => same(e.sheet, UNITS_SHEET));
    if (onMatrix.length === 0 && onUnits.length === 0) return; // not an entry sheet: ignored
    const m = matrix;
    const ix: EntryIndex | null = index;
    // An entry sheet deleted or renamed: the issues that pointed into it go with a full re-check
    // (which says the sheet is missing).
    if (set === null || m === null || ix === null || events.some((e) => e.gone === true)) {
      await fullRecheck();
      return;
    }
    const mranges = onMatrix.map((e) => parseRange(e.range));
    const uranges = onUnits.map((e) => parseRange(e.range));
    // Structure edits (codes, max, unit names, rows above the table) change what every unit means.
    const structural = mranges.some(
      (r) => r === null || r.start.col < ix.firstUnitCol || r.start.row < ENTRY_FIRST_ROW
    );
    if (structural || uranges.some((r) => r === null)) {
      await fullRecheck();
      return;
    }
    const unitIdx = new Set<number>();
    let entryIndex: EntryIndex = ix;
    try {
      if (mranges.length > 0) {
        let c0 = Number.MAX_SAFE_INTEGER;
        let c1 = 0;
        let r1 = m.rowCount;
        for (const r of mranges) {
          if (r === null) continue;
          r1 = Math.max(r1, r.end.row);
          for (let col = r.start.col; col <= r.end.col; col += COLS_PER_UNIT) {
            const u = entryIndex.unitAtColumn(col);
            if (u !== null) unitIdx.add(u);
          }
          const u = entryIndex.unitAtColumn(r.end.col);
          if (u !== null) unitIdx.add(u);
        }
        for (const u of unitIdx) {
          const col = entryIndex.columnOf(u);
          if (col === null) continue;
          c0 = Math.min(c0, col);
          c1 = Math.max(c1, col + COLS_PER_UNIT - 1);
        }
        // One read: the touched units' whole columns, so their sums come back recalculated.
        if (c0 <= c1) {
          const grid = await port.readRange(
            ENTRY_SHEET,
            `${columnLetters(c0)}1:${columnLetters(c1)}${r1}`
          );
          m.patch(grid);
        }
      }
      const u = units;
      if (uranges.length > 0 && u !== null) {
        let r0 = Number.MAX_SAFE_INTEGER;
        let r1 = 0;
        for (const r of uranges) {
          if (r === null) continue;
          r0 = Math.min(r0, r.start.row);
          r1 = Math.max(r1, r.end.row);
        }
        const rows: number[] = [];
        for (let r = Math.max(2, r0); r <= r1; r++) rows.push(r);
        const before = rows.map((r) => u.get(r, 2));
        const grid = await port.readRange(UNITS_SHEET, `A${r0}:G${r1}`);
        u.patch(grid);
        const after = rows.map((r) => u.get(r, 2));
        // Units named on the changed rows (before and after the edit) are the ones to re-check.
        const names = new Set([...before, ...after].map((v) => foldName(textOf(v))));
        names.delete("");
        const found = [...names].map((n) => entryIndex.unitIndexByName(n));
        if (r0 <= 1 || found.some((i) => i === null)) {
          await fullRecheck();
          return;
        }
        // Groups and flags changed: the layout is prepared again (the matrix is unchanged).
        reindex();
        if (index === null) {
          await fullRecheck();
          return;
        }
        entryIndex = index;
        for (const i of found) if (i !== null) unitIdx.add(i);
      }
    } catch (e) {
      const issue = portErrorIssue(e);
      if (issue === null) throw e;
      // The entry sheet was deleted or renamed: say so, keep the rest, never crash.
      store.prepend(issue);
      options.onIssues(store.list());
      return;
    }
    recheckUnits(
      entryIndex,
      [...unitIdx].sort((a, b) => a - b)
    );
    await publish();
  };

  /** Re-reads and re-validates the given units only, from the cache, then swaps their issues. */
  function recheckUnits(ix: EntryIndex, unitIndexes: readonly number[]): void {
    if (set === null || unitIndexes.length === 0) return;
    const read = ix.read(unitIndexes);
    const ids = new Set(read.data.units.map((u) => u.id));
    const fresh = mergeIssues(read.issues, validate(set, read.data, { units: [...ids] }));
    const cols = new Set<number>();
    const urows = new Set<number>();
    for (const i of unitIndexes) {
      const c = ix.columnOf(i);
      if (c !== null) for (let k = 0; k < COLS_PER_UNIT; k++) cols.add(c + k);
      const row = ix.unitsSheetRow(i);
      if (row !== null) urows.add(row);
    }
    const inScope = (i: Issue): boolean => {
      if (i.unit !== undefined && ids.has(i.unit)) return true;
      if (i.cell === undefined) return false;
      const p = parseRange(i.cell.cell);
      if (p === null) return false;
      if (same(i.cell.sheet, ENTRY_SHEET))
        return cols.has(p.start.col) && p.start.row >= ENTRY_FIRST_ROW;
      if (same(i.cell.sheet, UNITS_SHEET)) return urows.has(p.start.row);
      return false;
    };
    store.replace(ids, inScope, fresh.filter(inScope));
  }

  const drain = async (): Promise<void> => {
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length === 0 || stopped) return;
    try {
      await handle(batch);
    } catch (e) {
      if (options.onError) options.onError(e);
      else throw e;
    }
  };

  const schedule = (): void => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      running = running.then(drain, drain);
    }, debounceMs);
  };

  const unsubscribe = await port.onChanged((event) => {
    if (stopped) return;
    // Cheap filter first: events on other sheets never wake the checker.
    if (!same(event.sheet, ENTRY_SHEET) && !same(event.sheet, UNITS_SHEET)) return;
    pending.push(event);
    schedule();
  });

  const stop = (): void => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    unsubscribe();
  };
  const flush = async (): Promise<void> => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    running = running.then(drain, drain);
    await running;
  };
  const recheck = async (): Promise<void> => {
    await flush();
    running = running.then(fullRecheck, fullRecheck);
    await running;
  };
  return Object.assign(stop, { flush, recheck, issues: () => store.list() });
}
