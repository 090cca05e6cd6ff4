/**
 * Is the entry sheet written for the set in force? After the user confirms a different indicator
 * set, the old "Nhập điểm" still holds the old indicator rows; ranking it would silently use them
 * (issue 13 item 6). The difference, in codes, lets the build say why not.
 */
import type { Indicator, IndicatorSet, Issue } from "./model/types";

export interface SetDifference {
  /** Scored indicators of the confirmed set the sheet lacks. */
  readonly missing: readonly string[];
  /** Scored indicators on the sheet the confirmed set lacks. */
  readonly extra: readonly string[];
  /** Indicators whose max differs. */
  readonly maxChanged: readonly string[];
}

function scored(indicators: readonly Indicator[]): Map<string, Indicator> {
  return new Map(indicators.filter((i) => i.scored).map((i) => [i.code, i]));
}

/** The difference between the confirmed set and the one read from the sheet; null when they agree. */
export function compareSets(confirmed: IndicatorSet, onSheet: IndicatorSet): SetDifference | null {
  const want = scored(confirmed.indicators);
  const have = scored(onSheet.indicators);
  // A confirmed set without indicator rows (a profile's main indices only) constrains nothing.
  if (want.size === 0) return null;
  const missing = [...want.keys()].filter((c) => !have.has(c));
  const extra = [...have.keys()].filter((c) => !want.has(c));
  // Leaves only: a main index's max may be derived (sum of its components) on one side.
  const parents = new Set(confirmed.indicators.map((i) => i.parentCode));
  const maxChanged = [...want.values()]
    .filter((i) => {
      if (parents.has(i.code)) return false;
      const h = have.get(i.code);
      return h !== undefined && h.maxPoints !== i.maxPoints;
    })
    .map((i) => i.code);
  const differs =
    missing.length > 0 ||
    extra.length > 0 ||
    maxChanged.length > 0 ||
    confirmed.profile.id !== onSheet.profile.id;
  return differs ? { missing, extra, maxChanged } : null;
}

function list(codes: readonly string[]): string {
  return codes.length <= 6 ? codes.join(", ") : `${codes.slice(0, 6).join(", ")}, …`;
}

/** The issue a build raises when the entry sheet was written for another set. */
export function setMismatchIssue(sheet: string, confirmed: IndicatorSet, d: SetDifference): Issue {
  return {
    code: "entry_set_mismatch",
    severity: "error",
    cell: { sheet, cell: "A1" },
    params: {
      sheet,
      setName: confirmed.profile.name,
      missing: list(d.missing),
      extra: list(d.extra),
      maxChanged: list(d.maxChanged),
    },
  };
}
