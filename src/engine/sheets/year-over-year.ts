/**
 * Year over year: last year's total, rank and grade beside this year's, matched by normalised unit
 * name ("UBND huyện Mai Sơn" = "Ủy ban nhân dân huyện Mai Sơn" = "Mai Sơn"). Units that do not match
 * are listed (on the sheet and as issues), never dropped.
 */
import type { Grid, Issue, Ranking, UnitResult } from "../model/types";
import { foldName } from "../text/normalize";

export interface LastYearUnit {
  readonly name: string;
  readonly totalPoints: number | null;
  /** Fraction of the applicable maximum (0..1), when known. */
  readonly percentOfMax: number | null;
  readonly rank: number | null;
  readonly grade: string | null;
  /** The group name as last year's sheet gave it, when known. */
  readonly group?: string;
}

export interface LastYearRanking {
  readonly year: number | null;
  /** Where it came from ("sheet 'XH - Sở ban ngành'", a file name), for the subtitle and issues. */
  readonly source: string;
  /** Last year's maximum points; when it differs from this year's, changes compare % of max. */
  readonly scale: number | null;
  readonly units: readonly LastYearUnit[];
}

export interface YearOverYearMatch {
  /** Last year's row per this year's unit id. */
  readonly byUnit: ReadonlyMap<string, LastYearUnit>;
  /** This year's units without a row last year. */
  readonly unmatchedCurrent: readonly UnitResult[];
  /** Last year's rows matching no unit this year. */
  readonly unmatchedLastYear: readonly LastYearUnit[];
  readonly issues: readonly Issue[];
  /** True when the scales differ: compare % of max instead of points. */
  readonly comparePercent: boolean;
  /** Average of last year's totals (or % when comparePercent) of the matched units; null if none. */
  readonly lastYearAverage: number | null;
}

/** Administrative prefixes dropped when matching, longest first (folded, without accents). */
const PREFIXES: readonly string[] = [
  "uy ban nhan dan",
  "ubnd",
  "so",
  "thanh pho",
  "tp",
  "thi xa",
  "tx",
  "thi tran",
  "huyen",
  "quan",
  "phuong",
  "xa",
];

/**
 * A unit name reduced for matching: accents, case, punctuation and spacing folded, then leading
 * "Sở", "UBND", "Ủy ban nhân dân", "huyện", "thành phố", "thị xã"… dropped ("UBND huyện Mai Sơn" → "mai son").
 */
export function normaliseUnitName(name: string): string {
  const folded = foldName(name.replace(/[^\p{L}\p{N}]+/gu, " "));
  let s = folded;
  for (let changed = true; changed;) {
    changed = false;
    for (const p of PREFIXES) {
      if (s.startsWith(`${p} `) && s.length > p.length + 1) {
        s = s.slice(p.length + 1);
        changed = true;
      }
    }
  }
  return s === "" ? folded : s;
}

function uniqueIndex<T>(items: readonly T[], key: (t: T) => string): Map<string, T | null> {
  const m = new Map<string, T | null>();
  for (const it of items) {
    const k = key(it);
    m.set(k, m.has(k) ? null : it); // null marks an ambiguous key
  }
  return m;
}

/**
 * Matches this year's units with last year's rows: first by folded full name, then by normalised
 * name when it is unambiguous on both sides.
 */
export function matchLastYear(
  units: readonly UnitResult[],
  last: LastYearRanking,
  groupMax?: number
): YearOverYearMatch {
  const byUnit = new Map<string, LastYearUnit>();
  const used = new Set<LastYearUnit>();
  const lastByFold = uniqueIndex(last.units, (u) => foldName(u.name));
  const lastByNorm = uniqueIndex(last.units, (u) => normaliseUnitName(u.name));
  const curByNorm = uniqueIndex(units, (u) => normaliseUnitName(u.unitName));
  const pending: UnitResult[] = [];
  for (const u of units) {
    const hit = lastByFold.get(foldName(u.unitName));
    if (hit && !used.has(hit)) {
      byUnit.set(u.unitId, hit);
      used.add(hit);
    } else pending.push(u);
  }
  const unmatchedCurrent: UnitResult[] = [];
  for (const u of pending) {
    const key = normaliseUnitName(u.unitName);
    const hit = lastByNorm.get(key);
    if (hit && !used.has(hit) && curByNorm.get(key) === u) {
      byUnit.set(u.unitId, hit);
      used.add(hit);
    } else unmatchedCurrent.push(u);
  }
  const unmatchedLastYear = last.units.filter((u) => !used.has(u));
  const max = groupMax ?? units[0]?.applicableMax ?? null;
  const comparePercent = last.scale !== null && max !== null && last.scale !== max;
  const lastValues = [...byUnit.values()]
    .map((u) => (comparePercent ? u.percentOfMax : u.totalPoints))
    .filter((x): x is number => x !== null);
  const lastYearAverage =
    lastValues.length > 0 ? lastValues.reduce((a, b) => a + b, 0) / lastValues.length : null;
  const issues: Issue[] = [
    ...unmatchedCurrent.map((u): Issue => ({
      code: "last_year_unmatched",
      severity: "info",
      unit: u.unitName,
      params: { unit: u.unitName, side: "current", source: last.source },
    })),
    ...unmatchedLastYear.map((u): Issue => ({
      code: "last_year_unmatched",
      severity: "info",
      unit: u.name,
      params: { unit: u.name, side: "last-year", source: last.source },
    })),
  ];
  return { byUnit, unmatchedCurrent, unmatchedLastYear, issues, comparePercent, lastYearAverage };
}

