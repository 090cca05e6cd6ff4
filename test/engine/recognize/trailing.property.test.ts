/**
 * Property: a correct result table, plus any of the things real files carry around it (title rows, a
 * numbering row, group section rows, extra numeric columns that are not indices, a hidden column,
 * total and average rows, notes, signature blocks and dates under it), ranks exactly as the clean
 * table does, and raises no error the clean table does not.
 */
import fc from "fast-check";
import { evaluate, indicatorSetFromRecognized } from "../../../src/engine/evaluate";
import type { CellValue, Grid } from "../../../src/engine/model/types";
import { getProfile } from "../../../src/engine/profiles";
import { recognize } from "../../../src/engine/recognize";

const profile = getProfile("sonla-2024");
const AGENCIES = [
  "Sở Tài chính",
  "Sở Y tế",
  "Sở Nội vụ",
  "Ban Dân tộc",
  "Thanh tra tỉnh",
  "Văn phòng UBND tỉnh",
];
const DISTRICTS = [
  "UBND huyện Mộc Châu",
  "UBND huyện Mai Sơn",
  "UBND thành phố Sơn La",
  "UBND huyện Sốp Cộp",
];
const TRAILERS: readonly (readonly CellValue[])[] = [
  [null, "Ghi chú: điểm theo kết quả thẩm định."],
  [null, "(*) Đơn vị chưa gửi đủ tài liệu kiểm chứng."],
  [null, "Người lập biểu", null, "KT. GIÁM ĐỐC"],
  [null, null, null, "PHÓ GIÁM ĐỐC"],
  [null, "Nơi nhận:"],
  [null, "- Lưu: VT."],
  [null, "Sơn La, ngày 20 tháng 3 năm 2025"],
  [null, null, null, "(đã ký)"],
  [null, "Nguyễn Văn A", null, "Trần Thị B"],
];

interface Extras {
  readonly title: boolean;
  readonly numbering: boolean;
  readonly sections: boolean;
  readonly lastYear: boolean;
  readonly otherNumbers: boolean;
  readonly hidden: boolean;
  readonly totalRow: boolean;
  readonly blankBefore: boolean;
  readonly trailer: readonly number[];
}

function table(scores: readonly number[], x: Extras | null): Grid {
  const rows: CellValue[][] = [];
  if (x?.title) rows.push(["KẾT QUẢ XẾP HẠNG CHUYỂN ĐỔI SỐ NĂM 2024"], [], []);
  const head: CellValue[] = ["STT", "Tên cơ quan, đơn vị", "Nhóm"];
  if (x?.lastYear) head.push("Điểm năm 2023");
  if (x?.otherNumbers) head.push("Số TTHC");
  if (x?.hidden) head.push("Cột phụ");
  head.push("Tổng điểm");
  rows.push(head);
  if (x?.numbering) rows.push(head.map((_, i) => `(${i + 1})`));
  const hiddenCol = x?.hidden ? head.indexOf("Cột phụ") + 1 : null;
  const names = [...AGENCIES, ...DISTRICTS];
  names.forEach((name, i) => {
    const agency = i < AGENCIES.length;
    if (x?.sections && (i === 0 || i === AGENCIES.length))
      rows.push([agency ? "A" : "B", agency ? "KHỐI SỞ, BAN, NGÀNH" : "KHỐI HUYỆN, THÀNH PHỐ"]);
    const row: CellValue[] = [i + 1, name, agency ? "Sở, ban, ngành" : "UBND cấp huyện"];
    if (x?.lastYear) row.push(Math.round((scores[i] ?? 0) * 0.9 * 100) / 100);
    if (x?.otherNumbers) row.push(10 + i);
    if (x?.hidden) row.push(i * 3);
    row.push(scores[i] ?? 0);
    rows.push(row);
  });
  if (x?.totalRow) rows.push([null, "Tổng cộng", null, ...head.slice(3).map(() => 999)]);
  if (x !== null && x.trailer.length > 0) {
    if (x.blankBefore) rows.push([]);
    for (const t of x.trailer) rows.push([...(TRAILERS[t] ?? [])]);
  }
  const width = Math.max(...rows.map((r) => r.length));
  return {
    sheet: "KQ",
    originRow: 1,
    originCol: 1,
    values: rows.map((r) => [...r, ...new Array<CellValue>(width - r.length).fill(null)]),
    ...(hiddenCol !== null ? { hiddenCols: [hiddenCol] } : {}),
  };
}

function outcome(grid: Grid) {
  const rec = recognize([grid], profile);
  if (!rec.ok) return { refused: rec.issues.map((i) => i.code) };
  const ranking = evaluate(indicatorSetFromRecognized(profile, rec.value), rec.value);
  const units = ranking.groups
    .flatMap((g) =>
      g.units.map((u) => ({
        name: u.unitName,
        group: g.groupId,
        rank: u.rank,
        points: u.totalPoints,
        grade: u.grade,
      }))
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  const errors = [...rec.issues, ...ranking.issues]
    .filter((i) => i.severity === "error")
    .map((i) => i.code);
  return { units, errors };
}

it("extra rows and columns around a correct table never change its ranking", () => {
  const score = fc.integer({ min: 0, max: 10000 }).map((n) => n / 100);
  fc.assert(
    fc.property(
      fc.array(score, { minLength: 10, maxLength: 10 }),
      fc.record({
        title: fc.boolean(),
        numbering: fc.boolean(),
        sections: fc.boolean(),
        lastYear: fc.boolean(),
        otherNumbers: fc.boolean(),
        hidden: fc.boolean(),
        totalRow: fc.boolean(),
        blankBefore: fc.boolean(),
        trailer: fc.array(fc.integer({ min: 0, max: TRAILERS.length - 1 }), { maxLength: 6 }),
      }),
      (scores, extras) => {
        const clean = outcome(table(scores, null));
        expect(clean.units).toHaveLength(10);
        expect(outcome(table(scores, extras))).toEqual(clean);
      }
    ),
    { numRuns: 150 }
  );
});
