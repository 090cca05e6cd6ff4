import { decodeRegistry, encodeRegistry, EMPTY_REGISTRY } from "../../src/workbook/ownership";

describe("ownership registry", () => {
  // Regression (D2's report): Math.max(...rows) overflowed the call stack with very many highlights.
  it("encodes and decodes 300,000 highlight records without overflowing the stack", () => {
    const highlights = Array.from({ length: 300_000 }, (_, i) => ({
      sheet: "Nhập điểm",
      cell: `E${i + 6}`,
      originalFill: null,
    }));
    const rows = encodeRegistry({ ...EMPTY_REGISTRY, highlights });
    expect(rows.length).toBe(300_002);
    expect(decodeRegistry(rows).highlights).toHaveLength(300_000);
  });
});
