import type { ExplainState } from "../../controller/types";

export interface ExplainPanelProps {
  readonly state: ExplainState;
}
