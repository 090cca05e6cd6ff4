import fc from "fast-check";
import { parseVnNumber } from "../../../src/engine/numbers/vn-number";

describe("parseVnNumber: numbers as Vietnamese users type them", () => {
  it.each([
    ["8,5", 8.5],
    ["8.5", 8.5],
    ["1.000,5", 1000.5],
    ["1,000.5", 1000.5],
    ["12.345.678,25", 12345678.25],
    ["1.000.000", 1000000],
    ["1,000,000", 1000000],
    [" 7 ", 7],
    ["7", 7],
    ["-2,5", -2.5],
    ["0,125", 0.125],
    ["0.125", 0.125],
    ["10,50", 10.5],
    [",5", 0.5],
    ["1\u00a0000,5", 1000.5],
    ["1234,5", 1234.5],
    ["1234", 1234],
  ])("text %j is the number %d, flagged as typed as text", (text, value) => {
    expect(parseVnNumber(text)).toEqual({ kind: "number", value, typedAsText: true });
  });

  it.each([
    ["1.000", [1000, 1]],
    ["1,000", [1000, 1]],
    ["12.345", [12345, 12.345]],
    ["-1.500", [-1500, -1.5]],
  ])("%j is ambiguous, not guessed", (text, candidates) => {
    expect(parseVnNumber(text)).toEqual({ kind: "ambiguous", text, candidates });
  });

  it.each(["abc", "8,5 điểm", "1.2.3", "1,00,0", "1.000.5,3", "--1", ".", ",", "8,5,", "x"])(
    "%j is not a number",
    (text) => {
      expect(parseVnNumber(text)).toEqual({ kind: "not-a-number", text });
    }
  );

  it("real numbers pass through untouched", () => {
    expect(parseVnNumber(8.5)).toEqual({ kind: "number", value: 8.5, typedAsText: false });
    expect(parseVnNumber(0)).toEqual({ kind: "number", value: 0, typedAsText: false });
    expect(parseVnNumber(Number.NaN).kind).toBe("not-a-number");
  });

  it.each([[null], [""], ["   "], ["\u00a0"]])("%j is blank (not entered, not zero)", (raw) => {
    expect(parseVnNumber(raw)).toEqual({ kind: "blank" });
  });

  it("Excel errors, as values or as text, are errors", () => {
    expect(parseVnNumber({ error: "#REF!" })).toEqual({ kind: "error", text: "#REF!" });
    expect(parseVnNumber("#DIV/0!")).toEqual({ kind: "error", text: "#DIV/0!" });
    expect(parseVnNumber("#n/a")).toEqual({ kind: "error", text: "#N/A" });
  });

  it("booleans are not numbers", () => {
    expect(parseVnNumber(true)).toEqual({ kind: "not-a-number", text: "TRUE" });
  });

  it("never throws and round-trips formatted numbers", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(() => parseVnNumber(s)).not.toThrow();
      })
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.integer({ min: 1, max: 99 }),
        (i, f) => {
          const grouped = i.toLocaleString("en-US").replace(/,/g, ".");
          const text = `${grouped},${String(f).padStart(2, "0")}`;
          const parsed = parseVnNumber(text);
          // The decimal the text means (i + f / 100 is off by a float ulp for 1,84).
          const value = Number(`${i}.${String(f).padStart(2, "0")}`);
          expect(parsed).toEqual({ kind: "number", value, typedAsText: true });
        }
      )
    );
  });
});
