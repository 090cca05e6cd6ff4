import { indicatorSetFromRecognized } from "../../../src/engine/evaluate";
import type { Rounding, RuleProfile } from "../../../src/engine/model/types";
import { getProfile } from "../../../src/engine/profiles";
import { scoreUnits } from "../../../src/engine/score";
import { buildData, flatSet, type DataSpec } from "../evaluate/build";

interface Expected {
  readonly total: number | null;
  readonly provisional?: boolean;
  readonly applicableMax?: number;
  readonly components?: Readonly<Record<string, Record<string, unknown>>>;
  readonly mains?: Readonly<Record<string, Record<string, unknown>>>;
  readonly totalHow?: Record<string, unknown>;
}

interface Case {
  readonly description: string;
  readonly input: {
    readonly profile?: string;
    readonly special?: Partial<RuleProfile["specialRules"]>;
    readonly rounding?: Rounding;
    /** Build the set the way the CLI does (profile main indices fill in). */
    readonly fromRecognized?: boolean;
    readonly spec: DataSpec;
  };
  /** By unit name. */
  readonly expected: Readonly<Record<string, Expected>>;
}

const STEP = {
  kind: "step" as const,
  steps: [
    { atLeast: 4, points: 20 },
    { atLeast: 3, points: 15 },
    { atLeast: 2, points: 10 },
    { atLeast: 1, points: 5 },
  ],
};

