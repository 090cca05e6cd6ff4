/**
 * The command line's own texts (what `dti` prints besides the engine's issue messages, which come from
 * src/engine/messages): Vietnamese first, English with the same keys, so no command picks a text by
 * testing the language itself.
 */
import type { Lang } from "./args";

interface RulesHead {
  readonly name: string;
  readonly nameEn?: string | undefined;
  readonly id: string;
  readonly presetId: string | null;
}

const VI = {
  wroteSheets: (out: string, sheets: readonly string[]) => `Đã ghi ${out}: ${sheets.join(", ")}`,
  notKeptWhere: (where: string) => ` (trang/tên "${where}")`,
  notKeptHead:
    "Bản sao KHÔNG giữ được các phần sau của sổ tính gốc (tệp gốc không bị thay đổi; mở tệp gốc để xem chúng):",
  moreIssues: (more: number, code: string) =>
    `… và ${more} vấn đề "${code}" khác (xem đủ với --json)`,
  noMax: "chưa có điểm tối đa",
  max: "tối đa",
  asChosen: "theo lựa chọn",
  leftOutRow: (where: string, text: string, reason: string) =>
    `bỏ qua dòng ${where}: "${text}" (${reason})`,
  tableLayout: (
    sheet: string,
    headerRows: string,
    first: number,
    last: number,
    scale: string,
    scaleFrom: string,
    groups: string
  ) =>
    `Bố cục bảng "${sheet}": tiêu đề dòng ${headerRows}, dữ liệu dòng ${first}-${last}; thang: ${scale} (${scaleFrom}); nhóm: ${groups}`,
  otherLayout: (layout: string, range: string) => `Bố cục: ${layout}, bảng ${range}`,
  indicatorTree: "Cây chỉ số:",
  pinLayout: "Để cố định hoặc sửa bố cục này:",
  wroteTemplate: (out: string, indicators: number, units: number) =>
    `Đã ghi ${out}: ${indicators} chỉ số, ${units} đơn vị.`,
  fromRulesSheet: (
    sheet: string,
    preset: string | null,
    changed: boolean,
    setIgnored: string | undefined
  ) =>
    ` (theo trang "${sheet}" trong tệp` +
    (preset !== null ? `, từ bộ ${preset}${changed ? ", đã sửa" : ""}` : "") +
    (setIgnored !== undefined ? `; bỏ qua --set ${setIgnored}` : "") +
    ")",
  fromSettings: " (theo cài đặt trong tệp)",
  fromDefault: " (mặc định; chọn bằng --set)",
  merged: (units: number, files: number, out: string) =>
    `Đã gộp ${units} đơn vị từ ${files} tệp vào ${out}.`,
  source: "Nguồn",
  points: "điểm",
  wroteRules: (out: string, sheet: string, id: string) =>
    `Đã ghi ${out}: trang "${sheet}" theo bộ ${id}. Sửa theo quyết định rồi chép trang vào tệp nhập điểm.`,
  rulesHead: (sheet: string, d: RulesHead, changed: boolean) =>
    `Trang quy tắc "${sheet}": ${d.name} [${d.id}]` +
    (d.presetId !== null ? ` · bộ có sẵn ${d.presetId}${changed ? " (đã sửa)" : ""}` : ""),
  rulesComplete: "Đủ để chấm điểm, xếp loại và xếp hạng.",
  rulesIncomplete:
    'Chưa dùng được: sửa các lỗi dưới đây (ô ghi "điền theo quyết định" phải được điền).',
};

type CliTexts = typeof VI;

const EN: CliTexts = {
  wroteSheets: (out, sheets) => `Wrote ${out}: ${sheets.join(", ")}`,
  notKeptWhere: (where) => ` (sheet/name "${where}")`,
  notKeptHead:
    "The copy could NOT keep these parts of the original workbook (the original file is unchanged; open it to see them):",
  moreIssues: (more, code) => `… and ${more} more "${code}" issue(s) (see all with --json)`,
  noMax: "no max",
  max: "max",
  asChosen: "as chosen",
  leftOutRow: (where, text, reason) => `left out row ${where}: "${text}" (${reason})`,
  tableLayout: (sheet, headerRows, first, last, scale, scaleFrom, groups) =>
    `Layout of "${sheet}": header row(s) ${headerRows}, data rows ${first}-${last}; scale: ${scale} (${scaleFrom}); groups: ${groups}`,
  otherLayout: (layout, range) => `Layout: ${layout}, table ${range}`,
  indicatorTree: "Indicator tree:",
  pinLayout: "To pin or correct this layout:",
  wroteTemplate: (out, indicators, units) =>
    `Wrote ${out}: ${indicators} indicators, ${units} units.`,
  fromRulesSheet: (sheet, preset, changed, setIgnored) =>
    ` (from the workbook's "${sheet}" sheet` +
    (preset !== null ? `, preset ${preset}${changed ? ", changed" : ""}` : "") +
    (setIgnored !== undefined ? `; --set ${setIgnored} ignored` : "") +
    ")",
  fromSettings: " (from the workbook's settings)",
  fromDefault: " (default; choose with --set)",
  merged: (units, files, out) => `Merged ${units} unit(s) from ${files} file(s) into ${out}.`,
  source: "Source",
  points: "points",
  wroteRules: (out, sheet, id) =>
    `Wrote ${out}: sheet "${sheet}" from preset ${id}. Edit it to match the decision, then copy the sheet into the entry workbook.`,
  rulesHead: (sheet, d, changed) =>
    `Rules sheet "${sheet}": ${d.nameEn || d.name} [${d.id}]` +
    (d.presetId !== null ? ` · preset ${d.presetId}${changed ? " (changed)" : ""}` : ""),
  rulesComplete: "Complete: scoring, grading and ranking can run.",
  rulesIncomplete:
    'Not usable yet: fix the errors below (cells reading "điền theo quyết định" must be filled).',
};

/** The texts in the user's language. */
export function cliTexts(lang: Lang): CliTexts {
  return lang === "en" ? EN : VI;
}
