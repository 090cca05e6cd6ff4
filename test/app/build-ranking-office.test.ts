/**
 * buildRanking through the real Office.js adapter over the faithful fake Excel (D1's), counting
 * `context.sync()` calls: a fixed number, plus what the bytes written need under Excel on the web's
 * 5 MB request limit (never one per unit).
 */
import { buildRanking } from "../../src/app/build-ranking";
import { a1 } from "../../src/engine/address";
import type { Grid } from "../../src/engine/model/types";
import { DEFAULT_PAYLOAD_LIMIT, OfficeWorkbook } from "../../src/workbook/office/office-workbook";
import { makeFixture } from "../sheets/fixture";
import { FakeExcel } from "../workbook/office/fake-excel";

function cellsOf(g: Grid): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  g.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null || typeof v === "object") return;
      out[a1(g.originRow + r, g.originCol + c)] = v;
    })
  );
  return out;
}

describe("buildRanking on Office.js (fake Excel): syncs fixed, or bounded by the bytes written", () => {
  it.each([20, 3321])(
    "%i units: settings + 1 readGrids + 1 apply; its writes take as many syncs as their bytes need",
    async (n) => {
      const f = makeFixture({ units: n, seed: 4 });
      const fake = new FakeExcel();
      fake.userSheet("Nhập điểm", cellsOf(f.grid));
      fake.userSheet("Đơn vị", cellsOf(f.unitsGrid));
      const port = new OfficeWorkbook({ host: fake.host });
      const syncs = fake.syncs;
      const runs = fake.runs;
      const res = await buildRanking(port, { profileId: "sonla-2024" });
      if (!res.ok) throw new Error(JSON.stringify(res.issues.slice(0, 3)));
      // The set in force (settings) 1 sync, readGrids (both entry sheets) 1, apply 2: 4 whatever
      // the number of units.
      expect(res.roundTrips).toBe(3);
      expect(fake.runs - runs).toBe(3);
      // Fixed: the set in force (settings), readGrids (both entry sheets), apply's reads: 3 syncs.
      // Then the writes, filled up to the request limit: ⌈bytes / limit⌉ syncs, one at 20 units.
      // At 3,321 units the ranked sheets and the self-vs-appraised sheet hold ~10 MB of cells
      // (native formulas, ~1 KB a unit and sheet): three full requests, for the bytes, not the units.
      const writes = fake.payloads.slice(syncs + 3);
      expect(fake.syncs - syncs).toBe(3 + writes.length);
      if (n === 20) expect(writes.length).toBe(1);
      const total = writes.reduce((a, b) => a + b, 0);
      expect(writes.length).toBeLessThanOrEqual(Math.ceil(total / (0.8 * DEFAULT_PAYLOAD_LIMIT)));
      for (const w of writes.slice(0, -1)) expect(w).toBeGreaterThan(0.8 * DEFAULT_PAYLOAD_LIMIT);
      const agencies = res.ranking.groups.find((g) => g.groupId === "agencies")!;
      expect(fake.cell(res.sheets[0]!, "B5")?.value).toBe(agencies.units[0]!.unitName);
      expect(fake.cell(res.sheets[0]!, "H5")?.formula).toMatch(/^=IF\(F5="",""/);
    },
    180_000
  );
});
