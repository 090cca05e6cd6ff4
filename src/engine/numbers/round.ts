/**
 * Rounding as Excel's ROUND does it: half away from zero, and float-safe, so roundTo(1.005, 2) is 1.01
 * even though 1.005 is stored as 1.00499999999999989… in binary.
 */

/** Significant digits kept before rounding: removes binary noise (1.005 * 100 = 100.49999999999999). */
const CLEAN_DIGITS = 15;

/** Below this, 15 significant digits still include the first decimal, so cleaning never rounds `raw` to an integer itself. */
const FAST_LIMIT = 1e14;
/** Relative bound on how far toPrecision(15) moves a value (half a unit in the 15th digit, plus a margin). */
const CLEAN_TOLERANCE = 1e-14;
const COMPARE_FACTOR = 1e9;

/** Rounds half away from zero to `decimals` places (negative decimals round to tens, hundreds…). */
export function roundTo(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const d = Math.trunc(decimals);
  if (!Number.isFinite(d)) return x;
  const sign = x < 0 ? -1 : 1;
  const abs = Math.abs(x);
  if (d >= 0) {
    const factor = d === COMPARE_DECIMALS ? COMPARE_FACTOR : 10 ** Math.min(d, 300);
    const raw = abs * factor;
    let scaled: number;
    if (raw < FAST_LIMIT && Math.abs(raw - Math.floor(raw) - 0.5) > raw * CLEAN_TOLERANCE) {
      // Fast path, same result without the string round trip: cleaning to 15 significant digits
      // moves `raw` by less than raw × 1e-14, so unless raw sits that close to a .5 boundary,
      // Math.round gives the same integer either way. (test/engine/numbers: property test.)
      scaled = raw;
    } else {
      scaled = Number(raw.toPrecision(CLEAN_DIGITS));
    }
    if (!Number.isFinite(scaled)) return x;
    const rounded = Math.round(scaled) / factor;
    return sign * rounded === 0 ? 0 : sign * rounded;
  }
  const factor = 10 ** Math.min(-d, 300);
  const scaled = Number((abs / factor).toPrecision(CLEAN_DIGITS));
  const rounded = Math.round(scaled) * factor;
  return sign * rounded === 0 ? 0 : sign * rounded;
}

/** Decimals used to compare computed figures: two totals equal after rounding to this are equal. */
const COMPARE_DECIMALS = 9;

/** The value used to compare totals for equality (ties, grade bounds): rounded to 1e-9. */
export function comparable(x: number): number {
  return roundTo(x, COMPARE_DECIMALS);
}
