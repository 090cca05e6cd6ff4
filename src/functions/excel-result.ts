/**
 * Turns an engine result into what Excel expects from a custom function: numbers, text, 2-D arrays and
 * `CustomFunctions.Error` objects. Outside Excel (node tests, the browser preview) the CustomFunctions
 * global is absent, so errors stay plain `{ error, message }` values.
 */
import {
  isXlError,
  outputCode,
  type XlError,
  type XlErrorCode,
  type XlResult,
  type XlScalar,
} from "../engine/functions";

/** A scalar as Excel receives it. */
export type ExcelScalar = number | string | boolean | CustomFunctions.Error | PlainError;

/** The error value used where the CustomFunctions runtime is not loaded. */
interface PlainError {
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

/**
 * What Excel accepts back (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors):
 * #REF! and #NAME? are not valid outputs (→ #VALUE! with the reason), and a custom message is
 * shown only with #VALUE! and #N/A, so the others go without one.
 */
function excelError(v: XlError): PlainError {
  const code = outputCode(v.error);
  const message =
    code === v.error ? v.message : `${v.error}: ${v.message === v.error ? "" : v.message}`.trim();
  return { error: code, message: code === "#VALUE!" || code === "#N/A" ? message : "" };
}

function toExcelScalar(v: XlScalar): ExcelScalar {
  if (v === null) return "";
  if (!isXlError(v)) return v;
  const e = excelError(v);
  if (hasRuntime()) {
    return e.message === ""
      ? new CustomFunctions.Error(errorCode(e.error))
      : new CustomFunctions.Error(errorCode(e.error), e.message);
  }
  return e;
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
