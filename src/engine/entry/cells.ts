/** Spec-cell helpers shared by the entry workbook's writers. */
import type { CellValue } from "../model/types";
import type { DataValidationRule, SpecCell } from "../sheets/spec";
import { fitCellText } from "../sheets/spec";

export const HEADER_FILL = "#DDEBF7";

export function text(value: string): SpecCell {
  return { kind: "text", value: fitCellText(value) };
}

export function num(value: number): SpecCell {
  // Infinity / NaN never reach a sheet.
  return Number.isFinite(value) ? { kind: "number", value } : { kind: "blank" };
}

export const BLANK: SpecCell = { kind: "blank" };

/** A value the user (or a merged form) entered, written back as it was: "8,5" stays text for the fix. */
export function entered(raw: CellValue | undefined): SpecCell {
  if (raw === undefined || raw === null) return BLANK;
  if (typeof raw === "number") return num(raw);
  if (typeof raw === "boolean") return { kind: "bool", value: raw };
  if (typeof raw === "string") return raw.trim() === "" ? BLANK : text(raw);
  return text(raw.error);
}

export function formatMax(max: number): string {
  return String(max).replace(".", ",");
}

/** Excel's limits: input title 32, input message 255, error message 225 characters. */
export function clamp(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function decimalRule(
  range: string,
  max: number | string,
  maxVi: string,
  maxEn: string = maxVi
): DataValidationRule {
  return {
    range,
    rule: { kind: "decimal", min: 0, max },
    inputTitle: "Điểm / Points",
    inputMessage: clamp(
      `Nhập điểm từ 0 đến ${maxVi}; để trống nếu chưa chấm. / Enter 0 to ${maxEn}; blank = not scored.`,
      255
    ),
    errorMessage: clamp(
      `Điểm phải là số từ 0 đến ${maxVi}. / Points must be a number from 0 to ${maxEn}.`,
      225
    ),
  };
}
