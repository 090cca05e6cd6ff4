/**
 * Over 400 lines: the package's parts (workbook, relationships, shared strings, styles, markers)
 * read as ExcelJS's one load reads them, kept together so the two can be compared.
 *
 * The sparse reader: an .xlsx package read for read-only use without ExcelJS (issue 12, item 3:
 * ExcelJS builds an object per cell, 631 MB and 9 s for a 3,321-unit entry workbook). Each sheet is
 * inflated and parsed only when its grid is asked for, into the same Grid ExcelJS's path gives
 * (sparse-sheet.ts says how); the workbook part gives the sheets (name, state) in ExcelJS's order,
 * the active tab and the add-in's ownership markers (`_dti_…` defined names).
 *
 * It follows ExcelJS 4.4's reading (lib/xlsx/xlsx.js load and reconcile, lib/doc/workbook.js,
 * worksheet.js name rules, lib/xlsx/xform/book/*, style/styles-xform.js getStyleModel,
 * strings/shared-strings-xform.js) for the files the add-in, Excel and LibreOffice write. Where a
 * file goes outside what is followed here, `openSparse` (or a sheet's `grid`) throws
 * SparseUnsupported and the caller reads that file through ExcelJS instead of guessing. One
 * difference on purpose: a file whose elements carry a namespace prefix (`<x:c>`, written by some
 * tools) is read here, where ExcelJS reads no sheet of it at all.
 *
 * Call inspectXlsx (inspect.ts) first: its caps and its copy of the bytes (huge validations and
 * names taken out) are what this reads. Browser-safe (jszip, no node: imports): the add-in's import
 * of an .xlsx uses it too.
 */
import JSZip from "jszip";
import type { Grid } from "../../engine";
import { MARKER_PREFIX, markerSheet } from "../ownership";
import type { InspectedPackage, SheetText } from "./inspect";
import { isDateFormat, sheetGrid, type SharedString, type SheetContext } from "./sparse-sheet";
import { SparseUnsupported, unescapeX, XmlScanner, xmlDecodeAgain } from "./sparse-xml";

export { SparseUnsupported } from "./sparse-xml";

/** A sheet as ExcelJS lists it (workbook.worksheets): name and state ("visible" when not given). */
export interface SparseSheet {
  readonly name: string;
  readonly state: string;
}

/** ExcelJS's built-in number formats that have a format code (lib/xlsx/defaultnumformats.js). */
const DEFAULT_FORMATS: Readonly<Record<number, string>> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

interface SheetEntry extends SparseSheet {
  readonly path: string;
  readonly relsPath: string;
}

/**
 * The parts of a package: a zip as jszip read it, with the parts inspectXlsx changed or took out
 * laid over (inspect.ts InspectedPackage), so that no copy of the package is made to read it.
 */
class Parts {
  constructor(
    private readonly zip: JSZip,
    private readonly changed: ReadonlyMap<string, string> = new Map(),
    private readonly removed: ReadonlySet<string> = new Set()
  ) {}

  /** The part names (folders too), as the zip holds them with the changes laid over. */
  names(): string[] {
    const out = Object.keys(this.zip.files).filter((n) => !this.removed.has(n));
    for (const n of this.changed.keys()) if (this.zip.files[n] === undefined) out.push(n);
    return out;
  }

  /** A part's text; null when there is no such part (a leading "/" in names is ignored, as ExcelJS does). */
  async text(path: string): Promise<string | null> {
    return (await this.exact(path)) ?? this.exact(`/${path}`);
  }

  private async exact(name: string): Promise<string | null> {
    const changed = this.changed.get(name);
    if (changed !== undefined) return changed;
    if (this.removed.has(name)) return null;
    const f = this.zip.file(name);
    return f === null ? null : decoder.decode(await f.async("uint8array"));
  }
}

/** A workbook read by the sparse reader; grids are parsed on demand (not kept here). */
export class SparseBook {
  constructor(
    private zip: Parts | null,
    private readonly entries: readonly SheetEntry[],
    /** The first workbook view's activeTab (undefined when none is given). */
    readonly activeTab: number | undefined,
    /** `_dti_…` defined names (upper case) → the sheet name their one cell names (may not exist). */
    readonly markerTargets: ReadonlyMap<string, string | null>,
    private readonly shared: readonly SharedString[] | null,
    private readonly isDateStyle: ((s: number) => boolean) | null,
    private readonly date1904: boolean,
    /** Sheet texts inspectXlsx already inflated (the caller's map): each used once, then deleted. */
    private readonly texts: Map<string, SheetText>,
    /** The package inspectXlsx read, when it is what is read here (its changed sheets' texts). */
    private inspected: InspectedPackage | undefined
  ) {}

