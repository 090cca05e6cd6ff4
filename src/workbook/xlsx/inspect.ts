/**
 * Over 400 lines: one bounded zip/XML walk (limits, file kinds) that must stay in one place to be
 * audited.
 *
 * Looks inside an .xlsx (a zip of XML parts) before ExcelJS does, so that no file can make the
 * reader allocate without bound, and so that a file that is not a workbook is named for what it is.
 *
 * Why: ExcelJS 4.4 expands some ranges cell by cell while loading (a merge over H1:XFD1048576 makes
 * 17 billion cell objects, `lib/doc/worksheet.js` _mergeCellsInternal; a data validation or a defined
 * name over a whole sheet likewise, `lib/xlsx/xform/sheet/data-validations-xform.js` parseClose,
 * `lib/doc/defined-names.js` addEx), it inflates every part in full, and its reconcile step throws a
 * TypeError on comments or drawings stored under other names than its own (exceljs/exceljs#2797:
 * "Cannot read properties of undefined (reading 'comments')"). So here:
 *   - the real inflated size of every part is counted while inflating (a declared size can lie) and
 *     capped (XLSX_LIMITS.maxInflatedBytes);
 *   - cells are counted, rows and columns beyond Excel's limits refused, merges measured;
 *   - data validations and defined names over huge ranges are taken out of the copy handed to
 *     ExcelJS (and reported as not kept), comment and note parts moved to the names ExcelJS expects;
 *   - what ExcelJS cannot keep when a copy is written (charts, pivot tables, macros...) is listed.
 * Pure and browser-safe (jszip, an ExcelJS dependency): the task pane's import runs the same caps.
 */
import JSZip from "jszip";
import { SheetPieces } from "./sheet-pieces";
import { detached } from "./sparse-xml";

/** Caps on what is read from one workbook. ~1 GB peak for the largest accepted input (see bench/). */
export const XLSX_LIMITS = {
  /** Excel's own sheet size (https://support.microsoft.com/office/excel-specifications-and-limits). */
  maxRows: 1_048_576,
  maxCols: 16_384,
  /** Cells (<c> elements) in all sheets: ExcelJS holds ~0.5 KB per cell. */
  maxCells: 1_500_000,
  /** Bytes of all parts once inflated. */
  maxInflatedBytes: 300 * 1024 * 1024,
  /** Cells covered by merged ranges, all sheets together (ExcelJS makes an object per merged cell). */
  maxMergedCells: 1_000_000,
  /** Cells of one sheet's dense grid (rows × columns of its used range), 2 × 8 bytes each. */
  maxGridCells: 4_000_000,
  /** Cells a data validation or a defined name may span before it is left out of the read. */
  maxRangeCells: 100_000,
} as const;

/** Why a file cannot be read; each has a vi/en text in the messages catalogue (file_unreadable). */
export type XlsxProblem =
  | "file_not_found"
  | "unreadable"
  | "directory"
  | "empty"
  | "xls"
  | "encrypted"
  | "ods"
  | "docx"
  | "pptx"
  | "xlsb"
  | "pdf"
  | "html"
  | "text"
  | "zip_not_workbook"
  | "corrupt"
  | "inflated_too_large"
  | "too_many_cells"
  | "beyond_limits"
  | "merge_too_large"
  | "sheet_too_sparse"
  | "exceljs_failed";

/** A part of the workbook that a copy written through ExcelJS does not keep. */
export interface NotKept {
  readonly what:
    | "charts"
    | "pivot_tables"
    | "macros"
    | "shapes"
    | "threaded_comments"
    | "slicers"
    | "external_links"
    | "data_validation"
    | "defined_name"
    | "comments"
    | "drawings";
  /** The sheet (or name) concerned, "" for the workbook. */
  readonly where: string;
  readonly count: number;
}

export interface XlsxDetails {
  /** The sheet concerned. */
  readonly sheet?: string;
  /** A cell or range, e.g. "XFD1048576", "H1:XFD1048576". */
  readonly ref?: string;
  /** A count or size the message quotes (cells, MB). */
  readonly amount?: number;
  readonly limit?: number;
}

/** Thrown by inspectXlsx; carries the reason code and what the message quotes. */
export class XlsxProblemError extends Error {
  constructor(
    readonly problem: XlsxProblem,
    readonly details: XlsxDetails = {}
  ) {
    super(problem);
    this.name = "XlsxProblemError";
  }
}

