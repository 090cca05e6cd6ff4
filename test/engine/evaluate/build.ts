/**
 * Builds Recognized data the way the DTI entry workbook lays it out ("Nhập điểm": one row per
 * indicator from row 6, per unit three columns from E: self, appraised, evidence), so tests read
 * like a spreadsheet and every issue points at a real cell.
 */
import { a1 } from "../../../src/engine/address";
import type {
  CellValue,
  Concern,
  EnteredNumber,
  Indicator,
  IndicatorSet,
  Recognized,
  RuleProfile,
  ScoreEntry,
  ScoringMethod,
  Unit,
} from "../../../src/engine/model/types";
import { parseVnNumber } from "../../../src/engine/numbers/vn-number";

export const SHEET = "Nhập điểm";
export const UNITS_SHEET = "Đơn vị";

export interface IndicatorSpec {
  readonly code: string;
  readonly max: number | null;
  readonly name?: string;
  readonly method?: ScoringMethod;
  readonly concerns?: Concern;
  readonly scored?: boolean;
  readonly level?: Indicator["level"];
}

export interface UnitSpec {
  readonly name: string;
  readonly group?: string | null;
  readonly groupText?: string;
  readonly sub?: boolean;
  readonly dvctt?: boolean;
  readonly special?: boolean;
  readonly na?: readonly string[];
}

/** A score cell: a value (self only), or [self, appraised], or [self, appraised, evidence]. */
export type ScoreSpec =
  CellValue | readonly [CellValue, CellValue] | readonly [CellValue, CellValue, string | null];

export interface DataSpec {
  readonly indicators: readonly IndicatorSpec[];
  readonly units: readonly UnitSpec[];
  /** scores[unitName][code] */
  readonly scores: Readonly<Record<string, Readonly<Record<string, ScoreSpec>>>>;
  /** Extra per-entry inputs: denominator / items / option, keyed by unitName then code. */
  readonly extra?: Readonly<
    Record<
      string,
      Readonly<Record<string, { denominator?: number; items?: readonly number[]; option?: string }>>
    >
  >;
  /** Give every entry an evidence cell (the column exists). Default true. */
  readonly evidenceColumn?: boolean;
  /** Entries for codes the set does not have (each at its own row below the table): stray[unitName][code]. */
  readonly stray?: Readonly<Record<string, Readonly<Record<string, CellValue>>>>;
}

function level(code: string): Indicator["level"] {
  const depth = code.split(".").length;
  return depth === 1 ? "main" : depth === 2 ? "component" : "criterion";
}

function parent(code: string): string | null {
  const i = code.lastIndexOf(".");
  return i < 0 ? null : code.slice(0, i);
}

/** An entered number as the recogniser gives it: points parsed where unambiguous, raw kept. */
export function enteredNumber(raw: CellValue, cell: string): EnteredNumber {
  const parsed = parseVnNumber(raw);
  return {
    points: parsed.kind === "number" ? parsed.value : null,
    raw,
    cell: { sheet: SHEET, cell },
  };
}

/** Cell of unit u's self score for indicator row r (0-based indices). */
export function selfCell(r: number, u: number): string {
  return a1(6 + r, 5 + 3 * u);
}
export function appraisedCell(r: number, u: number): string {
  return a1(6 + r, 6 + 3 * u);
}
export function evidenceCell(r: number, u: number): string {
  return a1(6 + r, 7 + 3 * u);
}

export function buildIndicators(specs: readonly IndicatorSpec[]): Indicator[] {
  return specs.map((s, r) => ({
    code: s.code,
    name: s.name ?? `Chỉ số ${s.code}`,
    level: s.level ?? level(s.code),
    maxPoints: s.max,
    method: s.method ?? (s.scored === false ? { kind: "unscored" } : { kind: "direct" }),
    scored: s.scored ?? true,
    ...(s.concerns !== undefined ? { concerns: s.concerns } : {}),
    parentCode: parent(s.code),
    cell: { sheet: SHEET, cell: a1(6 + r, 1) },
  }));
}

