/**
 * Over 400 lines: the port over ExcelJS plus the spec → ExcelJS style/validation/conditional-format
 * mapping it alone uses.
 *
 * An .xlsx file behind the port (ExcelJS): the command line and most tests.
 * Writes values, native formulas, number formats, fonts, fills, borders, merges, widths, frozen
 * panes, data validations, conditional formats, tables, A4 landscape page setup with print titles,
 * sheet protection with open entry cells, hidden sheets, and the same "_dti" registry as the other
 * adapters. ExcelJS cannot write charts: a sheet's chart specs are kept in the settings under
 * "charts:<sheet name>" (JSON) so the add-in can draw them when the file is opened in Excel.
 * A file does not change under us, so onChanged never fires here.
 */
import { writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import {
  a1,
  CELL_TEXT_LIMIT,
  type CellStyle,
  type CellValue,
  columnLetters,
  type ConditionalFormat,
  type DataValidationRule,
  fitCellText,
  type Grid,
  parseA1,
  parseRange,
  type SheetSpec,
  type SpecCell,
  type TableSpec,
} from "../../engine";
import { boxOf, gridEditedCells, inBox, writtenRecord, type Box } from "../generated-area";
import {
  CHARTS_SETTING_PREFIX,
  EMPTY_REGISTRY,
  MARKER_PREFIX,
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
  sameSheetName,
  withSheets,
  withoutSheets,
  type Markers,
  type Registry,
} from "../ownership";
import {
  PortError,
  type ApplyOptions,
  type ChangeEvent,
  type SheetInfo,
  type Unsubscribe,
  type HighlightCell,
  type SheetHighlights,
} from "../port";
import { gridRange, trimGrid } from "./grid-build";
import { inspectFile, loadXlsx, worksheetToGrid, type InspectedFile } from "./read-grid";
import { openSparse, SparseUnsupported } from "./sparse-read";
import { XlsxReadOnlyWorkbook, type ReadableXlsx } from "./xlsx-read-only";
import type { LeftOutValidations, NotKept } from "./inspect";
import { carryUserParts } from "./carry";
import { joinPieces, ZipParts, type ZipPiece } from "./zip-parts";
import { SourceFile } from "./source-file";
import { reducedPackage, spliceCopy, SpliceUnsupported } from "./splice";
import { argb } from "./sheet-styles";
import { checkSheetSpec, conditionalFormula, directWritable, SheetXmlRefused } from "./sheet-xml";

/**
 * A copy of a user's file being written (`dti rank --out`): the book holds only the sheets the apply
 * writes; toBuffer splices them into the file's own package (splice.ts).
 */
interface CopyOf {
  /** The file's bytes, or the file itself (its kept parts copied from it: source-file.ts). */
  readonly source: Uint8Array | SourceFile;
  /** The file's sheets the book holds (written back, or removed when the apply removes them). */
  readonly loaded: readonly string[];
  /** The file's other sheets, as the full read listed them (never loaded, copied as they are). */
  readonly others: readonly SheetInfo[];
}

const CHART_KEY = CHARTS_SETTING_PREFIX;

/** Parts of ExcelJS's worksheet that its type declarations leave out. */
type WorksheetExtra = ExcelJS.Worksheet & {
  orderNo: number;
  _merges: Record<
    string,
    | {
        readonly top: number;
        readonly left: number;
        readonly bottom: number;
        readonly right: number;
        readonly range: string;
      }
    | undefined
  >;
  conditionalFormattings: ExcelJS.ConditionalFormattingOptions[];
  tables: Record<string, unknown>;
  sheetProtection: object | null;
  dataValidations: {
    add(address: string, validation: ExcelJS.DataValidation): void;
    model: Record<string, ExcelJS.DataValidation | undefined>;
  };
};
const ext = (ws: ExcelJS.Worksheet): WorksheetExtra => ws as WorksheetExtra;

/** A cell by address or position (named apart from Office's getCell so the office-addins lint rules stay quiet). */
function cellOf(ws: ExcelJS.Worksheet, rowOrAddress: number | string, col?: number): ExcelJS.Cell {
  return typeof rowOrAddress === "string"
    ? ws.getCell(rowOrAddress)
    : ws.getCell(rowOrAddress, col ?? 1);
}

// ------------------------------------------------------------------------------- styles

const hexOf = (color: Partial<ExcelJS.Color> | undefined): string | null => {
  const v = color?.argb;
  return typeof v === "string" && v.length === 8 ? `#${v.slice(2).toUpperCase()}` : null;
};

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF808080" } };

/** A spec style on top of an ExcelJS style (a new object: ExcelJS shares style objects between cells). */
export function toExcelStyle(base: Partial<ExcelJS.Style>, s: CellStyle): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = { ...base };
  if (
    s.bold !== undefined ||
    s.italic !== undefined ||
    s.fontSize !== undefined ||
    s.fontColor !== undefined
  ) {
    const font: Partial<ExcelJS.Font> = { ...base.font };
    if (s.bold !== undefined) font.bold = s.bold;
    if (s.italic !== undefined) font.italic = s.italic;
    if (s.fontSize !== undefined) font.size = s.fontSize;
    if (s.fontColor !== undefined) font.color = { argb: argb(s.fontColor) };
    out.font = font;
  }
  if (s.fill !== undefined)
    out.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  if (s.align !== undefined || s.wrap !== undefined) {
    const al: Partial<ExcelJS.Alignment> = { ...base.alignment, vertical: "middle" };
    // Center Across Selection is "centerContinuous" in the file (ECMA-376 ST_HorizontalAlignment).
    if (s.align !== undefined)
      al.horizontal = s.align === "centerAcross" ? "centerContinuous" : s.align;
    if (s.wrap !== undefined) al.wrapText = s.wrap;
    out.alignment = al;
  }
  if (s.border === "thin") out.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  if (s.border === "none") out.border = {};
  if (s.border === "band") out.border = { top: THIN, bottom: THIN };
  if (s.numberFormat !== undefined) out.numFmt = s.numberFormat;
  if (s.locked !== undefined) out.protection = { ...base.protection, locked: s.locked };
  return out;
}

