import type { ReactNode } from "react";
import type {
  IssueView,
  PendingBuildView,
  RankOptions,
  RankResultView,
} from "../../controller/types";

export interface RankPanelProps {
  readonly ready: boolean;
  readonly groups: readonly { readonly id: string; readonly name: string }[];
  readonly options: RankOptions;
  readonly onOptionsChange: (options: RankOptions) => void;
  /** Sheets that may hold last year's results. */
  readonly sheets: readonly string[];
  readonly onBuild: () => void;
  readonly building: boolean;
  /** 0..1 while building, null otherwise. */
  readonly progress: number | null;
  /** The step under way ("read", "score", "write"), shown as text with the bar. */
  readonly step?: "read" | "score" | "write" | null;
  readonly result: RankResultView | null;
  readonly onOpenSheet: (sheet: string) => void;
  /** The ranked sheets and the decision's appendix. */
  readonly onBuildAppendix?: () => void;
  /** Errors outstanding when a build was asked for: the question is shown with them. */
  readonly pending?: PendingBuildView | null;
  readonly onBuildAnyway?: () => void;
  readonly onFixFirst?: () => void;
  readonly onGoTo?: (issue: IssueView) => void;
  /** An error of this tab's actions, shown under its buttons. */
  readonly errorBar?: ReactNode;
}
