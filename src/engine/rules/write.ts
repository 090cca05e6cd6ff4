/**
 * The rules sheet writer: a RulesDoc → one printable SheetSpec with Excel data validation on the
 * cells the user edits, plus where each figure went (so issues found before writing point at the
 * cell the user will see, and the ranked sheets' formulas can reference the band cells).
 */
import { a1, columnLetters } from "../address";
import type {
  CellBlock,
  DataValidationRule,
  RangeStyle,
  SheetSpec,
  SpecCell,
} from "../sheets/spec";
import {
  BAND_COLUMNS,
  BASIS_CHOICES,
  BLOCK_TITLES,
  GROUP_COLUMNS,
  KEY_ROWS,
  LIMITED_COLUMNS,
  LOWER_CHOICES,
  MAIN_COLUMNS,
  NO,
  PROPORTIONAL_CHOICES,
  PUBLISH_CHOICES,
  RULES_ROLE,
  RULES_SHEET,
  STAGE_CHOICES,
  TIE_CHOICES,
  TO_FILL,
  UNIT_MAP_COLUMNS,
  UNRANKED_COLUMNS,
  UPPER_CHOICES,
  YES,
  choiceText,
  type KeyRow,
  type TableColumn,
} from "./layout";
import type { RulesBand, RulesDoc } from "./types";
import { bandWording } from "./wording";

/** Where each figure of a RulesDoc sits: "scale" → "B19", "bands[1].lower" → "C33", ... */
type RulesCells = ReadonlyMap<string, string>;

interface RulesSheet {
  readonly spec: SheetSpec;
  readonly cells: RulesCells;
  /** The band rows (A..H), for `=DTI.GRADE(points, max, 'Quy tắc'!A30:H33)`; null without bands. */
  readonly bandsRange: string | null;
  /**
   * The band block's rows with the spare rows under them ("A31:H37"): the ranked sheets' grade
   * formulas read every row of it, so a band typed into a spare row counts without the add-in.
   */
  readonly bandsBlock: string;
}

const INPUT_FILL = "#FFF2CC";
const TO_FILL_FILL = "#F8CBAD";
const TITLE_FILL = "#DDEBF7";
const HEADER_FILL = "#E2EFDA";
/** Empty rows left under each table for rows the user adds. */
const SPARE_ROWS = 2;
/** The band table leaves more: the ranked sheets' grade formulas read them (a band added in Excel). */
const BAND_SPARE_ROWS = 4;

const text = (value: string): SpecCell => ({ kind: "text", value });
const num = (value: number): SpecCell => ({ kind: "number", value });
const BLANK: SpecCell = { kind: "blank" };
const yesNo = (b: boolean): SpecCell => text(b ? YES : NO);

/** A figure that may be unknown: the marker text while it is. */
function fill(v: number | string | null): SpecCell {
  if (v === null) return text(TO_FILL);
  return typeof v === "number" ? num(v) : text(v);
}

function keyValue(doc: RulesDoc, key: string, changed: boolean): SpecCell {
  switch (key) {
    case "id":
      return text(doc.id);
    case "name":
      return text(doc.name);
    case "nameEn":
      return doc.nameEn === "" ? BLANK : text(doc.nameEn);
    case "source.decision":
      return fill(doc.source.decision);
    case "source.date":
      return fill(doc.source.date);
    case "source.issuer":
      return fill(doc.source.issuer);
    case "source.year":
      return fill(doc.source.year);
    case "source.note":
      return doc.source.note === "" ? BLANK : text(doc.source.note);
    case "presetId":
      return doc.presetId === null ? BLANK : text(doc.presetId);
    case "changed":
      return doc.presetId === null ? BLANK : yesNo(changed);
    case "scale":
      return fill(doc.scale);
    case "tiePolicy":
      return text(choiceText(TIE_CHOICES, doc.tiePolicy));
    case "rounding.stage":
      return text(choiceText(STAGE_CHOICES, doc.rounding.stage));
    case "rounding.decimals":
      return num(doc.rounding.decimals);
    case "publishAs":
      return text(choiceText(PUBLISH_CHOICES, doc.publishAs));
    case "special.peerMax":
      return yesNo(doc.special.peerMaxForNoSubordinates);
    case "special.proportional":
      return text(choiceText(PROPORTIONAL_CHOICES, doc.special.proportionalDvctt?.scope ?? "none"));
    case "special.notApplicable":
      return yesNo(doc.special.notApplicableToMax);
    case "special.bonusCap":
      return doc.special.bonusCap === undefined ? BLANK : num(doc.special.bonusCap);
    case "special.penaltyCap":
      return doc.special.penaltyCap === undefined ? BLANK : num(doc.special.penaltyCap);
    default:
      return BLANK;
  }
}

