/**
 * `dti` start-up (issue 14): wall time of `node bin/dti.js sets` (the compiled CLI in build/cli, see
 * scripts/build-cli.js) against `node -e 0` (node's own start-up) on the same machine, runs interleaved
 * so that load from other processes falls on both; also the sources through tsx (what the bin did
 * before, and does when the build is missing or stale) and `npx dti sets`.
 * `npm run bench -- cli`
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { BenchFigure } from "./run";

const root = join(__dirname, "..");
/** The bin's note when it ran the sources (build missing or stale). */
let stale = "";

function once(cmd: string, args: readonly string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DTI_BIN_NOTE: "1" },
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
  if (r.stderr.includes("running from sources")) stale = r.stderr.trim();
  return ms;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

export default function bench(): Promise<BenchFigure[]> {
  const runs = 15;
  const node: number[] = [];
  const bin: number[] = [];
  const tsx: number[] = [];
  const tsxCli = require.resolve("tsx/cli");
  const main = join(root, "src", "cli", "main.ts");
  const dti = join(root, "bin", "dti.js");
  for (let i = 0; i < 2; i++) {
    once(process.execPath, ["-e", "0"]);
    once(process.execPath, [dti, "sets"]);
  }
  for (let i = 0; i < runs; i++) {
    node.push(once(process.execPath, ["-e", "0"]));
    bin.push(once(process.execPath, [dti, "sets"]));
    if (i < 5) tsx.push(once(process.execPath, [tsxCli, main, "sets"]));
  }
  const npx: number[] = [];
  for (let i = 0; i < 3; i++) npx.push(once("npx", ["--no-install", "dti", "sets"]));
  const base = median(node);
  const ratio = (ms: number): string => `${(ms / base).toFixed(2)} × node -e 0`;
  return Promise.resolve([
    { name: "start-up: node -e 0", medianMs: base, runs },
    {
      name: "start-up: node bin/dti.js sets (compiled)",
      medianMs: stale === "" ? median(bin) : Number.NaN,
      runs,
      note: stale === "" ? ratio(median(bin)) : `not measured: ${stale}`,
    },
    {
      name: "start-up: sources through tsx (the bin before)",
      medianMs: median(tsx),
      runs: tsx.length,
      note: ratio(median(tsx)),
    },
    {
      name: "start-up: npx dti sets",
      medianMs: median(npx),
      runs: npx.length,
      note: ratio(median(npx)),
    },
  ]);
}
