/**
 * Over 400 lines: the DTI.* functions are declared once, with their help texts, in one table the
 * registry, metadata and tests read.
 *
 * The DTI.* functions, declared once: id, parameters (name, type, optional, help in Vietnamese and
 * English) and implementation. `invoke` (invoke.ts) checks arity, coerces and maps failures for all of
 * them, as HyperFormula's implementedFunctions + runFunction do. Ids and parameter order are a public
 * API: never reorder, add new functions instead.
 */
import { gapLabel, gradeOf, pointsToNextBand } from "../grade";
import { issueText } from "../messages";
import { issueOf, type IssueCode, type ParamsOf } from "../model/types";
import { comparable } from "../numbers/round";
import { parseVnNumber } from "../numbers/vn-number";
import { rankPoints } from "../rank";
import {
  cellNumber,
  cellsOf,
  checkPointsInRange,
  maxOf,
  optionalNumber,
  resolveScheme,
  sameSize,
  scalarOf,
} from "./coerce";
import { groupKey, higherThan, sameGroup } from "./compare";
import {
  failWith,
  xlError,
  isMatrix,
  isXlError,
  type XlArg,
  type XlError,
  type XlResult,
  type XlScalar,
} from "./values";

type ParamType = "number" | "text" | "any" | "range";

interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  readonly optional: boolean;
  /** Parameter help shown in Excel (Vietnamese) and in the README (English). */
  readonly vi: string;
  readonly en: string;
}

type ResultType = "number" | "text" | "any" | "matrix";

interface FunctionSpec {
  readonly id: FunctionId;
  readonly params: readonly ParamSpec[];
  readonly result: ResultType;
  readonly vi: string;
  readonly en: string;
  /** Error values in scalar arguments are handed to the implementation instead of propagated. */
  readonly acceptsErrors?: boolean;
  readonly impl: (args: readonly XlArg[]) => XlResult;
}

type FunctionId =
  | "GRADE"
  | "PERCENT"
  | "INDEX"
  | "RANK"
  | "GAP"
  | "PROPORTIONAL"
  | "RATIO"
  | "STEP"
  | "NUMBER"
  | "CHECK"
  | "TABLE";

const p = (
  name: string,
  type: ParamType,
  optional: boolean,
  vi: string,
  en: string
): ParamSpec => ({
  name,
  type,
  optional,
  vi,
  en,
});

const POINTS = p(
  "points",
  "number",
  false,
  "Điểm (tổng điểm của đơn vị).",
  "Points (the unit's total)."
);
const MAX_OPT = p(
  "max",
  "number",
  true,
  "Điểm tối đa áp dụng cho đơn vị (bỏ trống: thang của bộ quy tắc, mặc định 100).",
  "The unit's applicable maximum (omitted: the profile's scale, default 100)."
);
const SCHEME = p(
  "scheme",
  "range",
  true,
  'Mã bộ quy tắc (ví dụ "sonla-2024") hoặc vùng các mức: ngưỡng (% điểm tối đa), tên mức, "incl"/"excl". Bỏ trống: Tốt ≥ 85%, Khá ≥ 70%, Trung bình ≥ 50%, Yếu.',
  'A rule profile id (e.g. "sonla-2024") or a range of bands: lower bound (% of max), label, "incl"/"excl". Omitted: Sơn La bands 85/70/50 %.'
);

const BLANK = "";

/** GRADE / GAP shared reading: points (blank → null), max, scheme. */
function gradeArgs(args: readonly XlArg[]) {
  const points = optionalNumber(args[0], "points");
  const { scheme, defaultMax } = resolveScheme(args[2]);
  const max = maxOf(args[1], "max", defaultMax);
  if (points !== null) checkPointsInRange(points, max);
  return { points, max, scheme };
}

