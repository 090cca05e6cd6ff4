/** "Kiểm tra": live checking, go to a cell, quick fixes and their undo. */
import { useCallback, useRef } from "react";
import type { PaneContext } from "./pane-context";
import { toPaneError } from "./pane-errors";
import type { IssueView } from "./types";

export function useCheckTab(ctx: PaneContext) {
  const { services, dispatch, run, settled, mounted, evaluated, state } = ctx;
  const stopLive = useRef<(() => void) | null>(null);

  const startChecking = useCallback(async () => {
    if (stopLive.current === null) {
      stopLive.current = await services.startLive(
        (found) => {
          evaluated.current = null;
          if (mounted.current) dispatch({ type: "issues", issues: found });
          settled("live");
        },
        (e) => {
          if (mounted.current) dispatch({ type: "error", error: toPaneError(e), place: "check" });
        }
      );
    } else {
      dispatch({ type: "issues", issues: await services.validate() });
    }
  }, [services, settled, dispatch, mounted, evaluated]);

  const stopChecking = useCallback(() => {
    stopLive.current?.();
    stopLive.current = null;
  }, []);

  const revalidate = async () => {
    evaluated.current = null;
    dispatch({ type: "issues", issues: await services.validate() });
  };

  const place = { place: "check" as const };
  return {
    startChecking,
    stopChecking,
    revalidate,
    actions: {
      goTo: (issue: IssueView) =>
        void run(
          "goto",
          async () => {
            if (issue.issue.cell)
              await services.select(issue.issue.cell.sheet, issue.issue.cell.cell);
          },
          { busy: false, ...place }
        ),
      fix: (issue: IssueView) =>
        void run(
          "fix",
          async () => {
            const change = await services.applyFix(issue.issue);
            dispatch({ type: "fix-done", fix: change && { changes: [change], refused: 0 } });
            if (change === null)
              dispatch({ type: "error", error: { kind: "pane", key: "fixChanged" }, ...place });
            await revalidate();
          },
          place
        ),
      /** "Sửa tất cả" (the user confirmed once): all text numbers, one write, one undo. */
      fixAll: () =>
        void run(
          "fix-all",
          async () => {
            const r = await services.applyFixes(state.issues);
            const done = r.changes.length > 0;
            dispatch({
              type: "fix-done",
              fix: done ? { changes: r.changes, refused: r.refused.length } : null,
            });
            if (!done)
              dispatch({ type: "error", error: { kind: "pane", key: "fixChanged" }, ...place });
            await revalidate();
          },
          place
        ),
      undoFix: () =>
        void run(
          "undo",
          async () => {
            const last = state.lastFix;
            if (!last) return;
            const ok = await services.undoFix(last.changes);
            dispatch({ type: "fix-done", fix: null });
            if (!ok)
              dispatch({ type: "error", error: { kind: "pane", key: "undoChanged" }, ...place });
            await revalidate();
          },
          place
        ),
      recheck: () => void run("recheck", revalidate, place),
    },
  };
}
