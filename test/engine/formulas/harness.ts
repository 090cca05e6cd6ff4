/**
 * Evaluates native formulas in HyperFormula (GPL, dev-only) and compares with invoke: the twin
 * equality harness shared by the formula tests.
 */
import {
  CellError,
  DetailedCellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
} from "hyperformula";
import { isXlError, type XlResult } from "../../../src/engine/functions";

export type Cell = string | number | boolean | null;

/**
 * HyperFormula lacks ERROR.TYPE (Excel 2016 and LibreOffice have it): a test-only shim with Excel's
 * documented codes, so CHECK's twin runs here too. LibreOffice checks the real function.
 */
class ErrorTypePlugin extends FunctionPlugin {
  static override implementedFunctions = {
    "ERROR.TYPE": {
      method: "errorType",
      parameters: [{ argumentType: FunctionArgumentType.SCALAR }],
    },
  };
  // HyperFormula does not export its AST and state types: `never` passes them through untouched
  errorType(ast: { args: never }, state: never) {
    const codes: Partial<Record<ErrorType, number>> = {
      [ErrorType.DIV_BY_ZERO]: 2,
      [ErrorType.VALUE]: 3,
      [ErrorType.REF]: 4,
      [ErrorType.NAME]: 5,
      [ErrorType.NUM]: 6,
      [ErrorType.NA]: 7,
    };
    return this.runFunction(ast.args, state, this.metadata("ERROR.TYPE"), (arg: unknown) =>
      arg instanceof CellError ? (codes[arg.type] ?? 3) : new CellError(ErrorType.NA)
    );
  }
}
HyperFormula.registerFunctionPlugin(ErrorTypePlugin, { enGB: { "ERROR.TYPE": "ERROR.TYPE" } });

/** Evaluates one sheet; returns every cell's value (errors as `{ error: "#N/A" }`). */
export function evaluateSheet(
  rows: readonly (readonly Cell[])[]
): Cell[][] | { error: string }[][] {
  const hf = HyperFormula.buildFromSheets(
    { S: rows.map((r) => [...r]) },
    // Excel compares text ignoring case but not accents; SUMPRODUCT evaluates arrays as Excel does
    { licenseKey: "gpl-v3", useArrayArithmetic: true, accentSensitive: true, caseSensitive: false }
  );
  try {
    const values = hf.getSheetValues(0);
    return values.map((r) =>
      r.map((v) => (v instanceof DetailedCellError ? { error: v.value } : v))
    ) as Cell[][];
  } finally {
    hf.destroy();
  }
}

export type Evaluated = Cell | { error: string } | undefined;

/** Twin result agrees with the function result: same number (1e-9), same text, or both errors. */
export function expectSame(fn: XlResult, twin: Evaluated, context: unknown): void {
  const show = () => JSON.stringify({ fn, twin, context });
  if (isXlError(fn)) {
    if (!(typeof twin === "object" && twin !== null && "error" in twin)) {
      throw new Error(`function gave ${fn.error}, twin did not: ${show()}`);
    }
    return;
  }
  if (typeof twin === "object" && twin !== null) throw new Error(`twin gave an error: ${show()}`);
  if (typeof fn === "number") {
    if (typeof twin !== "number" || Math.abs(fn - twin) > 1e-9 * Math.max(1, Math.abs(fn))) {
      throw new Error(`numbers differ: ${show()}`);
    }
    return;
  }
  // "" from the function: the twin's "" (HyperFormula may report an empty result as null)
  if (fn === "" && (twin === "" || twin === null || twin === undefined)) return;
  if (fn !== twin) throw new Error(`values differ: ${show()}`);
}
