/** Small helpers for message catalogues: read issue params safely, never print "undefined". */
import type { IssueParams } from "../model/types";

/** A param as text ("" when absent). Numbers use the locale's decimal mark. */
export function txt(p: IssueParams, key: string, locale: "vi" | "en" = "vi"): string {
  const v = p[key];
  if (v === undefined || v === null) return "";
  if (typeof v === "number") return fmtNumber(v, locale);
  return String(v);
}

/** 8.5 → "8,5" (vi) / "8.5" (en); at most 4 decimals, no thousands grouping (matches what users type). */
export function fmtNumber(n: number, locale: "vi" | "en"): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(Math.round(n * 10000) / 10000);
  return locale === "vi" ? s.replace(".", ",") : s;
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
