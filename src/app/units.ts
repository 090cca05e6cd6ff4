/**
 * The units the entry matrix is built for, read from a "Đơn vị" sheet the user filled (the add-in's
 * own or one the user made with the same columns), so "create entry sheets" needs no other input.
 */
import {
  UNITS_SHEET,
  unitsSheetInfo,
  type Issue,
  type Result,
  type RuleProfile,
  type Unit,
} from "../engine";
import type { WorkbookPort } from "../workbook/port";
import { portErrorIssue } from "./port-errors";

/** Reads the units sheet (one round trip); a missing sheet is a `sheet_missing` issue. */
export async function readUnits(
  port: WorkbookPort,
  profile: RuleProfile,
  sheet: string = UNITS_SHEET
): Promise<Result<Unit[]>> {
  let grid;
  try {
    grid = await port.readGrid(sheet);
  } catch (e) {
    const issue = portErrorIssue(e);
    if (issue === null) throw e;
    return { ok: false, issues: [issue] };
  }
  const issues: Issue[] = [];
  const infos = unitsSheetInfo(grid, profile, issues);
  const units: Unit[] = [...infos.values()].map((u, i) => ({
    id: `u${i + 1}`,
    name: u.name,
    groupId: u.groupId,
    ...(u.groupText !== "" ? { groupText: u.groupText } : {}),
    hasSubordinateUnits: u.hasSubordinateUnits,
    hasDvctt: u.hasDvctt,
    specialPurpose: u.specialPurpose,
    notApplicable: u.notApplicable,
    cell: u.cell,
  }));
  if (units.length === 0)
    return {
      ok: false,
      issues: [...issues, { code: "no_table_found", severity: "error", params: { sheet } }],
    };
  return { ok: true, value: units, issues };
}
