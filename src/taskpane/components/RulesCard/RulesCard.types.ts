import type { Issue, Result } from "../../../engine";
import type { WrittenRules } from "../../../app/rules-sheet";
import type { RulesStatus } from "../../controller/services";

export interface RulesCardProps {
  readonly presets: readonly {
    readonly id: string;
    readonly name: string;
    readonly nameEn: string;
  }[];
  /** The preset chosen first (the pane's profile when it is a preset). */
  readonly initialPresetId?: string;
  readonly onWrite: (presetId: string, replaceChanged: boolean) => Promise<Result<WrittenRules>>;
  readonly onStatus: () => Promise<RulesStatus>;
  readonly onGoTo: (issue: Issue) => void;
  readonly busy: boolean;
}
