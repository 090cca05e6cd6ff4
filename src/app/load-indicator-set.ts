/**
 * Use-case "load the indicator set": (a) recognise the official form in the active sheet, (b) import a
 * province's .xlsx and insert its sheets, (c) write a built-in profile's form. The result is a summary
 * the user confirms; `confirmIndicatorSet` stores it in the workbook.
 */
import {
  columnLetters,
  decodeLayoutSetting,
  findProfile,
  FORM_ROLE,
  type Grid,
  type IndicatorSet,
  indicatorSetFromRecognized,
  indicatorsFromProfile,
  type Issue,
  LAYOUT_SETTING,
  type LayoutOverrides,
  mergeOverrides,
  overridesOfLayout,
  profileFormSpec,
  recognize,
  type Recognized,
  type Result,
  type RuleProfile,
  type SheetSpec,
  type SpecCell,
  type TableLayout,
  withParams,
} from "../engine";
import type { WorkbookPort } from "../workbook/port";
import { portErrorIssue } from "./port-errors";
import { type SetSource, writeSession } from "./session";
import { uniqueSheetName } from "./sheet-names";

export type LoadRequest =
  | {
      readonly mode: "active-sheet";
      readonly profileId?: string;
      /** The user's corrections to the recognised layout (the pane's layout panel). */
      readonly overrides?: LayoutOverrides;
    }
  | {
      readonly mode: "import";
      readonly file: ArrayBuffer;
      readonly fileName: string;
      readonly profileId?: string;
      readonly overrides?: LayoutOverrides;
    }
  | { readonly mode: "built-in"; readonly profileId: string };

interface MainIndexSummary {
  readonly code: string;
  readonly name: string;
  readonly maxPoints: number | null;
  /** Number of component rows under it. */
  readonly components: number;
  readonly scored: boolean;
}

/** What the user is shown to confirm. */
interface SetSummary {
  readonly profileId: string;
  readonly profileName: string;
  readonly mainIndices: readonly MainIndexSummary[];
  readonly componentCount: number;
  /** Sum of the scored main indices' maxima (or of the leaves when there are no main rows). */
  readonly maxPoints: number;
  readonly groups: readonly {
    readonly id: string;
    readonly name: string;
    readonly maxPoints: number;
  }[];
}

export interface LoadedSet {
  readonly set: IndicatorSet;
  readonly source: SetSource;
  /** The sheet or file the set was read from. */
  readonly sourceName: string;
  /** Sheets this load inserted (import: the province's sheets; built-in: the form). */
  readonly insertedSheets: readonly string[];
  /** Units and entries found alongside (a matrix or the entry workbook), if any. */
  readonly recognized?: Recognized;
  readonly summary: SetSummary;
}

/** Reads .xlsx bytes as grids. Injected in tests; by default ExcelJS, loaded only when called. */
export type XlsxReader = (bytes: ArrayBuffer) => Promise<Grid[]>;

interface LoadDeps {
  readonly readXlsx?: XlsxReader;
}

const DEFAULT_PROFILE = "generic";

/** Raised by the default reader for bytes that are not an .xlsx (an old .xls, a CSV, a PDF...). */
class NotXlsxError extends Error {
  constructor() {
    super("not an .xlsx file");
    this.name = "NotXlsxError";
  }
}

/**
 * The default reader loads ExcelJS with a dynamic import so the task pane bundle stays small until a
 * user imports a file, and works in the browser (no Node Buffer or fs): ExcelJS reads the
 * ArrayBuffer, the xlsx adapter's worksheetToGrid (pure) turns sheets into grids. Reading bytes is
 * not a workbook operation, so it is not on the port.
 */
export const defaultReadXlsx: XlsxReader = async (bytes) => {
  // The same reader and caps as the command line (src/workbook/xlsx/inspect.ts): a file that
  // would explode on load, or is something else than an .xlsx, is an XlsxReadError with its reason.
  const grids = await import("../workbook/xlsx/read-grid");
  return grids.readXlsxGrids(new Uint8Array(bytes));
};

/** The issue for a file that could not be read: what it is or which limit it passes, when known. */
export function unreadableFileIssue(e: unknown, fileName: string): Issue | null {
  if (e instanceof NotXlsxError)
    return { code: "file_not_xlsx", severity: "error", params: { file: fileName } };
  if (e instanceof Error && e.name === "XlsxReadError") {
    const withIssue = e as Error & { issue?: (file: string) => Issue };
    return typeof withIssue.issue === "function"
      ? withIssue.issue(fileName)
      : { code: "file_not_xlsx", severity: "error", params: { file: fileName } };
  }
  return null;
}

