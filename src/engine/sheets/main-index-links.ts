/**
 * Main-index cells of the ranked sheets linked to the entry sheet: each main index as a native
 * formula over its components' entry cells, so fixing a score recalculates the sheet.
 */
import { a1, quoteSheet } from "../address";
import type {
  Indicator,
  IndicatorSet,
  Recognized,
  Rounding,
  ScoreEntry,
  TiePolicy,
  UnitResult,
} from "../model/types";
import { roundTo } from "../numbers/round";
import { peek } from "../score/lazy-record";
import { rankFormula } from "./formulas";
import { formulaNumber } from "./sheet-cells";

// ---------------------------------------------------------------------------------------------
// Main-index cells linked to the entry sheet
// ---------------------------------------------------------------------------------------------

/** The main indices shown as columns: scored main indices in code order. */
export function mainIndicesOf(set: IndicatorSet): Indicator[] {
  const mains = set.indicators.filter((i) => i.level === "main" && i.scored);
  if (mains.length > 0) return mains;
  return set.profile.mainIndices
    .filter((m) => m.scored)
    .map((m) => ({
      code: m.code,
      name: m.name,
      level: "main" as const,
      maxPoints: m.maxPoints,
      method: { kind: "direct" as const },
      scored: true,
      parentCode: null,
    }));
}

/** The entries by unit id, then by indicator code. */
export type EntryIndex = ReadonlyMap<string, ReadonlyMap<string, ScoreEntry>>;

/**
 * Index of the entries by unit and code. Two levels, not one "unit + code" key: at 3,321 units ×
 * 100 indicators the joined keys were a third of the ranked sheets' build time.
 */
export function indexEntries(data: Recognized): EntryIndex {
  const m = new Map<string, Map<string, ScoreEntry>>();
  for (const e of data.entries) {
    let unit = m.get(e.unitId);
    if (unit === undefined) m.set(e.unitId, (unit = new Map<string, ScoreEntry>()));
    unit.set(e.code, e);
  }
  return m;
}

interface LinkedCell {
  readonly sheet: string;
  readonly row: number;
  readonly selfCol: number;
  readonly apprCol: number;
}

/**
 * Which cells feed a formula: "appraised-else-self" follows the engine (the appraised score, else the
 * self score); "self" reads the self-assessment column only (reconciliation).
 */
type ScoreSide = "appraised-else-self" | "self";

/** A formula for one main index of one unit, with the value it gives on the data as read (null: ""). */
interface MainIndexFormula {
  readonly formula: string;
  readonly value: number | null;
}

function asPos(ref: { sheet: string; cell: string } | undefined): {
  sheet: string;
  row: number;
  col: number;
} | null {
  if (ref === undefined) return null;
  // "AB12" or "$AB$12" (any case), read by hand: this runs for every score cell of every unit.
  const a = ref.cell;
  let i = 0;
  let col = 0;
  let row = 0;
  if (a.charCodeAt(i) === 36) i++;
  const c0 = i;
  for (; i < a.length; i++) {
    const ch = a.charCodeAt(i) & ~32; // upper case
    if (ch < 65 || ch > 90) break;
    col = col * 26 + (ch - 64);
  }
  if (i === c0) return null;
  if (a.charCodeAt(i) === 36) i++;
  const r0 = i;
  for (; i < a.length; i++) {
    const d = a.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    row = row * 10 + d;
  }
  if (i === r0) return null;
  return { sheet: ref.sheet, row, col };
}

function rawNumber(x: unknown): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x : null;
}
function isBlankRaw(x: unknown): boolean {
  return x === null || x === undefined || (typeof x === "string" && x.trim() === "");
}

/**
 * The formula for a main index as a sum over its components' entry cells. Runs of consecutive
 * component rows read as `SUM(appraised)+SUMIFS(self,appraised,"")` (the appraised score, else the
 * self score); a component scored by a rule (peer max, proportional, not applicable, ratio…) or
 * holding a text number adds the engine's points as a constant. Returns null when nothing links.
 */
