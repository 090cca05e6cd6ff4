/**
 * A sheet spec written straight to SpreadsheetML (a worksheet part and the styles it uses), for the
 * `dti rank --out` copy (issue 14: the ranked sheets of 3,321 units written in a fraction of the time
 * and memory ExcelJS takes, which builds an object per cell and a model of every row to write them).
 *
 * It writes what `render()` in xlsx-workbook.ts has ExcelJS write, the same way, so that a copy reads
 * back the same through either: values, native formulas with their cached results, fonts, fills,
 * borders, alignment, number formats, protection, merges, column widths, row heights, frozen panes,
 * conditional formats (one dxf each), A4 page setup and sheet protection. Styles compose as render's
 * `toExcelStyle` does (a later block or range style sets its keys over the earlier ones). Texts are
 * inline strings (ECMA-376 Part 1, 18.3.1.4 c with t="inlineStr", 18.3.1.53 is), cut to Excel's
 * 32,767-character cell limit, with the characters XML cannot hold dropped as ExcelJS drops them
 * (exceljs lib/utils/utils.js xmlEncode). Specs with data validations or tables are not written here
 * (`directWritable` says so): the adapter renders those through ExcelJS.
 *
 * Anything Excel would refuse to open (a cell beyond XFD1048576, overlapping merges, a number that is
 * not finite) is refused with SheetXmlRefused by `checkSheetSpec`, which the adapter runs before
 * any sheet changes (and `sheetXml` again before it writes).
 */
import {
  a1,
  CELL_TEXT_LIMIT,
  columnLetters,
  type CellStyle,
  type ConditionalFormat,
  fitCellText,
  parseA1,
  parseRange,
  type SheetSpec,
  type SpecCell,
} from "../../engine";
import { esc, MAIN_NS, type SheetStyles } from "./sheet-styles";
import { DeflatedPart } from "./zip-parts";

/** Excel's sheet size (https://support.microsoft.com/office/excel-specifications-and-limits). */
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

/** A spec this writer cannot put in a file as it is; the message names the sheet and the place. */
export class SheetXmlRefused extends Error {
  constructor(
    readonly sheet: string,
    readonly where: string,
    reason: string
  ) {
    super(`${sheet}!${where}: ${reason}`);
    this.name = "SheetXmlRefused";
  }
}

/** Whether the spec is written here (no data validations, no tables: those go through ExcelJS). */
export function directWritable(spec: SheetSpec): boolean {
  return (spec.validations ?? []).length === 0 && (spec.tables ?? []).length === 0;
}

/** A row being laid out: its cells' values and composed styles (two arrays, no object a cell). */
interface Row {
  /** By column; a hole is a cell no block writes. */
  readonly values: (SpecCell | undefined)[];
  /** By column, composed in order; a hole is a cell no style reaches. */
  readonly styles: (CellStyle | undefined)[];
}

/** Position checked against Excel's grid; SheetXmlRefused when outside it. */
function checked(spec: SheetSpec, row: number, col: number): void {
  if (row < 1 || row > MAX_ROWS || col < 1 || col > MAX_COLS)
    throw new SheetXmlRefused(
      spec.name,
      row >= 1 && col >= 1 && col <= MAX_COLS
        ? a1(Math.min(row, MAX_ROWS + 1), col)
        : `R${row}C${col}`,
      "outside Excel's 1,048,576 rows × 16,384 columns"
    );
}

/** Whether a cell is written at all: it has a value, or a style (else cellXml gives ""). */
function written(v: SpecCell | undefined, style: CellStyle | undefined): boolean {
  return (v !== undefined && v.kind !== "blank") || style !== undefined;
}

