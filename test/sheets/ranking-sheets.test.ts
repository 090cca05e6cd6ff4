import { a1, columnLetters } from "../../src/engine/address";
import type { Recognized, ScoreEntry, UnitResult } from "../../src/engine/model/types";
import { evaluate } from "../../src/engine/evaluate";
import {
  FIRST_DATA_ROW,
  HEADER_ROW,
  SheetNamer,
  buildRankingSheets,
  cleanSheetName,
  rankingColumns,
  rankingSheetSpecs,
} from "../../src/engine/sheets/ranking-sheets";
import type { SheetSpec, SpecCell } from "../../src/engine/sheets/spec";
import { ENTRY, makeFixture, withScores } from "./fixture";
import { Spreadsheet, sameShown, specRaw } from "./spreadsheet";

function cellOf(spec: SheetSpec, address: string): SpecCell | undefined {
  const want = /^([A-Z]+)(\d+)$/.exec(address)!;
  for (const b of spec.blocks) {
    const p = /^([A-Z]+)(\d+)$/.exec(b.address)!;
    const r0 = Number(p[2]);
    let c0 = 0;
    for (const ch of p[1]!) c0 = c0 * 26 + ch.charCodeAt(0) - 64;
    let c = 0;
    for (const ch of want[1]!) c = c * 26 + ch.charCodeAt(0) - 64;
    const cell = b.rows[Number(want[2]) - r0]?.[c - c0];
    if (cell !== undefined) return cell;
  }
  return undefined;
}

function unitsOf(f: ReturnType<typeof makeFixture>, groupId: string): readonly UnitResult[] {
  return f.ranking.groups.find((g) => g.groupId === groupId)!.units;
}