function grade(args: readonly XlArg[]): XlResult {
  const { points, max, scheme } = gradeArgs(args);
  if (points === null) return BLANK;
  const g = gradeOf(points, max, scheme);
  if (g.kind === "band") return g.label;
  // A gap between bands (TP.HCM 2023: 198 < points < 199) is an answer, not an error: the same text
  // as the ranked sheets and the native twin, "Chưa xếp loại (giữa Khởi động và Hình thành)".
  if (g.kind === "gap") return gapLabel(g.below, g.above);
  return failWith("#N/A", "fn_not_graded");
}

function gap(args: readonly XlArg[]): XlResult {
  const { points, max, scheme } = gradeArgs(args);
  if (points === null) return BLANK;
  return pointsToNextBand(points, max, scheme) ?? BLANK;
}

function ratioOfMax(args: readonly XlArg[], factor: number): XlResult {
  const points = optionalNumber(args[0], "points");
  const max = maxOf(args[1], "max");
  if (points === null) return BLANK;
  checkPointsInRange(points, max);
  return (points / max) * factor;
}

function rank(args: readonly XlArg[]): XlResult {
  const points = optionalNumber(args[0], "points");
  const all = cellsOf(args[1]);
  const groupsGiven = args[2] !== undefined && cellsOf(args[2]).some((c) => c !== null);
  const groupCell = scalarOf(args[3], "group");
  const policyCell = scalarOf(args[4], "policy");
  let policy: "competition" | "dense" = "competition";
  if (policyCell !== null) {
    const s = String(isXlError(policyCell) ? policyCell.error : policyCell)
      .trim()
      .toLowerCase();
    if (s === "dense") policy = "dense";
    else if (s !== "competition") {
      return failWith("#VALUE!", "fn_unknown_policy", { policy: s });
    }
  }
  let groups: XlScalar[] | null = null;
  let key = "";
  if (groupsGiven || groupCell !== null) {
    if (!groupsGiven) {
      return failWith("#VALUE!", "fn_group_without_groups");
    }
    groups = cellsOf(args[2]);
    sameSize(all, groups, "allPoints", "groups");
    const k = groupKey(groupCell);
    if (k === null) {
      return failWith("#VALUE!", "fn_group_missing");
    }
    key = k;
  }
  if (points === null) return BLANK;
  // One pass over the range, no per-cell allocation: 3,321 cells each ranking 3,321 (issue 14).
  const mine = comparable(points);
  const higher = policy === "dense" ? new Set<number>() : null;
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const c = all[i];
    if (typeof c !== "number" || !higherThan(c, mine)) continue;
    if (groups !== null && !sameGroup(groups[i] ?? null, groupCell, key)) continue;
    count += 1;
    higher?.add(comparable(c));
  }
  return 1 + (higher !== null ? higher.size : count);
}

function proportional(args: readonly XlArg[]): XlResult {
  const actual = cellsOf(args[0]);
  const maxima = cellsOf(args[1]);
  sameSize(actual, maxima, "actualRange", "maxRange");
  const componentMax = maxOf(args[2], "componentMax");
  let sumActual = 0;
  let sumMax = 0;
  let missing = false;
  actual.forEach((a, i) => {
    const av = cellNumber(a, "actualRange", { cell: i + 1 });
    const mv = cellNumber(maxima[i] ?? null, "maxRange", { cell: i + 1 });
    if (mv === null) {
      if (av !== null) failWith("#VALUE!", "fn_points_without_max", { cell: i + 1, value: av });
      return;
    }
    if (mv < 0) failWith("#VALUE!", "fn_max_negative", { value: mv });
    if (av === null) {
      missing = true;
      return;
    }
    checkPointsInRange(av, mv);
    sumActual += av;
    sumMax += mv;
  });
  if (missing) return BLANK;
  if (sumMax === 0) {
    return failWith("#DIV/0!", "fn_maxima_sum_zero");
  }
  return (sumActual / sumMax) * componentMax;
}

