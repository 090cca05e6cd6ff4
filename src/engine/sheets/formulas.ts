/**
 * Over 400 lines: each DTI.* function's native twin formula beside the others, so they stay in step
 * with the engine.
 *
 * Native-formula twins of the DTI.* functions: given cell references, an Excel formula (en-US syntax,
 * leading "=") that gives the same result as the function, so generated sheets still compute in
 * Excel 2016/2019, in LibreOffice and after the add-in is removed. Only functions every one of those
 * has: IF (nested, no IFS), AND/OR, ROUND, COUNTIF(S), SUMIF, SUMPRODUCT, ISNUMBER, NA, TRIM,
 * SUBSTITUTE, NUMBERVALUE, ERROR.TYPE/CHOOSE. No dynamic arrays.
 *
 * Equality holds on the inputs generated sheets hold: numbers and blanks (and for RANK text cells in
 * the range). Where the function returns an error the twin returns an error too, not always the same
 * one (mostly #N/A, from NA()). Known limits, tested and documented:
 * - text typed as a number ("8,5") is read by the functions but not by the twins (except NUMBER);
 * - NUMBER's twin reads Vietnamese-style text with a decimal comma; text with only dots is read when it
 *   cannot be a thousands group, otherwise it gives #N/A where DTI.NUMBER may read a number;
 * - DTI.TABLE has no twin: a sorted dynamic array needs SORTBY (Excel 2021+). The ranked sheets are its
 *   twin: one row per unit with RANK/GRADE twins, sorted when written.
 */
import { issueText } from "../messages";
import { gapLabel, gradeOfBasis } from "../grade";
import {
  untypedIssue,
  type GradeBand,
  type GradeScheme,
  type IssueCode,
  type IssueParams,
  type ParamsOf,
} from "../model/types";

const EXCLUSIVE_STEP = 0.01; // keep in step with grade/EXCLUSIVE_STEP_POINTS
const COMPARE_DECIMALS = 9; // keep in step with numbers/round COMPARE_DECIMALS

/**
 * A text literal for a formula. Quotes become CHAR(34) (every engine reads that; doubled quotes are
 * not understood by all of them) and long text is split below Excel's 255-character literal limit.
 */
export function textLiteral(s: string): string {
  if (s === "") return '""';
  const out: string[] = [];
  s.split('"').forEach((seg, i) => {
    if (i > 0) out.push("CHAR(34)");
    const chars = Array.from(seg);
    for (let k = 0; k < chars.length; k += 200) out.push(`"${chars.slice(k, k + 200).join("")}"`);
  });
  return out.join("&");
}

/** A number literal in en-US syntax (JS prints the shortest exact decimal, never a comma). */
function numLit(n: number): string {
  return String(n);
}

/** A reference or a number written as a reference argument. */
type RefOrNumber = string | number;
const ref = (r: RefOrNumber): string => (typeof r === "number" ? numLit(r) : r);

/** The graded value in the scheme's basis, rounded as the engine compares (1e-9). */
function basisExpr(p: string, m: string, scheme: GradeScheme): string {
  return scheme.basis === "points"
    ? `ROUND(${p},${COMPARE_DECIMALS})`
    : `ROUND(${p}/${m}*100,${COMPARE_DECIMALS})`;
}

/** Max ≤ 0 → #N/A; blank points → ""; negative points or points above max → #N/A; else `body`. */
function guarded(p: string, m: string, body: string): string {
  return `IF(${m}<=0,NA(),IF(${p}="","",IF(OR(${p}<0,${p}>${m}),NA(),${body})))`;
}

type Lit = (n: number) => string;

function lowerTest(v: string, lo: NonNullable<GradeBand["lower"]>, lit: Lit = numLit): string {
  return `${v}${lo.inclusive ? ">=" : ">"}${lit(lo.value)}`;
}
function upperTest(v: string, up: NonNullable<GradeBand["upper"]>, lit: Lit = numLit): string {
  return `${v}${up.inclusive ? "<=" : "<"}${lit(up.value)}`;
}