/**
 * Matches every group of this year's ranking against last year's rows at once, so a row unmatched
 * overall is reported once (on the sheet of the group it names, else the first group's).
 */
export function matchRankingLastYear(
  ranking: Ranking,
  last: LastYearRanking
): Map<string, YearOverYearMatch> {
  const all = ranking.groups.flatMap((g) => g.units);
  const overall = matchLastYear(all, last);
  const out = new Map<string, YearOverYearMatch>();
  const withUnits = ranking.groups.filter((g) => g.units.length > 0);
  const homeOf = (u: LastYearUnit): string | undefined => {
    if (u.group === undefined) return withUnits[0]?.groupId;
    const g = foldName(u.group);
    return (
      withUnits.find((x) => {
        const name = foldName(x.name);
        return name === g || g.includes(name) || name.startsWith(g);
      })?.groupId ?? withUnits[0]?.groupId
    );
  };
  for (const g of withUnits) {
    const ids = new Set(g.units.map((u) => u.unitId));
    const byUnit = new Map([...overall.byUnit].filter(([id]) => ids.has(id)));
    const unmatchedCurrent = overall.unmatchedCurrent.filter((u) => ids.has(u.unitId));
    const unmatchedLastYear = overall.unmatchedLastYear.filter((u) => homeOf(u) === g.groupId);
    const comparePercent = last.scale !== null && last.scale !== g.maxPoints;
    const values = [...byUnit.values()]
      .map((u) => (comparePercent ? u.percentOfMax : u.totalPoints))
      .filter((x): x is number => x !== null);
    const lastYearAverage =
      values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
    const names = new Set([
      ...unmatchedCurrent.map((u) => u.unitName),
      ...unmatchedLastYear.map((u) => u.name),
    ]);
    const issues = overall.issues.filter((i) => i.unit !== undefined && names.has(i.unit));
    out.set(g.groupId, {
      byUnit,
      unmatchedCurrent,
      unmatchedLastYear,
      issues,
      comparePercent,
      lastYearAverage,
    });
  }
  return out;
}

/** Last year's ranking from an engine Ranking (e.g. last year's file recognised and evaluated). */
export function lastYearFromRanking(
  ranking: Ranking,
  source: string,
  year: number | null,
  scale: number | null
): LastYearRanking {
  const units: LastYearUnit[] = ranking.groups.flatMap((g) =>
    g.units.map((u) => ({
      name: u.unitName,
      totalPoints: u.totalPoints,
      percentOfMax:
        u.totalPoints !== null && u.applicableMax > 0 ? u.totalPoints / u.applicableMax : null,
      rank: u.rank,
      grade: u.grade.kind === "band" ? u.grade.label : null,
      group: g.name,
    }))
  );
  return { year, source, scale, units };
}

function cellText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return "";
}

function cellNumber(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string") {
    const t = v.trim().replace(/\s/g, "");
    if (/^-?\d+([.,]\d+)?%?$/.test(t)) {
      const n = Number(t.replace("%", "").replace(",", "."));
      return t.endsWith("%") ? n / 100 : n;
    }
  }
  return null;
}

/**
 * Last year's ranking read from a ranked sheet (one the add-in made last year, or a published
 * appendix): a header row with a unit-name column and "Tổng điểm"; "Xếp hạng", "Xếp loại", "Tỷ lệ"
 * optional. The year comes from a title "… NĂM 2023", the scale from "Thang điểm: 100". Null when
 * no such header is found.
 */
