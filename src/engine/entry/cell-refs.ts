/**
 * The cell references of the entry matrix, made once per process. A full read of a 3,321-unit
 * matrix points at about 1M cells, and a new name and object for each on every check was half of
 * the read (issue 14's "full check ÷ evaluate"). A reference is a readonly value: one can stand in
 * every read and every issue that points at its cell. At most REFS_KEPT are kept (a 3,321-unit
 * matrix needs 1.1M, some 45 MB; a province of 200 units, 70k); past that a column's references
 * are made for the call only.
 */
import { columnLetters } from "../address";
import type { CellRef } from "../model/types";

/** Sheet name → column → row → its reference ([0] unused). */
const KEPT = new Map<string, (CellRef[] | undefined)[]>();
let keptCount = 0;
const REFS_KEPT = 1_500_000;

/** References to column `col` of `sheet`, rows 1..lastRow at least: `[r]` is `{ sheet, cell: a1(r, col) }`. */
export function columnRefs(sheet: string, col: number, lastRow: number): readonly CellRef[] {
  let columns = KEPT.get(sheet);
  const known = columns?.[col];
  if (known !== undefined && known.length > lastRow) return known;
  const from = known ?? [{ sheet, cell: "" }];
  const more = Math.max(0, lastRow + 1 - from.length);
  const keep = keptCount + more <= REFS_KEPT;
  const out = keep ? from : from.slice();
  const letters = columnLetters(col);
  for (let r = out.length; r <= lastRow; r++) out.push({ sheet, cell: `${letters}${r}` });
  if (keep) {
    if (columns === undefined) {
      columns = [];
      KEPT.set(sheet, columns);
    }
    columns[col] = out;
    keptCount += more;
  }
  return out;
}

/**
 * Lets go of the kept references (the entries and issues already read keep theirs): a one-shot
 * command (`dti rank`, `dti validate`) reads the matrix once, and the references nobody points at
 * (header rows, unscored rows) and the column arrays need not stay for the rest of the run: 21 MB
 * at 3,321 units, heap after a forced GC before and after.
 */
export function releaseCellRefs(): void {
  KEPT.clear();
  keptCount = 0;
}
