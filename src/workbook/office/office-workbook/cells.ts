/** Cells between Office and the port: what `range.formulas` takes, what `values` gives back, a Grid. */
import { type CellValue, type Grid, parseA1, type SpecCell } from "../../../engine";

/** A cell's content as Office takes it in `range.formulas`: text always behind an apostrophe (kept as text). */
export function officeCellInput(sc: SpecCell): string | number | boolean {
  switch (sc.kind) {
    case "number":
    case "bool":
      return sc.value;
    case "text":
      return sc.value === "" ? "" : `'${sc.value}`;
    case "formula":
      return sc.formula.startsWith("=") ? sc.formula : `=${sc.formula}`;
    case "blank":
      return "";
  }
}

/** A value written into a user cell (writeValues): numbers stay numbers, text stays text. */
export function officeValueInput(v: CellValue): string | number | boolean {
  if (v === null) return "";
  if (typeof v === "object") return `'${v.error}`;
  if (typeof v === "string") return v === "" ? "" : `'${v}`;
  return v;
}

/**
 * Excel's error values. Typing "#N/A" in Excel makes the error itself (text needs an apostrophe), so
 * reading errors from `values` is safe; not loading `valueTypes` keeps a 3,321 × 100 read in one response.
 */
const ERROR_VALUE =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!)$/;

/** One cell read from Office → CellValue: "" is blank, an error keeps its text. */
function fromOffice(value: unknown): CellValue {
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "string") return ERROR_VALUE.test(value) ? { error: value } : value;
  if (typeof value === "number" || typeof value === "boolean") return value;
  return null;
}

/** A formula is a formula string that is not the cell's own value (text "=x" reads back as its value). */
function formulaOf(formula: unknown, value: unknown): string | null {
  if (typeof formula !== "string" || !formula.startsWith("=") || formula === value) return null;
  return formula;
}

export function toGrid(
  sheet: string,
  range: { rowIndex: number; columnIndex: number; values: unknown[][]; formulas: unknown[][] },
  merges: readonly string[],
  hiddenRows: readonly number[]
): Grid {
  const values = range.values.map((row) => row.map(fromOffice));
  const formulas = range.formulas.map((row, r) =>
    row.map((f, c) => formulaOf(f, range.values[r]?.[c]))
  );
  return {
    sheet,
    originRow: range.rowIndex + 1,
    originCol: range.columnIndex + 1,
    values,
    formulas,
    merges,
    hiddenRows,
  };
}

/** Rows of the used range missing from its first column's visible view (none known when the view is empty). */
export function hiddenOf(
  cellAddresses: readonly (readonly string[])[],
  rowIndex: number,
  rowCount: number
): number[] {
  const shown = new Set<number>();
  for (const row of cellAddresses) {
    const p = parseA1(String(row[0] ?? "").replace(/^.*!/, ""));
    if (p) shown.add(p.row);
  }
  const hidden: number[] = [];
  if (shown.size > 0)
    for (let r = rowIndex + 1; r <= rowIndex + rowCount; r++) if (!shown.has(r)) hidden.push(r);
  return hidden;
}

/** Trailing blank rows/columns removed, leading ones moved into the origin (Excel's used range can be wider than the values). */
export function trim(g: Grid): Grid {
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
  const cut = <T>(rows: readonly (readonly T[])[]): T[][] =>
    rows.slice(r0, r1 + 1).map((row) => row.slice(c0, c1 + 1));
  return {
    ...g,
    originRow: g.originRow + r0,
    originCol: g.originCol + c0,
    values: cut(g.values),
    formulas: cut(g.formulas ?? []),
    hiddenRows: (g.hiddenRows ?? []).filter((x) => x >= g.originRow + r0 && x <= g.originRow + r1),
  };
}
