/**
 * Over 400 lines: the ownership marker, the settings sheet and the registry format every adapter
 * shares.
 *
 * The add-in's ownership marker and settings, stored the same way by every adapter so that a file
 * written by the CLI (ExcelJS) is recognised in Excel (Office.js) and in the preview (memory):
 * a hidden sheet named "_dti" holding a small registry, one record per row, all cells text.
 *
 *   row 1   MAGIC | a note for a curious user (vi / en)
 *   row 2   kind  | key   | value...           (headers)
 *   row 3+  sheet | <sheet name> | <role> | <host sheet id, when known> | <token> | <area> | <inputs> | <prints...>
 *           setting | <key> | <value chunk 1> | <value chunk 2> ...  (values split at 30,000 chars)
 *           highlight | <sheet> | <cell> | <the cell's fill before the highlight, "" for none>
 *
 * A record alone gives no ownership (a `_dti` sheet can be forged, or travel with a workbook): a sheet
 * is owned only when a "sheet" record names it (names compare case-insensitively, as in Excel) AND the
 * workbook-level defined name `_dti_<token>` of that record refers to that very sheet. A defined name
 * is tied to the sheet itself, not to its name: Excel moves it along when the sheet is renamed and
 * turns it into #REF! when the sheet is deleted, so a user sheet made later under the same name never
 * carries it (Infor's note on names in Excel, docs.infor.com …/xhy1582886072807.html: "If you delete
 * the sheet, the workbook's RefersTo property has an error #REF in it"). Office's worksheet `id` is no
 * help across sessions: it "remains constant within a single session but will change between
 * sessions" (OfficeDev/office-js-docs#297, OfficeDev/office-js#1390), so ids are not compared.
 * Records without a token (written by versions before markers) are not ownership: their sheets are
 * treated as the user's, never replaced, painted or deleted (the add-in writes new sheets beside them).
 * A user who renames an owned sheet takes it over: the record no longer matches, so it is never replaced.
 * Pure functions only: the adapters read and write the grid.
 */
import { type CellValue, parseA1, parseRange, type SheetSpec } from "../engine";
import { PortError } from "./port";

export const SETTINGS_SHEET = "_dti";
const REGISTRY_MAGIC = "dti-for-excel/registry/v1";
const NOTE =
  "Trang cài đặt của DTI for Excel, vui lòng không sửa / DTI for Excel settings, please do not edit";
/** Excel keeps at most 32,767 characters in a cell. */
const SETTING_CHUNK = 30000;

interface OwnedSheet {
  readonly name: string;
  readonly role: string;
  /** The host's sheet id as last written (Office.js); kept for older files, not compared (see above). */
  readonly id?: string;
  /** The ownership token: the defined name `_dti_<token>` must refer to this sheet. */
  readonly token?: string;
  /** The generated area last written ("A1:L40"; "" when the spec wrote no cell). */
  readonly area?: string;
  /** Cells the user is meant to type in (the spec's unlocked ranges), comma-separated. */
  readonly inputs?: string;
  /** Fingerprints of what the add-in wrote in the area, inputs left out (see generated-area.ts). */
  readonly prints?: string;
}

/**
 * The workbook's ownership markers as the host reads them: defined name (upper case) → the name of
 * the sheet it refers to now, null when it refers to no sheet (#REF!).
 */
export type Markers = ReadonlyMap<string, string | null>;

export const NO_MARKERS: Markers = new Map();
export const MARKER_PREFIX = "_dti_";

/** The defined name carrying a record's token. */
export function markerName(token: string): string {
  return `${MARKER_PREFIX}${token}`;
}

/** What the marker refers to: the sheet's top-left cell, "'Xếp hạng'!$A$1". */
export function markerTarget(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'!$A$1`;
}