/** A cell's XML; `s` its style index, -1 for none; "" when it holds nothing. */
function cellXml(ref: string, s: number, v: SpecCell | undefined, spec: SheetSpec): string {
  const sAttr = s >= 0 ? ` s="${s}"` : "";
  if (v === undefined || v.kind === "blank") return s >= 0 ? `<c r="${ref}"${sAttr}/>` : "";
  switch (v.kind) {
    case "number":
      if (!Number.isFinite(v.value))
        throw new SheetXmlRefused(spec.name, ref, "not a finite number");
      return `<c r="${ref}"${sAttr}><v>${v.value}</v></c>`;
    case "bool":
      return `<c r="${ref}"${sAttr} t="b"><v>${v.value ? 1 : 0}</v></c>`;
    case "text": {
      const t = esc(v.value.length > CELL_TEXT_LIMIT ? fitCellText(v.value) : v.value);
      const space = /^\s|\s$/.test(t) ? ' xml:space="preserve"' : "";
      return `<c r="${ref}"${sAttr} t="inlineStr"><is><t${space}>${t}</t></is></c>`;
    }
    case "formula": {
      const f = `<f>${esc(v.formula.replace(/^=/, ""))}</f>`;
      const c = v.cached;
      if (c === undefined) return `<c r="${ref}"${sAttr}>${f}</c>`;
      if (typeof c === "number") {
        if (!Number.isFinite(c)) throw new SheetXmlRefused(spec.name, ref, "not a finite number");
        return `<c r="${ref}"${sAttr}>${f}<v>${c}</v></c>`;
      }
      if (typeof c === "boolean") return `<c r="${ref}"${sAttr} t="b">${f}<v>${c ? 1 : 0}</v></c>`;
      return `<c r="${ref}"${sAttr} t="str">${f}<v>${esc(c)}</v></c>`;
    }
  }
}

/** Column letters of 1-based `col` (cached: every cell reference needs them). */
function lettersOf(cache: string[], col: number): string {
  return (cache[col] ??= columnLetters(col));
}

/**
 * Throws SheetXmlRefused when Excel would refuse `spec` (see the file's comment); run before any
 * sheet changes, so that toBuffer() cannot fail on it later.
 */
export function checkSheetSpec(spec: SheetSpec): void {
  for (const block of spec.blocks) {
    const tl = parseA1(block.address);
    if (!tl) continue;
    block.rows.forEach((cells, r) => {
      if (cells.length === 0) return;
      checked(spec, tl.row + r, tl.col);
      checked(spec, tl.row + r, tl.col + cells.length - 1);
      cells.forEach((sc, c) => {
        const bad =
          (sc.kind === "number" && !Number.isFinite(sc.value)) ||
          (sc.kind === "formula" && typeof sc.cached === "number" && !Number.isFinite(sc.cached));
        if (bad)
          throw new SheetXmlRefused(spec.name, a1(tl.row + r, tl.col + c), "not a finite number");
      });
    });
  }
  for (const rs of spec.styles ?? []) {
    const r = parseRange(rs.range);
    if (!r) continue;
    checked(spec, r.start.row, r.start.col);
    checked(spec, r.end.row, r.end.col);
  }
  for (const h of spec.rowHeights ?? []) checked(spec, h.row, 1);
  checkedMerges(spec);
  columnWidths(spec);
}

/**
 * The worksheet part of `spec` (UTF-8, deflated as it is made), its cell styles and dxfs taken from `styles`. SheetXmlRefused when
 * Excel would refuse it (see the file's comment).
 */