describe("ranking sheets: one per group, as the decision's appendix", () => {
  const f = makeFixture({ units: 20, seed: 3, ties: true });
  const specs = rankingSheetSpecs(f.set, f.data, f.ranking, { year: 2024 });
  const sheet = new Spreadsheet([f.grid], specs);
  const agencies = specs[0]!;
  const cols = rankingColumns(3, true, false);
  const L = columnLetters;

  it("names one sheet per group, legal and at most 31 characters", () => {
    expect(specs.map((s) => s.name)).toEqual([
      "XH - Sở, ban, ngành cấp tỉnh",
      "XH - UBND các huyện, thành phố",
    ]);
    for (const s of specs) {
      expect(s.name.length).toBeLessThanOrEqual(31);
      expect(s.name).not.toMatch(/[[\]:*?/\\]/);
      expect(s.owned).toBe(true);
      expect(s.role).toBe("ranking");
    }
  });

  it("has the appendix columns in order", () => {
    const header = specRaw(agencies)[HEADER_ROW - 1];
    expect(header).toEqual([
      "STT",
      "Tên cơ quan, đơn vị",
      "1. Nhận thức số",
      "2. Hạ tầng số",
      "3. Hoạt động chuyển đổi số",
      "Tổng điểm",
      "Tỷ lệ %",
      "Xếp hạng",
      "Xếp loại",
      "Điểm cần để lên loại kế tiếp",
      "Ghi chú",
    ]);
  });

  it("states set, decision, year, scale, tie policy, rounding stage and the source in the subtitle", () => {
    const t = specRaw(agencies);
    expect(t[0]?.[0]).toBe(
      "KẾT QUẢ XẾP HẠNG CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI) NĂM 2024: SỞ, BAN, NGÀNH CẤP TỈNH"
    );
    expect(t[1]?.[0]).toContain("1287/QĐ-UBND");
    expect(t[1]?.[0]).toContain("Năm đánh giá: 2024");
    expect(t[1]?.[0]).toContain("Thang điểm: 100");
    expect(t[2]?.[0]).toContain("đồng điểm đồng hạng");
    expect(t[2]?.[0]).toContain("chỉ làm tròn khi hiển thị");
    expect(t[2]?.[0]).toContain("tự tính lại khi sửa điểm");
  });

  it("every formula computes, in a spreadsheet, the value the engine cached", () => {
    for (const s of specs) {
      const cells = sheet.formulaCells(s.name);
      expect(cells.length).toBeGreaterThan(20);
      const wrong = cells.filter((c) => !sameShown(c.cached, c.computed));
      expect(wrong).toEqual([]);
    }
  });

  it("ranks and grades recomputed by the spreadsheet equal the engine's", () => {
    const units = unitsOf(f, "agencies");
    units.forEach((u, i) => {
      const r = FIRST_DATA_ROW + i;
      expect(sheet.value(agencies.name, `B${r}`)).toBe(u.unitName);
      expect(sheet.value(agencies.name, a1(r, cols.rank))).toBe(u.rank);
      expect(sheet.value(agencies.name, a1(r, cols.grade!))).toBe(
        u.grade.kind === "band" ? u.grade.label : ""
      );
      expect(sheet.value(agencies.name, a1(r, cols.total))).toBeCloseTo(u.totalPoints!, 9);
    });
    // ties share a rank and skip the next
    const ranks = units.map((u) => u.rank);
    expect(new Set(ranks).size).toBeLessThan(ranks.length);
  });

  it("main-index cells are formulas over the entry cells, so a changed score recalculates", () => {
    const u = unitsOf(f, "agencies")[0]!;
    const k = f.units.findIndex((x) => x.id === u.unitId);
    const mainCell = cellOf(agencies, `C${FIRST_DATA_ROW}`);
    expect(mainCell?.kind).toBe("formula");
    expect(mainCell?.kind === "formula" && mainCell.formula).toContain("'Nhập điểm'!");
    const before = sheet.value(agencies.name, `F${FIRST_DATA_ROW}`) as number;
    // component 1.1 sits on row 7; the unit's appraised column is F + 3k
    const appraised = a1(7, 6 + 3 * k);
    const self = a1(7, 5 + 3 * k);
    const entry = f.data.entries.find((e) => e.unitId === u.unitId && e.code === "1.1")!;
    const counted = entry.appraised?.points ?? entry.self!.points!;
    sheet.set(ENTRY, appraised, 0);
    expect(sheet.value(agencies.name, `F${FIRST_DATA_ROW}`)).toBeCloseTo(before - counted, 9);
    // a blank appraised score counts the self score
    sheet.set(ENTRY, appraised, null);
    sheet.set(ENTRY, self, 1);
    expect(sheet.value(agencies.name, `F${FIRST_DATA_ROW}`)).toBeCloseTo(before - counted + 1, 9);
  });

  it("writes unit names as text, even when they look like formulas", () => {
    const g = makeFixture({ units: 3, names: ["=1+1", "+Sở A", "@Sở B"] });
    const [s] = rankingSheetSpecs(g.set, g.data, g.ranking);
    const names = [5, 6].map((r) => cellOf(s!, `B${r}`));
    for (const c of names) expect(c?.kind).toBe("text");
    expect(names.map((c) => c?.kind === "text" && c.value).sort()).toEqual(["+Sở A", "=1+1"]);
  });

  it("formats points 0.00 and % 0.00%, colours grades per band, prints A4 landscape with header repeated", () => {
    const styles = agencies.styles ?? [];
    expect(styles).toContainEqual({
      range: `C5:F${FIRST_DATA_ROW + unitsOf(f, "agencies").length - 1}`,
      style: { numberFormat: "0.00", border: "thin" },
    });
    expect(styles.some((s) => s.range.startsWith("G5") && s.style.numberFormat === "0.00%")).toBe(
      true
    );
    const bands = (agencies.conditionalFormats ?? []).filter((c) => c.when.kind === "equals-text");
    expect(bands.map((c) => c.when.kind === "equals-text" && c.when.text)).toEqual([
      "Tốt",
      "Khá",
      "Trung bình",
      "Yếu",
    ]);
    expect(new Set(bands.map((c) => c.style.fill)).size).toBe(4);
    expect(agencies.pageSetup).toEqual({
      orientation: "landscape",
      paper: "A4",
      fitToWidth: true,
      printTitleRows: "4:4",
    });
    expect(agencies.freeze).toEqual({ rows: 4, cols: 2 });
  });

  it("draws a bar chart of the sorted totals", () => {
    const n = unitsOf(f, "agencies").length;
    expect(agencies.charts).toEqual([
      expect.objectContaining({
        kind: "bar",
        categories: `B5:B${4 + n}`,
        values: `F5:F${4 + n}`,
      }),
    ]);
    const totals = unitsOf(f, "agencies").map((u) => u.totalPoints!);
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
  });

  it("summarises: count per grade, average, top 5 and bottom 3", () => {
    const sheet = new Spreadsheet([f.grid], specs);
    const units = unitsOf(f, "agencies");
    const sumCol = 2;
    const below = FIRST_DATA_ROW + units.length;
    const rowOf = (label: string) => {
      for (let r = below; r < below + 40; r++)
        if (sheet.value(agencies.name, a1(r, sumCol)) === label) return r;
      throw new Error(`no row ${label}`);
    };
    const count = (label: string) =>
      units.filter((u) => u.grade.kind === "band" && u.grade.label === label).length;
    for (const band of ["Tốt", "Khá", "Trung bình", "Yếu"])
      expect(sheet.value(agencies.name, a1(rowOf(`Xếp loại ${band}`), sumCol + 1))).toBe(
        count(band)
      );
    const avg = units.reduce((a, u) => a + u.totalPoints!, 0) / units.length;
    expect(sheet.value(agencies.name, a1(rowOf("Điểm trung bình"), sumCol + 1))).toBeCloseTo(
      avg,
      9
    );
    const startsWith = (prefix: RegExp) => {
      for (let r = below; r < below + 40; r++)
        if (prefix.test(sheet.value(agencies.name, a1(r, sumCol)) as string)) return r;
      throw new Error(`no row ${String(prefix)}`);
    };
    const listed = (header: number) => {
      const out: string[] = [];
      for (let r = header + 1; sheet.value(agencies.name, a1(r, sumCol)) !== null; r++)
        out.push(sheet.value(agencies.name, a1(r, sumCol)) as string);
      return out;
    };
    const top = startsWith(/^\d+ đơn vị dẫn đầu/);
    expect(sheet.value(agencies.name, a1(top + 1, sumCol))).toBe(units[0]!.unitName);
    // Issue 13 item 3: every unit sharing the boundary rank is listed (this fixture ties at the bottom).
    const bottom = startsWith(/^\d+ đơn vị cuối bảng/);
    const lastRank = units[units.length - 3]!.rank;
    const expected = units.filter((u, i) => i >= units.length - 3 || u.rank === lastRank);
    expect(listed(bottom)).toEqual(expected.map((u) => u.unitName));
    expect(listed(top).length).toBeGreaterThanOrEqual(5);
    expect(L(sumCol)).toBe("B");
    // below the table: printing fits the table's width
    expect(agencies.charts?.[0]?.anchor).toMatch(/^B\d+$/);
  });
});

