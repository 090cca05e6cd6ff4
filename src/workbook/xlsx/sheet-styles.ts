/**
 * The cell styles and dxfs of the sheets sheet-xml.ts writes, as a styles part of their own (ECMA-376
 * Part 1, 18.8 styles), mapped from spec styles as render's `toExcelStyle` has ExcelJS map them.
 */
import type { CellStyle, ConditionalFormat } from "../../engine";

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** Text for an element or attribute: escaped, the characters XML 1.0 cannot hold dropped. */
export function esc(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let rep: string | null = null;
    if (c === 38) rep = "&amp;";
    else if (c === 60) rep = "&lt;";
    else if (c === 62) rep = "&gt;";
    else if (c === 34) rep = "&quot;";
    else if (c === 127 || (c <= 31 && c !== 9 && c !== 10 && c !== 13)) rep = "";
    if (rep === null) continue;
    out += text.slice(from, i) + rep;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** "#RRGGBB" → "FFRRGGBB" (opaque ARGB, as SpreadsheetML and ExcelJS write colours). */
export const argb = (hex: string): string => `FF${hex.replace(/^#/, "").toUpperCase()}`;

/**
 * Built-in number formats (ECMA-376 Part 1, 18.8.30 numFmt): a code among them is written by its id,
 * as ExcelJS does (lib/xlsx/defaultnumformats.js); other codes get ids from 164.
 */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "# ?/?": 12,
  "# ??/??": 13,
  "mm-dd-yy": 14,
  "d-mmm-yy": 15,
  "d-mmm": 16,
  "mmm-yy": 17,
  "h:mm AM/PM": 18,
  "h:mm:ss AM/PM": 19,
  "h:mm": 20,
  "h:mm:ss": 21,
  'm/d/yy "h":mm': 22,
  "#,##0 ;(#,##0)": 37,
  "#,##0 ;[Red](#,##0)": 38,
  "#,##0.00 ;(#,##0.00)": 39,
  "#,##0.00 ;[Red](#,##0.00)": 40,
  "mm:ss": 45,
  "[h]:mm:ss": 46,
  "mmss.0": 47,
  "##0.0E+0": 48,
  "@": 49,
};

const THIN = '<color rgb="FF808080"/>';

/**
 * The cell styles and dxfs of the sheets written, as a styles part of their own whose lists start
 * like ExcelJS's (default font, the two required fills, an empty border): splice.ts `mergeStyles`
 * appends them to another styles part. Cell style `i` is written as `xfBase + i`, dxf `d` as
 * `dxfBase + d`, the counts of the styles part they will be appended to.
 */
export class SheetStyles {
  private readonly fonts: string[] = [
    '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
  ];
  private readonly fills: string[] = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private readonly borders: string[] = [
    "<border><left/><right/><top/><bottom/><diagonal/></border>",
  ];
  private readonly formats: string[] = [];
  private readonly xfs: string[] = [];
  private readonly dxfs: string[] = [];
  private readonly index = new Map<string, number>();
  /** xf() by style object: the composed styles of a sheet are few objects shared by many cells. */
  private readonly byObject = new WeakMap<CellStyle, number>();
  private readonly known = new Map<readonly string[], Map<string, number>>();

  constructor(
    readonly xfBase: number,
    readonly dxfBase: number
  ) {}

  /** The index of `xml` in `list`, added when new. */
  private part(list: string[], xml: string): number {
    let seen = this.known.get(list);
    if (seen === undefined) {
      seen = new Map(list.map((x, i) => [x, i]));
      this.known.set(list, seen);
    }
    const at = seen.get(xml);
    if (at !== undefined) return at;
    list.push(xml);
    seen.set(xml, list.length - 1);
    return list.length - 1;
  }

