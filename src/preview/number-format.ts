/**
 * How the preview's grid shows a number under an Excel number format, as Excel does in the user's
 * locale: "0.00%" shows 0.885 as "88.50%" (English) or "88,50%" (Vietnamese: decimal comma,
 * thousands dot). Covers what the add-in writes: General, "0", "0.00", "0.0000", "#,##0.00",
 * percentages and sections ("+0.00;-0.00;0.00"). A format it does not understand shows General.
 */
import type { Locale } from "../engine";

interface Section {
  readonly prefix: string;
  readonly suffix: string;
  readonly decimals: number;
  readonly grouping: boolean;
  readonly percent: boolean;
}

const SECTION = /^([^0#.,%]*)([#,]*0[0#,]*)(?:\.(0+|#+))?(%?)([^0#.,%]*)$/;

function unquote(s: string): string {
  return s.replace(/\\(.)/g, "$1").replace(/"([^"]*)"/g, "$1");
}

function parseSection(text: string): Section | null {
  const m = SECTION.exec(text.trim());
  if (!m) return null;
  const [, prefix = "", int = "", dec = "", pct = "", suffix = ""] = m;
  return {
    prefix: unquote(prefix),
    suffix: unquote(suffix),
    decimals: dec.length,
    grouping: int.includes(","),
    percent: pct === "%",
  };
}

function separators(locale: Locale): { decimal: string; group: string } {
  return locale === "vi" ? { decimal: ",", group: "." } : { decimal: ".", group: "," };
}

function digits(abs: number, decimals: number, grouping: boolean, locale: Locale): string {
  const { decimal, group } = separators(locale);
  // Half away from zero, as Excel rounds for display (toFixed alone rounds 1.005 down).
  const factor = 10 ** decimals;
  const rounded = Math.round(abs * factor * (1 + Number.EPSILON)) / factor;
  const [int = "0", frac] = rounded.toFixed(decimals).split(".");
  const intText = grouping ? int.replace(/\B(?=(\d{3})+(?!\d))/g, group) : int;
  return frac === undefined ? intText : `${intText}${decimal}${frac}`;
}

/** Excel's General in a normal-width column: up to 10 significant digits, no trailing zeros. */
export function formatGeneral(value: number, locale: Locale): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e11) return String(value);
  const abs = Math.abs(value);
  let text: string;
  if (abs !== 0 && (abs < 1e-9 || abs >= 1e11)) {
    text = value
      .toExponential(5)
      .replace(/\.?0+e/, "e")
      .toUpperCase();
  } else {
    text = String(Number(value.toPrecision(10)));
  }
  return locale === "vi" ? text.replace(".", ",") : text;
}

/** The text a number shows under `format` (Excel's en-US format tokens) in `locale`. */
export function formatNumber(value: number, format: string | undefined, locale: Locale): string {
  const f = (format ?? "").trim();
  if (f === "" || /^general$/i.test(f)) return formatGeneral(value, locale);
  const parts = f.split(";");
  const sections = parts.map(parseSection);
  if (sections.some((s) => s === null)) return formatGeneral(value, locale);
  const [pos, neg, zero] = sections as Section[];
  if (!pos) return formatGeneral(value, locale);
  let section = pos;
  let sign = "";
  if (value < 0) {
    if (neg) section = neg;
    else sign = "-";
  } else if (value === 0 && zero) section = zero;
  const scaled = Math.abs(section.percent ? value * 100 : value);
  const body = digits(scaled, section.decimals, section.grouping, locale);
  // A value that rounds to zero shows no minus sign, as in Excel.
  if (!/[1-9]/.test(body)) sign = "";
  return `${sign}${section.prefix}${body}${section.percent ? "%" : ""}${section.suffix}`;
}