/** A sheet's data validations left out of what ExcelJS reads, with its root tag (namespaces). */
export interface LeftOutValidations {
  readonly sheet: string;
  readonly block: string;
  readonly root: string;
}

/**
 * The package as inspectXlsx read it, its changes laid over without making a copy (with
 * `keepSheets`): what the sparse reader reads (sparse-read.ts). Building the copy ExcelJS needs
 * (jszip, in JavaScript) took 0.7 s for a 26 MB sheet, and a second 27 MB of memory.
 */
export interface InspectedPackage {
  readonly zip: JSZip;
  /** Parts the inspection changed, by name, except worksheets (their texts are `sheetTexts`). */
  readonly changed: ReadonlyMap<string, string>;
  /** Parts the inspection took out (comments moved to other names). */
  readonly removed: ReadonlySet<string>;
  /** Worksheet parts the inspection changed (their changed text is in `sheetTexts`, once). */
  readonly changedSheets: ReadonlySet<string>;
  /** A changed worksheet's text once more (after `sheetTexts` gave it up): the input inspected again. */
  sheetTextAgain(path: string): Promise<SheetText | null>;
}

/** A worksheet's text as checked: pieces of its bytes, decoded when read (sheet-pieces.ts). */
export type SheetText = SheetPieces;

export interface Inspected {
  /**
   * The bytes to hand to ExcelJS: the input itself, or a copy with the parts it cannot load safely
   * changed. With `keepSheets` the copy is made only when asked (the input inspected again).
   */
  copy(): Promise<Uint8Array>;
  readonly notKept: readonly NotKept[];
  /** What carry.ts puts back into a copy. */
  readonly leftOut: readonly LeftOutValidations[];
  readonly cells: number;
  readonly inflatedBytes: number;
  /**
   * With `keepSheets`: each worksheet part's text as checked (after the changes above), by path, so
   * the sparse reader does not inflate it a second time (it deletes each entry once read).
   */
  readonly sheetTexts?: Map<string, SheetText>;
  /** With `keepSheets`: the package to read, changes laid over (no copy made). */
  readonly package?: InspectedPackage;
}

const te = new TextDecoder("utf-8");

function startsWith(b: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((x, i) => b[i] === x);
}

/** What a file that is not a zip is, from its first bytes. */
function sniffNonZip(b: Uint8Array): XlsxProblem {
  if (b.length === 0) return "empty";
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0])) {
    // An OLE file: Excel 97-2003 .xls, or an .xlsx encrypted with a password ("EncryptedPackage" stream).
    const probe = b.subarray(0, Math.min(b.length, 1 << 20));
    const name = "EncryptedPackage".split("").flatMap((c) => [c.charCodeAt(0), 0]);
    for (let i = 0; i + name.length <= probe.length; i++)
      if (probe[i] === name[0] && name.every((x, k) => probe[i + k] === x)) return "encrypted";
    return "xls";
  }
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return "pdf";
  const head = te
    .decode(b.subarray(0, Math.min(b.length, 512)))
    .trimStart()
    .toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.includes("<table"))
    return "html";
  // Mostly printable: a CSV or text file (or an XML spreadsheet 2003).
  const sample = b.subarray(0, Math.min(b.length, 4096));
  let printable = 0;
  for (const x of sample) if (x === 9 || x === 10 || x === 13 || x >= 32) printable++;
  return printable / sample.length > 0.95 ? "text" : "corrupt";
}

/** The pieces with the first match of `re` taken out (as `text.replace(re, "")` of the whole text). */
function withoutFirst(pieces: SheetPieces, re: RegExp): SheetPieces {
  for (let i = 0; i < pieces.count; i++) {
    const xml = pieces.piece(i);
    if (re.test(xml)) return pieces.with(i, xml.replace(re, ""));
  }
  return pieces;
}

/** What scanCells counts over a sheet's pieces (and the cells of all sheets so far). */
interface CellBox {
  rowCounter: number;
  colCounter: number;
  minRow: number;
  minCol: number;
  maxRow: number;
  maxCol: number;
  farRow: number;
  farCol: number;
  cells: number;
}

/** A character JavaScript's \s matches. */
function isJsSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** A character JavaScript's \w matches. */
const isWordChar = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