const CASES: Case[] = [
  {
    description:
      "direct points: the appraised score counts where there is one, else the self score",
    input: {
      spec: {
        indicators: flatSet([50, 50]),
        units: [{ name: "A" }],
        scores: { A: { "1.1": [40, 35], "1.2": 45 } },
      },
    },
    expected: {
      A: {
        total: 80,
        provisional: false,
        applicableMax: 100,
        components: {
          "1.1": {
            points: 35,
            source: "appraised",
            how: { rule: "entered", from: "appraised", cell: { sheet: "Nhập điểm", cell: "F7" } },
          },
          "1.2": {
            points: 45,
            source: "self",
            how: { rule: "entered", from: "self", cell: { sheet: "Nhập điểm", cell: "E8" } },
          },
        },
        mains: {
          "1": {
            points: 80,
            maxPoints: 100,
            how: { rule: "sum-of-components", codes: ["1.1", "1.2"] },
          },
        },
        totalHow: { rule: "sum-of-components", codes: ["1"] },
      },
    },
  },
  {
    description: "ratio: a / b × max",
    input: {
      spec: {
        indicators: [
          { code: "1", max: 100 },
          { code: "1.1", max: 20, method: { kind: "ratio" } },
          { code: "1.2", max: 80 },
        ],
        units: [{ name: "A" }],
        scores: { A: { "1.1": 3, "1.2": 80 } },
        extra: { A: { "1.1": { denominator: 4 } } },
      },
    },
    expected: {
      A: {
        total: 95,
        components: { "1.1": { points: 15, how: { rule: "ratio", a: 3, b: 4, maxPoints: 20 } } },
      },
    },
  },
  {
    description: "step table: 3 meetings → 15, 7 → 20, 0 → 0",
    input: {
      spec: {
        indicators: [
          { code: "1", max: 20 },
          { code: "1.1", max: 20, method: STEP },
        ],
        units: [{ name: "A" }, { name: "B" }, { name: "C" }],
        scores: { A: { "1.1": 3 }, B: { "1.1": 7 }, C: { "1.1": 0 } },
      },
    },
    expected: {
      A: {
        total: 15,
        components: { "1.1": { points: 15, how: { rule: "step", value: 3, atLeast: 3 } } },
      },
      B: {
        total: 20,
        components: { "1.1": { points: 20, how: { rule: "step", value: 7, atLeast: 4 } } },
      },
      C: {
        total: 0,
        components: { "1.1": { points: 0, how: { rule: "step", value: 0, atLeast: null } } },
      },
    },
  },
  {
    description: "fraction: a deputy chairs → ½ max (option matched ignoring case and accents)",
    input: {
      spec: {
        indicators: [
          { code: "1", max: 10 },
          {
            code: "1.1",
            max: 10,
            method: {
              kind: "fraction",
              options: [
                { label: "Chủ tịch", fraction: 1 },
                { label: "Phó Chủ tịch", fraction: 0.5 },
                { label: "Không", fraction: 0 },
              ],
            },
          },
        ],
        units: [{ name: "A" }],
        scores: { A: {} },
        extra: { A: { "1.1": { option: "pho chu tich" } } },
      },
    },
    expected: {
      A: {
        total: 5,
        components: {
          "1.1": { points: 5, how: { rule: "fraction", option: "Phó Chủ tịch", fraction: 0.5 } },
        },
      },
    },
  },
  {
    description: "capped sum: items 4 + 5 + 6 capped at 10",
    input: {
      spec: {
        indicators: [
          { code: "1", max: 10 },
          { code: "1.1", max: 10, method: { kind: "capped-sum" } },
        ],
        units: [{ name: "A" }],
        scores: { A: {} },
        extra: { A: { "1.1": { items: [4, 5, 6] } } },
      },
    },
    expected: {
      A: {
        total: 10,
        components: { "1.1": { points: 10, how: { rule: "capped-sum", sum: 15, cap: 10 } } },
      },
    },
  },
  {
    description: "normalised to the best unit of the same group",
    input: {
      spec: {
        indicators: [
          { code: "1", max: 20 },
          { code: "1.1", max: 20, method: { kind: "normalised-to-best" } },
        ],
        units: [{ name: "A" }, { name: "B" }, { name: "H", group: "districts" }],
        scores: { A: { "1.1": 50 }, B: { "1.1": 100 }, H: { "1.1": 30 } },
      },
    },
    expected: {
      A: {
        total: 10,
        components: {
          "1.1": {
            points: 10,
            how: { rule: "normalised-to-best", value: 50, best: 100, bestUnit: "B" },
          },
        },
      },
      B: { total: 20 },
      H: {
        total: 20,
        components: {
          "1.1": { how: { rule: "normalised-to-best", value: 30, best: 30, bestUnit: "H" } },
        },
      },
    },
  },
  {
    description: "bonus adds and penalty subtracts, outside the nominal max",
    input: {
      spec: {
        indicators: [
          { code: "1", max: 100 },
          { code: "1.1", max: 50 },
          { code: "1.2", max: 50 },
          { code: "1.3", max: 5, method: { kind: "bonus" } },
          { code: "1.4", max: null, method: { kind: "penalty" } },
        ],
        units: [{ name: "A" }, { name: "B" }],
        scores: { A: { "1.1": 40, "1.2": 40, "1.3": 3, "1.4": 2 }, B: { "1.1": 40, "1.2": 40 } },
      },
    },
    expected: {
      A: {
        total: 81,
        provisional: false,
        components: {
          "1.3": { points: 3, how: { rule: "bonus", points: 3 } },
          "1.4": { points: -2, how: { rule: "penalty", points: 2 } },
        },
        mains: { "1": { maxPoints: 100 } },
      },
      B: { total: 80, provisional: false },
    },
  },
  {
    description: "unscored index: collected, 0 points, not in the total nor the max",
    input: {
      profile: "generic",
      spec: {
        indicators: [
          { code: "1", max: 60 },
          { code: "1.1", max: 60 },
          { code: "2", max: 0, scored: false },
          { code: "2.1", max: 10 },
        ],
        units: [{ name: "A", group: "all" }],
        scores: { A: { "1.1": 30, "2.1": 10 } },
      },
    },
    expected: {
      A: {
        total: 30,
        applicableMax: 60,
        provisional: false,
        mains: { "2": { points: 0, how: { rule: "unscored" } } },
        components: { "2.1": { points: 0, how: { rule: "unscored" } } },
      },
    },
  },
  {
    description:
      "Sơn La rule 1: a unit without subordinate units gets the highest score any unit achieved",
    input: {
      spec: {
        indicators: [
          { code: "1", max: 100 },
          { code: "1.1", max: 50 },
          { code: "1.2", max: 50, concerns: "subordinate-units" },
        ],
        units: [
          { name: "A" },
          { name: "B" },
          { name: "C", sub: false },
          { name: "H", group: "districts" },
        ],
        scores: {
          A: { "1.1": 40, "1.2": 30 },
          B: { "1.1": 40, "1.2": 45 },
          C: { "1.1": 40, "1.2": 10 },
          H: { "1.1": 20, "1.2": 48 },
        },
      },
    },
    expected: {
      C: {
        total: 88,
        provisional: false,
        components: {
          "1.2": { points: 48, source: "rule", how: { rule: "peer-max", bestUnit: "H" } },
        },
      },
      A: { total: 70 },
    },
  },
  {
    description: "rule 1 is off in profiles without it (Lào Cai): the entered score counts",
    input: {
      profile: "laocai-2022",
      spec: {
        indicators: [
          { code: "1", max: 1000 },
          { code: "1.1", max: 500 },
          { code: "1.2", max: 500, concerns: "subordinate-units" },
        ],
        units: [
          { name: "A", group: "agencies-tthc" },
          { name: "C", sub: false, group: "agencies-tthc" },
        ],
        scores: { A: { "1.1": 400, "1.2": 450 }, C: { "1.1": 400, "1.2": 100 } },
      },
    },
    expected: { C: { total: 500, components: { "1.2": { points: 100, source: "self" } } } },
  },
  {
    description:
      "Sơn La rule 2: a unit without DVCTT scores DVCTT components proportionally to all its non-DVCTT components",
    input: {
      spec: {
        indicators: [
          { code: "1", max: 50 },
          { code: "1.1", max: 50 },
          { code: "2", max: 50 },
          { code: "2.1", max: 25 },
          { code: "2.2", max: 25, concerns: "dvctt" },
        ],
        units: [{ name: "A", dvctt: false }],
        scores: { A: { "1.1": 40, "2.1": 20 } },
      },
    },
    expected: {
      A: {
        total: 40 + 20 + 20,
        provisional: false,
        components: {
          "2.2": {
            points: 20,
            source: "rule",
            how: { rule: "proportional", actualPoints: 60, maxPoints: 75, scope: "all-non-dvctt" },
          },
        },
      },
    },
  },
  {
    description: "rule 2 with the scope set to the same main index",
    input: {
      special: { proportionalDvctt: { scope: "same-main-index" } },
      spec: {
        indicators: [
          { code: "1", max: 50 },
          { code: "1.1", max: 50 },
          { code: "2", max: 50 },
          { code: "2.1", max: 25 },
          { code: "2.2", max: 25, concerns: "dvctt" },
        ],
        units: [{ name: "A", dvctt: false }],
        scores: { A: { "1.1": 40, "2.1": 20 } },
      },
    },
    expected: {
      A: {
        components: {
          "2.2": {
            points: 20,
            how: {
              rule: "proportional",
              actualPoints: 20,
              maxPoints: 25,
              scope: "same-main-index:2",
            },
          },
        },
        total: 80,
      },
    },
  },
  {
    description: "rule 2 uses rule 1's result: peer maximum counts in the non-DVCTT actual points",
    input: {
      spec: {
        indicators: [
          { code: "1", max: 100 },
          { code: "1.1", max: 50, concerns: "subordinate-units" },
          { code: "1.2", max: 50, concerns: "dvctt" },
        ],
        units: [{ name: "A" }, { name: "B", sub: false, dvctt: false }],
        scores: { A: { "1.1": 50, "1.2": 50 }, B: {} },
      },
    },
    expected: {
      B: {
        total: 100,
        provisional: false,
        components: { "1.1": { points: 50 }, "1.2": { points: 50 } },
      },
    },
  },
  {
    description:
      "Sơn La rule 3: components not applicable to a special-purpose unit score their max",
    input: {
      spec: {
        indicators: flatSet([50, 50]),
        units: [{ name: "A", special: true, na: ["1.2"] }],
        scores: { A: { "1.1": 30 } },
      },
    },
    expected: {
      A: {
        total: 80,
        provisional: false,
        components: { "1.2": { points: 50, source: "rule", how: { rule: "not-applicable-max" } } },
      },
    },
  },
  {
    description: "criteria under a component add up, capped at the component's max",
    input: {
      spec: {
        indicators: [
          { code: "1", max: 100 },
          { code: "1.1", max: 50 },
          { code: "1.1.1", max: 30 },
          { code: "1.1.2", max: 30 },
          { code: "1.2", max: 50 },
        ],
        units: [{ name: "A" }],
        scores: { A: { "1.1.1": 30, "1.1.2": 25, "1.2": 10 } },
      },
    },
    expected: {
      A: {
        total: 60,
        components: {
          "1.1": { points: 50, how: { rule: "capped-sum", sum: 55, cap: 50 } },
          "1.1.2": { points: 25 },
        },
      },
    },
  },
  {
    description: "summary layout: main-index figures entered, no components",
    input: {
      spec: {
        indicators: [
          { code: "1", max: 60 },
          { code: "2", max: 40 },
        ],
        units: [{ name: "A" }, { name: "B" }],
        scores: { A: { "1": 50, "2": [30, 28] }, B: { "1": 55 } },
      },
    },
    expected: {
      A: {
        total: 78,
        provisional: false,
        mains: {
          "1": { points: 50, source: "self", how: { rule: "entered", from: "self" } },
          "2": { points: 28, source: "appraised" },
        },
      },
      B: {
        total: 55,
        provisional: true,
        mains: { "2": { points: null, how: { rule: "missing" } } },
      },
    },
  },
  {
    description: "only a total: the entered total is the total",
    input: {
      spec: { indicators: [], units: [{ name: "A" }], scores: {}, stray: { A: { TOTAL: 77.5 } } },
    },
    expected: {
      A: {
        total: 77.5,
        applicableMax: 100,
        provisional: false,
        totalHow: { rule: "entered-total" },
      },
    },
  },
  {
    description:
      "national 922 at main-index level: nine indices from the profile, smart city unscored",
    input: {
      profile: "national-922",
      fromRecognized: true,
      spec: {
        indicators: [],
        units: [{ name: "Tỉnh A", group: "provinces" }],
        scores: {},
        stray: {
          "Tỉnh A": {
            "1": 80,
            "2": 70,
            "3": 60,
            "4": 50,
            "5": 90,
            "6": 99,
            "7": 150,
            "8": 100,
            "9": 120,
          },
        },
      },
    },
    expected: {
      "Tỉnh A": {
        total: 80 + 70 + 60 + 50 + 90 + 150 + 100 + 120,
        applicableMax: 1000,
        mains: {
          "6": { points: 0, maxPoints: 0, how: { rule: "unscored" } },
          "7": { points: 150, maxPoints: 200 },
        },
      },
    },
  },
  {
    description: "a blank makes the total provisional; the blank is not counted as 0 points scored",
    input: {
      spec: {
        indicators: flatSet([50, 50]),
        units: [{ name: "A" }],
        scores: { A: { "1.1": 40, "1.2": null } },
      },
    },
    expected: {
      A: {
        total: 40,
        provisional: true,
        components: { "1.2": { points: null, source: "none", how: { rule: "missing" } } },
      },
    },
  },
  {
    description:
      "an unusable entry (above max, text, ambiguous) scores nothing and makes the total provisional",
    input: {
      spec: {
        indicators: flatSet([50, 50, 50]),
        units: [{ name: "A", group: null, groupText: "?" }],
        scores: { A: { "1.1": 60, "1.2": "abc", "1.3": "1.000" } },
      },
    },
    expected: { A: { total: null, provisional: true } },
  },
  {
    description: "an unusable appraised score does not silently fall back to the self score",
    input: {
      spec: {
        indicators: flatSet([50, 50]),
        units: [{ name: "A" }],
        scores: { A: { "1.1": [40, "abc"], "1.2": 45 } },
      },
    },
    expected: {
      A: {
        total: 45,
        provisional: true,
        components: { "1.1": { points: null, how: { rule: "missing" } } },
      },
    },
  },
  {
    description:
      "a summary with only a total column (recognised as one main index without components)",
    input: {
      spec: {
        indicators: [{ code: "TONG", max: 100, level: "main" }],
        units: [{ name: "A" }, { name: "B" }],
        scores: { A: { TONG: 73.5 }, B: { TONG: [80, 78] } },
      },
    },
    expected: {
      A: { total: 73.5, provisional: false, applicableMax: 100 },
      B: { total: 78, mains: { TONG: { points: 78, source: "appraised" } } },
    },
  },
  {
    description:
      "applicable max: the group's (Lào Cai không TTHC 750) even when the set sums to 1000",
    input: {
      profile: "laocai-2022",
      spec: {
        indicators: flatSet([500, 500]),
        units: [{ name: "A", group: "agencies-no-tthc" }],
        scores: { A: { "1.1": 300, "1.2": 300 } },
      },
    },
    expected: { A: { total: 600, applicableMax: 750 } },
  },
  {
    description:
      "applicable max: the set's sum of maxima when the profile has no group max (Kon Tum)",
    input: {
      profile: "kontum-2022",
      spec: {
        indicators: flatSet([400, 400]),
        units: [{ name: "A" }],
        scores: { A: { "1.1": 300, "1.2": 300 } },
      },
    },
    expected: { A: { total: 600, applicableMax: 800 } },
  },
  {
    description: "rounding at the component stage: 3.333 + 3.333 → 3.33 + 3.33",
    input: {
      rounding: { stage: "component", decimals: 2 },
      spec: {
        indicators: flatSet([10, 10]),
        units: [{ name: "A" }],
        scores: { A: { "1.1": 3.333, "1.2": 3.333 } },
      },
    },
    expected: { A: { total: 6.66, components: { "1.1": { points: 3.33 } } } },
  },
  {
    description: "rounding only for display: the total keeps every decimal",
    input: {
      rounding: { stage: "display", decimals: 2 },
      spec: {
        indicators: flatSet([10, 10]),
        units: [{ name: "A" }],
        scores: { A: { "1.1": 3.333, "1.2": 3.333 } },
      },
    },
    expected: { A: { total: 6.666, components: { "1.1": { points: 3.333 } } } },
  },
  {
    description: "rounding at the main-index stage",
    input: {
      rounding: { stage: "main-index", decimals: 1 },
      spec: {
        indicators: [...flatSet([10, 10]), ...flatSet([10], "2")],
        units: [{ name: "A" }],
        scores: { A: { "1.1": 3.33, "1.2": 3.33, "2.1": 1.04 } },
      },
    },
    expected: { A: { total: 7.7, mains: { "1": { points: 6.7 }, "2": { points: 1 } } } },
  },
  {
    description: "rounding at the total stage",
    input: {
      rounding: { stage: "total", decimals: 1 },
      spec: {
        indicators: flatSet([10, 10]),
        units: [{ name: "A" }],
        scores: { A: { "1.1": 3.33, "1.2": 3.33 } },
      },
    },
    expected: { A: { total: 6.7, mains: { "1": { points: 6.66 } } } },
  },
];

