/**
 * Over 400 lines: the scoring methods and Sơn La's special rules share one prepared index and one
 * loop; apart they would each re-walk the tree.
 *
 * Scoring: each unit's components, main indices and total, with how every number was obtained.
 * The appraised score counts where there is one, otherwise the self score. Sơn La's special rules
 * (peer maximum, proportional DVCTT score, not applicable → max) are applied when the profile says so.
 * Blank or unusable entries score null (never 0) and make the unit's total provisional.
 */
import type {
  CellRef,
  Derivation,
  EnteredNumber,
  Indicator,
  IndicatorResult,
  IndicatorSet,
  Recognized,
  Rounding,
  ScoreEntry,
  Unit,
} from "../model/types";
import { roundTo } from "../numbers/round";
import { foldName } from "../text/normalize";
import { isNotApplicable } from "../validate";
import { lazyRecord } from "./lazy-record";
import { prepare, type Prepared } from "./prepare";
import { scratchF64, scratchU8 } from "./scratch";

export { isBlank } from "./columns";

/** One unit's scores before grading and ranking. */
export interface ScoredUnit {
  readonly unit: Unit;
  /** The unit's ranking group (its own, or the profile's only group); null when none matched. */
  readonly groupId: string | null;
  /** Components and criteria (every node below a main index), by code. */
  readonly components: Readonly<Record<string, IndicatorResult>>;
  readonly mainIndices: Readonly<Record<string, IndicatorResult>>;
  /** Main-index points in natural code order (null where unknown): the tie-break key vector. */
  readonly mainPoints: readonly (number | null)[];
  /** Sum of the scored main indices (and top-level components); null when nothing could be scored. */
  readonly totalPoints: number | null;
  /** "sum-of-components" over the top-level codes, "entered-total", or "missing". */
  readonly totalHow: Derivation;
  /** Its group's maximum less the maxima of the indicators that do not apply to it. */
  readonly applicableMax: number;
  /** Its group's maximum (the basis of "% of the group's maximum"). */
  readonly groupMax: number;
  /** Scored entries that were blank or unusable. */
  readonly missingCount: number;
  readonly provisional: boolean;
}

const EPS = 1e-9;
const SRC_NONE = 0;
const SRC_SELF = 1;
const SRC_APPRAISED = 2;
const SRC_RULE = 3;
const SOURCES = ["none", "self", "appraised", "rule"] as const;

const PENDING_PEER = 1;
const PENDING_PROPORTIONAL = 2;
const PENDING_NORMALISED = 3;
/** Set by a rule (not applicable → max) on an aggregate: its children are not summed. */
const FIXED = 4;
/** The indicator does not apply to the unit (rules sheet block 9): no points, not in its max. */
const EXCLUDED = 5;

const MISSING: Derivation = { rule: "missing" };
const UNSCORED: Derivation = { rule: "unscored" };
const NOT_APPLICABLE: Derivation = { rule: "not-applicable-max" };
const ENTERED_TOTAL: Derivation = { rule: "entered-total" };
const NOT_FOR_UNIT: Derivation = { rule: "not-applicable-to-unit" };

// Hot-loop helpers kept in this module: calls across modules go through export getters under tsx/CJS.
function entryAt(p: Prepared, k: number): ScoreEntry | undefined {
  const j = p.entryIdx[k] as number;
  return j < 0 ? undefined : p.entries[j];
}

function isBlank(n: EnteredNumber | null | undefined): boolean {
  if (n === null || n === undefined) return true;
  if (n.points !== null) return false;
  const raw = n.raw;
  return raw === null || (typeof raw === "string" && raw.trim() === "");
}

/** Which entered number counts: the appraised one when entered, else the self score (no allocation). */
function chosenSrc(entry: ScoreEntry | undefined): number {
  if (entry === undefined) return SRC_NONE;
  if (!isBlank(entry.appraised)) return SRC_APPRAISED;
  if (!isBlank(entry.self)) return SRC_SELF;
  return SRC_NONE;
}

