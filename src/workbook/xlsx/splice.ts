/**
 * Over 400 lines: the two halves of one job (the reduced package for ExcelJS, the copy spliced back),
 * which share the package model below.
 *
 * The `dti rank --out` copy of a user's workbook, written without ExcelJS ever holding the user's
 * sheets (issue 12, item 3: a 3,321-unit entry workbook under 1 GB; issue 14: read once, at most
 * LibreOffice's time and memory).
 *
 * 1. `reducedPackage`: the user's package with only the sheets the add-in will write (the sheets
 *    named like its specs, and its "_dti" registry) and what they refer to. ExcelJS loads that, the
 *    adapter's apply renders the specs into it as usual (ownership, edit checks and the all-or-
 *    nothing undo unchanged), and ExcelJS writes it uncompressed.
 * 2. `spliceCopy`: the user's package again, every part still compressed as it was (zip-parts.ts
 *    `ZipParts.lazy`), with the sheets ExcelJS wrote put in: a rewritten sheet takes the place (and
 *    sheetId) of the one it replaces, a new sheet goes last, a sheet the apply removed goes. Their
 *    cell styles are added to the user's styles.xml (cellXfs, fonts, fills, borders, number formats
 *    and the dxfs of conditional formats, indices shifted), their strings are written inline
 *    (`t="inlineStr"`, ECMA-376 Part 1, 18.3.1.4 c and 18.3.1.53 is) so the user's shared strings
 *    stay as they are, and the defined names of those sheets (ownership markers, print titles and
 *    areas) replace the old ones with their localSheetId renumbered. calcChain.xml goes when a sheet
 *    with formulas is replaced (it is only a cache: Part 1, 18.6; Excel rebuilds it).
 * Everything else of the user's workbook (their sheets, charts, pivot tables, slicers, comments,
 * links, custom XML) is the original bytes. What this cannot splice (zip64, macros, a workbook part
 * that is not where the rels say) is refused with SpliceUnsupported, and the caller writes the copy
 * the older way (ExcelJS whole, carry.ts).
 */
import { CELL_TEXT_LIMIT, fitCellText } from "../../engine";
import { sameSheetName, MARKER_PREFIX, markerSheet } from "../ownership";
import { attr, resolveTarget, unescapeXml } from "./inspect";
import { extOf, relativeTarget, relsPathOf } from "./carry";
import { ZipParts } from "./zip-parts";
import type { SheetSpec } from "../../engine";
import { SheetStyles } from "./sheet-styles";
import { sheetXml } from "./sheet-xml";

/** The source cannot be spliced: the copy is written whole by ExcelJS instead. */
export class SpliceUnsupported extends Error {
  constructor(reason: string) {
    super(`splice: ${reason}`);
    this.name = "SpliceUnsupported";
  }
}

const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORKSHEET_REL = `${REL_NS}/worksheet`;
const CALC_CHAIN_REL = `${REL_NS}/calcChain`;
const MACRO_TYPES = /macroEnabled|vbaProject/i;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

interface Rel {
  readonly tag: string;
  readonly id: string;
  readonly type: string;
  /** Resolved part name (internal targets), or the target as written (external). */
  readonly target: string;
  readonly external: boolean;
}

function relsOf(xml: string | null, fromPart: string): Rel[] {
  if (xml === null) return [];
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => {
    const external = attr(m[0], "TargetMode") === "External";
    const target = attr(m[0], "Target") ?? "";
    return {
      tag: m[0],
      id: attr(m[0], "Id") ?? "",
      type: attr(m[0], "Type") ?? "",
      target: external ? target : resolveTarget(fromPart, target),
      external,
    };
  });
}

interface BookSheet {
  readonly tag: string;
  readonly name: string;
  readonly rid: string;
  readonly path: string;
}

/** The prefix (with its colon, or "") the document's root element uses. */
const rootPrefix = (xml: string): string =>
  /<(\w+:)?\w+[\s>]/.exec(xml.replace(/<\?[^>]*\?>/, ""))?.[1] ?? "";

