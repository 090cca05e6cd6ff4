/** The DTI.* function error messages: one code per failure, params by name (see functions.vi.ts). */
import type { IssueParams } from "../model/types";

export type FnMessageCode =
  | "fn_no_function"
  | "fn_too_many_args"
  | "fn_one_cell"
  | "fn_boolean_not_number"
  | "fn_ambiguous_number"
  | "fn_cell_error"
  | "fn_not_a_number"
  | "fn_too_large"
  | "fn_value_missing"
  | "fn_max_missing"
  | "fn_max_invalid"
  | "fn_points_negative"
  | "fn_points_above_max"
  | "fn_sizes_differ"
  | "fn_scheme_not_text"
  | "fn_unknown_profile"
  | "fn_profile_no_bands"
  | "fn_bands_label"
  | "fn_bands_flag"
  | "fn_bands_empty"
  | "fn_bands_same_bound"
  | "fn_unreadable_value"
  | "fn_not_graded"
  | "fn_unknown_policy"
  | "fn_group_without_groups"
  | "fn_group_missing"
  | "fn_points_without_max"
  | "fn_max_negative"
  | "fn_maxima_sum_zero"
  | "fn_ratio_negative"
  | "fn_ratio_zero_denominator"
  | "fn_ratio_above_one"
  | "fn_step_incomplete"
  | "fn_threshold_negative"
  | "fn_threshold_duplicate"
  | "fn_no_steps"
  | "fn_unexpected";

/** Params of a function message: `arg` (parameter name) with `cell` / `row` (1-based), values… */
export type FnParams = IssueParams;
