/** "Giải thích": the selected cell's number, how it was obtained (follows the selection). */
import { useCallback, useEffect } from "react";
import type { CellRef } from "../../engine";
import type { PaneContext } from "./pane-context";

export function useExplainTab(ctx: PaneContext) {
  const { services, state, dispatch, run, evaluated } = ctx;
  const set = state.confirmedSet;
  const explainAt = useCallback(
    (cell: CellRef) => {
      if (!set) {
        dispatch({ type: "explain", raw: { kind: "not-a-result", cell } });
        return;
      }
      void run(
        "explain",
        async () => {
          let ev = evaluated.current;
          if (!ev) {
            ev = await services.evaluateNow();
            evaluated.current = ev;
          }
          if (!ev) {
            dispatch({ type: "explain", raw: { kind: "not-a-result", cell } });
            return;
          }
          const row = Number(/\d+$/.exec(cell.cell)?.[0] ?? "0");
          let texts: string[] = [];
          // Cells of the entry sheets are explained by their position or cell; other sheets by the
          // unit their row names (a ranking sheet).
          const isEntry =
            ev.entry?.matrix.sheet === cell.sheet ||
            ev.data.entries.some(
              (e) => e.self?.cell?.sheet === cell.sheet || e.appraised?.cell?.sheet === cell.sheet
            );
          if (!isEntry && row > 0) {
            const g = await services.readRow(cell.sheet, row);
            texts = (g.values[0] ?? []).filter((v): v is string => typeof v === "string");
          }
          dispatch({ type: "explain", raw: { kind: "at", cell, ev, row: texts } });
        },
        { busy: false, place: "pane" }
      );
    },
    [set, run, services, dispatch, evaluated]
  );

  // Explanations follow the selection (Excel's selection event or the preview's grid).
  useEffect(() => {
    if (!services.selection) return;
    return services.selection.subscribe(explainAt);
  }, [services, explainAt]);

  return { actions: { explainAt } };
}
