/**
 * The entered figures as dense columns over unit-rows (k = u × nInd + i), and the set's index they
 * are laid out by. The entry reader fills the columns as it makes each entry and hands them over
 * with its entries array; prepare() reads them, or gathers them itself from the entries' objects.
 */
import type {
  CellValue,
  Concern,
  EnteredNumber,
  Indicator,
  IndicatorSet,
  Recognized,
  ScoreEntry,
  Unit,
} from "../model/types";
import { scratchF64, scratchU8 } from "./scratch";

/** Entry code for a figure that is only a total (summary layout with a "Tổng điểm" column and no indices). */
const TOTAL_CODE = "TOTAL";

/**
 * What a node is for scoring: "pillar" (grouping row, no points of its own); "main" (sum of its
 * components, or the entered figure when it has none); "leaf" (component or criterion scored by its
 * method); "aggregate" (component with criteria below it: capped sum of its children).
 */
export type NodeKind = "pillar" | "main" | "leaf" | "aggregate";

const FROM_SELF = 1;
const FROM_APPRAISED = 2;
/** flags bit: the entry needs no number check (clean numbers in 0..max, appraised ≤ self). */
export const CLEAN = 1;
/** flags bit: the entry cites evidence. */
export const HAS_EVIDENCE = 2;

export function isBlankRaw(raw: CellValue): boolean {
  return raw === null || (typeof raw === "string" && raw.trim() === "");
}

/** True when nothing was entered in the cell (absent, or a blank cell). */
export function isBlank(n: EnteredNumber | null | undefined): boolean {
  return n === null || n === undefined || (n.points === null && isBlankRaw(n.raw));
}

/** What prepare() needs of the set alone (no entries, no profile): built once per indicators array. */
interface SetIndex {
  readonly codeIndex: ReadonlyMap<string, number>;
  readonly parentIdx: Int32Array;
  readonly children: readonly (readonly number[])[];
  readonly kind: readonly NodeKind[];
  readonly mainOf: Int32Array;
  readonly concern: readonly (Concern | undefined)[];
  readonly scored: readonly boolean[];
  readonly mains: readonly number[];
  readonly top: readonly number[];
  readonly components: readonly number[];
  /** Per indicator: its maximum plus 1e-9 (+Infinity when it has none), for the CLEAN check. */
  readonly maxEps: Float64Array;
  /** 1 where the indicator is the first row of its code. */
  readonly firstOfCode: Uint8Array;
  /** The next row with the same code (-1: none). */
  readonly dupNext: Int32Array;
}

/** Sets are read-only and reused (the confirmed set, a built-in profile's): index each array once. */
const SET_INDEX = new WeakMap<readonly Indicator[], SetIndex>();

export function setIndex(indicators: readonly Indicator[]): SetIndex {
  const known = SET_INDEX.get(indicators);
  if (known !== undefined) return known;
  const built = buildSetIndex(indicators);
  SET_INDEX.set(indicators, built);
  return built;
}

function buildSetIndex(indicators: readonly Indicator[]): SetIndex {
  const n = indicators.length;
  const codeIndex = new Map<string, number>();
  indicators.forEach((ind, i) => {
    if (!codeIndex.has(ind.code)) codeIndex.set(ind.code, i);
  });
  const children: number[][] = indicators.map(() => []);
  const parentIdx = new Int32Array(n).fill(-1);
  indicators.forEach((ind, i) => {
    if (ind.parentCode === null) return;
    const p = codeIndex.get(ind.parentCode);
    // Parents come before their children in natural code order; a link forward is ignored, so a
    // malformed tree can never loop.
    if (p !== undefined && p < i) {
      parentIdx[i] = p;
      children[p]?.push(i);
    }
  });
  const kind: NodeKind[] = indicators.map((ind, i) => {
    if (ind.level === "pillar") return "pillar";
    if (ind.level === "main") return "main";
    return (children[i]?.length ?? 0) > 0 ? "aggregate" : "leaf";
  });
  const mainOf = new Int32Array(n).fill(-1);
  const concern: (Concern | undefined)[] = new Array<Concern | undefined>(n);
  const scored: boolean[] = new Array<boolean>(n);
  const components: number[] = [];
  const top: number[] = [];
  const mains: number[] = [];
  for (let i = 0; i < n; i++) {
    const ind = indicators[i] as Indicator;
    let c: Concern | undefined = ind.concerns;
    let m = -1;
    let isScored = ind.scored && ind.method.kind !== "unscored";
    let p = parentIdx[i] ?? -1;
    const directParentKind: NodeKind | null = p >= 0 ? (kind[p] ?? null) : null;
    for (let guard = 0; p >= 0 && guard < n; guard++) {
      const pi = indicators[p] as Indicator;
      if (c === undefined) c = pi.concerns;
      if (!pi.scored || pi.method.kind === "unscored") isScored = false;
      if (kind[p] === "main" && m < 0) m = p;
      p = parentIdx[p] ?? -1;
    }
    concern[i] = c;
    mainOf[i] = m;
    scored[i] = isScored;
    const k = kind[i];
    if (k === "main") {
      mains.push(i);
      top.push(i);
    } else if (k === "leaf" || k === "aggregate") {
      const underComponent = directParentKind === "leaf" || directParentKind === "aggregate";
      if (!underComponent) {
        components.push(i);
        if (m < 0) top.push(i);
      }
    }
  }
  const maxEps = new Float64Array(n);
  indicators.forEach((ind, i) => {
    maxEps[i] = ind.maxPoints === null ? Number.POSITIVE_INFINITY : ind.maxPoints + 1e-9;
  });
  const firstOfCode = new Uint8Array(n);
  for (const i of codeIndex.values()) firstOfCode[i] = 1;
  const dupNext = new Int32Array(n).fill(-1);
  const lastOfCode = new Map<string, number>();
  indicators.forEach((ind, i) => {
    const prev = lastOfCode.get(ind.code);
    if (prev !== undefined) dupNext[prev] = i;
    lastOfCode.set(ind.code, i);
  });
  return {
    codeIndex,
    parentIdx,
    children,
    kind,
    mainOf,
    concern,
    scored,
    mains,
    top,
    components,
    maxEps,
    firstOfCode,
    dupNext,
  };
}

