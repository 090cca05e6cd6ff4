/**
 * Over 400 lines: one ranked sheet's columns, formulas, styles and notes are built together so
 * their cell addresses agree.
 *
 * The ranked sheets of a decision's appendix, one per ranking group, as declarative SheetSpecs:
 * STT | Tên cơ quan, đơn vị | one column per main index | Tổng điểm | Tỷ lệ % | Xếp hạng | Xếp loại |
 * Điểm cần để lên loại kế tiếp | (last year) | Ghi chú. Totals, %, ranks, grades and gaps are native formulas (the twins of
 * the DTI.* functions), so the sheet recalculates without the add-in; each carries the engine's
 * value as `cached` so a file shows numbers before any recalculation.
 */
import { a1, columnLetters } from "../address";
import { withParams } from "../model/types";
import type {
  GroupResult,
  Indicator,
  IndicatorSet,
  Issue,
  Ranking,
  Recognized,
  Rounding,
  TiePolicy,
  UnitResult,
} from "../model/types";
import { gradeText } from "../grade";
import { gapFormula, gradeFormula, indexFormula, type BandRefs } from "./formulas";
import {
  canLinkToEntries,
  componentsByMain,
  indexEntries,
  mainIndexFormula,
  mainIndicesOf,
  rankWithPolicy,
  same,
  type EntryIndex,
} from "./main-index-links";
import { FIRST_DATA_ROW, HEADER_ROW, rankingColumns } from "./ranking-columns";
import { summaryBlock } from "./ranking-summary";
import {
  BLANK,
  BORDER,
  HEADER_STYLE,
  PERCENT_FORMAT,
  POINTS_FORMAT,
  formula,
  gradeColourFormats,
  num,
  text,
} from "./sheet-cells";
import type { ConditionalFormat, RangeStyle, SheetSpec, SpecCell } from "./spec";
import {
  type LastYearRanking,
  type LastYearUnit,
  type YearOverYearMatch,
  applyUnitMap,
  matchRankingLastYear,
} from "./year-over-year";
import { provisionalNote } from "./provisional-note";

// The pieces live in their own modules; importers of this file keep working.
export * from "./ranking-columns";
export * from "./sheet-cells";
export * from "./main-index-links";
export { provisionalNote } from "./provisional-note";

/** A main index that does not apply to the unit (rules sheet block 9). */
export const NOT_FOR_UNIT_TEXT = "Không áp dụng";

/** Excel's limit on sheet names. */
const SHEET_NAME_MAX = 31;
export const RANKING_ROLE = "ranking";
const RANKING_SHEET_PREFIX = "XH - ";

/** A sheet already in the workbook (from WorkbookPort.listSheets), so new names never collide. */
export interface ExistingSheet {
  readonly name: string;
  readonly owned: boolean;
  readonly role?: string;
}

interface RankingSheetOptions {
  /** Group ids to build (default: every group with units). */
  readonly groups?: readonly string[];
  /** Default: the ranking's tie policy. Only stated on the sheet; the ranking already applied it. */
  readonly tiePolicy?: TiePolicy;
  /** Default: the ranking's rounding. */
  readonly rounding?: Rounding;
  /** The assessment year shown in the title. */
  readonly year?: number;
  /** Last year's ranking: adds last year's total, rank, grade and the change. */
  readonly lastYear?: LastYearRanking;
  /** Sheets in the workbook: names of user sheets are never reused. */
  readonly existingSheets?: readonly ExistingSheet[];
  /** A namer shared with other generated sheets (default: a new one over existingSheets). */
  readonly namer?: SheetNamer;
  /**
   * Link main-index columns to the entry cells (default: true when the data came from the matrix
   * entry layout with cell addresses), else write values (summary / imported files).
   */
  readonly linkToEntries?: boolean;
  /** Where values came from when not linked, e.g. the imported file's name. */
  readonly sourceLabel?: string;
  /**
   * The rules sheet's band cells (parallel to the scheme's bands): grade and gap formulas read the
   * bounds from them, so a band changed in the rules sheet re-grades without the add-in.
   */
  readonly bandRefs?: BandRefs;
}

