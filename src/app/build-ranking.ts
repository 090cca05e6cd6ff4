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
import { evaluate, indicatorSetFromRecognized } from "../engine/evaluate";
import type {
  Grid,
  IndicatorSet,
  Issue,
  Ranking,
  Recognized,
  Result,
  RuleProfile,
  Rounding,
  TiePolicy,
} from "../engine/model/types";
import { getProfile } from "../engine/profiles";
import { recognize } from "../engine/recognize";
import { ENTRY_SHEET, UNITS_SHEET } from "../engine/sheets/entry-sheets";
import {
  type ExistingSheet,
  RANKING_ROLE,
  SheetNamer,
  buildRankingSheets,
} from "../engine/sheets/ranking-sheets";
import {
  type OutcomeChange,
  RECONCILIATION_ROLE,
  reconciliationSheet,
  selfAssessedData,
} from "../engine/sheets/reconciliation";
import type { SheetSpec } from "../engine/sheets/spec";
import type { BandRefs } from "../engine";
import {
  type LastYearRanking,
  lastYearFromGrid,
  lastYearFromRanking,
} from "../engine/sheets/year-over-year";
import { compareSets, setMismatchIssue } from "../engine/set-compare";
import {
  APPENDIX_ROLE,
  type AppendixDecision,
  appendixSheetSpecs,
} from "../engine/sheets/appendix";
import { PortError, type WorkbookPort } from "../workbook/port";

export interface BuildRankingOptions {
  /**
   * The set confirmed in the workbook: its rules are used, and an entry sheet written for another
   * set is not ranked (an `entry_set_mismatch` error says why).
   */
  readonly confirmedSet?: IndicatorSet;
  /** The rule profile (or its id); one of the two is required (unless `confirmedSet` is given). */
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
  /** Told each step as it starts (the task pane's progress); awaited so the pane can repaint. */
  readonly onProgress?: (step: "read" | "score" | "write") => void | Promise<void>;
}

export interface BuiltRanking {
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
}

export type BuildRankingResult =
  BuiltRanking | { readonly ok: false; readonly issues: readonly Issue[] };

/** At most this many retries after a name clash with a user sheet. */
const MAX_CLASH_RETRIES = 5;

/** Everything a ranking needs, computed without touching a workbook (shared with the CLI). */
export interface RankingPlan {
  readonly set: IndicatorSet;
  readonly data: Recognized;
  readonly ranking: Ranking;
  readonly issues: readonly Issue[];
  readonly changes: readonly OutcomeChange[];
  readonly specs: SheetSpec[];
}

export interface PlanOptions {
  /** Also the decision's appendix sheets, after the ranked ones. */
  readonly appendix?: boolean;
  readonly decision?: AppendixDecision;
  readonly groups?: readonly string[];
  readonly tiePolicy?: TiePolicy;
  readonly rounding?: Rounding;
  readonly year?: number;
  readonly lastYear?: LastYearRanking;
  readonly reconciliation?: boolean;
  readonly existingSheets?: readonly ExistingSheet[];
  readonly linkToEntries?: boolean;
  readonly sourceLabel?: string;
  /** The rules sheet's band cells: the ranked sheets' grade formulas reference them. */
  readonly bandRefs?: BandRefs;
}

/** Recognise, evaluate and build the specs from grids already read. */
export function planRanking(
  grids: readonly Grid[],
  profile: RuleProfile,
  options: PlanOptions & { readonly entrySheet?: string }
): Result<RankingPlan> {
  const rec = recognize(
    grids,
    profile,
    options.entrySheet !== undefined ? { sheet: options.entrySheet } : {}
  );
  if (!rec.ok) return { ok: false, issues: rec.issues };
  const data = rec.value;
  const set = indicatorSetFromRecognized(profile, data);
  return planFromData(set, data, options, rec.issues);
}

/**
 * Last year's ranking from the grids of a file (or of sheets): every ranked sheet found (a header
 * with the unit name and "Tổng điểm"), merged; else the grids recognised (e.g. a summary layout)
 * and evaluated with `profile`. Null when neither works.
 */