export function sheetXml(spec: SheetSpec, styles: SheetStyles): DeflatedPart {
  // The adapter checked it before changing anything; checked again here (a few ms) so that this
  // never writes what Excel would refuse, whoever calls it.
  checkSheetSpec(spec);
  const rows = new Map<number, Row>();
  const rowAt = (row: number): Row => {
    let r = rows.get(row);
    if (r === undefined) {
      r = { values: [], styles: [] };
      rows.set(row, r);
    }
    return r;
  };
  // Composed styles by (earlier, later) object: one object per combination, so that styles.xf()
  // finds it by identity.
  const composed = new Map<CellStyle, Map<CellStyle, CellStyle>>();
  const styled = (r: Row, col: number, style: CellStyle): void => {
    const before = r.styles[col];
    if (before === undefined) {
      r.styles[col] = style;
      return;
    }
    let m = composed.get(before);
    if (m === undefined) {
      m = new Map();
      composed.set(before, m);
    }
    let c = m.get(style);
    if (c === undefined) {
      c = { ...before, ...style };
      m.set(style, c);
    }
    r.styles[col] = c;
  };
  for (const block of spec.blocks) {
    const tl = parseA1(block.address);
    if (!tl) continue;
    block.rows.forEach((cells, r) => {
      const row = rowAt(tl.row + r);
      cells.forEach((sc, c) => {
        row.values[tl.col + c] = sc;
        if (block.style) styled(row, tl.col + c, block.style);
      });
    });
  }
  for (const rs of spec.styles ?? []) {
    const r = parseRange(rs.range);
    if (!r) continue;
    for (let row = r.start.row; row <= r.end.row; row++) {
      const at = rowAt(row);
      for (let col = r.start.col; col <= r.end.col; col++) styled(at, col, rs.style);
    }
  }
  const merges = checkedMerges(spec);
  // As ExcelJS merges (lib/doc/cell.js merge): every other cell of a merged range loses its value
  // and takes the style of the range's top-left cell.
  for (const m of merges) {
    const r = parseRange(m);
    if (!r) continue;
    const master = rows.get(r.start.row)?.styles[r.start.col];
    for (let row = r.start.row; row <= r.end.row; row++) {
      const at = master === undefined ? rows.get(row) : rowAt(row);
      if (at === undefined) continue;
      for (let col = r.start.col; col <= r.end.col; col++) {
        if (row === r.start.row && col === r.start.col) continue;
        at.values[col] = undefined;
        at.styles[col] = master;
      }
    }
  }
  const heights = new Map<number, number>();
  for (const h of spec.rowHeights ?? []) heights.set(h.row, h.height);

  const letters: string[] = [];
  const rowNumbers = [...new Set([...rows.keys(), ...heights.keys()])].sort((a, b) => a - b);
  // The used range first (the <dimension> comes before the rows): the cells `written`, and a row
  // when it has such a cell or a height.
  let minRow = Infinity;
  let maxRow = 0;
  let minCol = Infinity;
  let maxCol = 0;
  for (const row of rowNumbers) {
    const cells = rows.get(row);
    if (cells === undefined) continue;
    const width = Math.max(cells.values.length, cells.styles.length);
    let any = false;
    for (let col = 1; col < width; col++) {
      if (!written(cells.values[col], cells.styles[col])) continue;
      any = true;
      if (col < minCol) minCol = col;
      if (col > maxCol) maxCol = col;
    }
    if (any) {
      if (row < minRow) minRow = row;
      if (row > maxRow) maxRow = row;
    }
  }

  const page = spec.pageSetup;
  const head: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`,
  ];
  if (page?.fitToWidth === true) head.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  head.push(
    `<dimension ref="${maxRow === 0 ? "A1" : `${a1(minRow, minCol)}:${a1(maxRow, maxCol)}`}"/>`
  );
  const fr = spec.freeze;
  if (fr && (fr.rows > 0 || fr.cols > 0)) {
    // As ExcelJS's sheet-view-xform writes a frozen view (lib/xlsx/xform/sheet/sheet-view-xform.js).
    const pane =
      fr.rows > 0 && fr.cols > 0 ? "bottomRight" : fr.cols > 0 ? "topRight" : "bottomLeft";
    head.push(
      `<sheetViews><sheetView workbookViewId="0"><pane${fr.cols > 0 ? ` xSplit="${fr.cols}"` : ""}${
        fr.rows > 0 ? ` ySplit="${fr.rows}"` : ""
      } topLeftCell="${a1(fr.rows + 1, fr.cols + 1)}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView></sheetViews>`
    );
  }
  head.push('<sheetFormatPr defaultRowHeight="15"/>');
  const widths = columnWidths(spec);
  if (widths !== "") head.push(widths);
  const part = new DeflatedPart();
  part.write(`${head.join("")}<sheetData>`);

  // The rows in pieces of about 64K characters, each deflated as it is made: never the whole sheet
  // as one string (a Vietnamese text makes it two bytes a character) nor as uncompressed bytes.
  let pending = "";
  for (const row of rowNumbers) {
    const cells = rows.get(row);
    const width = cells === undefined ? 0 : Math.max(cells.values.length, cells.styles.length);
    let body = "";
    for (let col = 1; col < width; col++) {
      const value = cells?.values[col];
      const style = cells?.styles[col];
      if (!written(value, style)) continue;
      body += cellXml(
        lettersOf(letters, col) + row,
        style === undefined ? -1 : styles.xf(style),
        value,
        spec
      );
    }
    const ht = heights.get(row);
    if (body === "" && ht === undefined) continue;
    const htAttr = ht === undefined ? "" : ` ht="${ht}" customHeight="1"`;
    pending +=
      body === "" ? `<row r="${row}"${htAttr}/>` : `<row r="${row}"${htAttr}>${body}</row>`;
    if (pending.length > 65_536) {
      part.write(pending);
      pending = "";
    }
  }
  part.write(pending);

  const tail: string[] = ["</sheetData>"];
  if (spec.protect === true)
    // As render() protects (no password): selecting cells allowed, formatting and sorting allowed
    // (ExcelJS sheet-protection-xform: an allowed action is written "0").
    tail.push(
      '<sheetProtection sheet="1" formatCells="0" formatColumns="0" formatRows="0" sort="0" autoFilter="0"/>'
    );
  if (merges.length > 0)
    tail.push(
      `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`
    );
  (spec.conditionalFormats ?? []).forEach((c, i) => {
    tail.push(
      `<conditionalFormatting sqref="${esc(c.range)}"><cfRule type="expression" dxfId="${styles.dxf(c.style)}" priority="${i + 1}"><formula>${esc(conditionalFormula(c))}</formula></cfRule></conditionalFormatting>`
    );
  });
  tail.push(
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
  );
  if (page)
    tail.push(
      `<pageSetup paperSize="9" orientation="${page.orientation}" fitToWidth="1" fitToHeight="0"/>`
    );
  tail.push("</worksheet>");
  part.write(tail.join(""));
  return part;
}

