/**
 * Indices over an indicator set and its entries, so that validation and scoring walk flat arrays
 * instead of searching (3,321 units × 100 indicators in a few milliseconds): the set's index is
 * built once per indicators array, the entered figures come from the entry reader's columns
 * (columns.ts) or are gathered here from the entries' objects.
 */
import type {
  CellRef,
  Concern,
  Indicator,
  IndicatorSet,
  Recognized,
  RuleProfile,
  ScoreEntry,
  Unit,
} from "../model/types";
import { foldName } from "../text/normalize";
import {
  EntryColumnsBuilder,
  attachedColumns,
  setIndex,
  unitIndexOf,
  type NodeKind,
} from "./columns";

export interface Prepared {
  readonly profile: RuleProfile;
  readonly indicators: readonly Indicator[];
  readonly codeIndex: ReadonlyMap<string, number>;
  readonly kind: readonly NodeKind[];
  /** Direct children (indices) of each indicator. */
  readonly children: readonly (readonly number[])[];
  /** Index of the main index each node sits under (-1: none). */
  readonly mainOf: Int32Array;
  /** Concern of each node, inherited from its ancestors when not set on it. */
  readonly concern: readonly (Concern | undefined)[];
  /** Nodes that count towards points (not unscored). */
  readonly scored: readonly boolean[];
  /** Main indices in natural order. */
  readonly mains: readonly number[];
  /** Nodes that add up to the total: main indices, plus components that sit under no main index. */
  readonly top: readonly number[];
  /** Components directly under a main index or at the top: the set of Sơn La rule 2's scope. */
  readonly components: readonly number[];
  readonly units: readonly Unit[];
  /** Group of each unit: the recognised one, or the profile's only group when there is just one. */
  readonly groupOf: readonly (string | null)[];
  readonly unitIndex: ReadonlyMap<string, number>;
  /** The data's entries; entryIdx[u * nInd + i] is the index of what unit u entered for indicator i (-1: none). */
  readonly entries: readonly ScoreEntry[];
  readonly entryIdx: Int32Array;
  /** The entered number that counts per unit-row (appraised if entered, else self); NaN: none or unusable. */
  readonly value: Float64Array;
  /** Which column `value` came from: 0 (none), FROM_SELF, FROM_APPRAISED. */
  readonly from: Uint8Array;
  /** CLEAN: every entered number typed as a number, 0..max, appraised ≤ self; HAS_EVIDENCE. */
  readonly flags: Uint8Array;
  /** Entered totals (TOTAL_CODE) by unit index. */
  readonly totalEntry: readonly (ScoreEntry | undefined)[];
  /** True per unit when it entered something for any indicator of the set. */
  readonly hasIndicatorEntries: readonly boolean[];
  /** Entries whose code is not in the set (or whose unit is unknown). */
  readonly strayEntries: readonly ScoreEntry[];
  /** True when the data carries an evidence column. */
  readonly hasEvidenceColumn: boolean;
  /**
   * Unit-rows of indicators that do not apply to the unit (the profile's limitedIndices, rules sheet
   * block 9), with their descendants and any ancestor all of whose children are excluded; null when
   * the profile limits no indicator.
   */
  readonly excluded: Uint8Array | null;
  /** Per unit index: the excluded nodes whose parent is not excluded (their maxima leave its max). */
  readonly excludedRoots: ReadonlyMap<number, readonly number[]>;
  /** Block 9 codes not in the set, and names in its lists that match no unit. */
  readonly limitedUnknown: {
    readonly codes: readonly { readonly code: string; readonly cell?: CellRef }[];
    readonly units: readonly {
      readonly code: string;
      readonly name: string;
      readonly cell?: CellRef;
    }[];
  };
}

/** What unit-row k (= u * nInd + i) entered, if anything. */
export function entryAt(p: Prepared, k: number): ScoreEntry | undefined {
  const j = p.entryIdx[k] ?? -1;
  return j < 0 ? undefined : p.entries[j];
}

/** The profile's group for a unit: its own, or the only group of a one-group profile when none was written. */
function effectiveGroup(profile: RuleProfile, unit: Unit): string | null {
  if (unit.groupId !== null) return unit.groupId;
  const only = profile.groups.length === 1 ? profile.groups[0] : undefined;
  if (only !== undefined && (unit.groupText === undefined || unit.groupText.trim() === ""))
    return only.id;
  return null;
}