/**
 * The rules sheet's band block as columns of the same rows (absolute, with the sheet: "'Quy
 * tắc'!$A$31:$A$37"), its spare rows included: a grade formula over it reads every row, so a band's
 * kind ("từ"/"trên", "dưới"/"đến") changed or a band typed into a spare row (or a row inserted
 * inside the block) re-grades without the add-in.
 */
interface BandBlock {
  readonly labels: string;
  readonly lower: string;
  readonly lowerKind: string;
  readonly upper: string;
  readonly upperKind: string;
  /** Kind texts that make a lower bound exclusive ("trên (>)"); any other kind is inclusive. */
  readonly lowerExclusive: readonly string[];
  /** Kind texts that make an upper bound inclusive ("đến (≤)"); any other kind is exclusive. */
  readonly upperInclusive: readonly string[];
}

/**
 * Cells holding the bands' bounds (the rules sheet "Quy tắc"), `bands` parallel to
 * `scheme.bands`: a formula then reads the bound from the cell, so a band changed in Excel
 * re-grades without the add-in. Absolute references with the sheet ("'Quy tắc'!$C$30"). With
 * `block`, grade and gap formulas read the whole band block instead (kinds and added rows too).
 */
export interface BandRefs {
  readonly bands: readonly { readonly lower?: string; readonly upper?: string }[];
  readonly block?: BandBlock;
}

/** A bound's value as the formula writes it: its cell when the rules sheet holds it, else the number. */
function boundLiteral(scheme: GradeScheme, refs: BandRefs | undefined): Lit {
  if (refs === undefined) return numLit;
  const byValue = new Map<number, string>();
  scheme.bands.forEach((b, i) => {
    const r = refs.bands[i];
    if (b.lower && r?.lower !== undefined && !byValue.has(b.lower.value))
      byValue.set(b.lower.value, r.lower);
    if (b.upper && r?.upper !== undefined && !byValue.has(b.upper.value))
      byValue.set(b.upper.value, r.upper);
  });
  return (n) => byValue.get(n) ?? numLit(n);
}

/** Excel's limits on one formula: 8,192 characters, 64 levels of nested functions (Excel specifications and limits). */
export const EXCEL_FORMULA_CHARS = 8192;
const EXCEL_FORMULA_NESTING = 64;

/** How deep the formula's parentheses nest (text literals skipped). */
function nesting(f: string): number {
  let depth = 0;
  let most = 0;
  let inText = false;
  for (let i = 0; i < f.length; i++) {
    const c = f.charCodeAt(i);
    if (c === 34) inText = !inText;
    else if (inText) continue;
    else if (c === 40) most = Math.max(most, ++depth);
    else if (c === 41) depth--;
  }
  return most;
}

/** True when Excel takes the formula (length with its "=", nesting). */
function fitsExcel(formula: string): boolean {
  return formula.length <= EXCEL_FORMULA_CHARS && nesting(formula) <= EXCEL_FORMULA_NESTING;
}

/** A grade or gap formula that no form (band block, band cells, literals) fits in Excel's limits. */
export class FormulaLimitError extends Error {
  constructor(
    readonly what: "grade" | "gap",
    readonly chars: number,
    readonly bands: number
  ) {
    super(
      `Công thức ${what === "grade" ? "xếp loại" : "điểm còn thiếu"} cho ${bands} mức xếp loại vượt giới hạn của Excel ` +
        `(${chars} ký tự, tối đa ${EXCEL_FORMULA_CHARS}; tối đa ${EXCEL_FORMULA_NESTING} hàm lồng nhau): hãy bớt số mức. / ` +
        `The ${what} formula for ${bands} grade bands exceeds Excel's limits (${chars} characters, at most ` +
        `${EXCEL_FORMULA_CHARS}; at most ${EXCEL_FORMULA_NESTING} nested functions): use fewer bands.`
    );
    this.name = "FormulaLimitError";
  }
}