/** An ExcelJS cell's style as a spec style (what tests compare). */
export function fromExcelStyle(st: Partial<ExcelJS.Style>): CellStyle {
  const out: { -readonly [K in keyof CellStyle]: CellStyle[K] } = {};
  if (st.font?.bold) out.bold = true;
  if (st.font?.italic) out.italic = true;
  if (st.font?.size !== undefined) out.fontSize = st.font.size;
  const fc = hexOf(st.font?.color);
  if (fc !== null) out.fontColor = fc;
  const fill = st.fill;
  if (fill?.type === "pattern" && fill.pattern === "solid") {
    const h = hexOf(fill.fgColor);
    if (h !== null) out.fill = h;
  }
  const h = st.alignment?.horizontal;
  if (h === "left" || h === "center" || h === "right") out.align = h;
  if (h === "centerContinuous") out.align = "centerAcross";
  if (st.alignment?.wrapText) out.wrap = true;
  if (st.border?.top?.style === "thin") out.border = "thin";
  if (st.numFmt !== undefined && st.numFmt !== "General") out.numberFormat = st.numFmt;
  if (st.protection?.locked === false) out.locked = false;
  return out;
}

// ------------------------------------------------------------------------------- rendering

function cellValueOf(sc: SpecCell): ExcelJS.CellValue {
  switch (sc.kind) {
    case "number":
    case "bool":
      return sc.value;
    case "text":
      // A plain string is stored as a string (shared string), never parsed as a formula.
      return sc.value;
    case "formula": {
      const formula = sc.formula.replace(/^=/, "");
      return sc.cached === undefined
        ? { formula, date1904: false }
        : { formula, result: sc.cached, date1904: false };
    }
    case "blank":
      return null;
  }
}

function validationOf(v: DataValidationRule): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    ...(v.inputMessage !== undefined
      ? { showInputMessage: true, prompt: v.inputMessage, promptTitle: v.inputTitle ?? "" }
      : {}),
    ...(v.errorMessage !== undefined
      ? { error: v.errorMessage, errorTitle: v.inputTitle ?? "" }
      : {}),
  };
  const f = (x: number | string): number | string =>
    typeof x === "string" ? x.replace(/^=/, "") : x;
  switch (v.rule.kind) {
    case "decimal":
    case "whole":
      return {
        ...common,
        type: v.rule.kind,
        operator: "between",
        formulae: [f(v.rule.min), f(v.rule.max)],
      };
    case "list":
      // A range source is a reference formula; a literal list is a quoted comma-separated string.
      return {
        ...common,
        type: "list",
        formulae: [v.rule.source ?? `"${v.rule.values.join(",")}"`],
      };
    case "custom":
      return { ...common, type: "custom", formulae: [f(v.rule.formula)] };
  }
}

function conditionalOf(
  c: ConditionalFormat,
  priority: number
): ExcelJS.ConditionalFormattingOptions {
  const formula = conditionalFormula(c);
  const style: Partial<ExcelJS.Style> = {};
  if (c.style.fill !== undefined)
    style.fill = { type: "pattern", pattern: "solid", bgColor: { argb: argb(c.style.fill) } };
  if (
    c.style.fontColor !== undefined ||
    c.style.bold !== undefined ||
    c.style.italic !== undefined
  ) {
    const font: Partial<ExcelJS.Font> = {};
    if (c.style.fontColor !== undefined) font.color = { argb: argb(c.style.fontColor) };
    if (c.style.bold !== undefined) font.bold = c.style.bold;
    if (c.style.italic !== undefined) font.italic = c.style.italic;
    style.font = font;
  }
  return { ref: c.range, rules: [{ type: "expression", formulae: [formula], style, priority }] };
}

/** Writes an Excel table over cells already written; falls back to a bordered range with a filter when the header is not usable. */
function addTable(ws: ExcelJS.Worksheet, t: TableSpec): void {
  const r = parseRange(t.range);
  if (!r) return;
  const headers: string[] = [];
  for (let c = r.start.col; c <= r.end.col; c++) {
    const v = cellOf(ws, r.start.row, c).value;
    headers.push(typeof v === "string" || typeof v === "number" ? String(v) : "");
  }
  const usable =
    headers.every((h) => h.trim() !== "") &&
    new Set(headers.map((h) => h.toUpperCase())).size === headers.length &&
    r.end.row > r.start.row;
  if (usable) {
    const rows: ExcelJS.CellValue[][] = [];
    for (let row = r.start.row + 1; row <= r.end.row; row++) {
      const vals: ExcelJS.CellValue[] = [];
      for (let c = r.start.col; c <= r.end.col; c++) {
        const cell = cellOf(ws, row, c);
        // The table writes its rows again: keep a formula's cached result, even 0.
        vals.push(
          cell.formula
            ? {
                formula: cell.formula,
                result: cell.result,
                date1904: false,
              }
            : cell.value
        );
      }
      rows.push(vals);
    }
    ws.addTable({
      name: t.name,
      ref: a1(r.start.row, r.start.col),
      headerRow: true,
      totalsRow: false,
      // The spec names any of Excel's built-in table styles; ExcelJS types list them as a union.
      style: {
        theme: t.style ?? "TableStyleLight9",
        showRowStripes: true,
      } as ExcelJS.TableStyleProperties,
      columns: headers.map((name) => ({ name, filterButton: true })),
      rows,
    });
    return;
  }
  for (let row = r.start.row; row <= r.end.row; row++)
    for (let c = r.start.col; c <= r.end.col; c++) {
      const cell = cellOf(ws, row, c);
      cell.style = toExcelStyle(cell.style, { border: "thin" });
    }
  ws.autoFilter = t.range;
}

