/**
 * Over 400 lines: every check runs over the same prepared index in one pass (speed: a 3,321-unit
 * matrix).
 *
 * Validation: every problem in an indicator set and its entries as an Issue (a value, never an
 * exception), each pointing at its sheet and cell. Messages come from the catalogues.
 */
import { quoteSheet } from "../address";
import {
  type CellRef,
  type EnteredNumber,
  type Indicator,
  type IndicatorSet,
  type Issue,
  type IssueCode,
  type ParamsOf,
  type Recognized,
  type ScoreEntry,
  type Severity,
  type Unit,
} from "../model/types";
import { parseVnNumber } from "../numbers/vn-number";
import { foldName } from "../text/normalize";
import { CLEAN, HAS_EVIDENCE, isBlankRaw } from "../score/columns";
import { prepare, type Prepared } from "../score/prepare";

const CLEAN_BIT = CLEAN;
const EVIDENCE_BIT = HAS_EVIDENCE;

/** Limits a re-check to some units and/or indicator codes (live validation after an edit). */
export interface ValidateScope {
  readonly units?: readonly string[];
  readonly codes?: readonly string[];
}

// Hot-loop helpers kept in this module: calls across modules go through export getters under tsx/CJS.
function entryAt(p: Prepared, k: number): ScoreEntry | undefined {
  const j = p.entryIdx[k] as number;
  return j < 0 ? undefined : p.entries[j];
}

function isBlank(n: EnteredNumber | null | undefined): boolean {
  if (n === null || n === undefined) return true;
  if (n.points !== null) return false;
  const raw = n.raw;
  return raw === null || (typeof raw === "string" && raw.trim() === "");
}

/** Tolerance when comparing entered figures (forms show 2 decimals). */
const SUM_TOLERANCE = 0.005;
const EPS = 1e-9;

function issue<C extends IssueCode>(
  code: C,
  severity: Severity,
  cell: CellRef | undefined,
  params: ParamsOf<C>,
  unit?: string,
  indicator?: string
): Issue {
  // Assigned, not spread: a 3,321-unit check makes ~280k issues, and three spreads each cost more
  // than the rest of the check of a cell. Same keys in the same order. The usual issue (cell, unit
  // and indicator known) is one literal: properties added after `{ code, severity }` go to a
  // separate backing store, 17 MB more at 3,321 units (heap snapshot of `dti rank --out`).
  if (cell !== undefined && unit !== undefined && indicator !== undefined)
    return { code, severity, cell, unit, indicator, params } as Issue;
  const out: { -readonly [K in keyof Issue]?: Issue[K] } = { code, severity };
  if (cell !== undefined) out.cell = cell;
  if (unit !== undefined) out.unit = unit;
  if (indicator !== undefined) out.indicator = indicator;
  out.params = params;
  return out as Issue;
}

function cellText(c: CellRef | undefined): string {
  return c ? `${quoteSheet(c.sheet)}!${c.cell}` : "";
}

/** Where the first of two duplicates is: its cell, or "#N" (its place in the list) when it has none. */
function firstWhere(c: CellRef | undefined, position: number | undefined): string {
  return c ? cellText(c) : `#${position ?? 1}`;
}

/** The largest maximum points accepted for one indicator (DTI sets total 1,000 at most). */
const MAX_POINTS_LIMIT = 100_000;

/** A usable maximum (finite, above 0, at most MAX_POINTS_LIMIT), else null. */
function validMax(max: number | null): number | null {
  return max !== null && Number.isFinite(max) && max > 0 && max <= MAX_POINTS_LIMIT ? max : null;
}

/** Excel keeps at most 32,767 characters in a cell (Excel specifications and limits). */
const EXCEL_TEXT_LIMIT = 32_767;

/** A name longer than a cell can hold: a warning (the sheet writers cut it at the limit). */
function checkText(
  text: string,
  cell: CellRef | undefined,
  out: Issue[],
  unit?: Unit,
  code?: string
): void {
  if (text.length <= EXCEL_TEXT_LIMIT) return;
  out.push(
    issue(
      "text_too_long",
      "warning",
      cell,
      {
        length: text.length,
        limit: EXCEL_TEXT_LIMIT,
        ...(unit !== undefined ? { unitName: unit.name.slice(0, 60) + "…" } : {}),
      },
      unit?.id,
      code
    )
  );
}

