/**
 * Every DTI.* function and its native-formula twin give the same result on many generated inputs,
 * evaluated in a real spreadsheet engine (HyperFormula). NUMBER and CHECK's error branch use
 * NUMBERVALUE / ERROR.TYPE, which HyperFormula lacks: the LibreOffice test covers them.
 */
import fc from "fast-check";
import { invoke, bandsFromRange, DEFAULT_SCHEME } from "../../../src/engine/functions";
import type { GradeBasis, GradeScheme } from "../../../src/engine/model/types";
import { findProfile } from "../../../src/engine/profiles";
import {
  checkFormula,
  gapFormula,
  gradeFormula,
  indexFormula,
  percentFormula,
  proportionalFormula,
  rankFormula,
  ratioFormula,
  stepFormula,
  textLiteral,
  formulaForFile,
} from "../../../src/engine/sheets/formulas";
import { evaluateSheet, expectSame, type Cell } from "./harness";

const RUNS = 40;
const scheme = (id: string): GradeScheme => findProfile(id)!.gradeScheme!;

/** Named schemes: id for invoke ("" = default), the scheme for the twin. */
const NAMED: readonly { id: string | undefined; scheme: GradeScheme }[] = [
  { id: undefined, scheme: DEFAULT_SCHEME },
  { id: "sonla-2024", scheme: scheme("sonla-2024") },
  { id: "laocai-2022", scheme: scheme("laocai-2022") },
  { id: "laocai-2023", scheme: scheme("laocai-2023") },
  { id: "kontum-2022", scheme: scheme("kontum-2022") },
  { id: "hcm-2023", scheme: scheme("hcm-2023") },
];

/** A band range as a user types it: rows of (lower %, label, incl/excl). */
const bandRangeArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 4 })
  .chain((bounds) =>
    fc.tuple(
      fc.constant(bounds),
      fc.array(fc.constantFrom("incl", "excl", null), {
        minLength: bounds.length,
        maxLength: bounds.length,
      }),
      fc.boolean()
    )
  )
  .map(([bounds, flags, openBottom]) => {
    const rows: Cell[][] = bounds.map((b, i) => [b, `Mức ${i + 1}`, flags[i] ?? null]);
    if (openBottom) rows.push([null, "Thấp", null]);
    return rows;
  });

const maxArb = fc.constantFrom(100, 330, 750, 800, 1000);

/** Points on a 0.01 grid, exact band bounds, blanks, and a few impossible values. */
function pointsArb(thresholds: readonly number[], max: number, basis: GradeBasis) {
  const atBound = thresholds.map((t) => (basis === "points" ? t : (t / 100) * max));
  return fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100) },
    { weight: 3, arbitrary: atBound.length > 0 ? fc.constantFrom(...atBound) : fc.constant(0) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom(-1, max + 1) }
  );
}

const bounds = (s: GradeScheme) =>
  s.bands
    .flatMap((b) => [b.lower?.value, b.upper?.value])
    .filter((v): v is number => v !== undefined);

