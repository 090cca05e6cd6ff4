/**
 * Fast paths for the calls a sheet makes thousands of times (issue 14: 100,000 × DTI.GRADE within
 * 10 × a bare threshold lookup). Each takes Excel's raw arguments and returns undefined unless they
 * are the plain common case (finite numbers, an omitted or built-in scheme, points within 0..max);
 * `invoke` then runs the general path, which alone produces errors, gap texts and coercions.
 * Same answers by construction, and test/engine/functions/fast.test.ts compares both on random input.
 */
import type { GradeScheme } from "../model/types";
import { comparable } from "../numbers/round";
import { DEFAULT_SCHEME, resolveScheme } from "./coerce";
import { groupKey, higherThan, sameGroup } from "./compare";
import type { XlResult } from "./values";

/**
 * A scheme as flat numbers, built once per scheme: the per-call work is one comparison per bound.
 * The general path grades `comparable(v)` (v rounded to 1e-9); comparable is monotone, so "passes
 * this bound" is `v >= t` for one threshold t per bound, found here once by bisection over doubles.
 */
interface CompiledScheme {
  readonly percent: boolean;
  readonly defaultMax: number;
  readonly labels: readonly string[];
  /** Per band: the least v inside its lower bound (-Infinity: none). */
  readonly lo: Float64Array;
  /** Per band: the least v beyond its upper bound (+Infinity: none). */
  readonly hi: Float64Array;
}

/**
 * The least double x with `pass(x)`, for `pass` monotone (false then true) around `bound`: rounding
 * to 1e-9 moves a value far less than 1e-6 × (1 + |bound|). Null if that does not bracket it.
 */
function threshold(bound: number, pass: (x: number) => boolean): number | null {
  if (!Number.isFinite(bound)) return null;
  const w = 1e-6 * (1 + Math.abs(bound));
  let a = bound - w; // pass(a) false
  let b = bound + w; // pass(b) true
  if (pass(a) || !pass(b)) return null;
  for (;;) {
    const mid = a + (b - a) / 2;
    if (mid <= a || mid >= b) return b; // adjacent doubles
    if (pass(mid)) b = mid;
    else a = mid;
  }
}

function compile(scheme: GradeScheme, defaultMax: number): CompiledScheme | undefined {
  const bands = scheme.bands;
  const lo = new Float64Array(bands.length);
  const hi = new Float64Array(bands.length);
  for (let i = 0; i < bands.length; i++) {
    const { lower, upper } = bands[i]!;
    if (lower === undefined) lo[i] = -Infinity;
    else {
      const l = lower.value;
      const t = lower.inclusive
        ? threshold(l, (x) => comparable(x) >= l)
        : threshold(l, (x) => comparable(x) > l);
      if (t === null) return undefined;
      lo[i] = t;
    }
    if (upper === undefined) hi[i] = Infinity;
    else {
      const h = upper.value;
      // Beyond an inclusive upper bound: above it; beyond an exclusive one: at it or above.
      const t = upper.inclusive
        ? threshold(h, (x) => comparable(x) > h)
        : threshold(h, (x) => comparable(x) >= h);
      if (t === null) return undefined;
      hi[i] = t;
    }
  }
  return {
    percent: scheme.basis !== "points",
    defaultMax,
    labels: bands.map((b) => b.label),
    lo,
    hi,
  };
}

const DEFAULT_COMPILED = compile(DEFAULT_SCHEME, 100);
/** Built-in profile ids as typed (the general path's resolveScheme decides what they mean). */
const BY_ID = new Map<string, CompiledScheme | null>();
let lastId = "";
let lastScheme: CompiledScheme | undefined;

/** The scheme argument as the general path would resolve it, or undefined (not a plain case). */
function plainScheme(s: unknown): CompiledScheme | undefined {
  if (s === undefined || s === null) return DEFAULT_COMPILED;
  let cell: unknown = s;
  if (Array.isArray(s)) {
    const rows: readonly unknown[] = s;
    const row: unknown = rows.length === 1 ? rows[0] : undefined;
    if (!Array.isArray(row) || row.length !== 1) return undefined;
    cell = (row as readonly unknown[])[0];
    if (cell === null) return DEFAULT_COMPILED;
  }
  if (typeof cell !== "string") return undefined;
  // A sheet grades a column with one scheme: the last id asked for first, then the map.
  if (cell === lastId && lastScheme !== undefined) return lastScheme;
  const known = BY_ID.get(cell);
  if (known !== undefined) {
    if (known !== null) {
      lastId = cell;
      lastScheme = known;
    }
    return known ?? undefined;
  }
  try {
    const r = resolveScheme(cell);
    if (r.scheme === DEFAULT_SCHEME) return DEFAULT_COMPILED; // blank text
    const c = compile(r.scheme, r.defaultMax);
    if (BY_ID.size < 1000) BY_ID.set(cell, c ?? null);
    return c;
  } catch {
    return undefined; // unknown id: the general path says so
  }
}