export function lastYearFromGrid(grid: Grid, source?: string): LastYearRanking | null {
  const rows = grid.values;
  let year: number | null = null;
  let scale: number | null = null;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const folded = row.map((v) => foldName(cellText(v)));
    for (const f of folded) {
      const y = /\bnam (\d{4})\b/.exec(f);
      if (y?.[1] !== undefined && year === null) year = Number(y[1]);
      const s = /thang diem:? (\d+)/.exec(f);
      if (s?.[1] !== undefined && scale === null) scale = Number(s[1]);
    }
    const nameCol = folded.findIndex(
      (f) =>
        f.startsWith("ten co quan") ||
        f.startsWith("ten don vi") ||
        f === "don vi" ||
        f === "co quan, don vi"
    );
    const totalCol = folded.findIndex((f) => f.startsWith("tong diem"));
    if (nameCol < 0 || totalCol < 0) continue;
    const rankCol = folded.findIndex((f) => f === "xep hang" || f.startsWith("xep hang "));
    const gradeCol = folded.findIndex((f) => f === "xep loai" || f.startsWith("xep loai "));
    const pctCol = folded.findIndex((f) => f.startsWith("ty le"));
    // The group: from a ranked sheet's name ("XH - Sở, ban, ngành") or the title after ":".
    const titleGroup = /:\s*(.+)$/.exec(cellText(rows[0]?.[0]))?.[1] ?? null;
    const group = grid.sheet.startsWith("XH - ") ? grid.sheet.slice(5) : titleGroup;
    const units: LastYearUnit[] = [];
    for (let q = r + 1; q < rows.length; q++) {
      const d = rows[q] ?? [];
      const name = cellText(d[nameCol]).trim();
      if (name === "") {
        if (units.length > 0) break;
        continue;
      }
      const total = cellNumber(d[totalCol]);
      let pct = pctCol >= 0 ? cellNumber(d[pctCol]) : null;
      if (pct !== null && pct > 1.0000001) pct = pct / 100;
      const grade = gradeCol >= 0 ? cellText(d[gradeCol]).trim() : "";
      units.push({
        name,
        totalPoints: total,
        percentOfMax: pct ?? (total !== null && scale !== null && scale > 0 ? total / scale : null),
        rank: rankCol >= 0 ? cellNumber(d[rankCol]) : null,
        grade: grade === "" ? null : grade,
        ...(group !== null ? { group } : {}),
      });
    }
    if (units.length === 0) return null;
    return { year, source: source ?? grid.sheet, scale, units };
  }
  return null;
}

/**
 * Last year's results under this year's unit names: a unit map (old name → new name, many to one)
 * renames a unit, and a merged unit's figure is the mean of its former units' figures (the national
 * DTI 2024 method for the merged provinces: mean of the former units' main-index values, whose sum
 * is the mean of their totals). A merged unit had no rank or grade last year: those stay blank.
 * Map rows naming no unit of last year are issues; units the map does not name pass unchanged.
 */
export function applyUnitMap(
  last: LastYearRanking,
  map: readonly { readonly from: string; readonly to: string }[]
): { readonly ranking: LastYearRanking; readonly issues: readonly Issue[] } {
  if (map.length === 0) return { ranking: last, issues: [] };
  const key = (s: string) => normaliseUnitName(s);
  const target = new Map<string, string>();
  for (const m of map) if (!target.has(key(m.from))) target.set(key(m.from), m.to);
  const groups = new Map<string, LastYearUnit[]>();
  const out: LastYearUnit[] = [];
  const seen = new Set<string>();
  for (const u of last.units) {
    const to = target.get(key(u.name)) ?? target.get(foldName(u.name));
    if (to === undefined) {
      out.push(u);
      continue;
    }
    seen.add(key(u.name));
    const list = groups.get(to);
    if (list === undefined) groups.set(to, [u]);
    else list.push(u);
  }
  const mean = (xs: readonly (number | null)[]): number | null =>
    xs.some((x) => x === null) || xs.length === 0
      ? null
      : (xs as number[]).reduce((a, b) => a + b, 0) / xs.length;
  for (const [to, units] of groups) {
    const only = units.length === 1 ? units[0] : undefined;
    out.push(
      only !== undefined
        ? { ...only, name: to }
        : {
            name: to,
            totalPoints: mean(units.map((u) => u.totalPoints)),
            percentOfMax: mean(units.map((u) => u.percentOfMax)),
            rank: null,
            grade: null,
            ...(units[0]?.group !== undefined ? { group: units[0].group } : {}),
          }
    );
  }
  const issues: Issue[] = map
    .filter((m) => !seen.has(key(m.from)))
    .map((m) => ({
      code: "rules_unit_map_unmatched",
      severity: "warning",
      unit: m.from,
      params: { unitName: m.from, to: m.to, source: last.source },
    }));
  return { ranking: { ...last, units: out }, issues };
}
