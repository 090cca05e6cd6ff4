/**
 * The native-formula twins in a real office suite: a workbook with inputs and twin formulas is written
 * with ExcelJS, recalculated by LibreOffice (`soffice --headless --convert-to xlsx`), read back and
 * compared with invoke. Skipped, with a message, when LibreOffice is not installed
 * (Debian: `apt-get install -y --no-install-recommends libreoffice-calc-nogui`).
 */
import { spawnSync } from "node:child_process";
import { saveAsXlsx } from "../support/libreoffice";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { DEFAULT_SCHEME, invoke, type XlResult } from "../../src/engine/functions";
import type { GradeScheme } from "../../src/engine/model/types";
import { findProfile } from "../../src/engine/profiles";
import * as twin from "../../src/engine/sheets/formulas";
import { expectSame, type Cell, type Evaluated } from "../engine/formulas/harness";

function findSoffice(): string | null {
  for (const bin of ["soffice", "libreoffice"]) {
    const r = spawnSync(bin, ["--version"], { encoding: "utf8", timeout: 60_000 });
    if (r.status === 0) return bin;
  }
  return null;
}

const soffice = findSoffice();
if (soffice === null) {
  console.warn(
    "LibreOffice twin test SKIPPED: `soffice` is not installed. Install it with " +
      "`apt-get install -y --no-install-recommends libreoffice-calc-nogui` to run it."
  );
}
const maybe = soffice === null ? describe.skip : describe;

/** One check: input cells, a twin formula, and what invoke says for the same inputs. */
interface Case {
  readonly name: string;
  readonly inputs: readonly Cell[]; // written to columns A.. of the row ("=..." is a formula)
  readonly formula: (row: number) => string; // the twin, referencing the row's inputs
  readonly expected: XlResult;
}

const scheme = (id: string): GradeScheme => findProfile(id)!.gradeScheme!;
const SEED = 20241124;

function gradeCases(): Case[] {
  const named: [string | undefined, GradeScheme][] = [
    [undefined, DEFAULT_SCHEME],
    ["laocai-2022", scheme("laocai-2022")],
    ["kontum-2022", scheme("kontum-2022")],
    ["hcm-2023", scheme("hcm-2023")],
  ];
  const out: Case[] = [];
  for (const [id, s] of named) {
    const max = s.basis === "points" ? 330 : 1000;
    const bounds = s.bands
      .flatMap((b) => [b.lower?.value, b.upper?.value])
      .filter((v): v is number => v !== undefined);
    const pts: (number | null)[] = [
      ...fc.sample(
        fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100),
        { numRuns: 12, seed: SEED }
      ),
      ...bounds.map((b) => (s.basis === "percent" ? (b / 100) * max : b)),
      null,
      max + 1,
      198.5,
    ];
    for (const p of pts) {
      const base = { inputs: [p, max] as Cell[] };
      out.push({
        ...base,
        name: `GRADE ${id} ${p}`,
        formula: (r) => twin.gradeFormula(`A${r}`, `B${r}`, s),
        expected: invoke("GRADE", [p, max, id]),
      });
      out.push({
        ...base,
        name: `GAP ${id} ${p}`,
        formula: (r) => twin.gapFormula(`A${r}`, `B${r}`, s),
        expected: invoke("GAP", [p, max, id]),
      });
    }
  }
  for (const p of [0, 73.16, 100, null, 120]) {
    out.push({
      name: `PERCENT ${p}`,
      inputs: [p, 100],
      formula: (r) => twin.percentFormula(`A${r}`, `B${r}`),
      expected: invoke("PERCENT", [p, 100]),
    });
    out.push({
      name: `INDEX ${p}`,
      inputs: [p, 100],
      formula: (r) => twin.indexFormula(`A${r}`, `B${r}`),
      expected: invoke("INDEX", [p, 100]),
    });
  }
  return out;
}

