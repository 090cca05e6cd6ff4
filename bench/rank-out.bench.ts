/**
 * `dti rank --out` against LibreOffice on the same 3,321-unit × 100-indicator entry workbook (issue 14):
 * the CLI reads it, checks, scores, ranks and writes the ranked copy; LibreOffice (headless, forced to
 * recalculate on load) opens it, recalculates and saves it as .xlsx. Wall time and peak RSS of each
 * whole process (GNU time, or python's getrusage when it is absent), one run each (they take tens of
 * seconds), as ratios. Skipped, saying why, without soffice. `npm run bench -- rank-out`
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { entryWorkbook } from "./hostile.bench";
import type { BenchFigure } from "./run";

const root = join(__dirname, "..");

function which(cmd: string): string | null {
  try {
    const p = execFileSync("which", [cmd], { encoding: "utf8" }).trim();
    return p === "" ? null : p;
  } catch {
    return null;
  }
}

interface Run {
  readonly ms: number;
  readonly peakMb: number;
}

/** Runs a command; its wall time and the peak RSS of the process tree's largest process. */
function measure(cmd: string, args: readonly string[]): Run {
  const time = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
  const python = time === null ? which("python3") : null;
  const t0 = performance.now();
  const r =
    time !== null
      ? spawnSync(time, ["-f", "PEAK_KB %M", cmd, ...args], { encoding: "utf8", cwd: root })
      : python !== null
        ? spawnSync(
            python,
            [
              "-c",
              "import resource,subprocess,sys;r=subprocess.run(sys.argv[1:]);" +
                "sys.stderr.write('PEAK_KB %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);sys.exit(r.returncode)",
              cmd,
              ...args,
            ],
            { encoding: "utf8", cwd: root }
          )
        : spawnSync(cmd, args, { encoding: "utf8", cwd: root });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${cmd} ${args.join(" ")}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
  const kb = /PEAK_KB (\d+)/.exec(r.stderr)?.[1];
  return { ms, peakMb: kb === undefined ? Number.NaN : Math.round(Number(kb) / 1024) };
}

export default async function bench(): Promise<BenchFigure[]> {
  const soffice = which("soffice") ?? which("libreoffice");
  if (soffice === null) {
    console.log(
      "rank-out bench skipped: soffice (LibreOffice) is not installed (apt-get install libreoffice-calc-nogui)"
    );
    return [];
  }
  const dir = mkdtempSync(join(tmpdir(), "dti-bench-rank-out-"));
  try {
    const input = join(dir, "entry.xlsx");
    await entryWorkbook(input);
    const user = join(dir, "lo-profile", "user");
    mkdirSync(user, { recursive: true });
    writeFileSync(
      join(user, "registrymodifications.xcu"),
      `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`
    );
    const loArgs = [
      `-env:UserInstallation=file://${join(dir, "lo-profile")}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "xlsx",
      "--outdir",
      join(dir, "lo"),
      input,
    ];
    measure(soffice, loArgs); // first start of a fresh profile
    const lo = measure(soffice, loArgs);
    const check = spawnSync(process.execPath, [join(root, "bin", "dti.js"), "sets"], {
      encoding: "utf8",
      env: { ...process.env, DTI_BIN_NOTE: "1" },
    });
    const compiled = !check.stderr.includes("running from sources");
    const dti = measure(process.execPath, [
      join(root, "bin", "dti.js"),
      "rank",
      input,
      "--out",
      join(dir, "ranked.xlsx"),
    ]);
    // A second ranking of the ranked copy: its ranked sheets are rewritten through ExcelJS.
    const again = measure(process.execPath, [
      join(root, "bin", "dti.js"),
      "rank",
      join(dir, "ranked.xlsx"),
      "--out",
      join(dir, "ranked-again.xlsx"),
    ]);
    const note = (r: Run): string =>
      `peak RSS ${r.peakMb} MB; ${(r.ms / lo.ms).toFixed(2)} × the time, ${(r.peakMb / lo.peakMb).toFixed(2)} × the memory of LibreOffice`;
    return [
      {
        name: "LibreOffice: open, recalculate, save 3,321 units",
        medianMs: lo.ms,
        runs: 1,
        note: `peak RSS ${lo.peakMb} MB`,
      },
      {
        name: `dti rank --out, 3,321 units${compiled ? "" : " (sources via tsx: npm run build:cli)"}`,
        medianMs: dti.ms,
        runs: 1,
        note: note(dti),
      },
      {
        name: "dti rank --out of that ranked copy (sheets rewritten through ExcelJS)",
        medianMs: again.ms,
        runs: 1,
        note: note(again),
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
