/**
 * Child process of bench/hostile.bench.ts: reads one .xlsx as `dti validate` does (read, recognise,
 * evaluate) and prints {ms, peakRssMb, outcome} as JSON. Run under --max-old-space-size=1024.
 */
import { loadInput } from "../src/cli/commands/validate";

async function main(): Promise<void> {
  const file = process.argv[2] ?? "";
  const t0 = performance.now();
  let outcome: string;
  try {
    // As `dti validate` opens it: read-only (nothing is written from it).
    const r = await loadInput(file, { lang: "en", readOnly: true });
    outcome = r.ok
      ? `read: ${r.value.recognized.units.length} units`
      : `refused: ${r.reason.slice(0, 90)}`;
  } catch (e) {
    outcome = `threw ${e instanceof Error ? e.name : "?"}`;
  }
  const ms = performance.now() - t0;
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ ms, peakRssMb, outcome }));
}

void main();