  private formatId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const codes = this.known.get(this.formats);
    const at = codes?.get(code);
    if (at !== undefined) return 164 + at;
    this.formats.push(
      `<numFmt numFmtId="${164 + this.formats.length}" formatCode="${esc(code)}"/>`
    );
    if (codes === undefined) this.known.set(this.formats, new Map([[code, 0]]));
    else codes.set(code, this.formats.length - 1);
    return 164 + this.formats.length - 1;
  }

  /** The cell style index to write for a composed spec style (as render's toExcelStyle maps it). */
  xf(s: CellStyle): number {
    const same = this.byObject.get(s);
    if (same !== undefined) return same;
    const at = this.xfOf(s);
    this.byObject.set(s, at);
    return at;
  }

  private xfOf(s: CellStyle): number {
    const key = styleKey(s);
    const known = this.index.get(key);
    if (known !== undefined) return this.xfBase + known;
    let fontId = 0;
    if (
      s.bold !== undefined ||
      s.italic !== undefined ||
      s.fontSize !== undefined ||
      s.fontColor !== undefined
    )
      fontId = this.part(
        this.fonts,
        `<font>${s.bold === true ? "<b/>" : ""}${s.italic === true ? "<i/>" : ""}${
          s.fontColor !== undefined ? `<color rgb="${argb(s.fontColor)}"/>` : ""
        }${s.fontSize !== undefined ? `<sz val="${s.fontSize}"/>` : ""}</font>`
      );
    const fillId =
      s.fill === undefined
        ? 0
        : this.part(
            this.fills,
            `<fill><patternFill patternType="solid"><fgColor rgb="${argb(s.fill)}"/></patternFill></fill>`
          );
    const borderId =
      s.border === "thin"
        ? this.part(
            this.borders,
            `<border><left style="thin">${THIN}</left><right style="thin">${THIN}</right><top style="thin">${THIN}</top><bottom style="thin">${THIN}</bottom><diagonal/></border>`
          )
        : s.border === "band"
          ? this.part(
              this.borders,
              `<border><left/><right/><top style="thin">${THIN}</top><bottom style="thin">${THIN}</bottom><diagonal/></border>`
            )
          : 0;
    const numFmtId = s.numberFormat === undefined ? 0 : this.formatId(s.numberFormat);
    const aligned = s.align !== undefined || s.wrap !== undefined;
    const horizontal =
      s.align === undefined ? "" : s.align === "centerAcross" ? "centerContinuous" : s.align;
    const alignment = aligned
      ? `<alignment${horizontal !== "" ? ` horizontal="${horizontal}"` : ""} vertical="center"${
          s.wrap === true ? ' wrapText="1"' : ""
        }/>`
      : "";
    const protection = s.locked !== undefined ? `<protection locked="${s.locked ? 1 : 0}"/>` : "";
    const applies =
      (numFmtId !== 0 ? ' applyNumberFormat="1"' : "") +
      (fontId !== 0 ? ' applyFont="1"' : "") +
      (fillId !== 0 ? ' applyFill="1"' : "") +
      (borderId !== 0 ? ' applyBorder="1"' : "") +
      (aligned ? ' applyAlignment="1"' : "") +
      (protection !== "" ? ' applyProtection="1"' : "");
    this.xfs.push(
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}${
        alignment + protection === "" ? "/>" : `>${alignment}${protection}</xf>`
      }`
    );
    this.index.set(key, this.xfs.length - 1);
    return this.xfBase + this.xfs.length - 1;
  }

  /** Whether any cell style or dxf was asked for (else there is nothing to append). */
  get used(): boolean {
    return this.xfs.length > 0 || this.dxfs.length > 0;
  }

  /** The dxf index to write for a conditional format's style (one each, as ExcelJS writes them). */
  dxf(s: ConditionalFormat["style"]): number {
    const font =
      s.fontColor !== undefined || s.bold !== undefined || s.italic !== undefined
        ? `<font>${s.bold === true ? "<b/>" : ""}${s.italic === true ? "<i/>" : ""}${
            s.fontColor !== undefined ? `<color rgb="${argb(s.fontColor)}"/>` : ""
          }</font>`
        : "";
    const fill =
      s.fill !== undefined
        ? `<fill><patternFill patternType="solid"><bgColor rgb="${argb(s.fill)}"/></patternFill></fill>`
        : "";
    this.dxfs.push(`<dxf>${font}${fill}</dxf>`);
    return this.dxfBase + this.dxfs.length - 1;
  }

  /** The styles part holding these lists (splice.ts mergeStyles reads it as ExcelJS's). */
  xml(): string {
    const list = (name: string, items: readonly string[]): string =>
      items.length === 0 ? "" : `<${name} count="${items.length}">${items.join("")}</${name}>`;
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}">` +
      list("numFmts", this.formats) +
      list("fonts", this.fonts) +
      list("fills", this.fills) +
      list("borders", this.borders) +
      list("cellXfs", this.xfs) +
      list("dxfs", this.dxfs) +
      "</styleSheet>"
    );
  }
}

const STYLE_KEYS = [
  "bold",
  "italic",
  "fontSize",
  "fill",
  "fontColor",
  "align",
  "wrap",
  "border",
  "numberFormat",
  "locked",
] as const;

function styleKey(s: CellStyle): string {
  let key = "";
  for (const k of STYLE_KEYS) {
    const v = s[k];
    if (v !== undefined) key += `${k}=${String(v)};`;
  }
  return key;
}