/**
 * The rows and cells of a piece of a sheet's text, with their r="…" reference when given: what
 * the loop over `/<(?:\w+:)?(row|c)(?=[\s>/])(?:[^>]*?\sr="([^"]*)")?/g` matches, read by hand (the
 * regular expression made a match array and two strings a cell: 196 MB for a 26 MB sheet).
 */
function scanCells(xml: string, sheet: string, box: CellBox): void {
  const n = xml.length;
  for (let lt = xml.indexOf("<"); lt >= 0;) {
    // (?:\w+:)? then (row|c) followed by \s, ">" or "/".
    let name = lt + 1;
    let k = name;
    while (k < n && isWordChar(xml.charCodeAt(k))) k++;
    if (k > name && xml.charCodeAt(k) === 0x3a /* : */) name = k + 1;
    let after = -1;
    let isRow = false;
    if (xml.startsWith("row", name) && endsName(xml.charCodeAt(name + 3))) {
      after = name + 3;
      isRow = true;
    } else if (xml.charCodeAt(name) === 0x63 /* c */ && endsName(xml.charCodeAt(name + 1)))
      after = name + 1;
    if (after < 0) {
      lt = xml.indexOf("<", lt + 1);
      continue;
    }
    // (?:[^>]*?\sr="([^"]*)")?: the first \sr=" before the tag's ">", its value to the next quote.
    let refFrom = -1;
    let refTo = -1;
    for (let t = after; t < n; t++) {
      const c = xml.charCodeAt(t);
      if (c === 0x3e /* > */) break;
      if (isJsSpace(c) && xml.startsWith('r="', t + 1)) {
        const q = xml.indexOf('"', t + 4);
        if (q >= 0) {
          refFrom = t + 4;
          refTo = q;
        }
        break;
      }
    }
    const next = refTo >= 0 ? refTo + 1 : after;
    if (isRow) {
      box.colCounter = 0;
      const r = refFrom >= 0 ? xml.slice(refFrom, refTo) : undefined;
      box.rowCounter = r !== undefined ? Number(r) : box.rowCounter + 1;
      if (
        !Number.isSafeInteger(box.rowCounter) ||
        box.rowCounter > XLSX_LIMITS.maxRows ||
        box.rowCounter < 1
      )
        throw new XlsxProblemError("beyond_limits", { sheet, ref: `row ${r ?? ""}` });
    } else {
      box.cells++;
      if (box.cells > XLSX_LIMITS.maxCells)
        throw new XlsxProblemError("too_many_cells", { limit: XLSX_LIMITS.maxCells });
      // A cell without r="…" is the next column (ExcelJS counts the same way).
      let row = box.rowCounter;
      let col = box.colCounter + 1;
      let ok = true;
      if (refFrom >= 0) {
        ok = refIn(xml, refFrom, refTo);
        row = refRow;
        col = refCol;
      }
      if (!ok || row > XLSX_LIMITS.maxRows || col > XLSX_LIMITS.maxCols || row < 1)
        throw new XlsxProblemError("beyond_limits", {
          sheet,
          ref: refFrom >= 0 ? xml.slice(refFrom, refTo) : `${XLSX_LIMITS.maxCols + 1}`,
        });
      box.colCounter = col;
      // The used range, from cells that hold something (a self-closing <c …/> is only a format).
      const end = xml.indexOf(">", lt);
      if (end > 0 && xml.charCodeAt(end - 1) !== 0x2f) {
        if (row < box.minRow) box.minRow = row;
        if (col < box.minCol) box.minCol = col;
        if (row > box.maxRow) box.maxRow = row;
        if (col > box.maxCol) box.maxCol = col;
        if (row * col > box.farRow * box.farCol) {
          box.farRow = row;
          box.farCol = col;
        }
      }
    }
    lt = xml.indexOf("<", next);
  }
}

/** A character that may follow a tag's name: \s, ">" or "/" (NaN past the end: no). */
const endsName = (c: number): boolean => c === 0x3e || c === 0x2f || isJsSpace(c);

/** What refIn read. */
let refRow = 0;
let refCol = 0;

/**
 * "XFD1048576" → {row, col}; null if not an A1 reference: what /^\$?([A-Za-z]{1,7})\$?(\d{1,12})$/
 * matches, read by hand (it runs once per cell: a million times for a 26 MB sheet).
 */