describe("ranking sheets: values instead of links", () => {
  it("holds values and says so when the source is a summary or imported file", () => {
    const f = makeFixture({ units: 6 });
    const [s] = rankingSheetSpecs(f.set, f.data, f.ranking, {
      linkToEntries: false,
      sourceLabel: "tong-hop-2024.xlsx",
    });
    expect(cellOf(s!, "C5")?.kind).toBe("number");
    expect(specRaw(s!)[2]?.[0]).toContain("giá trị lấy từ tong-hop-2024.xlsx");
    const sheet = new Spreadsheet([], [s!]);
    expect(sheet.formulaCells(s!.name).filter((c) => !sameShown(c.cached, c.computed))).toEqual([]);
  });

  it("adds a rule-scored or text-typed component as a constant, and still equals the engine", () => {
    const f = makeFixture({ units: 6, blankAppraised: 0 });
    // the appraiser typed "8,5" as text in unit 1's component 1.1: the engine reads 8.5
    const entries: ScoreEntry[] = f.data.entries.map((e) =>
      e.unitId === "u1" && e.code === "1.1"
        ? { ...e, appraised: { ...e.appraised!, points: 8.5, raw: "8,5" } }
        : e
    );
    const data: Recognized = { ...f.data, entries };
    const ranking = evaluate(f.set, data);
    const [s] = rankingSheetSpecs(f.set, data, ranking);
    const grid = {
      ...f.grid,
      values: f.grid.values.map((row, r) => row.map((v, c) => (r === 6 && c === 5 ? "8,5" : v))),
    };
    const sheet = new Spreadsheet([grid], [s!]);
    const u1 = ranking.groups[0]!.units.find((u) => u.unitId === "u1")!;
    const row = FIRST_DATA_ROW + ranking.groups[0]!.units.indexOf(u1);
    const c = cellOf(s!, `C${row}`);
    expect(c?.kind === "formula" && c.formula).toMatch(/\+8\.5$/);
    expect(sheet.value(s!.name, `C${row}`)).toBeCloseTo(u1.mainIndices["1"]!.points!, 9);
  });
});

