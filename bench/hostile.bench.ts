/**
 * Reading the largest and the most hostile inputs (issue 12): wall time and peak memory of one
 * `dti validate`-style read (read, recognise, evaluate) in a child process limited to a 1 GB heap,
 * so a figure is the whole process's peak RSS, not this process's. The bound stated in
 * src/workbook/xlsx/inspect.ts (XLSX_LIMITS) is what keeps every input under ~1 GB.
 * `npx tsx bench/run.ts hostile`
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEntrySheets } from "../src/app/entry-sheets";
import { writeSession } from "../src/app/session";
import { XlsxWorkbook } from "../src/workbook/xlsx/xlsx-workbook";
import { handMadeXlsx, zipBomb } from "../test/hostile/make";
import { XLSX_LIMITS } from "../src/workbook/xlsx/inspect";
import { bigSet, entries, units } from "./app.bench";
import type { BenchFigure } from "./run";

interface Peak {
  readonly ms: number;
  readonly peakRssMb: number;
  readonly outcome: string;
}

function measure(file: string): Peak {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--max-old-space-size=1024", join(__dirname, "read-peak.ts"), file],
    { encoding: "utf8", maxBuffer: 1 << 20 }
  );
  const line = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{"))
    return { ms: Number.NaN, peakRssMb: Number.NaN, outcome: `exit ${r.status ?? r.signal}` };
  return JSON.parse(line) as Peak;
}

/** The 3,321-unit × 100-indicator entry workbook the add-in writes (also bench/rank-out.bench.ts). */
export async function entryWorkbook(file: string): Promise<void> {
  const set = bigSet();
  const us = units();
  const book = XlsxWorkbook.create();
  const res = await createEntrySheets(book, set, us, { entries: entries(set, us) });
  if (!res.ok) throw new Error("entry sheets not written");
  await writeSession(book, {
    profileId: set.profile.id,
    setSource: "entry-workbook",
    sourceName: "bench",
    set,
  });
  writeFileSync(file, await book.toBuffer());
}

function longSheet(rows: number, cols: number): Promise<Buffer> {
  const parts: string[] = ['<sheetData><row r="1">'];
  const head = ["STT", "Tên cơ quan, đơn vị", "Nhóm", "1. Nhận thức số (40)", "2. Hạ tầng số (60)"];
  head.slice(0, cols).forEach((h, c) => {
    parts.push(`<c r="${String.fromCharCode(65 + c)}1" t="inlineStr"><is><t>${h}</t></is></c>`);
  });
  parts.push("</row>");
  for (let r = 2; r <= rows + 1; r++) {
    parts.push(`<row r="${r}"><c r="A${r}"><v>${r - 1}</v></c>`);
    parts.push(`<c r="B${r}" t="inlineStr"><is><t>Xã ${r - 1}</t></is></c>`);
    parts.push(`<c r="C${r}" t="inlineStr"><is><t>Cấp xã</t></is></c>`);
    for (let c = 3; c < cols; c++)
      parts.push(`<c r="${String.fromCharCode(65 + c)}${r}"><v>${(r * 7 + c) % 40}</v></c>`);
    parts.push("</row>");
  }
  parts.push("</sheetData>");
  return handMadeXlsx(parts.join(""));
}

export default async function bench(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), "dti-bench-hostile-"));
  const inputs: [string, string, () => Promise<Buffer | void>][] = [
    [
      "3,321-unit × 100-indicator entry workbook",
      "entry.xlsx",
      () => entryWorkbook(join(dir, "entry.xlsx")),
    ],
    [
      "sparse: one value at A1, one at XFD1048576",
      "sparse.xlsx",
      () =>
        handMadeXlsx(
          '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
        ),
    ],
    ["200,000-row × 5-column sheet", "rows.xlsx", () => longSheet(200_000, 5)],
    [
      "merge over H1:XFD1048576",
      "merge.xlsx",
      () =>
        handMadeXlsx(
          '<sheetData><row r="1"><c r="H1"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="H1:XFD1048576"/></mergeCells>'
        ),
    ],
    [
      `zip inflating to ${Math.round(XLSX_LIMITS.maxInflatedBytes / 2 ** 20) + 1} MB`,
      "bomb.xlsx",
      () => zipBomb(XLSX_LIMITS.maxInflatedBytes + 2 ** 20),
    ],
  ];
  const out: BenchFigure[] = [];
  try {
    for (const [what, name, make] of inputs) {
      const file = join(dir, name);
      const bytes = await make();
      if (bytes) writeFileSync(file, bytes);
      const kb = Math.round(statSync(file).size / 1024);
      const p = measure(file);
      out.push({
        name: `read (1 GB heap): ${what}`,
        medianMs: p.ms,
        runs: 1,
        note: `${kb} KB file, peak RSS ${p.peakRssMb} MB, ${p.outcome}`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
