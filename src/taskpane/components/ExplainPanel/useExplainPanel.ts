import { useStrings } from "../../i18n";
import type { ExplainPanelProps } from "./ExplainPanel.types";

export function useExplainPanel(props: ExplainPanelProps) {
  const t = useStrings();
  return { t: t.explain, state: props.state };
}
