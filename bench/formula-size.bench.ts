/**
 * Issue 14: the size of the native grade and gap formulas the ranked sheets write, against Excel's
 * 8,192 characters per formula. `npx tsx bench/run.ts formula-size`
 */
import { EXCEL_FORMULA_CHARS, gapFormula, gradeFormula } from "../src/engine/sheets/formulas";
import { bandCase, presetCases, stressDoc, type BandCase } from "./formula-bands";
import { medianMs } from "./measure";
import type { BenchFigure } from "./run";

/** The longest cell reference and max literal a ranked row gives (3,321 units, max 933⅓). */
const POINTS = "AB3325";
const MAX = 933.3333333333334;

function figures(c: BandCase, label: string): BenchFigure[] {
  const grade = gradeFormula(POINTS, MAX, c.scheme, c.refs);
  const gap = gapFormula(POINTS, MAX, c.scheme, c.refs);
  const form = grade.includes(c.refs.block?.labels ?? "\u0000")
    ? "band block"
    : "band cells or literals";
  const ms = medianMs(() => void gradeFormula(POINTS, MAX, c.scheme, c.refs), 21, 3);
  const of = (n: number) =>
    `${n} chars, ${(n / EXCEL_FORMULA_CHARS).toFixed(2)} of Excel's ${EXCEL_FORMULA_CHARS}`;
  return [
    {
      name: `sheets: grade formula, ${label} (${c.scheme.bands.length} bands)`,
      medianMs: ms,
      runs: 21,
      note: `${of(grade.length)}; ${form}; gap formula ${of(gap.length)}`,
    },
  ];
}

export default async function bench(): Promise<BenchFigure[]> {
  const presets = await presetCases();
  const len = (c: BandCase) => gradeFormula(POINTS, MAX, c.scheme, c.refs).length;
  const largest = presets.reduce((a, b) =>
    b.scheme.bands.length > a.scheme.bands.length ||
    (b.scheme.bands.length === a.scheme.bands.length && len(b) > len(a))
      ? b
      : a
  );
  const out = figures(largest, `largest preset ${largest.id}`);
  for (const n of [20, 40]) {
    const c = await bandCase(stressDoc(n));
    if (c === null) throw new Error(`stress scheme of ${n} bands not read`);
    out.push(...figures(c, `stress`));
  }
  return out;
}
