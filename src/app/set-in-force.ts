/**
 * THE ONE PLACE that decides which indicator set and which rules are in force for a workbook.
 * Validating, live validation, ranking, explaining and the command line all take them from here;
 * none re-derives them from a profile id.
 *
 * - The set: the one the user confirmed (stored in the workbook's settings by confirmIndicatorSet,
 *   or by `dti template`); null when none was confirmed, and then the engine derives one from what
 *   the recogniser reads in a foreign workbook (`readInput` with `set: null`).
 * - The rules: the workbook's rules sheet ("Quy tắc", src/engine/rules `rulesInForce`) when the
 *   use-case read it (its name is in `SET_SHEETS`), else the confirmed set's profile, else the
 *   profile the caller asked for. A rules sheet with errors grades nothing (`profile` null).
 *
 * Use-cases that read the sheets for the pipeline (readWorkbook) read `SET_SHEETS` in the same
 * round trip as the entry sheets.
 */
import {
  RULES_SHEET,
  rulesInForce,
  type Grid,
  type IndicatorSet,
  type Issue,
  type RuleProfile,
  type RulesOutcome,
} from "../engine";
import type { WorkbookPort } from "../workbook/port";
import { sessionFromSettings } from "./session";

/** Sheets (besides the settings) the set in force is read from; read with the entry sheets. */
export const SET_SHEETS: readonly string[] = [RULES_SHEET];

export interface InForce {
  /** The confirmed set, with the rules in force as its profile; null when none was confirmed. */
  readonly set: IndicatorSet | null;
  /** The rules in force; null while the rules sheet has errors (nothing may be graded). */
  readonly profile: RuleProfile | null;
  readonly from: "rules-sheet" | "confirmed" | "asked";
  /** The rules sheet read, when it supplied the rules. */
  readonly rules: RulesOutcome | null;
  /** The rules sheet's issues (none without one). */
  readonly issues: readonly Issue[];
  /** The grid of the rules sheet, if read (not input for the recogniser). */
  readonly rulesSheet: string | null;
}

/**
 * The set and rules in force from settings already read and the grids the use-case read (pure).
 * `asked`: the profile to use when neither a rules sheet nor a confirmed set says otherwise.
 */
export function inForceFrom(
  settings: Readonly<Record<string, string>>,
  grids: readonly Grid[] = [],
  asked?: RuleProfile
): InForce {
  const confirmed = sessionFromSettings(settings)?.set ?? null;
  const base = confirmed?.profile ?? asked;
  if (base === undefined)
    return { set: null, profile: null, from: "asked", rules: null, issues: [], rulesSheet: null };
  const force = rulesInForce(grids, base);
  if (force.from === "rules-sheet") {
    const profile = force.profile;
    return {
      set: confirmed !== null && profile !== null ? { ...confirmed, profile } : confirmed,
      profile,
      from: "rules-sheet",
      rules: force.rules,
      issues: force.issues,
      rulesSheet: force.sheet,
    };
  }
  return {
    set: confirmed,
    profile: base,
    from: confirmed !== null ? "confirmed" : "asked",
    rules: null,
    issues: [],
    rulesSheet: null,
  };
}

/** The confirmed set in force from settings (and the grids read) (pure); null when none. */
function setInForceFrom(
  settings: Readonly<Record<string, string>>,
  grids: readonly Grid[] = []
): IndicatorSet | null {
  return inForceFrom(settings, grids).set;
}

/** The confirmed set in force of a workbook (one round trip: its settings). */
export async function setInForce(
  port: WorkbookPort,
  grids: readonly Grid[] = []
): Promise<IndicatorSet | null> {
  return setInForceFrom(await port.readSettings(), grids);
}
