/** The DTI.* function table and its single entry point. */
export * from "./values";
export { invoke } from "./invoke";
export {
  FUNCTIONS,
  functionSpec,
  TABLE_HEADERS,
  TABLE_GROUP_HEADER,
  type FunctionId,
  type FunctionSpec,
  type ParamSpec,
  type ParamType,
  type ResultType,
} from "./table";
export { DEFAULT_SCHEME, bandsFromRange, resolveScheme } from "./coerce";