describe("sheet names never collide with user sheets", () => {
  it("cleans forbidden characters and cuts at 31", () => {
    expect(cleanSheetName("XH - Sở [TT/TT]: *x?")).toBe("XH - Sở -TT-TT-- -x-");
    expect(cleanSheetName("X".repeat(40))).toHaveLength(31);
    expect(cleanSheetName("XH - Cơ quan không có thủ tục hành chính")).toBe(
      "XH - Cơ quan không có thủ tục"
    );
  });

  it("keeps a user's sheet and takes the next free name; reuses its own", () => {
    const f = makeFixture({ units: 6 });
    const { specs } = buildRankingSheets(f.set, f.data, f.ranking, {
      existingSheets: [
        { name: "xh - sở, ban, ngành cấp tỉnh", owned: false },
        { name: "XH - UBND các huyện, thành phố", owned: true, role: "ranking" },
      ],
    });
    expect(specs.map((s) => s.name)).toEqual([
      "XH - Sở, ban, ngành cấp (2)",
      "XH - UBND các huyện, thành phố",
    ]);
  });

  it("suffixes stay within 31 characters", () => {
    const namer = new SheetNamer([{ name: "XH - " + "A".repeat(26), owned: false }]);
    const name = namer.pick("XH - " + "A".repeat(30), "ranking");
    expect(name).toBe("XH - " + "A".repeat(22) + " (2)");
    expect(name.length).toBeLessThanOrEqual(31);
  });
});

describe("tie policies: the sheet's rank formulas agree with the engine", () => {
  // units 1 and 4 (both agencies): equal totals, different main-index split
  const base = makeFixture({ units: 12, seed: 21, blankAppraised: 0 });
  const comps = ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2"];
  const tieA = [10, 10, 10, 15, 15, 10, 10]; // 80, main 1 = 30
  const tieB = [10, 10, 5, 15, 15, 15, 10]; // 80, main 1 = 25
  const tieC = [10, 10, 10, 15, 15, 10, 10]; // same as A: a true tie
  const changes = comps.flatMap((code, i) => [
    { unit: 0, code, self: tieA[i]!, appraised: tieA[i]! },
    { unit: 3, code, self: tieB[i]!, appraised: tieB[i]! },
    { unit: 6, code, self: tieC[i]!, appraised: tieC[i]! },
  ]);

  it.each(["competition", "dense", "main-index-order"] as const)("%s", (tiePolicy) => {
    const f = withScores(base, changes, { tiePolicy });
    const specs = rankingSheetSpecs(f.set, f.data, f.ranking);
    const sheet = new Spreadsheet([f.grid], specs);
    const cols = rankingColumns(3, true, false);
    const units = f.ranking.groups[0]!.units;
    const computed = units.map((_, i) => sheet.value(specs[0]!.name, a1(5 + i, cols.rank)));
    expect(computed).toEqual(units.map((u) => u.rank));
    const rankOf = (name: string) => units.find((u) => u.unitName === name)!.rank!;
    if (tiePolicy === "main-index-order") {
      expect(rankOf("Sở Ngành 1")).toBe(rankOf("Sở Ngành 7"));
      expect(rankOf("Sở Ngành 4")).toBeGreaterThan(rankOf("Sở Ngành 1"));
    } else {
      expect(rankOf("Sở Ngành 4")).toBe(rankOf("Sở Ngành 1"));
    }
    expect(specRaw(specs[0]!)[2]?.[0]).toContain(
      tiePolicy === "dense"
        ? "không bỏ hạng"
        : tiePolicy === "competition"
          ? "bỏ qua hạng"
          : "lần lượt"
    );
  });
});