export function mainIndexFormula(
  unitResult: UnitResult,
  components: readonly Indicator[],
  entries: EntryIndex,
  side: ScoreSide,
  rounding: Rounding
): MainIndexFormula | null {
  let constant = 0;
  let value = 0;
  let linkedAny = false;
  // Nothing entered in any linked cell and nothing scored by a rule: the cell shows "" (not 0),
  // as the engine leaves the main index blank ("not entered" is not zero).
  let allBlank = true;
  const runs: { cell: LinkedCell; rows: number; max?: number | null }[] = [];
  const mine = entries.get(unitResult.unitId);
  for (const comp of components) {
    const entry = mine?.get(comp.code);
    // Read without keeping it (one pass over every unit's components).
    const result = peek(unitResult.components, comp.code);
    const link = linkable(comp, entry, result?.how.rule, side);
    if (link === null && result?.how.rule === "missing") {
      // An unusable score (above the max, negative, not a number): still a live formula that counts
      // the cell only once it holds a valid score (issue 13 item 4), never a frozen constant.
      const cell = guardedCell(entry);
      if (cell !== null) {
        linkedAny = true;
        runs.push({ cell, rows: 1, max: comp.maxPoints });
        continue;
      }
    }
    if (link === null) {
      if (result?.points != null) allBlank = false;
      constant += result?.points ?? 0;
      continue;
    }
    linkedAny = true;
    if (!link.blank) allBlank = false;
    // Rounding components: each cell is its own term, rounded as the engine rounds it.
    const perCell = rounding.stage === "component";
    value += perCell ? roundTo(link.value, rounding.decimals) : link.value;
    const last = runs[runs.length - 1];
    if (
      !perCell &&
      last !== undefined &&
      last.max === undefined &&
      last.cell.sheet === link.cell.sheet &&
      last.cell.selfCol === link.cell.selfCol &&
      last.cell.apprCol === link.cell.apprCol &&
      last.cell.row + last.rows === link.cell.row
    ) {
      last.rows += 1;
    } else {
      runs.push({ cell: link.cell, rows: 1 });
    }
  }
  if (!linkedAny) return null;
  const terms: string[] = [];
  const counted: string[] = [];
  for (const run of runs) {
    const sheet = `${quoteSheet(run.cell.sheet)}!`;
    const end = run.cell.row + run.rows - 1;
    const rng = (col: number) =>
      run.rows === 1
        ? `${sheet}${a1(run.cell.row, col)}`
        : `${sheet}${a1(run.cell.row, col)}:${a1(end, col)}`;
    counted.push(rng(run.cell.selfCol));
    if (side !== "self") counted.push(rng(run.cell.apprCol));
    if (run.max !== undefined) {
      const selfCell = rng(run.cell.selfCol);
      const apprCell = rng(run.cell.apprCol);
      const cap = run.max !== null ? `,${"$X"}<=${formulaNumber(run.max)}` : "";
      // Nested IF, not AND: AND would evaluate a comparison on an error value (#REF!) and fail.
      const ok = (x: string) =>
        `IF(ISNUMBER(${x}),IF(AND(${x}>=0${cap.replace("$X", x)}),${x},0),0)`;
      const v =
        side === "self" ? ok(selfCell) : `IF(${apprCell}="",${ok(selfCell)},${ok(apprCell)})`;
      terms.push(rounding.stage === "component" ? `ROUND(${v},${rounding.decimals})` : v);
    } else if (rounding.stage === "component") {
      const selfCell = rng(run.cell.selfCol);
      const apprCell = rng(run.cell.apprCol);
      const v =
        side === "self" ? `N(${selfCell})` : `IF(ISNUMBER(${apprCell}),${apprCell},N(${selfCell}))`;
      terms.push(`ROUND(${v},${rounding.decimals})`);
    } else if (side === "self") terms.push(`SUM(${rng(run.cell.selfCol)})`);
    else
      terms.push(
        `SUM(${rng(run.cell.apprCol)})+SUMIFS(${rng(run.cell.selfCol)},${rng(run.cell.apprCol)},"")`
      );
  }
  if (constant !== 0) terms.push(formulaNumber(constant));
  value += constant;
  let f = terms.join("+");
  if (rounding.stage === "main-index") {
    f = `ROUND(${f},${rounding.decimals})`;
    value = roundTo(value, rounding.decimals);
  }
  // a rule-scored component makes the index non-blank anyway: no guard then (COUNT takes ≤ 255 args)
  const guard = runs.length > 0 && constant === 0 && counted.length <= 30;
  if (guard) f = `IF(COUNT(${counted.join(",")})=0,"",${f})`;
  return { formula: `=${f}`, value: guard && allBlank ? null : value };
}

