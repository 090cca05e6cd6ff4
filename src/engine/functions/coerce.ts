/** Reading function arguments: numbers (Vietnamese-typed text accepted), maxima, ranges, schemes. */
import type { GradeBand, GradeScheme } from "../model/types";
import { parseVnNumber } from "../numbers/vn-number";
import { findProfile } from "../profiles";
import {
  fail,
  fmt,
  isMatrix,
  isXlError,
  type XlArg,
  type XlError,
  type XlMatrix,
  type XlScalar,
} from "./values";

/** Raises the error value a cell holds, as Excel propagates it. */
export function propagate(e: XlError): never {
  fail(e.error, e.message, e.messageEn);
}

/** A single cell out of a scalar or 1×1 range argument. */
export function scalarOf(arg: XlArg, name: string): XlScalar {
  if (arg === undefined) return null;
  if (!isMatrix(arg)) return arg;
  if (arg.length === 1 && arg[0]!.length === 1) return arg[0]![0]!;
  if (arg.length === 0) return null;
  return fail(
    "#VALUE!",
    `Tham số ${name} cần một ô, không phải một vùng nhiều ô.`,
    `Parameter ${name} takes one cell, not a range.`
  );
}

/** A number or null (blank = not entered). Text typed the Vietnamese way ("8,5") is read; ambiguous text is not. */
export function cellNumber(v: XlScalar, name: string): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v; // the common case, as parseVnNumber reads it
  if (isXlError(v)) return propagate(v);
  if (typeof v === "boolean") {
    return fail(
      "#VALUE!",
      `${name}: cần một số, không phải giá trị đúng/sai.`,
      `${name}: expected a number, not TRUE/FALSE.`
    );
  }
  const parsed = parseVnNumber(v);
  switch (parsed.kind) {
    case "number":
      return parsed.value;
    case "blank":
      return null;
    case "ambiguous": {
      const [a = 0, b = 0] = parsed.candidates;
      return fail(
        "#VALUE!",
        `${name}: không rõ "${parsed.text}" là ${fmt(a)} hay ${fmt(b)}. Hãy nhập số rõ ràng (dấu phẩy cho phần thập phân).`,
        `${name}: "${parsed.text}" could be ${fmt(a, "en")} or ${fmt(b, "en")}. Type the number unambiguously.`
      );
    }
    case "error":
      return fail(
        "#VALUE!",
        `${name}: ô có lỗi ${parsed.text}.`,
        `${name}: the cell holds ${parsed.text}.`
      );
    case "not-a-number":
      return fail(
        "#VALUE!",
        `${name}: "${parsed.text}" không phải một con số.`,
        `${name}: "${parsed.text}" is not a number.`
      );
  }
}

export function optionalNumber(arg: XlArg, name: string): number | null {
  return cellNumber(scalarOf(arg, name), name);
}

export function requiredNumber(arg: XlArg, name: string): number {
  const n = optionalNumber(arg, name);
  if (n === null) {
    return fail("#VALUE!", `Thiếu ${name}: ô trống.`, `${name} is missing: the cell is blank.`);
  }
  return n;
}

/** A maximum: must be > 0 (#VALUE! otherwise). Blank or omitted → `fallback` when given. */
export function maxOf(arg: XlArg, name: string, fallback?: number): number {
  const n = optionalNumber(arg, name);
  if (n === null) {
    if (fallback !== undefined) return fallback;
    return fail("#VALUE!", `Thiếu điểm tối đa (${name}).`, `The maximum (${name}) is missing.`);
  }
  if (!(n > 0)) {
    return fail(
      "#VALUE!",
      `Điểm tối đa ${fmt(n)} không hợp lệ: phải lớn hơn 0.`,
      `Maximum ${fmt(n, "en")} is invalid: it must be greater than 0.`
    );
  }
  return n;
}

