/**
 * The parameters of every issue code (issue 14 item 6): what its message in messages.vi.ts /
 * messages.en.ts (and rules.*.ts) reads. `Issue` is typed by code with these, so an issue built with
 * a missing or misnamed parameter, or a catalogue reading one its code does not carry, is a type
 * error. `unitName?` where the message adds " (đơn vị X, chỉ số Y)" only when known; the indicator
 * comes from the issue itself (`Issue.indicator`).
 */
import type { IssueCode } from "./types";

/** A parameter's value: plain data, never an object. */
type V = string | number | boolean | null;

/** Why a file could not be read (messages/file-reasons.ts): the reason and where. */
interface FileParamsShape {
  file: V;
  reason?: V;
  sheet?: V;
  ref?: V;
  amount?: V;
  limit?: V;
}
type FileParams = { readonly [K in keyof FileParamsShape]: FileParamsShape[K] };

/** A number read from a cell (recognize/cells.ts readNumber): which field, of which unit and indicator. */
type CellRead = { field?: V; unitName?: V };

/** Which rules-sheet cell an issue is about, in words (rules/check.ts whatOf): "ô này" by default. */
type RulesWhere = { what?: V; whatEn?: V };

type IssueParamsMap = {
  not_a_number: CellRead & { text: V };
  vn_number_parsed: CellRead & { text: V; value: V };
  ambiguous_number: CellRead & { first: V; second: V; text: V; candidates?: V };
  negative_score: { max?: V; unitName?: V; value: V };
  score_above_max: { max: V; unitName?: V; value: V };
  score_blank: CellRead;
  sum_mismatch: { entered: V; sum: V; unitName?: V };
  unknown_code: { unitName: V };
  duplicate_code: { firstCell?: V };
  max_missing: { name?: V };
  appraised_above_self: { appraised: V; self: V; unitName?: V };
  missing_evidence: { unitName?: V; value: V };
  unit_without_group: { groups?: V; unitName: V };
  unknown_group: { group: V; groups: V; unitName: V };
  formula_error: CellRead & { text: V };
  no_table_found: { sheet?: V };
  header_not_found: { header: V; sheet?: V };
  grade_gap: { above: V; below: V; points: V; unitName?: V };
  duplicate_unit: { count?: V; firstCell?: V; unitName: V };
  max_sum_mismatch: { expected: V; sum: V; unitName?: V; what?: V };
  score_not_applicable_to_unit: { code: V; unitName: V };
  provisional_total: { count: V; unitName: V };
  sheet_missing: { sheet: V };
  no_indicator_set: Record<never, never>;
  profile_without_indicators: { profile: V; profileId?: V; reason?: V; known?: V };
  last_year_unmatched: { side: V; source: V; unit: V };
  sheet_name_taken: { sheet: V };
  file_not_xlsx: FileParams;
  file_unreadable: FileParams;
  max_invalid: { limit: V; value: V };
  text_too_long: { length: V; limit: V; unitName?: V };
  entry_set_mismatch: { extra?: V; maxChanged?: V; missing?: V; setName: V; sheet: V };
  entry_formula_not_kept: { cells: V; count: V; sheet: V };
  sheet_older_addin: { matches: V; sheet: V };
  too_many_units: { count: V; limit: V; sheet?: V };
  column_left_out: { column: V; header: V; reason: V };
  scale_read: { column: V; from: V; header: V; max: V; points: V; scale: V; value: V };
  scale_ambiguous: { choices: V; column: V; header: V; max: V; values: V };
  total_mismatch: { scale?: V; entered: V; sum: V; unitName?: V };
  groups_inferred: { count: V; groups: V };
  groups_merged: { count: V; max: V; names: V };
  groups_not_inferred: { count: V; groups: V; names: V };
  no_unit_column: { column: V; expected: V; header: V; numeric: V; rows: V; sheet: V };
  published_rank_mismatch: { computed: V; typed: V; unitName?: V };
  published_grade_mismatch: { computed: V; typed: V; unitName?: V };
  published_percent_mismatch: { computed: V; typed: V; unitName?: V };
  code_invalid: { name: V; suggestion?: V; text: V };
  row_left_out: { row: V; text: V };
  code_orphan: { name: V; parent: V };
  rules_sheet_unreadable: RulesWhere & { sheet: V };
  rules_block_missing: RulesWhere & { block: V };
  rules_unknown_row: RulesWhere & { text: V };
  rules_cell_to_fill: RulesWhere;
  rules_cell_empty: RulesWhere;
  rules_not_a_number: RulesWhere & { text: V };
  rules_bad_choice: RulesWhere & { choices: V; text: V };
  rules_bad_year: RulesWhere & { value: V };
  rules_bad_date: RulesWhere & { text: V };
  rules_bad_decimals: RulesWhere & { value: V };
  rules_not_positive: RulesWhere & { value: V };
  rules_no_groups: RulesWhere & Record<never, never>;
  rules_group_max_missing: RulesWhere & { group: V };
  rules_group_above_scale: RulesWhere & { group: V; max: V; scale: V };
  rules_duplicate_group: RulesWhere & { first: V; group: V };
  rules_duplicate_alias: RulesWhere & { group: V; other: V; text: V };
  rules_duplicate_band: RulesWhere & { first: V; label: V };
  rules_band_unbounded: RulesWhere & { label: V };
  rules_band_percent_range: RulesWhere & { value: V };
  rules_band_above_scale: RulesWhere & { scale: V; value: V };
  rules_band_reversed: RulesWhere & { label: V; lower: V; upper: V };
  rules_mixed_basis: RulesWhere & { label: V };
  rules_band_open_not_last: RulesWhere & { label: V };
  rules_band_open_not_first: RulesWhere & { label: V };
  rules_bands_unordered: RulesWhere & { above: V; label: V };
  rules_bands_overlap: RulesWhere & { above: V; label: V };
  rules_bands_gap: RulesWhere & { above: V; from: V; label: V; to: V };
  rules_too_many_bands: RulesWhere & { count: V; limit: V };
  rules_wording_unreadable: RulesWhere & { text: V };
  rules_wording_mismatch: RulesWhere & { label: V; text: V };
  rules_duplicate_main: RulesWhere & { code: V; first: V };
  rules_main_sum: RulesWhere & { scale: V; sum: V };
  rules_duplicate_unranked: RulesWhere & { unitName: V };
  rules_changed: RulesWhere & { preset: V };
  rules_unit_map_conflict: RulesWhere & { other: V; to: V; unitName: V };
  rules_unit_map_unmatched: RulesWhere & { source: V; unitName: V };
  rules_negative_cap: RulesWhere & { value: V };
  rules_cap_above_scale: RulesWhere & { scale: V; value: V };
  rules_duplicate_limited: RulesWhere & { code: V; first: V };
  rules_limited_code_unknown: RulesWhere & { code: V };
  rules_limited_unit_unknown: RulesWhere & { code: V; unitName: V };
  rules_unranked_unit_unknown: RulesWhere & { unitName: V };
};

/**
 * Any issue may name its indicator in its params (else issueText takes the issue's own), and one
 * read from an imported file or placed on a generated sheet the file or the sheet.
 */
type Common = { indicator?: V; file?: V; sheet?: V };

/**
 * The parameters an issue of code `C` carries (its message reads these; the indicator's code
 * usually comes from `Issue.indicator`, which issueText passes to the message).
 */
export type ParamsOf<C extends IssueCode> = Readonly<IssueParamsMap[C] & Common>;

/** True when an issue of code `C` may be built without params (all of them optional). */
export type ParamsOptional<C extends IssueCode> =
  Record<string, never> extends ParamsOf<C> ? true : false;

/** The context params any issue may carry (see Common). */
export type CommonParams = Readonly<Common>;

/** Fails to compile when a code has no parameter shape, or a shape no code (keep both in step). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const paramsCoverCodes: Same<keyof IssueParamsMap, IssueCode> = true;
void paramsCoverCodes;
