/**
 * Band wordings as decisions print them ("từ 85 điểm trở lên", "từ 70 đến dưới 85", "trên 50% đến
 * 75%", "dưới 50", "từ 199 - dưới 264 điểm", "lớn hơn 50% và nhỏ hơn hoặc bằng 75%") → bounds and
 * their inclusivity, and back. Matching ignores accents and case, so "tu 85 tro len" reads the same.
 */
import { foldName } from "../text/normalize";

interface WordedBound {
  readonly value: number;
  readonly inclusive: boolean;
}

interface ParsedWording {
  readonly lower?: WordedBound;
  readonly upper?: WordedBound;
  /** "percent" when a "%" follows a bound, "points" when "điểm" does without "%", null when unsaid. */
  readonly unit: "percent" | "points" | null;
}

type Op = "lower-incl" | "lower-excl" | "upper-incl" | "upper-excl";

/** Operator phrases, folded; longer phrases first so "nho hon hoac bang" wins over "nho hon". */
const OPS: readonly (readonly [string, Op])[] = [
  ["lon hon hoac bang", "lower-incl"],
  ["nho hon hoac bang", "upper-incl"],
  ["be hon hoac bang", "upper-incl"],
  ["khong duoi", "lower-incl"],
  ["khong qua", "upper-incl"],
  ["khong vuot qua", "upper-incl"],
  ["toi thieu", "lower-incl"],
  ["it nhat", "lower-incl"],
  ["toi da", "upper-incl"],
  ["lon hon", "lower-excl"],
  ["cao hon", "lower-excl"],
  ["nho hon", "upper-excl"],
  ["be hon", "upper-excl"],
  ["thap hon", "upper-excl"],
  [">=", "lower-incl"],
  ["≥", "lower-incl"],
  ["<=", "upper-incl"],
  ["≤", "upper-incl"],
  [">", "lower-excl"],
  ["<", "upper-excl"],
  ["tren", "lower-excl"],
  ["duoi", "upper-excl"],
  ["tu", "lower-incl"],
  ["den", "upper-incl"],
  ["toi", "upper-incl"],
];

/** A number as written in a decision: "85", "85,5", "1.000" (thousands), "0.5". */
const NUMBER = /\d+(?:[.,]\d+)*/g;

function readNumber(s: string): number | null {
  let t = s;
  // "1.000" / "1.000,5": dots before groups of exactly three digits are thousands separators.
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, "").replace(",", ".");
  else if (/^\d+,\d+$/.test(t)) t = t.replace(",", ".");
  else if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** The operator a stretch of words before a number states (the last one in it), or null. */
function opIn(words: string): Op | null {
  let best: { at: number; op: Op; len: number } | null = null;
  for (const [phrase, op] of OPS) {
    const symbolic = !/^[a-z ]+$/.test(phrase);
    let from = 0;
    for (;;) {
      const at = words.indexOf(phrase, from);
      if (at < 0) break;
      from = at + 1;
      const before = words[at - 1];
      const after = words[at + phrase.length];
      const wordOk =
        symbolic ||
        ((before === undefined || !/[a-z]/.test(before)) &&
          (after === undefined || !/[a-z]/.test(after)));
      if (!wordOk) continue;
      // The last phrase wins; at the same end position the longer phrase wins.
      const end = at + phrase.length;
      const bestEnd = best === null ? -1 : best.at + best.len;
      if (best === null || end > bestEnd || (end === bestEnd && phrase.length > best.len))
        best = { at, op, len: phrase.length };
    }
  }
  return best?.op ?? null;
}

/**
 * Reads a band wording; null when it states no bound or contradicts itself (two lower bounds).
 * "từ A - B" / "A đến B" without "dưới": B is included, as "đến" says.
 */
export function parseBandWording(text: string): ParsedWording | null {
  const s = foldName(text.replace(/[–—]/g, "-"));
  const found: { value: number; op: Op | null; percent: boolean; points: boolean; end: number }[] =
    [];
  let prevEnd = 0;
  for (const m of s.matchAll(NUMBER)) {
    const at = m.index;
    const value = readNumber(m[0]);
    if (value === null) return null;
    const before = s.slice(prevEnd, at);
    const end = at + m[0].length;
    const rest = s.slice(end);
    const percent = /^\s*(%|phan tram)/.test(rest);
    const points = /^\s*%?\s*(diem)/.test(rest);
    let op = opIn(before);
    if (op === null && found.length > 0 && /-/.test(before)) op = "upper-incl";
    found.push({ value, op, percent, points, end });
    prevEnd = end;
  }
  if (found.length === 0 || found.length > 2) return null;
  // "… trở lên" / "… trở xuống" after the last number.
  const tail = s.slice(prevEnd);
  const last = found[found.length - 1]!;
  if (/\btro len\b/.test(tail) && (last.op === null || last.op === "lower-incl"))
    last.op = "lower-incl";
  if (/\btro xuong\b/.test(tail) && (last.op === null || last.op === "upper-incl"))
    last.op = "upper-incl";
  let lower: WordedBound | undefined;
  let upper: WordedBound | undefined;
  for (const f of found) {
    if (f.op === null) return null;
    const b = { value: f.value, inclusive: f.op.endsWith("incl") };
    if (f.op.startsWith("lower")) {
      if (lower !== undefined) return null;
      lower = b;
    } else {
      if (upper !== undefined) return null;
      upper = b;
    }
  }
  if (lower !== undefined && upper !== undefined && lower.value > upper.value) return null;
  const unit = found.some((f) => f.percent)
    ? "percent"
    : found.some((f) => f.points)
      ? "points"
      : null;
  return { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}), unit };
}

function numVi(n: number): string {
  return String(n).replace(".", ",");
}

/** A band's wording in Vietnamese, as decisions print it: "từ 70% đến dưới 85%". */
export function bandWording(
  lower: WordedBound | undefined,
  upper: WordedBound | undefined,
  unit: "percent" | "group-percent" | "points"
): string {
  const u = unit === "points" ? " điểm" : "%";
  const lo = lower ? `${lower.inclusive ? "từ" : "trên"} ${numVi(lower.value)}${u}` : "";
  const hi = upper ? `${upper.inclusive ? "đến" : "dưới"} ${numVi(upper.value)}${u}` : "";
  if (lower && upper) return `${lo} ${hi}`;
  if (lower) return lower.inclusive ? `${lo} trở lên` : lo;
  if (upper) return upper.inclusive ? `${numVi(upper.value)}${u} trở xuống` : hi;
  return "";
}
