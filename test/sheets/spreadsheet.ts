/**
 * Reads generated sheets like a spreadsheet: the entry grids and the specs are loaded into
 * HyperFormula (GPL, dev-only), which evaluates the native formulas, so a test can compare what
 * Excel would compute with the engine's numbers: `sheet.value("F5")`.
 */
import { HyperFormula } from "hyperformula";
import type { CellValue as HfValue, RawCellContent } from "hyperformula";
import { parseA1 } from "../../src/engine/address";
import type { Grid } from "../../src/engine/model/types";
import type { SheetSpec, SpecCell } from "../../src/engine/sheets/spec";

export type Shown = number | string | boolean | null | { error: string };

function raw(cell: SpecCell): RawCellContent {
  switch (cell.kind) {
    case "number":
      return cell.value;
    case "bool":
      return cell.value;
    case "blank":
      return null;
    case "text":
      // The apostrophe keeps "=…" text as text, as the adapters must.
      return /^[=+'@-]/.test(cell.value) ? `'${cell.value}` : cell.value;
    case "formula":
      return cell.formula;
  }
}

function gridRaw(grid: Grid): RawCellContent[][] {
  const out: RawCellContent[][] = [];
  for (let r = 0; r < grid.values.length; r++) {
    const row: RawCellContent[] = [];
    const vals = grid.values[r] ?? [];
    for (let c = 0; c < vals.length; c++) {
      const f = grid.formulas?.[r]?.[c];
      const v = vals[c] ?? null;
      row[grid.originCol - 1 + c] =
        f != null ? f : v !== null && typeof v === "object" ? v.error : v;
    }
    out[grid.originRow - 1 + r] = row;
  }
  return out;
}

export function specRaw(spec: SheetSpec): RawCellContent[][] {
  const out: RawCellContent[][] = [];
  for (const b of spec.blocks) {
    const p = parseA1(b.address)!;
    b.rows.forEach((row, i) => {
      const r = p.row - 1 + i;
      out[r] ??= [];
      row.forEach((cell, j) => {
        out[r]![p.col - 1 + j] = raw(cell);
      });
    });
  }
  for (let r = 0; r < out.length; r++) out[r] ??= [];
  return out;
}

export class Spreadsheet {
  readonly hf: HyperFormula;
  private readonly specs = new Map<string, SheetSpec>();

  constructor(grids: readonly Grid[], specs: readonly SheetSpec[]) {
    // As Excel: SUMPRODUCT evaluates arrays; text compares ignoring case but not accents.
    this.hf = HyperFormula.buildEmpty({
      licenseKey: "gpl-v3",
      useArrayArithmetic: true,
      accentSensitive: true,
      caseSensitive: false,
    });
    for (const g of grids) this.hf.addSheet(g.sheet);
    for (const s of specs) this.hf.addSheet(s.name);
    for (const g of grids) this.hf.setSheetContent(this.id(g.sheet), gridRaw(g));
    for (const s of specs) {
      this.specs.set(s.name, s);
      this.hf.setSheetContent(this.id(s.name), specRaw(s));
    }
  }

  private id(sheet: string): number {
    const id = this.hf.getSheetId(sheet);
    if (id === undefined) throw new Error(`no sheet ${sheet}`);
    return id;
  }

  /** The computed value of a cell. */
  value(sheet: string, address: string): Shown {
    const p = parseA1(address)!;
    const v: HfValue = this.hf.getCellValue({
      sheet: this.id(sheet),
      row: p.row - 1,
      col: p.col - 1,
    });
    if (v !== null && typeof v === "object") return { error: v.value };
    return v;
  }

  /** Changes an input cell (as a user typing), then formulas recompute. */
  set(sheet: string, address: string, value: number | string | null): void {
    const p = parseA1(address)!;
    this.hf.setCellContents({ sheet: this.id(sheet), row: p.row - 1, col: p.col - 1 }, value);
  }

  /** Every formula cell of a spec with its cached value and what the spreadsheet computes. */
  formulaCells(
    sheet: string
  ): { address: string; formula: string; cached: unknown; computed: Shown }[] {
    const spec = this.specs.get(sheet)!;
    const out: { address: string; formula: string; cached: unknown; computed: Shown }[] = [];
    for (const b of spec.blocks) {
      const p = parseA1(b.address)!;
      b.rows.forEach((row, i) =>
        row.forEach((cell, j) => {
          if (cell.kind !== "formula") return;
          const col = p.col + j;
          let letters = "";
          for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
            letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
          const address = `${letters}${p.row + i}`;
          out.push({
            address,
            formula: cell.formula,
            cached: cell.cached,
            computed: this.value(sheet, address),
          });
        })
      );
    }
    return out;
  }
}

/** Equal as a spreadsheet shows them: numbers to 1e-9, blank cached ≈ "" computed. */
export function sameShown(cached: unknown, computed: Shown): boolean {
  if (typeof cached === "number" && typeof computed === "number")
    return Math.abs(cached - computed) <= 1e-9 * Math.max(1, Math.abs(cached));
  if ((cached === undefined || cached === "") && (computed === "" || computed === null))
    return true;
  return cached === computed;
}
