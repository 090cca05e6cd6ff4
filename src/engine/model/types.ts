/**
 * Over 400 lines: the whole data model in one place (types only, plus the issue helpers).
 *
 * The engine's data model: indicator sets, rule profiles, entries, issues and results.
 * Everything here is plain data (JSON-serialisable), so it crosses the port, the CLI and the task pane unchanged.
 */

// ---------------------------------------------------------------------------------------------
// Cells and grids
// ---------------------------------------------------------------------------------------------

/** A cell address on a sheet, A1 style ("F12"). */
export interface CellRef {
  readonly sheet: string;
  readonly cell: string;
}

/** What a cell holds as read from Excel, ExcelJS or the memory workbook. Errors keep their Excel text ("#REF!"). */
export type CellValue = string | number | boolean | null | { readonly error: string };

/** A rectangular block of cells read from one sheet; `values[r][c]` sits at (originRow + r, originCol + c), 1-based. */
export interface Grid {
  readonly sheet: string;
  readonly originRow: number;
  readonly originCol: number;
  readonly values: readonly (readonly CellValue[])[];
  /** Formulas where the cell holds one ("=SUM(F3:F9)"), same shape as values; absent when not read. */
  readonly formulas?: readonly (readonly (string | null)[])[];
  /** Merged ranges as A1 ranges ("A1:C1"); the value sits in the top-left cell only. */
  readonly merges?: readonly string[];
  /** 1-based row numbers that are hidden. */
  readonly hiddenRows?: readonly number[];
  /** 1-based column numbers that are hidden. */
  readonly hiddenCols?: readonly number[];
}

// ---------------------------------------------------------------------------------------------
// Issues
// ---------------------------------------------------------------------------------------------

export type Severity = "error" | "warning" | "info";

/** Every issue code the engine can raise. The text lives in messages.vi.ts / messages.en.ts, keyed by code. */
export type IssueCode =
  | "not_a_number"
  | "vn_number_parsed"
  | "ambiguous_number"
  | "negative_score"
  | "score_above_max"
  | "score_blank"
  | "sum_mismatch"
  | "unknown_code"
  | "duplicate_code"
  | "max_missing"
  | "appraised_above_self"
  | "missing_evidence"
  | "unit_without_group"
  | "unknown_group"
  | "formula_error"
  | "no_table_found"
  | "header_not_found"
  | "grade_gap"
  | "duplicate_unit"
  | "max_sum_mismatch"
  | "provisional_total"
  | "sheet_missing"
  | "no_indicator_set"
  | "profile_without_indicators"
  | "last_year_unmatched"
  | "sheet_name_taken"
  | "file_not_xlsx"
  | "entry_set_mismatch"
  | "entry_formula_not_kept"
  | "sheet_older_addin"
  | "too_many_units"
  // The rules sheet ("Quy tắc"), src/engine/rules:
  | "rules_sheet_unreadable"
  | "rules_block_missing"
  | "rules_unknown_row"
  | "rules_cell_to_fill"
  | "rules_cell_empty"
  | "rules_not_a_number"
  | "rules_bad_choice"
  | "rules_bad_year"
  | "rules_bad_date"
  | "rules_bad_decimals"
  | "rules_not_positive"
  | "rules_no_groups"
  | "rules_group_max_missing"
  | "rules_group_above_scale"
  | "rules_duplicate_group"
  | "rules_duplicate_alias"
  | "rules_duplicate_band"
  | "rules_band_unbounded"
  | "rules_band_percent_range"
  | "rules_band_above_scale"
  | "rules_band_reversed"
  | "rules_mixed_basis"
  | "rules_band_open_not_last"
  | "rules_band_open_not_first"
  | "rules_bands_unordered"
  | "rules_bands_overlap"
  | "rules_bands_gap"
  | "rules_too_many_bands"
  | "rules_wording_unreadable"
  | "rules_wording_mismatch"
  | "rules_duplicate_main"
  | "rules_main_sum"
  | "rules_duplicate_unranked"
  | "rules_changed"
  | "rules_unranked_unit_unknown"
  | "rules_unit_map_conflict"
  | "rules_unit_map_unmatched"
  | "rules_negative_cap"
  | "rules_cap_above_scale"
  | "rules_duplicate_limited"
  | "rules_limited_code_unknown"
  | "rules_limited_unit_unknown"
  | "score_not_applicable_to_unit"
  // The recogniser's layout of a foreign table (src/engine/recognize).
  | "column_left_out"
  | "scale_read"
  | "scale_ambiguous"
  | "total_mismatch"
  | "groups_inferred"
  | "groups_merged"
  | "groups_not_inferred"
  | "no_unit_column"
  | "published_rank_mismatch"
  | "published_grade_mismatch"
  | "published_percent_mismatch"
  | "code_invalid"
  | "code_orphan"
  | "file_unreadable"
  | "max_invalid"
  | "text_too_long"
  | "row_left_out";