export function lastYearFromGrids(
  grids: readonly Grid[],
  profile: RuleProfile,
  source: string
): LastYearRanking | null {
  const found = grids
    .map((g) => lastYearFromGrid(g, source))
    .filter((x): x is LastYearRanking => x !== null);
  const first = found[0];
  if (first !== undefined)
    return { year: first.year, source, scale: first.scale, units: found.flatMap((l) => l.units) };
  const ev = evaluateGrids(grids, profile);
  if (!ev.ok) return null;
  return lastYearFromRanking(ev.value.ranking, source, null, profile.scale);
}

/** Recognise and evaluate only, no sheet specs (cheaper than planRanking: for showing a ranking). */
export function evaluateGrids(
  grids: readonly Grid[],
  profile: RuleProfile,
  options: {
    readonly entrySheet?: string;
    readonly tiePolicy?: TiePolicy;
    readonly rounding?: Rounding;
  } = {}
): Result<{ set: IndicatorSet; data: Recognized; ranking: Ranking }> {
  const rec = recognize(
    grids,
    profile,
    options.entrySheet !== undefined ? { sheet: options.entrySheet } : {}
  );
  if (!rec.ok) return { ok: false, issues: rec.issues };
  const set = indicatorSetFromRecognized(profile, rec.value);
  const ranking = evaluate(set, rec.value, {
    ...(options.tiePolicy !== undefined ? { tiePolicy: options.tiePolicy } : {}),
    ...(options.rounding !== undefined ? { rounding: options.rounding } : {}),
  });
  return { ok: true, value: { set, data: rec.value, ranking }, issues: rec.issues };
}

/** Evaluate and build the specs from recognised data. */
export function planFromData(
  set: IndicatorSet,
  data: Recognized,
  options: PlanOptions,
  priorIssues: readonly Issue[] = []
): Result<RankingPlan> {
  const evalOptions = {
    ...(options.tiePolicy !== undefined ? { tiePolicy: options.tiePolicy } : {}),
    ...(options.rounding !== undefined ? { rounding: options.rounding } : {}),
  };
  const ranking = evaluate(set, data, evalOptions);
  const namer = new SheetNamer(options.existingSheets ?? []);
  const built = buildRankingSheets(set, data, ranking, { ...options, namer });
  const specs = [...built.specs];
  if (options.appendix === true)
    specs.push(
      ...appendixSheetSpecs(set, data, ranking, {
        namer,
        sheetByGroup: built.sheetByGroup,
        ...(options.decision !== undefined ? { decision: options.decision } : {}),
        ...(options.year !== undefined ? { year: options.year } : {}),
        ...(options.groups !== undefined ? { groups: options.groups } : {}),
      })
    );
  let changes: readonly OutcomeChange[] = [];
  const hasAppraised = data.entries.some((e) => e.appraised?.points != null);
  if (options.reconciliation ?? hasAppraised) {
    const selfRanking = evaluate(set, selfAssessedData(data), evalOptions);
    const rec = reconciliationSheet(set, data, ranking, selfRanking, {
      namer,
      ...(options.linkToEntries !== undefined ? { linkToEntries: options.linkToEntries } : {}),
      ...(options.year !== undefined ? { year: options.year } : {}),
    });
    specs.push(rec.spec);
    changes = rec.changes;
  }
  if (specs.length === 0) return { ok: false, issues: [...priorIssues, ...ranking.issues] };
  return {
    ok: true,
    value: {
      set,
      data,
      ranking,
      issues: dedupeIssues([...priorIssues, ...ranking.issues, ...built.issues]),
      changes,
      specs,
    },
    issues: [],
  };
}

