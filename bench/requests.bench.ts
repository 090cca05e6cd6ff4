/**
 * Request bytes per sync of the main actions, measured with the real Excel client library
 * (excel-web-16.00, run in Node with a recording request executor over the fake Excel:
 * test/workbook/office/real-client.ts), at 20 and 3,321 units × 100 indicators.
 * Excel on the web refuses a request of 5 MB or more. `npx tsx bench/run.ts requests`
 */
import { measureActions } from "../test/workbook/office/real-client-scenario";
import type { BenchFigure } from "./run";

const kb = (b: number): string =>
  b < 10_240 ? `${(b / 1024).toFixed(1)}K` : `${Math.round(b / 1024)}K`;

export default async function bench(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const units of [20, 3321]) {
    const started = Date.now();
    const measured = await measureActions(units);
    const ms = Date.now() - started;
    for (const m of measured) {
      const bytes = m.requests.map((r) => r.bytes);
      const failed = m.requests.filter((r) => r.failed !== undefined).length;
      figures.push({
        name: `requests: ${m.action}, ${units} units (real client)`,
        medianMs: ms / measured.length,
        runs: 1,
        note:
          `${bytes.length} syncs, max ${(Math.max(...bytes) / 1048576).toFixed(2)} MB, ` +
          `total ${(bytes.reduce((a, b) => a + b, 0) / 1048576).toFixed(2)} MB` +
          (failed > 0
            ? `, ${failed} refused by Excel (${m.requests
                .filter((r) => r.failed !== undefined)
                .map((r) => r.failed)
                .join("; ")
                .slice(0, 120)}: read again in pieces)`
            : "") +
          `; per sync: ${bytes.map(kb).join(" ")}`,
      });
    }
  }
  return figures;
}
