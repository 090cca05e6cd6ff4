/**
 * The recogniser: workbook grids → indicator tree, units and entries, with issues. Layouts: (a) one
 * unit's form, (b) a matrix (one column per unit, or the DTI entry workbook's three), (c) a summary.
 *
 * Issue params it raises (for the message catalogues): every number issue has `field` ("self",
 * "appraised", "max", "score"), `indicator`, `unitName` when known; vn_number_parsed {text, value};
 * ambiguous_number {text, candidates "1000 | 1", first, second}; not_a_number {text}; formula_error
 * {text}; max_missing {indicator, name}; duplicate_code {indicator, first?}; duplicate_unit
 * {unitName, count}; unknown_group {group, unitName, groups}; no_table_found {sheet?, sheets}.
 */
import type {
  Grid,
  Indicator,
  Issue,
  Recognized,
  Result,
  RuleProfile,
  ScoreEntry,
  Unit,
} from "../model/types";
import { foldName } from "../text/normalize";
import { makeIssue } from "./cells";
import { GridView } from "./grid-view";
import { findHeaders } from "./header-row";
import { readIndicatorTable, type TableOptions } from "./indicator-table";
import { readSummary } from "./summary";
import { sortIndicators } from "./order";
import { isUnitsSheet, readUnitsSheet, UnitIds, type UnitInfo } from "./units";

export { compareCodes, levelOfCode, parentOfCode } from "./codes";
export { matchGroup } from "./units";

export interface RecognizeOptions {
  /** Only this sheet (matched ignoring accents and case). */
  readonly sheet?: string;
  /** The unit's name for a one-unit form (else a title cell "Đơn vị: …", else the sheet name). */
  readonly unitName?: string;
}

function recognizeSheet(
  view: GridView,
  profile: RuleProfile,
  options: TableOptions
): { ok: true; value: Recognized; issues: Issue[] } | null {
  for (const header of findHeaders(view)) {
    const result =
      header.kind === "indicators"
        ? readIndicatorTable(view, header, profile, options)
        : readSummary(view, header, profile, options);
    if (result !== null) return result;
  }
  return null;
}

function weight(r: Recognized): number {
  return r.entries.length + r.indicators.length + (r.layout === "matrix" ? 0.5 : 0);
}

/**
 * One form per sheet (an agency per sheet, as provinces often collect them): the forms that share
 * most of their codes become one table with a unit per sheet. Null when fewer than two such forms.
 */
function combineForms(
  found: readonly { value: Recognized; issues: Issue[] }[]
): { ok: true; value: Recognized; issues: Issue[] } | null {
  const forms = found.filter((r) => r.value.layout === "form" && r.value.units.length === 1);
  const first = forms[0];
  if (first === undefined || forms.length < 2) return null;
  const firstCodes = new Set(first.value.indicators.map((i) => i.code));
  const alike = forms.filter((f) => {
    const codes = f.value.indicators.map((i) => i.code);
    const shared = codes.filter((c) => firstCodes.has(c)).length;
    return shared >= Math.max(1, Math.min(codes.length, firstCodes.size) / 2);
  });
  if (alike.length < 2) return null;
  const issues: Issue[] = [];
  const ids = new UnitIds(issues);
  const indicators = new Map<string, Indicator>();
  const units: Unit[] = [];
  const entries: ScoreEntry[] = [];
  for (const f of alike) {
    issues.push(...f.issues);
    for (const ind of f.value.indicators)
      if (!indicators.has(ind.code)) indicators.set(ind.code, ind);
    const unit = f.value.units[0];
    if (unit === undefined) continue;
    const id = ids.take(unit.name, unit.cell ?? { sheet: "", cell: "A1" });
    units.push({ ...unit, id });
    for (const e of f.value.entries) entries.push({ ...e, unitId: id });
  }
  return {
    ok: true,
    value: {
      layout: "form",
      indicators: sortIndicators([...indicators.values()]),
      units,
      entries,
      tableRange: first.value.tableRange,
    },
    issues,
  };
}

/** Finds the scoring table in the grids (the named sheet, else the best one) and reads it. Never throws. */
export function recognize(
  grids: readonly Grid[],
  profile: RuleProfile,
  options: RecognizeOptions = {}
): Result<Recognized> {
  const views = grids.map((g) => new GridView(g));
  const wanted = options.sheet !== undefined ? foldName(options.sheet) : undefined;
  const unitViews = views.filter((v) => isUnitsSheet(v));
  const unitIssues: Issue[] = [];
  const units: Map<string, UnitInfo> =
    unitViews[0] !== undefined
      ? readUnitsSheet(unitViews[0], profile, unitIssues)
      : new Map<string, UnitInfo>();
  const candidates = views.filter((v) =>
    wanted !== undefined
      ? foldName(v.sheet) === wanted
      : !v.sheet.startsWith("_") && !unitViews.includes(v)
  );
  const tableOptions: TableOptions = {
    units,
    ...(options.unitName !== undefined ? { unitName: options.unitName } : {}),
  };
  let best: { ok: true; value: Recognized; issues: Issue[] } | null = null;
  const found: { ok: true; value: Recognized; issues: Issue[] }[] = [];
  for (const v of candidates) {
    const r = recognizeSheet(v, profile, tableOptions);
    if (r === null) continue;
    found.push(r);
    if (best === null || weight(r.value) > weight(best.value)) best = r;
  }
  if (wanted === undefined && options.unitName === undefined) {
    const combined = combineForms(found);
    if (combined !== null && (best === null || weight(combined.value) > weight(best.value)))
      best = combined;
  }
  if (best === null) {
    const sheets = grids.map((g) => g.sheet).join(", ");
    const params: Record<string, string> = { sheets };
    if (options.sheet !== undefined) params["sheet"] = options.sheet;
    return { ok: false, issues: [makeIssue("no_table_found", "error", undefined, params)] };
  }
  // Units-sheet issues matter only for the units the table uses.
  const names = new Set(best.value.units.map((u) => u.id));
  const used = unitIssues.filter((i) => i.unit === undefined || names.has(i.unit));
  return { ok: true, value: best.value, issues: [...used, ...best.issues] };
}
