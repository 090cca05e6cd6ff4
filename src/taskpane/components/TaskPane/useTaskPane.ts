import type { TabId } from "../../controller/types";
import { STRINGS } from "../../i18n";
import type { TaskPaneProps } from "./TaskPane.types";

export const TABS: readonly TabId[] = ["set", "check", "progress", "rank", "explain"];

export function useTaskPane(props: TaskPaneProps) {
  const t = STRINGS[props.model.locale];
  const errors = props.model.issues.filter((i) => i.severity === "error").length;
  return { t, errors };
}
