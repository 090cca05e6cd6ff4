/**
 * One source of rules: a workbook's rules sheet ("Quy tắc") grades the CLI output and the ranked
 * sheets; a band changed in the sheet re-grades them, and the ranked sheets' native formulas
 * reference the band cells, so LibreOffice recalculating the file (without the add-in) follows an
 * edit made after the ranking was written. The LibreOffice part is skipped, saying why, without soffice.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "../support/run-cli";
import rank from "../../src/cli/commands/rank";
import rules from "../../src/cli/commands/rules";
import validate from "../../src/cli/commands/validate";
import { gradeOf, gradeText, pointsToNextBand } from "../../src/engine/grade";
import type { GradeScheme } from "../../src/engine/model/types";
import { findPreset, RULES_SHEET, rulesSheetSpec, type RulesDoc } from "../../src/engine/rules";
import { rankingColumns } from "../../src/engine/sheets/ranking-sheets";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsx-workbook";
import { makeFixture } from "../sheets/fixture";
import { findSoffice, recalcProfile, saveAsXlsx } from "../support/libreoffice";

const dir = mkdtempSync(join(tmpdir(), "dti-rules-"));

const run = runCli;

const preset = findPreset("sonla-2024")!;
const where = rulesSheetSpec(preset).cells;
const cellOf = (path: string) => where.get(path)!;

/** The entry workbook (fixture) with the Sơn La rules sheet (or `doc`'s) in it. */
async function entryWithRules(file: string, doc: RulesDoc = preset): Promise<void> {
  const f = makeFixture({ units: 18, seed: 5 });
  const wb = XlsxWorkbook.create();
  for (const g of [f.grid, f.unitsGrid]) {
    const ws = wb.book.addWorksheet(g.sheet);
    g.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && typeof v !== "object")
          ws.getCell(g.originRow + r, g.originCol + c).value = v;
      })
    );
  }
  await wb.apply([rulesSheetSpec(doc).spec]);
  await wb.save(file);
}

/** Edits cells of the rules sheet as a user in Excel would. */
async function editRules(
  file: string,
  cells: Readonly<Record<string, number | string | null>>
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(RULES_SHEET)!;
  for (const [addr, v] of Object.entries(cells)) ws.getCell(addr).value = v;
  await wb.xlsx.writeFile(file);
}

/** Sơn La's bands with Tốt starting at `top` % (and Khá ending there). */
function withTop(top: number): GradeScheme {
  const s = preset.bands;
  return {
    basis: "percent",
    bands: [
      { label: "Tốt", labelEn: "Good", lower: { value: top, inclusive: true } },
      {
        label: "Khá",
        labelEn: "Fairly good",
        lower: { value: s[1]!.lower!.value!, inclusive: true },
        upper: { value: top, inclusive: false },
      },
      {
        label: "Trung bình",
        labelEn: "Average",
        lower: { value: 50, inclusive: true },
        upper: { value: 70, inclusive: false },
      },
      { label: "Yếu", labelEn: "Weak", upper: { value: 50, inclusive: false } },
    ],
  };
}

interface JsonUnit {
  unit: string;
  points: number;
  grade: string | null;
  rank: number | null;
}
interface JsonOut {
  set: { id: string };
  groups: { max: number; units: JsonUnit[] }[];
}

