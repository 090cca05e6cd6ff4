/**
 * The fast path of evaluate and validate: the entered figures handed over as dense columns (the
 * entry reader's EntryColumnsBuilder, or indexEntries) give the very same ranking and issues as the
 * plain path that reads the entries' objects; stale columns (another set's maxima, other units,
 * other entries) are never used.
 */
import fc from "fast-check";
import { evaluate, indicatorSetFromRecognized } from "../../../src/engine/evaluate";
import {
  a1,
  entrySheetSpecs,
  readEntry,
  unitColumn,
  type CellValue,
  type Concern,
  type Indicator,
  type IndicatorSet,
  type Recognized,
  type ScoreEntry,
  type ScoringMethod,
  type TiePolicy,
  type Unit,
} from "../../../src/engine";
import { getProfile } from "../../../src/engine/profiles";
import { indexEntries } from "../../../src/engine/score/columns";
import { prepare } from "../../../src/engine/score/prepare";
import { validate } from "../../../src/engine/validate";
import { MemoryWorkbook } from "../../../src/workbook/memory/memory-workbook";
import { buildData, type DataSpec, type IndicatorSpec } from "./build";

/** The same data with a fresh entries array: no columns attached, so evaluate reads the objects. */
function plain(data: Recognized): Recognized {
  return { ...data, entries: [...data.entries] };
}

/** A ranking as plain values (the lazy component records read out). */
function asJson(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x)) as unknown;
}