describe.each(CASES)("score: $description", ({ input, expected }) => {
  it("scores as the rules say, with how each number was obtained", () => {
    const base = getProfile(input.profile ?? "sonla-2024");
    const profile: RuleProfile = input.special
      ? { ...base, specialRules: { ...base.specialRules, ...input.special } }
      : base;
    const data = buildData(input.spec);
    const set = input.fromRecognized
      ? indicatorSetFromRecognized(profile, data)
      : { profile, indicators: data.indicators };
    const scored = scoreUnits(set, data, input.rounding);
    for (const [name, exp] of Object.entries(expected)) {
      const su = scored.find((s) => s.unit.name === name);
      expect(su).toBeDefined();
      if (exp.total === null) expect(su!.totalPoints).toBeNull();
      else expect(su!.totalPoints).toBeCloseTo(exp.total, 9);
      if (exp.provisional !== undefined) expect(su!.provisional).toBe(exp.provisional);
      if (exp.applicableMax !== undefined) expect(su!.applicableMax).toBe(exp.applicableMax);
      if (exp.totalHow) expect(su!.totalHow).toEqual(exp.totalHow);
      for (const [code, r] of Object.entries(exp.components ?? {})) {
        const { points, ...rest } = r;
        const got = su!.components[code];
        expect(got).toMatchObject(rest);
        if (typeof points === "number") expect(got!.points).toBeCloseTo(points, 9);
        else if (points !== undefined) expect(got!.points).toBe(points);
      }
      for (const [code, r] of Object.entries(exp.mains ?? {})) {
        const { points, ...rest } = r;
        const got = su!.mainIndices[code];
        expect(got).toMatchObject(rest);
        if (typeof points === "number") expect(got!.points).toBeCloseTo(points, 9);
        else if (points !== undefined) expect(got!.points).toBe(points);
      }
    }
  });
});

