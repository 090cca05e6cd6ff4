import fc from "fast-check";
import type { CellValue, Grid, Issue, Recognized } from "../../../src/engine/model/types";
import { getProfile } from "../../../src/engine/profiles";
import { compareCodes, recognize } from "../../../src/engine/recognize";
import { TestSheet } from "./sheet";

const sample = getProfile("sample");

function ok(grids: Grid[], options = {}): { value: Recognized; issues: readonly Issue[] } {
  const r = recognize(grids, sample, options);
  if (!r.ok) throw new Error(`not recognised: ${JSON.stringify(r.issues)}`);
  return r;
}

function entry(rec: Recognized, unitId: string, code: string) {
  return rec.entries.find((e) => e.unitId === unitId && e.code === code);
}

function codes(issues: readonly Issue[]): string[] {
  return issues.map((i) => `${i.code}@${i.cell?.cell ?? "-"}`);
}

describe("layout (a): one unit's form", () => {
  const form = () =>
    new TestSheet("Biểu 01")
      .set("A1", "BIỂU TỰ ĐÁNH GIÁ CHỈ SỐ CHUYỂN ĐỔI SỐ")
      .set("A2", "Tên cơ quan: Sở Tài chính")
      .rows("A4", [
        [
          "STT",
          "Tên chỉ số",
          "Điểm tối đa",
          "Điểm tự đánh giá",
          "Điểm thẩm định",
          "Tài liệu kiểm chứng",
          "Ghi chú",
        ],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        ["I", "NHÓM NỀN TẢNG", null, null, null, null, null],
        ["1", "Nhận thức số", null, null, null, null, null],
        ["1.1", "Lãnh đạo quan tâm", 10, 8, "8,5", "QĐ 12/QĐ-STC", null],
        ["1.10", "Chỉ số thứ mười", 5, 5, null, null, null],
        ["1.2", "Tuyên truyền", 10, "1.000", null, null, null],
        [null, null, null, null, null, null, null],
        [null, "Ghi chú: điểm tạm tính", null, null, null, null, null],
        ["1.3", "Hội nghị", null, "abc", { error: "#REF!" }, null, null],
      ]);

  it("reads the tree: pillar, main, components in natural order, levels and parents from codes", () => {
    const { value } = ok([form().grid()]);
    expect(value.layout).toBe("form");
    expect(value.indicators.map((i) => [i.code, i.level, i.parentCode])).toEqual([
      ["I", "pillar", null],
      ["1", "main", "I"],
      ["1.1", "component", "1"],
      ["1.2", "component", "1"],
      ["1.3", "component", "1"],
      ["1.10", "component", "1"],
    ]);
    expect(value.indicators.find((i) => i.code === "1.1")?.cell).toEqual({
      sheet: "Biểu 01",
      cell: "A8",
    });
  });

  it("a main index without max takes the sum of its components when they all have one", () => {
    const s = form().set("C13", 5);
    const { value } = ok([s.grid()]);
    expect(value.indicators.find((i) => i.code === "1")?.maxPoints).toBe(30);
  });

  it("takes the unit name from the title cell, or from options, else the sheet name", () => {
    expect(ok([form().grid()]).value.units.map((u) => u.name)).toEqual(["Sở Tài chính"]);
    expect(ok([form().grid()], { unitName: "Sở Y tế" }).value.units[0]?.name).toBe("Sở Y tế");
    const noTitle = form().set("A2", null);
    expect(ok([noTitle.grid()]).value.units[0]?.name).toBe("Biểu 01");
  });

  it("keeps every entry's cell, evidence and the raw text of odd numbers", () => {
    const { value } = ok([form().grid()]);
    const e = entry(value, "Sở Tài chính", "1.1");
    expect(e?.self).toEqual({ points: 8, raw: 8, cell: { sheet: "Biểu 01", cell: "D8" } });
    expect(e?.appraised).toEqual({
      points: 8.5,
      raw: "8,5",
      cell: { sheet: "Biểu 01", cell: "E8" },
    });
    expect(e?.evidence).toBe("QĐ 12/QĐ-STC");
    expect(e?.evidenceCell).toEqual({ sheet: "Biểu 01", cell: "F8" });
    expect(entry(value, "Sở Tài chính", "1.10")?.appraised).toEqual({
      points: null,
      raw: null,
      cell: { sheet: "Biểu 01", cell: "E9" },
    });
  });

  it("raises number issues with cells: vn_number_parsed, ambiguous_number, not_a_number, formula_error, max_missing", () => {
    const { issues } = ok([form().grid()]);
    expect(codes(issues).sort()).toEqual(
      [
        "vn_number_parsed@E8",
        "ambiguous_number@D10",
        "not_a_number@D13",
        "formula_error@E13",
        "max_missing@C13",
        "max_missing@C7",
      ].sort()
    );
    const vn = issues.find((i) => i.code === "vn_number_parsed");
    expect(vn).toMatchObject({
      severity: "warning",
      unit: "Sở Tài chính",
      indicator: "1.1",
      params: { text: "8,5", value: 8.5 },
    });
    expect(issues.find((i) => i.code === "ambiguous_number")?.params["candidates"]).toBe(
      "1000 | 1"
    );
  });

  it("finds the header lower down, matched without accents or case, with a two-row header", () => {
    const s = new TestSheet("x")
      .rows("B9", [
        ["MA", "NOI DUNG", "DIEM TOI DA", "Điểm", null],
        [null, null, null, "tự chấm", "THẨM ĐỊNH"],
        ["2", "Thể chế số", 10, null, null],
        ["2.1", "Kế hoạch", 10, 7, 6],
      ])
      .merge("E9:F9");
    const { value } = ok([s.grid()]);
    expect(entry(value, "x", "2.1")?.self?.points).toBe(7);
    expect(entry(value, "x", "2.1")?.appraised?.points).toBe(6);
    expect(value.tableRange).toBe("B9:F12");
  });

  it("a duplicate code is reported, not silently merged", () => {
    const s = new TestSheet("x").rows("A1", [
      ["Mã", "Tên chỉ số", "Điểm tối đa", "Điểm tự đánh giá"],
      ["1.1", "A", 5, 5],
      ["1.1", "B", 5, 4],
    ]);
    const { issues, value } = ok([s.grid()]);
    expect(codes(issues)).toContain("duplicate_code@A3");
    expect(value.indicators.filter((i) => i.code === "1.1")).toHaveLength(1);
  });

  it("codes written in the name cell are read: '1.2. Tỷ lệ…'", () => {
    const s = new TestSheet("x").rows("A1", [
      ["Tên chỉ số", "Điểm tối đa", "Điểm tự đánh giá"],
      ["1. Nhận thức số", 10, null],
      ["1.1. Lãnh đạo", 10, 9],
    ]);
    const { value } = ok([s.grid()]);
    expect(value.indicators.map((i) => [i.code, i.name])).toEqual([
      ["1", "Nhận thức số"],
      ["1.1", "Lãnh đạo"],
    ]);
  });
});

