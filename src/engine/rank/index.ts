/**
 * Ranking from high to low. Competition ranking by default (1, 2, 2, 4: the published national list
 * reads 15, 15, 17); "dense" gives 1, 2, 2, 3; "main-index-order" breaks ties by a key vector
 * (e.g. the main-index points in code order), compared left to right, higher first, and ranks the
 * rest competition-style. No tie-break is applied silently: only that policy uses `tieBreak`.
 * Totals are equal when they agree after rounding to 1e-9, so 0.1 + 0.2 ties with 0.3.
 */
import type { TiePolicy } from "../model/types";
import { comparable } from "../numbers/round";

function keyOf(x: number): number {
  return Number.isFinite(x) ? comparable(x) : x === Infinity ? Infinity : -Infinity;
}

/** Ranks of `points` (null stays null and is not counted); same order as the input. */
export function rankPoints(
  points: readonly (number | null)[],
  policy: TiePolicy,
  tieBreak?: readonly (readonly number[])[]
): (number | null)[] {
  if (policy !== "main-index-order" || tieBreak === undefined) return rankByTotal(points, policy);
  // "main-index-order": the key vector breaks ties, the rest are ranked competition-style.
  const out: (number | null)[] = points.map(() => null);
  const entries: { i: number; key: number[] }[] = [];
  points.forEach((p, i) => {
    if (p === null || Number.isNaN(p)) return;
    const key = [keyOf(p)];
    for (const t of tieBreak[i] ?? []) key.push(Number.isNaN(t) ? -Infinity : keyOf(t));
    entries.push({ i, key });
  });
  entries.sort((a, b) => compareKeys(b.key, a.key) || a.i - b.i);
  let rank = 0;
  let prev: number[] | undefined;
  entries.forEach((e, pos) => {
    if (prev === undefined || compareKeys(prev, e.key) !== 0) {
      rank = pos + 1;
      prev = e.key;
    }
    out[e.i] = rank;
  });
  return out;
}

/** rankPoints() with the total as the only key: the same ranks, over a typed array of keys. */
function rankByTotal(points: readonly (number | null)[], policy: TiePolicy): (number | null)[] {
  const n = points.length;
  const out = new Array<number | null>(n).fill(null);
  const key = new Float64Array(n);
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = points[i];
    if (p === null || p === undefined || Number.isNaN(p)) continue;
    key[i] = keyOf(p);
    order.push(i);
  }
  // Higher first, then input order (as compareKeys || index).
  order.sort((a, b) => {
    const x = key[a] as number;
    const y = key[b] as number;
    return x === y ? a - b : x < y ? 1 : -1;
  });
  let rank = 0;
  let distinct = 0;
  let prev = Number.NaN;
  for (let pos = 0; pos < order.length; pos++) {
    const i = order[pos] as number;
    const k = key[i] as number;
    if (pos === 0 || k !== prev) {
      rank = pos + 1;
      distinct += 1;
      prev = k;
    }
    out[i] = policy === "dense" ? distinct : rank;
  }
  return out;
}

/** Lexicographic, a missing trailing key counts as -Infinity (fewer keys rank lower). */
function compareKeys(a: readonly number[], b: readonly number[]): number {
  const n = Math.max(a.length, b.length);
  for (let k = 0; k < n; k++) {
    const x = a[k] ?? -Infinity;
    const y = b[k] ?? -Infinity;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