/**
 * The first of the forms that fits Excel's limits: over the band block, over the bands' cells,
 * with literal bounds (each reads less of the rules sheet live, and grades the same). None fits
 * (some 60 bands and more): FormulaLimitError, never a formula Excel would refuse to store.
 */
function fitting(
  what: "grade" | "gap",
  scheme: GradeScheme,
  bandRefs: BandRefs | undefined,
  build: (refs: BandRefs | undefined) => string
): string {
  const tries: (BandRefs | undefined)[] =
    bandRefs === undefined
      ? [undefined]
      : bandRefs.block !== undefined
        ? [bandRefs, { bands: bandRefs.bands }, undefined]
        : [bandRefs, undefined];
  let last = "";
  for (const refs of tries) {
    last = build(refs);
    if (fitsExcel(last)) return last;
  }
  throw new FormulaLimitError(what, last.length, scheme.bands.length);
}

/**
 * DTI.GRADE twin: nested IF over the bands, highest first; a value in a gap between bands gets the
 * gap text ("Chưa xếp loại (giữa Khởi động và Hình thành)", see gapLabel), as DTI.GRADE does.
 * An upper-bound test is left out where the band above starts exactly where this one ends.
 */
export function gradeFormula(
  pointsRef: string,
  maxRef: RefOrNumber,
  scheme: GradeScheme,
  bandRefs?: BandRefs
): string {
  return fitting("grade", scheme, bandRefs, (refs) =>
    gradeFormulaOver(pointsRef, maxRef, scheme, refs)
  );
}

/** gradeFormula in one form, whatever its length. */
function gradeFormulaOver(
  pointsRef: string,
  maxRef: RefOrNumber,
  scheme: GradeScheme,
  bandRefs: BandRefs | undefined
): string {
  const p = pointsRef;
  const m = ref(maxRef);
  const v = basisExpr(p, m, scheme);
  if (bandRefs?.block !== undefined) return `=${guarded(p, m, blockGrade(v, bandRefs.block))}`;
  const lit = boundLiteral(scheme, bandRefs);
  let covered = true; // every value above the previous band's lower bound is already caught
  let prevLower: GradeBand["lower"] | undefined;
  const tests: { cond: string | null; label: string }[] = [];
  for (const band of scheme.bands) {
    const conds: string[] = [];
    if (band.lower) conds.push(lowerTest(v, band.lower, lit));
    const up = band.upper;
    const implied: boolean =
      up !== undefined &&
      covered &&
      prevLower !== undefined &&
      prevLower.value === up.value &&
      prevLower.inclusive === !up.inclusive;
    if (up !== undefined && !implied) conds.push(upperTest(v, up, lit));
    covered = covered && (up === undefined || implied);
    prevLower = band.lower;
    const cond =
      conds.length === 0 ? null : conds.length === 1 ? conds[0]! : `AND(${conds.join(",")})`;
    tests.push({ cond, label: band.label });
    if (cond === null) break; // catches everything left
  }
  // Not in any band: the gap text DTI.GRADE and the ranked sheets give ("Chưa xếp loại (giữa …)").
  let body = tests[tests.length - 1]?.cond === null ? "NA()" : gapChain(v, scheme, lit);
  for (let i = tests.length - 1; i >= 0; i--) {
    const t = tests[i]!;
    body = t.cond === null ? textLiteral(t.label) : `IF(${t.cond},${textLiteral(t.label)},${body})`;
  }
  return `=${guarded(p, m, body)}`;
}

/**
 * The gap texts as a chain of IFs over the regions between band bounds: the grade (band, gap and its
 * neighbours) is the same everywhere inside a region, so a region's midpoint tells its text. Runs of
 * regions with the same gap text are one test; NA() is left for what no gap holds (a band does).
 */
