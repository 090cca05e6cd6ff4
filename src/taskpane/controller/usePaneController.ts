/**
 * The pane's state machine: calls the use-cases (through PaneServices) on user actions and keeps
 * what the components show. Raw results are kept; texts are made at render time, so switching the
 * language re-renders everything, errors included.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SafeFix } from "../../app/fixes";
import type { FormFile } from "../../app/import-forms";
import { summarizeSet, type LoadedSet } from "../../app/load-indicator-set";
import { quoteSheet } from "../../engine/address";
import { formatIssue, issueText } from "../../engine/messages";
import type { CellRef, IndicatorSet, Issue, Locale, Unit } from "../../engine/model/types";
import { ENTRY_SHEET, UNITS_SHEET } from "../../engine/sheets/entry-sheets";
import { portErrorText } from "../../workbook/messages";
import { PortError } from "../../workbook/port";
import { STRINGS, type Strings } from "../i18n";
import { explainCell } from "./explain";
import { BUILD_STEPS, type BuildStep, type Evaluated, type PaneServices } from "./services";
import type {
  EntryResultView,
  EntryView,
  ExplainState,
  FixDoneView,
  IssueView,
  LoadedView,
  ProfileOption,
  RankOptions,
  RankResultView,
  TabId,
} from "./types";
import { formatNumber, issueViews, loadedView } from "./views";

/** What went wrong, kept raw so its text follows the language switch. */
type PaneError =
  | { readonly kind: "port"; readonly error: PortError }
  | { readonly kind: "issues"; readonly issues: readonly Issue[] }
  /** A pane-level problem with its own text (no units to create entry sheets for, a fix that could not be undone…). */
  | { readonly kind: "pane"; readonly key: keyof Strings["paneErrors"] }
  | { readonly kind: "unknown" };

/** Plain-language text of an error: never a stack trace. */
export function errorText(error: PaneError, locale: Locale): string {
  switch (error.kind) {
    case "port":
      return portErrorText(error.error, locale);
    case "issues":
      return error.issues.map((i) => issueText(i, locale)).join("\n");
    case "pane":
      return STRINGS[locale].paneErrors[error.key];
    case "unknown":
      return STRINGS[locale].portErrors.unknown();
  }
}

function toPaneError(e: unknown): PaneError {
  if (e instanceof PortError) return { kind: "port", error: e };
  return { kind: "unknown" };
}

export interface PaneModel {
  readonly locale: Locale;
  readonly tab: TabId;
  readonly busy: boolean;
  readonly error: string | null;
  readonly profiles: readonly ProfileOption[];
  readonly profileId: string;
  readonly loaded: LoadedView | null;
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
  readonly explain: ExplainState;
  readonly entry: EntryView;
  /** The last quick fix (offered for undo), null when none or undone. */
  readonly lastFix: FixDoneView | null;
  readonly actions: {
    readonly setLocale: (locale: Locale) => void;
    readonly setTab: (tab: TabId) => void;
    readonly dismissError: () => void;
    readonly setProfile: (id: string) => void;
    readonly recognizeSheet: () => void;
    readonly importFile: (file: { readonly name: string; readonly bytes: ArrayBuffer }) => void;
    readonly useProfile: () => void;
    readonly confirm: () => void;
    readonly goTo: (issue: IssueView) => void;
    readonly fix: (issue: IssueView) => void;
    readonly recheck: () => void;
    readonly setRankOptions: (options: RankOptions) => void;
    readonly build: () => void;
    readonly openSheet: (sheet: string) => void;
    readonly explainAt: (cell: CellRef) => void;
    /**
     * Writes the entry sheets for the confirmed set: for the units of the "Đơn vị" sheet, or, when
     * there is none, for the names the user typed (all in `groupId`).
     */
    readonly createEntrySheets: (names: readonly string[], groupId: string | null) => void;
    /** Imports many agencies' self-assessment forms into the entry matrix. */
    readonly importForms: (files: readonly FormFile[]) => void;
    readonly undoFix: () => void;
  };
}

export interface PaneControllerOptions {
  readonly initialLocale?: Locale;
  readonly initialProfileId?: string;
  /** Called when a user-visible step finished (tests and the preview's timing). */
  readonly onSettled?: (what: string) => void;
}

const defaultRankOptions = (set: IndicatorSet | null): RankOptions => ({
  groups: set ? set.profile.groups.map((g) => g.id) : [],
  tiePolicy: set?.profile.tiePolicy ?? "competition",
  roundingStage: set?.profile.rounding.stage ?? "display",
  decimals: set?.profile.rounding.decimals ?? 2,
  lastYearSheet: null,
});

