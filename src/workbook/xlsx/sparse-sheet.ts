/**
 * Over 400 lines: ExcelJS's cell rules, followed step by step in one pass, read best in one place.
 *
 * One worksheet part → its Grid, without ExcelJS: the sparse reader's hot path (sparse-read.ts).
 * The rules are ExcelJS 4.4's, followed step by step so the grid is the one `worksheetToGrid`
 * (read-grid.ts) builds from ExcelJS's cells:
 *   - a cell's first type (lib/xlsx/xform/sheet/cell-xform.js parseClose): a formula when it has
 *     formula text or a `t` on <f>; its cached result by the cell's `t` (str: decoded twice, b, e,
 *     else parseFloat); otherwise s / str / inlineStr / b / e / number; no value: a style-only cell
 *     (s ≠ 0) is kept empty, a bare one is dropped (row.js model setter skips "Merge" cells);
 *   - reconcile (cell-xform.js reconcile): shared strings by index, numbers (and formula results)
 *     under a date format become dates (utils.isDateFmt, utils.excelToDate, 1904 system), shared
 *     formula masters registered per sheet, their children given the master's address; a cell
 *     with a hyperlink (r:id) becomes its text;
 *   - a shared formula child's formula is the master's slid to the child (utils/shared-formula.js);
 *   - merges (worksheet.js _mergeCellsInternal) empty every cell but the top-left one;
 *   - hidden rows from <row hidden>, hidden columns from <col min max hidden> (column.js fromModel).
 * Whatever ExcelJS would fail on or do in a way not followed here (rows or cells out of order, a
 * cell outside its row, overlapping merges...) is a SparseUnsupported: that file is read through
 * ExcelJS. Browser-safe.
 */
import type { CellValue, Grid } from "../../engine";
import { buildGrid, dateText, noCells, type MergeBox } from "./grid-build";
import type { SheetPieces } from "./sheet-pieces";
import {
  detached,
  parseBool,
  SparseUnsupported,
  unescapeX,
  XmlScanner,
  xmlDecodeAgain,
} from "./sparse-xml";

/** A shared string: text, or rich text runs, or `{}` for an empty <si/> (ExcelJS reads it as nothing). */
export type SharedString =
  | string
  | { readonly richText: readonly { readonly text?: string }[] }
  | Readonly<Record<string, never>>;

/** What a sheet's cells need from the rest of the package. */
export interface SheetContext {
  readonly name: string;
  /** Null when the package has no xl/sharedStrings.xml. */
  readonly sharedStrings: readonly SharedString[] | null;
  /** Whether cell style `s` (a cellXfs index) has a date number format; null without xl/styles.xml. */
  readonly isDateStyle: ((s: number) => boolean) | null;
  readonly date1904: boolean;
  /** The sheet's relationship ids (its _rels part), to check hyperlinks' r:id. */
  readonly relIds: ReadonlySet<string>;
}

const unsupported = (ctx: SheetContext, why: string): SparseUnsupported =>
  new SparseUnsupported(`sheet "${ctx.name}": ${why}`);

