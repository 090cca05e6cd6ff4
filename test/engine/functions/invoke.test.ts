/** DTI.* called as Excel calls them: cells, ranges with blanks, text and errors, omitted arguments. */
import { invoke, FUNCTIONS, type XlResult } from "../../../src/engine/functions";

const REF = { error: "#REF!" };
const col = (...vs: unknown[]) => vs.map((v) => [v]);
const err = (r: XlResult) => (typeof r === "object" && r !== null && "error" in r ? r.error : null);
const msg = (r: XlResult) => (typeof r === "object" && r !== null && "error" in r ? r.message : "");

describe("DTI.GRADE", () => {
  test.each([
    [85, undefined, undefined, "Tốt"],
    [84.99, undefined, undefined, "Khá"],
    [70, 100, undefined, "Khá"],
    [50, 100, null, "Trung bình"],
    [49.99, 100, "", "Yếu"],
    [850, 1000, undefined, "Tốt"],
    ["8,5", 10, undefined, "Tốt"], // a number typed as text the Vietnamese way
    [731.61, 1000, "laocai-2022", "Nâng cao"],
    [750.01, 1000, "LAOCAI-2022", "Dẫn dắt"],
    [750, 1000, "laocai-2022", "Nâng cao"],
    [264, undefined, "hcm-2023", "Nâng cao"], // default max = the profile's scale (330)
    [90, 100, "kontum-2022", "Tốt"],
    [89.99, 100, "kontum-2022", "Khá"],
  ])("GRADE(%p, %p, %p) = %p", (pts, max, scheme, expected) => {
    expect(invoke("GRADE", [pts, max, scheme])).toBe(expected);
  });

  test("a blank points cell is not entered: empty result, not Yếu", () => {
    expect(invoke("GRADE", [null])).toBe("");
    expect(invoke("GRADE", [""])).toBe("");
  });
  test("bands from a range: lower bound %, label, incl/excl", () => {
    const bands = [
      [90, "Xuất sắc"],
      [60, "Đạt", "excl"],
      [null, "Chưa đạt"],
      [null, null, null], // a blank row is skipped
    ];
    expect(invoke("GRADE", [90, 100, bands])).toBe("Xuất sắc");
    expect(invoke("GRADE", [60.01, 100, bands])).toBe("Đạt");
    expect(invoke("GRADE", [60, 100, bands])).toBe("Chưa đạt");
    expect(invoke("GRADE", [120, 200, bands])).toBe("Chưa đạt");
  });
  test("a value in a gap of the bands: a clear text naming both neighbours, as the sheets show", () => {
    expect(invoke("GRADE", [198.5, 330, "hcm-2023"])).toBe(
      "Chưa xếp loại (giữa Khởi động và Hình thành)"
    );
    expect(invoke("GRADE", [198, 330, "hcm-2023"])).toBe(
      "Chưa xếp loại (giữa Khởi động và Hình thành)"
    );
    expect(invoke("GRADE", [199, 330, "hcm-2023"])).toBe("Hình thành");
    expect(invoke("GRADE", [197.99, 330, "hcm-2023"])).toBe("Khởi động");
  });
  test("errors: unknown scheme #N/A, negative max #VALUE!, above max #NUM!, text #VALUE!", () => {
    expect(err(invoke("GRADE", [50, 100, "sonla-2099"]))).toBe("#N/A");
    expect(msg(invoke("GRADE", [50, 100, "sonla-2099"]))).toContain("sonla-2024");
    expect(err(invoke("GRADE", [50, 100, "daklak-2022"]))).toBe("#N/A"); // publishes no bands
    expect(err(invoke("GRADE", [50, -100]))).toBe("#VALUE!");
    expect(err(invoke("GRADE", [50, 0]))).toBe("#VALUE!");
    expect(err(invoke("GRADE", [101, 100]))).toBe("#NUM!");
    expect(err(invoke("GRADE", [-1, 100]))).toBe("#NUM!");
    expect(err(invoke("GRADE", ["tám", 100]))).toBe("#VALUE!");
    expect(err(invoke("GRADE", ["1.000", 2000]))).toBe("#VALUE!"); // ambiguous: never guessed
    expect(err(invoke("GRADE", [true, 100]))).toBe("#VALUE!");
    expect(err(invoke("GRADE", [50, 100, 7]))).toBe("#VALUE!");
    expect(err(invoke("GRADE", [50, 100, [[50, ""]]]))).toBe("#VALUE!"); // band without label
  });
  test("an error in the points cell propagates as Excel does (#REF! as #VALUE!: not an output)", () => {
    expect(err(invoke("GRADE", [REF, 100]))).toBe("#VALUE!");
    expect(msg(invoke("GRADE", [REF, 100]))).toContain("#REF!");
    expect(err(invoke("GRADE", [{ code: "#DIV/0!" }, 100]))).toBe("#DIV/0!"); // CustomFunctions.Error shape
  });
  test("too many arguments: #VALUE!", () => {
    expect(err(invoke("GRADE", [50, 100, undefined, 4]))).toBe("#VALUE!");
  });
});