/** What an entered cell holds, read the way scoring reads it: a number, null (blank) or undefined (unusable). */
type Reading = number | null | undefined;

/**
 * Checks one entered number: raises not-a-number / ambiguous / formula error / Vietnamese-number
 * issues and returns what it holds. The recogniser already parsed `points`; `raw` tells which issue.
 */
function readEntered(
  en: EnteredNumber | null | undefined,
  out: Issue[],
  unit: Unit,
  code: string
): Reading {
  if (en === null || en === undefined) return BLANK;
  const raw = en.raw;
  if (en.points !== null && typeof raw === "number") return en.points;
  if (en.points === null && isBlankRaw(raw)) return BLANK;
  const parsed = parseVnNumber(raw);
  const base = { unitName: unit.name };
  switch (parsed.kind) {
    case "number": {
      const value = en.points ?? parsed.value;
      if (parsed.typedAsText)
        out.push(
          issue(
            "vn_number_parsed",
            "warning",
            en.cell,
            { ...base, text: typeof raw === "string" ? raw : String(value), value },
            unit.id,
            code
          )
        );
      return value;
    }
    case "blank":
      return en.points !== null ? en.points : BLANK;
    case "ambiguous":
      out.push(
        issue(
          "ambiguous_number",
          "error",
          en.cell,
          {
            ...base,
            text: parsed.text,
            first: parsed.candidates[0] ?? null,
            second: parsed.candidates[1] ?? null,
          },
          unit.id,
          code
        )
      );
      return BAD;
    case "error":
      out.push(
        issue("formula_error", "error", en.cell, { ...base, text: parsed.text }, unit.id, code)
      );
      return BAD;
    case "not-a-number":
      out.push(
        issue("not_a_number", "error", en.cell, { ...base, text: parsed.text }, unit.id, code)
      );
      return BAD;
  }
}

const BLANK: Reading = null;
const BAD: Reading = undefined;

/** Is the component covered by a special rule for this unit (so a blank is expected, not missing)? */
export function coveredByRule(p: Prepared, u: number, i: number): boolean {
  const unit = p.units[u] as Unit;
  const ind = p.indicators[i] as Indicator;
  const rules = p.profile.specialRules;
  if (p.excluded !== null && p.excluded[u * p.indicators.length + i] === 1) return true;
  if (rules.notApplicableToMax && unit.notApplicable.length > 0 && isNotApplicable(p, unit, i))
    return true;
  const c = p.concern[i];
  if (rules.peerMaxForNoSubordinates && c === "subordinate-units" && !unit.hasSubordinateUnits)
    return true;
  if (rules.proportionalDvctt !== null && c === "dvctt" && !unit.hasDvctt) return true;
  return !ind.scored;
}

/** A component (or one of its ancestors below the main index) is listed as not applicable to the unit. */
export function isNotApplicable(p: Prepared, unit: Unit, i: number): boolean {
  if (unit.notApplicable.length === 0) return false;
  let ind: Indicator | undefined = p.indicators[i];
  for (let guard = 0; ind !== undefined && guard < 64; guard++) {
    if (unit.notApplicable.includes(ind.code)) return true;
    if (ind.level === "main" || ind.parentCode === null) return false;
    const parent = p.codeIndex.get(ind.parentCode);
    ind = parent === undefined ? undefined : p.indicators[parent];
  }
  return false;
}

function checkRange(
  value: number,
  max: number | null,
  allowAboveMax: boolean,
  allowNegative: boolean,
  cell: CellRef | undefined,
  out: Issue[],
  unit: Unit,
  code: string
): boolean {
  if (!allowNegative && value < 0) {
    out.push(
      issue(
        "negative_score",
        "error",
        cell,
        { unitName: unit.name, value, max: max ?? null },
        unit.id,
        code
      )
    );
    return false;
  }
  if (!allowAboveMax && max !== null && Math.abs(value) > max + EPS) {
    out.push(
      issue("score_above_max", "error", cell, { unitName: unit.name, value, max }, unit.id, code)
    );
    return false;
  }
  return true;
}

