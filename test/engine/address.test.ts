import {
  a1,
  columnLetters,
  columnNumber,
  parseA1,
  parseRange,
  quoteSheet,
} from "../../src/engine/address";

describe("A1 addresses", () => {
  it.each([
    [1, "A"],
    [26, "Z"],
    [27, "AA"],
    [702, "ZZ"],
    [703, "AAA"],
  ])("column %i is %s and back", (n, letters) => {
    expect(columnLetters(n)).toBe(letters);
    expect(columnNumber(letters)).toBe(n);
  });
  it("parses cells and ranges", () => {
    expect(parseA1("$B$3")).toEqual({ row: 3, col: 2 });
    expect(parseA1("3B")).toBeNull();
    expect(parseRange("Sheet1!D9:B3")).toEqual({
      start: { row: 3, col: 2 },
      end: { row: 9, col: 4 },
    });
    expect(a1(12, 6)).toBe("F12");
  });
  it("quotes sheet names with spaces or accents", () => {
    expect(quoteSheet("Data")).toBe("Data");
    expect(quoteSheet("Xếp hạng")).toBe("'Xếp hạng'");
    expect(quoteSheet("It's")).toBe("'It''s'");
  });
});
