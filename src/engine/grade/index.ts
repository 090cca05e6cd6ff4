/**
 * Grading: which band of a GradeScheme a total falls in, and how many points it still needs for the
 * next band. Bands may leave gaps (TP.HCM 2023: "< 198" and "199 to < 264"): a value in a gap gets
 * `{ kind: "gap" }` naming its neighbours, never an exception.
 */
import type { GradeBand, GradeOutcome, GradeScheme } from "../model/types";
import { comparable, roundTo } from "../numbers/round";

/**
 * Points added on top of an exclusive lower bound to be strictly above it (Lào Cai "> 75%"):
 * 0.01 points, the finest figure provinces publish (2 decimals).
 */
export const EXCLUSIVE_STEP_POINTS = 0.01;

/** The value graded, in the scheme's basis; null when it cannot be computed (max ≤ 0 for %). */
function basisValue(points: number, applicableMax: number, scheme: GradeScheme): number | null {
  if (!Number.isFinite(points)) return null;
  if (scheme.basis === "points") return comparable(points);
  if (!Number.isFinite(applicableMax) || applicableMax <= 0) return null;
  return comparable((points / applicableMax) * 100);
}

function aboveLower(v: number, band: GradeBand): boolean {
  const lo = band.lower;
  if (lo === undefined) return true;
  return lo.inclusive ? v >= lo.value : v > lo.value;
}

function belowUpper(v: number, band: GradeBand): boolean {
  const up = band.upper;
  if (up === undefined) return true;
  return up.inclusive ? v <= up.value : v < up.value;
}

/** True when the band holds the value (in the scheme's basis). */
function bandContains(band: GradeBand, v: number): boolean {
  return aboveLower(v, band) && belowUpper(v, band);
}

/** The grade of a total: its band, a gap between two bands, or none (max ≤ 0, no bands, NaN). */
export function gradeOf(points: number, applicableMax: number, scheme: GradeScheme): GradeOutcome {
  const v = basisValue(points, applicableMax, scheme);
  if (v === null) return { kind: "none" };
  return gradeOfBasis(v, scheme);
}

/** The grade of a value already in the scheme's basis (points, or % of the max). */
export function gradeOfBasis(v: number, scheme: GradeScheme): GradeOutcome {
  if (!Number.isFinite(v) || scheme.bands.length === 0) return { kind: "none" };
  for (const hit of scheme.bands) {
    if (bandContains(hit, v)) return { kind: "band", label: hit.label, labelEn: hit.labelEn };
  }
  const below = nearestBelow(scheme.bands, v);
  const above = nearestAbove(scheme.bands, v);
  return { kind: "gap", below: below?.label ?? null, above: above?.label ?? null };
}

/** The band wholly below v with the highest upper bound. */
function nearestBelow(bands: readonly GradeBand[], v: number): GradeBand | undefined {
  let best: GradeBand | undefined;
  for (const b of bands) {
    if (b.upper === undefined || atOrBelowUpper(b.upper, v)) continue;
    if (best?.upper === undefined || b.upper.value > best.upper.value) best = b;
  }
  return best;
}

/** v is at or below the upper bound (so the band is not wholly below v). */
function atOrBelowUpper(upper: NonNullable<GradeBand["upper"]>, v: number): boolean {
  return upper.inclusive ? v <= upper.value : v < upper.value;
}

/** The band wholly above v with the lowest lower bound. */
function nearestAbove(bands: readonly GradeBand[], v: number): GradeBand | undefined {
  let best: GradeBand | undefined;
  for (const b of bands) {
    if (b.lower === undefined || aboveLower(v, b)) continue;
    if (best?.lower === undefined || b.lower.value < best.lower.value) best = b;
  }
  return best;
}

/**
 * Points still needed to reach the next higher band: for an inclusive lower bound the exact
 * difference; for an exclusive one the difference plus EXCLUSIVE_STEP_POINTS (0.01 points).
 * null in the top band, when ungraded, or when no higher band exists.
 */
export function pointsToNextBand(
  points: number,
  applicableMax: number,
  scheme: GradeScheme
): number | null {
  const v = basisValue(points, applicableMax, scheme);
  if (v === null || scheme.bands.length === 0) return null;
  const next = nearestAbove(scheme.bands, v);
  if (next?.lower === undefined) return null;
  const thresholdPoints =
    scheme.basis === "points" ? next.lower.value : (next.lower.value / 100) * applicableMax;
  const need = thresholdPoints - points + (next.lower.inclusive ? 0 : EXCLUSIVE_STEP_POINTS);
  return Math.max(0, roundTo(need, 9));
}

/**
 * The one text a total in a gap between bands gets everywhere: the ranked sheets (cached value and
 * native formula), DTI.GRADE, the CLI. TP.HCM 2023, 198.5 points: "Chưa xếp loại (giữa Khởi động và
 * Hình thành)". `below` / `above` are the neighbouring bands' labels (null: none on that side).
 */
export function gapLabel(
  below: string | null,
  above: string | null,
  locale: "vi" | "en" = "vi"
): string {
  if (locale === "en") {
    if (below !== null && above !== null) return `Not graded (between ${below} and ${above})`;
    if (above !== null) return `Not graded (below ${above})`;
    if (below !== null) return `Not graded (above ${below})`;
    return "Not graded";
  }
  if (below !== null && above !== null) return `Chưa xếp loại (giữa ${below} và ${above})`;
  if (above !== null) return `Chưa xếp loại (dưới mức ${above})`;
  if (below !== null) return `Chưa xếp loại (trên mức ${below})`;
  return "Chưa xếp loại";
}

/** A grade as text: the band's label, the gap text, or null when it cannot be graded (max ≤ 0). */
export function gradeText(g: GradeOutcome, locale: "vi" | "en" = "vi"): string | null {
  if (g.kind === "band") return locale === "en" ? g.labelEn : g.label;
  if (g.kind === "gap") return gapLabel(g.below, g.above, locale);
  return null;
}