/** Checks the numbers a unit entered for one leaf (or childless main index). Returns false when blank. */
function checkEntry(
  p: Prepared,
  u: number,
  i: number,
  entry: ScoreEntry | undefined,
  out: Issue[]
): void {
  const unit = p.units[u] as Unit;
  const ind = p.indicators[i] as Indicator;
  const code = ind.code;
  const method = ind.method.kind;
  if (method === "unscored" || !ind.scored) return;
  // Fast path, by far the most common case: clean numbers in range, evidence given.
  if (method === "direct" && entry !== undefined && validMax(ind.maxPoints) !== null) {
    const sp = entry.self?.points ?? null;
    const sr = entry.self?.raw ?? null;
    const ap = entry.appraised?.points ?? null;
    const ar = entry.appraised?.raw ?? null;
    const max = (ind.maxPoints ?? 0) + EPS;
    if (
      sp !== null &&
      typeof sr === "number" &&
      sp >= 0 &&
      sp <= max &&
      (ar === null || (ap !== null && typeof ar === "number" && ap >= 0 && ap <= sp + EPS)) &&
      (!p.hasEvidenceColumn || (entry.evidence !== undefined && entry.evidence.trim() !== ""))
    )
      return;
  }
  const covered = coveredByRule(p, u, i);
  const self = readEntered(entry?.self, out, unit, code);
  const appr = readEntered(entry?.appraised, out, unit, code);
  // An unusable maximum (0, negative, 1e308) is reported once on its row (max_invalid), not per score.
  const max = method === "bonus" || method === "penalty" ? ind.maxPoints : validMax(ind.maxPoints);
  const allowNegative = method === "penalty";
  // Methods where the entered figure is a count or a raw value, not points out of max.
  const rawValued =
    method === "ratio" ||
    method === "step" ||
    method === "normalised-to-best" ||
    method === "capped-sum";
  const bonusLike = method === "bonus" || method === "penalty";
  const maxForRange = rawValued || (bonusLike && (max === null || max <= 0)) ? null : max;
  let selfOk = false;
  let apprOk = false;
  if (typeof self === "number")
    selfOk = checkRange(
      self,
      maxForRange,
      false,
      allowNegative,
      entry?.self?.cell,
      out,
      unit,
      code
    );
  if (typeof appr === "number")
    apprOk = checkRange(
      appr,
      maxForRange,
      false,
      allowNegative,
      entry?.appraised?.cell,
      out,
      unit,
      code
    );
  if (selfOk && apprOk && typeof self === "number" && typeof appr === "number") {
    if (appr > self + EPS)
      out.push(
        issue(
          "appraised_above_self",
          "warning",
          entry?.appraised?.cell,
          { unitName: unit.name, self: self, appraised: appr },
          unit.id,
          code
        )
      );
  }
  // Method-specific inputs.
  let otherInput = false;
  if (method === "ratio" && entry !== undefined) {
    const den = readEntered(entry.denominator, out, unit, code);
    if (typeof den === "number") {
      checkRange(den, null, true, false, entry.denominator?.cell, out, unit, code);
      const a = typeof appr === "number" ? appr : typeof self === "number" ? self : null;
      if (a !== null && den >= 0 && a > den + EPS)
        out.push(
          issue(
            "score_above_max",
            "error",
            (typeof appr === "number" ? entry.appraised?.cell : entry.self?.cell) ??
              entry.denominator?.cell,
            { unitName: unit.name, value: a, max: den },
            unit.id,
            code
          )
        );
    } else if (den === null && (typeof self === "number" || typeof appr === "number") && !covered) {
      out.push(
        issue(
          "score_blank",
          "warning",
          entry.denominator?.cell ?? entry.self?.cell,
          { unitName: unit.name, field: "denominator" },
          unit.id,
          code
        )
      );
    }
  }
  if (method === "capped-sum" && entry?.items !== undefined) {
    for (const item of entry.items) {
      const r = readEntered(item, out, unit, code);
      if (typeof r === "number") {
        otherInput = true;
        checkRange(r, null, true, false, item.cell, out, unit, code);
      }
    }
  }
  if (method === "fraction" && entry?.option !== undefined && entry.option.trim() !== "") {
    otherInput = true;
    const folded = foldName(entry.option);
    const options = ind.method.kind === "fraction" ? ind.method.options : [];
    if (!options.some((o) => foldName(o.label) === folded))
      out.push(
        issue(
          "not_a_number",
          "error",
          entry.self?.cell ?? entry.appraised?.cell,
          { unitName: unit.name, text: entry.option },
          unit.id,
          code
        )
      );
  }
  const blank = self === null && appr === null && !otherInput;
  if (blank && !covered && !bonusLike) {
    out.push(
      issue(
        "score_blank",
        "warning",
        entry?.self?.cell ?? entry?.appraised?.cell ?? unit.cell,
        { unitName: unit.name },
        unit.id,
        code
      )
    );
  }
  // Evidence: only when the data has an evidence column, for a score above 0.
  if (p.hasEvidenceColumn && entry !== undefined && !covered) {
    const value = typeof appr === "number" ? appr : typeof self === "number" ? self : 0;
    if (value > 0 && (entry.evidence === undefined || entry.evidence.trim() === ""))
      out.push(
        issue(
          "missing_evidence",
          "warning",
          entry.evidenceCell ?? entry.self?.cell,
          { unitName: unit.name, value },
          unit.id,
          code
        )
      );
  }
}

