import type { FixDoneView, IssueView } from "../../controller/types";

export interface CheckPanelProps {
  readonly issues: readonly IssueView[];
  /** False until an indicator set is loaded (nothing to check yet). */
  readonly ready: boolean;
  readonly onGoTo: (issue: IssueView) => void;
  /** Called only after the user confirmed the fix in the dialog. */
  readonly onFix: (issue: IssueView) => void;
  /** "Sửa tất cả": called only after the user confirmed once in the dialog. */
  readonly onFixAll?: () => void;
  readonly onRecheck: () => void;
  readonly busy: boolean;
  /** The last quick fix, offered for undo. */
  readonly lastFix?: FixDoneView | null;
  readonly onUndo?: () => void;
}

export interface IssueFilters {
  readonly unit: string;
  readonly indicator: string;
  readonly code: string;
}
