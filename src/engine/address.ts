/** A1 addresses: column letters, cell and range parsing. Rows and columns are 1-based. */

export interface CellPos {
  readonly row: number;
  readonly col: number;
}

interface RangePos {
  readonly start: CellPos;
  readonly end: CellPos;
}

/** Letters of the columns met so far (Excel has 16,384): a full read names ~1M cells. */
const LETTERS: string[] = [];
const LETTERS_CACHED = 16_384;

/** 1 → "A", 27 → "AA". */
export function columnLetters(col: number): string {
  if (!Number.isInteger(col) || col < 1)
    throw new RangeError(`column must be a positive integer, got ${col}`);
  if (col <= LETTERS_CACHED) {
    const known = LETTERS[col];
    if (known !== undefined) return known;
  }
  let n = col;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  if (col <= LETTERS_CACHED) LETTERS[col] = out;
  return out;
}

/** "A" → 1, "aa" → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) throw new RangeError(`not a column: ${letters}`);
    n = n * 26 + (code - 64);
  }
  if (n === 0) throw new RangeError("empty column letters");
  return n;
}

/** (row 3, col 2) → "B3". */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** "B3" or "$B$3" → { row: 3, col: 2 }; null when not a cell address. */
export function parseA1(address: string): CellPos | null {
  const m = CELL_RE.exec(address.trim());
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const row = Number(m[2]);
  if (row < 1) return null;
  return { row, col: columnNumber(m[1]) };
}

/** "B3:D9", "B3" or "Sheet1!B3:D9" (sheet part ignored) → normalised range; null when not a range. */
export function parseRange(range: string): RangePos | null {
  const bang = range.lastIndexOf("!");
  const body = bang >= 0 ? range.slice(bang + 1) : range;
  const [a, b, extra] = body.split(":");
  if (a === undefined || extra !== undefined) return null;
  const p = parseA1(a);
  const q = b === undefined ? p : parseA1(b);
  if (!p || !q) return null;
  return {
    start: { row: Math.min(p.row, q.row), col: Math.min(p.col, q.col) },
    end: { row: Math.max(p.row, q.row), col: Math.max(p.col, q.col) },
  };
}

/** (start, end) → "B3:D9" ("B3" when one cell). */
export function rangeA1(start: CellPos, end: CellPos): string {
  const s = a1(start.row, start.col);
  const e = a1(end.row, end.col);
  return s === e ? s : `${s}:${e}`;
}

/** A sheet name quoted for formulas: 'Xếp hạng'!A1. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
