/**
 * Over 400 lines: the rules sheet's declared layout, every block and column in one table (writer
 * and reader read it).
 *
 * The rules sheet's declared layout ("Quy tắc"): labelled blocks of label/value rows and tables,
 * shared by the writer (rulesSheetSpec) and the exact reader (readRulesGrid). The reader finds
 * blocks and rows by their Vietnamese labels in column A, so rows the user inserts inside a table
 * (a fifth band, a third group) are read too.
 */
import type { GradeBasis, RoundingStage, TiePolicy } from "../model/types";
import { foldLoose } from "../text/normalize";

export const RULES_SHEET = "Quy tắc";
export const RULES_ROLE = "rules";

/** What a cell holds while the decision's figure is not filled in. */
export const TO_FILL = "điền theo quyết định";

export function isToFill(v: unknown): boolean {
  return typeof v === "string" && foldLoose(v) === foldLoose(TO_FILL);
}

export const YES = "Có";
export const NO = "Không";

/** Choice lists: the first text is what the writer writes; the others are accepted when read. */
export interface Choice<T> {
  readonly value: T;
  readonly texts: readonly string[];
}

export const TIE_CHOICES: readonly Choice<TiePolicy>[] = [
  { value: "competition", texts: ["1-2-2-4", "1 2 2 4", "competition"] },
  { value: "dense", texts: ["1-2-2-3", "1 2 2 3", "dense"] },
  { value: "main-index-order", texts: ["Theo chỉ số chính", "main-index-order"] },
];

export const STAGE_CHOICES: readonly Choice<RoundingStage>[] = [
  { value: "display", texts: ["Chỉ khi hiển thị", "display"] },
  { value: "component", texts: ["Chỉ số thành phần", "component"] },
  { value: "main-index", texts: ["Chỉ số chính", "main-index"] },
  { value: "total", texts: ["Tổng điểm", "total"] },
];

export const PUBLISH_CHOICES: readonly Choice<"points" | "percent" | "index">[] = [
  { value: "points", texts: ["Điểm", "points"] },
  { value: "percent", texts: ["Phần trăm", "%", "percent"] },
  { value: "index", texts: ["Chỉ số 0..1", "Chỉ số 0-1", "index"] },
];

export const YES_NO: readonly Choice<boolean>[] = [
  { value: true, texts: [YES, "yes", "x"] },
  { value: false, texts: [NO, "no"] },
];

type ProportionalChoice = "none" | "all-non-dvctt" | "same-main-index";
export const PROPORTIONAL_CHOICES: readonly Choice<ProportionalChoice>[] = [
  { value: "none", texts: [NO, "no"] },
  { value: "all-non-dvctt", texts: ["Mọi chỉ số không thuộc DVCTT", "all-non-dvctt"] },
  { value: "same-main-index", texts: ["Cùng chỉ số chính", "same-main-index"] },
];

export const LOWER_CHOICES: readonly Choice<boolean>[] = [
  { value: true, texts: ["từ (≥)", "từ", ">=", "≥", "incl"] },
  { value: false, texts: ["trên (>)", "trên", ">", "excl"] },
];

export const UPPER_CHOICES: readonly Choice<boolean>[] = [
  { value: false, texts: ["dưới (<)", "dưới", "<", "excl"] },
  { value: true, texts: ["đến (≤)", "đến", "<=", "≤", "incl"] },
];

/**
 * "% tối đa của đơn vị": % of the unit's own applicable maximum (its group's, less the indices that
 * do not apply to it, block 9); "% tối đa của nhóm": % of the group's maximum; "Điểm": points.
 */
export const BASIS_CHOICES: readonly Choice<GradeBasis>[] = [
  {
    value: "percent",
    texts: [
      "% tối đa của đơn vị",
      "% tối đa",
      "%",
      "phần trăm",
      "percent",
      "percent of own maximum",
    ],
  },
  {
    value: "group-percent",
    texts: [
      "% tối đa của nhóm",
      "% tối đa nhóm",
      "% nhóm",
      "group-percent",
      "percent of group maximum",
    ],
  },
  { value: "points", texts: ["Điểm", "points"] },
];

/** The choice a cell's text names, or undefined. */
export function choose<T>(choices: readonly Choice<T>[], text: string): Choice<T> | undefined {
  const f = foldLoose(text);
  const raw = text.trim().toLowerCase();
  return choices.find((c) =>
    c.texts.some((t) => {
      const ft = foldLoose(t);
      return ft !== "" ? ft === f : t.toLowerCase() === raw;
    })
  );
}

export function choiceText<T>(choices: readonly Choice<T>[], value: T): string {
  return choices.find((c) => c.value === value)?.texts[0] ?? "";
}

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

export type BlockId =
  | "source"
  | "scale"
  | "special"
  | "groups"
  | "bands"
  | "mains"
  | "unranked"
  | "unitMap"
  | "limited";

