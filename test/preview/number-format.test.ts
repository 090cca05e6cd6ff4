import { formatGeneral, formatNumber } from "../../src/preview/number-format";

describe("numbers in the preview's grid, as Excel shows them", () => {
  it.each([
    [0.885, "0.00%", "88.50%", "88,50%"],
    [65.33333333333, "0.00", "65.33", "65,33"],
    [65.33333333333, "General", "65.33333333", "65,33333333"],
    [65.33333333333, undefined, "65.33333333", "65,33333333"],
    [7, "0", "7", "7"],
    [6.5, "0", "7", "7"],
    [1.005, "0.00", "1.01", "1,01"],
    [0.12345678, "0.0000", "0.1235", "0,1235"],
    [0.123456789, "0.00000", "0.12346", "0,12346"],
    [1234567.891, "#,##0.00", "1,234,567.89", "1.234.567,89"],
    [2.5, "+0.00;-0.00;0.00", "+2.50", "+2,50"],
    [-2.5, "+0.00;-0.00;0.00", "-2.50", "-2,50"],
    [0, "+0.00;-0.00;0.00", "0.00", "0,00"],
    [-0.031, "+0.00%;-0.00%;0.00%", "-3.10%", "-3,10%"],
    [-3.25, "0.00", "-3.25", "-3,25"],
    [-0.001, "0.00", "0.00", "0,00"],
    [100, "General", "100", "100"],
    [8.5, "a format we do not read", "8.5", "8,5"],
  ] as const)("%p under %p → en %p, vi %p", (value, format, en, vi) => {
    expect(formatNumber(value, format, "en")).toBe(en);
    expect(formatNumber(value, format, "vi")).toBe(vi);
  });

  it("General keeps whole numbers and shortens long fractions", () => {
    expect(formatGeneral(3321, "vi")).toBe("3321");
    expect(formatGeneral(0.1 + 0.2, "en")).toBe("0.3");
    expect(formatGeneral(123456789012345, "en")).toBe("1.23457E+14");
  });
});
