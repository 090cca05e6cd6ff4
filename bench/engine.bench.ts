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

/** The set as flat arrays: per indicator its max, its main index (-1: none), whether a component. */
interface FlatSet {
  readonly codeIdx: ReadonlyMap<string, number>;
  readonly max: Float64Array;
  readonly mainOf: Int32Array;
  readonly isComponent: Uint8Array;
}

function flatSet(set: IndicatorSet): FlatSet {
  const inds = set.indicators;
  const codeIdx = new Map<string, number>();
  const max = new Float64Array(inds.length);
  const mainOf = new Int32Array(inds.length).fill(-1);
  const isComponent = new Uint8Array(inds.length);
  inds.forEach((ind, i) => codeIdx.set(ind.code, i));
  inds.forEach((ind, i) => {
    max[i] = ind.maxPoints ?? 0;
    if (ind.parentCode !== null) {
      mainOf[i] = codeIdx.get(ind.parentCode) ?? -1;
      isComponent[i] = 1;
    }
  });
  return { codeIdx, max, mainOf, isComponent };
}

/**
 * The gathering half of the typed-array evaluate: from the same entries (the engine's shape,
 * objects), per unit × indicator the figure that counts (appraised, else self; NaN: none).
 */
export function gatherValues(set: IndicatorSet, data: Recognized, flat: FlatSet): Float64Array {
  const nInd = set.indicators.length;
  const unitIdx = new Map<string, number>();
  data.units.forEach((u, i) => unitIdx.set(u.id, i));
  const value = new Float64Array(data.units.length * nInd).fill(Number.NaN);
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
    const v = e.appraised?.points ?? e.self?.points ?? null;
    if (v !== null) value[u * nInd + i] = v;
  }
  return value;
}

/**
 * The scoring half: each figure checked against 0..max and capped, summed per main index and in
 * total, a missing figure counted (provisional), the percent graded against the bands, every group
 * ranked by sorting (competition ranks). Returns a checksum so that nothing is optimised away.
 */
export function scoreValues(
  set: IndicatorSet,
  data: Recognized,
  flat: FlatSet,
  value: Float64Array
): number {
  const { max, mainOf, isComponent } = flat;
  const nInd = set.indicators.length;
  const nUnits = data.units.length;
  const mainPts = new Float64Array(nUnits * nInd);
  const total = new Float64Array(nUnits);
  const missing = new Int32Array(nUnits);
  let problems = 0;
  let applicableMax = 0;
  for (let i = 0; i < nInd; i++) if (isComponent[i] === 1) applicableMax += max[i]!;
  for (let u = 0; u < nUnits; u++) {
    let t = 0;
    for (let i = 0; i < nInd; i++) {
      if (isComponent[i] !== 1) continue;
      let v = value[u * nInd + i]!;
      if (v !== v) {
        missing[u]! += 1;
        continue;
      }
      const m = max[i]!;
      if (v < 0 || v > m) {
        problems++;
        v = v < 0 ? 0 : m;
      }
      mainPts[u * nInd + mainOf[i]!]! += v;
      t += v;
    }
    total[u] = t;
  }
  const bands = set.profile.gradeScheme?.bands ?? [];
  const lower = Float64Array.from(bands, (b) => b.lower?.value ?? Number.NEGATIVE_INFINITY);
  const grade = new Int32Array(nUnits);
  for (let u = 0; u < nUnits; u++) {
    const pct = (total[u]! / applicableMax) * 100;
    let b = 0;
    while (b < lower.length && pct < lower[b]!) b++;
    grade[u] = b;
  }
  const groups = new Map<string, number[]>();
  data.units.forEach((unit, u) => {
    const g = unit.groupId ?? "";
    const list = groups.get(g);
    if (list === undefined) groups.set(g, [u]);
    else list.push(u);
  });
  const rank = new Int32Array(nUnits);
  for (const members of groups.values()) {
    members.sort((a, b) => total[b]! - total[a]!);
    members.forEach((u, k) => {
      const prev = members[k - 1];
      rank[u] = prev !== undefined && total[prev] === total[u] ? rank[prev]! : k + 1;
    });
  }
  let sum = problems;
  for (let u = 0; u < nUnits; u++) sum += rank[u]! + grade[u]! + missing[u]! + total[u]!;
  return sum;
}

/**
 * The same work as evaluate in the plainest form, for issue 14's ratio (goal: evaluate within
 * 10 × this): gather from the same entries, then score, grade and rank over typed arrays, maps
 * built per call as evaluate builds its own.
 */
export function typedArrayEvaluate(set: IndicatorSet, data: Recognized): number {
  const flat = flatSet(set);
  return scoreValues(set, data, flat, gatherValues(set, data, flat));
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
  // evaluate against the typed-array loop: interleaved pairs in CPU time (the machine is shared).
  let sink = 0;
  for (let k = 0; k < 3; k++) sink += typedArrayEvaluate(set, data);
  const loopTimes: number[] = [];
  const pairRatios: number[] = [];
  const coreTimes: number[] = [];
  const coreRatios: number[] = [];
  // The scoring half alone, over figures already gathered into a typed array.
  const flat = flatSet(set);
  const gathered = gatherValues(set, data, flat);
  for (let k = 0; k < 9; k++) {
    const l = cpuTimeMs(() => void (sink += typedArrayEvaluate(set, data)));
    const c = cpuTimeMs(() => void (sink += scoreValues(set, data, flat, gathered)));
    const e = cpuTimeMs(() => void evaluate(set, data));
    loopTimes.push(l);
    pairRatios.push(e / l);
    coreTimes.push(c);
    coreRatios.push(e / c);
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
    { name: `engine: validate only, ${label}`, medianMs: validateMs, runs: 15 },
    { name: `engine: score only, ${label}`, medianMs: scoreMs, runs: 15 },
    { name: `engine: validate one edited cell (scope), ${label}`, medianMs: liveMs, runs: 15 },
  ]);
}
