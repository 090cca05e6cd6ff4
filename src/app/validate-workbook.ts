/**
 * Use-case "full re-check": read the entry sheets, recognise, validate, highlight.
 * Round trips are fixed whatever the number of units: settings 1 (unless the set is given), one
 * readGrids for both entry sheets, one setHighlightsMany for both (on Excel: 3 syncs when the add-in
 * knows its registry, see OfficeWorkbook.setHighlightsMany). A missing units sheet costs one more read.
 */
import type { Grid, IndicatorSet, Issue, Recognized } from "../engine/model/types";
import { recognize } from "../engine/recognize";
import { ENTRY_SHEET, UNITS_SHEET } from "../engine/sheets/entry-sheets";
import { validate } from "../engine/validate";
import { PortError, type WorkbookPort } from "../workbook/port";
import { portErrorIssue } from "./port-errors";
import { readSession } from "./session";

export interface ValidateOptions {
  /** The confirmed set; read from the workbook settings when absent. */
  readonly set?: IndicatorSet;
  /** Paint issue cells (default true). */
  readonly highlight?: boolean;
}

export interface WorkbookCheck {
  readonly issues: readonly Issue[];
  readonly set: IndicatorSet | null;
  readonly recognized: Recognized | null;
  /** The grids read, for live validation to keep as its cache. */
  readonly matrix: Grid | null;
  readonly units: Grid | null;
}

const NO_SET: Issue = { code: "no_indicator_set", severity: "error", params: {} };

/**
 * Issues listed but not painted: on a fresh or evidence-free matrix they cover nearly every cell, and
 * a sheet painted all over shows nothing. The issue list still shows them.
 */
const NOT_PAINTED: ReadonlySet<Issue["code"]> = new Set(["score_blank", "missing_evidence"]);

/** At most this many painted cells per sheet (errors first): painting is a hint, the list is complete. */
export const MAX_HIGHLIGHTS_PER_SHEET = 5000;

/** Cells to paint per sheet (errors win over warnings on the same cell). */
export function highlightsBySheet(
  issues: readonly Issue[]
): Map<string, { cell: string; severity: "error" | "warning" }[]> {
  const per = new Map<string, Map<string, "error" | "warning">>();
  for (const i of issues) {
    if (i.cell === undefined || i.severity === "info" || NOT_PAINTED.has(i.code)) continue;
    const m = per.get(i.cell.sheet) ?? new Map<string, "error" | "warning">();
    const prev = m.get(i.cell.cell);
    if (prev !== "error") m.set(i.cell.cell, i.severity);
    per.set(i.cell.sheet, m);
  }
  const out = new Map<string, { cell: string; severity: "error" | "warning" }[]>();
  for (const [sheet, m] of per) {
    const cells = [...m].map(([cell, severity]) => ({ cell, severity }));
    if (cells.length > MAX_HIGHLIGHTS_PER_SHEET) {
      cells.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
      cells.length = MAX_HIGHLIGHTS_PER_SHEET;
    }
    out.set(sheet, cells);
  }
  return out;
}

async function readOptional(port: WorkbookPort, sheet: string): Promise<Grid | Issue> {
  try {
    return await port.readGrid(sheet);
  } catch (e) {
    const issue = portErrorIssue(e);
    if (issue === null) throw e;
    return issue;
  }
}

/** Both entry sheets in one read; a missing one becomes its issue (the other read alone). */
async function readEntrySheets(port: WorkbookPort): Promise<[Grid | Issue, Grid | Issue]> {
  try {
    const [matrix, units] = await port.readGrids([ENTRY_SHEET, UNITS_SHEET]);
    if (matrix !== undefined && units !== undefined) return [matrix, units];
  } catch (e) {
    const issue = portErrorIssue(e);
    if (issue === null) throw e;
    const missing = e instanceof PortError ? (e.detail.sheet ?? "") : "";
    if (missing.toUpperCase() === UNITS_SHEET.toUpperCase())
      return [await readOptional(port, ENTRY_SHEET), issue];
    if (missing.toUpperCase() !== ENTRY_SHEET.toUpperCase()) throw e;
    return [issue, issue]; // without the matrix the units sheet is not needed
  }
  return [await readOptional(port, ENTRY_SHEET), await readOptional(port, UNITS_SHEET)];
}

function isGrid(x: Grid | Issue): x is Grid {
  return "values" in x;
}

/** Full check with what was read (for live validation and the pane). */
export async function checkWorkbook(
  port: WorkbookPort,
  options: ValidateOptions = {}
): Promise<WorkbookCheck> {
  const set = options.set ?? (await readSession(port))?.set ?? null;
  if (set === null)
    return { issues: [NO_SET], set: null, recognized: null, matrix: null, units: null };
  const [matrix, units] = await readEntrySheets(port);
  if (!isGrid(matrix)) {
    return { issues: [matrix], set, recognized: null, matrix: null, units: null };
  }
  const grids: Grid[] = [matrix];
  if (isGrid(units)) grids.push(units);
  const rec = recognize(grids, set.profile, { sheet: ENTRY_SHEET });
  // concat, not push(...): a 3,321-unit matrix can raise more issues than the call stack holds.
  const head: Issue[] = isGrid(units) ? [] : [{ ...units, severity: "warning" }];
  const issues = mergeIssues(head.concat(rec.issues), rec.ok ? validate(set, rec.value) : []);
  if (options.highlight !== false) {
    const marks = highlightsBySheet(issues);
    // Always repaint both sheets, so highlights of fixed cells go away.
    const sheets = [{ sheet: ENTRY_SHEET, cells: marks.get(ENTRY_SHEET) ?? [] }];
    if (isGrid(units)) sheets.push({ sheet: UNITS_SHEET, cells: marks.get(UNITS_SHEET) ?? [] });
    await port.setHighlightsMany(sheets);
  }
  return {
    issues,
    set,
    recognized: rec.ok ? rec.value : null,
    matrix,
    units: isGrid(units) ? units : null,
  };
}

function issueKey(i: Issue): string {
  return `${i.code}|${i.cell?.sheet ?? ""}!${i.cell?.cell ?? ""}|${i.unit ?? ""}|${i.indicator ?? ""}`;
}

/** The same issue raised twice (recogniser and validation) is shown once. */
export function dedupe(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const i of issues) {
    const key = issueKey(i);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(i);
  }
  return out;
}

/**
 * `first` then the issues of `more` not already in `first` (recogniser issues, then validation's).
 * Only issues whose code occurs in `first` are compared: linear in `more` without building keys
 * for hundreds of thousands of issues.
 */
export function mergeIssues(first: readonly Issue[], more: readonly Issue[]): Issue[] {
  const out = dedupe(first);
  const codes = new Set(out.map((i) => i.code));
  const keys = new Set(out.map(issueKey));
  for (const i of more) if (!codes.has(i.code) || !keys.has(issueKey(i))) out.push(i);
  return out;
}

/** Re-check the whole workbook: the issue list (highlights updated). */
export async function validateWorkbook(
  port: WorkbookPort,
  options: ValidateOptions = {}
): Promise<Issue[]> {
  return [...(await checkWorkbook(port, options)).issues];
}
