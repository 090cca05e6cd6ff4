/**
 * "Tiến độ" use-case (issue 13): the import records which agency's form came from which file, and
 * readProgress reads the entry workbook into per-agency counts, on the memory and .xlsx adapters.
 */
import { createEntrySheets } from "../../src/app/entry-sheets";
import { importAgencyForms } from "../../src/app/import-forms";
import { FORMS_SETTING, parseImportedForms, readProgress } from "../../src/app/progress";
import { writeSession } from "../../src/app/session";
import type { CellValue, Grid } from "../../src/engine/model/types";
import { ENTRY_SHEET } from "../../src/engine/entry";
import { formGrid as agencyFormGrid, formRows, smallFormLines } from "../support/agency-form";
import { factories, makeUnits, smallSet } from "./fixtures";

/** An agency's form (layout a) for smallSet(). */
function formGrid(unit: string, scores: readonly CellValue[]): Grid {
  return agencyFormGrid(formRows(unit, smallFormLines(scores), "BIỂU TỰ ĐÁNH GIÁ"));
}

/** The files as bytes, read back by a reader that stands in for the .xlsx one (tested elsewhere). */
const file = (fileName: string, grid: Grid) => ({
  fileName,
  bytes: new TextEncoder().encode(JSON.stringify([grid])).buffer,
});
const readJson = (bytes: ArrayBuffer): Promise<Grid[]> =>
  Promise.resolve(JSON.parse(new TextDecoder().decode(bytes)) as Grid[]);

describe.each(factories)("Tiến độ on $name", (factory) => {
  it("records the imported forms and counts what each agency entered", async () => {
    const set = smallSet();
    const book = await factory.make();
    await writeSession(book.port, {
      profileId: set.profile.id,
      setSource: "built-in",
      sourceName: "",
      set,
    });
    const units = makeUnits(2); // "Sở số 1" (agencies), "UBND huyện 2" (districts)
    expect((await createEntrySheets(book.port, set, units)).ok).toBe(true);
    const r = await importAgencyForms(
      book.port,
      [file("so-1.xlsx", formGrid("Sở số 1", [20, 15, 10]))],
      set,
      readJson
    );
    expect(r.ok).toBe(true);
    book.userSet(ENTRY_SHEET, "G7", 18); // the appraiser's score for Sở số 1, 1.1

    const p = await readProgress(book.port, set);
    if (!p.ok) throw new Error("unreadable");
    const [so, huyen] = p.value;
    expect(so).toMatchObject({
      unitName: "Sở số 1",
      groupId: "agencies",
      formFile: "so-1.xlsx",
      toEnter: 5,
      entered: 3,
      appraised: 1,
      errors: 0,
    });
    expect(huyen).toMatchObject({ unitName: "UBND huyện 2", formFile: null, entered: 0 });

    // The same agency's corrected form: the record names the new file, once.
    await importAgencyForms(
      book.port,
      [file("so-1-sua.xlsx", formGrid("Sở số 1", [19]))],
      set,
      readJson
    );
    const forms = parseImportedForms((await book.port.readSettings())[FORMS_SETTING]);
    expect(forms).toEqual([{ unitName: "Sở số 1", fileName: "so-1-sua.xlsx" }]);
  });

  it("without entry sheets, says why (the check's issue), nothing thrown", async () => {
    const set = smallSet();
    const book = await factory.make([
      { sheet: "Trang 1", originRow: 1, originCol: 1, values: [["x"]] },
    ]);
    const p = await readProgress(book.port, set);
    expect(p.ok).toBe(false);
    expect(p.issues.map((i) => i.code)).toEqual(["sheet_missing"]);
  });
});

describe("parseImportedForms", () => {
  it.each([undefined, "", "{", "{}", '[{"unitName":1}]'])("ignores %p", (json) => {
    expect(parseImportedForms(json)).toEqual([]);
  });
});
