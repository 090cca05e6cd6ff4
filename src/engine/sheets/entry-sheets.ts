/**
 * The DTI entry workbook as sheet specs: the "Nhập điểm" matrix (indicators × units, self / appraised /
 * evidence per unit) and the "Đơn vị" units sheet. Pure: the adapters render the specs.
 *
 * Layout (shared with the recogniser and the sample):
 *   row 1 title, row 2 subtitle (set name, decision), row 3 blank,
 *   row 4 headers A "Mã" | B "Tên chỉ số" | C "Điểm tối đa" | D "Cấp" | E "Liên quan" | from F, per
 *   unit 3 columns (name merged),
 *   row 5 per unit "Tự đánh giá" | "Thẩm định" | "Tài liệu kiểm chứng", indicator rows from row 6.
 * Column E "Liên quan" (added after the first release, which had units from E) marks the components
 * Sơn La's special rules 1 and 2 apply to: "Đơn vị trực thuộc" (concerns subordinate units: peer
 * maximum for units without any) or "DVCTT" (online public services: proportional score for units
 * without any); blank = neither. A list validation offers both; the recogniser reads the column by its
 * header, so the older layout without it is still read.
 */
import { a1, columnLetters } from "../address";
import type {
  CellValue,
  Concern,
  Indicator,
  IndicatorLevel,
  IndicatorSet,
  ProfileMainIndex,
  RuleProfile,
  ScoreEntry,
  Unit,
} from "../model/types";
import type {
  CellBlock,
  ConditionalFormat,
  DataValidationRule,
  RangeStyle,
  SheetSpec,
  SpecCell,
} from "./spec";

export const ENTRY_SHEET = "Nhập điểm";
export const UNITS_SHEET = "Đơn vị";
export const ENTRY_ROLE = "entry-matrix";
export const UNITS_ROLE = "units";
export const FORM_ROLE = "official-form";

/** Row of the unit headers and of the first indicator. */
export const ENTRY_HEADER_ROW = 4;
export const ENTRY_SUBHEADER_ROW = 5;
export const ENTRY_FIRST_ROW = 6;
/** Column of the "Liên quan" marks (E). */
export const ENTRY_CONCERNS_COL = 5;
/** Column of the first unit's self-assessment (F). */
export const ENTRY_FIRST_UNIT_COL = 6;
export const COLS_PER_UNIT = 3;

export const ENTRY_HEADERS = ["Mã", "Tên chỉ số", "Điểm tối đa", "Cấp", "Liên quan"] as const;
/** What column E "Liên quan" shows for a component a special rule concerns (read back by the recogniser). */
export const CONCERN_LABEL: Readonly<Record<Concern, string>> = {
  "subordinate-units": "Đơn vị trực thuộc",
  dvctt: "DVCTT",
};
export const UNIT_SUBHEADERS = ["Tự đánh giá", "Thẩm định", "Tài liệu kiểm chứng"] as const;
export const UNITS_HEADERS = [
  "STT",
  "Tên cơ quan, đơn vị",
  "Nhóm",
  "Có đơn vị trực thuộc",
  "Có DVCTT",
  "Đặc thù",
  "Chỉ số không áp dụng",
] as const;
export const YES = "Có";
export const NO = "Không";

/**
 * Above this many units, one data-validation rule per unit column block (max read from column C)
 * replaces one rule per indicator row and unit (whose input message states the max): Excel copes
 * badly with hundreds of thousands of validation objects.
 */
export const PER_ROW_VALIDATION_MAX_UNITS = 200;

const LEVEL_LABEL: Readonly<Record<IndicatorLevel, string>> = {
  pillar: "Nhóm chỉ số",
  main: "Chỉ số chính",
  component: "Chỉ số thành phần",
  criterion: "Tiêu chí",
};

const CONCERNS_LETTER = columnLetters(ENTRY_CONCERNS_COL);
const HEADER_FILL = "#DDEBF7";
const MAIN_FILL = "#F2F2F2";
const ERROR_FILL = "#FFC7CE";
const ERROR_FONT = "#9C0006";
const WARN_FILL = "#FFEB9C";
const WARN_FONT = "#9C5700";