describe("headers as provinces write them", () => {
  it("'Tiêu chí, chỉ số' + 'Điểm tự chấm', running STT numbers beside codes in the names", () => {
    const s = new TestSheet("Phụ lục").rows("A3", [
      ["TT", "Tiêu chí, chỉ số", "Điểm tối đa", "Cách tính điểm", "Điểm tự chấm"],
      [1, "1. Nhận thức số", 10, null, null],
      [2, "1.1. Lãnh đạo quan tâm", 6, "Có: 6 điểm", 6],
      [3, "1.2. Tuyên truyền", 4, "Mỗi tin bài 1 điểm", 3],
    ]);
    const { value, issues } = ok([s.grid()]);
    expect(value.layout).toBe("form");
    expect(value.indicators.map((i) => [i.code, i.name])).toEqual([
      ["1", "Nhận thức số"],
      ["1.1", "Lãnh đạo quan tâm"],
      ["1.2", "Tuyên truyền"],
    ]);
    expect(entry(value, "Phụ lục", "1.2")?.self?.points).toBe(3);
    expect(issues).toEqual([]);
  });

  it("lettered sub-criteria with their own max are criteria of the component; without a max, notes", () => {
    const s = new TestSheet("x").rows("A1", [
      ["STT", "Tên chỉ số", "Điểm tối đa", "Điểm tự đánh giá"],
      ["1", "Nhận thức số", 10, null],
      ["1.1", "Hội nghị", null, null],
      ["a)", "Hội nghị cấp tỉnh", 3, 3],
      ["b)", "Hội nghị cấp huyện", 2, 1],
      ["1.2", "Tuyên truyền", 5, 4],
      ["a", "Trên cổng thông tin (mô tả)", null, null],
    ]);
    const { value, issues } = ok([s.grid()]);
    expect(value.indicators.map((i) => [i.code, i.level, i.parentCode, i.maxPoints])).toEqual([
      ["1", "main", null, 10],
      ["1.1", "component", "1", 5],
      ["1.1.a", "criterion", "1.1", 3],
      ["1.1.b", "criterion", "1.1", 2],
      ["1.2", "component", "1", 5],
    ]);
    expect(entry(value, "x", "1.1.b")?.self?.points).toBe(1);
    expect(issues).toEqual([]);
  });

  it("a 'Liên quan' column marks the components the special rules concern", () => {
    const s = new TestSheet("x").rows("A1", [
      ["Mã", "Tên chỉ số", "Điểm tối đa", "Liên quan", "Điểm tự đánh giá"],
      ["4.3", "Đơn vị trực thuộc có cán bộ phụ trách", 5, "Đơn vị trực thuộc", 5],
      ["6.3", "Dịch vụ công trực tuyến toàn trình", 5, "DVCTT", 4],
      ["6.4", "Báo cáo", 5, null, 4],
    ]);
    const { value } = ok([s.grid()]);
    expect(value.indicators.map((i) => i.concerns)).toEqual([
      "subordinate-units",
      "dvctt",
      undefined,
    ]);
  });

  it("a form whose only score column is headed 'Điểm đánh giá' is the unit's score, not a unit", () => {
    const s = new TestSheet("Sở Y tế").rows("A1", [
      ["Mã", "Tên chỉ số", "Điểm tối đa", "Điểm đánh giá"],
      ["2.1", "Kế hoạch", 5, 4.5],
    ]);
    const { value } = ok([s.grid()]);
    expect(value.layout).toBe("form");
    expect(value.units.map((u) => u.name)).toEqual(["Sở Y tế"]);
    expect(entry(value, "Sở Y tế", "2.1")?.self?.points).toBe(4.5);
  });

  it("a summary whose index columns are headed 'Chỉ số 1: …'", () => {
    const s = new TestSheet("KQ").rows("A1", [
      ["STT", "Đơn vị", "Chỉ số 1: Nhận thức số", "Chỉ số 2: Thể chế số"],
      [1, "Sở A", 8, 7],
    ]);
    const { value } = ok([s.grid()]);
    expect(value.layout).toBe("summary");
    expect(value.indicators.map((i) => [i.code, i.name])).toEqual([
      ["1", "Nhận thức số"],
      ["2", "Thể chế số"],
    ]);
  });

  it("index columns without a maximum beside a total: the total is used, the others are reported", () => {
    const s = new TestSheet("KQ").rows("A1", [
      ["STT", "Đơn vị", "Chỉ số 1: Nhận thức số", "Chỉ số 2: Thể chế số", "Tổng"],
      [1, "Sở A", 8, 7, 15],
    ]);
    const { value, issues } = ok([s.grid()]);
    expect(value.indicators.map((i) => i.code)).toEqual(["TONG"]);
    expect(codes(issues)).toEqual([
      "column_left_out@C1",
      "column_left_out@D1",
      "groups_inferred@B1",
    ]);
    expect(value.tableLayout?.columns.find((c) => c.col === "C")).toMatchObject({
      role: "ignore",
      reason: "not-an-index",
    });
  });
});