function bandRow(b: RulesBand): SpecCell[] {
  const known = (x: RulesBand["lower"]) =>
    x !== null && x.value !== null ? { value: x.value, inclusive: x.inclusive } : undefined;
  const wording =
    (b.lower === null || b.lower.value !== null) && (b.upper === null || b.upper.value !== null)
      ? bandWording(known(b.lower), known(b.upper), b.basis)
      : "";
  return [
    fill(b.label),
    b.labelEn === "" ? BLANK : text(b.labelEn),
    b.lower === null ? BLANK : fill(b.lower.value),
    b.lower === null ? BLANK : text(choiceText(LOWER_CHOICES, b.lower.inclusive)),
    b.upper === null ? BLANK : fill(b.upper.value),
    b.upper === null ? BLANK : text(choiceText(UPPER_CHOICES, b.upper.inclusive)),
    text(choiceText(BASIS_CHOICES, b.basis)),
    wording === "" ? BLANK : text(wording),
  ];
}

function listRule(range: string, texts: readonly string[], what: string): DataValidationRule {
  return {
    range,
    rule: { kind: "list", values: texts },
    inputMessage: `${what}: ${texts.join(" | ")}`.slice(0, 250),
    errorMessage: `Chọn trong danh sách / choose from the list: ${texts.join(" | ")}`.slice(0, 225),
  };
}

function columnRule(col: TableColumn, range: string): DataValidationRule | null {
  if (col.kind === "choice" && col.choices !== undefined)
    return listRule(
      range,
      col.choices.map((c) => c.texts[0] ?? ""),
      col.header
    );
  if (col.kind === "number")
    return {
      range,
      rule: { kind: "decimal", min: 0, max: 1_000_000 },
      inputMessage: `Một số ≥ 0, hoặc để trống / a number ≥ 0, or blank`,
      errorMessage: `Chỉ nhận số ≥ 0 / only a number ≥ 0`,
    };
  return null;
}

function keyRule(k: KeyRow, cell: string): DataValidationRule | null {
  if (k.kind === "choice" && k.choices !== undefined)
    return listRule(
      cell,
      k.choices.map((c) => c.texts[0] ?? ""),
      k.label
    );
  if (k.key === "rounding.decimals")
    return {
      range: cell,
      rule: { kind: "whole", min: 0, max: 10 },
      errorMessage: "Số nguyên từ 0 đến 10 / a whole number 0..10",
    };
  if (k.key === "source.year")
    return {
      range: cell,
      rule: { kind: "whole", min: 2000, max: 2100 },
      errorMessage: "Một năm, ví dụ 2025 / a year, e.g. 2025",
    };
  if (k.kind === "number")
    return {
      range: cell,
      rule: { kind: "decimal", min: 0, max: 1_000_000 },
      errorMessage: "Chỉ nhận số ≥ 0 / only a number ≥ 0",
    };
  return null;
}

