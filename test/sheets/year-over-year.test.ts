import { a1 } from "../../src/engine/address";
import { paramsOf, type Grid } from "../../src/engine/model/types";
import {
  FIRST_DATA_ROW,
  buildRankingSheets,
  rankingColumns,
} from "../../src/engine/sheets/ranking-sheets";
import {
  type LastYearRanking,
  lastYearFromGrid,
  lastYearFromRanking,
  matchLastYear,
  normaliseUnitName,
} from "../../src/engine/sheets/year-over-year";
import { evaluate } from "../../src/engine/evaluate";
import { makeFixture } from "./fixture";
import { Spreadsheet, sameShown, specRaw } from "./spreadsheet";

describe("normalised unit names", () => {
  it.each([
    ["UBND huyện Mai Sơn", "mai son"],
    ["Ủy ban nhân dân huyện  Mai Sơn", "mai son"],
    ["Uỷ ban nhân dân Huyện Mai Sơn", "mai son"],
    ["Mai Sơn", "mai son"],
    ["UBND thành phố Sơn La", "son la"],
    ["UBND TP. Sơn La", "son la"],
    ["Sở Tài chính", "tai chinh"],
    ["Sở  Tài  Chính ", "tai chinh"],
    ["Ban Dân tộc", "ban dan toc"],
    ["Văn phòng UBND tỉnh", "van phong ubnd tinh"],
  ])("%s → %s", (name, folded) => {
    expect(normaliseUnitName(name)).toBe(folded);
  });
});

function lastYearOf(names: readonly [string, number, number, string][]): LastYearRanking {
  return {
    year: 2023,
    source: "XH 2023",
    scale: 100,
    units: names.map(([name, total, rank, grade]) => ({
      name,
      totalPoints: total,
      percentOfMax: total / 100,
      rank,
      grade,
    })),
  };
}

