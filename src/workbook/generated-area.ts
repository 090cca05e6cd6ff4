/**
 * What an owned sheet's generated area is, and whether the user changed it since the add-in wrote it.
 *
 * Owned sheets are rewritten in place (deleting a sheet turns every formula that refers to it into
 * #REF!, and a new sheet of the same name does not repair them). A rewrite clears only the area the
 * previous write covered and writes the new one, so what the user put beside it stays. To warn before
 * replacing what the user typed inside it, each write records fingerprints of what it wrote: one hash
 * per row and one per column of the area (the cells the user is meant to type in, the spec's unlocked
 * ranges, left out). A cell the user changed changes its row's and its column's hash; the cells at the
 * crossings of changed rows and changed columns are the ones listed (exact for edits in one row or
 * one column, a superset otherwise). Cells outside the previous area but inside the new one that hold
 * anything are the user's too. Pure functions: the adapters supply the cells.
 */
import {
  a1,
  type CellPos,
  type CellValue,
  type Grid,
  parseA1,
  parseRange,
  type SheetSpec,
  type SpecCell,
} from "../engine";

export interface Box {
  readonly r0: number;
  readonly c0: number;
  readonly r1: number;
  readonly c1: number;
}

export function boxOf(range: string): Box | null {
  const r = parseRange(range);
  return r ? { r0: r.start.row, c0: r.start.col, r1: r.end.row, c1: r.end.col } : null;
}

function boxA1(b: Box): string {
  return `${a1(b.r0, b.c0)}:${a1(b.r1, b.c1)}`;
}

export function inBox(b: Box, row: number, col: number): boolean {
  return row >= b.r0 && row <= b.r1 && col >= b.c0 && col <= b.c1;
}

function union(a: Box | null, b: Box | null): Box | null {
  if (a === null) return b;
  if (b === null) return a;
  return {
    r0: Math.min(a.r0, b.r0),
    c0: Math.min(a.c0, b.c0),
    r1: Math.max(a.r1, b.r1),
    c1: Math.max(a.c1, b.c1),
  };
}

/** The bounding box of everything a spec writes into cells (blocks, styles, merges, rules, tables). */
export function specArea(spec: SheetSpec): Box | null {
  let box: Box | null = null;
  for (const b of spec.blocks) {
    const tl = parseA1(b.address);
    const width = b.rows.reduce((w, r) => Math.max(w, r.length), 0);
    if (!tl || b.rows.length === 0 || width === 0) continue;
    box = union(box, {
      r0: tl.row,
      c0: tl.col,
      r1: tl.row + b.rows.length - 1,
      c1: tl.col + width - 1,
    });
  }
  const ranges = [
    ...(spec.styles ?? []).map((s) => s.range),
    ...(spec.merges ?? []),
    ...(spec.validations ?? []).map((v) => v.range),
    ...(spec.conditionalFormats ?? []).map((c) => c.range),
    ...(spec.tables ?? []).map((t) => t.range),
  ];
  for (const r of ranges) box = union(box, boxOf(r));
  return box;
}

/** The spec's input ranges (unlocked cells: the user types there), comma-separated. */
function specInputs(spec: SheetSpec): string {
  const out: string[] = [];
  for (const s of spec.styles ?? []) if (s.style.locked === false) out.push(s.range);
  for (const b of spec.blocks) {
    if (b.style?.locked !== false) continue;
    const tl = parseA1(b.address);
    const width = b.rows.reduce((w, r) => Math.max(w, r.length), 0);
    if (tl && b.rows.length > 0 && width > 0)
      out.push(
        boxA1({ r0: tl.row, c0: tl.col, r1: tl.row + b.rows.length - 1, c1: tl.col + width - 1 })
      );
  }
  // Cells locked again inside an input range (the entry matrix's main rows) count as inputs too:
  // the record keeps only the ranges, and writing and checking must agree.
  return out.join(",");
}

/** Input ranges (as recorded) → whether a cell lies in one. */
function recordedInputTest(inputs: string | undefined): (row: number, col: number) => boolean {
  const boxes = (inputs ?? "")
    .split(",")
    .map((r) => boxOf(r))
    .filter((b): b is Box => b !== null);
  return (row, col) => boxes.some((b) => inBox(b, row, col));
}

/** Formula text as compared: upper case and without spaces outside string literals. */
function normFormula(f: string): string {
  const body = f.startsWith("=") ? f : `=${f}`;
  return body.replace(
    /("[^"]*")|([^"]+)/g,
    (_m, str: string | undefined, rest: string | undefined) =>
      str !== undefined ? str : (rest ?? "").replace(/\s+/g, "").toUpperCase()
  );
}

