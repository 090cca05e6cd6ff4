/**
 * Engine bench: evaluate (validate + score + grade + rank per group) for 3,321 units (the number of
 * communes in Vietnam) × 100 indicators (10 main indices × 9 components + the 10 main rows), built
 * in memory as Recognized data (no recogniser). Target: median under 50 ms.
 */
import { evaluate } from "../src/engine/evaluate";
import type {
  Indicator,
  IndicatorSet,
  Recognized,
  ScoreEntry,
  Unit,
} from "../src/engine/model/types";
import { getProfile } from "../src/engine/profiles";
import { scoreUnits } from "../src/engine/score";
import { indexEntries } from "../src/engine/score/columns";
import { validate } from "../src/engine/validate";
import { cpuMs as cpuTimeMs, medianMs } from "./measure";
import type { BenchFigure } from "./run";

const UNITS = 3321;
const MAINS = 10;
const PER_MAIN = 9;

/** Deterministic pseudo-random numbers (mulberry32), so every run scores the same data. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildBenchData(): Recognized {
  const rand = rng(42);
  const indicators: Indicator[] = [];
  for (let m = 1; m <= MAINS; m++) {
    indicators.push({
      code: String(m),
      name: `Chỉ số chính ${m}`,
      level: "main",
      maxPoints: 90,
      method: { kind: "direct" },
      scored: true,
      parentCode: null,
      cell: { sheet: "Nhập điểm", cell: `A${indicators.length + 6}` },
    });
    for (let c = 1; c <= PER_MAIN; c++)
      indicators.push({
        code: `${m}.${c}`,
        name: `Chỉ số thành phần ${m}.${c}`,
        level: "component",
        maxPoints: 10,
        method: { kind: "direct" },
        scored: true,
        ...(m === 2 && c === 1 ? { concerns: "subordinate-units" as const } : {}),
        ...(m === 10 && c <= 3 ? { concerns: "dvctt" as const } : {}),
        parentCode: String(m),
        cell: { sheet: "Nhập điểm", cell: `A${indicators.length + 6}` },
      });
  }
  const units: Unit[] = [];
  const entries: ScoreEntry[] = [];
  for (let u = 0; u < UNITS; u++) {
    const id = `Xã số ${u + 1}`;
    units.push({
      id,
      name: id,
      groupId: u % 2 === 0 ? "agencies" : "districts",
      hasSubordinateUnits: u % 7 !== 0,
      hasDvctt: u % 11 !== 0,
      specialPurpose: false,
      notApplicable: [],
      cell: { sheet: "Đơn vị", cell: `B${u + 2}` },
    });
    indicators.forEach((ind, r) => {
      if (ind.level === "main") return;
      const self = Math.round(rand() * 100) / 10;
      const appraised = rand() < 0.5 ? Math.max(0, self - 1) : null;
      const col = 5 + 3 * u;
      entries.push({
        unitId: id,
        code: ind.code,
        self: { points: self, raw: self, cell: { sheet: "Nhập điểm", cell: `C${col}R${r + 6}` } },
        appraised: {
          points: appraised,
          raw: appraised,
          cell: { sheet: "Nhập điểm", cell: `C${col + 1}R${r + 6}` },
        },
        evidence: "QĐ 1/QĐ-UBND",
        evidenceCell: { sheet: "Nhập điểm", cell: `C${col + 2}R${r + 6}` },
      });
    });
  }
  return { layout: "matrix", indicators, units, entries, tableRange: "A4:Z105" };
}

/**
 * The set as flat arrays: per indicator its max, its main index (-1: none), whether a component,
 * and the special rules' concern (Sơn La: peer maximum for subordinate units, proportional DVCTT).
 */
interface FlatSet {
  readonly codeIdx: ReadonlyMap<string, number>;
  readonly max: Float64Array;
  readonly mainOf: Int32Array;
  readonly isComponent: Uint8Array;
  readonly concernSub: Uint8Array;
  readonly concernDvctt: Uint8Array;
}

