/** Indicator codes: "I" (pillar), "1" (main), "1.1" (component), "1.1.1" (criterion); natural order. */
import type { IndicatorLevel } from "../model/types";

const ROMAN = /^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const NUMERIC = /^\d+(\.\d+)*$/;

export function isRoman(s: string): boolean {
  return s !== "" && ROMAN.test(s.toUpperCase());
}

export function isNumericCode(s: string): boolean {
  return NUMERIC.test(s);
}

/** A code cell's text as a code: trailing dots and spaces dropped ("1.1." → "1.1"); null when not a code. */
export function normaliseCode(text: string): string | null {
  const t = text
    .normalize("NFKC")
    .trim()
    .replace(/[.:)]+$/, "")
    .replace(/\s+/g, "");
  if (t === "") return null;
  if (isNumericCode(t))
    return t
      .split(".")
      .map((p) => String(Number(p)))
      .join(".");
  if (isRoman(t)) return t.toUpperCase();
  return null;
}

/** A leading code in a name: "1.2. Tỷ lệ…" → ["1.2", "Tỷ lệ…"]; "II. Hạ tầng" → ["II", "Hạ tầng"]. */
export function splitLeadingCode(name: string): [string, string] | null {
  const m = /^\s*((?:\d+\.)*\d+|[IVXLC]+)\s*[.:)\-–]\s*(\S.*)$/u.exec(name);
  if (m === null || m[1] === undefined || m[2] === undefined) {
    const n = /^\s*((?:\d+\.)+\d+)\s+(\S.*)$/u.exec(name);
    if (n === null || n[1] === undefined || n[2] === undefined) return null;
    return [n[1], n[2].trim()];
  }
  const code = normaliseCode(m[1]);
  return code === null ? null : [code, m[2].trim()];
}

export function levelOfCode(code: string): IndicatorLevel {
  if (isRoman(code)) return "pillar";
  const depth = code.split(".").length;
  return depth <= 1 ? "main" : depth === 2 ? "component" : "criterion";
}

/** "1.2.3" → "1.2"; "1" → null (its pillar, if any, is set by the caller). */
export function parentOfCode(code: string): string | null {
  if (!isNumericCode(code)) return null;
  const i = code.lastIndexOf(".");
  return i < 0 ? null : code.slice(0, i);
}

function romanValue(s: string): number {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  const u = s.toUpperCase();
  for (let i = 0; i < u.length; i++) {
    const cur = v[u[i] ?? ""] ?? 0;
    const next = v[u[i + 1] ?? ""] ?? 0;
    total += cur < next ? -cur : cur;
  }
  return total;
}

/** Natural order of codes: 4.2 < 4.10; Roman pillars by value; other text last, alphabetically. */
export function compareCodes(a: string, b: string): number {
  const na = isNumericCode(a);
  const nb = isNumericCode(b);
  if (na && nb) {
    const pa = a.split(".").map(Number);
    const pb = b.split(".").map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const x = pa[i];
      const y = pb[i];
      if (x === undefined) return -1;
      if (y === undefined) return 1;
      if (x !== y) return x - y;
    }
    return 0;
  }
  const ra = isRoman(a);
  const rb = isRoman(b);
  if (ra && rb) return romanValue(a) - romanValue(b);
  if (na !== nb) return na ? -1 : 1;
  if (ra !== rb) return ra ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
