/**
 * "Xếp hạng": options, the build (ranked sheets, or with the decision's appendix) and, when errors
 * are still outstanding, the question first: go on (results marked provisional) or fix them.
 */
import { useRef } from "react";
import type { PaneContext } from "./pane-context";
import { BUILD_STEPS, type BuildStep } from "./services";
import type { RankOptions } from "./types";

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

export function useRankTab(ctx: PaneContext) {
  const { services, state, dispatch, run, settled, mounted, evaluated, refreshSheets } = ctx;
  const place = { place: "rank" as const };

  // The last build asked for (with or without the appendix), for "Vẫn tạo lại" after sheet_edited.
  const lastAppendix = useRef(false);
  const doBuild = (appendix: boolean, overwriteEdits = false) => {
    lastAppendix.current = appendix;
    void run(
      appendix ? "appendix" : "build",
      async () => {
        const set = state.confirmedSet;
        if (!set) return;
        const o = state.rankOptions;
        dispatch({ type: "build-start" });
        let result: { sheets: readonly string[]; units: number } | null = null;
        try {
          const r = await services.build(
            {
              profileId: set.profile.id,
              confirmedSet: set,
              groups: o.groups,
              tiePolicy: o.tiePolicy,
              rounding: { stage: o.roundingStage, decimals: o.decimals },
              lastYearSheet: o.lastYearSheet,
              appendix,
              ...(overwriteEdits ? { overwriteEdits: true } : {}),
            },
            async (step) => {
              if (!mounted.current) return;
              dispatch({ type: "build-step", step });
              await nextFrame(); // the step shows before the (synchronous) work of the next one
              settled(`build:${step}`);
            }
          );
          if (!r.ok) {
            dispatch({
              type: "error",
              error: {
                kind: "issues",
                issues: r.issues.filter((i) => i.severity === "error").slice(0, 5),
              },
              ...place,
            });
            return;
          }
          dispatch({ type: "error", error: null });
          result = {
            sheets: r.sheets,
            units: r.ranking.groups.reduce((n, g) => n + g.units.length, 0),
          };
          evaluated.current = null;
          await refreshSheets();
        } finally {
          dispatch({ type: "build-end", result });
        }
      },
      place
    );
  };

  /** Asks first while errors are outstanding (the list is shown with the question). */
  const build = (appendix: boolean) => {
    if (!state.confirmedSet) return;
    if (state.issues.some((i) => i.severity === "error")) {
      dispatch({ type: "build-ask", appendix });
      settled("build-ask");
      return;
    }
    doBuild(appendix);
  };

  return {
    actions: {
      setRankOptions: (options: RankOptions) => {
        dispatch({ type: "rank-options", options });
        // Saved in the workbook, so reopening it keeps the choices.
        void run("rank-options", () => services.saveRankOptions(options), {
          busy: false,
          place: "rank",
        });
      },
      build: () => build(false),
      buildAppendix: () => build(true),
      /** "Vẫn xếp hạng": build with the errors (results marked provisional). */
      buildAnyway: () => doBuild(state.pendingBuild?.appendix === true),
      /** "Vẫn tạo lại" on the sheet_edited message: the same build, over the cells it listed. */
      buildOverwrite: () => doBuild(lastAppendix.current, true),
      /** "Sửa trước": to the Kiểm tra tab, nothing built. */
      fixFirst: () => {
        dispatch({ type: "build-ask-close" });
        dispatch({ type: "tab", tab: "check" });
      },
    },
  };
}
