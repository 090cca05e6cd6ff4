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
import { GridView, isNumericColumn } from "./grid-view";
import { findHeaders, HEADER_SCAN_ROWS } from "./header-row";
import { colLetter, colNumber, type LayoutOverrides } from "./layout";
import { readIndicatorTable, type TableOptions } from "./indicator-table";
import { readSummary } from "./summary";
import { sortIndicators } from "./order";
import { isUnitsSheet, readUnitsSheet, UnitIds, type UnitInfo } from "./units";

export { compareCodes, levelOfCode, parentOfCode } from "./codes";
export { matchGroup } from "./units";
export {
  LAYOUT_SETTING,
  MERGED_GROUP_ID,
  decodeLayoutSetting,
  mergeOverrides,
  overridesOfLayout,
  OVERRIDE_ROLES,
  SCALES,
  overridesAsArgs,
  parseOverrides,
  type ColumnRole,
  type LayoutColumn,
  type LayoutOverrides,
  type LeftOut,
  type Scale,
  type TableLayout,
} from "./layout";
export { checkPublished, type PublishedValues } from "./published";

export interface RecognizeOptions {
  /** Only this sheet (matched ignoring accents and case). */
  readonly sheet?: string;
  /** The unit's name for a one-unit form (else a title cell "Đơn vị: …", else the sheet name). */
  readonly unitName?: string;
  /** The user's corrections to the layout (header row, column roles, maxima, scale). */
  readonly overrides?: LayoutOverrides;
}

type SheetResult =
  { ok: true; value: Recognized; issues: Issue[] } | { ok: false; issues: Issue[] };

function recognizeSheet(
  view: GridView,
  profile: RuleProfile,
  options: TableOptions
): SheetResult | null {
  const ov = options.overrides;
  let hits = findHeaders(view);
  if (ov?.headerRow !== undefined) {
    const wanted = hits.filter((h) => h.row === ov.headerRow || h.row + 1 === ov.headerRow);
    hits = wanted.length > 0 ? wanted : [];
  }
  // A unit column named by the user: its header row is the one asked for, or found below.
  const unitOverride = Object.entries(ov?.columns ?? {}).find(([, r]) => r === "unit")?.[0];
  if (unitOverride !== undefined) {
    const row = ov?.headerRow ?? unitHeaderRow(view, unitOverride);
    if (row !== null) hits = [...hits, { row, kind: "summary", roles: new Map(), score: 0 }];
  }
  let refused: SheetResult | null = null;
  for (const header of hits) {
    const result =
      header.kind === "indicators"
        ? readIndicatorTable(view, header, profile, options)
        : readSummary(view, header, profile, options);
    if (result === null) continue;
    if (result.ok) return result;
    refused ??= result;
  }
  return refused ?? noUnitColumn(view);
}

/** The row over the first text in a column that has text below it (the header of a unit column). */
function unitHeaderRow(view: GridView, letter: string): number | null {
  const col = colNumber(letter);
  if (col === null) return null;
  for (let r = view.firstRow; r < Math.min(view.lastRow, view.firstRow + HEADER_SCAN_ROWS); r++) {
    if (view.text(r, col) !== "" && view.text(r + 1, col) !== "") return r;
  }
  return null;
}

/**
 * A table of names and figures whose name column has no known header: refused with what was found
 * and the headers expected, instead of "no table" (or a guess).
 */
function noUnitColumn(view: GridView): SheetResult | null {
  for (let r = view.firstRow; r < Math.min(view.lastRow, view.firstRow + HEADER_SCAN_ROWS); r++) {
    let texts = 0;
    for (let c = view.firstCol; c <= view.lastCol; c++) if (view.text(r, c) !== "") texts++;
    if (texts < 2) continue;
    let numeric = 0;
    let nameCol: number | null = null;
    for (let c = view.firstCol; c <= view.lastCol; c++) {
      if (view.text(r, c) === "") continue;
      if (isNumericColumn(view, c, r + 1)) numeric++;
      else if (nameCol === null && view.text(r + 1, c) !== "") nameCol = c;
    }
    if (numeric === 0 || nameCol === null) continue;
    let rows = 0;
    for (let k = r + 1; k <= view.lastRow && view.text(k, nameCol) !== ""; k++) rows++;
    if (rows < 2) continue;
    return {
      ok: false,
      issues: [
        makeIssue("no_unit_column", "error", view.ref(r, nameCol), {
          sheet: view.sheet,
          rows,
          numeric,
          header: view.text(r, nameCol),
          column: colLetter(nameCol),
          expected: "Tên cơ quan, đơn vị; Đơn vị; Tỉnh, thành phố; Địa phương; Xã, phường",
        }),
      ],
    };
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
  const sheetName = options.sheet ?? options.overrides?.sheet;
  const wanted = sheetName !== undefined ? foldName(sheetName) : undefined;
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
    ...(options.overrides !== undefined ? { overrides: options.overrides } : {}),
    ...(options.unitName !== undefined ? { unitName: options.unitName } : {}),
  };
  let best: { ok: true; value: Recognized; issues: Issue[] } | null = null;
  const found: { ok: true; value: Recognized; issues: Issue[] }[] = [];
  let refusal: { ok: false; issues: Issue[] } | null = null;
  for (const v of candidates) {
    const r = recognizeSheet(v, profile, tableOptions);
    if (r === null) continue;
    if (!r.ok) {
      refusal ??= r;
      continue;
    }
    found.push(r);
    if (best === null || weight(r.value) > weight(best.value)) best = r;
  }
  if (wanted === undefined && options.unitName === undefined) {
    const combined = combineForms(found);
    if (combined !== null && (best === null || weight(combined.value) > weight(best.value)))
      best = combined;
  }
  if (best === null && refusal !== null) return { ok: false, issues: refusal.issues };
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
