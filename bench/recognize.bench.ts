/**
 * Recogniser on 3,321 units (the number of communes in Vietnam) × 100 indicators:
 * a summary (rows = units, 100 index columns) and the DTI entry matrix (100 rows × 3,321 × 3 columns).
 */
import { a1 } from "../src/engine/address";
import type { CellValue, Grid } from "../src/engine/model/types";
import { getProfile } from "../src/engine/profiles";
import { recognize } from "../src/engine/recognize";
import type { BenchFigure } from "./run";
import { medianMs } from "./measure";

const UNITS = 3321;
const INDICATORS = 100;

function score(u: number, i: number): number {
  return ((u * 31 + i * 17) % 21) / 2;
}

function summaryGrid(): Grid {
  const header: CellValue[] = ["STT", "Tên cơ quan, đơn vị", "Nhóm"];
  for (let i = 1; i <= INDICATORS; i++) header.push(`${i}. Chỉ số ${i} (10)`);
  const values: CellValue[][] = [["KẾT QUẢ"], [], header];
  for (let u = 0; u < UNITS; u++) {
    const row: CellValue[] = [
      u + 1,
      `UBND xã ${u + 1}`,
      u % 2 === 0 ? "Sở, ban, ngành" : "Cấp huyện",
    ];
    for (let i = 0; i < INDICATORS; i++) row.push(score(u, i));
    values.push(row);
  }
  return { sheet: "Tổng hợp", originRow: 1, originCol: 1, values };
}

function matrixGrid(): Grid {
  const width = 4 + UNITS * 3;
  const header: CellValue[] = new Array<CellValue>(width).fill(null);
  const sub: CellValue[] = new Array<CellValue>(width).fill(null);
  ["Mã", "Tên chỉ số", "Điểm tối đa", "Cấp"].forEach((h, i) => (header[i] = h));
  const merges: string[] = [];
  for (let u = 0; u < UNITS; u++) {
    const c = 4 + u * 3;
    header[c] = `UBND xã ${u + 1}`;
    sub[c] = "Tự đánh giá";
    sub[c + 1] = "Thẩm định";
    sub[c + 2] = "Tài liệu kiểm chứng";
    merges.push(`${a1(4, c + 1)}:${a1(4, c + 3)}`);
  }
  const values: CellValue[][] = [["NHẬP ĐIỂM"], ["Bộ chỉ số"], [], header, sub];
  // 10 main indices × 9 components = 100 rows.
  for (let m = 1; m <= 10; m++) {
    for (let k = 0; k <= 9; k++) {
      const code = k === 0 ? String(m) : `${m}.${k}`;
      const row: CellValue[] = new Array<CellValue>(width).fill(null);
      row[0] = code;
      row[1] = `Chỉ số ${code}`;
      row[2] = k === 0 ? 90 : 10;
      row[3] = k === 0 ? "Chỉ số chính" : "Chỉ số thành phần";
      if (k > 0) {
        for (let u = 0; u < UNITS; u++) {
          row[4 + u * 3] = score(u, m * 10 + k);
          row[5 + u * 3] = score(u, m * 10 + k);
          row[6 + u * 3] = "QĐ 1";
        }
      }
      values.push(row);
    }
  }
  return { sheet: "Nhập điểm", originRow: 1, originCol: 1, values, merges };
}

export default function bench(): Promise<BenchFigure[]> {
  const profile = getProfile("sonla-2024");
  const summary = summaryGrid();
  const matrix = matrixGrid();
  const check = (g: Grid, units: number): void => {
    const r = recognize([g], profile);
    if (!r.ok || r.value.units.length !== units)
      throw new Error(`bench grid not recognised: ${g.sheet}`);
  };
  check(summary, UNITS);
  check(matrix, UNITS);
  return Promise.resolve([
    {
      name: "recognize: summary 3,321 units × 100 main indices",
      medianMs: medianMs(() => void recognize([summary], profile), 7, 2),
      runs: 7,
    },
    {
      name: "recognize: entry matrix 100 indicators × 3,321 units × 3 cols",
      medianMs: medianMs(() => void recognize([matrix], profile), 5, 1),
      runs: 5,
    },
  ]);
}
