/** Vietnamese messages, one per issue code: what is wrong, then how to fix it. The cell comes from formatIssue. */
import type { IssueCode, IssueParams } from "../model/types";
import { fileReasonText } from "./file-reasons";
import { context as ctx, firstPlace, paramText, type Catalogue } from "./params";
import { rulesMessagesVi } from "./rules.vi";

const t = <P extends IssueParams>(p: P, k: keyof P & string): string => paramText(p, k, "vi");

export const messagesVi: Catalogue<IssueCode> = {
  not_a_number: (p) =>
    `Ô chứa "${t(p, "text")}", không phải một con số${ctx(p, "vi")}. Hãy nhập điểm bằng số (ví dụ 8,5) hoặc để trống nếu chưa chấm.`,
  vn_number_parsed: (p) =>
    `Số "${t(p, "text")}" được nhập dạng chữ; đã hiểu là ${t(p, "value")}${ctx(p, "vi")}. Hãy nhập lại dưới dạng số (hoặc bấm "Sửa nhanh" ở thẻ Kiểm tra) để Excel tính được.`,
  ambiguous_number: (p) =>
    `Không rõ "${t(p, "text")}" là ${t(p, "first")} hay ${t(p, "second")}${ctx(p, "vi")}. Hãy nhập lại rõ ràng: dùng dấu phẩy cho phần thập phân (1,5) và không dùng dấu chấm phân cách hàng nghìn.`,
  negative_score: (p) =>
    `Điểm ${t(p, "value")} là số âm${ctx(p, "vi")}. Điểm không được âm: hãy nhập một số từ 0 đến ${t(p, "max") || "điểm tối đa"}.`,
  score_above_max: (p) =>
    `Điểm ${t(p, "value")} vượt điểm tối đa ${t(p, "max")}${ctx(p, "vi")}. Hãy nhập một số từ 0 đến ${t(p, "max")} (có thể gõ nhầm dấu thập phân).`,
  score_blank: (p) =>
    `Chưa nhập điểm${ctx(p, "vi")}: ô trống được coi là "chưa nhập", không phải 0, nên tổng điểm còn tạm tính. Hãy nhập điểm (nhập 0 nếu đúng là 0 điểm).`,
  sum_mismatch: (p) =>
    `Điểm chỉ số chính nhập là ${t(p, "entered")} nhưng tổng các chỉ số thành phần là ${t(p, "sum")}${ctx(p, "vi")}. Hãy sửa điểm chỉ số chính (hoặc dùng công thức SUM) cho khớp với các chỉ số thành phần.`,
  unknown_code: (p) =>
    `Mã chỉ số "${t(p, "indicator")}" không có trong bộ chỉ số${ctx({ unitName: p["unitName"] ?? null }, "vi")}. Hãy kiểm tra lại mã, hoặc thêm chỉ số này vào bộ chỉ số.`,
  duplicate_code: (p) =>
    `Mã chỉ số "${t(p, "indicator")}" xuất hiện hai lần (lần đầu ${firstPlace(p, "vi")}). Mỗi mã chỉ được dùng một lần: hãy sửa hoặc xoá dòng trùng.`,
  max_missing: (p) =>
    `Chỉ số ${t(p, "indicator")} chưa có điểm tối đa. Hãy nhập điểm tối đa vào cột "Điểm tối đa" để chấm và kiểm tra được.`,
  appraised_above_self: (p) =>
    `Điểm thẩm định ${t(p, "appraised")} cao hơn điểm tự đánh giá ${t(p, "self")}${ctx(p, "vi")}. Hãy kiểm tra lại: thông thường điểm thẩm định không vượt điểm tự đánh giá.`,
  missing_evidence: (p) =>
    `Có điểm ${t(p, "value")} nhưng chưa có tài liệu kiểm chứng${ctx(p, "vi")}. Hãy ghi số, ngày và trích yếu văn bản kiểm chứng, hoặc giải trình.`,
  unit_without_group: (p) =>
    `Đơn vị "${t(p, "unitName")}" chưa được xếp vào nhóm nào nên chưa xếp hạng được. Hãy ghi nhóm vào cột "Nhóm"${t(p, "groups") ? ` (một trong: ${t(p, "groups")})` : ""}.`,
  unknown_group: (p) =>
    `Nhóm "${t(p, "group")}" của đơn vị "${t(p, "unitName")}" không khớp nhóm nào của bộ quy tắc. Hãy sửa thành một trong: ${t(p, "groups")}.`,
  formula_error: (p) =>
    `Ô có lỗi công thức ${t(p, "text")}${ctx(p, "vi")}. Hãy sửa công thức (thường do tham chiếu tới ô hoặc trang đã xoá) hoặc nhập điểm trực tiếp.`,
  no_table_found: (p) =>
    `Không tìm thấy bảng chỉ số${t(p, "sheet") ? ` trong trang "${t(p, "sheet")}"` : ""}. Hãy mở đúng tệp biểu mẫu chấm điểm, có các cột Mã, Tên chỉ số, Điểm tối đa.`,
  header_not_found: (p) =>
    `Không tìm thấy cột "${t(p, "header")}"${t(p, "sheet") ? ` trong trang "${t(p, "sheet")}"` : ""}. Hãy thêm hoặc đặt lại tên tiêu đề cột cho đúng.`,
  grade_gap: (p) =>
    `Tổng ${t(p, "points")} điểm${ctx(p, "vi")} rơi vào khoảng trống giữa các mức xếp loại đã công bố (giữa "${t(p, "below") || "—"}" và "${t(p, "above") || "—"}"), nên chưa xếp loại. Hãy kiểm tra lại điểm hoặc hỏi cơ quan ban hành về mức áp dụng.`,
  duplicate_unit: (p) =>
    `Đơn vị "${t(p, "unitName")}" xuất hiện hai lần (lần đầu ${firstPlace(p, "vi")}). Hãy gộp hoặc xoá dòng trùng để mỗi đơn vị chỉ được xếp hạng một lần.`,
  max_sum_mismatch: (p) =>
    `Tổng điểm tối đa ${t(p, "sum")} khác với ${t(p, "expected")}${t(p, "what") ? ` (${t(p, "what")})` : ""}${ctx(p, "vi")}. Hãy kiểm tra lại cột "Điểm tối đa".`,
  score_not_applicable_to_unit: (p) =>
    `Đơn vị "${t(p, "unitName")}" có điểm ở chỉ số ${t(p, "code")}, nhưng theo trang quy tắc (khối 9) chỉ số này không áp dụng cho đơn vị: điểm này không được tính, và chỉ số không tính vào điểm tối đa của đơn vị. Hãy xoá điểm, hoặc thêm đơn vị vào danh sách ở khối 9 nếu chỉ số có áp dụng.`,
  provisional_total: (p) =>
    `Tổng điểm của đơn vị "${t(p, "unitName")}" là tạm tính: còn ${t(p, "count")} chỉ số chưa có điểm hợp lệ. Hãy nhập đủ điểm để có kết quả chính thức.`,
  sheet_missing: (p) =>
    `Không tìm thấy trang "${t(p, "sheet")}" (trang đã bị xoá hoặc đổi tên). Hãy đặt lại đúng tên trang, hoặc tạo lại trang nhập điểm từ khung tác vụ.`,
  no_indicator_set: () =>
    `Workbook chưa có bộ chỉ số đã xác nhận. Hãy nạp bộ chỉ số (từ trang đang mở, từ tệp của tỉnh hoặc bộ có sẵn) rồi bấm "Xác nhận".`,
  profile_without_indicators: (p) =>
    `Bộ quy tắc "${t(p, "profile")}" không có sẵn danh sách chỉ số: các chỉ số lấy từ tệp Excel chính thức của tỉnh. Hãy nhập tệp đó hoặc mở trang biểu mẫu rồi nhận dạng.`,
  last_year_unmatched: (p) =>
    p["side"] === "last-year"
      ? `Đơn vị "${t(p, "unit")}" có trong kết quả năm trước (${t(p, "source")}) nhưng không khớp với đơn vị nào năm nay. Nếu đơn vị đổi tên, hãy sửa tên cho giống năm trước để so sánh được.`
      : `Đơn vị "${t(p, "unit")}" không tìm thấy trong kết quả năm trước (${t(p, "source")}), nên chưa so sánh được. Nếu đơn vị đổi tên, hãy sửa tên cho giống năm trước.`,
  sheet_name_taken: (p) =>
    `Đã có trang "${t(p, "sheet")}" của người dùng nên tiện ích không ghi đè. Hãy đổi tên trang đó (ví dụ thêm "cũ") rồi thử lại.`,
  file_not_xlsx: (p) =>
    p["reason"] !== undefined && p["reason"] !== null
      ? fileReasonText(p, "vi")
      : `Tệp "${t(p, "file")}" không phải tệp Excel .xlsx (có thể là .xls cũ, CSV hoặc PDF). Hãy mở tệp bằng Excel, chọn Lưu thành "Sổ làm việc Excel (.xlsx)" rồi nhập lại.`,
  file_unreadable: (p) => fileReasonText(p, "vi"),
  max_invalid: (p) =>
    `Điểm tối đa "${t(p, "value")}" của chỉ số ${t(p, "indicator")} không dùng được: điểm tối đa phải là một số lớn hơn 0 và không quá ${t(p, "limit")}. Hãy sửa ô điểm tối đa.`,
  text_too_long: (p) =>
    `Nội dung dài ${t(p, "length")} ký tự, vượt giới hạn ${t(p, "limit")} ký tự của một ô Excel${ctx(p, "vi")}: đã cắt bớt khi ghi. Hãy rút ngắn nội dung ở ô gốc.`,
  entry_set_mismatch: (p) =>
    `Sheet "${t(p, "sheet")}" được lập cho một bộ chỉ số khác với bộ đã xác nhận ("${t(p, "setName")}")${t(p, "missing") ? `: thiếu chỉ số ${t(p, "missing")}` : ""}${t(p, "extra") ? `; có chỉ số không thuộc bộ: ${t(p, "extra")}` : ""}${t(p, "maxChanged") ? `; khác điểm tối đa: ${t(p, "maxChanged")}` : ""}. Chưa xếp hạng. Hãy bấm "Tạo bảng nhập điểm" ở thẻ Bộ chỉ số để lập lại bảng theo bộ đã xác nhận (điểm đã nhập được giữ).`,
  entry_formula_not_kept: (p) =>
    `Trang "${t(p, "sheet")}" có công thức do người dùng gõ ở ô ${t(p, "cells")}${Number(p["count"] ?? 0) > 20 ? ` (cùng ${Number(p["count"]) - 20} ô khác)` : ""} thuộc chỉ số hoặc đơn vị không còn trong bảng mới, nên tạo lại sẽ làm mất công thức đó. Chưa ghi gì. Hãy chép công thức ra ngoài bảng (hoặc thay bằng giá trị) rồi chạy lại.`,
  sheet_older_addin: (p) =>
    p["matches"] === true
      ? `Trang "${t(p, "sheet")}" có vẻ do phiên bản cũ của tiện ích tạo (chưa có dấu nhận dạng của bản mới), nên tiện ích chưa ghi đè. Bấm "Nhận trang cũ" để tiện ích nhận trang này và tạo lại bảng tại chỗ (điểm và công thức đã nhập được giữ; nội dung khác trong vùng bảng được viết lại), hoặc đổi tên trang đó (ví dụ thêm "cũ") rồi tạo bảng mới.`
      : `Trang "${t(p, "sheet")}" được ghi là của phiên bản cũ của tiện ích nhưng nội dung không còn đúng bố cục tiện ích đã ghi, nên tiện ích không nhận và không ghi đè. Hãy đổi tên trang đó (ví dụ thêm "cũ") rồi tạo bảng mới.`,
  too_many_units: (p) =>
    `Bảng${p["sheet"] !== undefined ? ` ở trang "${t(p, "sheet")}"` : ""} có ${t(p, "count")} đơn vị, quá giới hạn ${t(p, "limit")} đơn vị một lần chấm (cả nước có 3.321 xã, phường, đặc khu), nên chưa chấm điểm để không dùng quá bộ nhớ. Hãy kiểm tra lại bảng (có thể đã chọn nhầm cột hoặc trang), hoặc tách thành nhiều tệp.`,
  ...rulesMessagesVi,
  column_left_out: (p) =>
    `Cột ${t(p, "column")} ("${t(p, "header")}") có số nhưng không được tính: ${
      {
        hidden: "cột đang ẩn",
        "last-year": "số liệu năm trước",
        "not-an-index": "không phải chỉ số của bộ quy tắc (không rõ điểm tối đa)",
        "total-used": "đã dùng cột tổng điểm",
      }[t(p, "reason")] ?? t(p, "reason")
    }. Nếu cột này cần tính, gán vai trò cho nó trong bảng bố cục (dòng lệnh: --column ${t(p, "column")}=total hoặc =main:MÃ).`,
  scale_read: (p) =>
    `Số ở cột ${t(p, "column")} ("${t(p, "header")}") được hiểu là ${t(p, "scale") === "index" ? "chỉ số 0..1 (điểm ÷ điểm tối đa)" : "tỷ lệ % của điểm tối đa"}, theo ${t(p, "from") === "header" ? "tiêu đề cột" : t(p, "from") === "override" ? "lựa chọn của người dùng" : "bộ quy tắc và khoảng giá trị"}: ${t(p, "value")} → ${t(p, "points")} điểm / ${t(p, "max")}. Nếu sai, chọn lại thang (dòng lệnh: --scale points|percent|index).`,
  scale_ambiguous: (p) =>
    `Không xác định được thang của cột ${t(p, "column")} ("${t(p, "header")}"): các giá trị (${t(p, "values")}…) có thể là ${t(p, "choices").replace("points", "điểm").replace("percent", "tỷ lệ %").replace("index", "chỉ số 0..1")} trên điểm tối đa ${t(p, "max")}. Chọn thang trong bảng bố cục (dòng lệnh: --scale ${t(p, "choices").replace(/ \| /g, "|")}).`,
  total_mismatch: (p) =>
    `Tổng ghi trong bảng là ${t(p, "entered")} nhưng các chỉ số chính cộng lại được ${t(p, "sum")} điểm${ctx(p, "vi")}. Kết quả tính theo các chỉ số chính; kiểm tra lại ô tổng hoặc các chỉ số.`,
  groups_inferred: (p) =>
    `Bảng không có cột nhóm: nhóm của ${t(p, "count")} đơn vị được suy từ tên đơn vị (${t(p, "groups")}). Kiểm tra lại, hoặc thêm cột "Nhóm" để chỉ rõ.`,
  groups_merged: (p) =>
    `Không xác định được nhóm của mọi đơn vị từ tên (ví dụ: ${t(p, "names")}); vì các nhóm cùng điểm tối đa ${t(p, "max")}, ${t(p, "count")} đơn vị được xếp hạng chung một nhóm. Thêm cột "Nhóm" hoặc dòng tiêu đề nhóm để xếp hạng theo từng nhóm.`,
  groups_not_inferred: (p) =>
    `Bảng không có cột nhóm hay dòng tiêu đề nhóm, và không suy được nhóm của ${t(p, "count")} đơn vị từ tên (ví dụ: ${t(p, "names")}); các nhóm có điểm tối đa khác nhau nên không thể xếp chung. Thêm cột "Nhóm" với một trong: ${t(p, "groups")}.`,
  no_unit_column: (p) =>
    `Trang "${t(p, "sheet")}" có bảng ${t(p, "rows")} dòng với ${t(p, "numeric")} cột số, nhưng không có cột tên đơn vị: cột ${t(p, "column")} có tiêu đề "${t(p, "header")}", cần một tiêu đề như ${t(p, "expected")}. Sửa tiêu đề, hoặc chỉ định cột (dòng lệnh: --column ${t(p, "column")}=unit).`,
  published_rank_mismatch: (p) =>
    `Thứ hạng ghi tay là ${t(p, "typed")} nhưng thứ hạng tính được là ${t(p, "computed")}${ctx(p, "vi")}. Sửa ô này trước khi đưa vào quyết định.`,
  published_grade_mismatch: (p) =>
    `Xếp loại ghi tay là "${t(p, "typed")}" nhưng xếp loại tính được là "${t(p, "computed")}"${ctx(p, "vi")}. Sửa ô này trước khi đưa vào quyết định.`,
  published_percent_mismatch: (p) =>
    `Tỷ lệ ghi tay là ${t(p, "typed")} nhưng tỷ lệ tính được là ${t(p, "computed")}%${ctx(p, "vi")}. Sửa ô này trước khi đưa vào quyết định.`,
  code_invalid: (p) =>
    `Mã chỉ số "${t(p, "text")}" (chỉ số "${t(p, "name")}") không đúng dạng nên dòng này không được tính${t(p, "suggestion") ? ` (có phải "${t(p, "suggestion")}"?)` : ""}. Sửa mã thành dạng 1, 1.1, 1.2.1.`,
  row_left_out: (p) =>
    `Dòng ${t(p, "row")} ("${t(p, "text")}") nằm giữa bảng nhưng không có số ở các cột kết quả và không có số thứ tự nên không được tính là một đơn vị. Nếu đó là một đơn vị, ghi số thứ tự và điểm của nó.`,
  code_orphan: (p) =>
    `Chỉ số ${t(p, "indicator")} ("${t(p, "name")}") thuộc chỉ số ${t(p, "parent")} nhưng bảng không có chỉ số ${t(p, "parent")}. Sửa mã, hoặc thêm dòng chỉ số ${t(p, "parent")}.`,
};