/** The sheet a marker's reference ("='Xếp hạng'!$A$1", "Plain!$A$1") names; null for #REF! or anything else. */
export function markerSheet(reference: string): string | null {
  const body = reference.replace(/^=/, "").trim();
  const quoted = /^'((?:[^']|'')+)'!\$?[A-Z]+\$?\d+$/i.exec(body);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/''/g, "'");
  const plain = /^([^'!#=]+)!\$?[A-Z]+\$?\d+$/i.exec(body);
  return plain?.[1] ?? null;
}

/** A fresh random token (letters and digits: a valid defined-name tail). */
function newToken(): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join("");
}

interface HighlightRecord {
  readonly sheet: string;
  readonly cell: string;
  /** The fill before the add-in highlighted it ("#RRGGBB"), null for none. */
  readonly originalFill: string | null;
}

export interface Registry {
  readonly sheets: readonly OwnedSheet[];
  readonly settings: Readonly<Record<string, string>>;
  readonly highlights: readonly HighlightRecord[];
}

export const EMPTY_REGISTRY: Registry = { sheets: [], settings: {}, highlights: [] };

/**
 * Settings key under which an adapter that cannot draw charts (ExcelJS) records a sheet's chart
 * specs (JSON); the Office adapter draws them when the file is opened in Excel (drawRecordedCharts).
 */
export const CHARTS_SETTING_PREFIX = "charts:";

/** Highlight fills by severity (Excel's "light red" and "light yellow"). */
const HIGHLIGHT_FILL = { error: "#FFC7CE", warning: "#FFEB9C" } as const;