/** A main index's entered figure against the sum of its components' entered figures (same column). */
function checkSum(p: Prepared, u: number, m: number, out: Issue[]): void {
  const entry = entryAt(p, u * p.indicators.length + m);
  if (entry === undefined) return;
  const useAppraised = !isBlank(entry.appraised);
  const fig = useAppraised ? entry.appraised : entry.self;
  if (fig === null || fig === undefined || fig.points === null) return;
  let sum = 0;
  let any = false;
  const stack = [...(p.children[m] ?? [])];
  while (stack.length > 0) {
    const c = stack.pop() as number;
    const kids = p.children[c] ?? [];
    if (kids.length > 0) {
      stack.push(...kids);
      continue;
    }
    const e = entryAt(p, u * p.indicators.length + c);
    const v = useAppraised ? e?.appraised : e?.self;
    if (v?.points !== null && v?.points !== undefined) {
      sum += v.points;
      any = true;
    }
  }
  if (!any) return;
  if (Math.abs(sum - fig.points) > SUM_TOLERANCE) {
    const unit = p.units[u] as Unit;
    const code = (p.indicators[m] as Indicator).code;
    out.push(
      issue(
        "sum_mismatch",
        "warning",
        fig.cell,
        { unitName: unit.name, entered: fig.points, sum: Math.round(sum * 1e6) / 1e6 },
        unit.id,
        code
      )
    );
  }
}

