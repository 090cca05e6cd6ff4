/**
 * An in-memory workbook behind the port: the browser preview and fast tests.
 * It keeps what a sheet spec writes (values, formulas as text, styles, merges, widths, freeze,
 * validations, conditional formats, tables, charts, page setup, protection, hidden) and the same
 * "_dti" registry sheet as the other adapters. It does not calculate formulas: a formula cell reads
 * back as its formula and the cached value the spec gave (null when none).
 * Every port call counts one round trip (`roundTrips`), so use-case tests can assert counts here too.
 *
 * This class is the port's face and the tests' handle; the workbook itself is in ./book.ts (sheets,
 * names, registry, undo checkpoint), one sheet and a spec rendered on it in ./sheet.ts, the writes
 * that change the sheet list in ./writes.ts, and what a user does in Excel (edits, pastes,
 * renames, deletions) in ./user.ts.
 */
import { a1, type CellStyle, type CellValue, type Grid, type SheetSpec } from "../../engine";
import {
  EMPTY_REGISTRY,
  SETTINGS_SHEET,
  mergeSettings,
  planHighlights,
  sameSheetName,
} from "../ownership";
import {
  PortError,
  type ApplyOptions,
  type ChangeEvent,
  type SheetInfo,
  type Unsubscribe,
  type HighlightCell,
  type SheetHighlights,
  type WorkbookPort,
} from "../port";
import { MemoryBook } from "./book";
import {
  checkEditable,
  gridOf,
  gridOfSheet,
  pos,
  rangePos,
  typed,
  type SheetSnapshot,
} from "./sheet";
import {
  definedNames,
  snapshot,
  userDefineName,
  userDeleteSheet,
  userEdit,
  userHideRows,
  userPaste,
  userRename,
} from "./user";
import { adoptOlderSheets, applySpecs, deleteOwnedSheets } from "./writes";

export type { SheetSnapshot } from "./sheet";

export class MemoryWorkbook implements WorkbookPort {
  /** The sheets, names and listeners behind this port. */
  private readonly book = new MemoryBook();

  /** Port calls made so far (each is one round trip, like one Excel.run). */
  roundTrips = 0;
  /** The last cell selected through the port. */
  selection: { readonly sheet: string; readonly cell: string } | undefined;

  /**
   * A workbook with the given user sheets (values, formulas, merges, hidden rows) and defined names
   * (name → reference, as definedNames() gives them: the ownership markers of a copied workbook).
   */
  static fromGrids(
    grids: readonly Grid[],
    names: Readonly<Record<string, string>> = {}
  ): MemoryWorkbook {
    const wb = new MemoryWorkbook();
    for (const g of grids) {
      const s = wb.book.sheetOrCreate(g.sheet);
      g.values.forEach((row, r) =>
        row.forEach((v, c) => {
          const f = g.formulas?.[r]?.[c] ?? null;
          if (v === null && f === null) return;
          const cell = s.cell(g.originRow + r, g.originCol + c);
          cell.value = v;
          cell.formula = f;
        })
      );
      s.merges = [...(g.merges ?? [])];
      for (const r of g.hiddenRows ?? []) s.hiddenRows.add(r);
      if (sameSheetName(g.sheet, SETTINGS_SHEET)) s.hidden = true;
    }
    for (const [name, ref] of Object.entries(names)) wb.userDefineName(name, ref);
    return wb;
  }

  // ----------------------------------------------------------------------------- port

  listSheets(): Promise<readonly SheetInfo[]> {
    return this.call(() => {
      const reg = this.book.registry();
      const markers = this.book.markers();
      return this.book.sheets.map((s) => this.book.info(s, reg, markers));
    });
  }

  activeSheet(): Promise<string> {
    return this.call(() => {
      const name = this.book.activeName();
      if (name === undefined) throw new PortError("sheet_not_found", {}, "no sheets");
      return name;
    });
  }

  readGrid(sheet: string): Promise<Grid> {
    return this.call(() => gridOfSheet(this.book.mustSheet(sheet)));
  }

  /** Every sheet checked first, then all read: one call. */
  readGrids(sheets: readonly string[]): Promise<Grid[]> {
    return this.call(() => {
      sheets.forEach((name) => this.book.mustSheet(name));
      return sheets.map((name) => gridOfSheet(this.book.mustSheet(name)));
    });
  }

  readRange(sheet: string, range: string): Promise<Grid> {
    return this.call(() => {
      const s = this.book.mustSheet(sheet);
      const r = rangePos(sheet, range);
      return gridOf(s, r.start.row, r.start.col, r.end.row, r.end.col);
    });
  }

  apply(specs: readonly SheetSpec[], options: ApplyOptions = {}): Promise<void> {
    return this.call(() => applySpecs(this.book, specs, options));
  }

  writeValues(
    sheet: string,
    cells: readonly { readonly cell: string; readonly value: CellValue }[]
  ): Promise<void> {
    return this.call(() => {
      const s = this.book.mustSheet(sheet);
      const targets = cells.map((c) => ({ p: pos(sheet, c.cell), value: c.value, cell: c.cell }));
      for (const t of targets) checkEditable(s, t.p.row, t.p.col, t.cell);
      for (const t of targets) {
        const cell = s.cell(t.p.row, t.p.col);
        cell.value = t.value; // values stay values: text "=x" is text
        cell.formula = null;
      }
      for (const t of targets) this.book.fireChange({ sheet: s.name, range: a1(t.p.row, t.p.col) });
      this.book.notifyRender();
    });
  }

