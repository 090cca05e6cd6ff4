/** Reading function arguments: numbers (Vietnamese-typed text accepted), maxima, ranges, schemes. */
import type { GradeBand, GradeScheme } from "../model/types";
import { parseVnNumber } from "../numbers/vn-number";
import { findProfile, listProfiles } from "../profiles";
import { issueText } from "../messages";
import { isBandRows, schemeFromBandRows } from "../rules";
import {
  failWith,
  isMatrix,
  outputCode,
  isXlError,
  type XlArg,
  type XlError,
  type XlMatrix,
  type XlScalar,
} from "./values";

/** Text of digits and separators only: when that is not a number, it is too large for one. */
const DIGITS_ONLY = /^[+\-\u2212]?[\d.,]+$/;

/** Raises the error value a cell holds, as Excel propagates it (#REF!/#NAME? as #VALUE!, see outputCode). */
function propagate(e: XlError, name: string, where?: CellWhere): never {
  return failWith(outputCode(e.error), "fn_cell_error", { arg: name, ...where, text: e.error });
}

/** A single cell out of a scalar or 1×1 range argument. */
export function scalarOf(arg: XlArg, name: string): XlScalar {
  if (arg === undefined) return null;
  if (!isMatrix(arg)) return arg;
  if (arg.length === 1 && arg[0]!.length === 1) return arg[0]![0]!;
  if (arg.length === 0) return null;
  return failWith("#VALUE!", "fn_one_cell", { arg: name });
}

/**
 * A number or null (blank = not entered). Text typed the Vietnamese way ("8,5") is read; ambiguous
 * text is not. `name` is the parameter; `where` the cell or row (1-based) inside a range argument.
 */
export function cellNumber(v: XlScalar, name: string, where?: CellWhere): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v; // the common case, as parseVnNumber reads it
  if (isXlError(v)) return propagate(v, name, where);
  const at = { arg: name, ...where };
  if (typeof v === "boolean") return failWith("#VALUE!", "fn_boolean_not_number", at);
  const parsed = parseVnNumber(v);
  switch (parsed.kind) {
    case "number":
      return parsed.value;
    case "blank":
      return null;
    case "ambiguous": {
      const [first = 0, second = 0] = parsed.candidates;
      return failWith("#VALUE!", "fn_ambiguous_number", {
        ...at,
        text: parsed.text,
        first,
        second,
      });
    }
    case "error":
      return failWith("#VALUE!", "fn_cell_error", { ...at, text: parsed.text });
    case "not-a-number":
      // Digits and separators only, yet no number: beyond Excel's largest (a 400-digit text).
      if (typeof v === "string" && DIGITS_ONLY.test(v.replace(/\s/g, "")))
        return failWith("#VALUE!", "fn_too_large", { ...at, text: shortText(v.trim()) });
      return failWith("#VALUE!", "fn_not_a_number", { ...at, text: parsed.text });
  }
}

/** At most 24 characters of a text for a message. */
function shortText(s: string): string {
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
}

/** Where a cell sits inside a range argument, for messages: "points ô 3", "scheme dòng 2". */
type CellWhere = { readonly cell: number } | { readonly row: number };

export function optionalNumber(arg: XlArg, name: string, where?: CellWhere): number | null {
  return cellNumber(scalarOf(arg, name), name, where);
}

/** A maximum: must be > 0 (#VALUE! otherwise). Blank or omitted → `fallback` when given. */
export function maxOf(arg: XlArg, name: string, fallback?: number, where?: CellWhere): number {
  const n = optionalNumber(arg, name, where);
  if (n === null) {
    if (fallback !== undefined) return fallback;
    return failWith("#VALUE!", "fn_max_missing", { arg: name });
  }
  if (!(n > 0)) return failWith("#VALUE!", "fn_max_invalid", { value: n });
  return n;
}

/** Points between 0 and max (#NUM! outside: a total cannot exceed its maximum). */
export function checkPointsInRange(points: number, max: number): void {
  if (points < 0) failWith("#NUM!", "fn_points_negative", { value: points });
  if (points > max + 1e-9) failWith("#NUM!", "fn_points_above_max", { value: points, max });
}

/** A range as a list of cells, row by row; a scalar becomes a one-cell list; omitted → []. */
export function cellsOf(arg: XlArg): XlScalar[] {
  if (arg === undefined) return [];
  if (!isMatrix(arg)) return [arg];
  const out: XlScalar[] = [];
  for (const row of arg) for (let j = 0; j < row.length; j++) out.push(row[j]!);
  return out;
}

export function sameSize(a: XlScalar[], b: XlScalar[], nameA: string, nameB: string): void {
  if (a.length !== b.length) {
    failWith("#VALUE!", "fn_sizes_differ", { a: nameA, na: a.length, b: nameB, nb: b.length });
  }
}

// ---------------------------------------------------------------------------------------------
// Grade schemes
// ---------------------------------------------------------------------------------------------

const incl = (value: number) => ({ value, inclusive: true });
const excl = (value: number) => ({ value, inclusive: false });

/** The default bands: Sơn La 2024 on % of the maximum (Tốt ≥ 85; Khá 70 to < 85; Trung bình 50 to < 70; Yếu < 50). */
export const DEFAULT_SCHEME: GradeScheme = {
  basis: "percent",
  bands: [
    { label: "Tốt", labelEn: "Good", lower: incl(85) },
    { label: "Khá", labelEn: "Fairly good", lower: incl(70), upper: excl(85) },
    { label: "Trung bình", labelEn: "Average", lower: incl(50), upper: excl(70) },
    { label: "Yếu", labelEn: "Weak", upper: excl(50) },
  ],
};