describe("GRADE, GAP, PERCENT, INDEX twins", () => {
  test("named schemes: every row agrees", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMED),
        maxArb,
        fc.array(fc.integer(), { minLength: 1, maxLength: 1 }),
        (named, max, _) => {
          const pts = fc.sample(pointsArb(bounds(named.scheme), max, named.scheme.basis), 40);
          const rows: Cell[][] = pts.map((p, i) => [
            p,
            max,
            gradeFormula(`A${i + 1}`, `B${i + 1}`, named.scheme),
            gapFormula(`A${i + 1}`, `B${i + 1}`, named.scheme),
            percentFormula(`A${i + 1}`, `B${i + 1}`),
            indexFormula(`A${i + 1}`, `B${i + 1}`),
          ]);
          const out = evaluateSheet(rows);
          pts.forEach((p, i) => {
            const ctx = { p, max, scheme: named.id };
            expectSame(invoke("GRADE", [p, max, named.id]), out[i]![2], ctx);
            expectSame(invoke("GAP", [p, max, named.id]), out[i]![3], ctx);
            expectSame(invoke("PERCENT", [p, max]), out[i]![4], ctx);
            expectSame(invoke("INDEX", [p, max]), out[i]![5], ctx);
          });
        }
      ),
      { numRuns: RUNS }
    );
  });

  test("band ranges typed by the user: the function reads the range, the twin gets the same bands", () => {
    fc.assert(
      fc.property(bandRangeArb, maxArb, (range, max) => {
        const parsed = bandsFromRange(range);
        const pts = fc.sample(pointsArb(bounds(parsed), max, "percent"), 30);
        const rows: Cell[][] = pts.map((p, i) => [
          p,
          max,
          gradeFormula(`A${i + 1}`, `B${i + 1}`, parsed),
          gapFormula(`A${i + 1}`, `B${i + 1}`, parsed),
        ]);
        const out = evaluateSheet(rows);
        pts.forEach((p, i) => {
          expectSame(invoke("GRADE", [p, max, range]), out[i]![2], { p, max, range });
          expectSame(invoke("GAP", [p, max, range]), out[i]![3], { p, max, range });
        });
      }),
      { numRuns: RUNS }
    );
  });

  test("max ≤ 0: both are errors", () => {
    const out = evaluateSheet([
      [50, 0, gradeFormula("A1", "B1", DEFAULT_SCHEME), percentFormula("A1", "B1")],
    ]);
    expectSame(invoke("GRADE", [50, 0]), out[0]![2], "max 0");
    expectSame(invoke("PERCENT", [50, 0]), out[0]![3], "max 0");
  });

  test("twins are plain Excel 2016 formulas: no IFS, no dynamic-array functions", () => {
    const all = [
      gradeFormula("A1", "B1", scheme("hcm-2023")),
      gapFormula("A1", "B1", scheme("laocai-2022")),
      rankFormula("A1", "$A$1:$A$9", "$B$1:$B$9", "B1", "dense"),
      stepFormula("A1", "B1:B4", "C1:C4"),
      checkFormula("A1", "B1", "C1"),
    ].join(" ");
    expect(all).not.toMatch(
      /\b(IFS|SWITCH|MAXIFS|MINIFS|SORTBY|SORT|FILTER|UNIQUE|XLOOKUP|LET|TEXTJOIN)\(/
    );
  });
});

describe("RANK twin", () => {
  const cellArb = fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 40 }).map((n) => n * 2.5) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant("chưa chấm") }
  );
  const groupArb = fc.constantFrom("Sở", "sở", "Huyện", "So");
  test("competition and dense, with and without groups", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cellArb, groupArb), { minLength: 1, maxLength: 25 }),
        fc.constantFrom("competition" as const, "dense" as const),
        fc.boolean(),
        (units, policy, grouped) => {
          const n = units.length;
          const all = `$A$1:$A$${n}`;
          const groups = `$B$1:$B$${n}`;
          const rows: Cell[][] = units.map(([p, g], i) => [
            p,
            g,
            grouped
              ? rankFormula(`A${i + 1}`, all, groups, `B${i + 1}`, policy)
              : rankFormula(`A${i + 1}`, all, undefined, undefined, policy),
          ]);
          const out = evaluateSheet(rows);
          const allM = units.map(([p]) => [p]);
          const groupsM = units.map(([, g]) => [g]);
          units.forEach(([p, g], i) => {
            if (typeof p === "string") return; // the unit's own cell must be a number or blank
            const r = grouped
              ? invoke("RANK", [p, allM, groupsM, g, policy])
              : invoke("RANK", [p, allM, undefined, undefined, policy]);
            expectSame(r, out[i]![2], { units, policy, grouped, i });
          });
        }
      ),
      { numRuns: RUNS * 2 }
    );
  });
});

