/** The "Đơn vị" units sheet and a built-in profile's ready form, as sheet specs (layout in ./layout). */
import type { RuleProfile, Unit } from "../model/types";
import type { CellBlock, DataValidationRule, SheetSpec, SpecCell } from "../sheets/spec";
import { BLANK, HEADER_FILL, clamp, decimalRule, formatMax, num, text } from "./cells";
import {
  FORM_ROLE,
  NO,
  UNITS_GROUP_LIST_COL,
  UNITS_GROUP_LIST_HEADER,
  UNITS_HEADERS,
  UNITS_ROLE,
  UNITS_SHEET,
  YES,
} from "./layout";

function yesNo(b: boolean): SpecCell {
  return text(b ? YES : NO);
}

/**
 * The "Đơn vị" units sheet, with list validations for the group and the yes/no columns. The group
 * names are written with their real commas, in the cells and in the dropdown, which reads them from
 * the sheet's own list (UNITS_GROUP_LIST_COL).
 */
export function unitsSheetSpec(profile: RuleProfile, units: readonly Unit[]): SheetSpec {
  const groupName = new Map(profile.groups.map((g) => [g.id, g.name]));
  const rows: SpecCell[][] = units.map((u, i) => [
    num(i + 1),
    text(u.name),
    u.groupId !== null
      ? text(groupName.get(u.groupId) ?? u.groupText ?? "")
      : u.groupText !== undefined && u.groupText !== ""
        ? text(u.groupText)
        : BLANK,
    yesNo(u.hasSubordinateUnits),
    yesNo(u.hasDvctt),
    yesNo(u.specialPurpose),
    u.notApplicable.length > 0 ? text(u.notApplicable.join("; ")) : BLANK,
  ]);
  // Leave room below for units the user adds by hand.
  const lastRow = Math.max(2, units.length + 1) + 50;
  const groups = profile.groups.map((g) => g.name);
  const validations: DataValidationRule[] = [];
  const col = UNITS_GROUP_LIST_COL;
  if (groups.length > 0) {
    validations.push({
      range: `C2:C${lastRow}`,
      // Absolute, so every cell of the column reads the same list.
      rule: { kind: "list", values: groups, source: `$${col}$2:$${col}$${groups.length + 1}` },
      inputTitle: "Nhóm / Group",
      inputMessage: "Chọn nhóm xếp hạng của đơn vị. / Choose the unit's ranking group.",
      errorMessage: clamp(
        `Hãy chọn nhóm trong danh sách. / Choose a group from the list: ${groups.join("; ")}`,
        225
      ),
    });
  }
  validations.push({
    range: `D2:F${lastRow}`,
    rule: { kind: "list", values: [YES, NO] },
    inputMessage: "Chọn Có hoặc Không. / Choose Có (yes) or Không (no).",
    errorMessage: "Chỉ nhận Có hoặc Không. / Only Có (yes) or Không (no).",
  });
  const blocks: CellBlock[] = [
    {
      address: "A1",
      rows: [UNITS_HEADERS.map(text)],
      style: { bold: true, fill: HEADER_FILL, wrap: true, border: "thin" },
    },
  ];
  if (rows.length > 0) blocks.push({ address: "A2", rows, style: { border: "thin" } });
  if (groups.length > 0) {
    blocks.push({
      address: `${col}1`,
      rows: [[text(UNITS_GROUP_LIST_HEADER)]],
      style: { bold: true, fill: HEADER_FILL, wrap: true, border: "thin" },
    });
    blocks.push({
      address: `${col}2`,
      rows: groups.map((g) => [text(g)]),
      style: { border: "thin" },
    });
  }
  return {
    name: UNITS_SHEET,
    owned: true,
    role: UNITS_ROLE,
    blocks,
    styles: [{ range: `B2:G${lastRow}`, style: { locked: false } }],
    columnWidths: [
      { col: "A", width: 6 },
      { col: "B", width: 40 },
      { col: "C", width: 28 },
      { col: "D", width: 14 },
      { col: "E", width: 12 },
      { col: "F", width: 10 },
      { col: "G", width: 24 },
      { col: UNITS_GROUP_LIST_COL, width: 32 },
    ],
    freeze: { rows: 1, cols: 2 },
    validations,
    protect: true,
  };
}

/**
 * A built-in profile's ready form in layout (a): one row per main index the profile defines. The
 * component rows are not in any profile: they come from the province's official workbook, as the
 * note row says.
 */
export function profileFormSpec(profile: RuleProfile, name: string): SheetSpec {
  const rows: SpecCell[][] = profile.mainIndices.map((m) => [
    text(m.code),
    text(m.name),
    num(m.maxPoints),
    BLANK,
    BLANK,
    BLANK,
  ]);
  const lastRow = 5 + rows.length;
  return {
    name,
    owned: true,
    role: FORM_ROLE,
    blocks: [
      { address: "A1", rows: [[text(`${profile.name}`)]], style: { bold: true, fontSize: 14 } },
      {
        address: "A2",
        rows: [
          [
            text(
              `${profile.source.decision} (${profile.source.year}) · ${profile.scale} điểm. Chỉ số thành phần lấy từ bộ chỉ số chính thức của tỉnh (file Excel). / Component indicators come from the official workbook.`
            ),
          ],
        ],
        style: { italic: true },
      },
      {
        address: "A4",
        rows: [
          [
            "STT",
            "Tên chỉ số",
            "Điểm tối đa",
            "Điểm tự đánh giá",
            "Điểm thẩm định",
            "Tài liệu kiểm chứng",
          ].map(text),
        ],
        style: { bold: true, fill: HEADER_FILL, wrap: true, border: "thin" },
      },
      ...(rows.length > 0 ? [{ address: "A5", rows, style: { border: "thin" as const } }] : []),
    ],
    styles: rows.length > 0 ? [{ range: `D5:F${lastRow - 1}`, style: { locked: false } }] : [],
    columnWidths: [
      { col: "A", width: 8 },
      { col: "B", width: 48 },
      { col: "C", width: 10 },
      { col: "D", width: 14 },
      { col: "E", width: 14 },
      { col: "F", width: 30 },
    ],
    freeze: { rows: 4, cols: 2 },
    validations: profile.mainIndices.map((m, i) =>
      decimalRule(`D${5 + i}:E${5 + i}`, m.maxPoints, formatMax(m.maxPoints))
    ),
  };
}
