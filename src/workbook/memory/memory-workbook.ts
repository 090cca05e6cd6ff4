/**
 * Over 400 lines: a whole workbook (cells, styles, merges, events, undo, settings) that the preview
 * and the tests drive as Excel would.
 *
 * An in-memory workbook behind the port: the browser preview and fast tests.
 * It keeps what a sheet spec writes (values, formulas as text, styles, merges, widths, freeze,
 * validations, conditional formats, tables, charts, page setup, protection, hidden) and the same
 * "_dti" registry sheet as the other adapters. It does not calculate formulas: a formula cell reads
 * back as its formula and the cached value the spec gave (null when none).
 * Every port call counts one round trip (`roundTrips`), so use-case tests can assert counts here too.
 */
import {
  a1,
  type CellStyle,
  type CellValue,
  type ChartSpec,
  type ConditionalFormat,
  type DataValidationRule,
  type Grid,
  type PageSetup,
  parseA1,
  parseRange,
  rangeA1,
  type SheetSpec,
  type SpecCell,
  type TableSpec,
} from "../../engine";
import {
  boxOf,
  breakReferences,
  editedCells,
  inBox,
  readCellKey,
  renameReferences,
  specArea,
  writtenRecord,
  type Box,
} from "../generated-area";
import {
  EMPTY_REGISTRY,
  SETTINGS_SHEET,
  decodeRegistry,
  encodeRegistry,
  isOwned,
  markerName,
  markerSheet,
  markerTarget,
  mergeSettings,
  olderRole,
  ownedRecord,
  planAdopt,
  planApply,
  planHighlights,
  sameSheetName,
  withSheets,
  withoutSheets,
  type Markers,
  type Registry,
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

interface MemCell {
  value: CellValue;
  formula: string | null;
  style?: CellStyle;
}

const KEY = 16385;
const keyOf = (row: number, col: number): number => row * KEY + col;

class MemSheet {
  readonly cells = new Map<number, MemCell>();
  merges: string[] = [];
  readonly columnWidths = new Map<string, number>();
  freeze: { readonly rows: number; readonly cols: number } | undefined;
  validations: DataValidationRule[] = [];
  conditionalFormats: ConditionalFormat[] = [];
  tables: TableSpec[] = [];
  charts: ChartSpec[] = [];
  pageSetup: PageSetup | undefined;
  protect = false;
  hidden = false;
  readonly hiddenRows = new Set<number>();
  constructor(public name: string) {}

  cell(row: number, col: number): MemCell {
    const k = keyOf(row, col);
    let c = this.cells.get(k);
    if (!c) {
      c = { value: null, formula: null };
      this.cells.set(k, c);
    }
    return c;
  }
  peek(row: number, col: number): MemCell | undefined {
    return this.cells.get(keyOf(row, col));
  }
  /** Bounds of the cells holding a value or formula (Excel's used range, values only). */
  usedBounds(): { r0: number; c0: number; r1: number; c1: number } | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = 0;
    let c1 = 0;
    for (const [k, c] of this.cells) {
      if (c.value === null && c.formula === null) continue;
      const row = Math.floor(k / KEY);
      const col = k % KEY;
      if (row < r0) r0 = row;
      if (row > r1) r1 = row;
      if (col < c0) c0 = col;
      if (col > c1) c1 = col;
    }
    return r1 === 0 ? null : { r0, c0, r1, c1 };
  }
}

/** A plain view of one sheet for tests and the preview. */
export interface SheetSnapshot {
  readonly name: string;
  readonly owned: boolean;
  readonly role?: string;
  readonly hidden: boolean;
  /** Non-empty cells by A1 address: a value, or `{ formula, cached }`. */
  readonly cells: Readonly<
    Record<string, CellValue | { readonly formula: string; readonly cached: CellValue }>
  >;
  readonly styles: Readonly<Record<string, CellStyle>>;
  readonly merges: readonly string[];
  readonly columnWidths: Readonly<Record<string, number>>;
  readonly freeze?: { readonly rows: number; readonly cols: number };
  readonly validations: readonly DataValidationRule[];
  readonly conditionalFormats: readonly ConditionalFormat[];
  readonly tables: readonly TableSpec[];
  readonly charts: readonly ChartSpec[];
  readonly pageSetup?: PageSetup;
  readonly protect: boolean;
}

