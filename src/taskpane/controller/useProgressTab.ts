/**
 * "Tiến độ": read when the tab is shown, again after every check while it stays shown (an edit, an
 * import, a fix) and on "Làm mới". Reads that finish out of order are dropped (only the last counts).
 */
import { useCallback, useEffect, useRef } from "react";
import type { PaneContext } from "./pane-context";

export function useProgressTab(ctx: PaneContext) {
  const { services, state, dispatch, run, mounted } = ctx;
  const seq = useRef(0);
  const set = state.confirmedSet;

  const refresh = useCallback(
    () =>
      run(
        "progress",
        async () => {
          if (set === null) return;
          const n = ++seq.current;
          const r = await services.progress(set);
          if (!mounted.current || n !== seq.current) return;
          dispatch({
            type: "progress",
            progress: r.ok
              ? { kind: "read", units: r.value }
              : { kind: "unreadable", issues: r.issues },
          });
        },
        { busy: false, place: "progress" }
      ),
    [run, services, set, dispatch, mounted]
  );

  const shown = state.tab === "progress";
  useEffect(() => {
    if (shown) void refresh();
    // state.issues: a new check result means the entry sheets changed.
  }, [shown, refresh, state.issues]);

  return { actions: { refreshProgress: () => void refresh() } };
}