function gapChain(v: string, scheme: GradeScheme, lit: Lit = numLit): string {
  const bounds = [
    ...new Set(
      scheme.bands.flatMap((b) => [b.lower?.value, b.upper?.value]).filter((x) => x !== undefined)
    ),
  ].sort((a, b) => a - b);
  type Region = { lo: number | null; hi: number | null; point: boolean; text: string | null };
  const regions: Region[] = [];
  const textAt = (x: number): string | null => {
    const g = gradeOfBasis(x, scheme);
    return g.kind === "gap" ? gapLabel(g.below, g.above) : null;
  };
  const first = bounds[0];
  if (first === undefined) return "NA()";
  regions.push({ lo: null, hi: first, point: false, text: textAt(first - 1) });
  bounds.forEach((b, i) => {
    regions.push({ lo: b, hi: b, point: true, text: textAt(b) });
    const next = bounds[i + 1];
    regions.push({
      lo: b,
      hi: next ?? null,
      point: false,
      text: textAt(next === undefined ? b + 1 : (b + next) / 2),
    });
  });
  const runs: { from: Region; to: Region; text: string }[] = [];
  for (const r of regions) {
    const last = runs[runs.length - 1];
    if (r.text === null) continue;
    if (
      last !== undefined &&
      last.text === r.text &&
      regions.indexOf(last.to) === regions.indexOf(r) - 1
    )
      last.to = r;
    else runs.push({ from: r, to: r, text: r.text });
  }
  let body = "NA()";
  for (let i = runs.length - 1; i >= 0; i--) {
    const { from, to, text } = runs[i]!;
    const conds: string[] = [];
    if (from.lo !== null) conds.push(`${v}${from.point ? ">=" : ">"}${lit(from.lo)}`);
    if (to.hi !== null) conds.push(`${v}${to.point ? "<=" : "<"}${lit(to.hi)}`);
    const cond =
      conds.length === 0 ? null : conds.length === 1 ? conds[0]! : `AND(${conds.join(",")})`;
    body = cond === null ? textLiteral(text) : `IF(${cond},${textLiteral(text)},${body})`;
  }
  return body;
}

/** DTI.GAP twin: points to the lowest band bound not yet reached; "" when every bound is reached. */
export function gapFormula(
  pointsRef: string,
  maxRef: RefOrNumber,
  scheme: GradeScheme,
  bandRefs?: BandRefs
): string {
  return fitting("gap", scheme, bandRefs, (refs) =>
    gapFormulaOver(pointsRef, maxRef, scheme, refs)
  );
}

/** gapFormula in one form, whatever its length. */
function gapFormulaOver(
  pointsRef: string,
  maxRef: RefOrNumber,
  scheme: GradeScheme,
  bandRefs: BandRefs | undefined
): string {
  const p = pointsRef;
  const m = ref(maxRef);
  const v = basisExpr(p, m, scheme);
  if (bandRefs?.block !== undefined)
    return `=${guarded(p, m, blockGap(p, m, v, scheme, bandRefs.block))}`;
  const lit = boundLiteral(scheme, bandRefs);
  const lowers = scheme.bands
    .map((b) => b.lower)
    .filter((l): l is NonNullable<GradeBand["lower"]> => l !== undefined)
    .sort((a, b) => b.value - a.value);
  const need = (lo: NonNullable<GradeBand["lower"]>): string => {
    const threshold = scheme.basis === "points" ? lit(lo.value) : `${lit(lo.value)}/100*${m}`;
    const step = lo.inclusive ? "" : `+${EXCLUSIVE_STEP}`;
    return `MAX(0,ROUND(${threshold}-${p}${step},${COMPARE_DECIMALS}))`;
  };
  // lowers[0] is the highest bound: reached → top band, nothing to gain
  let body = lowers.length > 0 ? need(lowers[lowers.length - 1]!) : '""';
  for (let i = lowers.length - 1; i >= 0; i--) {
    body = `IF(${lowerTest(v, lowers[i]!, lit)},${i === 0 ? '""' : need(lowers[i - 1]!)},${body})`;
  }
  return `=${guarded(p, m, body)}`;
}

// ---------------------------------------------------------------------------------------------
// Grade and gap over the rules sheet's band block (no literal bound, kind or band in the formula)
// ---------------------------------------------------------------------------------------------

