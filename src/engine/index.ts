/** The engine's one public face: model types, recogniser, validation, scoring, grading, ranking, sheet specs. */
export * from "./model/types";
export * from "./sheets/spec";
export { isKindReason } from "./messages/file-reasons";
export * from "./address";
export * from "./numbers/vn-number";
export * from "./text/normalize";
export * from "./recognize";
export * from "./sample";
export * from "./numbers/round";
export * from "./grade";
export * from "./rank";
export * from "./profiles";
export * from "./messages";
export { validate, type ValidateScope } from "./validate";
export * from "./validate/progress";
export { scoreUnits, type ScoredUnit } from "./score";
export * from "./evaluate";
export * from "./entry";
export * from "./pipeline";
export {
  rankingSheetSpecs,
  buildRankingSheets,
  cleanSheetName,
  SheetNamer,
  RANKING_ROLE,
  type ExistingSheet,
} from "./sheets/ranking-sheets";
export * from "./sheets/year-over-year";
export {
  reconciliationSheet,
  selfAssessedData,
  outcomeChanges,
  RECONCILIATION_ROLE,
  type OutcomeChange,
} from "./sheets/reconciliation";
export * from "./set-compare";
export * from "./rules";
export type { BandRefs } from "./sheets/formulas";
export * from "./sheets/appendix";
