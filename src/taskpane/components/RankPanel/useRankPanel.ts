import { useEffect, useRef } from "react";
import type { RoundingStage, TiePolicy } from "../../../engine";
import { useStrings } from "../../i18n";
import type { RankPanelProps } from "./RankPanel.types";

export const TIE_POLICIES: readonly TiePolicy[] = ["competition", "dense", "main-index-order"];
export const ROUNDING_STAGES: readonly RoundingStage[] = [
  "display",
  "component",
  "main-index",
  "total",
];

export function useRankPanel(props: RankPanelProps) {
  const t = useStrings();
  const { options, onOptionsChange } = props;
  const toggleGroup = (id: string, on: boolean) => {
    const groups = on
      ? props.groups.map((g) => g.id).filter((g) => g === id || options.groups.includes(g))
      : options.groups.filter((g) => g !== id);
    onOptionsChange({ ...options, groups });
  };
  // Focus goes to what the click caused (the question, or the result): never lost to the page.
  const askRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const asking = props.pending != null;
  const done = props.result != null && !props.building;
  useEffect(() => {
    if (asking) askRef.current?.focus();
  }, [asking]);
  useEffect(() => {
    if (done) resultRef.current?.focus();
  }, [done]);
  return {
    t: t.rank,
    askRef,
    resultRef,
    toggleGroup,
    setTiePolicy: (v: string) => {
      const p = TIE_POLICIES.find((x) => x === v);
      if (p) onOptionsChange({ ...options, tiePolicy: p });
    },
    setStage: (v: string) => {
      const st = ROUNDING_STAGES.find((x) => x === v);
      if (st) onOptionsChange({ ...options, roundingStage: st });
    },
    setDecimals: (v: string) => {
      const n = Number(v);
      if (Number.isInteger(n) && n >= 0 && n <= 4) onOptionsChange({ ...options, decimals: n });
    },
    setLastYear: (v: string) => onOptionsChange({ ...options, lastYearSheet: v === "" ? null : v }),
    canBuild: props.ready && !props.building && options.groups.length > 0,
  };
}
