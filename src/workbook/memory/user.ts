/** What a user does in Excel, played on the memory workbook: edits, pastes, renames, deletions. */
import { a1, type CellStyle, type CellValue, rangeA1 } from "../../engine";
import { renameReferences } from "../generated-area";
import {
  SETTINGS_SHEET,
  isOwned,
  markerSheet,
  markerTarget,
  ownedRecord,
  sameSheetName,
} from "../ownership";
import { PortError } from "../port";
import type { MemoryBook } from "./book";
import { KEY, checkEditable, pos, typed, type SheetSnapshot } from "./sheet";

export function snapshot(book: MemoryBook, sheet: string): SheetSnapshot {
  const s = book.mustSheet(sheet);
  const reg = book.registry();
  const cells: Record<string, CellValue | { formula: string; cached: CellValue }> = {};
  const styles: Record<string, CellStyle> = {};
  const keys = [...s.cells.keys()].sort((x, y) => x - y);
  for (const k of keys) {
    const c = s.cells.get(k);
    if (!c) continue;
    const addr = a1(Math.floor(k / KEY), k % KEY);
    if (c.formula !== null) cells[addr] = { formula: c.formula, cached: c.value };
    else if (c.value !== null) cells[addr] = c.value;
    if (c.style) styles[addr] = c.style;
  }
  const owned = ownedRecord(reg, s.name, book.markers());
  return {
    name: s.name,
    owned: isOwned(reg, s.name, book.markers()),
    ...(owned
      ? { role: owned.role }
      : sameSheetName(s.name, SETTINGS_SHEET)
        ? { role: "settings" }
        : {}),
    hidden: s.hidden,
    cells,
    styles,
    merges: [...s.merges],
    columnWidths: Object.fromEntries(s.columnWidths),
    ...(s.freeze ? { freeze: s.freeze } : {}),
    validations: [...s.validations],
    conditionalFormats: [...s.conditionalFormats],
    tables: [...s.tables],
    charts: [...s.charts],
    ...(s.pageSetup ? { pageSetup: s.pageSetup } : {}),
    protect: s.protect,
  };
}

/** A user types into a cell: like Excel, locked cells of a protected sheet refuse; fires onChanged. */
export function userEdit(book: MemoryBook, sheet: string, cell: string, value: CellValue): void {
  const s = book.mustSheet(sheet);
  const p = pos(sheet, cell);
  checkEditable(s, p.row, p.col, cell);
  typed(s.cell(p.row, p.col), value);
  book.fireChange({ sheet: s.name, range: a1(p.row, p.col) });
  book.notifyRender();
}

/** A user pastes a block at `cell`: one onChanged event for the whole range, as Excel sends. */
export function userPaste(
  book: MemoryBook,
  sheet: string,
  cell: string,
  rows: readonly (readonly CellValue[])[]
): void {
  const s = book.mustSheet(sheet);
  const p = pos(sheet, cell);
  const width = Math.max(1, ...rows.map((r) => r.length));
  rows.forEach((row, r) =>
    row.forEach((_, c) => checkEditable(s, p.row + r, p.col + c, a1(p.row + r, p.col + c)))
  );
  rows.forEach((row, r) => row.forEach((v, c) => typed(s.cell(p.row + r, p.col + c), v)));
  const end = { row: p.row + Math.max(rows.length, 1) - 1, col: p.col + width - 1 };
  book.fireChange({ sheet: s.name, range: rangeA1(p, end) });
  book.notifyRender();
}

/** A user renames a sheet (an owned sheet renamed by the user is no longer the add-in's). */
export function userRename(book: MemoryBook, sheet: string, newName: string): void {
  const s = book.mustSheet(sheet);
  if (book.find(newName) && !sameSheetName(sheet, newName))
    throw new PortError("invalid_sheet_name", { sheet: newName }, "name taken");
  if (book.active !== undefined && sameSheetName(book.active, s.name)) book.active = newName;
  // As in Excel, formulas that refer to the sheet follow it (defined names refer to the sheet itself).
  for (const other of book.sheets)
    for (const c of other.cells.values())
      if (c.formula !== null) c.formula = renameReferences(c.formula, s.name, newName);
  const oldName = s.name;
  s.name = newName;
  if (!sameSheetName(oldName, newName)) book.fireChange({ sheet: oldName, range: "", gone: true });
  book.notifyRender();
}

/**
 * A user deletes a sheet: formulas and defined names that referred to it become #REF!, as in
 * Excel; listeners hear that the sheet is gone (Excel's worksheets.onDeleted).
 */
export function userDeleteSheet(book: MemoryBook, sheet: string): void {
  const s = book.mustSheet(sheet);
  book.removeSheet(s);
  book.fireChange({ sheet: s.name, range: "", gone: true });
  book.notifyRender();
}

/** A user defines a workbook-level name referring to a cell ("'Xếp hạng'!$A$1"), e.g. a forged marker. */
export function userDefineName(book: MemoryBook, name: string, reference: string): void {
  const target = markerSheet(reference);
  book.names.set(name.toUpperCase(), {
    name,
    sheet: target === null ? null : (book.find(target) ?? null),
  });
}

/** Defined names and what they refer to now ("'Xếp hạng'!$A$1"; "#REF!$A$1" when their sheet is gone). */
export function definedNames(book: MemoryBook): Record<string, string> {
  return Object.fromEntries(
    [...book.names.values()].map((n) => [
      n.name,
      n.sheet === null || !book.sheets.includes(n.sheet) ? "#REF!$A$1" : markerTarget(n.sheet.name),
    ])
  );
}

/** A user hides rows (1-based). */
export function userHideRows(book: MemoryBook, sheet: string, rows: readonly number[]): void {
  const s = book.mustSheet(sheet);
  for (const r of rows) s.hiddenRows.add(r);
}
