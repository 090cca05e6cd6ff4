/**
 * Numbers as Vietnamese users type them: decimal comma ("8,5"), thousands dot ("1.000,5"), numbers
 * typed as text. Never guesses: "1.000" may be one thousand or 1.0, so it comes back ambiguous.
 */
import type { CellValue } from "../model/types";

type ParsedNumber =
  | { readonly kind: "number"; readonly value: number; readonly typedAsText: boolean }
  | { readonly kind: "blank" }
  | { readonly kind: "ambiguous"; readonly text: string; readonly candidates: readonly number[] }
  | { readonly kind: "not-a-number"; readonly text: string }
  | { readonly kind: "error"; readonly text: string };

const EXCEL_ERROR =
  /^#(REF!|N\/A|DIV\/0!|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|BUSY!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|UNKNOWN!)$/i;
const SPACE_CHARS = /[\s\u00a0\u2000-\u200b\u202f\u3000\ufeff]/g;
const DIGITS = /^\d+$/;
/** Integer part grouped by threes: "1", "12", "123", "1.234", "12.345.678" (sep given by caller). */
function isGrouped(intPart: string, sep: string): boolean {
  const parts = intPart.split(sep);
  const [head, ...tail] = parts;
  if (head === undefined || !/^\d{1,3}$/.test(head)) return false;
  return tail.every((p) => /^\d{3}$/.test(p));
}

/** A number read from text; null (not a number) beyond what a double holds: 400 digits are no score. */
function num(value: number): ParsedNumber | null {
  if (!Number.isFinite(value)) return null;
  return { kind: "number", value: value === 0 ? 0 : value, typedAsText: true };
}

/** Reads one cell as a number, the way a Vietnamese user meant it. */
export function parseVnNumber(raw: CellValue): ParsedNumber {
  if (raw === null) return { kind: "blank" };
  if (typeof raw === "number") {
    if (Number.isFinite(raw)) return { kind: "number", value: raw, typedAsText: false };
    return { kind: "not-a-number", text: String(raw) };
  }
  if (typeof raw === "boolean") return { kind: "not-a-number", text: raw ? "TRUE" : "FALSE" };
  if (typeof raw === "object") return { kind: "error", text: raw.error };
  const text = raw;
  const compact = text.replace(SPACE_CHARS, "");
  if (compact === "") return { kind: "blank" };
  if (EXCEL_ERROR.test(compact)) return { kind: "error", text: compact.toUpperCase() };
  const parsed = parseText(compact);
  if (parsed === null) return { kind: "not-a-number", text };
  if (parsed.kind === "ambiguous") return { ...parsed, text };
  return parsed;
}

function parseText(s: string): ParsedNumber | null {
  let sign = 1;
  let body = s;
  if (body.startsWith("-") || body.startsWith("+") || body.startsWith("\u2212")) {
    if (body.startsWith("-") || body.startsWith("\u2212")) sign = -1;
    body = body.slice(1);
  }
  if (body === "" || !/^[\d.,]+$/.test(body) || !/\d/.test(body)) return null;
  const lastDot = body.lastIndexOf(".");
  const lastComma = body.lastIndexOf(",");
  if (lastDot < 0 && lastComma < 0) return num(sign * Number(body));
  if (lastDot >= 0 && lastComma >= 0) {
    // Both separators: the last one is the decimal mark, the other groups thousands.
    const decimalSep = lastDot > lastComma ? "." : ",";
    const groupSep = decimalSep === "." ? "," : ".";
    const cut = Math.max(lastDot, lastComma);
    const intPart = body.slice(0, cut);
    const frac = body.slice(cut + 1);
    if (!DIGITS.test(frac) || !isGrouped(intPart, groupSep)) return null;
    if (intPart.includes(decimalSep)) return null;
    return num(sign * Number(`${intPart.split(groupSep).join("")}.${frac}`));
  }
  const sep = lastDot >= 0 ? "." : ",";
  const parts = body.split(sep);
  if (parts.length > 2) {
    // Several of one separator can only group thousands: "1.000.000".
    return isGrouped(body, sep) ? num(sign * Number(parts.join(""))) : null;
  }
  const [intPart = "", frac = ""] = parts;
  if (intPart !== "" && !DIGITS.test(intPart)) return null;
  if (frac !== "" && !DIGITS.test(frac)) return null;
  if (intPart === "" && frac === "") return null;
  const asDecimal = sign * Number(`${intPart === "" ? "0" : intPart}.${frac === "" ? "0" : frac}`);
  // "1.000" / "12,345": three digits after one separator and a 1-3 digit head that is not "0" read
  // equally well as thousands; never guess.
  if (frac.length === 3 && /^[1-9]\d{0,2}$/.test(intPart)) {
    const asThousands = sign * Number(intPart + frac);
    return { kind: "ambiguous", text: s, candidates: [asThousands, asDecimal] };
  }
  return num(asDecimal);
}