describe("DTI.PERCENT and DTI.INDEX", () => {
  test("as % and as 0..1", () => {
    expect(invoke("PERCENT", [731.61, 1000])).toBeCloseTo(73.161, 10);
    expect(invoke("INDEX", [819.79, 1000])).toBeCloseTo(0.81979, 10);
    expect(invoke("PERCENT", [null, 1000])).toBe("");
  });
  test("max is required and positive; points within 0..max", () => {
    expect(err(invoke("PERCENT", [50, null]))).toBe("#VALUE!");
    expect(err(invoke("INDEX", [50, -5]))).toBe("#VALUE!");
    expect(err(invoke("PERCENT", [1001, 1000]))).toBe("#NUM!");
  });
});

describe("DTI.RANK", () => {
  const all = col(90, 80, 80, 70, null, "chưa chấm", REF);
  test("competition by default: 1, 2, 2, 4; blanks, text and errors in the range are not ranked", () => {
    expect([90, 80, 80, 70].map((p) => invoke("RANK", [p, all]))).toEqual([1, 2, 2, 4]);
  });
  test("dense: 1, 2, 2, 3", () => {
    expect(
      [90, 80, 70].map((p) => invoke("RANK", [p, all, undefined, undefined, "dense"]))
    ).toEqual([1, 2, 3]);
  });
  test("within a group (group text ignores case)", () => {
    const pts = col(90, 85, 80, 70);
    const groups = col("Sở", "Huyện", "sở", "Huyện");
    expect(invoke("RANK", [80, pts, groups, "Sở"])).toBe(2);
    expect(invoke("RANK", [70, pts, groups, "Huyện"])).toBe(2);
    expect(invoke("RANK", [85, pts, groups, "Huyện"])).toBe(1);
  });
  test("a blank points cell ranks blank; bad arguments give #VALUE!", () => {
    expect(invoke("RANK", [null, all])).toBe("");
    expect(err(invoke("RANK", [80, all, undefined, undefined, "olympic"]))).toBe("#VALUE!");
    expect(err(invoke("RANK", [80, col(1, 2), col("a")]))).toBe("#VALUE!");
    expect(err(invoke("RANK", [80, col(1, 2), col("a", "b")]))).toBe("#VALUE!"); // groups without group
    expect(err(invoke("RANK", [80, col(1, 2), undefined, "a"]))).toBe("#VALUE!"); // group without groups
  });
});

describe("DTI.GAP", () => {
  test("points to the next band; '' at the top", () => {
    expect(invoke("GAP", [74.8])).toBe(10.2);
    expect(invoke("GAP", [90])).toBe("");
    expect(invoke("GAP", [700, 1000, "laocai-2022"])).toBe(50.01); // exclusive bound: + 0.01 points
    expect(invoke("GAP", [198.5, 330, "hcm-2023"])).toBe(0.5); // out of the gap
    expect(invoke("GAP", [null])).toBe("");
  });
});

describe("DTI.PROPORTIONAL", () => {
  test("Σ achieved / Σ max × component max, skipping fully blank rows", () => {
    expect(invoke("PROPORTIONAL", [col(5, 8, null), col(10, 10, null), 20])).toBe(13);
  });
  test("a component not entered yet: blank result (provisional)", () => {
    expect(invoke("PROPORTIONAL", [col(5, null), col(10, 10), 20])).toBe("");
  });
  test("errors", () => {
    expect(err(invoke("PROPORTIONAL", [col(5, 8), col(10), 20]))).toBe("#VALUE!");
    expect(err(invoke("PROPORTIONAL", [col(11), col(10), 20]))).toBe("#NUM!");
    expect(err(invoke("PROPORTIONAL", [col(0), col(0), 20]))).toBe("#DIV/0!");
    expect(err(invoke("PROPORTIONAL", [col(REF), col(10), 20]))).toBe("#VALUE!");
  });
});