interface RankingSheetsResult {
  readonly specs: SheetSpec[];
  /** Issues raised while building (units of last year that did not match). */
  readonly issues: Issue[];
  /** Sheet name per group id. */
  readonly sheetByGroup: Readonly<Record<string, string>>;
  /** Cells whose formula could not reproduce the engine and hold the engine's value instead. */
  readonly valueFallbacks: number;
}

// ---------------------------------------------------------------------------------------------
// Sheet names
// ---------------------------------------------------------------------------------------------

const FORBIDDEN_IN_NAME = /[[\]:*?/\\]/g;

/** Cuts `s` to at most `n` characters, at a word boundary when one is not too far back. */
function cutAtWord(s: string, n: number): string {
  if (s.length <= n) return s;
  const cut = s.slice(0, n);
  const space = cut.lastIndexOf(" ");
  const out = s[n] !== " " && space >= Math.floor(n * 0.6) ? cut.slice(0, space) : cut;
  return out.replace(/[\s,;.-]+$/, "");
}

/** A legal sheet name: forbidden characters replaced, no leading/trailing quote, ≤ 31 characters. */
export function cleanSheetName(name: string): string {
  let s = name.replace(FORBIDDEN_IN_NAME, "-").replace(/\s+/g, " ").trim();
  s = s.replace(/^'+|'+$/g, "");
  s = cutAtWord(s, SHEET_NAME_MAX);
  return s === "" ? "Sheet" : s;
}

/**
 * Picks names for new owned sheets: a name is reused only when the sheet there is the add-in's own
 * with the same role (it will be replaced); user sheets and names already picked get " (2)", " (3)"….
 */
export class SheetNamer {
  private readonly taken = new Map<string, ExistingSheet>();
  private readonly picked = new Set<string>();

  constructor(existing: readonly ExistingSheet[] = []) {
    for (const s of existing) this.taken.set(s.name.toLowerCase(), s);
  }

