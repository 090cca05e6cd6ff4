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
  };
}
