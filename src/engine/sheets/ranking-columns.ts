/** Where each column of a ranked sheet sits (1-based), shared with the summary, tests and the appendix. */

/** Row of the column headers; data starts on the next row. Rows 1-3: title, two subtitle lines. */
export const HEADER_ROW = 4;
export const FIRST_DATA_ROW = HEADER_ROW + 1;

/** The columns of a ranking sheet (1-based), shared with tests and the year-over-year block. */
export interface RankingColumns {
  readonly stt: number;
  readonly name: number;
  readonly firstMain: number;
  readonly mains: number;
  readonly total: number;
  readonly percent: number;
  readonly rank: number;
  readonly grade: number | null;
  readonly gap: number | null;
  /** Year over year: last total, last rank, last grade, change in points (or %), change in rank. */
  readonly yoy: null | {
    readonly total: number;
    readonly rank: number;
    readonly grade: number;
    readonly change: number;
    readonly rankChange: number;
  };
  /** "Ghi chú": why a unit's result is provisional, in words. */
  readonly note: number;
  readonly last: number;
}

export function rankingColumns(mains: number, graded: boolean, yoy: boolean): RankingColumns {
  const firstMain = 3;
  const total = firstMain + mains;
  const percent = total + 1;
  const rank = total + 2;
  const grade = graded ? total + 3 : null;
  const gap = graded ? total + 4 : null;
  let last = graded ? total + 4 : total + 2;
  let y: RankingColumns["yoy"] = null;
  if (yoy) {
    y = {
      total: last + 1,
      rank: last + 2,
      grade: last + 3,
      change: last + 4,
      rankChange: last + 5,
    };
    last += 5;
  }
  const note = last + 1;
  last = note;
  return {
    stt: 1,
    name: 2,
    firstMain,
    mains,
    total,
    percent,
    rank,
    grade,
    gap,
    yoy: y,
    note,
    last,
  };
}
