import type { TableLayout } from "../../engine";
/**
 * What the pane can ask of the workbook: the use-cases of src/app bound to one WorkbookPort.
 * The same services run in Excel (OfficeWorkbook) and in the preview (MemoryWorkbook); the hook
 * usePaneController turns them into state for the components, which never see the port.
 */
import type { BuildRankingResult } from "../../app/build-ranking";
import {
  confirmIndicatorSet,
  loadIndicatorSet,
  type LoadedSet,
  type LoadRequest,
  confirmLayout,
} from "../../app/load-indicator-set";
import { createEntrySheets, type EntrySheetsResult } from "../../app/entry-sheets";
import {
  applySafeFix,
  applySafeFixes,
  describeSafeFix,
  type SafeFix,
  type SafeFixesOutcome,
  undoSafeFixes,
} from "../../app/fixes";
import type { FormFile, ImportFormsResult } from "../../app/import-forms";
import { readProgress } from "../../app/progress";
import { readUnits } from "../../app/units";
import { startLiveValidation, type LiveValidation } from "../../app/live-validation";
import { readWorkbook } from "../../app/read-workbook";
import { readSession } from "../../app/session";
import { validateWorkbook } from "../../app/validate-workbook";
import {
  type CellRef,
  EntryIndex,
  evaluateInput,
  getProfile,
  type Grid,
  type IndicatorSet,
  type Issue,
  listPresets,
  listProfiles,
  type Ranking,
  type Recognized,
  type Result,
  type RoundingStage,
  type RuleProfile,
  RULES_SHEET,
  type TiePolicy,
  type Unit,
  type UnitProgress,
} from "../../engine";
import type { WrittenRules } from "../../app/rules-sheet";
import type { SheetInfo, WorkbookPort } from "../../workbook/port";
import type { RankOptions } from "./types";

/** The rules in force as the pane shows them. */
export type RulesStatus =
  | { readonly sheet: null; readonly issues: readonly Issue[] }
  | {
      readonly sheet: string;
      readonly presetId: string | null;
      readonly name: string;
      readonly changed: boolean;
      /** False while the sheet has errors (e.g. figures "điền theo quyết định"): nothing is graded. */
      readonly complete: boolean;
      readonly issues: readonly Issue[];
    };

/** Where the user's cell selection comes from (Excel's selection event, or the preview's grid). */
export interface SelectionSource {
  subscribe(listener: (cell: CellRef) => void): () => void;
}

interface RankRequest {
  readonly profileId: string;
  /** The confirmed set: the build uses it, or says why not (an entry sheet for another set). */
  readonly confirmedSet?: IndicatorSet;
  readonly groups: readonly string[];
  readonly tiePolicy: TiePolicy;
  readonly rounding: { readonly stage: RoundingStage; readonly decimals: number };
  readonly lastYearSheet: string | null;
  /** Also the decision's appendix sheets ("Phụ lục - …"). */
  readonly appendix?: boolean;
  /** Rewrite ranked sheets the user edited inside their table (after "Vẫn tạo lại"). */
  readonly overwriteEdits?: boolean;
}

/** The steps of building the ranking, in order. */
export const BUILD_STEPS = ["read", "score", "write"] as const;
export type BuildStep = (typeof BUILD_STEPS)[number];

/** Scores of the entry sheets as evaluated now, for "explain this number". */
export interface Evaluated {
  readonly set: IndicatorSet;
  readonly data: Recognized;
  readonly ranking: Ranking;
  /** The add-in's own entry matrix as the exact reader laid it out (cell roles); absent otherwise. */
  readonly entry?: EntryIndex | null;
}