describe("dti rank / validate use the workbook's rules sheet", () => {
  const file = join(dir, "nhap-diem.xlsx");
  beforeAll(async () => entryWithRules(file));

  it("say so, and grade by it; a band changed in the sheet re-grades the CLI output", async () => {
    const text = await run(rank, [file, "--set", "kontum-2022"]);
    expect(text.out).toContain(
      `theo trang "${RULES_SHEET}" trong tệp, từ bộ sonla-2024; bỏ qua --set kontum-2022`
    );
    const before = JSON.parse((await run(rank, [file, "--json"])).out) as JsonOut;
    expect(before.set.id).toBe("sonla-2024");
    const units = before.groups.flatMap((g) => g.units.map((u) => ({ ...u, max: g.max })));
    for (const u of units) expect(u.grade).toBe(gradeText(gradeOf(u.points, u.max, withTop(85))));
    // A top band starting at 72 %: some Khá become Tốt (the fixture's best totals are 72.25, 72.75).
    await editRules(file, { [cellOf("bands[0].lower")]: 72, [cellOf("bands[1].upper")]: 72 });
    const checked = await run(rules, [file]);
    expect(checked.code).toBe(0);
    expect(checked.out).toContain("(đã sửa)");
    const after = JSON.parse((await run(rank, [file, "--json"])).out) as JsonOut;
    const unitsAfter = after.groups.flatMap((g) => g.units.map((u) => ({ ...u, max: g.max })));
    let changed = 0;
    unitsAfter.forEach((u) => {
      expect(u.grade).toBe(gradeText(gradeOf(u.points, u.max, withTop(72))));
      if (u.grade !== units.find((b) => b.unit === u.unit)?.grade) changed++;
    });
    expect(changed).toBeGreaterThan(0);
  });

  it("refuse to grade while a figure is still to fill (exit 1, the cell named)", async () => {
    const f2 = join(dir, "chua-dien.xlsx");
    await entryWithRules(f2);
    await editRules(f2, { [cellOf("bands[1].lower")]: "điền theo quyết định" });
    const r = await run(rank, [f2]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`'${RULES_SHEET}'!${cellOf("bands[1].lower")}`);
    expect(r.err).toContain("có lỗi nên chưa chấm");
    expect((await run(validate, [f2, "--lang", "en"])).out).toContain("is not filled in yet");
  });
});

describe("dti rank and block 9 (an index that applies only to some units)", () => {
  it("grades the units it does not apply to on their own maximum (60 of 100), and says so per index", async () => {
    const file = join(dir, "khoi-9.xlsx");
    const only = ["Sở Ngành 1", "Sở Ngành 2"];
    await entryWithRules(file, {
      ...preset,
      limitedIndices: [{ code: "3", name: "Hoạt động chuyển đổi số", units: only }],
    });
    const r = await run(rank, [file, "--json"]);
    const out = JSON.parse(r.out) as JsonOut & {
      groups: {
        units: (JsonUnit & { percentOfMax: number; mainIndices: Record<string, number | null> })[];
      }[];
      issues: { code: string }[];
    };
    let outside = 0;
    for (const g of out.groups)
      for (const u of g.units) {
        const max = only.includes(u.unit) ? 100 : 60;
        expect([u.unit, u.percentOfMax]).toEqual([
          u.unit,
          Math.round((u.points / max) * 10000) / 100,
        ]);
        if (max === 60) {
          outside++;
          expect(u.mainIndices["3"]).toBeNull();
        }
      }
    expect(outside).toBe(16);
    expect(out.issues.map((i) => i.code)).toContain("score_not_applicable_to_unit");
  });
});

