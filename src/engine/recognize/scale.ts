/**
 * The scale of a result column: points, % of the maximum, or a 0..1 index (points / max). Read from
 * the header's words first, then the profile's `publishAs` with the range of the values; when these
 * disagree or cannot tell ("Tổng điểm" over 0,7316 under a points profile), the answer is "ambiguous"
 * and the caller refuses with the choices: 0.8002 is never taken as 0.8 points of 1000 silently.
 */
import type { RuleProfile } from "../model/types";
import { foldLoose } from "../text/normalize";
import type { Scale } from "./layout";

interface ScaleWords {
  readonly percent: boolean;
  readonly index: boolean;
  readonly points: boolean;
}

export function scaleWords(texts: readonly string[]): ScaleWords {
  let percent = false;
  let index = false;
  let points = false;
  for (const text of texts) {
    const f = ` ${foldLoose(text)} `;
    if (text.includes("%") || / (ty le|ti le|phan tram|percent) /.test(f)) percent = true;
    if (/ (chi so|index|dti) /.test(f)) index = true;
    if (/ (diem|points?|score) /.test(f)) points = true;
  }
  return { percent, index, points };
}

type ScaleDecision =
  | {
      readonly kind: "scale";
      readonly scale: Scale;
      readonly from: "header" | "profile" | "default";
    }
  | { readonly kind: "ambiguous"; readonly choices: readonly Scale[] };

/**
 * `values`: the figures of the result columns; `maxPoints`: the smallest maximum they are out of
 * (a main index's or the group's).
 */
export function decideScale(
  words: ScaleWords,
  values: readonly number[],
  maxPoints: number,
  profile: RuleProfile
): ScaleDecision {
  if (values.length === 0) return { kind: "scale", scale: "points", from: "default" };
  // A loop, not Math.max(...values): a 200,000-row column would overflow the call stack.
  let top = 0;
  for (const v of values) if (Math.abs(v) > top) top = Math.abs(v);
  // Only figures that could be fractions make a 0..1 reading possible (all 0 or 1: any scale gives the same).
  const fraction = top > 0 && top <= 1 && maxPoints > 1 && values.some((v) => !Number.isInteger(v));
  if (words.percent) {
    if (fraction) return { kind: "ambiguous", choices: ["percent", "index"] };
    return top <= 100 + 1e-9
      ? { kind: "scale", scale: "percent", from: "header" }
      : { kind: "ambiguous", choices: ["points", "percent"] };
  }
  if (fraction) {
    if (words.index && !words.points) return { kind: "scale", scale: "index", from: "header" };
    if (!words.points && profile.publishAs === "index")
      return { kind: "scale", scale: "index", from: "profile" };
    return { kind: "ambiguous", choices: ["points", "index"] };
  }
  // Out of 100 points, a percent and points are the same figure.
  if (maxPoints > 100 && top <= 100 && !words.points) {
    if (profile.publishAs === "percent")
      return { kind: "scale", scale: "percent", from: "profile" };
    if (words.index) return { kind: "ambiguous", choices: ["points", "percent"] };
  }
  return { kind: "scale", scale: "points", from: words.points ? "header" : "default" };
}

/** A figure on `scale` as points out of `maxPoints`. */
export function toPoints(value: number, scale: Scale, maxPoints: number): number {
  if (scale === "index") return value * maxPoints;
  if (scale === "percent") return (value * maxPoints) / 100;
  return value;
}

/** Decimals a figure was written with (0,81979 → 5), for the tolerance of comparisons. */
export function decimalsOf(raw: unknown): number {
  const s = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  const m = /[.,](\d+)$/.exec(s);
  return m?.[1] !== undefined ? Math.min(m[1].length, 10) : 0;
}
