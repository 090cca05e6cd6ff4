import { useState } from "react";
import { useStrings } from "../../i18n";
import type { ProgressPanelProps } from "./ProgressPanel.types";

export function useProgressPanel(props: ProgressPanelProps) {
  const t = useStrings().progress;
  const [onlyUnfinished, setOnlyUnfinished] = useState(false);
  const p = props.progress;
  const groups =
    p.kind !== "read"
      ? []
      : p.groups
          .map((g) => ({ ...g, units: onlyUnfinished ? g.units.filter((u) => !u.done) : g.units }))
          .filter((g) => g.units.length > 0);
  return { t, onlyUnfinished, setOnlyUnfinished, groups };
}
