/**
 * Use-case "read the workbook for the pipeline": the set and rules in force (set-in-force.ts), then
 * the sheets they need, in a fixed number of round trips (settings, sheet list, one readGrids). The
 * entry workbook the add-in wrote is read exactly; a foreign workbook goes to the recogniser
 * (src/engine/pipeline.ts readInput). The command line runs it over the ExcelJS adapter, the pane
 * over Office.js or the memory workbook.
 */
import {
  APPENDIX_ROLE,
  ENTRY_SHEET,
  RANKING_ROLE,
  RECONCILIATION_ROLE,
  UNITS_SHEET,
  foldName,
  readInput,
  decodeLayoutSetting,
  mergeOverrides,
  LAYOUT_SETTING,
  type LayoutOverrides,
  type Grid,
  type Issue,
  type Result,
  type RuleProfile,
  type WorkbookInput,
} from "../engine";
import { SETTINGS_SHEET } from "../workbook/ownership";
import type { SheetInfo, WorkbookPort } from "../workbook/port";
import { SET_SHEETS, inForceFrom, type InForce } from "./set-in-force";

interface ReadWorkbookOptions {
  /**
   * The rule profile asked for (the CLI's --set): the confirmed set is used when it is of this
   * profile, else the workbook is read with this profile as a foreign one. A rules sheet wins.
   */
  readonly profile?: RuleProfile;
  /** Only this sheet. */
  readonly sheet?: string;
  /** The profile to read a workbook without a confirmed set with (`profile` absent). */
  readonly fallbackProfile?: RuleProfile;
  /** Layout corrections for a foreign table, laid over the layout stored in the settings. */
  readonly overrides?: LayoutOverrides;
}

interface WorkbookRead {
  readonly sheets: readonly SheetInfo[];
  readonly settings: Readonly<Record<string, string>>;
  readonly inForce: InForce;
  readonly grids: readonly Grid[];
  /** Not ok with `rulesBlocked` when the rules sheet has errors (nothing is graded). */
  readonly input: Result<WorkbookInput>;
  readonly rulesBlocked: boolean;
}

/** The add-in's output sheets: never input. */
const OUTPUT_ROLES: readonly string[] = [RANKING_ROLE, RECONCILIATION_ROLE, APPENDIX_ROLE];

const same = (a: string, b: string): boolean => foldName(a) === foldName(b);

/** Reads the set and rules in force and the input. Round trips: 3 (settings, sheet list, one readGrids). */
export async function readWorkbook(
  port: WorkbookPort,
  options: ReadWorkbookOptions
): Promise<WorkbookRead> {
  const settings = await port.readSettings();
  const sheets = await port.listSheets();
  const has = (n: string): boolean => sheets.some((s) => same(s.name, n));
  const nameOf = (n: string): string => sheets.find((s) => same(s.name, n))?.name ?? n;
  const extra = SET_SHEETS.filter(has).map(nameOf);
  const rulesSheetThere = extra.length > 0;
  let confirmed = inForceFrom(settings).set;
  // --set for another profile reads the workbook as a foreign one (unless a rules sheet decides).
  if (
    !rulesSheetThere &&
    options.profile !== undefined &&
    confirmed?.profile.id !== options.profile.id
  )
    confirmed = null;
  const exact =
    confirmed !== null &&
    has(ENTRY_SHEET) &&
    (options.sheet === undefined || same(options.sheet, ENTRY_SHEET));
  // The entry sheets alone for the exact reader; else every sheet but the add-in's own output
  // (ranked and reconciliation sheets), its settings and the rules sheet.
  const names = exact
    ? [ENTRY_SHEET, ...(has(UNITS_SHEET) ? [UNITS_SHEET] : [])].map(nameOf)
    : sheets
        .filter(
          (s) =>
            s.name !== SETTINGS_SHEET &&
            !extra.includes(s.name) &&
            !(s.owned && OUTPUT_ROLES.includes(s.role ?? ""))
        )
        .map((s) => s.name);
  const read = await port.readGrids([...names, ...extra]);
  const dataGrids = read.slice(0, names.length);
  const asked = options.profile ?? confirmed?.profile ?? options.fallbackProfile;
  // Without the confirmed set (none, or --set for another profile) the settings say nothing more.
  const inForce: InForce = inForceFrom(confirmed === null ? {} : settings, read, asked);
  const blocked = inForce.from === "rules-sheet" && inForce.profile === null;
  let input: Result<WorkbookInput>;
  if (blocked) input = { ok: false, issues: inForce.issues };
  else if (inForce.profile === null && inForce.set === null)
    input = { ok: false, issues: [NO_SET] };
  else {
    // A layout the user confirmed (pane) is stored in the settings; given corrections go over it.
    const overrides = mergeOverrides(
      decodeLayoutSetting(settings[LAYOUT_SETTING]),
      options.overrides ?? null
    );
    const r = readInput(dataGrids, {
      ...(overrides !== undefined ? { overrides } : {}),
      set: inForce.set,
      ...(inForce.profile !== null ? { profile: inForce.profile } : {}),
      ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    });
    // The rules sheet's own notes come first (as the check lists them).
    input =
      r.ok && inForce.issues.length > 0
        ? { ...r, value: { ...r.value, issues: [...inForce.issues, ...r.value.issues] } }
        : r;
  }
  return { sheets, settings, inForce, grids: read, input, rulesBlocked: blocked };
}

const NO_SET: Issue = { code: "no_indicator_set", severity: "error", params: {} };