function flatSet(set: IndicatorSet): FlatSet {
  const inds = set.indicators;
  const codeIdx = new Map<string, number>();
  const max = new Float64Array(inds.length);
  const mainOf = new Int32Array(inds.length).fill(-1);
  const isComponent = new Uint8Array(inds.length);
  const concernSub = new Uint8Array(inds.length);
  const concernDvctt = new Uint8Array(inds.length);
  inds.forEach((ind, i) => codeIdx.set(ind.code, i));
  inds.forEach((ind, i) => {
    max[i] = ind.maxPoints ?? 0;
    if (ind.parentCode !== null) {
      mainOf[i] = codeIdx.get(ind.parentCode) ?? -1;
      isComponent[i] = 1;
    }
    if (ind.concerns === "subordinate-units") concernSub[i] = 1;
    if (ind.concerns === "dvctt") concernDvctt[i] = 1;
  });
  return { codeIdx, max, mainOf, isComponent, concernSub, concernDvctt };
}

/** Per unit × indicator: the figure that counts (NaN: none) and what validation needs to know. */
interface Gathered {
  readonly value: Float64Array;
  /** 1: every figure a typed number in 0..max, appraised ≤ self; 2: evidence cited. */
  readonly flags: Uint8Array;
}

/**
 * The gathering half of the typed-array evaluate: from the same entries (the engine's shape,
 * objects), per unit × indicator the figure that counts (appraised, else self; NaN: none) and the
 * two checks validation needs (clean numbers, evidence).
 */
export function gatherValues(set: IndicatorSet, data: Recognized, flat: FlatSet): Gathered {
  const nInd = set.indicators.length;
  const unitIdx = new Map<string, number>();
  data.units.forEach((u, i) => unitIdx.set(u.id, i));
  const value = new Float64Array(data.units.length * nInd).fill(Number.NaN);
  const flags = new Uint8Array(data.units.length * nInd);
  const inds = set.indicators;
  // Entries come grouped by unit and in indicator order: the last unit and the next row first.
  let lastId: string | null = null;
  let lastU: number | undefined;
  let next = 0;
  for (const e of data.entries) {
    if (e.unitId !== lastId) {
      lastId = e.unitId;
      lastU = unitIdx.get(lastId);
    }
    const u = lastU;
    const i = inds[next]?.code === e.code ? next : flat.codeIdx.get(e.code);
    if (u === undefined || i === undefined) continue;
    next = i + 1;
    const k = u * nInd + i;
    const s = e.self?.points ?? null;
    const a = e.appraised?.points ?? null;
    const v = a ?? s;
    if (v !== null) value[k] = v;
    const m = flat.max[i]! + 1e-9;
    const sRaw = e.self?.raw ?? null;
    const aRaw = e.appraised?.raw ?? null;
    const clean =
      v !== null &&
      (sRaw === null || (typeof sRaw === "number" && s !== null && s >= 0 && s <= m)) &&
      (aRaw === null || (typeof aRaw === "number" && a !== null && a >= 0 && a <= m)) &&
      (a === null || s === null || a <= s + 1e-9);
    const ev = e.evidence;
    flags[k] = (clean ? 1 : 0) | (ev !== undefined && ev.trim() !== "" ? 2 : 0);
  }
  return { value, flags };
}