export function buildUnits(specs: readonly UnitSpec[]): Unit[] {
  return specs.map((s, u) => ({
    id: s.name,
    name: s.name,
    groupId: s.group === undefined ? "agencies" : s.group,
    ...(s.groupText !== undefined ? { groupText: s.groupText } : {}),
    hasSubordinateUnits: s.sub ?? true,
    hasDvctt: s.dvctt ?? true,
    specialPurpose: s.special ?? false,
    notApplicable: s.na ?? [],
    cell: { sheet: UNITS_SHEET, cell: a1(2 + u, 2) },
  }));
}

export function buildData(spec: DataSpec): Recognized {
  const indicators = buildIndicators(spec.indicators);
  const units = buildUnits(spec.units);
  const withEvidence = spec.evidenceColumn ?? true;
  const entries: ScoreEntry[] = [];
  units.forEach((unit, u) => {
    const scores = spec.scores[unit.name] ?? {};
    indicators.forEach((ind, r) => {
      const sc = scores[ind.code];
      const extra = spec.extra?.[unit.name]?.[ind.code];
      if (sc === undefined && extra === undefined && ind.level === "main") return;
      const [self, appraised, evidence] = Array.isArray(sc)
        ? (sc as readonly [CellValue, CellValue, (string | null)?])
        : [(sc ?? null) as CellValue, null, undefined];
      const ev = evidence === undefined ? "QĐ số 1/QĐ-UBND" : evidence;
      entries.push({
        unitId: unit.id,
        code: ind.code,
        self: enteredNumber(self, selfCell(r, u)),
        appraised: enteredNumber(appraised, appraisedCell(r, u)),
        ...(extra?.denominator !== undefined
          ? { denominator: enteredNumber(extra.denominator, a1(6 + r, 200 + u)) }
          : {}),
        ...(extra?.items !== undefined
          ? { items: extra.items.map((x, j) => enteredNumber(x, a1(6 + r, 300 + u * 10 + j))) }
          : {}),
        ...(extra?.option !== undefined ? { option: extra.option } : {}),
        ...(withEvidence
          ? {
              ...(ev !== null ? { evidence: ev } : {}),
              evidenceCell: { sheet: SHEET, cell: evidenceCell(r, u) },
            }
          : {}),
      });
    });
  });
  let strayRow = indicators.length;
  for (const [unitName, codes] of Object.entries(spec.stray ?? {})) {
    const u = units.findIndex((x) => x.name === unitName);
    for (const [code, raw] of Object.entries(codes)) {
      entries.push({
        unitId: unitName,
        code,
        self: enteredNumber(raw, selfCell(strayRow, u)),
        appraised: null,
      });
      strayRow++;
    }
  }
  return { layout: "matrix", indicators, units, entries, tableRange: "A4:Z200" };
}

export function buildSet(profile: RuleProfile, data: Recognized): IndicatorSet {
  return { profile, indicators: data.indicators };
}

/** Row index (0-based) of an indicator code in the spec. */
export function rowOf(spec: DataSpec, code: string): number {
  const r = spec.indicators.findIndex((i) => i.code === code);
  if (r < 0) throw new Error(`no indicator ${code}`);
  return r;
}

/** The self-score cell of unit `unitName` for `code`: cell("Sở A", "1.2") → "E8". */
export function cellOf(
  spec: DataSpec,
  unitName: string,
  code: string,
  column: "self" | "appraised" | "evidence" = "self"
): string {
  const u = spec.units.findIndex((x) => x.name === unitName);
  const r = rowOf(spec, code);
  return column === "self"
    ? selfCell(r, u)
    : column === "appraised"
      ? appraisedCell(r, u)
      : evidenceCell(r, u);
}

/** The units-sheet cell of a unit's name. */
export function unitCell(spec: DataSpec, unitName: string): string {
  return a1(2 + spec.units.findIndex((x) => x.name === unitName), 2);
}

/** A one-main-index set: main "1" with components 1.1..1.k of the given maxima. */
export function flatSet(maxima: readonly number[], main = "1"): IndicatorSpec[] {
  return [
    { code: main, max: maxima.reduce((a, b) => a + b, 0) },
    ...maxima.map((m, j) => ({ code: `${main}.${j + 1}`, max: m })),
  ];
}
