/**
 * The pane's controller: one reducer (pane-state.ts) and one hook per tab (useSetTab,
 * useCheckTab, useRankTab, useExplainTab), composed into the model the components receive.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import { summarizeSet } from "../../app/load-indicator-set";
import {
  type CellRef,
  ENTRY_SHEET,
  formatIssue,
  type IndicatorSet,
  type Locale,
  quoteSheet,
  UNITS_SHEET,
  nameIn,
} from "../../engine";
import type { FormFile } from "../../app/import-forms";
import { explainCell } from "./explain";
import type { PaneContext } from "./pane-context";
import { errorText, toPaneError } from "./pane-errors";
import { type ErrorPlace, initialPaneState, type LastFix, paneReducer } from "./pane-state";
import type { BuildStep, Evaluated, PaneServices } from "./services";
import type {
  EntryResultView,
  EntryView,
  ExplainState,
  FixDoneView,
  IssueView,
  LoadedView,
  PendingBuildView,
  ProfileOption,
  ProgressView,
  RankOptions,
  RankResultView,
  TabId,
} from "./types";
import { useCheckTab } from "./useCheckTab";
import { useExplainTab } from "./useExplainTab";
import { useProgressTab } from "./useProgressTab";
import { useRankTab } from "./useRankTab";
import type { LayoutOverrides } from "../../engine";
import type { ScaleQuestion } from "../components/LayoutPanel/ScaleQuestion";
import { useSetTab } from "./useSetTab";
import { formatNumber, issueViews, loadedView, progressView } from "./views";

export { errorText } from "./pane-errors";
export { buildStepProgress } from "./useRankTab";
export { unitsFromNames } from "./useSetTab";

/** Roles of the sheets the add-in writes from a build: never last year's results. */
const OUTPUT_ROLES: ReadonlySet<string> = new Set(["ranking", "reconciliation", "appendix"]);

export interface PaneModel {
  readonly locale: Locale;
  readonly tab: TabId;
  readonly busy: boolean;
  readonly error: string | null;
  /** Which action the error belongs to: its bar is shown next to that action. */
  readonly errorPlace: ErrorPlace;
  /**
   * The error is a sheet the user edited inside the table the add-in writes (sheet_edited, cells
   * listed), from creating the entry sheets or a build: "Vẫn tạo lại" (`rebuildAnyway`) is offered.
   */
  readonly canRebuildAnyway: boolean;
  /** The error says "Nhập điểm" is an older add-in version's and in its layout: "Nhận trang cũ" is offered. */
  readonly canAdoptOlder: boolean;
  readonly profiles: readonly ProfileOption[];
  readonly profileId: string;
  readonly loaded: LoadedView | null;
  /** The last table read could not tell its scale: the choices to ask the user (LayoutPanel). */
  readonly scaleQuestion: ScaleQuestion | null;
  readonly confirmed: boolean;
  /** True once a confirmed set exists: checks and rankings can run. */
  readonly ready: boolean;
  readonly issues: readonly IssueView[];
  readonly groups: readonly { readonly id: string; readonly name: string }[];
  readonly rankOptions: RankOptions;
  readonly sheets: readonly string[];
  readonly building: boolean;
  /** The step of the build under way (read, score, write), null when not building. */
  readonly buildStep: BuildStep | null;
  readonly rankResult: RankResultView | null;
  /** Errors still outstanding when a build was asked for: the pane asks to go on or fix first. */
  readonly pendingBuild: PendingBuildView | null;
  readonly explain: ExplainState;
  /** "Tiến độ": per agency, form imported, scores entered, appraised, missing evidence. */
  readonly progress: ProgressView;
  readonly entry: EntryView;
  /** The last quick fix (offered for undo), null when none or undone. */
  readonly lastFix: FixDoneView | null;
  readonly actions: {
    readonly setLocale: (locale: Locale) => void;
    readonly setTab: (tab: TabId) => void;
    readonly dismissError: () => void;
    /** The failed entry sheets or build again, overwriting the edited cells (content outside stays). */
    readonly rebuildAnyway: () => void;
    /** Creates the entry sheets again, adopting the older add-in version's sheets (asked by the user). */
    readonly adoptOlder: () => void;
    readonly setProfile: (id: string) => void;
    readonly recognizeSheet: () => void;
    readonly importFile: (file: { readonly name: string; readonly bytes: ArrayBuffer }) => void;
    readonly useProfile: () => void;
    readonly confirm: () => void;
    /** A change to the recognised table's layout (LayoutPanel): the sheet or file is read again with it. */
    readonly changeLayout: (change: LayoutOverrides) => void;
    readonly goTo: (issue: IssueView) => void;
    readonly fix: (issue: IssueView) => void;
    /** "Sửa tất cả": every number typed as text, after one confirmation; one undo. */
    readonly fixAll: () => void;
    readonly recheck: () => void;
    readonly setRankOptions: (options: RankOptions) => void;
    readonly build: () => void;
    /** The ranked sheets and the decision's appendix ("Phụ lục - …"). */
    readonly buildAppendix: () => void;
    /** Build although errors are outstanding (results marked provisional). */
    readonly buildAnyway: () => void;
    /** Close the question and go to the Kiểm tra tab. */
    readonly fixFirst: () => void;
    readonly openSheet: (sheet: string) => void;
    /** Selects one cell (an agency's column from "Tiến độ"). */
    readonly selectCell: (cell: CellRef) => void;
    readonly explainAt: (cell: CellRef) => void;
    /**
     * Writes the entry sheets for the confirmed set: for the units of the "Đơn vị" sheet, or, when
     * there is none, for the names the user typed (all in `groupId`).
     */
    readonly createEntrySheets: (names: readonly string[], groupId: string | null) => void;
    /** Imports many agencies' self-assessment forms into the entry matrix. */
    readonly importForms: (files: readonly FormFile[]) => void;
    readonly undoFix: () => void;
    /** Reads "Tiến độ" again. */
    readonly refreshProgress: () => void;
  };
}