/** Rounded to 1e-9, as the engine compares totals and band bounds. */
function comparable(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/**
 * The scoring half, the same work as evaluate on this set and profile: each figure checked
 * (clean, evidence, 0..max; out of range counts as missing, as scoring does), Sơn La's rules (a
 * unit without subordinate units gets the best peer's figure; one without DVCTT its other
 * components' rate), summed per main index and in total, missing figures counted (provisional),
 * the percent and 0..1 index of the group's maximum, graded against the bands (bounds inclusive
 * or not, gaps) with the points to the next band, every group ranked by sorting (competition
 * ranks on totals rounded to 1e-9). Returns a checksum so that nothing is optimised away, and
 * the totals, band indexes (bands.length: a gap) and ranks, checked against evaluate's.
 */
export function scoreValues(
  set: IndicatorSet,
  data: Recognized,
  flat: FlatSet,
  gathered: Gathered
): TypedResults {
  const { max, mainOf, isComponent, concernSub, concernDvctt } = flat;
  const { value, flags } = gathered;
  const nInd = set.indicators.length;
  const nUnits = data.units.length;
  const rules = set.profile.specialRules;
  const pts = new Float64Array(nUnits * nInd).fill(Number.NaN);
  const total = new Float64Array(nUnits);
  const missing = new Int32Array(nUnits);
  let problems = 0;
  // Per component the best figure among the units that scored it themselves (peer maximum).
  const peerBest = new Float64Array(nInd).fill(Number.NaN);
  const noSub = new Uint8Array(nUnits);
  const noDvctt = new Uint8Array(nUnits);
  data.units.forEach((unit, u) => {
    noSub[u] = rules.peerMaxForNoSubordinates && !unit.hasSubordinateUnits ? 1 : 0;
    noDvctt[u] = rules.proportionalDvctt !== null && !unit.hasDvctt ? 1 : 0;
  });
  // The components as a list, and per component its main index's slot (0..mains-1).
  const comps: number[] = [];
  const slotOf = new Int32Array(nInd).fill(-1);
  let nMains = 0;
  for (let i = 0; i < nInd; i++) if (mainOf.includes(i)) slotOf[i] = nMains++;
  for (let i = 0; i < nInd; i++) if (isComponent[i] === 1) comps.push(i);
  const comp = Int32Array.from(comps);
  const compSlot = Int32Array.from(comps, (i) => slotOf[mainOf[i]!]!);
  const nc = comp.length;
  for (let u = 0; u < nUnits; u++) {
    const base = u * nInd;
    const exempt = noSub[u] === 1 || noDvctt[u] === 1;
    for (let c = 0; c < nc; c++) {
      const i = comp[c]!;
      if (
        exempt &&
        ((noSub[u] === 1 && concernSub[i] === 1) || (noDvctt[u] === 1 && concernDvctt[i] === 1))
      )
        continue; // set by a rule below: a blank is expected
      const k = base + i;
      if (flags[k] !== 3) problems++;
      const v = value[k]!;
      if (v !== v || v < 0 || v > max[i]! + 1e-9) {
        missing[u]! += 1;
        continue;
      }
      pts[k] = v;
      if (concernSub[i] === 1 && !(peerBest[i]! >= v)) peerBest[i] = v;
    }
  }
  let nonDvcttMax = 0;
  for (const i of comps) if (concernDvctt[i] !== 1) nonDvcttMax += max[i]!;
  const mainPts = new Float64Array(nUnits * nMains);
  for (let u = 0; u < nUnits; u++) {
    const base = u * nInd;
    if (noSub[u] === 1)
      for (const i of comps) if (concernSub[i] === 1) pts[base + i] = peerBest[i]!;
    if (noDvctt[u] === 1) {
      let actual = 0;
      for (const i of comps) {
        if (concernDvctt[i] === 1) continue;
        const v = pts[base + i]!;
        if (v === v) actual += v;
      }
      for (const i of comps)
        if (concernDvctt[i] === 1)
          pts[base + i] = nonDvcttMax > 0 ? (actual / nonDvcttMax) * max[i]! : 0;
    }
    let t = 0;
    const mb = u * nMains;
    for (let c = 0; c < nc; c++) {
      const v = pts[base + comp[c]!]!;
      if (v !== v) continue;
      mainPts[mb + compSlot[c]!]! += v;
      t += v;
    }
    total[u] = t;
  }
  // Grade on the percent of the unit's group maximum; the points still needed for the next band.
  const bands = set.profile.gradeScheme?.bands ?? [];
  const nb = bands.length;
  const lower = Float64Array.from(bands, (b) => b.lower?.value ?? Number.NEGATIVE_INFINITY);
  const lowerIncl = Uint8Array.from(bands, (b) => (b.lower?.inclusive === false ? 0 : 1));
  const upper = Float64Array.from(bands, (b) => b.upper?.value ?? Number.POSITIVE_INFINITY);
  const upperIncl = Uint8Array.from(bands, (b) => (b.upper?.inclusive === true ? 1 : 0));
  const groupMax = new Map(set.profile.groups.map((g) => [g.id, g.maxPoints] as const));
  const grade = new Int32Array(nUnits);
  const percent = new Float64Array(nUnits);
  const index0to1 = new Float64Array(nUnits);
  const gap = new Float64Array(nUnits);
  let gaps = 0;
  data.units.forEach((unit, u) => {
    const gmax = groupMax.get(unit.groupId ?? "") ?? 0;
    const pct = comparable((total[u]! / gmax) * 100);
    percent[u] = (total[u]! / gmax) * 100;
    index0to1[u] = total[u]! / gmax;
    let b = 0;
    for (; b < nb; b++) {
      const lo = lower[b]!;
      const up = upper[b]!;
      const aboveLo = lowerIncl[b] === 1 ? pct >= lo : pct > lo;
      const belowUp = upperIncl[b] === 1 ? pct <= up : pct < up;
      if (aboveLo && belowUp) break;
    }
    if (b === nb) gaps++;
    grade[u] = b;
    // The nearest band above: the lowest lower bound the percent has not reached.
    let next = Number.POSITIVE_INFINITY;
    let nextIncl = 1;
    for (let c = 0; c < nb; c++) {
      const lo = lower[c]!;
      const reached = lowerIncl[c] === 1 ? pct >= lo : pct > lo;
      if (!reached && lo < next) {
        next = lo;
        nextIncl = lowerIncl[c]!;
      }
    }
    gap[u] =
      next === Number.POSITIVE_INFINITY
        ? Number.NaN
        : Math.max(0, (next / 100) * gmax - total[u]! + (nextIncl === 1 ? 0 : 0.01));
  });
  const groups = new Map<string, number[]>();
  data.units.forEach((unit, u) => {
    const g = unit.groupId ?? "";
    const list = groups.get(g);
    if (list === undefined) groups.set(g, [u]);
    else list.push(u);
  });
  const key = Float64Array.from(total, comparable);
  const rank = new Int32Array(nUnits);
  for (const members of groups.values()) {
    members.sort((a, b) => key[b]! - key[a]! || a - b);
    members.forEach((u, k) => {
      const prev = members[k - 1];
      rank[u] = prev !== undefined && key[prev] === key[u] ? rank[prev]! : k + 1;
    });
  }
  let sum = problems + gaps;
  for (let u = 0; u < nUnits; u++) {
    sum += rank[u]! + grade[u]! + missing[u]! + total[u]! + percent[u]! + index0to1[u]!;
    sum += mainPts[u * nMains]! + (gap[u]! === gap[u]! ? gap[u]! : 0);
  }
  return { checksum: sum, total, grade, rank };
}

interface TypedResults {
  readonly checksum: number;
  readonly total: Float64Array;
  readonly grade: Int32Array;
  readonly rank: Int32Array;
}

/** Throws unless the typed loop and evaluate agree on every unit's total, grade and rank. */
function checkSameAnswers(set: IndicatorSet, data: Recognized, typed: TypedResults): void {
  const bands = set.profile.gradeScheme?.bands ?? [];
  const at = new Map(data.units.map((u, i) => [u.id, i] as const));
  let checked = 0;
  for (const g of evaluate(set, data).groups)
    for (const r of g.units) {
      const u = at.get(r.unitId)!;
      const label = r.grade.kind === "band" ? r.grade.label : null;
      const typedLabel = bands[typed.grade[u]!]?.label ?? null;
      if (
        Math.abs((r.totalPoints ?? Number.NaN) - typed.total[u]!) > 1e-9 ||
        r.rank !== typed.rank[u] ||
        label !== typedLabel
      )
        throw new Error(`typed loop and evaluate disagree on ${r.unitId}`);
      checked++;
    }
  if (checked !== data.units.length) throw new Error("evaluate ranked another number of units");
}

/**
 * The same work as evaluate in the plainest form, for issue 14's ratio (goal: evaluate within
 * 10 × this): gather from the same entries, then score, grade and rank over typed arrays, maps
 * built per call as evaluate builds its own.
 */
export function typedArrayEvaluate(set: IndicatorSet, data: Recognized): number {
  const flat = flatSet(set);
  return scoreValues(set, data, flat, gatherValues(set, data, flat)).checksum;
}

export default async function bench(): Promise<BenchFigure[]> {
  const data = buildBenchData();
  const profile = getProfile("sonla-2024");
  const set = { profile, indicators: data.indicators };
  const label = `${UNITS} units × ${data.indicators.length} indicators`;
  let issues = 0;
  const evalMs = medianMs(
    () => {
      issues = evaluate(set, data).issues.length;
    },
    15,
    3
  );
  // CPU time too: on a shared, loaded machine wall time includes waiting for a core.
  const cpu: number[] = [];
  for (let i = 0; i < 9; i++) {
    const c0 = process.cpuUsage();
    evaluate(set, data);
    const d = process.cpuUsage(c0);
    cpu.push((d.user + d.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  const cpuMs = cpu[Math.floor(cpu.length / 2)] ?? Number.NaN;
  const validateMs = medianMs(() => void validate(set, data), 15, 3);
  const scoreMs = medianMs(() => void scoreUnits(set, data), 15, 3);
  // Live validation after one edit: re-check one unit's one code (what the add-in does per change).
  const oneUnit = data.units[1234]?.id ?? "";
  // evaluate against the typed-array loop: interleaved runs in CPU time (the machine is shared).
  let sink = 0;
  for (let k = 0; k < 3; k++) sink += typedArrayEvaluate(set, data);
  const loopTimes: number[] = [];
  const pairRatios: number[] = [];
  const coreTimes: number[] = [];
  const coreRatios: number[] = [];
  const colTimes: number[] = [];
  const colRatios: number[] = [];
  // The scoring half alone, over figures already gathered into typed arrays; and evaluate over the
  // entry reader's dense columns (it fills them as it makes each entry: indexEntries does the same
  // here, outside the timing, on a copy of the entries so that `data` keeps none).
  const flat = flatSet(set);
  const gathered = gatherValues(set, data, flat);
  checkSameAnswers(set, data, scoreValues(set, data, flat, gathered));
  const read: Recognized = { ...data, entries: [...data.entries] };
  indexEntries(set, read);
  for (let k = 0; k < 3; k++) evaluate(set, read);
  for (let k = 0; k < 9; k++) {
    const l = cpuTimeMs(() => void (sink += typedArrayEvaluate(set, data)));
    const c = cpuTimeMs(() => void (sink += scoreValues(set, data, flat, gathered).checksum));
    const e = cpuTimeMs(() => void evaluate(set, data));
    const f = cpuTimeMs(() => void evaluate(set, read));
    loopTimes.push(l);
    pairRatios.push(e / l);
    coreTimes.push(c);
    coreRatios.push(e / c);
    colTimes.push(f);
    colRatios.push(f / c);
  }
  if (!Number.isFinite(sink)) throw new Error("typed-array loop gave no number");
  const mid = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const liveMs = medianMs(
    () => void validate(set, data, { units: [oneUnit], codes: ["3.4"] }),
    15,
    3
  );
  return Promise.resolve([
    {
      name: `engine: evaluate (validate+score+grade+rank), ${label}`,
      medianMs: evalMs,
      runs: 15,
      note: `target < 50 ms; process CPU median ${cpuMs.toFixed(1)} ms; ${issues} issue(s)`,
    },
    {
      name: `engine: typed-array loop doing evaluate's work, ${label}`,
      medianMs: mid(loopTimes),
      runs: 9,
      note: `CPU time; evaluate ${mid(pairRatios).toFixed(1)} × this, median of interleaved pairs (goal ≤ 10 ×)`,
    },
    {
      name: `engine: the same loop's scoring half (figures already in a typed array), ${label}`,
      medianMs: mid(coreTimes),
      runs: 9,
      note: `CPU time; evaluate ${mid(coreRatios).toFixed(1)} × this (evaluate also reads the entries' objects)`,
    },
    {
      name: `engine: evaluate over the entry reader's columns, ${label}`,
      medianMs: mid(colTimes),
      runs: 9,
      note: `CPU time; ${mid(colRatios).toFixed(1)} × the typed loop's scoring half, interleaved (goal ≤ 10 ×)`,
    },
    { name: `engine: validate only, ${label}`, medianMs: validateMs, runs: 15 },
    { name: `engine: score only, ${label}`, medianMs: scoreMs, runs: 15 },
    { name: `engine: validate one edited cell (scope), ${label}`, medianMs: liveMs, runs: 15 },
  ]);
}
