/** How DTI.RANK and DTI.TABLE compare cells: group labels ignoring case, totals rounded to 1e-9. */
import { comparable } from "../numbers/round";
import { isXlError, type XlScalar } from "./values";

/** Group labels compare as Excel compares text: ignoring case. */
export function groupKey(v: XlScalar): string | null {
  if (v === null || isXlError(v)) return null;
  if (typeof v === "string") return `s:${lowerCase(v)}`;
  return `${typeof v}:${String(v)}`;
}

/** toLowerCase, remembered: a range of group labels holds a handful of distinct texts. */
const LOWER = new Map<string, string>();
function lowerCase(s: string): string {
  let l = LOWER.get(s);
  if (l === undefined) {
    if (LOWER.size > 10_000) LOWER.clear();
    l = s.toLowerCase();
    LOWER.set(s, l);
  }
  return l;
}

/** groupKey(v) === key, where key = groupKey(cell): an identical label needs no key. */
export function sameGroup(v: XlScalar, cell: XlScalar, key: string): boolean {
  if (v === cell) return v !== null && !isXlError(v);
  return groupKey(v) === key;
}

/**
 * comparable(c) > mine, for mine = comparable(points). Rounding to 1e-9 moves a value by far less
 * than 1e-6 × (1 + |c|), so outside that margin the raw comparison decides; only near-ties round.
 */
export function higherThan(c: number, mine: number): boolean {
  const margin = 1e-6 * (1 + Math.abs(c));
  if (c > mine + margin) return true;
  if (c < mine - margin) return false;
  return comparable(c) > mine;
}
