/** Cells and styles shared by the generated sheets (ranked sheets, reconciliation, appendix). */
import { roundTo } from "../numbers/round";
import type { CellStyle, ConditionalFormat, SpecCell } from "./spec";
import { fitCellText } from "./spec";
import type { GradeScheme } from "../model/types";

// ---------------------------------------------------------------------------------------------
// Styles
// ---------------------------------------------------------------------------------------------

export const HEADER_STYLE: CellStyle = {
  bold: true,
  fill: "#DDEBF7",
  align: "center",
  wrap: true,
  border: "thin",
};
export const BORDER: CellStyle = { border: "thin" };
export const POINTS_FORMAT = "0.00";
export const PERCENT_FORMAT = "0.00%";

/** Fills for grade bands, best first; a scheme with more bands reuses the last. */
const BAND_FILLS: readonly { fill: string; fontColor: string }[] = [
  { fill: "#C6EFCE", fontColor: "#006100" },
  { fill: "#DDEBF7", fontColor: "#1F4E78" },
  { fill: "#FFEB9C", fontColor: "#9C5700" },
  { fill: "#FFC7CE", fontColor: "#9C0006" },
];

/** Conditional formats colouring each band's label in `range` (equals-text per band). */
export function gradeColourFormats(range: string, scheme: GradeScheme): ConditionalFormat[] {
  const n = scheme.bands.length;
  return scheme.bands.map((band, i) => {
    // Spread the palette over the bands: the top band green, the bottom one red.
    const idx = n <= 1 ? 0 : Math.round((i * (BAND_FILLS.length - 1)) / (n - 1));
    const colours = BAND_FILLS[idx] ?? BAND_FILLS[0]!;
    return {
      range,
      when: { kind: "equals-text", text: band.label },
      style: { fill: colours.fill, fontColor: colours.fontColor },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------------------------

export function text(value: string): SpecCell {
  return { kind: "text", value: fitCellText(value) };
}
export function num(value: number | null | undefined): SpecCell {
  return value === null || value === undefined || !Number.isFinite(value)
    ? { kind: "blank" }
    : { kind: "number", value };
}
export function formula(f: string, cached?: number | string | null): SpecCell {
  const body = f.startsWith("=") ? f : `=${f}`;
  return cached === null ||
    cached === undefined ||
    (typeof cached === "number" && !isFinite(cached))
    ? { kind: "formula", formula: body }
    : { kind: "formula", formula: body, cached };
}
export const BLANK: SpecCell = { kind: "blank" };

/** A text literal inside a formula: "Khá" → "\"Khá\"". */
export function formulaString(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A number literal in en-US formula syntax (no exponent for ordinary figures). */
export function formulaNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(roundTo(x, 10));
}