/** The rules sheet for a RulesDoc. `changed`: what the "changed from the preset" cell says. */
export function rulesSheetSpec(doc: RulesDoc, options: { changed?: boolean } = {}): RulesSheet {
  const changed = options.changed ?? false;
  const blocks: CellBlock[] = [];
  const styles: RangeStyle[] = [];
  const validations: DataValidationRule[] = [];
  const cells = new Map<string, string>();
  const toFill: string[] = [];
  let row = 1;
  blocks.push({
    address: "A1",
    rows: [[text("QUY TẮC CHẤM ĐIỂM, XẾP LOẠI, XẾP HẠNG CHỈ SỐ DTI / DTI SCORING RULES")]],
    style: { bold: true, fontSize: 14 },
  });
  blocks.push({
    address: "A2",
    rows: [
      [
        text(
          `Sửa các ô màu vàng theo quyết định của tỉnh. Ô ghi "${TO_FILL}" phải được điền trước khi xếp loại. ` +
            `Có thể chèn thêm dòng trong mỗi bảng.`
        ),
      ],
      [
        text(
          `Edit the yellow cells to match the province's decision. Cells reading "${TO_FILL}" (fill in from the ` +
            `decision) must be filled before anything is graded. Rows may be inserted inside each table.`
        ),
      ],
    ],
    style: { italic: true },
  });
  row = 5;
  const title = (id: keyof typeof BLOCK_TITLES): void => {
    blocks.push({
      address: a1(row, 1),
      rows: [[text(BLOCK_TITLES[id])]],
      style: { bold: true, fill: TITLE_FILL },
    });
    styles.push({ range: `A${row}:H${row}`, style: { fill: TITLE_FILL } });
    row++;
  };
  const mark = (cell: SpecCell, addr: string): void => {
    if (cell.kind === "text" && cell.value === TO_FILL) toFill.push(addr);
  };
  for (const block of ["source", "scale", "special"] as const) {
    title(block);
    for (const k of KEY_ROWS.filter((r) => r.block === block)) {
      const value = keyValue(doc, k.key, changed);
      const addr = a1(row, 2);
      cells.set(k.key, addr);
      mark(value, addr);
      blocks.push({ address: a1(row, 1), rows: [[text(k.label), value, text(k.labelEn)]] });
      if (k.key !== "changed")
        styles.push({ range: addr, style: { fill: INPUT_FILL, locked: false, wrap: true } });
      styles.push({ range: a1(row, 3), style: { italic: true, fontColor: "#595959" } });
      const rule = keyRule(k, addr);
      if (rule !== null) validations.push(rule);
      row++;
    }
    row++;
  }
  const table = (
    id: "groups" | "bands" | "mains" | "unranked" | "unitMap" | "limited",
    columns: readonly TableColumn[],
    rows: readonly (readonly SpecCell[])[],
    path: (i: number, key: string) => string,
    spare = SPARE_ROWS
  ): { first: number; last: number; block: number } => {
    title(id);
    const lastCol = columnLetters(columns.length);
    blocks.push({
      address: a1(row, 1),
      rows: [columns.map((c) => text(c.header))],
      style: { bold: true, fill: HEADER_FILL, wrap: true, border: "thin" },
    });
    row++;
    const first = row;
    rows.forEach((r, i) => {
      r.forEach((c, j) => {
        const col = columns[j];
        if (col === undefined) return;
        const addr = a1(row + i, j + 1);
        cells.set(path(i, col.key), addr);
        mark(c, addr);
      });
    });
    if (rows.length > 0) blocks.push({ address: a1(row, 1), rows, style: { border: "thin" } });
    const last = row + rows.length + spare - 1;
    styles.push({
      range: `A${first}:${lastCol}${last}`,
      style: { fill: INPUT_FILL, locked: false, border: "thin", wrap: true },
    });
    columns.forEach((c, j) => {
      const letter = columnLetters(j + 1);
      const rule = columnRule(c, `${letter}${first}:${letter}${last}`);
      if (rule !== null) validations.push(rule);
    });
    row = last + 2;
    // block: the last row before the next block's title (the spare rows and the blank row under them).
    return { first, last: first + rows.length - 1, block: last + 1 };
  };
  table(
    "groups",
    GROUP_COLUMNS,
    doc.groups.map((g) => [
      text(g.id),
      text(g.name),
      g.nameEn === "" ? BLANK : text(g.nameEn),
      g.maxFromSet && g.maxPoints === null ? BLANK : fill(g.maxPoints),
      yesNo(g.maxFromSet),
      yesNo(g.ranked),
      g.aliases.length === 0 ? BLANK : text(g.aliases.join("; ")),
    ]),
    (i, key) => `groups[${i}].${key}`
  );
  const bands = table(
    "bands",
    BAND_COLUMNS,
    doc.bands.map(bandRow),
    (i, key) => `bands[${i}].${key}`,
    BAND_SPARE_ROWS
  );
  const bandsRange = doc.bands.length > 0 ? `A${bands.first}:H${bands.last}` : null;
  if (bandsRange !== null) cells.set("bands", bandsRange);
  const bandsBlock = `A${bands.first}:H${bands.block}`;
  if (bandsRange !== null) cells.set("bandsBlock", bandsBlock);
  table(
    "mains",
    MAIN_COLUMNS,
    doc.mainIndices.map((m) => [text(m.code), text(m.name), fill(m.maxPoints), yesNo(m.scored)]),
    (i, key) => `mainIndices[${i}].${key}`
  );
  table(
    "unranked",
    UNRANKED_COLUMNS,
    doc.unrankedUnits.map((u) => [text(u)]),
    (i) => `unrankedUnits[${i}]`
  );
  table(
    "unitMap",
    UNIT_MAP_COLUMNS,
    doc.unitMap.map((m) => [text(m.from), text(m.to)]),
    (i, key) => `unitMap[${i}].${key}`
  );
  table(
    "limited",
    LIMITED_COLUMNS,
    doc.limitedIndices.map((l) => [
      fill(l.code),
      l.name === "" ? BLANK : text(l.name),
      l.units === null ? text(TO_FILL) : text(l.units.join("; ")),
    ]),
    (i, key) => `limitedIndices[${i}].${key}`
  );
  for (const addr of toFill)
    styles.push({ range: addr, style: { fill: TO_FILL_FILL, bold: true } });
  const spec: SheetSpec = {
    name: RULES_SHEET,
    owned: true,
    role: RULES_ROLE,
    blocks,
    styles,
    columnWidths: [
      { col: "A", width: 34 },
      { col: "B", width: 30 },
      { col: "C", width: 18 },
      { col: "D", width: 14 },
      { col: "E", width: 14 },
      { col: "F", width: 12 },
      { col: "G", width: 30 },
      { col: "H", width: 28 },
    ],
    validations,
    pageSetup: { orientation: "landscape", paper: "A4", fitToWidth: true },
  };
  return { spec, cells, bandsRange, bandsBlock };
}
