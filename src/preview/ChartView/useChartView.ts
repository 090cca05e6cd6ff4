import { useId, useMemo } from "react";
import { formatNumber } from "../number-format";
import type { ChartViewProps } from "./ChartView.types";

/** Geometry of the drawing, in the SVG's own units (the figure scales to its width). */
export const CHART = {
  labelWidth: 190,
  plotWidth: 320,
  valueWidth: 56,
  barHeight: 14,
  gap: 6,
  top: 22,
  bottom: 8,
  /** Names longer than this are cut with "…" (the full name is the bar's tooltip). */
  labelChars: 32,
} as const;

/** A round axis end at or above `max`: 1, 2 or 5 times a power of ten. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

export function useChartView(props: ChartViewProps) {
  const titleId = useId();
  const { bars } = props.series;
  const locale = props.locale;
  return useMemo(() => {
    const max = niceMax(Math.max(0, ...bars.map((b) => b.points ?? 0)));
    const step = CHART.barHeight + CHART.gap;
    const height = CHART.top + bars.length * step + CHART.bottom;
    const width = CHART.labelWidth + CHART.plotWidth + CHART.valueWidth;
    const x = (points: number) => CHART.labelWidth + (Math.max(0, points) / max) * CHART.plotWidth;
    const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({
      x: x(f * max),
      text: formatNumber(f * max, undefined, locale),
    }));
    const rows = bars.map((b, i) => {
      const y = CHART.top + i * step;
      const short =
        b.label.length > CHART.labelChars ? `${b.label.slice(0, CHART.labelChars - 1)}…` : b.label;
      return {
        key: `${i}`,
        y,
        label: short,
        full: b.label,
        barWidth: b.points === null ? 0 : x(b.points) - CHART.labelWidth,
        valueX: (b.points === null ? CHART.labelWidth : x(b.points)) + 4,
        value: b.points === null ? props.noValue : formatNumber(b.points, "0.00", locale),
      };
    });
    return { titleId, width, height, ticks, rows };
  }, [bars, locale, props.noValue, titleId]);
}
