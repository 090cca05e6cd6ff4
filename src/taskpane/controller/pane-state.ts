/**
 * The pane's state as one reducer with typed actions (was about 20 useStates in one hook). Raw
 * results are kept; texts are made at render time, so switching the language re-renders
 * everything, errors included. Pure: tested without React.
 */
import type { SafeFix } from "../../app/fixes";
import type { LoadedSet } from "../../app/load-indicator-set";
import type {
  CellRef,
  IndicatorSet,
  Issue,
  Locale,
  PortErrorCode,
  PortErrorDetail,
  UnitProgress,
} from "../../engine";
import type { Strings } from "../i18n";
import type { BuildStep, Evaluated } from "./services";
import type { RankOptions, RankResultView, TabId } from "./types";

/** What went wrong, kept raw so its text follows the language switch. */
export type PaneError =
  | { readonly kind: "port"; readonly code: PortErrorCode; readonly detail: PortErrorDetail }
  | { readonly kind: "issues"; readonly issues: readonly Issue[] }
  /** A pane-level problem with its own text (no units to create entry sheets for, a fix that could not be undone…). */
  | { readonly kind: "pane"; readonly key: keyof Strings["paneErrors"] }
  | { readonly kind: "unknown" };

/** Which action a message belongs to: the bar is shown next to that action's button. */
export type ErrorPlace = "set" | "entry" | "check" | "progress" | "rank" | "pane";

interface EntryRaw {
  readonly kind: "created" | "imported";
  readonly sheets: readonly string[];
  readonly units: number;
  readonly imported: number;
  readonly kept: number;
  readonly issues: readonly Issue[];
}

type ExplainRaw =
  | { readonly kind: "none" }
  | { readonly kind: "not-a-result"; readonly cell: CellRef }
  | {
      readonly kind: "at";
      readonly cell: CellRef;
      readonly ev: Evaluated;
      readonly row: readonly string[];
    };

/** "Tiến độ" as last read: not yet, per agency, or the entry sheets could not be read (why). */
export type ProgressRaw =
  | { readonly kind: "none" }
  | { readonly kind: "read"; readonly units: readonly UnitProgress[] }
  | { readonly kind: "unreadable"; readonly issues: readonly Issue[] };

export interface LastFix {
  readonly changes: readonly SafeFix[];
  /** "Sửa tất cả" only: cells that changed since the check, not written. */
  readonly refused: number;
}

export interface PaneState {
  readonly locale: Locale;
  readonly tab: TabId;
  readonly busy: boolean;
  readonly error: { readonly error: PaneError; readonly place: ErrorPlace } | null;
  readonly profileId: string;
  readonly loaded: { readonly set: LoadedSet; readonly issues: number } | null;
  readonly confirmedSet: IndicatorSet | null;
  readonly confirmed: boolean;
  readonly issues: readonly Issue[];
  readonly rankOptions: RankOptions;
  readonly sheets: readonly string[];
  readonly building: boolean;
  readonly buildStep: BuildStep | null;
  readonly rankResult: RankResultView | null;
  /** A build asked for while errors are outstanding: the pane asks to go on or fix first. */
  readonly pendingBuild: { readonly appendix: boolean } | null;
  readonly unitsInSheet: number | null;
  readonly entryRaw: EntryRaw | null;
  /** The last quick fix (one cell) or "Sửa tất cả" (many), undone as one; refused: cells left alone. */
  readonly lastFix: LastFix | null;
  readonly explainRaw: ExplainRaw;
  readonly progress: ProgressRaw;
}

export type PaneAction =
  | { readonly type: "locale"; readonly locale: Locale }
  | { readonly type: "tab"; readonly tab: TabId }
  | { readonly type: "busy"; readonly busy: boolean }
  | { readonly type: "error"; readonly error: PaneError | null; readonly place?: ErrorPlace }
  | { readonly type: "profile"; readonly profileId: string }
  | { readonly type: "loaded"; readonly set: LoadedSet; readonly issues: readonly Issue[] }
  | { readonly type: "confirmed" }
  | { readonly type: "ready"; readonly set: IndicatorSet; readonly rankOptions?: RankOptions }
  | { readonly type: "issues"; readonly issues: readonly Issue[] }
  | { readonly type: "sheets"; readonly sheets: readonly string[] }
  | { readonly type: "units-in-sheet"; readonly count: number | null }
  | { readonly type: "entry-done"; readonly result: EntryRaw }
  | { readonly type: "fix-done"; readonly fix: LastFix | null }
  | { readonly type: "rank-options"; readonly options: RankOptions }
  | { readonly type: "build-ask"; readonly appendix: boolean }
  | { readonly type: "build-ask-close" }
  | { readonly type: "build-start" }
  | { readonly type: "build-step"; readonly step: BuildStep }
  /** null: the build failed (a success bar from an earlier build must not stay under it). */
  | { readonly type: "build-end"; readonly result: RankResultView | null }
  | { readonly type: "explain"; readonly raw: ExplainRaw }
  | { readonly type: "progress"; readonly progress: ProgressRaw }
  /** The user deleted or renamed a sheet: what pointed into it goes. */
  | { readonly type: "sheet-gone"; readonly sheet: string };

