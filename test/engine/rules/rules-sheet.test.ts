/**
 * The rules sheet: every preset round-trips (preset → sheet in the memory, xlsx and Office fake
 * adapters → read back → equal); unknown figures refuse grading; bad rules are issues on cells.
 */
import { a1, parseA1 } from "../../../src/engine/address";
import type { Grid, IssueCode } from "../../../src/engine/model/types";
import {
  checkRules,
  findPreset,
  listPresets,
  presetIds,
  readRulesGrid,
  rulesFromGrid,
  rulesSheetSpec,
  RULES_SHEET,
  TO_FILL,
  type RulesDoc,
} from "../../../src/engine/rules";
import { issueText } from "../../../src/engine/messages";
import { MemoryWorkbook } from "../../../src/workbook/memory/memory-workbook";
import { OfficeWorkbook } from "../../../src/workbook/office/office-workbook";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsx-workbook";
import { FakeExcel } from "../../workbook/office/fake-excel";

async function viaMemory(doc: RulesDoc): Promise<Grid> {
  const wb = MemoryWorkbook.fromGrids([]);
  await wb.apply([rulesSheetSpec(doc).spec]);
  return (await wb.readGrids([RULES_SHEET]))[0]!;
}
async function viaXlsx(doc: RulesDoc): Promise<Grid> {
  const wb = XlsxWorkbook.create();
  await wb.apply([rulesSheetSpec(doc).spec]);
  const again = await XlsxWorkbook.load(await wb.toBuffer());
  return (await again.readGrids([RULES_SHEET]))[0]!;
}
async function viaOffice(doc: RulesDoc): Promise<Grid> {
  const fake = new FakeExcel();
  const wb = new OfficeWorkbook({ host: fake.host, cellEditRetryDelayMs: 0 });
  await wb.apply([rulesSheetSpec(doc).spec]);
  return (await wb.readGrids([RULES_SHEET]))[0]!;
}

/** A copy of a grid with one cell changed (what a user typing in Excel does). */
function edit(grid: Grid, cell: string, value: string | number | null): Grid {
  const pos = parseA1(cell)!;
  const values = grid.values.map((r) => [...r]);
  while (values.length <= pos.row - grid.originRow) values.push([]);
  const row = values[pos.row - grid.originRow]!;
  while (row.length <= pos.col - grid.originCol) row.push(null);
  row[pos.col - grid.originCol] = value;
  return { ...grid, values };
}

describe("presets", () => {
  it("include the 2025–2026 sets and every built-in profile", () => {
    expect(presetIds()).toEqual(
      expect.arrayContaining([
        "hanoi-2025",
        "hcm-2025",
        "danang-2025",
        "khanhhoa-2025",
        "phutho-2025",
        "national-405",
        "sonla-2024",
        "hcm-2023",
        "generic",
      ])
    );
  });

  describe.each([
    ["memory", viaMemory],
    ["xlsx", viaXlsx],
    ["office fake", viaOffice],
  ])("round trip through the %s adapter", (_name, via) => {
    it.each(presetIds())("%s: preset → rules sheet → read back → equal", async (id) => {
      const doc = findPreset(id)!;
      const grid = await via(doc);
      const read = readRulesGrid(grid);
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.value.doc).toEqual(doc);
      // Cells the writer put each figure in are the cells the reader read it from.
      const written = rulesSheetSpec(doc).cells;
      for (const [path, cell] of written)
        expect([path, read.value.cells.get(path)]).toEqual([path, cell]);
    });
  });

  it("complete presets give the built-in profile back; unknown figures refuse grading", async () => {
    for (const doc of listPresets()) {
      const out = rulesFromGrid(await viaMemory(doc));
      expect("doc" in out).toBe(true);
      if (!("doc" in out)) continue;
      const toFill = out.issues.filter((i) => i.code === "rules_cell_to_fill");
      const hasUnknown = JSON.stringify(doc).includes("null") && toFill.length > 0;
      if (
        [
          "hanoi-2025",
          "hcm-2025",
          "danang-2025",
          "khanhhoa-2025",
          "phutho-2025",
          "national-405",
        ].includes(doc.id)
      ) {
        expect(toFill.length).toBeGreaterThan(0);
        expect(out.profile).toBeNull();
      } else {
        expect([doc.id, out.issues.filter((i) => i.severity === "error")]).toEqual([doc.id, []]);
        expect(out.profile).not.toBeNull();
        expect(hasUnknown).toBe(false);
      }
    }
  });

  it("a to-fill cell is shown as such and points at its cell; filling it grades", async () => {
    const doc = findPreset("phutho-2025")!;
    const sheet = rulesSheetSpec(doc);
    const grid = await viaMemory(doc);
    const label = sheet.cells.get("bands[0].label")!;
    const lower = sheet.cells.get("bands[0].lower")!;
    const year = sheet.cells.get("source.year")!;
    expect(year).toBeDefined();
    const before = rulesFromGrid(grid);
    expect("doc" in before && before.issues.map((i) => [i.code, i.cell?.cell])).toEqual(
      expect.arrayContaining([
        ["rules_cell_to_fill", label],
        ["rules_cell_to_fill", lower],
      ])
    );
    let g = edit(grid, label, "Tốt");
    g = edit(g, lower, 80);
    const after = rulesFromGrid(g);
    expect("doc" in after && after.profile?.gradeScheme?.bands[0]).toEqual({
      label: "Tốt",
      labelEn: "Tốt",
      lower: { value: 80, inclusive: true },
    });
    expect("doc" in after && after.changed).toBe(true);
  });
});

