/**
 * .xlsx → Grid through ExcelJS: the same grid the add-in reads from Excel (values with formula
 * results, formulas, merges, hidden rows), so the CLI and the add-in recognise the same tables.
 */
import { readFile } from "node:fs/promises";
import * as zlib from "node:zlib";
import ExcelJS from "exceljs";
import type { CellValue, Grid } from "../../engine";
import { buildGrid, dateText } from "./grid-build";
import { XlsxReadError } from "./read-error";
import { openSparse, SparseUnsupported } from "./sparse-read";
import {
  XlsxProblemError,
  inspectXlsx,
  withoutCommentsAndDrawings,
  type Inspected,
  type LeftOutValidations,
  type NotKept,
} from "./inspect";

export { XlsxReadError, type XlsxReadErrorCode } from "./read-error";

/** One ExcelJS cell value → the engine's CellValue (formula cells give their cached result). */
export function toCellValue(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return dateText(v);
  if (typeof v === "object") {
    if ("error" in v && typeof v.error === "string") return { error: v.error };
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as { result?: ExcelJS.CellValue }).result;
      return toCellValue(result);
    }
    if ("text" in v) {
      const text: unknown = v.text;
      if (typeof text === "string") return text;
      // A hyperlink whose text is rich text.
      if (typeof text === "object" && text !== null && "richText" in text) {
        const rich = (text as { richText: readonly { text: string }[] }).richText;
        return rich.map((r) => r.text).join("");
      }
    }
  }
  return null;
}

/**
 * A formula cell's cached result. ExcelJS leaves a falsy result (0, false, "") out of `cell.value`
 * after loading a file (`{ formula }` only); `cell.result` (the model's result) keeps it, so a SUM of
 * 0 reads as 0, not as blank.
 */
function formulaResult(cell: ExcelJS.Cell): CellValue {
  const fromValue = toCellValue(cell.value);
  if (fromValue !== null) return fromValue;
  const result: unknown = cell.result;
  if (typeof result === "number" || typeof result === "boolean") return result;
  if (typeof result === "string") return result === "" ? null : result;
  if (result instanceof Date) return dateText(result);
  if (typeof result === "object" && result !== null && "error" in result) {
    const error: unknown = result.error;
    if (typeof error === "string") return { error };
  }
  return null;
}

/** An ExcelJS worksheet → Grid from A1 to the last used cell. */
export function worksheetToGrid(ws: ExcelJS.Worksheet): Grid {
  let maxRow = 0;
  let maxCol = 0;
  const masters = new Map<string, { row: number; col: number; endRow: number; endCol: number }>();
  const hiddenRows: number[] = [];
  // The used cells in parallel arrays, not one object each: a 200,000-row sheet has a million of
  // them, and they live beside ExcelJS's own model until the grid is built (issue 12: under 1 GB).
  const rowOf: number[] = [];
  const colOf: number[] = [];
  const valueOf: CellValue[] = [];
  const formulaOf: (string | null)[] = [];
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    if (row.hidden) hiddenRows.push(rowNumber);
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.isMerged && cell.master !== cell) {
        const m = cell.master;
        const key = m.address;
        const cur = masters.get(key) ?? {
          row: Number(m.row),
          col: Number(m.col),
          endRow: Number(m.row),
          endCol: Number(m.col),
        };
        cur.endRow = Math.max(cur.endRow, rowNumber);
        cur.endCol = Math.max(cur.endCol, colNumber);
        masters.set(key, cur);
        maxRow = Math.max(maxRow, rowNumber);
        maxCol = Math.max(maxCol, colNumber);
        return;
      }
      const formula = cell.formula ? `=${cell.formula}` : null;
      const value = formula === null ? toCellValue(cell.value) : formulaResult(cell);
      if (value === null && formula === null) return;
      rowOf.push(rowNumber);
      colOf.push(colNumber);
      valueOf.push(value);
      formulaOf.push(formula);
      maxRow = Math.max(maxRow, rowNumber);
      maxCol = Math.max(maxCol, colNumber);
    });
  });
  return buildGrid(
    ws.name,
    { rowOf, colOf, valueOf, formulaOf },
    [...masters.values()],
    maxRow,
    maxCol,
    hiddenRows,
    (c) => ws.getColumn(c).hidden
  );
}

function describe(pathOrBuffer: string | Buffer | ArrayBuffer | Uint8Array): string {
  return typeof pathOrBuffer === "string" ? pathOrBuffer : "(buffer)";
}

async function bytesOf(
  pathOrBuffer: string | Buffer | ArrayBuffer | Uint8Array
): Promise<Uint8Array> {
  if (typeof pathOrBuffer !== "string")
    return pathOrBuffer instanceof Uint8Array ? pathOrBuffer : new Uint8Array(pathOrBuffer);
  try {
    return await readFile(pathOrBuffer);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      throw new XlsxReadError("file_not_found", pathOrBuffer);
    if (code === "EISDIR") throw new XlsxReadError("directory", pathOrBuffer);
    throw new XlsxReadError("unreadable", pathOrBuffer);
  }
}