function parseRef(ref: string): { row: number; col: number } | null {
  return refIn(ref, 0, ref.length) ? { row: refRow, col: refCol } : null;
}

/** parseRef over `s` from `from` to `to`, the result in refRow and refCol (no object a cell). */
function refIn(s: string, from: number, to: number): boolean {
  let i = s.charCodeAt(from) === 0x24 /* $ */ ? from + 1 : from;
  const lettersFrom = i;
  let col = 0;
  for (; i < to; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    if (c < 0x41 || c > 0x5a) break;
    col = col * 26 + (c - 64);
  }
  if (i === lettersFrom || i - lettersFrom > 7) return false;
  if (i < to && s.charCodeAt(i) === 0x24) i++;
  const digitsFrom = i;
  let row = 0;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    row = row * 10 + (c - 0x30);
  }
  if (i !== to || i === digitsFrom || i - digitsFrom > 12) return false;
  refRow = row;
  refCol = col;
  return true;
}

/** (row, col) → "XFD1048576". */
function a1Of(row: number, col: number): string {
  let letters = "";
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26))
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** Cells of a range "A1:B2", "A:A", "1:3", "A1"; the whole-column / whole-row forms use Excel's limits. */
export function rangeCells(range: string): number {
  const [a = "", b = a] = range.replace(/\$/g, "").split(":");
  if (/^[A-Za-z]{1,3}$/.test(a) && /^[A-Za-z]{1,3}$/.test(b)) {
    const ca = parseRef(`${a}1`)?.col ?? 1;
    const cb = parseRef(`${b}1`)?.col ?? 1;
    return (Math.abs(cb - ca) + 1) * XLSX_LIMITS.maxRows;
  }
  if (/^\d+$/.test(a) && /^\d+$/.test(b))
    return (Math.abs(Number(b) - Number(a)) + 1) * XLSX_LIMITS.maxCols;
  const p = parseRef(a);
  const q = parseRef(b);
  if (!p || !q) return 0;
  return (Math.abs(q.row - p.row) + 1) * (Math.abs(q.col - p.col) + 1);
}

/** The minimal surface of jszip's internal stream (not in its type declarations). */
interface JSZipInternalStream {
  on(event: "data", cb: (chunk: Uint8Array) => void): JSZipInternalStream;
  on(event: "error", cb: (e: unknown) => void): JSZipInternalStream;
  on(event: "end", cb: () => void): JSZipInternalStream;
  pause(): JSZipInternalStream;
  resume(): JSZipInternalStream;
}

/**
 * A native raw-deflate inflater (node's zlib, given by the command line; jszip's is JavaScript, about
 * ten times slower on a 26 MB sheet): the inflated bytes, or null past `max` bytes.
 */
export type InflateRaw = (deflated: Uint8Array, max: number) => Uint8Array | null;

/** What jszip keeps of a part read from a zip (not in its type declarations). */
interface JSZipCompressed {
  readonly compressedContent?: Uint8Array;
  readonly compression?: { readonly magic?: string };
}

/**
 * Inflates one part, giving up as soon as the running total passes `budget` bytes; through `native`
 * when given and the part is stored or deflated as read from the zip.
 */
function inflateCapped(
  file: JSZip.JSZipObject,
  budget: number,
  native?: InflateRaw
): Promise<Uint8Array | null> {
  if (native !== undefined) {
    const data = (file as unknown as { _data?: JSZipCompressed })._data;
    const content = data?.compressedContent;
    const magic = data?.compression?.magic;
    if (content instanceof Uint8Array && magic === "\x08\x00")
      return new Promise((resolve, reject) => {
        try {
          resolve(native(content, budget));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    if (content instanceof Uint8Array && magic === "\x00\x00")
      return Promise.resolve(content.length > budget ? null : content);
  }
  return inflateStreamed(file, budget);
}

/** Inflates one part through jszip, giving up as soon as the running total passes `budget` bytes. */
function inflateStreamed(file: JSZip.JSZipObject, budget: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let done = false;
    const stream = (
      file as unknown as { internalStream(type: "uint8array"): JSZipInternalStream }
    ).internalStream("uint8array");
    stream
      .on("data", (chunk) => {
        if (done) return;
        size += chunk.length;
        if (size > budget) {
          done = true;
          stream.pause();
          resolve(null);
          return;
        }
        chunks.push(chunk);
      })
      .on("error", (e) => {
        if (!done) reject(e instanceof Error ? e : new Error(String(e)));
        done = true;
      })
      .on("end", () => {
        if (done) return;
        done = true;
        if (chunks.length === 1 && chunks[0]) return resolve(chunks[0]);
        const out = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) {
          out.set(c, at);
          at += c.length;
        }
        resolve(out);
      })
      .resume();
  });
}

