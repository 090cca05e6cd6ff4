import type { Locale } from "../../engine";
import type { MemoryWorkbook } from "../../workbook/memory/memory-workbook";
import type { SelectionHub } from "../selection-hub";

export interface WorkbookViewProps {
  readonly workbook: MemoryWorkbook;
  readonly selection: SelectionHub;
  /** Numbers show in this language's style (vi: 88,50%; en: 88.50%). Vietnamese by default. */
  readonly locale?: Locale;
  readonly labels: {
    readonly workbook: string;
    readonly sheets: string;
    readonly formulaBar: string;
    readonly grid: (sheet: string) => string;
    readonly cellEditor: (cell: string) => string;
    /** A recorded chart's accessible name, from its title and number of bars. */
    readonly chart: (title: string, bars: number) => string;
    /** A chart bar whose cell holds no number. */
    readonly chartNoValue: string;
  };
}