describe("blank is not zero", () => {
  const base = makeFixture({ units: 9, seed: 8 });
  const all = ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2"];
  const f = withScores(base, [
    // unit 1: main index 2 not entered at all
    { unit: 0, code: "2.1", self: null, appraised: null },
    { unit: 0, code: "2.2", self: null, appraised: null },
    // unit 4: nothing entered
    ...all.map((code) => ({ unit: 3, code, self: null, appraised: null })),
  ]);
  const specs = rankingSheetSpecs(f.set, f.data, f.ranking);
  const sheet = new Spreadsheet([f.grid], specs);
  const units = f.ranking.groups[0]!.units;
  const rowOf = (name: string) => FIRST_DATA_ROW + units.findIndex((u) => u.unitName === name);
  const cols = rankingColumns(3, true, false);
  const at = (r: number, c: number) => sheet.value(specs[0]!.name, a1(r, c));

  it("shows a main index with nothing entered as blank, and the total as provisional", () => {
    const u = units.find((x) => x.unitName === "Sở Ngành 1")!;
    expect(u.mainIndices["2"]?.points ?? null).toBeNull();
    expect(u.provisional).toBe(true);
    expect(at(rowOf("Sở Ngành 1"), cols.firstMain + 1)).toBe("");
    expect(at(rowOf("Sở Ngành 1"), cols.total)).toBeCloseTo(u.totalPoints!, 9);
    // The name in italics: one conditional format on the names, true where "Ghi chú" has a note.
    const italic = (specs[0]!.conditionalFormats ?? []).find((c) => c.style.italic === true);
    expect(italic?.range).toBe(`B${FIRST_DATA_ROW}:B${FIRST_DATA_ROW + units.length - 1}`);
    expect(italic?.when).toEqual({
      kind: "formula",
      formula: `=LEN($${columnLetters(cols.note)}${FIRST_DATA_ROW})>0`,
    });
    expect(at(rowOf("Sở Ngành 1"), cols.note)).not.toBe("");
  });

  it("leaves a unit with nothing entered unranked and ungraded, like the engine", () => {
    const u = units.find((x) => x.unitName === "Sở Ngành 4")!;
    expect(u.totalPoints).toBeNull();
    expect(u.rank).toBeNull();
    const r = rowOf("Sở Ngành 4");
    expect([at(r, cols.total), at(r, cols.percent), at(r, cols.rank), at(r, cols.grade!)]).toEqual([
      "",
      "",
      "",
      "",
    ]);
  });

  it("every formula still equals the engine", () => {
    expect(
      sheet.formulaCells(specs[0]!.name).filter((c) => !sameShown(c.cached, c.computed))
    ).toEqual([]);
  });
});

describe("rounding stages: formulas round where the engine does", () => {
  it.each(["display", "main-index", "total", "component"] as const)("%s", (stage) => {
    const base = makeFixture({ units: 12, seed: 13 });
    const rounding = { stage, decimals: 0 };
    const f = withScores(base, [], { rounding });
    const built = buildRankingSheets(f.set, f.data, f.ranking);
    const sheet = new Spreadsheet([f.grid], built.specs);
    for (const s of built.specs)
      expect(sheet.formulaCells(s.name).filter((c) => !sameShown(c.cached, c.computed))).toEqual(
        []
      );
    const c5 = cellOf(built.specs[0]!, "C5");
    if (stage === "main-index") expect(c5?.kind === "formula" && c5.formula).toContain("ROUND(");
    const f5 = cellOf(built.specs[0]!, "F5");
    if (stage === "total") expect(f5?.kind === "formula" && f5.formula).toContain("ROUND(");
    expect(specRaw(built.specs[0]!)[2]?.[0]).toContain(
      stage === "display" ? "chỉ làm tròn khi hiển thị" : "làm tròn"
    );
  });
});