export type { CommonParams, ParamsOf, ParamsOptional } from "./issue-params";
import type { CommonParams, ParamsOf } from "./issue-params";

/** Any issue's parameters, read without knowing its code (all optional, all plain values). */
export type IssueParams = Readonly<Record<string, string | number | boolean | null>>;

/** An issue of one code, its params typed by the code (model/issue-params.ts). */
interface IssueOf<C extends IssueCode> {
  readonly code: C;
  readonly severity: Severity;
  /** Where the problem sits; absent only for workbook-level issues. */
  readonly cell?: CellRef;
  readonly unit?: string;
  readonly indicator?: string;
  readonly params: ParamsOf<C>;
}

/** A problem with data: a value, never an exception. Narrow on `code` to read its params. */
export type Issue = { readonly [C in IssueCode]: IssueOf<C> }[IssueCode];

/** Any issue's params, for code that reads them without narrowing on the code. */
export function paramsOf(issue: Issue): IssueParams {
  return issue.params;
}

/** The issue with more context params (which file, sheet or indicator), its own kept. */
export function withParams(issue: Issue, extra: CommonParams): Issue {
  return { ...issue, params: { ...issue.params, ...extra } } as Issue;
}

/**
 * An issue whose code and params are known only at run time (a catalogue text rendered with
 * placeholder params, src/engine/sheets/formulas.ts): unchecked, so only for rendering text.
 */
export function untypedIssue(code: IssueCode, params: IssueParams): Issue {
  return { code, severity: "error", params } as Issue;
}

/** An issue of a code known only as a type parameter, as an `Issue` (TS cannot narrow a generic). */
export function issueOf<C extends IssueCode>(issue: IssueOf<C>): Issue {
  return issue as unknown as Issue;
}

export type Locale = "vi" | "en";

/** Results in the zod style: narrowed by `ok`. */
export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

// ---------------------------------------------------------------------------------------------
// Indicator sets and rule profiles
// ---------------------------------------------------------------------------------------------

/** How a component's points are obtained from what the unit entered. */
export type ScoringMethod =
  | { readonly kind: "direct" }
  /** points = a / b × max (a = entered number, b = entered denominator). */
  | { readonly kind: "ratio" }
  /** the highest step whose `atLeast` the entered value reaches gives its points; below all steps: 0. */
  | {
      readonly kind: "step";
      readonly steps: readonly { readonly atLeast: number; readonly points: number }[];
    }
  /** the entered option picks a fraction of max (chair is the head → 1, a deputy → 0.5, none → 0). */
  | {
      readonly kind: "fraction";
      readonly options: readonly { readonly label: string; readonly fraction: number }[];
    }
  /** sum of entered items, capped at max. */
  | { readonly kind: "capped-sum" }
  /** entered value / best value among units of the same group × max. */
  | { readonly kind: "normalised-to-best" }
  /** added to (bonus) or subtracted from (penalty) the main index, outside the nominal max. */
  | { readonly kind: "bonus" }
  | { readonly kind: "penalty" }
  /** collected but not scored (national 922 "Đô thị thông minh"). */
  | { readonly kind: "unscored" };

export type IndicatorLevel = "pillar" | "main" | "component" | "criterion";

export type Concern = "subordinate-units" | "dvctt";

/** One node of the indicator tree, held as a flat list in natural code order with parent links. */
export interface Indicator {
  readonly code: string;
  readonly name: string;
  readonly level: IndicatorLevel;
  /** null when the form gives none (raises max_missing). */
  readonly maxPoints: number | null;
  readonly method: ScoringMethod;
  readonly scored: boolean;
  readonly concerns?: Concern;
  readonly parentCode: string | null;
  /** Where the indicator's row was read from, if it came from a workbook. */
  readonly cell?: CellRef;
}

/** A grade band; a missing bound means open on that side. Bounds are in the scheme's basis. */
export interface GradeBand {
  readonly label: string;
  readonly labelEn: string;
  readonly lower?: { readonly value: number; readonly inclusive: boolean };
  readonly upper?: { readonly value: number; readonly inclusive: boolean };
}

export type GradeBasis = "percent" | "group-percent" | "points";

export interface GradeScheme {
  /**
   * "percent": bounds are % of the unit's own applicable maximum (its group's, less the indices that
   * do not apply to it); "group-percent": % of the group's maximum; "points": bounds are points.
   */
  readonly basis: GradeBasis;
  /** Highest band first. */
  readonly bands: readonly GradeBand[];
}

export type TiePolicy = "competition" | "dense" | "main-index-order";

