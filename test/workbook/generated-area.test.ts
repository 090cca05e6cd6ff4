/**
 * The fingerprints a generated sheet's registry record keeps (src/workbook/generated-area.ts) are
 * stored in users' workbooks: a later version must compute the same text for the same sheet, or every
 * older ranked sheet would be reported as edited. The expected text is the one earlier versions wrote.
 */
import type { SheetSpec } from "../../src/engine";
import { writtenRecord } from "../../src/workbook/generated-area";

const spec: SheetSpec = {
  name: "X",
  owned: true,
  role: "ranking",
  blocks: [
    {
      address: "B2",
      rows: [
        [
          { kind: "text", value: "Tên đơn vị" },
          { kind: "number", value: 12.5 },
          { kind: "formula", formula: "=SUM(C3:C9)" },
        ],
        [{ kind: "bool", value: true }, { kind: "blank" }, { kind: "text", value: "" }],
      ],
    },
    {
      address: "A10",
      rows: [
        [
          { kind: "number", value: -3 },
          { kind: "formula", formula: "'Nhập điểm'!N7*2", cached: 4 },
        ],
      ],
    },
  ],
};

describe("generated-area fingerprints", () => {
  it("are the text earlier versions stored for the same sheet", () => {
    expect(writtenRecord(spec)).toEqual({
      area: "A2:D10",
      inputs: "",
      prints: "2ehh8.9lgcs.51cwt.51cwt.51cwt.51cwt.51cwt.51cwt.2zqph|9j4uw.5wv9d.7h52f.5n6x0",
    });
  });

  it("change when a written cell changes", () => {
    const other: SheetSpec = {
      ...spec,
      blocks: [{ ...spec.blocks[0]!, rows: [[{ kind: "text", value: "Tên đơn vi" }]] }],
    };
    expect(writtenRecord(other).prints).not.toBe(writtenRecord(spec).prints);
  });
});
