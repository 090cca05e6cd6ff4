/** Small helpers for message catalogues: read issue params safely, never print "undefined". */
import type { IssueCode, IssueParams, ParamsOf } from "../model/types";

/**
 * A message catalogue: one text per code, reading only the params its code carries
 * (model/issue-params.ts), so a misnamed param in a message is a type error.
 */
export type Catalogue<K extends IssueCode> = { readonly [C in K]: (p: ParamsOf<C>) => string };

/** `txt` restricted to the params an issue carries (the catalogues' `t`). */
export function paramText<P extends IssueParams>(
  p: P,
  key: keyof P & string,
  locale: "vi" | "en"
): string {
  return txt(p, key, locale);
}

/** A param as text ("" when absent). Numbers use the locale's decimal mark. */
export function txt(p: IssueParams, key: string, locale: "vi" | "en" = "vi"): string {
  const v = p[key];
  if (v === undefined || v === null) return "";
  if (typeof v === "number") return fmtNumber(v, locale);
  return String(v);
}

/** 8.5 → "8,5" (vi) / "8.5" (en); at most 4 decimals, no thousands grouping (matches what users type). */
export function fmtNumber(n: number, locale: "vi" | "en"): string {
  // Never "Infinity" / "NaN" in a message; 1e308 and 1e-320 stay readable (not "Infinity" / "0").
  if (Number.isNaN(n)) return locale === "vi" ? "(không phải số)" : "(not a number)";
  if (!Number.isFinite(n)) return n > 0 ? "∞" : "-∞";
  const abs = Math.abs(n);
  const s =
    abs !== 0 && (abs >= 1e15 || abs < 0.0001)
      ? n.toExponential(Math.min(4, Math.max(0, significantDecimals(n))))
      : String(Math.round(n * 10000) / 10000);
  return locale === "vi" ? s.replace(".", ",") : s;
}

/** Decimals of the mantissa worth showing (1e308 → 0, 1.25e-7 → 2). */
function significantDecimals(n: number): number {
  const m = /^-?\d(?:\.(\d+))?e/.exec(n.toExponential());
  return m?.[1]?.length ?? 0;
}

/** " (đơn vị X, chỉ số 1.2)" built from the params that exist. */
export function context(p: IssueParams, locale: "vi" | "en"): string {
  const parts: string[] = [];
  const unit = txt(p, "unitName");
  const code = txt(p, "indicator");
  if (unit) parts.push(locale === "vi" ? `đơn vị "${unit}"` : `unit "${unit}"`);
  if (code) parts.push(locale === "vi" ? `chỉ số ${code}` : `indicator ${code}`);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

/** "ở 'Nhập điểm'!B5" / "at 'Nhập điểm'!B5"; "#3" (no cell) → "là mục thứ 3" / "as item 3 of the list". */
export function firstPlace(p: IssueParams, locale: "vi" | "en"): string {
  const where = txt(p, "firstCell");
  const item = /^#(\d+)$/.exec(where);
  if (where === "") return locale === "vi" ? "ở phía trên" : "above";
  if (item) return locale === "vi" ? `là mục thứ ${item[1]}` : `as item ${item[1]} of the list`;
  return locale === "vi" ? `ở ${where}` : `at ${where}`;
}
