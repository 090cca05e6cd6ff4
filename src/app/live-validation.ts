/**
 * Live validation: after a full check, every change event (typing, paste, fill, undo) re-checks only
 * the units it touched. Per burst of events: one readRange per entry sheet touched and at most one
 * setHighlights(Many) call for the sheets whose highlights changed, whatever the size of the matrix
 * (on Excel a single typed cell costs 2 syncs: the read and the highlights). Events on other
 * sheets cost nothing. A sheet deleted or renamed under us becomes a "sheet_missing" issue.
 */
import { columnLetters, parseRange } from "../engine/address";
import type { CellRef, CellValue, Grid, IndicatorSet, Issue, Unit } from "../engine/model/types";
import { recognize } from "../engine/recognize";
import {
  COLS_PER_UNIT,
  ENTRY_FIRST_ROW,
  ENTRY_FIRST_UNIT_COL,
  ENTRY_HEADER_ROW,
  ENTRY_SHEET,
  UNITS_SHEET,
  unitColumn,
  unitOfColumn,
} from "../engine/sheets/entry-sheets";
import { foldName } from "../engine/text/normalize";
import { validate } from "../engine/validate";
import type { ChangeEvent, WorkbookPort } from "../workbook/port";
import { portErrorIssue } from "./port-errors";
import { checkWorkbook, dedupe, highlightsBySheet } from "./validate-workbook";

export type IssuesListener = (issues: readonly Issue[]) => void;

export interface LiveValidationOptions {
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

/** A sheet held as absolute rows/cols (1-based: cells[row - 1][col - 1]). */
class SheetCache {
  values: CellValue[][] = [];
  formulas: (string | null)[][] = [];
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

