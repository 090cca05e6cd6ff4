/**
 * Use-cases over the rules sheet ("Quy tắc"): write a preset's rules sheet (choosing a preset), and
 * read the rules in force (the sheet when the workbook has one, else the chosen profile).
 */
import {
  findPreset,
  presetIds,
  RULES_SHEET,
  rulesFromGrid,
  rulesInForce,
  rulesSheetSpec,
  type Issue,
  type Result,
  type RuleProfile,
  type RulesInForce,
} from "../engine";
import type { SheetInfo, WorkbookPort } from "../workbook/port";
import { portErrorIssue } from "./port-errors";

export interface WrittenRules {
  readonly sheet: string;
  readonly presetId: string;
  /** Figures the preset leaves "điền theo quyết định" (to fill before grading), with their cells. */
  readonly issues: readonly Issue[];
}

function hasRulesSheet(sheets: readonly SheetInfo[]): boolean {
  const want = RULES_SHEET.toLowerCase();
  return sheets.some((s) => s.name.toLowerCase() === want);
}

/**
 * Writes the rules sheet of a preset. An existing rules sheet the user changed is kept unless
 * `replaceChanged` (the pane asks first): its `rules_changed` issue says so. Round trips: 2, or 3
 * when a rules sheet exists.
 */
export async function writeRulesSheet(
  port: WorkbookPort,
  presetId: string,
  options: { readonly replaceChanged?: boolean } = {}
): Promise<Result<WrittenRules>> {
  const doc = findPreset(presetId);
  if (doc === undefined)
    return {
      ok: false,
      issues: [
        {
          code: "profile_without_indicators",
          severity: "error",
          params: { profile: presetId, reason: "unknown-profile", known: presetIds().join(", ") },
        },
      ],
    };
  try {
    const sheets = await port.listSheets();
    if (hasRulesSheet(sheets) && options.replaceChanged !== true) {
      const existing = rulesFromGrid(await port.readGrid(RULES_SHEET));
      if ("doc" in existing && existing.changed)
        return { ok: false, issues: existing.issues.filter((i) => i.code === "rules_changed") };
    }
    const sheet = rulesSheetSpec(doc);
    await port.apply([sheet.spec]);
    const read = rulesFromGrid(await port.readGrid(RULES_SHEET));
    return {
      ok: true,
      value: { sheet: RULES_SHEET, presetId, issues: read.issues },
      issues: read.issues,
    };
  } catch (e) {
    const issue = portErrorIssue(e);
    if (issue !== null) return { ok: false, issues: [issue] };
    throw e;
  }
}

/** The rules in force: the workbook's rules sheet when there is one, else `fallback`. */
export async function readRulesInForce(
  port: WorkbookPort,
  fallback: RuleProfile,
  sheets?: readonly SheetInfo[]
): Promise<RulesInForce> {
  const list = sheets ?? (await port.listSheets());
  if (!hasRulesSheet(list)) return { from: "profile", profile: fallback, issues: [] };
  return rulesInForce([await port.readGrid(RULES_SHEET)], fallback);
}
