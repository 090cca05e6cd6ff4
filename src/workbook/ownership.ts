/**
 * The add-in's ownership marker and settings, stored the same way by every adapter so that a file
 * written by the CLI (ExcelJS) is recognised in Excel (Office.js) and in the preview (memory):
 * a hidden sheet named "_dti" holding a small registry, one record per row, all cells text.
 *
 *   row 1   MAGIC | a note for a curious user (vi / en)
 *   row 2   kind  | key   | value...           (headers)
 *   row 3+  sheet | <sheet name> | <role> | <host sheet id, when known>
 *           setting | <key> | <value chunk 1> | <value chunk 2> ...  (values split at 30,000 chars)
 *           highlight | <sheet> | <cell> | <the cell's fill before the highlight, "" for none>
 *
 * A sheet is owned when a "sheet" record names it (names compare case-insensitively, as in Excel).
 * A user who renames an owned sheet takes it over: the record no longer matches, so it is never replaced.
 * Pure functions only: the adapters read and write the grid.
 */
import { parseA1, parseRange } from "../engine/address";
import type { CellValue } from "../engine/model/types";
import type { SheetSpec } from "../engine/sheets/spec";
import { PortError } from "./port";

export const SETTINGS_SHEET = "_dti";
export const REGISTRY_MAGIC = "dti-for-excel/registry/v1";
const NOTE =
  "Trang cài đặt của DTI for Excel, vui lòng không sửa / DTI for Excel settings, please do not edit";
/** Excel keeps at most 32,767 characters in a cell. */
export const SETTING_CHUNK = 30000;

export interface OwnedSheet {
  readonly name: string;
  readonly role: string;
  /** The host's stable sheet id (Office.js), when known: a recreated user sheet of the same name has another id. */
  readonly id?: string;
}

export interface HighlightRecord {
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
export const HIGHLIGHT_FILL = { error: "#FFC7CE", warning: "#FFEB9C" } as const;

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
      const id = text(row[3]);
      sheets.push(
        id === "" ? { name: key, role: text(row[2]) } : { name: key, role: text(row[2]), id }
      );
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
  for (const s of reg.sheets) rows.push(["sheet", s.name, s.role, s.id ?? ""]);
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

export function findOwned(reg: Registry, name: string): OwnedSheet | undefined {
  return reg.sheets.find((s) => sameSheetName(s.name, name));
}

/** Whether an existing sheet is the add-in's own (the id must match too when both are known). */
export function isOwned(reg: Registry, name: string, id?: string): boolean {
  if (sameSheetName(name, SETTINGS_SHEET)) return true;
  const rec = findOwned(reg, name);
  if (!rec) return false;
  return rec.id === undefined || id === undefined || rec.id === id;
}

/** Registry after `specs` were written (ids from `ids` by sheet name when the host has them). */
export function withSheets(
  reg: Registry,
  specs: readonly Pick<SheetSpec, "name" | "role">[],
  ids: ReadonlyMap<string, string> = new Map()
): Registry {
  const kept = reg.sheets.filter((s) => !specs.some((p) => sameSheetName(p.name, s.name)));
  const added = specs.map((p): OwnedSheet => {
    const id = ids.get(p.name);
    return id === undefined ? { name: p.name, role: p.role } : { name: p.name, role: p.role, id };
  });
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
export function sheetNameProblem(name: string): string | null {
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
export function checkSpec(spec: SheetSpec): void {
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

/**
 * The plan for `apply`: every spec checked, no duplicate names, and every existing sheet of the same
 * name owned; otherwise a PortError and nothing may be written. Returns the existing names to replace.
 */
export function planApply(
  specs: readonly SheetSpec[],
  existing: readonly { readonly name: string; readonly id?: string }[],
  reg: Registry
): { readonly replace: readonly string[] } {
  const replace: string[] = [];
  specs.forEach((spec, i) => {
    checkSpec(spec);
    if (specs.slice(0, i).some((p) => sameSheetName(p.name, spec.name)))
      throw new PortError("invalid_sheet_name", { sheet: spec.name }, `sheet ${spec.name} twice`);
    const same = existing.find((e) => sameSheetName(e.name, spec.name));
    if (same === undefined) return;
    if (!isOwned(reg, same.name, same.id))
      throw new PortError(
        "sheet_not_owned",
        { sheet: same.name },
        `sheet "${same.name}" was not made by the add-in`
      );
    replace.push(same.name);
  });
  return { replace };
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