export const BLOCK_TITLES: Readonly<Record<BlockId, string>> = {
  source: "1. Văn bản nguồn / Source decision",
  scale: "2. Thang điểm, xếp hạng, làm tròn / Scale, ties, rounding",
  special: "3. Quy tắc đặc biệt / Special rules",
  groups: "4. Nhóm xếp hạng / Ranking groups",
  bands: "5. Mức xếp loại / Grade bands (cao nhất trước / highest first)",
  mains: "6. Chỉ số chính / Main indices (để trống: lấy từ biểu mẫu / blank: from the form)",
  unranked: "7. Đơn vị chấm điểm nhưng không xếp hạng / Units assessed but not ranked",
  unitMap:
    "8. Đổi tên, sáp nhập đơn vị so với năm trước / Renamed and merged units since last year",
  limited:
    "9. Chỉ số chỉ áp dụng cho một số đơn vị / Indices that apply only to some units (không tính vào điểm tối đa của đơn vị khác / left out of the other units' maximum)",
};

/** The block a column-A text opens, or undefined: matched on the leading "N. Vietnamese words". */
export function blockOf(text: string): BlockId | undefined {
  const f = foldLoose(text);
  for (const [id, title] of Object.entries(BLOCK_TITLES) as [BlockId, string][]) {
    const head = foldLoose(title.split(" / ")[0] ?? title);
    if (f.startsWith(head)) return id;
  }
  return undefined;
}

type KeyKind = "text" | "number" | "whole" | "choice";

export interface KeyRow {
  readonly key: string;
  readonly block: "source" | "scale" | "special";
  readonly label: string;
  readonly labelEn: string;
  readonly kind: KeyKind;
  /** A blank cell is an error (the figure is needed to grade). */
  readonly required: boolean;
  readonly choices?: readonly Choice<unknown>[];
}

export const KEY_ROWS: readonly KeyRow[] = [
  {
    key: "id",
    block: "source",
    label: "Mã bộ quy tắc",
    labelEn: "Rule set id",
    kind: "text",
    required: true,
  },
  {
    key: "name",
    block: "source",
    label: "Tên bộ quy tắc",
    labelEn: "Name",
    kind: "text",
    required: true,
  },
  {
    key: "nameEn",
    block: "source",
    label: "Tên tiếng Anh",
    labelEn: "Name in English",
    kind: "text",
    required: false,
  },
  {
    key: "source.decision",
    block: "source",
    label: "Số quyết định",
    labelEn: "Decision number",
    kind: "text",
    required: true,
  },
  {
    key: "source.date",
    block: "source",
    label: "Ngày ban hành",
    labelEn: "Date issued (dd/mm/yyyy)",
    kind: "text",
    required: false,
  },
  {
    key: "source.issuer",
    block: "source",
    label: "Cơ quan ban hành",
    labelEn: "Issued by",
    kind: "text",
    required: true,
  },
  {
    key: "source.year",
    block: "source",
    label: "Năm đánh giá",
    labelEn: "Year assessed",
    kind: "whole",
    required: true,
  },
  {
    key: "source.note",
    block: "source",
    label: "Ghi chú",
    labelEn: "Note",
    kind: "text",
    required: false,
  },
  {
    key: "presetId",
    block: "source",
    label: "Bộ có sẵn",
    labelEn: "Preset written from",
    kind: "text",
    required: false,
  },
  {
    key: "changed",
    block: "source",
    label: "Đã sửa so với bộ có sẵn",
    labelEn: "Changed from the preset (the add-in checks)",
    kind: "text",
    required: false,
  },
  {
    key: "scale",
    block: "scale",
    label: "Thang điểm",
    labelEn: "Scale (points)",
    kind: "number",
    required: true,
  },
  {
    key: "tiePolicy",
    block: "scale",
    label: "Xếp hạng khi bằng điểm",
    labelEn: "Ties: 1-2-2-4, 1-2-2-3 or by main index order",
    kind: "choice",
    required: true,
    choices: TIE_CHOICES,
  },
  {
    key: "rounding.stage",
    block: "scale",
    label: "Làm tròn ở bước",
    labelEn: "Rounding stage",
    kind: "choice",
    required: true,
    choices: STAGE_CHOICES,
  },
  {
    key: "rounding.decimals",
    block: "scale",
    label: "Số chữ số thập phân",
    labelEn: "Decimals",
    kind: "whole",
    required: true,
  },
  {
    key: "publishAs",
    block: "scale",
    label: "Công bố kết quả dạng",
    labelEn: "Published as points, % or a 0..1 index",
    kind: "choice",
    required: true,
    choices: PUBLISH_CHOICES,
  },
  {
    key: "special.peerMax",
    block: "special",
    label: "Đơn vị không có đơn vị trực thuộc: lấy điểm cao nhất của các đơn vị",
    labelEn: "No subordinate units: the peer maximum",
    kind: "choice",
    required: true,
    choices: YES_NO,
  },
  {
    key: "special.proportional",
    block: "special",
    label: "Đơn vị không có DVCTT: tính điểm theo tỷ lệ",
    labelEn: "No online public services: proportional score (scope)",
    kind: "choice",
    required: true,
    choices: PROPORTIONAL_CHOICES,
  },
  {
    key: "special.notApplicable",
    block: "special",
    label: "Chỉ số không áp dụng với đơn vị đặc thù: tính điểm tối đa",
    labelEn: "Not applicable (special-purpose unit): maximum",
    kind: "choice",
    required: true,
    choices: YES_NO,
  },
  {
    key: "special.bonusCap",
    block: "special",
    label: "Tổng điểm thưởng tối đa của một đơn vị",
    labelEn: "Bonus points cap per unit (blank: only each bonus indicator's own maximum)",
    kind: "number",
    required: false,
  },
  {
    key: "special.penaltyCap",
    block: "special",
    label: "Tổng điểm trừ tối đa của một đơn vị",
    labelEn: "Penalty points cap per unit (blank: only each penalty indicator's own maximum)",
    kind: "number",
    required: false,
  },
];