/** Where a unit's three columns start (1-based column number). */
export function unitColumn(unitIndex: number): number {
  return ENTRY_FIRST_UNIT_COL + unitIndex * COLS_PER_UNIT;
}

/** Which unit (0-based) a matrix column belongs to, and which of its three columns; null left of F. */
export function unitOfColumn(
  col: number
): { readonly unitIndex: number; readonly part: "self" | "appraised" | "evidence" } | null {
  if (col < ENTRY_FIRST_UNIT_COL) return null;
  const off = col - ENTRY_FIRST_UNIT_COL;
  const part = off % COLS_PER_UNIT;
  return {
    unitIndex: Math.floor(off / COLS_PER_UNIT),
    part: part === 0 ? "self" : part === 1 ? "appraised" : "evidence",
  };
}

/** Indicators whose points are typed in (no child rows), by code. */
export function leafCodes(indicators: readonly Indicator[]): ReadonlySet<string> {
  const parents = new Set<string>();
  for (const ind of indicators) if (ind.parentCode !== null) parents.add(ind.parentCode);
  return new Set(indicators.filter((i) => !parents.has(i.code)).map((i) => i.code));
}

/** Indicators of a profile that defines main indices itself (national 922): one entry row each. */
export function indicatorsFromProfile(profile: RuleProfile): Indicator[] {
  return profile.mainIndices.map((m: ProfileMainIndex) => ({
    code: m.code,
    name: m.name,
    level: "main" as const,
    maxPoints: m.maxPoints,
    method: m.scored ? { kind: "direct" as const } : { kind: "unscored" as const },
    scored: m.scored,
    parentCode: null,
  }));
}

function text(value: string): SpecCell {
  return { kind: "text", value };
}

function num(value: number): SpecCell {
  return { kind: "number", value };
}

const BLANK: SpecCell = { kind: "blank" };

/** A value the user (or a merged form) entered, written back as it was: "8,5" stays text for the fix. */
function entered(raw: CellValue | undefined): SpecCell {
  if (raw === undefined || raw === null) return BLANK;
  if (typeof raw === "number") return num(raw);
  if (typeof raw === "boolean") return { kind: "bool", value: raw };
  if (typeof raw === "string") return raw.trim() === "" ? BLANK : text(raw);
  return text(raw.error);
}

/** Rows (sorted) → "F7:F9,F12" style argument list for SUM, contiguous runs merged. */
function sumArgs(colLetter: string, rows: readonly number[]): string {
  const parts: string[] = [];
  let start: number | undefined;
  let prev: number | undefined;
  const flush = (): void => {
    if (start === undefined || prev === undefined) return;
    parts.push(
      start === prev ? `${colLetter}${start}` : `${colLetter}${start}:${colLetter}${prev}`
    );
  };
  for (const r of rows) {
    if (prev !== undefined && r === prev + 1) {
      prev = r;
      continue;
    }
    flush();
    start = r;
    prev = r;
  }
  flush();
  return parts.join(",");
}

function formatMax(max: number): string {
  return String(max).replace(".", ",");
}

export interface EntrySheetOptions {
  /** Existing entries to write into the matrix (e.g. merged agency forms); keyed by unitId + code. */
  readonly entries?: readonly ScoreEntry[];
}

/** The matrix and units sheets for a set and its units. */
export function entrySheetSpecs(
  set: IndicatorSet,
  units: readonly Unit[],
  options: EntrySheetOptions = {}
): SheetSpec[] {
  return [entryMatrixSpec(set, units, options), unitsSheetSpec(set.profile, units)];
}

