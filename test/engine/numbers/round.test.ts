import fc from "fast-check";
import { roundTo } from "../../../src/engine/numbers/round";

describe("roundTo: half away from zero, float safe (Excel ROUND)", () => {
  test.each([
    [1.005, 2, 1.01],
    [-1.005, 2, -1.01],
    [2.675, 2, 2.68],
    [0.5, 0, 1],
    [-0.5, 0, -1],
    [1.5, 0, 2],
    [2.5, 0, 3],
    [1.2345, 3, 1.235],
    [0.819785, 5, 0.81979],
    [73.1649999, 2, 73.16],
    [1234.5, -1, 1230],
    [1235, -1, 1240],
    [-0.0001, 2, 0],
    [659.1, 0, 659],
    [8.345, 2, 8.35],
  ])("roundTo(%p, %p) = %p", (x, d, expected) => {
    expect(roundTo(x, d)).toBe(expected);
  });
  test("non-finite values pass through", () => {
    expect(roundTo(Number.NaN, 2)).toBeNaN();
    expect(roundTo(Infinity, 2)).toBe(Infinity);
  });
  test("property: symmetric, idempotent and within half a unit", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 6 }),
        (x, d) => {
          const r = roundTo(x, d);
          expect(roundTo(-x, d)).toBe(-r === 0 ? 0 : -r);
          expect(roundTo(r, d)).toBe(r);
          expect(Math.abs(r - x)).toBeLessThanOrEqual(0.5 * 10 ** -d + 1e-9);
        }
      )
    );
  });
});

describe("roundTo's fast path (no string round trip) gives the string path's result", () => {
  /** The original definition: clean to 15 significant digits through a string, then round. */
  const reference = (x: number, d: number): number => {
    const sign = x < 0 ? -1 : 1;
    const factor = 10 ** d;
    const scaled = Number((Math.abs(x) * factor).toPrecision(15));
    const r = Math.round(scaled) / factor;
    return sign * r === 0 ? 0 : sign * r;
  };
  it("on random doubles, scores with few decimals, and values next to .5 boundaries", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e7, max: 1e7, noNaN: true }),
          fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => n / 1000),
          fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 200 + 0.0005),
          fc.integer({ min: 0, max: 10_000 }).map((n) => (n + 0.5) / 1e9)
        ),
        fc.integer({ min: 0, max: 12 }),
        (x, d) => Object.is(roundTo(x, d), reference(x, d))
      ),
      { numRuns: 20_000 }
    );
    for (const [x, d] of [
      [1.005, 2],
      [2.675, 2],
      [1.0000000005, 9],
      [0.1 + 0.2, 9],
      [12345.0000000005, 9],
      [99999.9999999995, 9],
    ] as const)
      expect(roundTo(x, d)).toBe(reference(x, d));
  });
});
