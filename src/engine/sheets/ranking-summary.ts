/**
 * The summary block below a ranked table: counts per grade, average, the leaders and the last
 * units (every unit sharing the boundary rank is listed: a tie is never cut), last year.
 */
import { a1, columnLetters } from "../address";
import type { GroupResult, IndicatorSet, UnitResult } from "../model/types";
import type { RankingColumns } from "./ranking-columns";
import {
  BLANK,
  HEADER_STYLE,
  PERCENT_FORMAT,
  POINTS_FORMAT,
  formula,
  formulaString,
  num,
  text,
} from "./sheet-cells";
import type { RangeStyle, SpecCell } from "./spec";
import type { LastYearRanking, YearOverYearMatch } from "./year-over-year";

/** A boundary list: the units, and the rank shared across the boundary (null: no tie is cut). */
interface BoundaryList {
  readonly units: readonly UnitResult[];
  readonly tiedRank: number | null;
}

/**
 * The first `n` ranked units (rank order), plus every later unit with the rank of the n-th
 * (issue 13 item 3: a unit ranked 5th is never left out while another 5th is listed).
 */
function leaders(ranked: readonly UnitResult[], n: number): BoundaryList {
  if (ranked.length <= n) return { units: ranked, tiedRank: null };
  const boundary = ranked[n - 1]?.rank ?? null;
  const units = ranked.filter((u, i) => i < n || (boundary !== null && u.rank === boundary));
  return { units, tiedRank: units.length > n ? boundary : null };
}

/** The last `n` ranked units, plus every earlier unit sharing the rank of the first of them. */
function trailers(ranked: readonly UnitResult[], n: number): BoundaryList {
  if (ranked.length <= n) return { units: ranked, tiedRank: null };
  const from = ranked.length - n;
  const boundary = ranked[from]?.rank ?? null;
  const units = ranked.filter((u, i) => i >= from || (boundary !== null && u.rank === boundary));
  return { units, tiedRank: units.length > n ? boundary : null };
}

function listTitle(what: "dẫn đầu" | "cuối bảng", n: number, list: BoundaryList): string {
  if (list.tiedRank === null) return `${n} đơn vị ${what} (lúc lập bảng)`;
  return `${list.units.length} đơn vị ${what} (lúc lập bảng; ${n} đơn vị, thêm các đơn vị đồng hạng ${list.tiedRank})`;
}

/** What the summary needs of the group sheet being built. */
interface SummaryGroupInput {
  readonly set: IndicatorSet;
  readonly group: GroupResult;
  readonly options: { readonly lastYear?: LastYearRanking | undefined };
  readonly yoy: YearOverYearMatch | null;
}

interface SummaryInput {
  readonly input: SummaryGroupInput;
  readonly cols: RankingColumns;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly startRow: number;
  readonly startCol: number;
}