export function sameSheetName(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

function text(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return v.error;
  return String(v);
}

/** Reads the registry from the settings sheet's cells (top-left at A1); a foreign or empty sheet gives an empty registry. */
export function decodeRegistry(values: readonly (readonly CellValue[])[]): Registry {
  if (text(values[0]?.[0]) !== REGISTRY_MAGIC) return EMPTY_REGISTRY;
  const sheets: OwnedSheet[] = [];
  const settings: Record<string, string> = {};
  const highlights: HighlightRecord[] = [];
  for (const row of values.slice(2)) {
    const kind = text(row[0]);
    const key = text(row[1]);
    if (key === "") continue;
    if (kind === "sheet") {
      const rec: { -readonly [K in keyof OwnedSheet]: OwnedSheet[K] } = {
        name: key,
        role: text(row[2]),
      };
      const [id, token, area, inputs] = [3, 4, 5, 6].map((i) => text(row[i]));
      if (id !== undefined && id !== "") rec.id = id;
      if (token !== undefined && /^[a-z0-9]{6,40}$/.test(token)) rec.token = token;
      if (area !== undefined && area !== "") rec.area = area;
      if (inputs !== undefined && inputs !== "") rec.inputs = inputs;
      const prints = row.slice(7).map(text).join("");
      if (prints !== "") rec.prints = prints;
      sheets.push(rec);
    } else if (kind === "setting") {
      settings[key] = row.slice(2).map(text).join("");
    } else if (kind === "highlight") {
      const fill = text(row[3]);
      highlights.push({ sheet: key, cell: text(row[2]), originalFill: fill === "" ? null : fill });
    }
  }
  return { sheets, settings, highlights };
}

/** The settings sheet's cells for a registry: a rectangle of text, blank cells as "". */
export function encodeRegistry(reg: Registry): string[][] {
  const rows: string[][] = [
    [REGISTRY_MAGIC, NOTE],
    ["kind", "key", "value"],
  ];
  for (const s of reg.sheets) {
    const prints = s.prints ?? "";
    const chunks: string[] = [];
    for (let i = 0; i < prints.length; i += SETTING_CHUNK)
      chunks.push(prints.slice(i, i + SETTING_CHUNK));
    rows.push([
      "sheet",
      s.name,
      s.role,
      s.id ?? "",
      s.token ?? "",
      s.area ?? "",
      s.inputs ?? "",
      ...chunks,
    ]);
  }
  for (const [key, value] of Object.entries(reg.settings)) {
    const chunks: string[] = [];
    for (let i = 0; i < value.length; i += SETTING_CHUNK)
      chunks.push(value.slice(i, i + SETTING_CHUNK));
    rows.push(["setting", key, ...(chunks.length > 0 ? chunks : [""])]);
  }
  for (const h of reg.highlights) rows.push(["highlight", h.sheet, h.cell, h.originalFill ?? ""]);
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return rows.map((r) => [...r, ...Array<string>(width - r.length).fill("")]);
}

function findOwned(reg: Registry, name: string): OwnedSheet | undefined {
  return reg.sheets.find((s) => sameSheetName(s.name, name));
}

/**
 * The record of an existing sheet when the add-in owns it: the record names it and its marker refers
 * to it (see the top of this file); undefined when the sheet is the user's.
 */
export function ownedRecord(reg: Registry, name: string, markers: Markers): OwnedSheet | undefined {
  const rec = findOwned(reg, name);
  if (rec?.token === undefined) return undefined;
  const target = markers.get(markerName(rec.token).toUpperCase());
  return target !== undefined && target !== null && sameSheetName(target, name) ? rec : undefined;
}

/**
 * The role an earlier version of the add-in recorded for a sheet that is not owned: a "sheet" record
 * names it but carries no token (versions before markers wrote none). Such a sheet stays the user's
 * (a forged record looks the same); the role only lets the message say what it looks like and lets
 * the user adopt it, on request, with `planAdopt`.
 */
export function olderRole(reg: Registry, name: string, markers: Markers): string | undefined {
  if (sameSheetName(name, SETTINGS_SHEET) || ownedRecord(reg, name, markers) !== undefined)
    return undefined;
  const rec = findOwned(reg, name);
  return rec !== undefined && rec.token === undefined && rec.role !== "" ? rec.role : undefined;
}

/**
 * Adopting sheets an earlier version wrote (the user asked, after the app checked their content
 * is the add-in's layout): each must exist, not be owned, and carry an older record of that role;
 * otherwise a PortError and nothing changes. The record gets a fresh token and, as its generated
 * area, the sheet's used range `usedArea(name)` (no fingerprints: the next rewrite replaces it whole).
 */
export function planAdopt(
  reg: Registry,
  markers: Markers,
  existing: readonly { readonly name: string }[],
  sheets: readonly { readonly name: string; readonly role: string }[],
  usedArea: (name: string) => string
): { readonly registry: Registry; readonly written: readonly WrittenSheet[] } {
  const written = sheets.map((want): WrittenSheet => {
    const ws = existing.find((e) => sameSheetName(e.name, want.name));
    if (ws === undefined)
      throw new PortError("sheet_not_found", { sheet: want.name }, `no sheet "${want.name}"`);
    if (olderRole(reg, ws.name, markers) !== want.role)
      throw new PortError(
        "sheet_not_owned",
        { sheet: ws.name },
        `sheet "${ws.name}" has no older add-in record of role ${want.role}`
      );
    return {
      name: ws.name,
      role: want.role,
      token: newToken(),
      area: usedArea(ws.name),
      inputs: "",
      prints: "",
    };
  });
  return { registry: withSheets(reg, written), written };
}

/** Whether an existing sheet is the add-in's own ("_dti" always is). */
export function isOwned(reg: Registry, name: string, markers: Markers): boolean {
  if (sameSheetName(name, SETTINGS_SHEET)) return true;
  return ownedRecord(reg, name, markers) !== undefined;
}

/** Markers that no owned record uses any more (their sheets were replaced, deleted or taken over). */
export function staleMarkers(reg: Registry, markers: Markers): string[] {
  const used = new Set(
    reg.sheets.flatMap((s) => (s.token === undefined ? [] : [markerName(s.token).toUpperCase()]))
  );
  return [...markers.keys()].filter(
    (k) => k.startsWith(MARKER_PREFIX.toUpperCase()) && !used.has(k)
  );
}

/** What the registry records about a sheet written now. */
interface WrittenSheet {
  readonly name: string;
  readonly role: string;
  readonly token: string;
  readonly area: string;
  readonly inputs: string;
  readonly prints: string;
}

/** Registry after sheets were written. */
export function withSheets(reg: Registry, written: readonly WrittenSheet[]): Registry {
  const kept = reg.sheets.filter((s) => !written.some((p) => sameSheetName(p.name, s.name)));
  const added = written.map((p): OwnedSheet => ({
    name: p.name,
    role: p.role,
    token: p.token,
    area: p.area,
    inputs: p.inputs,
    prints: p.prints,
  }));
  const specs = written;
  // Highlights on a replaced sheet died with it.
  const highlights = reg.highlights.filter(
    (h) => !specs.some((p) => sameSheetName(p.name, h.sheet))
  );
  return { ...reg, sheets: [...kept, ...added], highlights };
}

export function withoutSheets(reg: Registry, names: readonly string[]): Registry {
  return {
    ...reg,
    sheets: reg.sheets.filter((s) => !names.some((n) => sameSheetName(n, s.name))),
    highlights: reg.highlights.filter((h) => !names.some((n) => sameSheetName(n, h.sheet))),
  };
}

const BAD_SHEET_CHARS = /[[\]:*?/\\]/;

/** Excel's rules for a sheet name; null when fine. */
function sheetNameProblem(name: string): string | null {
  if (name.trim() === "") return "empty";
  if (name.length > 31) return "longer than 31 characters";
  if (BAD_SHEET_CHARS.test(name)) return "contains one of [ ] : * ? / \\";
  if (name.startsWith("'") || name.endsWith("'")) return "starts or ends with an apostrophe";
  if (name.toUpperCase() === "HISTORY") return "'History' is reserved by Excel";
  return null;
}

function checkRange(sheet: string, range: string, single = false): void {
  const ok = single ? parseA1(range) !== null : parseRange(range) !== null;
  if (!ok) throw new PortError("invalid_range", { sheet, range }, `bad range ${range} on ${sheet}`);
}

/** Checks a spec's names and addresses before anything is written (PortError on the first problem). */
function checkSpec(spec: SheetSpec): void {
  const problem = sheetNameProblem(spec.name);
  if (problem !== null || sameSheetName(spec.name, SETTINGS_SHEET))
    throw new PortError(
      "invalid_sheet_name",
      { sheet: spec.name },
      `bad sheet name "${spec.name}": ${problem ?? "reserved"}`
    );
  for (const b of spec.blocks) checkRange(spec.name, b.address, true);
  for (const s of spec.styles ?? []) checkRange(spec.name, s.range);
  for (const m of spec.merges ?? []) checkRange(spec.name, m);
  for (const v of spec.validations ?? []) checkRange(spec.name, v.range);
  for (const c of spec.conditionalFormats ?? []) checkRange(spec.name, c.range);
  for (const t of spec.tables ?? []) checkRange(spec.name, t.range);
  for (const c of spec.charts ?? []) {
    checkRange(spec.name, c.categories);
    checkRange(spec.name, c.values);
    checkRange(spec.name, c.anchor, true);
  }
  for (const w of spec.columnWidths ?? []) checkRange(spec.name, `${w.col}1`, true);
  if (
    spec.pageSetup?.printTitleRows !== undefined &&
    !/^\$?\d+:\$?\d+$/.test(spec.pageSetup.printTitleRows)
  )
    throw new PortError("invalid_range", {
      sheet: spec.name,
      range: spec.pageSetup.printTitleRows,
    });
}

/** One spec's place in an apply: a new sheet, or an owned sheet rewritten in place. */
interface ApplyTarget {
  readonly spec: SheetSpec;
  /** The existing sheet's name (its case as in the workbook), when rewritten in place. */
  readonly existing?: string;
  /** Its record (previous area, inputs, prints), when rewritten in place. */
  readonly record?: OwnedSheet;
  /** The token the sheet carries after the apply (kept when rewritten, fresh when new). */
  readonly token: string;
}

/**
 * The plan for `apply`: every spec checked, no duplicate names, and every existing sheet of the same
 * name owned; otherwise a PortError and nothing may be written. `removeRoles`: owned sheets of these
 * roles that no spec names are removed in the same action (a rebuild that makes fewer sheets).
 */
export function planApply(
  specs: readonly SheetSpec[],
  existing: readonly { readonly name: string }[],
  reg: Registry,
  markers: Markers,
  removeRoles: readonly string[] = []
): { readonly targets: readonly ApplyTarget[]; readonly remove: readonly string[] } {
  const targets = specs.map((spec, i): ApplyTarget => {
    checkSpec(spec);
    if (specs.slice(0, i).some((p) => sameSheetName(p.name, spec.name)))
      throw new PortError("invalid_sheet_name", { sheet: spec.name }, `sheet ${spec.name} twice`);
    const same = existing.find((e) => sameSheetName(e.name, spec.name));
    if (same === undefined) return { spec, token: newToken() };
    const record = ownedRecord(reg, same.name, markers);
    if (record?.token === undefined)
      throw new PortError(
        "sheet_not_owned",
        { sheet: same.name },
        `sheet "${same.name}" was not made by the add-in`
      );
    return { spec, existing: same.name, record, token: record.token };
  });
  const remove = existing
    .filter(
      (e) =>
        !specs.some((p) => sameSheetName(p.name, e.name)) &&
        removeRoles.includes(ownedRecord(reg, e.name, markers)?.role ?? "\u0000")
    )
    .map((e) => e.name);
  return { targets, remove };
}

/** What setHighlights must do: restore old fills, then fill the new cells; and the registry after. */
export function planHighlights(
  reg: Registry,
  sheet: string,
  cells: readonly { readonly cell: string; readonly severity: "error" | "warning" }[],
  currentFill: (cell: string) => string | null
): {
  readonly restore: readonly { readonly cell: string; readonly fill: string | null }[];
  readonly paint: readonly { readonly cell: string; readonly fill: string }[];
  readonly registry: Registry;
} {
  const norm = (c: string): string => c.replace(/\$/g, "").toUpperCase();
  for (const c of cells) checkRange(sheet, c.cell, true);
  const previous = reg.highlights.filter((h) => sameSheetName(h.sheet, sheet));
  const others = reg.highlights.filter((h) => !sameSheetName(h.sheet, sheet));
  const wanted = new Map<string, "error" | "warning">();
  for (const c of cells) {
    const k = norm(c.cell);
    if (wanted.get(k) !== "error") wanted.set(k, c.severity);
  }
  const prevByCell = new Map(previous.map((h) => [norm(h.cell), h]));
  const restore = previous
    .filter((h) => !wanted.has(norm(h.cell)))
    .map((h) => ({ cell: norm(h.cell), fill: h.originalFill }));
  const paint: { cell: string; fill: string }[] = [];
  const records: HighlightRecord[] = [];
  for (const [cell, severity] of wanted) {
    const before = prevByCell.get(cell);
    records.push({
      sheet,
      cell,
      originalFill: before ? before.originalFill : currentFill(cell),
    });
    paint.push({ cell, fill: HIGHLIGHT_FILL[severity] });
  }
  return { restore, paint, registry: { ...reg, highlights: [...others, ...records] } };
}

/**
 * planHighlights for an owned sheet; for a user's sheet nothing is painted or restored (a forged
 * record's "original fill" is never written) and its records are dropped.
 */
export function planOwnedHighlights(
  reg: Registry,
  markers: Markers,
  sheet: string,
  cells: readonly { readonly cell: string; readonly severity: "error" | "warning" }[],
  currentFill: (cell: string) => string | null
): ReturnType<typeof planHighlights> {
  if (isOwned(reg, sheet, markers)) return planHighlights(reg, sheet, cells, currentFill);
  for (const c of cells) checkRange(sheet, c.cell, true);
  return {
    restore: [],
    paint: [],
    registry: { ...reg, highlights: reg.highlights.filter((h) => !sameSheetName(h.sheet, sheet)) },
  };
}

/** Settings after a write: given keys replace, "" removes. */
export function mergeSettings(
  stored: Readonly<Record<string, string>>,
  update: Readonly<Record<string, string>>
): Record<string, string> {
  const out: Record<string, string> = { ...stored };
  for (const [k, v] of Object.entries(update)) {
    if (v === "") delete out[k];
    else out[k] = v;
  }
  return out;
}