describe("DTI.RATIO and DTI.STEP", () => {
  test("RATIO", () => {
    expect(invoke("RATIO", [3, 4, 10])).toBe(7.5);
    expect(invoke("RATIO", [null, 4, 10])).toBe("");
    expect(err(invoke("RATIO", [5, 4, 10]))).toBe("#NUM!");
    expect(err(invoke("RATIO", [0, 0, 10]))).toBe("#DIV/0!");
    expect(err(invoke("RATIO", [-1, 4, 10]))).toBe("#VALUE!");
  });
  test("STEP: 4 meetings → 20, 3 → 15, 2 → 10, 1 → 5, else 0 (any order)", () => {
    const thr = col(4, 3, 2, 1);
    const pts = col(20, 15, 10, 5);
    expect([0, 1, 2, 3, 4, 9].map((v) => invoke("STEP", [v, thr, pts]))).toEqual([
      0, 5, 10, 15, 20, 20,
    ]);
    expect(invoke("STEP", [2.5, col(1, 2, 3, 4), col(5, 10, 15, 20)])).toBe(10);
    expect(invoke("STEP", [null, thr, pts])).toBe("");
    expect(err(invoke("STEP", [2, col(1, 1), col(5, 10)]))).toBe("#VALUE!");
    expect(err(invoke("STEP", [2, col(1, 2), col(5, null)]))).toBe("#VALUE!");
  });
});

describe("DTI.NUMBER", () => {
  test.each([
    ["8,5", 8.5],
    ["1.000,5", 1000.5],
    [" 12 ", 12],
    [7, 7],
  ])("NUMBER(%p) = %p", (t, n) => expect(invoke("NUMBER", [t])).toBe(n));
  test("ambiguous or not a number: #VALUE! with the candidates", () => {
    const r = invoke("NUMBER", ["1.000"]);
    expect(err(r)).toBe("#VALUE!");
    expect(msg(r)).toContain("1000");
    expect(err(invoke("NUMBER", ["abc"]))).toBe("#VALUE!");
    expect(invoke("NUMBER", [null])).toBe("");
  });
});

describe("DTI.CHECK", () => {
  test("fine: empty text", () => {
    expect(invoke("CHECK", [8.5, 10])).toBe("");
    expect(invoke("CHECK", [8.5, 10, [["QĐ 12/QĐ-UBND"]]])).toBe("");
    expect(invoke("CHECK", [0, 10, [[""]]])).toBe(""); // no points, no evidence needed
  });
  test("problems: Vietnamese text saying what and how", () => {
    expect(invoke("CHECK", [12, 10])).toContain("vượt điểm tối đa 10");
    expect(invoke("CHECK", [null, 10])).toContain("Chưa nhập điểm");
    expect(invoke("CHECK", [-1, 10])).toContain("số âm");
    expect(invoke("CHECK", ["abc", 10])).toContain('"abc"');
    expect(invoke("CHECK", ["1.000", 10])).toContain("Không rõ");
    expect(invoke("CHECK", ["8,5", 10])).toContain("dạng chữ");
    expect(invoke("CHECK", [REF, 10])).toContain("#REF!");
    expect(invoke("CHECK", [5, 10, [[""]]])).toContain("tài liệu kiểm chứng");
  });
  test("a bad max is #VALUE!", () => {
    expect(err(invoke("CHECK", [5, -1]))).toBe("#VALUE!");
  });
});

