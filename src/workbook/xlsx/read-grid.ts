/**
 * .xlsx → Grid through ExcelJS: the same grid the add-in reads from Excel (values with formula
 * results, formulas, merges, hidden rows), so the CLI and the add-in recognise the same tables.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { CellValue, Grid } from "../../engine/model/types";
import { a1 } from "../../engine/address";

export type XlsxReadErrorCode = "file_not_found" | "not_xlsx" | "unreadable";

/** A file that cannot be read as a workbook; the message says what and how to fix, in Vietnamese then English. */
export class XlsxReadError extends Error {
  constructor(
    readonly code: XlsxReadErrorCode,
    readonly file: string,
    readonly detail = ""
  ) {
    super(xlsxReadMessage(code, file, detail));
    this.name = "XlsxReadError";
  }
}

function xlsxReadMessage(code: XlsxReadErrorCode, file: string, detail: string): string {
  switch (code) {
    case "file_not_found":
      return (
        `Không tìm thấy tệp "${file}": kiểm tra đường dẫn và tên tệp. / ` +
        `File not found: "${file}": check the path and the file name.`
      );
    case "not_xlsx":
      return (
        `Tệp "${file}" không phải sổ tính Excel .xlsx: mở bằng Excel và lưu dưới dạng .xlsx rồi thử lại. / ` +
        `"${file}" is not an Excel .xlsx workbook: open it in Excel, save it as .xlsx and try again.` +
        (detail ? ` (${detail})` : "")
      );
    case "unreadable":
      return (
        `Không đọc được tệp "${file}"${detail ? ` (${detail})` : ""}: kiểm tra quyền đọc tệp. / ` +
        `Cannot read "${file}"${detail ? ` (${detail})` : ""}: check that the file can be read.`
      );
  }
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
  const cells: { row: number; col: number; value: CellValue; formula: string | null }[] = [];
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
      cells.push({ row: rowNumber, col: colNumber, value, formula });
      maxRow = Math.max(maxRow, rowNumber);
      maxCol = Math.max(maxCol, colNumber);
    });
  });
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  for (let r = 0; r < maxRow; r++) {
    values.push(new Array<CellValue>(maxCol).fill(null));
    formulas.push(new Array<string | null>(maxCol).fill(null));
  }
  for (const c of cells) {
    const vr = values[c.row - 1];
    const fr = formulas[c.row - 1];
    if (vr) vr[c.col - 1] = c.value;
    if (fr) fr[c.col - 1] = c.formula;
  }
  const merges = [...masters.values()].map((m) => `${a1(m.row, m.col)}:${a1(m.endRow, m.endCol)}`);
  const hiddenCols: number[] = [];
  for (let c = 1; c <= maxCol; c++) if (ws.getColumn(c).hidden) hiddenCols.push(c);
  return {
    sheet: ws.name,
    originRow: 1,
    originCol: 1,
    values,
    formulas,
    merges,
    hiddenRows: hiddenRows.filter((r) => r <= maxRow),
    ...(hiddenCols.length > 0 ? { hiddenCols } : {}),
  };
}

function describe(pathOrBuffer: string | Buffer | ArrayBuffer): string {
  return typeof pathOrBuffer === "string" ? pathOrBuffer : "(buffer)";
}

/** Loads an .xlsx (path or bytes); throws XlsxReadError for a missing file or one that is not an .xlsx. */
export async function loadXlsxWorkbook(
  pathOrBuffer: string | Buffer | ArrayBuffer
): Promise<ExcelJS.Workbook> {
  const name = describe(pathOrBuffer);
  let bytes: Buffer;
  if (typeof pathOrBuffer === "string") {
    try {
      bytes = await readFile(pathOrBuffer);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") throw new XlsxReadError("file_not_found", name);
      if (code === "EISDIR") throw new XlsxReadError("not_xlsx", name, "thư mục / a directory");
      throw new XlsxReadError("unreadable", name, code ?? "");
    }
  } else {
    bytes = Buffer.isBuffer(pathOrBuffer) ? pathOrBuffer : Buffer.from(pathOrBuffer);
  }
  // An .xlsx is a zip: "PK\x03\x04". Old .xls, CSV and HTML files fail here with a clear message.
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    // D0 CF 11 E0: an OLE file, i.e. an Excel 97-2003 .xls or a password-protected workbook.
    const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
    throw new XlsxReadError(
      "not_xlsx",
      name,
      ole ? "tệp .xls cũ hoặc có mật khẩu / an old .xls or a password-protected file" : ""
    );
  }
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS's load() is typed for its own Buffer interface; a Node Buffer is what it reads.
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new XlsxReadError("not_xlsx", name, error instanceof Error ? error.message : "");
  }
  return wb;
}

/** Every worksheet of an .xlsx as a Grid, in workbook order. */
export async function readXlsxGrids(pathOrBuffer: string | Buffer | ArrayBuffer): Promise<Grid[]> {
  const wb = await loadXlsxWorkbook(pathOrBuffer);
  return wb.worksheets.map(worksheetToGrid);
}