/** The prefix the document declares for the relationships namespace ("r" usually). */
function relPrefix(xml: string): string | null {
  for (const m of xml.matchAll(/\sxmlns:(\w+)="([^"]*)"/g))
    if (m[2] === REL_NS) return m[1] ?? null;
  return null;
}

function bookSheets(wbXml: string, rels: readonly Rel[]): BookSheet[] {
  const r = relPrefix(wbXml) ?? "r";
  return [...wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => {
    const rid = attr(m[0], `${r}:id`) ?? "";
    return {
      tag: m[0],
      name: unescapeXml(attr(m[0], "name") ?? ""),
      rid,
      path: rels.find((x) => x.id === rid)?.target ?? "",
    };
  });
}

/** The body of an element (between its tags), "" when it is empty or absent; null when absent. */
function block(
  xml: string,
  p: string,
  name: string
): { at: number; end: number; inner: string } | null {
  const open = new RegExp(`<${p}${name}\\b[^>]*?(/?)>`).exec(xml);
  if (open === null) return null;
  if (open[1] === "/") return { at: open.index, end: open.index + open[0].length, inner: "" };
  const close = xml.indexOf(`</${p}${name}>`, open.index);
  if (close < 0) return null;
  return {
    at: open.index,
    end: close + `</${p}${name}>`.length,
    inner: xml.slice(open.index + open[0].length, close),
  };
}

/** The defined names of a workbook.xml, each as written. */
function definedNames(wbXml: string, p: string): string[] {
  const b = block(wbXml, p, "definedNames");
  if (b === null) return [];
  return [
    ...b.inner.matchAll(
      new RegExp(`<${p}definedName\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}definedName>)`, "g")
    ),
  ].map((m) => m[0]);
}

const nameText = (element: string): string =>
  unescapeXml(/>([\s\S]*)</.exec(element)?.[1] ?? "").trim();

const isMarker = (element: string): boolean =>
  (attr(element, "name") ?? "").toUpperCase().startsWith(MARKER_PREFIX.toUpperCase());

/** A marker for one of `sheets` (by the sheet its reference names). */
const markerOf = (element: string, sheets: readonly string[]): boolean => {
  if (!isMarker(element)) return false;
  const target = markerSheet(nameText(element));
  return target !== null && sheets.some((s) => sameSheetName(s, target));
};

/** `xml` with its <definedNames> replaced by `names` (removed when none). */
function withDefinedNames(xml: string, p: string, names: readonly string[]): string {
  const b = block(xml, p, "definedNames");
  const element = names.length > 0 ? `<${p}definedNames>${names.join("")}</${p}definedNames>` : "";
  if (b !== null) return xml.slice(0, b.at) + element + xml.slice(b.end);
  if (element === "") return xml;
  const sheets = block(xml, p, "sheets");
  if (sheets === null) throw new SpliceUnsupported("workbook.xml has no <sheets>");
  return xml.slice(0, sheets.end) + element + xml.slice(sheets.end);
}

/** Tags of a fragment written without prefix (ExcelJS) given the prefix of the document it joins. */
const prefixed = (fragment: string, p: string): string =>
  p === "" ? fragment : fragment.replace(/<(\/?)(?![\w]+:)(\w+)/g, `<$1${p}$2`);