/**
 * Writes a spec into an ExcelJS sheet. Synchronous: ExcelJS's `protect()` sets the sheet's
 * protection in its promise's executor, which runs before it returns (exceljs lib/doc/worksheet.js
 * protect), so nothing is left pending.
 */
function render(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  for (const block of spec.blocks) {
    const tl = parseA1(block.address);
    if (!tl) continue;
    block.rows.forEach((row, r) => {
      row.forEach((sc, c) => {
        const cell = cellOf(ws, tl.row + r, tl.col + c);
        cell.value = cellValueOf(sc);
        if (block.style) cell.style = toExcelStyle(cell.style, block.style);
      });
    });
  }
  for (const rs of spec.styles ?? []) {
    const r = parseRange(rs.range);
    if (!r) continue;
    for (let row = r.start.row; row <= r.end.row; row++)
      for (let col = r.start.col; col <= r.end.col; col++) {
        const cell = cellOf(ws, row, col);
        cell.style = toExcelStyle(cell.style, rs.style);
      }
  }
  for (const m of spec.merges ?? []) ws.mergeCells(m);
  for (const w of spec.columnWidths ?? []) ws.getColumn(w.col.toUpperCase()).width = w.width;
  for (const h of spec.rowHeights ?? []) ws.getRow(h.row).height = h.height;
  if (spec.freeze && (spec.freeze.rows > 0 || spec.freeze.cols > 0))
    ws.views = [
      {
        state: "frozen",
        xSplit: spec.freeze.cols,
        ySplit: spec.freeze.rows,
        topLeftCell: a1(spec.freeze.rows + 1, spec.freeze.cols + 1),
      },
    ];
  for (const v of spec.validations ?? []) ext(ws).dataValidations.add(v.range, validationOf(v));
  (spec.conditionalFormats ?? []).forEach((c, i) =>
    ws.addConditionalFormatting(conditionalOf(c, i + 1))
  );
  for (const t of spec.tables ?? []) addTable(ws, t);
  sheetLevel(ws, spec);
}

/**
 * What of a spec ExcelJS writes into the workbook part rather than the sheet's (print titles as a
 * defined name, a hidden state), and the page setup; also all a placeholder sheet holds (below).
 */
function sheetLevel(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  if (spec.pageSetup) {
    const p = spec.pageSetup;
    ws.pageSetup = {
      ...ws.pageSetup,
      orientation: p.orientation,
      paperSize: 9, // A4
      fitToPage: p.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      ...(p.printTitleRows !== undefined
        ? { printTitlesRow: p.printTitleRows.replace(/\$/g, "") }
        : {}),
    };
  }
  if (spec.protect)
    void ws.protect("", {
      selectLockedCells: true,
      selectUnlockedCells: true,
      // As the add-in protects: highlights paint fills on these sheets (see office-workbook.ts).
      formatCells: true,
      formatColumns: true,
      formatRows: true,
      autoFilter: true,
      sort: true,
    });
  if (spec.hidden) ws.state = "hidden";
}

export { trimGrid } from "./grid-build";

/**
 * worksheetToGrid, with formula results of 0 / false / "" restored: ExcelJS's `cell.value` leaves a
 * falsy cached result out, `cell.result` keeps it.
 */
function gridOf(ws: ExcelJS.Worksheet): Grid {
  const g = worksheetToGrid(ws);
  // In place (the grid is this call's own): a copy of a million-cell grid is tens of MB more.
  g.values.forEach((row, r) => {
    const vr = row as CellValue[];
    row.forEach((v, c) => {
      if (v !== null || (g.formulas?.[r]?.[c] ?? null) === null) return;
      const result: unknown = cellOf(ws, g.originRow + r, g.originCol + c).result;
      vr[c] =
        typeof result === "number" || typeof result === "string" || typeof result === "boolean"
          ? result
          : null;
    });
  });
  return g;
}

const touches = (area: Box, range: string): boolean => {
  const b = boxOf(range);
  return b !== null && b.r0 <= area.r1 && area.r0 <= b.r1 && b.c0 <= area.c1 && area.c0 <= b.c1;
};

/**
 * Clears an owned sheet's previous generated area before it is rendered again: values and styles of
 * its cells, merges, data validations, conditional formats and tables in it, and the sheet's
 * protection (rendering protects again). What lies outside the area stays.
 */
function clearArea(ws: ExcelJS.Worksheet, area: string | undefined): void {
  const box = area === undefined || area === "" ? null : boxOf(area);
  ws.unprotect();
  if (box === null) return;
  for (const m of Object.values(ext(ws)._merges))
    if (m && touches(box, a1(m.top, m.left) + ":" + a1(m.bottom, m.right)))
      ws.unMergeCells(a1(m.top, m.left) + ":" + a1(m.bottom, m.right));
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r < box.r0 || r > box.r1) return;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (!inBox(box, r, c)) return;
      cell.value = null;
      cell.style = {};
    });
  });
  const dv = ext(ws).dataValidations.model;
  for (const k of Object.keys(dv)) if (touches(box, k)) delete dv[k];
  ext(ws).conditionalFormattings = ext(ws).conditionalFormattings.filter(
    (c) => !touches(box, c.ref)
  );
  for (const name of Object.keys(ext(ws).tables)) ws.removeTable(name);
}

/** A worksheet's content as ExcelJS models it (cells, styles, merges, rules, tables, protection...). */
interface SavedSheet {
  readonly model: ExcelJS.WorksheetModel & { merges: string[] };
  readonly state: ExcelJS.WorksheetState;
  readonly rowBreaks: unknown;
}

function snapshotSheet(ws: ExcelJS.Worksheet): SavedSheet {
  const model = ws.model as ExcelJS.WorksheetModel & { merges: string[] };
  return structuredClone({
    model,
    state: ws.state,
    rowBreaks: (ws as ExcelJS.Worksheet & { rowBreaks: unknown }).rowBreaks,
  });
}

