/**
 * Declarative sheet specs: what a generated sheet holds, independent of where it is written.
 * The engine builds them; the Office.js, ExcelJS and memory adapters render them.
 */

/** A cell's content: a number, text (always written as text, even "=..."), a native formula, or blank. */
export type SpecCell =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "text"; readonly value: string }
  | { readonly kind: "bool"; readonly value: boolean }
  /** A native Excel formula, written with a leading "=" in en-US syntax (comma separators). */
  | {
      readonly kind: "formula";
      readonly formula: string;
      readonly cached?: number | string | boolean;
    }
  | { readonly kind: "blank" };

/** Excel keeps at most 32,767 characters in a cell ("Excel specifications and limits"). */
export const CELL_TEXT_LIMIT = 32_767;

/** Text cut to what a cell holds (never splitting a surrogate pair); validation warns (text_too_long). */
export function fitCellText(value: string): string {
  if (value.length <= CELL_TEXT_LIMIT) return value;
  let end = CELL_TEXT_LIMIT;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return value.slice(0, end);
}

/**
 * "centerAcross": Excel's "Center Across Selection" (Office.js `CenterAcrossSelection`, ExcelApi 1.1:
 * https://learn.microsoft.com/javascript/api/excel/excel.horizontalalignment; OOXML
 * `centerContinuous`): a cell's text is centred over the blank cells to its right that have the same
 * alignment, without merging them. One style over a whole header row centres every label over its
 * own columns, however many there are (a merge is one command, and one merged area, per label).
 */
type HorizontalAlign = "left" | "center" | "right" | "centerAcross";

/** A style expressed as named roles: the adapters map roles to colours/fonts consistently. */
export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontSize?: number;
  readonly fill?: string; // hex "#RRGGBB"
  readonly fontColor?: string; // hex "#RRGGBB"
  readonly align?: HorizontalAlign;
  readonly wrap?: boolean;
  /**
   * "thin": every edge and inside line; "band": top and bottom edges only, no inside vertical lines
   * (a row of labels centred across their columns, which vertical lines would cut through).
   */
  readonly border?: "thin" | "none" | "band";
  /** Excel number format, en-US tokens ("0.00", "0.00%"); Excel shows them in the user's locale. */
  readonly numberFormat?: string;
  /** Unlocked cells stay editable when the sheet is protected. */
  readonly locked?: boolean;
}

/** A rectangular write: rows of cells starting at `address` (top-left, A1). */
export interface CellBlock {
  readonly address: string;
  readonly rows: readonly (readonly SpecCell[])[];
  readonly style?: CellStyle;
}

/** A style applied to a range without changing values. */
export interface RangeStyle {
  readonly range: string; // "A1:H1"
  readonly style: CellStyle;
}

export interface DataValidationRule {
  readonly range: string;
  readonly rule:
    | { readonly kind: "decimal"; readonly min: number; readonly max: number | string }
    | {
        readonly kind: "list";
        readonly values: readonly string[];
        /**
         * An absolute range on the same sheet that holds `values` ("$I$2:$I$4"): the list reads
         * it, so a value may hold a comma (a literal list is one comma-separated string). Absent:
         * the literal list.
         */
        readonly source?: string;
      }
    | { readonly kind: "whole"; readonly min: number; readonly max: number }
    /**
     * A formula true for an allowed value, relative to the range's top-left cell as in Excel
     * ("=AND(ISNUMBER(F6),F6<=$C6)"): one rule can cover columns that need different checks.
     */
    | { readonly kind: "custom"; readonly formula: string };
  readonly inputTitle?: string;
  readonly inputMessage?: string;
  readonly errorMessage?: string;
}

export interface ConditionalFormat {
  readonly range: string;
  /** A formula relative to the top-left cell of `range` ("=F5>$D5"), or equality to a text value. */
  readonly when:
    | { readonly kind: "formula"; readonly formula: string }
    | { readonly kind: "equals-text"; readonly text: string };
  readonly style: Pick<CellStyle, "fill" | "fontColor" | "bold" | "italic">;
}

export interface TableSpec {
  readonly name: string;
  readonly range: string; // header row included
  readonly style?: string; // "TableStyleMedium2"
}

export interface ChartSpec {
  readonly kind: "bar";
  readonly title: string;
  /** Category labels and values ranges on the same sheet. */
  readonly categories: string;
  readonly values: string;
  /** Where the chart's top-left corner goes. */
  readonly anchor: string;
  readonly widthCols?: number;
  readonly heightRows?: number;
}

export interface PageSetup {
  readonly orientation: "landscape" | "portrait";
  readonly paper: "A4";
  readonly fitToWidth: boolean;
  /** Rows repeated at the top of each printed page ("4:4"). */
  readonly printTitleRows?: string;
}

export interface SheetSpec {
  readonly name: string;
  /** Marks the sheet as the add-in's own; only marked sheets are ever replaced. */
  readonly owned: true;
  /** What the sheet is for ("ranking", "entry-matrix", "units", "reconciliation", "settings"). */
  readonly role: string;
  readonly blocks: readonly CellBlock[];
  readonly styles?: readonly RangeStyle[];
  readonly merges?: readonly string[];
  readonly columnWidths?: readonly { readonly col: string; readonly width: number }[];
  /** Row heights in points (e.g. a header row whose wrapped labels need two or three lines). */
  readonly rowHeights?: readonly { readonly row: number; readonly height: number }[];
  readonly freeze?: { readonly rows: number; readonly cols: number };
  readonly validations?: readonly DataValidationRule[];
  readonly conditionalFormats?: readonly ConditionalFormat[];
  readonly tables?: readonly TableSpec[];
  readonly charts?: readonly ChartSpec[];
  readonly pageSetup?: PageSetup;
  /** Protect the sheet (structure cells locked, cells with `locked: false` open). */
  readonly protect?: boolean;
  readonly hidden?: boolean;
}
