/**
 * Names of issue kinds for the Kiểm tra filter (never a raw code such as `score_above_max`).
 * Kinds without their own name fall into a family ("Trang Quy tắc", "Bảng tổng hợp").
 */
import type { IssueCode, Locale } from "../../engine";

const VI: Partial<Record<IssueCode, string>> = {
  not_a_number: "Không phải số",
  vn_number_parsed: "Số nhập dạng chữ (8,5)",
  ambiguous_number: "Số không rõ nghĩa",
  negative_score: "Điểm âm",
  score_above_max: "Vượt điểm tối đa",
  score_blank: "Chưa nhập điểm",
  sum_mismatch: "Tổng không khớp",
  unknown_code: "Mã chỉ số lạ",
  duplicate_code: "Mã chỉ số trùng",
  max_missing: "Thiếu điểm tối đa",
  appraised_above_self: "Thẩm định cao hơn tự đánh giá",
  missing_evidence: "Thiếu tài liệu kiểm chứng",
  unit_without_group: "Đơn vị chưa có nhóm",
  unknown_group: "Nhóm không có trong bộ",
  formula_error: "Lỗi công thức",
  no_table_found: "Không thấy bảng",
  header_not_found: "Không thấy tiêu đề cột",
  grade_gap: "Điểm rơi vào khoảng trống xếp loại",
  duplicate_unit: "Đơn vị trùng tên",
  max_sum_mismatch: "Điểm tối đa không khớp tổng",
  provisional_total: "Tổng điểm tạm tính",
  sheet_missing: "Thiếu trang tính",
  no_indicator_set: "Chưa có bộ chỉ số",
  profile_without_indicators: "Bộ quy tắc không có chỉ số",
  last_year_unmatched: "Không khớp năm trước",
  sheet_name_taken: "Tên trang đã có",
  file_not_xlsx: "Tệp không phải .xlsx",
  entry_set_mismatch: "Bảng nhập điểm theo bộ khác",
  entry_formula_not_kept: "Công thức sẽ bị mất",
  sheet_older_addin: "Trang của phiên bản cũ",
  too_many_units: "Quá nhiều đơn vị",
};

const EN: Partial<Record<IssueCode, string>> = {
  not_a_number: "Not a number",
  vn_number_parsed: "Number typed as text (8,5)",
  ambiguous_number: "Ambiguous number",
  negative_score: "Negative score",
  score_above_max: "Above the maximum",
  score_blank: "Score not entered",
  sum_mismatch: "Sum does not match",
  unknown_code: "Unknown indicator code",
  duplicate_code: "Duplicate indicator code",
  max_missing: "Maximum missing",
  appraised_above_self: "Appraised above self-assessed",
  missing_evidence: "Evidence missing",
  unit_without_group: "Unit without a group",
  unknown_group: "Group not in the set",
  formula_error: "Formula error",
  no_table_found: "No table found",
  header_not_found: "Column header not found",
  grade_gap: "Total in a gap between grades",
  duplicate_unit: "Duplicate unit name",
  max_sum_mismatch: "Maximum does not match the sum",
  provisional_total: "Provisional total",
  sheet_missing: "Sheet missing",
  no_indicator_set: "No indicator set",
  profile_without_indicators: "Rules without indicators",
  last_year_unmatched: "Not matched with last year",
  sheet_name_taken: "Sheet name taken",
  file_not_xlsx: "Not an .xlsx file",
  entry_set_mismatch: "Entry sheet for another set",
  entry_formula_not_kept: "Formula would be lost",
  sheet_older_addin: "Older add-in sheet",
  too_many_units: "Too many units",
};

/** The issue kind's name in the user's language. */
export function issueKindName(code: IssueCode, locale: Locale): string {
  const own = (locale === "vi" ? VI : EN)[code];
  if (own !== undefined) return own;
  if (code.startsWith("rules_")) return locale === "vi" ? "Trang Quy tắc" : "Rules sheet";
  return locale === "vi" ? "Bảng tổng hợp đã nhập" : "Imported summary table";
}