describe("layout (b): the DTI entry workbook (3 columns per unit) and its units sheet", () => {
  const entrySheet = () =>
    new TestSheet("Nhập điểm")
      .set("A1", "NHẬP ĐIỂM")
      .set("A2", "Bộ chỉ số minh hoạ")
      .rows("A4", [
        [
          "Mã",
          "Tên chỉ số",
          "Điểm tối đa",
          "Cấp",
          "Sở Tài chính",
          null,
          null,
          "UBND huyện Mộc Châu",
          null,
          null,
        ],
        [
          null,
          null,
          null,
          null,
          "Tự đánh giá",
          "Thẩm định",
          "Tài liệu kiểm chứng",
          "Tự đánh giá",
          "Thẩm định",
          "Tài liệu kiểm chứng",
        ],
        ["1", "Nhận thức số", 20, "Chỉ số chính", 15, 14, null, 3, 0, null],
        ["1.1", "Lãnh đạo", 10, "Chỉ số thành phần", 8, 7, "QĐ 1", 3, null, null],
        ["1.2", "Tuyên truyền", 10, "Chỉ số thành phần", 7, 7, "KH 2", null, null, null],
      ])
      .set("E6", 15, "=SUM(E7:E8)")
      .set("F6", 14, "=SUM(F7:F8)")
      .set("H6", 3, "=SUM(H7:H8)")
      .set("I6", 0, "=SUM(I7:I8)")
      .merge("E4:G4")
      .merge("H4:J4");
  const unitsSheet = () =>
    new TestSheet("Đơn vị").rows("A1", [
      [
        "STT",
        "Tên cơ quan, đơn vị",
        "Nhóm",
        "Có đơn vị trực thuộc",
        "Có DVCTT",
        "Đặc thù",
        "Chỉ số không áp dụng",
      ],
      [1, "Sở Tài chính", "Sở, ban, ngành", "Có", "Không", "x", "1.2; 1.3"],
      [2, "UBND huyện Mộc Châu", "UBND huyện, thành phố", "Có", "Có", null, null],
    ]);

  it("reads units from the merged names, entries per unit, flags and groups from 'Đơn vị'", () => {
    const { value, issues } = ok([entrySheet().grid(), unitsSheet().grid()]);
    expect(value.layout).toBe("matrix");
    expect(value.units).toEqual([
      expect.objectContaining({
        id: "Sở Tài chính",
        groupId: "agencies",
        hasSubordinateUnits: true,
        hasDvctt: false,
        specialPurpose: true,
        notApplicable: ["1.2", "1.3"],
      }),
      expect.objectContaining({
        id: "UBND huyện Mộc Châu",
        groupId: "districts",
        hasDvctt: true,
        specialPurpose: false,
      }),
    ]);
    expect(entry(value, "UBND huyện Mộc Châu", "1.1")?.self?.cell?.cell).toBe("H7");
    expect(entry(value, "UBND huyện Mộc Châu", "1.2")?.self).toEqual({
      points: null,
      raw: null,
      cell: { sheet: "Nhập điểm", cell: "H8" },
    });
    expect(entry(value, "Sở Tài chính", "1.2")?.evidence).toBe("KH 2");
    expect(value.indicators.map((i) => i.level)).toEqual(["main", "component", "component"]);
    expect(issues).toEqual([]);
  });

  it("main-index SUM formulas are derived figures, not entries", () => {
    const { value } = ok([entrySheet().grid(), unitsSheet().grid()]);
    expect(entry(value, "Sở Tài chính", "1")).toBeUndefined();
  });

  it("a typed main-index figure is kept (for the sum check)", () => {
    const s = entrySheet();
    s.set("E6", 16);
    const g = s.grid();
    const formulas = g.formulas!.map((row) => [...row]);
    formulas[5]![4] = null;
    const { value } = ok([{ ...g, formulas }, unitsSheet().grid()]);
    expect(entry(value, "Sở Tài chính", "1")?.self?.points).toBe(16);
  });

  it("an unknown group in the units sheet is an issue, never a guess", () => {
    const u = unitsSheet().set("C3", "Khối xã");
    const { value, issues } = ok([entrySheet().grid(), u.grid()]);
    expect(value.units[1]?.groupId).toBeNull();
    expect(issues).toEqual([
      expect.objectContaining({
        code: "unknown_group",
        cell: { sheet: "Đơn vị", cell: "C3" },
        params: expect.objectContaining({ group: "Khối xã" }),
      }),
    ]);
  });

  it("a simple matrix: one column per unit", () => {
    const s = new TestSheet("Tổng hợp").rows("A3", [
      ["STT", "Chỉ số", "Điểm tối đa", "Sở Y tế", "Sở Xây\ndựng"],
      ["1", "Nhận thức số", 10, null, null],
      ["1.1", "Lãnh đạo", 10, 9, "7,5"],
    ]);
    const { value, issues } = ok([s.grid()]);
    expect(value.layout).toBe("matrix");
    expect(value.units.map((u) => u.name)).toEqual(["Sở Y tế", "Sở Xây dựng"]);
    expect(entry(value, "Sở Xây dựng", "1.1")?.self?.points).toBe(7.5);
    expect(codes(issues)).toEqual(["vn_number_parsed@E5"]);
  });
});