describe("DTI.TABLE", () => {
  test("rank, unit, points, %, grade; sorted; blanks last; a bad cell does not abort", () => {
    const t = invoke("TABLE", [col("A", "B", "C", "D", "E"), col(90, null, 70, 90, "x")]);
    expect(t).toEqual([
      ["Hạng", "Đơn vị", "Điểm", "Tỷ lệ (%)", "Xếp loại"],
      [1, "A", 90, 90, "Tốt"],
      [1, "D", 90, 90, "Tốt"],
      [3, "C", 70, 70, "Khá"],
      ["", "B", "", "", ""],
      ["", "E", expect.objectContaining({ error: "#VALUE!" }), "", ""],
    ]);
  });
  test("within groups, with a per-unit max and a profile", () => {
    const t = invoke("TABLE", [
      col("Sở A", "Sở B", "Huyện C", "Huyện D"),
      col(600, 700, 800, 790),
      col("TTHC", "Không TTHC", "TTHC", "Huyện"),
      col(1000, 750, 1000, 1000),
      "laocai-2022",
    ]) as unknown[][];
    expect(t[0]).toEqual(["Nhóm", "Hạng", "Đơn vị", "Điểm", "Tỷ lệ (%)", "Xếp loại"]);
    expect(t.slice(1).map((r) => [r[0], r[1], r[2], r[5]])).toEqual([
      ["TTHC", 1, "Huyện C", "Dẫn dắt"],
      ["TTHC", 2, "Sở A", "Nâng cao"],
      ["Không TTHC", 1, "Sở B", "Dẫn dắt"], // 700 / 750 = 93.3 %
      ["Huyện", 1, "Huyện D", "Dẫn dắt"],
    ]);
  });
  test("mismatched ranges: #VALUE!", () => {
    expect(err(invoke("TABLE", [col("A", "B"), col(1)]))).toBe("#VALUE!");
  });
});

describe("invoke never throws", () => {
  // #NAME? and #REF! are not valid custom-function outputs (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors)
  test("unknown id: #VALUE! with the reason (never #NAME?)", () =>
    expect(invoke("NOPE", [])).toEqual({
      error: "#VALUE!",
      message: "Không có hàm DTI.NOPE.",
      messageEn: "There is no function DTI.NOPE.",
    }));
  test("every function on odd arguments returns a value", () => {
    const odd: unknown[] = [
      undefined,
      null,
      "",
      "x",
      -1,
      0,
      1e308,
      Number.NaN,
      true,
      REF,
      [[]],
      [[null]],
      [1, 2],
      {},
    ];
    for (const f of FUNCTIONS) {
      for (const a of odd) {
        for (const b of odd) {
          const r = invoke(f.id, [a, b, a, b, a]);
          expect(msg(r)).not.toContain("Lỗi không mong đợi"); // no internal exception leaked
        }
      }
    }
  });
});

describe("issue 12: big inputs", () => {
  test("DTI.NUMBER of a 400-digit text is an error that says it is too large, not a blank", () => {
    const r = invoke("NUMBER", ["9".repeat(400)]);
    expect(err(r)).toBe("#VALUE!");
    expect(msg(r)).toMatch(/quá lớn/);
  });
  test("DTI.STEP over 100,000 thresholds: the right step, and a duplicate among them found", () => {
    const t = Array.from({ length: 100_000 }, (_, i) => [(i * 7) % 100_000]);
    const p = t.map(([v]) => [v! / 1000]);
    expect(invoke("STEP", [54_321, t, p])).toBe(54.321);
    t[99_999] = [5];
    expect(msg(invoke("STEP", [1, t, p]))).toMatch(/Ngưỡng 5 bị trùng/);
  });
});

describe("error inputs and outputs as Excel allows them", () => {
  test("an error cell as points: the same error, naming the parameter", () => {
    const r = invoke("GRADE", [{ error: "#N/A" }, 100]);
    expect(r).toEqual({
      error: "#N/A",
      message: "points: ô có lỗi #N/A. Hãy sửa ô đó trước.",
      messageEn: "points: the cell holds #N/A. Fix that cell first.",
    });
  });
  test("#REF! and #NAME? never come back (not valid outputs): #VALUE! naming them", () => {
    for (const code of ["#REF!", "#NAME?"]) {
      const r = invoke("PERCENT", [{ error: code }, 10]);
      expect(err(r)).toBe("#VALUE!");
      expect(msg(r)).toContain(code);
      expect(err(invoke("PROPORTIONAL", [[[{ error: code }]], [[10]], 5]))).toBe("#VALUE!");
    }
  });
  test("DTI.CHECK reads the error in the score cell", () => {
    expect(invoke("CHECK", [{ error: "#REF!" }, 10])).toMatch(/#REF!/);
  });
  test("an unexpected failure never shows the exception's own text", () => {
    const r = invoke("GRADE", [1, 10, [[{ toString: () => "boom" }]]]);
    expect(JSON.stringify(r)).not.toContain("boom");
  });
});