/**
 * Puts a snapshot back. ExcelJS's model setter reads merges as `mergeCells` (what its file reader
 * gives) and adds them to the merges it has: those are emptied first.
 */
function restoreSheet(ws: ExcelJS.Worksheet, saved: SavedSheet): void {
  const copy = structuredClone(saved);
  ext(ws)._merges = {};
  ws.model = { ...copy.model, mergeCells: copy.model.merges } as ExcelJS.WorksheetModel;
  ws.state = copy.state;
  (ws as ExcelJS.Worksheet & { rowBreaks: unknown }).rowBreaks = copy.rowBreaks;
}

// ------------------------------------------------------------------------------- the adapter

let tempCounter = 0;

export class XlsxWorkbook implements ReadableXlsx {
  /** Port calls made so far. */
  roundTrips = 0;

  /** Sheets apply() rendered: the original file's drawings and validations are not carried onto them. */
  private readonly rendered = new Set<string>();

  private constructor(
    readonly book: ExcelJS.Workbook,
    /**
     * Parts of the loaded file the book does not hold. After toBuffer(): what that copy could not
     * keep (the rest is carried from the original file, src/workbook/xlsx/carry.ts).
     */
    private lost: readonly NotKept[] = [],
    /** The loaded file's bytes (null for a new workbook). */
    private source: Uint8Array | SourceFile | null = null,
    private readonly leftOut: readonly LeftOutValidations[] = [],
    /**
     * Opened only to be read (`dti validate`, `dti rank` without --out): a sheet's cells are kept as
     * its grid once read and ExcelJS's cell objects dropped, which holds a large file's memory to
     * about what the grid needs (issue 12, item 3: a 200,000-row sheet under 1 GB). Writing throws.
     */
    private readonly readOnly = false
  ) {}

  /** Grids of a read-only workbook's sheets, by upper-case name, as first read. */
  private readonly grids = new Map<string, Grid>();

  /** Set by loadCopy: the user's file this book writes a copy of. */
  private copyOf: CopyOf | null = null;

  /**
   * New sheets of a copy whose XML toBuffer() writes from their spec (sheet-xml.ts), by upper-case
   * name: ExcelJS holds an empty placeholder for each (its name, state, print titles, marker). Any
   * port call that looks into one renders it into ExcelJS first (`mustSheet`).
   */
  private readonly deferred = new Map<string, SheetSpec>();

  /**
   * Read-only, read by the sparse reader: every read goes there (the ExcelJS book stays empty).
   * Null when ExcelJS holds the file.
   */
  private reader: XlsxReadOnlyWorkbook | null = null;

  /** Read by the sparse reader (not ExcelJS): `book` and `worksheet()` hold nothing then. */
  get sparse(): boolean {
    return this.reader !== null;
  }

  /** The file's bytes (read from the file, checked, when they were let go). */
  private sourceInMemory(): Uint8Array {
    const src = this.source;
    if (src === null) throw new Error("XlsxWorkbook: no source");
    return src instanceof SourceFile ? src.bytes() : src;
  }

  /** The path the book was loaded from (null when given bytes, or a new workbook). */
  private sourcePath: string | null = null;

  /**
   * The loaded file to copy (loadCopy): its bytes, or after releaseSource the file itself; null
   * for a new workbook.
   */
  get copySource(): Uint8Array | SourceFile | null {
    return this.source;
  }

  /**
   * A one-shot command has read all it needs of the book: lets go of the file's bytes (28 MB for
   * a 3,321-unit entry workbook, held to the end of `rank --out` before) and of the reader over
   * them. A later copy (loadCopy) takes the parts it keeps from the file on disk, checked to be the
   * one read (source-file.ts); reading the book's sheets again is a programmer error (it throws).
   * Nothing is let go when the book was given bytes or the file cannot be vouched for.
   */
  releaseSource(): void {
    if (this.sourcePath === null || !(this.source instanceof Uint8Array) || this.reader === null)
      return;
    const file = SourceFile.of(this.sourcePath, this.source);
    if (file === null) return;
    this.source = file;
    this.reader.release();
  }

  get notKept(): readonly NotKept[] {
    return this.reader?.notKept ?? this.lost;
  }

  /**
   * Read by the sparse reader: lets go of the grids read so far (a later read parses its sheet
   * again). A book ExcelJS read keeps them: it let go of its cells once a grid was read.
   */
  forgetGrids(): void {
    this.reader?.forgetGrids();
  }

  /** An empty workbook. */
  static create(): XlsxWorkbook {
    return new XlsxWorkbook(new ExcelJS.Workbook());
  }

  /**
   * Opens an .xlsx (path or bytes); XlsxReadError (vi/en message) for a missing file or not an .xlsx.
   * Read-only, its reads go to the sparse reader (xlsx-read-only.ts), not ExcelJS: the same answers
   * at a fraction of the memory and time; a file the sparse reader does not follow exactly is read by
   * ExcelJS (as before, its cells let go once a sheet's grid is read).
   */
  static async load(
    pathOrBuffer: string | Buffer | ArrayBuffer,
    options: { readonly readOnly?: boolean } = {}
  ): Promise<XlsxWorkbook> {
    if (options.readOnly !== true) return XlsxWorkbook.viaExcelJS(pathOrBuffer, false);
    const file = await inspectFile(pathOrBuffer, { keepSheets: true });
    const viaExcelJS = (): Promise<XlsxWorkbook> => {
      file.inspected.sheetTexts?.clear();
      return XlsxWorkbook.viaExcelJS(file, true);
    };
    try {
      const reader = new XlsxReadOnlyWorkbook(
        await openSparse(
          file.inspected.package ?? (await file.inspected.copy()),
          file.inspected.sheetTexts
        ),
        file.inspected.notKept,
        viaExcelJS
      );
      const wb = new XlsxWorkbook(
        new ExcelJS.Workbook(),
        file.inspected.notKept,
        file.raw,
        file.inspected.leftOut,
        true
      );
      wb.reader = reader;
      if (typeof pathOrBuffer === "string") wb.sourcePath = pathOrBuffer;
      return wb;
    } catch (error) {
      // The sparse reader does not follow this file exactly: ExcelJS reads it.
      if (error instanceof SparseUnsupported) return viaExcelJS();
      throw error;
    }
  }

