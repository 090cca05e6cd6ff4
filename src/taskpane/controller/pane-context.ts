/** What the per-tab hooks share: the services, the state and its dispatch, and the action runner. */
import type { Dispatch, MutableRefObject } from "react";
import type { ErrorPlace, PaneAction, PaneState } from "./pane-state";
import type { Evaluated, PaneServices } from "./services";

export interface PaneContext {
  readonly services: PaneServices;
  readonly state: PaneState;
  readonly dispatch: Dispatch<PaneAction>;
  /** Runs an action with the busy flag; an error becomes a message next to `place`, never a crash. */
  readonly run: (
    what: string,
    fn: () => Promise<void>,
    options?: { readonly busy?: boolean; readonly place?: ErrorPlace }
  ) => Promise<void>;
  readonly settled: (what: string) => void;
  readonly mounted: MutableRefObject<boolean>;
  /** The entry sheets as last evaluated (explanations), dropped on every change. */
  readonly evaluated: MutableRefObject<Evaluated | null>;
  /** Lists the sheets again (last-year choices). */
  readonly refreshSheets: () => Promise<void>;
}