function dedupeIssues(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const i of issues) {
    const key = `${i.code}|${i.cell?.sheet ?? ""}!${i.cell?.cell ?? ""}|${i.unit ?? ""}|${i.indicator ?? ""}|${JSON.stringify(i.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(i);
  }
  return out;
}

function appendixOf(o: BuildRankingOptions): Pick<PlanOptions, "appendix" | "decision"> {
  if (o.appendix !== true) return {};
  return { appendix: true, ...(o.decision !== undefined ? { decision: o.decision } : {}) };
}

function resolveProfile(options: BuildRankingOptions): RuleProfile {
  if (options.confirmedSet !== undefined) return options.confirmedSet.profile;
  if (options.profile !== undefined) return options.profile;
  if (options.profileId !== undefined) return getProfile(options.profileId);
  throw new TypeError("buildRanking: options.profile or options.profileId is required");
}

/** Reads the entry sheets, evaluates and writes the ranked sheets in one apply. */
export async function buildRanking(
  port: WorkbookPort,
  options: BuildRankingOptions
): Promise<BuildRankingResult> {
  const profile = resolveProfile(options);
  const entrySheet = options.entrySheet ?? ENTRY_SHEET;
  const unitsSheet = options.unitsSheet === undefined ? UNITS_SHEET : options.unitsSheet;
  let roundTrips = 0;
  const lastYearSheet =
    options.lastYear !== undefined && "sheet" in options.lastYear ? options.lastYear.sheet : null;
  // One read for all; a missing sheet (named by the PortError) is left out and the rest read again.
  const wanted = [entrySheet, unitsSheet, lastYearSheet].filter((x): x is string => x !== null);
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
  const planned = planRanking(entryGrids, profile, {
    entrySheet,
    ...(options.groups !== undefined ? { groups: options.groups } : {}),
    ...(options.tiePolicy !== undefined ? { tiePolicy: options.tiePolicy } : {}),
    ...(options.rounding !== undefined ? { rounding: options.rounding } : {}),
    ...(options.year !== undefined ? { year: options.year } : {}),
    ...(lastYear !== undefined ? { lastYear } : {}),
    ...(options.reconciliation !== undefined ? { reconciliation: options.reconciliation } : {}),
    ...(options.knownSheets !== undefined ? { existingSheets: options.knownSheets } : {}),
    ...appendixOf(options),
  });
  if (!planned.ok) return { ok: false, issues: [...issues, ...planned.issues] };
  let plan = planned.value;
  if (options.confirmedSet !== undefined) {
    const diff = compareSets(options.confirmedSet, plan.set);
    if (diff !== null)
      return {
        ok: false,
        issues: [...issues, setMismatchIssue(entrySheet, options.confirmedSet, diff)],
      };
  }

  // Write; on a clash with a user sheet, rename and retry (apply wrote nothing).
  const taken: ExistingSheet[] = [...(options.knownSheets ?? [])];
  await options.onProgress?.("write");
  for (let attempt = 0; ; attempt++) {
    try {
      roundTrips++;
      await port.apply(plan.specs);
      break;
    } catch (e) {
      const clash =
        e instanceof PortError && e.code === "sheet_not_owned" && e.detail.sheet !== undefined;
      if (!clash || attempt >= MAX_CLASH_RETRIES) throw e;
      taken.push({ name: e.detail.sheet ?? "", owned: false });
      const again = planFromData(plan.set, plan.data, {
        ...(options.groups !== undefined ? { groups: options.groups } : {}),
        ...(options.tiePolicy !== undefined ? { tiePolicy: options.tiePolicy } : {}),
        ...(options.rounding !== undefined ? { rounding: options.rounding } : {}),
        ...(options.year !== undefined ? { year: options.year } : {}),
        ...(lastYear !== undefined ? { lastYear } : {}),
        ...(options.reconciliation !== undefined ? { reconciliation: options.reconciliation } : {}),
        ...appendixOf(options),
        existingSheets: taken,
      });
      if (!again.ok) return { ok: false, issues: [...issues, ...again.issues] };
      plan = { ...again.value, issues: plan.issues };
    }
  }
  return {
    ok: true,
    sheets: plan.specs.map((s) => s.name),
    ranking: plan.ranking,
    set: plan.set,
    issues: [...issues, ...plan.issues],
    changes: plan.changes,
    roundTrips,
  };
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
export const RANKING_ROLES: readonly string[] = [RANKING_ROLE, RECONCILIATION_ROLE, APPENDIX_ROLE];