/**
 * The formula of a conditional format's rule (an "equals text" rule compares the range's top-left
 * cell, relative, so it applies cell by cell): the same in both writers.
 */
export function conditionalFormula(c: ConditionalFormat): string {
  const r = parseRange(c.range);
  const tl = r ? a1(r.start.row, r.start.col) : "A1";
  return c.when.kind === "formula"
    ? c.when.formula.replace(/^=/, "")
    : `${tl}="${c.when.text.replace(/"/g, '""')}"`;
}

/** The spec's merges, each inside Excel's grid and none overlapping another (Excel refuses both). */
function checkedMerges(spec: SheetSpec): string[] {
  const boxes: { r0: number; c0: number; r1: number; c1: number; ref: string }[] = [];
  for (const m of spec.merges ?? []) {
    const r = parseRange(m);
    if (!r) throw new SheetXmlRefused(spec.name, m, "not a range");
    checked(spec, r.start.row, r.start.col);
    checked(spec, r.end.row, r.end.col);
    const box = {
      r0: Math.min(r.start.row, r.end.row),
      c0: Math.min(r.start.col, r.end.col),
      r1: Math.max(r.start.row, r.end.row),
      c1: Math.max(r.start.col, r.end.col),
      ref: "",
    };
    box.ref = `${a1(box.r0, box.c0)}:${a1(box.r1, box.c1)}`;
    if (box.r0 === box.r1 && box.c0 === box.c1) continue;
    const hit = boxes.find(
      (b) => b.r0 <= box.r1 && box.r0 <= b.r1 && b.c0 <= box.c1 && box.c0 <= b.c1
    );
    if (hit !== undefined)
      throw new SheetXmlRefused(spec.name, box.ref, `overlaps the merged range ${hit.ref}`);
    boxes.push(box);
  }
  return boxes.map((b) => b.ref);
}

/** <cols>: a later width for a column wins; equal neighbours are written as one range. */
function columnWidths(spec: SheetSpec): string {
  const byCol = new Map<number, number>();
  for (const w of spec.columnWidths ?? []) {
    const p = parseA1(`${w.col}1`);
    if (!p || p.col > MAX_COLS) throw new SheetXmlRefused(spec.name, w.col, "not a column");
    byCol.set(p.col, w.width);
  }
  const cols = [...byCol.keys()].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < cols.length;) {
    const start = cols[i] ?? 0;
    const width = byCol.get(start);
    let end = start;
    while (cols[i + 1] === end + 1 && byCol.get(end + 1) === width) {
      end++;
      i++;
    }
    i++;
    out.push(`<col min="${start}" max="${end}" width="${width}" customWidth="1"/>`);
  }
  return out.length === 0 ? "" : `<cols>${out.join("")}</cols>`;
}