function checkIndicators(p: Prepared, codes: ReadonlySet<string> | null, out: Issue[]): void {
  const seen = new Map<string, Indicator>();
  const seenAt = new Map<string, number>();
  const inScope = (code: string): boolean => codes === null || codes.has(code);
  p.indicators.forEach((ind, i) => {
    if (!seenAt.has(ind.code)) seenAt.set(ind.code, i + 1);
    if (inScope(ind.code)) checkText(ind.name, ind.cell, out, undefined, ind.code);
    const first = seen.get(ind.code);
    if (first !== undefined) {
      if (inScope(ind.code))
        out.push(
          issue(
            "duplicate_code",
            "error",
            ind.cell,
            { firstCell: firstWhere(first.cell, seenAt.get(ind.code)) },
            undefined,
            ind.code
          )
        );
    } else seen.set(ind.code, ind);
    const kind = p.kind[i];
    const method = ind.method.kind;
    const needsMax =
      p.scored[i] === true &&
      method !== "bonus" &&
      method !== "penalty" &&
      (kind === "leaf" || (kind === "main" && (p.children[i]?.length ?? 0) === 0));
    if (needsMax && ind.maxPoints === null && inScope(ind.code))
      out.push(issue("max_missing", "error", ind.cell, {}, undefined, ind.code));
    // A maximum of 0, below 0, or absurdly large (1e308) cannot score anything: an error at its row.
    if (needsMax && ind.maxPoints !== null && validMax(ind.maxPoints) === null && inScope(ind.code))
      out.push(
        issue(
          "max_invalid",
          "error",
          ind.cell,
          { value: ind.maxPoints, limit: MAX_POINTS_LIMIT },
          undefined,
          ind.code
        )
      );
    // A main index (or aggregate) whose max differs from the sum of its parts' maxima.
    const kids = p.children[i] ?? [];
    if ((kind === "main" || kind === "aggregate") && ind.maxPoints !== null && kids.length > 0) {
      let sum = 0;
      let complete = true;
      for (const k of kids) {
        const c = p.indicators[k] as Indicator;
        if (!p.scored[k] || c.method.kind === "bonus" || c.method.kind === "penalty") continue;
        if (c.maxPoints === null) complete = false;
        else sum += c.maxPoints;
      }
      const capped = kind === "aggregate";
      if (
        complete &&
        inScope(ind.code) &&
        (capped ? sum < ind.maxPoints - EPS : Math.abs(sum - ind.maxPoints) > EPS)
      )
        out.push(
          issue(
            "max_sum_mismatch",
            "warning",
            ind.cell,
            { sum, expected: ind.maxPoints, what: ind.code },
            undefined,
            ind.code
          )
        );
    }
  });
  // The set's total against the profile's group maxima (a reduced group max, as Lào Cai's 750, is expected).
  if (codes === null && p.top.length > 0) {
    let total = 0;
    for (const t of p.top) {
      const ind = p.indicators[t] as Indicator;
      if (!p.scored[t] || ind.method.kind === "bonus" || ind.method.kind === "penalty") continue;
      if (ind.maxPoints === null) return;
      total += ind.maxPoints;
    }
    const fixed = p.profile.groups.filter((g) => g.maxFromSet !== true);
    if (fixed.length > 0 && !fixed.some((g) => Math.abs(g.maxPoints - total) < EPS))
      out.push(
        issue("max_sum_mismatch", "warning", p.indicators[p.top[0] as number]?.cell, {
          sum: total,
          expected: fixed.map((g) => g.maxPoints).join(" / "),
          what: p.profile.name,
        })
      );
  }
}

/** foldName, remembered: live validation re-checks the same unit names on every edit. */
const FOLDED = new Map<string, string>();
function foldedName(name: string): string {
  let f = FOLDED.get(name);
  if (f === undefined) {
    f = foldName(name);
    if (FOLDED.size > 50_000) FOLDED.clear();
    FOLDED.set(name, f);
  }
  return f;
}

function checkUnits(p: Prepared, units: ReadonlySet<string> | null, out: Issue[]): void {
  const groupNames = p.profile.groups.map((g) => g.name).join("; ");
  // Folded name → index of the first unit with it.
  const firstOf = new Map<string, number>();
  p.units.forEach((unit, u) => {
    const inScope = units === null || units.has(unit.id);
    const key = foldedName(unit.name);
    if (inScope) checkText(unit.name, unit.cell, out, unit);
    const at = firstOf.get(key);
    if (at !== undefined) {
      if (inScope)
        out.push(
          issue(
            "duplicate_unit",
            "error",
            unit.cell,
            { unitName: unit.name, firstCell: firstWhere(p.units[at]?.cell, at + 1) },
            unit.id
          )
        );
    } else firstOf.set(key, u);
    if (!inScope) return;
    const gid = p.groupOf[u] ?? null;
    if (gid !== null) {
      if (!p.profile.groups.some((g) => g.id === gid))
        out.push(
          issue(
            "unknown_group",
            "error",
            unit.cell,
            { unitName: unit.name, group: unit.groupText ?? gid, groups: groupNames },
            unit.id
          )
        );
      return;
    }
    const text = unit.groupText?.trim() ?? "";
    if (text === "")
      out.push(
        issue(
          "unit_without_group",
          "error",
          unit.cell,
          { unitName: unit.name, groups: groupNames },
          unit.id
        )
      );
    else
      out.push(
        issue(
          "unknown_group",
          "error",
          unit.cell,
          { unitName: unit.name, group: text, groups: groupNames },
          unit.id
        )
      );
  });
}

/** All issues in a set and its entries; `scope` limits the check to some units and/or codes. */
export function validate(set: IndicatorSet, data: Recognized, scope?: ValidateScope): Issue[] {
  const only = scope?.units !== undefined ? new Set(scope.units) : undefined;
  return validatePrepared(prepare(set, data, only), scope);
}