describe("component results are plain data", () => {
  it("can be listed, spread and serialised like an object", () => {
    const data = buildData({
      indicators: flatSet([50, 50]),
      units: [{ name: "A" }],
      scores: { A: { "1.1": 40, "1.2": 45 } },
    });
    const [su] = scoreUnits(
      { profile: getProfile("sonla-2024"), indicators: data.indicators },
      data
    );
    expect(Object.keys(su!.components)).toEqual(["1.1", "1.2"]);
    expect("1.2" in su!.components).toBe(true);
    expect("9.9" in su!.components).toBe(false);
    const json = JSON.parse(JSON.stringify(su!.components));
    expect(json["1.2"]).toEqual({
      code: "1.2",
      points: 45,
      maxPoints: 50,
      source: "self",
      how: { rule: "entered", from: "self", cell: { sheet: "Nhập điểm", cell: "E8" } },
    });
    expect({ ...su!.components }["1.1"]?.points).toBe(40);
    expect(su!.mainIndices).toEqual({
      "1": {
        code: "1",
        points: 85,
        maxPoints: 100,
        source: "rule",
        how: { rule: "sum-of-components", codes: ["1.1", "1.2"] },
      },
    });
    expect(su!.components["1.1"]).toBe(su!.components["1.1"]); // built once, then kept
    expect(() => {
      (su!.components as Record<string, unknown>)["1.1"] = null;
    }).toThrow(TypeError);
    expect(Object.entries(su!.components).map(([k, v]) => [k, v.points])).toEqual([
      ["1.1", 40],
      ["1.2", 45],
    ]);
  });
});