function smallCases(): Case[] {
  const out: Case[] = [];
  for (const [a, b, m] of [
    [3, 4, 10],
    [0, 5, 20],
    [null, 4, 10],
    [5, 4, 10],
    [1, 0, 10],
  ] as [Cell, Cell, number][]) {
    out.push({
      name: `RATIO ${a}/${b}`,
      inputs: [a, b, m],
      formula: (r) => twin.ratioFormula(`A${r}`, `B${r}`, `C${r}`),
      expected: invoke("RATIO", [a, b, m]),
    });
  }
  const numbers: Cell[] = [
    "8,5",
    "1.234,5",
    "0,75",
    "12",
    " 12 ",
    "1.5",
    "1.000",
    "abc",
    7.25,
    null,
    "-3,5",
  ];
  for (const t of numbers) {
    out.push({
      name: `NUMBER ${String(t)}`,
      inputs: [t],
      formula: (r) => twin.numberFormula(`A${r}`),
      expected: invoke("NUMBER", [t]),
    });
  }
  const checks: [Cell, number, Cell | undefined][] = [
    [8.5, 10, undefined],
    [12, 10, undefined],
    [null, 10, undefined],
    [-2.5, 10, undefined],
    ["abc", 10, undefined],
    [5, 10, ""],
    [5, 10, "QĐ 12/QĐ-UBND"],
    [0, 10, ""],
    [10.25, 10, "x"],
    ["=1/0", 10, undefined],
    ["=NA()", 10, "x"],
  ];
  for (const [s, m, e] of checks) {
    const score = s === "=1/0" ? { error: "#DIV/0!" } : s === "=NA()" ? { error: "#N/A" } : s;
    out.push({
      name: `CHECK ${String(s)} ${String(e)}`,
      inputs: [s, m, e ?? null],
      formula: (r) => twin.checkFormula(`A${r}`, `B${r}`, e === undefined ? undefined : `C${r}`),
      expected: invoke("CHECK", e === undefined ? [score, m] : [score, m, [[e]]]),
    });
  }
  return out;
}

/** Cases that need a block of rows (ranges): written below the per-row cases. */
interface BlockCase {
  readonly name: string;
  readonly rows: readonly (readonly Cell[])[]; // columns A..C from the block's first row
  readonly formula: (first: number, last: number) => string; // written in column E of the first row
  readonly expected: XlResult;
}

function blockCases(): BlockCase[] {
  const out: BlockCase[] = [];
  const unitsArb = fc.array(
    fc.tuple(
      fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 0, max: 20 }).map((n) => n * 5) },
        { weight: 1, arbitrary: fc.constant(null) }
      ),
      fc.constantFrom("Sở", "sở", "Huyện", "So")
    ),
    { minLength: 2, maxLength: 12 }
  );
  fc.sample(unitsArb, { numRuns: 6, seed: SEED }).forEach((units, k) => {
    const allM = units.map(([p]) => [p]);
    const groupsM = units.map(([, g]) => [g]);
    units.forEach(([p, g], i) => {
      if (p === null) return;
      for (const policy of ["competition", "dense"] as const) {
        out.push({
          name: `RANK set ${k} unit ${i} ${policy}`,
          rows: units.map(([q, h]) => [q, h]),
          formula: (f, l) =>
            twin.rankFormula(
              `A${f + i}`,
              `$A$${f}:$A$${l}`,
              `$B$${f}:$B$${l}`,
              `B${f + i}`,
              policy
            ),
          expected: invoke("RANK", [p, allM, groupsM, g, policy]),
        });
      }
    });
  });
  const pairs: [Cell, Cell][][] = [
    [
      [5, 10],
      [8, 10],
    ],
    [
      [5, 10],
      [null, 10],
    ],
    [
      [12, 10],
      [1, 5],
    ],
    [
      [2.5, 5],
      [null, null],
      [4, 4],
    ],
  ];
  for (const ps of pairs) {
    out.push({
      name: `PROPORTIONAL ${JSON.stringify(ps)}`,
      rows: ps.map(([a, m], i) => [a, m, i === 0 ? 20 : null]),
      formula: (f, l) => twin.proportionalFormula(`A${f}:A${l}`, `B${f}:B${l}`, `C${f}`),
      expected: invoke("PROPORTIONAL", [ps.map(([a]) => [a]), ps.map(([, m]) => [m]), 20]),
    });
  }
  const steps: [number, number][] = [
    [4, 20],
    [1, 5],
    [3, 15],
    [2, 10],
  ];
  for (const v of [0, 1, 2.5, 3, 9, null]) {
    out.push({
      name: `STEP ${v}`,
      rows: steps.map(([t, p], i) => [t, p, i === 0 ? v : null]),
      formula: (f, l) => twin.stepFormula(`C${f}`, `A${f}:A${l}`, `B${f}:B${l}`),
      expected: invoke("STEP", [v, steps.map(([t]) => [t]), steps.map(([, p]) => [p])]),
    });
  }
  return out;
}