function chosenNumber(entry: ScoreEntry | undefined, src: number): EnteredNumber | null {
  if (entry === undefined) return null;
  if (src === SRC_APPRAISED) return entry.appraised ?? null;
  if (src === SRC_SELF) return entry.self ?? null;
  return null;
}

function entered(src: number, cell: CellRef | undefined): Derivation {
  const from = src === SRC_APPRAISED ? "appraised" : "self";
  return cell === undefined ? { rule: "entered", from } : { rule: "entered", from, cell };
}

interface State {
  readonly p: Prepared;
  readonly n: number;
  readonly pts: Float64Array;
  readonly src: Uint8Array;
  readonly pending: Uint8Array;
  readonly raw: Float64Array;
  /** Derivations other than "entered" (built on read), by unit-row k. */
  readonly how: Map<number, Derivation>;
  readonly maxOf: Float64Array;
}

/** Phase A: one leaf of one unit by its method (or a rule that needs no peers). */
function scoreLeaf(s: State, u: number, i: number): void {
  const { p, n } = s;
  const k = u * n + i;
  const ind = p.indicators[i] as Indicator;
  const unit = p.units[u] as Unit;
  const rules = p.profile.specialRules;
  const max = s.maxOf[i] as number;
  if (p.excluded !== null && p.excluded[k] === 1) {
    s.pts[k] = Number.NaN;
    s.src[k] = SRC_RULE;
    s.pending[k] = EXCLUDED;
    s.how.set(k, NOT_FOR_UNIT);
    return;
  }
  if (!p.scored[i]) {
    s.pts[k] = 0;
    s.src[k] = SRC_RULE;
    s.how.set(k, UNSCORED);
    return;
  }
  if (rules.notApplicableToMax && unit.notApplicable.length > 0 && isNotApplicable(p, unit, i)) {
    s.pts[k] = max;
    s.src[k] = SRC_RULE;
    s.how.set(k, NOT_APPLICABLE);
    return;
  }
  const concern = p.concern[i];
  if (
    rules.peerMaxForNoSubordinates &&
    concern === "subordinate-units" &&
    !unit.hasSubordinateUnits
  ) {
    s.pending[k] = PENDING_PEER;
    return;
  }
  if (rules.proportionalDvctt !== null && concern === "dvctt" && !unit.hasDvctt) {
    s.pending[k] = PENDING_PROPORTIONAL;
    return;
  }
  const entry = entryAt(p, k);
  const src = chosenSrc(entry);
  const value = chosenNumber(entry, src)?.points ?? null;
  const method = ind.method;
  s.src[k] = src;
  switch (method.kind) {
    case "direct": {
      if (value === null || value < 0 || (ind.maxPoints !== null && value > ind.maxPoints + EPS)) {
        setMissing(s, k);
        return;
      }
      // The derivation ("entered", with its cell) is built only when the result is read.
      s.pts[k] = value;
      return;
    }
    case "ratio": {
      const b = entry?.denominator?.points ?? null;
      if (value === null || value < 0 || b === null || b <= 0) {
        setMissing(s, k);
        return;
      }
      s.pts[k] = Math.min(value / b, 1) * max;
      s.how.set(k, { rule: "ratio", a: value, b, maxPoints: max });
      return;
    }
    case "step": {
      if (value === null || value < 0) {
        setMissing(s, k);
        return;
      }
      let best: { atLeast: number; points: number } | null = null;
      for (const st of method.steps)
        if (value >= st.atLeast - EPS && (best === null || st.atLeast > best.atLeast)) best = st;
      s.pts[k] = best === null ? 0 : Math.min(best.points, max > 0 ? max : best.points);
      s.how.set(k, { rule: "step", value, atLeast: best === null ? null : best.atLeast });
      return;
    }
    case "fraction": {
      const label = entry?.option;
      const folded = label === undefined ? "" : foldName(label);
      const opt =
        folded === "" ? undefined : method.options.find((o) => foldName(o.label) === folded);
      if (opt === undefined) {
        setMissing(s, k);
        return;
      }
      s.src[k] =
        entry?.appraised?.points !== undefined && !isBlank(entry.appraised)
          ? SRC_APPRAISED
          : SRC_SELF;
      s.pts[k] = opt.fraction * max;
      s.how.set(k, { rule: "fraction", option: opt.label, fraction: opt.fraction });
      return;
    }
    case "capped-sum": {
      let sum = 0;
      let any = false;
      for (const item of entry?.items ?? [])
        if (item.points !== null && item.points >= 0) {
          sum += item.points;
          any = true;
        }
      if (!any) {
        if (value === null || value < 0) {
          setMissing(s, k);
          return;
        }
        sum = value;
      }
      s.pts[k] = Math.min(sum, max);
      s.how.set(k, { rule: "capped-sum", sum, cap: max });
      return;
    }
    case "normalised-to-best": {
      if (value === null || value < 0) {
        setMissing(s, k);
        return;
      }
      s.raw[k] = value;
      s.pending[k] = PENDING_NORMALISED;
      return;
    }
    case "bonus": {
      // No bonus entered means no bonus: 0, not missing.
      const v = value === null ? 0 : Math.abs(value);
      const pts = max > 0 ? Math.min(v, max) : v;
      s.pts[k] = pts;
      s.how.set(k, { rule: "bonus", points: pts });
      return;
    }
    case "penalty": {
      const v = value === null ? 0 : Math.abs(value);
      const pts = max > 0 ? Math.min(v, max) : v;
      s.pts[k] = pts === 0 ? 0 : -pts;
      s.how.set(k, { rule: "penalty", points: pts });
      return;
    }
    case "unscored":
      s.pts[k] = 0;
      s.src[k] = SRC_RULE;
      s.how.set(k, UNSCORED);
      return;
  }
}

