/** Turns engine and use-case results into the components' view models, in the user's language. */
import type { LoadedSet } from "../../app/load-indicator-set";
import {
  formatIssue,
  type IndicatorSet,
  type Issue,
  issueText,
  issueWhere,
  type Locale,
  paramsOf,
  type RuleProfile,
  nameIn,
} from "../../engine";
import { NUMBER_LOCALE } from "../i18n";
import type { ProgressRaw } from "./pane-state";
import type { IssueView, LoadedView, ProgressUnitView, ProgressView } from "./types";

/** A number as the user reads it: "8,5" in Vietnamese, "8.5" in English. */
export function formatNumber(x: number, locale: Locale, decimals = 2): string {
  return new Intl.NumberFormat(NUMBER_LOCALE[locale], {
    maximumFractionDigits: decimals,
  }).format(x);
}

/** "1287/QĐ-UBND (2024), UBND tỉnh Sơn La" */
export function sourceText(profile: RuleProfile): string {
  const s = profile.source;
  return `${s.decision} (${s.year}), ${s.issuer}${s.note ? ` (${s.note})` : ""}`;
}

export function loadedView(loaded: LoadedSet, issues: number, locale: Locale): LoadedView {
  const { summary, set } = loaded;
  const p = set.profile;
  return {
    name: nameIn(p, locale),
    source: sourceText(p),
    groups: p.groups.map((g) => ({
      name: nameIn(g, locale),
      maxPoints: g.maxPoints,
    })),
    mainIndices: summary.mainIndices.length,
    components: summary.componentCount,
    maxPoints: summary.maxPoints,
    units: loaded.recognized ? loaded.recognized.units.length : null,
    from: loaded.sourceName,
    issues,
    ...(loaded.recognized?.tableLayout !== undefined
      ? { layout: loaded.recognized.tableLayout }
      : {}),
    indicators: set.indicators,
  };
}

function issueKey(i: Issue, n: number): string {
  return `${i.code}|${i.cell?.sheet ?? ""}!${i.cell?.cell ?? ""}|${i.unit ?? ""}|${i.indicator ?? ""}|${n}`;
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Issue views, errors first, each with its text and the safe fix offered (if any). */
export function issueViews(
  issues: readonly Issue[],
  locale: Locale,
  fixOf: (i: Issue) => { readonly value: number; readonly before: string } | null
): IssueView[] {
  return issues
    .map((issue, n) => {
      const fix = fixOf(issue);
      const unitName = paramsOf(issue)["unitName"];
      return {
        key: issueKey(issue, n),
        issue,
        severity: issue.severity,
        where: issueWhere(issue),
        text: issueText(issue, locale),
        unit: typeof unitName === "string" && unitName !== "" ? unitName : (issue.unit ?? null),
        indicator: issue.indicator ?? null,
        fix: fix ? { before: fix.before, after: formatNumber(fix.value, locale, 6) } : null,
      };
    })
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

/** "Tiến độ" by group (the set's order, agencies without a group last), with the totals. */
export function progressView(
  raw: ProgressRaw,
  set: IndicatorSet | null,
  locale: Locale
): ProgressView {
  if (raw.kind === "none") return { kind: "none" };
  if (raw.kind === "unreadable")
    return { kind: "unreadable", problems: raw.issues.map((i) => formatIssue(i, locale)) };
  const groups = (set?.profile.groups ?? []).map((g) => ({
    id: g.id,
    name: nameIn(g, locale),
    units: [] as ProgressUnitView[],
  }));
  const none = { id: "", name: "", units: [] as ProgressUnitView[] };
  const totals = {
    units: 0,
    forms: 0,
    toEnter: 0,
    entered: 0,
    appraised: 0,
    missingEvidence: 0,
    done: 0,
  };
  for (const u of raw.units) {
    const done =
      u.entered === u.toEnter &&
      u.appraised === u.toEnter &&
      u.missingEvidence === 0 &&
      u.errors === 0;
    const view: ProgressUnitView = {
      id: u.unitId,
      name: u.unitName,
      formFile: u.formFile,
      toEnter: u.toEnter,
      entered: u.entered,
      appraised: u.appraised,
      missingEvidence: u.missingEvidence,
      errors: u.errors,
      done,
      cell: u.cell ?? null,
    };
    (groups.find((g) => g.id === u.groupId) ?? none).units.push(view);
    totals.units++;
    if (u.formFile !== null) totals.forms++;
    totals.toEnter += u.toEnter;
    totals.entered += u.entered;
    totals.appraised += u.appraised;
    totals.missingEvidence += u.missingEvidence;
    if (done) totals.done++;
  }
  return {
    kind: "read",
    groups: [...groups, none].filter((g) => g.units.length > 0),
    totals,
  };
}