  /** Lets go of the package (the file's bytes): the sheet list stays, a grid cannot be read. */
  release(): void {
    this.zip = null;
    this.inspected = undefined;
    this.texts.clear();
  }

  get sheets(): readonly SparseSheet[] {
    return this.entries.map((e) => ({ name: e.name, state: e.state }));
  }

  /** The grid of the i-th sheet (from A1 or its first used cell, as worksheetToGrid gives it). */
  async grid(index: number): Promise<Grid> {
    const e = this.entries[index];
    if (e === undefined) throw new RangeError(`no sheet ${index}`);
    const zip = this.zip;
    if (zip === null) throw new Error("SparseBook: released, its sheets are not read again");
    const kept = this.texts.get(e.path);
    this.texts.delete(e.path);
    let xml: SheetText | string | null | undefined = kept;
    // A changed sheet read a second time: its changed text again (not the part as the zip has it).
    if (xml === undefined && this.inspected?.changedSheets.has(e.path) === true)
      xml = await this.inspected.sheetTextAgain(e.path);
    xml ??= await zip.text(e.path);
    const rels = await zip.text(e.relsPath);
    const relIds = new Set<string>();
    if (rels !== null) {
      const scan = new XmlScanner(rels);
      while (scan.next())
        if (!scan.closing() && scan.tag() === "Relationship") {
          const id = scan.attr("Id");
          if (id !== undefined) relIds.add(id);
        }
    }
    const ctx: SheetContext = {
      name: e.name,
      sharedStrings: this.shared,
      isDateStyle: this.isDateStyle,
      date1904: this.date1904,
      relIds,
    };
    return sheetGrid(xml ?? "", ctx);
  }
}

const decoder = new TextDecoder("utf-8");

/**
 * Opens a package: the package inspectXlsx read (with the sheet texts it kept), or bytes (a copy
 * inspectXlsx made, or a file); SparseUnsupported when ExcelJS must read it.
 */
export async function openSparse(
  source: Uint8Array | InspectedPackage,
  sheetTexts: Map<string, SheetText> = new Map()
): Promise<SparseBook> {
  let zip: Parts;
  if (source instanceof Uint8Array) {
    try {
      zip = new Parts(await JSZip.loadAsync(source));
    } catch {
      throw new SparseUnsupported("not a zip jszip reads");
    }
  } else zip = new Parts(source.zip, source.changed, source.removed);
  const names = new Set(zip.names().map((n) => (n.startsWith("/") ? n.slice(1) : n)));
  const workbookXml = await zip.text("xl/workbook.xml");
  if (workbookXml === null) throw new SparseUnsupported("no xl/workbook.xml");
  const prefixed = /^\s*(?:<\?[^>]*\?>\s*)?<\w+:workbook\b/.test(workbookXml);
  const rels = relationships((await zip.text("xl/_rels/workbook.xml.rels")) ?? "");
  const wb = workbookPart(workbookXml, prefixed);

  // Sheets: the rels' target must be a part ExcelJS reads as a worksheet (xlsx.js load: the entry
  // name matches xl/worksheets/sheetN.xml; workbook-xform.js reconcile: "xl/" + the target).
  const entries: SheetEntry[] = [];
  const ids = new Set<number>();
  for (const s of wb.sheets) {
    const target = s.rId === undefined ? undefined : rels.get(s.rId);
    if (target === undefined) continue;
    const path = `xl/${target.replace(/^(\s|\/xl\/)+/, "")}`;
    const m = /xl\/worksheets\/sheet(\d+)[.]xml/.exec(path);
    if (!names.has(path) || m === null) continue;
    if (!Number.isInteger(s.id) || s.id < 1 || ids.has(s.id))
      throw new SparseUnsupported("sheet ids missing or repeated");
    ids.add(s.id);
    entries.push({
      name: sheetName(s.name, entries),
      state: s.state === undefined || s.state === "" ? "visible" : s.state,
      path,
      relsPath: `xl/worksheets/_rels/sheet${m[1] ?? ""}.xml.rels`,
    });
  }
  // Print areas (workbook-xform.js reconcile decodes the first range of each).
  for (const d of wb.names)
    if (d.name === "_xlnm.Print_Area") {
      const first = d.body.split(",")[0] ?? "";
      if (!/^('(?:[^']|'')+'|[^'!]+)!\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?$/.test(first))
        throw new SparseUnsupported("a print area");
    }
  const shared = sharedStringsPart(await zip.text("xl/sharedStrings.xml"));
  const stylesXml = await zip.text("xl/styles.xml");
  return new SparseBook(
    zip,
    entries,
    wb.activeTab,
    markerTargets(wb.names),
    shared,
    stylesXml === null ? null : dateStyles(stylesXml),
    wb.date1904,
    sheetTexts,
    source instanceof Uint8Array ? undefined : source
  );
}

