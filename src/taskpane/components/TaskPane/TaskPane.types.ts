import type { PaneModel } from "../../controller/usePaneController";

import type { RulesCardProps } from "../RulesCard/RulesCard.types";

export interface TaskPaneProps {
  /** State and callbacks from usePaneController (the pane never sees the workbook). */
  readonly model: PaneModel;
  /** Shown above the tabs (e.g. "open this page in Excel"). */
  readonly notice?: string;
  /** The rules sheet card's callbacks (write from a preset, status); absent: no card. */
  readonly rules?: Omit<RulesCardProps, "busy">;
}