/**
 * Caps the unit's bonus (penalty) points at the rules sheet's cap: indicators in code order keep
 * their points until the cap is reached, so components, main indices and the total still add up.
 */
function applyCaps(s: State, u: number, leaves: readonly number[]): void {
  const { p, n } = s;
  const rules = p.profile.specialRules;
  let bonusLeft = rules.bonusCap ?? Number.POSITIVE_INFINITY;
  let penaltyLeft = rules.penaltyCap ?? Number.POSITIVE_INFINITY;
  for (const i of leaves) {
    const kind = (p.indicators[i] as Indicator).method.kind;
    if (kind !== "bonus" && kind !== "penalty") continue;
    const k = u * n + i;
    if (s.pending[k] === EXCLUDED || !p.scored[i]) continue;
    const v = Math.abs(s.pts[k] as number);
    if (Number.isNaN(v)) continue;
    if (kind === "bonus") {
      const kept = Math.min(v, bonusLeft);
      bonusLeft -= kept;
      if (kept < v) {
        s.pts[k] = kept;
        s.how.set(k, { rule: "bonus", points: kept, cap: rules.bonusCap ?? 0 });
      }
    } else {
      const kept = Math.min(v, penaltyLeft);
      penaltyLeft -= kept;
      if (kept < v) {
        s.pts[k] = kept === 0 ? 0 : -kept;
        s.how.set(k, { rule: "penalty", points: kept, cap: rules.penaltyCap ?? 0 });
      }
    }
  }
}

function setMissing(s: State, k: number): void {
  s.pts[k] = Number.NaN;
  s.src[k] = SRC_NONE;
  s.how.set(k, MISSING);
}