/** ExcelJS's worksheet name rules (worksheet.js `set name`): refused names make its load fail. */
function sheetName(raw: string | undefined, before: readonly SheetEntry[]): string {
  // sheet-xform.js decodes the name attribute again: without one, ExcelJS fails.
  if (raw === undefined) throw new SparseUnsupported("a sheet without a name");
  let name = raw;
  if (name === "" || name === "History" || /[*?:/\\[\]]/.test(name) || /(^')|('$)/.test(name))
    throw new SparseUnsupported("a sheet name ExcelJS refuses");
  if (name.length > 31) name = name.substring(0, 31);
  if (before.some((e) => e.name.toLowerCase() === name.toLowerCase()))
    throw new SparseUnsupported("two sheets with the same name");
  return name;
}

/** Relationship id → target. */
function relationships(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  const scan = new XmlScanner(xml);
  while (scan.next()) {
    if (scan.closing() || scan.tag() !== "Relationship") continue;
    const id = scan.attr("Id");
    const target = scan.attr("Target");
    if (id !== undefined && target !== undefined) out.set(id, target);
  }
  return out;
}

interface WorkbookPart {
  readonly sheets: {
    readonly name: string | undefined;
    readonly id: number;
    readonly state: string | undefined;
    readonly rId: string | undefined;
  }[];
  readonly names: { readonly name: string; readonly body: string }[];
  readonly activeTab: number | undefined;
  readonly date1904: boolean;
}

function workbookPart(xml: string, prefixed: boolean): WorkbookPart {
  const out: WorkbookPart = { sheets: [], names: [], activeTab: undefined, date1904: false };
  let activeTab: number | undefined;
  let date1904 = false;
  let views = 0;
  const scan = new XmlScanner(xml);
  while (scan.next()) {
    if (scan.closing()) continue;
    switch (scan.tag()) {
      case "workbookPr":
        // workbook-properties-xform.js: only "1" means the 1904 system.
        date1904 = scan.attr("date1904") === "1";
        break;
      case "workbookView":
        if (views++ === 0) {
          const t = scan.attr("activeTab");
          activeTab = t === undefined ? undefined : parseInt(t, 10);
        }
        break;
      case "sheet": {
        let rId = scan.attr("r:id");
        // A prefixed file may name the relationships namespace otherwise (ns1:id...).
        if (rId === undefined && prefixed) rId = /\s[\w.-]+:id="([^"]*)"/.exec(scan.rawTag())?.[1];
        const name = scan.attr("name");
        const id = scan.attr("sheetId");
        out.sheets.push({
          // sheet-xform.js decodes the (already decoded) name a second time.
          name: name === undefined ? undefined : xmlDecodeAgain(name),
          id: id === undefined ? Number.NaN : parseInt(id, 10),
          state: scan.attr("state"),
          rId,
        });
        break;
      }
      case "definedName": {
        const name = scan.attr("name") ?? "";
        out.names.push({ name, body: scan.selfClosing() ? "" : scan.text() });
        break;
      }
    }
  }
  return { ...out, activeTab, date1904 };
}

/**
 * The ownership markers ExcelJS's defined names give (doc/defined-names.js: a name's cells, joined
 * back into ranges): for the single-cell absolute reference the add-in writes, the sheet it names.
 * Any other `_dti_…` name (two ranges, a relative or broken reference, the same name twice) is
 * left to ExcelJS.
 */
function markerTargets(
  names: readonly { readonly name: string; readonly body: string }[]
): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const d of names) {
    const key = d.name.toUpperCase();
    if (!key.startsWith(MARKER_PREFIX.toUpperCase())) continue;
    if (out.has(key)) throw new SparseUnsupported("a marker name given twice");
    if (!/^(?:'(?:[^']|'')+'|[A-Za-z0-9_.]+)!\$[A-Z]{1,3}\$[1-9]\d*$/.test(d.body))
      throw new SparseUnsupported("a marker that is not one cell");
    out.set(key, markerSheet(d.body));
  }
  return out;
}