/** The ranking options a set starts with: its profile's, every group. */
const defaultRankOptions = (set: IndicatorSet | null): RankOptions => ({
  groups: set ? set.profile.groups.map((g) => g.id) : [],
  tiePolicy: set?.profile.tiePolicy ?? "competition",
  roundingStage: set?.profile.rounding.stage ?? "display",
  decimals: set?.profile.rounding.decimals ?? 2,
  lastYearSheet: null,
});

export function initialPaneState(locale: Locale, profileId: string): PaneState {
  return {
    locale,
    tab: "set",
    busy: false,
    error: null,
    profileId,
    loaded: null,
    confirmedSet: null,
    confirmed: false,
    issues: [],
    rankOptions: defaultRankOptions(null),
    sheets: [],
    building: false,
    buildStep: null,
    rankResult: null,
    pendingBuild: null,
    unitsInSheet: null,
    entryRaw: null,
    lastFix: null,
    explainRaw: { kind: "none" },
    progress: { kind: "none" },
  };
}

export function paneReducer(state: PaneState, action: PaneAction): PaneState {
  switch (action.type) {
    case "locale":
      return { ...state, locale: action.locale };
    case "tab":
      return { ...state, tab: action.tab };
    case "busy":
      return { ...state, busy: action.busy };
    case "error":
      return {
        ...state,
        error:
          action.error === null ? null : { error: action.error, place: action.place ?? "pane" },
      };
    case "profile":
      return { ...state, profileId: action.profileId };
    case "loaded":
      return {
        ...state,
        error: null,
        confirmed: false,
        loaded: { set: action.set, issues: action.issues.length },
        issues: action.issues.length > 0 ? action.issues : state.issues,
      };
    case "confirmed":
      return { ...state, confirmed: true };
    case "ready": {
      // Another set: what was shown for the old one (results, a fix to undo) is stale.
      const changed = state.confirmedSet !== action.set;
      return {
        ...state,
        confirmedSet: action.set,
        profileId: action.set.profile.id,
        rankOptions: action.rankOptions ?? defaultRankOptions(action.set),
        ...(changed
          ? { rankResult: null, lastFix: null, pendingBuild: null, progress: { kind: "none" } }
          : {}),
      };
    }
    case "issues":
      return { ...state, issues: action.issues };
    case "sheets":
      return {
        ...state,
        sheets: action.sheets,
        // A last-year sheet that is gone is no longer a choice.
        rankOptions:
          state.rankOptions.lastYearSheet !== null &&
          !action.sheets.includes(state.rankOptions.lastYearSheet)
            ? { ...state.rankOptions, lastYearSheet: null }
            : state.rankOptions,
      };
    case "units-in-sheet":
      return { ...state, unitsInSheet: action.count };
    case "entry-done":
      return { ...state, error: null, entryRaw: action.result };
    case "fix-done":
      return { ...state, lastFix: action.fix };
    case "rank-options":
      return { ...state, rankOptions: action.options };
    case "build-ask":
      return { ...state, pendingBuild: { appendix: action.appendix } };
    case "build-ask-close":
      return { ...state, pendingBuild: null };
    case "build-start":
      return { ...state, building: true, buildStep: null, pendingBuild: null, rankResult: null };
    case "build-step":
      return { ...state, buildStep: action.step };
    case "build-end":
      return { ...state, building: false, buildStep: null, rankResult: action.result };
    case "explain":
      return { ...state, explainRaw: action.raw };
    case "progress":
      return { ...state, progress: action.progress };
    case "sheet-gone":
      return withoutSheet(state, action.sheet);
  }
}

/** Sheet names compare as Excel compares them (case-insensitive). */
const sameSheet = (a: string, b: string): boolean =>
  a.toLocaleUpperCase() === b.toLocaleUpperCase();

/**
 * The state without what pointed into a sheet that is gone: its issues, its links in the results
 * shown (ranked sheets, entry sheets), an explanation of one of its cells, a last-year choice.
 */
function withoutSheet(state: PaneState, sheet: string): PaneState {
  const keep = (s: string) => !sameSheet(s, sheet);
  const issues = state.issues.filter((i) => i.cell === undefined || keep(i.cell.sheet));
  const rankResult =
    state.rankResult && !state.rankResult.sheets.every(keep)
      ? { ...state.rankResult, sheets: state.rankResult.sheets.filter(keep) }
      : state.rankResult;
  const entryRaw =
    state.entryRaw && !state.entryRaw.sheets.every(keep)
      ? { ...state.entryRaw, sheets: state.entryRaw.sheets.filter(keep) }
      : state.entryRaw;
  const explainRaw =
    state.explainRaw.kind !== "none" && !keep(state.explainRaw.cell.sheet)
      ? { kind: "none" as const }
      : state.explainRaw;
  const last = state.rankOptions.lastYearSheet;
  return {
    ...state,
    issues: issues.length === state.issues.length ? state.issues : issues,
    rankResult,
    entryRaw,
    explainRaw,
    sheets: state.sheets.filter(keep),
    rankOptions:
      last !== null && !keep(last)
        ? { ...state.rankOptions, lastYearSheet: null }
        : state.rankOptions,
  };
}