function write(ws: ExcelJS.Worksheet, row: number, col: number, v: Cell): void {
  const cell = ws.getCell(row, col);
  if (typeof v === "string" && v.startsWith("=")) cell.value = { formula: v.slice(1) };
  else if (v !== null) cell.value = v;
}

function readBack(cell: ExcelJS.Cell): Evaluated {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === "object" && "formula" in v) {
    // cell.value drops a falsy result (0, ""); the model keeps 0 and leaves "" out
    const r = (cell.model as { result?: unknown }).result;
    if (r === undefined || r === null) return null;
    if (typeof r === "object" && r !== null && "error" in r) return { error: String(r.error) };
    return r as Cell;
  }
  if (typeof v === "object" && "error" in v) return { error: String(v.error) };
  return v as Cell;
}

maybe("twins recalculated by LibreOffice agree with the DTI.* functions", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "dti-lo-"));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("every case", async () => {
    const rowCases = [...gradeCases(), ...smallCases()];
    const blocks = blockCases();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Twins");
    rowCases.forEach((c, i) => {
      const r = i + 1;
      c.inputs.forEach((v, k) => write(ws, r, k + 1, v));
      ws.getCell(r, 5).value = { formula: twin.formulaForFile(c.formula(r)).slice(1) };
    });
    let next = rowCases.length + 2;
    const blockAt: number[] = [];
    for (const b of blocks) {
      const first = next;
      const last = first + b.rows.length - 1;
      b.rows.forEach((row, i) => row.forEach((v, k) => write(ws, first + i, k + 1, v)));
      ws.getCell(first, 5).value = {
        formula: twin.formulaForFile(b.formula(first, last)).slice(1),
      };
      blockAt.push(first);
      next = last + 2;
    }
    const input = join(dir, "twins.xlsx");
    await wb.xlsx.writeFile(input);
    const out = saveAsXlsx(
      soffice!,
      `file://${join(dir, "profile")}`,
      input,
      join(dir, "out"),
      180_000
    );
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    const sheet = back.getWorksheet("Twins")!;
    const failures: string[] = [];
    const check = (name: string, expected: XlResult, got: Evaluated, formula: string) => {
      try {
        expectSame(expected, got, name);
      } catch (e) {
        failures.push(`${name}: ${(e as Error).message} | ${formula}`);
      }
    };
    rowCases.forEach((c, i) =>
      check(c.name, c.expected, readBack(sheet.getCell(i + 1, 5)), c.formula(i + 1))
    );
    blocks.forEach((b, k) =>
      check(b.name, b.expected, readBack(sheet.getCell(blockAt[k]!, 5)), "")
    );
    expect(failures).toEqual([]);
    expect(rowCases.length + blocks.length).toBeGreaterThan(150);
  }, 240_000);
});
