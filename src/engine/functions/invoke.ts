/** One entry point for every DTI.* function: arity, argument coercion and error mapping. */
import { functionSpec, toXlError } from "./table";
import { isMatrix, isXlError, normalizeArg, type XlArg, type XlResult } from "./values";

/**
 * Runs DTI.<id> on arguments as Excel passes them (numbers, text, booleans, null/"" for blanks,
 * undefined for omitted, nested arrays for ranges, error objects). Never throws: failures come back
 * as an Excel error value with a Vietnamese and an English message.
 */
export function invoke(id: string, args: readonly unknown[]): XlResult {
  const spec = functionSpec(id);
  if (spec === undefined) {
    return {
      error: "#NAME?",
      message: `Không có hàm DTI.${id}.`,
      messageEn: `There is no function DTI.${id}.`,
    };
  }
  const extra = args.slice(spec.params.length).filter((a) => a !== undefined && a !== null);
  if (extra.length > 0) {
    return {
      error: "#VALUE!",
      message: `DTI.${spec.id} nhận tối đa ${spec.params.length} tham số.`,
      messageEn: `DTI.${spec.id} takes at most ${spec.params.length} arguments.`,
    };
  }
  try {
    const normalized: XlArg[] = spec.params.map((param, i) => {
      const arg = normalizeArg(args[i], param.type === "range");
      if (!spec.acceptsErrors && arg !== undefined && !isMatrix(arg) && isXlError(arg)) {
        throw Object.assign(new Error(arg.messageEn), {
          name: "DtiFailure",
          code: arg.error,
          messageVi: arg.message,
          messageEn: arg.messageEn,
        });
      }
      return arg;
    });
    return spec.impl(normalized);
  } catch (e) {
    return toXlError(e);
  }
}
