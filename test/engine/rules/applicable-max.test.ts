/**
 * Rules sheet items that change what a unit is graded against (issue 10):
 * - block 9, indices that apply only to some units (Hà Nội 5279: digital economy for 8 of 17
 *   departments): the unit's applicable maximum leaves them out, its % and grade follow, in the
 *   engine, the ranked sheets' formulas (HyperFormula) and the explain view;
 * - "% tối đa của nhóm" (% of the group's maximum) as a grading basis;
 * - caps on a unit's bonus and penalty points in the special-rules block.
 */
import { parseA1 } from "../../../src/engine/address";
import { evaluate } from "../../../src/engine/evaluate";
import { gradeOf, gradeText } from "../../../src/engine/grade";
import { issueText } from "../../../src/engine/messages";
import type {
  Grid,
  Indicator,
  IndicatorSet,
  Recognized,
  ScoreEntry,
  Unit,
} from "../../../src/engine/model/types";
import { planInput, readInput } from "../../../src/engine/pipeline";
import { getProfile } from "../../../src/engine/profiles";
import {
  bandRefsOf,
  findPreset,
  rulesFromGrid,
  rulesInForce,
  rulesSheetSpec,
  RULES_SHEET,
  type RulesDoc,
  type RulesOutcome,
} from "../../../src/engine/rules";
import { rankingColumns, NOT_FOR_UNIT_TEXT } from "../../../src/engine/sheets/ranking-sheets";
import { explainCell } from "../../../src/taskpane/controller/explain";
import { MemoryWorkbook } from "../../../src/workbook/memory/memory-workbook";
import { makeFixture } from "../../sheets/fixture";
import { Spreadsheet } from "../../sheets/spreadsheet";

const sonla = findPreset("sonla-2024")!;

async function rulesGridOf(doc: RulesDoc): Promise<Grid> {
  const wb = MemoryWorkbook.fromGrids([]);
  await wb.apply([rulesSheetSpec(doc).spec]);
  return (await wb.readGrids([RULES_SHEET]))[0]!;
}

function edit(grid: Grid, cell: string, value: string | number | null): Grid {
  const pos = parseA1(cell)!;
  const values = grid.values.map((r) => [...r]);
  while (values.length <= pos.row - grid.originRow) values.push([]);
  const row = values[pos.row - grid.originRow]!;
  while (row.length <= pos.col - grid.originCol) row.push(null);
  row[pos.col - grid.originCol] = value;
  return { ...grid, values };
}

const fixture = makeFixture({ units: 9, seed: 11 });
const departments = fixture.units.filter((u) => u.groupId === "agencies");
/** Main index 3 ("Hoạt động chuyển đổi số", 40 points) applies only to the first two departments. */
const applies = departments.slice(0, 2).map((u) => u.name);
const limitedDoc: RulesDoc = {
  ...sonla,
  limitedIndices: [{ code: "3", name: "Hoạt động chuyển đổi số", units: applies }],
};

function rank(rulesGrid: Grid) {
  const force = rulesInForce([rulesGrid], getProfile("generic"));
  if (force.profile === null || force.from !== "rules-sheet")
    throw new Error(JSON.stringify(force.issues));
  const read = readInput([fixture.grid, fixture.unitsGrid], {
    set: null,
    profile: force.profile,
  });
  if (!read.ok) throw new Error(JSON.stringify(read.issues));
  const rules = force.rules as RulesOutcome;
  // HyperFormula's ROW gives one number for a range (Excel and LibreOffice give the column of row
  // numbers the band-block formulas use): here the per-band cell references; the block formulas
  // are proven by LibreOffice in test/libreoffice/rules-sheet.test.ts.
  const planned = planInput(read.value, {
    bandRefs: { bands: bandRefsOf(rules).bands },
    reconciliation: false,
  });
  if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
  return { ...planned.value, rules };
}

