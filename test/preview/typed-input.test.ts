import { displayValue, parseClipboard, typedValue } from "../../src/preview/typed-input";
import { createSelectionHub } from "../../src/preview/selection-hub";

describe("what typing in the preview's grid writes (as Excel with en-US numbers)", () => {
  it.each([
    ["9.5", 9.5],
    ["10", 10],
    ["-2", -2],
    ["8,5", "8,5"],
    ["1.000,5", "1.000,5"],
    ["=SUM(E7:E9)", "=SUM(E7:E9)"],
    ["", null],
    ["  ", null],
    ["TRUE", true],
    ["Sở Y tế", "Sở Y tế"],
  ] as const)("%j → %j", (typed, written) => {
    expect(typedValue(typed)).toBe(written);
  });

  it("reads a pasted block as Excel copies it: tab-separated rows", () => {
    expect(parseClipboard("8,5\t4\r\n3.5\t\n")).toEqual([
      ["8,5", 4],
      [3.5, null],
    ]);
  });

  it("shows a formula's cached result, or the formula when there is none", () => {
    expect(displayValue({ formula: "=SUM(E7:E9)", cached: 14 })).toBe("14");
    expect(displayValue({ formula: "=SUM(E7:E9)", cached: null })).toBe("=SUM(E7:E9)");
    expect(displayValue({ error: "#REF!" })).toBe("#REF!");
    expect(displayValue(null)).toBe("");
  });
});

describe("the preview's selection events", () => {
  it("reach every listener until it unsubscribes", () => {
    const hub = createSelectionHub();
    const seen: string[] = [];
    const stop = hub.subscribe((c) => seen.push(`${c.sheet}!${c.cell}`));
    hub.emit({ sheet: "Nhập điểm", cell: "F7" });
    stop();
    hub.emit({ sheet: "Nhập điểm", cell: "F8" });
    expect(seen).toEqual(["Nhập điểm!F7"]);
  });
});
