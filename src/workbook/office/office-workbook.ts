/**
 * Over 400 lines: every port method is one Excel.run batch over the same private helpers (registry,
 * chunked writes, sync counting); splitting them apart would spread one adapter's request budget
 * over several files.
 *
 * Excel itself behind the port (Office.js): the only code that touches `Excel.*`.
 *
 * Every port call is one `Excel.run`: it queues all loads, syncs once, checks, queues all writes and
 * syncs once more (two syncs at most, whatever the number of units). Reads are one sync (readGrids:
 * every sheet in one batch). setHighlights(Many) is one sync when the registry is known from an
 * earlier call: Office runs a batch's commands in order, so loads queued before the writes return
 * what was there before them, and the guess is checked in the same batch (see setHighlightsMany).
 * `apply` stays at two: whether a name belongs to a user sheet must be known before anything is
 * written, and the user can add or rename sheets at any time (no cache can tell). A write larger than Excel on the
 * web's request limit (5 MB) is cut into pieces of at most `payloadLimitBytes` (4 MB by default, a
 * margin for the request envelope), each sync filled up to it: extra syncs grow only with the bytes
 * written above the limit (⌈bytes / limit⌉), never with the number of calls or units. Nothing is
 * written per unit: no merge (unit names are centred across selection), one validation per run of
 * rows, column widths in a few multi-area commands, number formats as one value.
 * The limit is per request and per response, and one sync is one request ("Excel on the web limits
 * requests and responses to 5 MB. The API returns a RichAPI.Error error if this limit is exceeded":
 * https://learn.microsoft.com/office/dev/add-ins/excel/performance#payload-size-limit-best-practices;
 * the client sends a sync's whole queue as one ExecuteRichApiRequest, OfficeDev/office-js#1314), so
 * queuing several range loads in one sync does not get around it: a read above 4 MB takes
 * ⌈bytes / 4 MB⌉ syncs too. The rule "a fixed number of syncs per action" (ARCHITECTURE.md) is kept
 * as "none per unit": a fixed number, plus one per 4 MB of data. When Excel is in cell-edit mode,
 * the call is retried once after a short pause; every failure becomes a PortError in `errors.ts`.
 *
 * Ownership and settings live in the hidden "_dti" sheet (see ../ownership.ts), the same scheme as the
 * .xlsx and memory adapters, so a file written by the CLI is recognised here.
 */
import {
  a1,
  type CellStyle,
  type CellValue,
  type ChartSpec,
  type ConditionalFormat,
  type DataValidationRule,
  type Grid,
  parseA1,
  parseRange,
  type SheetSpec,
  type SpecCell,
  type TableSpec,
} from "../../engine";
import { gridEditedCells, writtenRecord } from "../generated-area";
import {
  CHARTS_SETTING_PREFIX,
  EMPTY_REGISTRY,
  MARKER_PREFIX,
  NO_MARKERS,
  SETTINGS_SHEET,
  decodeRegistry,
  encodeRegistry,
  isOwned,
  markerName,
  markerSheet,
  markerTarget,
  mergeSettings,
  olderRole,
  ownedRecord,
  planAdopt,
  planApply,
  planHighlights,
  planOwnedHighlights,
  sameSheetName,
  staleMarkers,
  withSheets,
  withoutSheets,
  type Markers,
  type Registry,
} from "../ownership";
import {
  PortError,
  type ApplyOptions,
  type ChangeEvent,
  type HighlightCell,
  type SheetHighlights,
  type SheetInfo,
  type Unsubscribe,
  type WorkbookPort,
} from "../port";
import { CELL_EDIT_MODE, isOfficeError, toPortError } from "./errors";
import { BYTES, matrixRequestBytes, utf8Length } from "./request-bytes";

/**
 * `Excel.run` options the adapter uses. `delayForCellEdit` (ExcelApi 1.11): Excel holds the batch
 * until the user leaves cell-edit mode instead of failing it
 * (https://learn.microsoft.com/javascript/api/excel/excel.runoptions). The client library itself
 * drops the flag where the host lacks it (excel-web-16.00.debug.js, `onBeforeExcelRun`:
 * `isSetSupported("DelayForCellEdit")`), so there the one retry below still applies.
 */
export interface ExcelRunOptions {
  readonly delayForCellEdit?: boolean;
}

/** What the adapter needs from Office: `Excel.run`. Tests pass the fake's. */
export interface ExcelHost {
  run<T>(
    batch: (context: Excel.RequestContext) => Promise<T>,
    options?: ExcelRunOptions
  ): Promise<T>;
  /** `Excel.run(context, batch)`: reuses an earlier request context (needed to remove event handlers). */
  runIn<T>(
    context: Excel.RequestContext,
    batch: (context: Excel.RequestContext) => Promise<T>
  ): Promise<T>;
}

interface OfficeWorkbookOptions {
  readonly host?: ExcelHost;
  /** Pause before the one retry when Excel is in cell-edit mode. */
  readonly cellEditRetryDelayMs?: number;
  /** Bytes of cell data per sync (Excel on the web refuses requests above 5 MB). */
  readonly payloadLimitBytes?: number;
}

export const DEFAULT_PAYLOAD_LIMIT = 4_000_000;
const RUN_OPTIONS: ExcelRunOptions = { delayForCellEdit: true };
const TEMP_PREFIX = "~dti-tmp-";
const RESPONSE_TOO_LARGE = "ResponsePayloadSizeLimitExceeded";

// ------------------------------------------------------------------------------- pure helpers

