/**
 * The workbook port: the only way use-cases touch a workbook. Three adapters implement it:
 * office/ (Excel via Office.js, one Excel.run per call), xlsx/ (ExcelJS files), memory/ (preview and tests).
 */
import type { CellValue, Grid, PortErrorCode, PortErrorDetail, SheetSpec } from "../engine";

export interface SheetInfo {
  readonly name: string;
  /** True when the sheet carries the add-in's ownership marker. */
  readonly owned: boolean;
  /** The marker's role ("ranking", "entry-matrix"...), when owned. */
  readonly role?: string;
  /**
   * Not owned, but a registry record of an earlier version of the add-in (written before ownership
   * markers) names it with this role: it looks like an older add-in sheet (ownership.ts, olderRole).
   */
  readonly olderRole?: string;
  readonly visible: boolean;
}

/** One changed range reported by the host (typing, paste, fill, undo). */
export interface ChangeEvent {
  readonly sheet: string;
  /** A1 range ("F12" or "F12:H40"); "" when the sheet is `gone`. */
  readonly range: string;
  /**
   * No sheet of this name any more: the user deleted or renamed it. What pointed into it (issues,
   * a last-year choice) is stale.
   */
  readonly gone?: true;
}

export type Unsubscribe = () => void;

/** A cell to highlight and why. */
export interface HighlightCell {
  readonly cell: string;
  readonly severity: "error" | "warning";
}

/** One sheet's highlights (all of them: the previous ones not listed are removed). */
export interface SheetHighlights {
  readonly sheet: string;
  readonly cells: readonly HighlightCell[];
}

/** How `apply` treats sheets already there. */
export interface ApplyOptions {
  /**
   * Rewrite owned sheets even where the user changed their generated area (after the user saw the
   * "sheet_edited" warning and confirmed). Without it such a sheet is a PortError and nothing is written.
   */
  readonly overwriteEdits?: boolean;
  /**
   * Owned sheets of these roles that `specs` do not name are removed in the same action: a rebuild
   * that makes fewer sheets (a ranking with fewer groups) leaves none of the old ones behind.
   */
  readonly removeOtherRoles?: readonly string[];
}

export interface WorkbookPort {
  /** Names of all sheets with their ownership marks. */
  listSheets(): Promise<readonly SheetInfo[]>;
  /** The name of the sheet the user is on. */
  activeSheet(): Promise<string>;
  /** The sheet's used range as values and formulas (one round trip). */
  readGrid(sheet: string): Promise<Grid>;
  /**
   * Several sheets' used ranges (as readGrid), in the order asked, in one round trip. A missing sheet
   * is a PortError "sheet_not_found" naming it, and nothing is returned.
   */
  readGrids(sheets: readonly string[]): Promise<Grid[]>;
  /** Values of one range (one round trip), e.g. the cells of a change event. */
  readRange(sheet: string, range: string): Promise<Grid>;
  /**
   * Write the specs in one action. Sheets named in `specs` are created, or, when owned, rewritten in
   * place (never deleted and re-created: formulas elsewhere that refer to them keep working). A
   * rewrite clears and writes only the generated area; what the user put outside it stays. A name
   * clash with a user sheet is an error (PortError "sheet_not_owned"), and so is an owned sheet the
   * user edited inside its generated area (PortError "sheet_edited" listing the cells) unless
   * `options.overwriteEdits`; then nothing is written. On failure the previous sheets stay as they were.
   */
  apply(specs: readonly SheetSpec[], options?: ApplyOptions): Promise<void>;
  /** Write plain values into user cells: only on an explicit user command (e.g. "fix 8,5 → 8.5"). */
  writeValues(
    sheet: string,
    cells: readonly { readonly cell: string; readonly value: CellValue }[]
  ): Promise<void>;
  /**
   * Takes over sheets an earlier version of the add-in wrote (their record has no marker), only on
   * the user's request and after the caller checked their content is the add-in's layout: each gets
   * its marker and a record whose generated area is its used range. A sheet without such a record
   * of that role is a PortError ("sheet_not_owned") and nothing changes.
   */
  adoptOlderSheets(
    sheets: readonly { readonly name: string; readonly role: string }[]
  ): Promise<void>;
  /** Delete sheets the add-in owns; refuses (PortError) any sheet that is not owned. */
  deleteOwnedSheets(names: readonly string[]): Promise<void>;
  /**
   * Highlight issue cells (fill) on a sheet, replacing the previous highlights the add-in made there.
   * Only owned sheets are painted: on a user's sheet (even one named like an entry sheet) nothing changes.
   */
  setHighlights(
    sheet: string,
    cells: readonly { readonly cell: string; readonly severity: "error" | "warning" }[]
  ): Promise<void>;
  /**
   * setHighlights for several sheets in one round trip (a full re-check repaints every entry sheet).
   * Every sheet is checked before anything is painted: a missing one is a PortError and nothing changes.
   */
  setHighlightsMany(sheets: readonly SheetHighlights[]): Promise<void>;
  /** Select a cell (click-to-cell from the issue list). */
  select(sheet: string, cell: string): Promise<void>;
  /**
   * Key/value settings stored in the workbook, kept when it is saved and shared (all adapters keep
   * them in the very hidden "_dti" sheet, see ownership.ts). writeSettings merges the given keys into
   * what is stored; a key given as "" is removed.
   */
  readSettings(): Promise<Readonly<Record<string, string>>>;
  writeSettings(settings: Readonly<Record<string, string>>): Promise<void>;
  /** Subscribe to user changes in any sheet. */
  onChanged(listener: (event: ChangeEvent) => void): Promise<Unsubscribe>;
  /**
   * Draws the charts a file writer could not draw (the .xlsx adapter records them in the settings)
   * on the owned sheets that still exist; returns those sheets' names. Only Excel does anything here.
   */
  drawRecordedCharts?(): Promise<readonly string[]>;
}

export type { PortErrorCode, PortErrorDetail };

/** An error from the workbook, mapped in one place per adapter; shown to the user through the message catalogues. */
export class PortError extends Error {
  constructor(
    readonly code: PortErrorCode,
    readonly detail: PortErrorDetail = {},
    message?: string
  ) {
    super(message ?? code);
    this.name = "PortError";
  }
}