  /** Opens an .xlsx through ExcelJS (read-only: its cells let go once a sheet's grid is read). */
  private static async viaExcelJS(
    pathOrBuffer: string | Buffer | ArrayBuffer | InspectedFile,
    readOnly: boolean
  ): Promise<XlsxWorkbook> {
    const loaded = await loadXlsx(pathOrBuffer);
    return new XlsxWorkbook(loaded.book, loaded.notKept, loaded.source, loaded.leftOut, readOnly);
  }

  /**
   * A copy of the file `source` (its bytes) to write the sheets named `write` into: only those
   * sheets (when the file has them) and the "_dti" registry are loaded; `others` are the file's
   * sheets as a full read listed them. toBuffer() returns the file with the written sheets spliced
   * in, everything else of it byte for byte (splice.ts). SpliceUnsupported when the file cannot be
   * spliced (the caller writes the copy whole instead); XlsxReadError as load().
   */
  static async loadCopy(
    source: Uint8Array | SourceFile,
    write: readonly string[],
    others: readonly SheetInfo[]
  ): Promise<XlsxWorkbook> {
    const parts = ZipParts.lazy(source);
    if (parts === null) throw new SpliceUnsupported("zip64 or an unknown zip method");
    const reduced = await reducedPackage(parts, [...write, SETTINGS_SHEET]);
    const isLoaded = (name: string): boolean => reduced.loaded.some((l) => sameSheetName(l, name));
    // Nothing of the file to rewrite (a first ranking): ExcelJS never reads the user's parts at all.
    const loaded =
      reduced.loaded.length === 0
        ? { book: new ExcelJS.Workbook(), notKept: [] }
        : await loadXlsx(reduced.bytes);
    const wb = new XlsxWorkbook(
      loaded.book,
      // What ExcelJS drops of the sheets it holds; the rest of the file is kept as it is.
      loaded.notKept.filter((n) => n.where !== "" && isLoaded(n.where))
    );
    wb.copyOf = {
      source,
      loaded: reduced.loaded,
      others: others.filter((o) => !isLoaded(o.name)),
    };
    return wb;
  }

  /**
   * The workbook as .xlsx bytes. A loaded file's charts, shapes, and the validations and names the
   * read left out are carried from the original into the copy; `notKept` then lists what was not.
   */
  async toBuffer(): Promise<Buffer> {
    return joinPieces(await this.toPieces());
  }

  /** toBuffer()'s bytes as pieces in file order (cli/files.ts writeOutput writes them as they are). */
  async toPieces(): Promise<ZipPiece[]> {
    this.writable();
    if (this.copyOf === null) this.ensureVisibleSheet();
    this.fitLongTexts();
    // ExcelJS's parts uncompressed, then deflated natively (zip-parts.ts): jszip's deflate is
    // JavaScript on one core. ExcelJS passes `zip` to jszip's generateAsync (lib/utils/zip-stream.js).
    const stored = await this.book.xlsx.writeBuffer({
      zip: { compression: "STORE" },
    });
    const parts = await ZipParts.fromZip(new Uint8Array(stored));
    if (this.copyOf !== null) {
      const copy = ZipParts.lazy(this.copyOf.source);
      if (copy === null) throw new SpliceUnsupported("zip64 or an unknown zip method");
      spliceCopy(copy, parts, this.copyOf.loaded, this.deferred);
      return copy.toZipPieces();
    }
    if (this.source !== null && this.lost.length > 0)
      this.lost = await carryUserParts(this.sourceInMemory(), parts, {
        rendered: (sheet) => this.rendered.has(sheet.toUpperCase()),
        notKept: this.lost,
        leftOut: this.leftOut,
      });
    return parts.toZipPieces();
  }

  async save(path: string): Promise<void> {
    await writeFile(path, await this.toBuffer());
  }

  // ----------------------------------------------------------------------------- port

  listSheets(): Promise<readonly SheetInfo[]> {
    if (this.reader) return this.counted(this.reader.listSheets());
    return this.call(() => {
      const reg = this.registry();
      const markers = this.markers();
      return this.book.worksheets
        .map((ws): SheetInfo => {
          const owned = isOwned(reg, ws.name, markers);
          const role =
            ownedRecord(reg, ws.name, markers)?.role ??
            (sameSheetName(ws.name, SETTINGS_SHEET) ? "settings" : undefined);
          const visible = ws.state === "visible" || (ws.state as string | undefined) === undefined;
          const older = olderRole(reg, ws.name, markers);
          return owned && role !== undefined
            ? { name: ws.name, owned, role, visible }
            : { name: ws.name, owned, visible, ...(older ? { olderRole: older } : {}) };
        })
        .concat(this.copyOf?.others ?? []);
    });
  }

  activeSheet(): Promise<string> {
    if (this.reader) return this.counted(this.reader.activeSheet());
    return this.call(() => {
      const sheets = this.book.worksheets;
      const tab = this.book.views[0]?.activeTab ?? 0;
      const ws = sheets[tab] ?? sheets.find((s) => s.state === "visible");
      if (!ws) throw new PortError("sheet_not_found", {}, "no sheets");
      return ws.name;
    });
  }

  readGrid(sheet: string): Promise<Grid> {
    if (this.reader) return this.counted(this.reader.readGrid(sheet));
    return this.call(() => trimGrid(this.gridFor(this.mustSheet(sheet))));
  }