describe("year over year", () => {
  const names = [
    "Sở Tài chính",
    "Sở Y tế",
    "UBND huyện Mai Sơn",
    "Sở Mới lập",
    "Sở Nội vụ",
    "UBND huyện Yên Châu",
  ];
  const f = makeFixture({ units: 6, names, seed: 11 });
  const last = lastYearOf([
    ["Sở Tài Chính", 70, 2, "Khá"],
    ["Sở Y tế", 80.5, 1, "Khá"],
    ["Ủy ban nhân dân huyện Mai Sơn", 60, 1, "Trung bình"],
    ["Sở Nội vụ", 50, 3, "Trung bình"],
    ["Sở Giải thể", 40, 4, "Yếu"],
    ["UBND huyện Yên Châu", 55, 2, "Trung bình"],
  ]);

  it("matches by normalised name and lists who did not match, instead of dropping them", () => {
    const all = f.ranking.groups.flatMap((g) => g.units);
    const m = matchLastYear(all, last);
    const matched = all.filter((u) => m.byUnit.has(u.unitId)).map((u) => u.unitName);
    expect(matched.sort()).toEqual(
      ["Sở Tài chính", "Sở Y tế", "UBND huyện Mai Sơn", "Sở Nội vụ", "UBND huyện Yên Châu"].sort()
    );
    expect(m.unmatchedCurrent.map((u) => u.unitName)).toEqual(["Sở Mới lập"]);
    expect(m.unmatchedLastYear.map((u) => u.name)).toEqual(["Sở Giải thể"]);
    expect(m.issues.map((i) => [i.code, paramsOf(i)["unit"], paramsOf(i)["side"]])).toEqual([
      ["last_year_unmatched", "Sở Mới lập", "current"],
      ["last_year_unmatched", "Sở Giải thể", "last-year"],
    ]);
  });

  it("adds last year's total, rank, grade and the change as formulas that equal the engine", () => {
    const built = buildRankingSheets(f.set, f.data, f.ranking, { lastYear: last, year: 2024 });
    const spec = built.specs[0]!;
    const cols = rankingColumns(3, true, true);
    const header = specRaw(spec)[3]!;
    expect(header.slice(cols.yoy!.total - 1, cols.yoy!.rankChange)).toEqual([
      "Tổng điểm 2023",
      "Xếp hạng 2023",
      "Xếp loại 2023",
      "Thay đổi điểm",
      "Thay đổi hạng (+ là tăng)",
    ]);
    const sheet = new Spreadsheet([f.grid], built.specs);
    expect(sheet.formulaCells(spec.name).filter((c) => !sameShown(c.cached, c.computed))).toEqual(
      []
    );
    const units = f.ranking.groups[0]!.units;
    const yte = units.findIndex((u) => u.unitName === "Sở Y tế");
    const r = FIRST_DATA_ROW + yte;
    expect(sheet.value(spec.name, a1(r, cols.yoy!.total))).toBe(80.5);
    expect(sheet.value(spec.name, a1(r, cols.yoy!.grade))).toBe("Khá");
    expect(sheet.value(spec.name, a1(r, cols.yoy!.change))).toBeCloseTo(
      units[yte]!.totalPoints! - 80.5,
      9
    );
    expect(sheet.value(spec.name, a1(r, cols.yoy!.rankChange))).toBe(1 - units[yte]!.rank!);
    const moi = FIRST_DATA_ROW + units.findIndex((u) => u.unitName === "Sở Mới lập");
    expect(sheet.value(spec.name, a1(moi, cols.yoy!.change))).toBe("");
    // the unmatched block lists both sides on the sheet
    const raw = JSON.stringify(specRaw(spec));
    expect(raw).toContain("Không khớp được với năm trước");
    expect(raw).toContain("Sở Giải thể");
    expect(built.issues.filter((i) => i.code === "last_year_unmatched")).toHaveLength(2);
    // average compared with last year
    expect(raw).toContain("Điểm trung bình năm 2023 (các đơn vị khớp)");
  });

  it("a unit not ranked this year (Không xếp hạng) or last year gets a blank rank change, not #VALUE!", () => {
    // "Sở Y tế" is assessed but not ranked this year (rules sheet block 7); "Sở Nội vụ" had no rank
    // last year (as a merged unit has none).
    const set = { ...f.set, profile: { ...f.set.profile, unrankedUnits: ["Sở Y tế"] } };
    const ranking = evaluate(set, f.data);
    const lastNoRank: LastYearRanking = {
      ...last,
      units: last.units.map((u) => (u.name === "Sở Nội vụ" ? { ...u, rank: null } : u)),
    };
    const built = buildRankingSheets(set, f.data, ranking, { lastYear: lastNoRank, year: 2024 });
    const spec = built.specs[0]!;
    const cols = rankingColumns(3, true, true);
    const sheet = new Spreadsheet([f.grid], built.specs);
    expect(sheet.formulaCells(spec.name).filter((c) => !sameShown(c.cached, c.computed))).toEqual(
      []
    );
    const units = ranking.groups[0]!.units;
    const at = (name: string) => FIRST_DATA_ROW + units.findIndex((u) => u.unitName === name);
    const yte = at("Sở Y tế");
    expect(sheet.value(spec.name, a1(yte, cols.rank))).toBe("Không xếp hạng");
    expect(sheet.value(spec.name, a1(yte, cols.yoy!.rankChange))).toBe("");
    // Its score change still shows: it was assessed.
    expect(sheet.value(spec.name, a1(yte, cols.yoy!.change))).toBeCloseTo(
      units.find((u) => u.unitName === "Sở Y tế")!.totalPoints! - 80.5,
      9
    );
    expect(sheet.value(spec.name, a1(at("Sở Nội vụ"), cols.yoy!.rankChange))).toBe("");
    const tc = units.find((u) => u.unitName === "Sở Tài chính")!;
    expect(sheet.value(spec.name, a1(at("Sở Tài chính"), cols.yoy!.rankChange))).toBe(2 - tc.rank!);
  });

  it("compares % of max when last year's scale differs (1000 → 100)", () => {
    const l1000: LastYearRanking = {
      ...last,
      scale: 1000,
      units: last.units.map((u) => ({ ...u, totalPoints: u.totalPoints! * 10 })),
    };
    const built = buildRankingSheets(f.set, f.data, f.ranking, { lastYear: l1000 });
    const header = specRaw(built.specs[0]!)[3]!;
    expect(header).toContain("Tỷ lệ % 2023");
    expect(header).toContain("Thay đổi tỷ lệ %");
    const sheet = new Spreadsheet([f.grid], built.specs);
    expect(
      sheet.formulaCells(built.specs[0]!.name).filter((c) => !sameShown(c.cached, c.computed))
    ).toEqual([]);
  });

  it("reads last year's ranking back from a ranked sheet the add-in wrote", () => {
    const built = buildRankingSheets(f.set, f.data, f.ranking, { year: 2023 });
    const spec = built.specs[0]!;
    const sheet = new Spreadsheet([f.grid], [spec]);
    const raw = specRaw(spec);
    const grid: Grid = {
      sheet: spec.name,
      originRow: 1,
      originCol: 1,
      values: raw.map((row, r) =>
        row.map((_, c) => {
          const v = sheet.value(spec.name, a1(r + 1, c + 1));
          return typeof v === "object" && v !== null ? null : v;
        })
      ),
    };
    const ly = lastYearFromGrid(grid)!;
    expect(ly.year).toBe(2023);
    expect(ly.scale).toBe(100);
    const units = f.ranking.groups[0]!.units;
    expect(ly.units.map((u) => [u.name, u.rank, u.grade])).toEqual(
      units.map((u) => [u.unitName, u.rank, u.grade.kind === "band" ? u.grade.label : null])
    );
    expect(ly.units[0]!.totalPoints).toBeCloseTo(units[0]!.totalPoints!, 9);
  });

  it("takes last year from an evaluated ranking (an imported summary file)", () => {
    const ly = lastYearFromRanking(f.ranking, "2023.xlsx", 2023, 100);
    expect(ly.units).toHaveLength(6);
    const m = matchLastYear(
      f.ranking.groups.flatMap((g) => g.units),
      ly
    );
    expect(m.unmatchedCurrent).toEqual([]);
    expect(m.unmatchedLastYear).toEqual([]);
  });
});