  pick(wanted: string, role: string): string {
    const base = cleanSheetName(wanted);
    for (let n = 1; n < 1000; n++) {
      const suffix = n === 1 ? "" : ` (${n})`;
      const name = cleanSheetName(cutAtWord(base, SHEET_NAME_MAX - suffix.length) + suffix);
      const key = name.toLowerCase();
      if (this.picked.has(key)) continue;
      const there = this.taken.get(key);
      if (there !== undefined && !(there.owned && there.role === role)) continue;
      this.picked.add(key);
      return name;
    }
    throw new Error(`no free sheet name for ${wanted}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Texts (the appendix is Vietnamese; English in parentheses where a reader may need it)
// ---------------------------------------------------------------------------------------------

const TIE_TEXT: Readonly<Record<TiePolicy, string>> = {
  competition: "đồng điểm đồng hạng, bỏ qua hạng kế tiếp (1, 2, 2, 4)",
  dense: "đồng điểm đồng hạng, không bỏ hạng (1, 2, 2, 3)",
  "main-index-order": "đồng điểm xét lần lượt điểm các chỉ số chính",
};

function roundingText(r: Rounding): string {
  switch (r.stage) {
    case "display":
      return `chỉ làm tròn khi hiển thị (${r.decimals} chữ số); xếp loại, xếp hạng dùng điểm chưa làm tròn`;
    case "component":
      return `làm tròn điểm chỉ số thành phần (${r.decimals} chữ số) trước khi cộng`;
    case "main-index":
      return `làm tròn điểm chỉ số chính (${r.decimals} chữ số) trước khi cộng`;
    case "total":
      return `làm tròn tổng điểm (${r.decimals} chữ số) trước khi xếp loại, xếp hạng`;
  }
}

// ---------------------------------------------------------------------------------------------
// The group sheet
// ---------------------------------------------------------------------------------------------

function percentFraction(r: UnitResult): number | null {
  if (r.totalPoints === null || r.applicableMax <= 0) return null;
  return r.totalPoints / r.applicableMax;
}

/** The cached grade: the band, or the gap text the native formula also gives. */
function gradeLabel(r: UnitResult): string | null {
  return gradeText(r.grade);
}

/** Builds the ranked sheets (plus issues) for every group of the ranking. */
export function buildRankingSheets(
  set: IndicatorSet,
  data: Recognized,
  ranking: Ranking,
  options: RankingSheetOptions = {}
): RankingSheetsResult {
  const namer = options.namer ?? new SheetNamer(options.existingSheets ?? []);
  const mains = mainIndicesOf(set);
  const comps = componentsByMain(set);
  const entries = indexEntries(data);
  const link = options.linkToEntries ?? canLinkToEntries(data);
  const rounding = options.rounding ?? ranking.rounding;
  const tiePolicy = options.tiePolicy ?? ranking.tiePolicy;
  const wanted = options.groups === undefined ? null : new Set(options.groups);
  const specs: SheetSpec[] = [];
  const issues: Issue[] = [];
  const sheetByGroup: Record<string, string> = {};
  let fallbacks = 0;
  // Last year under this year's names: the rules sheet's unit map (renames, mergers: mean of the former units).
  const mapped =
    options.lastYear === undefined
      ? null
      : applyUnitMap(options.lastYear, set.profile.unitMap ?? []);
  if (mapped !== null) issues.push(...mapped.issues);
  const yoyByGroup = mapped === null ? null : matchRankingLastYear(ranking, mapped.ranking);
  for (const group of ranking.groups) {
    if (wanted !== null && !wanted.has(group.groupId)) continue;
    // Units without a group are not ranked (evaluate reports them): no sheet for them.
    if (group.units.length === 0 || group.units.every((u) => u.groupId === null)) continue;
    if (group.maxPoints <= 0 && group.units.every((u) => u.rank === null)) continue;
    const sheetName = namer.pick(`${RANKING_SHEET_PREFIX}${group.name}`, RANKING_ROLE);
    sheetByGroup[group.groupId] = sheetName;
    const yoy = yoyByGroup?.get(group.groupId) ?? null;
    if (yoy !== null) issues.push(...yoy.issues.map((i) => withParams(i, { sheet: sheetName })));
    const built = groupSheet({
      set,
      group,
      sheetName,
      mains,
      comps,
      entries,
      link,
      rounding,
      tiePolicy,
      options,
      yoy,
    });
    fallbacks += built.fallbacks;
    specs.push(built.spec);
  }
  return { specs, issues, sheetByGroup, valueFallbacks: fallbacks };
}

/** The ranked sheets: one SheetSpec per ranking group. */
export function rankingSheetSpecs(
  set: IndicatorSet,
  data: Recognized,
  ranking: Ranking,
  options: RankingSheetOptions = {}
): SheetSpec[] {
  return buildRankingSheets(set, data, ranking, options).specs;
}

interface GroupSheetInput {
  readonly set: IndicatorSet;
  readonly group: GroupResult;
  readonly sheetName: string;
  readonly mains: readonly Indicator[];
  readonly comps: ReadonlyMap<string, Indicator[]>;
  readonly entries: EntryIndex;
  readonly link: boolean;
  readonly rounding: Rounding;
  readonly tiePolicy: TiePolicy;
  readonly options: RankingSheetOptions;
  readonly yoy: YearOverYearMatch | null;
}

function subtitleLines(input: GroupSheetInput, fallbacks: number): [string, string] {
  const { set, group, options } = input;
  const p = set.profile;
  const src = p.source;
  const year = options.year ?? null;
  const line1 =
    `Bộ chỉ số: ${p.name}. Căn cứ: Quyết định ${src.decision} (${src.issuer}, ${src.year}).` +
    (year !== null ? ` Năm đánh giá: ${year}.` : "") +
    ` Thang điểm: ${p.scale}; điểm tối đa của nhóm: ${group.maxPoints}.`;
  const source = input.link
    ? "Điểm chỉ số chính là công thức trên sheet nhập điểm (tự tính lại khi sửa điểm)" +
      (fallbacks > 0
        ? `, trừ ${fallbacks} ô ghi giá trị do quy tắc chấm điểm không viết được thành công thức`
        : "")
    : `Điểm chỉ số chính là giá trị lấy từ ${options.sourceLabel ?? "bảng tổng hợp"} (không liên kết công thức)`;
  const line2 =
    `Xếp hạng: ${TIE_TEXT[input.tiePolicy]}. Làm tròn: ${roundingText(input.rounding)}. ` +
    `${source}. Tổng điểm, tỷ lệ, xếp hạng, xếp loại là công thức Excel.`;
  return [line1, line2];
}

function groupSheet(input: GroupSheetInput): { spec: SheetSpec; fallbacks: number } {
  const { set, group, sheetName, mains, comps, entries, rounding, tiePolicy, yoy } = input;
  const scheme = set.profile.gradeScheme;
  const cols = rankingColumns(mains.length, scheme !== null, yoy !== null);
  const n = group.units.length;
  const firstRow = FIRST_DATA_ROW;
  const lastRow = firstRow + n - 1;
  const colL = (c: number) => columnLetters(c);
  // Units not ranked (rules sheet block 7, or a group not ranked) sort last and stay out of the range.
  const rankedCount = group.units.filter((u) => u.rank !== null).length;
  const unrankedWithTotal = group.units.some((u) => u.rank === null && u.totalPoints !== null);
  const rankLast = unrankedWithTotal ? firstRow + Math.max(rankedCount, 1) - 1 : lastRow;
  const totalRange = `$${colL(cols.total)}$${firstRow}:$${colL(cols.total)}$${rankLast}`;
  let fallbacks = 0;

  const header: SpecCell[] = [text("STT"), text("Tên cơ quan, đơn vị")];
  for (const m of mains) header.push(text(`${m.code}. ${m.name}`));
  header.push(text("Tổng điểm"), text("Tỷ lệ %"), text("Xếp hạng"));
  if (scheme !== null) header.push(text("Xếp loại"), text("Điểm cần để lên loại kế tiếp"));
  const lastYearLabel =
    input.options.lastYear?.year != null ? ` ${input.options.lastYear.year}` : " năm trước";
  const comparePercent = yoy !== null && yoy.comparePercent;
  if (yoy !== null) {
    header.push(
      text(comparePercent ? `Tỷ lệ %${lastYearLabel}` : `Tổng điểm${lastYearLabel}`),
      text(`Xếp hạng${lastYearLabel}`),
      text(`Xếp loại${lastYearLabel}`),
      text(comparePercent ? "Thay đổi tỷ lệ %" : "Thay đổi điểm"),
      text("Thay đổi hạng (+ là tăng)")
    );
  }
  header.push(text("Ghi chú"));

  const rows: SpecCell[][] = [];
  group.units.forEach((u, i) => {
    const r = firstRow + i;
    const row: SpecCell[] = [num(i + 1), text(u.unitName)];
    for (const m of mains) {
      const res = u.mainIndices[m.code];
      if (res?.how.rule === "not-applicable-to-unit") {
        // Rules sheet block 9: not this unit's index (left out of its maximum too).
        row.push(text(NOT_FOR_UNIT_TEXT));
        continue;
      }
      const pts = res?.points ?? null;
      const linked = input.link
        ? mainIndexFormula(u, comps.get(m.code) ?? [], entries, "appraised-else-self", rounding)
        : null;
      if (linked !== null && (pts === null || (linked.value !== null && same(linked.value, pts)))) {
        row.push(formula(linked.formula, pts));
      } else {
        if (linked !== null) fallbacks += 1;
        row.push(num(pts));
      }
    }
    const totalRef = a1(r, cols.total);
    const maxLit = u.applicableMax;
    if (mains.length > 0) {
      const mainsRange = `${a1(r, cols.firstMain)}:${a1(r, cols.firstMain + mains.length - 1)}`;
      let f = `SUM(${mainsRange})`;
      if (rounding.stage === "total") f = `ROUND(${f},${rounding.decimals})`;
      // nothing entered at all: "" (not 0), so the unit is neither graded nor ranked
      f = `IF(COUNT(${mainsRange})=0,"",${f})`;
      row.push(formula(f, u.totalPoints));
    } else {
      row.push(num(u.totalPoints));
    }
    row.push(formula(indexFormula(totalRef, maxLit), percentFraction(u)));
    const mainRanges = mains.map((_, k) => {
      const c = colL(cols.firstMain + k);
      return { all: `$${c}$${firstRow}:$${c}$${rankLast}`, ref: a1(r, cols.firstMain + k) };
    });
    if (u.rank === null && u.totalPoints !== null) row.push(text("Không xếp hạng"));
    else row.push(formula(rankWithPolicy(totalRef, totalRange, tiePolicy, mainRanges), u.rank));
    if (scheme !== null) {
      const refs = input.options.bandRefs;
      // "% tối đa của nhóm" grades on the group's maximum, the other bases on the unit's own.
      const gradeMax = scheme.basis === "group-percent" ? (u.groupMax ?? maxLit) : maxLit;
      row.push(formula(gradeFormula(totalRef, gradeMax, scheme, refs), gradeLabel(u) ?? ""));
      row.push(formula(gapFormula(totalRef, gradeMax, scheme, refs), u.gapToNextBand ?? ""));
    }
    if (yoy !== null && cols.yoy !== null) {
      const last: LastYearUnit | undefined = yoy.byUnit.get(u.unitId);
      const lastTotalRef = a1(r, cols.yoy.total);
      const lastRankRef = a1(r, cols.yoy.rank);
      if (comparePercent) {
        row.push(num(last?.percentOfMax ?? null));
      } else {
        row.push(num(last?.totalPoints ?? null));
      }
      row.push(num(last?.rank ?? null));
      row.push(last?.grade != null ? text(last.grade) : BLANK);
      const now = comparePercent ? a1(r, cols.percent) : totalRef;
      const nowVal = comparePercent ? percentFraction(u) : u.totalPoints;
      const lastVal = comparePercent ? (last?.percentOfMax ?? null) : (last?.totalPoints ?? null);
      row.push(
        formula(
          `IF(OR(NOT(ISNUMBER(${lastTotalRef})),NOT(ISNUMBER(${now}))),"",${now}-${lastTotalRef})`,
          lastVal !== null && nowVal !== null ? nowVal - lastVal : ""
        )
      );
      const lastRank = last?.rank ?? null;
      // Only two ranks give a change: "Không xếp hạng" this year (block 7, a group not ranked) or no
      // rank last year (a merged unit, unranked then) leave it blank, never #VALUE! from text.
      const rankRef = a1(r, cols.rank);
      row.push(
        formula(
          `IF(OR(NOT(ISNUMBER(${lastRankRef})),NOT(ISNUMBER(${rankRef}))),"",${lastRankRef}-${rankRef})`,
          lastRank !== null && u.rank !== null ? lastRank - u.rank : ""
        )
      );
    }
    // Provisional results say so in words (issue 13 item 2), not by italics alone.
    const note = provisionalNote(u, entries);
    row.push(note !== null ? text(note) : BLANK);
    rows.push(row);
  });

  const lastCol = colL(cols.last);
  const [sub1, sub2] = subtitleLines(input, fallbacks);
  const title = `KẾT QUẢ XẾP HẠNG CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI)${
    input.options.year !== undefined ? ` NĂM ${input.options.year}` : ""
  }: ${group.name.toUpperCase()}`;

  const styles: RangeStyle[] = [
    { range: `A1:${lastCol}1`, style: { bold: true, fontSize: 14, align: "center" } },
    { range: `A2:${lastCol}3`, style: { italic: true, align: "center", wrap: true } },
    { range: `A${HEADER_ROW}:${lastCol}${HEADER_ROW}`, style: HEADER_STYLE },
    { range: `A${firstRow}:${lastCol}${lastRow}`, style: BORDER },
    { range: `A${firstRow}:A${lastRow}`, style: { align: "center", border: "thin" } },
    {
      range: `${colL(cols.note)}${firstRow}:${colL(cols.note)}${lastRow}`,
      style: { wrap: true, border: "thin" },
    },
    {
      range: `${colL(cols.firstMain)}${firstRow}:${colL(cols.total)}${lastRow}`,
      style: { numberFormat: POINTS_FORMAT, border: "thin" },
    },
    {
      range: `${colL(cols.percent)}${firstRow}:${colL(cols.percent)}${lastRow}`,
      style: { numberFormat: PERCENT_FORMAT, border: "thin" },
    },
    {
      range: `${colL(cols.rank)}${firstRow}:${colL(cols.rank)}${lastRow}`,
      style: { numberFormat: "0", align: "center", border: "thin" },
    },
  ];
  // A provisional unit's name in italics: one rule on the name column, true where the row's "Ghi
  // chú" holds a note (only provisional rows have one), not a style per unit, whose commands (one per
  // provisional row) grew a 3,321-unit ranking past one request.
  const noteTop = `$${colL(cols.note)}${firstRow}`;
  const conditionalFormats: ConditionalFormat[] = [
    {
      range: `B${firstRow}:B${lastRow}`,
      when: { kind: "formula", formula: `=LEN(${noteTop})>0` },
      style: { italic: true },
    },
  ];
  if (scheme !== null && cols.grade !== null && cols.gap !== null) {
    const gradeRange = `${colL(cols.grade)}${firstRow}:${colL(cols.grade)}${lastRow}`;
    styles.push(
      { range: gradeRange, style: { align: "center", border: "thin" } },
      {
        range: `${colL(cols.gap)}${firstRow}:${colL(cols.gap)}${lastRow}`,
        style: { numberFormat: POINTS_FORMAT, border: "thin" },
      }
    );
    conditionalFormats.push(...gradeColourFormats(gradeRange, scheme));
  }
  if (cols.yoy !== null) {
    const y = cols.yoy;
    const fmt = comparePercent ? PERCENT_FORMAT : POINTS_FORMAT;
    styles.push(
      {
        range: `${colL(y.total)}${firstRow}:${colL(y.total)}${lastRow}`,
        style: { numberFormat: fmt, border: "thin" },
      },
      {
        range: `${colL(y.change)}${firstRow}:${colL(y.change)}${lastRow}`,
        style: {
          numberFormat: comparePercent ? "+0.00%;-0.00%;0.00%" : "+0.00;-0.00;0.00",
          border: "thin",
        },
      }
    );
    for (const c of [y.change, y.rankChange]) {
      const rng = `${colL(c)}${firstRow}:${colL(c)}${lastRow}`;
      const top = `${colL(c)}${firstRow}`;
      conditionalFormats.push(
        {
          range: rng,
          when: { kind: "formula", formula: `=AND(ISNUMBER(${top}),${top}>0)` },
          style: { fontColor: "#006100" },
        },
        {
          range: rng,
          when: { kind: "formula", formula: `=AND(ISNUMBER(${top}),${top}<0)` },
          style: { fontColor: "#9C0006" },
        }
      );
    }
  }

  const summary = summaryBlock({
    input,
    cols,
    firstRow,
    lastRow,
    // Below the table, from column B: the printed width stays the table's (fit to width).
    startRow: lastRow + 3,
    startCol: 2,
  });
  styles.push(...summary.styles);

  const columnWidths: { col: string; width: number }[] = [
    { col: "A", width: 6 },
    { col: "B", width: 38 },
  ];
  for (let c = cols.firstMain; c < cols.note; c++) columnWidths.push({ col: colL(c), width: 13 });
  columnWidths.push({ col: colL(cols.note), width: 30 });

  const spec: SheetSpec = {
    name: sheetName,
    owned: true,
    role: RANKING_ROLE,
    blocks: [
      { address: "A1", rows: [[text(title)]] },
      { address: "A2", rows: [[text(sub1)], [text(sub2)]] },
      { address: a1(HEADER_ROW, 1), rows: [header] },
      { address: a1(firstRow, 1), rows },
      ...summary.blocks,
    ],
    styles,
    merges: [`A1:${lastCol}1`, `A2:${lastCol}2`, `A3:${lastCol}3`],
    columnWidths,
    freeze: { rows: HEADER_ROW, cols: 2 },
    conditionalFormats,
    charts: [
      {
        kind: "bar",
        title: `Tổng điểm: ${group.name}`,
        categories: `B${firstRow}:B${lastRow}`,
        values: `${colL(cols.total)}${firstRow}:${colL(cols.total)}${lastRow}`,
        anchor: a1(summary.endRow + 2, 2),
        widthCols: 8,
        heightRows: Math.max(15, Math.min(60, Math.ceil(n * 0.8))),
      },
    ],
    pageSetup: {
      orientation: "landscape",
      paper: "A4",
      fitToWidth: true,
      printTitleRows: `${HEADER_ROW}:${HEADER_ROW}`,
    },
  };
  return { spec, fallbacks };
}
