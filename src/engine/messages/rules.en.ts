/** English texts of the rules sheet's issues ("Quy tắc", src/engine/rules): what is wrong, then how to fix it. */
import type { IssueParams } from "../model/types";
import { paramText, type Catalogue } from "./params";
import type { RulesIssueCode } from "./rules.vi";

const t = <P extends IssueParams>(p: P, k: keyof P & string): string => paramText(p, k, "en");
const what = (p: IssueParams): string => {
  const w = t(p, "whatEn") || "This cell";
  return w.charAt(0).toUpperCase() + w.slice(1);
};

export const rulesMessagesEn: Catalogue<RulesIssueCode> = {
  rules_sheet_unreadable: (p) =>
    `Sheet "${t(p, "sheet")}" has none of the rules sheet's blocks (1. source decision, 4. ranking groups, 5. grade bands...). Write the rules sheet again from a preset (task pane or dti rules) and edit it to match the decision.`,
  rules_block_missing: (p) =>
    `The rules sheet lacks its "${t(p, "block")}" block (its title was deleted or changed). Restore the block title in column A, or write the rules sheet again.`,
  rules_unknown_row: (p) =>
    `Row "${t(p, "text")}" is not part of the rules sheet's layout and is ignored. Keep the row names in column A; write notes from column C on.`,
  rules_cell_to_fill: (p) =>
    `${what(p)} is not filled in yet ("điền theo quyết định"): the figure is unknown, so nothing can be scored or graded. Fill it in from the province's decision.`,
  rules_cell_empty: (p) =>
    `${what(p)} is blank but needed to apply the rules. Fill it in from the province's decision.`,
  rules_not_a_number: (p) =>
    `${what(p)} holds "${t(p, "text")}", which is not a number. Enter a number (e.g. 85 or 85.5).`,
  rules_bad_choice: (p) =>
    `${what(p)} holds "${t(p, "text")}", which is not in the list. Choose one of: ${t(p, "choices")}.`,
  rules_bad_year: (p) =>
    `The year assessed, ${t(p, "value")}, is not valid. Enter the year whose data is assessed, e.g. 2025.`,
  rules_bad_date: (p) =>
    `The date issued "${t(p, "text")}" is not day/month/year. Write it like 23/10/2025.`,
  rules_bad_decimals: (p) =>
    `${t(p, "value")} decimals is not valid. Enter a whole number from 0 to 10 (usually 2; the national index uses 4).`,
  rules_not_positive: (p) =>
    `${what(p)} is ${t(p, "value")} and must be above 0. Enter the maximum stated by the decision.`,
  rules_no_groups: () =>
    `The rules sheet has no ranking group, so nothing can be ranked. Add at least one group (e.g. "Sở, ban, ngành") in block 4.`,
  rules_group_max_missing: (p) =>
    `Group "${t(p, "group")}" has no maximum. Enter the group's maximum, or choose "Có" in "Max from the form" when the decision publishes none.`,
  rules_group_above_scale: (p) =>
    `Group "${t(p, "group")}" has a maximum of ${t(p, "max")}, above the scale of ${t(p, "scale")}. Check the scale or the group's maximum.`,
  rules_duplicate_group: (p) =>
    `Group "${t(p, "group")}" has the same id or name as group ${t(p, "first")}. Each group needs its own id and name: fix or delete the duplicate row.`,
  rules_duplicate_alias: (p) =>
    `The key word "${t(p, "text")}" of group "${t(p, "group")}" also belongs to group "${t(p, "other")}", so a unit's group cannot be told. Give each key word to one group.`,
  rules_duplicate_band: (p) =>
    `Grade "${t(p, "label")}" already appears in row ${t(p, "first")} of the table. One row per grade: fix or delete the duplicate.`,
  rules_band_unbounded: (p) =>
    `Grade "${t(p, "label")}" has neither a lower nor an upper bound, so it holds every total. Enter its bounds from the decision (the lowest grade has only an upper bound).`,
  rules_band_percent_range: (p) =>
    `The bound ${t(p, "value")}% is outside 0..100. Enter a percentage from 0 to 100, or set "Basis" to "Điểm" if the bound is in points.`,
  rules_band_above_scale: (p) =>
    `The bound of ${t(p, "value")} points is above the scale of ${t(p, "scale")}, so no unit can reach it. Check the bound or the scale.`,
  rules_band_reversed: (p) =>
    `Grade "${t(p, "label")}" has a lower bound ${t(p, "lower")} not below its upper bound ${t(p, "upper")}, so it holds no total. Swap or fix the two bounds.`,
  rules_mixed_basis: (p) =>
    `Grade "${t(p, "label")}" uses a different basis from the first grade (points, % of the unit's maximum and % of the group's maximum are not mixed). Choose the same "Basis" for every grade.`,
  rules_band_open_not_last: (p) =>
    `Grade "${t(p, "label")}" has no lower bound but is not the lowest. Only the last grade may be open below: enter a lower bound or move this grade to the end.`,
  rules_band_open_not_first: (p) =>
    `Grade "${t(p, "label")}" has no upper bound but is not the highest. Only the first grade may be open above: enter an upper bound or reorder (highest first).`,
  rules_bands_unordered: (p) =>
    `Grade "${t(p, "label")}" starts higher than "${t(p, "above")}" above it. List the grades from highest to lowest.`,
  rules_bands_overlap: (p) =>
    `Grade "${t(p, "label")}" overlaps "${t(p, "above")}": some totals fall in both. Fix this grade's upper bound or the lower bound of the one above (e.g. "below 85" and "from 85").`,
  rules_bands_gap: (p) =>
    `Between grade "${t(p, "label")}" (up to ${t(p, "from")}) and "${t(p, "above")}" (from ${t(p, "to")}) there is a gap: totals in it are "Not graded". Keep it if the decision says so; otherwise make the bounds meet.`,
  rules_too_many_bands: (p) =>
    `The sheet has ${t(p, "count")} grade bands, more than ${t(p, "limit")}: the ranked sheets' grade formulas would pass Excel's limits (8,192 characters, 64 nested functions). Keep the decision's bands (usually 4 to 6) and delete the extra rows.`,
  rules_wording_unreadable: (p) =>
    `The wording "${t(p, "text")}" could not be read. Enter the bounds in columns C to F, or write it like "từ 70% đến dưới 85%", "trên 50 điểm", "dưới 50%".`,
  rules_wording_mismatch: (p) =>
    `The wording "${t(p, "text")}" of grade "${t(p, "label")}" differs from the bounds entered; the add-in uses the bounds in columns C to G. Make them agree with the decision.`,
  rules_duplicate_main: (p) =>
    `Main index code "${t(p, "code")}" already appears in row ${t(p, "first")}. One row per code: fix or delete the duplicate.`,
  rules_main_sum: (p) =>
    `The main indices' maxima sum to ${t(p, "sum")}, not the scale of ${t(p, "scale")}. Fix the main indices' maxima or the scale to match the decision.`,
  rules_duplicate_unranked: (p) =>
    `Unit "${t(p, "unitName")}" is listed twice among the units not ranked. Delete the duplicate row.`,
  rules_changed: (p) =>
    `The rules sheet was changed from preset "${t(p, "preset")}"; the sheet's rules apply. Check the changes against the decision.`,
  rules_unit_map_conflict: (p) =>
    `Former unit "${t(p, "unitName")}" is mapped to two new units ("${t(p, "to")}" and "${t(p, "other")}"). Map each former unit to one new unit: fix or delete a row.`,
  rules_unit_map_unmatched: (p) =>
    `Former unit "${t(p, "unitName")}" of the renames and mergers table is not in last year's results (${t(p, "source")}). Spell it as last year's results do.`,
  rules_unranked_unit_unknown: (p) =>
    `Unit "${t(p, "unitName")}" in the list of units not ranked is not in the score table. Spell it as in the score table or delete the row.`,
  rules_negative_cap: (p) =>
    `${what(p)} is ${t(p, "value")}, below 0. Enter the cap as points (not negative) from the decision, e.g. 50; leave it blank when the decision sets no cap.`,
  rules_cap_above_scale: (p) =>
    `${what(p)} is ${t(p, "value")}, above the scale of ${t(p, "scale")}. Check the cap against the decision.`,
  rules_duplicate_limited: (p) =>
    `Index "${t(p, "code")}" is already in row ${t(p, "first")} of block 9. One row per index: merge the unit lists into one row and delete the other.`,
  rules_limited_code_unknown: (p) =>
    `Index "${t(p, "code")}" in block 9 (applies only to some units) is not in the indicator set in use, so it is not applied. Correct the code to match the form's Code column.`,
  rules_limited_unit_unknown: (p) =>
    `Unit "${t(p, "unitName")}" in block 9 (index ${t(p, "code")} applies only to some units) is not in the score table. Correct the name to match the score table, or remove it from the list.`,
};
