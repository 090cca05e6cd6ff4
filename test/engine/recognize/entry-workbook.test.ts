/** The DTI entry workbook as the add-in writes it (entrySheetSpecs) read back by the recogniser. */
import type { Grid, IndicatorSet, Recognized, Unit } from "../../../src/engine/model/types";
import { getProfile } from "../../../src/engine/profiles";
import { recognize } from "../../../src/engine/recognize";
import { entrySheetSpecs, unitColumn } from "../../../src/engine/sheets/entry-sheets";
import { a1 } from "../../../src/engine/address";
import { MemoryWorkbook } from "../../../src/workbook/memory/memory-workbook";

function set(): IndicatorSet {
  const ind = (code: string, level: "main" | "component", max: number, parent: string | null) => ({
    code,
    name: `Chỉ số ${code}`,
    level,
    maxPoints: max,
    method: { kind: "direct" as const },
    scored: true,
    parentCode: parent,
  });
  return {
    profile: getProfile("sonla-2024"),
    indicators: [
      ind("1", "main", 20, null),
      ind("1.1", "component", 10, "1"),
      ind("1.2", "component", 10, "1"),
    ],
  };
}

function unitsNamed(names: readonly string[]): Unit[] {
  return names.map((name, i) => ({
    id: `u${i + 1}`,
    name,
    groupId: "agencies",
    hasSubordinateUnits: true,
    hasDvctt: true,
    specialPurpose: false,
    notApplicable: [],
  }));
}

async function entryGrids(units: readonly Unit[], scores: number[][]): Promise<Grid[]> {
  const wb = new MemoryWorkbook();
  await wb.apply(entrySheetSpecs(set(), units));
  // Unit k's self score for 1.1 and 1.2 (rows 7 and 8).
  scores.forEach((s, k) => {
    s.forEach((v, j) => wb.set("Nhập điểm", a1(7 + j, unitColumn(k)), v));
  });
  return [await wb.readGrid("Nhập điểm"), await wb.readGrid("Đơn vị")];
}

function read(grids: Grid[]): Recognized {
  const r = recognize(grids, getProfile("sonla-2024"));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe("recognising the entry workbook the add-in writes", () => {
  it.each([
    [["Đơn vị 1", "Đơn vị 2"]],
    [["Đơn vị A", "Cơ quan B", "Sở Tài chính"]],
    [["Sở Tài chính", "UBND huyện Mộc Châu"]],
    [["Cơ quan 1", "Cơ quan 2"]],
    [["Văn phòng Hội đồng nhân dân tỉnh", "Đơn vị số 2"]],
  ])("units named %j are read as a matrix of those units", async (names) => {
    const grids = await entryGrids(
      unitsNamed(names),
      names.map((_, k) => [k + 1, k + 2])
    );
    const value = read(grids);
    expect(value.layout).toBe("matrix");
    expect(value.units.map((u) => u.name)).toEqual(names);
    expect(value.units.every((u) => u.groupId === "agencies")).toBe(true);
    names.forEach((_, k) => {
      const e = value.entries.find((x) => x.unitId === value.units[k]?.id && x.code === "1.2");
      expect(e?.self?.points).toBe(k + 2);
    });
  });

  it("a one-unit form with a 'Đơn vị: …' title line still takes its name from it", () => {
    const grid: Grid = {
      sheet: "Biểu mẫu",
      originRow: 1,
      originCol: 1,
      values: [
        ["Đơn vị: Sở Tài chính", null, null, null],
        [null, null, null, null],
        ["STT", "Tên chỉ số", "Điểm tối đa", "Điểm tự đánh giá"],
        ["1.1", "Chỉ số 1.1", 10, 7],
      ],
    };
    const value = read([grid]);
    expect(value.layout).toBe("form");
    expect(value.units.map((u) => u.name)).toEqual(["Sở Tài chính"]);
  });
});
