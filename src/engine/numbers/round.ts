/**
 * Rounding as Excel's ROUND does it: half away from zero, and float-safe, so roundTo(1.005, 2) is 1.01
 * even though 1.005 is stored as 1.00499999999999989… in binary.
 */

/** Significant digits kept before rounding: removes binary noise (1.005 * 100 = 100.49999999999999). */
const CLEAN_DIGITS = 15;

/** Rounds half away from zero to `decimals` places (negative decimals round to tens, hundreds…). */
export function roundTo(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const d = Math.trunc(decimals);
  if (!Number.isFinite(d)) return x;
  const sign = x < 0 ? -1 : 1;
  const abs = Math.abs(x);
  if (d >= 0) {
    const factor = 10 ** Math.min(d, 300);
    const scaled = Number((abs * factor).toPrecision(CLEAN_DIGITS));
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
export const COMPARE_DECIMALS = 9;

/** The value used to compare totals for equality (ties, grade bounds): rounded to 1e-9. */
export function comparable(x: number): number {
  return roundTo(x, COMPARE_DECIMALS);
}