function profileOrIssue(id: string): Result<RuleProfile> {
  const p = findProfile(id);
  if (p !== undefined) return { ok: true, value: p, issues: [] };
  return {
    ok: false,
    issues: [
      {
        code: "profile_without_indicators",
        severity: "error",
        params: { profile: id, reason: "unknown-profile" },
      },
    ],
  };
}

/** Summary of a set for the confirm step (pure). */
export function summarizeSet(set: IndicatorSet): SetSummary {
  const { indicators, profile } = set;
  const mains = indicators.filter((i) => i.level === "main");
  const descendants = (code: string): number => {
    let n = 0;
    const stack = [code];
    while (stack.length > 0) {
      const c = stack.pop();
      for (const ind of indicators) {
        if (ind.parentCode === c) {
          if (ind.level === "component") n++;
          stack.push(ind.code);
        }
      }
    }
    return n;
  };
  const components = indicators.filter((i) => i.level === "component");
  const maxOf = (list: typeof indicators): number =>
    list.reduce((s, i) => s + (i.scored && i.maxPoints !== null ? i.maxPoints : 0), 0);
  return {
    profileId: profile.id,
    profileName: profile.name,
    mainIndices: mains.map((m) => ({
      code: m.code,
      name: m.name,
      maxPoints: m.maxPoints,
      components: descendants(m.code),
      scored: m.scored,
    })),
    componentCount: components.length,
    maxPoints: mains.length > 0 ? maxOf(mains) : maxOf(components),
    groups: profile.groups.map((g) => ({ id: g.id, name: g.name, maxPoints: g.maxPoints })),
  };
}

function cellOf(v: Grid["values"][number][number]): SpecCell {
  if (v === null) return { kind: "blank" };
  if (typeof v === "number") return { kind: "number", value: v };
  if (typeof v === "boolean") return { kind: "bool", value: v };
  if (typeof v === "string") return { kind: "text", value: v };
  return { kind: "text", value: v.error };
}

/**
 * A sheet of the imported file as a spec: values (formula results) and merges, written as the
 * add-in's own sheet so the user's sheets are never touched.
 */
function importedSheetSpec(grid: Grid, name: string): SheetSpec {
  const width = Math.max(0, ...grid.values.map((r) => r.length));
  const rows: SpecCell[][] = grid.values.map((r) => {
    const out: SpecCell[] = [];
    for (let c = 0; c < width; c++) out.push(cellOf(r[c] ?? null));
    return out;
  });
  const address = `${columnLetters(grid.originCol)}${grid.originRow}`;
  return {
    name,
    owned: true,
    role: FORM_ROLE,
    blocks: rows.length > 0 && width > 0 ? [{ address, rows }] : [],
    merges: [...(grid.merges ?? [])],
  };
}

function loaded(
  set: IndicatorSet,
  source: SetSource,
  sourceName: string,
  insertedSheets: readonly string[],
  recognized: Recognized | undefined,
  issues: readonly Issue[]
): Result<LoadedSet> {
  return {
    ok: true,
    value: {
      set,
      source,
      sourceName,
      insertedSheets,
      ...(recognized !== undefined ? { recognized } : {}),
      summary: summarizeSet(set),
    },
    issues,
  };
}

/** Load a set for the user to confirm. Port round trips: active sheet 2, import 2, built-in 2. */
export async function loadIndicatorSet(
  port: WorkbookPort,
  request: LoadRequest,
  deps: LoadDeps = {}
): Promise<Result<LoadedSet>> {
  try {
    switch (request.mode) {
      case "active-sheet":
        return await loadActiveSheet(port, request.profileId ?? DEFAULT_PROFILE, request.overrides);
      case "import":
        return await loadImport(port, request, deps.readXlsx ?? defaultReadXlsx);
      case "built-in":
        return await loadBuiltIn(port, request.profileId);
    }
  } catch (e) {
    const issue = portErrorIssue(e);
    if (issue !== null) return { ok: false, issues: [issue] };
    throw e;
  }
}

