/** The preview's selection events: the grid emits, the pane's "explain" listens (like Excel's event). */
import type { CellRef } from "../engine";
import type { SelectionSource } from "../taskpane/controller/services";

export interface SelectionHub extends SelectionSource {
  emit(cell: CellRef): void;
}

export function createSelectionHub(): SelectionHub {
  const listeners = new Set<(cell: CellRef) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(cell) {
      for (const l of listeners) l(cell);
    },
  };
}
