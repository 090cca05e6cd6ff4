/**
 * The DTI.* custom functions. Each is a one-line wrapper over the engine's `invoke`: all coercion,
 * defaults and error values live in src/engine/functions. The metadata (functions.json) is generated
 * from this JSDoc by custom-functions-metadata (webpack.config.js); the associations are
 * DTI_FUNCTIONS below, registered by register.ts only where Excel's runtime exists (the metadata test
 * checks both lists are the same). Ids and parameter order are a public API: never reorder or
 * repurpose; add new functions instead. All are synchronous and non-volatile.
 */
import { invoke } from "../engine/functions";
import { toExcel, toExcelMatrix, type ExcelScalar } from "./excel-result";
import { registerFunctions } from "./register";

/**
 * Xếp loại theo điểm và thang xếp loại (mặc định thang Sơn La: Tốt ≥ 85%, Khá ≥ 70%, Trung bình ≥ 50%, Yếu).
 * @customfunction GRADE
 * @param points Điểm (tổng điểm) của đơn vị; ô trống = chưa nhập.
 * @param [max] Điểm tối đa áp dụng (bỏ trống: thang của bộ quy tắc, mặc định 100).
 * @param [scheme] Mã bộ quy tắc (ví dụ "sonla-2024") hoặc vùng các mức: ngưỡng %, tên mức, "incl"/"excl".
 * @returns Tên mức xếp loại.
 */
export function grade(points: unknown, max?: unknown, scheme?: unknown[][]): string | ExcelScalar {
  return toExcel(invoke("GRADE", [points, max, scheme]));
}

/**
 * Tỷ lệ điểm trên điểm tối đa, tính theo % (0 đến 100).
 * @customfunction PERCENT
 * @param points Điểm của đơn vị; ô trống = chưa nhập.
 * @param max Điểm tối đa áp dụng (lớn hơn 0).
 * @returns Tỷ lệ %.
 */
export function percent(points: unknown, max: unknown): number | ExcelScalar {
  return toExcel(invoke("PERCENT", [points, max]));
}

/**
 * Chỉ số 0..1 (điểm / điểm tối đa), như bảng xếp hạng DTI quốc gia.
 * @customfunction INDEX
 * @param points Điểm của đơn vị; ô trống = chưa nhập.
 * @param max Điểm tối đa áp dụng (lớn hơn 0).
 * @returns Chỉ số từ 0 đến 1.
 */
export function index(points: unknown, max: unknown): number | ExcelScalar {
  return toExcel(invoke("INDEX", [points, max]));
}

/**
 * Thứ hạng của đơn vị trong nhóm, từ cao xuống thấp; đồng điểm thì đồng hạng (1, 2, 2, 4).
 * @customfunction RANK
 * @param points Điểm của đơn vị cần xếp hạng.
 * @param allPoints Vùng điểm của tất cả đơn vị.
 * @param [groups] Vùng nhóm của các đơn vị (cùng kích thước với allPoints).
 * @param [group] Nhóm của đơn vị cần xếp hạng.
 * @param [policy] "competition" (1, 2, 2, 4; mặc định) hoặc "dense" (1, 2, 2, 3).
 * @returns Thứ hạng.
 */
export function rank(
  points: unknown,
  allPoints: unknown[][],
  groups?: unknown[][],
  group?: unknown,
  policy?: string
): number | ExcelScalar {
  return toExcel(invoke("RANK", [points, allPoints, groups, group, policy]));
}

/**
 * Số điểm còn thiếu để lên mức xếp loại cao hơn ("" khi đã ở mức cao nhất).
 * @customfunction GAP
 * @param points Điểm (tổng điểm) của đơn vị; ô trống = chưa nhập.
 * @param [max] Điểm tối đa áp dụng (bỏ trống: thang của bộ quy tắc, mặc định 100).
 * @param [scheme] Mã bộ quy tắc (ví dụ "sonla-2024") hoặc vùng các mức: ngưỡng %, tên mức, "incl"/"excl".
 * @returns Số điểm còn thiếu.
 */
export function gap(points: unknown, max?: unknown, scheme?: unknown[][]): number | ExcelScalar {
  return toExcel(invoke("GAP", [points, max, scheme]));
}

