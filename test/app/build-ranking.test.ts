import { buildRanking } from "../../src/app/build-ranking";
import { lastYearFromGrids, paramsOf } from "../../src/engine";
import { getProfile } from "../../src/engine/profiles";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import { PortError } from "../../src/workbook/port";
import { makeFixture } from "../sheets/fixture";

const AGENCIES = "XH - Sở, ban, ngành cấp tỉnh";
const DISTRICTS = "XH - UBND các huyện, thành phố";
const RECON = "Đối chiếu tự ĐG - thẩm định";

function workbookOf(units: number, seed = 1) {
  const f = makeFixture({ units, seed });
  const wb = MemoryWorkbook.fromGrids([f.grid, f.unitsGrid]);
  return { f, wb };
}

describe("buildRanking: one click, ranked sheets", () => {
  it("writes one ranked sheet per group and the reconciliation sheet, equal to the engine", async () => {
    const { f, wb } = workbookOf(20);
    const res = await buildRanking(wb, { profileId: "sonla-2024", year: 2024 });
    if (!res.ok) throw new Error(JSON.stringify(res.issues));
    expect(res.sheets).toEqual([AGENCIES, DISTRICTS, RECON]);
    const sheets = await wb.listSheets();
    for (const name of res.sheets)
      expect(sheets.find((s) => s.name === name)).toMatchObject({ owned: true });
    // the ranking read back from the workbook is the engine's over the fixture data
    const agencies = res.ranking.groups.find((g) => g.groupId === "agencies")!;
    const expected = f.ranking.groups.find((g) => g.groupId === "agencies")!;
    expect(agencies.units.map((u) => [u.unitName, u.rank])).toEqual(
      expected.units.map((u) => [u.unitName, u.rank])
    );
    expect(wb.get(AGENCIES, "B5")).toBe(agencies.units[0]!.unitName);
    expect(wb.getFormula(AGENCIES, "H5")).toMatch(/^=/);
    expect(wb.get(AGENCIES, "H5")).toBe(agencies.units[0]!.rank);
  });

  it.each([20, 3321])(
    "costs at most 3 round trips for %i units",
    async (n) => {
      const { wb } = workbookOf(n);
      const before = wb.roundTrips;
      const res = await buildRanking(wb, { profileId: "sonla-2024" });
      expect(res.ok).toBe(true);
      expect(wb.roundTrips - before).toBeLessThanOrEqual(3);
      expect(res.ok && res.roundTrips).toBe(wb.roundTrips - before);
    },
    120_000
  );

  it("re-running replaces only its own sheets and never a user sheet", async () => {
    const { wb } = workbookOf(9);
    wb.set("Ghi chú", "A1", "của tôi");
    wb.set(AGENCIES, "A1", "bảng của người dùng, cùng tên");
    const first = await buildRanking(wb, { profileId: "sonla-2024" });
    if (!first.ok) throw new Error("first run failed");
    expect(first.sheets[0]).toBe("XH - Sở, ban, ngành cấp (2)");
    const names = wb.sheetNames();
    const second = await buildRanking(wb, { profileId: "sonla-2024" });
    if (!second.ok) throw new Error("second run failed");
    expect(second.sheets).toEqual(first.sheets);
    expect(wb.sheetNames()).toEqual(names);
    expect(wb.get("Ghi chú", "A1")).toBe("của tôi");
    expect(wb.get(AGENCIES, "A1")).toBe("bảng của người dùng, cùng tên");
  });

  it("a rebuild of every group removes the ranked sheets of groups that are gone; a partial one keeps them", async () => {
    const { wb } = workbookOf(6);
    // A ranked sheet an earlier build made for a group the units no longer have.
    await wb.apply([
      { name: "Xếp hạng nhóm cũ", owned: true, role: "ranking", blocks: [] },
      { name: "Ghi chú", owned: true, role: "notes", blocks: [] },
    ]);
    wb.set("Của tôi", "A1", "x");
    const some = await buildRanking(wb, { profileId: "sonla-2024", groups: ["agencies"] });
    expect(some.ok).toBe(true);
    expect(wb.sheetNames()).toContain("Xếp hạng nhóm cũ");
    const all = await buildRanking(wb, { profileId: "sonla-2024" });
    expect(all.ok).toBe(true);
    expect(wb.sheetNames()).not.toContain("Xếp hạng nhóm cũ");
    expect(wb.sheetNames()).toEqual(expect.arrayContaining(["Ghi chú", "Của tôi"]));
  });

  it("a failed write leaves the previous ranking intact", async () => {
    const { wb } = workbookOf(9);
    const first = await buildRanking(wb, { profileId: "sonla-2024" });
    if (!first.ok) throw new Error("first run failed");
    const before = first.sheets.map((s) => wb.snapshot(s));
    wb.userEdit("Nhập điểm", "F7", 0);
    const apply = wb.apply.bind(wb);
    wb.apply = () => Promise.reject(new PortError("request_too_large"));
    await expect(buildRanking(wb, { profileId: "sonla-2024" })).rejects.toThrow(PortError);
    wb.apply = apply;
    expect(first.sheets.map((s) => wb.snapshot(s))).toEqual(before);
  });

  it("says which sheet is missing instead of failing", async () => {
    const wb = new MemoryWorkbook();
    wb.set("Sheet1", "A1", 1);
    const res = await buildRanking(wb, { profileId: "sonla-2024" });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.issues[0]).toMatchObject({ code: "sheet_missing" });
  });

  it("names a missing last-year sheet as a warning and still ranks", async () => {
    const { wb } = workbookOf(6);
    const res = await buildRanking(wb, { profileId: "sonla-2024", lastYear: { sheet: "KQ 2023" } });
    expect(res.ok).toBe(true);
    expect(res.issues).toContainEqual(
      expect.objectContaining({
        code: "sheet_missing",
        severity: "warning",
        params: { sheet: "KQ 2023" },
      })
    );
  });

  it("reads last year's ranking from a sheet and adds the comparison", async () => {
    const { wb } = workbookOf(9);
    const first = await buildRanking(wb, { profileId: "sonla-2024", year: 2023 });
    if (!first.ok) throw new Error("first run failed");
    // keep last year's ranking as a user copy, as a province would
    const snap = wb.snapshot(AGENCIES);
    for (const [addr, v] of Object.entries(snap.cells)) {
      const value = v !== null && typeof v === "object" && "formula" in v ? v.cached : v;
      wb.set("KQ 2023", addr, value);
    }
    const res = await buildRanking(wb, {
      profileId: "sonla-2024",
      year: 2024,
      lastYear: { sheet: "KQ 2023" },
    });
    if (!res.ok) throw new Error(JSON.stringify(res.issues));
    expect(res.roundTrips).toBeLessThanOrEqual(4);
    const headers = Object.entries(wb.snapshot(AGENCIES).cells)
      .filter(([a]) => /^[A-Z]+4$/.test(a))
      .map(([, v]) => v);
    expect(headers).toContain("Tổng điểm 2023");
    // districts were not in last year's sheet: listed, not dropped
    expect(res.issues.some((i) => i.code === "last_year_unmatched")).toBe(true);
  });
});

