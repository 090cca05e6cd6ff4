import type { PaneModel } from "../../controller/usePaneController";

export interface TaskPaneProps {
  /** State and callbacks from usePaneController (the pane never sees the workbook). */
  readonly model: PaneModel;
  /** Shown above the tabs (e.g. "open this page in Excel"). */
  readonly notice?: string;
}