/** The summary below a ranked table: counts per grade, average, top 5, bottom 3, last year. */
export function summaryBlock(s: SummaryInput): {
  blocks: { address: string; rows: SpecCell[][] }[];
  styles: RangeStyle[];
  endRow: number;
} {
  const { input, cols, firstRow, lastRow, startRow, startCol } = s;
  const units = input.group.units;
  const scheme = input.set.profile.gradeScheme;
  const colL = (c: number) => columnLetters(c);
  const totalRange = `$${colL(cols.total)}$${firstRow}:$${colL(cols.total)}$${lastRow}`;
  const rows: SpecCell[][] = [];
  const styles: RangeStyle[] = [];
  const headerRows: number[] = [];
  const row0 = startRow;
  const push = (r: SpecCell[], isHeader = false) => {
    if (isHeader) headerRows.push(row0 + rows.length);
    rows.push([...r, ...Array<SpecCell>(Math.max(0, 3 - r.length)).fill(BLANK)]);
  };
  push([text("Tổng hợp"), BLANK, BLANK], true);
  const totals = units.map((u) => u.totalPoints).filter((t): t is number => t !== null);
  push([text("Số đơn vị có tổng điểm"), formula(`COUNT(${totalRange})`, totals.length)]);
  const provisional = units.filter((u) => u.provisional).length;
  if (provisional > 0) push([text("Tổng điểm tạm tính (xem cột Ghi chú)"), num(provisional)]);
  if (scheme !== null && cols.grade !== null) {
    const gradeRange = `$${colL(cols.grade)}$${firstRow}:$${colL(cols.grade)}$${lastRow}`;
    for (const band of scheme.bands) {
      const count = units.filter(
        (u) => u.grade.kind === "band" && u.grade.label === band.label
      ).length;
      push([
        text(`Xếp loại ${band.label}`),
        formula(`COUNTIF(${gradeRange},${formulaString(band.label)})`, count),
      ]);
    }
  }
  const avg = totals.length > 0 ? totals.reduce((a, b) => a + b, 0) / totals.length : null;
  const pointRows: number[] = [];
  const avgRow = row0 + rows.length;
  pointRows.push(avgRow);
  push([
    text("Điểm trung bình"),
    formula(`IF(COUNT(${totalRange})=0,"",AVERAGE(${totalRange}))`, avg),
  ]);
  const ly = input.options.lastYear;
  const lastAvg = input.yoy === null ? null : input.yoy.lastYearAverage;
  const lastLabel = ly?.year != null ? ` năm ${ly.year}` : " năm trước";
  if (lastAvg !== null && input.yoy !== null && !input.yoy.comparePercent) {
    const lastAvgRow = row0 + rows.length;
    pointRows.push(lastAvgRow, lastAvgRow + 1);
    push([text(`Điểm trung bình${lastLabel} (các đơn vị khớp)`), num(lastAvg)]);
    const avgRef = a1(avgRow, startCol + 1);
    const lastRef = a1(lastAvgRow, startCol + 1);
    push([
      text("Chênh lệch so với năm trước"),
      formula(`IF(${avgRef}="","",${avgRef}-${lastRef})`, avg !== null ? avg - lastAvg : null),
    ]);
  } else if (lastAvg !== null && input.yoy !== null) {
    styles.push({
      range: a1(row0 + rows.length, startCol + 1),
      style: { numberFormat: PERCENT_FORMAT },
    });
    push([text(`Tỷ lệ % trung bình${lastLabel} (thang điểm khác)`), num(lastAvg)]);
  }
  push([]);
  const ranked = units.filter((u) => u.totalPoints !== null && u.rank !== null);
  const top = leaders(ranked, 5);
  push([text(listTitle("dẫn đầu", 5, top)), text("Tổng điểm"), text("Hạng")], true);
  const topStart = row0 + rows.length;
  for (const u of top.units) push([text(u.unitName), num(u.totalPoints), num(u.rank)]);
  const topEnd = row0 + rows.length - 1;
  push([]);
  const bottom = trailers(ranked, 3);
  push([text(listTitle("cuối bảng", 3, bottom)), text("Tổng điểm"), text("Hạng")], true);
  const bottomStart = row0 + rows.length;
  for (const u of bottom.units) push([text(u.unitName), num(u.totalPoints), num(u.rank)]);
  const bottomEnd = row0 + rows.length - 1;
  if (
    input.yoy !== null &&
    (input.yoy.unmatchedLastYear.length > 0 || input.yoy.unmatchedCurrent.length > 0)
  ) {
    push([]);
    push([text("Không khớp được với năm trước"), text("Ghi chú"), BLANK], true);
    for (const u of input.yoy.unmatchedCurrent)
      push([text(u.unitName), text("Có năm nay, không tìm thấy năm trước")]);
    for (const u of input.yoy.unmatchedLastYear)
      push([text(u.name), text("Có năm trước, không tìm thấy năm nay")]);
  }
  const endRow = row0 + rows.length - 1;
  const c0 = colL(startCol);
  const c1 = colL(startCol + 1);
  const c2 = colL(startCol + 2);
  for (const h of headerRows) styles.push({ range: `${c0}${h}:${c2}${h}`, style: HEADER_STYLE });
  for (const r of pointRows)
    styles.push({ range: `${c1}${r}`, style: { numberFormat: POINTS_FORMAT } });
  if (topEnd >= topStart)
    styles.push({
      range: `${c1}${topStart}:${c1}${topEnd}`,
      style: { numberFormat: POINTS_FORMAT },
    });
  if (bottomEnd >= bottomStart)
    styles.push({
      range: `${c1}${bottomStart}:${c1}${bottomEnd}`,
      style: { numberFormat: POINTS_FORMAT },
    });
  return { blocks: [{ address: a1(row0, startCol), rows }], styles, endRow };
}