/** The "Nhập điểm" matrix. */
export function entryMatrixSpec(
  set: IndicatorSet,
  units: readonly Unit[],
  options: EntrySheetOptions = {}
): SheetSpec {
  const { profile, indicators } = set;
  const leaves = leafCodes(indicators);
  const rowOf = new Map<string, number>();
  indicators.forEach((ind, i) => rowOf.set(ind.code, ENTRY_FIRST_ROW + i));
  const childRows = new Map<string, number[]>();
  for (const ind of indicators) {
    if (ind.parentCode === null) continue;
    const r = rowOf.get(ind.code);
    if (r === undefined) continue;
    const list = childRows.get(ind.parentCode) ?? [];
    list.push(r);
    childRows.set(ind.parentCode, list);
  }
  const entryBy = new Map<string, ScoreEntry>();
  for (const e of options.entries ?? []) entryBy.set(`${e.unitId}\u0000${e.code}`, e);

  const lastRow = Math.max(ENTRY_FIRST_ROW, ENTRY_FIRST_ROW + indicators.length - 1);
  const lastCol = Math.max(ENTRY_FIRST_UNIT_COL - 1, unitColumn(units.length) - 1);
  const lastLetter = columnLetters(lastCol);

  const title = [text("NHẬP ĐIỂM ĐÁNH GIÁ CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI)")];
  const subtitle = [
    text(
      `${profile.name} (${profile.source.decision}, ${profile.source.year}) · ${profile.scale} điểm`
    ),
  ];
  const header: SpecCell[] = ENTRY_HEADERS.map(text);
  const sub: SpecCell[] = ENTRY_HEADERS.map(() => BLANK);
  for (const u of units) {
    header.push(text(u.name), BLANK, BLANK);
    for (const s of UNIT_SUBHEADERS) sub.push(text(s));
  }

  const body: SpecCell[][] = indicators.map((ind) => {
    const cells: SpecCell[] = [
      text(ind.code),
      text(ind.name),
      ind.maxPoints === null ? BLANK : num(ind.maxPoints),
      text(LEVEL_LABEL[ind.level]),
      ind.concerns !== undefined ? text(CONCERN_LABEL[ind.concerns]) : BLANK,
    ];
    const children = childRows.get(ind.code);
    units.forEach((u, ui) => {
      const col = unitColumn(ui);
      if (children !== undefined && children.length > 0) {
        for (const c of [col, col + 1]) {
          cells.push({ kind: "formula", formula: `=SUM(${sumArgs(columnLetters(c), children)})` });
        }
        cells.push(BLANK);
        return;
      }
      const e = entryBy.get(`${u.id}\u0000${ind.code}`);
      cells.push(entered(e?.self?.raw), entered(e?.appraised?.raw));
      cells.push(e?.evidence !== undefined && e.evidence !== "" ? text(e.evidence) : BLANK);
    });
    return cells;
  });

  const blocks: CellBlock[] = [
    { address: "A1", rows: [title], style: { bold: true, fontSize: 14 } },
    { address: "A2", rows: [subtitle], style: { italic: true } },
    {
      address: a1(ENTRY_HEADER_ROW, 1),
      rows: [header, sub],
      style: { bold: true, fill: HEADER_FILL, align: "center", wrap: true, border: "thin" },
    },
  ];
  if (body.length > 0) {
    blocks.push({ address: a1(ENTRY_FIRST_ROW, 1), rows: body, style: { border: "thin" } });
  }

  const styles: RangeStyle[] = [];
  const validations: DataValidationRule[] = [];
  if (units.length > 0 && indicators.length > 0) {
    // User cells (and the "Liên quan" marks) open, then main rows (formulas) closed again: the
    // sheet is protected.
    styles.push({
      range: `${CONCERNS_LETTER}${ENTRY_FIRST_ROW}:${lastLetter}${lastRow}`,
      style: { locked: false, numberFormat: "General" },
    });
    for (const ind of indicators) {
      if (leaves.has(ind.code)) continue;
      const r = rowOf.get(ind.code) ?? ENTRY_FIRST_ROW;
      styles.push({
        range: `A${r}:${lastLetter}${r}`,
        style: { locked: true, bold: true, fill: MAIN_FILL },
      });
    }
    validations.push(...entryValidations(indicators, leaves, rowOf, units.length, lastRow));
  }
  if (indicators.length > 0) {
    const labels = Object.values(CONCERN_LABEL);
    validations.push({
      range: `${CONCERNS_LETTER}${ENTRY_FIRST_ROW}:${CONCERNS_LETTER}${lastRow}`,
      rule: { kind: "list", values: labels },
      inputTitle: "Liên quan / Concerns",
      inputMessage: clamp(
        `Chỉ số liên quan đơn vị trực thuộc hoặc DVCTT (quy tắc đặc biệt); để trống nếu không. / ` +
          `Component concerning subordinate units or online public services (special rules); blank if neither.`,
        255
      ),
      errorMessage: clamp(
        `Chọn ${labels.join(" hoặc ")}, hoặc để trống. / Choose ${labels.join(" or ")}, or leave blank.`,
        225
      ),
    });
  }

  const columnWidths = [
    { col: "A", width: 8 },
    { col: "B", width: 48 },
    { col: "C", width: 10 },
    { col: "D", width: 18 },
    { col: CONCERNS_LETTER, width: 16 },
  ];
  const merges: string[] = [];
  units.forEach((_, ui) => {
    const col = unitColumn(ui);
    const [s, a, e] = [col, col + 1, col + 2].map(columnLetters) as [string, string, string];
    merges.push(`${s}${ENTRY_HEADER_ROW}:${e}${ENTRY_HEADER_ROW}`);
    columnWidths.push({ col: s, width: 11 }, { col: a, width: 11 }, { col: e, width: 24 });
  });

  return {
    name: ENTRY_SHEET,
    owned: true,
    role: ENTRY_ROLE,
    blocks,
    styles,
    merges,
    columnWidths,
    freeze: { rows: ENTRY_SUBHEADER_ROW, cols: ENTRY_FIRST_UNIT_COL - 1 },
    validations,
    conditionalFormats:
      units.length > 0 && indicators.length > 0 ? entryConditionalFormats(lastLetter, lastRow) : [],
    protect: true,
  };
}