/**
 * 1 where the cell holds one of the texts, else 0 (MATCH ignores case, as the reader does), as an
 * array over a range inside SUMPRODUCT: the SUMPRODUCT(--ISNUMBER(MATCH(range,{…},0))) idiom.
 */
function anyOf(range: string, texts: readonly string[]): string {
  const list = texts.map((t) => `"${t.replace(/"/g, '""')}"`).join(",");
  return `ISNUMBER(MATCH(${range},{${list}},0))`;
}

/** Row arrays (1/0 per row of the block) for a basis value `v`, as the engine's bandContains. */
function blockArrays(v: string, b: BandBlock) {
  const lx = anyOf(b.lowerKind, b.lowerExclusive);
  const ux = anyOf(b.upperKind, b.upperInclusive);
  // A blank bound is open; comparisons (never arithmetic) on the cells, so text gives 0, not #VALUE!.
  const lok = `((${b.lower}="")+(${b.lower}<>"")*((${v}>${b.lower})+(1-${lx})*(${v}=${b.lower})))`;
  const uok = `((${b.upper}="")+(${b.upper}<>"")*((${v}<${b.upper})+${ux}*(${v}=${b.upper})))`;
  const ne = `(${b.labels}<>"")`;
  const pos = `(ROW(${b.labels})-MIN(ROW(${b.labels}))+1)`;
  return { lok, uok, ne, pos, inBand: `${ne}*${lok}*${uok}` };
}

/**
 * The row of the nearest band wholly above v (its lower bound not reached): with bands highest
 * first, the last such row; 0 when none (v is in the top band).
 */
function nearestAboveRow(a: ReturnType<typeof blockArrays>): string {
  return `SUMPRODUCT(MAX(${a.ne}*(1-${a.lok})*${a.pos}))`;
}

const NO_ROW = 100000;

/**
 * DTI.GRADE twin over the band block: the label of the one row whose bounds hold v; in a gap, the
 * gap text naming the nearest bands below and above (gapLabel); two rows holding v (overlapping
 * bands, an error of the rules sheet) → #N/A.
 */
function blockGrade(v: string, b: BandBlock): string {
  const a = blockArrays(v, b);
  const count = `SUMPRODUCT(${a.inBand})`;
  const above = nearestAboveRow(a);
  const belowMask = `${a.ne}*(1-${a.uok})`;
  const below = `SUMPRODUCT(MIN(${belowMask}*${a.pos}+(1-${belowMask})*${NO_ROW}))`;
  const label = (row: string) => `INDEX(${b.labels},${row})`;
  const BELOW = "B";
  const ABOVE = "A";
  const text = (lo: string | null, hi: string | null): string =>
    gapLabel(lo === null ? null : BELOW, hi === null ? null : ABOVE)
      .split("")
      .map((piece) =>
        piece === "B" && lo !== null
          ? label(lo)
          : piece === "A" && hi !== null
            ? label(hi)
            : piece === ""
              ? ""
              : textLiteral(piece)
      )
      .filter((x) => x !== "")
      .join("&");
  const gap =
    `IF(${below}<${NO_ROW},IF(${above}>0,${text(below, above)},${text(below, null)}),` +
    `IF(${above}>0,${text(null, above)},${text(null, null)}))`;
  return `IF(${count}=1,${label(`SUMPRODUCT(${a.inBand}*${a.pos})`)},IF(${count}>1,NA(),${gap}))`;
}

/**
 * DTI.GAP twin over the band block: points to the lower bound of the nearest band above (plus
 * 0.01 when that bound is exclusive, "trên …"); "" in the top band.
 */
function blockGap(p: string, m: string, v: string, scheme: GradeScheme, b: BandBlock): string {
  const a = blockArrays(v, b);
  const row = nearestAboveRow(a);
  const lo = `INDEX(${b.lower},${row})`;
  const threshold = scheme.basis === "points" ? lo : `${lo}/100*${m}`;
  const kind = `INDEX(${b.lowerKind},${row})`;
  const step = `${anyOf(kind, b.lowerExclusive)}*${EXCLUSIVE_STEP}`;
  return `IF(${row}=0,"",MAX(0,ROUND(${threshold}-${p}+${step},${COMPARE_DECIMALS})))`;
}

