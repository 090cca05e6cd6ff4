/**
 * The DTI entry workbook's layout, declared once: the writer (./write, ./write-units) renders it,
 * the exact reader (./read) reads it back by position, live validation and "explain" ask `cellRole`
 * which unit, indicator and field a cell is. The heuristic recogniser is for foreign workbooks only.
 *
 * Layout of "Nhập điểm":
 *   row 1 title, row 2 subtitle (set name, decision), row 3 blank,
 *   row 4 headers A "Mã" | B "Tên chỉ số" | C "Điểm tối đa" | D "Cấp" | E "Liên quan" | from F, per
 *   unit 3 columns, the name in the first, centred across the three (not merged: workbooks written
 *   before 2026-12 merged them, and read the same, since a unit is found by position),
 *   row 5 per unit "Tự đánh giá" | "Thẩm định" | "Tài liệu kiểm chứng", indicator rows from row 6,
 *   in the order of the confirmed set.
 * Column E "Liên quan" (added after the first release, which had units from E) marks the components
 * Sơn La's special rules 1 and 2 apply to: "Đơn vị trực thuộc" (concerns subordinate units: peer
 * maximum for units without any) or "DVCTT" (online public services: proportional score for units
 * without any); blank = neither.
 * "Đơn vị": row 1 UNITS_HEADERS, one unit a row from row 2 (A STT, B name, C group, D/E/F yes-no
 * flags, G components not applicable); column I lists the ranking groups (the Nhóm dropdown's source).
 */
import type {
  Concern,
  Indicator,
  IndicatorLevel,
  ProfileMainIndex,
  RuleProfile,
} from "../model/types";

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

export const LEVEL_LABEL: Readonly<Record<IndicatorLevel, string>> = {
  pillar: "Nhóm chỉ số",
  main: "Chỉ số chính",
  component: "Chỉ số thành phần",
  criterion: "Tiêu chí",
};

/** Where a unit's three columns start (1-based column number). */
export function unitColumn(unitIndex: number): number {
  return ENTRY_FIRST_UNIT_COL + unitIndex * COLS_PER_UNIT;
}

/** Which unit (0-based) a matrix column belongs to, and which of its three columns; null left of F. */
function unitOfColumn(
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

/**
 * The ranking groups' names on the "Đơn vị" sheet, one a row from row 2 in this column, under
 * UNITS_GROUP_LIST_HEADER: the "Nhóm" column's dropdown reads them from there. A literal list in
 * Excel's data validation is one comma-separated string and group names have commas ("Sở, ban,
 * ngành"), so the list comes from cells and the cells hold the real comma. (Sheets written before
 * held U+201A, a comma look-alike: group matching still folds it away.)
 */
export const UNITS_GROUP_LIST_COL = "I";
export const UNITS_GROUP_LIST_HEADER = "Danh sách nhóm xếp hạng (để chọn ở cột Nhóm)";

/** What a cell of the entry matrix is for: the unit columns' field, or the indicator declaration. */
type CellRole =
  | { readonly kind: "title" }
  | { readonly kind: "header"; readonly unitIndex: number | null }
  | {
      readonly kind: "indicator";
      /** 0-based index of the indicator row (row − ENTRY_FIRST_ROW). */
      readonly rowIndex: number;
      readonly column: "code" | "name" | "max" | "level" | "concerns";
    }
  | {
      readonly kind: "unit";
      readonly unitIndex: number;
      readonly rowIndex: number;
      readonly field: "self" | "appraised" | "evidence";
    };

const DECLARATION_COLUMNS = ["code", "name", "max", "level", "concerns"] as const;

/** The role of a cell (1-based row and column) of the "Nhập điểm" matrix, by position alone. */
export function cellRole(row: number, col: number): CellRole {
  if (row < ENTRY_HEADER_ROW) return { kind: "title" };
  if (row < ENTRY_FIRST_ROW) {
    const u = unitOfColumn(col);
    return { kind: "header", unitIndex: u === null ? null : u.unitIndex };
  }
  const rowIndex = row - ENTRY_FIRST_ROW;
  const u = unitOfColumn(col);
  if (u !== null) return { kind: "unit", unitIndex: u.unitIndex, rowIndex, field: u.part };
  const column = DECLARATION_COLUMNS[col - 1] ?? "code";
  return { kind: "indicator", rowIndex, column };
}