describe("dti rules --set ID --out", () => {
  it("writes a rules workbook for a 2025 preset, with its unknown figures marked; never overwrites", async () => {
    const out = join(dir, "quy-tac-hanoi.xlsx");
    const r = await run(rules, ["--set", "hanoi-2025", "--out", out]);
    expect(r.code).toBe(0);
    const check = await run(rules, [out, "--json"]);
    expect(check.code).toBe(1);
    const j = JSON.parse(check.out) as {
      preset: string;
      complete: boolean;
      issues: { code: string; cell: string }[];
    };
    expect(j.preset).toBe("hanoi-2025");
    expect(j.complete).toBe(false);
    expect(j.issues.map((i) => i.code)).toContain("rules_cell_to_fill");
    expect((await run(rules, ["--set", "hanoi-2025", "--out", out])).code).toBe(2);
    expect((await run(rules, ["--set", "nope", "--out", join(dir, "x.xlsx")])).code).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------------
// LibreOffice: the ranked file re-grades after an edit of the rules sheet, without the add-in
// ---------------------------------------------------------------------------------------------

const soffice = findSoffice();
if (soffice === null)
  console.warn(
    "test/libreoffice/rules-sheet: LibreOffice part skipped: soffice is not installed (apt-get install -y libreoffice-calc-nogui)"
  );
const describeLo = soffice === null ? describe.skip : describe;

function recalculate(file: string): string {
  const profile = recalcProfile(dir);
  const out = saveAsXlsx(soffice!, profile, file, join(dir, "lo"));
  expect(existsSync(out)).toBe(true);
  return out;
}

describeLo("LibreOffice follows the rules sheet", () => {
  it("the ranked sheets' grades recompute from the band cells after a band is changed", async () => {
    const input = join(dir, "lo-nhap.xlsx");
    const ranked = join(dir, "lo-xep-hang.xlsx");
    await entryWithRules(input);
    const r = await run(rank, [input, "--out", ranked, "--json"]);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out) as JsonOut;
    // Edit the band in the ranked copy, as a user would in Excel without the add-in.
    await editRules(ranked, { [cellOf("bands[0].lower")]: 72, [cellOf("bands[1].upper")]: 72 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculate(ranked));
    const cols = rankingColumns(3, true, false);
    let checked = 0;
    let changed = 0;
    for (const g of res.groups) {
      const ws = wb.worksheets.find(
        (w) => w.name.startsWith("XH - ") && g.units.some((u) => w.getCell(5, 2).value === u.unit)
      )!;
      expect(ws).toBeDefined();
      const formula = ws.getCell(5, cols.grade!).value as { formula: string };
      expect(formula.formula).toContain(`'${RULES_SHEET}'!$C$`);
      g.units.forEach((u, i) => {
        const v = ws.getCell(5 + i, cols.grade!).value as { result?: unknown };
        const want = gradeText(gradeOf(u.points, g.max, withTop(72)));
        expect([u.unit, v.result ?? ""]).toEqual([u.unit, want]);
        if (want !== u.grade) changed++;
        checked++;
      });
    }
    expect(checked).toBe(18);
    expect(changed).toBeGreaterThan(0);
  }, 180_000);
});

describeLo("LibreOffice follows a band's kind changed and a band added in the rules sheet", () => {
  it("grade formulas read the whole band block (kinds, spare rows): no rebuild needed", async () => {
    const input = join(dir, "lo-kinds.xlsx");
    const ranked = join(dir, "lo-kinds-xh.xlsx");
    await entryWithRules(input);
    const r = await run(rank, [input, "--out", ranked, "--json"]);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out) as JsonOut;
    const totals = res.groups.flatMap((g) => g.units.map((u) => u.points)).sort((a, b) => a - b);
    // A new top band for the best fifth; a total met exactly (x): "trên x" (Khá) leaves it out,
    // "đến x" (Trung bình) takes it in.
    const top = totals[Math.floor(totals.length * 0.8)]!;
    const x = totals.find((t) => t > 55 && t < top - 2)!;
    expect(x).toBeDefined();
    const mid = Math.round(((x + top) / 2) * 100) / 100;
    const row = (i: number) => Number(/\d+/.exec(cellOf(`bands[${i}].label`))![0]);
    const rows = [0, 1, 2, 3, 4].map((i) => (i < 4 ? row(i) : row(3) + 1)); // + the first spare row
    const bands: readonly (readonly (string | number | null)[])[] = [
      ["Xuất sắc", top, "từ (≥)", null, null],
      ["Tốt", mid, "từ (≥)", top, "dưới (<)"],
      ["Khá", x, "trên (>)", mid, "dưới (<)"],
      ["Trung bình", 50, "từ (≥)", x, "đến (≤)"],
      ["Yếu", null, null, 50, "dưới (<)"],
    ];
    const edits: Record<string, string | number | null> = {};
    bands.forEach(([label, lo, loKind, up, upKind], i) => {
      const n = rows[i]!;
      Object.assign(edits, {
        [`A${n}`]: label,
        [`B${n}`]: null,
        [`C${n}`]: lo,
        [`D${n}`]: loKind,
        [`E${n}`]: up,
        [`F${n}`]: upKind,
        [`G${n}`]: "% tối đa của đơn vị",
        [`H${n}`]: null,
      });
    });
    await editRules(ranked, edits);
    const scheme: GradeScheme = {
      basis: "percent",
      bands: [
        { label: "Xuất sắc", labelEn: "", lower: { value: top, inclusive: true } },
        {
          label: "Tốt",
          labelEn: "",
          lower: { value: mid, inclusive: true },
          upper: { value: top, inclusive: false },
        },
        {
          label: "Khá",
          labelEn: "",
          lower: { value: x, inclusive: false },
          upper: { value: mid, inclusive: false },
        },
        {
          label: "Trung bình",
          labelEn: "",
          lower: { value: 50, inclusive: true },
          upper: { value: x, inclusive: true },
        },
        { label: "Yếu", labelEn: "", upper: { value: 50, inclusive: false } },
      ],
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculate(ranked));
    const cols = rankingColumns(3, true, false);
    const seen = new Set<string>();
    let checked = 0;
    for (const g of res.groups) {
      const ws = wb.worksheets.find(
        (w) => w.name.startsWith("XH - ") && g.units.some((u) => w.getCell(5, 2).value === u.unit)
      )!;
      const f = (ws.getCell(5, cols.grade!).value as { formula: string }).formula;
      // The kinds and the spare rows are read from the sheet, not written into the formula.
      expect(f).toContain(`'${RULES_SHEET}'!$D$${row(0)}:$D$`);
      expect(f).not.toContain("Khá");
      g.units.forEach((u, i) => {
        const v = ws.getCell(5 + i, cols.grade!).value as { result?: unknown };
        const want = gradeText(gradeOf(u.points, g.max, scheme));
        expect([u.unit, u.points, v.result ?? ""]).toEqual([u.unit, u.points, want]);
        seen.add(String(want));
        const gap = ws.getCell(5 + i, cols.gap!).value as { result?: unknown };
        const next = pointsToNextBand(u.points, g.max, scheme);
        if (next === null) expect(gap.result ?? "").toBe("");
        else expect(gap.result as number).toBeCloseTo(next, 6);
        checked++;
      });
    }
    expect(checked).toBe(18);
    // The added band and the one total that met the changed kinds are graded by the sheet.
    expect(seen.has("Xuất sắc")).toBe(true);
    expect(gradeText(gradeOf(x, 100, scheme))).toBe("Trung bình");
    // The CLI reads the edited rules sheet of the ranked copy the same way.
    const again = JSON.parse((await run(rank, [ranked, "--json"])).out) as JsonOut;
    for (const g of again.groups)
      for (const u of g.units) expect(u.grade).toBe(gradeText(gradeOf(u.points, g.max, scheme)));
    // "đến x" → "dưới x": the total at x falls in a gap, and the formula says between which bands.
    await editRules(ranked, { [`F${rows[3]!}`]: "dưới (<)" });
    const gapped: GradeScheme = {
      ...scheme,
      bands: scheme.bands.map((b) =>
        b.label === "Trung bình" ? { ...b, upper: { value: x, inclusive: false } } : b
      ),
    };
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(recalculate(ranked));
    let inGap = 0;
    for (const g of res.groups) {
      const ws = wb2.worksheets.find(
        (w) => w.name.startsWith("XH - ") && g.units.some((u) => w.getCell(5, 2).value === u.unit)
      )!;
      g.units.forEach((u, i) => {
        const v = ws.getCell(5 + i, cols.grade!).value as { result?: unknown };
        const want = gradeText(gradeOf(u.points, g.max, gapped));
        expect([u.unit, v.result ?? ""]).toEqual([u.unit, want]);
        if (want === "Chưa xếp loại (giữa Trung bình và Khá)") inGap++;
      });
    }
    expect(inGap).toBeGreaterThan(0);
  }, 240_000);
});
