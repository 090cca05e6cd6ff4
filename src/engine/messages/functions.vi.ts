/**
 * Vietnamese texts of the DTI.* function errors (shown in Excel's error tooltip for #VALUE! and
 * #N/A; for the other error values Excel shows no text, see src/functions/excel-result.ts).
 */
import type { FnMessageCode, FnParams } from "./functions.types";
import { txt } from "./params";

const t = (p: FnParams, k: string): string => txt(p, k, "vi");
/** "points", "actualRange ô 3", "thang xếp loại dòng 2". */
const arg = (p: FnParams): string => {
  const name = t(p, "arg");
  if (p["cell"] != null) return `${name} ô ${t(p, "cell")}`;
  if (p["row"] != null) return `${name} dòng ${t(p, "row")}`;
  return name;
};

export const fnMessagesVi: Readonly<Record<FnMessageCode, (p: FnParams) => string>> = {
  fn_no_function: (p) => `Không có hàm DTI.${t(p, "id")}.`,
  fn_too_many_args: (p) => `DTI.${t(p, "id")} nhận tối đa ${t(p, "n")} tham số.`,
  fn_one_cell: (p) => `Tham số ${arg(p)} cần một ô, không phải một vùng nhiều ô.`,
  fn_boolean_not_number: (p) => `${arg(p)}: cần một số, không phải giá trị đúng/sai.`,
  fn_ambiguous_number: (p) =>
    `${arg(p)}: không rõ "${t(p, "text")}" là ${t(p, "first")} hay ${t(p, "second")}. Hãy nhập số rõ ràng (dấu phẩy cho phần thập phân).`,
  fn_cell_error: (p) => `${arg(p)}: ô có lỗi ${t(p, "text")}. Hãy sửa ô đó trước.`,
  fn_not_a_number: (p) => `${arg(p)}: "${t(p, "text")}" không phải một con số.`,
  fn_too_large: (p) =>
    `${arg(p)}: "${t(p, "text")}" quá lớn, vượt giới hạn số của Excel. Hãy kiểm tra lại số đã nhập.`,
  fn_value_missing: (p) => `Thiếu ${arg(p)}: ô trống.`,
  fn_max_missing: (p) => `Thiếu điểm tối đa (${arg(p)}).`,
  fn_max_invalid: (p) => `Điểm tối đa ${t(p, "value")} không hợp lệ: phải lớn hơn 0.`,
  fn_points_negative: (p) => `Điểm ${t(p, "value")} là số âm.`,
  fn_points_above_max: (p) => `Điểm ${t(p, "value")} vượt điểm tối đa ${t(p, "max")}.`,
  fn_sizes_differ: (p) =>
    `Vùng ${t(p, "a")} (${t(p, "na")} ô) và ${t(p, "b")} (${t(p, "nb")} ô) phải có cùng số ô.`,
  fn_scheme_not_text: () =>
    `Thang xếp loại phải là mã bộ quy tắc (ví dụ "sonla-2024") hoặc một vùng các mức.`,
  fn_unknown_profile: (p) => `Không có bộ quy tắc "${t(p, "id")}". Dùng một trong: ${t(p, "ids")}.`,
  fn_profile_no_bands: (p) =>
    `Bộ quy tắc "${t(p, "id")}" không công bố thang xếp loại nên không xếp loại được.`,
  fn_bands_label: (p) =>
    `Thang xếp loại, dòng ${t(p, "row")}: cột 2 phải là tên mức (ví dụ "Tốt").`,
  fn_bands_flag: (p) =>
    `Thang xếp loại, dòng ${t(p, "row")}: cột 3 phải là "incl" (từ ngưỡng) hoặc "excl" (trên ngưỡng).`,
  fn_bands_empty: () => "Thang xếp loại trống.",
  fn_bands_rules: (p) => `Thang xếp loại${t(p, "where")}: ${t(p, "issueVi")}`,
  fn_bands_same_bound: (p) =>
    `Thang xếp loại: hai mức "${t(p, "a")}" và "${t(p, "b")}" có cùng ngưỡng.`,
  fn_unreadable_value: () => "Giá trị không đọc được.",
  fn_not_graded: () => "Không xếp loại được.",
  fn_unknown_policy: (p) =>
    `Cách xếp hạng "${t(p, "policy")}" không có. Dùng "competition" (1, 2, 2, 4) hoặc "dense" (1, 2, 2, 3).`,
  fn_group_without_groups: () => "Có nhóm (group) nhưng thiếu vùng nhóm (groups).",
  fn_group_missing: () => "Thiếu nhóm của đơn vị (tham số group).",
  fn_points_without_max: (p) =>
    `Ô ${t(p, "cell")} có điểm ${t(p, "value")} nhưng thiếu điểm tối đa.`,
  fn_max_negative: (p) => `Điểm tối đa ${t(p, "value")} là số âm.`,
  fn_maxima_sum_zero: () => "Tổng điểm tối đa của các chỉ số làm căn cứ bằng 0.",
  fn_ratio_negative: () => "a và b không được âm.",
  fn_ratio_zero_denominator: () => "Mẫu số b bằng 0.",
  fn_ratio_above_one: (p) =>
    `Tử số a = ${t(p, "a")} lớn hơn mẫu số b = ${t(p, "b")}: tỷ lệ không thể vượt 100%.`,
  fn_step_incomplete: (p) => `Bậc ${t(p, "step")}: cần cả ngưỡng và điểm.`,
  fn_threshold_negative: (p) => `Ngưỡng ${t(p, "value")} là số âm.`,
  fn_threshold_duplicate: (p) => `Ngưỡng ${t(p, "value")} bị trùng.`,
  fn_no_steps: () => "Chưa có bậc nào.",
  fn_unexpected: (p) =>
    `DTI.${t(p, "id")} gặp lỗi không mong đợi. Hãy kiểm tra các tham số; nếu vẫn lỗi, báo cho người quản trị (kèm công thức).`,
};