const methodArb = fc.constantFrom<ScoringMethod>(
  { kind: "direct" },
  { kind: "direct" },
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
    code: fc.constantFrom("1", "1.1", "1.2", "1.1.1", "2", "2.1", "2.1", "2.2", "X", "TOTAL"),
    max: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    method: methodArb,
    concerns: fc.constantFrom<Concern | undefined>(
      undefined,
      undefined,
      "subordinate-units",
      "dvctt"
    ),
    level: fc.constantFrom<Indicator["level"] | undefined>(
      undefined,
      undefined,
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
  fc.integer({ min: -20, max: 120 }).map((x) => x / 2),
  fc.double({ min: -1e3, max: 1e3, noNaN: true }),
  fc.constantFrom<CellValue>(null, null, "", " ", "8,5", "1.000", "x", true, { error: "#N/A" })
);
const evidenceArb = fc.constantFrom<string | null>("QĐ 1", "QĐ 1", "", " ", null);

const dataArb = fc
  .record({
    indicators: fc.array(indicatorArb, { minLength: 1, maxLength: 8 }),
    units: fc.array(
      fc.record({
        group: fc.constantFrom<string | null>("agencies", "districts", null, "nope"),
        sub: fc.boolean(),
        dvctt: fc.boolean(),
        na: fc.constantFrom<string[]>([], [], ["1.2"], ["1"], ["2.1", "X"]),
      }),
      { maxLength: 6 }
    ),
    values: fc.array(valueArb, { minLength: 60, maxLength: 60 }),
    evidence: fc.array(evidenceArb, { minLength: 7, maxLength: 7 }),
    evidenceColumn: fc.boolean(),
    stray: fc.boolean(),
    // Entries out of the reader's order (by unit, then row) take the lookup path.
    shuffle: fc.option(fc.nat(), { nil: null }),
  })
  .map((r): Recognized => {
    let v = 0;
    const next = (): CellValue => r.values[v++ % r.values.length] ?? null;
    let e = 0;
    const ev = (): string | null => r.evidence[e++ % r.evidence.length] ?? null;
    const names = r.units.map((_, i) => `Đơn vị ${i % 4}`); // repeated names on purpose
    const spec: DataSpec = {
      indicators: r.indicators,
      units: r.units.map((u, i) => ({ ...u, name: names[i]! })),
      scores: Object.fromEntries(
        names.map((n) => [
          n,
          Object.fromEntries(
            r.indicators.map((ind) => [ind.code, [next(), next(), ev()] as const])
          ),
        ])
      ),
      evidenceColumn: r.evidenceColumn,
      ...(r.stray && names[0] !== undefined ? { stray: { [names[0]]: { "9.9": 3 } } } : {}),
    };
    const data = buildData(spec);
    if (r.shuffle === null) return data;
    const entries = [...data.entries];
    let seed = r.shuffle;
    for (let i = entries.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const j = seed % (i + 1);
      [entries[i], entries[j]] = [entries[j] as ScoreEntry, entries[i] as ScoreEntry];
    }
    return { ...data, entries };
  });

const profileArb = fc.constantFrom(
  "sonla-2024",
  "laocai-2023",
  "hcm-2023",
  "national-922",
  "generic",
  "daklak-2022"
);
const policyArb = fc.constantFrom<TiePolicy>("competition", "dense", "main-index-order");

describe("evaluate over the reader's columns", () => {
  it("gives the same ranking and issues as reading the entries' objects, whatever the data", () => {
    fc.assert(
      fc.property(dataArb, profileArb, policyArb, (data, profileId, policy) => {
        const set = indicatorSetFromRecognized(getProfile(profileId), data);
        const fast = plain(data);
        const columns = indexEntries(set, fast);
        // The columns are the ones prepare reads (else this property would prove nothing).
        expect(prepare(set, fast).entryIdx).toBe(columns.entryIdx);
        expect(prepare(set, data).entryIdx).not.toBe(columns.entryIdx);
        expect(asJson(evaluate(set, fast, { tiePolicy: policy }))).toEqual(
          asJson(evaluate(set, data, { tiePolicy: policy }))
        );
        expect(validate(set, fast)).toEqual(validate(set, data));
        const one = data.units[0]?.id;
        if (one !== undefined)
          expect(validate(set, fast, { units: [one] })).toEqual(
            validate(set, data, { units: [one] })
          );
      }),
      { numRuns: 400 }
    );
  });

  it("are not used for another set's maxima, other units or other entries", () => {
    const data = buildData({
      indicators: [
        { code: "1", max: 20 },
        { code: "1.1", max: 10 },
        { code: "1.2", max: 10 },
      ],
      units: [{ name: "Sở A" }, { name: "Sở B" }],
      scores: { "Sở A": { "1.1": 8, "1.2": 9 }, "Sở B": { "1.1": 7, "1.2": 10 } },
    });
    const set: IndicatorSet = { profile: getProfile("sonla-2024"), indicators: data.indicators };
    const fast = plain(data);
    const columns = indexEntries(set, fast);
    expect(prepare(set, fast).entryIdx).toBe(columns.entryIdx);
    // Same codes, same maxima, other objects (the set as the pipeline derives it): still used.
    const copied: IndicatorSet = { ...set, indicators: set.indicators.map((i) => ({ ...i })) };
    expect(prepare(copied, fast).entryIdx).toBe(columns.entryIdx);
    // 1.2 now out of 8: 9 is above it, so the CLEAN bit the columns hold would be wrong.
    const lower: IndicatorSet = {
      ...set,
      indicators: set.indicators.map((i) => (i.code === "1.2" ? { ...i, maxPoints: 8 } : i)),
    };
    expect(prepare(lower, fast).entryIdx).not.toBe(columns.entryIdx);
    expect(validate(lower, fast)).toEqual(validate(lower, data));
    expect(validate(lower, fast).some((i) => i.code === "score_above_max")).toBe(true);
    const fewerUnits: Recognized = { ...fast, units: fast.units.slice(0, 1) };
    expect(prepare(set, fewerUnits).entryIdx).not.toBe(columns.entryIdx);
    expect(asJson(evaluate(set, fewerUnits))).toEqual(asJson(evaluate(set, plain(fewerUnits))));
  });
});

describe("readEntry hands evaluate its columns", () => {
  const ind = (code: string, level: "main" | "component", max: number, parent: string | null) => ({
    code,
    name: `Chỉ số ${code}`,
    level,
    maxPoints: max,
    method: { kind: "direct" as const },
    scored: true,
    parentCode: parent,
  });
  const set: IndicatorSet = {
    profile: getProfile("sonla-2024"),
    indicators: [
      ind("1", "main", 20, null),
      ind("1.1", "component", 10, "1"),
      ind("1.2", "component", 10, "1"),
      ind("2", "main", 5, null),
      ind("2.1", "component", 5, "2"),
    ],
  };
  const units: Unit[] = ["Sở A", "Sở B", "UBND huyện C"].map((name, i) => ({
    id: `u${i + 1}`,
    name,
    groupId: i % 2 === 0 ? "agencies" : "districts",
    hasSubordinateUnits: i !== 1,
    hasDvctt: true,
    specialPurpose: false,
    notApplicable: [],
  }));
  const LEAF_ROWS = [7, 8, 10];
  const cellArb = fc.oneof(
    fc.integer({ min: -2, max: 24 }).map((x) => x / 2),
    fc.constantFrom<CellValue>(null, "", "4,5", "abc", "QĐ 12", 1e9)
  );

  it("the same ranking and issues as the entries read without them, whatever the edits", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            unit: fc.nat({ max: 2 }),
            leaf: fc.nat({ max: 2 }),
            part: fc.nat({ max: 2 }),
            value: cellArb,
          }),
          { maxLength: 12 }
        ),
        async (edits) => {
          const wb = new MemoryWorkbook();
          await wb.apply(entrySheetSpecs(set, units));
          for (const e of edits)
            wb.set("Nhập điểm", a1(LEAF_ROWS[e.leaf]!, unitColumn(e.unit) + e.part), e.value);
          const grids = [await wb.readGrid("Nhập điểm"), await wb.readGrid("Đơn vị")];
          const r = readEntry(grids, set);
          if (!r.ok) throw new Error("not read");
          // The reader's columns are the ones read (a copy of the entries has none).
          const copy = plain(r.value);
          expect(prepare(set, r.value).entryIdx).toBe(prepare(set, r.value).entryIdx);
          expect(prepare(set, copy).entryIdx).not.toBe(prepare(set, copy).entryIdx);
          expect(asJson(evaluate(set, r.value))).toEqual(asJson(evaluate(set, copy)));
          expect(validate(set, r.value)).toEqual(validate(set, copy));
        }
      ),
      { numRuns: 60 }
    );
  });
});
