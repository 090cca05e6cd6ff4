/**
 * `npm run bench`: runs every bench/*.bench.ts and prints its figures.
 * A bench file default-exports an async function returning BenchFigure[]; it does its own warm-up and repeats.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

export interface BenchFigure {
  readonly name: string;
  readonly medianMs: number;
  readonly runs: number;
  readonly note?: string;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => only === undefined || f.includes(only))
    .sort();
  console.log(`node ${process.version}, ${files.length} bench file(s)`);
  for (const file of files) {
    const mod = (await import(join(__dirname, file))) as { default: () => Promise<BenchFigure[]> };
    for (const fig of await mod.default()) {
      const note = fig.note ? `  (${fig.note})` : "";
      console.log(
        `${fig.name.padEnd(64)} median ${fig.medianMs.toFixed(2).padStart(9)} ms  over ${fig.runs} runs${note}`
      );
    }
  }
}

void main();
