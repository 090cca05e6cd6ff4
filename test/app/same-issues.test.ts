/**
 * One workbook, one issue list (issue 14): the pane's check, live validation, the ranking and
 * `dti validate` report the same issues (code, sheet, cell) on the entry workbook the add-in writes,
 * after the user's edits. The ranking adds only what the results say (provisional totals, totals in
 * a grade gap), after the check's list.
 */
import { join } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import fc from "fast-check";
import { buildRanking } from "../../src/app/build-ranking";
import { confirmIndicatorSet, loadIndicatorSet } from "../../src/app/load-indicator-set";
import { startLiveValidation } from "../../src/app/live-validation";
import { writeSampleWorkbook } from "../../src/app/sample-workbook";
import { checkWorkbook } from "../../src/app/validate-workbook";
import validateCommand from "../../src/cli/commands/validate";
import { check, columnLetters, type CellValue, type Issue, type IssueCode } from "../../src/engine";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import type { WorkbookPort } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsx-workbook";
import { runCli } from "../support/run-cli";

const SHEET = "Nhập điểm";

/** Issues the results raise (they depend on every unit of a group): the ranking's only additions. */
const RESULT_CODES: ReadonlySet<IssueCode> = new Set(["provisional_total", "grade_gap"]);

type Edit = readonly [cell: string, value: CellValue];

/** The user's edits on the sample (rows 7.. are indicators 1.1..; F/G/H: unit 1's self, appraised, evidence). */
const EDITS: readonly Edit[] = [
  ["F7", 9], // above the maximum 5
  ["I8", "4,5"], // a number typed as text
  ["F9", null], // a missing score (self and appraised blank)
  ["G9", null],
  ["L11", "abc"], // not a number
];

/** The sample as the add-in writes it, its set loaded from the entry sheet and confirmed, then edited. */
async function prepared(port: WorkbookPort) {
  await writeSampleWorkbook(port);
  const loaded = await loadIndicatorSet(port, { mode: "active-sheet", profileId: "sample" });
  if (!loaded.ok) throw new Error(`the sample's set does not load: ${loaded.issues[0]?.code}`);
  await confirmIndicatorSet(port, loaded.value);
  return loaded.value.set;
}

async function memoryBook(edits: readonly Edit[]) {
  const wb = new MemoryWorkbook();
  const set = await prepared(wb);
  wb.activate(SHEET);
  for (const [c, v] of edits) wb.set(SHEET, c, v);
  return { wb, set };
}

const where = (i: Issue): string => `${i.code} ${i.cell?.sheet ?? ""}!${i.cell?.cell ?? ""}`;

describe("the pane, live validation, the ranking and the CLI report the same issues", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "dti-same-issues-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("on the sample with an above-max score, a text number and a missing score", async () => {
    // The pane's check (full re-check use-case) over the memory adapter.
    const { wb } = await memoryBook(EDITS);
    const pane = (await checkWorkbook(wb, { highlight: false })).issues.map(where);
    // The edits' issues are there (the comparison below is not between empty lists).
    expect(pane).toEqual(
      expect.arrayContaining([
        `score_above_max ${SHEET}!F7`,
        `vn_number_parsed ${SHEET}!I8`,
        `score_blank ${SHEET}!F9`,
        `not_a_number ${SHEET}!L11`,
      ])
    );

    // Live validation: the untouched sample checked, then the same edits typed one by one.
    const fresh = await memoryBook([]);
    let live: readonly Issue[] = [];
    const stop = await startLiveValidation(fresh.wb, {
      onIssues: (list) => (live = list),
      debounceMs: 0,
    });
    for (const [c, v] of EDITS) fresh.wb.userEdit(SHEET, c, v);
    await stop.flush();
    stop();
    expect(live.map(where).sort()).toEqual([...pane].sort());

    // The ranking: the check's list first, then only what the results say.
    const ranked = await buildRanking(wb, {});
    if (!ranked.ok) throw new Error("not ranked");
    const rankIssues = ranked.issues.map(where);
    expect(rankIssues.slice(0, pane.length)).toEqual(pane);
    const extra = ranked.issues.slice(pane.length);
    expect(extra.length).toBeGreaterThan(0);
    expect(extra.filter((i) => !RESULT_CODES.has(i.code))).toEqual([]);

    // `dti validate --json` on the same workbook written through the file adapter and saved.
    const book = XlsxWorkbook.create();
    await prepared(book);
    for (const [c, v] of EDITS) book.worksheet(SHEET).getCell(c).value = v as never;
    const file = join(dir, "sample-edited.xlsx");
    await book.save(file);
    const run = await runCli(validateCommand, [file, "--json"]);
    expect(run.code).toBe(1); // errors: above the maximum, not a number
    const json = JSON.parse(run.out) as { issues: { code: string; sheet: string; cell: string }[] };
    expect(json.issues.map((i) => `${i.code} ${i.sheet}!${i.cell}`)).toEqual(pane);
  });
});

/** Edits anywhere in the sample's score block: unit columns F.., indicator rows 7..31. */
const editArb = fc.record({
  col: fc.integer({ min: 6, max: 65 }),
  row: fc.integer({ min: 6, max: 31 }),
  value: fc.oneof(
    fc.integer({ min: -1, max: 12 }),
    fc.constantFrom<CellValue>("4,5", "1.000", "abc", "", null, { error: "#N/A" }, " 3 ")
  ),
});

describe("on the add-in's own entry workbook with any edits", () => {
  it("the pane's check equals the ranking's check part, and one unit's check is the full check restricted to it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(editArb, { maxLength: 10 }), fc.nat(19), async (edits, pick) => {
        const { wb, set } = await memoryBook(
          edits.map((e) => [`${columnLetters(e.col)}${e.row}`, e.value] as const)
        );
        const pane = await checkWorkbook(wb, { highlight: false });
        const ranked = await buildRanking(wb, {});
        const rankCheck = ranked.issues.filter((i) => !RESULT_CODES.has(i.code)).map(where);
        expect(rankCheck).toEqual(pane.issues.map(where));

        const grids = [pane.matrix, pane.units].filter((g) => g !== null);
        const full = check(set, grids);
        expect(full.issues.map(where)).toEqual(pane.issues.map(where));
        const unit = full.input?.data.units[pick];
        if (unit === undefined) return;
        const one = check(set, grids, { units: [unit.id] });
        expect(one.issues.map(where).sort()).toEqual(
          full.issues
            .filter((i) => i.unit === unit.id)
            .map(where)
            .sort()
        );
      }),
      { numRuns: 15 }
    );
  });
});