describe("honest about cells that hold values", () => {
  it("links components rounded one by one at the component stage, with no value cells", () => {
    const base = makeFixture({ units: 12, seed: 13 });
    const f = withScores(base, [], { rounding: { stage: "component", decimals: 0 } });
    const built = buildRankingSheets(f.set, f.data, f.ranking);
    expect(built.valueFallbacks).toBe(0);
    const c5 = cellOf(built.specs[0]!, "C5");
    expect(c5?.kind === "formula" && c5.formula).toContain("ROUND(IF(ISNUMBER(");
  });

  it("says how many main-index cells hold values when a rule cannot be a formula", () => {
    const f = makeFixture({ units: 6, blankAppraised: 0 });
    // the engine's points disagree with the cells (as a rule-derived score would): value, counted
    const ranking = {
      ...f.ranking,
      groups: f.ranking.groups.map((g, gi) => ({
        ...g,
        units: g.units.map((u, i) =>
          gi === 0 && i === 0
            ? {
                ...u,
                mainIndices: {
                  ...u.mainIndices,
                  "1": { ...u.mainIndices["1"]!, points: 29.5 },
                },
              }
            : u
        ),
      })),
    };
    const built = buildRankingSheets(f.set, f.data, ranking);
    expect(built.valueFallbacks).toBe(1);
    expect(cellOf(built.specs[0]!, "C5")).toEqual({ kind: "number", value: 29.5 });
    expect(specRaw(built.specs[0]!)[2]?.[0]).toMatch(/trừ 1 ô ghi giá trị/);
  });
});

describe("issue 13: a unit with an invalid score on the ranked sheet", () => {
  // unit 0's appraiser typed 25 for 1.1 (max 10): the engine does not count it; the total is provisional
  const base = makeFixture({ units: 8, seed: 5, blankAppraised: 0 });
  const f = withScores(base, [{ unit: 0, code: "1.1", appraised: 25 }]);
  const built = buildRankingSheets(f.set, f.data, f.ranking);
  const s = built.specs.find((x) => x.name.includes("Sở"))!;
  const sheet = new Spreadsheet([f.grid], built.specs);
  const units = f.ranking.groups.find((g) => g.groupId === "agencies")!.units;
  const u = units.find((x) => x.unitId === f.units[0]!.id)!;
  const row = FIRST_DATA_ROW + units.indexOf(u);
  const cols = rankingColumns(3, true, false);

  it("item 4: every main-index cell is a formula, equal to the engine, and fixing the score updates it", () => {
    expect(built.valueFallbacks).toBe(0);
    for (let c = cols.firstMain; c < cols.firstMain + 3; c++)
      expect(cellOf(s, a1(row, c))?.kind).toBe("formula");
    expect(sheet.formulaCells(s.name).filter((c) => !sameShown(c.cached, c.computed))).toEqual([]);
    const before = sheet.value(s.name, a1(row, cols.firstMain)) as number;
    expect(before).toBeCloseTo(u.mainIndices["1"]!.points!, 9);
    sheet.set(ENTRY, a1(7, 6), 8); // the appraised 1.1 of unit 0, now valid
    expect(sheet.value(s.name, a1(row, cols.firstMain))).toBeCloseTo(before + 8, 9);
  });

  it("item 2: says in words, in the Ghi chú column, that the result is provisional and why", () => {
    expect(u.provisional).toBe(true);
    expect(sheet.value(s.name, a1(HEADER_ROW, cols.note))).toBe("Ghi chú");
    expect(sheet.value(s.name, a1(row, cols.note))).toBe("tạm tính: 1 lỗi ở 1.1");
    const fine = units.find((x) => !x.provisional)!;
    expect(sheet.value(s.name, a1(FIRST_DATA_ROW + units.indexOf(fine), cols.note))).toBeNull();
  });
});