describe("block 9: indices that apply only to some units", () => {
  it("is written, read back and listed in the profile, each row with its cell", async () => {
    const sheet = rulesSheetSpec(limitedDoc);
    const out = rulesFromGrid(await rulesGridOf(limitedDoc));
    expect("doc" in out && out.doc.limitedIndices).toEqual(limitedDoc.limitedIndices);
    expect("doc" in out && out.profile?.limitedIndices).toEqual([
      {
        code: "3",
        units: applies,
        cell: { sheet: RULES_SHEET, cell: sheet.cells.get("limitedIndices[0].code") },
      },
    ]);
  });

  it("a unit it does not apply to is scored and graded on its own maximum (total of the rest / 60)", async () => {
    const rulesGrid = await rulesGridOf(limitedDoc);
    const { ranking, specs } = rank(rulesGrid);
    const group = ranking.groups.find((g) => g.groupId === "agencies")!;
    const scheme = getProfile("sonla-2024").gradeScheme!;
    let outside = 0;
    for (const u of group.units) {
      const inList = applies.includes(u.unitName);
      const m = (code: string) => u.mainIndices[code]!.points ?? 0;
      expect([u.unitName, u.applicableMax]).toEqual([u.unitName, inList ? 100 : 60]);
      expect(u.groupMax).toBe(100);
      expect(u.totalPoints).toBeCloseTo(m("1") + m("2") + (inList ? m("3") : 0), 9);
      expect(u.percentOfMax).toBeCloseTo((u.totalPoints! / u.applicableMax) * 100, 9);
      expect(u.grade).toEqual(gradeOf(u.totalPoints!, u.applicableMax, scheme));
      expect(u.provisional).toBe(false);
      if (!inList) {
        outside++;
        expect(u.mainIndices["3"]!.how.rule).toBe("not-applicable-to-unit");
        expect(u.mainIndices["3"]!.points).toBeNull();
        expect(u.components["3.1"]!.how.rule).toBe("not-applicable-to-unit");
      }
    }
    expect(outside).toBeGreaterThan(0);
    // The ranked sheet: "Không áp dụng" in the index's column, % and grade formulas on 60.
    const ws = specs.find((s) => s.name.startsWith("XH - ") && s.name.includes("Sở"))!;
    const sheet = new Spreadsheet([fixture.grid, fixture.unitsGrid, rulesGrid], specs);
    const cols = rankingColumns(3, true, false);
    const col = (n: number) => String.fromCharCode(64 + n);
    group.units.forEach((u, i) => {
      const r = 5 + i;
      expect(sheet.value(ws.name, `B${r}`)).toBe(u.unitName);
      const idx3 = sheet.value(ws.name, `${col(cols.firstMain + 2)}${r}`);
      if (!applies.includes(u.unitName)) expect(idx3).toBe(NOT_FOR_UNIT_TEXT);
      expect(sheet.value(ws.name, `${col(cols.percent)}${r}`)).toBeCloseTo(
        u.totalPoints! / u.applicableMax,
        9
      );
      expect(sheet.value(ws.name, `${col(cols.grade!)}${r}`)).toBe(gradeText(u.grade));
    });
  });

  it("blanks there are expected; a score there is a warning on its cell, not counted", async () => {
    const { ranking, issues } = rank(await rulesGridOf(limitedDoc));
    // Every unit not listed, in any group (the districts too).
    const outside = fixture.units.filter((u) => !applies.includes(u.name));
    const warned = issues.filter((i) => i.code === "score_not_applicable_to_unit");
    // The fixture enters scores everywhere: each 3.x score of a unit outside the list is flagged.
    expect(warned.length).toBe(outside.length * 2);
    const first = warned[0]!;
    expect(first.cell?.sheet).toBe("Nhập điểm");
    expect(issueText(first, "vi")).toContain("khối 9");
    expect(issueText(first, "en")).toContain("block 9");
    expect(issues.some((i) => i.code === "provisional_total")).toBe(false);
    expect(ranking.groups.length).toBeGreaterThan(0);
  });

  it("a code not in the set, or a name matching no unit, is a warning on the block-9 row", async () => {
    const doc: RulesDoc = {
      ...sonla,
      limitedIndices: [
        { code: "9", name: "", units: [applies[0]!] },
        { code: "2", name: "", units: ["Sở Không Có"] },
      ],
    };
    const cells = rulesSheetSpec(doc).cells;
    const { issues } = rank(await rulesGridOf(doc));
    const at = (code: string) => issues.find((i) => i.code === code);
    expect(at("rules_limited_code_unknown")?.cell).toEqual({
      sheet: RULES_SHEET,
      cell: cells.get("limitedIndices[0].code"),
    });
    expect(at("rules_limited_unit_unknown")?.cell).toEqual({
      sheet: RULES_SHEET,
      cell: cells.get("limitedIndices[1].code"),
    });
    expect(issueText(at("rules_limited_unit_unknown")!, "en")).toContain("Sở Không Có");
  });

  it("the Hà Nội preset has the digital-economy row to fill: nothing graded until it is", async () => {
    const doc = findPreset("hanoi-2025")!;
    const cells = rulesSheetSpec(doc).cells;
    const out = rulesFromGrid(await rulesGridOf(doc));
    expect("doc" in out).toBe(true);
    if (!("doc" in out)) return;
    const toFill = out.issues
      .filter((i) => i.code === "rules_cell_to_fill")
      .map((i) => i.cell?.cell);
    expect(toFill).toEqual(
      expect.arrayContaining([
        cells.get("limitedIndices[0].code"),
        cells.get("limitedIndices[0].units"),
      ])
    );
  });

  it("a duplicate block-9 row is an error on its cell", async () => {
    const doc: RulesDoc = {
      ...sonla,
      limitedIndices: [
        { code: "3", name: "", units: [applies[0]!] },
        { code: "3", name: "", units: [applies[1]!] },
      ],
    };
    const out = rulesFromGrid(await rulesGridOf(doc));
    const hit = "doc" in out ? out.issues.find((i) => i.code === "rules_duplicate_limited") : null;
    expect(hit?.cell?.cell).toBe(rulesSheetSpec(doc).cells.get("limitedIndices[1].code"));
    expect("doc" in out && out.profile).toBeNull();
  });

  it("explain: the unit's row reads its own maximum; the index cell says it does not apply", async () => {
    const { set, data, ranking } = rank(await rulesGridOf(limitedDoc));
    const ev = { set, data, ranking };
    const name = departments.find((u) => !applies.includes(u.name))!.name;
    const row = explainCell(ev, { sheet: "XH - Sở", cell: "B5" }, "en", [name])!;
    expect(row.points).toMatch(/out of 60/);
    const unitId = data.units.find((u) => u.name === name)!.id;
    const entry = data.entries.find((e) => e.unitId === unitId && e.code === "3.1")!;
    const v = explainCell(ev, entry.self!.cell!, "en")!;
    expect(v.method).toMatch(/Does not apply to this unit/);
  });
});