export function usePaneController(
  services: PaneServices,
  options: PaneControllerOptions = {}
): PaneModel {
  const [locale, setLocale] = useState<Locale>(options.initialLocale ?? "vi");
  const [tab, setTab] = useState<TabId>("set");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PaneError | null>(null);
  const profileList = useMemo(() => services.profiles(), [services]);
  const [profileId, setProfileId] = useState<string>(
    options.initialProfileId ?? profileList[0]?.id ?? "generic"
  );
  const [loaded, setLoaded] = useState<{ set: LoadedSet; issues: number } | null>(null);
  const [confirmedSet, setConfirmedSet] = useState<IndicatorSet | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const [rankOptions, setRankOptions] = useState<RankOptions>(defaultRankOptions(null));
  const [sheets, setSheets] = useState<readonly string[]>([]);
  const [building, setBuilding] = useState(false);
  const [buildStep, setBuildStep] = useState<BuildStep | null>(null);
  const [rankResult, setRankResult] = useState<RankResultView | null>(null);
  const [unitsInSheet, setUnitsInSheet] = useState<number | null>(null);
  const [entryRaw, setEntryRaw] = useState<{
    kind: "created" | "imported";
    sheets: readonly string[];
    units: number;
    imported: number;
    kept: number;
    issues: readonly Issue[];
  } | null>(null);
  const [lastFix, setLastFix] = useState<SafeFix | null>(null);
  const [explainRaw, setExplainRaw] = useState<
    | { kind: "none" }
    | { kind: "not-a-result"; cell: CellRef }
    | { kind: "at"; cell: CellRef; ev: Evaluated; row: string[] }
  >({ kind: "none" });

  const onSettled = options.onSettled;
  const settled = useCallback((what: string) => onSettled?.(what), [onSettled]);
  const stopLive = useRef<(() => void) | null>(null);
  const evaluated = useRef<Evaluated | null>(null);
  const mounted = useRef(true);

  /** Runs an action with the busy flag; errors become a MessageBar, never a crash. */
  const run = useCallback(
    async (what: string, fn: () => Promise<void>, showBusy = true): Promise<void> => {
      if (showBusy) setBusy(true);
      try {
        await fn();
      } catch (e) {
        if (mounted.current) setError(toPaneError(e));
      } finally {
        if (showBusy && mounted.current) setBusy(false);
        settled(what);
      }
    },
    [settled]
  );

  const refreshSheets = useCallback(async () => {
    const list = await services.listSheets();
    setSheets(
      list
        .filter((s) => s.visible && s.name !== ENTRY_SHEET && s.name !== UNITS_SHEET)
        .map((s) => s.name)
    );
  }, [services]);

  /** How many units the "Đơn vị" sheet lists (null: none, the pane then asks for names). */
  const countUnits = useCallback(
    async (set: IndicatorSet) => {
      const r = await services.units(set.profile);
      if (mounted.current) setUnitsInSheet(r.ok ? r.value.length : null);
    },
    [services]
  );

  const startChecking = useCallback(async () => {
    if (stopLive.current === null) {
      stopLive.current = await services.startLive(
        (found) => {
          evaluated.current = null;
          if (mounted.current) setIssues(found);
          settled("live");
        },
        (e) => {
          if (mounted.current) setError(toPaneError(e));
        }
      );
    } else {
      setIssues(await services.validate());
    }
  }, [services, settled]);

  const becomeReady = useCallback(
    async (set: IndicatorSet) => {
      setConfirmedSet(set);
      setProfileId(set.profile.id);
      setRankOptions(defaultRankOptions(set));
      evaluated.current = null;
      await startChecking();
      await refreshSheets();
      await countUnits(set);
    },
    [startChecking, refreshSheets]
  );

  // Reopening a workbook with a confirmed set: ready at once.
  useEffect(() => {
    mounted.current = true;
    void run(
      "init",
      async () => {
        // Charts recorded in a file the command line wrote are drawn once the workbook is open
        // (Excel only; other adapters have nothing to draw).
        await services.drawRecordedCharts();
        const set = await services.confirmedSet();
        if (set) {
          setConfirmed(true);
          await becomeReady(set);
        }
      },
      false
    );
    return () => {
      mounted.current = false;
      stopLive.current?.();
      stopLive.current = null;
    };
  }, [services]);

  const afterLoad = useCallback(
    async (result: Awaited<ReturnType<PaneServices["load"]>>) => {
      if (!result.ok) {
        setError({
          kind: "issues",
          issues: result.issues.filter((i) => i.severity === "error").slice(0, 5),
        });
        return;
      }
      setError(null);
      setConfirmed(false);
      setLoaded({ set: result.value, issues: result.issues.length });
      if (result.issues.length > 0) setIssues(result.issues);
      await refreshSheets();
    },
    [refreshSheets]
  );

  // Explanations follow the selection (Excel's selection event or the preview's grid).
  const explainAt = useCallback(
    (cell: CellRef) => {
      const set = confirmedSet;
      if (!set) {
        setExplainRaw({ kind: "not-a-result", cell });
        return;
      }
      void run(
        "explain",
        async () => {
          let ev = evaluated.current;
          if (!ev) {
            ev = await services.evaluateNow(set.profile);
            evaluated.current = ev;
          }
          if (!ev) {
            setExplainRaw({ kind: "not-a-result", cell });
            return;
          }
          const row = Number(/\d+$/.exec(cell.cell)?.[0] ?? "0");
          let texts: string[] = [];
          const isEntry = ev.data.entries.some(
            (e) => e.self?.cell?.sheet === cell.sheet || e.appraised?.cell?.sheet === cell.sheet
          );
          if (!isEntry && row > 0) {
            const g = await services.readRow(cell.sheet, row);
            texts = (g.values[0] ?? []).filter((v): v is string => typeof v === "string");
          }
          setExplainRaw({ kind: "at", cell, ev, row: texts });
        },
        false
      );
    },
    [confirmedSet, run, services]
  );

  useEffect(() => {
    if (!services.selection) return;
    return services.selection.subscribe(explainAt);
  }, [services, explainAt]);

  /** After the entry sheets were (re)written: re-check, list sheets, count units again. */
  const afterEntryWrite = async (set: IndicatorSet) => {
    evaluated.current = null;
    setIssues(await services.validate());
    await refreshSheets();
    await countUnits(set);
  };

  const actions: PaneModel["actions"] = {
    setLocale,
    setTab,
    dismissError: () => setError(null),
    setProfile: setProfileId,
    recognizeSheet: () =>
      void run("load", async () =>
        afterLoad(await services.load({ mode: "active-sheet", profileId }))
      ),
    importFile: (file) =>
      void run("load", async () =>
        afterLoad(
          await services.load({ mode: "import", file: file.bytes, fileName: file.name, profileId })
        )
      ),
    useProfile: () =>
      void run("load", async () => afterLoad(await services.load({ mode: "built-in", profileId }))),
    confirm: () =>
      void run("confirm", async () => {
        if (!loaded) return;
        await services.confirm(loaded.set);
        setConfirmed(true);
        await becomeReady(loaded.set.set);
      }),
    goTo: (issue) =>
      void run(
        "goto",
        async () => {
          if (issue.issue.cell)
            await services.select(issue.issue.cell.sheet, issue.issue.cell.cell);
        },
        false
      ),
    fix: (issue) =>
      void run("fix", async () => {
        const change = await services.applyFix(issue.issue);
        setLastFix(change);
        if (change === null) setError({ kind: "pane", key: "fixChanged" });
        evaluated.current = null;
        setIssues(await services.validate());
      }),
    undoFix: () =>
      void run("undo", async () => {
        if (!lastFix) return;
        const ok = await services.undoFix(lastFix);
        setLastFix(null);
        if (!ok) setError({ kind: "pane", key: "undoChanged" });
        evaluated.current = null;
        setIssues(await services.validate());
      }),
    createEntrySheets: (names, groupId) =>
      void run("entry", async () => {
        if (!confirmedSet) return;
        let units: Unit[];
        if (unitsInSheet !== null) {
          const r = await services.units(confirmedSet.profile);
          if (!r.ok) {
            setError({ kind: "issues", issues: r.issues.filter((i) => i.severity === "error") });
            return;
          }
          units = r.value;
        } else {
          units = unitsFromNames(names, groupId);
          if (units.length === 0) {
            setError({ kind: "pane", key: "noUnits" });
            return;
          }
        }
        const r = await services.createEntrySheets(confirmedSet, units);
        if (!r.ok) {
          setError({ kind: "issues", issues: r.issues.filter((i) => i.severity === "error") });
          return;
        }
        setError(null);
        setEntryRaw({
          kind: "created",
          sheets: r.value.sheets,
          units: r.value.units,
          imported: 0,
          kept: r.value.keptEntries,
          issues: r.issues,
        });
        await afterEntryWrite(confirmedSet);
      }),
    importForms: (files) =>
      void run("import-forms", async () => {
        if (!confirmedSet || files.length === 0) return;
        const r = await services.importForms(files, confirmedSet);
        if (!r.ok) {
          setError({
            kind: "issues",
            issues: r.issues.filter((i) => i.severity === "error").slice(0, 5),
          });
          return;
        }
        setError(null);
        setEntryRaw({
          kind: "imported",
          sheets: r.value.sheets,
          units: r.value.units,
          imported: r.value.imported,
          kept: r.value.keptEntries,
          issues: r.issues,
        });
        await afterEntryWrite(confirmedSet);
      }),
    recheck: () =>
      void run("recheck", async () => {
        evaluated.current = null;
        setIssues(await services.validate());
      }),
    setRankOptions,
    build: () =>
      void run("build", async () => {
        if (!confirmedSet) return;
        setBuilding(true);
        try {
          const r = await services.build(
            {
              profileId: confirmedSet.profile.id,
              confirmedSet,
              groups: rankOptions.groups,
              tiePolicy: rankOptions.tiePolicy,
              rounding: { stage: rankOptions.roundingStage, decimals: rankOptions.decimals },
              lastYearSheet: rankOptions.lastYearSheet,
            },
            async (step) => {
              if (!mounted.current) return;
              setBuildStep(step);
              await nextFrame(); // the step shows before the (synchronous) work of the next one
              settled(`build:${step}`);
            }
          );
          if (!r.ok) {
            setError({
              kind: "issues",
              issues: r.issues.filter((i) => i.severity === "error").slice(0, 5),
            });
            return;
          }
          setError(null);
          const units = r.ranking.groups.reduce((n, g) => n + g.units.length, 0);
          setRankResult({ sheets: r.sheets, units });
          evaluated.current = null;
          await refreshSheets();
        } finally {
          setBuilding(false);
          setBuildStep(null);
        }
      }),
    openSheet: (sheet) => void run("open", () => services.select(sheet, "A1"), false),
    explainAt,
  };

  const explain: ExplainState = useMemo(() => {
    if (explainRaw.kind === "none") return { kind: "none" };
    const where = `${explainRaw.cell.sheet}!${explainRaw.cell.cell}`;
    if (explainRaw.kind === "not-a-result") return { kind: "not-a-result", cell: where };
    const view = explainCell(explainRaw.ev, explainRaw.cell, locale, explainRaw.row);
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

  return {
    locale,
    tab,
    busy,
    error: error ? errorText(error, locale) : null,
    profiles: profileList.map((p) => ({ id: p.id, name: locale === "vi" ? p.name : p.nameEn })),
    profileId,
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
    confirmed,
    ready: confirmedSet !== null,
    issues: issueList,
    groups: (shownSet?.profile.groups ?? []).map((g) => ({
      id: g.id,
      name: locale === "vi" ? g.name : g.nameEn,
    })),
    rankOptions,
    sheets,
    building,
    buildStep,
    rankResult,
    explain,
    entry: { unitsInSheet, result: entryResult },
    lastFix: lastFix
      ? {
          cell: `${quoteSheet(lastFix.sheet)}!${lastFix.cell}`,
          before:
            typeof lastFix.before === "string"
              ? `"${lastFix.before}"`
              : JSON.stringify(lastFix.before),
          after: formatNumber(lastFix.after, locale, 6),
        }
      : null,
    actions,
  };
}

/** Resolves after the browser had a chance to paint (a frame where there is one). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const later = () => setTimeout(resolve, 0);
    if (typeof requestAnimationFrame === "function") requestAnimationFrame(later);
    else later();
  });
}

/** Where a build step stands: its number (1-based) and the bar's value at its middle. */
export function buildStepProgress(step: BuildStep): { readonly n: number; readonly value: number } {
  const i = BUILD_STEPS.indexOf(step);
  return { n: i + 1, value: (i + 0.5) / BUILD_STEPS.length };
}

/** Units for names the user typed (one per line), all in one group; blank lines and repeats dropped. */
export function unitsFromNames(names: readonly string[], groupId: string | null): Unit[] {
  const seen = new Set<string>();
  const out: Unit[] = [];
  for (const raw of names) {
    const name = raw.replace(/\s+/g, " ").trim();
    const key = name.toLocaleLowerCase("vi");
    if (name === "" || seen.has(key)) continue;
    seen.add(key);
    out.push({
      id: `u${out.length + 1}`,
      name,
      groupId,
      hasSubordinateUnits: false,
      hasDvctt: false,
      specialPurpose: false,
      notApplicable: [],
    });
  }
  return out;
}
