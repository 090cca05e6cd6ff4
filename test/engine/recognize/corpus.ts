/**
 * The fixture corpus (test/fixtures/workbooks/*.json): grid descriptions of workbooks laid out the way
 * provinces publish them, turned into real .xlsx files with ExcelJS (merges, hidden rows and columns
 * included), read back like the CLI reads a file, recognised and evaluated.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { evaluate, indicatorSetFromRecognized } from "../../../src/engine/evaluate";
import type { Issue, Ranking, Recognized } from "../../../src/engine/model/types";
import { getProfile } from "../../../src/engine/profiles";
import { recognize, type RecognizeOptions } from "../../../src/engine/recognize";
import { readXlsxGrids } from "../../../src/workbook/xlsx/read-grid";
// The one dedupe policy (src/engine/pipeline.ts), as the pane, the ranking and the CLI use it.
import { mergeIssues as dedupeIssues } from "../../../src/engine";

export type FixtureCell = string | number | null | { readonly f: string; readonly v: number };

export interface FixtureSheet {
  readonly name: string;
  /** Rows from A1 down; a row may be shorter than others or empty. */
  readonly rows: readonly (readonly FixtureCell[])[];
  readonly merges?: readonly string[];
  readonly hiddenCols?: readonly string[];
  readonly hiddenRows?: readonly number[];
}

export interface ExpectedUnit {
  readonly name: string;
  readonly group: string;
  readonly rank: number | null;
  readonly grade: string | null;
  readonly percent: number | null;
  readonly points?: number | null;
}

export interface Fixture {
  readonly id: string;
  readonly title: string;
  readonly quirks: readonly string[];
  readonly profile: string;
  readonly sheets: readonly FixtureSheet[];
  /** The manual layout override this workbook needs (then it must be refused without it). */
  readonly overrides?: RecognizeOptions["overrides"];
  readonly expect: {
    /** Every unit with its group, rank, grade and percent; [] when only issues are checked. */
    readonly units: readonly ExpectedUnit[];
    /** Exactly these error-severity issues ("code@cell"). */
    readonly errors: readonly string[];
    /** At least these warnings ("code@cell"). */
    readonly warnings: readonly string[];
    /** Without `overrides`: refused (or an error) with this issue code. */
    readonly refusedWithout?: string;
  };
}

export const FIXTURE_DIR = join(__dirname, "../../fixtures/workbooks");

export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(FIXTURE_DIR, f), "utf8")) as Fixture);
}

/** A fixture as the bytes of a real .xlsx. */
export async function fixtureXlsx(f: Fixture): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of f.sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, i) => {
      row.forEach((v, j) => {
        if (v === null) return;
        const cell = ws.getCell(i + 1, j + 1);
        cell.value = typeof v === "object" ? { formula: v.f, result: v.v } : v;
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
    for (const c of s.hiddenCols ?? []) ws.getColumn(c).hidden = true;
    for (const r of s.hiddenRows ?? []) ws.getRow(r).hidden = true;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface Outcome {
  readonly refused: readonly Issue[] | null;
  readonly recognized: Recognized | null;
  readonly ranking: Ranking | null;
  readonly issues: readonly Issue[];
}

/** Reads the fixture's .xlsx, recognises and evaluates it (with the overrides when asked). */
export async function runFixture(f: Fixture, withOverrides: boolean): Promise<Outcome> {
  const grids = await readXlsxGrids(await fixtureXlsx(f));
  const profile = getProfile(f.profile);
  const options: RecognizeOptions =
    withOverrides && f.overrides !== undefined ? { overrides: f.overrides } : {};
  const rec = recognize(grids, profile, options);
  if (!rec.ok) return { refused: rec.issues, recognized: null, ranking: null, issues: rec.issues };
  const set = indicatorSetFromRecognized(profile, rec.value);
  const ranking = evaluate(set, rec.value);
  return {
    refused: null,
    recognized: rec.value,
    ranking,
    issues: dedupeIssues([...rec.issues, ...ranking.issues]),
  };
}

export const at = (i: Issue): string => `${i.code}@${i.cell?.cell ?? "-"}`;

/** What differs between the outcome and the fixture's expectation ([] when it matches). */
export function differences(f: Fixture, out: Outcome, withOverrides: boolean): string[] {
  const diffs: string[] = [];
  const exp = f.expect;
  if (!withOverrides && exp.refusedWithout !== undefined) {
    const hit = out.issues.some((i) => i.code === exp.refusedWithout && i.severity === "error");
    if (!hit)
      diffs.push(`expected an error ${exp.refusedWithout}, got ${out.issues.map(at).join(", ")}`);
    return diffs;
  }
  if (out.refused !== null) {
    diffs.push(`refused: ${out.refused.map(at).join(", ")}`);
    return diffs;
  }
  const errors = out.issues
    .filter((i) => i.severity === "error")
    .map(at)
    .sort();
  const wantErrors = [...exp.errors].sort();
  if (JSON.stringify(errors) !== JSON.stringify(wantErrors))
    diffs.push(`errors ${JSON.stringify(errors)} ≠ expected ${JSON.stringify(wantErrors)}`);
  const all = new Set(out.issues.map(at));
  for (const w of exp.warnings) if (!all.has(w)) diffs.push(`missing warning ${w}`);
  if (exp.units.length === 0) return diffs;
  const results = (out.ranking?.groups ?? []).flatMap((g) =>
    g.units.map((u) => ({ ...u, group: g.groupId }))
  );
  if (results.length !== exp.units.length)
    diffs.push(
      `units: ${results.length} read (${results.map((u) => u.unitName).join(", ")}), ${exp.units.length} expected`
    );
  for (const e of exp.units) {
    const r = results.find((u) => u.unitName === e.name);
    if (r === undefined) {
      diffs.push(`unit ${e.name}: not found`);
      continue;
    }
    const grade = r.grade.kind === "band" ? r.grade.label : null;
    const near = (a: number | null, b: number | null | undefined): boolean =>
      b === undefined || (a === null ? b === null : b !== null && Math.abs(a - b) < 0.006);
    if (r.group !== e.group) diffs.push(`${e.name}: group ${r.group} ≠ ${e.group}`);
    if (r.rank !== e.rank) diffs.push(`${e.name}: rank ${r.rank} ≠ ${e.rank}`);
    if (grade !== e.grade) diffs.push(`${e.name}: grade ${grade} ≠ ${e.grade}`);
    if (!near(r.percentOfMax, e.percent))
      diffs.push(`${e.name}: % ${r.percentOfMax} ≠ ${e.percent}`);
    if (!near(r.totalPoints, e.points))
      diffs.push(`${e.name}: points ${r.totalPoints} ≠ ${e.points}`);
  }
  return diffs;
}
