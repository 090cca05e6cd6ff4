/**
 * Formulas a user typed into the entry matrix's input cells (a score "=F7*0.5", a link to another
 * sheet "='Sở Y tế'!C9"). Re-creating the entry sheets reads scores back as values; a formula read
 * that way would come back as its cached value, or as a blank where the host has none (issue 12,
 * item 7: "never turn a typed formula into a blank"). These are found here, by unit name, indicator
 * code and field, so the writer can put each formula back into the same unit/indicator cell.
 * The writer's own formulas (the main rows' SUMs) are not the user's and are left out.
 */
import { a1 } from "../address";
import type { CellValue, Grid, IndicatorSet } from "../model/types";
import { ENTRY_FIRST_ROW, ENTRY_HEADER_ROW } from "./layout";
import { EntryIndex } from "./read";

type EntryField = "self" | "appraised" | "evidence";
const ENTRY_FIELDS: readonly EntryField[] = ["self", "appraised", "evidence"];

export interface TypedFormula {
  /** The unit's name as its header shows it. */
  readonly unitName: string;
  readonly code: string;
  readonly field: EntryField;
  /** The formula as the host gives it ("=F7*0.5"). */
  readonly formula: string;
  /** Its value as last calculated (null when the host has none). */
  readonly cached: CellValue;
  /** Where it was ("H9"). */
  readonly cell: string;
}

/** A unit's key for matching across rebuilds (as the reader matches names). */
const textOf = (v: CellValue | undefined): string =>
  typeof v === "string" ? v.trim().replace(/\s+/g, " ") : typeof v === "number" ? String(v) : "";

/** "=SUM(F7,F9:F11)" over the cell's own column: what the writer puts in main rows. */
function isWritersSum(formula: string, col: string): boolean {
  const m = /^=SUM\(([^()]*)\)$/i.exec(formula.replace(/\s+/g, ""));
  if (m?.[1] === undefined) return false;
  return m[1].split(/[,:]/).every((ref) => new RegExp(`^\\$?${col}\\$?\\d+$`, "i").test(ref));
}

/** The formulas typed in the input cells of the entry matrix in `grids` (none when it is not there). */
export function typedFormulas(grids: readonly Grid[], set: IndicatorSet): TypedFormula[] {
  const index = EntryIndex.of(grids, set);
  if (index === null) return [];
  const g = index.matrix;
  const parents = new Set<string>();
  for (const ind of set.indicators) if (ind.parentCode !== null) parents.add(ind.parentCode);
  const cellAt = (row: number, col: number): { v: CellValue; f: string | null } => ({
    v: g.values[row - g.originRow]?.[col - g.originCol] ?? null,
    f: g.formulas?.[row - g.originRow]?.[col - g.originCol] ?? null,
  });
  const out: TypedFormula[] = [];
  const last = g.originRow + g.values.length - 1;
  for (let row = ENTRY_FIRST_ROW; row <= last; row++) {
    const code = textOf(cellAt(row, 1).v);
    if (code === "" || parents.has(code) || index.rowOf(code) !== row) continue;
    for (let i = 0; i < index.unitCount; i++) {
      const col0 = index.columnOf(i);
      if (col0 === null) continue;
      const unitName = textOf(cellAt(ENTRY_HEADER_ROW, col0).v);
      ENTRY_FIELDS.forEach((field, k) => {
        const { v, f } = cellAt(row, col0 + k);
        if (f === null || !f.startsWith("=")) return;
        const cell = a1(row, col0 + k);
        if (isWritersSum(f, cell.replace(/\d+$/, ""))) return;
        out.push({ unitName, code, field, formula: f, cached: v, cell });
      });
    }
  }
  return out;
}
