/**
 * The fast paths (src/engine/functions/fast.ts) give exactly what the general path gives, on random
 * arguments as Excel passes them: numbers, blanks (null, ""), text, booleans, error values, ranges.
 */
import fc from "fast-check";
import { invoke, invokeGeneral } from "../../../src/engine/functions/invoke";
import { listProfiles } from "../../../src/engine/profiles";

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

/** The double `k` representable steps away from x (x > 0). */
function stepDoubles(x: number, k: number): number {
  const f = new Float64Array([x]);
  const i = new BigInt64Array(f.buffer);
  i[0] = (i[0] ?? 0n) + BigInt(k);
  return f[0] ?? x;
}

test("DTI.GRADE: fast path = general path next to every band bound of every built-in scheme", () => {
  // Values within a few units of 1e-9 of a bound: where rounding to 1e-9 decides the band (the fast
  // path compares against thresholds found once per scheme, the general path rounds every value).
  const offsets = [0, 1e-15, 1e-13, 1e-12, 4e-10, 5e-10, 6e-10, 1e-9, 1.5e-9, 3e-9, 1e-7, 1e-5];
  const schemes = listProfiles().flatMap((p) =>
    p.gradeScheme === null ? [] : [{ id: p.id, scale: p.scale, scheme: p.gradeScheme }]
  );
  expect(schemes.length).toBeGreaterThan(3);
  for (const profile of schemes) {
    const bands = profile.scheme.bands;
    const bounds = bands.flatMap((b) => [b.lower?.value, b.upper?.value]);
    for (const bound of bounds) {
      if (bound === undefined) continue;
      // And every double within 40 steps of where rounding to 1e-9 flips (bound ± half of 1e-9).
      const flips = [bound - 5e-10, bound + 5e-10].flatMap((c) =>
        Array.from({ length: 81 }, (_, k) => stepDoubles(c, k - 40))
      );
      for (const v of [...offsets.flatMap((o) => [bound + o, bound - o]), ...flips]) {
        // As the user passes it: points with the scheme's own maximum, or percent of 100.
        const max = profile.scheme.basis === "percent" ? 100 : profile.scale;
        for (const p of [v, (v * max) / 100])
          for (const m of [max, 100]) {
            const args = [p, m, profile.id];
            expect({ args, r: invoke("GRADE", args) }).toEqual({
              args,
              r: invokeGeneral("GRADE", args),
            });
          }
      }
    }
  }
});