const REL_COMMENTS = "relationships/comments";
const REL_VML = "relationships/vmlDrawing";
const REL_DRAWING = "relationships/drawing";

export interface SheetPart {
  readonly name: string;
  readonly path: string;
  readonly relsPath: string;
}

/** "xl/worksheets/sheet1.xml" + "../comments1.xml" → "xl/comments1.xml"; absolute targets start at the root. */
export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = fromPart.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

const ATTR_RE = new Map<string, RegExp>();
export function attr(tag: string, name: string): string | undefined {
  let re = ATTR_RE.get(name);
  if (re === undefined) {
    re = new RegExp(`\\s${name}="([^"]*)"`);
    ATTR_RE.set(name, re);
  }
  return re.exec(tag)?.[1];
}

export const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** Sheet names and parts, in workbook order, from workbook.xml and its rels. */
export function sheetParts(workbookXml: string, relsXml: string): SheetPart[] {
  const rels = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id !== undefined && target !== undefined)
      rels.set(id, resolveTarget("xl/workbook.xml", target));
  }
  const out: SheetPart[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const id = attr(m[0], "r:id") ?? attr(m[0], "[\\w]+:id");
    const path = id !== undefined ? rels.get(id) : undefined;
    if (path === undefined) continue;
    const slash = path.lastIndexOf("/");
    out.push({
      name: unescapeXml(attr(m[0], "name") ?? ""),
      path,
      relsPath: `${path.slice(0, slash)}/_rels/${path.slice(slash + 1)}.rels`,
    });
  }
  return out;
}

/**
 * Checks a workbook's bytes against XLSX_LIMITS and says what it is when it is not an .xlsx.
 * Throws XlsxProblemError; returns the bytes to hand to ExcelJS and what a copy would not keep.
 */
