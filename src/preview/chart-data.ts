/**
 * The numbers a recorded chart draws, read from the sheet as the preview holds it: the chart spec
 * names its category and values ranges on the same sheet (SheetSpec.charts); a formula's value is
 * its cached result, as Excel's chart reads the value shown. Pure.
 */
import { a1, type ChartSpec, parseRange } from "../engine";
import type { SheetSnapshot } from "../workbook/memory/memory-workbook";

interface ChartBar {
  readonly label: string;
  /** null: the cell holds no number (not drawn, said in the label). */
  readonly points: number | null;
}

export interface ChartSeries {
  readonly title: string;
  readonly bars: readonly ChartBar[];
}

/** The cells of a one-column or one-row range, in order. */
function cellsOf(range: string): string[] {
  const r = parseRange(range);
  if (r === null) return [];
  const out: string[] = [];
  for (let row = r.start.row; row <= r.end.row; row++)
    for (let col = r.start.col; col <= r.end.col; col++) out.push(a1(row, col));
  return out;
}

function valueOf(snap: SheetSnapshot, cell: string): unknown {
  const v = snap.cells[cell];
  return v !== null && typeof v === "object" && "formula" in v ? v.cached : v;
}

export function chartSeries(snap: SheetSnapshot, chart: ChartSpec): ChartSeries {
  const labels = cellsOf(chart.categories);
  const values = cellsOf(chart.values);
  const bars = labels.map((cell, i) => {
    const label = valueOf(snap, cell);
    const v = values[i] === undefined ? null : valueOf(snap, values[i]);
    return {
      label: typeof label === "string" || typeof label === "number" ? String(label) : "",
      points: typeof v === "number" && Number.isFinite(v) ? v : null,
    };
  });
  return { title: chart.title, bars };
}