/** Indexes a set and its entries; `onlyUnits` (ids) limits the entries read (a live re-check of a few units). */
export function prepare(
  set: IndicatorSet,
  data: Recognized,
  onlyUnits?: ReadonlySet<string>
): Prepared {
  const indicators = set.indicators;
  const si = setIndex(indicators);
  const { codeIndex, children, parentIdx } = si;
  const units = data.units;
  const groupOf = units.map((u) => effectiveGroup(set.profile, u));
  let cols = onlyUnits === undefined ? attachedColumns(set, data) : undefined;
  if (cols === undefined) {
    const ui = unitIndexOf(units);
    let skip: Uint8Array | null = null;
    if (onlyUnits !== undefined) {
      const s = new Uint8Array(units.length).fill(1);
      units.forEach((x, u) => {
        if (onlyUnits.has(x.id)) s[u] = 0;
      });
      skip = s;
    }
    // Scratch: only read during the validate/score call that prepared them.
    const b = new EntryColumnsBuilder(indicators, units, ui, skip, true);
    const entries = data.entries;
    for (let j = 0; j < entries.length; j++) b.add(j, entries[j] as ScoreEntry);
    cols = b.finish(entries);
  }
  const limited = limitIndices(set.profile, indicators, codeIndex, children, parentIdx, units);
  return {
    profile: set.profile,
    indicators,
    codeIndex,
    kind: si.kind,
    children,
    mainOf: si.mainOf,
    concern: si.concern,
    scored: si.scored,
    mains: si.mains,
    top: si.top,
    components: si.components,
    units,
    groupOf,
    unitIndex: cols.unitIndex,
    entries: data.entries,
    entryIdx: cols.entryIdx,
    value: cols.value,
    from: cols.from,
    flags: cols.flags,
    totalEntry: cols.totalEntry,
    hasIndicatorEntries: cols.hasIndicatorEntries,
    strayEntries: cols.strayEntries,
    hasEvidenceColumn: cols.hasEvidenceColumn,
    ...limited,
  };
}

/** The unit-rows of indicators that apply only to some units (see Prepared.excluded). */
function limitIndices(
  profile: RuleProfile,
  indicators: readonly Indicator[],
  codeIndex: ReadonlyMap<string, number>,
  children: readonly (readonly number[])[],
  parentIdx: Int32Array,
  units: readonly Unit[]
): Pick<Prepared, "excluded" | "excludedRoots" | "limitedUnknown"> {
  const list = profile.limitedIndices ?? [];
  const codes: { code: string; cell?: CellRef }[] = [];
  const unknownUnits: { code: string; name: string; cell?: CellRef }[] = [];
  if (list.length === 0)
    return { excluded: null, excludedRoots: new Map(), limitedUnknown: { codes, units: [] } };
  const n = indicators.length;
  const excluded = new Uint8Array(units.length * n);
  const byName = new Map<string, number[]>();
  units.forEach((u, i) => {
    for (const key of new Set([foldName(u.name), foldName(u.id)])) {
      const at = byName.get(key);
      if (at === undefined) byName.set(key, [i]);
      else at.push(i);
    }
  });
  const mark = (base: number, i: number): void => {
    excluded[base + i] = 1;
    for (const c of children[i] ?? []) mark(base, c);
  };
  for (const l of list) {
    const i0 = codeIndex.get(l.code);
    const at = l.cell !== undefined ? { cell: l.cell } : {};
    if (i0 === undefined) {
      codes.push({ code: l.code, ...at });
      continue;
    }
    const applies = new Uint8Array(units.length);
    for (const name of l.units) {
      const found = byName.get(foldName(name));
      if (found === undefined) unknownUnits.push({ code: l.code, name, ...at });
      else for (const u of found) applies[u] = 1;
    }
    for (let u = 0; u < units.length; u++) {
      if (applies[u] === 1) continue;
      const base = u * n;
      mark(base, i0);
      // An aggregate or main index all of whose children no longer apply does not apply either.
      for (let p = parentIdx[i0] ?? -1; p >= 0; p = parentIdx[p] ?? -1) {
        if (indicators[p]?.level === "pillar") break;
        const kids = children[p] ?? [];
        if (kids.length === 0 || !kids.every((c) => excluded[base + c] === 1)) break;
        excluded[base + p] = 1;
      }
    }
  }
  const excludedRoots = new Map<number, number[]>();
  for (let u = 0; u < units.length; u++) {
    const base = u * n;
    const roots: number[] = [];
    for (let i = 0; i < n; i++) {
      if (excluded[base + i] !== 1) continue;
      const p = parentIdx[i] ?? -1;
      if (p < 0 || excluded[base + p] !== 1) roots.push(i);
    }
    if (roots.length > 0) excludedRoots.set(u, roots);
  }
  return { excluded, excludedRoots, limitedUnknown: { codes, units: unknownUnits } };
}