/** Excel's limits: input title 32, input message 255, error message 225 characters. */
function clamp(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function decimalRule(
  range: string,
  max: number | string,
  maxVi: string,
  maxEn: string = maxVi
): DataValidationRule {
  return {
    range,
    rule: { kind: "decimal", min: 0, max },
    inputTitle: "Điểm / Points",
    inputMessage: clamp(
      `Nhập điểm từ 0 đến ${maxVi}; để trống nếu chưa chấm. / Enter 0 to ${maxEn}; blank = not scored.`,
      255
    ),
    errorMessage: clamp(
      `Điểm phải là số từ 0 đến ${maxVi}. / Points must be a number from 0 to ${maxEn}.`,
      225
    ),
  };
}

/**
 * A literal list in Excel data validation splits at commas, and group names have them ("Sở, ban,
 * ngành"): the list shows them with U+201A, a comma look-alike that group matching folds away.
 */
export function listItem(name: string): string {
  return name.replace(/,/g, "\u201A");
}

function entryValidations(
  indicators: readonly Indicator[],
  leaves: ReadonlySet<string>,
  rowOf: ReadonlyMap<string, number>,
  unitCount: number,
  lastRow: number
): DataValidationRule[] {
  const out: DataValidationRule[] = [];
  if (unitCount > PER_ROW_VALIDATION_MAX_UNITS) {
    // One rule per unit, max read from column C of the same row (relative reference).
    for (let ui = 0; ui < unitCount; ui++) {
      const s = columnLetters(unitColumn(ui));
      const a = columnLetters(unitColumn(ui) + 1);
      out.push(
        decimalRule(
          `${s}${ENTRY_FIRST_ROW}:${a}${lastRow}`,
          `=$C${ENTRY_FIRST_ROW}`,
          "điểm tối đa (cột C)",
          "the max (column C)"
        )
      );
    }
    return out;
  }
  // One rule per run of consecutive entry rows with the same max, per unit: the message states the max.
  const runs: { first: number; last: number; max: number }[] = [];
  for (const ind of indicators) {
    // Unscored indicators (922 "Đô thị thông minh", max 0) are collected, not bounded.
    if (!leaves.has(ind.code) || ind.maxPoints === null || !ind.scored) continue;
    const r = rowOf.get(ind.code);
    if (r === undefined) continue;
    const prev = runs[runs.length - 1];
    if (prev !== undefined && prev.last === r - 1 && prev.max === ind.maxPoints) prev.last = r;
    else runs.push({ first: r, last: r, max: ind.maxPoints });
  }
  for (let ui = 0; ui < unitCount; ui++) {
    const s = columnLetters(unitColumn(ui));
    const a = columnLetters(unitColumn(ui) + 1);
    for (const run of runs) {
      out.push(decimalRule(`${s}${run.first}:${a}${run.last}`, run.max, formatMax(run.max)));
    }
  }
  return out;
}

/**
 * Conditional formats over the whole unit area; MOD(COLUMN()) tells self / appraised / evidence
 * columns apart, so there are four rules whatever the number of units.
 */
function entryConditionalFormats(lastLetter: string, lastRow: number): ConditionalFormat[] {
  const first = `${columnLetters(ENTRY_FIRST_UNIT_COL)}${ENTRY_FIRST_ROW}`;
  const range = `${first}:${lastLetter}${lastRow}`;
  const scoreCol = `MOD(COLUMN(${first})-${ENTRY_FIRST_UNIT_COL},${COLS_PER_UNIT})<2`;
  const selfCol = `MOD(COLUMN(${first})-${ENTRY_FIRST_UNIT_COL},${COLS_PER_UNIT})=0`;
  const appraisedCol = `MOD(COLUMN(${first})-${ENTRY_FIRST_UNIT_COL},${COLS_PER_UNIT})=1`;
  // Relative references from the first unit cell: one column to the left, two to the right.
  const left = `${columnLetters(ENTRY_FIRST_UNIT_COL - 1)}${ENTRY_FIRST_ROW}`;
  const c = `$C${ENTRY_FIRST_ROW}`;
  const evidence = `${columnLetters(ENTRY_FIRST_UNIT_COL + 2)}${ENTRY_FIRST_ROW}`;
  const error = { fill: ERROR_FILL, fontColor: ERROR_FONT };
  const warn = { fill: WARN_FILL, fontColor: WARN_FONT };
  return [
    // Above the max (not for rows without a max).
    {
      range,
      when: {
        kind: "formula",
        formula: `=AND(${scoreCol},ISNUMBER(${first}),ISNUMBER(${c}),${first}>${c})`,
      },
      style: error,
    },
    {
      range,
      when: { kind: "formula", formula: `=AND(${scoreCol},ISNUMBER(${first}),${first}<0)` },
      style: error,
    },
    // A number typed as text ("8,5") or any other text in a score cell.
    {
      range,
      when: { kind: "formula", formula: `=AND(${scoreCol},ISTEXT(${first}))` },
      style: warn,
    },
    // Appraised above the unit's own score (the self column is one to the left).
    {
      range,
      when: {
        kind: "formula",
        formula: `=AND(${appraisedCol},ISNUMBER(${first}),ISNUMBER(${left}),${first}>${left})`,
      },
      style: warn,
    },
    // Evidence given but no self-assessment score.
    {
      range,
      when: { kind: "formula", formula: `=AND(${selfCol},ISBLANK(${first}),LEN(${evidence})>0)` },
      style: warn,
    },
  ];
}

function yesNo(b: boolean): SpecCell {
  return text(b ? YES : NO);
}

/** The "Đơn vị" units sheet, with list validations for the group and the yes/no columns. */
export function unitsSheetSpec(profile: RuleProfile, units: readonly Unit[]): SheetSpec {
  const groupName = new Map(profile.groups.map((g) => [g.id, listItem(g.name)]));
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
  const groups = profile.groups.map((g) => listItem(g.name));
  const validations: DataValidationRule[] = [];
  // Excel keeps at most 255 characters of a literal list.
  if (groups.length > 0 && groups.join(",").length <= 255) {
    validations.push({
      range: `C2:C${lastRow}`,
      rule: { kind: "list", values: groups },
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