export interface PaneServices {
  profiles(): readonly RuleProfile[];
  load(request: LoadRequest): Promise<Awaited<ReturnType<typeof loadIndicatorSet>>>;
  confirm(loaded: LoadedSet): Promise<void>;
  /** Stores a confirmed foreign-table layout in the workbook's settings. */
  confirmLayout(layout: TableLayout): Promise<void>;
  /** The confirmed set stored in the workbook, if any (reopening a file). */
  confirmedSet(): Promise<IndicatorSet | null>;
  /** The ranking tab's options saved in the workbook (setting dti.rankOptions), or null. */
  savedRankOptions(): Promise<RankOptions | null>;
  /** Saves the ranking tab's options in the workbook, beside the confirmed set. */
  saveRankOptions(options: RankOptions): Promise<void>;
  /** A full check now (highlights updated); while live validation runs, its cache is refreshed too. */
  validate(): Promise<readonly Issue[]>;
  /** Re-checks on every change (typing, paste): a full check first, then scoped ones; returns stop. */
  startLive(
    onIssues: (issues: readonly Issue[]) => void,
    onError: (error: unknown) => void
  ): Promise<() => void>;
  /** The fix that would be written for an issue, or null when no safe fix exists. */
  fixOf: (issue: Issue) => { readonly value: number; readonly before: string } | null;
  /**
   * Writes the fix the user confirmed and returns what changed (for undo); null when the cell
   * changed meanwhile (nothing written).
   */
  applyFix(issue: Issue): Promise<SafeFix | null>;
  /** "Sửa tất cả": every safe fix among the issues, one write; cells changed meanwhile refused. */
  applyFixes(issues: readonly Issue[]): Promise<SafeFixesOutcome>;
  /**
   * Puts the texts back (one write) where the cells still hold the fixed numbers; false when any
   * cell was changed again since (that cell keeps its value).
   */
  undoFix(changes: readonly SafeFix[]): Promise<boolean>;
  /** The units listed in the workbook's "Đơn vị" sheet (an issue when there is none). */
  units(profile: RuleProfile): Promise<Result<Unit[]>>;
  /**
   * Writes (or re-writes, keeping typed scores) the "Nhập điểm" and "Đơn vị" sheets; with
   * `overwriteEdits` also over cells the user changed inside the generated area (after "Vẫn tạo lại").
   */
  createEntrySheets(
    set: IndicatorSet,
    units: readonly Unit[],
    options?: {
      readonly overwriteEdits?: boolean;
      /** Adopt "Nhập điểm" written by an earlier add-in version (after "Nhận trang cũ"). */
      readonly adoptOlder?: boolean;
    }
  ): Promise<Result<EntrySheetsResult>>;
  /** Reads many agencies' self-assessment forms (.xlsx) into the entry matrix in one go. */
  importForms(files: readonly FormFile[], set: IndicatorSet): Promise<Result<ImportFormsResult>>;
  /** Draws the charts recorded in a file the command line wrote (Excel only); silent elsewhere. */
  drawRecordedCharts(): Promise<void>;
  /** Builds the ranked sheets; `onProgress` hears each step (read, score, write) as it starts. */
  build(
    request: RankRequest,
    onProgress?: (step: BuildStep) => Promise<void>
  ): Promise<BuildRankingResult>;
  /**
   * Writes the rules sheet ("Quy tắc") of a preset; a rules sheet the user changed is kept unless
   * `replaceChanged` (its rules_changed issue says so).
   */
  writeRules(presetId: string, replaceChanged: boolean): Promise<Result<WrittenRules>>;
  /** Which rules are in force: the workbook's rules sheet (its preset, changed or not, issues) or none. */
  rulesStatus(): Promise<RulesStatus>;
  /** The presets a rules sheet can be written from (the 2025–2026 sets first). */
  presets(): readonly { readonly id: string; readonly name: string; readonly nameEn: string }[];
  select(sheet: string, cell: string): Promise<void>;
  listSheets(): Promise<readonly SheetInfo[]>;
  /** Hears of sheets the user deleted or renamed (by their old name); returns stop. */
  onSheetGone(listener: (sheet: string) => void): Promise<() => void>;
  /** "Tiến độ": per agency, form imported, scores entered, appraised, missing evidence. */
  progress(set: IndicatorSet): Promise<Result<UnitProgress[]>>;
  /**
   * Reads the entry sheets and evaluates them with the confirmed set (for explanations); null when
   * the workbook has no confirmed set or no sheet to read.
   */
  evaluateNow(): Promise<Evaluated | null>;
  /** Reads one row of a sheet (to find a unit on a ranking sheet). */
  readRow(sheet: string, row: number): Promise<Grid>;
  readonly selection?: SelectionSource;
}

