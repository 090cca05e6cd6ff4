/**
 * What crosses the boundary between Excel and the DTI.* functions: scalars, 2-D ranges and error
 * values with a message. Excel hands custom functions numbers, strings, booleans, null/undefined or ""
 * for blanks, nested arrays for ranges and error objects; `normalizeArg` turns all of that into `XlArg`.
 */
import { fnText, type FnMessageCode, type FnParams } from "../messages";

/** Excel error values the functions return. */
export type XlErrorCode = "#VALUE!" | "#N/A" | "#NUM!" | "#DIV/0!" | "#REF!" | "#NAME?" | "#NULL!";

/** An Excel error value with the reason, in Vietnamese (shown in Excel) and English. */
export interface XlError {
  readonly error: XlErrorCode;
  readonly message: string;
  readonly messageEn: string;
}

/** One cell as a function sees it; null = blank (not entered). */
export type XlScalar = number | string | boolean | null | XlError;

/** A range: rows of cells. */
export type XlMatrix = readonly (readonly XlScalar[])[];

/** A normalised argument; undefined = omitted. */
export type XlArg = XlScalar | XlMatrix | undefined;

/** What a function returns: a scalar, an error or a dynamic array. */
export type XlResult = number | string | boolean | XlError | XlMatrix;

const ERROR_CODES: readonly string[] = [
  "#VALUE!",
  "#N/A",
  "#NUM!",
  "#DIV/0!",
  "#REF!",
  "#NAME?",
  "#NULL!",
];

/** A failure inside a function: turned into an XlError by `invoke`, never seen by Excel as an exception. */
class DtiFailure extends Error {
  constructor(
    readonly code: XlErrorCode,
    readonly messageVi: string,
    readonly messageEn: string
  ) {
    super(messageEn);
    this.name = "DtiFailure";
  }
}

/**
 * The error a function may return for an input error: #REF! and #NAME? are valid custom-function
 * inputs but not outputs (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors),
 * so they come back as #VALUE! with a message naming them.
 */
export function outputCode(code: XlErrorCode): XlErrorCode {
  return code === "#REF!" || code === "#NAME?" ? "#VALUE!" : code;
}

/** An error value with its catalogue text in both languages (src/engine/messages/functions.*.ts). */
export function xlError(code: XlErrorCode, msg: FnMessageCode, params: FnParams = {}): XlError {
  return { error: code, message: fnText(msg, params, "vi"), messageEn: fnText(msg, params, "en") };
}

/** Fails with a catalogue message: `invoke` turns it into the error value. */
export function failWith(code: XlErrorCode, msg: FnMessageCode, params: FnParams = {}): never {
  const e = xlError(code, msg, params);
  throw new DtiFailure(code, e.message, e.messageEn);
}

export function isXlError(v: unknown): v is XlError {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "error" in v;
}

export function isMatrix(v: XlArg): v is XlMatrix {
  return Array.isArray(v);
}

/** Error text as Excel shows it ("#REF!"), from our objects, CellValue errors or CustomFunctions.Error. */
function errorCodeOf(v: object): XlErrorCode | null {
  const rec = v as { error?: unknown; code?: unknown };
  const raw =
    typeof rec.error === "string" ? rec.error : typeof rec.code === "string" ? rec.code : null;
  if (raw === null) return null;
  const up = raw.toUpperCase();
  if (ERROR_CODES.includes(up)) return up as XlErrorCode;
  // CustomFunctions.ErrorCode names
  const byName: Record<string, XlErrorCode> = {
    INVALIDVALUE: "#VALUE!",
    NOTAVAILABLE: "#N/A",
    DIVISIONBYZERO: "#DIV/0!",
    INVALIDNUMBER: "#NUM!",
    NULLREFERENCE: "#NULL!",
    INVALIDNAME: "#NAME?",
    INVALIDREFERENCE: "#REF!",
  };
  return byName[up] ?? (up.startsWith("#") ? "#VALUE!" : null);
}

/** One cell value from Excel into an XlScalar ("" and undefined are blank). */
function normalizeScalar(v: unknown): XlScalar {
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "number") return v;
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v;
  if (typeof v === "object") {
    const code = errorCodeOf(v);
    if (code !== null) {
      const m = (v as { message?: unknown }).message;
      const message = typeof m === "string" && m !== "" ? m : code;
      const en = (v as { messageEn?: unknown }).messageEn;
      return { error: code, message, messageEn: typeof en === "string" ? en : message };
    }
  }
  return xlError("#VALUE!", "fn_unreadable_value");
}

/** A cell that needs no conversion: a number, boolean, non-empty text or null. */
function isPlainCell(c: unknown): boolean {
  const t = typeof c;
  return t === "number" || t === "boolean" || (t === "string" && c !== "") || c === null;
}

/** Every row an array of plain cells: the range can be used as it is, without a copy. */
function isPlainMatrix(rows: readonly unknown[]): boolean {
  for (const r of rows) {
    if (!Array.isArray(r)) return false;
    const row: readonly unknown[] = r;
    for (let j = 0; j < row.length; j++) if (!isPlainCell(row[j])) return false;
  }
  return true;
}

/** An argument from Excel: undefined stays undefined (omitted), arrays become matrices. */
export function normalizeArg(v: unknown, range: boolean): XlArg {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) {
    // Ranges come in as rows of numbers, text, booleans and null: already XlScalar rows, so they
    // are read in place (the engine never mutates an argument). DTI.RANK in 3,321 cells would
    // otherwise copy its 3,321-cell range 3,321 times.
    if (range && isPlainMatrix(v)) return v as XlMatrix;
    const rows: unknown[] = v;
    const matrix = rows.map((r) =>
      Array.isArray(r) ? (r as unknown[]).map(normalizeScalar) : [normalizeScalar(r)]
    );
    if (!range && matrix.length === 1 && matrix[0]!.length === 1) return matrix[0]![0]!;
    return matrix;
  }
  if (v === null && range) return undefined; // an omitted optional range parameter
  const s = normalizeScalar(v);
  return range ? [[s]] : s;
}
