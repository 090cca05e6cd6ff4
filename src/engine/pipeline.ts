/**
 * The pipeline, once: grids → read (the entry workbook exactly, a foreign workbook through the
 * recogniser) → validate → score → grade → rank → sheet specs. The task pane, the ranking use-case
 * and the command line all go through here, so the same workbook gives the same issues everywhere.
 *
 * Two lists of issues, one policy:
 * - `check` reports what is wrong in the cells (reader + validation), per unit, so that the check of
 *   one unit equals the full check restricted to it (live validation relies on it);
 * - `plan` / `evaluateInput` report that list plus what the results say (provisional totals, totals
 *   in a gap between grade bands, ranking-sheet notes), which depend on every unit of a group.
 * Duplicates (the reader and validation raising the same problem) are merged by `mergeIssues`.
 */
import { ENTRY_SHEET, entryGrids, readEntry } from "./entry";
import { evaluate, indicatorSetFromRecognized, type EvaluateOptions } from "./evaluate";
import type {
  Grid,
  IndicatorSet,
  Issue,
  Ranking,
  Recognized,
  Result,
  RuleProfile,
} from "./model/types";
import { recognize, type LayoutOverrides } from "./recognize";
import { compareSets, setMismatchIssue, type SetDifference } from "./set-compare";
import { type AppendixDecision, appendixSheetSpecs } from "./sheets/appendix";
import type { BandRefs } from "./sheets/formulas";
import { findRulesGrid, rulesInForce } from "./rules";
import { type ExistingSheet, SheetNamer, buildRankingSheets } from "./sheets/ranking-sheets";
import { type OutcomeChange, reconciliationSheet, selfAssessedData } from "./sheets/reconciliation";
import type { SheetSpec } from "./sheets/spec";
import { foldName } from "./text/normalize";
import { validate, type ValidateScope } from "./validate";
import {
  type LastYearRanking,
  lastYearFromGrid,
  lastYearFromRanking,
} from "./sheets/year-over-year";

// ---------------------------------------------------------------------------------------------
// One dedupe policy
// ---------------------------------------------------------------------------------------------

/**
 * The key under which two issues are the same problem. max_missing is matched by indicator and
 * unknown_group by group text whatever the cell (the reader and validation point at different cells
 * of the same row); every other code by its cell.
 */
function issueKey(i: Issue): string {
  const where =
    i.code === "max_missing"
      ? ""
      : i.code === "unknown_group"
        ? String(i.params["group"] ?? "")
        : `${i.cell?.sheet ?? ""}!${i.cell?.cell ?? ""}`;
  return `${i.code}|${where}|${i.unit ?? ""}|${i.indicator ?? ""}`;
}

/**
 * `first` (deduplicated) then the issues of `more` that are not already there: reader issues first
 * (they carry the more precise cell and params), then validation's. A group heading row reported as
 * unknown stands for the units under it. Linear: only codes present in `first` build keys for `more`
 * (a 3,321-unit matrix can raise hundreds of thousands of issues).
 */
