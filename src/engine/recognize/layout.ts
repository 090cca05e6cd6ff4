/**
 * What the recogniser made of a table, as data the user can read and correct: which rows head it,
 * the role of each column, the scale of the figures, what was left out and why. Overrides are the
 * user's corrections (CLI `--column D=total --scale index`, the pane's layout panel, or the layout
 * stored in the workbook's settings), applied before anything is guessed.
 */
import { a1, parseA1 } from "../address";

/** Roles a column can have in a layout (forms and matrices add their own: code, name, max, self…). */
export type ColumnRole =
  | "unit"
  | "group"
  | "code"
  | "name"
  | "max"
  | "self"
  | "appraised"
  | "evidence"
  | "main"
  | "total"
  | "percent"
  | "rank"
  | "grade"
  | "note"
  | "ignore";

export const OVERRIDE_ROLES: readonly ColumnRole[] = [
  "unit",
  "group",
  "code",
  "main",
  "total",
  "percent",
  "rank",
  "grade",
  "note",
  "ignore",
];

/** How figures are written: points, % of the applicable maximum, or a 0..1 index (points / max). */
export type Scale = "points" | "percent" | "index";
export const SCALES: readonly Scale[] = ["points", "percent", "index"];

/** Why a column or row was not used. */
export type LeftOutReason =
  | "hidden"
  | "last-year"
  | "not-an-index"
  | "total-used"
  | "mains-used"
  | "override"
  | "text-without-figures"
  | "after-table"
  | "total-row"
  | "numbering-row";

export interface LayoutColumn {
  /** Column letter ("D"). */
  readonly col: string;
  readonly header: string;
  readonly role: ColumnRole;
  /** Main index columns: the index code, name and maximum. */
  readonly code?: string;
  readonly name?: string;
  readonly maxPoints?: number | null;
  readonly scale?: Scale;
  /** Where the role came from. */
  readonly from: "header" | "profile" | "values" | "override";
  /** For role "ignore": why. */
  readonly reason?: LeftOutReason;
}

export interface LeftOut {
  /** "D" for a column, "D12" / "12" for a row. */
  readonly where: string;
  readonly text: string;
  readonly reason: LeftOutReason;
}

export interface TableLayout {
  readonly sheet: string;
  /** 1-based header rows (one or two). */
  readonly headerRows: readonly number[];
  readonly firstDataRow: number;
  readonly lastDataRow: number;
  readonly columns: readonly LayoutColumn[];
  readonly scale: Scale;
  readonly scaleFrom: "header" | "profile" | "values" | "override" | "default";
  /** Where each unit's group came from. */
  readonly groupsFrom:
    "column" | "sections" | "units-sheet" | "names" | "merged" | "single" | "none";
  readonly leftOut: readonly LeftOut[];
}

export interface LayoutOverrides {
  readonly sheet?: string;
  /** The header row (the last one when the header has two). */
  readonly headerRow?: number;
  /** Column letter → role; "main:CODE" maps a column to a main index. */
  readonly columns?: Readonly<Record<string, string>>;
  /** Column letter or indicator code → maximum points. */
  readonly maxima?: Readonly<Record<string, number>>;
  readonly scale?: Scale;
}

/** The group id of "all units ranked together" (profile groups sharing one maximum, none told). */
export const MERGED_GROUP_ID = "all-units";

export function colLetter(col: number): string {
  return a1(1, col).slice(0, -1);
}

export function colNumber(letter: string): number | null {
  const p = parseA1(`${letter.trim().toUpperCase()}1`);
  return p === null ? null : p.col;
}

/** An override's role for a column ("main:3" → main index 3), or undefined. */
export function overrideRole(
  overrides: LayoutOverrides | undefined,
  col: number
): { role: ColumnRole; code?: string } | undefined {
  const cols = overrides?.columns;
  if (cols === undefined) return undefined;
  const letter = colLetter(col);
  const v = cols[letter] ?? cols[letter.toLowerCase()];
  if (v === undefined) return undefined;
  const [role, code] = v.split(":");
  if (role === "main") return code !== undefined && code !== "" ? { role, code } : { role };
  return OVERRIDE_ROLES.includes(role as ColumnRole) ? { role: role as ColumnRole } : undefined;
}

interface OverrideParseError {
  readonly text: string;
  readonly expected: string;
}

/**
 * `--column D=total,E=ignore`, `--max D=1000`, `--scale index`, `--header-row 6` → overrides, or the
 * first part that cannot be read (what it was and what was expected).
 */
