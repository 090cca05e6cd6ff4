/**
 * Issue 14: the band formulas the ranked sheets write stay inside Excel's limits (8,192 characters,
 * 64 nested levels): the band-block form while it fits, then the band cells, then literal bounds;
 * a scheme no form fits is refused with a vi/en message, never written as a formula Excel rejects.
 */
import {
  EXCEL_FORMULA_CHARS,
  FormulaLimitError,
  gapFormula,
  gradeFormula,
} from "../../../src/engine/sheets/formulas";
import { checkRules, formatIssue, type BandRefs, type GradeScheme } from "../../../src/engine";
import { bandCase, presetCases, stressDoc } from "../../../bench/formula-bands";

const POINTS = "AB3325";
const MAX = 933.3333333333334;

function bandsScheme(n: number): GradeScheme {
  const step = 100 / n;
  return {
    basis: "percent",
    bands: Array.from({ length: n }, (_, i) => ({
      label: `Mức ${n - i}`,
      labelEn: `Level ${n - i}`,
      ...(i === n - 1 ? {} : { lower: { value: (n - 1 - i) * step, inclusive: true } }),
      ...(i === 0 ? {} : { upper: { value: (n - i) * step, inclusive: false } }),
    })),
  };
}

describe("band formulas within Excel's limits", () => {
  it("every preset's band-block grade and gap formulas fit, in the block form", async () => {
    const cases = await presetCases();
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const grade = gradeFormula(POINTS, MAX, c.scheme, c.refs);
      expect(grade).toContain(c.refs.block!.labels);
      expect(grade.length).toBeLessThanOrEqual(EXCEL_FORMULA_CHARS);
      expect(gapFormula(POINTS, MAX, c.scheme, c.refs).length).toBeLessThanOrEqual(
        EXCEL_FORMULA_CHARS
      );
    }
  });

  it("20 bands through the rules sheet: the block form, same size as 4", async () => {
    const c = (await bandCase(stressDoc(20)))!;
    expect(c.scheme.bands).toHaveLength(20);
    const grade = gradeFormula(POINTS, MAX, c.scheme, c.refs);
    expect(grade).toContain(c.refs.block!.labels);
    expect(grade.length).toBeLessThanOrEqual(EXCEL_FORMULA_CHARS);
  });

  it("a block form too long falls back to the band cells (same grades, bounds still live)", async () => {
    const c = (await bandCase(stressDoc(4)))!;
    const long = `'${"Quy tắc chấm điểm ".repeat(4)}'!`;
    const widen = (r: string) => r.replace("'Quy tắc'!", long);
    const block = c.refs.block!;
    const refs: BandRefs = {
      bands: c.refs.bands,
      block: {
        ...block,
        labels: widen(block.labels),
        lower: widen(block.lower),
        lowerKind: widen(block.lowerKind),
        upper: widen(block.upper),
        upperKind: widen(block.upperKind),
      },
    };
    const grade = gradeFormula(POINTS, MAX, c.scheme, refs);
    expect(grade).toBe(gradeFormula(POINTS, MAX, c.scheme, { bands: c.refs.bands }));
    expect(grade).not.toContain(long);
    expect(grade).toContain("'Quy tắc'!$C$");
  });

  it("40 bands with literal bounds fit; 70 nest too deep and are refused, in vi and en", () => {
    expect(gradeFormula(POINTS, MAX, bandsScheme(40)).length).toBeLessThanOrEqual(
      EXCEL_FORMULA_CHARS
    );
    expect(() => gradeFormula(POINTS, MAX, bandsScheme(70))).toThrow(FormulaLimitError);
    expect(() => gapFormula(POINTS, MAX, bandsScheme(70))).toThrow(
      /vượt giới hạn của Excel.*exceeds Excel's limits/
    );
  });

  it("a rules sheet of more than 40 bands is refused at the sheet (so no ranking stops on a formula)", async () => {
    const where = {
      sheet: "Quy tắc",
      cells: new Map<string, string>([["bands[40].label", "A60"]]),
    };
    const over = checkRules(stressDoc(41), where).find((i) => i.code === "rules_too_many_bands");
    expect(over).toMatchObject({
      severity: "error",
      cell: { sheet: "Quy tắc", cell: "A60" },
      params: { count: 41, limit: 40 },
    });
    expect(formatIssue(over!, "vi")).toContain("41 mức xếp loại");
    expect(formatIssue(over!, "en")).toContain("41 grade bands");
    expect(checkRules(stressDoc(40), where).some((i) => i.code === "rules_too_many_bands")).toBe(
      false
    );
    // At the limit every form fits: the block form, and the literal one the reconciliation uses.
    const c = (await bandCase(stressDoc(40)))!;
    expect(gradeFormula(POINTS, MAX, c.scheme, c.refs).length).toBeLessThanOrEqual(
      EXCEL_FORMULA_CHARS
    );
    expect(() => gradeFormula(POINTS, MAX, c.scheme)).not.toThrow();
    expect(() => gapFormula(POINTS, MAX, c.scheme)).not.toThrow();
  });
});