  /** Every sheet checked first, then all read: one call. */
  readGrids(sheets: readonly string[]): Promise<Grid[]> {
    if (this.reader) return this.counted(this.reader.readGrids(sheets));
    return this.call(() => {
      const found = sheets.map((name) => this.mustSheet(name));
      return found.map((ws) => trimGrid(this.gridFor(ws)));
    });
  }

  readRange(sheet: string, range: string): Promise<Grid> {
    if (this.reader) return this.counted(this.reader.readRange(sheet, range));
    return this.call(() => {
      const ws = this.mustSheet(sheet);
      const r = parseRange(range);
      if (!r) throw new PortError("invalid_range", { sheet, range });
      return gridRange(this.gridFor(ws), ws.name, r);
    });
  }

  apply(specs: readonly SheetSpec[], options: ApplyOptions = {}): Promise<void> {
    return this.call(() => {
      this.writable();
      // A sheet deferred by an earlier apply is rendered before this one looks at it.
      for (const ws of this.book.worksheets) this.materialize(ws);
      const reg = this.registry();
      const plan = planApply(
        specs,
        [...this.book.worksheets.map((ws) => ({ name: ws.name })), ...(this.copyOf?.others ?? [])],
        reg,
        this.markers(),
        options.removeOtherRoles
      );
      if (options.overwriteEdits !== true)
        for (const t of plan.targets) {
          if (t.existing === undefined || t.record === undefined) continue;
          const ws = this.mustSheet(t.existing);
          const g = gridOf(ws);
          const edits = gridEditedCells(t.record, t.spec, g);
          if (edits.count > 0)
            throw new PortError("sheet_edited", {
              sheet: ws.name,
              cells: edits.cells,
              count: edits.count,
            });
        }
      // Every sheet is rendered on a temporary sheet first: a spec ExcelJS refuses fails here, before
      // any existing sheet changes. New sheets then take their names; owned sheets are rewritten in
      // place (cleared in their previous area, rendered again), so references to them stay valid.
      // Everything below changes the book only once the whole apply succeeds: a failure anywhere
      // (ExcelJS refusing a merge over one the user made beside the table, a full memory...) puts
      // back every sheet, defined name and the registry as they were (issue 12: never a half-written
      // sheet). The book's sheet list and names are restored whole; sheets rewritten in place from
      // their snapshot.
      const undo = this.checkpoint(
        plan.targets.flatMap((t) => (t.existing === undefined ? [] : [t.existing]))
      );
      const temps: ExcelJS.Worksheet[] = [];
      const deferred = new Map(this.deferred);
      // A copy's new sheets (a first ranking) are written from their specs by toBuffer, not rendered
      // into ExcelJS: checked here as Excel would check them (sheet-xml.ts), before anything changes.
      const direct =
        this.copyOf !== null &&
        plan.remove.length === 0 &&
        plan.targets.every((t) => t.existing === undefined && directWritable(t.spec));
      try {
        if (direct) for (const t of plan.targets) checkSheetSpec(t.spec);
        for (const t of plan.targets) {
          if (direct) {
            // ExcelJS checks the name as for a rendered sheet (length, characters, duplicates).
            const ws = this.book.addWorksheet(t.spec.name);
            sheetLevel(ws, t.spec);
            this.deferred.set(ws.name.toUpperCase(), t.spec);
            this.book.definedNames.add(markerTarget(t.spec.name), markerName(t.token));
            continue;
          }
          const ws = this.book.addWorksheet(`~dti${++tempCounter}`);
          temps.push(ws);
          render(ws, t.spec);
        }
        for (const [i, t] of plan.targets.entries()) {
          const temp = temps[i];
          if (!temp) continue;
          const old = t.existing === undefined ? undefined : this.book.getWorksheet(t.existing);
          if (old === undefined) {
            temp.name = t.spec.name;
            this.book.definedNames.add(markerTarget(t.spec.name), markerName(t.token));
            continue;
          }
          this.book.removeWorksheet(temp.id);
          clearArea(old, t.record?.area);
          render(old, t.spec);
          if (t.spec.hidden !== true) old.state = "visible";
        }
        for (const n of plan.remove) this.removeSheet(n);
        for (const t of plan.targets) this.rendered.add(t.spec.name.toUpperCase());
        const written = plan.targets.map((t) => ({
          name: t.spec.name,
          role: t.spec.role,
          token: t.token,
          ...writtenRecord(t.spec),
        }));
        let next = withoutSheets(withSheets(reg, written), plan.remove);
        for (const spec of specs) {
          const key = `${CHART_KEY}${spec.name}`;
          next = {
            ...next,
            settings: mergeSettings(next.settings, {
              [key]: spec.charts && spec.charts.length > 0 ? JSON.stringify(spec.charts) : "",
            }),
          };
        }
        next = {
          ...next,
          settings: mergeSettings(
            next.settings,
            Object.fromEntries(plan.remove.map((n) => [`${CHART_KEY}${n}`, ""]))
          ),
        };
        this.writeRegistry(next);
      } catch (e) {
        undo();
        this.deferred.clear();
        for (const [k, v] of deferred) this.deferred.set(k, v);
        if (e instanceof SheetXmlRefused)
          throw new PortError("invalid_range", { sheet: e.sheet, range: e.where }, e.message);
        throw e instanceof PortError
          ? e
          : new PortError(
              "host_error",
              { hostCode: "ExcelJS" },
              e instanceof Error ? e.message : String(e)
            );
      }
    });
  }

