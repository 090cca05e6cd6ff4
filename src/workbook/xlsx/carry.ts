/**
 * Over 400 lines: each kind of part carried over (drawings, validations, names) with the package
 * helpers they share.
 *
 * What ExcelJS drops when it writes a copy of a workbook, carried from the original file into the
 * copy (issue 12 item 5: `dti rank --out` keeps the user's charts).
 *
 * ExcelJS 4.4 does not read charts, shapes, text boxes or connectors: a copy it writes loses them
 * (https://github.com/exceljs/exceljs#readme, "Known Issues"). The XML parts are all still in the
 * original package, so after ExcelJS has written the copy, for each of the user's sheets that is in
 * the copy and that the writer did not render:
 *   - its drawing (charts, shapes, pictures: the anchors of the original) replaces the one ExcelJS
 *     wrote, with every part it refers to (charts, their styles, colours, embedded data, images),
 *     copied under names free in the copy, with their content types;
 *   - the data validations that src/workbook/xlsx/inspect.ts left out of the read (a range too large
 *     for ExcelJS to expand cell by cell) go back into the sheet.
 * The defined names inspect.ts left out go back into the workbook. What still cannot be kept
 * (pivot tables, slicers, macros, threaded comments, links to other workbooks, the drawing of a
 * sheet the writer rendered) stays in the list returned, which the command prints.
 * Pure (jszip for the original; the copy's parts through `Parts`, see zip-parts.ts).
 */
import JSZip from "jszip";
import { sameSheetName } from "../ownership";
import {
  attr,
  resolveTarget,
  unescapeXml,
  sheetParts,
  type LeftOutValidations,
  type NotKept,
  type SheetPart,
} from "./inspect";

const REL_DRAWING = "relationships/drawing";
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/**
 * CT_Worksheet's children in schema order (ECMA-376 Part 1, 18.3.1.99): a child is inserted before
 * the first present one that must follow it.
 */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
] as const;

/** `xml` (a worksheet ExcelJS wrote: no prefixes) with `element` put where `name` belongs. */
export function insertWorksheetChild(
  xml: string,
  name: (typeof WORKSHEET_ORDER)[number],
  element: string
): string {
  // Only what follows sheetData can come after these children; nothing nested there is searched
  // before the first following child is found (extLst, which may nest anything, is the last).
  const from = Math.max(0, xml.indexOf("</sheetData>"));
  let at = -1;
  for (const next of WORKSHEET_ORDER.slice(WORKSHEET_ORDER.indexOf(name) + 1)) {
    const m = new RegExp(`<${next}[\\s>/]`).exec(xml.slice(from));
    if (m !== null && (at < 0 || from + m.index < at)) at = from + m.index;
  }
  if (at < 0) at = xml.lastIndexOf("</worksheet>");
  return xml.slice(0, at) + element + xml.slice(at);
}

/** The relative target from one part to another: "xl/drawings/drawing1.xml" → "../charts/chart1.xml". */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels". */
export const relsPathOf = (part: string): string => part.replace(/([^/]+)$/, "_rels/$1.rels");

interface ContentTypes {
  readonly defaults: Map<string, string>;
  readonly overrides: Map<string, string>;
}