/**
 * Điểm theo tỷ lệ (quy tắc Sơn La cho đơn vị không có DVCTT): tổng điểm đạt / tổng điểm tối đa × điểm tối đa.
 * @customfunction PROPORTIONAL
 * @param actualRange Điểm đạt được của các chỉ số làm căn cứ.
 * @param maxRange Điểm tối đa của các chỉ số đó.
 * @param componentMax Điểm tối đa của chỉ số cần tính.
 * @returns Điểm theo tỷ lệ.
 */
export function proportional(
  actualRange: unknown[][],
  maxRange: unknown[][],
  componentMax: unknown
): number | ExcelScalar {
  return toExcel(invoke("PROPORTIONAL", [actualRange, maxRange, componentMax]));
}

/**
 * Điểm theo tỷ lệ a / b × điểm tối đa.
 * @customfunction RATIO
 * @param a Tử số a (số đạt được).
 * @param b Mẫu số b (tổng số).
 * @param max Điểm tối đa của chỉ số.
 * @returns Điểm.
 */
export function ratio(a: unknown, b: unknown, max: unknown): number | ExcelScalar {
  return toExcel(invoke("RATIO", [a, b, max]));
}

/**
 * Điểm theo bậc: điểm của ngưỡng cao nhất mà giá trị đạt tới; dưới mọi ngưỡng: 0.
 * @customfunction STEP
 * @param value Giá trị đạt được (ví dụ số cuộc họp trong năm).
 * @param thresholds Các ngưỡng (từ ... trở lên).
 * @param points Điểm tương ứng với từng ngưỡng.
 * @returns Điểm.
 */
export function step(
  value: unknown,
  thresholds: unknown[][],
  points: unknown[][]
): number | ExcelScalar {
  return toExcel(invoke("STEP", [value, thresholds, points]));
}

/**
 * Đọc số nhập kiểu Việt Nam ("8,5", "1.000,5"); #VALUE! nếu không rõ ("1.000" là 1000 hay 1?).
 * @customfunction NUMBER
 * @param text Số nhập dạng chữ.
 * @returns Con số.
 */
export function number(text: unknown): number | ExcelScalar {
  return toExcel(invoke("NUMBER", [text]));
}

/**
 * Kiểm tra một ô điểm: "" khi hợp lệ, nếu không là nội dung lỗi và cách sửa.
 * @customfunction CHECK
 * @param score Ô điểm cần kiểm tra.
 * @param max Điểm tối đa của chỉ số.
 * @param [evidence] Ô tài liệu kiểm chứng (nếu có: bắt buộc khi có điểm).
 * @returns Nội dung lỗi, hoặc "" khi hợp lệ.
 */
export function check(score: unknown, max: unknown, evidence?: unknown[][]): string | ExcelScalar {
  return toExcel(invoke("CHECK", [score, max, evidence]));
}

/**
 * Bảng xếp hạng (mảng động): hạng, đơn vị, điểm, %, xếp loại, sắp xếp theo hạng.
 * @customfunction TABLE
 * @param units Vùng tên đơn vị.
 * @param points Vùng điểm (cùng kích thước).
 * @param [groups] Vùng nhóm: xếp hạng trong từng nhóm.
 * @param [max] Điểm tối đa: một số hoặc một vùng theo từng đơn vị.
 * @param [scheme] Mã bộ quy tắc (ví dụ "sonla-2024") hoặc vùng các mức: ngưỡng %, tên mức, "incl"/"excl".
 * @returns Bảng xếp hạng.
 */
export function table(
  units: unknown[][],
  points: unknown[][],
  groups?: unknown[][],
  max?: unknown[][],
  scheme?: unknown[][]
): unknown[][] {
  return toExcelMatrix(invoke("TABLE", [units, points, groups, max, scheme]));
}

/** Id → implementation, as Excel associates them (same order as functions.json). */
export const DTI_FUNCTIONS = {
  GRADE: grade,
  PERCENT: percent,
  INDEX: index,
  RANK: rank,
  GAP: gap,
  PROPORTIONAL: proportional,
  RATIO: ratio,
  STEP: step,
  NUMBER: number,
  CHECK: check,
  TABLE: table,
} as const;

registerFunctions(DTI_FUNCTIONS);