describe("buildRanking: user text stays text", () => {
  it("writes unit names starting with =, +, - or @ as text, never as formulas", async () => {
    const names = ['=HYPERLINK("x")', "+Sở A", "Sở B", "-Sở C", "@Sở D", "Sở E"];
    const f = makeFixture({ units: 6, names });
    const wb = MemoryWorkbook.fromGrids([f.grid, f.unitsGrid]);
    const res = await buildRanking(wb, { profileId: "sonla-2024" });
    if (!res.ok) throw new Error(JSON.stringify(res.issues.slice(0, 3)));
    const written: string[] = [];
    for (const sheet of res.sheets.filter((s) => s.startsWith("XH - "))) {
      const n = res.ranking.groups.find((g) => sheet.includes(g.name.slice(0, 8)))!.units.length;
      for (let r = 5; r < 5 + n; r++) {
        if (wb.getFormula(sheet, `B${r}`) !== null) throw new Error(`formula in ${sheet}!B${r}`);
        const v = wb.get(sheet, `B${r}`);
        if (typeof v === "string") written.push(v);
      }
    }
    expect(written.sort()).toEqual([...names].sort());
  });
});

describe("last year from an imported file's grids", () => {
  it("evaluates a file without ranked sheets (scores only) and compares with it", async () => {
    const last = makeFixture({ units: 9, seed: 77 });
    const ly = lastYearFromGrids(
      [last.grid, last.unitsGrid],
      getProfile("sonla-2024"),
      "2023.xlsx"
    );
    expect(ly?.units).toHaveLength(9);
    expect(ly?.source).toBe("2023.xlsx");
    const { wb } = workbookOf(9);
    const res = await buildRanking(wb, {
      profileId: "sonla-2024",
      year: 2024,
      lastYear: { ranking: ly! },
    });
    if (!res.ok) throw new Error("not built");
    expect(res.issues.filter((i) => i.code === "last_year_unmatched")).toEqual([]);
    const header = Object.entries(wb.snapshot(AGENCIES).cells)
      .filter(([a]) => /^[A-Z]+4$/.test(a))
      .map(([, v]) => v);
    expect(header).toContain("Tổng điểm năm trước");
  });
});

describe("issue 13 item 6: the set in force is the confirmed one", () => {
  it("ranks with the confirmed set, and says why not when the entry sheet holds another set", async () => {
    const { f, wb } = workbookOf(6);
    const same = await buildRanking(wb, { confirmedSet: f.set });
    expect(same.ok).toBe(true);
    // The user confirmed a different set (one more component, another max): nothing is ranked.
    const other = {
      ...f.set,
      indicators: [
        ...f.set.indicators.map((i) => (i.code === "1.1" ? { ...i, maxPoints: 12 } : i)),
        { ...f.set.indicators.find((i) => i.code === "3.2")!, code: "3.3", cell: undefined },
      ].map(({ cell: _c, ...i }) => i),
    };
    const before = (await wb.listSheets()).map((s) => s.name);
    const res = await buildRanking(wb, { confirmedSet: other });
    expect(res.ok).toBe(false);
    expect(
      res.issues.map((i) => [i.code, i.severity, paramsOf(i)["missing"], paramsOf(i)["maxChanged"]])
    ).toEqual([["entry_set_mismatch", "error", "3.3", "1.1"]]);
    expect((await wb.listSheets()).map((s) => s.name)).toEqual(before);
  });
});
