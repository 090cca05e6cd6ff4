/**
 * Use-case figures on the memory adapter: a 3,321-unit × 100-indicator entry matrix.
 * `npx tsx bench/run.ts app`
 */
import { createEntrySheets } from "../src/app/entry-sheets";
import { startLiveValidation } from "../src/app/live-validation";
import { validateWorkbook } from "../src/app/validate-workbook";
import type { Indicator, IndicatorSet, Unit } from "../src/engine/model/types";
import { getProfile } from "../src/engine/profiles";
import { a1 } from "../src/engine/address";
import { recognize } from "../src/engine/recognize";
import { ENTRY_FIRST_ROW, ENTRY_SHEET, UNITS_SHEET, unitColumn } from "../src/engine/entry";
import { MemoryWorkbook } from "../src/workbook/memory/memory-workbook";
import { EntryIndex, check, evaluate, readEntry, validate } from "../src/engine";
import { cpuMs, medianCpuMsAsync, medianMs, medianMsAsync } from "./measure";
import type { BenchFigure } from "./run";
import { someEntries, someUnits } from "../test/workbook/office/real-client-scenario";

const UNITS = 3321;
/** The first unit's self score on the first component (the row under main index 1). */
const FIRST_SCORE_CELL = a1(ENTRY_FIRST_ROW + 1, unitColumn(0));
const MAINS = 10;
const PER_MAIN = 9; // 10 main rows + 90 component rows = 100 indicator rows

export function bigSet(): IndicatorSet {
  const indicators: Indicator[] = [];
  for (let m = 1; m <= MAINS; m++) {
    indicators.push({
      code: String(m),
      name: `Chỉ số chính ${m}`,
      level: "main",
      maxPoints: PER_MAIN * 10,
      method: { kind: "direct" },
      scored: true,
      parentCode: null,
    });
    for (let c = 1; c <= PER_MAIN; c++)
      indicators.push({
        code: `${m}.${c}`,
        name: `Chỉ số thành phần ${m}.${c}`,
        level: "component",
        maxPoints: 10,
        method: { kind: "direct" },
        scored: true,
        parentCode: String(m),
      });
  }
  return { profile: getProfile("sonla-2024"), indicators };
}

/** The bench's units: plain "Đơn vị N" names (the recogniser reads them as units, not as the
 * "Đơn vị" column label), the same units and scores as the real-client request scenario. */
export function units(): Unit[] {
  return someUnits(UNITS);
}

export const entries = someEntries;

export default async function bench(): Promise<BenchFigure[]> {
  const set = bigSet();
  const us = units();
  const wb = new MemoryWorkbook();
  const res = await createEntrySheets(wb, set, us, { entries: entries(set, us) });
  if (!res.ok) throw new Error("entry sheets not written");
  // The figures mean something only if the matrix reads back as UNITS units.
  const back = recognize(
    [await wb.readGrid(ENTRY_SHEET), await wb.readGrid(UNITS_SHEET)],
    set.profile
  );
  if (!back.ok || back.value.units.length !== UNITS)
    throw new Error(`entry matrix read back as ${back.ok ? back.value.units.length : 0} units`);
  let issues = 0;
  const full = await medianMsAsync(
    async () => {
      issues = (await validateWorkbook(wb, { set })).length;
    },
    5,
    1
  );
  const live = await startLiveValidation(wb, { onIssues: () => undefined, set, debounceMs: 0 });
  let v = 0;
  const oneCell = await medianMsAsync(
    async () => {
      v = (v + 1) % 10;
      wb.userEdit(ENTRY_SHEET, FIRST_SCORE_CELL, v);
      await live.flush();
    },
    9,
    2
  );
  const oneCellCpu = await medianCpuMsAsync(
    async () => {
      v = (v + 1) % 10;
      wb.userEdit(ENTRY_SHEET, FIRST_SCORE_CELL, v);
      await live.flush();
    },
    9,
    0
  );
  live();
  // The engine part of that re-check: the prepared layout (EntryIndex, built once) reads one unit,
  // validation checks it. Constant in the number of units.
  const grids = [await wb.readGrid(ENTRY_SHEET), await wb.readGrid(UNITS_SHEET)];
  const index = EntryIndex.of(grids, set);
  if (index === null) throw new Error("entry matrix not read exactly");
  const enginePart = medianMs(
    () => {
      const r = index.read([0]);
      validate(set, r.data, { units: r.data.units.map((u) => u.id) });
    },
    21,
    3
  );
  // Full check (exact read + validation + one dedupe) against evaluate on the same data.
  const read = readEntry(grids, set);
  if (!read.ok) throw new Error("not read");
  // Interleaved pairs in CPU time: the machine is shared, and the check allocates more than evaluate
  // (its wall time suffers more from other processes' load).
  check(set, grids);
  evaluate(set, read.value);
  const checkTimes: number[] = [];
  const evalTimes: number[] = [];
  const ratios: number[] = [];
  for (let k = 0; k < 7; k++) {
    const c = cpuMs(() => void check(set, grids));
    const e = cpuMs(() => void evaluate(set, read.value));
    checkTimes.push(c);
    evalTimes.push(e);
    ratios.push(c / e);
  }
  const mid = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const fullCheck = mid(checkTimes);
  const evaluateMs = mid(evalTimes);
  return [
    {
      name: `engine: one-cell re-check, engine part (prepared index), ${UNITS} units`,
      medianMs: enginePart,
      runs: 21,
    },
    {
      name: `engine: full check of the entry workbook vs evaluate, ${UNITS} units`,
      medianMs: fullCheck,
      runs: 7,
      note: `CPU time; evaluate ${evaluateMs.toFixed(1)} ms; ${mid(ratios).toFixed(2)} × evaluate, median of interleaved pairs (goal ≤ 3)`,
    },
    {
      name: `app: full validation ${UNITS} units × ${set.indicators.length} indicators (memory)`,
      medianMs: full,
      runs: 5,
      note: `${issues} issues, ${UNITS * set.indicators.length * 3} matrix cells`,
    },
    {
      name: `app: live re-check after one cell edit, ${UNITS} units (memory)`,
      medianMs: oneCell,
      runs: 9,
      note: `whole use-case: event, read, check, issue list; CPU ${oneCellCpu.toFixed(1)} ms; goal ≤ 10 ms`,
    },
  ];
}