  writeValues(
    sheet: string,
    cells: readonly { readonly cell: string; readonly value: CellValue }[]
  ): Promise<void> {
    return this.call(() => {
      this.writable();
      const ws = this.mustSheet(sheet);
      const targets = cells.map((c) => {
        const p = parseA1(c.cell);
        if (!p) throw new PortError("invalid_range", { sheet, range: c.cell });
        const cell = cellOf(ws, p.row, p.col);
        if (ext(ws).sheetProtection && cell.protection?.locked !== false)
          throw new PortError("cell_protected", { sheet: ws.name, range: c.cell });
        return { cell, value: c.value };
      });
      for (const t of targets)
        t.cell.value =
          t.value !== null && typeof t.value === "object"
            ? { error: t.value.error as ExcelJS.ErrorValue }
            : t.value;
    });
  }

  adoptOlderSheets(
    sheets: readonly { readonly name: string; readonly role: string }[]
  ): Promise<void> {
    return this.call(() => {
      this.writable();
      const plan = planAdopt(
        this.registry(),
        this.markers(),
        this.book.worksheets.map((ws) => ({ name: ws.name })),
        sheets,
        (name) => {
          const g = trimGrid(this.gridFor(this.mustSheet(name)));
          const rows = g.values.length;
          const cols = g.values.reduce((w, r) => Math.max(w, r.length), 0);
          return rows === 0 || cols === 0
            ? ""
            : `${a1(g.originRow, g.originCol)}:${a1(g.originRow + rows - 1, g.originCol + cols - 1)}`;
        }
      );
      for (const w of plan.written)
        this.book.definedNames.add(markerTarget(w.name), markerName(w.token));
      this.writeRegistry(plan.registry);
    });
  }

  deleteOwnedSheets(names: readonly string[]): Promise<void> {
    return this.call(() => {
      this.writable();
      const reg = this.registry();
      const markers = this.markers();
      const doomed = names.map((n) => {
        const ws = this.mustSheet(n);
        if (sameSheetName(ws.name, SETTINGS_SHEET) || !isOwned(reg, ws.name, markers))
          throw new PortError("sheet_not_owned", { sheet: ws.name });
        return ws;
      });
      for (const ws of doomed) this.removeSheet(ws.name);
      const charts = Object.fromEntries(doomed.map((ws) => [`${CHART_KEY}${ws.name}`, ""]));
      const next = withoutSheets(
        reg,
        doomed.map((ws) => ws.name)
      );
      this.writeRegistry({ ...next, settings: mergeSettings(next.settings, charts) });
    });
  }

  setHighlights(sheet: string, cells: readonly HighlightCell[]): Promise<void> {
    if (this.reader) return this.call(() => this.writable());
    return this.call(() => this.paintHighlights(sheet, cells));
  }

  /** Every sheet (and address) checked first, then all painted: one call. */
  setHighlightsMany(sheets: readonly SheetHighlights[]): Promise<void> {
    if (this.reader && sheets.length > 0) return this.call(() => this.writable());
    return this.call(() => {
      for (const h of sheets)
        planHighlights(EMPTY_REGISTRY, this.mustSheet(h.sheet).name, h.cells, () => null);
      for (const h of sheets) this.paintHighlights(h.sheet, h.cells);
    });
  }