/** DTI.PERCENT twin. */
export function percentFormula(pointsRef: string, maxRef: RefOrNumber): string {
  const m = ref(maxRef);
  return `=${guarded(pointsRef, m, `${pointsRef}/${m}*100`)}`;
}

/** DTI.INDEX twin (0..1). */
export function indexFormula(pointsRef: string, maxRef: RefOrNumber): string {
  const m = ref(maxRef);
  return `=${guarded(pointsRef, m, `${pointsRef}/${m}`)}`;
}

/**
 * DTI.RANK twin. Competition: COUNTIF(S) of higher totals + 1 (the RANK.EQ result, without its #N/A
 * when the value is not in the range). Dense: SUMPRODUCT over distinct higher totals.
 */
export function rankFormula(
  pointsRef: string,
  allPointsRange: string,
  groupsRange?: string,
  groupRef?: string,
  policy: "competition" | "dense" = "competition"
): string {
  const p = pointsRef;
  const all = allPointsRange;
  const grouped = groupsRange !== undefined && groupRef !== undefined;
  let body: string;
  if (policy === "competition") {
    body = grouped
      ? `COUNTIFS(${all},">"&${p},${groupsRange},${groupRef})+1`
      : `COUNTIF(${all},">"&${p})+1`;
  } else {
    body = grouped
      ? `SUMPRODUCT(ISNUMBER(${all})*(${all}>${p})*(${groupsRange}=${groupRef})/COUNTIFS(${all},${all}&"",${groupsRange},${groupsRange}&""))+1`
      : `SUMPRODUCT(ISNUMBER(${all})*(${all}>${p})/COUNTIF(${all},${all}&""))+1`;
  }
  return `=IF(${p}="","",${body})`;
}

/**
 * DTI.PROPORTIONAL twin: SUM(actual) / SUM(max) × component max; "" while a component is not entered
 * (an entry above its max is an error first).
 */
export function proportionalFormula(
  actualRange: string,
  maxRange: string,
  componentMaxRef: RefOrNumber
): string {
  const a = actualRange;
  const mx = maxRange;
  const cm = ref(componentMaxRef);
  return (
    `=IF(OR(${cm}<=0,SUMPRODUCT((${a}<>"")*(${a}>${mx}))>0),NA(),` +
    `IF(SUMPRODUCT((${a}="")*(${mx}<>""))>0,"",SUM(${a})/SUM(${mx})*${cm}))`
  );
}

/** DTI.RATIO twin: a / b × max. */
export function ratioFormula(aRef: string, bRef: string, maxRef: RefOrNumber): string {
  const m = ref(maxRef);
  return `=IF(${m}<=0,NA(),IF(OR(${aRef}="",${bRef}=""),"",IF(OR(${aRef}<0,${bRef}<=0,${aRef}>${bRef}),NA(),${aRef}/${bRef}*${m})))`;
}

/**
 * DTI.STEP twin: the points of the highest threshold reached (thresholds ≥ 0, any order), else 0.
 * SUMPRODUCT(MAX(…)) evaluates the array without Ctrl+Shift+Enter in Excel 2016.
 */
export function stepFormula(
  valueRef: string,
  thresholdsRange: string,
  pointsRange: string
): string {
  const v = valueRef;
  const t = thresholdsRange;
  return `=IF(${v}="","",IF(COUNTIF(${t},"<="&${v})=0,0,SUMIF(${t},SUMPRODUCT(MAX(ISNUMBER(${t})*(${t}<=${v})*${t})),${pointsRange})))`;
}

/**
 * DTI.NUMBER twin (partial, see the module note): numbers pass; text with a decimal comma is read with
 * NUMBERVALUE(text, ",", "."); text with one dot and not exactly three digits after it is a decimal dot;
 * any other dotted text (could be a thousands group) → #N/A.
 */