async function loadActiveSheet(
  port: WorkbookPort,
  profileId: string,
  given: LayoutOverrides | undefined
): Promise<Result<LoadedSet>> {
  const pr = profileOrIssue(profileId);
  if (!pr.ok) return pr;
  const sheet = await port.activeSheet();
  const grid = await port.readGrid(sheet);
  const read = (overrides: LayoutOverrides | undefined) =>
    recognize([grid], pr.value, { sheet, ...(overrides !== undefined ? { overrides } : {}) });
  let rec = read(given);
  // A result table (summary layout) may have a layout the user confirmed before: read it again with
  // that layout under what they change now. Forms have none (no extra round trip for them).
  if (!rec.ok || rec.value.tableLayout !== undefined) {
    const stored = decodeLayoutSetting((await port.readSettings())[LAYOUT_SETTING]);
    if (stored !== null && stored.sheet === sheet)
      rec = read(mergeOverrides(stored, given ?? null));
  }
  if (!rec.ok) return rec;
  const set = indicatorSetFromRecognized(pr.value, rec.value);
  return loaded(set, "active-sheet", sheet, [], rec.value, rec.issues);
}

async function loadImport(
  port: WorkbookPort,
  request: {
    readonly file: ArrayBuffer;
    readonly fileName: string;
    readonly profileId?: string;
    readonly overrides?: LayoutOverrides;
  },
  readXlsx: XlsxReader
): Promise<Result<LoadedSet>> {
  const pr = profileOrIssue(request.profileId ?? DEFAULT_PROFILE);
  if (!pr.ok) return pr;
  // Reading the file touches no workbook: a bad file changes nothing.
  let fileGrids: Grid[];
  try {
    fileGrids = await readXlsx(request.file);
  } catch (e) {
    const issue = unreadableFileIssue(e, request.fileName);
    if (issue === null) throw e;
    return { ok: false, issues: [issue] };
  }
  const existing = await port.listSheets();
  const taken = existing.map((s) => s.name);
  const renamed: Grid[] = [];
  for (const g of fileGrids) {
    const name = uniqueSheetName(g.sheet, taken);
    taken.push(name);
    renamed.push({ ...g, sheet: name });
  }
  const rec = recognize(
    renamed,
    pr.value,
    request.overrides !== undefined ? { overrides: request.overrides } : {}
  );
  if (!rec.ok) {
    // Nothing is inserted when the file holds no recognisable form; say which file.
    return {
      ok: false,
      issues: rec.issues.map((i: Issue) => withParams(i, { file: request.fileName })),
    };
  }
  const specs = renamed.map((g) => importedSheetSpec(g, g.sheet));
  await port.apply(specs);
  const set = indicatorSetFromRecognized(pr.value, rec.value);
  return loaded(
    set,
    "import",
    request.fileName,
    specs.map((s) => s.name),
    rec.value,
    rec.issues
  );
}

async function loadBuiltIn(port: WorkbookPort, profileId: string): Promise<Result<LoadedSet>> {
  const pr = profileOrIssue(profileId);
  if (!pr.ok) return pr;
  const profile = pr.value;
  if (profile.mainIndices.length === 0) {
    return {
      ok: false,
      issues: [
        {
          code: "profile_without_indicators",
          severity: "error",
          params: { profile: profile.name, profileId: profile.id },
        },
      ],
    };
  }
  const existing = await port.listSheets();
  const name = uniqueSheetName(
    // A Vietnamese name from the decision ("Biểu mẫu 922-QĐ-BTTTT"), not the profile id.
    `Biểu mẫu ${profile.source.decision.replace(/\//g, "-")}`,
    existing.map((s) => s.name)
  );
  await port.apply([profileFormSpec(profile, name)]);
  const set: IndicatorSet = { profile, indicators: indicatorsFromProfile(profile) };
  return loaded(set, "built-in", profile.id, [name], undefined, []);
}

/** Stores the confirmed set in the workbook (one round trip). */
export async function confirmIndicatorSet(port: WorkbookPort, loadedSet: LoadedSet): Promise<void> {
  const units = loadedSet.recognized?.units;
  await writeSession(port, {
    profileId: loadedSet.set.profile.id,
    setSource: loadedSet.source,
    sourceName: loadedSet.sourceName,
    set: loadedSet.set,
    ...(units !== undefined && units.length > 0 ? { units } : {}),
  });
}

/**
 * Stores the layout the user confirmed (header row, column roles, maxima, scale) in the workbook's
 * settings, so the same sheet is read the same way next time, in the pane and by `dti rank`.
 */
export async function confirmLayout(port: WorkbookPort, layout: TableLayout): Promise<void> {
  await port.writeSettings({ [LAYOUT_SETTING]: JSON.stringify(overridesOfLayout(layout)) });
}
