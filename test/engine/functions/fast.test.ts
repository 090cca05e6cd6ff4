/**
 * The fast paths (src/engine/functions/fast.ts) give exactly what the general path gives, on random
 * arguments as Excel passes them: numbers, blanks (null, ""), text, booleans, error values, ranges.
 */
import fc from "fast-check";
import { invoke, invokeGeneral } from "../../../src/engine/functions/invoke";

const cell = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -50, max: 1200 }).map((n) => n / 2) },
  { weight: 1, arbitrary: fc.constantFrom(null, "", "Xã", "8,5", true, 0, 100.0000000004) },
  { weight: 1, arbitrary: fc.constant({ error: "#N/A", message: "x" }) }
);
const scheme = fc.constantFrom(
  undefined,
  null,
  "sonla-2024",
  "laocai-2022",
  "hcm-2023",
  " Sonla-2024 ",
  "national-922",
  "nope",
  [["laocai-2022"]],
  [[null]],
  [[""]],
  [
    [80, "A"],
    [null, "B"],
  ]
);

test("DTI.GRADE: fast path = general path", () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.double({ min: -10, max: 1100, noNaN: true }), cell),
      fc.constantFrom(undefined, null, "", 100, 1000, 0, -5, "100", 264),
      scheme,
      (p, m, s) => {
        expect(invoke("GRADE", [p, m, s])).toEqual(invokeGeneral("GRADE", [p, m, s]));
      }
    ),
    { numRuns: 5000 }
  );
});

test("DTI.RANK: fast path = general path", () => {
  const group = fc.constantFrom("Xã", "xã", "Phường", "", null, 1, true);
  fc.assert(
    fc.property(
      fc.array(fc.tuple(cell, group), { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 0, max: 11 }),
      fc.constantFrom(undefined, null, "dense", "competition", " Dense ", "odd"),
      fc.boolean(),
      fc.boolean(),
      (rows, pick, policy, grouped, asRow) => {
        const pts = rows.map(([c]) => c);
        const grs = rows.map(([, g]) => g);
        const shape = <T>(xs: T[]): T[][] => (asRow ? [xs] : xs.map((x) => [x]));
        const me = pts[pick % pts.length];
        const g = grs[pick % grs.length];
        const args = grouped
          ? [me, shape(pts), shape(grs), g, policy]
          : [me, shape(pts), undefined, undefined, policy];
        expect(invoke("RANK", args)).toEqual(invokeGeneral("RANK", args));
      }
    ),
    { numRuns: 5000 }
  );
});
