import fc from "fast-check";
import type { CellValue, Issue } from "../../../src/engine/model/types";
import { getProfile } from "../../../src/engine/profiles";
import { validate, type ValidateScope } from "../../../src/engine/validate";
import { buildData, buildSet, flatSet, type DataSpec } from "../evaluate/build";

/**
 * Layout of the fixtures ("Nhập điểm", see build.ts): indicator rows from 6 in spec order
 * ("1" → row 6, "1.1" → row 7, "1.2" → row 8); unit 1 in E (self), F (appraised), G (evidence);
 * unit 2 in H, I, J. Units sheet "Đơn vị": names in B2, B3…
 */
interface Case {
  readonly description: string;
  readonly input: {
    readonly profile?: string;
    readonly spec: DataSpec;
    readonly scope?: ValidateScope;
  };
  /** Issues as [code, severity, "Sheet!Cell"], plus params to match where given. */
  readonly expected: readonly (readonly [string, string, string, Record<string, unknown>?])[];
}

const SET = flatSet([50, 50]); // "1" max 100 (row 6), "1.1" (row 7), "1.2" (row 8) max 50 each
const A = (scores: DataSpec["scores"][string], more: Partial<DataSpec> = {}): DataSpec => ({
  indicators: SET,
  units: [{ name: "Sở A" }],
  scores: { "Sở A": scores },
  ...more,
});

