/** English texts of the DTI.* function errors (README, tests, the messageEn of each error value). */
import type { FnMessageCode, FnParams } from "./functions.types";
import { txt } from "./params";

const t = (p: FnParams, k: string): string => txt(p, k, "en");
/** "points", "actualRange cell 3", "scheme row 2". */
const arg = (p: FnParams): string => {
  const name = t(p, "arg");
  if (p["cell"] != null) return `${name} cell ${t(p, "cell")}`;
  if (p["row"] != null) return `${name} row ${t(p, "row")}`;
  return name;
};

export const fnMessagesEn: Readonly<Record<FnMessageCode, (p: FnParams) => string>> = {
  fn_no_function: (p) => `There is no function DTI.${t(p, "id")}.`,
  fn_too_many_args: (p) => `DTI.${t(p, "id")} takes at most ${t(p, "n")} arguments.`,
  fn_one_cell: (p) => `Parameter ${arg(p)} takes one cell, not a range.`,
  fn_boolean_not_number: (p) => `${arg(p)}: expected a number, not TRUE/FALSE.`,
  fn_ambiguous_number: (p) =>
    `${arg(p)}: "${t(p, "text")}" could be ${t(p, "first")} or ${t(p, "second")}. Type the number unambiguously.`,
  fn_cell_error: (p) => `${arg(p)}: the cell holds ${t(p, "text")}. Fix that cell first.`,
  fn_not_a_number: (p) => `${arg(p)}: "${t(p, "text")}" is not a number.`,
  fn_too_large: (p) =>
    `${arg(p)}: "${t(p, "text")}" is too large for Excel's numbers. Check the number typed.`,
  fn_value_missing: (p) => `${arg(p)} is missing: the cell is blank.`,
  fn_max_missing: (p) => `The maximum (${arg(p)}) is missing.`,
  fn_max_invalid: (p) => `Maximum ${t(p, "value")} is invalid: it must be greater than 0.`,
  fn_points_negative: (p) => `Points ${t(p, "value")} are negative.`,
  fn_points_above_max: (p) => `Points ${t(p, "value")} exceed the maximum ${t(p, "max")}.`,
  fn_sizes_differ: (p) =>
    `Ranges ${t(p, "a")} (${t(p, "na")} cells) and ${t(p, "b")} (${t(p, "nb")} cells) must have the same size.`,
  fn_scheme_not_text: () =>
    `The scheme must be a rule profile id (e.g. "sonla-2024") or a range of bands.`,
  fn_unknown_profile: (p) => `No rule profile "${t(p, "id")}". Use one of: ${t(p, "ids")}.`,
  fn_profile_no_bands: (p) =>
    `Rule profile "${t(p, "id")}" publishes no grade bands, so nothing can be graded.`,
  fn_bands_label: (p) =>
    `Grade bands, row ${t(p, "row")}: column 2 must be the band's label (e.g. "Good").`,
  fn_bands_flag: (p) => `Grade bands, row ${t(p, "row")}: column 3 must be "incl" or "excl".`,
  fn_bands_empty: () => "The grade band range is empty.",
  fn_bands_rules: (p) => `Grade bands${t(p, "where")}: ${t(p, "issueEn")}`,
  fn_bands_same_bound: (p) =>
    `Grade bands: "${t(p, "a")}" and "${t(p, "b")}" have the same lower bound.`,
  fn_unreadable_value: () => "Unreadable value.",
  fn_not_graded: () => "Cannot be graded.",
  fn_unknown_policy: (p) =>
    `Unknown ranking policy "${t(p, "policy")}". Use "competition" (1, 2, 2, 4) or "dense" (1, 2, 2, 3).`,
  fn_group_without_groups: () => "A group was given without the groups range.",
  fn_group_missing: () => "The unit's group (parameter group) is missing.",
  fn_points_without_max: (p) => `Cell ${t(p, "cell")} has points ${t(p, "value")} but no maximum.`,
  fn_max_negative: (p) => `Maximum ${t(p, "value")} is negative.`,
  fn_maxima_sum_zero: () => "The maxima of the base components sum to 0.",
  fn_ratio_negative: () => "a and b must not be negative.",
  fn_ratio_zero_denominator: () => "The denominator b is 0.",
  fn_ratio_above_one: (p) =>
    `a = ${t(p, "a")} exceeds b = ${t(p, "b")}: a ratio cannot exceed 100%.`,
  fn_step_incomplete: (p) => `Step ${t(p, "step")}: both the threshold and the points are needed.`,
  fn_threshold_negative: (p) => `Threshold ${t(p, "value")} is negative.`,
  fn_threshold_duplicate: (p) => `Threshold ${t(p, "value")} appears twice.`,
  fn_no_steps: () => "No steps given.",
  fn_unexpected: (p) =>
    `DTI.${t(p, "id")} met an unexpected error. Check its arguments; if it persists, report it to your administrator (with the formula).`,
};
