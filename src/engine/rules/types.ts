/**
 * The rules sheet's content ("Quy tắc"): a rule profile as the user edits it, where a figure may be
 * not yet known ("điền theo quyết định", held as null). A complete, valid RulesDoc becomes a
 * RuleProfile; an incomplete one grades nothing.
 */
import type { GradeBasis, RoundingStage, SpecialRules, TiePolicy } from "../model/types";

/** null: not known yet; the cell says "điền theo quyết định" and grading waits for it. */
type ToFill<T> = T | null;

interface RulesSource {
  readonly decision: ToFill<string>;
  /** As printed, dd/mm/yyyy. */
  readonly date: ToFill<string>;
  readonly issuer: ToFill<string>;
  /** The year assessed (data from 1/1 to 31/12 of it). */
  readonly year: ToFill<number>;
  readonly note: string;
}

export interface RulesGroup {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly maxPoints: ToFill<number>;
  /** The group's maximum is the sum of the workbook's maxima (no published group maximum). */
  readonly maxFromSet: boolean;
  /** Words identifying its units / its "Nhóm" text. */
  readonly aliases: readonly string[];
  /** False: its units are assessed and graded but not ranked. */
  readonly ranked: boolean;
}

export interface RulesBound {
  readonly value: ToFill<number>;
  readonly inclusive: boolean;
}

export interface RulesBand {
  readonly label: ToFill<string>;
  readonly labelEn: string;
  /** null: open below (the lowest band). */
  readonly lower: RulesBound | null;
  /** null: open above (the highest band). */
  readonly upper: RulesBound | null;
  /** "percent": % of the unit's own applicable maximum; "group-percent": of the group's; "points". */
  readonly basis: GradeBasis;
}

export interface RulesMainIndex {
  readonly code: string;
  readonly name: string;
  readonly maxPoints: ToFill<number>;
  readonly scored: boolean;
}

export interface RulesDoc {
  /** The rule set's id (the preset's id, or one the user gives). */
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  /** The built-in preset the sheet was written from, or null when written from scratch. */
  readonly presetId: string | null;
  readonly source: RulesSource;
  readonly scale: ToFill<number>;
  readonly tiePolicy: TiePolicy;
  readonly rounding: { readonly stage: RoundingStage; readonly decimals: number };
  readonly publishAs: "points" | "percent" | "index";
  readonly groups: readonly RulesGroup[];
  /** Empty: the decision publishes no grade bands (nothing is graded). */
  readonly bands: readonly RulesBand[];
  readonly special: SpecialRules;
  readonly mainIndices: readonly RulesMainIndex[];
  /** Units assessed (and graded) but not ranked, by name as in the workbook. */
  readonly unrankedUnits: readonly string[];
  /** Last year's unit → this year's unit (many to one: a merged unit), for year over year. */
  readonly unitMap: readonly { readonly from: string; readonly to: string }[];
  /**
   * Indicators that apply only to the units listed (block 9); code and units null while "điền theo
   * quyết định". `name` is for the reader's reference only.
   */
  readonly limitedIndices: readonly RulesLimitedIndex[];
}

export interface RulesLimitedIndex {
  readonly code: ToFill<string>;
  readonly name: string;
  readonly units: ToFill<readonly string[]>;
}