describe("layout (c): a summary, rows = units", () => {
  it("reads main-index columns with codes and maxima from headers, groups from a Nhóm column", () => {
    const s = new TestSheet("Tổng hợp").rows("A2", [
      [
        "STT",
        "Tên cơ quan, đơn vị",
        "Nhóm",
        "1. Nhận thức số (20 điểm)",
        "2. Thể chế số (30)",
        "Tổng điểm",
        "Xếp loại",
      ],
      [1, "Sở Tài chính", "SỞ BAN NGÀNH", 18, "25,5", 43.5, "Khá"],
      [2, "UBND huyện Yên Châu", "ubnd huyen, thanh pho", 12, 20, 32, "Yếu"],
      [3, "Ban Dân tộc", "Khối xã", 10, null, 10, null],
      [null, "Tổng cộng", null, 40, 45.5, 85.5, null],
    ]);
    const { value, issues } = ok([s.grid()]);
    expect(value.layout).toBe("summary");
    expect(value.indicators.map((i) => [i.code, i.name, i.maxPoints, i.level])).toEqual([
      ["1", "Nhận thức số", 20, "main"],
      ["2", "Thể chế số", 30, "main"],
    ]);
    expect(value.units.map((u) => [u.name, u.groupId])).toEqual([
      ["Sở Tài chính", "agencies"],
      ["UBND huyện Yên Châu", "districts"],
      ["Ban Dân tộc", null],
    ]);
    expect(entry(value, "Sở Tài chính", "2")?.self?.points).toBe(25.5);
    expect(codes(issues).sort()).toEqual(["unknown_group@C5", "vn_number_parsed@E3"]);
  });

  it("Roman-numeral group rows and merged group cells set the group of the rows below", () => {
    const s = new TestSheet("KQ").rows("A1", [
      ["STT", "Đơn vị", "Tổng điểm"],
      ["I", "Khối Sở, ban, ngành", null],
      [1, "Sở Nội vụ", 80],
      [2, "Sở Tư pháp", 75],
      ["II", "UBND các huyện, thành phố", null],
      [1, "UBND huyện Sông Mã", 66],
      ["III", "Khối doanh nghiệp", null],
      [1, "Công ty X", 50],
    ]);
    const { value, issues } = ok([s.grid()]);
    expect(value.units.map((u) => u.groupId)).toEqual(["agencies", "agencies", "districts", null]);
    expect(value.indicators).toEqual([expect.objectContaining({ code: "TONG", maxPoints: 100 })]);
    expect(codes(issues)).toEqual(["unknown_group@A7"]);
  });

  it("a max row and a column without max", () => {
    const s = new TestSheet("KQ").rows("A1", [
      ["Tên đơn vị", "Nhóm", "Nhận thức số", "Hạ tầng số"],
      ["Điểm tối đa", null, 20, null],
      ["Sở A", "Cấp tỉnh", 10, 5],
    ]);
    const { value, issues } = ok([s.grid()]);
    expect(value.indicators.map((i) => [i.code, i.maxPoints])).toEqual([
      ["1", 20],
      ["2", null],
    ]);
    expect(codes(issues)).toEqual(["max_missing@D1"]);
    const merged = new TestSheet("KQ")
      .rows("A1", [
        ["Tên đơn vị", "Nhóm", "Tổng điểm"],
        ["Sở A", "Cấp tỉnh", 10],
        ["Sở B", null, 12],
      ])
      .merge("B2:B3");
    expect(ok([merged.grid()]).value.units.map((u) => u.groupId)).toEqual(["agencies", "agencies"]);
  });
});

