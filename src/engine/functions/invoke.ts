/** One entry point for every DTI.* function: arity, argument coercion and error mapping. */
import { gradeFast, rankFast } from "./fast";
import { functionSpec, toXlError } from "./table";
import {
  isMatrix,
  isXlError,
  normalizeArg,
  outputCode,
  xlError,
  type XlArg,
  type XlResult,
} from "./values";

/**
 * Runs DTI.<id> on arguments as Excel passes them (numbers, text, booleans, null/"" for blanks,
 * undefined for omitted, nested arrays for ranges, error objects). Never throws: failures come back
 * as an Excel error value with a Vietnamese and an English message.
 */
export function invoke(id: string, args: readonly unknown[]): XlResult {
  // The fast paths (fast.ts) first: a sheet recalculating calls these thousands of times.
  const fast = id === "GRADE" ? GRADE_FAST : id === "RANK" ? RANK_FAST : undefined;
  if (fast !== undefined) {
    const quick = fast(args);
    if (quick !== undefined) return quick;
  }
  return invokeGeneral(id, args);
}

// Bound once: under node's module interop (tsx, jest) an imported name is a getter on every call.
const GRADE_FAST = gradeFast;
const RANK_FAST = rankFast;

/** invoke without the fast paths (fast.ts): what they must agree with. */
export function invokeGeneral(id: string, args: readonly unknown[]): XlResult {
  const spec = functionSpec(id);
  if (spec === undefined) {
    // Only reachable from code (Excel knows the ids from functions.json): #NAME? is not a valid
    // custom-function output, so it is #VALUE! with the reason.
    return xlError("#VALUE!", "fn_no_function", { id });
  }
  const params = spec.params;
  for (let i = params.length; i < args.length; i++) {
    if (args[i] === undefined || args[i] === null) continue;
    return xlError("#VALUE!", "fn_too_many_args", { id: spec.id, n: params.length });
  }
  try {
    // A plain loop, no intermediate arrays: a sheet recalculates a function thousands of times.
    const normalized: XlArg[] = new Array<XlArg>(params.length);
    for (let i = 0; i < params.length; i++) {
      const arg = normalizeArg(args[i], params[i]!.type === "range");
      if (!spec.acceptsErrors && arg !== undefined && !isMatrix(arg) && isXlError(arg)) {
        // An error cell as an argument (metadata allowErrorForDataTypeAny lets it reach us):
        // the same error back, with the parameter named; #REF!/#NAME? as #VALUE! (outputCode).
        return xlError(outputCode(arg.error), "fn_cell_error", {
          arg: params[i]!.name,
          text: arg.error,
        });
      }
      normalized[i] = arg;
    }
    return spec.impl(normalized);
  } catch (e) {
    return toXlError(e, spec.id);
  }
}