export async function inspectXlsx(
  input: Uint8Array,
  options: {
    readonly keepSheets?: boolean;
    readonly inflateRaw?: InflateRaw;
    /** Bytes a sheet's piece holds at least (sheet-pieces.ts PIECE_BYTES; tests cut smaller). */
    readonly pieceBytes?: number;
  } = {}
): Promise<Inspected> {
  const kept = options.keepSheets === true ? new Map<string, SheetText>() : undefined;
  if (input.length < 4 || input[0] !== 0x50 || input[1] !== 0x4b)
    throw new XlsxProblemError(sniffNonZip(input));
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(input);
  } catch {
    throw new XlsxProblemError("corrupt");
  }
  const has = (p: string): boolean => zip.file(p) !== null;
  const names = Object.keys(zip.files).map((n) => (n.startsWith("/") ? n.slice(1) : n));
  let budget: number = XLSX_LIMITS.maxInflatedBytes;
  const texts = new Map<string, string>();
  /** A part's bytes, inflated within the remaining budget (once: `texts` then has its name). */
  const partBytes = async (path: string): Promise<Uint8Array | null> => {
    const f = zip.file(path);
    if (f === null) return null;
    let bytes: Uint8Array | null;
    try {
      bytes = await inflateCapped(f, budget, options.inflateRaw);
    } catch {
      throw new XlsxProblemError("corrupt");
    }
    if (bytes === null)
      throw new XlsxProblemError("inflated_too_large", {
        limit: Math.round(XLSX_LIMITS.maxInflatedBytes / 1024 / 1024),
      });
    budget -= bytes.length;
    texts.set(path, "");
    return bytes;
  };
  /** A part's text, inflated within the remaining budget. */
  const text = async (path: string): Promise<string | null> => {
    const cached = texts.get(path);
    if (cached !== undefined) return cached;
    const bytes = await partBytes(path);
    if (bytes === null) return null;
    const s = te.decode(bytes);
    texts.set(path, s);
    return s;
  };
  const mimetype = has("mimetype") ? ((await text("mimetype")) ?? "") : "";
  if (mimetype.includes("opendocument.spreadsheet")) throw new XlsxProblemError("ods");
  if (has("word/document.xml")) throw new XlsxProblemError("docx");
  if (has("ppt/presentation.xml")) throw new XlsxProblemError("pptx");
  if (has("xl/workbook.bin")) throw new XlsxProblemError("xlsb");
  const workbookXml = await text("xl/workbook.xml");
  const workbookRels = await text("xl/_rels/workbook.xml.rels");
  if (workbookXml === null || workbookRels === null || !has("[Content_Types].xml"))
    throw new XlsxProblemError("zip_not_workbook");

  const notKept: NotKept[] = [];
  const leftOut: LeftOutValidations[] = [];
  const changed = new Map<string, string>();
  const removed = new Set<string>();
  const changedSheets = new Set<string>();
  const sheets = sheetParts(workbookXml, workbookRels);
  let cells = 0;
  let merged = 0;

  for (const sheet of sheets) {
    const bytes = await partBytes(sheet.path);
    if (bytes === null) continue;
    let pieces = SheetPieces.of(bytes, options.pieceBytes);
    let sheetChanged = false;
    const box = {
      rowCounter: 0,
      colCounter: 0,
      minRow: Infinity,
      minCol: Infinity,
      maxRow: 0,
      maxCol: 0,
      farRow: 0,
      farCol: 0,
      cells,
    };
    /** The sheet's first data validations block and the piece holding it. */
    let dv: { readonly piece: number; readonly block: string } | null = null;
    // One pass over the rows, cells, merges and validations, a piece at a time (no tag, and no
    // block, spans two: sheet-pieces.ts).
    for (let i = 0; i < pieces.count; i++) {
      const xml = pieces.piece(i);
      scanCells(xml, sheet.name, box);
      for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*>/g)) {
        const ref = attr(m[0], "ref") ?? "";
        const n = rangeCells(ref);
        merged += n;
        if (merged > XLSX_LIMITS.maxMergedCells)
          throw new XlsxProblemError("merge_too_large", { sheet: sheet.name, ref, amount: n });
      }
      if (dv === null) {
        const found = /<(?:\w+:)?dataValidations\b[\s\S]*?<\/(?:\w+:)?dataValidations>/.exec(xml);
        if (found) dv = { piece: i, block: found[0] };
      }
    }
    cells = box.cells;
    const { minRow, minCol, maxRow, maxCol, farRow, farCol } = box;
    // A used range too large for a dense grid even from its first used cell (one value at A1 and
    // one at XFD1048576): refused here, before ExcelJS builds it (the grid reader checks the same).
    if (maxRow > 0) {
      const fromA1 = maxRow * maxCol;
      const fromFirst = (maxRow - minRow + 1) * (maxCol - minCol + 1);
      if (fromA1 > XLSX_LIMITS.maxGridCells && fromFirst > XLSX_LIMITS.maxGridCells)
        throw new XlsxProblemError("sheet_too_sparse", {
          sheet: sheet.name,
          ref: a1Of(farRow, farCol),
          amount: fromFirst,
        });
    }
    // Data validations over huge ranges: left out of what ExcelJS reads (it keeps one entry per
    // cell). The first block, as one search of the whole text finds it (a block holds no row).
    if (dv !== null) {
      let area = 0;
      for (const m of dv.block.matchAll(/\ssqref="([^"]*)"/g))
        for (const ref of (m[1] ?? "").split(/\s+/)) if (ref !== "") area += rangeCells(ref);
      if (area > XLSX_LIMITS.maxRangeCells) {
        pieces = pieces.with(dv.piece, pieces.piece(dv.piece).replace(dv.block, ""));
        sheetChanged = true;
        notKept.push({ what: "data_validation", where: sheet.name, count: 1 });
        leftOut.push({
          sheet: sheet.name,
          // Copies: a slice would keep the whole piece's text alive (V8 slices share their parent).
          block: detached(dv.block),
          root: detached(/<(?![?!])[^>]+>/.exec(pieces.piece(0))?.[0] ?? ""),
        });
      }
    }
    // Comments, notes and drawings under other names than ExcelJS's: moved, or left out.
    const rels = await text(sheet.relsPath);
    if (rels !== null) {
      let relsXml = rels;
      for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
        const type = attr(m[0], "Type") ?? "";
        const target = attr(m[0], "Target") ?? "";
        if (attr(m[0], "TargetMode") === "External") continue;
        const part = resolveTarget(sheet.path, target);
        if (type.endsWith(REL_COMMENTS) || type.endsWith(REL_VML)) {
          const isVml = type.endsWith(REL_VML);
          const wanted = isVml ? /^xl\/drawings\/vmlDrawing\d+\.vml$/ : /^xl\/comments\d+\.xml$/;
          if (wanted.test(part) && target === `../${part.slice(3)}`) continue;
          const body = await text(part);
          if (body === null) {
            // A relationship to a part that is missing: ExcelJS would throw; the part is dropped.
            relsXml = relsXml.replace(m[0], "");
            notKept.push({ what: "comments", where: sheet.name, count: 1 });
            continue;
          }
          let k = 1;
          const fresh = (n: number): string =>
            isVml ? `xl/drawings/vmlDrawing${n}.vml` : `xl/comments${n}.xml`;
          while (has(fresh(k)) || changed.has(fresh(k))) k++;
          changed.set(fresh(k), body);
          removed.add(part);
          relsXml = relsXml.replace(m[0], m[0].replace(`"${target}"`, `"../${fresh(k).slice(3)}"`));
        }
        if (type.endsWith(REL_DRAWING)) {
          const drawingRelsPath = part.replace(/([^/]+)$/, "_rels/$1.rels");
          const drawing = await text(part);
          const drawingRels = (await text(drawingRelsPath)) ?? "";
          const charts = (drawingRels.match(/relationships\/chart"/g) ?? []).length;
          if (charts > 0) notKept.push({ what: "charts", where: sheet.name, count: charts });
          const shapes = (drawing?.match(/<(?:\w+:)?sp\b/g) ?? []).length;
          if (shapes > 0) notKept.push({ what: "shapes", where: sheet.name, count: shapes });
          if (drawing === null) {
            relsXml = relsXml.replace(m[0], "");
            pieces = withoutFirst(pieces, /<(?:\w+:)?drawing\b[^>]*\/>/);
            sheetChanged = true;
          }
        }
      }
      if (relsXml !== rels) changed.set(sheet.relsPath, relsXml);
    }
    if (sheetChanged) {
      // Handed on, a changed sheet's text is not held a second time for a copy (see the end).
      if (kept !== undefined) changedSheets.add(sheet.path);
      else changed.set(sheet.path, pieces.text());
    }
    // The sheet's text is not kept in memory once checked: its pieces are decoded when read.
    if (kept !== undefined) kept.set(sheet.path, pieces);
  }

  // Defined names over huge ranges (ExcelJS expands them cell by cell): left out of the read.
  let wbXml = workbookXml;
  for (const m of workbookXml.matchAll(
    /<(?:\w+:)?definedName\b([^>]*)>([^<]*)<\/(?:\w+:)?definedName>/g
  )) {
    const body = unescapeXml(m[2] ?? "");
    let area = 0;
    for (const piece of body.split(",")) {
      const ref = piece.includes("!") ? piece.slice(piece.lastIndexOf("!") + 1) : piece;
      if (/^[$A-Za-z0-9:]+$/.test(ref)) area += rangeCells(ref);
    }
    if (area > XLSX_LIMITS.maxRangeCells) {
      wbXml = wbXml.replace(m[0], "");
      notKept.push({
        what: "defined_name",
        where: unescapeXml(attr(m[0], "name") ?? ""),
        count: 1,
      });
    }
  }
  if (wbXml !== workbookXml) changed.set("xl/workbook.xml", wbXml);

  // Chart sheets (a tab holding only a chart): ExcelJS skips them (workbook-xform.js reconcile).
  const chartsheetIds = new Set(
    [...workbookRels.matchAll(/<Relationship\b[^>]*>/g)]
      .filter((m) => (attr(m[0], "Type") ?? "").endsWith("relationships/chartsheet"))
      .map((m) => attr(m[0], "Id") ?? "")
  );
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g))
    if (chartsheetIds.has(attr(m[0], "r:id") ?? attr(m[0], "[\\w]+:id") ?? ""))
      notKept.push({ what: "charts", where: unescapeXml(attr(m[0], "name") ?? ""), count: 1 });

  const count = (re: RegExp): number => names.filter((n) => re.test(n)).length;
  const wide: [NotKept["what"], RegExp][] = [
    ["pivot_tables", /^xl\/pivotTables\/[^/]+\.xml$/],
    ["macros", /^xl\/vbaProject\.bin$/],
    ["threaded_comments", /^xl\/threadedComments\/[^/]+\.xml$/],
    ["slicers", /^xl\/slicers\/[^/]+\.xml$/],
    ["external_links", /^xl\/externalLinks\/[^/]+\.xml$/],
  ];
  for (const [what, re] of wide) {
    const n = count(re);
    if (n > 0) notKept.push({ what, where: "", count: n });
  }

  // The rest of the parts count towards the inflated size too (ExcelJS inflates all of them).
  for (const n of names) {
    if (texts.has(n) || zip.files[n]?.dir) continue;
    const f = zip.file(n);
    if (f === null) continue;
    const bytes = await inflateCapped(f, budget, options.inflateRaw).catch(() => {
      throw new XlsxProblemError("corrupt");
    });
    if (bytes === null)
      throw new XlsxProblemError("inflated_too_large", {
        limit: Math.round(XLSX_LIMITS.maxInflatedBytes / 1024 / 1024),
      });
    budget -= bytes.length;
  }
  const inflatedBytes = XLSX_LIMITS.maxInflatedBytes - budget;

  const found = { notKept, leftOut, cells, inflatedBytes };
  const unchanged = changed.size === 0 && removed.size === 0 && changedSheets.size === 0;
  if (kept !== undefined) {
    // The sheets' changed texts are not held here for a copy (a 26 MB sheet can be 52 MB of
    // text): the copy, or a changed sheet's text asked twice, comes from inspecting the input again.
    const again = (keepSheets: boolean): Promise<Inspected> =>
      inspectXlsx(input, { ...options, keepSheets });
    let copied: Promise<Uint8Array> | undefined;
    return {
      ...found,
      copy: () =>
        unchanged ? Promise.resolve(input) : (copied ??= again(false).then((i) => i.copy())),
      sheetTexts: kept,
      package: {
        zip,
        changed,
        removed,
        changedSheets,
        sheetTextAgain: async (path) => {
          return (await again(true)).sheetTexts?.get(path) ?? null;
        },
      },
    };
  }
  if (unchanged) return { ...found, copy: () => Promise.resolve(input) };
  for (const p of removed) zip.remove(p);
  for (const [p, s] of changed) zip.file(p, s);
  const bytes = await zip.generateAsync({ type: "uint8array", compression: "STORE" });
  return { ...found, copy: () => Promise.resolve(bytes) };
}