const CASES: Case[] = [
  {
    description: "clean data raises nothing",
    input: { spec: A({ "1.1": 40, "1.2": [45, 44] }) },
    expected: [],
  },
  {
    description: "not a number",
    input: { spec: A({ "1.1": "tám", "1.2": 40 }) },
    expected: [["not_a_number", "error", "Nhập điểm!E7", { text: "tám" }]],
  },
  {
    description: "a Vietnamese number typed as text is read, with a warning",
    input: { spec: A({ "1.1": "8,5", "1.2": 40 }) },
    expected: [["vn_number_parsed", "warning", "Nhập điểm!E7", { text: "8,5", value: 8.5 }]],
  },
  {
    description: "an ambiguous number is flagged, not guessed",
    input: { spec: A({ "1.1": "1.000", "1.2": 40 }) },
    expected: [
      ["ambiguous_number", "error", "Nhập điểm!E7", { text: "1.000", first: 1000, second: 1 }],
    ],
  },
  {
    description: "a negative score",
    input: { spec: A({ "1.1": -1, "1.2": 40 }) },
    expected: [["negative_score", "error", "Nhập điểm!E7", { value: -1 }]],
  },
  {
    description: "a score above the maximum",
    input: { spec: A({ "1.1": 60, "1.2": 40 }) },
    expected: [["score_above_max", "error", "Nhập điểm!E7", { value: 60, max: 50 }]],
  },
  {
    description: "an appraised score above the maximum, at the appraised cell",
    input: { spec: A({ "1.1": [40, 55], "1.2": 40 }) },
    expected: [["score_above_max", "error", "Nhập điểm!F7", { value: 55, max: 50 }]],
  },
  {
    description: "a blank is not entered (not 0)",
    input: { spec: A({ "1.1": null, "1.2": 40 }) },
    expected: [["score_blank", "warning", "Nhập điểm!E7"]],
  },
  {
    description: "a zero is a score, not a blank",
    input: { spec: A({ "1.1": 0, "1.2": 40 }) },
    expected: [],
  },
  {
    description: "an appraised score alone counts (self blank is fine)",
    input: { spec: A({ "1.1": [null, 30], "1.2": 40 }) },
    expected: [],
  },
  {
    description: "the main-index figure entered differs from its components' sum",
    input: { spec: A({ "1": 90, "1.1": 40, "1.2": 40 }) },
    expected: [["sum_mismatch", "warning", "Nhập điểm!E6", { entered: 90, sum: 80 }]],
  },
  {
    description: "the main-index figure entered matches its components' sum",
    input: { spec: A({ "1": 80, "1.1": 40, "1.2": 40 }) },
    expected: [],
  },
  {
    description: "an entry for a code the set does not have",
    input: { spec: A({ "1.1": 40, "1.2": 40 }, { stray: { "Sở A": { "9.9": 5 } } }) },
    expected: [["unknown_code", "error", "Nhập điểm!E9"]],
  },
  {
    description: "a code listed twice in the set",
    input: {
      spec: {
        indicators: [
          { code: "1", max: 100 },
          { code: "1.1", max: 50 },
          { code: "1.1", max: 50 },
        ],
        units: [{ name: "Sở A" }],
        scores: { "Sở A": { "1.1": 40 } },
      },
    },
    expected: [["duplicate_code", "error", "Nhập điểm!A8", { firstCell: "'Nhập điểm'!A7" }]],
  },
  {
    description: "a component without its maximum",
    input: {
      spec: {
        indicators: [
          { code: "1", max: 100 },
          { code: "1.1", max: 50 },
          { code: "1.2", max: null },
        ],
        units: [{ name: "Sở A" }],
        scores: { "Sở A": { "1.1": 40, "1.2": 40 } },
      },
    },
    expected: [["max_missing", "error", "Nhập điểm!A8"]],
  },
  {
    description: "an appraised score above the self score",
    input: { spec: A({ "1.1": [30, 35], "1.2": 40 }) },
    expected: [["appraised_above_self", "warning", "Nhập điểm!F7", { self: 30, appraised: 35 }]],
  },
  {
    description: "a score without evidence",
    input: { spec: A({ "1.1": [30, null, null], "1.2": 40 }) },
    expected: [["missing_evidence", "warning", "Nhập điểm!G7", { value: 30 }]],
  },
  {
    description: "no evidence column at all: no evidence warnings",
    input: { spec: A({ "1.1": [30, null, null], "1.2": 40 }, { evidenceColumn: false }) },
    expected: [],
  },
  {
    description: "a unit without a group",
    input: { spec: A({ "1.1": 40, "1.2": 40 }, { units: [{ name: "Sở A", group: null }] }) },
    expected: [["unit_without_group", "error", "Đơn vị!B2"]],
  },
  {
    description: "a unit whose group text matches no group",
    input: {
      spec: A(
        { "1.1": 40, "1.2": 40 },
        { units: [{ name: "Sở A", group: null, groupText: "Khối xã" }] }
      ),
    },
    expected: [["unknown_group", "error", "Đơn vị!B2", { group: "Khối xã" }]],
  },
  {
    description: "a unit whose group id the profile does not know",
    input: { spec: A({ "1.1": 40, "1.2": 40 }, { units: [{ name: "Sở A", group: "communes" }] }) },
    expected: [["unknown_group", "error", "Đơn vị!B2", { group: "communes" }]],
  },
  {
    description: "only a total: a total above the group maximum",
    input: {
      spec: {
        indicators: [],
        units: [{ name: "Sở A" }],
        scores: {},
        stray: { "Sở A": { TOTAL: 120 } },
      },
    },
    expected: [["score_above_max", "error", "Nhập điểm!E6", { value: 120, max: 100 }]],
  },
  {
    description: "only a total: a blank total",
    input: {
      spec: {
        indicators: [],
        units: [{ name: "Sở A" }],
        scores: {},
        stray: { "Sở A": { TOTAL: null } },
      },
    },
    expected: [["score_blank", "warning", "Nhập điểm!E6"]],
  },
  {
    description: "a one-group profile puts a unit without group text in its only group",
    input: {
      profile: "hcm-2023",
      spec: {
        indicators: flatSet([165, 165]),
        units: [{ name: "Sở A", group: null }],
        scores: { "Sở A": { "1.1": 100, "1.2": 100 } },
      },
    },
    expected: [],
  },
  {
    description: "a formula error in a score cell",
    input: { spec: A({ "1.1": { error: "#REF!" }, "1.2": 40 }) },
    expected: [["formula_error", "error", "Nhập điểm!E7", { text: "#REF!" }]],
  },
  {
    description: "the same unit twice (ignoring accents, case, spacing)",
    input: {
      spec: {
        indicators: SET,
        units: [{ name: "Sở Tài chính" }, { name: "sở  tài chính" }],
        scores: {
          "Sở Tài chính": { "1.1": 40, "1.2": 40 },
          "sở  tài chính": { "1.1": 40, "1.2": 40 },
        },
      },
    },
    expected: [["duplicate_unit", "error", "Đơn vị!B3", { firstCell: "'Đơn vị'!B2" }]],
  },
  {
    description: "a main index whose maximum is not the sum of its components' maxima",
    input: {
      spec: {
        indicators: [
          { code: "1", max: 100 },
          { code: "1.1", max: 50 },
          { code: "1.2", max: 40 },
        ],
        units: [{ name: "Sở A" }],
        scores: { "Sở A": { "1.1": 40, "1.2": 40 } },
      },
    },
    expected: [["max_sum_mismatch", "warning", "Nhập điểm!A6", { sum: 90, expected: 100 }]],
  },
  {
    description: "a set whose maxima add up to no group maximum of the profile",
    input: {
      spec: {
        indicators: flatSet([10, 10]),
        units: [{ name: "Sở A" }],
        scores: { "Sở A": { "1.1": 5, "1.2": 5 } },
      },
    },
    expected: [["max_sum_mismatch", "warning", "Nhập điểm!A6", { sum: 20, expected: "100 / 100" }]],
  },
  {
    description:
      "Sơn La: a blank on a subordinate-units component of a unit without subordinates is expected",
    input: {
      spec: {
        indicators: [
          { code: "1", max: 100 },
          { code: "1.1", max: 50 },
          { code: "1.2", max: 50, concerns: "subordinate-units" },
        ],
        units: [{ name: "Sở A", sub: false }],
        scores: { "Sở A": { "1.1": 40 } },
      },
    },
    expected: [],
  },
  {
    description: "Lào Cai (no special rules): the same blank is reported",
    input: {
      profile: "laocai-2022",
      spec: {
        indicators: [
          { code: "1", max: 1000 },
          { code: "1.1", max: 500 },
          { code: "1.2", max: 500, concerns: "subordinate-units" },
        ],
        units: [{ name: "Sở A", sub: false, group: "agencies-tthc" }],
        scores: { "Sở A": { "1.1": 400 } },
      },
    },
    expected: [["score_blank", "warning", "Nhập điểm!E8"]],
  },
  {
    description: "Sơn La: not-applicable components of a special-purpose unit need no score",
    input: { spec: A({ "1.1": 40 }, { units: [{ name: "Sở A", special: true, na: ["1.2"] }] }) },
    expected: [],
  },
  {
    description: "scope: only the units asked for",
    input: {
      spec: {
        indicators: SET,
        units: [{ name: "Sở A" }, { name: "Sở B" }],
        scores: { "Sở A": { "1.1": 60, "1.2": 40 }, "Sở B": { "1.1": 40, "1.2": -2 } },
      },
      scope: { units: ["Sở B"] },
    },
    expected: [["negative_score", "error", "Nhập điểm!H8"]],
  },
  {
    description: "scope: only the codes asked for",
    input: {
      spec: {
        indicators: SET,
        units: [{ name: "Sở A" }, { name: "Sở B" }],
        scores: { "Sở A": { "1.1": 60, "1.2": 40 }, "Sở B": { "1.1": 40, "1.2": -2 } },
      },
      scope: { codes: ["1.1"] },
    },
    expected: [["score_above_max", "error", "Nhập điểm!E7"]],
  },
];

