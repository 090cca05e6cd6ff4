/**
 * The entry matrix's native formulas evaluated by a spreadsheet engine (HyperFormula, dev-only):
 * main-index SUMs and every conditional-format rule, at the cells a user would type in.
 */
import { DetailedCellError, HyperFormula } from "hyperformula";
import { columnLetters, columnNumber, parseA1, parseRange } from "../../src/engine/address";
import { entryMatrixSpec } from "../../src/engine/entry";
import type { SpecCell } from "../../src/engine/sheets/spec";
import { makeUnits, smallSet } from "./fixtures";

type Raw = string | number | boolean | null;

function toRaw(c: SpecCell): Raw {
  switch (c.kind) {
    case "number":
    case "bool":
      return c.value;
    case "text":
      return c.value;
    case "formula":
      return c.formula;
    case "blank":
      return null;
  }
}

/** Moves relative references of a rule written for `from` so it applies at `to` (as Excel does). */
function shift(formula: string, from: string, to: string): string {
  const a = parseA1(from);
  const b = parseA1(to);
  if (!a || !b) throw new Error("bad cell");
  return formula.replace(
    /(\$?)([A-Z]{1,3})(\$?)(\d+)/g,
    (_m, dc: string, col: string, dr: string, row: string) => {
      const c = dc ? col : columnLetters(columnNumber(col) + b.col - a.col);
      const r = dr ? row : String(Number(row) + b.row - a.row);
      return `${dc}${c}${dr}${r}`;
    }
  );
}

describe("entry matrix formulas in a spreadsheet engine", () => {
  const set = smallSet();
  const spec = entryMatrixSpec(set, makeUnits(3));
  const rows: Raw[][] = Array.from({ length: 40 }, () => Array<Raw>(20).fill(null));
  const put = (addr: string, v: Raw): void => {
    const p = parseA1(addr);
    if (!p) throw new Error(addr);
    (rows[p.row - 1] as Raw[])[p.col - 1] = v;
  };
  for (const block of spec.blocks) {
    const p = parseA1(block.address);
    if (!p) continue;
    block.rows.forEach((r, i) =>
      r.forEach((c, j) => put(`${columnLetters(p.col + j)}${p.row + i}`, toRaw(c)))
    );
  }
  // What users typed (unit 1: E-G, unit 2: H-J, unit 3: K-M).
  put("F7", 25); // above max 20
  put("G7", 10);
  put("F8", -1); // negative
  put("I7", "8,5"); // number typed as text
  put("K7", "QĐ 1/2024"); // evidence (text, not a score)
  put("I8", 10);
  put("J8", 15); // appraised above self
  put("N7", "Công văn 5"); // evidence without a self score in L7

  const probes: [string, number][] = [];
  // The rules on the score area (the last one shades every other unit's header rows).
  const rules = (spec.conditionalFormats ?? []).filter(
    (r) => (parseRange(r.range)?.start.row ?? 0) >= 6
  );
  const band = (spec.conditionalFormats ?? []).find((r) => parseRange(r.range)?.start.row === 4);
  const cells = ["F7", "G7", "F8", "I7", "K7", "I8", "J8", "L7", "M7", "F10"];
  let probeRow = 20;
  for (const cell of cells) {
    rules.forEach((rule, k) => {
      if (rule.when.kind !== "formula") return;
      const top = rule.range.split(":")[0] ?? "F6";
      put(`${columnLetters(k + 1)}${probeRow}`, shift(rule.when.formula, top, cell));
    });
    probes.push([cell, probeRow]);
    probeRow++;
  }
  for (const [k, cell] of ["F4", "G5", "H4", "I4", "K5", "L4"].entries())
    if (band?.when.kind === "formula")
      put(`${columnLetters(k + 1)}${probeRow}`, shift(band.when.formula, "F4", cell));
  const bandRow = probeRow;
  // The score validations (custom formulas) at the typed cells: true = Excel accepts the entry.
  const dvCells = ["F7", "G7", "F8", "I7", "K7", "J8", "F10"];
  for (const [k, cell] of dvCells.entries()) {
    const v = (spec.validations ?? []).find((x) => {
      const r = parseRange(x.range);
      const p = parseA1(cell);
      return (
        x.rule.kind === "custom" &&
        r !== null &&
        p !== null &&
        p.row >= r.start.row &&
        p.row <= r.end.row &&
        p.col >= r.start.col &&
        p.col <= r.end.col
      );
    });
    if (v?.rule.kind === "custom")
      put(
        `${columnLetters(k + 1)}${bandRow + 1}`,
        shift(v.rule.formula, v.range.split(":")[0] ?? "F6", cell)
      );
  }
  const hf = HyperFormula.buildFromSheets({ S: rows }, { licenseKey: "gpl-v3" });
  const value = (addr: string): unknown => {
    const p = parseA1(addr);
    if (!p) throw new Error(addr);
    const v = hf.getCellValue({ sheet: 0, row: p.row - 1, col: p.col - 1 });
    return v instanceof DetailedCellError ? v.value : v;
  };
  afterAll(() => hf.destroy());

  it("sums each unit's components into its main index (self and appraised)", () => {
    expect(value("F6")).toBe(24); // 25 + (-1)
    expect(value("G6")).toBe(10);
    expect(value("I6")).toBe(10); // "8,5" is text: SUM skips it, the issue list says why
    expect(value("J6")).toBe(15);
  });

  it("shades every other unit's two header rows (one rule, no merges or per-unit borders)", () => {
    expect(band?.range).toMatch(/^F4:[A-Z]+5$/);
    expect([0, 1, 2, 3, 4, 5].map((k) => value(`${columnLetters(k + 1)}${bandRow}`))).toEqual([
      false,
      false,
      false,
      true,
      true,
      false,
    ]);
  });

  it("accepts 0..max in score columns and any text in evidence columns (one rule for all units)", () => {
    // F7 25 > 20, G7 10, F8 -1, I7 "8,5" (text), K7 evidence, J8 15
    expect([0, 1, 2, 3, 4, 5].map((k) => value(`${columnLetters(k + 1)}${bandRow + 1}`))).toEqual([
      false,
      true,
      false,
      false,
      true,
      true,
    ]);
  });

  /** Which rules (by index) fire at each cell: 0 above max, 1 negative, 2 text, 3 appraised > self, 4 evidence without score. */
  it.each([
    ["F7", [0]],
    ["G7", []],
    ["F8", [1]],
    ["I7", [2]],
    ["K7", []],
    ["I8", []],
    ["J8", [3]],
    ["L7", [4]],
    ["M7", []],
    ["F10", []],
  ])("at %s the rules %j fire", (cell, expected) => {
    const row = probes.find(([c]) => c === cell)?.[1] ?? 0;
    const fired = rules
      .map((_, k) => value(`${columnLetters(k + 1)}${row}`))
      .flatMap((v, k) => (v === true ? [k] : []));
    expect(fired).toEqual(expected);
  });
});
