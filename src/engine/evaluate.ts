/**
 * evaluate(): the whole job on one indicator set and its entries: validate, score, grade, rank per
 * group. Rounding happens at the one declared stage only; grade and rank use the figures of that stage.
 */
import { gradeOf, pointsToNextBand } from "./grade";
import type {
  GradeOutcome,
  GroupResult,
  Indicator,
  IndicatorSet,
  Issue,
  Ranking,
  Recognized,
  Rounding,
  RuleProfile,
  TiePolicy,
  UnitResult,
} from "./model/types";
import { rankPoints } from "./rank";
import { checkPublished } from "./recognize/published";
import { MERGED_GROUP_ID } from "./recognize/layout";
import { scorePrepared, type ScoredUnit } from "./score";
import { prepare, type Prepared } from "./score/prepare";
import { validatePrepared } from "./validate";
import { foldName } from "./text/normalize";

export interface EvaluateOptions {
  /** Overrides the profile's tie policy. */
  readonly tiePolicy?: TiePolicy;
  /** Overrides the profile's rounding stage and decimals. */
  readonly rounding?: Rounding;
  /**
   * False: scores, grades and ranks only, without the entry check's issues (the self-assessed
   * ranking the reconciliation sheet compares against: its ~280k issues at 3,321 units were made
   * and dropped at once, the largest allocation of `dti rank --out`).
   */
  readonly validate?: boolean;
}

/** Group id under which units without a matched group are listed (unranked). */
export const NO_GROUP_ID = "";

const NONE: GradeOutcome = { kind: "none" };

/**
 * The indicator set in force: the workbook's tree, with the profile's main indices filling in what the
 * workbook leaves out (a missing max, an unscored index); the profile's main indices alone when the
 * workbook has no indicator rows (e.g. a summary of national 922 results).
 */
export function indicatorSetFromRecognized(profileIn: RuleProfile, rec: Recognized): IndicatorSet {
  // Groups that share one maximum, and units whose group could not be told: one ranking of all.
  const profile: RuleProfile =
    rec.mergedGroup !== undefined
      ? {
          ...profileIn,
          groups: [
            {
              id: MERGED_GROUP_ID,
              name: "Tất cả đơn vị (chưa tách nhóm)",
              nameEn: "All units (groups not told apart)",
              maxPoints: rec.mergedGroup.maxPoints,
              aliases: [],
            },
          ],
        }
      : profileIn;
  if (rec.indicators.length === 0 && profile.mainIndices.length > 0) {
    const indicators: Indicator[] = profile.mainIndices.map((m) => ({
      code: m.code,
      name: m.name,
      level: "main",
      maxPoints: m.maxPoints,
      method: m.scored ? { kind: "direct" } : { kind: "unscored" },
      scored: m.scored,
      parentCode: null,
    }));
    return { profile, indicators };
  }
  if (profile.mainIndices.length === 0) return { profile, indicators: rec.indicators };
  const byCode = new Map(profile.mainIndices.map((m) => [m.code, m]));
  const indicators = rec.indicators.map((ind): Indicator => {
    const m = ind.level === "main" ? byCode.get(ind.code) : undefined;
    if (m === undefined) return ind;
    return {
      ...ind,
      maxPoints: ind.maxPoints ?? m.maxPoints,
      scored: ind.scored && m.scored,
      method: m.scored ? ind.method : { kind: "unscored" },
    };
  });
  return { profile, indicators };
}

/**
 * The rules sheet's block 9 against the workbook: a code not in the set, a unit name matching no
 * unit (warnings: the index then applies to nobody named, so nobody is wrongly left out by a typo
 * unseen), on the block-9 row's cell when the rules came from the rules sheet.
 */
function limitedIssues(p: Prepared): Issue[] {
  const out: Issue[] = [];
  for (const c of p.limitedUnknown.codes)
    out.push({
      code: "rules_limited_code_unknown",
      severity: "warning",
      ...(c.cell !== undefined ? { cell: c.cell } : {}),
      params: { code: c.code },
    });
  for (const u of p.limitedUnknown.units)
    out.push({
      code: "rules_limited_unit_unknown",
      severity: "warning",
      ...(u.cell !== undefined ? { cell: u.cell } : {}),
      params: { code: u.code, unitName: u.name },
    });
  return out;
}

/**
 * Units in rank order, ties and unranked units (last) in their input order: a counting sort, as
 * ranks are integers from 1 to the number of units.
 */