function pos(sheet: string, cell: string): { row: number; col: number } {
  const p = parseA1(cell);
  if (!p) throw new PortError("invalid_range", { sheet, range: cell }, `bad cell ${cell}`);
  return p;
}

function rangePos(sheet: string, range: string): ReturnType<typeof parseRange> & object {
  const r = parseRange(range);
  if (!r) throw new PortError("invalid_range", { sheet, range }, `bad range ${range}`);
  return r;
}

/** How Excel takes typed input: "=..." is a formula, anything else is the value itself. */
function typed(cell: MemCell, value: CellValue): void {
  if (typeof value === "string" && value.startsWith("=") && value.length > 1) {
    cell.formula = value;
    cell.value = null;
  } else {
    cell.formula = null;
    cell.value = value;
  }
}

function writeSpecCell(cell: MemCell, sc: SpecCell): void {
  switch (sc.kind) {
    case "number":
    case "text":
    case "bool":
      cell.value = sc.value;
      cell.formula = null;
      return;
    case "formula":
      cell.formula = sc.formula.startsWith("=") ? sc.formula : `=${sc.formula}`;
      cell.value = sc.cached ?? null;
      return;
    case "blank":
      cell.value = null;
      cell.formula = null;
      return;
  }
}

/** Style objects are never changed in place (always replaced), so cells may share one. */
function render(spec: SheetSpec): MemSheet {
  const s = new MemSheet(spec.name);
  for (const block of spec.blocks) {
    const tl = pos(spec.name, block.address);
    block.rows.forEach((row, r) => {
      row.forEach((sc, c) => {
        const cell = s.cell(tl.row + r, tl.col + c);
        writeSpecCell(cell, sc);
        if (block.style) cell.style = cell.style ? { ...cell.style, ...block.style } : block.style;
      });
    });
  }
  for (const rs of spec.styles ?? []) {
    const r = rangePos(spec.name, rs.range);
    for (let row = r.start.row; row <= r.end.row; row++)
      for (let col = r.start.col; col <= r.end.col; col++) {
        const cell = s.cell(row, col);
        cell.style = cell.style ? { ...cell.style, ...rs.style } : rs.style;
      }
  }
  s.merges = [...(spec.merges ?? [])];
  for (const w of spec.columnWidths ?? []) s.columnWidths.set(w.col.toUpperCase(), w.width);
  s.freeze = spec.freeze;
  s.validations = [...(spec.validations ?? [])];
  s.conditionalFormats = [...(spec.conditionalFormats ?? [])];
  s.tables = [...(spec.tables ?? [])];
  s.charts = [...(spec.charts ?? [])];
  s.pageSetup = spec.pageSetup;
  s.protect = spec.protect ?? false;
  s.hidden = spec.hidden ?? false;
  return s;
}

/** A sheet's cells as keys for the edit check. */
function keysOf(s: MemSheet): (row: number, col: number) => string {
  return (row, col) => {
    const c = s.peek(row, col);
    return c === undefined ? "" : readCellKey(c.value, c.formula);
  };
}

function* nonEmpty(s: MemSheet): Iterable<{ row: number; col: number }> {
  for (const [k, c] of s.cells)
    if (c.value !== null || c.formula !== null) yield { row: Math.floor(k / KEY), col: k % KEY };
}

const touches = (area: Box | null, range: string): boolean => {
  const b = boxOf(range);
  return (
    area !== null &&
    b !== null &&
    b.r0 <= area.r1 &&
    area.r0 <= b.r1 &&
    b.c0 <= area.c1 &&
    area.c0 <= b.c1
  );
};

/**
 * An owned sheet rewritten in place: the previous generated area cleared (cells, styles, merges,
 * rules, tables and charts in it), then the fresh rendering written over; the rest of the sheet stays.
 */