function ratio(args: readonly XlArg[]): XlResult {
  const a = optionalNumber(args[0], "a");
  const b = optionalNumber(args[1], "b");
  const max = maxOf(args[2], "max");
  if (a === null || b === null) return BLANK;
  if (a < 0 || b < 0) {
    return failWith("#VALUE!", "fn_ratio_negative");
  }
  if (b === 0) return failWith("#DIV/0!", "fn_ratio_zero_denominator");
  if (a > b) {
    return failWith("#NUM!", "fn_ratio_above_one", { a, b });
  }
  return (a / b) * max;
}

function step(args: readonly XlArg[]): XlResult {
  const value = optionalNumber(args[0], "value");
  const thresholds = cellsOf(args[1]);
  const pts = cellsOf(args[2]);
  sameSize(thresholds, pts, "thresholds", "points");
  const steps: { atLeast: number; points: number }[] = [];
  const seen = new Set<number>(); // duplicates in one pass: 100,000 thresholds took 5.7 s (issue 12)
  thresholds.forEach((t, i) => {
    const tv = cellNumber(t, "thresholds", { cell: i + 1 });
    const pv = cellNumber(pts[i] ?? null, "points", { cell: i + 1 });
    if (tv === null && pv === null) return;
    if (tv === null || pv === null) failWith("#VALUE!", "fn_step_incomplete", { step: i + 1 });
    if (tv < 0) failWith("#VALUE!", "fn_threshold_negative", { value: tv });
    if (seen.has(tv)) failWith("#VALUE!", "fn_threshold_duplicate", { value: tv });
    seen.add(tv);
    steps.push({ atLeast: tv, points: pv });
  });
  if (steps.length === 0) return failWith("#VALUE!", "fn_no_steps");
  if (value === null) return BLANK;
  let best: { atLeast: number; points: number } | undefined;
  for (const s of steps) {
    if (s.atLeast <= value && (best === undefined || s.atLeast > best.atLeast)) best = s;
  }
  return best?.points ?? 0;
}

function number(args: readonly XlArg[]): XlResult {
  const cell = scalarOf(args[0], "text");
  const n = cellNumber(cell, "text");
  return n ?? BLANK;
}

function issue<C extends IssueCode>(code: C, params: ParamsOf<C>): string {
  return issueText(issueOf<C>({ code, severity: "error", params }), "vi");
}

function check(args: readonly XlArg[]): XlResult {
  const score = scalarOf(args[0], "score");
  const max = maxOf(args[1], "max");
  if (isXlError(score)) return issue("formula_error", { text: score.error });
  const parsed = typeof score === "boolean" ? null : parseVnNumber(score);
  if (parsed === null) return issue("not_a_number", { text: score ? "TRUE" : "FALSE" });
  let value: number;
  switch (parsed.kind) {
    case "blank":
      return issue("score_blank", {});
    case "error":
      return issue("formula_error", { text: parsed.text });
    case "not-a-number":
      return issue("not_a_number", { text: parsed.text });
    case "ambiguous":
      return issue("ambiguous_number", {
        text: parsed.text,
        first: parsed.candidates[0] ?? null,
        second: parsed.candidates[1] ?? null,
      });
    case "number":
      value = parsed.value;
  }
  if (value < 0) return issue("negative_score", { value, max });
  if (comparable(value) > comparable(max)) return issue("score_above_max", { value, max });
  if (args[2] !== undefined && value > 0) {
    const text = cellsOf(args[2])
      .map((c) => (c === null || isXlError(c) ? "" : String(c)))
      .join("")
      .trim();
    if (text === "") return issue("missing_evidence", { value });
  }
  if (parsed.typedAsText) return issue("vn_number_parsed", { text: String(score), value });
  return BLANK;
}

/** Header row of DTI.TABLE. */
const TABLE_HEADERS = ["Hạng", "Đơn vị", "Điểm", "Tỷ lệ (%)", "Xếp loại"] as const;
const TABLE_GROUP_HEADER = "Nhóm";