/** A cell's content as Office takes it in `range.formulas`: text always behind an apostrophe (kept as text). */
function officeCellInput(sc: SpecCell): string | number | boolean {
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
function officeValueInput(v: CellValue): string | number | boolean {
  if (v === null) return "";
  if (typeof v === "object") return `'${v.error}`;
  if (typeof v === "string") return v === "" ? "" : `'${v}`;
  return v;
}

/** Characters a matrix takes in a response (its JSON): the measure of a read piece. */
function matrixBytes(m: readonly (readonly unknown[])[]): number {
  return JSON.stringify(m).length;
}

/**
 * Values and formulas of `range` (rowCount × columnCount), read in row pieces, one sync each, so no
 * response passes Excel on the web's 5 MB limit ("ResponsePayloadSizeLimitExceeded": resource limits,
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization;
 * the code in https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 * Pieces are sized from what the previous piece weighed (first guess: 40 bytes a cell); a piece still
 * too large is halved. A recursive chain, so no sync is issued inside a loop.
 */
async function readRowsInPieces(
  context: Excel.RequestContext,
  range: Excel.Range,
  rowCount: number,
  columnCount: number,
  limit: number
): Promise<{ values: unknown[][]; formulas: unknown[][] }> {
  const values: unknown[][] = [];
  const formulas: unknown[][] = [];
  const readFrom = async (start: number, rows: number): Promise<void> => {
    if (start >= rowCount) return;
    const count = Math.min(rows, rowCount - start);
    const piece = range.getRow(start).getResizedRange(count - 1, 0);
    piece.load("values,formulas");
    try {
      await context.sync();
    } catch (e) {
      if (isOfficeError(e) && e.code === RESPONSE_TOO_LARGE && count > 1)
        return readFrom(start, Math.ceil(count / 2));
      throw e;
    }
    values.push(...piece.values);
    formulas.push(...piece.formulas);
    const bytes = matrixBytes(piece.values) + matrixBytes(piece.formulas);
    return readFrom(start + count, Math.max(1, Math.floor((limit / Math.max(1, bytes)) * count)));
  };
  await readFrom(0, Math.max(1, Math.floor(limit / (Math.max(1, columnCount) * 40))));
  return { values, formulas };
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

/** Column width in characters (the spec's, as in .xlsx) → points (Office). */
const widthToPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

function toGrid(
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
function hiddenOf(
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
function trim(g: Grid): Grid {
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

// ------------------------------------------------------------------------------- the write queue

/** A queued write: one command (atomic), or a matrix that may be cut into row pieces. */
type QueuedOp =
  | { readonly kind: "op"; readonly bytes: number; readonly run: () => void }
  | {
      readonly kind: "matrix";
      readonly bytes: number;
      /** Bytes of each row in a request (its JSON in UTF-8 and its share of the client's pieces). */
      readonly rowBytes: readonly number[];
      readonly write: (firstRow: number, rows: number) => void;
    };

/**
 * Writes queued with their estimated bytes, flushed in as few syncs as the limit allows: each sync
 * is filled up to the limit, a matrix being cut at a row where the sync is full and carried on in
 * the next. So the syncs a write takes are ⌈its bytes / the limit⌉ (one more at most when an atomic
 * command does not fit what is left): they grow with the data written, never with a number of
 * commands, units or sheets.
 */
class WriteQueue {
  private readonly ops: QueuedOp[] = [];
  constructor(private readonly limit: number) {}

  get limitBytes(): number {
    return this.limit;
  }

  add(bytes: number, run: () => void): void {
    this.ops.push({ kind: "op", bytes, run });
  }

  /** A matrix write; `write(first, piece)` writes rows first.. of it (cut where a sync is full). */
  addMatrix<T>(
    rows: readonly (readonly T[])[],
    write: (firstRow: number, piece: T[][]) => void
  ): void {
    const total = matrixRequestBytes(rows);
    const rowBytes = rows.map((r) => utf8Length(JSON.stringify(r)) + 1);
    const json = rowBytes.reduce((a, b) => a + b, 0);
    // The client's per-piece overhead and the command's own, spread over the rows.
    const extra = (total - json) / Math.max(rows.length, 1);
    this.ops.push({
      kind: "matrix",
      bytes: total,
      rowBytes: rowBytes.map((b) => b + extra),
      write: (first, count) =>
        write(
          first,
          rows.slice(first, first + count).map((r) => [...r])
        ),
    });
  }

  get totalBytes(): number {
    return this.ops.reduce((s, o) => s + o.bytes, 0);
  }

  /** Groups of commands, each under the limit (an atomic command larger than the limit goes alone). */
  groups(): (() => void)[][] {
    const out: (() => void)[][] = [];
    let cur: (() => void)[] = [];
    let bytes = 0;
    const close = (): void => {
      if (cur.length > 0) out.push(cur);
      cur = [];
      bytes = 0;
    };
    for (const op of this.ops) {
      if (op.kind === "op") {
        if (cur.length > 0 && bytes + op.bytes > this.limit) close();
        cur.push(op.run);
        bytes += op.bytes;
        continue;
      }
      const n = op.rowBytes.length;
      if (n === 0) continue;
      // A piece costs a command of its own (~BYTES.op) besides its rows.
      for (let start = 0; start < n;) {
        let count = 0;
        let piece = BYTES.op;
        while (
          start + count < n &&
          bytes + piece + (op.rowBytes[start + count] ?? 0) <= this.limit
        ) {
          piece += op.rowBytes[start + count] ?? 0;
          count++;
        }
        if (count === 0) {
          if (cur.length > 0) {
            close();
            continue;
          }
          // One row above the limit alone: it goes alone (Excel will refuse it, and say so).
          count = 1;
          piece += op.rowBytes[start] ?? 0;
        }
        const first = start;
        const rows = count;
        cur.push(() => op.write(first, rows));
        bytes += piece;
        start += count;
        if (start < n) close();
      }
    }
    close();
    return out;
  }
}

/** Runs the groups, one sync after each (a promise chain: syncs are never issued inside a loop body). */
function flush(
  context: Excel.RequestContext,
  groups: readonly (readonly (() => void)[])[]
): Promise<void> {
  return groups.reduce<Promise<void>>(
    (prev, group) =>
      prev.then(() => {
        group.forEach((run) => run());
        return context.sync();
      }),
    Promise.resolve()
  );
}

// ------------------------------------------------------------------------------- rendering a spec

/** A range's format object: navigation, not a property read (the office-addins lint rules cannot tell). */
function formatOf(range: Excel.Range): Excel.RangeFormat {
  return range.format;
}
/** The format of several areas at once (Worksheet.getRanges, ExcelApi 1.9). */
function areasFormatOf(ws: Excel.Worksheet, address: string): Excel.RangeFormat {
  return ws.getRanges(address).format;
}
function cellFill(ws: Excel.Worksheet, cell: string): Excel.RangeFill {
  return formatOf(ws.getRange(cell)).fill;
}
function cellProtection(ws: Excel.Worksheet, cell: string): Excel.FormatProtection {
  return formatOf(ws.getRange(cell)).protection;
}
function protectionOf(ws: Excel.Worksheet): Excel.WorksheetProtection {
  return ws.protection;
}
function tablesOf(ws: Excel.Worksheet): Excel.TableCollection {
  return ws.tables;
}
function chartsOf(ws: Excel.Worksheet): Excel.ChartCollection {
  return ws.charts;
}

// String values, not Excel.* enums: the enums exist only once office.js has loaded.
// "CenterAcrossSelection": Excel.HorizontalAlignment, ExcelApi 1.1
// (https://learn.microsoft.com/javascript/api/excel/excel.horizontalalignment).
const H_ALIGN = {
  left: "Left",
  center: "Center",
  right: "Right",
  centerAcross: "CenterAcrossSelection",
} as const;

function styleRange(q: WriteQueue, ws: Excel.Worksheet, address: string, style: CellStyle): void {
  const props = (
    ["bold", "italic", "fontSize", "fontColor", "fill", "align", "wrap", "locked"] as const
  ).filter((k) => style[k] !== undefined).length;
  const bytes =
    BYTES.styleBase +
    props * BYTES.styleProp +
    (style.border === "thin" || style.border === "band" ? BYTES.border : 0);
  q.add(bytes, () => {
    const range = ws.getRange(address);
    const f = formatOf(range);
    if (style.bold !== undefined) f.font.bold = style.bold;
    if (style.italic !== undefined) f.font.italic = style.italic;
    if (style.fontSize !== undefined) f.font.size = style.fontSize;
    if (style.fontColor !== undefined) f.font.color = style.fontColor;
    if (style.fill !== undefined) f.fill.color = style.fill;
    if (style.align !== undefined) f.horizontalAlignment = H_ALIGN[style.align];
    if (style.wrap !== undefined) f.wrapText = style.wrap;
    if (style.locked !== undefined) f.protection.locked = style.locked;
    if (style.border === "thin") {
      for (const edge of [
        "EdgeTop",
        "EdgeBottom",
        "EdgeLeft",
        "EdgeRight",
        "InsideHorizontal",
        "InsideVertical",
      ] as const) {
        const b = f.borders.getItem(edge);
        b.style = "Continuous";
        b.weight = "Thin";
        b.color = "#808080";
      }
    }
    if (style.border === "band") {
      for (const edge of ["EdgeTop", "EdgeBottom"] as const) {
        const b = f.borders.getItem(edge);
        b.style = "Continuous";
        b.weight = "Thin";
        b.color = "#808080";
      }
      f.borders.getItem("InsideVertical").style = "None";
    }
  });
  if (style.numberFormat !== undefined) {
    const nf = style.numberFormat;
    q.add(BYTES.styleBase + utf8Length(nf), () => {
      // One value for every cell of the range, not a matrix as large as the range (a 3,321-unit
      // entry sheet's was 700 KB): "the argument can be either a single value (string, number or
      // boolean) or a two-dimensional array. If the argument is a single value, it will be applied
      // to all cells in the range" (Range.numberFormat,
      // https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-numberformat-member).
      // The typings allow only the array (office-js-docs-pr#2013: the scalar works, "It won't
      // compile with TypeScript definitions").
      (ws.getRange(address) as unknown as { numberFormat: string }).numberFormat = nf;
    });
  }
}

function validationRule(v: DataValidationRule): Excel.DataValidationRule {
  const f = (x: number | string): number | string =>
    typeof x === "string" && !x.startsWith("=") ? `=${x}` : x;
  switch (v.rule.kind) {
    case "decimal":
      return { decimal: { formula1: f(v.rule.min), formula2: f(v.rule.max), operator: "Between" } };
    case "whole":
      return { wholeNumber: { formula1: v.rule.min, formula2: v.rule.max, operator: "Between" } };
    case "list":
      // ListDataValidation.source: "a Range object, or a string that contains a comma-separated"
      // list (https://learn.microsoft.com/en-us/javascript/api/excel/excel.listdatavalidation);
      // a literal list splits at every comma, so names with commas come from a range. The range
      // is given as a reference string ("=$I$2:$I$4", what Excel itself reports as the source,
      // OfficeDev/office-js-docs#1314): a Range object was refused on some builds
      // (OfficeDev/office-js#277, fixed later per OfficeDev/office-js-snippets#307).
      return {
        list: {
          inCellDropDown: true,
          source: v.rule.source !== undefined ? `=${v.rule.source}` : v.rule.values.join(","),
        },
      };
    // DataValidationRule.custom (ExcelApi 1.8): "a custom data validation formula", relative to the
    // range's top-left cell (https://learn.microsoft.com/javascript/api/excel/excel.datavalidationrule).
    case "custom":
      return { custom: { formula: f(v.rule.formula) as string } };
  }
}

function addValidation(q: WriteQueue, ws: Excel.Worksheet, v: DataValidationRule): void {
  const texts = [
    v.inputTitle ?? "",
    v.inputMessage ?? "",
    v.errorMessage ?? "",
    v.rule.kind === "list"
      ? v.rule.values.join(",")
      : v.rule.kind === "custom"
        ? v.rule.formula
        : "",
  ];
  const bytes = BYTES.validation + texts.reduce((n, x) => n + 2 * utf8Length(x), 0);
  q.add(bytes, () => {
    const dv = ws.getRange(v.range).dataValidation;
    dv.rule = validationRule(v);
    if (v.inputMessage !== undefined)
      dv.prompt = { showPrompt: true, title: v.inputTitle ?? "", message: v.inputMessage };
    if (v.errorMessage !== undefined)
      dv.errorAlert = {
        showAlert: true,
        style: "Stop",
        title: v.inputTitle ?? "",
        message: v.errorMessage,
      };
  });
}

function addConditional(q: WriteQueue, ws: Excel.Worksheet, c: ConditionalFormat): void {
  const text = c.when.kind === "formula" ? c.when.formula : c.when.text;
  q.add(BYTES.conditional + utf8Length(text), () => {
    const r = parseRange(c.range);
    const tl = r ? a1(r.start.row, r.start.col) : "A1";
    const formula =
      c.when.kind === "formula"
        ? c.when.formula.startsWith("=")
          ? c.when.formula
          : `=${c.when.formula}`
        : `=${tl}="${c.when.text.replace(/"/g, '""')}"`;
    const cf = ws.getRange(c.range).conditionalFormats.add("Custom");
    cf.custom.rule.formula = formula;
    if (c.style.fill !== undefined) cf.custom.format.fill.color = c.style.fill;
    if (c.style.fontColor !== undefined) cf.custom.format.font.color = c.style.fontColor;
    if (c.style.bold !== undefined) cf.custom.format.font.bold = c.style.bold;
    if (c.style.italic !== undefined) cf.custom.format.font.italic = c.style.italic;
  });
}

/** The header texts a table would get, from the spec's blocks. */
function headerTexts(spec: SheetSpec, t: TableSpec): string[] | null {
  const r = parseRange(t.range);
  if (!r) return null;
  const out: string[] = [];
  for (let col = r.start.col; col <= r.end.col; col++) {
    let text = "";
    for (const b of spec.blocks) {
      const tl = parseA1(b.address);
      if (!tl) continue;
      const sc = b.rows[r.start.row - tl.row]?.[col - tl.col];
      if (sc?.kind === "text") text = sc.value;
      else if (sc?.kind === "number") text = String(sc.value);
    }
    out.push(text);
  }
  return out;
}

/**
 * Tables created on a temporary sheet get a temporary name, and their own name only after the sheets
 * they replace are gone (names are workbook-wide). They are found again by that temporary name: the
 * object `tables.add` returned may be unusable in a later sync (the client marks the paths of such
 * methods invalid after their request, and whether Excel answers with an id that repairs the path
 * is not documented; seen with the real client in test/workbook/office/real-client.ts).
 */
type TableNaming = { ws: Excel.Worksheet; temp: string; name: string }[];

function addTable(
  q: WriteQueue,
  ws: Excel.Worksheet,
  spec: SheetSpec,
  t: TableSpec,
  naming: TableNaming
): void {
  const headers = headerTexts(spec, t);
  const usable =
    headers !== null &&
    headers.every((h) => h.trim() !== "") &&
    new Set(headers.map((h) => h.toUpperCase())).size === headers.length;
  q.add(usable ? BYTES.table : BYTES.border + BYTES.op, () => {
    if (usable) {
      // A Range, not the address: with a sheet-less address TableCollection.add uses the active
      // sheet, whatever collection it is called on (TableCollection.add, "If the address does not
      // contain a sheet name, the currently-active sheet is used": https://learn.microsoft.com/javascript/api/excel/excel.tablecollection#excel-excel-tablecollection-add-member(1)).
      const table = ws.tables.add(ws.getRange(t.range), true);
      const temp = `${t.name}_dti_tmp${++tempCounter}`;
      table.name = temp;
      naming.push({ ws, temp, name: t.name });
      table.style = t.style ?? "TableStyleLight9";
      return;
    }
    // Same fallback as the .xlsx adapter: a bordered range with a filter.
    const range = ws.getRange(t.range);
    for (const edge of [
      "EdgeTop",
      "EdgeBottom",
      "EdgeLeft",
      "EdgeRight",
      "InsideHorizontal",
      "InsideVertical",
    ] as const) {
      const b = range.format.borders.getItem(edge);
      b.style = "Continuous";
      b.weight = "Thin";
    }
    ws.autoFilter.apply(range);
  });
}

/** Charts the add-in draws are named with this prefix, so a rewrite removes them and no user chart. */
const CHART_PREFIX = "_dti_chart_";
let chartCounter = 0;

function addChart(q: WriteQueue, ws: Excel.Worksheet, c: ChartSpec): void {
  q.add(BYTES.chart + utf8Length(c.title), () => {
    const chart = ws.charts.add("BarClustered", ws.getRange(c.values), "Columns");
    chart.name = `${CHART_PREFIX}${Date.now().toString(36)}${++chartCounter}`;
    chart.title.text = c.title;
    chart.legend.visible = false;
    chart.series.getItemAt(0).setXAxisValues(ws.getRange(c.categories));
    const tl = parseA1(c.anchor) ?? { row: 1, col: 1 };
    chart.setPosition(
      c.anchor,
      a1(tl.row + (c.heightRows ?? 15) - 1, tl.col + (c.widthCols ?? 8) - 1)
    );
  });
}

/**
 * Areas per `getRanges` address. Worksheet.getRanges (ExcelApi 1.9) has an undocumented limit: long
 * addresses fail with InvalidArgument, seen from about 500 areas and 8,000 characters
 * (OfficeDev/office-js#5198, office-js-docs-pr#2255); 64 whole columns stay far below both.
 */
const RANGE_AREAS_MAX = 64;

/**
 * Column widths as few commands: columns of one width, adjacent ones joined ("F:G"), the rest in
 * multi-area addresses ("H:H,K:K,…") of at most RANGE_AREAS_MAX areas. The entry sheet's three
 * widths a unit become about 3,321 / 64 commands at 3,321 units instead of 9,963 (each ~570 bytes
 * in a request: they alone took more than one sync).
 */
function columnWidthGroups(
  widths: readonly { readonly col: string; readonly width: number }[]
): { address: string; areas: number; width: number }[] {
  const byWidth = new Map<number, number[]>();
  const last = new Map<number, number>(); // column → last width given (a later one wins)
  for (const w of widths) {
    const n = parseA1(`${w.col}1`)?.col;
    if (n !== undefined) last.set(n, w.width);
  }
  for (const [col, width] of [...last].sort((a, b) => a[0] - b[0])) {
    const cols = byWidth.get(width) ?? [];
    cols.push(col);
    byWidth.set(width, cols);
  }
  const letters = (c: number): string => a1(1, c).replace(/\d+$/, "");
  const out: { address: string; areas: number; width: number }[] = [];
  for (const [width, cols] of byWidth) {
    const runs: string[] = [];
    for (let i = 0; i < cols.length;) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1] === (cols[j] ?? 0) + 1) j++;
      runs.push(`${letters(cols[i] ?? 1)}:${letters(cols[j] ?? 1)}`);
      i = j + 1;
    }
    for (let k = 0; k < runs.length; k += RANGE_AREAS_MAX) {
      const piece = runs.slice(k, k + RANGE_AREAS_MAX);
      out.push({ address: piece.join(","), areas: piece.length, width });
    }
  }
  return out;
}

/** Queues everything a spec writes onto a fresh worksheet. */
function render(q: WriteQueue, ws: Excel.Worksheet, spec: SheetSpec, naming: TableNaming): void {
  for (const block of spec.blocks) {
    const tl = parseA1(block.address);
    if (!tl || block.rows.length === 0) continue;
    const width = block.rows.reduce((w, r) => Math.max(w, r.length), 0);
    if (width === 0) continue;
    const matrix = block.rows.map((row) => {
      const out = row.map(officeCellInput);
      while (out.length < width) out.push("");
      return out;
    });
    q.addMatrix(matrix, (first, piece) => {
      const top = tl.row + first;
      ws.getRange(`${a1(top, tl.col)}:${a1(top + piece.length - 1, tl.col + width - 1)}`).formulas =
        piece;
    });
    if (block.style) {
      const br = a1(tl.row + block.rows.length - 1, tl.col + width - 1);
      styleRange(q, ws, `${a1(tl.row, tl.col)}:${br}`, block.style);
    }
  }
  for (const rs of spec.styles ?? [])
    if (parseRange(rs.range)) styleRange(q, ws, rs.range, rs.style);
  for (const m of spec.merges ?? []) q.add(BYTES.merge, () => ws.getRange(m).merge(false));
  for (const g of columnWidthGroups(spec.columnWidths ?? []))
    q.add(BYTES.columnWidth + utf8Length(g.address), () => {
      const f = g.areas === 1 ? formatOf(ws.getRange(g.address)) : areasFormatOf(ws, g.address);
      f.columnWidth = widthToPoints(g.width);
    });
  // RangeFormat.rowHeight is in points, as the spec's heights are:
  // https://learn.microsoft.com/javascript/api/excel/excel.rangeformat#excel-excel-rangeformat-rowheight-member
  for (const h of spec.rowHeights ?? [])
    q.add(BYTES.columnWidth, () => {
      ws.getRange(`${h.row}:${h.row}`).format.rowHeight = h.height;
    });
  const fr = spec.freeze;
  if (fr && (fr.rows > 0 || fr.cols > 0))
    q.add(BYTES.op, () => {
      if (fr.cols === 0) ws.freezePanes.freezeRows(fr.rows);
      else if (fr.rows === 0) ws.freezePanes.freezeColumns(fr.cols);
      else ws.freezePanes.freezeAt(ws.getRange(`A1:${a1(fr.rows, fr.cols)}`));
    });
  for (const v of spec.validations ?? []) addValidation(q, ws, v);
  for (const c of spec.conditionalFormats ?? []) addConditional(q, ws, c);
  for (const t of spec.tables ?? []) addTable(q, ws, spec, t, naming);
  for (const c of spec.charts ?? []) addChart(q, ws, c);
  const ps = spec.pageSetup;
  if (ps)
    q.add(BYTES.op * 4, () => {
      ws.pageLayout.orientation = ps.orientation === "landscape" ? "Landscape" : "Portrait";
      ws.pageLayout.paperSize = "A4";
      if (ps.fitToWidth) ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      if (ps.printTitleRows !== undefined) {
        const [from, to] = ps.printTitleRows.replace(/\$/g, "").split(":");
        ws.pageLayout.setPrintTitleRows(`$${from ?? "1"}:$${to ?? from ?? "1"}`);
      }
    });
  // Formatting allowed: live highlights paint fills on these sheets, and a protected sheet without
  // "Format cells" refuses every format change, also from an add-in (WorksheetProtectionOptions
  // .allowFormatCells, ExcelApi 1.2: https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotectionoptions;
  // VBA Protection.AllowFormattingCells: "allowing the user to change all formats, but not to unlock").
  if (spec.protect)
    q.add(BYTES.op, () =>
      ws.protection.protect({
        allowFormatCells: true,
        allowFormatColumns: true,
        allowFormatRows: true,
        allowAutoFilter: true,
        allowSort: true,
      })
    );
  if (spec.hidden) q.add(BYTES.op, () => (ws.visibility = "Hidden"));
}

/** Queues the registry sheet's new content (created when missing, very hidden). */
function writeRegistry(
  q: WriteQueue,
  context: Excel.RequestContext,
  exists: boolean,
  reg: Registry
): void {
  const rows = encodeRegistry(reg).map((row) => row.map((v) => (v === "" ? "" : `'${v}`)));
  const width = rows[0]?.length ?? 1;
  q.add(BYTES.op, () => {
    const sheets = context.workbook.worksheets;
    if (exists) sheets.getItem(SETTINGS_SHEET).getRange().clear();
    else sheets.add(SETTINGS_SHEET).visibility = "VeryHidden";
  });
  q.addMatrix(rows, (first, piece) => {
    const ws = context.workbook.worksheets.getItem(SETTINGS_SHEET);
    ws.getRange(`${a1(first + 1, 1)}:${a1(first + piece.length, width)}`).formulas = piece;
  });
}

// ------------------------------------------------------------------------------- the adapter

interface Loaded {
  readonly sheets: Excel.WorksheetCollection;
  readonly registryRange: Excel.Range;
  readonly registrySheet: Excel.Worksheet;
  readonly names: Excel.NamedItemCollection;
}

/**
 * Queues the loads every call needs: the sheet list, the registry and the workbook's defined names
 * (the ownership markers, see ../ownership.ts). `value` (ExcelApi 1.1) gives a range name's address,
 * "#REF!" once its sheet is gone (learn.microsoft.com/javascript/api/excel/excel.nameditem).
 */
function loadBasics(context: Excel.RequestContext): Loaded {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/id,items/visibility,items/position");
  const registrySheet = sheets.getItemOrNullObject(SETTINGS_SHEET);
  registrySheet.load("name");
  const registryRange = registrySheet.getUsedRangeOrNullObject(true);
  registryRange.load("values");
  const names = context.workbook.names;
  names.load("items/name,items/value");
  return { sheets, registryRange, registrySheet, names };
}

/** The markers as loaded: `_dti_…` names → the existing sheet they refer to (null when none). */
function markersOf(l: Loaded): Markers {
  const out = new Map<string, string | null>();
  for (const n of l.names.items) {
    if (!n.name.toUpperCase().startsWith(MARKER_PREFIX.toUpperCase())) continue;
    const target = markerSheet(String(n.value));
    const ws =
      target === null ? undefined : l.sheets.items.find((x) => sameSheetName(x.name, target));
    out.set(n.name.toUpperCase(), ws ? ws.name : null);
  }
  return out;
}

function registryOf(l: Loaded): Registry {
  if (l.registrySheet.isNullObject || l.registryRange.isNullObject) return EMPTY_REGISTRY;
  return decodeRegistry(l.registryRange.values as CellValue[][]);
}

function infoOf(ws: Excel.Worksheet, reg: Registry, markers: Markers): SheetInfo {
  const owned = isOwned(reg, ws.name, markers);
  const role =
    ownedRecord(reg, ws.name, markers)?.role ??
    (sameSheetName(ws.name, SETTINGS_SHEET) ? "settings" : undefined);
  const visible = ws.visibility === "Visible";
  const older = olderRole(reg, ws.name, markers);
  return owned && role !== undefined
    ? { name: ws.name, owned, role, visible }
    : { name: ws.name, owned, visible, ...(older ? { olderRole: older } : {}) };
}

let tempCounter = 0;

/** The registry as an adapter last read or wrote it. */
interface KnownRegistry {
  readonly reg: Registry;
  /** Whether the "_dti" sheet exists. */
  readonly exists: boolean;
  /** The ownership markers as last seen. */
  readonly markers: Markers;
}

/** Two registries hold the same records when they encode to the same cells. */
const registryKey = (reg: Registry): string => JSON.stringify(encodeRegistry(reg));
const cellKey = (cell: string): string => cell.replace(/\$/g, "").toUpperCase();
const seenKey = (sheet: string, cell: string): string => `${sheet.toUpperCase()}!${cell}`;

/** A loaded fill as the registry keeps it: "#RRGGBB", null for none. */
function fillValue(fill: Excel.RangeFill): string | null {
  if (fill.pattern === "None" || fill.color === null) return null;
  return fill.color.toUpperCase();
}

type HighlightPlan = ReturnType<typeof planHighlights>;

/**
 * Queues a highlight plan's fills: old ones restored, new ones painted, in pieces that fit a request
 * (one fill is ~700 bytes: a validation of 3,321 units can mark thousands of cells). `relock`: the
 * sheet is protected without "Format cells" (a file made before formatting was allowed, or a user's
 * own protection without a password), so Excel would refuse the fills: each piece unprotects, paints
 * and protects again with the same options, so no sync leaves the sheet unprotected.
 */
function queuePaint(
  q: WriteQueue,
  ws: Excel.Worksheet,
  plan: HighlightPlan,
  relock?: Excel.WorksheetProtectionOptions
): void {
  const cells: { cell: string; fill: string | null }[] = [...plan.restore, ...plan.paint];
  const per = Math.max(1, Math.floor(q.limitBytes / (2 * BYTES.fill)));
  for (let start = 0; start < cells.length; start += per) {
    const piece = cells.slice(start, start + per);
    q.add(BYTES.fill * piece.length + (relock ? 2 * BYTES.op : 0), () => {
      if (relock) protectionOf(ws).unprotect();
      for (const c of piece) {
        const f = cellFill(ws, c.cell);
        if (c.fill === null) f.clear();
        else f.color = c.fill;
      }
      if (relock) protectionOf(ws).protect(relock);
    });
  }
}

/** Protection options when the sheet is protected without "Format cells" (null: fills are allowed). */
function formatLock(p: Excel.WorksheetProtection): Excel.WorksheetProtectionOptions | null {
  if (!p.protected || p.options.allowFormatCells === true) return null;
  return p.options;
}

/** Cells per tile: a tile this small cannot hold more than 512 merged areas. */
const MERGE_TILE_CELLS = 512;
/** Request bytes one tile's merged-areas query costs (measured with the real client: see bench). */
const MERGE_TILE_BYTES = 700;

/**
 * The merged areas of a used range read in tiles of at most 512 cells, so no query can hit Excel's
 * 512-area limit. Excel reports a merged area in the range that holds its top-left cell only
 * (OfficeDev/office-js#3611), so each area comes from one tile; addresses are deduplicated anyway.
 * Tiles are queued in groups under the request limit, one sync per group (a promise chain).
 */
function readMergesInTiles(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  used: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number },
  limit: number
): Promise<string[]> {
  const width = Math.max(1, Math.min(used.columnCount, MERGE_TILE_CELLS));
  const height = Math.max(1, Math.floor(MERGE_TILE_CELLS / width));
  const tiles: string[] = [];
  for (let r = 0; r < used.rowCount; r += height)
    for (let c = 0; c < used.columnCount; c += width) {
      const top = used.rowIndex + r + 1;
      const left = used.columnIndex + c + 1;
      const bottom = Math.min(top + height, used.rowIndex + used.rowCount + 1) - 1;
      const right = Math.min(left + width, used.columnIndex + used.columnCount + 1) - 1;
      tiles.push(`${a1(top, left)}:${a1(bottom, right)}`);
    }
  const perSync = Math.max(1, Math.floor(limit / MERGE_TILE_BYTES));
  const found = new Set<string>();
  const step = (start: number): Promise<void> => {
    if (start >= tiles.length) return Promise.resolve();
    const areas = tiles.slice(start, start + perSync).map((address) => {
      const merged = ws.getRange(address).getMergedAreasOrNullObject();
      merged.load("areas/items/address");
      return merged;
    });
    return context.sync().then(() => {
      for (const m of areas)
        if (!m.isNullObject)
          for (const r of m.areas.items) found.add(r.address.replace(/^.*!/, ""));
      return step(start + perSync);
    });
  };
  return step(0).then(() => [...found]);
}

export class OfficeWorkbook implements WorkbookPort {
  private readonly host: ExcelHost;
  private readonly retryDelay: number;
  private readonly limit: number;
  /**
   * The registry as this instance last read or wrote it (the add-in is the only writer of "_dti").
   * Only setHighlights builds on it, and checks it against the workbook in the same batch.
   */
  private known: KnownRegistry | null = null;
  /** Fills last seen on cells (loaded or restored): the guess for a cell's fill before it is highlighted. */
  private readonly fillsSeen = new Map<string, string | null>();
  /** Sheets (upper case) that needed the careful read (pieces, merges in tiles). */
  private readonly careful = new Set<string>();
  /** Sheets (upper case) seen with more than 512 merged areas: their merges are read in tiles. */
  private readonly manyMerges = new Set<string>();
  /** Sheets (upper case) last seen protected without "Format cells": highlighted the careful way. */
  private readonly formatLocked = new Set<string>();

  constructor(options: OfficeWorkbookOptions = {}) {
    this.host = options.host ?? {
      run: (batch, runOptions) =>
        runOptions ? Excel.run(runOptions as Excel.RunOptions, batch) : Excel.run(batch),
      runIn: (context, batch) => Excel.run(context, batch),
    };
    this.retryDelay = options.cellEditRetryDelayMs ?? 1000;
    this.limit = options.payloadLimitBytes ?? DEFAULT_PAYLOAD_LIMIT;
  }

  /**
   * One Excel.run with `delayForCellEdit`: every call of the port comes from something the user did
   * (a button, an edit, a pick), so Excel waits for the cell being typed in to be confirmed rather
   * than failing. Where the host cannot delay (before ExcelApi 1.11) the batch is retried once after
   * a pause. Errors mapped to PortError. A failed batch may have written part of its commands (Excel
   * batches are not transactions): the known registry is forgotten, so the next call reads it again.
   */
  private async run<T>(
    batch: (context: Excel.RequestContext) => Promise<T>,
    where: { readonly sheet?: string; readonly range?: string } = {}
  ): Promise<T> {
    try {
      return await this.host.run(batch, RUN_OPTIONS);
    } catch (e) {
      this.known = null;
      if (!(isOfficeError(e) && e.code === CELL_EDIT_MODE)) throw toPortError(e, where);
    }
    await new Promise((resolve) => setTimeout(resolve, this.retryDelay));
    try {
      return await this.host.run(batch, RUN_OPTIONS);
    } catch (e) {
      this.known = null;
      throw toPortError(e, where);
    }
  }

  /** The registry just loaded (after the sync), remembered. */
  private registryFrom(l: Loaded): Registry {
    const reg = registryOf(l);
    this.known = { reg, exists: !l.registrySheet.isNullObject, markers: markersOf(l) };
    return reg;
  }

  /** The markers as last seen. */
  private get markers(): Markers {
    return this.known?.markers ?? NO_MARKERS;
  }

  /** After a successful write of the registry (and of the markers, when given). */
  private wrote(reg: Registry, markers: Markers = this.markers): void {
    this.known = { reg, exists: true, markers };
  }

  listSheets(): Promise<readonly SheetInfo[]> {
    return this.run(async (context) => {
      const l = loadBasics(context);
      await context.sync();
      const reg = this.registryFrom(l);
      const markers = markersOf(l);
      return l.sheets.items.map((ws) => infoOf(ws, reg, markers));
    });
  }

  activeSheet(): Promise<string> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      ws.load("name");
      await context.sync();
      return ws.name;
    });
  }

  /**
   * One sync: the used range's values and formulas, its merges and hidden rows. A sheet whose data
   * exceed Excel on the web's 5 MB response limit is read again in row pieces (one sync each).
   */
  readGrid(sheet: string): Promise<Grid> {
    return this.readGrids([sheet]).then((grids) => {
      const grid = grids[0];
      if (grid === undefined) throw new PortError("sheet_not_found", { sheet });
      return grid;
    });
  }

  /**
   * One sync for all the sheets: every used range, its merges and hidden rows, loaded in one batch.
   * When the whole answer exceeds the 5 MB response limit, the sheets are read one by one (a sheet
   * too large alone in row pieces). A missing sheet: one more sync to name it in the PortError.
   * `getMergedAreasOrNullObject` fails on a range with more than 512 merged areas (its reference:
   * "if the merged areas count in this range is more than 512, then this method will fail",
   * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)),
   * and the error it raises is not documented: any other failure of the one-sync read is read again
   * the careful way (pieces, merges in tiles); a real error then fails that read too.
   */
  readGrids(sheets: readonly string[]): Promise<Grid[]> {
    if (sheets.length === 0) return Promise.resolve([]);
    // A sheet that needed the careful read last time (too large, too many merges) goes that way
    // at once: the one-sync attempt would only fail again.
    if (sheets.some((s) => this.careful.has(s.toUpperCase())))
      return sheets.reduce<Promise<Grid[]>>(
        (prev, sheet) =>
          prev.then(async (out) => [
            ...out,
            this.careful.has(sheet.toUpperCase())
              ? await this.readGridInPieces(sheet)
              : await this.readGrid(sheet),
          ]),
        Promise.resolve([])
      );
    const where = sheets.length === 1 ? { sheet: sheets[0] ?? "" } : {};
    return this.run(async (context) => {
      const reads = sheets.map((sheet) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.load("name");
        // getUsedRange returns A1 for a blank sheet (it does not throw), so the chain below is safe.
        const used = ws.getUsedRange(true);
        used.load("values,formulas,rowIndex,columnIndex,rowCount");
        const merged = used.getMergedAreasOrNullObject();
        merged.load("areas/items/address");
        const visible = used.getColumn(0).getVisibleView();
        visible.load("cellAddresses");
        return { ws, used, merged, visible };
      });
      await context.sync();
      return reads.map(({ ws, used, merged, visible }) => {
        const merges = merged.isNullObject
          ? []
          : merged.areas.items.map((r) => r.address.replace(/^.*!/, ""));
        const hiddenRows = hiddenOf(
          visible.cellAddresses as string[][],
          used.rowIndex,
          used.rowCount
        );
        return trim(toGrid(ws.name, used, merges, hiddenRows));
      });
    }, where).catch(async (e: unknown) => {
      if (e instanceof PortError && e.code === "sheet_not_found" && where.sheet === undefined)
        throw await this.nameMissing(sheets, e);
      if (e instanceof PortError && (e.code === "sheet_not_found" || e.code === "cell_edit_mode"))
        throw e;
      if (sheets.length === 1) return [await this.readGridInPieces(sheets[0] ?? "")];
      return this.readOneByOne(sheets);
    });
  }

  /** Each sheet in its own readGrid (after a response too large for one sync), one after the other. */
  private readOneByOne(sheets: readonly string[]): Promise<Grid[]> {
    return sheets.reduce<Promise<Grid[]>>(
      (prev, sheet) => prev.then(async (out) => [...out, await this.readGrid(sheet)]),
      Promise.resolve([])
    );
  }

  /** The first of `sheets` that does not exist, as the PortError (`e` when all exist now). */
  private async nameMissing(sheets: readonly string[], e: PortError): Promise<PortError> {
    const names = await this.run(async (context) => {
      const all = context.workbook.worksheets;
      all.load("items/name");
      await context.sync();
      return all.items.map((ws) => ws.name);
    }).catch(() => null);
    const missing = names && sheets.find((s) => !names.some((n) => sameSheetName(n, s)));
    return missing
      ? new PortError("sheet_not_found", { ...e.detail, sheet: missing }, e.message)
      : e;
  }

  private readGridInPieces(sheet: string): Promise<Grid> {
    this.careful.add(sheet.toUpperCase());
    return this.run(
      async (context) => {
        const start = async (withMerges: boolean) => {
          const ws = context.workbook.worksheets.getItem(sheet);
          ws.load("name");
          const used = ws.getUsedRange(true);
          used.load("rowIndex,columnIndex,rowCount,columnCount");
          const visible = used.getColumn(0).getVisibleView();
          visible.load("cellAddresses");
          const merged = withMerges ? used.getMergedAreasOrNullObject() : null;
          merged?.load("areas/items/address");
          await context.sync();
          return { ws, used, visible, merged };
        };
        // The merges asked for the whole sheet in the first sync: the add-in's entry sheets have
        // none since 2026-12 (unit names centred across selection), and up to 512 merged areas
        // come back at once (a small response). Above 512 the query fails (see readGrids), and the
        // merges are read in tiles; a sheet seen so is tiled at once next time.
        let first: Awaited<ReturnType<typeof start>>;
        let merges: string[] | null = null;
        const key = sheet.toUpperCase();
        if (this.manyMerges.has(key)) first = await start(false);
        else
          try {
            first = await start(true);
            const m = first.merged;
            merges =
              m === null || m.isNullObject
                ? []
                : m.areas.items.map((r) => r.address.replace(/^.*!/, ""));
          } catch (e) {
            if (isOfficeError(e) && e.code === CELL_EDIT_MODE) throw e;
            this.manyMerges.add(key);
            first = await start(false);
          }
        const { ws, used, visible } = first;
        const { values, formulas } = await readRowsInPieces(
          context,
          used,
          used.rowCount,
          used.columnCount,
          this.limit
        );
        merges ??= await readMergesInTiles(context, ws, used, this.limit);
        const hiddenRows = hiddenOf(
          visible.cellAddresses as string[][],
          used.rowIndex,
          used.rowCount
        );
        const range = { rowIndex: used.rowIndex, columnIndex: used.columnIndex, values, formulas };
        return trim(toGrid(ws.name, range, merges, hiddenRows));
      },
      { sheet }
    );
  }

  readRange(sheet: string, range: string): Promise<Grid> {
    if (!parseRange(range)) return Promise.reject(new PortError("invalid_range", { sheet, range }));
    return this.run(
      async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.load("name");
        const r = ws.getRange(range);
        r.load("values,formulas,rowIndex,columnIndex");
        await context.sync();
        return toGrid(ws.name, r, [], []);
      },
      { sheet, range }
    );
  }

  /**
   * Sync 1 loads the sheets, the registry and the markers. When owned sheets are rewritten, sync 2
   * loads what is on them now (values and formulas for the edit check, their tables and the add-in's
   * charts, protection). Then the writes, in one batch (more syncs only above the request limit):
   * every spec is first rendered on a temporary sheet, so a command Excel refuses stops the batch
   * before any existing sheet changes (a failing command stops a batch, earlier ones stay: the fake
   * models it, see "stops a batch at a failing command"); then each owned sheet is cleared in its
   * previous generated area and rendered in place (never deleted: deleting a sheet turns every
   * formula referring to it into #REF!); new sheets take their names and get their markers; the
   * dry-run sheets go.
   */
  apply(specs: readonly SheetSpec[], options: ApplyOptions = {}): Promise<void> {
    const temps: string[] = [];
    return this.run(async (context) => {
      const l = loadBasics(context);
      // Freezing panes works on the active worksheet view and activates the sheet it is called on
      // (WorksheetFreezePanes: "Sets the frozen cells in the active worksheet view",
      // https://learn.microsoft.com/javascript/api/excel/excel.worksheetfreezepanes): the sheet the
      // user was on is activated again at the end.
      const active = context.workbook.worksheets.getActiveWorksheet();
      active.load("name");
      await context.sync();
      const reg = this.registryFrom(l);
      const markers = markersOf(l);
      const existing = l.sheets.items.map((ws) => ({ name: ws.name }));
      const plan = planApply(specs, existing, reg, markers, options.removeOtherRoles);
      const sheets = context.workbook.worksheets;
      const check = options.overwriteEdits !== true;
      // What is on the owned sheets now. Their cells (for the edit check) come in the same sync,
      // unless the sheet was too large for one response before; when the sync's response is too
      // large (Excel on the web refuses responses above 5 MB: readRowsInPieces), it is made again
      // without the cells, and they are read in pieces. Nothing is written before this point.
      const loadNow = (withCells: boolean) =>
        plan.targets.flatMap((t) => {
          if (t.existing === undefined) return [];
          const ws = sheets.getItem(t.existing);
          const used = ws.getUsedRangeOrNullObject(true);
          const cells =
            withCells &&
            check &&
            t.record !== undefined &&
            !this.careful.has(t.existing.toUpperCase());
          if (cells) used.load("values,formulas,rowIndex,columnIndex,rowCount,columnCount");
          else used.load("rowIndex,columnIndex,rowCount,columnCount");
          const tables = tablesOf(ws);
          tables.load("items/name");
          const charts = chartsOf(ws);
          charts.load("items/name");
          const protection = protectionOf(ws);
          protection.load("protected");
          return [{ t, ws, used, tables, charts, protection, cells }];
        });
      let now = loadNow(true);
      if (now.length > 0)
        try {
          await context.sync();
        } catch (e) {
          if (!(isOfficeError(e) && e.code === RESPONSE_TOO_LARGE)) throw e;
          for (const n of now) if (n.cells) this.careful.add((n.t.existing ?? "").toUpperCase());
          now = loadNow(false);
          await context.sync();
        }
      if (check)
        for (const n of now) {
          if (n.t.record === undefined || n.used.isNullObject) continue;
          const cells = n.cells
            ? { values: n.used.values, formulas: n.used.formulas }
            : await readRowsInPieces(
                context,
                n.used,
                n.used.rowCount,
                n.used.columnCount,
                this.limit
              );
          const g = toGrid(
            n.t.existing ?? "",
            { rowIndex: n.used.rowIndex, columnIndex: n.used.columnIndex, ...cells },
            [],
            []
          );
          const edits = gridEditedCells(n.t.record, n.t.spec, g);
          if (edits.count > 0)
            throw new PortError("sheet_edited", {
              sheet: n.t.existing ?? "",
              cells: edits.cells,
              count: edits.count,
            });
        }
      const q = new WriteQueue(this.limit);
      // Every spec rendered under a temporary name first (new sheets, and dry runs of the rewrites).
      const fresh = plan.targets.map((t) => {
        const name = `${TEMP_PREFIX}${Date.now().toString(36)}-${++tempCounter}`;
        temps.push(name);
        // Reached by name: the object `add` returns may not outlive its request (see TableNaming).
        sheets.add(name);
        return { t, ws: sheets.getItem(name) };
      });
      // Temporary sheets left by an apply that could not clean up (Excel closed mid-way) go now.
      const stale = existing.filter((e) => e.name.startsWith(TEMP_PREFIX)).map((e) => e.name);
      if (stale.length > 0) q.add(BYTES.op, () => stale.forEach((n) => sheets.getItem(n).delete()));
      const naming: TableNaming = [];
      const dryNaming: TableNaming = [];
      for (const f of fresh)
        render(q, f.ws, f.t.spec, f.t.existing === undefined ? naming : dryNaming);
      // The rewrites, in place: only the previous generated area is cleared.
      for (const n of now) {
        const area = n.t.record?.area;
        q.add(BYTES.op, () => {
          if (n.protection.protected) n.ws.protection.unprotect();
          for (const tb of n.tables.items) n.ws.tables.getItem(tb.name).delete();
          for (const ch of n.charts.items)
            if (ch.name.startsWith(CHART_PREFIX)) n.ws.charts.getItem(ch.name).delete();
          n.ws.freezePanes.unfreeze();
          if (area !== undefined && area !== "") {
            const r = n.ws.getRange(area);
            r.unmerge();
            r.conditionalFormats.clearAll();
            r.dataValidation.clear();
            r.clear();
          }
          if (n.t.spec.hidden !== true) n.ws.visibility = "Visible";
        });
        render(q, n.ws, n.t.spec, naming);
      }
      const written = plan.targets.map((t) => ({
        name: t.spec.name,
        role: t.spec.role,
        token: t.token,
        ...writtenRecord(t.spec),
      }));
      const after = withoutSheets(withSheets(reg, written), plan.remove);
      const nextMarkers = new Map(markers);
      for (const f of fresh)
        if (f.t.existing === undefined)
          nextMarkers.set(markerName(f.t.token).toUpperCase(), f.t.spec.name);
      const dropMarkers = staleMarkers(after, nextMarkers);
      q.add(BYTES.op, () => {
        for (const f of fresh) {
          if (f.t.existing !== undefined) {
            f.ws.delete();
            continue;
          }
          f.ws.name = f.t.spec.name;
          context.workbook.names.add(markerName(f.t.token), `=${markerTarget(f.t.spec.name)}`);
        }
        for (const n of naming) n.ws.tables.getItem(n.temp).name = n.name;
        const back = specs.find((sp) => sameSheetName(sp.name, active.name));
        const stays =
          existing.some((e) => e.name === active.name) && !active.name.startsWith(TEMP_PREFIX);
        if (stays && specs.some((sp) => sp.freeze) && !back?.hidden)
          context.workbook.worksheets.getItem(active.name).activate();
        for (const name of plan.remove) sheets.getItem(name).delete();
        for (const m of dropMarkers) {
          const item = l.names.items.find((x) => x.name.toUpperCase() === m);
          if (item) context.workbook.names.getItem(item.name).delete();
          nextMarkers.delete(m);
        }
      });
      writeRegistry(q, context, !l.registrySheet.isNullObject, after);
      await flush(context, q.groups());
      this.wrote(after, nextMarkers);
    }).catch(async (e: unknown) => {
      if (temps.length > 0) await this.cleanup(temps);
      throw e;
    });
  }

  /** After a failed apply: delete the temporary sheets this call created, so nothing half-written stays. */
  private async cleanup(names: readonly string[]): Promise<void> {
    try {
      await this.host.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load("items/name");
        await context.sync();
        sheets.items.filter((ws) => names.includes(ws.name)).forEach((ws) => ws.delete());
        await context.sync();
      });
    } catch {
      // A temp sheet that was never created cannot be deleted: nothing to clean.
    }
  }

  writeValues(
    sheet: string,
    cells: readonly { readonly cell: string; readonly value: CellValue }[]
  ): Promise<void> {
    const bad = cells.find((c) => !parseA1(c.cell));
    if (bad) return Promise.reject(new PortError("invalid_range", { sheet, range: bad.cell }));
    return this.run(
      async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.load("name");
        const protection = protectionOf(ws);
        protection.load("protected");
        const locks = cells.map((c) => {
          const f = cellProtection(ws, c.cell);
          f.load("locked");
          return { cell: c.cell, f };
        });
        await context.sync();
        if (protection.protected) {
          const locked = locks.find((l) => l.f.locked !== false);
          if (locked) throw new PortError("cell_protected", { sheet: ws.name, range: locked.cell });
        }
        for (const c of cells) ws.getRange(c.cell).formulas = [[officeValueInput(c.value)]];
        await context.sync();
      },
      { sheet }
    );
  }

  deleteOwnedSheets(names: readonly string[]): Promise<void> {
    return this.run(async (context) => {
      const l = loadBasics(context);
      await context.sync();
      const reg = this.registryFrom(l);
      const markers = markersOf(l);
      const doomed = names.map((n) => {
        const ws = l.sheets.items.find((s) => sameSheetName(s.name, n));
        if (!ws) throw new PortError("sheet_not_found", { sheet: n });
        if (sameSheetName(ws.name, SETTINGS_SHEET) || !isOwned(reg, ws.name, markers))
          throw new PortError("sheet_not_owned", { sheet: ws.name });
        return ws.name;
      });
      const q = new WriteQueue(this.limit);
      q.add(BYTES.op * doomed.length, () =>
        doomed.forEach((n) => context.workbook.worksheets.getItem(n).delete())
      );
      const after = withoutSheets(reg, doomed);
      writeRegistry(q, context, !l.registrySheet.isNullObject, after);
      await flush(context, q.groups());
      this.wrote(after);
    });
  }

  setHighlights(sheet: string, cells: readonly HighlightCell[]): Promise<void> {
    return this.setHighlightsMany([{ sheet, cells }]);
  }

  /**
   * One sync when the registry is known (any earlier call read or wrote it): the loads of the
   * registry and of the new cells' fills are queued before the writes, so they return what the
   * workbook held before this batch; the registry is written in the same batch with each new cell's
   * fill guessed (the fill last seen there, else none). When the loads show otherwise (a fill that
   * was not the guess, or a registry changed by someone else), a second sync writes the plan made
   * from what was actually there. Unknown registry: two syncs (load, then write).
   */
  setHighlightsMany(list: readonly SheetHighlights[]): Promise<void> {
    for (const h of list) {
      const bad = h.cells.find((c) => !parseA1(c.cell));
      if (bad)
        return Promise.reject(new PortError("invalid_range", { sheet: h.sheet, range: bad.cell }));
    }
    if (list.length === 0) return Promise.resolve();
    const where = list.length === 1 ? { sheet: list[0]?.sheet ?? "" } : {};
    const known = this.known;
    const cold = (): Promise<void> => this.run((c) => this.highlightCold(c, list), where);
    // A sheet seen protected without "Format cells" needs its protection read before painting; a
    // batch whose loads and fills would not fit one request is loaded in pieces.
    const fills =
      list.reduce((n, h) => n + h.cells.length, 0) + (known?.reg.highlights.length ?? 0);
    if (
      known === null ||
      fills * BYTES.fill > this.limit ||
      list.some((h) => this.formatLocked.has(h.sheet.toUpperCase()))
    )
      return cold();
    // A failed batch (a sheet gone, "_dti" not as known, a sheet protected since): read and write
    // again; cells it already painted are painted again from the plan made on what is there.
    return this.run((c) => this.highlightWarm(c, list, known), where).catch(cold);
  }

  private async highlightCold(
    context: Excel.RequestContext,
    list: readonly SheetHighlights[]
  ): Promise<void> {
    const l = loadBasics(context);
    const targets = list.map((h) => {
      const ws = context.workbook.worksheets.getItem(h.sheet);
      ws.load("name");
      const protection = protectionOf(ws);
      protection.load("protected,options");
      return { h, ws, fills: new Map<string, Excel.RangeFill>(), protection };
    });
    // The cells' fills, loaded in pieces that fit a request (~700 bytes a cell), one sync each.
    const wanted: { t: (typeof targets)[number]; key: string }[] = [];
    for (const t of targets) {
      const keys = new Set(t.h.cells.map((c) => cellKey(c.cell)));
      for (const key of keys) wanted.push({ t, key });
    }
    const per = Math.max(1, Math.floor(this.limit / BYTES.fill));
    const loadFrom = async (start: number): Promise<void> => {
      for (const { t, key } of wanted.slice(start, start + per)) {
        const fill = cellFill(t.ws, key);
        fill.load("color,pattern");
        t.fills.set(key, fill);
      }
      await context.sync();
      if (start + per < wanted.length) await loadFrom(start + per);
    };
    await loadFrom(0);
    let reg = this.registryFrom(l);
    const markers = markersOf(l);
    const q = new WriteQueue(this.limit);
    const plans = targets.map((t) => {
      const plan = planOwnedHighlights(reg, markers, t.ws.name, t.h.cells, (cell) => {
        const fill = t.fills.get(cell);
        return fill ? fillValue(fill) : null;
      });
      reg = plan.registry;
      for (const [cell, fill] of t.fills)
        this.fillsSeen.set(seenKey(t.ws.name, cell), fillValue(fill));
      const relock = formatLock(t.protection);
      if (relock) this.formatLocked.add(t.ws.name.toUpperCase());
      else this.formatLocked.delete(t.ws.name.toUpperCase());
      return { ws: t.ws, plan, relock };
    });
    writeRegistry(q, context, !l.registrySheet.isNullObject, reg);
    for (const p of plans) queuePaint(q, p.ws, p.plan, p.relock ?? undefined);
    await flush(context, q.groups());
    this.remember(plans);
    this.wrote(reg);
  }

  private async highlightWarm(
    context: Excel.RequestContext,
    list: readonly SheetHighlights[],
    known: KnownRegistry
  ): Promise<void> {
    // Loads first: they return the workbook as it is before this batch's writes. A missing sheet
    // fails here, before anything is written.
    const l = loadBasics(context);
    const targets = list.map((h) => {
      const ws = context.workbook.worksheets.getItem(h.sheet);
      ws.load("name");
      const prev = new Map(
        known.reg.highlights
          .filter((r) => sameSheetName(r.sheet, h.sheet))
          .map((r) => [cellKey(r.cell), r] as const)
      );
      const fills = new Map<string, Excel.RangeFill>();
      for (const c of h.cells) {
        const key = cellKey(c.cell);
        if (prev.has(key) || fills.has(key)) continue;
        const fill = cellFill(ws, key);
        fill.load("color,pattern");
        fills.set(key, fill);
      }
      return { h, ws, prev, fills };
    });
    // Then the writes, planned from the known registry and guessed fills. The registry goes first:
    // if "_dti" is not as known (deleted, or made elsewhere), that command fails before any fill changes.
    const guesses = new Map<string, string | null>();
    let reg = known.reg;
    const plans = targets.map((t) => {
      const plan = planOwnedHighlights(reg, known.markers, t.h.sheet, t.h.cells, (cell) => {
        const k = seenKey(t.h.sheet, cell);
        const guess = this.fillsSeen.get(k) ?? null;
        guesses.set(k, guess);
        return guess;
      });
      reg = plan.registry;
      return { ws: t.ws, plan };
    });
    const q = new WriteQueue(this.limit);
    writeRegistry(q, context, known.exists, reg);
    for (const p of plans) queuePaint(q, p.ws, p.plan);
    await flush(context, q.groups());
    this.remember(plans);

    const before = registryOf(l);
    const seen = new Map<string, string | null>();
    for (const t of targets)
      for (const [cell, fill] of t.fills) seen.set(seenKey(t.h.sheet, cell), fillValue(fill));
    for (const [k, v] of seen) this.fillsSeen.set(k, v);
    const loadedMarkers = markersOf(l);
    const asGuessed =
      registryKey(before) === registryKey(known.reg) &&
      list.every(
        (h) =>
          isOwned(known.reg, h.sheet, known.markers) === isOwned(before, h.sheet, loadedMarkers)
      ) &&
      [...guesses].every(([k, g]) => seen.get(k) === g);
    if (asGuessed) {
      this.wrote(reg);
      return;
    }
    // The plan again from what was there before this batch (cells already painted stay painted).
    let fixed = before;
    const again = targets.map((t) => {
      const plan = planOwnedHighlights(fixed, loadedMarkers, t.ws.name, t.h.cells, (cell) => {
        const k = seenKey(t.h.sheet, cell);
        return seen.has(k) ? (seen.get(k) ?? null) : (t.prev.get(cell)?.originalFill ?? null);
      });
      fixed = plan.registry;
      return { ws: t.ws, plan };
    });
    const q2 = new WriteQueue(this.limit);
    writeRegistry(q2, context, true, fixed);
    for (const p of again) queuePaint(q2, p.ws, p.plan);
    await flush(context, q2.groups());
    this.remember(again);
    this.wrote(fixed, loadedMarkers);
  }

  /** Fills this instance just restored are the ones there now. */
  private remember(plans: readonly { ws: Excel.Worksheet; plan: HighlightPlan }[]): void {
    for (const { ws, plan } of plans)
      for (const r of plan.restore) this.fillsSeen.set(seenKey(ws.name, r.cell), r.fill);
  }

  select(sheet: string, cell: string): Promise<void> {
    if (!parseA1(cell))
      return Promise.reject(new PortError("invalid_range", { sheet, range: cell }));
    return this.run(
      async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await context.sync();
      },
      { sheet, range: cell }
    );
  }

  readSettings(): Promise<Readonly<Record<string, string>>> {
    return this.run(async (context) => {
      const l = loadBasics(context);
      await context.sync();
      return { ...this.registryFrom(l).settings };
    });
  }

  /** Merges the given keys into the stored settings; a key set to "" is removed. */
  /**
   * Sync 1 loads the sheets, the registry and the markers; sync 2 the used range's address of each
   * sheet asked for; then the markers and the registry are written (one more sync, more only above
   * the request limit).
   */
  adoptOlderSheets(
    sheets: readonly { readonly name: string; readonly role: string }[]
  ): Promise<void> {
    return this.run(async (context) => {
      const l = loadBasics(context);
      await context.sync();
      const reg = this.registryFrom(l);
      const markers = markersOf(l);
      const existing = l.sheets.items.map((ws) => ({ name: ws.name }));
      const used = new Map(
        sheets.flatMap((s) => {
          const ws = existing.find((e) => sameSheetName(e.name, s.name));
          if (ws === undefined) return [];
          const r = context.workbook.worksheets.getItem(ws.name).getUsedRangeOrNullObject(true);
          r.load("address");
          return [[ws.name.toUpperCase(), r] as const];
        })
      );
      if (used.size > 0) await context.sync();
      const plan = planAdopt(reg, markers, existing, sheets, (name) => {
        const r = used.get(name.toUpperCase());
        return r === undefined || r.isNullObject ? "" : r.address.replace(/^.*!/, "");
      });
      const q = new WriteQueue(this.limit);
      const nextMarkers = new Map(markers);
      q.add(BYTES.op, () => {
        for (const w of plan.written) {
          context.workbook.names.add(markerName(w.token), `=${markerTarget(w.name)}`);
          nextMarkers.set(markerName(w.token).toUpperCase(), w.name);
        }
      });
      writeRegistry(q, context, !l.registrySheet.isNullObject, plan.registry);
      await flush(context, q.groups());
      this.wrote(plan.registry, nextMarkers);
    });
  }

  writeSettings(settings: Readonly<Record<string, string>>): Promise<void> {
    return this.run(async (context) => {
      const l = loadBasics(context);
      await context.sync();
      const reg = this.registryFrom(l);
      const q = new WriteQueue(this.limit);
      const after = { ...reg, settings: mergeSettings(reg.settings, settings) };
      writeRegistry(q, context, !l.registrySheet.isNullObject, after);
      await flush(context, q.groups());
      this.wrote(after);
    });
  }

  /**
   * Draws the bar charts recorded by the .xlsx adapter ("charts:<sheet>" settings, JSON chart specs)
   * on owned sheets that exist, then forgets the records: a CLI-made file gets its charts the first
   * time it is opened with the add-in. Two syncs.
   */
  drawRecordedCharts(): Promise<readonly string[]> {
    return this.run(async (context) => {
      const l = loadBasics(context);
      await context.sync();
      const reg = this.registryFrom(l);
      const drawn: string[] = [];
      const q = new WriteQueue(this.limit);
      const forget: Record<string, string> = {};
      for (const [key, raw] of Object.entries(reg.settings)) {
        if (!key.startsWith(CHARTS_SETTING_PREFIX)) continue;
        forget[key] = "";
        const sheet = key.slice(CHARTS_SETTING_PREFIX.length);
        const ws = l.sheets.items.find((s) => sameSheetName(s.name, sheet));
        if (!ws || !isOwned(reg, ws.name, markersOf(l))) continue;
        let charts: ChartSpec[];
        try {
          charts = (JSON.parse(raw) as ChartSpec[]).filter(
            (c) =>
              c.kind === "bar" && parseRange(c.values) !== null && parseRange(c.categories) !== null
          );
        } catch {
          continue; // a damaged record: nothing to draw
        }
        for (const c of charts) addChart(q, ws, c);
        if (charts.length > 0) drawn.push(ws.name);
      }
      if (Object.keys(forget).length === 0) return [];
      const after = { ...reg, settings: mergeSettings(reg.settings, forget) };
      writeRegistry(q, context, !l.registrySheet.isNullObject, after);
      await flush(context, q.groups());
      this.wrote(after);
      return drawn;
    });
  }

  /**
   * Listens to `worksheets.onChanged` (typing, paste, fill, undo in any sheet). Sheet ids are mapped
   * to names from a cache loaded with the subscription and refreshed when sheets are added, deleted
   * or renamed (or an unknown id arrives).
   */
  onChanged(listener: (event: ChangeEvent) => void): Promise<Unsubscribe> {
    const names = new Map<string, string>();
    const refresh = (): Promise<void> =>
      this.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load("items/name,items/id");
        await context.sync();
        names.clear();
        for (const ws of sheets.items) names.set(ws.id, ws.name);
      });
    const onChange = async (args: Excel.WorksheetChangedEventArgs): Promise<void> => {
      // The add-in's own writes (highlights, registry, a fix the user confirmed) raise onChanged too;
      // they are not the user's edits, and the use-case that wrote re-checks itself: one edit, one
      // check. triggerSource "ThisLocalAddin" (ExcelApi 1.14; older hosts leave it undefined), see
      // https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetchangedeventargs
      if (args.triggerSource === "ThisLocalAddin") return;
      if (!names.has(args.worksheetId)) await refresh();
      const sheet = names.get(args.worksheetId);
      if (sheet === undefined || sameSheetName(sheet, SETTINGS_SHEET)) return;
      listener({ sheet, range: args.address.replace(/^.*!/, "") });
    };
    // A deleted or renamed sheet is told as `gone` under its old name, so what pointed into it
    // (issues, a last-year choice) goes. WorksheetDeletedEventArgs carries only the id (ExcelApi
    // 1.7, https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetdeletedeventargs):
    // the name comes from the cache, read before it is refreshed. The add-in's own temporary
    // sheets (dry runs) are told too: nothing points into them, so nothing is lost.
    const gone = (name: string | undefined): void => {
      if (name !== undefined && !sameSheetName(name, SETTINGS_SHEET))
        listener({ sheet: name, range: "", gone: true });
    };
    const onDeleted = async (args: Excel.WorksheetDeletedEventArgs): Promise<void> => {
      const name = names.get(args.worksheetId);
      await refresh();
      gone(name);
    };
    // WorksheetNameChangedEventArgs.nameBefore (ExcelApi 1.17,
    // https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetnamechangedeventargs).
    const onRenamed = async (args: Excel.WorksheetNameChangedEventArgs): Promise<void> => {
      await refresh();
      if (!sameSheetName(args.nameBefore, args.nameAfter)) gone(args.nameBefore);
    };
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name,items/id");
      const handlers = [
        sheets.onChanged.add(onChange),
        sheets.onAdded.add(refresh),
        sheets.onDeleted.add(onDeleted),
      ];
      await context.sync();
      for (const ws of sheets.items) names.set(ws.id, ws.name);
      // Renames are reported from ExcelApi 1.17 on: asked apart, so an older Excel still gets the rest.
      const renamed = await this.host
        .run(async (ctx) => {
          const h = ctx.workbook.worksheets.onNameChanged.add(onRenamed);
          await ctx.sync();
          return { h, ctx };
        })
        .catch(() => null);
      // A value picked from a data-validation dropdown does not always raise onChanged
      // (OfficeDev/office-js#420 on Windows, #3888 and #4066 on the web): when the selection
      // leaves a cell, that cell is reported as possibly changed, so a pick is checked at the latest
      // when the user moves on. Listeners re-check only what differs. onSelectionChanged: ExcelApi 1.9,
      // asked apart like renames.
      let lastSelected: { sheetId: string; range: string } | null = null;
      const onSelect = async (args: Excel.WorksheetSelectionChangedEventArgs): Promise<void> => {
        const prev = lastSelected;
        lastSelected = { sheetId: args.worksheetId, range: args.address.replace(/^.*!/, "") };
        if (prev === null) return;
        if (!names.has(prev.sheetId)) await refresh();
        const sheet = names.get(prev.sheetId);
        if (sheet === undefined || sameSheetName(sheet, SETTINGS_SHEET)) return;
        listener({ sheet, range: prev.range });
      };
      const selected = await this.host
        .run(async (ctx) => {
          const h = ctx.workbook.worksheets.onSelectionChanged.add(onSelect);
          await ctx.sync();
          return { h, ctx };
        })
        .catch(() => null);
      return () => {
        // Handlers are removed in the context that added them (Office's rule).
        const remove = (
          ctx: Excel.RequestContext,
          hs: readonly OfficeExtension.EventHandlerResult<unknown>[]
        ) =>
          this.host
            .runIn(ctx, async (c) => {
              for (const h of hs) h.remove();
              await c.sync();
            })
            .catch(() => undefined);
        void remove(context, handlers);
        if (renamed) void remove(renamed.ctx, [renamed.h]);
        if (selected) void remove(selected.ctx, [selected.h]);
      };
    });
  }
}