export function mergeIssues(first: readonly Issue[], more: readonly Issue[] = []): Issue[] {
  const out: Issue[] = [];
  const keys = new Set<string>();
  const headingGroups = new Set<string>();
  // One "the groups cannot be told" error stands for every unit without a group.
  const groupsUntold = first.some((i) => i.code === "groups_not_inferred");
  for (const i of first)
    if (i.code === "unknown_group" && i.unit === undefined)
      headingGroups.add(String(i.params["group"] ?? ""));
  const add = (i: Issue, check: boolean): void => {
    if (groupsUntold && i.code === "unit_without_group") return;
    if (
      i.code === "unknown_group" &&
      i.unit !== undefined &&
      headingGroups.has(String(i.params["group"] ?? ""))
    )
      return;
    if (check) {
      const k = issueKey(i);
      if (keys.has(k)) return;
      keys.add(k);
    }
    out.push(i);
  };
  for (const i of first) add(i, true);
  const codes = new Set(first.map((i) => i.code));
  if (groupsUntold || headingGroups.size > 0) {
    for (const i of more) add(i, codes.has(i.code));
    return out;
  }
  // Only repeats are dropped: find them, then one concat when there are none (the usual case).
  let repeats: Set<number> | null = null;
  for (let j = 0; j < more.length; j++) {
    const i = more[j] as Issue;
    if (!codes.has(i.code)) continue;
    const k = issueKey(i);
    if (keys.has(k)) (repeats ??= new Set()).add(j);
    else keys.add(k);
  }
  if (repeats === null) return out.concat(more);
  for (let j = 0; j < more.length; j++) if (!repeats.has(j)) out.push(more[j] as Issue);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Read
// ---------------------------------------------------------------------------------------------

/** What was read from a workbook, with the set in force. */
export interface WorkbookInput {
  readonly set: IndicatorSet;
  readonly data: Recognized;
  /** The reader's (or the recogniser's) issues. */
  readonly issues: readonly Issue[];
  /** True when the entry workbook was read exactly (else the recogniser read a foreign layout). */
  readonly exact: boolean;
  /** The entry sheet was written for another set (how it differs): it is not ranked. */
  readonly mismatch?: SetDifference | null;
}

interface ReadOptions {
  /** The set in force (the confirmed one); null: derive it from what the recogniser finds. */
  readonly set: IndicatorSet | null;
  /** The rule profile when no set is confirmed (ignored otherwise). */
  readonly profile?: RuleProfile;
  /** Only this sheet (matched ignoring accents and case). */
  readonly sheet?: string;
  /** Only these units (ids): the entry workbook read exactly only. */
  readonly units?: readonly string[];
  /** A foreign table's layout corrections (stored in the workbook and/or given by the user). */
  readonly overrides?: LayoutOverrides;
}

/**
 * Reads the grids once: the entry workbook exactly when a set is in force and "Nhập điểm" is among
 * the grids (and no other sheet was asked for); anything else through the recogniser.
 */
/**
 * Units scored in one run at the most. Việt Nam has 3,321 communes, wards and special zones (2025);
 * a table of more is a wrong pick (a column of row numbers taken as units) or hostile, and scoring,
 * ranking and printing 290,000 units takes over 1.3 GB (issue 12: every input under 1 GB).
 */
const MAX_UNITS = 20_000;

/** The input refused when it has more units than MAX_UNITS. */
function withinUnits(input: WorkbookInput): Result<WorkbookInput> {
  const count = input.data.units.length;
  if (count <= MAX_UNITS) return { ok: true, value: input, issues: [] };
  return {
    ok: false,
    issues: [{ code: "too_many_units", severity: "error", params: { count, limit: MAX_UNITS } }],
  };
}

export function readInput(grids: readonly Grid[], options: ReadOptions): Result<WorkbookInput> {
  const { set } = options;
  const wantsEntry =
    options.sheet === undefined || foldName(options.sheet) === foldName(ENTRY_SHEET);
  if (set !== null && wantsEntry && entryGrids(grids).matrix !== null) {
    const read = readEntry(grids, set, options.units !== undefined ? { units: options.units } : {});
    if (!read.ok) return read;
    return withinUnits({
      set,
      data: read.value,
      issues: read.issues,
      exact: true,
      mismatch: read.mismatch ?? null,
    });
  }
  const profile = set?.profile ?? options.profile;
  if (profile === undefined) throw new TypeError("readInput: a set or a profile is required");
  const rec = recognize(grids, profile, {
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.overrides !== undefined ? { overrides: options.overrides } : {}),
  });
  if (!rec.ok) return { ok: false, issues: rec.issues };
  const onSheet = indicatorSetFromRecognized(profile, rec.value);
  return withinUnits({
    set: set ?? onSheet,
    data: rec.value,
    issues: rec.issues,
    exact: false,
    mismatch: set !== null ? compareSets(set, onSheet) : null,
  });
}

// ---------------------------------------------------------------------------------------------
// Check
// ---------------------------------------------------------------------------------------------

interface CheckResult {
  readonly issues: readonly Issue[];
  readonly input: WorkbookInput | null;
}

/** Validates what was read: the reader's issues then validation's, merged (one policy). */
export function checkInput(input: WorkbookInput, scope?: ValidateScope): Issue[] {
  return mergeIssues(input.issues, validate(input.set, input.data, scope));
}

/** Read and validate (the pane's check, live validation, `dti validate`). */
export function check(
  set: IndicatorSet,
  grids: readonly Grid[],
  scope: { readonly units?: readonly string[]; readonly sheet?: string } = {}
): CheckResult {
  const read = readInput(grids, { set, ...scope });
  if (!read.ok) return { issues: read.issues, input: null };
  const input = read.value;
  return {
    issues: checkInput(input, scope.units !== undefined ? { units: scope.units } : undefined),
    input,
  };
}

