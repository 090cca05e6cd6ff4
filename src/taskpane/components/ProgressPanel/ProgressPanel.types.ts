import type { ReactNode } from "react";
import type { CellRef } from "../../../engine";
import type { ProgressView } from "../../controller/types";

export interface ProgressPanelProps {
  readonly ready: boolean;
  readonly progress: ProgressView;
  readonly onRefresh: () => void;
  /** Selects the agency's column in the entry matrix. */
  readonly onGoTo: (cell: CellRef) => void;
  readonly busy: boolean;
  /** The error of this tab's reads, shown under its heading. */
  readonly errorBar?: ReactNode;
}
