/** The entry workbook, owned here: its layout, its writer and its exact reader. */
export * from "./layout";
export { entrySheetSpecs, entryMatrixSpec, type EntrySheetOptions } from "./write";
export { unitsSheetSpec, profileFormSpec } from "./write-units";
export * from "./read";