  private paintHighlights(sheet: string, cells: readonly HighlightCell[]): void {
    this.writable();
    const ws = this.mustSheet(sheet);
    const reg = this.registry();
    if (!isOwned(reg, ws.name, this.markers())) {
      // A user's sheet is never painted (a forged record's "original fill" is not restored either).
      if (reg.highlights.some((h) => sameSheetName(h.sheet, ws.name)))
        this.writeRegistry({
          ...reg,
          highlights: reg.highlights.filter((h) => !sameSheetName(h.sheet, ws.name)),
        });
      return;
    }
    const plan = planHighlights(reg, ws.name, cells, (c) => this.fillAt(ws, c));
    for (const r of plan.restore) {
      const cell = cellOf(ws, r.cell);
      const { fill: _old, ...rest } = cell.style;
      cell.style =
        r.fill === null
          ? rest
          : {
              ...rest,
              fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb(r.fill) } },
            };
    }
    for (const p of plan.paint) {
      const cell = cellOf(ws, p.cell);
      cell.style = toExcelStyle(cell.style, { fill: p.fill });
    }
    this.writeRegistry(plan.registry);
  }

  select(sheet: string, cell: string): Promise<void> {
    if (this.reader) return this.counted(this.reader.select(sheet, cell));
    return this.call(() => {
      const ws = this.mustSheet(sheet);
      if (!parseA1(cell)) throw new PortError("invalid_range", { sheet, range: cell });
      const index = this.book.worksheets.indexOf(ws);
      this.book.views = [
        { ...(this.book.views[0] ?? {}), activeTab: index } as ExcelJS.WorkbookView,
      ];
      const view = ws.views[0];
      ws.views = [
        {
          ...(view ?? { state: "normal" }),
          activeCell: cell.toUpperCase(),
        },
      ];
    });
  }

  readSettings(): Promise<Readonly<Record<string, string>>> {
    if (this.reader) return this.counted(this.reader.readSettings());
    return this.call(() => ({ ...this.registry().settings }));
  }

  /** Merges the given keys into the stored settings; a key set to "" is removed. */
  writeSettings(settings: Readonly<Record<string, string>>): Promise<void> {
    return this.call(() => {
      this.writable();
      const reg = this.registry();
      this.writeRegistry({ ...reg, settings: mergeSettings(reg.settings, settings) });
    });
  }

  /** Files do not change under us: the listener is never called. */
  onChanged(_listener: (event: ChangeEvent) => void): Promise<Unsubscribe> {
    return this.call(() => () => undefined);
  }

  // ----------------------------------------------------------------------------- helpers

  /** A cell's style as a spec style (tests, CLI checks). */
  cellStyle(sheet: string, cell: string): CellStyle {
    return fromExcelStyle(cellOf(this.mustSheet(sheet), cell).style);
  }

  /** The chart specs recorded for a sheet (ExcelJS cannot draw them). */
  async chartsOf(sheet: string): Promise<unknown[]> {
    const raw = (await this.readSettings())[`${CHART_KEY}${sheet}`];
    return raw === undefined ? [] : (JSON.parse(raw) as unknown[]);
  }

  worksheet(sheet: string): ExcelJS.Worksheet {
    return this.mustSheet(sheet);
  }

  private fillAt(ws: ExcelJS.Worksheet, c: string): string | null {
    const fill = cellOf(ws, c).fill as ExcelJS.Fill | undefined;
    return fill?.type === "pattern" && fill.pattern === "solid" ? hexOf(fill.fgColor) : null;
  }

  /** A call the sparse reader answers, counted as one of this port's. */
  private counted<T>(p: Promise<T>): Promise<T> {
    this.roundTrips++;
    return p;
  }

  private call<T>(fn: () => T): Promise<T> {
    this.roundTrips++;
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /**
   * What apply() may change, saved so that `undo()` puts it back: the book's sheet list (sheets
   * added, renamed from a temporary name or removed), its defined names, which sheets were rendered,
   * and the content of the sheets named (rewritten in place) as ExcelJS models.
   */
  private checkpoint(inPlace: readonly string[]): () => void {
    const book = this.book as ExcelJS.Workbook & { _worksheets: (ExcelJS.Worksheet | undefined)[] };
    const sheets = book._worksheets.slice();
    const names = structuredClone(this.book.definedNames.model);
    const rendered = new Set(this.rendered);
    const saved = inPlace.flatMap((name) => {
      const ws = this.find(name);
      return ws === undefined ? [] : [{ ws, model: snapshotSheet(ws) }];
    });
    return () => {
      book._worksheets = sheets;
      this.book.definedNames.model = names;
      this.rendered.clear();
      for (const r of rendered) this.rendered.add(r);
      for (const { ws, model } of saved) restoreSheet(ws, model);
    };
  }

  /**
   * A sheet's grid (gridOf). Read-only: the first read is kept and the sheet's ExcelJS rows are let
   * go (the settings sheet "_dti" stays whole: the registry is read from it).
   */
  private gridFor(ws: ExcelJS.Worksheet): Grid {
    if (!this.readOnly) return gridOf(ws);
    const key = ws.name.toUpperCase();
    const known = this.grids.get(key);
    if (known !== undefined) return known;
    const g = gridOf(ws);
    this.grids.set(key, g);
    if (!sameSheetName(ws.name, SETTINGS_SHEET))
      (ws as ExcelJS.Worksheet & { _rows: unknown[] })._rows = [];
    return g;
  }

  /** Refuses a write to a workbook opened read-only (a programming error, never a user's). */
  private writable(): void {
    if (this.readOnly) throw new Error("XlsxWorkbook opened read-only: not written");
  }

  private find(name: string): ExcelJS.Worksheet | undefined {
    return this.book.worksheets.find((ws) => sameSheetName(ws.name, name));
  }

  private mustSheet(name: string): ExcelJS.Worksheet {
    const ws = this.find(name);
    if (!ws) throw new PortError("sheet_not_found", { sheet: name });
    this.materialize(ws);
    return ws;
  }

  /** A deferred sheet rendered into ExcelJS (its cells are looked at, or another apply comes). */
  private materialize(ws: ExcelJS.Worksheet): void {
    const key = ws.name.toUpperCase();
    const spec = this.deferred.get(key);
    if (spec === undefined) return;
    this.deferred.delete(key);
    render(ws, spec);
  }

  /** The ownership markers: each `_dti_…` defined name → the sheet it refers to (null when none). */
  private markers(): Markers {
    const out = new Map<string, string | null>();
    for (const d of this.book.definedNames.model) {
      if (!d.name.toUpperCase().startsWith(MARKER_PREFIX.toUpperCase())) continue;
      const target = d.ranges.length === 1 ? markerSheet(d.ranges[0] ?? "") : null;
      out.set(d.name.toUpperCase(), target !== null && this.find(target) ? target : null);
    }
    return out;
  }

  /** Removes a sheet and the markers that refer to it (Excel would turn them into #REF!). */
  private removeSheet(name: string): void {
    const ws = this.mustSheet(name);
    this.book.removeWorksheet(ws.id);
    this.book.definedNames.model = this.book.definedNames.model.filter(
      (d) =>
        !(
          d.name.toUpperCase().startsWith(MARKER_PREFIX.toUpperCase()) &&
          d.ranges.some((r) => {
            const t = markerSheet(r);
            return t !== null && sameSheetName(t, ws.name);
          })
        )
    );
  }

  private registry(): Registry {
    const ws = this.find(SETTINGS_SHEET);
    if (!ws) return EMPTY_REGISTRY;
    return decodeRegistry(worksheetToGrid(ws).values);
  }

  private writeRegistry(reg: Registry): void {
    const old = this.find(SETTINGS_SHEET);
    const orderNo = old ? ext(old).orderNo : undefined;
    if (old) this.book.removeWorksheet(old.id);
    const ws = this.book.addWorksheet(SETTINGS_SHEET, { state: "veryHidden" });
    if (orderNo !== undefined) ext(ws).orderNo = orderNo;
    encodeRegistry(reg).forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== "") cellOf(ws, r + 1, c + 1).value = v;
      })
    );
    ws.getColumn(columnLetters(2)).width = 30;
  }

  /**
   * A forged file can hold text longer than Excel's 32,767-character cell limit; a copy never
   * writes it longer (validation warns with text_too_long).
   */
  private fitLongTexts(): void {
    for (const ws of this.book.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value;
          if (typeof v === "string" && v.length > CELL_TEXT_LIMIT) cell.value = fitCellText(v);
        })
      );
  }

  /** Excel needs one visible sheet: a workbook with none gets an empty "Sheet1" before saving. */
  private ensureVisibleSheet(): void {
    if (!this.book.worksheets.some((ws) => ws.state === "visible"))
      this.book.addWorksheet("Sheet1");
  }
}
