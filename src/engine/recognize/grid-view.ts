/** Read access to a Grid by absolute 1-based row/column, with merged-cell blanks filled on request. */
import { a1, parseRange } from "../address";
import type { CellRef, CellValue, Grid } from "../model/types";
import { parseVnNumber } from "../numbers/vn-number";
import { stripInvisible } from "../text/normalize";

/** Merged areas larger than this are ignored for filling (a whole-sheet merge would cost memory, not meaning). */
const MAX_MERGE_CELLS = 50_000;

export class GridView {
  readonly sheet: string;
  readonly firstRow: number;
  readonly firstCol: number;
  readonly lastRow: number;
  readonly lastCol: number;
  private readonly masterOf = new Map<number, number>();
  private readonly hidden: ReadonlySet<number>;

  constructor(readonly grid: Grid) {
    this.sheet = grid.sheet;
    this.firstRow = Math.max(1, Math.floor(grid.originRow) || 1);
    this.firstCol = Math.max(1, Math.floor(grid.originCol) || 1);
    let width = 0;
    for (const row of grid.values) width = Math.max(width, row.length);
    this.lastRow = this.firstRow + grid.values.length - 1;
    this.lastCol = this.firstCol + width - 1;
    this.hidden = new Set(grid.hiddenRows ?? []);
    for (const m of grid.merges ?? []) {
      const r = parseRange(m);
      if (r === null) continue;
      const top = Math.max(r.start.row, this.firstRow);
      const left = Math.max(r.start.col, this.firstCol);
      const bottom = Math.min(r.end.row, this.lastRow);
      const right = Math.min(r.end.col, this.lastCol);
      if (bottom < top || right < left) continue;
      if ((bottom - top + 1) * (right - left + 1) > MAX_MERGE_CELLS) continue;
      const master = this.key(r.start.row, r.start.col);
      for (let row = top; row <= bottom; row++) {
        for (let col = left; col <= right; col++) {
          if (row === r.start.row && col === r.start.col) continue;
          this.masterOf.set(this.key(row, col), master);
        }
      }
    }
  }

  private key(row: number, col: number): number {
    return row * 20_000 + col;
  }

  /** The cell's own value (null outside the grid). */
  raw(row: number, col: number): CellValue {
    const r = this.grid.values[row - this.firstRow];
    if (r === undefined) return null;
    return r[col - this.firstCol] ?? null;
  }

  /** The cell's formula ("=SUM(…)") or null. */
  formula(row: number, col: number): string | null {
    return this.grid.formulas?.[row - this.firstRow]?.[col - this.firstCol] ?? null;
  }

  /** The cell's value, or its merged area's top-left value when it is a merged blank. */
  filled(row: number, col: number): CellValue {
    const own = this.raw(row, col);
    if (own !== null) return own;
    const m = this.masterOf.get(this.key(row, col));
    if (m === undefined) return null;
    return this.raw(Math.floor(m / 20_000), m % 20_000);
  }

  /** Column of the merged area's top-left cell covering (row, col), or col itself. */
  masterCol(row: number, col: number): number {
    const m = this.masterOf.get(this.key(row, col));
    return m === undefined ? col : m % 20_000;
  }

  /** Text of a cell (numbers as written, trimmed); "" for blanks, booleans and errors. */
  text(row: number, col: number, fill = false): string {
    const v = fill ? this.filled(row, col) : this.raw(row, col);
    return cellText(v);
  }

  isHidden(row: number): boolean {
    return this.hidden.has(row);
  }

  isBlankRow(row: number): boolean {
    const r = this.grid.values[row - this.firstRow];
    if (r === undefined) return true;
    return r.every((v) => v === null || (typeof v === "string" && v.trim() === ""));
  }

  private readonly letters: string[] = [];

  ref(row: number, col: number): CellRef {
    // Column letters cached: a matrix of 3,321 units asks for a million cell addresses.
    let l = this.letters[col];
    if (l === undefined) {
      l = a1(1, col).slice(0, -1);
      this.letters[col] = l;
    }
    return { sheet: this.sheet, cell: `${l}${row}` };
  }
}

export function cellText(v: CellValue): string {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  return "";
}

/** A name typed over several lines in a header cell ("Sở Tài\nchính") as one line. */
export function oneLine(s: string): string {
  return stripInvisible(s).replace(/\s+/g, " ").trim();
}

/** A column of unit scores: mostly numbers (or number-like text) in the first data rows. */
export function isNumericColumn(view: GridView, col: number, from: number): boolean {
  let numbers = 0;
  let texts = 0;
  for (let r = from; r <= Math.min(view.lastRow, from + 60); r++) {
    const v = view.raw(r, col);
    if (v === null) continue;
    const p = parseVnNumber(v);
    if (p.kind === "number" || p.kind === "ambiguous" || p.kind === "error") numbers++;
    else if (p.kind === "not-a-number") texts++;
  }
  return numbers > 0 && numbers >= texts;
}
