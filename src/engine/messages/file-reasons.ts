/**
 * Why a file could not be read, in Vietnamese and English (issue codes file_not_xlsx and
 * file_unreadable carry the reason as param "reason"; the CLI prints the same texts).
 * Params: file, sheet, ref, amount, limit.
 */
import type { IssueParams, Locale } from "../model/types";
import { txt } from "./params";

type Reason = (p: IssueParams) => string;

/** What the file really is, when it is not an .xlsx: [vi, en]. */
const KINDS: Readonly<Record<string, readonly [string, string]>> = {
  empty: ["tệp rỗng (0 byte)", "the file is empty (0 bytes)"],
  xls: ["đây là tệp Excel 97-2003 (.xls)", "it is an Excel 97-2003 (.xls) file"],
  encrypted: [
    "tệp được đặt mật khẩu mở; hãy gỡ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) trước",
    "it is protected with an opening password; remove it first (File › Info › Protect Workbook)",
  ],
  ods: [
    "đây là bảng tính OpenDocument (.ods, của LibreOffice/OpenOffice) bị đổi đuôi",
    "it is an OpenDocument spreadsheet (.ods, from LibreOffice/OpenOffice) renamed",
  ],
  docx: ["đây là tài liệu Word", "it is a Word document"],
  pptx: ["đây là bản trình chiếu PowerPoint", "it is a PowerPoint presentation"],
  xlsb: ["đây là sổ tính nhị phân Excel (.xlsb)", "it is an Excel binary workbook (.xlsb)"],
  pdf: ["đây là tệp PDF", "it is a PDF file"],
  html: [
    'đây là trang web (HTML), thường là tệp "xls" xuất từ một phần mềm trên mạng',
    'it is a web page (HTML), often an "xls" exported by a web application',
  ],
  text: ["đây là tệp văn bản (CSV hoặc TXT)", "it is a text file (CSV or TXT)"],
  zip_not_workbook: [
    "đây là tệp nén zip không chứa sổ tính",
    "it is a zip archive with no workbook inside",
  ],
  corrupt: [
    "tệp bị hỏng hoặc tải về chưa hết",
    "the file is damaged or was not downloaded completely",
  ],
};

const n = (p: IssueParams, k: string, locale: Locale): string => {
  const v = p[k];
  return typeof v === "number" ? v.toLocaleString(locale === "vi" ? "vi-VN" : "en-US") : "";
};

const VI: Readonly<Record<string, Reason>> = {
  file_not_found: (p) => `Không tìm thấy tệp "${txt(p, "file")}": kiểm tra đường dẫn và tên tệp.`,
  directory: (p) => `"${txt(p, "file")}" là một thư mục, không phải tệp .xlsx: hãy chỉ tới tệp.`,
  unreadable: (p) => `Không đọc được tệp "${txt(p, "file")}": kiểm tra quyền đọc tệp.`,
  inflated_too_large: (p) =>
    `Tệp "${txt(p, "file")}" khi giải nén lớn hơn ${n(p, "limit", "vi")} MB, vượt giới hạn đọc: xoá các trang, ảnh hoặc dữ liệu không dùng, hoặc tách thành nhiều tệp.`,
  too_many_cells: (p) =>
    `Tệp "${txt(p, "file")}" có hơn ${n(p, "limit", "vi")} ô, vượt giới hạn đọc: xoá các trang không dùng hoặc tách thành nhiều tệp.`,
  beyond_limits: (p) =>
    `Trang "${txt(p, "sheet")}" của tệp "${txt(p, "file")}" có ô ngoài giới hạn của Excel (${txt(p, "ref")}; tối đa 1.048.576 dòng × 16.384 cột): tệp không do Excel tạo hoặc đã bị sửa. Hãy mở bằng Excel và lưu lại.`,
  merge_too_large: (p) =>
    `Trang "${txt(p, "sheet")}" của tệp "${txt(p, "file")}" có vùng gộp ô ${txt(p, "ref")} phủ ${n(p, "amount", "vi")} ô: hãy bỏ gộp (Trang đầu › Gộp và Căn giữa) rồi lưu lại.`,
  sheet_too_sparse: (p) =>
    `Trang "${txt(p, "sheet")}" của tệp "${txt(p, "file")}" có vùng đã dùng kéo tới ô ${txt(p, "ref")} (${n(p, "amount", "vi")} ô) mà hầu như trống: hãy xoá nội dung lạc ở ${txt(p, "ref")} rồi lưu lại.`,
  exceljs_failed: (p) =>
    `Không đọc được cấu trúc bên trong tệp "${txt(p, "file")}": hãy mở bằng Excel, lưu lại dưới dạng .xlsx rồi thử lại.`,
};

const EN: Readonly<Record<string, Reason>> = {
  file_not_found: (p) => `File not found: "${txt(p, "file")}": check the path and the file name.`,
  directory: (p) => `"${txt(p, "file")}" is a folder, not an .xlsx file: name the file.`,
  unreadable: (p) => `Cannot read "${txt(p, "file")}": check that the file can be read.`,
  inflated_too_large: (p) =>
    `"${txt(p, "file")}" unzips to more than ${n(p, "limit", "en")} MB, over the reading limit: remove unused sheets, pictures or data, or split the file.`,
  too_many_cells: (p) =>
    `"${txt(p, "file")}" holds more than ${n(p, "limit", "en")} cells, over the reading limit: remove unused sheets or split the file.`,
  beyond_limits: (p) =>
    `Sheet "${txt(p, "sheet")}" of "${txt(p, "file")}" has a cell beyond Excel's limits (${txt(p, "ref")}; at most 1,048,576 rows × 16,384 columns): the file was not made by Excel or was altered. Open it in Excel and save it again.`,
  merge_too_large: (p) =>
    `Sheet "${txt(p, "sheet")}" of "${txt(p, "file")}" has a merged range ${txt(p, "ref")} covering ${n(p, "amount", "en")} cells: unmerge it (Home › Merge & Center) and save again.`,
  sheet_too_sparse: (p) =>
    `Sheet "${txt(p, "sheet")}" of "${txt(p, "file")}" has a used range reaching ${txt(p, "ref")} (${n(p, "amount", "en")} cells) that is nearly empty: delete the stray content at ${txt(p, "ref")} and save again.`,
  exceljs_failed: (p) =>
    `The inside of "${txt(p, "file")}" cannot be read: open it in Excel, save it again as .xlsx and retry.`,
};

/** Is this reason a "the file is something else" one (issue file_not_xlsx)? */
export function isKindReason(reason: string): boolean {
  return reason in KINDS;
}

/** The text of a reason, with what the file really is and how to fix it. */
export function fileReasonText(p: IssueParams, locale: Locale): string {
  const reason = txt(p, "reason");
  const file = txt(p, "file");
  const kind = KINDS[reason];
  if (kind !== undefined || reason === "" || reason === "not_xlsx") {
    const what = kind === undefined ? "" : `: ${kind[locale === "vi" ? 0 : 1]}`;
    return locale === "vi"
      ? `Tệp "${file}" không phải sổ tính Excel .xlsx${what}. Hãy mở bằng Excel (hoặc LibreOffice), lưu dưới dạng "Sổ làm việc Excel (.xlsx)" rồi thử lại.`
      : `"${file}" is not an Excel .xlsx workbook${what}. Open it in Excel (or LibreOffice), save it as "Excel Workbook (.xlsx)" and try again.`;
  }
  const table = locale === "vi" ? VI : EN;
  const f = table[reason] ?? table["exceljs_failed"];
  return f ? f(p) : reason;
}
