/**
 * The decision's appendix ("Phụ lục"), one print-ready sheet per ranking group: the heading with the
 * decision's number and date, the ranked table in the decree's usual columns (STT, Tên cơ quan, đơn
 * vị, main indices, Tổng điểm, Tỷ lệ %, Xếp hạng, Xếp loại, Ghi chú), counts per grade, notes on
 * provisional units and a signature block; A4 fit to width, header rows repeated on every page.
 *
 * The appendix is what gets signed: its figures are the values at the time it was made (stated on
 * the sheet), while the "XH - …" sheets stay the live, recalculating tables.
 */
import { a1, columnLetters } from "../address";
import { gradeText } from "../grade";
import type { IndicatorSet, Ranking, Recognized } from "../model/types";
import { indexEntries, mainIndicesOf } from "./main-index-links";
import { provisionalNote } from "./provisional-note";
import { SheetNamer } from "./ranking-sheets";
import { BLANK, HEADER_STYLE, POINTS_FORMAT, num, text } from "./sheet-cells";
import type { CellStyle, RangeStyle, SheetSpec, SpecCell } from "./spec";

export const APPENDIX_ROLE = "appendix";
const APPENDIX_SHEET_PREFIX = "Phụ lục - ";
/** Row of the table's header (rows 1-4: heading, row 5 blank). */
const APPENDIX_HEADER_ROW = 6;

/** The decision the appendix goes with. */
export interface AppendixDecision {
  /** "125/QĐ-UBND" */
  readonly number: string;
  /** "15/3/2025"; null: left for the signer to fill ("ngày … tháng … năm …"). */
  readonly date: string | null;
  /** "UBND tỉnh Sơn La" */
  readonly issuer: string;
}

