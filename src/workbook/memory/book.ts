/**
 * The memory workbook's state (sheets, defined names, the active sheet, listeners) and what Excel
 * itself does to it (a deleted sheet's references become #REF!, a failed write is put back).
 */
import { breakReferences } from "../generated-area";
import {
  EMPTY_REGISTRY,
  SETTINGS_SHEET,
  decodeRegistry,
  encodeRegistry,
  isOwned,
  olderRole,
  ownedRecord,
  planHighlights,
  sameSheetName,
  type Markers,
  type Registry,
} from "../ownership";
import { PortError, type ChangeEvent, type SheetInfo, type HighlightCell } from "../port";
import { MemSheet, gridOf, pos } from "./sheet";

export class MemoryBook {
  sheets: MemSheet[] = [];
  /** Workbook-level defined names by upper-case name: they refer to a sheet itself, as in Excel. */
  readonly names = new Map<string, { name: string; sheet: MemSheet | null }>();
  active: string | undefined;
  readonly changeListeners = new Set<(e: ChangeEvent) => void>();
  readonly renderListeners = new Set<() => void>();

  /**
   * Everything a write may change (the sheet list, every sheet's cells and parts, the defined names,
   * the active sheet), saved so that the returned function puts it back: a failed apply leaves the
   * workbook as it was. Cells are copied, since deleting a sheet rewrites formulas that refer to it.
   */
  checkpoint(): () => void {
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
  removeSheet(s: MemSheet): void {
    this.sheets = this.sheets.filter((x) => x !== s);
    for (const other of this.sheets)
      for (const c of other.cells.values())
        if (c.formula !== null) c.formula = breakReferences(c.formula, s.name);
    for (const n of this.names.values()) if (n.sheet === s) n.sheet = null;
    if (this.active !== undefined && sameSheetName(this.active, s.name)) this.active = undefined;
  }

  /** The ownership markers: each defined name → the sheet it refers to (null when gone). */
  markers(): Markers {
    return new Map(
      [...this.names].map(([k, n]) => [
        k,
        n.sheet !== null && this.sheets.includes(n.sheet) ? n.sheet.name : null,
      ])
    );
  }

  find(name: string): MemSheet | undefined {
    return this.sheets.find((s) => sameSheetName(s.name, name));
  }

  mustSheet(name: string): MemSheet {
    const s = this.find(name);
    if (!s) throw new PortError("sheet_not_found", { sheet: name }, `no sheet "${name}"`);
    return s;
  }

  sheetOrCreate(name: string): MemSheet {
    let s = this.find(name);
    if (!s) {
      s = new MemSheet(name);
      this.sheets.push(s);
    }
    return s;
  }

  activeName(): string | undefined {
    if (this.active !== undefined && this.find(this.active)) return this.find(this.active)?.name;
    return this.sheets.find((s) => !s.hidden)?.name;
  }

  registry(): Registry {
    const s = this.find(SETTINGS_SHEET);
    if (!s) return EMPTY_REGISTRY;
    const b = s.usedBounds();
    if (!b) return EMPTY_REGISTRY;
    return decodeRegistry(gridOf(s, 1, 1, b.r1, b.c1).values);
  }

  writeRegistry(reg: Registry): void {
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

  info(s: MemSheet, reg: Registry, markers: Markers): SheetInfo {
    const owned = isOwned(reg, s.name, markers);
    const rec = ownedRecord(reg, s.name, markers);
    const role = rec?.role ?? (sameSheetName(s.name, SETTINGS_SHEET) ? "settings" : undefined);
    const older = olderRole(reg, s.name, markers);
    return role !== undefined && owned
      ? { name: s.name, owned, role, visible: !s.hidden }
      : { name: s.name, owned, visible: !s.hidden, ...(older ? { olderRole: older } : {}) };
  }

  fireChange(e: ChangeEvent): void {
    for (const l of [...this.changeListeners]) l(e);
  }

  notifyRender(): void {
    for (const l of [...this.renderListeners]) l();
  }

  paintHighlights(sheet: string, cells: readonly HighlightCell[]): void {
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
}
