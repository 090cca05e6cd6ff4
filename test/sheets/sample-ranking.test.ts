/**
 * The embedded sample (two groups, planted problems: an above-max score, "8,5" typed as text, a
 * blank) through the whole action on the memory workbook, then read like a spreadsheet: every
 * formula of the written sheets recomputes to the value the engine cached.
 */
import { buildRanking } from "../../src/app/build-ranking";
import { a1 } from "../../src/engine/address";
import type { Grid } from "../../src/engine/model/types";
import { SAMPLE_PROFILE_ID, sampleGrids } from "../../src/engine/sample";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import { Spreadsheet, sameShown } from "./spreadsheet";

describe("the sample, ranked in one click", () => {
  it("writes sheets whose formulas recompute to the engine's values", async () => {
    const grids = sampleGrids();
    const wb = MemoryWorkbook.fromGrids(grids);
    const res = await buildRanking(wb, { profileId: SAMPLE_PROFILE_ID, year: 2024 });
    if (!res.ok) throw new Error(JSON.stringify(res.issues.slice(0, 3)));
    expect(res.sheets.length).toBe(3);
    const written: Grid[] = await Promise.all(res.sheets.map((s) => wb.readGrid(s)));
    const entry = await Promise.all(grids.map((g) => wb.readGrid(g.sheet)));
    const sheet = new Spreadsheet([...entry, ...written], []);
    let checked = 0;
    for (const g of written) {
      const wrong: unknown[] = [];
      g.formulas?.forEach((row, r) =>
        row.forEach((f, c) => {
          if (f === null) return;
          const cached = g.values[r]?.[c] ?? null;
          const addr = a1(g.originRow + r, g.originCol + c);
          checked++;
          const computed = sheet.value(g.sheet, addr);
          if (!sameShown(cached ?? "", computed))
            wrong.push({ sheet: g.sheet, addr, f, cached, computed });
        })
      );
      expect(wrong).toEqual([]);
    }
    expect(checked).toBeGreaterThan(150);
    // the planted problems are reported, not hidden
    expect(res.issues.some((i) => i.code === "score_above_max")).toBe(true);
  });
});