/** ExcelJS's utils.isDateFmt. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return /[ymdhMsb]+/.test(f);
}

/** ExcelJS's utils.excelToDate (its argument coerced to a number as JavaScript's "-" does). */
function excelToDate(v: unknown, date1904: boolean): Date {
  const n = typeof v === "number" ? v : typeof v === "object" ? Number.NaN : Number(v);
  return new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** "AB12" → column 28, row 12 (ExcelJS's colCache for the plain form); null otherwise. */
function decodeRef(ref: string): { row: number; col: number } | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  if (i === 0 || i > 3 || i === ref.length || col > 16384) return null;
  let row = 0;
  for (let j = i; j < ref.length; j++) {
    const c = ref.charCodeAt(j);
    if (c < 48 || c > 57) return null;
    row = row * 10 + c - 48;
  }
  return row >= 1 ? { row, col } : null;
}

/** Column number → letters (ExcelJS's colCache.n2l, which throws outside 1..16384). */
function letters(n: number): string | null {
  if (n < 1 || n > 16384) return null;
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

const lettersToCol = (l: string): number => {
  let n = 0;
  for (let i = 0; i < l.length; i++) n = n * 26 + l.charCodeAt(i) - 64;
  return n;
};

/** ExcelJS's slideFormula (lib/utils/shared-formula.js): relative references moved by the offset. */
export function slideFormula(
  formula: string,
  from: { row: number; col: number },
  to: { row: number; col: number }
): string | null {
  let failed = false;
  const out = formula.replace(
    /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi,
    (refMatch: string, sheet: string | undefined, _s: unknown, addr: string, paren?: string) => {
      if (paren) return refMatch;
      const m = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i.exec(addr);
      if (!m) return refMatch;
      const colDollar = m[1] ?? "";
      const colStr = (m[2] ?? "").toUpperCase();
      const rowDollar = m[3] ?? "";
      if (colStr.length > 3 || (colStr.length === 3 && colStr > "XFD")) return refMatch;
      let col = lettersToCol(colStr);
      let row = parseInt(m[4] ?? "", 10);
      if (!colDollar) col += to.col - from.col;
      if (!rowDollar) row += to.row - from.row;
      const l = letters(col);
      if (l === null) {
        failed = true; // ExcelJS throws here
        return refMatch;
      }
      return (sheet ?? "") + colDollar + l + rowDollar + String(row);
    }
  );
  return failed ? null : out;
}

type Rich = { richText: { text?: string }[] };
type Raw = string | Rich | undefined;
const isRich = (v: unknown): v is Rich => typeof v === "object" && v !== null && "richText" in v;

/** ExcelJS's toCellValue over a value read from a file (read-grid.ts), for the kinds a file gives. */
function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return dateText(v);
  if (typeof v === "object") {
    if ("error" in v) return typeof v.error === "string" ? { error: v.error } : null;
    if (isRich(v)) return v.richText.map((r) => r.text).join("");
  }
  return null;
}

/** A formula cell's grid value from its cached result (read-grid.ts formulaResult). */
function resultValue(r: unknown): CellValue {
  if (r) {
    const v = plainValue(r);
    if (v !== null) return v;
  }
  if (typeof r === "number" || typeof r === "boolean") return r;
  if (typeof r === "string") return r === "" ? null : r;
  return null;
}

/** A hyperlinked cell's grid value: its text when that is a string or rich text (toCellValue's `text`). */
function hyperlinkText(text: unknown): CellValue {
  if (typeof text === "string") return text;
  if (isRich(text)) return text.richText.map((r) => r.text).join("");
  return null;
}

/** A cell as parsed, before merges and shared formulas are resolved. */
interface PendingChild {
  readonly index: number;
  readonly master: string;
  readonly at: { row: number; col: number };
}

/**
 * Parses one worksheet part into the grid ExcelJS's path gives (see the top of this file): its
 * text, or its pieces (read one at a time, sheet-pieces.ts).
 */
export function sheetGrid(xml: string | SheetPieces, ctx: SheetContext): Grid {
  // Hyperlinks first: ExcelJS reconciles cells after the whole part is read.
  const linked = new Set<string>();
  if (typeof xml === "string" ? xml.includes("hyperlink") : xml.includesAscii("hyperlink")) {
    const scan = new XmlScanner(xml);
    while (scan.next()) {
      if (scan.closing() || scan.tag() !== "hyperlink") continue;
      const id = scan.attr("r:id");
      if (id === undefined) continue;
      if (!ctx.relIds.has(id)) throw unsupported(ctx, "a hyperlink without its relationship");
      const ref = scan.attr("ref");
      if (ref !== undefined) linked.add(ref);
    }
  }
  const used = noCells();
  const hiddenRows: number[] = [];
  const cols: { min: number; max: number; hidden: boolean }[] = [];
  const mergeRefs: string[] = [];
  /** Shared formula masters of this sheet: si → master address (cell-xform reconcile, per sheet). */
  const masters = new Map<string, string>();
  /** Each master's own formula text, by address (what a child slides; none once hyperlinked). */
  const masterFormula = new Map<string, string | undefined>();
  const children: PendingChild[] = [];
  let stylesUsedWithoutPart = false;

  const scan = new XmlScanner(xml);
  let lastRow = 0;
  let inSheetData = false;
  while (scan.next()) {
    const name = scan.tag();
    if (scan.closing()) {
      if (name === "sheetData") inSheetData = false;
      continue;
    }
    if (name === "sheetData") {
      inSheetData = !scan.selfClosing();
      continue;
    }
    if (name === "mergeCell") {
      const ref = scan.attr("ref");
      if (ref === undefined) throw unsupported(ctx, "a merge without ref");
      mergeRefs.push(ref);
      continue;
    }
    if (name === "col") {
      const min = parseInt(scan.attr("min") ?? "0", 10);
      const max = parseInt(scan.attr("max") ?? "0", 10);
      if (Number.isNaN(min) || Number.isNaN(max)) throw unsupported(ctx, "a column range");
      cols.push({ min, max, hidden: parseBool(scan.attr("hidden")) });
      continue;
    }
    if (!inSheetData || name !== "row") continue;
    const rowNumber = parseInt(scan.attr("r") ?? "", 10);
    if (!(rowNumber > lastRow)) throw unsupported(ctx, "rows without r or out of order");
    lastRow = rowNumber;
    if (parseBool(scan.attr("hidden"))) hiddenRows.push(rowNumber);
    // row-xform.js reconcile looks a row's style up (and fails without xl/styles.xml).
    const rowStyle = parseInt(scan.attr("s") ?? "", 10);
    if (rowStyle) {
      if (ctx.isDateStyle === null) stylesUsedWithoutPart = true;
      else ctx.isDateStyle(rowStyle);
    }
    if (scan.selfClosing()) continue;
    let prevCol = 0; // the last cell made in this row (row.js: a <c> without r is the next column)
    let lastCol = 0;
    while (scan.next()) {
      if (scan.closing()) {
        if (scan.tag() === "row") break;
        continue;
      }
      if (scan.tag() !== "c") continue;
      // ------------------------------------------------------------------ one cell
      const r = scan.attr("r");
      const t = scan.attr("t");
      const sAttr = scan.attr("s");
      const styleId = sAttr === undefined ? 0 : parseInt(sAttr, 10);
      let formula: string | undefined;
      let shareType: string | undefined;
      let si: string | undefined;
      let ref: string | undefined;
      let raw: Raw;
      if (!scan.selfClosing()) {
        while (scan.next()) {
          const n = scan.tag();
          if (scan.closing()) {
            if (n === "c") break;
            continue;
          }
          if (n === "f") {
            shareType = scan.attr("t");
            si = scan.attr("si");
            ref = scan.attr("ref");
            if (!scan.selfClosing()) {
              const text = scan.text();
              if (text !== "") formula = formula ? formula + text : text;
            }
          } else if (n === "v" || n === "t") {
            if (!scan.selfClosing()) {
              const text = scan.text();
              if (text !== "" && !isRich(raw)) raw = raw ? raw + text : text;
            }
          } else if (n === "r") {
            if (typeof raw === "string") throw unsupported(ctx, "text before rich text");
            const run: { text?: string } = {};
            if (!scan.selfClosing())
              while (scan.next()) {
                if (scan.closing()) {
                  if (scan.tag() === "r") break;
                  continue;
                }
                if (scan.tag() === "t") run.text = scan.selfClosing() ? "" : unescapeX(scan.text());
              }
            raw ??= { richText: [] };
            raw.richText.push(run);
          }
        }
      }
      // The cell's address (row.js model setter).
      const isFormula = !!formula || !!shareType;
      const made =
        isFormula || raw !== undefined || !!styleId || (r !== undefined && linked.has(r));
      if (!made) continue;
      let col: number;
      if (r !== undefined) {
        const p = decodeRef(r);
        if (p === null || p.row !== rowNumber) throw unsupported(ctx, `the cell reference "${r}"`);
        col = p.col;
      } else {
        if (prevCol === 0 || isFormula) throw unsupported(ctx, "a cell without r");
        col = prevCol + 1;
      }
      if (col <= lastCol) throw unsupported(ctx, "cells out of order");
      lastCol = col;
      prevCol = col;
      const dateStyled = !!styleId && ctx.isDateStyle !== null && ctx.isDateStyle(styleId);
      const link = r !== undefined && linked.has(r);
      let value: CellValue = null;
      let formulaText: string | null = null;
      let pendingChild = false;
      if (isFormula) {
        if (isRich(raw)) throw unsupported(ctx, "rich text in a formula cell");
        let result: unknown;
        if (raw) {
          if (t === "str") result = xmlDecodeAgain(raw);
          else if (t === "b") result = parseInt(raw, 10) !== 0;
          else if (t === "e") result = { error: raw };
          else result = parseFloat(raw);
        }
        if (result !== undefined && dateStyled) result = excelToDate(result, ctx.date1904);
        // Shared formulas are registered before a hyperlink takes the cell's formula away.
        let child: string | undefined;
        if (shareType === "shared") {
          if (ref) {
            masters.set(String(si), r ?? "");
            masterFormula.set(r ?? "", link ? undefined : formula);
          } else child = masters.get(String(si));
        }
        if (link) {
          value = hyperlinkText(result);
        } else {
          if (formula) {
            formulaText = `=${formula}`;
            value = resultValue(result);
          } else if (child !== undefined) {
            // Resolved once merges are known (the master may be emptied by one).
            children.push({ index: used.rowOf.length, master: child, at: { row: rowNumber, col } });
            pendingChild = true;
            value = resultValue(result);
          }
        }
      } else if (raw !== undefined) {
        let v: unknown;
        switch (t) {
          case "s": {
            if (ctx.sharedStrings === null)
              throw unsupported(ctx, "a shared string without the part");
            const s = ctx.sharedStrings[parseInt(typeof raw === "string" ? raw : "", 10)];
            if (s === undefined) throw unsupported(ctx, "a shared string index out of range");
            v = s;
            break;
          }
          case "str":
            if (isRich(raw)) throw unsupported(ctx, "rich text in a str cell");
            v = xmlDecodeAgain(raw);
            break;
          case "inlineStr":
            v = raw;
            break;
          case "b":
            v = parseInt(typeof raw === "string" ? raw : "", 10) !== 0;
            break;
          case "e":
            v = { error: raw };
            break;
          default: {
            const n = parseFloat(typeof raw === "string" ? raw : "");
            v = dateStyled ? excelToDate(n, ctx.date1904) : n;
          }
        }
        value = link ? hyperlinkText(v) : plainValue(v);
      }
      if (value === null && formulaText === null && !pendingChild) continue;
      used.rowOf.push(rowNumber);
      used.colOf.push(col);
      // Texts kept in the grid are copies: a slice of the sheet's text keeps all of it alive.
      used.valueOf.push(
        typeof value === "string"
          ? detached(value)
          : value !== null && typeof value === "object"
            ? { error: detached(value.error) }
            : value
      );
      used.formulaOf.push(formulaText === null ? null : detached(formulaText));
    }
  }
  if (stylesUsedWithoutPart) throw unsupported(ctx, "styles without xl/styles.xml");
  return finish(ctx, used, mergeRefs, cols, hiddenRows, masterFormula, children);
}

/** Merges, shared formula children and the dense grid (worksheet.js, read-grid.ts). */
function finish(
  ctx: SheetContext,
  used: ReturnType<typeof noCells>,
  mergeRefs: readonly string[],
  cols: readonly { min: number; max: number; hidden: boolean }[],
  hiddenRows: readonly number[],
  masterFormula: ReadonlyMap<string, string | undefined>,
  children: readonly PendingChild[]
): Grid {
  // Merges: overlapping ones make ExcelJS throw ("Cannot merge already merged cells").
  const boxes: (MergeBox & { firstRow: number; firstCol: number })[] = [];
  const covered = new Set<number>();
  const slave = new Set<number>();
  const key = (row: number, col: number): number => row * 16385 + col;
  for (const m of mergeRefs) {
    const [a = "", b = a, extra] = m.split(":");
    const p = decodeRef(a);
    const q = decodeRef(b);
    if (p === null || q === null || extra !== undefined) throw unsupported(ctx, `the merge "${m}"`);
    const top = Math.min(p.row, q.row);
    const left = Math.min(p.col, q.col);
    const bottom = Math.max(p.row, q.row);
    const right = Math.max(p.col, q.col);
    for (let row = top; row <= bottom; row++)
      for (let col = left; col <= right; col++) {
        const k = key(row, col);
        if (covered.has(k)) throw unsupported(ctx, "overlapping merges");
        covered.add(k);
        if (row !== top || col !== left) slave.add(k);
      }
    if (bottom === top && right === left) continue;
    const firstRow = right > left ? top : top + 1;
    const firstCol = right > left ? left + 1 : left;
    boxes.push({ row: top, col: left, endRow: bottom, endCol: right, firstRow, firstCol });
  }
  boxes.sort((x, y) => x.firstRow - y.firstRow || x.firstCol - y.firstCol);
  // Shared formula children: the master's formula slid to the child.
  for (const c of children) {
    const master = decodeRef(c.master);
    const text = masterFormula.get(c.master);
    if (master === null || !text || slave.has(key(master.row, master.col)))
      throw unsupported(ctx, "a shared formula whose master cannot be read");
    const slid = slideFormula(text, master, c.at);
    if (slid === null) throw unsupported(ctx, "a shared formula sliding off the sheet");
    used.formulaOf[c.index] = detached(`=${slid}`);
  }
  // Cells emptied by a merge, and cells left with nothing (a child whose result is empty stays).
  let maxRow = 0;
  let maxCol = 0;
  let w = 0;
  const { rowOf, colOf, valueOf, formulaOf } = used;
  for (let i = 0; i < rowOf.length; i++) {
    const row = rowOf[i] ?? 0;
    const col = colOf[i] ?? 0;
    if (slave.size > 0 && slave.has(key(row, col))) continue;
    if ((valueOf[i] ?? null) === null && (formulaOf[i] ?? null) === null) continue;
    rowOf[w] = row;
    colOf[w] = col;
    valueOf[w] = valueOf[i] ?? null;
    formulaOf[w] = formulaOf[i] ?? null;
    w++;
    if (row > maxRow) maxRow = row;
    if (col > maxCol) maxCol = col;
  }
  rowOf.length = w;
  colOf.length = w;
  valueOf.length = w;
  formulaOf.length = w;
  for (const b of boxes) {
    if (b.endRow > maxRow) maxRow = b.endRow;
    if (b.endCol > maxCol) maxCol = b.endCol;
  }
  // Hidden columns as column.js fromModel assigns them: ranges by min, a column to its first range.
  const hiddenCol = columnsHidden(cols);
  return buildGrid(ctx.name, used, boxes, maxRow, maxCol, hiddenRows, hiddenCol);
}

function columnsHidden(
  cols: readonly { min: number; max: number; hidden: boolean }[]
): (col: number) => boolean {
  const sorted = [...cols].sort((a, b) => a.min - b.min);
  const hidden: [number, number][] = [];
  let count = 1;
  for (const c of sorted) {
    if (count < c.min) count = c.min;
    if (count <= c.max) {
      if (c.hidden) hidden.push([count, c.max]);
      count = c.max + 1;
    }
  }
  return (col) => hidden.some(([a, b]) => col >= a && col <= b);
}