/** Aggregates (components with criteria), bottom-up: capped sum of children. */
function aggregate(s: State, u: number, aggregates: readonly number[]): void {
  const { p, n } = s;
  for (const i of aggregates) {
    const k = u * n + i;
    if (s.pending[k] === FIXED || s.pending[k] === EXCLUDED) continue;
    let sum = 0;
    let any = false;
    for (const c of p.children[i] ?? []) {
      const v = s.pts[u * n + c] as number;
      if (!Number.isNaN(v)) {
        sum += v;
        any = true;
      }
    }
    const max = s.maxOf[i] as number;
    if (!any) {
      setMissing(s, k);
      continue;
    }
    s.pts[k] = max > 0 ? Math.min(sum, max) : sum;
    s.src[k] = SRC_RULE;
    s.how.set(k, { rule: "capped-sum", sum, cap: max });
  }
}

/** Scores every unit of the data against the set; rounding only at the declared stage. */
export function scoreUnits(set: IndicatorSet, data: Recognized, rounding?: Rounding): ScoredUnit[] {
  return scorePrepared(prepare(set, data), rounding ?? set.profile.rounding);
}

/** scoreUnits() over an already prepared index. */
export function scorePrepared(p: Prepared, rounding: Rounding): ScoredUnit[] {
  const n = p.indicators.length;
  const nu = p.units.length;
  const size = n * nu;
  const s: State = {
    p,
    n,
    pts: new Float64Array(size).fill(Number.NaN),
    src: new Uint8Array(size),
    // Scratch (only used during this call); pts, src and how stay with the results (read lazily).
    pending: scratchU8("score.pending", size, 0),
    raw: scratchF64("score.raw", size, Number.NaN),
    how: new Map<number, Derivation>(),
    maxOf: new Float64Array(n),
  };
  const rules = p.profile.specialRules;
  const leaves: number[] = [];
  const aggregates: number[] = [];
  for (let i = 0; i < n; i++) {
    const kind = p.kind[i];
    if (kind === "leaf") leaves.push(i);
    else if (kind === "aggregate") aggregates.push(i);
  }
  aggregates.reverse(); // children come after parents in natural order: reverse is bottom-up
  // Maxima: a component's own; a main index's own or the sum of its components.
  for (let i = 0; i < n; i++) s.maxOf[i] = (p.indicators[i] as Indicator).maxPoints ?? 0;
  for (const m of p.mains) {
    const ind = p.indicators[m] as Indicator;
    if (ind.maxPoints === null) s.maxOf[m] = sumOfMaxima(p, s.maxOf, p.children[m] ?? []);
  }

  // Phase A: methods and rules that need no peers.
  // Fast path for the common case (direct points, a clean number in range, no rule for this unit):
  // inlined, because scoring 330,000 cells one call at a time is what made evaluate slow.
  const fastDirect = new Uint8Array(n);
  const maxEps = new Float64Array(n);
  for (const i of leaves) {
    const ind = p.indicators[i] as Indicator;
    if (p.scored[i] && ind.method.kind === "direct" && ind.maxPoints !== null) fastDirect[i] = 1;
    maxEps[i] = (ind.maxPoints ?? 0) + EPS;
  }
  const concernSub = new Uint8Array(n);
  const concernDvctt = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (p.concern[i] === "subordinate-units") concernSub[i] = 1;
    else if (p.concern[i] === "dvctt") concernDvctt[i] = 1;
  }
  const { value, from } = p;
  const { pts, src } = s;
  const excluded = p.excluded;
  for (let u = 0; u < nu; u++) {
    const unit = p.units[u] as Unit;
    const base = u * n;
    const anyNa =
      (rules.notApplicableToMax && unit.notApplicable.length > 0) ||
      (excluded !== null && p.excludedRoots.has(u));
    const peerExempt = rules.peerMaxForNoSubordinates && !unit.hasSubordinateUnits;
    const propExempt = rules.proportionalDvctt !== null && !unit.hasDvctt;
    for (const i of leaves) {
      if (
        fastDirect[i] === 1 &&
        !anyNa &&
        !(peerExempt && concernSub[i] === 1) &&
        !(propExempt && concernDvctt[i] === 1)
      ) {
        const k = base + i;
        const v = value[k] as number; // NaN (none or unusable) fails both comparisons
        if (v >= 0 && v <= (maxEps[i] as number)) {
          pts[k] = v;
          src[k] = from[k] as number;
          continue;
        }
      }
      scoreLeaf(s, u, i);
    }
    if (excluded !== null && p.excludedRoots.has(u))
      for (const i of aggregates)
        if (excluded[base + i] === 1) {
          s.pts[base + i] = Number.NaN;
          s.src[base + i] = SRC_RULE;
          s.pending[base + i] = EXCLUDED;
          s.how.set(base + i, NOT_FOR_UNIT);
        }
    if (rules.notApplicableToMax) {
      const unit = p.units[u] as Unit;
      if (unit.notApplicable.length > 0)
        for (const i of aggregates)
          if (s.pending[u * n + i] !== EXCLUDED && isNotApplicable(p, unit, i)) {
            const k = u * n + i;
            s.pts[k] = s.maxOf[i] as number;
            s.src[k] = SRC_RULE;
            s.how.set(k, NOT_APPLICABLE);
            s.pending[k] = FIXED;
          }
    }
  }
  // Phase A2: the rules sheet's caps on all bonus / penalty points of a unit, in code order.
  if (rules.bonusCap !== undefined || rules.penaltyCap !== undefined)
    for (let u = 0; u < nu; u++) applyCaps(s, u, leaves);
  // Phase B: normalised to the best unit of the same group.
  for (const i of leaves) {
    if ((p.indicators[i] as Indicator).method.kind !== "normalised-to-best") continue;
    const best = new Map<string | null, { value: number; u: number }>();
    for (let u = 0; u < nu; u++) {
      const k = u * n + i;
      if (s.pending[k] !== PENDING_NORMALISED) continue;
      const v = s.raw[k] as number;
      const g = p.groupOf[u] ?? null;
      const b = best.get(g);
      if (b === undefined || v > b.value) best.set(g, { value: v, u });
    }
    const max = s.maxOf[i] as number;
    for (let u = 0; u < nu; u++) {
      const k = u * n + i;
      if (s.pending[k] !== PENDING_NORMALISED) continue;
      const b = best.get(p.groupOf[u] ?? null);
      if (b === undefined) continue;
      const v = s.raw[k] as number;
      s.pts[k] = b.value > 0 ? (v / b.value) * max : 0;
      s.how.set(k, {
        rule: "normalised-to-best",
        value: v,
        best: b.value,
        bestUnit: (p.units[b.u] as Unit).id,
      });
      s.pending[k] = 0;
    }
  }
  // Phase C: peer maximum over all units that scored the component themselves.
  if (rules.peerMaxForNoSubordinates) {
    for (const i of leaves) {
      if (p.concern[i] !== "subordinate-units") continue;
      let best = Number.NaN;
      let bestU = -1;
      for (let u = 0; u < nu; u++) {
        const k = u * n + i;
        if (s.pending[k] === PENDING_PEER || s.src[k] === SRC_RULE) continue;
        const v = s.pts[k] as number;
        if (!Number.isNaN(v) && (bestU < 0 || v > best)) {
          best = v;
          bestU = u;
        }
      }
      const how: Derivation = {
        rule: "peer-max",
        bestUnit: bestU < 0 ? null : (p.units[bestU] as Unit).id,
      };
      for (let u = 0; u < nu; u++) {
        const k = u * n + i;
        if (s.pending[k] !== PENDING_PEER) continue;
        s.pts[k] = best;
        s.src[k] = SRC_RULE;
        s.how.set(k, how);
      }
    }
  }
  // Phase D: aggregates; Phase E: proportional DVCTT score from the unit's other components.
  const prop = rules.proportionalDvctt;
  for (let u = 0; u < nu; u++) {
    aggregate(s, u, aggregates);
    if (prop === null || (p.units[u] as Unit).hasDvctt) continue;
    let changed = false;
    for (const i of leaves) {
      const k = u * n + i;
      if (s.pending[k] !== PENDING_PROPORTIONAL) continue;
      const main = prop.scope === "same-main-index" ? (p.mainOf[i] as number) : -1;
      let actual = 0;
      let maxSum = 0;
      for (const c of p.components) {
        if (p.concern[c] === "dvctt" || !p.scored[c]) continue;
        const mk = (p.indicators[c] as Indicator).method.kind;
        if (mk === "bonus" || mk === "penalty") continue;
        if (main >= 0 && p.mainOf[c] !== main) continue;
        if (s.pending[u * n + c] === EXCLUDED) continue;
        const v = s.pts[u * n + c] as number;
        if (!Number.isNaN(v)) actual += v;
        maxSum += s.maxOf[c] as number;
      }
      const max = s.maxOf[i] as number;
      s.pts[k] = maxSum > 0 ? (actual / maxSum) * max : 0;
      s.src[k] = SRC_RULE;
      s.how.set(k, {
        rule: "proportional",
        actualPoints: actual,
        maxPoints: maxSum,
        scope:
          main >= 0 ? `same-main-index:${(p.indicators[main] as Indicator).code}` : "all-non-dvctt",
      });
      changed = true;
    }
    if (changed) aggregate(s, u, aggregates);
  }

  return buildResults(s, leaves, aggregates, rounding);
}