interface ResolvedScheme {
  readonly scheme: GradeScheme;
  /** The maximum used when the max argument is omitted: the profile's scale, else 100. */
  readonly defaultMax: number;
}

function isBlankCell(v: XlScalar | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

const DEFAULT_RESOLVED: ResolvedScheme = { scheme: DEFAULT_SCHEME, defaultMax: 100 };
/** Built-in profiles never change: a profile id is resolved once, then read from here. */
const BY_PROFILE_ID = new Map<string, ResolvedScheme>();

/** Reads the scheme argument: omitted → Sơn La bands; text → built-in profile id; a range → bands. */
export function resolveScheme(arg: XlArg): ResolvedScheme {
  if (arg === undefined || arg === null) return DEFAULT_RESOLVED;
  const only = isMatrix(arg) ? (arg.length === 1 && arg[0]!.length === 1 ? arg[0]![0] : null) : arg;
  const id = typeof only === "string" ? only : null;
  if (id !== null) {
    const known = BY_PROFILE_ID.get(id);
    if (known !== undefined) return known;
  }
  const r = resolveSchemeUncached(arg);
  if (id !== null && r.scheme !== DEFAULT_SCHEME) BY_PROFILE_ID.set(id, r);
  return r;
}

function resolveSchemeUncached(arg: XlArg): ResolvedScheme {
  if (arg === undefined) return DEFAULT_RESOLVED;
  const cells = cellsOf(arg);
  if (cells.every(isBlankCell)) return { scheme: DEFAULT_SCHEME, defaultMax: 100 };
  if (cells.length === 1) {
    const only = cells[0]!;
    if (isXlError(only)) return propagate(only, "scheme");
    if (typeof only !== "string") {
      return failWith("#VALUE!", "fn_scheme_not_text");
    }
    const id = only.trim().toLowerCase();
    const profile = findProfile(id);
    if (profile === undefined) {
      const ids = listProfiles()
        .map((pr) => pr.id)
        .join(", ");
      return failWith("#N/A", "fn_unknown_profile", { id: only, ids });
    }
    if (profile.gradeScheme === null) {
      return failWith("#N/A", "fn_profile_no_bands", { id: profile.id });
    }
    return { scheme: profile.gradeScheme, defaultMax: profile.scale };
  }
  if (!isMatrix(arg)) return { scheme: DEFAULT_SCHEME, defaultMax: 100 };
  return { scheme: bandsFromRange(arg), defaultMax: 100 };
}

/**
 * Bands from a range, one band per row: lower bound (% of max; blank = no lower bound), label,
 * and optionally "incl" (default: the band starts at its bound) or "excl" (starts above it).
 * Each band ends where the next higher one starts, so a range never leaves a gap.
 */
export function bandsFromRange(range: XlMatrix): GradeScheme {
  // The rules sheet's band rows ('Quy tắc'!A31:H34): label, English, bounds, kinds, basis, wording.
  const cellsOnly = range.map((r) => r.map((v) => (isXlError(v) ? { error: v.error } : v)));
  if (isBandRows(cellsOnly)) {
    const res = schemeFromBandRows(cellsOnly);
    if (res.ok) return res.scheme;
    const first = res.issues.find((i) => i.severity === "error") ?? res.issues[0];
    const where = first?.cell !== undefined ? ` (${first.cell.cell})` : "";
    if (first === undefined) return failWith("#VALUE!", "fn_bands_empty");
    return failWith("#VALUE!", "fn_bands_rules", {
      where,
      issueVi: issueText(first, "vi"),
      issueEn: issueText(first, "en"),
    });
  }
  const rows: {
    lower: { value: number; inclusive: boolean } | null;
    label: string;
    row: number;
  }[] = [];
  range.forEach((r, i) => {
    if (r.every(isBlankCell)) return;
    const row = i + 1;
    const lowerCell = r[0] ?? null;
    const labelCell = r[1] ?? null;
    const flagCell = r[2] ?? null;
    if (typeof labelCell !== "string" || labelCell.trim() === "") {
      failWith("#VALUE!", "fn_bands_label", { row });
    }
    const lower = isBlankCell(lowerCell) ? null : cellNumber(lowerCell, "scheme", { row });
    let inclusive = true;
    if (!isBlankCell(flagCell)) {
      const f = typeof flagCell === "string" ? flagCell.trim().toLowerCase() : "?";
      if (f === "excl" || f === ">") inclusive = false;
      else if (f !== "incl" && f !== ">=" && f !== "≥") {
        failWith("#VALUE!", "fn_bands_flag", { row });
      }
    }
    rows.push({
      lower: lower === null ? null : { value: lower, inclusive },
      label: labelCell.trim(),
      row: i,
    });
  });
  if (rows.length === 0) {
    return failWith("#VALUE!", "fn_bands_empty");
  }
  rows.sort((a, b) => (b.lower?.value ?? -Infinity) - (a.lower?.value ?? -Infinity));
  const bands: GradeBand[] = [];
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    if (prev !== undefined && (prev.lower?.value ?? -Infinity) === (r.lower?.value ?? -Infinity)) {
      failWith("#VALUE!", "fn_bands_same_bound", { a: prev.label, b: r.label });
    }
    bands.push({
      label: r.label,
      labelEn: r.label,
      ...(r.lower !== null ? { lower: r.lower } : {}),
      ...(prev?.lower
        ? { upper: { value: prev.lower.value, inclusive: !prev.lower.inclusive } }
        : {}),
    });
  });
  return { basis: "percent", bands };
}
