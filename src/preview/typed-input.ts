/**
 * What a typed string becomes in the preview's grid, as in Excel with an en-US number format: "9.5"
 * is a number, "8,5" stays text (which the add-in then flags), "=..." is a formula, "" clears.
 */
import type { CellValue } from "../engine";

export function typedValue(text: string): CellValue {
  const s = text.trim();
  if (s === "") return null;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return Number(s);
  if (/^(true|false)$/i.test(s)) return s.toLowerCase() === "true";
  return text;
}

/** Clipboard text (tab-separated rows, as Excel copies) to rows of typed values. */
export function parseClipboard(text: string): CellValue[][] {
  const lines = text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
  return lines.map((l) => l.split("\t").map(typedValue));
}

/** How a cell's content shows in the grid. */
export function displayValue(
  v: CellValue | { formula: string; cached: CellValue } | undefined
): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "object" && "formula" in v) {
    return v.cached === null || v.cached === undefined ? v.formula : displayValue(v.cached);
  }
  if (typeof v === "object") return v.error;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}