describe("PROPORTIONAL, RATIO and STEP twins", () => {
  test("PROPORTIONAL", () => {
    const pairArb = fc.oneof(
      {
        weight: 8,
        arbitrary: fc.integer({ min: 1, max: 20 }).chain((m) =>
          fc.tuple(
            fc.integer({ min: 0, max: m * 4 }).map((a) => a / 4),
            fc.constant(m)
          )
        ),
      },
      { weight: 1, arbitrary: fc.tuple(fc.constant(null), fc.integer({ min: 1, max: 20 })) },
      { weight: 1, arbitrary: fc.constant([null, null] as [null, null]) },
      { weight: 1, arbitrary: fc.constant([12, 10] as [number, number]) }
    );
    fc.assert(
      fc.property(
        fc.array(pairArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 30 }),
        (pairs, cm) => {
          const n = pairs.length;
          const rows: Cell[][] = pairs.map(([a, m]) => [a, m]);
          rows[0]!.push(cm, proportionalFormula(`A1:A${n}`, `B1:B${n}`, "C1"));
          const out = evaluateSheet(rows);
          const r = invoke("PROPORTIONAL", [
            pairs.map(([a]) => [a]),
            pairs.map(([, m]) => [m]),
            cm,
          ]);
          expectSame(r, out[0]![3], { pairs, cm });
        }
      ),
      { numRuns: RUNS * 2 }
    );
  });

  test("RATIO", () => {
    const v = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 50 }) },
      { weight: 1, arbitrary: fc.constant(null) }
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(v, v, fc.constantFrom(10, 20, 0)), { minLength: 1, maxLength: 30 }),
        (cases) => {
          const out = evaluateSheet(
            cases.map(([a, b, m], i) => [
              a,
              b,
              m,
              ratioFormula(`A${i + 1}`, `B${i + 1}`, `C${i + 1}`),
            ])
          );
          cases.forEach(([a, b, m], i) =>
            expectSame(invoke("RATIO", [a, b, m]), out[i]![3], { a, b, m })
          );
        }
      ),
      { numRuns: RUNS }
    );
  });

  test("STEP (thresholds in any order, blank rows)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 5 }),
        fc.array(
          fc.oneof(
            fc.integer({ min: -1, max: 14 }).map((x) => x / 1),
            fc.constant(null),
            fc.constant(2.5)
          ),
          { minLength: 1, maxLength: 10 }
        ),
        fc.boolean(),
        (thr, values, blankRow) => {
          const steps: Cell[][] = thr.map((t) => [t, t * 5 + 1]);
          if (blankRow) steps.push([null, null]);
          const n = steps.length;
          const rows: Cell[][] = steps.map((s) => [...s]);
          values.forEach((v, i) => {
            const row = rows[i] ?? (rows[i] = [null, null]);
            row.push(v, stepFormula(`C${i + 1}`, `$A$1:$A$${n}`, `$B$1:$B$${n}`));
          });
          const out = evaluateSheet(rows);
          values.forEach((v, i) => {
            expectSame(
              invoke("STEP", [v, steps.map((s) => [s[0]]), steps.map((s) => [s[1]])]),
              out[i]![3],
              { thr, v }
            );
          });
        }
      ),
      { numRuns: RUNS }
    );
  });
});

describe("CHECK twin: the same Vietnamese text", () => {
  test("numbers, blanks, text, above max, negative, with and without evidence", () => {
    const scoreArb = fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: 0, max: 1200 }).map((c) => c / 100) },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom("chưa có", "abc") },
      { weight: 1, arbitrary: fc.constantFrom(-2.5, 10.5, 0) },
      { weight: 1, arbitrary: fc.constantFrom("=1/0", "=NA()") } // an error in the score cell
    );
    const asExcelPasses = (s: Cell) =>
      s === "=1/0" ? { error: "#DIV/0!" } : s === "=NA()" ? { error: "#N/A" } : s;
    const evidenceArb = fc.constantFrom(undefined, null, "", "QĐ 12/QĐ-UBND ngày 1/3/2024", "   ");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(scoreArb, fc.constantFrom(10, 2.5), evidenceArb), {
          minLength: 1,
          maxLength: 20,
        }),
        (cases) => {
          const out = evaluateSheet(
            cases.map(([s, m, e], i) => [
              s,
              m,
              e ?? null,
              checkFormula(`A${i + 1}`, `B${i + 1}`, e === undefined ? undefined : `C${i + 1}`),
            ])
          );
          cases.forEach(([s, m, e], i) => {
            const score = asExcelPasses(s);
            const r = invoke("CHECK", e === undefined ? [score, m] : [score, m, [[e]]]);
            expectSame(r, out[i]![3], { s, m, e });
          });
        }
      ),
      { numRuns: RUNS }
    );
  });
  test("long messages are split below Excel's 255-character literal limit", () => {
    const lit = textLiteral("x".repeat(600) + '"');
    for (const part of lit.split("&")) expect(part.length).toBeLessThanOrEqual(257);
    const out = evaluateSheet([[`=${lit}`]]);
    expect(out[0]![0]).toBe("x".repeat(600) + '"');
  });
});

describe("formulaForFile", () => {
  test("NUMBERVALUE gets the _xlfn. prefix for .xlsx files, once", () => {
    expect(formulaForFile('=NUMBERVALUE(A1,",",".")+NUMBERVALUE(B1)')).toBe(
      '=_xlfn.NUMBERVALUE(A1,",",".")+_xlfn.NUMBERVALUE(B1)'
    );
    expect(formulaForFile("=_xlfn.NUMBERVALUE(A1)")).toBe("=_xlfn.NUMBERVALUE(A1)");
    expect(formulaForFile("=SUM(A1:A3)")).toBe("=SUM(A1:A3)");
  });
});
