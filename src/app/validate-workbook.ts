/**
 * Use-case "full re-check": read the entry sheets, check them with the engine (the exact reader and
 * validation, src/engine/pipeline.ts), highlight.
 * Round trips are fixed whatever the number of units: settings 1 (unless the set is given), one
 * readGrids for both entry sheets, one setHighlightsMany for both (on Excel: 3 syncs when the add-in
 * knows its registry, see OfficeWorkbook.setHighlightsMany). A missing units sheet costs one more read.
 */
import {
  ENTRY_SHEET,
  UNITS_SHEET,
  checkInput,
  readInput,
  type Grid,
  type IndicatorSet,
  type Issue,
  type Recognized,
  type WorkbookInput,
} from "../engine";
import { PortError, type WorkbookPort } from "../workbook/port";
import { portErrorIssue } from "./port-errors";
import { setInForce } from "./set-in-force";

interface ValidateOptions {
  /** The confirmed set; read from the workbook settings when absent. */
  readonly set?: IndicatorSet;
  /** Paint issue cells (default true). */
  readonly highlight?: boolean;
}

interface WorkbookCheck {
  readonly issues: readonly Issue[];
  readonly set: IndicatorSet | null;
  /** What was read (the entry workbook, exactly), for live validation and explain. */
  readonly recognized: Recognized | null;
  readonly input: WorkbookInput | null;
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
const MAX_HIGHLIGHTS_PER_SHEET = 5000;

/** Whether an issue's cell is painted (it has a cell, is not info, and is not listed-only). */
export function isPainted(i: Issue): boolean {
  return i.cell !== undefined && i.severity !== "info" && !NOT_PAINTED.has(i.code);
}

/** At most MAX_HIGHLIGHTS_PER_SHEET cells, errors first. */
export function capHighlights(
  cells: { cell: string; severity: "error" | "warning" }[]
): { cell: string; severity: "error" | "warning" }[] {
  if (cells.length > MAX_HIGHLIGHTS_PER_SHEET) {
    cells.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
    cells.length = MAX_HIGHLIGHTS_PER_SHEET;
  }
  return cells;
}

/** Cells to paint per sheet (errors win over warnings on the same cell). */
export function highlightsBySheet(
  issues: readonly Issue[]
): Map<string, { cell: string; severity: "error" | "warning" }[]> {
  const per = new Map<string, Map<string, "error" | "warning">>();
  for (const i of issues) {
    if (i.cell === undefined || i.severity === "info" || !isPainted(i)) continue;
    const m = per.get(i.cell.sheet) ?? new Map<string, "error" | "warning">();
    const prev = m.get(i.cell.cell);
    if (prev !== "error") m.set(i.cell.cell, i.severity);
    per.set(i.cell.sheet, m);
  }
  const out = new Map<string, { cell: string; severity: "error" | "warning" }[]>();
  for (const [sheet, m] of per) {
    out.set(sheet, capHighlights([...m].map(([cell, severity]) => ({ cell, severity }))));
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
  const set = options.set ?? (await setInForce(port));
  const none = { set, recognized: null, input: null, matrix: null, units: null };
  if (set === null) return { ...none, issues: [NO_SET] };
  const [matrix, units] = await readEntrySheets(port);
  if (!isGrid(matrix)) return { ...none, issues: [matrix] };
  const grids: Grid[] = [matrix];
  if (isGrid(units)) grids.push(units);
  const read = readInput(grids, { set, sheet: ENTRY_SHEET });
  const head: Issue[] = isGrid(units) ? [] : [{ ...units, severity: "warning" }];
  // concat, not push(...): a 3,321-unit matrix can raise more issues than the call stack holds.
  const issues = head.concat(read.ok ? checkInput(read.value) : read.issues);
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
    recognized: read.ok ? read.value.data : null,
    input: read.ok ? read.value : null,
    matrix,
    units: isGrid(units) ? units : null,
  };
}

/** Re-check the whole workbook: the issue list (highlights updated). */
export async function validateWorkbook(
  port: WorkbookPort,
  options: ValidateOptions = {}
): Promise<Issue[]> {
  return [...(await checkWorkbook(port, options)).issues];
}
