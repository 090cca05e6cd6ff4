/** The entry workbook, owned here: its layout, its writer and its exact reader. */
export * from "./layout";
export { entrySheetSpecs, entryMatrixSpec, type EntryFormula } from "./write";
export * from "./typed-formulas";
export { unitsSheetSpec, profileFormSpec } from "./write-units";
export * from "./read";
export { releaseCellRefs } from "./cell-refs";