function table(args: readonly XlArg[]): XlResult {
  const units = cellsOf(args[0]);
  const pointCells = cellsOf(args[1]);
  sameSize(units, pointCells, "units", "points");
  const groupsGiven = args[2] !== undefined && cellsOf(args[2]).some((c) => c !== null);
  const groups = groupsGiven ? cellsOf(args[2]) : [];
  if (groupsGiven) sameSize(units, groups, "units", "groups");
  const { scheme, defaultMax } = resolveScheme(args[4]);
  const maxArg = args[3];
  const maxCells = isMatrix(maxArg) ? cellsOf(maxArg) : null;
  const singleMax = maxCells !== null && maxCells.length === 1;
  const sharedMax = maxCells === null || singleMax ? maxOf(maxArg, "max", defaultMax) : null;
  if (maxCells !== null && !singleMax) sameSize(units, maxCells, "units", "max");

  interface Row {
    i: number;
    unit: XlScalar;
    group: XlScalar;
    points: number | null;
    shown: XlScalar;
    max: number;
    problem: XlError | null;
  }
  const rows: Row[] = [];
  units.forEach((u, i) => {
    const pc = pointCells[i] ?? null;
    if (u === null && pc === null) return;
    let points: number | null = null;
    let problem: XlError | null = null;
    let max = sharedMax ?? 0;
    try {
      if (sharedMax === null)
        max = maxOf(maxCells?.[i] ?? null, "max", defaultMax, { cell: i + 1 });
      points = cellNumber(pc, "points", { cell: i + 1 });
      if (points !== null) checkPointsInRange(points, max);
    } catch (e) {
      // one bad unit never aborts the table: it is listed, unranked, with its error value
      problem = toXlError(e, "TABLE");
      points = null;
    }
    rows.push({
      i,
      unit: u,
      group: groupsGiven ? (groups[i] ?? null) : null,
      points,
      shown: problem !== null ? problem : pc,
      max,
      problem,
    });
  });
  // rank within each group (competition)
  const rankOf = new Map<number, number | null>();
  const order: string[] = [];
  const byGroup = new Map<string, Row[]>();
  for (const r of rows) {
    const k = groupKey(r.group) ?? "";
    if (!byGroup.has(k)) {
      byGroup.set(k, []);
      order.push(k);
    }
    byGroup.get(k)!.push(r);
  }
  for (const k of order) {
    const members = byGroup.get(k)!;
    const ranks = rankPoints(
      members.map((r) => r.points),
      "competition"
    );
    members.forEach((r, j) => rankOf.set(r.i, ranks[j] ?? null));
  }
  const out: XlScalar[][] = [
    groupsGiven ? [TABLE_GROUP_HEADER, ...TABLE_HEADERS] : [...TABLE_HEADERS],
  ];
  for (const k of order) {
    const members = [...byGroup.get(k)!].sort((a, b) => {
      const ra = rankOf.get(a.i) ?? Infinity;
      const rb = rankOf.get(b.i) ?? Infinity;
      return ra - rb || a.i - b.i;
    });
    for (const r of members) {
      const rk = rankOf.get(r.i) ?? null;
      const pct = r.points === null ? BLANK : (r.points / r.max) * 100;
      let gradeCell: XlScalar = BLANK;
      if (r.points !== null) {
        const g = gradeOf(r.points, r.max, scheme);
        gradeCell =
          g.kind === "band"
            ? g.label
            : g.kind === "gap"
              ? gapLabel(g.below, g.above)
              : xlError("#N/A", "fn_not_graded");
      }
      const row: XlScalar[] = [rk ?? BLANK, r.unit ?? BLANK, r.shown ?? BLANK, pct, gradeCell];
      out.push(groupsGiven ? [r.group ?? BLANK, ...row] : row);
    }
  }
  return out;
}

/**
 * Any thrown value as an Excel error value. An unexpected exception's own text is never shown (it
 * means nothing to the user): the message says which function failed and what to do.
 */