/** Binds the use-cases to a port. */
export function createPaneServices(port: WorkbookPort, selection?: SelectionSource): PaneServices {
  let live: LiveValidation | null = null;
  return {
    profiles: () => listProfiles(),
    load: (request) => loadIndicatorSet(port, request),
    confirm: (loaded) => confirmIndicatorSet(port, loaded),
    confirmLayout: (layout) => confirmLayout(port, layout),
    confirmedSet: async () => (await readSession(port))?.set ?? null,
    savedRankOptions: async () => parseRankOptions((await port.readSettings())[RANK_OPTIONS_KEY]),
    saveRankOptions: (options) =>
      port.writeSettings({ [RANK_OPTIONS_KEY]: JSON.stringify(options) }),
    validate: async () => {
      if (live === null) return validateWorkbook(port);
      await live.recheck();
      return live.issues();
    },
    startLive: async (onIssues, onError) => {
      live?.();
      const started = await startLiveValidation(port, { onIssues, onError, debounceMs: 80 });
      live = started;
      return () => {
        started();
        if (live === started) live = null;
      };
    },
    fixOf: (issue) => {
      const fix = describeSafeFix(issue);
      if (fix === null) return null;
      return {
        value: fix.after,
        before: typeof fix.before === "string" ? `"${fix.before}"` : JSON.stringify(fix.before),
      };
    },
    applyFix: async (issue) => {
      const r = await applySafeFix(port, issue);
      return r.ok ? r.change : null;
    },
    applyFixes: (issues) => applySafeFixes(port, issues),
    undoFix: async (changes) => (await undoSafeFixes(port, changes)).refused.length === 0,
    units: (profile) => readUnits(port, profile),
    createEntrySheets: (set, units, options = {}) =>
      createEntrySheets(port, set, units, {
        ...(options.overwriteEdits === true ? { overwriteEdits: true } : {}),
        ...(options.adoptOlder === true ? { adoptOlder: true } : {}),
      }),
    // The .xlsx reader (ExcelJS) loads on first use, out of the pane's initial bundle.
    importForms: async (files, set) =>
      (await import("../../app/import-forms")).importAgencyForms(port, files, set),
    drawRecordedCharts: async () => {
      try {
        await port.drawRecordedCharts?.();
      } catch {
        // Charts are a bonus: a host that cannot draw them leaves the data sheets as they are.
      }
    },
    // The ranking code (sheet specs, native-formula twins, reconciliation) loads on first use,
    // keeping it out of the pane's initial bundle.
    build: async (r, onProgress) => {
      // The workbook's rules sheet, when it has one, is the rules in force (read with the entries).
      const sheets = await port.listSheets();
      const rulesSheet = sheets.some((s) => s.name.toLowerCase() === RULES_SHEET.toLowerCase());
      return (await import("../../app/build-ranking")).buildRanking(port, {
        ...(onProgress ? { onProgress } : {}),
        rulesSheet,
        knownSheets: sheets,
        profileId: r.profileId,
        ...(r.confirmedSet !== undefined ? { confirmedSet: r.confirmedSet } : {}),
        ...(r.appendix === true ? { appendix: true } : {}),
        ...(r.overwriteEdits === true ? { overwriteEdits: true } : {}),
        groups: r.groups,
        tiePolicy: r.tiePolicy,
        rounding: r.rounding,
        ...(r.lastYearSheet !== null ? { lastYear: { sheet: r.lastYearSheet } } : {}),
      });
    },
    presets: () => listPresets().map((d) => ({ id: d.id, name: d.name, nameEn: d.nameEn })),
    rulesStatus: async () => {
      const { readRulesInForce } = await import("../../app/rules-sheet");
      const force = await readRulesInForce(port, getProfile("generic"));
      if (force.from === "profile") return { sheet: null, issues: [] };
      return {
        sheet: force.sheet,
        presetId: force.rules?.doc.presetId ?? null,
        name: force.rules?.doc.name ?? "",
        changed: force.rules?.changed ?? false,
        complete: force.profile !== null,
        issues: force.issues,
      };
    },
    writeRules: async (presetId, replaceChanged) =>
      (await import("../../app/rules-sheet")).writeRulesSheet(port, presetId, {
        replaceChanged,
      }),
    select: (sheet, cell) => port.select(sheet, cell),
    listSheets: () => port.listSheets(),
    onSheetGone: (listener) =>
      port.onChanged((e) => {
        if (e.gone === true) listener(e.sheet);
      }),
    progress: (set) => readProgress(port, set),
    evaluateNow: async () => {
      // The set in force (the confirmed one, under the rules sheet), read like the ranking reads
      // it; without a confirmed set nothing is explained (no set is derived from a profile).
      const read = await readWorkbook(port, {});
      if (!read.input.ok || read.inForce.set === null) return null;
      const input = read.input.value;
      const { ranking } = evaluateInput(input);
      const entry = input.exact ? EntryIndex.of(read.grids, input.set) : null;
      return { set: input.set, data: input.data, ranking, entry };
    },
    readRow: (sheet, row) => port.readRange(sheet, `A${row}:Z${row}`),
    ...(selection ? { selection } : {}),
  };
}

/** Where the ranking tab's options live in the workbook's settings (as dti.indicatorSet does). */
const RANK_OPTIONS_KEY = "dti.rankOptions";

/** The saved options when they are well-formed; anything else (absent, hand-edited) is ignored. */
function parseRankOptions(json: string | undefined): RankOptions | null {
  if (!json) return null;
  try {
    const o = JSON.parse(json) as Partial<Record<keyof RankOptions, unknown>>;
    const ok =
      Array.isArray(o.groups) &&
      o.groups.every((g) => typeof g === "string") &&
      typeof o.tiePolicy === "string" &&
      typeof o.roundingStage === "string" &&
      typeof o.decimals === "number" &&
      (o.lastYearSheet === null || typeof o.lastYearSheet === "string");
    return ok ? (o as unknown as RankOptions) : null;
  } catch {
    return null;
  }
}