function where(i: Issue): string {
  return i.cell ? `${i.cell.sheet}!${i.cell.cell}` : "";
}

describe.each(CASES)("validate: $description", ({ input, expected }) => {
  it("raises exactly the expected issues, each at its cell", () => {
    const data = buildData(input.spec);
    const issues = validate(
      buildSet(getProfile(input.profile ?? "sonla-2024"), data),
      data,
      input.scope
    );
    expect(issues.map((i) => [i.code, i.severity, where(i)])).toEqual(
      expected.map(([c, s, w]) => [c, s, w])
    );
    expected.forEach(([, , , params], k) => {
      if (params) expect(issues[k]?.params).toMatchObject(params);
    });
  });
});

describe("validate: issues carry unit and indicator", () => {
  it("names the unit id and indicator code", () => {
    const data = buildData(A({ "1.1": 60, "1.2": 40 }));
    const [issue] = validate(buildSet(getProfile("sonla-2024"), data), data);
    expect(issue).toMatchObject({ unit: "Sở A", indicator: "1.1", params: { unitName: "Sở A" } });
  });
});

describe("validate: a scoped re-check agrees with a full check", () => {
  const cellArb = fc.oneof(
    fc.integer({ min: -5, max: 60 }),
    fc.constantFrom<CellValue>(null, "8,5", "1.000", "abc", { error: "#REF!" }, "")
  );
  it("the issues of one unit are the full check's issues of that unit", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cellArb, cellArb, cellArb), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        (rows, pick) => {
          const names = rows.map((_, i) => `Đơn vị ${i}`);
          const spec: DataSpec = {
            indicators: SET,
            units: names.map((name, i) => ({ name, group: i % 3 === 2 ? null : "agencies" })),
            scores: Object.fromEntries(
              rows.map(([a, b, c], i) => [names[i]!, { "1.1": [a, b] as const, "1.2": c }])
            ),
          };
          const data = buildData(spec);
          const set = buildSet(getProfile("sonla-2024"), data);
          const unit = names[pick % names.length]!;
          const full = validate(set, data).filter((i) => i.unit === unit);
          expect(validate(set, data, { units: [unit] })).toEqual(full);
        }
      )
    );
  });
});