describe("choosing the sheet", () => {
  it("--sheet picks one; an unknown sheet or no table is no_table_found", () => {
    const a = new TestSheet("Ghi chú").set("A1", "Hướng dẫn");
    const b = new TestSheet("Bảng").rows("A1", [
      ["Mã", "Tên chỉ số", "Điểm tối đa", "Điểm tự đánh giá"],
      ["1", "X", 5, 5],
    ]);
    expect(ok([a.grid(), b.grid()]).value.indicators).toHaveLength(1);
    expect(ok([a.grid(), b.grid()], { sheet: "bang" }).value.indicators).toHaveLength(1);
    const r = recognize([a.grid(), b.grid()], sample, { sheet: "Khác" });
    expect(r).toEqual({
      ok: false,
      issues: [expect.objectContaining({ code: "no_table_found", severity: "error" })],
    });
    expect(recognize([a.grid()], sample).ok).toBe(false);
    expect(recognize([], sample).ok).toBe(false);
  });
});

describe("one form per sheet", () => {
  const formFor = (unit: string, self: number) =>
    new TestSheet(unit).set("A1", `Đơn vị: ${unit}`).rows("A3", [
      ["Mã", "Tên chỉ số", "Điểm tối đa", "Điểm tự đánh giá", "Tài liệu kiểm chứng"],
      ["1", "Nhận thức số", 10, null, null],
      ["1.1", "Lãnh đạo", 10, self, "QĐ 1"],
    ]);

  it("becomes one table with a unit per sheet, each entry keeping its own sheet's cell", () => {
    const { value, issues } = ok([formFor("Sở Y tế", 7).grid(), formFor("Sở Tư pháp", 9).grid()]);
    expect(value.layout).toBe("form");
    expect(value.units.map((u) => u.name)).toEqual(["Sở Y tế", "Sở Tư pháp"]);
    expect(entry(value, "Sở Tư pháp", "1.1")?.self).toEqual({
      points: 9,
      raw: 9,
      cell: { sheet: "Sở Tư pháp", cell: "D5" },
    });
    expect(value.indicators.map((i) => i.code)).toEqual(["1", "1.1"]);
    expect(issues).toEqual([]);
  });

  it("two sheets naming the same unit are a duplicate_unit, not merged", () => {
    const { value, issues } = ok([
      formFor("Sở Y tế", 7).grid(),
      { ...formFor("Sở Y tế", 8).grid(), sheet: "Bản 2" },
    ]);
    expect(value.units.map((u) => u.id)).toEqual(["Sở Y tế", "Sở Y tế (2)"]);
    expect(codes(issues)).toEqual(["duplicate_unit@A1"]);
    expect(issues[0]?.cell?.sheet).toBe("Bản 2");
  });

  it("a 'Nhóm: …' title line gives the form's group; an unknown one is an issue", () => {
    const s = formFor("UBND huyện Sốp Cộp", 8).set("A2", "Nhóm: UBND huyện, thành phố");
    expect(ok([s.grid()]).value.units[0]?.groupId).toBe("districts");
    const bad = formFor("UBND xã X", 8).set("A2", "Khối: cấp xã");
    const r = ok([bad.grid()]);
    expect(r.value.units[0]?.groupId).toBeNull();
    expect(codes(r.issues)).toEqual(["unknown_group@A2"]);
  });

  it("--sheet or a unit name keeps one form", () => {
    const grids = [formFor("Sở Y tế", 7).grid(), formFor("Sở Tư pháp", 9).grid()];
    expect(ok(grids, { sheet: "Sở Tư pháp" }).value.units.map((u) => u.name)).toEqual([
      "Sở Tư pháp",
    ]);
  });
});