/** Points between 0 and max (#NUM! outside: a total cannot exceed its maximum). */
export function checkPointsInRange(points: number, max: number): void {
  if (points < 0) {
    fail("#NUM!", `Điểm ${fmt(points)} là số âm.`, `Points ${fmt(points, "en")} are negative.`);
  }
  if (points > max + 1e-9) {
    fail(
      "#NUM!",
      `Điểm ${fmt(points)} vượt điểm tối đa ${fmt(max)}.`,
      `Points ${fmt(points, "en")} exceed the maximum ${fmt(max, "en")}.`
    );
  }
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
    fail(
      "#VALUE!",
      `Vùng ${nameA} (${a.length} ô) và ${nameB} (${b.length} ô) phải có cùng số ô.`,
      `Ranges ${nameA} (${a.length} cells) and ${nameB} (${b.length} cells) must have the same size.`
    );
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

export interface ResolvedScheme {
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
    if (isXlError(only)) return propagate(only);
    if (typeof only !== "string") {
      return fail(
        "#VALUE!",
        `Thang xếp loại phải là mã bộ quy tắc (ví dụ "sonla-2024") hoặc một vùng các mức.`,
        `The scheme must be a rule profile id (e.g. "sonla-2024") or a range of bands.`
      );
    }
    const id = only.trim().toLowerCase();
    const profile = findProfile(id);
    if (profile === undefined) {
      return fail(
        "#N/A",
        `Không có bộ quy tắc "${only}". Dùng một trong: sonla-2024, laocai-2022, laocai-2023, kontum-2022, hcm-2023, national-922, sample.`,
        `No rule profile "${only}". Use one of: sonla-2024, laocai-2022, laocai-2023, kontum-2022, hcm-2023, national-922, sample.`
      );
    }
    if (profile.gradeScheme === null) {
      return fail(
        "#N/A",
        `Bộ quy tắc "${profile.id}" không công bố thang xếp loại nên không xếp loại được.`,
        `Rule profile "${profile.id}" publishes no grade bands, so nothing can be graded.`
      );
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
  const rows: {
    lower: { value: number; inclusive: boolean } | null;
    label: string;
    row: number;
  }[] = [];
  range.forEach((r, i) => {
    if (r.every(isBlankCell)) return;
    const where = `dòng ${i + 1}`;
    const whereEn = `row ${i + 1}`;
    const lowerCell = r[0] ?? null;
    const labelCell = r[1] ?? null;
    const flagCell = r[2] ?? null;
    if (typeof labelCell !== "string" || labelCell.trim() === "") {
      fail(
        "#VALUE!",
        `Thang xếp loại, ${where}: cột 2 phải là tên mức (ví dụ "Tốt").`,
        `Grade bands, ${whereEn}: column 2 must be the band's label (e.g. "Good").`
      );
    }
    const lower = isBlankCell(lowerCell) ? null : cellNumber(lowerCell, `ngưỡng ${where}`);
    let inclusive = true;
    if (!isBlankCell(flagCell)) {
      const f = typeof flagCell === "string" ? flagCell.trim().toLowerCase() : "?";
      if (f === "excl" || f === ">") inclusive = false;
      else if (f !== "incl" && f !== ">=" && f !== "≥") {
        fail(
          "#VALUE!",
          `Thang xếp loại, ${where}: cột 3 phải là "incl" (từ ngưỡng) hoặc "excl" (trên ngưỡng).`,
          `Grade bands, ${whereEn}: column 3 must be "incl" or "excl".`
        );
      }
    }
    rows.push({
      lower: lower === null ? null : { value: lower, inclusive },
      label: labelCell.trim(),
      row: i,
    });
  });
  if (rows.length === 0) {
    return fail("#VALUE!", "Thang xếp loại trống.", "The grade band range is empty.");
  }
  rows.sort((a, b) => (b.lower?.value ?? -Infinity) - (a.lower?.value ?? -Infinity));
  const bands: GradeBand[] = [];
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    if (prev !== undefined && (prev.lower?.value ?? -Infinity) === (r.lower?.value ?? -Infinity)) {
      fail(
        "#VALUE!",
        `Thang xếp loại: hai mức "${prev.label}" và "${r.label}" có cùng ngưỡng.`,
        `Grade bands: "${prev.label}" and "${r.label}" have the same lower bound.`
      );
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