function byRank(units: readonly UnitResult[], ranks: readonly (number | null)[]): UnitResult[] {
  const n = units.length;
  const count = new Int32Array(n + 2);
  const slot = (r: number | null | undefined): number =>
    r === null || r === undefined || !(r >= 1 && r <= n) || !Number.isInteger(r) ? n + 1 : r;
  for (let i = 0; i < n; i++) count[slot(ranks[i])]! += 1;
  for (let r = 1, at = 0; r <= n + 1; r++) {
    const c = count[r]!;
    count[r] = at;
    at += c;
  }
  const out = new Array<UnitResult>(n);
  for (let i = 0; i < n; i++) out[count[slot(ranks[i])]!++] = units[i] as UnitResult;
  return out;
}

/** Validate, score, grade and rank every unit, per ranking group. */
export function evaluate(set: IndicatorSet, data: Recognized, options?: EvaluateOptions): Ranking {
  const profile = set.profile;
  const rounding = options?.rounding ?? profile.rounding;
  const tiePolicy = options?.tiePolicy ?? profile.tiePolicy;
  const prepared = prepare(set, data);
  const issues: Issue[] = options?.validate === false ? [] : validatePrepared(prepared);
  const scored = scorePrepared(prepared, rounding);
  const scheme = profile.gradeScheme;

  const byGroup = new Map<string, ScoredUnit[]>();
  for (const g of profile.groups) byGroup.set(g.id, []);
  const noGroup: ScoredUnit[] = [];
  for (const su of scored) {
    const list = su.groupId === null ? undefined : byGroup.get(su.groupId);
    if (list === undefined) noGroup.push(su);
    else list.push(su);
  }

  const groups: GroupResult[] = [];
  const unranked = new Set((profile.unrankedUnits ?? []).map(foldName));
  const build = (
    id: string,
    name: string,
    maxPoints: number,
    members: ScoredUnit[],
    ranked: boolean
  ): void => {
    // Units assessed but not ranked (the rules sheet's block 7) keep their score and grade, no rank.
    const inRank = members.map(
      (m) => ranked && (unranked.size === 0 || !unranked.has(foldName(m.unit.name)))
    );
    const totals = members.map((m, i) => (inRank[i] ? m.totalPoints : null));
    const ranks = ranked
      ? rankPoints(
          totals,
          tiePolicy,
          tiePolicy === "main-index-order"
            ? members.map((m) => m.mainPoints.map((x) => x ?? Number.NEGATIVE_INFINITY))
            : undefined
        ).map((r, i) => (inRank[i] ? r : null))
      : totals.map(() => null);
    const units: UnitResult[] = members.map((m, idx) => {
      const total = m.totalPoints;
      const max = m.applicableMax;
      let grade: GradeOutcome = NONE;
      let gap: number | null = null;
      if (scheme !== null && total !== null) {
        // "% of the group's maximum" grades on the group's; the other bases on the unit's own.
        const gradeMax = scheme.basis === "group-percent" ? m.groupMax : max;
        grade = gradeOf(total, gradeMax, scheme);
        gap = pointsToNextBand(total, gradeMax, scheme);
        if (grade.kind === "gap")
          issues.push({
            code: "grade_gap",
            severity: "warning",
            ...(m.unit.cell !== undefined ? { cell: m.unit.cell } : {}),
            unit: m.unit.id,
            params: {
              unitName: m.unit.name,
              points: total,
              below: grade.below,
              above: grade.above,
            },
          });
      }
      if (m.provisional)
        issues.push({
          code: "provisional_total",
          severity: "warning",
          ...(m.unit.cell !== undefined ? { cell: m.unit.cell } : {}),
          unit: m.unit.id,
          params: { unitName: m.unit.name, count: m.missingCount },
        });
      return {
        unitId: m.unit.id,
        unitName: m.unit.name,
        groupId: m.groupId,
        components: m.components,
        mainIndices: m.mainIndices,
        totalPoints: total,
        applicableMax: max,
        groupMax: m.groupMax,
        percentOfMax: total === null || max <= 0 ? null : (total / max) * 100,
        index0to1: total === null || max <= 0 ? null : total / max,
        grade,
        rank: ranks[idx] ?? null,
        gapToNextBand: gap,
        provisional: m.provisional,
      };
    });
    groups.push({ groupId: id, name, maxPoints, units: byRank(units, ranks) });
  };

  issues.push(...limitedIssues(prepared));
  for (const g of profile.groups) {
    const members = byGroup.get(g.id) ?? [];
    const max = members[0]?.groupMax ?? g.maxPoints;
    build(g.id, g.name, max, members, g.ranked !== false);
  }
  if (noGroup.length > 0) build(NO_GROUP_ID, "Chưa xếp nhóm / No group", 0, noGroup, false);
  issues.push(...checkPublished(data, { groups }, scheme !== null));
  return { profileId: profile.id, groups, issues, rounding, tiePolicy };
}
