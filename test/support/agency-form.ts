/**
 * An agency's self-assessment form as provinces send it: a title row, "Đơn vị: <name>", the header
 * row, then one row an indicator (STT, name, maximum, self-assessed, appraised, evidence). The import,
 * progress, sync-count, pane and browser tests build their forms from this one shape.
 */
import ExcelJS from "exceljs";
import type { CellValue, Grid } from "../../src/engine/model/types";
import { SAMPLE_INDICATORS } from "../../src/engine/sample";

export const FORM_TITLE = "BIỂU TỰ ĐÁNH GIÁ CHỈ SỐ CHUYỂN ĐỔI SỐ";

export const FORM_HEADER: readonly CellValue[] = [
  "STT",
  "Tên chỉ số",
  "Điểm tối đa",
  "Điểm tự đánh giá",
  "Điểm thẩm định",
  "Tài liệu kiểm chứng",
];

/** One indicator row of a form. */
export interface FormLine {
  readonly code: string;
  readonly name: string;
  readonly max: number;
  readonly self?: CellValue | undefined;
  readonly evidence?: CellValue | undefined;
}

/** The form's rows (six columns each). */
export function formRows(
  unit: string,
  lines: readonly FormLine[],
  title: string = FORM_TITLE
): CellValue[][] {
  return [
    [title, null, null, null, null, null],
    [`Đơn vị: ${unit}`, null, null, null, null, null],
    [...FORM_HEADER],
    ...lines.map((l) => [l.code, l.name, l.max, l.self ?? null, null, l.evidence ?? null]),
  ];
}

/** The sample set's indicators as form lines: a score on components only, evidence where given. */
export function sampleFormLines(
  score: (code: string) => CellValue,
  evidence: (code: string) => CellValue = () => null
): FormLine[] {
  return SAMPLE_INDICATORS.map((ind) => {
    const component = ind.code.includes(".");
    return {
      code: ind.code,
      name: ind.name,
      max: ind.maxPoints,
      self: component ? score(ind.code) : null,
      evidence: evidence(ind.code),
    };
  });
}

/** The test fixtures' smallSet() indicators with the given self-assessed scores, in code order. */
export function smallFormLines(scores: readonly CellValue[], evidence11?: string): FormLine[] {
  return [
    { code: "1", name: "Nhận thức số", max: 40 },
    {
      code: "1.1",
      name: "Ban chỉ đạo chuyển đổi số",
      max: 20,
      self: scores[0],
      evidence: evidence11,
    },
    { code: "1.2", name: "Kế hoạch chuyển đổi số", max: 20, self: scores[1] },
    { code: "2", name: "Hạ tầng số", max: 60 },
    { code: "2.1", name: "Mạng LAN", max: 20, self: scores[2] },
    { code: "2.2", name: "Máy tính", max: 20, self: scores[3] },
    { code: "2.3", name: "Kết nối mạng TSLCD", max: 20, self: scores[4] },
  ];
}

/** The form as the grid a port reads from sheet "Phiếu". */
export function formGrid(rows: CellValue[][], merges?: readonly string[]): Grid {
  return {
    sheet: "Phiếu",
    originRow: 1,
    originCol: 1,
    values: rows,
    ...(merges ? { merges: [...merges] } : {}),
  };
}

/** The form as an .xlsx workbook (sheet "Phiếu") ExcelJS writes. */
export function formBook(rows: readonly CellValue[][]): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet("Phiếu");
  for (const row of rows) ws.addRow([...row]);
  return book;
}

/** The form as the bytes of the .xlsx an agency sends. */
export async function formBytes(rows: readonly CellValue[][]): Promise<ArrayBuffer> {
  return await formBook(rows).xlsx.writeBuffer();
}
