/**
 * "Tiến độ" (issue 13): per agency, whether its form was imported, how many of the scores it has to
 * enter are entered and appraised, and how many lack evidence. The scores to enter are the ones the
 * check looks at (leaves and childless main indices), less those a special rule covers for the unit
 * (not applicable, no subordinate units, no DVCTT, unscored) and bonus/penalty items (optional), so
 * a unit that entered everything the check expects reads n/n. Missing evidence and errors are counted
 * from the check's own issues, so the two views never disagree.
 */
import type { CellRef, EnteredNumber, IndicatorSet, Issue, Recognized } from "../model/types";
import { isBlank } from "../score/columns";
import { entryAt, prepare } from "../score/prepare";
import { foldName } from "../text/normalize";
import { coveredByRule } from "./index";

/** Which agency's form came from which file (the import records it in the workbook). */
export interface ImportedForm {
  readonly unitName: string;
  readonly fileName: string;
}

export interface UnitProgress {
  readonly unitId: string;
  readonly unitName: string;
  readonly groupId: string | null;
  /** The unit's header cell (the matrix column), to go to. */
  readonly cell?: CellRef;
  /** The file the agency's form was imported from; null: not imported (typed in, or not yet). */
  readonly formFile: string | null;
  /** Scores the unit has to enter. */
  readonly toEnter: number;
  /** Of those, with a self-assessed score. */
  readonly entered: number;
  /** Of those, with an appraised score. */
  readonly appraised: number;
  /** Scores above 0 without evidence (the check's missing_evidence warnings). */
  readonly missingEvidence: number;
  /** The check's errors for the unit. */
  readonly errors: number;
}

function has(n: EnteredNumber | null | undefined): boolean {
  return !isBlank(n);
}

/** Per unit, in the units' order. Pure. */
export function entryProgress(
  set: IndicatorSet,
  data: Recognized,
  issues: readonly Issue[],
  forms: readonly ImportedForm[]
): UnitProgress[] {
  const p = prepare(set, data);
  const n = p.indicators.length;
  const checked: number[] = [];
  p.indicators.forEach((ind, i) => {
    const childless = (p.children[i]?.length ?? 0) === 0;
    const optional = ind.method.kind === "bonus" || ind.method.kind === "penalty";
    if ((p.kind[i] === "leaf" || (p.kind[i] === "main" && childless)) && !optional) checked.push(i);
  });
  const formOf = new Map(forms.map((f) => [foldName(f.unitName), f.fileName]));
  const evidence = new Map<string, number>();
  const errors = new Map<string, number>();
  for (const i of issues) {
    if (i.unit === undefined) continue;
    if (i.code === "missing_evidence") evidence.set(i.unit, (evidence.get(i.unit) ?? 0) + 1);
    if (i.severity === "error") errors.set(i.unit, (errors.get(i.unit) ?? 0) + 1);
  }
  return p.units.map((unit, u) => {
    let toEnter = 0;
    let entered = 0;
    let appraised = 0;
    for (const i of checked) {
      if (coveredByRule(p, u, i)) continue;
      toEnter++;
      const e = entryAt(p, u * n + i);
      if (e === undefined) continue;
      const self =
        has(e.self) ||
        (e.option !== undefined && e.option.trim() !== "") ||
        (e.items?.some(has) ?? false);
      if (self) entered++;
      if (has(e.appraised)) appraised++;
    }
    return {
      unitId: unit.id,
      unitName: unit.name,
      groupId: p.groupOf[u] ?? null,
      ...(unit.cell !== undefined ? { cell: unit.cell } : {}),
      formFile: formOf.get(foldName(unit.name)) ?? null,
      toEnter,
      entered,
      appraised,
      missingEvidence: evidence.get(unit.id) ?? 0,
      errors: errors.get(unit.id) ?? 0,
    };
  });
}
