/**
 * A small DTI entry workbook for ranking-sheet tests: a "Nhập điểm" grid in the entry layout
 * (row 4 unit names, row 5 Tự đánh giá | Thẩm định | Tài liệu, indicators from row 6), the
 * Recognized data pointing at its cells, and the engine's ranking of it.
 */
import type {
  CellValue,
  EnteredNumber,
  Grid,
  Indicator,
  IndicatorSet,
  Ranking,
  Recognized,
  ScoreEntry,
  Unit,
} from "../../src/engine/model/types";
import { a1 } from "../../src/engine/address";
import { getProfile } from "../../src/engine/profiles";
import { evaluate } from "../../src/engine/evaluate";

export const ENTRY = "Nhập điểm";

const MAINS: readonly { code: string; name: string; comps: readonly number[] }[] = [
  { code: "1", name: "Nhận thức số", comps: [10, 10, 10] },
  { code: "2", name: "Hạ tầng số", comps: [15, 15] },
  { code: "3", name: "Hoạt động chuyển đổi số", comps: [20, 20] },
];

export function indicators(): Indicator[] {
  const out: Indicator[] = [];
  let row = 6;
  for (const m of MAINS) {
    const max = m.comps.reduce((a, b) => a + b, 0);
    out.push({
      code: m.code,
      name: m.name,
      level: "main",
      maxPoints: max,
      method: { kind: "direct" },
      scored: true,
      parentCode: null,
      cell: { sheet: ENTRY, cell: `A${row++}` },
    });
    m.comps.forEach((c, i) =>
      out.push({
        code: `${m.code}.${i + 1}`,
        name: `Thành phần ${m.code}.${i + 1}`,
        level: "component",
        maxPoints: c,
        method: { kind: "direct" },
        scored: true,
        parentCode: m.code,
        cell: { sheet: ENTRY, cell: `A${row++}` },
      })
    );
  }
  return out;
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Fixture {
  readonly set: IndicatorSet;
  readonly data: Recognized;
  readonly ranking: Ranking;
  /** The "Nhập điểm" sheet. */
  readonly grid: Grid;
  /** The "Đơn vị" sheet. */
  readonly unitsGrid: Grid;
  readonly units: readonly Unit[];
}

export interface FixtureOptions {
  readonly units: number;
  readonly seed?: number;
  /** Unit names (default "Sở Ngành k" / "UBND huyện Huyện k"). */
  readonly names?: readonly string[];
  /** Share of appraised cells left blank (the self score then counts). */
  readonly blankAppraised?: number;
  /** Make some totals tie. */
  readonly ties?: boolean;
  /** Rule profile (default sonla-2024); units go round its groups. */
  readonly profileId?: string;
}

/** Scores as a matrix values[row][col] of the entry sheet, 1-based addresses. */
export function makeFixture(opts: FixtureOptions): Fixture {
  const next = rng(opts.seed ?? 7);
  const profile = getProfile(opts.profileId ?? "sonla-2024");
  const inds = indicators();
  const units: Unit[] = [];
  for (let k = 0; k < opts.units; k++) {
    const g = opts.profileId === undefined ? (k % 3 === 2 ? 1 : 0) : k % profile.groups.length;
    const groupId = profile.groups[g]?.id ?? null;
    const name = opts.names?.[k] ?? (g === 0 ? `Sở Ngành ${k + 1}` : `UBND huyện Huyện ${k + 1}`);
    units.push({
      id: `u${k + 1}`,
      name,
      groupId,
      hasSubordinateUnits: true,
      hasDvctt: true,
      specialPurpose: false,
      notApplicable: [],
      cell: { sheet: ENTRY, cell: a1(4, 5 + 3 * k) },
    });
  }
  const rows: CellValue[][] = [];
  const put = (r: number, c: number, v: CellValue) => {
    while (rows.length < r) rows.push([]);
    const row = rows[r - 1]!;
    while (row.length < c) row.push(null);
    row[c - 1] = v;
  };
  put(1, 1, "NHẬP ĐIỂM CHỈ SỐ DTI");
  ["Mã", "Tên chỉ số", "Điểm tối đa", "Cấp"].forEach((h, i) => put(4, i + 1, h));
  units.forEach((u, k) => {
    put(4, 5 + 3 * k, u.name);
    put(5, 5 + 3 * k, "Tự đánh giá");
    put(5, 6 + 3 * k, "Thẩm định");
    put(5, 7 + 3 * k, "Tài liệu kiểm chứng");
  });
  const entries: ScoreEntry[] = [];
  inds.forEach((ind, i) => {
    const r = 6 + i;
    put(r, 1, ind.code);
    put(r, 2, ind.name);
    put(r, 3, ind.maxPoints);
    put(r, 4, ind.level === "main" ? "Chỉ số chính" : "Chỉ số thành phần");
    if (ind.level !== "component") return;
    const max = ind.maxPoints ?? 0;
    units.forEach((u, k) => {
      const tie = opts.ties === true && k % 4 === 1;
      const selfPts = tie ? max : Math.round((0.4 + 0.6 * next()) * max * 4) / 4;
      const blank = next() < (opts.blankAppraised ?? 0.3);
      const apprPts = tie
        ? max
        : blank
          ? null
          : Math.max(0, Math.round((selfPts - next() * 0.3 * max) * 4) / 4);
      const sCell = a1(r, 5 + 3 * k);
      const aCell = a1(r, 6 + 3 * k);
      put(r, 5 + 3 * k, selfPts);
      if (apprPts !== null) put(r, 6 + 3 * k, apprPts);
      const self: EnteredNumber = {
        points: selfPts,
        raw: selfPts,
        cell: { sheet: ENTRY, cell: sCell },
      };
      const appraised: EnteredNumber = {
        points: apprPts,
        raw: apprPts,
        cell: { sheet: ENTRY, cell: aCell },
      };
      entries.push({ unitId: u.id, code: ind.code, self, appraised });
    });
  });
  const width = Math.max(...rows.map((r) => r.length));
  const grid: Grid = {
    sheet: ENTRY,
    originRow: 1,
    originCol: 1,
    values: rows.map((r) => [...r, ...Array<CellValue>(width - r.length).fill(null)]),
    merges: units.map((_, k) => `${a1(4, 5 + 3 * k)}:${a1(4, 7 + 3 * k)}`),
  };
  const groupName = (id: string | null) => profile.groups.find((g) => g.id === id)?.name ?? "";
  const unitsGrid: Grid = {
    sheet: "Đơn vị",
    originRow: 1,
    originCol: 1,
    values: [
      [
        "STT",
        "Tên cơ quan, đơn vị",
        "Nhóm",
        "Có đơn vị trực thuộc",
        "Có DVCTT",
        "Đặc thù",
        "Chỉ số không áp dụng",
      ],
      ...units.map((u, k): CellValue[] => [
        k + 1,
        u.name,
        groupName(u.groupId),
        "Có",
        "Có",
        "Không",
        null,
      ]),
    ],
  };
  const data: Recognized = {
    layout: "matrix",
    indicators: inds,
    units,
    entries,
    tableRange: `A4:${a1(6 + inds.length - 1, 4 + 3 * units.length)}`,
  };
  const set: IndicatorSet = { profile, indicators: inds };
  const ranking = evaluate(set, data);
  return { set, data, ranking, grid, unitsGrid, units };
}

/** The fixture with some scores changed (grid and data alike), ranked again with `options`. */
export function withScores(
  f: Fixture,
  changes: readonly { unit: number; code: string; self?: CellValue; appraised?: CellValue }[],
  options?: Parameters<typeof evaluate>[2]
): Fixture {
  const values = f.grid.values.map((r) => [...r]);
  let entries = [...f.data.entries];
  for (const ch of changes) {
    const u = f.units[ch.unit]!;
    const row = f.data.indicators.findIndex((i) => i.code === ch.code) + 6;
    const num = (v: CellValue) => (typeof v === "number" ? v : null);
    entries = entries.map((e) => {
      if (e.unitId !== u.id || e.code !== ch.code) return e;
      return {
        ...e,
        ...(ch.self !== undefined
          ? { self: { ...e.self!, raw: ch.self, points: num(ch.self) } }
          : {}),
        ...(ch.appraised !== undefined
          ? { appraised: { ...e.appraised!, raw: ch.appraised, points: num(ch.appraised) } }
          : {}),
      };
    });
    if (ch.self !== undefined) values[row - 1]![5 + 3 * ch.unit - 1] = ch.self;
    if (ch.appraised !== undefined) values[row - 1]![6 + 3 * ch.unit - 1] = ch.appraised;
  }
  const data: Recognized = { ...f.data, entries };
  return {
    ...f,
    data,
    grid: { ...f.grid, values },
    ranking: evaluate(f.set, data, options),
  };
}