function sumOfMaxima(p: Prepared, maxOf: Float64Array, nodes: readonly number[]): number {
  let sum = 0;
  for (const c of nodes) {
    const mk = (p.indicators[c] as Indicator).method.kind;
    if (!p.scored[c] || mk === "bonus" || mk === "penalty") continue;
    sum += maxOf[c] as number;
  }
  return sum;
}

function buildResults(
  s: State,
  leaves: readonly number[],
  aggregates: readonly number[],
  rounding: Rounding
): ScoredUnit[] {
  const { p, n } = s;
  const roundComponents = rounding.stage === "component";
  const roundMains = rounding.stage === "main-index";
  const roundTotal = rounding.stage === "total";
  const dec = rounding.decimals;
  const below: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = p.kind[i];
    if (k === "leaf" || k === "aggregate") below.push(i);
  }
  const belowIndex = new Map<string, number>();
  below.forEach((i, j) => {
    const c = (p.indicators[i] as Indicator).code;
    if (!belowIndex.has(c)) belowIndex.set(c, j);
  });
  const belowKeys = [...belowIndex.keys()];
  const mainHow: Derivation[] = p.mains.map((m) => ({
    rule: "sum-of-components",
    codes: (p.children[m] ?? []).map((c) => (p.indicators[c] as Indicator).code),
  }));
  const mainIndex = new Map<string, number>();
  p.mains.forEach((m, j) => {
    const c = (p.indicators[m] as Indicator).code;
    if (!mainIndex.has(c)) mainIndex.set(c, j);
  });
  // A code listed twice shows once in the record (its first row; duplicate_code says so).
  const mainKeys = [...mainIndex.keys()];
  const topCodes = p.top.map((t) => (p.indicators[t] as Indicator).code);
  const totalHowSum: Derivation = { rule: "sum-of-components", codes: topCodes };
  const setMax = sumOfMaxima(p, s.maxOf, p.top);
  const groupMax = new Map<string, number>();
  for (const g of p.profile.groups)
    groupMax.set(g.id, g.maxFromSet === true ? setMax || p.profile.scale : g.maxPoints);
  const fixedUnder = new Uint8Array(n);
  let fixedMarked = false;
  const out: ScoredUnit[] = new Array<ScoredUnit>(p.units.length);
  const mainPts = new Float64Array(n);
  const scoredLeaves = Int32Array.from(leaves.filter((i) => p.scored[i]));
  // Per main index its scored children (the ones its sum adds up).
  const scoredKids = p.mains.map((m) =>
    Int32Array.from((p.children[m] ?? []).filter((c) => p.scored[c]))
  );
  const { pts, pending } = s;
  // One maker per record kind for all units (each record carries its unit's base or index).
  const makeComponent = (j: number, base: number): IndicatorResult =>
    componentResult(s, base, below[j] as number);
  const reductions = new Map<number, ReadonlyMap<number, number>>();
  const makeMain = (j: number, u: number): IndicatorResult =>
    mainResult(s, u * n, p.mains[j] as number, mainHow[j] ?? MISSING, reductions.get(u));

  for (let u = 0; u < p.units.length; u++) {
    const unit = p.units[u] as Unit;
    const base = u * n;
    // Which leaves sit under an aggregate set by a rule (their blanks do not matter).
    if (fixedMarked) fixedUnder.fill(0);
    fixedMarked = false;
    for (const a of aggregates)
      if (pending[base + a] === FIXED) {
        markDescendants(p, a, fixedUnder);
        fixedMarked = true;
      }
    let missing = 0;
    for (let j = 0; j < scoredLeaves.length; j++) {
      const i = scoredLeaves[j] as number;
      const v = pts[base + i] as number;
      // NaN: blank, unusable, or set by no rule.
      if (v !== v && pending[base + i] !== EXCLUDED && (!fixedMarked || fixedUnder[i] === 0))
        missing++;
    }
    if (roundComponents)
      for (const i of below) {
        const k = base + i;
        const v = s.pts[k] as number;
        if (!Number.isNaN(v)) s.pts[k] = roundTo(v, dec);
      }
    const components = lazyRecord(belowKeys, belowIndex, makeComponent, base);
    const mainPoints = new Array<number | null>(p.mains.length);
    for (let mi = 0; mi < p.mains.length; mi++) {
      const m = p.mains[mi] as number;
      const ind = p.indicators[m] as Indicator;
      const kids = p.children[m] ?? [];
      const k = base + m;
      let v = Number.NaN;
      let from = SRC_RULE;
      if (!p.scored[m]) {
        v = 0;
      } else if (p.excluded !== null && p.excluded[k] === 1) {
        // Does not apply to this unit: no points, not missing.
      } else if (kids.length > 0) {
        let sum = 0;
        let any = false;
        const sk = scoredKids[mi] as Int32Array;
        for (let j = 0; j < sk.length; j++) {
          const cv = pts[base + (sk[j] as number)] as number;
          if (cv === cv) {
            sum += cv;
            any = true;
          }
        }
        if (any) v = sum;
      } else {
        // Summary layout: the main-index figure itself was entered.
        const mEntry = entryAt(p, k);
        from = chosenSrc(mEntry);
        const val = chosenNumber(mEntry, from)?.points ?? null;
        if (val !== null && val >= 0 && (ind.maxPoints === null || val <= ind.maxPoints + EPS))
          v = val;
        else missing++;
      }
      if (roundMains && !Number.isNaN(v)) v = roundTo(v, dec);
      // Main-index rows hold no component points: their slots keep the main index's own figure.
      s.pts[k] = v;
      s.src[k] = Number.isNaN(v) ? SRC_NONE : from;
      if (p.excluded !== null && p.excluded[k] === 1) s.pending[k] = EXCLUDED;
      mainPts[m] = v;
      mainPoints[mi] = Number.isNaN(v) || !p.scored[m] ? null : v;
    }
    // Indicators that do not apply to the unit leave its maximum (and their main index's).
    const roots = p.excludedRoots.get(u);
    let reduction = 0;
    let mainReduction: Map<number, number> | undefined;
    if (roots !== undefined) {
      mainReduction = new Map();
      for (const r of roots) {
        const mk = (p.indicators[r] as Indicator).method.kind;
        if (!p.scored[r] || mk === "bonus" || mk === "penalty") continue;
        const mx = s.maxOf[r] as number;
        reduction += mx;
        const m = p.kind[r] === "main" ? r : (p.mainOf[r] as number);
        if (m >= 0 && m !== r) mainReduction.set(m, (mainReduction.get(m) ?? 0) + mx);
      }
    }
    if (mainReduction !== undefined) reductions.set(u, mainReduction);
    const mainIndices = lazyRecord(mainKeys, mainIndex, makeMain, u);
    // Total: scored main indices and top-level components; or the entered total when only a total exists.
    let total: number | null = null;
    let totalHow: Derivation = MISSING;
    const te = p.totalEntry[u];
    if (te !== undefined && !p.hasIndicatorEntries[u]) {
      const num = chosenNumber(te, chosenSrc(te));
      const val = num?.points ?? null;
      const gmax = groupMax.get(p.groupOf[u] ?? "") ?? null;
      if (val !== null && val >= 0 && (gmax === null || val <= gmax + EPS)) {
        total = val;
        totalHow = ENTERED_TOTAL;
      } else missing++;
    } else {
      let sum = 0;
      let any = false;
      for (const t of p.top) {
        if (!p.scored[t]) continue;
        const v = p.kind[t] === "main" ? (mainPts[t] as number) : (s.pts[base + t] as number);
        if (!Number.isNaN(v)) {
          sum += v;
          any = true;
        }
      }
      if (any) {
        total = sum;
        totalHow = totalHowSum;
      } else if (p.top.length === 0 && te === undefined) missing++;
    }
    if (roundTotal && total !== null) total = roundTo(total, dec);
    const groupId = p.groupOf[u] ?? null;
    const gMax = groupId !== null ? (groupMax.get(groupId) ?? setMax) : setMax || p.profile.scale;
    out[u] = {
      unit,
      groupId,
      components,
      mainIndices,
      mainPoints,
      totalPoints: total,
      totalHow,
      applicableMax: Math.max(0, gMax - reduction),
      groupMax: gMax,
      missingCount: missing,
      provisional: missing > 0 || total === null,
    };
  }
  return out;
}