describe("codes", () => {
  it("sort naturally: 4.2 < 4.10, Roman by value", () => {
    expect(["4.10", "4.2", "4", "10", "4.1.2", "II", "I"].sort(compareCodes)).toEqual([
      "4",
      "4.1.2",
      "4.2",
      "4.10",
      "10",
      "I",
      "II",
    ]);
  });
});

describe("never throws on any grid", () => {
  const cell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constant(null),
    fc.double({ noNaN: false }),
    fc.integer({ min: -5, max: 200 }),
    fc.boolean(),
    fc.constantFrom(
      "Mã",
      "STT",
      "Tên chỉ số",
      "Điểm tối đa",
      "Tự đánh giá",
      "Thẩm định",
      "Tài liệu kiểm chứng",
      "Tên cơ quan",
      "Nhóm",
      "Tổng điểm",
      "I",
      "II",
      "1",
      "1.1",
      "1.10",
      "8,5",
      "1.000",
      "abc",
      "Sở, ban, ngành",
      "Đơn vị: X",
      "Có",
      "Không",
      "Điểm tối đa",
      "Cấp",
      "Chỉ số chính",
      ""
    ),
    fc.string(),
    fc.constantFrom({ error: "#REF!" }, { error: "#N/A" })
  );
  const grid: fc.Arbitrary<Grid> = fc
    .record({
      sheet: fc.oneof(fc.constantFrom("Nhập điểm", "Đơn vị", "_dti", "S"), fc.string()),
      originRow: fc.integer({ min: -2, max: 20 }),
      originCol: fc.integer({ min: -2, max: 20 }),
      values: fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 14 }),
      merges: fc.array(
        fc.oneof(
          fc.constantFrom("A1:C1", "E4:G4", "B2:B9", "A1:XFD1048576", "Z99:A1", "bad", ""),
          fc.string()
        ),
        { maxLength: 4 }
      ),
      hiddenRows: fc.array(fc.integer({ min: -1, max: 20 }), { maxLength: 3 }),
    })
    .map((g) => g as Grid);
  const headers: CellValue[][] = [
    [
      "Mã",
      "Tên chỉ số",
      "Điểm tối đa",
      "Điểm tự đánh giá",
      "Điểm thẩm định",
      "Tài liệu kiểm chứng",
    ],
    ["Mã", "Tên chỉ số", "Điểm tối đa", "Cấp", "Sở A", null, null, "Sở B"],
    ["STT", "Tên cơ quan", "Nhóm", "1. Nhận thức số (10)", "Chỉ số 2", "Tổng điểm"],
    ["STT", "Chỉ số", "Điểm tối đa", "Sở A", "Sở B", "Điểm"],
  ];
  it("returns a Result for a real header over random rows", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...headers),
        fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 12 }),
        fc.boolean(),
        (header, rows, sub) => {
          const values = [
            header,
            ...(sub
              ? [[null, null, null, null, "Tự đánh giá", "Thẩm định", "Tài liệu kiểm chứng"]]
              : []),
            ...rows,
          ];
          const g: Grid = { sheet: "S", originRow: 1, originCol: 1, values, merges: ["E1:G1"] };
          const r = recognize([g], sample);
          expect(typeof r.ok).toBe("boolean");
          if (r.ok)
            for (const e of r.value.entries)
              expect(r.value.units.some((u) => u.id === e.unitId)).toBe(true);
        }
      ),
      { numRuns: 400 }
    );
  });

  it("returns a Result for random grids", () => {
    fc.assert(
      fc.property(fc.array(grid, { maxLength: 3 }), fc.option(fc.string()), (grids, sheet) => {
        const r = recognize(grids, sample, sheet === null ? {} : { sheet });
        expect(typeof r.ok).toBe("boolean");
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 }
    );
  });
});
