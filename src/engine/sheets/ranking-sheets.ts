/**
 * The ranked sheets of a decision's appendix, one per ranking group, as declarative SheetSpecs:
 * STT | Tên cơ quan, đơn vị | one column per main index | Tổng điểm | Tỷ lệ % | Xếp hạng | Xếp loại |
 * Điểm cần để lên loại kế tiếp. Totals, %, ranks, grades and gaps are native formulas (the twins of
 * the DTI.* functions), so the sheet recalculates without the add-in; each carries the engine's
 * value as `cached` so a file shows numbers before any recalculation.
 */
import { a1, columnLetters, quoteSheet } from "../address";
import type {
  GradeScheme,
  GroupResult,
  Indicator,
  IndicatorSet,
  Issue,
  Ranking,
  Recognized,
  Rounding,
  ScoreEntry,
  TiePolicy,
  UnitResult,
} from "../model/types";
import { roundTo } from "../numbers/round";
import { gradeText } from "../grade";
import { gapFormula, gradeFormula, indexFormula, rankFormula } from "./formulas";
import type { CellStyle, ConditionalFormat, RangeStyle, SheetSpec, SpecCell } from "./spec";
import {
  type LastYearRanking,
  type LastYearUnit,
  type YearOverYearMatch,
  matchRankingLastYear,
} from "./year-over-year";

/** Row of the column headers; data starts on the next row. Rows 1-3: title, two subtitle lines. */
export const HEADER_ROW = 4;
export const FIRST_DATA_ROW = HEADER_ROW + 1;
/** Excel's limit on sheet names. */
export const SHEET_NAME_MAX = 31;
export const RANKING_ROLE = "ranking";
export const RANKING_SHEET_PREFIX = "XH - ";

/** A sheet already in the workbook (from WorkbookPort.listSheets), so new names never collide. */
export interface ExistingSheet {
  readonly name: string;
  readonly owned: boolean;
  readonly role?: string;
}

export interface RankingSheetOptions {
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
}