/** A loaded workbook and the parts of the file it does not hold (a copy written from it loses them). */
export interface LoadedXlsx {
  readonly book: ExcelJS.Workbook;
  readonly notKept: readonly NotKept[];
  /** The file's bytes as read: a copy written from the book takes back what ExcelJS drops (carry.ts). */
  readonly source: Uint8Array;
  readonly leftOut: readonly LeftOutValidations[];
}

async function excelLoad(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // ExcelJS's load() is typed for its own Buffer interface; it reads a Uint8Array / Node Buffer.
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/**
 * Native inflation for inspectXlsx (node's zlib; maxOutputLength stops a zip bomb at the cap,
 * https://nodejs.org/api/zlib.html#class-options). In the browser bundle node:zlib is absent and
 * jszip inflates.
 */
const hasZlib = typeof zlib.inflateRawSync === "function";

function inflateRaw(deflated: Uint8Array, max: number): Uint8Array | null {
  try {
    return zlib.inflateRawSync(deflated, { maxOutputLength: Math.max(1, max) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return null;
    throw error;
  }
}

/** A file's bytes checked by inspectXlsx (caps, kind); XlsxReadError when it cannot be read. */
export interface InspectedFile {
  readonly name: string;
  readonly raw: Uint8Array;
  readonly inspected: Inspected;
}

/** Reads and inspects an .xlsx (path or bytes) within XLSX_LIMITS: the first step of every read. */
export async function inspectFile(
  pathOrBuffer: string | Buffer | ArrayBuffer | Uint8Array,
  options: { readonly keepSheets?: boolean } = {}
): Promise<InspectedFile> {
  const name = describe(pathOrBuffer);
  const raw = await bytesOf(pathOrBuffer);
  try {
    return {
      name,
      raw,
      inspected: await inspectXlsx(raw, { ...options, ...(hasZlib ? { inflateRaw } : {}) }),
    };
  } catch (error) {
    if (error instanceof XlsxProblemError)
      throw new XlsxReadError(error.problem, name, error.details);
    throw new XlsxReadError("corrupt", name);
  }
}

/**
 * Loads an .xlsx (path or bytes) within XLSX_LIMITS; throws XlsxReadError for a missing file, a file
 * that is not an .xlsx (saying what it is) or one past a limit. Never shows an exception's own text.
 */
export async function loadXlsx(
  pathOrBuffer: string | Buffer | ArrayBuffer | Uint8Array | InspectedFile
): Promise<LoadedXlsx> {
  const { name, raw, inspected } = isInspected(pathOrBuffer)
    ? pathOrBuffer
    : await inspectFile(pathOrBuffer);
  const bytes = await inspected.copy();
  try {
    return {
      book: await excelLoad(bytes),
      notKept: inspected.notKept,
      source: raw,
      leftOut: inspected.leftOut,
    };
  } catch {
    // ExcelJS throws on some comment / drawing layouts of other tools: read without them.
    try {
      const bare = await withoutCommentsAndDrawings(bytes);
      return {
        book: await excelLoad(bare.bytes),
        notKept: [...inspected.notKept, ...bare.notKept],
        source: raw,
        leftOut: inspected.leftOut,
      };
    } catch {
      throw new XlsxReadError("exceljs_failed", name);
    }
  }
}

const isInspected = (x: unknown): x is InspectedFile =>
  typeof x === "object" && x !== null && "inspected" in x && "raw" in x;

/** Loads an .xlsx (path or bytes); throws XlsxReadError (see loadXlsx). */
export async function loadXlsxWorkbook(
  pathOrBuffer: string | Buffer | ArrayBuffer | Uint8Array
): Promise<ExcelJS.Workbook> {
  return (await loadXlsx(pathOrBuffer)).book;
}

/**
 * Every worksheet of an .xlsx as a Grid, in workbook order: the sparse reader (sparse-read.ts), or
 * ExcelJS for a file the sparse reader does not follow exactly (SparseUnsupported).
 */
export async function readXlsxGrids(
  pathOrBuffer: string | Buffer | ArrayBuffer | Uint8Array
): Promise<Grid[]> {
  const file = await inspectFile(pathOrBuffer, { keepSheets: true });
  try {
    try {
      const book = await openSparse(
        file.inspected.package ?? (await file.inspected.copy()),
        file.inspected.sheetTexts
      );
      const grids: Grid[] = [];
      for (let i = 0; i < book.sheets.length; i++) grids.push(await book.grid(i));
      return grids;
    } catch (error) {
      if (!(error instanceof SparseUnsupported)) throw error;
    }
    file.inspected.sheetTexts?.clear();
    const wb = (await loadXlsx(file)).book;
    return wb.worksheets.map(worksheetToGrid);
  } catch (error) {
    // The grid readers do not know the file's name.
    if (error instanceof XlsxReadError && error.file === "")
      throw new XlsxReadError(error.problem, file.name, error.details);
    throw error;
  }
}
