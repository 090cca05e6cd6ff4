/**
 * Use-case "build the ranking" (one click): read the entry sheets, evaluate, write the ranked sheets
 * (one per group), the reconciliation sheet, and year-over-year columns when last year is known.
 *
 * Round trips: the entry sheets (and last year's ranking sheet, when named) are read in one
 * readGrids, then one `apply` writes every sheet: 2 port calls, 3 syncs on Excel, whatever the number
 * of units (+1 read per missing sheet; +1 apply per clash with a user sheet's name, which `apply`
 * refuses without writing anything, after which the name gets a " (2)" suffix).
 * `apply` is all-or-nothing, so a failure leaves the previous ranking sheets as they were.
 */
import {
  ENTRY_SHEET,
  RANKING_ROLE,
  RECONCILIATION_ROLE,
  APPENDIX_ROLE,
  RULES_SHEET,
  bandRefsOf,
  rulesInForce,
  UNITS_SHEET,
  getProfile,
  lastYearFromGrid,
  planInput,
  readInput,
  type ExistingSheet,
  type Grid,
  type IndicatorSet,
  type Issue,
  type AppendixDecision,
  type LastYearRanking,
  type OutcomeChange,
  type PlanOptions,
  type Ranking,
  type RuleProfile,
  type Rounding,
  type TiePolicy,
} from "../engine";
import { PortError, type WorkbookPort } from "../workbook/port";
import { setInForce } from "./set-in-force";

interface BuildRankingOptions {
  /**
   * The set in force (the pane passes the one it holds); read from the workbook (setInForce, one
   * more round trip) when absent. Its rules are used, and an entry sheet written for another set is
   * not ranked (an `entry_set_mismatch` error says why). The profile below is used only when the
   * workbook has no confirmed set (a foreign workbook).
   */
  readonly confirmedSet?: IndicatorSet | null;
  /** The rule profile (or its id) for a workbook without a confirmed set. */
  readonly profile?: RuleProfile;
  readonly profileId?: string;
  /** Default "Nhập điểm". */
  readonly entrySheet?: string;
  /** Default "Đơn vị"; null when the entry sheet carries everything. */
  readonly unitsSheet?: string | null;
  /** Group ids to build (default all). */
  readonly groups?: readonly string[];
  readonly tiePolicy?: TiePolicy;
  readonly rounding?: Rounding;
  readonly year?: number;
  /** Last year's ranking: a sheet of this workbook to read, or one already read (an imported file). */
  readonly lastYear?: { readonly sheet: string } | { readonly ranking: LastYearRanking };
  /** Add the self-assessed vs appraised sheet (default: when any appraised score exists). */
  readonly reconciliation?: boolean;
  /** Sheets known to exist (e.g. from the task pane's last listSheets): avoids a clash retry. */
  readonly knownSheets?: readonly ExistingSheet[];
  /** Also write the decision's appendix ("Phụ lục - …", one print-ready sheet per group). */
  readonly appendix?: boolean;
  /** The decision the appendix goes with (default: the set's source decision). */
  readonly decision?: AppendixDecision;
  /**
   * Read the rules sheet ("Quy tắc") in the same read and apply it (it wins over the profile): the
   * pane passes true when the sheet list has one. With errors in it nothing is ranked.
   */
  readonly rulesSheet?: boolean;
  /** Rebuild sheets the user edited inside their generated area (after the "sheet_edited" warning). */
  readonly overwriteEdits?: boolean;
  /** Told each step as it starts (the task pane's progress); awaited so the pane can repaint. */
  readonly onProgress?: (step: "read" | "score" | "write") => void | Promise<void>;
}

interface BuiltRanking {
  readonly ok: true;
  /** Names of the sheets written, ranking sheets first. */
  readonly sheets: string[];
  readonly ranking: Ranking;
  readonly set: IndicatorSet;
  /** Recogniser, validation and year-over-year issues. */
  readonly issues: readonly Issue[];
  /** Units whose grade or rank the appraisal changed (empty without a reconciliation sheet). */
  readonly changes: readonly OutcomeChange[];
  /** Port calls made by this action. */
  readonly roundTrips: number;
  /** Where the rules came from: the workbook's rules sheet, or the set / profile. */
  readonly rulesFrom: "rules-sheet" | "profile";
}

