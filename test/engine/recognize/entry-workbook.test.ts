/** The DTI entry workbook as the add-in writes it (entrySheetSpecs) read back by the recogniser. */
import type {
  Concern,
  Grid,
  IndicatorSet,
  Recognized,
  Unit,
} from "../../../src/engine/model/types";
import { getProfile } from "../../../src/engine/profiles";
import { recognize } from "../../../src/engine/recognize";
import { readEntry } from "../../../src/engine/entry";
import { entrySheetSpecs, unitColumn } from "../../../src/engine/entry";
import { a1 } from "../../../src/engine/address";
import { MemoryWorkbook } from "../../../src/workbook/memory/memory-workbook";

function set(marks: Record<string, Concern> = {}): IndicatorSet {
  const ind = (code: string, level: "main" | "component", max: number, parent: string | null) => ({
    code,
    name: `Chỉ số ${code}`,
    level,
    maxPoints: max,
    method: { kind: "direct" as const },
    scored: true,
    parentCode: parent,
    ...(marks[code] !== undefined ? { concerns: marks[code] } : {}),
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

async function entryGrids(
  units: readonly Unit[],
  scores: number[][],
  marks: Record<string, Concern> = {}
): Promise<{ grids: Grid[]; wb: MemoryWorkbook }> {
  const wb = new MemoryWorkbook();
  await wb.apply(entrySheetSpecs(set(marks), units));
  // Unit k's self score for 1.1 and 1.2 (rows 7 and 8).
  scores.forEach((s, k) => {
    s.forEach((v, j) => wb.set("Nhập điểm", a1(7 + j, unitColumn(k)), v));
  });
  return { grids: [await wb.readGrid("Nhập điểm"), await wb.readGrid("Đơn vị")], wb };
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
    const { grids } = await entryGrids(
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

  it("column E 'Liên quan' carries the special-rule marks there and back, editable by the user", async () => {
    const units = unitsNamed(["Sở Tài chính", "Sở Nội vụ"]);
    const { wb } = await entryGrids(
      units,
      [
        [5, 6],
        [7, 8],
      ],
      {
        "1.1": "subordinate-units",
        "1.2": "dvctt",
      }
    );
    expect(wb.get("Nhập điểm", "E4")).toBe("Liên quan");
    expect(wb.get("Nhập điểm", "E7")).toBe("Đơn vị trực thuộc");
    expect(wb.get("Nhập điểm", "E8")).toBe("DVCTT");
    expect(wb.get("Nhập điểm", "F4")).toBe("Sở Tài chính");
    const concerns = (grids: Grid[]): Record<string, string | undefined> =>
      Object.fromEntries(read(grids).indicators.map((i) => [i.code, i.concerns]));
    const grids = async (): Promise<Grid[]> => [
      await wb.readGrid("Nhập điểm"),
      await wb.readGrid("Đơn vị"),
    ];
    expect(concerns(await grids())).toEqual({
      "1": undefined,
      "1.1": "subordinate-units",
      "1.2": "dvctt",
    });
    // The user changes the marks in Excel: typed text, accents and case do not matter.
    wb.userEdit("Nhập điểm", "E7", null);
    wb.userEdit("Nhập điểm", "E8", "đơn vị trực thuộc");
    expect(concerns(await grids())).toEqual({
      "1": undefined,
      "1.1": undefined,
      "1.2": "subordinate-units",
    });
  });

  it("offers the marks as a list and keeps the cells open on the protected sheet", () => {
    const [matrix] = entrySheetSpecs(set(), unitsNamed(["A", "B"]));
    const list = matrix?.validations?.find((v) => v.range === "E6:E8");
    expect(list?.rule).toEqual({ kind: "list", values: ["Đơn vị trực thuộc", "DVCTT"] });
    expect(matrix?.styles?.[0]?.range).toBe("E6:K8");
    expect(matrix?.styles?.[0]?.style.locked).toBe(false);
  });
});

describe("the unit headers: centred across three columns now, merged before 2026-12", () => {
  const units = unitsNamed(["Sở Tài chính", "UBND huyện Mộc Châu", "Sở Y tế"]);
  const scores = [
    [8, 9],
    [7, 6],
    [10, 5],
  ];

  it("writes no merge: the names sit in the first of their three columns, the others blank", async () => {
    const { grids } = await entryGrids(units, scores);
    const matrix = grids[0]!;
    expect(matrix.merges ?? []).toEqual([]);
    const row4 = matrix.values[4 - matrix.originRow]!;
    expect(row4.slice(5, 14)).toEqual([
      "Sở Tài chính",
      null,
      null,
      "UBND huyện Mộc Châu",
      null,
      null,
      "Sở Y tế",
      null,
      null,
    ]);
  });

  it("reads the new layout and an old workbook with merged names the same way (recogniser and exact reader)", async () => {
    const { grids, wb } = await entryGrids(units, scores);
    // The appraiser's score and an evidence note, to see the three columns stay one unit's.
    wb.set("Nhập điểm", a1(7, unitColumn(1) + 1), 5);
    wb.set("Nhập điểm", a1(7, unitColumn(1) + 2), "QĐ 12");
    const now = [await wb.readGrid("Nhập điểm"), grids[1]!];
    const merged = [
      {
        ...now[0]!,
        merges: units.map((_, k) => `${a1(4, unitColumn(k))}:${a1(4, unitColumn(k) + 2)}`),
      },
      now[1]!,
    ];
    const read = (g: Grid[]) => {
      const r = recognize(g, set().profile, { sheet: "Nhập điểm" });
      if (!r.ok) throw new Error(r.issues.map((i) => i.code).join());
      return r.value;
    };
    const a = read(now);
    const b = read(merged);
    expect(a.units.map((u) => u.name)).toEqual(units.map((u) => u.name));
    expect(b.units.map((u) => u.name)).toEqual(a.units.map((u) => u.name));
    const slim = (r: Recognized) =>
      r.entries.map((e) => [e.unitId, e.code, e.self?.raw, e.appraised?.raw, e.evidence ?? ""]);
    expect(slim(b)).toEqual(slim(a));
    expect(slim(a)).toContainEqual(["UBND huyện Mộc Châu", "1.1", 7, 5, "QĐ 12"]);
    const exact = (g: Grid[]) => readEntry(g, set());
    expect(JSON.stringify(exact(merged))).toBe(JSON.stringify(exact(now)));
    const e = exact(now);
    expect(e.ok).toBe(true);
    if (e.ok)
      expect(
        e.value.entries.find((x) => x.unitId === "UBND huyện Mộc Châu" && x.code === "1.1")
          ?.appraised?.raw
      ).toBe(5);
  });
});