/** DTI.GRADE(points, [max], [scheme]) when points is a number inside a band. */
export function gradeFast(args: readonly unknown[]): XlResult | undefined {
  if (args.length > 3) return undefined;
  const p = args[0];
  if (typeof p !== "number" || !Number.isFinite(p) || p < 0) return undefined;
  const scheme = plainScheme(args[2]);
  if (scheme === undefined) return undefined;
  const m = args[1];
  let max: number;
  if (m === undefined || m === null || m === "") max = scheme.defaultMax;
  else if (typeof m === "number" && Number.isFinite(m) && m > 0) max = m;
  else return undefined;
  if (p > max + 1e-9) return undefined; // above the maximum: the general path's error
  const v = scheme.percent ? (p / max) * 100 : p;
  if (!Number.isFinite(v)) return undefined;
  const { lo, hi } = scheme;
  for (let i = 0; i < lo.length; i++) {
    if (v < lo[i]! || v >= hi[i]!) continue; // below its lower bound, or beyond its upper one
    return scheme.labels[i];
  }
  return undefined; // a gap between bands: the general path's gap text
}

/**
 * DTI.RANK(points, allPoints, [groups], [group], [policy]) over Excel's raw range, in one pass and
 * without copying it: a sheet with 3,321 DTI.RANK cells reads 3,321 × 3,321 cells (issue 14).
 * Non-numbers in the range are not ranked, as in the general path (blanks, text, errors).
 */
export function rankFast(args: readonly unknown[]): XlResult | undefined {
  if (args.length > 5) return undefined;
  const p = args[0];
  const all = args[1];
  if (typeof p !== "number" || !Number.isFinite(p) || !Array.isArray(all)) return undefined;
  const policy = args[4];
  let dense = false;
  if (typeof policy === "string") {
    const s = policy.trim().toLowerCase();
    if (s === "dense") dense = true;
    else if (s !== "competition") return undefined;
  } else if (policy !== undefined && policy !== null) return undefined;
  const groupsArg = args[2];
  const groupCell = args[3];
  const grouped = groupsArg !== undefined && groupsArg !== null;
  let groups: readonly unknown[] = [];
  let key = "";
  if (grouped) {
    if (!Array.isArray(groupsArg) || groupsArg.length !== all.length) return undefined;
    if (typeof groupCell === "string" ? groupCell === "" : typeof groupCell !== "number")
      return undefined;
    groups = groupsArg;
    key = groupKey(groupCell as string | number) ?? "";
  } else if (groupCell !== undefined && groupCell !== null) return undefined;
  const mine = comparable(p);
  const higher = dense ? new Set<number>() : null;
  let count = 0;
  let anyGroup = false;
  let lastMiss: unknown = undefined; // a label already found not to be the unit's group
  for (let r = 0; r < all.length; r++) {
    const row: unknown = all[r];
    if (!Array.isArray(row)) return undefined;
    const cells: readonly unknown[] = row;
    let gRow: readonly unknown[] = cells;
    if (grouped) {
      const g: unknown = groups[r];
      if (!Array.isArray(g) || g.length !== cells.length) return undefined; // other shapes: general path
      gRow = g;
    }
    for (let j = 0; j < cells.length; j++) {
      const g = grouped ? gRow[j] : null;
      if (g !== null && g !== undefined && g !== "") anyGroup = true;
      const c = cells[j];
      if (typeof c !== "number") continue;
      // higherThan(c, mine), with its wide-margin test inline: only near-ties call it.
      const margin = 1e-6 * (1 + Math.abs(c));
      if (c < mine - margin || (c <= mine + margin && !higherThan(c, mine))) continue;
      if (grouped && g !== groupCell) {
        if (g === lastMiss) continue;
        if (typeof g !== "string" && typeof g !== "number") continue; // blank, boolean, error: never the group
        if (!sameGroup(g, groupCell as string | number, key)) {
          lastMiss = g;
          continue;
        }
      }
      count += 1;
      higher?.add(comparable(c));
    }
  }
  if (grouped && !anyGroup) return undefined; // an all-blank groups range: the general path's error
  return 1 + (higher !== null ? higher.size : count);
}
