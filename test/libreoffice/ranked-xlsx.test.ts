/**
 * `dti rank --out` output recomputed by LibreOffice: the cached values are removed from every
 * formula, LibreOffice (forced to recalculate on load) converts the file, and the ranks, grades,
 * totals and % it computes must equal the engine's. Skipped, saying why, when soffice is absent.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { writeRanking } from "../../src/cli/write-ranking";
import { getProfile } from "../../src/engine/profiles";
import type { Grid } from "../../src/engine/model/types";
import { rankingColumns } from "../../src/engine/sheets/ranking-sheets";
import { makeFixture } from "../sheets/fixture";

function findSoffice(): string | null {
  for (const cmd of ["soffice", "libreoffice"]) {
    try {
      const p = execFileSync("which", [cmd], { encoding: "utf8" }).trim();
      if (p !== "") return p;
    } catch {
      // not on PATH
    }
  }
  return null;
}

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

/** A LibreOffice profile that recalculates OOXML files on load (default: never). */
function loProfile(dir: string): string {
  const user = join(dir, "lo-profile", "user");
  mkdirSync(user, { recursive: true });
  writeFileSync(
    join(user, "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`
  );
  return `file://${join(dir, "lo-profile")}`;
}

describeLo("LibreOffice recomputes the ranked file to the engine's ranks and grades", () => {
  it("ranks, grades, totals and % after recalculation equal the engine", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dti-lo-"));
    const f = makeFixture({ units: 24, seed: 9, ties: true });
    const input = join(dir, "nhap-diem.xlsx");
    const out = join(dir, "xep-hang.xlsx");
    await writeGrids([f.grid, f.unitsGrid], input);
    const res = await writeRanking(input, out, { profile: getProfile("sonla-2024"), year: 2024 });
    if (!res.ok) throw new Error(JSON.stringify(res.issues));
    expect(await stripCachedResults(out)).toBeGreaterThan(100);

    const conv = join(dir, "lo");
    mkdirSync(conv);
    execFileSync(
      soffice!,
      [
        `-env:UserInstallation=${loProfile(dir)}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx",
        "--outdir",
        conv,
        out,
      ],
      { stdio: "pipe", timeout: 120_000 }
    );
    const recalculated = join(conv, "xep-hang.xlsx");
    expect(existsSync(recalculated)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculated);
    const cols = rankingColumns(3, true, false);
    const valueOf = (ws: ExcelJS.Worksheet, r: number, c: number): unknown => {
      const v = ws.getCell(r, c).value;
      return v !== null && typeof v === "object" && "result" in v ? v.result : v;
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
  }, 180_000);
});