describe("bad rules: each kind has its message and cell", () => {
  const base = findPreset("sonla-2024")!;
  const sheet = rulesSheetSpec(base);
  const cell = (path: string) => sheet.cells.get(path)!;
  let grid: Grid;
  beforeAll(async () => {
    grid = await viaMemory(base);
  });
  const bandRow = (i: number) => parseA1(cell(`bands[${i}].label`))!.row;

  const CASES: readonly [string, IssueCode, (g: Grid) => Grid, () => string][] = [
    [
      "a figure still to fill",
      "rules_cell_to_fill",
      (g) => edit(g, cell("scale"), TO_FILL),
      () => cell("scale"),
    ],
    [
      "a required cell blank",
      "rules_cell_empty",
      (g) => edit(g, cell("source.decision"), null),
      () => cell("source.decision"),
    ],
    [
      "text where a number belongs",
      "rules_not_a_number",
      (g) => edit(g, cell("bands[1].lower"), "bảy mươi"),
      () => cell("bands[1].lower"),
    ],
    [
      "a choice not in the list",
      "rules_bad_choice",
      (g) => edit(g, cell("tiePolicy"), "ngẫu nhiên"),
      () => cell("tiePolicy"),
    ],
    [
      "a year out of range",
      "rules_bad_year",
      (g) => edit(g, cell("source.year"), 1999),
      () => cell("source.year"),
    ],
    [
      "a date not dd/mm/yyyy",
      "rules_bad_date",
      (g) => edit(g, cell("source.date"), "tháng 10"),
      () => cell("source.date"),
    ],
    [
      "decimals out of range",
      "rules_bad_decimals",
      (g) => edit(g, cell("rounding.decimals"), 12),
      () => cell("rounding.decimals"),
    ],
    ["a scale of 0", "rules_not_positive", (g) => edit(g, cell("scale"), 0), () => cell("scale")],
    [
      "a group without a maximum",
      "rules_group_max_missing",
      (g) => edit(g, cell("groups[0].maxPoints"), null),
      () => cell("groups[0].maxPoints"),
    ],
    [
      "a group above the scale",
      "rules_group_above_scale",
      (g) => edit(g, cell("groups[0].maxPoints"), 1000),
      () => cell("groups[0].maxPoints"),
    ],
    [
      "a group name used twice",
      "rules_duplicate_group",
      (g) => edit(g, cell("groups[1].name"), base.groups[0]!.name),
      () => cell("groups[1].name"),
    ],
    [
      "a Nhóm key word in two groups",
      "rules_duplicate_alias",
      (g) => edit(g, cell("groups[1].aliases"), "Khối tỉnh"),
      () => cell("groups[1].aliases"),
    ],
    [
      "a grade label used twice",
      "rules_duplicate_band",
      (g) => edit(g, cell("bands[1].label"), "Tốt"),
      () => cell("bands[1].label"),
    ],
    [
      "a band with lower above upper",
      "rules_band_reversed",
      (g) => edit(g, cell("bands[1].lower"), 90),
      () => cell("bands[1].lower"),
    ],
    [
      "a percent above 100",
      "rules_band_percent_range",
      (g) => edit(g, cell("bands[0].lower"), 120),
      () => cell("bands[0].lower"),
    ],
    [
      "bands not highest first",
      "rules_bands_unordered",
      (g) => edit(edit(g, cell("bands[2].lower"), 75), cell("bands[2].upper"), 80),
      () => cell("bands[2].label"),
    ],
    [
      "overlapping bands",
      "rules_bands_overlap",
      (g) => edit(g, cell("bands[1].upper"), 90),
      () => cell("bands[1].upper"),
    ],
    [
      "a gap between bands (warning)",
      "rules_bands_gap",
      (g) => edit(g, cell("bands[1].upper"), 80),
      () => cell("bands[1].upper"),
    ],
    [
      "mixed basis",
      "rules_mixed_basis",
      (g) => edit(g, a1(bandRow(2), 7), "Điểm"),
      () => a1(bandRow(2), 7),
    ],
    [
      "an open band not last",
      "rules_band_open_not_last",
      (g) => edit(edit(g, cell("bands[1].lower"), null), cell("bands[1].lowerKind"), null),
      () => cell("bands[1].lower"),
    ],
    [
      "wording that cannot be read",
      "rules_wording_unreadable",
      (g) =>
        edit(
          edit(edit(g, cell("bands[1].lower"), null), cell("bands[1].upper"), null),
          cell("bands[1].wording"),
          "khá tốt"
        ),
      () => cell("bands[1].wording"),
    ],
    [
      "wording that disagrees with the bounds",
      "rules_wording_mismatch",
      (g) => edit(g, cell("bands[1].wording"), "từ 75% đến dưới 85%"),
      () => cell("bands[1].wording"),
    ],
    [
      "a row the layout does not know",
      "rules_unknown_row",
      (g) => edit(g, a1(parseA1(cell("scale"))!.row + 10, 1), "Hệ số vùng"),
      () => a1(parseA1(cell("scale"))!.row + 10, 1),
    ],
  ];

  it.each(CASES)("%s → %s on its cell", (_what, code, change, where) => {
    const out = rulesFromGrid(change(grid));
    expect("doc" in out).toBe(true);
    const hit = out.issues.find((i) => i.code === code);
    expect(hit).toBeDefined();
    expect(hit?.cell).toEqual({ sheet: RULES_SHEET, cell: where() });
    for (const lang of ["vi", "en"] as const) {
      const t = issueText(hit!, lang);
      expect(t.length).toBeGreaterThan(30);
      expect(t).not.toMatch(/undefined|null|NaN/);
    }
    if (
      code !== "rules_bands_gap" &&
      code !== "rules_wording_mismatch" &&
      code !== "rules_unknown_row" &&
      code !== "rules_group_above_scale" &&
      code !== "rules_bad_date"
    )
      expect("doc" in out && out.profile).toBeNull();
  });

  it("a band typed as the decision's words, bounds left empty, is read from the words", () => {
    let g = edit(grid, cell("bands[1].lower"), null);
    g = edit(g, cell("bands[1].upper"), null);
    g = edit(g, cell("bands[1].lowerKind"), null);
    g = edit(g, cell("bands[1].upperKind"), null);
    g = edit(g, cell("bands[1].wording"), "từ 70% đến dưới 85%");
    const out = rulesFromGrid(g);
    expect("doc" in out && out.profile?.gradeScheme).toEqual(
      findPreset("sonla-2024") && {
        basis: "percent",
        bands: expect.arrayContaining([
          {
            label: "Khá",
            labelEn: "Fairly good",
            lower: { value: 70, inclusive: true },
            upper: { value: 85, inclusive: false },
          },
        ]),
      }
    );
  });

  it("checkRules on a preset doc points at the cells the writer will use", () => {
    const doc = findPreset("hanoi-2025")!;
    const s = rulesSheetSpec(doc);
    const issues = checkRules(doc, { sheet: RULES_SHEET, cells: s.cells });
    expect(issues.map((i) => i.cell?.cell)).toContain(s.cells.get("groups[0].maxPoints"));
  });
});
