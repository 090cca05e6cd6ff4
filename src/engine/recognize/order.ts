/** Indicators in natural code order (4.2 before 4.10), each pillar before its main indices. */
import type { Indicator } from "../model/types";
import { compareCodes } from "./codes";

export function sortIndicators(list: readonly Indicator[]): Indicator[] {
  const byCode = new Map(list.map((i) => [i.code, i]));
  const kids = new Map<string | null, Indicator[]>();
  for (const i of list) {
    const p = i.parentCode !== null && byCode.has(i.parentCode) ? i.parentCode : null;
    const arr = kids.get(p) ?? [];
    arr.push(i);
    kids.set(p, arr);
  }
  const out: Indicator[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number): void => {
    const arr = kids.get(parent);
    if (arr === undefined) return;
    // Pillars keep sheet order; codes under one parent sort naturally.
    const sorted =
      parent === null && arr.some((i) => i.level === "pillar")
        ? arr
        : [...arr].sort((a, b) => compareCodes(a.code, b.code));
    for (const i of sorted) {
      if (seen.has(i.code)) continue;
      seen.add(i.code);
      out.push(i);
      if (depth < 50) walk(i.code, depth + 1);
    }
  };
  walk(null, 0);
  for (const i of list) if (!seen.has(i.code)) out.push(i);
  return out;
}
