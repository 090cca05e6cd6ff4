/** A SheetSpec rendered onto a worksheet: every command queued on a WriteQueue, nothing synced here. */
import {
  a1,
  type CellStyle,
  type ChartSpec,
  type ConditionalFormat,
  type DataValidationRule,
  parseA1,
  parseRange,
  type SheetSpec,
  type TableSpec,
} from "../../../engine";
import { BYTES, utf8Length } from "../request-bytes";
import { officeCellInput } from "./cells";
import { WriteQueue } from "./write-queue";
import { areasFormatOf, formatOf } from "./navigation";

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
export type TableNaming = { ws: Excel.Worksheet; temp: string; name: string }[];

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
      const temp = `${t.name}_dti_tmp${nextTempId()}`;
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

let tempCounter = 0;
/** A number for a temporary name (sheets and tables), unique in this session. */
export const nextTempId = (): number => ++tempCounter;

/** Charts the add-in draws are named with this prefix, so a rewrite removes them and no user chart. */
export const CHART_PREFIX = "_dti_chart_";
let chartCounter = 0;

export function addChart(q: WriteQueue, ws: Excel.Worksheet, c: ChartSpec): void {
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

/** Column width in characters (the spec's, as in .xlsx) → points (Office). */
const widthToPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

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
export function render(
  q: WriteQueue,
  ws: Excel.Worksheet,
  spec: SheetSpec,
  naming: TableNaming
): void {
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