/** The entry's self / appraised cells on one row, for a guarded (validity-checked) term. */
function guardedCell(entry: ScoreEntry | undefined): LinkedCell | null {
  if (entry === undefined) return null;
  const s = asPos(entry.self?.cell);
  const p = asPos(entry.appraised?.cell);
  if (s === null || p === null || s.sheet !== p.sheet || s.row !== p.row) return null;
  return { sheet: s.sheet, row: s.row, selfCol: s.col, apprCol: p.col };
}

/** The entry's cells when the component's points are exactly what its cells hold. */
function linkable(
  comp: Indicator,
  entry: ScoreEntry | undefined,
  rule: string | undefined,
  side: ScoreSide
): { cell: LinkedCell; value: number; blank: boolean } | null {
  if (comp.method.kind !== "direct" || entry === undefined) return null;
  if (rule !== "entered" && rule !== "missing") return null;
  const s = asPos(entry.self?.cell);
  const p = asPos(entry.appraised?.cell);
  if (s === null || p === null || s.sheet !== p.sheet || s.row !== p.row) return null;
  const selfRaw = entry.self?.raw ?? null;
  const apprRaw = entry.appraised?.raw ?? null;
  const selfN = rawNumber(selfRaw);
  const apprN = rawNumber(apprRaw);
  const cell = { sheet: s.sheet, row: s.row, selfCol: s.col, apprCol: p.col };
  // A number the engine does not count (above the max, negative) is not what the cells hold.
  const bad = (x: number) => x < 0 || (comp.maxPoints !== null && x > comp.maxPoints + 1e-9);
  if (side === "self") {
    if (selfN === null && !isBlankRaw(selfRaw)) return null;
    if (selfN !== null && bad(selfN)) return null;
    return { cell, value: selfN ?? 0, blank: selfN === null };
  }
  if (apprN !== null) return bad(apprN) ? null : { cell, value: apprN, blank: false };
  if (!isBlankRaw(apprRaw)) return null;
  if (selfN !== null) return bad(selfN) ? null : { cell, value: selfN, blank: false };
  if (!isBlankRaw(selfRaw)) return null;
  return { cell, value: 0, blank: true };
}

/** Components of each main index (direct children, natural order as in the set). */
export function componentsByMain(set: IndicatorSet): Map<string, Indicator[]> {
  const out = new Map<string, Indicator[]>();
  for (const ind of set.indicators) {
    if (ind.level !== "component" || ind.parentCode === null) continue;
    const list = out.get(ind.parentCode) ?? [];
    list.push(ind);
    out.set(ind.parentCode, list);
  }
  return out;
}

/** True when the data came from the entry layout with a cell for each score. */
export function canLinkToEntries(data: Recognized): boolean {
  if (data.layout !== "matrix") return false;
  return data.entries.some((e) => e.self?.cell !== undefined && e.appraised?.cell !== undefined);
}

const SAME = 1e-9;
export function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * The rank formula for a tie policy: C's twin for competition and dense; for "main-index-order"
 * (ties broken by the main indices in code order, higher first) a COUNTIFS chain:
 * 1 + #(total >) + #(total =, main1 >) + #(total =, main1 =, main2 >) + ….
 */
export function rankWithPolicy(
  totalRef: string,
  totalRange: string,
  policy: TiePolicy,
  mains: readonly { readonly all: string; readonly ref: string }[],
  group?: { readonly range: string; readonly ref: string }
): string {
  if (policy !== "main-index-order")
    return rankFormula(totalRef, totalRange, group?.range, group?.ref, policy);
  const g = group !== undefined ? `,${group.range},${group.ref}` : "";
  const terms = [`COUNTIFS(${totalRange},">"&${totalRef}${g})`];
  const equal: string[] = [`${totalRange},${totalRef}`];
  for (const m of mains) {
    terms.push(`COUNTIFS(${equal.join(",")},${m.all},">"&${m.ref}${g})`);
    equal.push(`${m.all},${m.ref}`);
  }
  return `=IF(${totalRef}="","",${terms.join("+")}+1)`;
}