/**
 * The entered figures of some entries as dense columns over unit-rows (k = u × nInd + i): what
 * prepare() reads from the entries' objects. The entry reader fills them as it makes the entries
 * (`EntryColumnsBuilder`), so validation and scoring of what it read walk arrays only.
 */
interface EntryColumns {
  /** What they were built for: prepare() uses them only for these arrays (rows: same codes and maxima). */
  readonly indicators: readonly Indicator[];
  readonly units: readonly Unit[];
  readonly entries: readonly ScoreEntry[];
  /** First index of each unit id in `units`. */
  readonly unitIndex: ReadonlyMap<string, number>;
  readonly entryIdx: Int32Array;
  readonly value: Float64Array;
  readonly from: Uint8Array;
  readonly flags: Uint8Array;
  readonly totalEntry: readonly (ScoreEntry | undefined)[];
  readonly hasIndicatorEntries: readonly boolean[];
  readonly strayEntries: readonly ScoreEntry[];
  readonly hasEvidenceColumn: boolean;
}

/** Columns handed over with an entries array (by the reader that made it). Weak: they go with it. */
const COLUMNS = new WeakMap<readonly ScoreEntry[], EntryColumns>();

/**
 * Reads entries into EntryColumns one at a time, in the entries' order: the one implementation of
 * "which unit-row an entry fills, the figure that counts, and whether it needs a closer look",
 * used by prepare() over a whole array and by the entry reader as it makes each entry.
 */
export class EntryColumnsBuilder {
  readonly entryIdx: Int32Array;
  readonly value: Float64Array;
  readonly from: Uint8Array;
  readonly flags: Uint8Array;
  readonly totalEntry: (ScoreEntry | undefined)[];
  readonly hasIndicatorEntries: boolean[];
  readonly strayEntries: ScoreEntry[] = [];
  hasEvidenceColumn = false;
  private readonly index: SetIndex;
  private readonly n: number;
  private lastUnitId: string | null = null;
  private lastU = -1;
  private nextI = 0;
  private count = 0;

  /**
   * `units` are the data's (their order gives u). `scratch`: the numeric columns are reused
   * buffers, only valid during the call that built them (prepare's own gathering).
   */
  constructor(
    readonly indicators: readonly Indicator[],
    readonly units: readonly Unit[],
    private readonly unitIndex: ReadonlyMap<string, number>,
    private readonly skip: Uint8Array | null = null,
    scratch = false
  ) {
    this.index = setIndex(indicators);
    const n = indicators.length;
    this.n = n;
    const size = units.length * n;
    this.entryIdx = new Int32Array(size).fill(-1);
    this.value = scratch ? scratchF64("prepare.value", size, Number.NaN) : new Float64Array(size);
    if (!scratch) this.value.fill(Number.NaN);
    this.from = scratch ? scratchU8("prepare.from", size, 0) : new Uint8Array(size);
    this.flags = scratch ? scratchU8("prepare.flags", size, 0) : new Uint8Array(size);
    this.totalEntry = units.map(() => undefined);
    this.hasIndicatorEntries = units.map(() => false);
  }