/**
 * The copy to try when ExcelJS still fails on a workbook that passed inspectXlsx (its reconcile
 * step throws on some comment, note or drawing layouts of other tools): every sheet's comments,
 * notes and drawings are left out, and listed as not kept.
 */
export async function withoutCommentsAndDrawings(
  input: Uint8Array
): Promise<{ bytes: Uint8Array; notKept: NotKept[] }> {
  const zip = await JSZip.loadAsync(input);
  const workbookXml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const workbookRels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const notKept: NotKept[] = [];
  for (const sheet of sheetParts(workbookXml, workbookRels)) {
    const rels = await zip.file(sheet.relsPath)?.async("string");
    if (rels === undefined) continue;
    let out = rels;
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      const type = attr(m[0], "Type") ?? "";
      if (type.endsWith(REL_COMMENTS) || type.endsWith(REL_VML) || type.endsWith(REL_DRAWING)) {
        out = out.replace(m[0], "");
        notKept.push({
          what: type.endsWith(REL_DRAWING) ? "drawings" : "comments",
          where: sheet.name,
          count: 1,
        });
      }
    }
    if (out === rels) continue;
    zip.file(sheet.relsPath, out);
    const xml = await zip.file(sheet.path)?.async("string");
    if (xml !== undefined)
      zip.file(
        sheet.path,
        xml.replace(/<(?:\w+:)?(?:drawing|legacyDrawing|legacyDrawingHF)\b[^>]*\/>/g, "")
      );
  }
  const bytes = await zip.generateAsync({ type: "uint8array", compression: "STORE" });
  return { bytes, notKept };
}
