/**
 * What a workbook error means for the user, Vietnamese first and English second: what went wrong,
 * where (sheet and cell) and how to fix it. The adapters raise a PortError with one of these codes;
 * its text lives here, with the issue catalogues, so the task pane needs no workbook import.
 */
import type { Locale } from "../model/types";

export type PortErrorCode =
  | "sheet_not_found"
  | "sheet_not_owned"
  | "cell_edit_mode"
  | "request_too_large"
  | "invalid_range"
  | "invalid_sheet_name"
  | "cell_protected"
  | "api_not_supported"
  | "sheet_edited"
  | "host_error";

/** Where a port error happened, as far as the adapter knows. */
export interface PortErrorDetail {
  readonly sheet?: string;
  readonly range?: string;
  readonly hostCode?: string;
  /** Where the host failed (Office's debugInfo.errorLocation, e.g. "Range.values"). */
  readonly errorLocation?: string;
  /** "sheet_edited": the cells the user changed (at most 20) and how many there are. */
  readonly cells?: readonly string[];
  readonly count?: number;
}

type Detail = PortErrorDetail;

const where = (d: Detail, locale: Locale): string => {
  const sheet = d.sheet !== undefined ? `"${d.sheet}"` : "";
  const range = d.range !== undefined ? `!${d.range}` : "";
  if (sheet === "" && range === "") return "";
  return locale === "vi" ? ` (trang ${sheet}${range})` : ` (sheet ${sheet}${range})`;
};

const listed = (d: Detail, more: (n: number) => string): string => {
  const cells = (d.cells ?? []).join(", ");
  const extra = (d.count ?? 0) - (d.cells?.length ?? 0);
  return extra > 0 ? `${cells}${more(extra)}` : cells;
};

const vi: Record<PortErrorCode, (d: Detail) => string> = {
  sheet_edited: (d) =>
    `Trang "${d.sheet ?? ""}" do add-in tạo đã được sửa tay trong vùng add-in ghi (ô ${listed(d, (n) => ` và ${n} ô khác`)}). Tạo lại sẽ ghi đè các ô đó. Hãy chép nội dung cần giữ ra ngoài vùng bảng (hoặc sang trang khác) rồi chạy lại, hoặc chọn "Vẫn tạo lại" để ghi đè.`,
  sheet_not_found: (d) =>
    `Không tìm thấy trang tính ${d.sheet !== undefined ? `"${d.sheet}"` : ""}. Trang có thể đã bị xoá hoặc đổi tên: kiểm tra tên trang, hoặc tạo lại bằng add-in.`,
  sheet_not_owned: (d) =>
    `Trang "${d.sheet ?? ""}" do người dùng tạo, không phải do add-in tạo, nên add-in không ghi đè hay xoá nó. Hãy đổi tên trang đó (hoặc chuyển nội dung sang trang khác) rồi chạy lại.`,
  cell_edit_mode: () =>
    "Excel đang ở chế độ sửa ô nên không nhận lệnh. Nhấn Enter hoặc Esc để kết thúc việc sửa ô rồi thử lại.",
  request_too_large: (d) =>
    `Dữ liệu ghi một lần quá lớn so với giới hạn của Excel${where(d, "vi")}. Hãy chia bảng nhỏ hơn hoặc dùng Excel bản cài đặt.`,
  invalid_range: (d) =>
    `Địa chỉ ô hoặc vùng không hợp lệ${where(d, "vi")}. Đây là lỗi của add-in: vui lòng báo lại kèm tệp.`,
  invalid_sheet_name: (d) =>
    `Tên trang "${d.sheet ?? ""}" không dùng được trong Excel (tối đa 31 ký tự, không có [ ] : * ? / \\, không trùng trang khác). Hãy chọn tên khác.`,
  cell_protected: (d) =>
    `Ô${where(d, "vi")} đang được khoá bảo vệ nên không ghi được. Bỏ bảo vệ trang (Review > Unprotect Sheet) hoặc ghi vào ô nhập liệu.`,
  api_not_supported: (d) =>
    `Phiên bản Excel này chưa có chức năng add-in cần${d.errorLocation !== undefined ? ` (${d.errorLocation})` : ""}${where(d, "vi")}. Hãy cập nhật Excel (Tệp > Tài khoản > Tùy chọn cập nhật) hoặc dùng Excel trên web.`,
  host_error: (d) =>
    `Excel báo lỗi${d.hostCode !== undefined ? ` (${d.hostCode})` : ""}${where(d, "vi")}. Thử lại; nếu vẫn lỗi, lưu tệp, mở lại Excel rồi thử lần nữa.`,
};

const en: Record<PortErrorCode, (d: Detail) => string> = {
  sheet_edited: (d) =>
    `Sheet "${d.sheet ?? ""}", made by the add-in, was edited by hand inside the area the add-in writes (cells ${listed(d, (n) => ` and ${n} more`)}). Rebuilding would overwrite those cells. Copy what you want to keep outside the table (or to another sheet) and run again, or choose "Rebuild anyway" to overwrite them.`,
  sheet_not_found: (d) =>
    `Sheet ${d.sheet !== undefined ? `"${d.sheet}" ` : ""}was not found. It may have been deleted or renamed: check the sheet name, or create it again with the add-in.`,
  sheet_not_owned: (d) =>
    `Sheet "${d.sheet ?? ""}" was made by a user, not by the add-in, so the add-in will not overwrite or delete it. Rename that sheet (or move its content) and run again.`,
  cell_edit_mode: () =>
    "Excel is editing a cell and cannot take commands. Press Enter or Esc to finish editing the cell, then try again.",
  request_too_large: (d) =>
    `The data written at once is larger than Excel allows${where(d, "en")}. Split the table or use desktop Excel.`,
  invalid_range: (d) =>
    `Invalid cell or range address${where(d, "en")}. This is a bug in the add-in: please report it with the file.`,
  invalid_sheet_name: (d) =>
    `Sheet name "${d.sheet ?? ""}" cannot be used in Excel (at most 31 characters, none of [ ] : * ? / \\, not the name of another sheet). Choose another name.`,
  cell_protected: (d) =>
    `Cell${where(d, "en")} is protected and cannot be written. Unprotect the sheet (Review > Unprotect Sheet) or write in an entry cell.`,
  api_not_supported: (d) =>
    `This version of Excel lacks a feature the add-in needs${d.errorLocation !== undefined ? ` (${d.errorLocation})` : ""}${where(d, "en")}. Update Excel (File > Account > Update Options) or use Excel on the web.`,
  host_error: (d) =>
    `Excel reported an error${d.hostCode !== undefined ? ` (${d.hostCode})` : ""}${where(d, "en")}. Try again; if it persists, save the file, restart Excel and retry.`,
};

/** The user-facing text of a port error (by code and detail) in the given locale. */
export function portErrorMessage(
  code: PortErrorCode,
  detail: PortErrorDetail,
  locale: Locale
): string {
  return (locale === "vi" ? vi : en)[code](detail);
}