  get colCount(): number {
    return this.values.reduce((m, r) => Math.max(m, r.length), 0);
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

  /** A grid of the given absolute rows and columns, packed from (1, 1), as the recogniser sees it. */
  pack(rows: readonly number[], cols: readonly number[], merges: readonly string[]): Grid {
    return {
      sheet: this.sheet,
      originRow: 1,
      originCol: 1,
      values: rows.map((r) => cols.map((c) => this.values[r - 1]?.[c - 1] ?? null)),
      formulas: rows.map((r) => cols.map((c) => this.formulas[r - 1]?.[c - 1] ?? null)),
      merges,
    };
  }
}

function rangeOf(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

interface Mapped {
  readonly rows: readonly number[];
  readonly cols: readonly number[];
}

/** Cell of the packed grid → the real cell. */
function remapCell(cell: CellRef, sheet: string, map: Mapped): CellRef {
  if (cell.sheet.toLocaleLowerCase() !== sheet.toLocaleLowerCase()) return cell;
  const p = parseRange(cell.cell);
  if (p === null) return cell;
  const row = map.rows[p.start.row - 1];
  const col = map.cols[p.start.col - 1];
  if (row === undefined || col === undefined) return cell;
  return { sheet: cell.sheet, cell: `${columnLetters(col)}${row}` };
}

/** A cell's text for name matching ("" for blanks and errors). */
function textOf(v: CellValue): string {
  if (v === null || typeof v === "object") return "";
  return String(v);
}

function same(a: string, b: string): boolean {
  return a.toLocaleLowerCase() === b.toLocaleLowerCase();
}

/**
 * The issue list kept by unit, so an edit swaps one unit's issues without scanning all of them
 * (a 3,321-unit matrix can hold hundreds of thousands of issues).
 */
class IssueStore {
  private byUnit = new Map<string, Issue[]>();
  private others: Issue[] = [];
  private flat: Issue[] | null = null;

  constructor(issues: readonly Issue[]) {
    this.reset(issues);
  }

  reset(issues: readonly Issue[]): void {
    this.byUnit = new Map();
    this.others = [];
    for (const i of issues) this.add(i);
    this.flat = null;
  }

  private add(i: Issue): void {
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
    for (const u of units) this.byUnit.delete(u);
    this.others = this.others.filter((i) => !inScope(i) && i.code !== "sheet_missing");
    for (const i of dedupe(fresh)) this.add(i);
    this.flat = null;
  }

  /** A workbook-level problem first (e.g. the entry sheet is gone); the rest stays. */
  prepend(issue: Issue): void {
    this.others = [issue, ...this.others.filter((i) => i.code !== issue.code)];
    this.flat = null;
  }

  list(): Issue[] {
    if (this.flat === null) {
      const out: Issue[] = [...this.others];
      for (const l of this.byUnit.values()) for (const i of l) out.push(i);
      this.flat = out;
    }
    return this.flat;
  }
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
  const set = first.set;
  let matrix = first.matrix !== null ? SheetCache.from(first.matrix) : null;
  let units = first.units !== null ? SheetCache.from(first.units) : null;
  /** Unit ids of the full recognition by folded name: scoped runs report these ids. */
  const idByName = new Map<string, string>();
  const setIds = (list: readonly Unit[]): void => {
    for (const u of list) idByName.set(foldName(u.name), u.id);
  };
  setIds(first.recognized?.units ?? []);
  let painted = new Map(
    [...highlightsBySheet(store.list())].map(([s, cells]) => [s, key(cells)] as const)
  );
  options.onIssues(store.list());

  let pending: ChangeEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  function key(cells: readonly { cell: string; severity: string }[]): string {
    return cells
      .map((c) => `${c.cell}:${c.severity}`)
      .sort()
      .join(",");
  }

  const publish = async (sheetsTouched: readonly string[]): Promise<void> => {
    const marks = highlightsBySheet(store.list());
    const changed = sheetsTouched
      .map((sheet) => ({ sheet, cells: marks.get(sheet) ?? [] }))
      .filter((h) => painted.get(h.sheet) !== key(h.cells));
    // Every sheet whose highlights changed in one call (one sync on Excel when the registry is known).
    if (changed.length === 1 && changed[0] !== undefined)
      await port.setHighlights(changed[0].sheet, changed[0].cells);
    else if (changed.length > 1) await port.setHighlightsMany(changed);
    for (const h of changed) painted.set(h.sheet, key(h.cells));
    options.onIssues(store.list());
  };

  const fullRecheck = async (): Promise<void> => {
    const res = await checkWorkbook(port, set !== null ? { set } : {});
    store.reset(res.issues);
    matrix = res.matrix !== null ? SheetCache.from(res.matrix) : null;
    units = res.units !== null ? SheetCache.from(res.units) : null;
    idByName.clear();
    setIds(res.recognized?.units ?? []);
    painted = new Map([...highlightsBySheet(store.list())].map(([s, c]) => [s, key(c)] as const));
    options.onIssues(store.list());
  };

  const handle = async (events: readonly ChangeEvent[]): Promise<void> => {
    const onMatrix = events.filter((e) => same(e.sheet, ENTRY_SHEET));
    const onUnits = events.filter((e) => same(e.sheet, UNITS_SHEET));
    if (onMatrix.length === 0 && onUnits.length === 0) return; // not an entry sheet: ignored
    if (set === null || matrix === null) {
      await fullRecheck();
      return;
    }
    const mranges = onMatrix.map((e) => parseRange(e.range));
    const uranges = onUnits.map((e) => parseRange(e.range));
    // Structure edits (codes, max, unit names, rows above the table) change what every unit means.
    const structural = mranges.some(
      (r) => r === null || r.start.col < ENTRY_FIRST_UNIT_COL || r.start.row < ENTRY_FIRST_ROW
    );
    if (structural || uranges.some((r) => r === null)) {
      await fullRecheck();
      return;
    }
    const unitIdx = new Set<number>();
    const touched: string[] = [];
    try {
      if (mranges.length > 0) {
        let c0 = Number.MAX_SAFE_INTEGER;
        let c1 = 0;
        let r1 = matrix.rowCount;
        for (const r of mranges) {
          if (r === null) continue;
          const a = unitOfColumn(r.start.col);
          const b = unitOfColumn(r.end.col);
          if (a === null || b === null) continue;
          for (let u = a.unitIndex; u <= b.unitIndex; u++) unitIdx.add(u);
          c0 = Math.min(c0, unitColumn(a.unitIndex));
          c1 = Math.max(c1, unitColumn(b.unitIndex) + COLS_PER_UNIT - 1);
          r1 = Math.max(r1, r.end.row);
        }
        // One read: the touched units' whole columns, so their sums come back recalculated.
        const grid = await port.readRange(
          ENTRY_SHEET,
          `${columnLetters(c0)}1:${columnLetters(c1)}${r1}`
        );
        matrix.patch(grid);
        touched.push(ENTRY_SHEET);
      }
      if (uranges.length > 0 && units !== null) {
        let r0 = Number.MAX_SAFE_INTEGER;
        let r1 = 0;
        for (const r of uranges) {
          if (r === null) continue;
          r0 = Math.min(r0, r.start.row);
          r1 = Math.max(r1, r.end.row);
        }
        const before = rangeOf(Math.max(2, r0), r1).map((r) => units?.get(r, 2) ?? null);
        const grid = await port.readRange(UNITS_SHEET, `A${r0}:G${r1}`);
        units.patch(grid);
        const after = rangeOf(Math.max(2, r0), r1).map((r) => units?.get(r, 2) ?? null);
        // Units named on the changed rows (before and after the edit) are the ones to re-check.
        const names = new Set([...before, ...after].map((v) => foldName(textOf(v))));
        if (r0 <= 1 || [...names].some((n) => n !== "" && !matrixHasUnit(n))) {
          await fullRecheck();
          return;
        }
        for (const n of names) {
          const i = matrixUnitIndex(n);
          if (i !== null) unitIdx.add(i);
        }
        touched.push(UNITS_SHEET);
      }
    } catch (e) {
      const issue = portErrorIssue(e);
      if (issue === null) throw e;
      // The entry sheet was deleted or renamed: say so, keep the rest, never crash.
      store.prepend(issue);
      options.onIssues(store.list());
      return;
    }
    recheckUnits([...unitIdx].sort((a, b) => a - b));
    await publish(touched.length > 0 ? touched : [ENTRY_SHEET]);
  };

  function unitHeader(i: number): string {
    return foldName(textOf(matrix?.get(ENTRY_HEADER_ROW, unitColumn(i)) ?? null));
  }

  function matrixUnitIndex(folded: string): number | null {
    if (matrix === null) return null;
    for (let i = 0; unitColumn(i) <= matrix.colCount; i++) if (unitHeader(i) === folded) return i;
    return null;
  }

  function matrixHasUnit(folded: string): boolean {
    return matrixUnitIndex(folded) !== null;
  }

  /** Re-recognise and re-validate the given units only, from the cache, then swap their issues. */
  function recheckUnits(unitIndexes: readonly number[]): void {
    if (set === null || matrix === null || unitIndexes.length === 0) return;
    const m = matrix;
    // The columns left of the units (Mã, Tên chỉ số, Điểm tối đa, Cấp, Liên quan), then the units'.
    const cols = rangeOf(1, ENTRY_FIRST_UNIT_COL - 1);
    for (const i of unitIndexes)
      for (let k = 0; k < COLS_PER_UNIT; k++) cols.push(unitColumn(i) + k);
    const rows = rangeOf(1, m.rowCount);
    const merges = unitIndexes.map((_, j) => {
      const s = columnLetters(ENTRY_FIRST_UNIT_COL + j * COLS_PER_UNIT);
      const e = columnLetters(ENTRY_FIRST_UNIT_COL + j * COLS_PER_UNIT + COLS_PER_UNIT - 1);
      return `${s}${ENTRY_HEADER_ROW}:${e}${ENTRY_HEADER_ROW}`;
    });
    const mMap: Mapped = { rows, cols };
    const grids: Grid[] = [m.pack(rows, cols, merges)];
    const names = new Set(unitIndexes.map(unitHeader));
    let uMap: Mapped | null = null;
    if (units !== null) {
      const u = units;
      const urows = [
        1,
        ...rangeOf(2, u.rowCount).filter((r) => names.has(foldName(textOf(u.get(r, 2))))),
      ];
      const ucols = rangeOf(1, Math.max(7, u.colCount));
      uMap = { rows: urows, cols: ucols };
      grids.push(u.pack(urows, ucols, []));
    }
    const rec = recognize(grids, set.profile, { sheet: ENTRY_SHEET });
    const fresh: Issue[] = [];
    if (rec.ok) {
      const subIds = rec.value.units.map((u) => u.id);
      const toFull = new Map(
        rec.value.units.map((u) => [u.id, idByName.get(foldName(u.name)) ?? u.id] as const)
      );
      const found = [...rec.issues, ...validate(set, rec.value, { units: subIds })];
      for (const i of found) {
        let cell = i.cell;
        if (cell !== undefined) {
          cell = remapCell(cell, ENTRY_SHEET, mMap);
          if (uMap !== null) cell = remapCell(cell, UNITS_SHEET, uMap);
        }
        const unit: string | undefined =
          i.unit !== undefined ? (toFull.get(i.unit) ?? i.unit) : undefined;
        fresh.push({
          ...i,
          ...(cell !== undefined ? { cell } : {}),
          ...(unit !== undefined ? { unit } : {}),
        });
      }
    } else {
      for (const i of rec.issues) fresh.push(i);
    }
    const ids = new Set<string>();
    for (const n of names) {
      const id = idByName.get(n);
      if (id !== undefined) ids.add(id);
    }
    const colSet = new Set(cols.slice(ENTRY_FIRST_UNIT_COL - 1));
    const urowSet = new Set(uMap?.rows.slice(1) ?? []);
    const inScope = (i: Issue): boolean => {
      if (i.unit !== undefined && ids.has(i.unit)) return true;
      if (i.cell === undefined) return false;
      const p = parseRange(i.cell.cell);
      if (p === null) return false;
      if (same(i.cell.sheet, ENTRY_SHEET))
        return colSet.has(p.start.col) && p.start.row >= ENTRY_FIRST_ROW;
      if (same(i.cell.sheet, UNITS_SHEET)) return urowSet.has(p.start.row);
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