describe('"% tối đa của nhóm": grading on the group\'s maximum', () => {
  it("is a choice of the basis column and grades the units left without index 3 on 100, not 60", async () => {
    const sheet = rulesSheetSpec(limitedDoc);
    const basisCol = sheet.spec.validations?.find((v) =>
      v.range.startsWith(`G${parseA1(sheet.cells.get("bands[0].label")!)!.row}`)
    );
    expect(basisCol?.rule).toEqual(
      expect.objectContaining({ values: expect.arrayContaining(["% tối đa của nhóm"]) })
    );
    let grid = await rulesGridOf(limitedDoc);
    limitedDoc.bands.forEach((_, i) => {
      const label = parseA1(sheet.cells.get(`bands[${i}].label`)!)!;
      grid = edit(grid, `G${label.row}`, "% tối đa của nhóm");
    });
    const { ranking, specs, rules } = rank(grid);
    expect(rules.profile?.gradeScheme?.basis).toBe("group-percent");
    const group = ranking.groups.find((g) => g.groupId === "agencies")!;
    const scheme = { ...getProfile("sonla-2024").gradeScheme!, basis: "percent" as const };
    let differs = 0;
    for (const u of group.units) {
      expect(u.grade).toEqual(gradeOf(u.totalPoints!, 100, scheme));
      if (gradeText(gradeOf(u.totalPoints!, u.applicableMax, scheme)) !== gradeText(u.grade))
        differs++;
    }
    expect(differs).toBeGreaterThan(0);
    // The native grade formula grades on the group's maximum too.
    const ws = specs.find((s) => s.name.startsWith("XH - ") && s.name.includes("Sở"))!;
    const ss = new Spreadsheet([fixture.grid, fixture.unitsGrid, grid], specs);
    const cols = rankingColumns(3, true, false);
    for (const c of ss.formulaCells(ws.name))
      if (parseA1(c.address)!.col === cols.grade)
        expect([c.address, c.computed]).toEqual([c.address, c.cached]);
  });
});

// ---------------------------------------------------------------------------------------------
// Bonus and penalty caps
// ---------------------------------------------------------------------------------------------