export function keyRowOf(text: string): KeyRow | undefined {
  const f = foldLoose(text);
  return KEY_ROWS.find((k) => foldLoose(k.label) === f);
}

export interface TableColumn {
  readonly key: string;
  readonly header: string;
  readonly kind: KeyKind;
  readonly choices?: readonly Choice<unknown>[];
}

export const GROUP_COLUMNS: readonly TableColumn[] = [
  { key: "id", header: "Mã nhóm / Id", kind: "text" },
  { key: "name", header: "Tên nhóm / Name", kind: "text" },
  { key: "nameEn", header: "Tên tiếng Anh / English", kind: "text" },
  { key: "maxPoints", header: "Điểm tối đa / Max", kind: "number" },
  {
    key: "maxFromSet",
    header: "Tối đa = tổng biểu mẫu / Max from the form",
    kind: "choice",
    choices: YES_NO,
  },
  { key: "ranked", header: "Xếp hạng / Ranked", kind: "choice", choices: YES_NO },
  {
    key: "aliases",
    header: "Từ khoá ở cột Nhóm (cách nhau bằng ;) / Nhóm texts (; separated)",
    kind: "text",
  },
];

export const BAND_COLUMNS: readonly TableColumn[] = [
  { key: "label", header: "Xếp loại / Grade", kind: "text" },
  { key: "labelEn", header: "Tiếng Anh / English", kind: "text" },
  { key: "lower", header: "Cận dưới / Lower bound", kind: "number" },
  { key: "lowerKind", header: "Loại cận dưới / Lower", kind: "choice", choices: LOWER_CHOICES },
  { key: "upper", header: "Cận trên / Upper bound", kind: "number" },
  { key: "upperKind", header: "Loại cận trên / Upper", kind: "choice", choices: UPPER_CHOICES },
  { key: "basis", header: "Tính theo / Basis", kind: "choice", choices: BASIS_CHOICES },
  { key: "wording", header: "Cách ghi trong quyết định / Wording", kind: "text" },
];

export const MAIN_COLUMNS: readonly TableColumn[] = [
  { key: "code", header: "Mã / Code", kind: "text" },
  { key: "name", header: "Tên chỉ số chính / Main index", kind: "text" },
  { key: "maxPoints", header: "Điểm tối đa / Max", kind: "number" },
  { key: "scored", header: "Tính điểm / Scored", kind: "choice", choices: YES_NO },
];

export const UNRANKED_COLUMNS: readonly TableColumn[] = [
  { key: "name", header: "Tên đơn vị / Unit", kind: "text" },
];

export const UNIT_MAP_COLUMNS: readonly TableColumn[] = [
  { key: "from", header: "Đơn vị năm trước / Last year's unit", kind: "text" },
  { key: "to", header: "Đơn vị năm nay / This year's unit", kind: "text" },
];

export const LIMITED_COLUMNS: readonly TableColumn[] = [
  { key: "code", header: "Mã chỉ số / Code", kind: "text" },
  { key: "name", header: "Tên chỉ số (để đối chiếu) / Name (for reference)", kind: "text" },
  {
    key: "units",
    header: "Chỉ áp dụng cho các đơn vị (cách nhau bằng ;) / Applies only to (; separated)",
    kind: "text",
  },
];

export const TABLE_COLUMNS = {
  groups: GROUP_COLUMNS,
  bands: BAND_COLUMNS,
  mains: MAIN_COLUMNS,
  unranked: UNRANKED_COLUMNS,
  unitMap: UNIT_MAP_COLUMNS,
  limited: LIMITED_COLUMNS,
} as const;