/** A written spec cell as it reads back from any host ("" for blank). */
function specCellKey(sc: SpecCell): string {
  switch (sc.kind) {
    case "number":
      return `n${sc.value}`;
    case "text":
      return sc.value === "" ? "" : `s${sc.value}`;
    case "bool":
      return `b${String(sc.value)}`;
    case "formula":
      return `f${normFormula(sc.formula)}`;
    case "blank":
      return "";
  }
}

/** A cell read back (value and formula) in the same terms as specCellKey. */
export function readCellKey(value: CellValue, formula: string | null): string {
  if (formula !== null && formula !== "") return `f${normFormula(formula)}`;
  if (value === null) return "";
  if (typeof value === "number") return `n${value}`;
  if (typeof value === "boolean") return `b${String(value)}`;
  if (typeof value === "string") return value === "" ? "" : `s${value}`;
  return `e${value.error}`;
}

/** FNV-1a, 32 bits. */
function fnv(h: number, text: string): number {
  let x = h;
  for (let i = 0; i < text.length; i++) {
    x ^= text.charCodeAt(i);
    x = Math.imul(x, 0x01000193) >>> 0;
  }
  return x;
}
const FNV0 = 0x811c9dc5;

/** fnv(h, `${at}:${key};`) without the joined string. */
function fnvPiece(h: number, at: string, key: string): number {
  let x = fnv(h, at);
  x = Math.imul(x ^ 58, 0x01000193) >>> 0; // ":"
  x = fnv(x, key);
  return Math.imul(x ^ 59, 0x01000193) >>> 0; // ";"
}
const short = (h: number): string => (h >>> 8).toString(36);

/** A cell's content in a sheet: key by position (undefined or "" for blank). */
type CellKeys = (row: number, col: number) => string | undefined;

/** Row and column hashes of `area` (inputs left out): "r1.r2…|c1.c2…". */
function fingerprint(
  area: Box,
  keyAt: CellKeys,
  isInput: (row: number, col: number) => boolean
): string {
  const rows = new Array<number>(area.r1 - area.r0 + 1).fill(FNV0);
  const cols = new Array<number>(area.c1 - area.c0 + 1).fill(FNV0);
  // Each hash runs over `${c}:${k};` (rows) and `${r}:${k};` (columns), fed piece by piece: the
  // same values as hashing the joined text (records already in workbooks must still match), without
  // building two strings per cell.
  const colText = new Array<string>(area.c1 - area.c0 + 1);
  for (let c = area.c0; c <= area.c1; c++) colText[c - area.c0] = String(c);
  for (let r = area.r0; r <= area.r1; r++) {
    const rowText = String(r);
    for (let c = area.c0; c <= area.c1; c++) {
      if (isInput(r, c)) continue;
      const k = keyAt(r, c);
      if (k === undefined || k === "") continue;
      const ri = r - area.r0;
      const ci = c - area.c0;
      rows[ri] = fnvPiece(rows[ri] ?? FNV0, colText[ci] ?? "", k);
      cols[ci] = fnvPiece(cols[ci] ?? FNV0, rowText, k);
    }
  }
  return `${rows.map(short).join(".")}|${cols.map(short).join(".")}`;
}

/**
 * The cells a spec writes, by position (later blocks win). Their keys are made one at a time while
 * hashing (a ranked sheet's 60,000 formula keys are never all held at once).
 */
function specCells(spec: SheetSpec): Map<number, SpecCell> {
  const out = new Map<number, SpecCell>();
  for (const b of spec.blocks) {
    const tl = parseA1(b.address);
    if (!tl) continue;
    b.rows.forEach((row, r) => row.forEach((sc, c) => out.set(posKey(tl.row + r, tl.col + c), sc)));
  }
  return out;
}

const posKey = (row: number, col: number): number => row * 16385 + col;

/** What the registry keeps of a spec just written: area, inputs, fingerprints. */
export function writtenRecord(spec: SheetSpec): { area: string; inputs: string; prints: string } {
  const area = specArea(spec);
  if (area === null) return { area: "", inputs: "", prints: "" };
  const cells = specCells(spec);
  const inputs = specInputs(spec);
  return {
    area: boxA1(area),
    inputs,
    prints: fingerprint(
      area,
      (r, c) => {
        const sc = cells.get(posKey(r, c));
        return sc === undefined ? undefined : specCellKey(sc);
      },
      recordedInputTest(inputs)
    ),
  };
}