function bonusSet(caps: { bonusCap?: number; penaltyCap?: number }): {
  set: IndicatorSet;
  data: Recognized;
} {
  const base = getProfile("sonla-2024");
  const profile = { ...base, specialRules: { ...base.specialRules, ...caps } };
  const ind = (
    code: string,
    max: number,
    kind: "direct" | "bonus" | "penalty",
    parentCode: string | null
  ): Indicator => ({
    code,
    name: code,
    level: parentCode === null ? "main" : "component",
    maxPoints: max,
    method: { kind },
    scored: true,
    parentCode,
  });
  const indicators = [
    ind("1", 100, "direct", null),
    ind("1.1", 100, "direct", "1"),
    ind("2", 0, "direct", null),
    ind("2.1", 5, "bonus", "2"),
    ind("2.2", 5, "bonus", "2"),
    ind("2.3", 5, "penalty", "2"),
    ind("2.4", 5, "penalty", "2"),
  ];
  const unit: Unit = {
    id: "u1",
    name: "Sở A",
    groupId: "agencies",
    hasSubordinateUnits: true,
    hasDvctt: true,
    specialPurpose: false,
    notApplicable: [],
  };
  const e = (code: string, v: number): ScoreEntry => ({
    unitId: "u1",
    code,
    self: { points: v, raw: v },
    appraised: null,
  });
  return {
    set: { profile, indicators },
    data: {
      layout: "matrix",
      indicators,
      units: [unit],
      entries: [e("1.1", 80), e("2.1", 4), e("2.2", 4), e("2.3", 2), e("2.4", 2)],
      tableRange: "A1:A1",
    },
  };
}

describe("bonus and penalty caps (special-rules block)", () => {
  it("cap a unit's bonus and penalty points over all their indicators, in code order", () => {
    const uncapped = evaluate(bonusSet({}).set, bonusSet({}).data).groups[0]!.units[0]!;
    expect(uncapped.totalPoints).toBeCloseTo(80 + 8 - 4, 9);
    const { set, data } = bonusSet({ bonusCap: 6, penaltyCap: 3 });
    const u = evaluate(set, data).groups[0]!.units[0]!;
    expect(u.components["2.1"]!.points).toBe(4);
    expect(u.components["2.2"]!.points).toBe(2);
    expect(u.components["2.2"]!.how).toEqual({ rule: "bonus", points: 2, cap: 6 });
    expect(u.components["2.3"]!.points).toBe(-2);
    expect(u.components["2.4"]!.points).toBe(-1);
    expect(u.mainIndices["2"]!.points).toBeCloseTo(6 - 3, 9);
    expect(u.totalPoints).toBeCloseTo(80 + 6 - 3, 9);
  });

  it("are read from the rules sheet and reach the profile", async () => {
    const doc: RulesDoc = { ...sonla, special: { ...sonla.special, bonusCap: 50, penaltyCap: 20 } };
    const out = rulesFromGrid(await rulesGridOf(doc));
    expect("doc" in out && out.profile?.specialRules).toEqual(
      expect.objectContaining({ bonusCap: 50, penaltyCap: 20 })
    );
    // Blank: no cap of the rules (the form's maxima only).
    const none = rulesFromGrid(await rulesGridOf(sonla));
    expect("doc" in none && none.profile?.specialRules.bonusCap).toBeUndefined();
  });

  const cellOf = (path: string) => rulesSheetSpec(sonla).cells.get(path)!;
  it.each([
    ["a negative bonus cap", "special.bonusCap", -5, "rules_negative_cap", "error"],
    ["a negative penalty cap", "special.penaltyCap", -1, "rules_negative_cap", "error"],
    ["a cap above the scale", "special.bonusCap", 500, "rules_cap_above_scale", "warning"],
    ["a cap that is not a number", "special.penaltyCap", "mười", "rules_not_a_number", "error"],
    [
      "a cap still to fill",
      "special.bonusCap",
      "điền theo quyết định",
      "rules_cell_to_fill",
      "error",
    ],
  ] as const)("%s → %s on its cell", async (_what, path, value, code, severity) => {
    const grid = edit(await rulesGridOf(sonla), cellOf(path), value);
    const out = rulesFromGrid(grid);
    expect("doc" in out).toBe(true);
    if (!("doc" in out)) return;
    const hit = out.issues.find((i) => i.code === code);
    expect(hit?.cell).toEqual({ sheet: RULES_SHEET, cell: cellOf(path) });
    expect(hit?.severity).toBe(severity);
    for (const lang of ["vi", "en"] as const)
      expect(issueText(hit!, lang)).not.toMatch(/undefined|null|NaN/);
    if (severity === "error") expect(out.profile).toBeNull();
    else expect(out.profile).not.toBeNull();
  });
});