function contentTypeOf(typesXml: string, part: string): string | undefined {
  for (const m of typesXml.matchAll(/<(?:\w+:)?Override\b[^>]*>/g))
    if ((attr(m[0], "PartName") ?? "").replace(/^\//, "") === part)
      return attr(m[0], "ContentType");
  const ext = extOf(part);
  for (const m of typesXml.matchAll(/<(?:\w+:)?Default\b[^>]*>/g))
    if ((attr(m[0], "Extension") ?? "").toLowerCase() === ext) return attr(m[0], "ContentType");
  return undefined;
}

function removeOverride(typesXml: string, part: string): string {
  return typesXml.replace(
    new RegExp(`<(?:\\w+:)?Override\\b[^>]*PartName="/${escapeRe(part)}"[^>]*/>`, "i"),
    ""
  );
}

function addOverride(typesXml: string, part: string, type: string): string {
  const p = rootPrefix(typesXml);
  return typesXml.replace(
    new RegExp(`</${p}Types>\\s*$`),
    `<${p}Override PartName="/${part}" ContentType="${type}"/>$&`
  );
}

/** The main parts every reduced package keeps (besides the sheets). */
const KEPT_WORKBOOK_RELS = /\/(styles|sharedStrings|theme)$/;

/** The workbook part and its relationships, or SpliceUnsupported. */
function workbookOf(parts: ZipParts): { path: string; xml: string; relsXml: string; rels: Rel[] } {
  const root = relsOf(parts.text("_rels/.rels"), "");
  const quotedOnce = /\s[\w:]+='/;
  const main = root.find((r) => r.type.endsWith("/officeDocument"));
  const path = main?.target.replace(/^\//, "") ?? "xl/workbook.xml";
  const xml = parts.text(path);
  if (xml === null) throw new SpliceUnsupported(`no workbook part ${path}`);
  const relsXml = parts.text(relsPathOf(path)) ?? "";
  const types = parts.text("[Content_Types].xml") ?? "";
  if (MACRO_TYPES.test(contentTypeOf(types, path) ?? "")) throw new SpliceUnsupported("macros");
  // attr() reads double-quoted attributes only: a part quoting with ' is left to ExcelJS.
  if (quotedOnce.test(xml) || quotedOnce.test(relsXml)) throw new SpliceUnsupported("quotes");
  return { path, xml, relsXml, rels: relsOf(relsXml, path) };
}

/** Every part reachable from `part` through relationships (itself and its .rels included). */
function reachable(
  parts: ZipParts,
  part: string,
  into: Set<string> = new Set(),
  skip: ReadonlySet<string> = new Set()
): Set<string> {
  if (into.has(part) || skip.has(part) || !parts.has(part)) return into;
  into.add(part);
  const rels = relsPathOf(part);
  if (!parts.has(rels)) return into;
  into.add(rels);
  for (const r of relsOf(parts.text(rels), part))
    if (!r.external) reachable(parts, r.target, into, skip);
  return into;
}

/**
 * The user's package reduced to the sheets named in `keep` (others left out with every part only
 * they refer to), for ExcelJS to load and the apply to write into, and the sheets it holds.
 */
export async function reducedPackage(
  source: ZipParts,
  keep: readonly string[]
): Promise<{ readonly bytes: Buffer; readonly loaded: readonly string[] }> {
  const wb = workbookOf(source);
  const p = rootPrefix(wb.xml);
  const sheets = bookSheets(wb.xml, wb.rels);
  const kept = sheets.filter((s) => keep.some((k) => sameSheetName(k, s.name)));
  const out = new ZipParts();
  const take = new Set<string>(["[Content_Types].xml", "_rels/.rels"]);
  for (const n of source.names()) if (n.startsWith("docProps/")) take.add(n);
  for (const r of wb.rels)
    if (!r.external && KEPT_WORKBOOK_RELS.test(r.type)) reachable(source, r.target, take);
  for (const s of kept) reachable(source, s.path, take);
  for (const n of take) out.copyFrom(source, n);
  // workbook.xml: only the kept sheets, their local names (renumbered), the markers of kept sheets;
  // no pivot caches, external references or extensions (their parts are left out).
  let xml = wb.xml;
  const sheetsBlock = block(xml, p, "sheets");
  if (sheetsBlock === null) throw new SpliceUnsupported("workbook.xml has no <sheets>");
  xml =
    xml.slice(0, sheetsBlock.at) +
    `<${p}sheets>${kept.map((s) => s.tag).join("")}</${p}sheets>` +
    xml.slice(sheetsBlock.end);
  const names = definedNames(wb.xml, p).flatMap((d) => {
    const local = attr(d, "localSheetId");
    if (local === undefined)
      return markerOf(
        d,
        kept.map((s) => s.name)
      )
        ? [d]
        : [];
    const at = kept.findIndex((s) => s === sheets[Number(local)]);
    return at < 0 ? [] : [d.replace(/\slocalSheetId="\d+"/, ` localSheetId="${at}"`)];
  });
  xml = withDefinedNames(xml, p, names);
  for (const el of ["pivotCaches", "externalReferences", "extLst"]) {
    const b = block(xml, p, el);
    if (b !== null) xml = xml.slice(0, b.at) + xml.slice(b.end);
  }
  // ExcelJS reads the active tab as an index into the sheets it loads.
  xml = xml.replace(/\s(activeTab|firstSheet)="\d+"/g, "");
  out.set(wb.path, xml);
  const relsKept = wb.rels.filter(
    (r) => (!r.external && KEPT_WORKBOOK_RELS.test(r.type)) || kept.some((s) => s.rid === r.id)
  );
  out.set(
    relsPathOf(wb.path),
    wb.relsXml.replace(/<(?:\w+:)?Relationship\b[^>]*>/g, (tag) =>
      relsKept.some((r) => r.tag === tag) ? tag : ""
    )
  );
  return { bytes: await out.toZip(), loaded: kept.map((s) => s.name) };
}

// ------------------------------------------------------------------------------- styles

type StyleList = "numFmts" | "fonts" | "fills" | "borders" | "cellXfs" | "dxfs";
const CHILD: Readonly<Record<StyleList, string>> = {
  numFmts: "numFmt",
  fonts: "font",
  fills: "fill",
  borders: "border",
  cellXfs: "xf",
  dxfs: "dxf",
};

function children(xml: string, p: string, list: StyleList): string[] {
  const b = block(xml, p, list);
  if (b === null) return [];
  const c = CHILD[list];
  return [
    ...b.inner.matchAll(new RegExp(`<${p}${c}\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}${c}>)`, "g")),
  ].map((m) => m[0]);
}

/** Where each list goes in CT_Stylesheet when it is missing (Part 1, 18.8.39): before these. */
const STYLE_ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

function withChildren(xml: string, p: string, list: StyleList, added: readonly string[]): string {
  if (added.length === 0) return xml;
  const b = block(xml, p, list);
  const items = [...children(xml, p, list), ...added];
  const element = `<${p}${list} count="${items.length}">${items.join("")}</${p}${list}>`;
  if (b !== null) return xml.slice(0, b.at) + element + xml.slice(b.end);
  for (const next of STYLE_ORDER.slice(STYLE_ORDER.indexOf(list) + 1)) {
    const n = new RegExp(`<${p}${next}\\b`).exec(xml);
    if (n !== null) return xml.slice(0, n.index) + element + xml.slice(n.index);
  }
  return xml.replace(new RegExp(`</${p}styleSheet>`), `${element}$&`);
}

interface StyleShift {
  readonly xf: number;
  readonly dxf: number;
}

/** The user's styles.xml with ExcelJS's styles appended; how the indices of the latter shift. */
function mergeStyles(userXml: string, excelXml: string): { xml: string; shift: StyleShift } {
  const p = rootPrefix(userXml);
  const count = (list: StyleList): number => children(userXml, p, list).length;
  const shift = {
    font: count("fonts"),
    fill: count("fills"),
    border: count("borders"),
    xf: count("cellXfs"),
    dxf: count("dxfs"),
  };
  // Custom number formats (ids from 164): the user's own id for the same code, else a free id.
  const userFormats = new Map<string, string>();
  let nextId = 164;
  for (const f of children(userXml, p, "numFmts")) {
    const id = Number(attr(f, "numFmtId") ?? 0);
    userFormats.set(attr(f, "formatCode") ?? "", String(id));
    nextId = Math.max(nextId, id + 1);
  }
  const formatId = new Map<string, string>();
  const addedFormats: string[] = [];
  for (const f of children(excelXml, "", "numFmts")) {
    const id = attr(f, "numFmtId") ?? "";
    const code = attr(f, "formatCode") ?? "";
    const same = userFormats.get(code);
    if (same !== undefined) formatId.set(id, same);
    else {
      const fresh = String(nextId++);
      formatId.set(id, fresh);
      addedFormats.push(f.replace(/\snumFmtId="\d+"/, ` numFmtId="${fresh}"`));
    }
  }
  const xfs = children(excelXml, "", "cellXfs").map((xf) =>
    xf
      .replace(/\snumFmtId="(\d+)"/, (_, id: string) => ` numFmtId="${formatId.get(id) ?? id}"`)
      .replace(/\sfontId="(\d+)"/, (_, n: string) => ` fontId="${Number(n) + shift.font}"`)
      .replace(/\sfillId="(\d+)"/, (_, n: string) => ` fillId="${Number(n) + shift.fill}"`)
      .replace(/\sborderId="(\d+)"/, (_, n: string) => ` borderId="${Number(n) + shift.border}"`)
      // The user's own "Normal" cell style (ExcelJS writes only that one).
      .replace(/\sxfId="\d+"/, ` xfId="0"`)
  );
  let xml = userXml;
  xml = withChildren(
    xml,
    p,
    "numFmts",
    addedFormats.map((f) => prefixed(f, p))
  );
  for (const list of ["fonts", "fills", "borders", "dxfs"] as const)
    xml = withChildren(
      xml,
      p,
      list,
      children(excelXml, "", list).map((f) => prefixed(f, p))
    );
  xml = withChildren(
    xml,
    p,
    "cellXfs",
    xfs.map((f) => prefixed(f, p))
  );
  return { xml, shift: { xf: shift.xf, dxf: shift.dxf } };
}

/** An ExcelJS sheet's XML made fit for the user's package: styles shifted, strings inline. */
function adaptSheet(xml: string, shift: StyleShift, strings: readonly string[]): string {
  return xml
    .replace(
      /(<(?:c|row)\b[^>]*?\ss=")(\d+)"/g,
      (_, head: string, n: string) => `${head}${Number(n) + shift.xf}"`
    )
    .replace(
      /(<col\b[^>]*?\sstyle=")(\d+)"/g,
      (_, head: string, n: string) => `${head}${Number(n) + shift.xf}"`
    )
    .replace(
      /(<cfRule\b[^>]*?\sdxfId=")(\d+)"/g,
      (_, head: string, n: string) => `${head}${Number(n) + shift.dxf}"`
    )
    .replace(
      /<c\b([^>]*?)\st="s"([^>]*)>\s*<v>(\d+)<\/v>\s*<\/c>/g,
      (whole, a: string, b: string, n: string) => {
        const si = strings[Number(n)];
        return si === undefined ? whole : `<c${a} t="inlineStr"${b}><is>${si}</is></c>`;
      }
    );
}

/**
 * The user's shared strings with any text over Excel's 32,767-character cell limit cut to it (a
 * forged file: the read warns text_too_long; the copy never carries it longer, issue 12 item 11).
 * Null when none is. Inline strings in the user's sheets are not looked at (their parts are copied
 * compressed, never inflated); ExcelJS and the add-in write shared strings.
 */
function fitSharedStrings(xml: string): string | null {
  const p = rootPrefix(xml);
  let changed = false;
  const out = xml.replace(
    new RegExp(`<${p}si>([\\s\\S]*?)</${p}si>`, "g"),
    (whole: string, inner: string) => {
      if (whole.length <= CELL_TEXT_LIMIT) return whole;
      const text = [...inner.matchAll(new RegExp(`<${p}t\\b[^>]*>([^<]*)</${p}t>`, "g"))]
        .map((m) => unescapeXml(m[1] ?? ""))
        .join("");
      if (text.length <= CELL_TEXT_LIMIT) return whole;
      changed = true;
      const fit = fitCellText(text)
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;");
      return `<${p}si><${p}t xml:space="preserve">${fit}</${p}t></${p}si>`;
    }
  );
  return changed ? out : null;
}

/** The inner XML of each <si> of a sharedStrings part (ExcelJS writes no prefix). */
function sharedStrings(xml: string | null): string[] {
  if (xml === null) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => m[1] ?? "<t></t>");
}

// ------------------------------------------------------------------------------- the splice

/** A part name free in `parts` and not in `taken`: "xl/worksheets/sheet7.xml". */
function freeName(parts: ZipParts, taken: Set<string>, part: string): string {
  const m = /^(.*?)(\d*)(\.[^./]+)?$/.exec(part);
  const [stem, ext] = [m?.[1] ?? part, m?.[3] ?? ""];
  for (let k = 1; ; k++) {
    const name = `${stem}${k}${ext}`;
    if (!parts.has(name) && !taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/**
 * `source` (the user's package, lazy) with the sheets of `written` (ExcelJS's package of the reduced
 * workbook after the apply) put in: `loaded` are the sheets the reduced package held (written back
 * or, when absent from `written`, removed). A sheet named in `direct` (by upper-case name) is an
 * empty placeholder in `written`: its part is written from the spec instead (sheet-xml.ts), with
 * the style indices it takes in the user's styles part. Changes `source` in place.
 */
export function spliceCopy(
  source: ZipParts,
  written: ZipParts,
  loaded: readonly string[],
  direct: ReadonlyMap<string, SheetSpec> = new Map()
): void {
  const wb = workbookOf(source);
  const p = rootPrefix(wb.xml);
  const r = relPrefix(wb.xml);
  const srcSheets = bookSheets(wb.xml, wb.rels);
  const outWb = workbookOf(written);
  const outSheets = bookSheets(outWb.xml, outWb.rels);
  const isLoaded = (name: string): boolean => loaded.some((l) => sameSheetName(l, name));
  let types = source.text("[Content_Types].xml") ?? "";
  const outTypes = written.text("[Content_Types].xml") ?? "";

  // Styles and strings of the written sheets.
  const styles = wb.rels.find((x) => x.type.endsWith("/styles") && !x.external)?.target;
  const outStylesPath = outWb.rels.find((x) => x.type.endsWith("/styles"))?.target;
  if (styles === undefined || !source.has(styles) || outStylesPath === undefined)
    throw new SpliceUnsupported("no styles part");
  const merged = mergeStyles(source.text(styles) ?? "", written.text(outStylesPath) ?? "");
  // The sheets written from specs take their styles after all of these.
  const own = new SheetStyles(
    children(merged.xml, p, "cellXfs").length,
    children(merged.xml, p, "dxfs").length
  );
  const userStrings = wb.rels.find((x) => x.type.endsWith("/sharedStrings") && !x.external)?.target;
  const userStringsXml = userStrings === undefined ? null : source.text(userStrings);
  const fitted = userStringsXml === null ? null : fitSharedStrings(userStringsXml);
  if (userStrings !== undefined && fitted !== null) source.set(userStrings, fitted);
  const outStringsPath = outWb.rels.find((x) => x.type.endsWith("/sharedStrings"))?.target;
  const strings = sharedStrings(outStringsPath === undefined ? null : written.text(outStringsPath));

  // Parts of the sheets that go (rewritten or removed), unless the rest still reaches them.
  const going = srcSheets.filter((s) => isLoaded(s.name));
  const gone = new Set<string>();
  for (const s of going) reachable(source, s.path, gone);
  const alive = new Set<string>();
  const skip = new Set(going.map((s) => s.path));
  for (const rel of relsOf(source.text("_rels/.rels"), ""))
    if (!rel.external) reachable(source, rel.target, alive, skip);
  for (const part of gone) {
    if (alive.has(part)) continue;
    source.remove(part);
    types = removeOverride(types, part);
  }

  // Each written sheet and what it refers to, under names free in the user's package.
  const taken = new Set<string>();
  let tableId = 0;
  for (const n of source.names())
    if (/table\d*\.xml$/.test(n))
      tableId = Math.max(
        tableId,
        Number(attr(/<(?:\w+:)?table\b[^>]*>/.exec(source.text(n) ?? "")?.[0] ?? "", "id") ?? 0)
      );
  const copy = (part: string, sheet: boolean, spec?: SheetSpec): string => {
    const name = freeName(source, taken, part.replace(/\d*(\.[^./]+)$/, "$1"));
    const rels = written.text(relsPathOf(part));
    if (rels !== null) {
      let relsOut = rels;
      for (const rel of relsOf(rels, part)) {
        if (rel.external || !written.has(rel.target)) continue;
        const child = copy(rel.target, false);
        relsOut = relsOut.replace(
          rel.tag,
          rel.tag.replace(/\sTarget="[^"]*"/, ` Target="${relativeTarget(name, child)}"`)
        );
      }
      source.set(relsPathOf(name), relsOut);
    }
    if (spec !== undefined) source.set(name, sheetXml(spec, own));
    else if (sheet) source.set(name, adaptSheet(written.text(part) ?? "", merged.shift, strings));
    else if (/\/tables\/[^/]+\.xml$/.test(part))
      source.set(
        name,
        (written.text(part) ?? "").replace(/(<table\b[^>]*?\sid=")\d+"/, `$1${++tableId}"`)
      );
    else source.copyFrom(written, part, name);
    const type = contentTypeOf(outTypes, part);
    if (type !== undefined && contentTypeOf(types, name) !== type)
      types = addOverride(types, name, type);
    return name;
  };

  // The new <sheets>: the user's order, a rewritten sheet in its old place, new sheets last.
  let relsXml = wb.relsXml;
  const rp = rootPrefix(relsXml);
  const ids = srcSheets.map((s) => Number(attr(s.tag, "sheetId") ?? 0));
  let nextSheetId = Math.max(0, ...ids) + 1;
  let nextRel = 1;
  const freshRel = (): string => {
    while (relsXml.includes(`Id="rIdDti${nextRel}"`)) nextRel++;
    return `rIdDti${nextRel}`;
  };
  const rPrefix = r ?? "r";
  const tagOf = (out: BookSheet, sheetId: number, rid: string): string => {
    const state = attr(out.tag, "state");
    return `<${p}sheet name="${attr(out.tag, "name") ?? ""}" sheetId="${sheetId}"${state !== undefined ? ` state="${state}"` : ""} ${rPrefix}:id="${rid}"/>`;
  };
  const order: { readonly name: string; readonly tag: string; readonly from?: number }[] = [];
  const placed = new Set<BookSheet>();
  srcSheets.forEach((s, i) => {
    if (!isLoaded(s.name)) {
      order.push({ name: s.name, tag: s.tag, from: i });
      return;
    }
    const rel = wb.rels.find((x) => x.id === s.rid);
    relsXml = relsXml.replace(rel?.tag ?? "\u0000", "");
    const out = outSheets.find((o) => sameSheetName(o.name, s.name));
    if (out === undefined) return;
    placed.add(out);
    const part = copy(out.path, true, direct.get(out.name.toUpperCase()));
    const rid = freshRel();
    relsXml = relsXml.replace(
      new RegExp(`</${rp}Relationships>\\s*$`),
      `<${rp}Relationship Id="${rid}" Type="${WORKSHEET_REL}" Target="${relativeTarget(wb.path, part)}"/>$&`
    );
    order.push({
      name: out.name,
      tag: tagOf(out, Number(attr(s.tag, "sheetId") ?? nextSheetId++), rid),
      from: i,
    });
  });
  for (const out of outSheets) {
    if (placed.has(out)) continue;
    const part = copy(out.path, true, direct.get(out.name.toUpperCase()));
    const rid = freshRel();
    relsXml = relsXml.replace(
      new RegExp(`</${rp}Relationships>\\s*$`),
      `<${rp}Relationship Id="${rid}" Type="${WORKSHEET_REL}" Target="${relativeTarget(wb.path, part)}"/>$&`
    );
    order.push({ name: out.name, tag: tagOf(out, nextSheetId++, rid) });
  }
  if (own.used) {
    const final = mergeStyles(merged.xml, own.xml());
    // The sheets were written with the indices their styles take once appended.
    if (final.shift.xf !== own.xfBase || final.shift.dxf !== own.dxfBase)
      throw new Error("spliceCopy: style indices moved while appending");
    source.set(styles, final.xml);
  } else source.set(styles, merged.xml);
  if (
    !order.some((o) => {
      const st = attr(o.tag, "state");
      return st === undefined || st === "visible";
    })
  )
    throw new SpliceUnsupported("no visible sheet");

  // calcChain is a cache of formula cells: it may name cells of a replaced sheet.
  if (going.length > 0) {
    const chain = wb.rels.find((x) => x.type === CALC_CHAIN_REL);
    if (chain !== undefined) {
      relsXml = relsXml.replace(chain.tag, "");
      source.remove(chain.target);
      types = removeOverride(types, chain.target);
    }
  }

  // Defined names: the user's, without those of the sheets that went; then the written sheets'.
  const newIndex = (old: number): number => order.findIndex((o) => o.from === old);
  const names: string[] = [];
  for (const d of definedNames(wb.xml, p)) {
    const local = attr(d, "localSheetId");
    if (local === undefined) {
      if (
        !markerOf(
          d,
          going.map((s) => s.name)
        )
      )
        names.push(d);
      continue;
    }
    const from = srcSheets[Number(local)];
    if (from === undefined || isLoaded(from.name)) continue;
    names.push(d.replace(/\slocalSheetId="\d+"/, ` localSheetId="${newIndex(Number(local))}"`));
  }
  for (const d of definedNames(outWb.xml, "")) {
    const local = attr(d, "localSheetId");
    if (local === undefined) {
      if (isMarker(d) || !names.some((n) => attr(n, "name") === attr(d, "name")))
        names.push(prefixed(d, p));
      continue;
    }
    const sheet = outSheets[Number(local)];
    const at = sheet === undefined ? -1 : order.findIndex((o) => sameSheetName(o.name, sheet.name));
    if (at >= 0)
      names.push(prefixed(d.replace(/\slocalSheetId="\d+"/, ` localSheetId="${at}"`), p));
  }

  let xml = wb.xml;
  const sheetsBlock = block(xml, p, "sheets");
  if (sheetsBlock === null) throw new SpliceUnsupported("workbook.xml has no <sheets>");
  xml =
    xml.slice(0, sheetsBlock.at) +
    `<${p}sheets>${order.map((o) => o.tag).join("")}</${p}sheets>` +
    xml.slice(sheetsBlock.end);
  xml = withDefinedNames(xml, p, names);
  if (r === null) xml = xml.replace(/<(\w+:)?workbook\b/, `$&` + ` xmlns:r="${REL_NS}"`);
  // The active and first tabs follow their sheets; one that went falls back to the first visible.
  const firstVisible = Math.max(
    0,
    order.findIndex((o) => {
      const st = attr(o.tag, "state");
      return st === undefined || st === "visible";
    })
  );
  xml = xml.replace(/\s(activeTab|firstSheet)="(\d+)"/g, (_, k: string, n: string) => {
    const at = newIndex(Number(n));
    return ` ${k}="${at >= 0 ? at : firstVisible}"`;
  });
  source.set(wb.path, xml);
  source.set(relsPathOf(wb.path), relsXml);
  source.set("[Content_Types].xml", types);
}
