/** The DTI.* function table and its single entry point. */
export * from "./values";
export { invoke } from "./invoke";
export { FUNCTIONS, functionSpec } from "./table";
export { DEFAULT_SCHEME, bandsFromRange, resolveScheme } from "./coerce";
