/**
 * .xlsx → Grid through ExcelJS: the same grid the add-in reads from Excel (values with formula
 * results, formulas, merges, hidden rows), so the CLI and the add-in recognise the same tables.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { a1, type CellValue, type Grid, isKindReason, type Issue, issueText } from "../../engine";
import {
  XLSX_LIMITS,
  XlsxProblemError,
  inspectXlsx,
  withoutCommentsAndDrawings,
  type LeftOutValidations,
  type NotKept,
  type XlsxDetails,
  type XlsxProblem,
} from "./inspect";

export type XlsxReadErrorCode = "file_not_found" | "not_xlsx" | "unreadable" | "too_large";

/** The coarse code of each precise reason. */
function coarse(problem: XlsxProblem): XlsxReadErrorCode {
  if (problem === "file_not_found") return "file_not_found";
  if (problem === "unreadable") return "unreadable";
  if (isKindReason(problem) || problem === "directory") return "not_xlsx";
  if (problem === "exceljs_failed") return "not_xlsx";
  return "too_large";
}

/**
 * A file that cannot be read as a workbook; the message says what the file is (or which limit it
 * passes) and how to fix it, in Vietnamese then English. `issue()` is the same as an engine issue.
 */
export class XlsxReadError extends Error {
  readonly code: XlsxReadErrorCode;
  constructor(
    readonly problem: XlsxProblem,
    readonly file: string,
    readonly details: XlsxDetails = {}
  ) {
    const issue = readIssue(problem, file, details);
    super(`${issueText(issue, "vi")} / ${issueText(issue, "en")}`);
    this.code = coarse(problem);
    this.name = "XlsxReadError";
  }

  /** The problem as an issue (file_not_xlsx or file_unreadable), for the task pane. */
  issue(fileName = this.file): Issue {
    return readIssue(this.problem, fileName, this.details);
  }
}

function readIssue(problem: XlsxProblem, file: string, d: XlsxDetails): Issue {
  return {
    code: isKindReason(problem) ? "file_not_xlsx" : "file_unreadable",
    severity: "error",
    params: {
      file,
      reason: problem,
      ...(d.sheet !== undefined ? { sheet: d.sheet } : {}),
      ...(d.ref !== undefined ? { ref: d.ref } : {}),
      ...(d.amount !== undefined ? { amount: d.amount } : {}),
      ...(d.limit !== undefined ? { limit: d.limit } : {}),
    },
  };
}

/** Date → ISO text: "2024-03-15" for a date without time, the full ISO string otherwise. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

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
  // The grid is dense: from A1 when that is small enough, else from the first used cell; a used
  // range still too large for its few values (one value at XFD1048576) is refused, never allocated.
  let originRow = 1;
  let originCol = 1;
  if (maxRow * maxCol > XLSX_LIMITS.maxGridCells) {
    originRow = maxRow;
    originCol = maxCol;
    for (let i = 0; i < rowOf.length; i++) {
      originRow = Math.min(originRow, rowOf[i] ?? originRow);
      originCol = Math.min(originCol, colOf[i] ?? originCol);
    }
    for (const m of masters.values()) {
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
        sheet: ws.name,
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
  const merges = [...masters.values()].map((m) => `${a1(m.row, m.col)}:${a1(m.endRow, m.endCol)}`);
  const hiddenCols: number[] = [];
  for (let c = 1; c <= maxCol; c++) if (ws.getColumn(c).hidden) hiddenCols.push(c);
  return {
    sheet: ws.name,
    originRow,
    originCol,
    values,
    formulas,
    merges,
    hiddenRows: hiddenRows.filter((r) => r >= originRow && r <= maxRow),
    ...(hiddenCols.length > 0 ? { hiddenCols } : {}),
  };
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
 * Loads an .xlsx (path or bytes) within XLSX_LIMITS; throws XlsxReadError for a missing file, a file
 * that is not an .xlsx (saying what it is) or one past a limit. Never shows an exception's own text.
 */
export async function loadXlsx(
  pathOrBuffer: string | Buffer | ArrayBuffer | Uint8Array
): Promise<LoadedXlsx> {
  const name = describe(pathOrBuffer);
  const raw = await bytesOf(pathOrBuffer);
  let inspected;
  try {
    inspected = await inspectXlsx(raw);
  } catch (error) {
    if (error instanceof XlsxProblemError)
      throw new XlsxReadError(error.problem, name, error.details);
    throw new XlsxReadError("corrupt", name);
  }
  try {
    return {
      book: await excelLoad(inspected.bytes),
      notKept: inspected.notKept,
      source: raw,
      leftOut: inspected.leftOut,
    };
  } catch {
    // ExcelJS throws on some comment / drawing layouts of other tools: read without them.
    try {
      const bare = await withoutCommentsAndDrawings(inspected.bytes);
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

/** Loads an .xlsx (path or bytes); throws XlsxReadError (see loadXlsx). */
export async function loadXlsxWorkbook(
  pathOrBuffer: string | Buffer | ArrayBuffer | Uint8Array
): Promise<ExcelJS.Workbook> {
  return (await loadXlsx(pathOrBuffer)).book;
}

/** Every worksheet of an .xlsx as a Grid, in workbook order. */
export async function readXlsxGrids(
  pathOrBuffer: string | Buffer | ArrayBuffer | Uint8Array
): Promise<Grid[]> {
  const name = describe(pathOrBuffer);
  const wb = await loadXlsxWorkbook(pathOrBuffer);
  try {
    return wb.worksheets.map(worksheetToGrid);
  } catch (error) {
    // worksheetToGrid does not know the file's name.
    if (error instanceof XlsxReadError && error.file === "")
      throw new XlsxReadError(error.problem, name, error.details);
    throw error;
  }
}
