import type { MemoryWorkbook } from "../../workbook/memory/memory-workbook";
import type { SelectionHub } from "../selection-hub";

export interface WorkbookViewProps {
  readonly workbook: MemoryWorkbook;
  readonly selection: SelectionHub;
  readonly labels: {
    readonly workbook: string;
    readonly sheets: string;
    readonly formulaBar: string;
    readonly grid: (sheet: string) => string;
    readonly cellEditor: (cell: string) => string;
  };
}