export function toXlError(e: unknown, id: string): XlError {
  if (e instanceof Error && e.name === "DtiFailure") {
    const f = e as Error & { code: XlError["error"]; messageVi: string; messageEn: string };
    return { error: f.code, message: f.messageVi, messageEn: f.messageEn };
  }
  return xlError("#VALUE!", "fn_unexpected", { id });
}

const RANGE = (name: string, vi: string, en: string, optional = false) =>
  p(name, "range", optional, vi, en);

/** The DTI.* function table. */
export const FUNCTIONS: readonly FunctionSpec[] = [
  {
    id: "GRADE",
    params: [POINTS, MAX_OPT, SCHEME],
    result: "text",
    vi: 'Xếp loại theo điểm và thang xếp loại (mặc định: Tốt ≥ 85%, Khá ≥ 70%, Trung bình ≥ 50%, Yếu). Điểm nằm giữa hai mức: "Chưa xếp loại (giữa … và …)".',
    en: 'The grade label for the points under a grade scheme (default Sơn La: Good ≥ 85 %, Fairly good ≥ 70 %, Average ≥ 50 %, Weak). Points in a gap between bands: "Chưa xếp loại (giữa … và …)" (not graded, between … and …).',
    impl: grade,
  },
  {
    id: "PERCENT",
    params: [POINTS, p("max", "number", false, "Điểm tối đa áp dụng.", "The applicable maximum.")],
    result: "number",
    vi: "Tỷ lệ điểm trên điểm tối đa, tính theo % (0 đến 100).",
    en: "Points as a percentage of the maximum (0 to 100).",
    impl: (a) => ratioOfMax(a, 100),
  },
  {
    id: "INDEX",
    params: [POINTS, p("max", "number", false, "Điểm tối đa áp dụng.", "The applicable maximum.")],
    result: "number",
    vi: "Chỉ số 0..1 (điểm / điểm tối đa), như bảng xếp hạng DTI quốc gia.",
    en: "The 0..1 index (points / maximum), as the national DTI publishes it.",
    impl: (a) => ratioOfMax(a, 1),
  },
  {
    id: "RANK",
    params: [
      POINTS,
      RANGE("allPoints", "Vùng điểm của tất cả đơn vị.", "The points of all units."),
      RANGE(
        "groups",
        "Vùng nhóm của các đơn vị (cùng kích thước với allPoints).",
        "The units' groups (same size as allPoints).",
        true
      ),
      p(
        "group",
        "any",
        true,
        "Nhóm của đơn vị cần xếp hạng.",
        "The group of the unit being ranked."
      ),
      p(
        "policy",
        "text",
        true,
        '"competition" (1, 2, 2, 4; mặc định) hoặc "dense" (1, 2, 2, 3).',
        '"competition" (1, 2, 2, 4; default) or "dense" (1, 2, 2, 3).'
      ),
    ],
    result: "number",
    vi: "Thứ hạng của đơn vị trong nhóm, từ cao xuống thấp; đồng điểm thì đồng hạng.",
    en: "The unit's rank within its group, high to low; equal points share a rank.",
    impl: rank,
  },
  {
    id: "GAP",
    params: [POINTS, MAX_OPT, SCHEME],
    result: "any",
    vi: 'Số điểm còn thiếu để lên mức xếp loại cao hơn ("" khi đã ở mức cao nhất).',
    en: 'Points still needed to reach the next grade band ("" at the top).',
    impl: gap,
  },
  {
    id: "PROPORTIONAL",
    params: [
      RANGE(
        "actualRange",
        "Điểm đạt được của các chỉ số làm căn cứ.",
        "Points achieved on the base components."
      ),
      RANGE("maxRange", "Điểm tối đa của các chỉ số đó.", "Those components' maxima."),
      p(
        "componentMax",
        "number",
        false,
        "Điểm tối đa của chỉ số cần tính.",
        "The maximum of the component being scored."
      ),
    ],
    result: "any",
    vi: "Điểm theo tỷ lệ (quy tắc Sơn La cho đơn vị không có DVCTT): tổng đạt / tổng tối đa × điểm tối đa.",
    en: "Proportional points (Sơn La rule for units without online public services): Σ achieved / Σ max × component max.",
    impl: proportional,
  },
  {
    id: "RATIO",
    params: [
      p("a", "number", false, "Tử số a (số đạt được).", "Numerator a (the count achieved)."),
      p("b", "number", false, "Mẫu số b (tổng số).", "Denominator b (the total)."),
      p("max", "number", false, "Điểm tối đa của chỉ số.", "The component's maximum."),
    ],
    result: "any",
    vi: "Điểm theo tỷ lệ a / b × điểm tối đa.",
    en: "Points by ratio: a / b × max.",
    impl: ratio,
  },
  {
    id: "STEP",
    params: [
      p(
        "value",
        "number",
        false,
        "Giá trị đạt được (ví dụ số cuộc họp).",
        "The value achieved (e.g. number of meetings)."
      ),
      RANGE("thresholds", "Các ngưỡng (từ ... trở lên).", "The thresholds (at least ...)."),
      RANGE("points", "Điểm tương ứng với từng ngưỡng.", "The points for each threshold."),
    ],
    result: "any",
    vi: "Điểm theo bậc: điểm của ngưỡng cao nhất mà giá trị đạt tới; dưới mọi ngưỡng: 0.",
    en: "Step points: the points of the highest threshold reached; below all: 0.",
    impl: step,
  },
  {
    id: "NUMBER",
    params: [
      p(
        "text",
        "any",
        false,
        'Số nhập dạng chữ kiểu Việt Nam ("8,5", "1.000,5").',
        'A number typed the Vietnamese way ("8,5", "1.000,5").'
      ),
    ],
    result: "any",
    vi: 'Đọc số nhập kiểu Việt Nam; #VALUE! nếu không rõ ("1.000" là 1000 hay 1?).',
    en: 'Reads a Vietnamese-typed number; #VALUE! when ambiguous ("1.000": 1000 or 1?).',
    impl: number,
  },
  {
    id: "CHECK",
    params: [
      p("score", "any", false, "Ô điểm cần kiểm tra.", "The score cell to check."),
      p("max", "number", false, "Điểm tối đa của chỉ số.", "The indicator's maximum."),
      RANGE(
        "evidence",
        "Ô tài liệu kiểm chứng (nếu có: bắt buộc khi có điểm).",
        "The evidence cell (when given: required for a score above 0).",
        true
      ),
    ],
    result: "text",
    vi: 'Kiểm tra một ô điểm: "" khi hợp lệ, nếu không là nội dung lỗi và cách sửa.',
    en: 'Checks a score cell: "" when fine, otherwise what is wrong and how to fix it (Vietnamese).',
    acceptsErrors: true,
    impl: check,
  },
  {
    id: "TABLE",
    params: [
      RANGE("units", "Vùng tên đơn vị.", "The unit names."),
      RANGE("points", "Vùng điểm (cùng kích thước).", "The points (same size)."),
      RANGE(
        "groups",
        "Vùng nhóm (tuỳ chọn): xếp hạng trong từng nhóm.",
        "The groups (optional): rank within each group.",
        true
      ),
      RANGE(
        "max",
        "Điểm tối đa: một số hoặc một vùng theo từng đơn vị.",
        "The maximum: one number or one per unit.",
        true
      ),
      SCHEME,
    ],
    result: "matrix",
    vi: "Bảng xếp hạng (mảng động): hạng, đơn vị, điểm, %, xếp loại, sắp xếp theo hạng.",
    en: "A ranked table (dynamic array): rank, unit, points, %, grade, sorted by rank.",
    impl: table,
  },
];

const BY_ID = new Map<string, FunctionSpec>(FUNCTIONS.map((f) => [f.id, f]));

/** The function with this id (case-insensitive), or undefined. */
export function functionSpec(id: string): FunctionSpec | undefined {
  return BY_ID.get(id) ?? BY_ID.get(id.toUpperCase());
}