function contentTypes(xml: string): ContentTypes {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?Default\b[^>]*>/g)) {
    const ext = attr(m[0], "Extension");
    const type = attr(m[0], "ContentType");
    if (ext !== undefined && type !== undefined) defaults.set(ext.toLowerCase(), type);
  }
  for (const m of xml.matchAll(/<(?:\w+:)?Override\b[^>]*>/g)) {
    const part = attr(m[0], "PartName");
    const type = attr(m[0], "ContentType");
    if (part !== undefined && type !== undefined) overrides.set(part.replace(/^\//, ""), type);
  }
  return { defaults, overrides };
}

/** A part name's extension, lower case ("png"), "" when none. */
export const extOf = (part: string): string => /\.([^./]+)$/.exec(part)?.[1]?.toLowerCase() ?? "";

const ROOT_TAG = /<(?![?!])[^>]+>/;

/** The namespace declarations of a document's root element, prefix → URI. */
function rootNamespaces(xml: string): Map<string, string> {
  const root = ROOT_TAG.exec(xml)?.[0] ?? "";
  const out = new Map<string, string>();
  for (const m of root.matchAll(/\sxmlns:(\w+)="([^"]*)"/g)) out.set(m[1] ?? "", m[2] ?? "");
  return out;
}

/**
 * A block of another document made fit for `intoXml`: its main-namespace prefix removed, and the
 * prefixes its tags use (e.g. xr:uid) declared on `intoXml`'s root. Null when one is unknown.
 */
function adopt(
  block: string,
  fromXml: string,
  intoXml: string
): { block: string; intoXml: string } | null {
  const from = rootNamespaces(fromXml);
  const into = rootNamespaces(intoXml);
  let b = block;
  const tagPrefix = /^<(\w+):/.exec(b)?.[1];
  if (tagPrefix !== undefined) {
    if (from.get(tagPrefix) !== MAIN_NS) return null;
    b = b.replace(new RegExp(`<(/?)${tagPrefix}:`, "g"), "<$1");
  }
  const root = ROOT_TAG.exec(intoXml);
  if (root === null) return null;
  let declarations = "";
  for (const tag of b.matchAll(/<[^>]+>/g))
    for (const m of tag[0].matchAll(/(?:^<\/?|\s)(\w+):[\w-]+/g)) {
      const p = m[1] ?? "";
      if (p === "xmlns" || into.has(p)) continue;
      const uri = from.get(p);
      if (uri === undefined) return null;
      into.set(p, uri);
      declarations += ` xmlns:${p}="${uri}"`;
    }
  const newRoot = root[0].replace(/(\s*\/?)>$/, `${declarations}$1>`);
  return {
    block: b,
    intoXml: intoXml.slice(0, root.index) + newRoot + intoXml.slice(root.index + root[0].length),
  };
}

/** The copy's parts, changed in place (ZipParts in zip-parts.ts). */
export interface Parts {
  has(name: string): boolean;
  get(name: string): Uint8Array | undefined;
  text(name: string): string | null;
  set(name: string, data: Uint8Array | string): void;
  remove(name: string): void;
}

export interface CarryOptions {
  /** Sheets the writer rendered (its own): their original drawings and validations are not carried. */
  readonly rendered: (sheet: string) => boolean;
  /** What the read left out or ExcelJS does not hold (inspect.ts); the result lists what is still lost. */
  readonly notKept: readonly NotKept[];
  /** The validations inspect.ts took out, as they were (else read again from the original). */
  readonly leftOut?: readonly LeftOutValidations[];
}

/**
 * `out` (the parts of ExcelJS's copy of `source`) with the user's charts, shapes, validations and
 * names of `source` put back; returns what is still not kept.
 */
export async function carryUserParts(
  source: Uint8Array,
  out: Parts,
  options: CarryOptions
): Promise<readonly NotKept[]> {
  const wanted = options.notKept.filter((n) =>
    ["charts", "shapes", "drawings", "data_validation", "defined_name"].includes(n.what)
  );
  if (wanted.length === 0) return options.notKept;
  const src = await JSZip.loadAsync(source);
  const read = async (p: string): Promise<string | null> =>
    (await src.file(p)?.async("string")) ?? null;
  const srcWb = (await read("xl/workbook.xml")) ?? "";
  const srcSheets = sheetParts(srcWb, (await read("xl/_rels/workbook.xml.rels")) ?? "");
  let outWb = out.text("xl/workbook.xml") ?? "";
  const outSheets = sheetParts(outWb, out.text("xl/_rels/workbook.xml.rels") ?? "");
  const srcTypes = contentTypes((await read("[Content_Types].xml")) ?? "");
  let outTypesXml = out.text("[Content_Types].xml") ?? "";
  const outTypes = contentTypes(outTypesXml);
  const addType = (part: string, type: string): void => {
    const ext = extOf(part);
    if (outTypes.overrides.has(part) || outTypes.defaults.get(ext) === type) return;
    const entry =
      srcTypes.defaults.get(ext) === type && !outTypes.defaults.has(ext)
        ? `<Default Extension="${ext}" ContentType="${type}"/>`
        : `<Override PartName="/${part}" ContentType="${type}"/>`;
    if (entry.startsWith("<Default")) outTypes.defaults.set(ext, type);
    else outTypes.overrides.set(part, type);
    outTypesXml = outTypesXml.replace(/<\/(?:\w+:)?Types>\s*$/, `${entry}$&`);
  };

  /** Copies a part and, through its relationships, every part it needs; its name in the copy. */
  const copied = new Map<string, string>();
  const taken = new Set<string>();
  const freeName = (part: string): string => {
    if (!out.has(part) && !taken.has(part)) return part;
    const m = /^(.*?)(\d*)(\.[^./]+)?$/.exec(part);
    const [stem, ext] = [m?.[1] ?? part, m?.[3] ?? ""];
    for (let k = 1; ; k++) {
      const p = `${stem}${k}${ext}`;
      if (!out.has(p) && !taken.has(p)) return p;
    }
  };
  const copyPart = async (part: string): Promise<string | null> => {
    const done = copied.get(part);
    if (done !== undefined) return done;
    const file = src.file(part);
    if (file === null) return null;
    const name = freeName(part);
    taken.add(name);
    copied.set(part, name);
    out.set(name, await file.async("uint8array"));
    const type = srcTypes.overrides.get(part) ?? srcTypes.defaults.get(extOf(part));
    if (type !== undefined) addType(name, type);
    const rels = await read(relsPathOf(part));
    if (rels !== null) {
      let relsOut = rels;
      for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
        const target = attr(m[0], "Target");
        if (target === undefined || attr(m[0], "TargetMode") === "External") continue;
        const child = await copyPart(resolveTarget(part, target));
        if (child === null) continue;
        relsOut = relsOut.replace(
          m[0],
          m[0].replace(`"${target}"`, `"${relativeTarget(name, child)}"`)
        );
      }
      out.set(relsPathOf(name), relsOut);
    }
    return name;
  };

  const carried = new Set<string>();
  const key = (what: string, where: string): string => `${what}\u0000${where.toUpperCase()}`;
  const lost = (what: NotKept["what"], where: string): boolean =>
    wanted.some((n) => n.what === what && sameSheetName(n.where, where));
  const outSheetOf = (name: string): SheetPart | undefined =>
    options.rendered(name) ? undefined : outSheets.find((s) => sameSheetName(s.name, name));

  for (const sheet of srcSheets) {
    const target = outSheetOf(sheet.name);
    if (target === undefined) continue;
    const drawingLost =
      lost("charts", sheet.name) || lost("shapes", sheet.name) || lost("drawings", sheet.name);
    const validationLost = lost("data_validation", sheet.name);
    if (!drawingLost && !validationLost) continue;
    let xml = out.text(target.path) ?? "";
    let relsXml =
      out.text(target.relsPath) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}"></Relationships>`;
    const before = { xml, relsXml };
    const srcRels = (await read(sheet.relsPath)) ?? "";
    const drawingRel = [...srcRels.matchAll(/<Relationship\b[^>]*>/g)].find((m) =>
      (attr(m[0], "Type") ?? "").endsWith(REL_DRAWING)
    );
    if (drawingLost && drawingRel !== undefined) {
      const drawing = await copyPart(
        resolveTarget(sheet.path, attr(drawingRel[0], "Target") ?? "")
      );
      if (drawing !== null) {
        const relTarget = relativeTarget(target.path, drawing);
        const own = [...relsXml.matchAll(/<Relationship\b[^>]*>/g)].find((m) =>
          (attr(m[0], "Type") ?? "").endsWith(REL_DRAWING)
        );
        if (own !== undefined) {
          // ExcelJS's drawing of this sheet (its pictures) gives way to the original (pictures too).
          const old = resolveTarget(target.path, attr(own[0], "Target") ?? "");
          out.remove(old);
          out.remove(relsPathOf(old));
          outTypesXml = outTypesXml.replace(
            new RegExp(`<Override PartName="/${old.replace(/[.]/g, "\\.")}"[^>]*/>`),
            ""
          );
          relsXml = relsXml.replace(
            own[0],
            own[0].replace(/\sTarget="[^"]*"/, ` Target="${relTarget}"`)
          );
        } else {
          let n = 1;
          while (relsXml.includes(`Id="rIdDti${n}"`)) n++;
          const id = `rIdDti${n}`;
          relsXml = relsXml.replace(
            /<\/Relationships>\s*$/,
            `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/${REL_DRAWING}" Target="${relTarget}"/>$&`
          );
          xml = insertWorksheetChild(xml, "drawing", `<drawing r:id="${id}"/>`);
        }
        for (const what of ["charts", "shapes", "drawings"]) carried.add(key(what, sheet.name));
      }
    }
    if (validationLost && !/<dataValidations[\s>]/.test(xml)) {
      const kept = options.leftOut?.find((l) => sameSheetName(l.sheet, sheet.name));
      const srcXml = kept?.root ?? (await read(sheet.path)) ?? "";
      const block =
        kept?.block ??
        /<(?:\w+:)?dataValidations\b[\s\S]*?<\/(?:\w+:)?dataValidations>/.exec(srcXml)?.[0];
      const adopted = block === undefined ? null : adopt(block, srcXml, xml);
      if (adopted !== null) {
        xml = insertWorksheetChild(adopted.intoXml, "dataValidations", adopted.block);
        carried.add(key("data_validation", sheet.name));
      }
    }
    if (xml !== before.xml) out.set(target.path, xml);
    if (relsXml !== before.relsXml) out.set(target.relsPath, relsXml);
  }

  // Chart sheets (ExcelJS skips them): appended after the copy's sheets, with their drawing and charts.
  let outWbRels = out.text("xl/_rels/workbook.xml.rels") ?? "";
  const srcWbRels = (await read("xl/_rels/workbook.xml.rels")) ?? "";
  for (const m of srcWb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = unescapeXml(attr(m[0], "name") ?? "");
    const rid = attr(m[0], "r:id") ?? "";
    const rel = [...srcWbRels.matchAll(/<Relationship\b[^>]*>/g)].find(
      (r) => attr(r[0], "Id") === rid
    )?.[0];
    if (rel === undefined || !(attr(rel, "Type") ?? "").endsWith("relationships/chartsheet"))
      continue;
    if (!lost("charts", name) || options.rendered(name)) continue;
    if (outSheets.some((s) => sameSheetName(s.name, name))) continue;
    const part = await copyPart(resolveTarget("xl/workbook.xml", attr(rel, "Target") ?? ""));
    if (part === null) continue;
    let n = 1;
    while (outWbRels.includes(`Id="rIdDtiCs${n}"`)) n++;
    const id = `rIdDtiCs${n}`;
    outWbRels = outWbRels.replace(
      /<\/Relationships>\s*$/,
      `<Relationship Id="${id}" Type="${attr(rel, "Type") ?? ""}" Target="${relativeTarget("xl/workbook.xml", part)}"/>$&`
    );
    const ids = [...outWb.matchAll(/<sheet\b[^>]*>/g)].map((t) =>
      Number(attr(t[0], "sheetId") ?? 0)
    );
    const state = attr(m[0], "state");
    outWb = outWb.replace(
      "</sheets>",
      `<sheet name="${attr(m[0], "name") ?? ""}" sheetId="${Math.max(0, ...ids) + 1}"${state !== undefined ? ` state="${state}"` : ""} r:id="${id}"/></sheets>`
    );
    carried.add(key("charts", name));
  }
  out.set("xl/_rels/workbook.xml.rels", outWbRels);

  // Defined names the read left out, back in the workbook (local names to their sheet's new index).
  const srcOrder = [...srcWb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map(
    (m) => attr(m[0], "name") ?? ""
  );
  const outOrder = [...outWb.matchAll(/<sheet\b[^>]*>/g)].map((m) => attr(m[0], "name") ?? "");
  for (const m of srcWb.matchAll(/<(\w+:)?definedName\b[^>]*>[^<]*<\/(?:\w+:)?definedName>/g)) {
    const name = attr(m[0], "name") ?? "";
    if (!lost("defined_name", name)) continue;
    let element = m[1] !== undefined ? m[0].replace(new RegExp(`<(/?)${m[1]}`, "g"), "<$1") : m[0];
    const local = attr(element, "localSheetId");
    if (local !== undefined) {
      const at = outOrder.findIndex((n) => sameSheetName(n, srcOrder[Number(local)] ?? "\u0000"));
      if (at < 0) continue;
      element = element.replace(/\slocalSheetId="\d+"/, ` localSheetId="${at}"`);
    }
    const same = [...outWb.matchAll(/<definedName\b[^>]*>/g)].some(
      (d) =>
        (attr(d[0], "name") ?? "").toUpperCase() === name.toUpperCase() &&
        attr(d[0], "localSheetId") === attr(element, "localSheetId")
    );
    if (same) continue;
    outWb = /<\/definedNames>/.test(outWb)
      ? outWb.replace("</definedNames>", `${element}</definedNames>`)
      : outWb.replace("</sheets>", `</sheets><definedNames>${element}</definedNames>`);
    carried.add(key("defined_name", name));
  }
  out.set("xl/workbook.xml", outWb);
  out.set("[Content_Types].xml", outTypesXml);
  return options.notKept.filter((n) => !carried.has(key(n.what, n.where)));
}