export interface RankingSheetsResult {
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
export function cutAtWord(s: string, n: number): string {
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

export const TIE_TEXT: Readonly<Record<TiePolicy, string>> = {
  competition: "đồng điểm đồng hạng, bỏ qua hạng kế tiếp (1, 2, 2, 4)",
  dense: "đồng điểm đồng hạng, không bỏ hạng (1, 2, 2, 3)",
  "main-index-order": "đồng điểm xét lần lượt điểm các chỉ số chính",
};

export function roundingText(r: Rounding): string {
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
// Styles
// ---------------------------------------------------------------------------------------------

const HEADER_STYLE: CellStyle = {
  bold: true,
  fill: "#DDEBF7",
  align: "center",
  wrap: true,
  border: "thin",
};
const BORDER: CellStyle = { border: "thin" };
const POINTS_FORMAT = "0.00";
const PERCENT_FORMAT = "0.00%";

/** Fills for grade bands, best first; a scheme with more bands reuses the last. */
const BAND_FILLS: readonly { fill: string; fontColor: string }[] = [
  { fill: "#C6EFCE", fontColor: "#006100" },
  { fill: "#DDEBF7", fontColor: "#1F4E78" },
  { fill: "#FFEB9C", fontColor: "#9C5700" },
  { fill: "#FFC7CE", fontColor: "#9C0006" },
];

/** Conditional formats colouring each band's label in `range` (equals-text per band). */
export function gradeColourFormats(range: string, scheme: GradeScheme): ConditionalFormat[] {
  const n = scheme.bands.length;
  return scheme.bands.map((band, i) => {
    // Spread the palette over the bands: the top band green, the bottom one red.
    const idx = n <= 1 ? 0 : Math.round((i * (BAND_FILLS.length - 1)) / (n - 1));
    const colours = BAND_FILLS[idx] ?? BAND_FILLS[0]!;
    return {
      range,
      when: { kind: "equals-text", text: band.label },
      style: { fill: colours.fill, fontColor: colours.fontColor },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------------------------

export function text(value: string): SpecCell {
  return { kind: "text", value };
}
export function num(value: number | null | undefined): SpecCell {
  return value === null || value === undefined || !Number.isFinite(value)
    ? { kind: "blank" }
    : { kind: "number", value };
}
export function formula(f: string, cached?: number | string | null): SpecCell {
  const body = f.startsWith("=") ? f : `=${f}`;
  return cached === null ||
    cached === undefined ||
    (typeof cached === "number" && !isFinite(cached))
    ? { kind: "formula", formula: body }
    : { kind: "formula", formula: body, cached };
}
const BLANK: SpecCell = { kind: "blank" };

/** Drops the leading "=" of a formula to nest it. */
export function inner(f: string): string {
  return f.startsWith("=") ? f.slice(1) : f;
}

/** A text literal inside a formula: "Khá" → "\"Khá\"". */
export function formulaString(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A number literal in en-US formula syntax (no exponent for ordinary figures). */
export function formulaNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(roundTo(x, 10));
}

// ---------------------------------------------------------------------------------------------
// Main-index cells linked to the entry sheet
// ---------------------------------------------------------------------------------------------

/** The main indices shown as columns: scored main indices in code order. */
export function mainIndicesOf(set: IndicatorSet): Indicator[] {
  const mains = set.indicators.filter((i) => i.level === "main" && i.scored);
  if (mains.length > 0) return mains;
  return set.profile.mainIndices
    .filter((m) => m.scored)
    .map((m) => ({
      code: m.code,
      name: m.name,
      level: "main" as const,
      maxPoints: m.maxPoints,
      method: { kind: "direct" as const },
      scored: true,
      parentCode: null,
    }));
}

function entryKey(unitId: string, code: string): string {
  return `${unitId}\u0000${code}`;
}

/** Index of the entries by unit and code. */
export function indexEntries(data: Recognized): Map<string, ScoreEntry> {
  const m = new Map<string, ScoreEntry>();
  for (const e of data.entries) m.set(entryKey(e.unitId, e.code), e);
  return m;
}

interface LinkedCell {
  readonly sheet: string;
  readonly row: number;
  readonly selfCol: number;
  readonly apprCol: number;
}

/**
 * Which cells feed a formula: "appraised-else-self" follows the engine (the appraised score, else the
 * self score); "self" reads the self-assessment column only (reconciliation).
 */
export type ScoreSide = "appraised-else-self" | "self";

/** A formula for one main index of one unit, with the value it gives on the data as read (null: ""). */
export interface MainIndexFormula {
  readonly formula: string;
  readonly value: number | null;
}

function asPos(ref: { sheet: string; cell: string } | undefined): {
  sheet: string;
  row: number;
  col: number;
} | null {
  if (ref === undefined) return null;
  const m = /^([A-Z]+)(\d+)$/.exec(ref.cell.replace(/\$/g, "").toUpperCase());
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { sheet: ref.sheet, row: Number(m[2]), col };
}

function rawNumber(x: unknown): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x : null;
}
function isBlankRaw(x: unknown): boolean {
  return x === null || x === undefined || (typeof x === "string" && x.trim() === "");
}

/**
 * The formula for a main index as a sum over its components' entry cells. Runs of consecutive
 * component rows read as `SUM(appraised)+SUMIFS(self,appraised,"")` (the appraised score, else the
 * self score); a component scored by a rule (peer max, proportional, not applicable, ratio…) or
 * holding a text number adds the engine's points as a constant. Returns null when nothing links.
 */
export function mainIndexFormula(
  unitResult: UnitResult,
  components: readonly Indicator[],
  entries: ReadonlyMap<string, ScoreEntry>,
  side: ScoreSide,
  rounding: Rounding
): MainIndexFormula | null {
  let constant = 0;
  let value = 0;
  let linkedAny = false;
  // Nothing entered in any linked cell and nothing scored by a rule: the cell shows "" (not 0),
  // as the engine leaves the main index blank ("not entered" is not zero).
  let allBlank = true;
  const runs: { cell: LinkedCell; rows: number }[] = [];
  for (const comp of components) {
    const entry = entries.get(entryKey(unitResult.unitId, comp.code));
    const result = unitResult.components[comp.code];
    const link = linkable(comp, entry, result?.how.rule, side);
    if (link === null) {
      if (result?.points != null) allBlank = false;
      constant += result?.points ?? 0;
      continue;
    }
    linkedAny = true;
    if (!link.blank) allBlank = false;
    // Rounding components: each cell is its own term, rounded as the engine rounds it.
    const perCell = rounding.stage === "component";
    value += perCell ? roundTo(link.value, rounding.decimals) : link.value;
    const last = runs[runs.length - 1];
    if (
      !perCell &&
      last !== undefined &&
      last.cell.sheet === link.cell.sheet &&
      last.cell.selfCol === link.cell.selfCol &&
      last.cell.apprCol === link.cell.apprCol &&
      last.cell.row + last.rows === link.cell.row
    ) {
      last.rows += 1;
    } else {
      runs.push({ cell: link.cell, rows: 1 });
    }
  }
  if (!linkedAny) return null;
  const terms: string[] = [];
  const counted: string[] = [];
  for (const run of runs) {
    const sheet = `${quoteSheet(run.cell.sheet)}!`;
    const end = run.cell.row + run.rows - 1;
    const rng = (col: number) =>
      run.rows === 1
        ? `${sheet}${a1(run.cell.row, col)}`
        : `${sheet}${a1(run.cell.row, col)}:${a1(end, col)}`;
    counted.push(rng(run.cell.selfCol));
    if (side !== "self") counted.push(rng(run.cell.apprCol));
    if (rounding.stage === "component") {
      const selfCell = rng(run.cell.selfCol);
      const apprCell = rng(run.cell.apprCol);
      const v =
        side === "self" ? `N(${selfCell})` : `IF(ISNUMBER(${apprCell}),${apprCell},N(${selfCell}))`;
      terms.push(`ROUND(${v},${rounding.decimals})`);
    } else if (side === "self") terms.push(`SUM(${rng(run.cell.selfCol)})`);
    else
      terms.push(
        `SUM(${rng(run.cell.apprCol)})+SUMIFS(${rng(run.cell.selfCol)},${rng(run.cell.apprCol)},"")`
      );
  }
  if (constant !== 0) terms.push(formulaNumber(constant));
  value += constant;
  let f = terms.join("+");
  if (rounding.stage === "main-index") {
    f = `ROUND(${f},${rounding.decimals})`;
    value = roundTo(value, rounding.decimals);
  }
  // a rule-scored component makes the index non-blank anyway: no guard then (COUNT takes ≤ 255 args)
  const guard = runs.length > 0 && constant === 0 && counted.length <= 30;
  if (guard) f = `IF(COUNT(${counted.join(",")})=0,"",${f})`;
  return { formula: `=${f}`, value: guard && allBlank ? null : value };
}

/** The entry's cells when the component's points are exactly what its cells hold. */
function linkable(
  comp: Indicator,
  entry: ScoreEntry | undefined,
  rule: string | undefined,
  side: ScoreSide
): { cell: LinkedCell; value: number; blank: boolean } | null {
  if (comp.method.kind !== "direct" || entry === undefined) return null;
  if (rule !== "entered" && rule !== "missing") return null;
  const s = asPos(entry.self?.cell);
  const p = asPos(entry.appraised?.cell);
  if (s === null || p === null || s.sheet !== p.sheet || s.row !== p.row) return null;
  const selfRaw = entry.self?.raw ?? null;
  const apprRaw = entry.appraised?.raw ?? null;
  const selfN = rawNumber(selfRaw);
  const apprN = rawNumber(apprRaw);
  const cell = { sheet: s.sheet, row: s.row, selfCol: s.col, apprCol: p.col };
  if (side === "self") {
    if (selfN === null && !isBlankRaw(selfRaw)) return null;
    return { cell, value: selfN ?? 0, blank: selfN === null };
  }
  if (apprN !== null) return { cell, value: apprN, blank: false };
  if (!isBlankRaw(apprRaw)) return null;
  if (selfN !== null) return { cell, value: selfN, blank: false };
  if (!isBlankRaw(selfRaw)) return null;
  return { cell, value: 0, blank: true };
}

/** Components of each main index (direct children, natural order as in the set). */
export function componentsByMain(set: IndicatorSet): Map<string, Indicator[]> {
  const out = new Map<string, Indicator[]>();
  for (const ind of set.indicators) {
    if (ind.level !== "component" || ind.parentCode === null) continue;
    const list = out.get(ind.parentCode) ?? [];
    list.push(ind);
    out.set(ind.parentCode, list);
  }
  return out;
}

/** True when the data came from the entry layout with a cell for each score. */
export function canLinkToEntries(data: Recognized): boolean {
  if (data.layout !== "matrix") return false;
  return data.entries.some((e) => e.self?.cell !== undefined && e.appraised?.cell !== undefined);
}

const SAME = 1e-9;
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * The rank formula for a tie policy: C's twin for competition and dense; for "main-index-order"
 * (ties broken by the main indices in code order, higher first) a COUNTIFS chain:
 * 1 + #(total >) + #(total =, main1 >) + #(total =, main1 =, main2 >) + ….
 */
export function rankWithPolicy(
  totalRef: string,
  totalRange: string,
  policy: TiePolicy,
  mains: readonly { readonly all: string; readonly ref: string }[],
  group?: { readonly range: string; readonly ref: string }
): string {
  if (policy !== "main-index-order")
    return rankFormula(totalRef, totalRange, group?.range, group?.ref, policy);
  const g = group !== undefined ? `,${group.range},${group.ref}` : "";
  const terms = [`COUNTIFS(${totalRange},">"&${totalRef}${g})`];
  const equal: string[] = [`${totalRange},${totalRef}`];
  for (const m of mains) {
    terms.push(`COUNTIFS(${equal.join(",")},${m.all},">"&${m.ref}${g})`);
    equal.push(`${m.all},${m.ref}`);
  }
  return `=IF(${totalRef}="","",${terms.join("+")}+1)`;
}

// ---------------------------------------------------------------------------------------------
// The group sheet
// ---------------------------------------------------------------------------------------------

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
  return { stt: 1, name: 2, firstMain, mains, total, percent, rank, grade, gap, yoy: y, last };
}

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
  const yoyByGroup =
    options.lastYear === undefined ? null : matchRankingLastYear(ranking, options.lastYear);
  for (const group of ranking.groups) {
    if (wanted !== null && !wanted.has(group.groupId)) continue;
    // Units without a group are not ranked (evaluate reports them): no sheet for them.
    if (group.units.length === 0 || group.units.every((u) => u.groupId === null)) continue;
    if (group.maxPoints <= 0 && group.units.every((u) => u.rank === null)) continue;
    const sheetName = namer.pick(`${RANKING_SHEET_PREFIX}${group.name}`, RANKING_ROLE);
    sheetByGroup[group.groupId] = sheetName;
    const yoy = yoyByGroup?.get(group.groupId) ?? null;
    if (yoy !== null)
      issues.push(...yoy.issues.map((i) => ({ ...i, params: { ...i.params, sheet: sheetName } })));
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
  readonly entries: ReadonlyMap<string, ScoreEntry>;
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
  const totalRange = `$${colL(cols.total)}$${firstRow}:$${colL(cols.total)}$${lastRow}`;
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

  const rows: SpecCell[][] = [];
  group.units.forEach((u, i) => {
    const r = firstRow + i;
    const row: SpecCell[] = [num(i + 1), text(u.unitName)];
    for (const m of mains) {
      const res = u.mainIndices[m.code];
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
      return { all: `$${c}$${firstRow}:$${c}$${lastRow}`, ref: a1(r, cols.firstMain + k) };
    });
    row.push(formula(rankWithPolicy(totalRef, totalRange, tiePolicy, mainRanges), u.rank));
    if (scheme !== null) {
      row.push(formula(gradeFormula(totalRef, maxLit, scheme), gradeLabel(u) ?? ""));
      row.push(formula(gapFormula(totalRef, maxLit, scheme), u.gapToNextBand ?? ""));
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
          `IF(OR(${lastTotalRef}="",${now}=""),"",${now}-${lastTotalRef})`,
          lastVal !== null && nowVal !== null ? nowVal - lastVal : ""
        )
      );
      const lastRank = last?.rank ?? null;
      row.push(
        formula(
          `IF(OR(${lastRankRef}="",${a1(r, cols.rank)}=""),"",${lastRankRef}-${a1(r, cols.rank)})`,
          lastRank !== null && u.rank !== null ? lastRank - u.rank : ""
        )
      );
    }
    rows.push(row);
  });

  const lastCol = colL(cols.last);
  const [sub1, sub2] = subtitleLines(input, fallbacks);
  const provisionalStyles: RangeStyle[] = [];
  group.units.forEach((u, i) => {
    if (u.provisional)
      provisionalStyles.push({
        range: `B${firstRow + i}`,
        style: { italic: true, border: "thin" },
      });
  });
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
  styles.push(...provisionalStyles);
  const conditionalFormats: ConditionalFormat[] = [];
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
  for (let c = cols.firstMain; c <= cols.last; c++) columnWidths.push({ col: colL(c), width: 13 });

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

// ---------------------------------------------------------------------------------------------
// Summary block (below the table): counts per grade, average, top 5, bottom 3, last year
// ---------------------------------------------------------------------------------------------

interface SummaryInput {
  readonly input: GroupSheetInput;
  readonly cols: RankingColumns;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly startRow: number;
  readonly startCol: number;
}

function summaryBlock(s: SummaryInput): {
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
  if (provisional > 0)
    push([text("Tổng điểm tạm tính (còn điểm chưa nhập, tên in nghiêng)"), num(provisional)]);
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
  push([text("5 đơn vị dẫn đầu (lúc lập bảng)"), text("Tổng điểm"), text("Hạng")], true);
  const ranked = units.filter((u) => u.totalPoints !== null);
  const topStart = row0 + rows.length;
  for (const u of ranked.slice(0, 5)) push([text(u.unitName), num(u.totalPoints), num(u.rank)]);
  const topEnd = row0 + rows.length - 1;
  push([]);
  push([text("3 đơn vị cuối bảng (lúc lập bảng)"), text("Tổng điểm"), text("Hạng")], true);
  const bottomStart = row0 + rows.length;
  for (const u of ranked.slice(Math.max(0, ranked.length - 3)))
    push([text(u.unitName), num(u.totalPoints), num(u.rank)]);
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
