/**
 * Engine bench: evaluate (validate + score + grade + rank per group) for 3,321 units (the number of
 * communes in Vietnam) × 100 indicators (10 main indices × 9 components + the 10 main rows), built
 * in memory as Recognized data (no recogniser). Target: median under 50 ms.
 */
import { evaluate } from "../src/engine/evaluate";
import type { Indicator, Recognized, ScoreEntry, Unit } from "../src/engine/model/types";
import { getProfile } from "../src/engine/profiles";
import { scoreUnits } from "../src/engine/score";
import { validate } from "../src/engine/validate";
import { medianMs } from "./measure";
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
    { name: `engine: validate only, ${label}`, medianMs: validateMs, runs: 15 },
    { name: `engine: score only, ${label}`, medianMs: scoreMs, runs: 15 },
    { name: `engine: validate one edited cell (scope), ${label}`, medianMs: liveMs, runs: 15 },
  ]);
}