/** validate() over an already prepared index (evaluate() prepares once for validation and scoring). */
export function validatePrepared(p: Prepared, scope?: ValidateScope): Issue[] {
  const out: Issue[] = [];
  const units = scope?.units !== undefined ? new Set(scope.units) : null;
  const codes = scope?.codes !== undefined ? new Set(scope.codes) : null;
  if (units === null) checkIndicators(p, codes, out);
  if (codes === null) checkUnits(p, units, out);
  const n = p.indicators.length;
  // Which indicators have their entries checked: leaves and childless main indices.
  const checked: number[] = [];
  const sums: number[] = [];
  p.indicators.forEach((ind, i) => {
    const kind = p.kind[i];
    const childless = (p.children[i]?.length ?? 0) === 0;
    const inScope = codes === null || codes.has(ind.code);
    if ((kind === "leaf" || (kind === "main" && childless)) && inScope) checked.push(i);
    if (kind === "main" && !childless) {
      const kids = p.children[i] ?? [];
      if (inScope || kids.some((k) => codes?.has(p.indicators[k]?.code ?? "") === true))
        sums.push(i);
    }
  });
  const onlyTotals = p.indicators.length === 0;
  const flags = p.flags;
  const needEvidence = p.hasEvidenceColumn;
  const directMax = new Uint8Array(n);
  p.indicators.forEach((ind, i) => {
    if (ind.method.kind === "direct" && ind.maxPoints !== null && p.scored[i]) directMax[i] = 1;
  });
  const excluded = p.excluded;
  for (let u = 0; u < p.units.length; u++) {
    const unit = p.units[u] as Unit;
    if (units !== null && !units.has(unit.id)) continue;
    const base = u * n;
    for (const i of checked) {
      const k = base + i;
      if (excluded !== null && excluded[k] === 1) {
        // Does not apply to the unit (rules sheet block 9): a score there is not counted; say so.
        const e = entryAt(p, k);
        if (e !== undefined && (!isBlank(e.appraised) || !isBlank(e.self)))
          out.push(
            issue(
              "score_not_applicable_to_unit",
              "warning",
              isBlank(e.appraised) ? e.self?.cell : e.appraised?.cell,
              { unitName: unit.name, code: (p.indicators[i] as Indicator).code },
              unit.id,
              (p.indicators[i] as Indicator).code
            )
          );
        continue;
      }
      const f = flags[k] as number;
      // Fast path: clean numbers with evidence need no further look.
      if (
        directMax[i] === 1 &&
        (f & CLEAN_BIT) !== 0 &&
        (!needEvidence || (f & EVIDENCE_BIT) !== 0)
      )
        continue;
      checkEntry(p, u, i, entryAt(p, k), out);
    }
    for (const m of sums) checkSum(p, u, m, out);
    const total = p.totalEntry[u];
    if (total !== undefined && (onlyTotals || !p.hasIndicatorEntries[u]) && codes === null) {
      const figure = isBlank(total.appraised) ? total.self : total.appraised;
      const r = readEntered(figure, out, unit, "TOTAL");
      const max = maxOfGroup(p, u);
      if (typeof r === "number") checkRange(r, max, false, false, figure?.cell, out, unit, "TOTAL");
      else if (r === null)
        out.push(
          issue(
            "score_blank",
            "warning",
            total.self?.cell ?? unit.cell,
            { unitName: unit.name },
            unit.id,
            "TOTAL"
          )
        );
    }
  }
  for (const e of p.strayEntries) {
    const u = p.unitIndex.get(e.unitId);
    const unit = u === undefined ? undefined : p.units[u];
    if (units !== null && !units.has(e.unitId)) continue;
    if (codes !== null && !codes.has(e.code)) continue;
    if (unit === undefined) continue;
    out.push(
      issue(
        "unknown_code",
        "error",
        e.self?.cell ?? e.appraised?.cell,
        { unitName: unit.name },
        unit.id,
        e.code
      )
    );
  }
  return out;
}

function maxOfGroup(p: Prepared, u: number): number | null {
  const g = p.profile.groups.find((x) => x.id === p.groupOf[u]);
  return g !== undefined && g.maxFromSet !== true ? g.maxPoints : null;
}