  /** Reads entry `e`, which is entries[j] (entries must be added in order, each once). */
  add(j: number, e: ScoreEntry): void {
    this.count++;
    const { n, index, entryIdx } = this;
    if (!this.hasEvidenceColumn && (e.evidenceCell !== undefined || e.evidence !== undefined))
      this.hasEvidenceColumn = true;
    // Entries usually come grouped by unit and in indicator order: try the next row before a lookup.
    let u: number;
    if (e.unitId === this.lastUnitId) u = this.lastU;
    else {
      u = this.unitIndex.get(e.unitId) ?? -1;
      this.lastUnitId = e.unitId;
      this.lastU = u;
    }
    if (this.skip !== null && u >= 0 && this.skip[u] === 1) return;
    const nextI = this.nextI;
    let i: number | undefined;
    if (nextI < n && index.firstOfCode[nextI] === 1 && this.indicators[nextI]?.code === e.code)
      i = nextI;
    else i = index.codeIndex.get(e.code);
    // A code listed twice in the set: the unit's second entry for it goes to the second row.
    while (
      i !== undefined &&
      (index.dupNext[i] as number) >= 0 &&
      u >= 0 &&
      (entryIdx[u * n + i] as number) >= 0
    )
      i = index.dupNext[i];
    if (i !== undefined) this.nextI = i + 1;
    if (u < 0) {
      this.strayEntries.push(e);
    } else if (i === undefined) {
      if (e.code === TOTAL_CODE) this.totalEntry[u] = e;
      else this.strayEntries.push(e);
    } else {
      const k = u * n + i;
      entryIdx[k] = j;
      this.hasIndicatorEntries[u] = true;
      // Read the entry's numbers once, into flat arrays (validation and scoring read these).
      const a = e.appraised;
      const f = e.self;
      const aBlank = isBlank(a);
      const fBlank = isBlank(f);
      const chosen = aBlank ? (fBlank ? null : f) : a;
      if (chosen !== null && chosen !== undefined) {
        this.from[k] = aBlank ? FROM_SELF : FROM_APPRAISED;
        if (chosen.points !== null) this.value[k] = chosen.points;
      }
      const max = index.maxEps[i] as number;
      const fv = f?.points ?? null;
      const av = a?.points ?? null;
      let clean =
        chosen !== null &&
        chosen !== undefined &&
        (fBlank || (typeof f?.raw === "number" && fv !== null && fv >= 0 && fv <= max)) &&
        (aBlank || (typeof a?.raw === "number" && av !== null && av >= 0 && av <= max));
      if (clean && !aBlank && !fBlank && (av as number) > (fv as number) + 1e-9) clean = false;
      let bits = clean ? CLEAN : 0;
      const ev = e.evidence;
      if (ev !== undefined && ev.length > 0 && (ev.charCodeAt(0) > 32 || ev.trim() !== ""))
        bits |= HAS_EVIDENCE;
      this.flags[k] = bits;
    }
  }

  /** The columns of `entries` (every one of which was added, in order). */
  finish(entries: readonly ScoreEntry[]): EntryColumns {
    if (entries.length !== this.count)
      throw new RangeError(
        `EntryColumnsBuilder: ${this.count} entries added, ${entries.length} given`
      );
    return {
      indicators: this.indicators,
      units: this.units,
      entries,
      unitIndex: this.unitIndex,
      entryIdx: this.entryIdx,
      value: this.value,
      from: this.from,
      flags: this.flags,
      totalEntry: this.totalEntry,
      hasIndicatorEntries: this.hasIndicatorEntries,
      strayEntries: this.strayEntries,
      hasEvidenceColumn: this.hasEvidenceColumn,
    };
  }
}

/** First index of each unit id. */
export function unitIndexOf(units: readonly Unit[]): Map<string, number> {
  const unitIndex = new Map<string, number>();
  units.forEach((u, i) => {
    if (!unitIndex.has(u.id)) unitIndex.set(u.id, i);
  });
  return unitIndex;
}

/** A builder for the entries of `units` against `set` (the entry reader's: add each entry as it is made). */
export function entryColumnsBuilder(
  set: IndicatorSet,
  units: readonly Unit[]
): EntryColumnsBuilder {
  return new EntryColumnsBuilder(set.indicators, units, unitIndexOf(units));
}

/**
 * Hands `columns` over with their entries array: prepare() then reads them instead of the entries'
 * objects, for data with these very units and entries and a set with the same rows.
 */
export function attachEntryColumns(columns: EntryColumns): void {
  COLUMNS.set(columns.entries, columns);
}

/** Reads the data's entries into columns and attaches them (what the entry reader does as it reads). */
export function indexEntries(set: IndicatorSet, data: Recognized): EntryColumns {
  const b = entryColumnsBuilder(set, data.units);
  const entries = data.entries;
  for (let j = 0; j < entries.length; j++) b.add(j, entries[j] as ScoreEntry);
  const columns = b.finish(entries);
  attachEntryColumns(columns);
  return columns;
}

/** Same codes and maxima in the same order (what the columns' row index and CLEAN bit depend on). */
function sameRows(a: readonly Indicator[], b: readonly Indicator[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Indicator;
    const y = b[i] as Indicator;
    if (x.code !== y.code || x.maxPoints !== y.maxPoints) return false;
  }
  return true;
}

/** The columns attached to the data's entries, when they were built for this set and these units. */
export function attachedColumns(set: IndicatorSet, data: Recognized): EntryColumns | undefined {
  const c = COLUMNS.get(data.entries);
  if (c === undefined || c.units !== data.units || c.entries.length !== data.entries.length)
    return undefined;
  return sameRows(c.indicators, set.indicators) ? c : undefined;
}