export function numberFormula(textRef: string): string {
  const t = `SUBSTITUTE(${textRef}," ","")`;
  const hasComma = `ISNUMBER(FIND(",",${t}))`;
  const dots = `(LEN(${t})-LEN(SUBSTITUTE(${t},".","")))`;
  const afterDot = `(LEN(${t})-FIND(".",${t}))`;
  return (
    `=IF(${textRef}="","",IF(ISNUMBER(${textRef}),${textRef},IF(${hasComma},NUMBERVALUE(${t},",","."),` +
    `IF(${dots}=0,NUMBERVALUE(${t},",","."),IF(AND(${dots}=1,${afterDot}<>3),NUMBERVALUE(${t},".",","),NA())))))`
  );
}

const SENTINEL = "\u0001";

/** A catalogue message as a formula expression: params become cell expressions. */
function messageExpr<C extends IssueCode>(
  code: C,
  params: ParamsOf<C> & Record<string, string>
): string {
  const sentinelParams: IssueParams = Object.fromEntries(
    Object.keys(params).map((k) => [k, `${SENTINEL}${k}${SENTINEL}`])
  );
  // The params are placeholders (cell expressions): the text is rendered with them unchecked.
  const text = issueText(untypedIssue(code, sentinelParams), "vi");
  const pieces = text.split(SENTINEL);
  const out: string[] = [];
  pieces.forEach((piece, i) => {
    if (i % 2 === 1) out.push(params[piece] ?? textLiteral(piece));
    else if (piece !== "") out.push(textLiteral(piece));
  });
  return out.length === 0 ? '""' : out.join("&");
}

/** A number shown as the messages show it: at most 4 decimals, decimal comma. */
const viNumber = (r: string): string => `SUBSTITUTE(ROUND(${r},4)&"",".",",")`;

/**
 * DTI.CHECK twin: "" when fine, else the same Vietnamese text as the catalogue (blank, not a number,
 * negative, above max, missing evidence, error in the cell). A bad max → #N/A.
 */
export function checkFormula(scoreRef: string, maxRef: RefOrNumber, evidenceRef?: string): string {
  const s = scoreRef;
  const m = ref(maxRef);
  const errText = `CHOOSE(ERROR.TYPE(${s}),"#NULL!","#DIV/0!","#VALUE!","#REF!","#NAME?","#NUM!","#N/A","#GETTING_DATA")`;
  const evidence =
    evidenceRef === undefined
      ? '""'
      : `IF(AND(${s}>0,TRIM(${evidenceRef}&"")=""),${messageExpr("missing_evidence", { value: viNumber(s) })},"")`;
  const body =
    `IF(ISERROR(${s}),${messageExpr("formula_error", { text: errText })},` +
    `IF(${s}="",${messageExpr("score_blank", {})},` +
    `IF(NOT(ISNUMBER(${s})),${messageExpr("not_a_number", { text: `${s}&""` })},` +
    `IF(${s}<0,${messageExpr("negative_score", { value: viNumber(s), max: viNumber(m) })},` +
    `IF(${s}>${m},${messageExpr("score_above_max", { value: viNumber(s), max: viNumber(m) })},` +
    `${evidence})))))`;
  return `=IF(OR(NOT(ISNUMBER(${m})),${m}<=0),NA(),${body})`;
}

/** Functions newer than Excel 2010 that an .xlsx file must spell with the "_xlfn." prefix. */
const FUTURE_FUNCTIONS = ["NUMBERVALUE"] as const;

/**
 * A formula as stored inside an .xlsx file (ExcelJS): newer functions carry the "_xlfn." prefix, or
 * Excel and LibreOffice read them as #NAME?. Office.js (range.formulas) takes the plain formula.
 */
export function formulaForFile(formula: string): string {
  let out = formula;
  for (const fn of FUTURE_FUNCTIONS) {
    out = out.replace(new RegExp(`(?<![._A-Za-z0-9])${fn}\\(`, "g"), `_xlfn.${fn}(`);
  }
  return out;
}
