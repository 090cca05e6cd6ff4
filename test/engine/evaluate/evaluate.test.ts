import fc from "fast-check";
import { evaluate, indicatorSetFromRecognized, NO_GROUP_ID } from "../../../src/engine/evaluate";
import type {
  CellValue,
  Concern,
  Indicator,
  Ranking,
  Recognized,
  Rounding,
  ScoringMethod,
  TiePolicy,
} from "../../../src/engine/model/types";
import { getProfile } from "../../../src/engine/profiles";
import { buildData, buildSet, flatSet, type DataSpec, type IndicatorSpec } from "./build";

function run(
  spec: DataSpec,
  profileId = "sonla-2024",
  options?: { tiePolicy?: TiePolicy; rounding?: Rounding }
): Ranking {
  const data = buildData(spec);
  return evaluate(buildSet(getProfile(profileId), data), data, options);
}

/** [unit, rank] per group in rank order. */
function ranks(r: Ranking, group = "agencies"): [string, number | null][] {
  return (r.groups.find((g) => g.groupId === group)?.units ?? []).map((u) => [u.unitName, u.rank]);
}

/** Two main indices; each unit's scores as [1.1, 2.1]. */
function twoMains(scores: Record<string, [number, number]>, group = "agencies"): DataSpec {
  return {
    indicators: [...flatSet([50]), ...flatSet([50], "2")],
    units: Object.keys(scores).map((name) => ({ name, group })),
    scores: Object.fromEntries(
      Object.entries(scores).map(([n, [a, b]]) => [n, { "1.1": a, "2.1": b }])
    ),
  };
}

const TIES = twoMains({ A: [40, 40], B: [45, 35], C: [35, 45], D: [30, 30] });

describe.each([
  {
    description: "competition ranking (default): ties share a rank, the next is skipped",
    input: { spec: TIES, tiePolicy: undefined },
    expected: [
      ["A", 1],
      ["B", 1],
      ["C", 1],
      ["D", 4],
    ],
  },
  {
    description: "dense ranking: ties share a rank, no rank is skipped",
    input: { spec: TIES, tiePolicy: "dense" as const },
    expected: [
      ["A", 1],
      ["B", 1],
      ["C", 1],
      ["D", 2],
    ],
  },
  {
    description: "main-index order: ties broken by main index 1, then 2",
    input: { spec: TIES, tiePolicy: "main-index-order" as const },
    expected: [
      ["B", 1],
      ["A", 2],
      ["C", 3],
      ["D", 4],
    ],
  },
  {
    description: "main-index order keeps a tie that the main indices cannot break",
    input: {
      spec: twoMains({ A: [40, 40], B: [40, 40], C: [10, 10] }),
      tiePolicy: "main-index-order" as const,
    },
    expected: [
      ["A", 1],
      ["B", 1],
      ["C", 3],
    ],
  },
])("ranking: $description", ({ input, expected }) => {
  it("ranks as expected", () => {
    expect(
      ranks(
        run(input.spec, "sonla-2024", input.tiePolicy ? { tiePolicy: input.tiePolicy } : undefined)
      )
    ).toEqual(expected);
  });
});

describe.each([
  {
    description: "display only (default): 6.666 beats 6.665, grade and rank on unrounded totals",
    input: { stage: "display" as const },
    expected: {
      ranks: [
        ["A", 1],
        ["B", 2],
      ],
      totals: [6.666, 6.665],
    },
  },
  {
    description: "component stage: 3.333 → 3.33 and 3.3325 → 3.33 tie",
    input: { stage: "component" as const },
    expected: {
      ranks: [
        ["A", 1],
        ["B", 1],
      ],
      totals: [6.66, 6.66],
    },
  },
])("rounding stage: $description", ({ input, expected }) => {
  it("rounds only at the declared stage", () => {
    const spec: DataSpec = {
      indicators: flatSet([10, 10]),
      units: [{ name: "A" }, { name: "B" }],
      scores: { A: { "1.1": 3.333, "1.2": 3.333 }, B: { "1.1": 3.3325, "1.2": 3.3325 } },
    };
    const r = run(spec, "sonla-2024", { rounding: { stage: input.stage, decimals: 2 } });
    expect(ranks(r)).toEqual(expected.ranks);
    const units = r.groups[0]!.units;
    units.forEach((u, i) => expect(u.totalPoints).toBeCloseTo(expected.totals[i]!, 9));
    expect(r.rounding.stage).toBe(input.stage);
  });
});