/** Where rounding happens; "display" means grade and rank use unrounded totals. */
export type RoundingStage = "display" | "component" | "main-index" | "total";

export interface Rounding {
  readonly stage: RoundingStage;
  readonly decimals: number;
}

export interface RankingGroup {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly maxPoints: number;
  /** Other names a "Nhóm"/"Khối" column may use for this group, matched ignoring accents, case and spacing. */
  readonly aliases: readonly string[];
  /** True when the province publishes no group maximum: the applicable max is the set's sum of maxima. */
  readonly maxFromSet?: boolean;
  /** False: the group's units are scored and graded but not ranked (default true). */
  readonly ranked?: boolean;
}

/** A main index the profile knows by itself (national 922 works at main-index level). */
export interface ProfileMainIndex {
  readonly code: string;
  readonly name: string;
  readonly maxPoints: number;
  readonly scored: boolean;
}

export interface SpecialRules {
  /** Sơn La rule 1: components concerning subordinate units score the peer maximum for units without any. */
  readonly peerMaxForNoSubordinates: boolean;
  /** Sơn La rule 2: DVCTT components of units without DVCTT score proportionally; scope of "the non-DVCTT components". */
  readonly proportionalDvctt: null | { readonly scope: "all-non-dvctt" | "same-main-index" };
  /** Sơn La rule 3: not-applicable components of special-purpose units score their max. */
  readonly notApplicableToMax: boolean;
  /**
   * At most this many bonus points ("điểm thưởng") per unit, over all bonus indicators together
   * (absent: only each indicator's own maximum from the form caps it).
   */
  readonly bonusCap?: number;
  /** At most this many penalty points ("điểm trừ") per unit, over all penalty indicators together. */
  readonly penaltyCap?: number;
}

/**
 * An indicator (main index or component) that applies only to the units listed (Hà Nội 5279: the
 * digital-economy component only for 8 departments). For every other unit it is not scored and its
 * maximum leaves the unit's applicable maximum.
 */
interface LimitedIndex {
  readonly code: string;
  /** Unit names as in the workbook (matched ignoring accents, case and spacing). */
  readonly units: readonly string[];
  /** Where the row is on the rules sheet (its code cell), for the issues about it. */
  readonly cell?: CellRef;
}

export interface SourceDecision {
  /** e.g. "1287/QĐ-UBND" */
  readonly decision: string;
  readonly year: number;
  readonly issuer: string;
  readonly note?: string;
  /** Date issued, dd/mm/yyyy, when known. */
  readonly date?: string;
}

/** Rules of one province and year; the component rows come from the user's official workbook. */
export interface RuleProfile {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly source: SourceDecision;
  /** Nominal scale (100, 330, 1000). */
  readonly scale: number;
  readonly groups: readonly RankingGroup[];
  /** null: the province publishes no grade bands (Đắk Lắk 2022). */
  readonly gradeScheme: GradeScheme | null;
  readonly tiePolicy: TiePolicy;
  readonly rounding: Rounding;
  readonly publishAs: "points" | "percent" | "index";
  readonly specialRules: SpecialRules;
  /** Main indices the profile defines itself (may be empty: then they come from the workbook). */
  readonly mainIndices: readonly ProfileMainIndex[];
  /** Units assessed and graded but not ranked (Phú Thọ 2024: Công an, Thanh tra, ...), by name. */
  readonly unrankedUnits?: readonly string[];
  /** Last year's unit names → this year's (many to one: merged units), for year over year. */
  readonly unitMap?: readonly { readonly from: string; readonly to: string }[];
  /** Indicators that apply only to some units (per-unit applicable maximum). */
  readonly limitedIndices?: readonly LimitedIndex[];
}

/** A profile plus the indicator tree in force (read from the official workbook or from the profile's main indices). */
export interface IndicatorSet {
  readonly profile: RuleProfile;
  readonly indicators: readonly Indicator[];
}

// ---------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------

export interface Unit {
  readonly id: string;
  readonly name: string;
  /** Matched ranking group id, or null when none matched (raises unit_without_group / unknown_group). */
  readonly groupId: string | null;
  /** The group text as written in the workbook, if any. */
  readonly groupText?: string;
  readonly hasSubordinateUnits: boolean;
  readonly hasDvctt: boolean;
  readonly specialPurpose: boolean;
  /** Codes of components not applicable to this unit (special-purpose units). */
  readonly notApplicable: readonly string[];
  readonly cell?: CellRef;
}

/** A number read from a cell, with what the cell really held when it was not a clean number. */
export interface EnteredNumber {
  /** null: blank (not entered) or unusable (then `raw` says what was there). */
  readonly points: number | null;
  readonly raw: CellValue;
  readonly cell?: CellRef;
}