function rewriteInPlace(old: MemSheet, fresh: MemSheet, area: string | undefined): void {
  const box = area === undefined || area === "" ? null : boxOf(area);
  if (box !== null)
    for (const k of [...old.cells.keys()])
      if (inBox(box, Math.floor(k / KEY), k % KEY)) old.cells.delete(k);
  for (const [k, c] of fresh.cells) old.cells.set(k, c);
  old.merges = [...old.merges.filter((m) => !touches(box, m)), ...fresh.merges];
  old.validations = [
    ...old.validations.filter((v) => !touches(box, v.range)),
    ...fresh.validations,
  ];
  old.conditionalFormats = [
    ...old.conditionalFormats.filter((c) => !touches(box, c.range)),
    ...fresh.conditionalFormats,
  ];
  old.tables = [...old.tables.filter((t) => !touches(box, t.range)), ...fresh.tables];
  old.charts = [...old.charts.filter((c) => !touches(box, c.values)), ...fresh.charts];
  for (const [col, w] of fresh.columnWidths) old.columnWidths.set(col, w);
  old.freeze = fresh.freeze;
  old.pageSetup = fresh.pageSetup;
  old.protect = fresh.protect;
  old.hidden = fresh.hidden;
}

export class MemoryWorkbook implements WorkbookPort {
  private sheets: MemSheet[] = [];
  /** Workbook-level defined names by upper-case name: they refer to a sheet itself, as in Excel. */
  private readonly names = new Map<string, { name: string; sheet: MemSheet | null }>();
  private active: string | undefined;
  private readonly changeListeners = new Set<(e: ChangeEvent) => void>();
  private readonly renderListeners = new Set<() => void>();
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
      const s = wb.sheetOrCreate(g.sheet);
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
      const reg = this.registry();
      const markers = this.markers();
      return this.sheets.map((s) => this.info(s, reg, markers));
    });
  }

  activeSheet(): Promise<string> {
    return this.call(() => {
      const name = this.activeName();
      if (name === undefined) throw new PortError("sheet_not_found", {}, "no sheets");
      return name;
    });
  }

  readGrid(sheet: string): Promise<Grid> {
    return this.call(() => this.gridOfSheet(sheet));
  }

  /** Every sheet checked first, then all read: one call. */
  readGrids(sheets: readonly string[]): Promise<Grid[]> {
    return this.call(() => {
      sheets.forEach((name) => this.mustSheet(name));
      return sheets.map((name) => this.gridOfSheet(name));
    });
  }

  private gridOfSheet(sheet: string): Grid {
    const s = this.mustSheet(sheet);
    const b = s.usedBounds();
    if (!b)
      return {
        sheet: s.name,
        originRow: 1,
        originCol: 1,
        values: [],
        formulas: [],
        merges: [...s.merges],
        hiddenRows: [],
      };
    return this.gridOf(s, b.r0, b.c0, b.r1, b.c1);
  }

  readRange(sheet: string, range: string): Promise<Grid> {
    return this.call(() => {
      const s = this.mustSheet(sheet);
      const r = rangePos(sheet, range);
      return this.gridOf(s, r.start.row, r.start.col, r.end.row, r.end.col);
    });
  }

  apply(specs: readonly SheetSpec[], options: ApplyOptions = {}): Promise<void> {
    return this.call(() => {
      const reg = this.registry();
      const markers = this.markers();
      const plan = planApply(specs, this.sheets, reg, markers, options.removeOtherRoles);
      if (options.overwriteEdits !== true)
        for (const t of plan.targets) {
          if (t.existing === undefined || t.record === undefined) continue;
          const s = this.mustSheet(t.existing);
          const edits = editedCells(t.record, specArea(t.spec), keysOf(s), () => nonEmpty(s));
          if (edits.count > 0)
            throw new PortError(
              "sheet_edited",
              { sheet: s.name, cells: edits.cells, count: edits.count },
              `sheet "${s.name}" was edited by the user`
            );
        }
      // Render everything aside first: the workbook changes only when all sheets are ready. And
      // should anything fail while it changes, it is put back whole (never a half-written sheet).
      const rendered = plan.targets.map((t) => ({ t, fresh: render(t.spec) }));
      const written = plan.targets.map((t) => ({
        name: t.spec.name,
        role: t.spec.role,
        token: t.token,
        ...writtenRecord(t.spec),
      }));
      const undo = this.checkpoint();
      try {
        for (const { t, fresh } of rendered) {
          const old = t.existing === undefined ? undefined : this.find(t.existing);
          if (old) rewriteInPlace(old, fresh, t.record?.area);
          else {
            this.sheets.push(fresh);
            this.names.set(markerName(t.token).toUpperCase(), {
              name: markerName(t.token),
              sheet: fresh,
            });
          }
        }
        for (const n of plan.remove) this.removeSheet(this.mustSheet(n));
        this.writeRegistry(withoutSheets(withSheets(reg, written), plan.remove));
      } catch (e) {
        undo();
        throw e;
      }
      this.notifyRender();
    });
  }

  writeValues(
    sheet: string,
    cells: readonly { readonly cell: string; readonly value: CellValue }[]
  ): Promise<void> {
    return this.call(() => {
      const s = this.mustSheet(sheet);
      const targets = cells.map((c) => ({ p: pos(sheet, c.cell), value: c.value, cell: c.cell }));
      for (const t of targets) this.checkEditable(s, t.p.row, t.p.col, t.cell);
      for (const t of targets) {
        const cell = s.cell(t.p.row, t.p.col);
        cell.value = t.value; // values stay values: text "=x" is text
        cell.formula = null;
      }
      for (const t of targets) this.fireChange({ sheet: s.name, range: a1(t.p.row, t.p.col) });
      this.notifyRender();
    });
  }

  adoptOlderSheets(
    sheets: readonly { readonly name: string; readonly role: string }[]
  ): Promise<void> {
    return this.call(() => {
      const plan = planAdopt(this.registry(), this.markers(), this.sheets, sheets, (name) => {
        const b = this.mustSheet(name).usedBounds();
        return b === null ? "" : `${a1(b.r0, b.c0)}:${a1(b.r1, b.c1)}`;
      });
      for (const w of plan.written)
        this.names.set(markerName(w.token).toUpperCase(), {
          name: markerName(w.token),
          sheet: this.mustSheet(w.name),
        });
      this.writeRegistry(plan.registry);
      this.notifyRender();
    });
  }

  deleteOwnedSheets(names: readonly string[]): Promise<void> {
    return this.call(() => {
      const reg = this.registry();
      const markers = this.markers();
      const doomed = names.map((n) => {
        const s = this.mustSheet(n);
        if (sameSheetName(s.name, SETTINGS_SHEET) || !isOwned(reg, s.name, markers))
          throw new PortError(
            "sheet_not_owned",
            { sheet: s.name },
            `sheet "${s.name}" is not the add-in's`
          );
        return s;
      });
      const left = this.sheets.filter((s) => !doomed.includes(s));
      if (!left.some((s) => !s.hidden))
        throw new PortError(
          "host_error",
          { hostCode: "LastVisibleSheet" },
          "a workbook must keep one visible sheet"
        );
      for (const s of doomed) this.removeSheet(s);
      this.writeRegistry(
        withoutSheets(
          reg,
          doomed.map((s) => s.name)
        )
      );
      if (this.active !== undefined && doomed.some((s) => sameSheetName(s.name, this.active ?? "")))
        this.active = undefined;
      this.notifyRender();
    });
  }

  setHighlights(sheet: string, cells: readonly HighlightCell[]): Promise<void> {
    return this.call(() => this.paintHighlights(sheet, cells));
  }

  /** Every sheet (and address) checked first, then all painted: one call. */
  setHighlightsMany(sheets: readonly SheetHighlights[]): Promise<void> {
    return this.call(() => {
      for (const h of sheets)
        planHighlights(EMPTY_REGISTRY, this.mustSheet(h.sheet).name, h.cells, () => null);
      for (const h of sheets) this.paintHighlights(h.sheet, h.cells);
    });
  }

  private paintHighlights(sheet: string, cells: readonly HighlightCell[]): void {
    const s = this.mustSheet(sheet);
    const reg = this.registry();
    if (!isOwned(reg, s.name, this.markers())) {
      // A user's sheet is never painted (a forged record's "original fill" is not restored either).
      if (reg.highlights.some((h) => sameSheetName(h.sheet, s.name)))
        this.writeRegistry({
          ...reg,
          highlights: reg.highlights.filter((h) => !sameSheetName(h.sheet, s.name)),
        });
      return;
    }
    const plan = planHighlights(reg, s.name, cells, (c) => {
      const p = pos(sheet, c);
      return s.peek(p.row, p.col)?.style?.fill ?? null;
    });
    for (const r of plan.restore) {
      const p = pos(sheet, r.cell);
      const cell = s.cell(p.row, p.col);
      const { fill: _old, ...rest } = cell.style ?? {};
      cell.style = r.fill === null ? rest : { ...rest, fill: r.fill };
    }
    for (const h of plan.paint) {
      const p = pos(sheet, h.cell);
      const cell = s.cell(p.row, p.col);
      cell.style = { ...cell.style, fill: h.fill };
    }
    this.writeRegistry(plan.registry);
    this.notifyRender();
  }

  select(sheet: string, cell: string): Promise<void> {
    return this.call(() => {
      const s = this.mustSheet(sheet);
      pos(sheet, cell);
      this.active = s.name;
      this.selection = { sheet: s.name, cell: cell.toUpperCase() };
      this.notifyRender();
    });
  }

  readSettings(): Promise<Readonly<Record<string, string>>> {
    return this.call(() => ({ ...this.registry().settings }));
  }

  /** Merges the given keys into the stored settings; a key set to "" is removed. */
  writeSettings(settings: Readonly<Record<string, string>>): Promise<void> {
    return this.call(() => {
      const reg = this.registry();
      this.writeRegistry({ ...reg, settings: mergeSettings(reg.settings, settings) });
    });
  }

  onChanged(listener: (event: ChangeEvent) => void): Promise<Unsubscribe> {
    return this.call(() => {
      this.changeListeners.add(listener);
      return () => {
        this.changeListeners.delete(listener);
      };
    });
  }

  // ----------------------------------------------------------------------------- helpers for tests and the preview

  /** Sets a cell as a user would type it ("=..." becomes a formula); creates the sheet if missing. No event. */
  set(sheet: string, cell: string, value: CellValue): void {
    const p = pos(sheet, cell);
    typed(this.sheetOrCreate(sheet).cell(p.row, p.col), value);
  }

  /** The cell's value (a formula cell's cached value, null when none). */
  get(sheet: string, cell: string): CellValue {
    const p = pos(sheet, cell);
    return this.mustSheet(sheet).peek(p.row, p.col)?.value ?? null;
  }

  getFormula(sheet: string, cell: string): string | null {
    const p = pos(sheet, cell);
    return this.mustSheet(sheet).peek(p.row, p.col)?.formula ?? null;
  }

  getStyle(sheet: string, cell: string): CellStyle | undefined {
    const p = pos(sheet, cell);
    return this.mustSheet(sheet).peek(p.row, p.col)?.style;
  }

  /** All sheet names in order, the hidden "_dti" registry included. */
  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  hasSheet(sheet: string): boolean {
    return this.find(sheet) !== undefined;
  }

  snapshot(sheet: string): SheetSnapshot {
    const s = this.mustSheet(sheet);
    const reg = this.registry();
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
    const owned = ownedRecord(reg, s.name, this.markers());
    return {
      name: s.name,
      owned: isOwned(reg, s.name, this.markers()),
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
  userEdit(sheet: string, cell: string, value: CellValue): void {
    const s = this.mustSheet(sheet);
    const p = pos(sheet, cell);
    this.checkEditable(s, p.row, p.col, cell);
    typed(s.cell(p.row, p.col), value);
    this.fireChange({ sheet: s.name, range: a1(p.row, p.col) });
    this.notifyRender();
  }

  /** A user pastes a block at `cell`: one onChanged event for the whole range, as Excel sends. */
  userPaste(sheet: string, cell: string, rows: readonly (readonly CellValue[])[]): void {
    const s = this.mustSheet(sheet);
    const p = pos(sheet, cell);
    const width = Math.max(1, ...rows.map((r) => r.length));
    rows.forEach((row, r) =>
      row.forEach((_, c) => this.checkEditable(s, p.row + r, p.col + c, a1(p.row + r, p.col + c)))
    );
    rows.forEach((row, r) => row.forEach((v, c) => typed(s.cell(p.row + r, p.col + c), v)));
    const end = { row: p.row + Math.max(rows.length, 1) - 1, col: p.col + width - 1 };
    this.fireChange({ sheet: s.name, range: rangeA1(p, end) });
    this.notifyRender();
  }

  /** A user renames a sheet (an owned sheet renamed by the user is no longer the add-in's). */
  userRename(sheet: string, newName: string): void {
    const s = this.mustSheet(sheet);
    if (this.find(newName) && !sameSheetName(sheet, newName))
      throw new PortError("invalid_sheet_name", { sheet: newName }, "name taken");
    if (this.active !== undefined && sameSheetName(this.active, s.name)) this.active = newName;
    // As in Excel, formulas that refer to the sheet follow it (defined names refer to the sheet itself).
    for (const other of this.sheets)
      for (const c of other.cells.values())
        if (c.formula !== null) c.formula = renameReferences(c.formula, s.name, newName);
    const oldName = s.name;
    s.name = newName;
    if (!sameSheetName(oldName, newName))
      this.fireChange({ sheet: oldName, range: "", gone: true });
    this.notifyRender();
  }

  /**
   * A user deletes a sheet: formulas and defined names that referred to it become #REF!, as in
   * Excel; listeners hear that the sheet is gone (Excel's worksheets.onDeleted).
   */
  userDeleteSheet(sheet: string): void {
    const s = this.mustSheet(sheet);
    this.removeSheet(s);
    this.fireChange({ sheet: s.name, range: "", gone: true });
    this.notifyRender();
  }

  /** A user defines a workbook-level name referring to a cell ("'Xếp hạng'!$A$1"), e.g. a forged marker. */
  userDefineName(name: string, reference: string): void {
    const target = markerSheet(reference);
    this.names.set(name.toUpperCase(), {
      name,
      sheet: target === null ? null : (this.find(target) ?? null),
    });
  }

  /** Defined names and what they refer to now ("'Xếp hạng'!$A$1"; "#REF!$A$1" when their sheet is gone). */
  definedNames(): Record<string, string> {
    return Object.fromEntries(
      [...this.names.values()].map((n) => [
        n.name,
        n.sheet === null || !this.sheets.includes(n.sheet)
          ? "#REF!$A$1"
          : markerTarget(n.sheet.name),
      ])
    );
  }

  /** A user hides rows (1-based). */
  userHideRows(sheet: string, rows: readonly number[]): void {
    const s = this.mustSheet(sheet);
    for (const r of rows) s.hiddenRows.add(r);
  }

  /** Makes a sheet the active one (as a user clicking its tab). */
  activate(sheet: string): void {
    this.active = this.mustSheet(sheet).name;
    this.notifyRender();
  }

  /** Called after every change (port writes and user edits): for UI re-render. */
  subscribe(listener: () => void): Unsubscribe {
    this.renderListeners.add(listener);
    return () => {
      this.renderListeners.delete(listener);
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

  /**
   * Everything a write may change (the sheet list, every sheet's cells and parts, the defined names,
   * the active sheet), saved so that the returned function puts it back: a failed apply leaves the
   * workbook as it was. Cells are copied, since deleting a sheet rewrites formulas that refer to it.
   */
  private checkpoint(): () => void {
    const sheets = this.sheets.slice();
    const saved = sheets.map((s) => ({
      s,
      name: s.name,
      cells: [...s.cells].map(([k, c]) => [k, { ...c }] as const),
      merges: s.merges,
      widths: [...s.columnWidths],
      freeze: s.freeze,
      validations: s.validations,
      conditionalFormats: s.conditionalFormats,
      tables: s.tables,
      charts: s.charts,
      pageSetup: s.pageSetup,
      protect: s.protect,
      hidden: s.hidden,
    }));
    const names = [...this.names].map(([k, n]) => [k, { ...n }] as const);
    const active = this.active;
    return () => {
      this.sheets = sheets;
      for (const x of saved) {
        const s = x.s;
        s.name = x.name;
        s.cells.clear();
        for (const [k, c] of x.cells) s.cells.set(k, c);
        s.merges = x.merges;
        s.columnWidths.clear();
        for (const [c, w] of x.widths) s.columnWidths.set(c, w);
        s.freeze = x.freeze;
        s.validations = x.validations;
        s.conditionalFormats = x.conditionalFormats;
        s.tables = x.tables;
        s.charts = x.charts;
        s.pageSetup = x.pageSetup;
        s.protect = x.protect;
        s.hidden = x.hidden;
      }
      this.names.clear();
      for (const [k, n] of names) this.names.set(k, n);
      this.active = active;
    };
  }

  /** Deletes a sheet as Excel does: formulas and names that referred to it become #REF!. */
  private removeSheet(s: MemSheet): void {
    this.sheets = this.sheets.filter((x) => x !== s);
    for (const other of this.sheets)
      for (const c of other.cells.values())
        if (c.formula !== null) c.formula = breakReferences(c.formula, s.name);
    for (const n of this.names.values()) if (n.sheet === s) n.sheet = null;
    if (this.active !== undefined && sameSheetName(this.active, s.name)) this.active = undefined;
  }

  /** The ownership markers: each defined name → the sheet it refers to (null when gone). */
  private markers(): Markers {
    return new Map(
      [...this.names].map(([k, n]) => [
        k,
        n.sheet !== null && this.sheets.includes(n.sheet) ? n.sheet.name : null,
      ])
    );
  }

  private find(name: string): MemSheet | undefined {
    return this.sheets.find((s) => sameSheetName(s.name, name));
  }

  private mustSheet(name: string): MemSheet {
    const s = this.find(name);
    if (!s) throw new PortError("sheet_not_found", { sheet: name }, `no sheet "${name}"`);
    return s;
  }

  private sheetOrCreate(name: string): MemSheet {
    let s = this.find(name);
    if (!s) {
      s = new MemSheet(name);
      this.sheets.push(s);
    }
    return s;
  }

  private activeName(): string | undefined {
    if (this.active !== undefined && this.find(this.active)) return this.find(this.active)?.name;
    return this.sheets.find((s) => !s.hidden)?.name;
  }

  private registry(): Registry {
    const s = this.find(SETTINGS_SHEET);
    if (!s) return EMPTY_REGISTRY;
    const b = s.usedBounds();
    if (!b) return EMPTY_REGISTRY;
    return decodeRegistry(this.gridOf(s, 1, 1, b.r1, b.c1).values);
  }

  private writeRegistry(reg: Registry): void {
    const s = new MemSheet(SETTINGS_SHEET);
    s.hidden = true;
    encodeRegistry(reg).forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== "") s.cell(r + 1, c + 1).value = v;
      })
    );
    const at = this.sheets.findIndex((x) => sameSheetName(x.name, SETTINGS_SHEET));
    if (at >= 0) this.sheets[at] = s;
    else this.sheets.push(s);
  }

  private info(s: MemSheet, reg: Registry, markers: Markers): SheetInfo {
    const owned = isOwned(reg, s.name, markers);
    const rec = ownedRecord(reg, s.name, markers);
    const role = rec?.role ?? (sameSheetName(s.name, SETTINGS_SHEET) ? "settings" : undefined);
    const older = olderRole(reg, s.name, markers);
    return role !== undefined && owned
      ? { name: s.name, owned, role, visible: !s.hidden }
      : { name: s.name, owned, visible: !s.hidden, ...(older ? { olderRole: older } : {}) };
  }

  private gridOf(s: MemSheet, r0: number, c0: number, r1: number, c1: number): Grid {
    const values: CellValue[][] = [];
    const formulas: (string | null)[][] = [];
    for (let r = r0; r <= r1; r++) {
      const vr: CellValue[] = [];
      const fr: (string | null)[] = [];
      for (let c = c0; c <= c1; c++) {
        const cell = s.peek(r, c);
        vr.push(cell?.value ?? null);
        fr.push(cell?.formula ?? null);
      }
      values.push(vr);
      formulas.push(fr);
    }
    const hiddenRows = [...s.hiddenRows].filter((r) => r >= r0 && r <= r1).sort((x, y) => x - y);
    return {
      sheet: s.name,
      originRow: r0,
      originCol: c0,
      values,
      formulas,
      merges: [...s.merges],
      hiddenRows,
    };
  }

  private checkEditable(s: MemSheet, row: number, col: number, cell: string): void {
    if (!s.protect) return;
    if (s.peek(row, col)?.style?.locked === false) return;
    throw new PortError(
      "cell_protected",
      { sheet: s.name, range: cell },
      `cell ${cell} is protected`
    );
  }

  private fireChange(e: ChangeEvent): void {
    for (const l of [...this.changeListeners]) l(e);
  }

  private notifyRender(): void {
    for (const l of [...this.renderListeners]) l();
  }
}
