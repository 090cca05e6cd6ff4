/** Test helper: build a Grid like a spreadsheet, `sheet.set("B3", 8.5)`. */
import { parseA1, parseRange } from "../../../src/engine/address";
import type { CellValue, Grid } from "../../../src/engine/model/types";

export class TestSheet {
  private readonly cells = new Map<string, CellValue>();
  private readonly formulas = new Map<string, string>();
  private readonly merges: string[] = [];
  private readonly hidden: number[] = [];
  constructor(readonly name: string) {}

  set(address: string, value: CellValue, formula?: string): this {
    const p = parseA1(address);
    if (!p) throw new Error(address);
    this.cells.set(`${p.row},${p.col}`, value);
    if (formula !== undefined) this.formulas.set(`${p.row},${p.col}`, formula);
    return this;
  }

  /** Rows of values starting at `address` ("A4"). */
  rows(address: string, rows: readonly (readonly CellValue[])[]): this {
    const p = parseA1(address);
    if (!p) throw new Error(address);
    rows.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v !== null) this.cells.set(`${p.row + i},${p.col + j}`, v);
      })
    );
    return this;
  }

  merge(range: string): this {
    if (!parseRange(range)) throw new Error(range);
    this.merges.push(range);
    return this;
  }

  hideRow(row: number): this {
    this.hidden.push(row);
    return this;
  }

  grid(): Grid {
    let maxRow = 0;
    let maxCol = 0;
    for (const k of this.cells.keys()) {
      const [r, c] = k.split(",").map(Number) as [number, number];
      maxRow = Math.max(maxRow, r);
      maxCol = Math.max(maxCol, c);
    }
    const values: CellValue[][] = [];
    const formulas: (string | null)[][] = [];
    for (let r = 1; r <= maxRow; r++) {
      const row: CellValue[] = [];
      const frow: (string | null)[] = [];
      for (let c = 1; c <= maxCol; c++) {
        row.push(this.cells.get(`${r},${c}`) ?? null);
        frow.push(this.formulas.get(`${r},${c}`) ?? null);
      }
      values.push(row);
      formulas.push(frow);
    }
    return {
      sheet: this.name,
      originRow: 1,
      originCol: 1,
      values,
      formulas,
      merges: this.merges,
      hiddenRows: this.hidden,
    };
  }
}