interface AppendixOptions {
  /** Default: the set's source decision from the profile (until the workbook's rules name one). */
  readonly decision?: AppendixDecision;
  readonly year?: number;
  /** Group ids (default: every ranked group). */
  readonly groups?: readonly string[];
  readonly namer?: SheetNamer;
  /** The ranked sheet of each group, named in the note under the table. */
  readonly sheetByGroup?: Readonly<Record<string, string>>;
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/** The decision by default: the profile's source decision (number, year, issuer). */
function defaultDecision(set: IndicatorSet): AppendixDecision {
  const s = set.profile.source;
  return { number: s.decision, date: null, issuer: s.issuer };
}

/** "(Kèm theo Quyết định số 125/QĐ-UBND ngày 15/3/2025 của UBND tỉnh Sơn La)" */
function decisionLine(d: AppendixDecision): string {
  const date = d.date !== null && d.date.trim() !== "" ? d.date.trim() : "…/…/……";
  return `(Kèm theo Quyết định số ${d.number} ngày ${date} của ${d.issuer})`;
}

const BORDER: CellStyle = { border: "thin" };

/** One appendix sheet per ranked group. */
export function appendixSheetSpecs(
  set: IndicatorSet,
  data: Recognized,
  ranking: Ranking,
  options: AppendixOptions = {}
): SheetSpec[] {
  const namer = options.namer ?? new SheetNamer([]);
  const decision = options.decision ?? defaultDecision(set);
  const mains = mainIndicesOf(set);
  const entries = indexEntries(data);
  const scheme = set.profile.gradeScheme;
  const wanted = options.groups === undefined ? null : new Set(options.groups);
  const groups = ranking.groups.filter(
    (g) =>
      (wanted === null || wanted.has(g.groupId)) &&
      g.units.length > 0 &&
      g.units.some((u) => u.groupId !== null)
  );
  return groups.map((group, gi) => {
    const name = namer.pick(`${APPENDIX_SHEET_PREFIX}${group.name}`, APPENDIX_ROLE);
    const header: SpecCell[] = [text("STT"), text("Tên cơ quan, đơn vị")];
    for (const m of mains) header.push(text(`${m.code}. ${m.name} (${m.maxPoints ?? ""} điểm)`));
    header.push(text(`Tổng điểm (tối đa ${group.maxPoints})`), text("Tỷ lệ %"), text("Xếp hạng"));
    if (scheme !== null) header.push(text("Xếp loại"));
    header.push(text("Ghi chú"));
    const width = header.length;
    const lastCol = columnLetters(width);
    const first = APPENDIX_HEADER_ROW + 1;
    const notes: string[] = [];
    const rows: SpecCell[][] = group.units.map((u, i) => {
      const row: SpecCell[] = [num(i + 1), text(u.unitName)];
      for (const m of mains) row.push(num(u.mainIndices[m.code]?.points ?? null));
      row.push(num(u.totalPoints), num(u.percentOfMax), num(u.rank));
      if (scheme !== null) row.push(text(gradeText(u.grade) ?? ""));
      const note = provisionalNote(u, entries);
      if (note !== null) notes.push(`${u.unitName}: ${note}`);
      row.push(note !== null ? text(note) : BLANK);
      return row;
    });
    const last = first + rows.length - 1;
    const roman = ROMAN[gi] ?? String(gi + 1);
    const yearText = options.year !== undefined ? ` NĂM ${options.year}` : "";
    const blocks: { address: string; rows: SpecCell[][] }[] = [
      { address: "A1", rows: [[text(`PHỤ LỤC ${roman}`)]] },
      {
        address: "A2",
        rows: [
          [
            text(
              `KẾT QUẢ ĐÁNH GIÁ, XẾP HẠNG CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI)${yearText}: ${group.name.toUpperCase()}`
            ),
          ],
        ],
      },
      { address: "A3", rows: [[text(decisionLine(decision))]] },
      {
        address: "A4",
        rows: [
          [
            text(
              `Bộ chỉ số: ${set.profile.name}. Số liệu tại thời điểm lập phụ lục` +
                (options.sheetByGroup?.[group.groupId] !== undefined
                  ? ` (bảng tự tính lại: "${options.sheetByGroup[group.groupId]}").`
                  : ".")
            ),
          ],
        ],
      },
      { address: a1(APPENDIX_HEADER_ROW, 1), rows: [header] },
    ];
    if (rows.length > 0) blocks.push({ address: a1(first, 1), rows });
    // Below the table: grade counts, notes on provisional units, signature block.
    let r = last + 2;
    const below: { row: number; cells: SpecCell[] }[] = [];
    if (scheme !== null) {
      below.push({ row: r++, cells: [BLANK, text("Tổng hợp xếp loại")] });
      for (const band of scheme.bands) {
        const count = group.units.filter(
          (u) => u.grade.kind === "band" && u.grade.label === band.label
        ).length;
        below.push({ row: r++, cells: [BLANK, text(`Xếp loại ${band.label}`), num(count)] });
      }
      const ungraded = group.units.filter((u) => u.grade.kind !== "band").length;
      if (ungraded > 0)
        below.push({ row: r++, cells: [BLANK, text("Chưa xếp loại"), num(ungraded)] });
      r++;
    }
    if (notes.length > 0) {
      below.push({
        row: r++,
        cells: [BLANK, text(`Ghi chú: ${notes.length} đơn vị có kết quả tạm tính`)],
      });
      for (const n of notes) below.push({ row: r++, cells: [BLANK, text(`- ${n}`)] });
      r++;
    }
    // Signature block on the right half of the printed width.
    const signCol = Math.max(3, Math.ceil(width / 2) + 1);
    const signRows = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, ghi rõ họ tên, đóng dấu)"];
    const signStart = r;
    for (const s of signRows) below.push({ row: r++, cells: [text(s)] });
    for (const b of below)
      blocks.push({
        address: a1(b.row, b.cells.length === 1 ? signCol : 1),
        rows: [b.cells],
      });
    const signMerges = signRows.map(
      (_, k) => `${columnLetters(signCol)}${signStart + k}:${lastCol}${signStart + k}`
    );
    const styles: RangeStyle[] = [
      { range: `A1:${lastCol}1`, style: { bold: true, fontSize: 13, align: "center" } },
      { range: `A2:${lastCol}2`, style: { bold: true, fontSize: 12, align: "center", wrap: true } },
      { range: `A3:${lastCol}3`, style: { italic: true, align: "center" } },
      { range: `A4:${lastCol}4`, style: { italic: true, align: "center", wrap: true } },
      { range: `A${APPENDIX_HEADER_ROW}:${lastCol}${APPENDIX_HEADER_ROW}`, style: HEADER_STYLE },
      {
        range: `${columnLetters(signCol)}${signStart}:${lastCol}${signStart + 1}`,
        style: { bold: true, align: "center" },
      },
      {
        range: `${columnLetters(signCol)}${signStart + 2}:${lastCol}${signStart + 2}`,
        style: { italic: true, align: "center" },
      },
    ];
    if (rows.length > 0) {
      styles.push(
        { range: `A${first}:${lastCol}${last}`, style: BORDER },
        { range: `A${first}:A${last}`, style: { align: "center", border: "thin" } },
        {
          range: `${columnLetters(3)}${first}:${columnLetters(2 + mains.length + 1)}${last}`,
          style: { numberFormat: POINTS_FORMAT, border: "thin" },
        },
        {
          range: `${columnLetters(4 + mains.length)}${first}:${columnLetters(4 + mains.length)}${last}`,
          style: { numberFormat: "0.00", border: "thin" },
        },
        {
          range: `${columnLetters(5 + mains.length)}${first}:${columnLetters(width - 1)}${last}`,
          style: { align: "center", border: "thin" },
        },
        {
          range: `${lastCol}${first}:${lastCol}${last}`,
          style: { wrap: true, border: "thin" },
        }
      );
    }
    const columnWidths = [
      { col: "A", width: 5 },
      { col: "B", width: 34 },
      ...mains.map((_, k) => ({ col: columnLetters(3 + k), width: 11 })),
      { col: columnLetters(3 + mains.length), width: 10 },
      { col: columnLetters(4 + mains.length), width: 8 },
      { col: columnLetters(5 + mains.length), width: 8 },
      ...(scheme !== null ? [{ col: columnLetters(6 + mains.length), width: 11 }] : []),
      { col: lastCol, width: 22 },
    ];
    return {
      name,
      owned: true,
      role: APPENDIX_ROLE,
      blocks,
      styles,
      merges: [
        `A1:${lastCol}1`,
        `A2:${lastCol}2`,
        `A3:${lastCol}3`,
        `A4:${lastCol}4`,
        ...signMerges,
      ],
      columnWidths,
      // The wrapped header labels ("3. Hoạt động chuyển đổi số (40 điểm)") need up to four lines.
      rowHeights: [{ row: APPENDIX_HEADER_ROW, height: 64 }],
      pageSetup: {
        orientation: width > 9 ? "landscape" : "portrait",
        paper: "A4",
        fitToWidth: true,
        printTitleRows: `${APPENDIX_HEADER_ROW}:${APPENDIX_HEADER_ROW}`,
      },
    };
  });
}