// ---------------------------------------------------------------------------------------------
// Evaluate and plan
// ---------------------------------------------------------------------------------------------

/** Scores, grades and ranks what was read; issues: the check's, then the results'. */
export function evaluateInput(
  input: WorkbookInput,
  options: EvaluateOptions = {}
): { ranking: Ranking; issues: Issue[] } {
  const ranking = evaluate(input.set, input.data, options);
  return { ranking, issues: mergeIssues(input.issues, ranking.issues) };
}

/** Everything a ranking needs, computed without touching a workbook. */
interface RankingPlan {
  readonly set: IndicatorSet;
  readonly data: Recognized;
  readonly ranking: Ranking;
  readonly issues: readonly Issue[];
  readonly changes: readonly OutcomeChange[];
  readonly specs: SheetSpec[];
}

export interface PlanOptions extends EvaluateOptions {
  /** Also the decision's appendix sheets, after the ranked ones. */
  readonly appendix?: boolean;
  readonly decision?: AppendixDecision;
  readonly groups?: readonly string[];
  readonly year?: number;
  readonly lastYear?: LastYearRanking;
  /** Add the self-assessed vs appraised sheet (default: when any appraised score exists). */
  readonly reconciliation?: boolean;
  readonly existingSheets?: readonly ExistingSheet[];
  readonly linkToEntries?: boolean;
  readonly sourceLabel?: string;
  /** The rules sheet's band cells: the ranked sheets' grade formulas reference them. */
  readonly bandRefs?: BandRefs;
}

function evalOptionsOf(o: EvaluateOptions): EvaluateOptions {
  return {
    ...(o.tiePolicy !== undefined ? { tiePolicy: o.tiePolicy } : {}),
    ...(o.rounding !== undefined ? { rounding: o.rounding } : {}),
  };
}

/**
 * Evaluates and builds the ranked sheets (and the reconciliation sheet) from what was read;
 * `evaluated` reuses a ranking already computed with the same options (a rename after a clash).
 */
export function planInput(
  input: WorkbookInput,
  options: PlanOptions = {},
  evaluated?: Ranking
): Result<RankingPlan> {
  const { set, data } = input;
  // An entry sheet written for another set is not ranked: the sheet and the set disagree on what
  // the rows are (issue 13 item 6).
  if (input.mismatch != null)
    return { ok: false, issues: [setMismatchIssue(ENTRY_SHEET, set, input.mismatch)] };
  const evalOptions = evalOptionsOf(options);
  const ranking = evaluated ?? evaluate(set, data, evalOptions);
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
    const selfRanking = evaluate(set, selfAssessedData(data), { ...evalOptions, validate: false });
    const rec = reconciliationSheet(set, data, ranking, selfRanking, {
      namer,
      ...(options.linkToEntries !== undefined ? { linkToEntries: options.linkToEntries } : {}),
      ...(options.year !== undefined ? { year: options.year } : {}),
    });
    specs.push(rec.spec);
    changes = rec.changes;
  }
  const issues = mergeIssues(input.issues, [...ranking.issues, ...built.issues]);
  if (specs.length === 0) return { ok: false, issues };
  return { ok: true, value: { set, data, ranking, issues, changes, specs }, issues: [] };
}

/** Read, evaluate and build the ranked sheets. */
export function plan(
  set: IndicatorSet | null,
  grids: readonly Grid[],
  options: PlanOptions & { readonly profile?: RuleProfile; readonly sheet?: string } = {}
): Result<RankingPlan> {
  const read = readInput(grids, {
    set,
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
  });
  if (!read.ok) return read;
  return planInput(read.value, options);
}

/**
 * Last year's ranking from the grids of a file (or of sheets): every ranked sheet found (a header
 * with the unit name and "Tổng điểm"), merged; else the grids read and evaluated with `profile`
 * (e.g. a summary layout). Null when neither works.
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
  // Last year is graded under last year's rules: its own rules sheet when the file has one.
  const force = rulesInForce(grids, profile);
  if (force.profile === null) return null;
  const rulesGrid = findRulesGrid(grids);
  const read = readInput(
    grids.filter((g) => g !== rulesGrid),
    { set: null, profile: force.profile }
  );
  if (!read.ok) return null;
  const { ranking } = evaluateInput(read.value);
  const year = force.from === "rules-sheet" ? force.profile.source.year : null;
  return lastYearFromRanking(ranking, source, year, force.profile.scale);
}
