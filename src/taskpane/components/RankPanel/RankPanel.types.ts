import type { RankOptions, RankResultView } from "../../controller/types";

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
}
