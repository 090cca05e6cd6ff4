/**
 * Turns an engine result into what Excel expects from a custom function: numbers, text, 2-D arrays and
 * `CustomFunctions.Error` objects. Outside Excel (node tests, the browser preview) the CustomFunctions
 * global is absent, so errors stay plain `{ error, message }` values.
 */
import { isXlError, type XlErrorCode, type XlResult, type XlScalar } from "../engine/functions";

/** A scalar as Excel receives it. */
export type ExcelScalar = number | string | boolean | CustomFunctions.Error | PlainError;

/** The error value used where the CustomFunctions runtime is not loaded. */
export interface PlainError {
  readonly error: XlErrorCode;
  readonly message: string;
}

function errorCode(code: XlErrorCode): CustomFunctions.ErrorCode {
  const E = CustomFunctions.ErrorCode;
  switch (code) {
    case "#VALUE!":
      return E.invalidValue;
    case "#N/A":
      return E.notAvailable;
    case "#NUM!":
      return E.invalidNumber;
    case "#DIV/0!":
      return E.divisionByZero;
    case "#REF!":
      return E.invalidReference;
    case "#NAME?":
      return E.invalidName;
    case "#NULL!":
      return E.nullReference;
  }
}

function hasRuntime(): boolean {
  return (
    typeof CustomFunctions !== "undefined" &&
    typeof CustomFunctions.Error === "function" &&
    typeof CustomFunctions.ErrorCode === "object"
  );
}

function toExcelScalar(v: XlScalar): ExcelScalar {
  if (v === null) return "";
  if (!isXlError(v)) return v;
  if (hasRuntime()) return new CustomFunctions.Error(errorCode(v.error), v.message);
  return { error: v.error, message: v.message };
}

/** A scalar result for Excel. */
export function toExcel(r: XlResult): ExcelScalar {
  if (Array.isArray(r)) {
    const first = (r as readonly (readonly XlScalar[])[])[0]?.[0] ?? null;
    return toExcelScalar(first);
  }
  return toExcelScalar(r as XlScalar);
}

/** A dynamic-array result for Excel (a scalar result becomes 1×1). */
export function toExcelMatrix(r: XlResult): ExcelScalar[][] {
  if (Array.isArray(r)) {
    return (r as readonly (readonly XlScalar[])[]).map((row) => row.map(toExcelScalar));
  }
  return [[toExcelScalar(r as XlScalar)]];
}
