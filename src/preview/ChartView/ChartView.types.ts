import type { Locale } from "../../engine";
import type { ChartSeries } from "../chart-data";

export interface ChartViewProps {
  readonly series: ChartSeries;
  readonly locale: Locale;
  /** The chart's accessible name ("Biểu đồ: Tổng điểm: Sở, ban, ngành (12 đơn vị)"). */
  readonly label: string;
  /** Shown for a bar whose cell holds no number. */
  readonly noValue: string;
}
