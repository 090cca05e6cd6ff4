/** English messages, one per issue code: what is wrong, then how to fix it. The cell comes from formatIssue. */
import type { IssueCode, IssueParams } from "../model/types";
import { fileReasonText } from "./file-reasons";
import { context as ctx, firstPlace, paramText, type Catalogue } from "./params";
import { rulesMessagesEn } from "./rules.en";

const t = <P extends IssueParams>(p: P, k: keyof P & string): string => paramText(p, k, "en");

export const messagesEn: Catalogue<IssueCode> = {
  not_a_number: (p) =>
    `The cell holds "${t(p, "text")}", which is not a number${ctx(p, "en")}. Enter the score as a number (e.g. 8.5) or leave it blank if not scored yet.`,
  vn_number_parsed: (p) =>
    `"${t(p, "text")}" was typed as text; read as ${t(p, "value")}${ctx(p, "en")}. Re-enter it as a number (or click "Quick fix" on the Check tab) so Excel can calculate with it.`,
  ambiguous_number: (p) =>
    `"${t(p, "text")}" could be ${t(p, "first")} or ${t(p, "second")}${ctx(p, "en")}. Re-enter it unambiguously: a decimal comma (1,5) and no thousands dots.`,
  negative_score: (p) =>
    `The score ${t(p, "value")} is negative${ctx(p, "en")}. Scores cannot be negative: enter a number from 0 to ${t(p, "max") || "the maximum"}.`,
  score_above_max: (p) =>
    `The score ${t(p, "value")} is above the maximum ${t(p, "max")}${ctx(p, "en")}. Enter a number from 0 to ${t(p, "max")} (a misplaced decimal mark is a common cause).`,
  score_blank: (p) =>
    `No score entered${ctx(p, "en")}: a blank cell means "not entered", not 0, so the total is provisional. Enter the score (type 0 if it really is 0).`,
  sum_mismatch: (p) =>
    `The main-index figure entered is ${t(p, "entered")} but its components add up to ${t(p, "sum")}${ctx(p, "en")}. Correct the main-index figure (or use a SUM formula) so it matches its components.`,
  unknown_code: (p) =>
    `Indicator code "${t(p, "indicator")}" is not in the indicator set${ctx({ unitName: p["unitName"] ?? null }, "en")}. Check the code, or add the indicator to the set.`,
  duplicate_code: (p) =>
    `Indicator code "${t(p, "indicator")}" appears twice (first ${firstPlace(p, "en")}). Each code may be used once: correct or delete the duplicate row.`,
  max_missing: (p) =>
    `Indicator ${t(p, "indicator")} has no maximum points. Enter it in the "Điểm tối đa" (max points) column so it can be scored and checked.`,
  appraised_above_self: (p) =>
    `The appraised score ${t(p, "appraised")} is higher than the self-assessed score ${t(p, "self")}${ctx(p, "en")}. Check it: an appraised score normally does not exceed the self-assessment.`,
  missing_evidence: (p) =>
    `A score of ${t(p, "value")} has no supporting evidence${ctx(p, "en")}. Cite the document (number, date, summary) or give an explanation.`,
  unit_without_group: (p) =>
    `Unit "${t(p, "unitName")}" belongs to no ranking group, so it cannot be ranked. Enter its group in the "Nhóm" (group) column${t(p, "groups") ? ` (one of: ${t(p, "groups")})` : ""}.`,
  unknown_group: (p) =>
    `Group "${t(p, "group")}" of unit "${t(p, "unitName")}" matches no group of the rule profile. Change it to one of: ${t(p, "groups")}.`,
  formula_error: (p) =>
    `The cell shows the formula error ${t(p, "text")}${ctx(p, "en")}. Fix the formula (often a reference to a deleted cell or sheet) or enter the score directly.`,
  no_table_found: (p) =>
    `No indicator table found${t(p, "sheet") ? ` on sheet "${t(p, "sheet")}"` : ""}. Open the official scoring form, with columns for code, indicator name and max points.`,
  header_not_found: (p) =>
    `Column "${t(p, "header")}" was not found${t(p, "sheet") ? ` on sheet "${t(p, "sheet")}"` : ""}. Add the column or correct its header.`,
  grade_gap: (p) =>
    `The total of ${t(p, "points")} points${ctx(p, "en")} falls in a gap between the published grade bands (between "${t(p, "below") || "—"}" and "${t(p, "above") || "—"}"), so no grade is given. Check the score or ask the issuing body which band applies.`,
  duplicate_unit: (p) =>
    `Unit "${t(p, "unitName")}" appears twice (first ${firstPlace(p, "en")}). Merge or delete the duplicate row so each unit is ranked once.`,
  max_sum_mismatch: (p) =>
    `The maximum points add up to ${t(p, "sum")}, not ${t(p, "expected")}${t(p, "what") ? ` (${t(p, "what")})` : ""}${ctx(p, "en")}. Check the max points column.`,
  score_not_applicable_to_unit: (p) =>
    `Unit "${t(p, "unitName")}" has a score for index ${t(p, "code")}, which by the rules sheet (block 9) does not apply to it: the score is not counted and the index is left out of the unit's maximum. Delete the score, or add the unit to the index's list in block 9 if it does apply.`,
  provisional_total: (p) =>
    `The total of unit "${t(p, "unitName")}" is provisional: ${t(p, "count")} indicator(s) have no valid score yet. Enter all scores to get a final result.`,
  sheet_missing: (p) =>
    `Sheet "${t(p, "sheet")}" was not found (it was deleted or renamed). Give the sheet its name back, or create the entry sheets again from the task pane.`,
  no_indicator_set: () =>
    `The workbook has no confirmed indicator set yet. Load one (from the open sheet, the province's file or a built-in profile), then press "Confirm".`,
  profile_without_indicators: (p) =>
    `Profile "${t(p, "profile")}" has no built-in list of indicators: they come from the province's official Excel file. Import that file, or open the form sheet and recognise it.`,
  last_year_unmatched: (p) =>
    p["side"] === "last-year"
      ? `Unit "${t(p, "unit")}" is in last year's results (${t(p, "source")}) but matches no unit this year. If it was renamed, use last year's name so the years can be compared.`
      : `Unit "${t(p, "unit")}" was not found in last year's results (${t(p, "source")}), so it cannot be compared. If it was renamed, use last year's name.`,
  sheet_name_taken: (p) =>
    `A user sheet named "${t(p, "sheet")}" already exists, so the add-in will not overwrite it. Rename that sheet (e.g. add "old") and try again.`,
  file_not_xlsx: (p) =>
    p["reason"] !== undefined && p["reason"] !== null
      ? fileReasonText(p, "en")
      : `File "${t(p, "file")}" is not an Excel .xlsx file (it may be an old .xls, a CSV or a PDF). Open it in Excel, save it as "Excel Workbook (.xlsx)" and import it again.`,
  file_unreadable: (p) => fileReasonText(p, "en"),
  max_invalid: (p) =>
    `The maximum "${t(p, "value")}" of indicator ${t(p, "indicator")} cannot be used: a maximum must be a number above 0 and at most ${t(p, "limit")}. Correct the max points cell.`,
  text_too_long: (p) =>
    `The text is ${t(p, "length")} characters long, over Excel's ${t(p, "limit")}-character cell limit${ctx(p, "en")}: it was cut when written. Shorten it in the source cell.`,
  entry_set_mismatch: (p) =>
    `Sheet "${t(p, "sheet")}" was made for another indicator set than the confirmed one ("${t(p, "setName")}")${t(p, "missing") ? `: indicators ${t(p, "missing")} are missing` : ""}${t(p, "extra") ? `; indicators not in the set: ${t(p, "extra")}` : ""}${t(p, "maxChanged") ? `; different max points: ${t(p, "maxChanged")}` : ""}. Nothing was ranked. Click "Create the entry sheets" on the Set tab to rebuild it for the confirmed set (scores already typed are kept).`,
  entry_formula_not_kept: (p) =>
    `Sheet "${t(p, "sheet")}" has formulas typed by the user in cells ${t(p, "cells")}${Number(p["count"] ?? 0) > 20 ? ` (and ${Number(p["count"]) - 20} more)` : ""} for indicators or units the new table no longer has, so rebuilding would lose them. Nothing was written. Copy the formulas outside the table (or replace them by values) and run again.`,
  sheet_older_addin: (p) =>
    p["matches"] === true
      ? `Sheet "${t(p, "sheet")}" looks like one an earlier version of the add-in made (it has no marker of the new version), so the add-in did not overwrite it. Click "Adopt the old sheet" to let the add-in take it over and rebuild the table in place (scores and formulas typed are kept; the rest of the table is written again), or rename that sheet (e.g. add "old") and create a new table.`
      : `Sheet "${t(p, "sheet")}" is recorded as an earlier add-in version's, but its content is no longer in the layout the add-in wrote, so the add-in neither adopts nor overwrites it. Rename that sheet (e.g. add "old") and create a new table.`,
  too_many_units: (p) =>
    `The table${p["sheet"] !== undefined ? ` on sheet "${t(p, "sheet")}"` : ""} has ${t(p, "count")} units, over the limit of ${t(p, "limit")} units a run (the whole country has 3,321 communes, wards and special zones), so it was not scored, to stay within memory. Check the table (a wrong column or sheet may have been taken), or split it into several files.`,
  ...rulesMessagesEn,
  column_left_out: (p) =>
    `Column ${t(p, "column")} ("${t(p, "header")}") holds numbers that are not counted: ${
      {
        hidden: "the column is hidden",
        "last-year": "last year's figures",
        "not-an-index": "not an index of the rule profile (no maximum known)",
        "total-used": "the total column is used",
      }[t(p, "reason")] ?? t(p, "reason")
    }. If it should count, give it a role in the layout (command line: --column ${t(p, "column")}=total or =main:CODE).`,
  scale_read: (p) =>
    `The figures in column ${t(p, "column")} ("${t(p, "header")}") were read as ${t(p, "scale") === "index" ? "a 0..1 index (points ÷ max)" : "a percent of the maximum"}, from ${t(p, "from") === "header" ? "the column header" : t(p, "from") === "override" ? "the user's choice" : "the rule profile and the range of values"}: ${t(p, "value")} → ${t(p, "points")} points of ${t(p, "max")}. If wrong, choose the scale (command line: --scale points|percent|index).`,
  scale_ambiguous: (p) =>
    `The scale of column ${t(p, "column")} ("${t(p, "header")}") cannot be told: its values (${t(p, "values")}…) may be ${t(p, "choices").replace("points", "points").replace("percent", "a percent").replace("index", "a 0..1 index")} of a maximum of ${t(p, "max")}. Choose the scale in the layout (command line: --scale ${t(p, "choices").replace(/ \| /g, "|")}).`,
  total_mismatch: (p) =>
    `The table's total is ${t(p, "entered")} but its main indices add up to ${t(p, "sum")} points${ctx(p, "en")}. The result uses the main indices; check the total cell or the indices.`,
  groups_inferred: (p) =>
    `The table has no group column: the group of ${t(p, "count")} units was told from their names (${t(p, "groups")}). Check it, or add a "Nhóm" (group) column.`,
  groups_merged: (p) =>
    `The group of some units cannot be told from their names (e.g. ${t(p, "names")}); as the groups share a maximum of ${t(p, "max")}, all ${t(p, "count")} units are ranked together. Add a "Nhóm" column or group heading rows to rank per group.`,
  groups_not_inferred: (p) =>
    `The table has no group column or group heading rows, and the group of ${t(p, "count")} units cannot be told from their names (e.g. ${t(p, "names")}); the groups have different maxima, so they cannot be ranked together. Add a "Nhóm" column with one of: ${t(p, "groups")}.`,
  no_unit_column: (p) =>
    `Sheet "${t(p, "sheet")}" has a table of ${t(p, "rows")} rows with ${t(p, "numeric")} numeric columns, but no column of unit names: column ${t(p, "column")} is headed "${t(p, "header")}", expected a header such as ${t(p, "expected")}. Correct the header, or name the column (command line: --column ${t(p, "column")}=unit).`,
  published_rank_mismatch: (p) =>
    `The hand-typed rank is ${t(p, "typed")} but the computed rank is ${t(p, "computed")}${ctx(p, "en")}. Correct this cell before it goes into the decision.`,
  published_grade_mismatch: (p) =>
    `The hand-typed grade is "${t(p, "typed")}" but the computed grade is "${t(p, "computed")}"${ctx(p, "en")}. Correct this cell before it goes into the decision.`,
  published_percent_mismatch: (p) =>
    `The hand-typed percent is ${t(p, "typed")} but the computed percent is ${t(p, "computed")}%${ctx(p, "en")}. Correct this cell before it goes into the decision.`,
  code_invalid: (p) =>
    `Indicator code "${t(p, "text")}" (indicator "${t(p, "name")}") is not a valid code, so this row is not counted${t(p, "suggestion") ? ` (did you mean "${t(p, "suggestion")}"?)` : ""}. Write codes as 1, 1.1, 1.2.1.`,
  row_left_out: (p) =>
    `Row ${t(p, "row")} ("${t(p, "text")}") sits inside the table but has no figures in the result columns and no row number, so it is not counted as a unit. If it is a unit, give it its row number and scores.`,
  code_orphan: (p) =>
    `Indicator ${t(p, "indicator")} ("${t(p, "name")}") belongs to indicator ${t(p, "parent")}, which is not in the table. Correct the code, or add the row for indicator ${t(p, "parent")}.`,
};
