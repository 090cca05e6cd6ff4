/** One sheet of the memory workbook: its cells and parts, a spec rendered on it, read as a Grid. */
import {
  type CellStyle,
  type CellValue,
  type ChartSpec,
  type ConditionalFormat,
  type DataValidationRule,
  type Grid,
  type PageSetup,
  parseA1,
  parseRange,
  type SheetSpec,
  type SpecCell,
  type TableSpec,
} from "../../engine";
import { boxOf, inBox, readCellKey, type Box } from "../generated-area";
import { PortError } from "../port";

interface MemCell {
  value: CellValue;
  formula: string | null;
  style?: CellStyle;
}

export const KEY = 16385;
const keyOf = (row: number, col: number): number => row * KEY + col;

export class MemSheet {
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

export function pos(sheet: string, cell: string): { row: number; col: number } {
  const p = parseA1(cell);
  if (!p) throw new PortError("invalid_range", { sheet, range: cell }, `bad cell ${cell}`);
  return p;
}

export function rangePos(sheet: string, range: string): ReturnType<typeof parseRange> & object {
  const r = parseRange(range);
  if (!r) throw new PortError("invalid_range", { sheet, range }, `bad range ${range}`);
  return r;
}

/** How Excel takes typed input: "=..." is a formula, anything else is the value itself. */
export function typed(cell: MemCell, value: CellValue): void {
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
export function render(spec: SheetSpec): MemSheet {
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
export function keysOf(s: MemSheet): (row: number, col: number) => string {
  return (row, col) => {
    const c = s.peek(row, col);
    return c === undefined ? "" : readCellKey(c.value, c.formula);
  };
}

export function* nonEmpty(s: MemSheet): Iterable<{ row: number; col: number }> {
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
export function rewriteInPlace(old: MemSheet, fresh: MemSheet, area: string | undefined): void {
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

export function gridOf(s: MemSheet, r0: number, c0: number, r1: number, c1: number): Grid {
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

/** A sheet's used range as a Grid (an empty sheet: no cells, at A1). */
export function gridOfSheet(s: MemSheet): Grid {
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
  return gridOf(s, b.r0, b.c0, b.r1, b.c1);
}

/** Like Excel: locked cells of a protected sheet refuse a user's edit. */
export function checkEditable(s: MemSheet, row: number, col: number, cell: string): void {
  if (!s.protect) return;
  if (s.peek(row, col)?.style?.locked === false) return;
  throw new PortError(
    "cell_protected",
    { sheet: s.name, range: cell },
    `cell ${cell} is protected`
  );
}