export function parseOverrides(input: {
  readonly column?: string;
  readonly max?: string;
  readonly scale?: string;
  readonly headerRow?: string;
}): { ok: true; value: LayoutOverrides } | { ok: false; error: OverrideParseError } {
  const columns: Record<string, string> = {};
  const maxima: Record<string, number> = {};
  for (const part of (input.column ?? "").split(",").filter((p) => p.trim() !== "")) {
    const m = /^\s*([A-Za-z]{1,3})\s*=\s*([a-z]+(?::[\w.]+)?)\s*$/.exec(part);
    const role = m?.[2]?.split(":")[0];
    if (m?.[1] === undefined || m[2] === undefined || !OVERRIDE_ROLES.includes(role as ColumnRole))
      return { ok: false, error: { text: part, expected: `D=${OVERRIDE_ROLES.join("|")}` } };
    columns[m[1].toUpperCase()] = m[2];
  }
  for (const part of (input.max ?? "").split(",").filter((p) => p.trim() !== "")) {
    const m = /^\s*([\w.]+)\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (m?.[1] === undefined || m[2] === undefined)
      return { ok: false, error: { text: part, expected: "D=1000" } };
    maxima[m[1]] = Number(m[2]);
  }
  let scale: Scale | undefined;
  if (input.scale !== undefined) {
    if (!SCALES.includes(input.scale as Scale))
      return { ok: false, error: { text: input.scale, expected: SCALES.join("|") } };
    scale = input.scale as Scale;
  }
  let headerRow: number | undefined;
  if (input.headerRow !== undefined) {
    const n = Number(input.headerRow);
    if (!Number.isInteger(n) || n < 1)
      return { ok: false, error: { text: input.headerRow, expected: "6" } };
    headerRow = n;
  }
  return {
    ok: true,
    value: {
      ...(Object.keys(columns).length > 0 ? { columns } : {}),
      ...(Object.keys(maxima).length > 0 ? { maxima } : {}),
      ...(scale !== undefined ? { scale } : {}),
      ...(headerRow !== undefined ? { headerRow } : {}),
    },
  };
}

/** Overrides as the CLI arguments that give them (shown under a printed layout). */
export function overridesAsArgs(o: LayoutOverrides): string {
  const out: string[] = [];
  if (o.columns !== undefined && Object.keys(o.columns).length > 0)
    out.push(
      `--column ${Object.entries(o.columns)
        .map(([k, v]) => `${k}=${v}`)
        .join(",")}`
    );
  if (o.maxima !== undefined && Object.keys(o.maxima).length > 0)
    out.push(
      `--max ${Object.entries(o.maxima)
        .map(([k, v]) => `${k}=${v}`)
        .join(",")}`
    );
  if (o.scale !== undefined) out.push(`--scale ${o.scale}`);
  if (o.headerRow !== undefined) out.push(`--header-row ${o.headerRow}`);
  return out.join(" ");
}

/** The workbook setting under which a confirmed layout is stored (JSON of LayoutOverrides). */
export const LAYOUT_SETTING = "dti.layout";

/** A stored layout read back; null when absent or not a layout (never throws). */
export function decodeLayoutSetting(text: string | undefined): LayoutOverrides | null {
  if (text === undefined || text.trim() === "") return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const columns: Record<string, string> = {};
  if (typeof o["columns"] === "object" && o["columns"] !== null)
    for (const [k, r] of Object.entries(o["columns"] as Record<string, unknown>))
      if (typeof r === "string" && colNumber(k) !== null) columns[k.toUpperCase()] = r;
  const maxima: Record<string, number> = {};
  if (typeof o["maxima"] === "object" && o["maxima"] !== null)
    for (const [k, m] of Object.entries(o["maxima"] as Record<string, unknown>))
      if (typeof m === "number" && Number.isFinite(m) && m > 0) maxima[k] = m;
  const scale = SCALES.find((s) => s === o["scale"]);
  const headerRow =
    typeof o["headerRow"] === "number" && Number.isInteger(o["headerRow"]) && o["headerRow"] > 0
      ? o["headerRow"]
      : undefined;
  const sheet = typeof o["sheet"] === "string" && o["sheet"] !== "" ? o["sheet"] : undefined;
  return {
    ...(sheet !== undefined ? { sheet } : {}),
    ...(Object.keys(columns).length > 0 ? { columns } : {}),
    ...(Object.keys(maxima).length > 0 ? { maxima } : {}),
    ...(scale !== undefined ? { scale } : {}),
    ...(headerRow !== undefined ? { headerRow } : {}),
  };
}

/** Overrides given now laid over stored ones (columns and maxima merged, the rest replaced). */
export function mergeOverrides(
  stored: LayoutOverrides | null,
  given: LayoutOverrides | null
): LayoutOverrides | undefined {
  if (stored === null && given === null) return undefined;
  const s = stored ?? {};
  const g = given ?? {};
  const columns = { ...(s.columns ?? {}), ...(g.columns ?? {}) };
  const maxima = { ...(s.maxima ?? {}), ...(g.maxima ?? {}) };
  const sheet = g.sheet ?? s.sheet;
  const scale = g.scale ?? s.scale;
  const headerRow = g.headerRow ?? s.headerRow;
  return {
    ...(sheet !== undefined ? { sheet } : {}),
    ...(Object.keys(columns).length > 0 ? { columns } : {}),
    ...(Object.keys(maxima).length > 0 ? { maxima } : {}),
    ...(scale !== undefined ? { scale } : {}),
    ...(headerRow !== undefined ? { headerRow } : {}),
  };
}

/** The overrides that reproduce a layout exactly (what the pane stores when the user confirms). */
export function overridesOfLayout(layout: TableLayout): LayoutOverrides {
  const columns: Record<string, string> = {};
  const maxima: Record<string, number> = {};
  for (const c of layout.columns) {
    if (c.role === "main" && c.code !== undefined) columns[c.col] = `main:${c.code}`;
    else columns[c.col] = c.role;
    if (
      c.maxPoints !== undefined &&
      c.maxPoints !== null &&
      (c.role === "main" || c.role === "total")
    )
      maxima[c.col] = c.maxPoints;
  }
  return {
    sheet: layout.sheet,
    headerRow: layout.headerRows[layout.headerRows.length - 1] ?? layout.firstDataRow - 1,
    columns,
    ...(Object.keys(maxima).length > 0 ? { maxima } : {}),
    scale: layout.scale,
  };
}
