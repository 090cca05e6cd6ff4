/**
 * buildRanking through the real Office.js adapter over the faithful fake Excel (D1's), counting
 * `context.sync()` calls: the count must not grow with the number of units.
 */
import { buildRanking } from "../../src/app/build-ranking";
import { a1 } from "../../src/engine/address";
import type { Grid } from "../../src/engine/model/types";
import { OfficeWorkbook } from "../../src/workbook/office/office-workbook";
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

describe("buildRanking on Office.js (fake Excel): a fixed number of syncs", () => {
  it.each([20, 3321])(
    "%i units: settings + 1 readGrids + 1 apply, 4 syncs",
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
      expect(fake.syncs - syncs).toBe(4);
      const agencies = res.ranking.groups.find((g) => g.groupId === "agencies")!;
      expect(fake.cell(res.sheets[0]!, "B5")?.value).toBe(agencies.units[0]!.unitName);
      expect(fake.cell(res.sheets[0]!, "H5")?.formula).toMatch(/^=IF\(F5="",""/);
    },
    180_000
  );
});