/** Unit-row k does not apply to its unit (read after scoring: p.excluded is not scratch). */
function excludedAt(p: Prepared, k: number): boolean {
  return p.excluded !== null && p.excluded[k] === 1;
}

/** One main index's result, built when it is read. */
function mainResult(
  s: State,
  base: number,
  m: number,
  sumHow: Derivation,
  reduction?: ReadonlyMap<number, number>
): IndicatorResult {
  const k = base + m;
  const p = s.p;
  const ind = p.indicators[m] as Indicator;
  const v = s.pts[k] as number;
  const src = s.src[k] as number;
  let how: Derivation;
  if (!p.scored[m]) how = UNSCORED;
  else if (excludedAt(p, k)) how = NOT_FOR_UNIT;
  else if ((p.children[m]?.length ?? 0) > 0) how = sumHow;
  else if (Number.isNaN(v)) how = MISSING;
  else how = entered(src, chosenNumber(entryAt(p, k), src)?.cell);
  return {
    code: ind.code,
    points: Number.isNaN(v) ? null : v,
    maxPoints: p.scored[m] ? Math.max(0, (s.maxOf[m] as number) - (reduction?.get(m) ?? 0)) : 0,
    source: excludedAt(p, k) ? "rule" : Number.isNaN(v) ? "none" : (SOURCES[src] ?? "none"),
    how,
  };
}

/** One component's result, built when it is read. */
function componentResult(s: State, base: number, i: number): IndicatorResult {
  const k = base + i;
  const ind = s.p.indicators[i] as Indicator;
  const v = s.pts[k] as number;
  const src = s.src[k] as number;
  let how = s.how.get(k);
  if (how === undefined)
    how = Number.isNaN(v) ? MISSING : entered(src, chosenNumber(entryAt(s.p, k), src)?.cell);
  return {
    code: ind.code,
    points: Number.isNaN(v) ? null : v,
    maxPoints: s.p.scored[i] ? (s.maxOf[i] as number) : 0,
    source: SOURCES[src] ?? "none",
    how,
  };
}

function markDescendants(p: Prepared, i: number, mark: Uint8Array): void {
  for (const c of p.children[i] ?? []) {
    mark[c] = 1;
    markDescendants(p, c, mark);
  }
}
