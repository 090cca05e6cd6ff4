/**
 * `dti rank --out` output recomputed by LibreOffice: the cached values are removed from every
 * formula, LibreOffice (forced to recalculate on load) converts the file, and the ranks, grades,
 * totals and % it computes must equal the engine's. Skipped, saying why, when soffice is absent.
 */
import { mkdtempSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { writeRanking } from "../../src/cli/write-ranking";
import { getProfile } from "../../src/engine/profiles";
import type { Grid } from "../../src/engine/model/types";
import { rankingColumns } from "../../src/engine/sheets/ranking-sheets";
import { makeFixture } from "../sheets/fixture";
import { findSoffice, recalcProfile, saveAsXlsx } from "../support/libreoffice";

const soffice = findSoffice();
if (soffice === null)
  console.warn(
    "test/libreoffice skipped: soffice (LibreOffice) is not installed. " +
      "Install it with: apt-get install -y libreoffice-calc-nogui"
  );
const describeLo = soffice === null ? describe.skip : describe;

async function writeGrids(grids: readonly Grid[], path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const g of grids) {
    const ws = wb.addWorksheet(g.sheet);
    g.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || typeof v === "object") return;
        ws.getCell(g.originRow + r, g.originCol + c).value = v;
      })
    );
    for (const m of g.merges ?? []) ws.mergeCells(m);
  }
  await wb.xlsx.writeFile(path);
}

/** Removes every cached formula result, so only a recalculation can show numbers. */
async function stripCachedResults(path: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  let n = 0;
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (v !== null && typeof v === "object" && "formula" in v) {
          cell.value = { formula: v.formula };
          n++;
        }
      })
    )
  );
  await wb.xlsx.writeFile(path);
  return n;
}

/** Every formula cell's cached result, by "sheet!A1". */
async function cachedResults(path: string): Promise<Map<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out = new Map<string, unknown>();
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (v !== null && typeof v === "object" && "formula" in v)
          out.set(`${ws.name}!${cell.address}`, v.result ?? "");
      })
    )
  );
  return out;
}

function recalculate(dir: string, file: string): string {
  const out = saveAsXlsx(soffice!, recalcProfile(dir), file, join(dir, "lo"));
  expect(existsSync(out)).toBe(true);
  return out;
}

describeLo("LibreOffice recomputes the ranked file to the engine's ranks and grades", () => {
  it.each([
    ["competition", false],
    ["dense", true],
    ["main-index-order", true],
  ] as const)(
    "tie policy %s (last year: %s)",
    async (tiePolicy, withLastYear) => {
      const dir = mkdtempSync(join(tmpdir(), "dti-lo-"));
      const f = makeFixture({ units: 24, seed: 9, ties: true });
      const input = join(dir, "nhap-diem.xlsx");
      const out = join(dir, "xep-hang.xlsx");
      await writeGrids([f.grid, f.unitsGrid], input);
      const profile = getProfile("sonla-2024");
      let lastYearFile: string | undefined;
      if (withLastYear) {
        const g = makeFixture({ units: 24, seed: 10, ties: true });
        const lastInput = join(dir, "nhap-diem-2023.xlsx");
        await writeGrids([g.grid, g.unitsGrid], lastInput);
        lastYearFile = join(dir, "xep-hang-2023.xlsx");
        const last = await writeRanking(lastInput, lastYearFile, { profile, year: 2023 });
        expect(last.ok).toBe(true);
      }
      const res = await writeRanking(input, out, {
        profile,
        year: 2024,
        tiePolicy,
        ...(lastYearFile !== undefined ? { lastYearFile } : {}),
      });
      if (!res.ok) throw new Error(JSON.stringify(res.issues));
      const cached = await cachedResults(out);
      expect(await stripCachedResults(out)).toBeGreaterThan(100);

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(recalculate(dir, out));
      const cols = rankingColumns(3, true, withLastYear);
      const valueOf = (ws: ExcelJS.Worksheet, r: number, c: number): unknown => {
        const v = ws.getCell(r, c).value;
        // a formula whose result is "" is written <v></v>, which ExcelJS reads as no result
        if (v !== null && typeof v === "object" && "formula" in v) return v.result ?? "";
        return v;
      };
      let checked = 0;
      for (const g of res.ranking.groups) {
        const name = res.sheets.find(
          (s) => s.startsWith("XH - ") && s.includes(g.name.slice(0, 10))
        )!;
        const ws = wb.getWorksheet(name)!;
        g.units.forEach((u, i) => {
          const r = 5 + i;
          expect(valueOf(ws, r, 2)).toBe(u.unitName);
          expect(valueOf(ws, r, cols.rank)).toBe(u.rank);
          expect(valueOf(ws, r, cols.grade!)).toBe(u.grade.kind === "band" ? u.grade.label : "");
          expect(valueOf(ws, r, cols.total) as number).toBeCloseTo(u.totalPoints!, 9);
          expect(valueOf(ws, r, cols.percent) as number).toBeCloseTo(u.percentOfMax! / 100, 9);
          checked++;
        });
      }
      expect(checked).toBe(24);
      // every formula of every generated sheet (summary, year over year, reconciliation) recomputes
      // to what the engine cached (ExcelJS reads a formula result of 0 as no result, like "": a 0
      // and a "" are not told apart here; every other number and text is)
      const wrong: unknown[] = [];
      for (const [key, want] of cached) {
        const [sheet, addr] = key.split("!") as [string, string];
        const got = valueOf(wb.getWorksheet(sheet)!, ws0(addr).row, ws0(addr).col);
        const same =
          typeof want === "number" && typeof got === "number"
            ? Math.abs(want - got) <= 1e-9 * Math.max(1, Math.abs(want))
            : (want ?? "") === (got ?? "");
        if (!same) wrong.push({ key, want, got });
      }
      expect(wrong).toEqual([]);
      expect(cached.size).toBeGreaterThan(300);
      rmSync(dir, { recursive: true, force: true });
    },
    240_000
  );
});

function ws0(addr: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(addr)!;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), col };
}