/** At most this many cells are listed in a warning. */
const MAX_LISTED_CELLS = 20;

/**
 * The cells of an owned sheet the user changed inside what a rewrite would clear or write: inside the
 * previous area (fingerprints differ, inputs left out), and any non-empty cell of the new area that
 * lies outside the previous one. `current` gives the sheet's cells now. Sorted, at most `limit` + the count.
 */
export function editedCells(
  record: { readonly area?: string; readonly inputs?: string; readonly prints?: string },
  newArea: Box | null,
  current: CellKeys,
  nonEmpty: () => Iterable<CellPos>,
  limit = MAX_LISTED_CELLS
): { readonly cells: readonly string[]; readonly count: number } {
  const old = record.area === undefined || record.area === "" ? null : boxOf(record.area);
  const found = new Map<number, CellPos>();
  const isInput = recordedInputTest(record.inputs);
  if (old !== null && record.prints !== undefined) {
    const [rowsWas = "", colsWas = ""] = record.prints.split("|");
    const [rowsNow = "", colsNow = ""] = fingerprint(old, current, isInput).split("|");
    const rw = rowsWas.split(".");
    const cw = colsWas.split(".");
    const rn = rowsNow.split(".");
    const cn = colsNow.split(".");
    const rows: number[] = [];
    const cols: number[] = [];
    rn.forEach((h, i) => {
      if (h !== rw[i]) rows.push(old.r0 + i);
    });
    cn.forEach((h, i) => {
      if (h !== cw[i]) cols.push(old.c0 + i);
    });
    if (rows.length > 0 && cols.length === 0) for (let c = old.c0; c <= old.c1; c++) cols.push(c);
    for (const r of rows)
      for (const c of cols) if (!isInput(r, c)) found.set(posKey(r, c), { row: r, col: c });
  }
  if (newArea !== null)
    for (const p of nonEmpty()) {
      if (!inBox(newArea, p.row, p.col)) continue;
      if (old !== null && inBox(old, p.row, p.col)) continue;
      found.set(posKey(p.row, p.col), p);
    }
  const sorted = [...found.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  return { cells: sorted.slice(0, limit).map((p) => a1(p.row, p.col)), count: sorted.length };
}

/**
 * A formula after its sheet `sheet` was deleted: every reference to it becomes #REF! ("='Xếp
 * hạng'!B2" → "=#REF!B2"), as Excel does (EPPlus mirrors it: jet-global/EPPlus#191; formualizer#17
 * on Excel keeping #REF! when a sheet of the same name comes back). For the test fake and the memory
 * workbook, which must break such formulas as Excel would.
 */
export function breakReferences(formula: string, sheet: string): string {
  const esc = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const quoted = new RegExp(`'${esc(sheet.replace(/'/g, "''"))}'!`, "gi");
  let out = formula.replace(quoted, "#REF!");
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet))
    out = out.replace(new RegExp(`(^|[^A-Za-z0-9_.'!])${esc(sheet)}!`, "gi"), "$1#REF!");
  return out;
}

/** A formula after sheet `from` was renamed `to`: references follow, as in Excel. */
export function renameReferences(formula: string, from: string, to: string): string {
  const broken = breakReferences(formula, from);
  if (broken === formula) return formula;
  const q = `'${to.replace(/'/g, "''")}'!`;
  // Only the references just broken are renamed (an #REF! there before stays).
  const parts = formula.split(/('(?:[^']|'')*'!|[A-Za-z_][A-Za-z0-9_.]*!)/);
  return parts
    .map((p) => (p.endsWith("!") && breakReferences(p, from) === "#REF!" ? q : p))
    .join("");
}

/** `editedCells` of a sheet read as a grid (values and formulas), against the spec about to be written. */
export function gridEditedCells(
  record: { readonly area?: string; readonly inputs?: string; readonly prints?: string },
  spec: SheetSpec,
  g: Grid
): { readonly cells: readonly string[]; readonly count: number } {
  const key = (row: number, col: number): string =>
    readCellKey(
      g.values[row - g.originRow]?.[col - g.originCol] ?? null,
      g.formulas?.[row - g.originRow]?.[col - g.originCol] ?? null
    );
  const filled = function* (): Iterable<CellPos> {
    for (let r = 0; r < g.values.length; r++)
      for (let c = 0; c < (g.values[r]?.length ?? 0); c++)
        if (key(g.originRow + r, g.originCol + c) !== "")
          yield { row: g.originRow + r, col: g.originCol + c };
  };
  return editedCells(record, specArea(spec), key, filled);
}