/** What one unit entered for one indicator. */
export interface ScoreEntry {
  readonly unitId: string;
  readonly code: string;
  readonly self: EnteredNumber | null;
  readonly appraised: EnteredNumber | null;
  /** Ratio method: the denominator b (a is the self/appraised number). */
  readonly denominator?: EnteredNumber | null;
  /** Capped-sum method: the items. */
  readonly items?: readonly EnteredNumber[];
  /** Fraction method: the chosen option label. */
  readonly option?: string;
  readonly evidence?: string;
  readonly evidenceCell?: CellRef;
}

type Layout = "form" | "matrix" | "summary";

/** What the recogniser found in a workbook grid. */
export interface Recognized {
  readonly layout: Layout;
  readonly indicators: readonly Indicator[];
  readonly units: readonly Unit[];
  readonly entries: readonly ScoreEntry[];
  /** The cell range the table occupies ("A5:H120"). */
  readonly tableRange: string;
  /** What the recogniser made of the table: header rows, column roles, scale, what was left out. */
  readonly tableLayout?: import("../recognize/layout").TableLayout;
  /** Ranks, grades and percents the table states itself, checked against the computed ones. */
  readonly published?: readonly import("../recognize/published").PublishedValues[];
  /** The profile's groups share one maximum and the units' groups could not be told: one ranking. */
  readonly mergedGroup?: { readonly maxPoints: number };
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/** How a number was obtained: every result carries one, for the "explain this number" view. */
export type Derivation =
  | { readonly rule: "entered"; readonly from: "appraised" | "self"; readonly cell?: CellRef }
  | { readonly rule: "ratio"; readonly a: number; readonly b: number; readonly maxPoints: number }
  | { readonly rule: "step"; readonly value: number; readonly atLeast: number | null }
  | { readonly rule: "fraction"; readonly option: string; readonly fraction: number }
  | { readonly rule: "capped-sum"; readonly sum: number; readonly cap: number }
  | {
      readonly rule: "normalised-to-best";
      readonly value: number;
      readonly best: number;
      readonly bestUnit: string;
    }
  | { readonly rule: "peer-max"; readonly bestUnit: string | null }
  | {
      readonly rule: "proportional";
      readonly actualPoints: number;
      readonly maxPoints: number;
      readonly scope: string;
    }
  | { readonly rule: "not-applicable-max" }
  /** `cap`: the rules sheet's cap on all bonus (penalty) points of the unit, when it cut these. */
  | { readonly rule: "bonus"; readonly points: number; readonly cap?: number }
  | { readonly rule: "penalty"; readonly points: number; readonly cap?: number }
  /** The indicator does not apply to this unit (rules sheet block 9): not scored, not in its max. */
  | { readonly rule: "not-applicable-to-unit" }
  | { readonly rule: "unscored" }
  | { readonly rule: "sum-of-components"; readonly codes: readonly string[] }
  | { readonly rule: "entered-total" }
  | { readonly rule: "missing" };

export interface IndicatorResult {
  readonly code: string;
  /** null when it cannot be scored (blank or bad input): the unit's total is then provisional. */
  readonly points: number | null;
  readonly maxPoints: number;
  readonly source: "appraised" | "self" | "rule" | "none";
  readonly how: Derivation;
}

export type GradeOutcome =
  | { readonly kind: "band"; readonly label: string; readonly labelEn: string }
  | { readonly kind: "gap"; readonly below: string | null; readonly above: string | null }
  | { readonly kind: "none" };

export interface UnitResult {
  readonly unitId: string;
  readonly unitName: string;
  readonly groupId: string | null;
  readonly components: Readonly<Record<string, IndicatorResult>>;
  readonly mainIndices: Readonly<Record<string, IndicatorResult>>;
  readonly totalPoints: number | null;
  /** The unit's applicable maximum (its group's max, less the indices that do not apply to it). */
  readonly applicableMax: number;
  /** Its group's maximum (the basis of "% of the group's maximum"); absent: the applicable max. */
  readonly groupMax?: number;
  readonly percentOfMax: number | null;
  readonly index0to1: number | null;
  readonly grade: GradeOutcome;
  /** Rank within the group; null when the total is unknown. */
  readonly rank: number | null;
  /** Points still needed to reach the next band; null at the top or when ungraded. */
  readonly gapToNextBand: number | null;
  /** True when some entry was blank or unusable. */
  readonly provisional: boolean;
}

export interface GroupResult {
  readonly groupId: string;
  readonly name: string;
  readonly maxPoints: number;
  /** In rank order. */
  readonly units: readonly UnitResult[];
}

export interface Ranking {
  readonly profileId: string;
  readonly groups: readonly GroupResult[];
  readonly issues: readonly Issue[];
  readonly rounding: Rounding;
  readonly tiePolicy: TiePolicy;
}
