/**
 * The dense Grid of one sheet from its used cells, shared by the ExcelJS reader (read-grid.ts) and
 * the sparse reader (sparse-read.ts) so both lay a sheet out the same way. Browser-safe.
 */
import { a1, type CellValue, type Grid } from "../../engine";
import { XLSX_LIMITS } from "./inspect";
import { XlsxReadError } from "./read-error";

/** Date → ISO text: "2024-03-15" for a date without time, the full ISO string otherwise. */
export function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

/**
 * A sheet's used cells in parallel arrays, not one object each: a 200,000-row sheet has a million of
 * them (issue 12: under 1 GB).
 */
export interface UsedCells {
  readonly rowOf: number[];
  readonly colOf: number[];
  readonly valueOf: CellValue[];
  readonly formulaOf: (string | null)[];
}

export const noCells = (): UsedCells => ({ rowOf: [], colOf: [], valueOf: [], formulaOf: [] });

/** A merged range (more than one cell), its master at (row, col). */
export interface MergeBox {
  readonly row: number;
  readonly col: number;
  readonly endRow: number;
  readonly endCol: number;
}

/**
 * The grid from A1 to (maxRow, maxCol) when that is small enough, else from the first used cell; a
 * used range still too large for its few values (one value at XFD1048576) is refused, never
 * allocated. `merges` in the order the grid lists them; `hiddenRows` ascending.
 */
export function buildGrid(
  sheet: string,
  used: UsedCells,
  merges: readonly MergeBox[],
  maxRow: number,
  maxCol: number,
  hiddenRows: readonly number[],
  hiddenCol: (col: number) => boolean
): Grid {
  const { rowOf, colOf, valueOf, formulaOf } = used;
  let originRow = 1;
  let originCol = 1;
  if (maxRow * maxCol > XLSX_LIMITS.maxGridCells) {
    originRow = maxRow;
    originCol = maxCol;
    for (let i = 0; i < rowOf.length; i++) {
      originRow = Math.min(originRow, rowOf[i] ?? originRow);
      originCol = Math.min(originCol, colOf[i] ?? originCol);
    }
    for (const m of merges) {
      originRow = Math.min(originRow, m.row);
      originCol = Math.min(originCol, m.col);
    }
    const area = (maxRow - originRow + 1) * (maxCol - originCol + 1);
    if (area > XLSX_LIMITS.maxGridCells) {
      let far = { row: rowOf[0] ?? maxRow, col: colOf[0] ?? maxCol };
      for (let i = 1; i < rowOf.length; i++) {
        const row = rowOf[i] ?? 0;
        const col = colOf[i] ?? 0;
        if (row * col > far.row * far.col) far = { row, col };
      }
      throw new XlsxReadError("sheet_too_sparse", "", {
        sheet,
        ref: a1(far.row, far.col),
        amount: area,
      });
    }
  }
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  for (let r = originRow; r <= maxRow; r++) {
    values.push(new Array<CellValue>(maxCol - originCol + 1).fill(null));
    formulas.push(new Array<string | null>(maxCol - originCol + 1).fill(null));
  }
  for (let i = 0; i < rowOf.length; i++) {
    const r = (rowOf[i] ?? 0) - originRow;
    const c = (colOf[i] ?? 0) - originCol;
    const vr = values[r];
    const fr = formulas[r];
    if (vr) vr[c] = valueOf[i] ?? null;
    if (fr) fr[c] = formulaOf[i] ?? null;
  }
  const hiddenCols: number[] = [];
  for (let c = 1; c <= maxCol; c++) if (hiddenCol(c)) hiddenCols.push(c);
  return {
    sheet,
    originRow,
    originCol,
    values,
    formulas,
    merges: merges.map((m) => `${a1(m.row, m.col)}:${a1(m.endRow, m.endCol)}`),
    hiddenRows: hiddenRows.filter((r) => r >= originRow && r <= maxRow),
    ...(hiddenCols.length > 0 ? { hiddenCols } : {}),
  };
}

/** The grid trimmed to its used cells, as Excel's used range is (origin moves to the first used row/column). */
export function trimGrid(g: Grid): Grid {
  const used = (r: number, c: number): boolean =>
    (g.values[r]?.[c] ?? null) !== null || (g.formulas?.[r]?.[c] ?? null) !== null;
  let r0 = Infinity;
  let c0 = Infinity;
  let r1 = -1;
  let c1 = -1;
  g.values.forEach((row, r) =>
    row.forEach((_, c) => {
      if (!used(r, c)) return;
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    })
  );
  if (r1 < 0) return { ...g, originRow: 1, originCol: 1, values: [], formulas: [], hiddenRows: [] };
  // Already trimmed (the usual case): no copy.
  const width = g.values.reduce((w, row) => Math.max(w, row.length), 0);
  if (
    r0 === 0 &&
    c0 === 0 &&
    r1 === g.values.length - 1 &&
    c1 === width - 1 &&
    g.formulas !== undefined &&
    g.values.every((row, r) => row.length === width && g.formulas?.[r]?.length === width)
  )
    return g;
  const cut = <T>(rows: readonly (readonly T[])[], fill: T): T[][] =>
    rows.slice(r0, r1 + 1).map((row) => {
      const out = row.slice(c0, c1 + 1);
      while (out.length < c1 - c0 + 1) out.push(fill);
      return out;
    });
  const originRow = g.originRow + r0;
  const lastRow = g.originRow + r1;
  return {
    ...g,
    originRow,
    originCol: g.originCol + c0,
    values: cut<CellValue>(g.values, null),
    formulas: cut<string | null>(g.formulas ?? g.values.map((row) => row.map(() => null)), null),
    hiddenRows: (g.hiddenRows ?? []).filter((r) => r >= originRow && r <= lastRow),
  };
}

/** The cells of `range` (1-based rows and columns of a grid read from A1) as a grid of their own. */
export function gridRange(
  full: Grid,
  sheet: string,
  r: { readonly start: { row: number; col: number }; readonly end: { row: number; col: number } }
): Grid {
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  for (let row = r.start.row; row <= r.end.row; row++) {
    const vr: CellValue[] = [];
    const fr: (string | null)[] = [];
    for (let col = r.start.col; col <= r.end.col; col++) {
      vr.push(full.values[row - 1]?.[col - 1] ?? null);
      fr.push(full.formulas?.[row - 1]?.[col - 1] ?? null);
    }
    values.push(vr);
    formulas.push(fr);
  }
  return {
    sheet,
    originRow: r.start.row,
    originCol: r.start.col,
    values,
    formulas,
    merges: full.merges ?? [],
    hiddenRows: (full.hiddenRows ?? []).filter((x) => x >= r.start.row && x <= r.end.row),
  };
}