interface PaneControllerOptions {
  readonly initialLocale?: Locale;
  readonly initialProfileId?: string;
  /** Called when a user-visible step finished (tests and the preview's timing). */
  readonly onSettled?: (what: string) => void;
}

export function usePaneController(
  services: PaneServices,
  options: PaneControllerOptions = {}
): PaneModel {
  const profileList = useMemo(() => services.profiles(), [services]);
  const [state, dispatch] = useReducer(paneReducer, undefined, () =>
    initialPaneState(
      options.initialLocale ?? "vi",
      options.initialProfileId ?? profileList[0]?.id ?? "generic"
    )
  );
  const onSettled = options.onSettled;
  const settled = useCallback((what: string) => onSettled?.(what), [onSettled]);
  const evaluated = useRef<Evaluated | null>(null);
  const mounted = useRef(true);
  const stopGone = useRef<(() => void) | null>(null);

  const run: PaneContext["run"] = useCallback(
    async (what, fn, o = {}) => {
      const showBusy = o.busy !== false;
      if (showBusy) dispatch({ type: "busy", busy: true });
      try {
        await fn();
      } catch (e) {
        if (mounted.current)
          dispatch({ type: "error", error: toPaneError(e), place: o.place ?? "pane" });
      } finally {
        if (showBusy && mounted.current) dispatch({ type: "busy", busy: false });
        settled(what);
      }
    },
    [settled]
  );

  const refreshSheets = useCallback(async () => {
    const list = await services.listSheets();
    dispatch({
      type: "sheets",
      sheets: list
        .filter(
          (s) =>
            s.visible &&
            s.name !== ENTRY_SHEET &&
            s.name !== UNITS_SHEET &&
            // This year's own output is not last year's result.
            !(s.owned && s.role !== undefined && OUTPUT_ROLES.has(s.role))
        )
        .map((s) => s.name),
    });
  }, [services]);

  const ctx: PaneContext = {
    services,
    state,
    dispatch,
    run,
    settled,
    mounted,
    evaluated,
    refreshSheets,
  };
  const check = useCheckTab(ctx);
  const becomeReady = async (set: IndicatorSet) => {
    // The options saved with the workbook, kept to this set's groups (none left: the defaults).
    const saved = await services.savedRankOptions();
    const groups = saved?.groups.filter((g) => set.profile.groups.some((p) => p.id === g)) ?? [];
    dispatch({
      type: "ready",
      set,
      ...(saved && groups.length > 0 ? { rankOptions: { ...saved, groups } } : {}),
    });
    evaluated.current = null;
    await check.startChecking();
    await refreshSheets();
    await setTab.countUnits(set);
  };
  const setTab = useSetTab(ctx, { becomeReady, revalidate: check.revalidate });
  const rank = useRankTab(ctx);
  const explainTab = useExplainTab(ctx);
  const progressTab = useProgressTab(ctx);

  // Reopening a workbook with a confirmed set: ready at once.
  useEffect(() => {
    mounted.current = true;
    void run(
      "init",
      async () => {
        // Charts recorded in a file the command line wrote are drawn once the workbook is open
        // (Excel only; other adapters have nothing to draw).
        await services.drawRecordedCharts();
        // A sheet the user deletes or renames: what pointed into it goes at once (issues, links,
        // the last-year choice), and the sheet list is read again.
        const stop = await services.onSheetGone((sheet) => {
          if (!mounted.current) return;
          dispatch({ type: "sheet-gone", sheet });
          void run("sheets", refreshSheets, { busy: false });
        });
        if (mounted.current) stopGone.current = stop;
        else stop();
        const set = await services.confirmedSet();
        if (set) {
          dispatch({ type: "confirmed" });
          await becomeReady(set);
        }
      },
      { busy: false }
    );
    return () => {
      mounted.current = false;
      check.stopChecking();
      stopGone.current?.();
      stopGone.current = null;
    };
  }, [services]);

  const { locale, explainRaw, issues, loaded, confirmedSet, entryRaw, lastFix } = state;
  const explain: ExplainState = useMemo(() => {
    if (explainRaw.kind === "none") return { kind: "none" };
    const where = `${explainRaw.cell.sheet}!${explainRaw.cell.cell}`;
    if (explainRaw.kind === "not-a-result") return { kind: "not-a-result", cell: where };
    const view = explainCell(explainRaw.ev, explainRaw.cell, locale, [...explainRaw.row]);
    return view ? { kind: "explained", view } : { kind: "not-a-result", cell: where };
  }, [explainRaw, locale]);

  const issueList = useMemo(
    () => issueViews(issues, locale, (i) => services.fixOf(i)),
    [issues, locale, services]
  );
  const shownSet = loaded?.set.set ?? confirmedSet;
  const entryResult: EntryResultView | null = entryRaw
    ? {
        kind: entryRaw.kind,
        sheets: entryRaw.sheets,
        units: entryRaw.units,
        imported: entryRaw.imported,
        kept: entryRaw.kept,
        notes: entryRaw.issues.map((i) => formatIssue(i, locale)),
      }
    : null;
  const err = state.error;
  const rebuildable =
    err !== null &&
    err.error.kind === "port" &&
    err.error.code === "sheet_edited" &&
    (err.place === "entry" || err.place === "rank")
      ? err.place
      : null;
  const adoptable =
    err !== null &&
    err.place === "entry" &&
    err.error.kind === "issues" &&
    err.error.issues.some((i) => i.code === "sheet_older_addin" && i.params["matches"] === true);
  const pendingErrors = state.pendingBuild ? issueList.filter((i) => i.severity === "error") : [];

  return {
    locale,
    tab: state.tab,
    busy: state.busy,
    error: state.error ? errorText(state.error.error, locale) : null,
    errorPlace: state.error?.place ?? "pane",
    canRebuildAnyway: rebuildable !== null,
    canAdoptOlder: adoptable,
    profiles: profileList.map((p) => ({ id: p.id, name: nameIn(p, locale) })),
    profileId: state.profileId,
    scaleQuestion: setTab.scaleQuestion,
    loaded: loaded
      ? loadedView(loaded.set, loaded.issues, locale)
      : confirmedSet
        ? loadedView(
            {
              set: confirmedSet,
              source: "built-in",
              sourceName: "",
              insertedSheets: [],
              summary: summarizeSet(confirmedSet),
            },
            0,
            locale
          )
        : null,
    confirmed: state.confirmed,
    ready: confirmedSet !== null,
    issues: issueList,
    groups: (shownSet?.profile.groups ?? []).map((g) => ({
      id: g.id,
      name: nameIn(g, locale),
    })),
    rankOptions: state.rankOptions,
    sheets: state.sheets,
    building: state.building,
    buildStep: state.buildStep,
    rankResult: state.rankResult,
    pendingBuild: state.pendingBuild
      ? { appendix: state.pendingBuild.appendix, errors: pendingErrors }
      : null,
    explain,
    progress: progressView(state.progress, confirmedSet, locale),
    entry: { unitsInSheet: state.unitsInSheet, result: entryResult },
    lastFix: lastFixView(lastFix, locale),
    actions: {
      setLocale: (l) => dispatch({ type: "locale", locale: l }),
      setTab: (tab) => dispatch({ type: "tab", tab }),
      dismissError: () => dispatch({ type: "error", error: null }),
      adoptOlder: () => {
        if (!adoptable) return;
        dispatch({ type: "error", error: null });
        setTab.actions.createEntrySheetsAdopt();
      },
      rebuildAnyway: () => {
        if (rebuildable === null) return;
        dispatch({ type: "error", error: null });
        if (rebuildable === "entry") setTab.actions.createEntrySheetsAnyway();
        else rank.actions.buildOverwrite();
      },
      ...setTab.actions,
      ...check.actions,
      ...rank.actions,
      openSheet: (sheet) => void run("open", () => services.select(sheet, "A1"), { busy: false }),
      selectCell: (cell) =>
        void run("open", () => services.select(cell.sheet, cell.cell), {
          busy: false,
          place: "progress",
        }),
      ...explainTab.actions,
      ...progressTab.actions,
    },
  };
}

/** The undo bar's view of the last fix: one cell in full, many as a count. */
function lastFixView(last: LastFix | null, locale: Locale): FixDoneView | null {
  const first = last?.changes[0];
  if (!last || !first) return null;
  return {
    cell: `${quoteSheet(first.sheet)}!${first.cell}`,
    before: typeof first.before === "string" ? `"${first.before}"` : JSON.stringify(first.before),
    after: formatNumber(first.after, locale, 6),
    count: last.changes.length,
    refused: last.refused,
  };
}
