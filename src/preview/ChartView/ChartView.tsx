import type { ChartViewProps } from "./ChartView.types";
import { CHART, useChartView } from "./useChartView";
import { useChartViewStyles } from "./useChartViewStyles.styles";

/**
 * A chart a generated sheet records (the ranked sheet's horizontal bar chart of total points),
 * drawn as SVG so the preview shows it without Excel: Excel draws the same spec as a native chart
 * (the Office adapter) and the .xlsx file records it for Excel to draw when the add-in opens.
 */
export function ChartView(props: ChartViewProps) {
  const v = useChartView(props);
  const styles = useChartViewStyles();
  return (
    <figure className={styles.figure} aria-labelledby={v.titleId} data-chart={props.series.title}>
      <figcaption id={v.titleId} className={styles.caption}>
        {props.series.title}
      </figcaption>
      <svg
        className={styles.svg}
        viewBox={`0 0 ${v.width} ${v.height}`}
        role="img"
        aria-label={props.label}
      >
        {v.ticks.map((t) => (
          <g key={t.x}>
            <line
              className={styles.grid}
              x1={t.x}
              x2={t.x}
              y1={CHART.top - 4}
              y2={v.height - CHART.bottom}
            />
            <text className={styles.tick} x={t.x} y={CHART.top - 8} textAnchor="middle">
              {t.text}
            </text>
          </g>
        ))}
        {v.rows.map((r) => (
          <g key={r.key} data-bar={r.full}>
            <title>{`${r.full}: ${r.value}`}</title>
            <text
              className={styles.label}
              x={CHART.labelWidth - 6}
              y={r.y + CHART.barHeight - 3}
              textAnchor="end"
            >
              {r.label}
            </text>
            <rect
              className={styles.bar}
              x={CHART.labelWidth}
              y={r.y}
              width={r.barWidth}
              height={CHART.barHeight}
            />
            <text className={styles.label} x={r.valueX} y={r.y + CHART.barHeight - 3}>
              {r.value}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
