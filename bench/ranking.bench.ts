/**
 * Building the ranking for 3,321 units (the number of communes in Việt Nam after 2025):
 * the pure sheet specs, and the whole one-click action on the memory workbook
 * (read the entry sheets, recognise, evaluate, build specs, apply).
 */
import { buildRanking } from "../src/app/build-ranking";
import { evaluate } from "../src/engine/evaluate";
import { rankingSheetSpecs } from "../src/engine/sheets/ranking-sheets";
import { reconciliationSheet, selfAssessedData } from "../src/engine/sheets/reconciliation";
import { MemoryWorkbook } from "../src/workbook/memory/memory-workbook";
import { makeFixture } from "../test/sheets/fixture";
import type { BenchFigure } from "./run";
import { medianMs, medianMsAsync } from "./measure";

const UNITS = 3321;

export default async function bench(): Promise<BenchFigure[]> {
  const f = makeFixture({ units: UNITS, seed: 42 });
  const cells = f.data.entries.length * 2;
  const specsMs = medianMs(() => {
    rankingSheetSpecs(f.set, f.data, f.ranking, { year: 2024 });
  }, 7);
  const self = evaluate(f.set, selfAssessedData(f.data));
  const reconMs = medianMs(() => {
    reconciliationSheet(f.set, f.data, f.ranking, self);
  }, 7);
  let trips = 0;
  const actionMs = await medianMsAsync(async () => {
    const wb = MemoryWorkbook.fromGrids([f.grid, f.unitsGrid]);
    const res = await buildRanking(wb, { profileId: "sonla-2024", year: 2024 });
    if (!res.ok) throw new Error("buildRanking failed in the bench");
    trips = res.roundTrips;
  }, 5);
  return [
    {
      name: `ranking: sheet specs, ${UNITS} units (2 group sheets)`,
      medianMs: specsMs,
      runs: 7,
    },
    {
      name: `ranking: reconciliation sheet spec, ${UNITS} units`,
      medianMs: reconMs,
      runs: 7,
    },
    {
      name: `ranking: buildRanking on MemoryWorkbook, ${UNITS} units`,
      medianMs: actionMs,
      runs: 5,
      note: `${cells} score cells read, ${trips} port round trips`,
    },
  ];
}
