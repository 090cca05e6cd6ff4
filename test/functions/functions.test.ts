/** The custom-function wrappers: importable without Excel, errors as CustomFunctions.Error inside Excel. */
import * as fns from "../../src/functions/functions";

const col = (...vs: unknown[]) => vs.map((v) => [v]);

describe("without the CustomFunctions runtime (node, preview)", () => {
  test("results and plain error values", () => {
    expect(fns.grade(85)).toBe("Tốt");
    expect(fns.grade(null, null, null as unknown as unknown[][])).toBe("");
    expect(fns.percent(50, 200)).toBe(25);
    expect(fns.index(50, 200)).toBe(0.25);
    expect(fns.rank(80, col(90, 80, 80, 70))).toBe(2);
    expect(fns.gap(74.8)).toBe(10.2);
    expect(fns.proportional(col(5, 8), col(10, 10), 20)).toBe(13);
    expect(fns.ratio(3, 4, 10)).toBe(7.5);
    expect(fns.step(3, col(1, 2, 3), col(5, 10, 15))).toBe(15);
    expect(fns.number("8,5")).toBe(8.5);
    expect(fns.check(5, 10)).toBe("");
    expect(fns.grade(50, 100, [["nope"]])).toEqual({
      error: "#N/A",
      message: expect.stringContaining("nope"),
    });
    expect(fns.table(col("A", "B"), col(70, 90))).toEqual([
      ["Hạng", "Đơn vị", "Điểm", "Tỷ lệ (%)", "Xếp loại"],
      [1, "B", 90, 90, "Tốt"],
      [2, "A", 70, 70, "Khá"],
    ]);
  });
});

describe("inside Excel (CustomFunctions global present)", () => {
  class FakeCfError {
    constructor(
      readonly code: string,
      readonly message?: string
    ) {}
  }
  const g = globalThis as unknown as Record<string, unknown>;
  beforeAll(() => {
    g["CustomFunctions"] = {
      Error: FakeCfError,
      ErrorCode: {
        invalidValue: "#VALUE!",
        notAvailable: "#N/A",
        divisionByZero: "#DIV/0!",
        invalidNumber: "#NUM!",
        nullReference: "#NULL!",
        invalidName: "#NAME?",
        invalidReference: "#REF!",
      },
    };
  });
  afterAll(() => {
    delete g["CustomFunctions"];
  });
  // learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors: a message only with
  // #VALUE! and #N/A; #REF! and #NAME? are not valid outputs.
  test("errors become CustomFunctions.Error; the Vietnamese message only where Excel shows one", () => {
    const e = fns.grade(120, 100) as unknown as FakeCfError;
    expect(e).toBeInstanceOf(FakeCfError);
    expect(e.code).toBe("#NUM!");
    expect(e.message).toBeUndefined();
    const v = fns.percent(5, -1) as unknown as FakeCfError;
    expect(v.code).toBe("#VALUE!");
    expect(v.message).toContain("phải lớn hơn 0");
    expect((fns.grade(5, 10, [["x"]]) as unknown as FakeCfError).message).toContain("sonla-2024");
    expect((fns.grade(5, 10, [["x"]]) as unknown as FakeCfError).code).toBe("#N/A");
    expect((fns.ratio(1, 0, 10) as unknown as FakeCfError).code).toBe("#DIV/0!");
  });
  test("an error inside TABLE's array is an error cell; the rest of the table stays", () => {
    const t = fns.table(col("A", "B"), col(70, "x"));
    expect(t[1]).toEqual([1, "A", 70, 70, "Khá"]);
    expect(t[2]![2]).toBeInstanceOf(FakeCfError);
  });
  test("an error passed in by Excel propagates; #REF! comes back as #VALUE! naming it", () => {
    expect((fns.grade(new FakeCfError("#DIV/0!"), 100) as unknown as FakeCfError).code).toBe(
      "#DIV/0!"
    );
    const e = fns.grade(new FakeCfError("#REF!"), 100) as unknown as FakeCfError;
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("#REF!");
  });
});