export type BuildRankingResult =
  BuiltRanking | { readonly ok: false; readonly issues: readonly Issue[] };

/** At most this many retries after a name clash with a user sheet. */
const MAX_CLASH_RETRIES = 5;

function resolveProfile(options: BuildRankingOptions, set: IndicatorSet | null): RuleProfile {
  if (set !== null) return set.profile;
  if (options.profile !== undefined) return options.profile;
  if (options.profileId !== undefined) return getProfile(options.profileId);
  throw new TypeError("buildRanking: options.profile or options.profileId is required");
}

/** Reads the entry sheets, evaluates and writes the ranked sheets in one apply. */
export async function buildRanking(
  port: WorkbookPort,
  options: BuildRankingOptions
): Promise<BuildRankingResult> {
  let roundTrips = 0;
  let set = options.confirmedSet;
  if (set === undefined) {
    roundTrips++;
    set = await setInForce(port);
  }
  const profile = resolveProfile(options, set);
  const entrySheet = options.entrySheet ?? ENTRY_SHEET;
  const unitsSheet = options.unitsSheet === undefined ? UNITS_SHEET : options.unitsSheet;
  const lastYearSheet =
    options.lastYear !== undefined && "sheet" in options.lastYear ? options.lastYear.sheet : null;
  // One read for all; a missing sheet (named by the PortError) is left out and the rest read again.
  const rulesSheet = options.rulesSheet === true ? RULES_SHEET : null;
  const wanted = [entrySheet, unitsSheet, lastYearSheet, rulesSheet].filter(
    (x): x is string => x !== null
  );
  const grids = new Map<string, Grid>();
  await options.onProgress?.("read");
  for (let left = [...new Set(wanted)]; left.length > 0;) {
    roundTrips++;
    try {
      const read = await port.readGrids(left);
      left.forEach((name, i) => {
        const g = read[i];
        if (g !== undefined) grids.set(name, g);
      });
      break;
    } catch (e) {
      const missing = e instanceof PortError && e.code === "sheet_not_found" ? e.detail.sheet : "";
      const rest = left.filter((n) => n.toUpperCase() !== (missing ?? "").toUpperCase());
      if (rest.length === left.length) throw e;
      left = rest;
    }
  }
  const gridOf = (sheet: string | null): Grid | null =>
    sheet === null ? null : (grids.get(sheet) ?? null);
  const [entryGrid, unitsGrid, lastGrid] = [
    gridOf(entrySheet),
    gridOf(unitsSheet),
    gridOf(lastYearSheet),
  ];
  if (entryGrid === null) return { ok: false, issues: [sheetMissing(entrySheet, "error")] };
  // The rules sheet, when read, is the rules in force; with errors in it nothing is ranked.
  const rulesGrid = gridOf(rulesSheet);
  const force = rulesInForce(rulesGrid === null ? [] : [rulesGrid], profile);
  if (force.profile === null) return { ok: false, issues: force.issues };
  const rules = force.from === "rules-sheet" ? force.rules : null;
  const bandRefs = rules !== null ? bandRefsOf(rules) : undefined;
  if (rules !== null && set !== null) set = { ...set, profile: force.profile };
  const issues: Issue[] = [];
  // Without the units sheet the recogniser still reads the matrix; groups may then be unknown.
  if (unitsSheet !== null && unitsGrid === null) issues.push(sheetMissing(unitsSheet, "warning"));
  const entryGrids = unitsGrid === null ? [entryGrid] : [entryGrid, unitsGrid];
  let lastYear: LastYearRanking | undefined;
  if (lastYearSheet !== null) {
    lastYear =
      lastGrid === null
        ? undefined
        : (lastYearFromGrid(lastGrid, `sheet "${lastYearSheet}"`) ?? undefined);
    if (lastGrid === null) issues.push(sheetMissing(lastYearSheet, "warning"));
    else if (lastYear === undefined)
      issues.push({
        code: "header_not_found",
        severity: "warning",
        cell: { sheet: lastYearSheet, cell: "A1" },
        params: { sheet: lastYearSheet, header: "Tên cơ quan, đơn vị; Tổng điểm" },
      });
  } else if (options.lastYear !== undefined && "ranking" in options.lastYear) {
    lastYear = options.lastYear.ranking;
  }

  await options.onProgress?.("score");
  const read = readInput(entryGrids, { set, profile: force.profile, sheet: entrySheet });
  if (!read.ok) return { ok: false, issues: [...issues, ...read.issues] };
  const input = read.value;
  const planOptions: PlanOptions = {
    ...(options.groups !== undefined ? { groups: options.groups } : {}),
    ...(options.tiePolicy !== undefined ? { tiePolicy: options.tiePolicy } : {}),
    ...(options.rounding !== undefined ? { rounding: options.rounding } : {}),
    ...(options.year !== undefined ? { year: options.year } : {}),
    ...(lastYear !== undefined ? { lastYear } : {}),
    ...(options.reconciliation !== undefined ? { reconciliation: options.reconciliation } : {}),
    ...appendixOf(options),
    ...(bandRefs !== undefined ? { bandRefs } : {}),
  };
  const planned = planInput(input, {
    ...planOptions,
    ...(options.knownSheets !== undefined ? { existingSheets: options.knownSheets } : {}),
  });
  if (!planned.ok) return { ok: false, issues: [...issues, ...planned.issues] };
  let plan = planned.value;

  // Write; on a clash with a user sheet, rename and retry (apply wrote nothing).
  const taken: ExistingSheet[] = [...(options.knownSheets ?? [])];
  await options.onProgress?.("write");
  // A build of every group is the whole ranking: owned ranking sheets it no longer makes (a group
  // that has gone) are removed in the same apply. A build of some groups leaves the others' sheets.
  const groupIds = plan.set.profile.groups.map((g) => g.id);
  const everyGroup =
    options.groups === undefined || groupIds.every((id) => options.groups?.includes(id));
  for (let attempt = 0; ; attempt++) {
    try {
      roundTrips++;
      await port.apply(plan.specs, {
        ...(everyGroup ? { removeOtherRoles: RANKING_ROLES } : {}),
        ...(options.overwriteEdits === true ? { overwriteEdits: true } : {}),
      });
      break;
    } catch (e) {
      const clash =
        e instanceof PortError && e.code === "sheet_not_owned" && e.detail.sheet !== undefined;
      if (!clash || attempt >= MAX_CLASH_RETRIES) throw e;
      taken.push({ name: e.detail.sheet ?? "", owned: false });
      // The same ranking, only the sheet names change.
      const again = planInput(input, { ...planOptions, existingSheets: taken }, plan.ranking);
      if (!again.ok) return { ok: false, issues: [...issues, ...again.issues] };
      plan = { ...again.value, issues: plan.issues };
    }
  }
  return {
    ok: true,
    sheets: plan.specs.map((s) => s.name),
    ranking: plan.ranking,
    set: plan.set,
    issues: [...force.issues, ...issues, ...plan.issues],
    changes: plan.changes,
    roundTrips,
    rulesFrom: force.from,
  };
}

function appendixOf(o: BuildRankingOptions): Pick<PlanOptions, "appendix" | "decision"> {
  if (o.appendix !== true) return {};
  return { appendix: true, ...(o.decision !== undefined ? { decision: o.decision } : {}) };
}

function sheetMissing(sheet: string, severity: "error" | "warning"): Issue {
  return {
    code: "sheet_missing",
    severity,
    cell: { sheet, cell: "A1" },
    params: { sheet },
  };
}

/** The roles of the sheets this use-case writes (the ones it may replace). */
const RANKING_ROLES: readonly string[] = [RANKING_ROLE, RECONCILIATION_ROLE, APPENDIX_ROLE];