/** Shared strings (shared-strings-xform.js, shared-string-xform.js, rich-text-xform.js, text-xform.js). */
function sharedStringsPart(xml: string | null): SharedString[] | null {
  if (xml === null) return null;
  const out: SharedString[] = [];
  const scan = new XmlScanner(xml);
  while (scan.next()) {
    if (scan.closing()) continue;
    const tag = scan.tag();
    if (tag === "sst") continue;
    if (tag !== "si") throw new SparseUnsupported(`<${tag}> in the shared strings`);
    let model: SharedString = {};
    if (!scan.selfClosing())
      while (scan.next()) {
        const n = scan.tag();
        if (scan.closing()) {
          if (n === "si") break;
          continue;
        }
        if (n === "t") {
          model = scan.selfClosing() ? "" : unescapeX(scan.text());
        } else if (n === "rPh") {
          scan.skipElement();
        } else if (n === "r") {
          if (typeof model === "string") throw new SparseUnsupported("text before rich text");
          const run: { text?: string } = {};
          if (!scan.selfClosing())
            while (scan.next()) {
              if (scan.closing()) {
                if (scan.tag() === "r") break;
                continue;
              }
              if (scan.tag() === "t") run.text = scan.selfClosing() ? "" : unescapeX(scan.text());
            }
          const runs: { text?: string }[] =
            "richText" in model ? (model.richText as { text?: string }[]) : [];
          runs.push(run);
          model = { richText: runs };
        }
      }
    out.push(model);
  }
  return out;
}

/**
 * Which cell styles carry a date format, as ExcelJS decides (styles-xform.js getStyleModel: the
 * cellXfs entry's numFmtId, its custom code or the built-in one; utils.isDateFmt on that code).
 */
function dateStyles(xml: string): (s: number) => boolean {
  const custom = new Map<number, string>();
  const xfs: { numFmtId: number; parts: [number, number, number] }[] = [];
  /** Entries of the fonts, fills and borders lists: getStyleModel indexes them, failing on a missing list. */
  const lists = { font: 0, fill: 0, border: 0 };
  const scan = new XmlScanner(xml);
  let inXfs = false;
  let inList: keyof typeof lists | null = null;
  while (scan.next()) {
    const tag = scan.tag();
    if (scan.closing()) {
      if (tag === "cellXfs") inXfs = false;
      if (tag === "fonts" || tag === "fills" || tag === "borders") inList = null;
      continue;
    }
    if (tag === "cellXfs") inXfs = !scan.selfClosing();
    else if (tag === "fonts" || tag === "fills" || tag === "borders")
      inList = scan.selfClosing() ? null : (tag.slice(0, -1) as keyof typeof lists);
    else if (inList !== null && tag === inList) lists[inList]++;
    else if (tag === "numFmt") {
      const code = scan.attr("formatCode");
      if (code === undefined) throw new SparseUnsupported("a number format without code");
      custom.set(parseInt(scan.attr("numFmtId") ?? "", 10), code.replace(/[\\](.)/g, "$1"));
    } else if (tag === "xf" && inXfs) {
      const n = (a: string): number => parseInt(scan.attr(a) ?? "", 10);
      xfs.push({ numFmtId: n("numFmtId"), parts: [n("fontId"), n("fillId"), n("borderId")] });
    }
  }
  const memo = new Map<number, boolean>();
  return (s) => {
    const known = memo.get(s);
    if (known !== undefined) return known;
    // ExcelJS keeps no styles list without a cellXfs entry, and fails on the first styled cell.
    if (xfs.length === 0) throw new SparseUnsupported("styled cells without cell formats");
    const xf = xfs[s];
    if (xf === undefined) {
      memo.set(s, false);
      return false;
    }
    const [font, fill, border] = xf.parts;
    if (
      (!Number.isNaN(font) && lists.font === 0) ||
      (!Number.isNaN(fill) && lists.fill === 0) ||
      (!Number.isNaN(border) && lists.border === 0)
    )
      throw new SparseUnsupported("a cell format whose font, fill or border list is missing");
    const id = xf.numFmtId;
    const fmt = id ? custom.get(id) || DEFAULT_FORMATS[id] : undefined;
    const date = isDateFormat(fmt);
    memo.set(s, date);
    return date;
  };
}