  adoptOlderSheets(
    sheets: readonly { readonly name: string; readonly role: string }[]
  ): Promise<void> {
    return this.call(() => adoptOlderSheets(this.book, sheets));
  }

  deleteOwnedSheets(names: readonly string[]): Promise<void> {
    return this.call(() => deleteOwnedSheets(this.book, names));
  }

  setHighlights(sheet: string, cells: readonly HighlightCell[]): Promise<void> {
    return this.call(() => this.book.paintHighlights(sheet, cells));
  }

  /** Every sheet (and address) checked first, then all painted: one call. */
  setHighlightsMany(sheets: readonly SheetHighlights[]): Promise<void> {
    return this.call(() => {
      for (const h of sheets)
        planHighlights(EMPTY_REGISTRY, this.book.mustSheet(h.sheet).name, h.cells, () => null);
      for (const h of sheets) this.book.paintHighlights(h.sheet, h.cells);
    });
  }

  select(sheet: string, cell: string): Promise<void> {
    return this.call(() => {
      const s = this.book.mustSheet(sheet);
      pos(sheet, cell);
      this.book.active = s.name;
      this.selection = { sheet: s.name, cell: cell.toUpperCase() };
      this.book.notifyRender();
    });
  }

  readSettings(): Promise<Readonly<Record<string, string>>> {
    return this.call(() => ({ ...this.book.registry().settings }));
  }

  /** Merges the given keys into the stored settings; a key set to "" is removed. */
  writeSettings(settings: Readonly<Record<string, string>>): Promise<void> {
    return this.call(() => {
      const reg = this.book.registry();
      this.book.writeRegistry({ ...reg, settings: mergeSettings(reg.settings, settings) });
    });
  }

  onChanged(listener: (event: ChangeEvent) => void): Promise<Unsubscribe> {
    return this.call(() => {
      this.book.changeListeners.add(listener);
      return () => {
        this.book.changeListeners.delete(listener);
      };
    });
  }

  // ----------------------------------------------------------------------------- helpers for tests and the preview

  /** Sets a cell as a user would type it ("=..." becomes a formula); creates the sheet if missing. No event. */
  set(sheet: string, cell: string, value: CellValue): void {
    const p = pos(sheet, cell);
    typed(this.book.sheetOrCreate(sheet).cell(p.row, p.col), value);
  }

  /** The cell's value (a formula cell's cached value, null when none). */
  get(sheet: string, cell: string): CellValue {
    const p = pos(sheet, cell);
    return this.book.mustSheet(sheet).peek(p.row, p.col)?.value ?? null;
  }

  getFormula(sheet: string, cell: string): string | null {
    const p = pos(sheet, cell);
    return this.book.mustSheet(sheet).peek(p.row, p.col)?.formula ?? null;
  }

  getStyle(sheet: string, cell: string): CellStyle | undefined {
    const p = pos(sheet, cell);
    return this.book.mustSheet(sheet).peek(p.row, p.col)?.style;
  }

  /** All sheet names in order, the hidden "_dti" registry included. */
  sheetNames(): string[] {
    return this.book.sheets.map((s) => s.name);
  }

  hasSheet(sheet: string): boolean {
    return this.book.find(sheet) !== undefined;
  }

  /** A plain view of one sheet (cells, styles and every part a spec writes). */
  snapshot(sheet: string): SheetSnapshot {
    return snapshot(this.book, sheet);
  }

  /** A user types into a cell: like Excel, locked cells of a protected sheet refuse; fires onChanged. */
  userEdit(sheet: string, cell: string, value: CellValue): void {
    userEdit(this.book, sheet, cell, value);
  }

  /** A user pastes a block at `cell`: one onChanged event for the whole range, as Excel sends. */
  userPaste(sheet: string, cell: string, rows: readonly (readonly CellValue[])[]): void {
    userPaste(this.book, sheet, cell, rows);
  }

  /** A user renames a sheet (an owned sheet renamed by the user is no longer the add-in's). */
  userRename(sheet: string, newName: string): void {
    userRename(this.book, sheet, newName);
  }

  /**
   * A user deletes a sheet: formulas and defined names that referred to it become #REF!, as in
   * Excel; listeners hear that the sheet is gone (Excel's worksheets.onDeleted).
   */
  userDeleteSheet(sheet: string): void {
    userDeleteSheet(this.book, sheet);
  }

  /** A user defines a workbook-level name referring to a cell ("'Xếp hạng'!$A$1"), e.g. a forged marker. */
  userDefineName(name: string, reference: string): void {
    userDefineName(this.book, name, reference);
  }

  /** Defined names and what they refer to now ("'Xếp hạng'!$A$1"; "#REF!$A$1" when their sheet is gone). */
  definedNames(): Record<string, string> {
    return definedNames(this.book);
  }

  /** A user hides rows (1-based). */
  userHideRows(sheet: string, rows: readonly number[]): void {
    userHideRows(this.book, sheet, rows);
  }

  /** Makes a sheet the active one (as a user clicking its tab). */
  activate(sheet: string): void {
    this.book.active = this.book.mustSheet(sheet).name;
    this.book.notifyRender();
  }

  /** Called after every change (port writes and user edits): for UI re-render. */
  subscribe(listener: () => void): Unsubscribe {
    this.book.renderListeners.add(listener);
    return () => {
      this.book.renderListeners.delete(listener);
    };
  }

  // ----------------------------------------------------------------------------- internals

  /** One port call: one round trip; errors become rejections. */
  private call<T>(fn: () => T): Promise<T> {
    this.roundTrips++;
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