describe("evaluate", () => {
  it("ranks each group separately and lists units without a group apart, unranked", () => {
    const r = run({
      indicators: flatSet([50, 50]),
      units: [
        { name: "Sở A" },
        { name: "Sở B" },
        { name: "Huyện X", group: "districts" },
        { name: "Huyện Y", group: "districts" },
        { name: "Ban Z", group: null },
      ],
      scores: {
        "Sở A": { "1.1": 40, "1.2": 40 },
        "Sở B": { "1.1": 45, "1.2": 45 },
        "Huyện X": { "1.1": 20, "1.2": 20 },
        "Huyện Y": { "1.1": 30, "1.2": 30 },
        "Ban Z": { "1.1": 50, "1.2": 50 },
      },
    });
    expect(r.groups.map((g) => g.groupId)).toEqual(["agencies", "districts", NO_GROUP_ID]);
    expect(ranks(r)).toEqual([
      ["Sở B", 1],
      ["Sở A", 2],
    ]);
    expect(ranks(r, "districts")).toEqual([
      ["Huyện Y", 1],
      ["Huyện X", 2],
    ]);
    expect(ranks(r, NO_GROUP_ID)).toEqual([["Ban Z", null]]);
    expect(r.issues.map((i) => i.code)).toContain("unit_without_group");
  });

  it("reads like the published table: points, % of max, grade, gap to the next band", () => {
    const r = run({
      indicators: flatSet([50, 50]),
      units: [{ name: "Sở A" }],
      scores: { "Sở A": { "1.1": 40, "1.2": 42.5 } },
    });
    const u = r.groups[0]!.units[0]!;
    expect(u).toMatchObject({ totalPoints: 82.5, applicableMax: 100, rank: 1, provisional: false });
    expect(u.percentOfMax).toBeCloseTo(82.5, 9);
    expect(u.index0to1).toBeCloseTo(0.825, 9);
    expect(u.grade).toEqual({ kind: "band", label: "Khá", labelEn: "Fairly good" });
    expect(u.gapToNextBand).toBeCloseTo(2.5, 9);
    expect(r.profileId).toBe("sonla-2024");
    expect(r.tiePolicy).toBe("competition");
  });

  it("a unit with a blank is ranked on what it has, flagged provisional, with an issue", () => {
    const r = run({
      indicators: flatSet([50, 50]),
      units: [{ name: "Sở A" }, { name: "Sở B" }],
      scores: { "Sở A": { "1.1": 40, "1.2": null }, "Sở B": { "1.1": 30, "1.2": 30 } },
    });
    const a = r.groups[0]!.units.find((u) => u.unitName === "Sở A")!;
    expect(a).toMatchObject({ provisional: true, totalPoints: 40, rank: 2 });
    const prov = r.issues.find((i) => i.code === "provisional_total");
    expect(prov).toMatchObject({
      severity: "warning",
      unit: "Sở A",
      cell: { sheet: "Đơn vị", cell: "B2" },
      params: { count: 1 },
    });
  });

  it("validate: false ranks the same without the entry check's issues (the reconciliation's self ranking)", () => {
    const spec: DataSpec = {
      indicators: flatSet([50, 50]),
      units: [{ name: "Sở A" }, { name: "Sở B" }, { name: "Sở C" }],
      scores: {
        "Sở A": { "1.1": 40, "1.2": null },
        "Sở B": { "1.1": 30, "1.2": 60 },
        "Sở C": { "1.1": "abc", "1.2": 30 },
      },
    };
    const data = buildData(spec);
    const set = buildSet(getProfile("sonla-2024"), data);
    const full = evaluate(set, data);
    const quiet = evaluate(set, data, { validate: false });
    expect(quiet.groups).toEqual(full.groups);
    const checked = new Set(["score_blank", "score_above_max", "not_a_number"]);
    expect(full.issues.some((i) => checked.has(i.code))).toBe(true);
    expect(quiet.issues.some((i) => checked.has(i.code))).toBe(false);
    // What the results say still comes (a provisional total).
    expect(quiet.issues.some((i) => i.code === "provisional_total")).toBe(true);
  });

  it("HCM 2023: 198.5/330 is a clear gap outcome with an issue, not a crash or a silent band", () => {
    const r = run(
      {
        indicators: flatSet([330]),
        units: [{ name: "Sở A", group: "departments" }],
        scores: { "Sở A": { "1.1": 198.5 } },
      },
      "hcm-2023"
    );
    const u = r.groups[0]!.units[0]!;
    expect(u.grade).toEqual({ kind: "gap", below: "Khởi động", above: "Hình thành" });
    expect(u.gapToNextBand).toBeCloseTo(0.5, 9);
    expect(r.issues.find((i) => i.code === "grade_gap")?.params).toMatchObject({
      points: 198.5,
      below: "Khởi động",
      above: "Hình thành",
    });
  });

  it("Đắk Lắk: no bands, the 0..1 index", () => {
    const r = run(
      {
        indicators: flatSet([1000]),
        units: [{ name: "Sở A", group: "departments" }],
        scores: { "Sở A": { "1.1": 819.79 } },
      },
      "daklak-2022"
    );
    const u = r.groups[0]!.units[0]!;
    expect(u.grade).toEqual({ kind: "none" });
    expect(u.gapToNextBand).toBeNull();
    expect(u.index0to1).toBeCloseTo(0.81979, 9);
  });

  it("national 922 from a summary of main indices: index = Σ points / 1000", () => {
    const data = buildData({
      indicators: [],
      units: [
        { name: "Tỉnh A", group: "provinces" },
        { name: "Tỉnh B", group: "provinces" },
      ],
      scores: {},
      stray: {
        "Tỉnh A": {
          "1": 80,
          "2": 70,
          "3": 60,
          "4": 50,
          "5": 90,
          "6": 3,
          "7": 150,
          "8": 100,
          "9": 120,
        },
        "Tỉnh B": {
          "1": 80,
          "2": 70,
          "3": 60,
          "4": 50,
          "5": 90,
          "6": 0,
          "7": 150,
          "8": 100,
          "9": 121,
        },
      },
    });
    const set = indicatorSetFromRecognized(getProfile("national-922"), data);
    expect(set.indicators.map((i) => i.code)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
    ]);
    const r = evaluate(set, data);
    expect(r.groups[0]!.units.map((u) => [u.unitName, u.rank, u.index0to1])).toEqual([
      ["Tỉnh B", 1, 0.721],
      ["Tỉnh A", 2, 0.72],
    ]);
    expect(r.issues).toEqual([]);
  });

  it("indicatorSetFromRecognized fills a missing main-index max from the profile and marks smart city unscored", () => {
    const data = buildData({
      indicators: [
        { code: "6", max: null },
        { code: "6.1", max: 0 },
        { code: "7", max: null },
        { code: "7.1", max: 200 },
      ],
      units: [],
      scores: {},
    });
    const set = indicatorSetFromRecognized(getProfile("national-922"), data);
    expect(set.indicators.find((i) => i.code === "6")).toMatchObject({
      scored: false,
      maxPoints: 0,
      method: { kind: "unscored" },
    });
    expect(set.indicators.find((i) => i.code === "7")).toMatchObject({
      scored: true,
      maxPoints: 200,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const scoreArb = fc.integer({ min: 0, max: 500 }).map((x) => x / 10); // 0..50, one decimal: ties happen
const unitsArb = fc.array(fc.tuple(scoreArb, scoreArb, fc.boolean()), {
  minLength: 1,
  maxLength: 12,
});

function dataFor(
  rows: readonly (readonly [number, number, boolean])[],
  order?: readonly number[]
): Recognized {
  const idx = order ?? rows.map((_, i) => i);
  return buildData({
    indicators: [...flatSet([50]), ...flatSet([50], "2")],
    units: idx.map((i) => ({ name: `Đơn vị ${i}`, group: rows[i]![2] ? "agencies" : "districts" })),
    scores: Object.fromEntries(
      idx.map((i) => [`Đơn vị ${i}`, { "1.1": rows[i]![0], "2.1": rows[i]![1] }])
    ),
  });
}

function rankMap(r: Ranking): Map<string, number | null> {
  return new Map(r.groups.flatMap((g) => g.units.map((u) => [u.unitName, u.rank] as const)));
}

function evalData(data: Recognized, tiePolicy: TiePolicy = "competition"): Ranking {
  return evaluate(buildSet(getProfile("sonla-2024"), data), data, { tiePolicy });
}

const policyArb = fc.constantFrom<TiePolicy>("competition", "dense", "main-index-order");

describe("properties", () => {
  it("permuting the units does not change any rank", () => {
    fc.assert(
      fc.property(
        unitsArb.chain((rows) =>
          fc.tuple(
            fc.constant(rows),
            fc.shuffledSubarray(
              rows.map((_, i) => i),
              { minLength: rows.length, maxLength: rows.length }
            )
          )
        ),
        policyArb,
        ([rows, order], policy) => {
          expect(rankMap(evalData(dataFor(rows, order), policy))).toEqual(
            rankMap(evalData(dataFor(rows), policy))
          );
        }
      )
    );
  });

  it("raising one score never lowers that unit's total or worsens its rank", () => {
    fc.assert(
      fc.property(
        unitsArb,
        fc.nat(),
        fc.integer({ min: 1, max: 100 }),
        policyArb,
        (rows, pick, raiseTenths, policy) => {
          const i = pick % rows.length;
          const before = evalData(dataFor(rows), policy);
          const raised = rows.map((r, j) =>
            j === i ? ([Math.min(50, r[0] + raiseTenths / 10), r[1], r[2]] as const) : r
          );
          const after = evalData(dataFor(raised), policy);
          const name = `Đơn vị ${i}`;
          const find = (r: Ranking) =>
            r.groups.flatMap((g) => g.units).find((u) => u.unitName === name)!;
          expect(find(after).totalPoints!).toBeGreaterThanOrEqual(find(before).totalPoints!);
          expect(find(after).rank!).toBeLessThanOrEqual(find(before).rank!);
        }
      )
    );
  });

  it("units with equal totals share a rank (competition and dense)", () => {
    fc.assert(
      fc.property(unitsArb, fc.constantFrom<TiePolicy>("competition", "dense"), (rows, policy) => {
        const r = evalData(dataFor(rows), policy);
        for (const g of r.groups)
          for (const a of g.units)
            for (const b of g.units)
              if (a.totalPoints !== null && Math.abs(a.totalPoints - (b.totalPoints ?? NaN)) < 1e-9)
                expect(a.rank).toBe(b.rank);
      })
    );
  });

  it("ranks follow totals: a higher total never ranks below a lower one", () => {
    fc.assert(
      fc.property(unitsArb, policyArb, (rows, policy) => {
        const r = evalData(dataFor(rows), policy);
        for (const g of r.groups)
          for (const a of g.units)
            for (const b of g.units)
              if ((a.totalPoints ?? 0) > (b.totalPoints ?? 0) + 1e-9)
                expect(a.rank!).toBeLessThan(b.rank!);
      })
    );
  });
});

describe("robustness", () => {
  const methodArb = fc.constantFrom<ScoringMethod>(
    { kind: "direct" },
    { kind: "ratio" },
    { kind: "step", steps: [{ atLeast: 1, points: 5 }] },
    { kind: "fraction", options: [{ label: "Có", fraction: 1 }] },
    { kind: "capped-sum" },
    { kind: "normalised-to-best" },
    { kind: "bonus" },
    { kind: "penalty" },
    { kind: "unscored" }
  );
  const indicatorArb = fc
    .record({
      code: fc.constantFrom("1", "1.1", "1.2", "1.1.1", "2", "2.1", "2.1", "X", "1.10"),
      max: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      method: methodArb,
      concerns: fc.constantFrom<Concern | undefined>(undefined, "subordinate-units", "dvctt"),
      level: fc.constantFrom<Indicator["level"] | undefined>(
        undefined,
        "pillar",
        "main",
        "component"
      ),
    })
    .map(({ concerns, level, ...rest }): IndicatorSpec => ({
      ...rest,
      ...(concerns !== undefined ? { concerns } : {}),
      ...(level !== undefined ? { level } : {}),
    }));
  const valueArb = fc.oneof(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.constantFrom<CellValue>(
      null,
      "",
      "8,5",
      "1.000",
      "x",
      true,
      { error: "#N/A" },
      Number.NaN,
      Infinity
    )
  );
  it("evaluate never throws and every rank is a positive integer or null, whatever the data", () => {
    fc.assert(
      fc.property(
        fc.array(indicatorArb, { maxLength: 8 }),
        fc.array(
          fc.record({
            group: fc.constantFrom<string | null>("agencies", "districts", null, "nope"),
            sub: fc.boolean(),
            dvctt: fc.boolean(),
            special: fc.boolean(),
            na: fc.constantFrom<string[]>([], ["1.2"], ["1"], ["2.1", "X"]),
          }),
          { maxLength: 5 }
        ),
        fc.array(valueArb, { minLength: 80, maxLength: 80 }),
        fc.constantFrom(
          "sonla-2024",
          "laocai-2023",
          "hcm-2023",
          "national-922",
          "generic",
          "daklak-2022"
        ),
        policyArb,
        (indicators, units, values, profileId, policy) => {
          let v = 0;
          const next = (): CellValue => values[v++ % values.length] ?? null;
          const names = units.map((_, i) => `Đơn vị ${i % 4}`); // duplicates on purpose
          const spec: DataSpec = {
            indicators,
            units: units.map((u, i) => ({ ...u, name: names[i]! })),
            scores: Object.fromEntries(
              names.map((n) => [
                n,
                Object.fromEntries(indicators.map((ind) => [ind.code, [next(), next()] as const])),
              ])
            ),
          };
          const data = buildData(spec);
          const set = indicatorSetFromRecognized(getProfile(profileId), data);
          const r = evaluate(set, data, { tiePolicy: policy });
          for (const g of r.groups)
            for (const u of g.units) {
              if (u.rank !== null) expect(Number.isInteger(u.rank) && u.rank >= 1).toBe(true);
              expect(JSON.parse(JSON.stringify(u.components))).toBeDefined();
            }
        }
      ),
      { numRuns: 300 }
    );
  });
});
