/** Vietnamese texts of the rules sheet's issues ("Quy tắc", src/engine/rules): what is wrong, then how to fix it. */
import type { IssueCode, IssueParams } from "../model/types";
import { paramText, type Catalogue } from "./params";

export type RulesIssueCode = Extract<IssueCode, `rules_${string}`>;

const t = <P extends IssueParams>(p: P, k: keyof P & string): string => paramText(p, k, "vi");
const what = (p: IssueParams): string => t(p, "what") || "ô này";

export const rulesMessagesVi: Catalogue<RulesIssueCode> = {
  rules_sheet_unreadable: (p) =>
    `Trang "${t(p, "sheet")}" không có các khối của trang quy tắc (1. Văn bản nguồn, 4. Nhóm xếp hạng, 5. Mức xếp loại...). Hãy tạo lại trang quy tắc từ một bộ có sẵn (khung tác vụ hoặc lệnh dti rules) rồi sửa theo quyết định.`,
  rules_block_missing: (p) =>
    `Trang quy tắc thiếu khối "${t(p, "block")}" (tiêu đề khối bị xoá hoặc sửa). Hãy khôi phục tiêu đề khối ở cột A, hoặc tạo lại trang quy tắc.`,
  rules_unknown_row: (p) =>
    `Dòng "${t(p, "text")}" không thuộc bố cục trang quy tắc nên bị bỏ qua. Hãy giữ nguyên tên các dòng ở cột A; ghi chú thì viết ở cột C trở đi.`,
  rules_cell_to_fill: (p) =>
    `${what(p)} chưa được điền ("điền theo quyết định"): chưa biết con số này nên chưa chấm, xếp loại được. Hãy điền theo quyết định của tỉnh.`,
  rules_cell_empty: (p) =>
    `${what(p)} đang để trống nhưng cần để áp dụng quy tắc. Hãy điền theo quyết định của tỉnh.`,
  rules_not_a_number: (p) =>
    `${what(p)} ghi "${t(p, "text")}", không phải một con số. Hãy nhập một số (ví dụ 85 hoặc 85,5).`,
  rules_bad_choice: (p) =>
    `${what(p)} ghi "${t(p, "text")}", không có trong danh sách. Hãy chọn một trong: ${t(p, "choices")}.`,
  rules_bad_year: (p) =>
    `Năm đánh giá ${t(p, "value")} không hợp lệ. Hãy nhập năm có dữ liệu được đánh giá, ví dụ 2025.`,
  rules_bad_date: (p) =>
    `Ngày ban hành "${t(p, "text")}" không theo dạng ngày/tháng/năm. Hãy ghi như 23/10/2025.`,
  rules_bad_decimals: (p) =>
    `Số chữ số thập phân ${t(p, "value")} không hợp lệ. Hãy nhập một số nguyên từ 0 đến 10 (thường là 2; cả nước dùng 4).`,
  rules_not_positive: (p) =>
    `${what(p)} là ${t(p, "value")}, phải lớn hơn 0. Hãy nhập điểm tối đa theo quyết định.`,
  rules_no_groups: () =>
    `Trang quy tắc chưa có nhóm xếp hạng nào nên không xếp hạng được. Hãy thêm ít nhất một nhóm (ví dụ "Sở, ban, ngành") vào khối 4.`,
  rules_group_max_missing: (p) =>
    `Nhóm "${t(p, "group")}" chưa có điểm tối đa. Hãy nhập điểm tối đa của nhóm, hoặc chọn "Có" ở cột "Tối đa = tổng biểu mẫu" nếu quyết định không công bố.`,
  rules_group_above_scale: (p) =>
    `Điểm tối đa ${t(p, "max")} của nhóm "${t(p, "group")}" lớn hơn thang điểm ${t(p, "scale")}. Hãy kiểm tra lại thang điểm hoặc điểm tối đa của nhóm.`,
  rules_duplicate_group: (p) =>
    `Nhóm "${t(p, "group")}" trùng mã hoặc tên với nhóm thứ ${t(p, "first")}. Mỗi nhóm cần mã và tên riêng: hãy sửa hoặc xoá dòng trùng.`,
  rules_duplicate_alias: (p) =>
    `Từ khoá "${t(p, "text")}" của nhóm "${t(p, "group")}" cũng là của nhóm "${t(p, "other")}", nên không biết đơn vị thuộc nhóm nào. Hãy để mỗi từ khoá cho một nhóm.`,
  rules_duplicate_band: (p) =>
    `Mức xếp loại "${t(p, "label")}" đã có ở dòng thứ ${t(p, "first")} của bảng. Mỗi mức một tên: hãy sửa hoặc xoá dòng trùng.`,
  rules_band_unbounded: (p) =>
    `Mức "${t(p, "label")}" không có cận dưới lẫn cận trên nên chứa mọi số điểm. Hãy nhập cận theo quyết định (mức thấp nhất chỉ có cận trên).`,
  rules_band_percent_range: (p) =>
    `Ngưỡng ${t(p, "value")}% nằm ngoài 0..100. Hãy nhập phần trăm từ 0 đến 100, hoặc đổi cột "Tính theo" thành "Điểm" nếu ngưỡng tính bằng điểm.`,
  rules_band_above_scale: (p) =>
    `Ngưỡng ${t(p, "value")} điểm lớn hơn thang điểm ${t(p, "scale")}, nên không đơn vị nào đạt. Hãy kiểm tra lại ngưỡng hoặc thang điểm.`,
  rules_band_reversed: (p) =>
    `Mức "${t(p, "label")}" có cận dưới ${t(p, "lower")} không nhỏ hơn cận trên ${t(p, "upper")}, nên không chứa số điểm nào. Hãy đổi chỗ hoặc sửa hai cận.`,
  rules_mixed_basis: (p) =>
    `Mức "${t(p, "label")}" tính theo cơ sở khác mức đầu tiên (không được lẫn điểm, % tối đa của đơn vị và % tối đa của nhóm). Hãy chọn cùng một cơ sở ở cột "Tính theo" cho mọi mức.`,
  rules_band_open_not_last: (p) =>
    `Mức "${t(p, "label")}" không có cận dưới nhưng không phải mức thấp nhất. Chỉ mức cuối cùng được để trống cận dưới: hãy nhập cận dưới, hoặc chuyển mức này xuống cuối.`,
  rules_band_open_not_first: (p) =>
    `Mức "${t(p, "label")}" không có cận trên nhưng không phải mức cao nhất. Chỉ mức đầu tiên được để trống cận trên: hãy nhập cận trên hoặc sắp lại thứ tự (cao nhất trước).`,
  rules_bands_unordered: (p) =>
    `Mức "${t(p, "label")}" có ngưỡng cao hơn mức "${t(p, "above")}" ở trên nó. Hãy sắp các mức từ cao xuống thấp.`,
  rules_bands_overlap: (p) =>
    `Mức "${t(p, "label")}" chồng lên mức "${t(p, "above")}": một số điểm thuộc cả hai mức. Hãy sửa cận trên của mức này hoặc cận dưới của mức trên (ví dụ "dưới 85" và "từ 85").`,
  rules_bands_gap: (p) =>
    `Giữa mức "${t(p, "label")}" (đến ${t(p, "from")}) và mức "${t(p, "above")}" (từ ${t(p, "to")}) có khoảng trống: số điểm trong khoảng này sẽ "Chưa xếp loại". Nếu quyết định đúng là như vậy thì giữ nguyên; nếu không, hãy sửa cận cho liền nhau.`,
  rules_too_many_bands: (p) =>
    `Trang có ${t(p, "count")} mức xếp loại, quá ${t(p, "limit")} mức: công thức xếp loại trong bảng xếp hạng sẽ vượt giới hạn của Excel (8.192 ký tự, 64 hàm lồng nhau). Hãy giữ đúng các mức của quyết định (thường 4 đến 6 mức) và xoá các dòng thừa.`,
  rules_wording_unreadable: (p) =>
    `Không đọc được cách ghi "${t(p, "text")}". Hãy nhập cận dưới, cận trên vào các cột C đến F, hoặc ghi như "từ 70% đến dưới 85%", "trên 50 điểm", "dưới 50%".`,
  rules_wording_mismatch: (p) =>
    `Cách ghi "${t(p, "text")}" của mức "${t(p, "label")}" khác với các cận đã nhập; tiện ích dùng các cận ở cột C đến G. Hãy sửa cho khớp với quyết định.`,
  rules_duplicate_main: (p) =>
    `Mã chỉ số chính "${t(p, "code")}" đã có ở dòng thứ ${t(p, "first")}. Mỗi mã một dòng: hãy sửa hoặc xoá dòng trùng.`,
  rules_main_sum: (p) =>
    `Tổng điểm tối đa các chỉ số chính là ${t(p, "sum")}, khác thang điểm ${t(p, "scale")}. Hãy sửa điểm tối đa của chỉ số chính hoặc thang điểm theo quyết định.`,
  rules_duplicate_unranked: (p) =>
    `Đơn vị "${t(p, "unitName")}" được ghi hai lần trong danh sách không xếp hạng. Hãy xoá dòng trùng.`,
  rules_changed: (p) =>
    `Trang quy tắc đã được sửa so với bộ có sẵn "${t(p, "preset")}"; các quy tắc trong trang được áp dụng. Hãy kiểm tra lại các chỗ sửa theo quyết định.`,
  rules_unit_map_conflict: (p) =>
    `Đơn vị cũ "${t(p, "unitName")}" được chuyển thành hai đơn vị mới ("${t(p, "to")}" và "${t(p, "other")}"). Mỗi đơn vị cũ chỉ chuyển vào một đơn vị mới: hãy sửa hoặc xoá một dòng.`,
  rules_unit_map_unmatched: (p) =>
    `Đơn vị cũ "${t(p, "unitName")}" trong bảng đổi tên, sáp nhập không có trong kết quả năm trước (${t(p, "source")}). Hãy sửa tên cho giống kết quả năm trước.`,
  rules_unranked_unit_unknown: (p) =>
    `Đơn vị "${t(p, "unitName")}" trong danh sách không xếp hạng không có trong bảng điểm. Hãy sửa tên cho giống bảng điểm hoặc xoá dòng.`,
  rules_negative_cap: (p) =>
    `${what(p)} là ${t(p, "value")}, nhỏ hơn 0. Hãy ghi mức trần là số điểm (không âm) theo quyết định, ví dụ 50; để trống nếu quyết định không giới hạn.`,
  rules_cap_above_scale: (p) =>
    `${what(p)} là ${t(p, "value")}, lớn hơn thang điểm ${t(p, "scale")}. Hãy kiểm tra lại mức trần theo quyết định.`,
  rules_duplicate_limited: (p) =>
    `Chỉ số "${t(p, "code")}" đã có ở dòng thứ ${t(p, "first")} của khối 9. Mỗi chỉ số một dòng: hãy gộp danh sách đơn vị vào một dòng và xoá dòng trùng.`,
  rules_limited_code_unknown: (p) =>
    `Chỉ số "${t(p, "code")}" ở khối 9 (chỉ áp dụng cho một số đơn vị) không có trong bộ chỉ số đang dùng nên chưa được áp dụng. Hãy sửa mã cho giống cột Mã của biểu mẫu.`,
  rules_limited_unit_unknown: (p) =>
    `Đơn vị "${t(p, "unitName")}" ở khối 9 (chỉ số ${t(p, "code")} chỉ áp dụng cho một số đơn vị) không có trong bảng điểm. Hãy sửa tên cho giống bảng điểm hoặc xoá khỏi danh sách.`,
};
