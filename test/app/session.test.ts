/** Session settings and sheet names: small pure helpers the use-cases rely on. */
import {
  SessionCorruptError,
  SETTING_KEYS,
  readSession,
  sessionFromSettings,
  writeSession,
} from "../../src/app/session";
import { uniqueSheetName } from "../../src/app/sheet-names";
import { factories, makeUnits, smallSet } from "./fixtures";

describe("uniqueSheetName", () => {
  it.each([
    ["Biểu mẫu", [], "Biểu mẫu"],
    ["Biểu mẫu", ["biểu MẪU"], "Biểu mẫu (2)"],
    ["Biểu mẫu", ["Biểu mẫu", "Biểu mẫu (2)"], "Biểu mẫu (3)"],
    ["Phụ lục 1: chỉ số [2024]/QĐ?", [], "Phụ lục 1  chỉ số  2024  QĐ"],
    ["A".repeat(40), ["A".repeat(31)], `${"A".repeat(27)} (2)`],
    ["''", [], "Sheet"],
  ])("%s with %j taken → %s", (wanted, taken, expected) => {
    expect(uniqueSheetName(wanted, taken)).toBe(expected);
  });
});

describe.each(factories)("session on $name", (factory) => {
  it("keeps the confirmed set and units in the workbook, and forgets them on clear", async () => {
    const book = await factory.make();
    const set = smallSet();
    await writeSession(book.port, {
      profileId: "sonla-2024",
      setSource: "import",
      sourceName: "bo-chi-so.xlsx",
      set,
      units: makeUnits(2),
    });
    const back = await readSession(book.port);
    expect(back?.set).toEqual(set);
    expect(back?.units?.map((u) => u.name)).toEqual(["Sở số 1", "UBND huyện 2"]);
    expect(back?.sourceName).toBe("bo-chi-so.xlsx");
  });
});

describe("damaged settings", () => {
  it("say which setting is damaged instead of failing obscurely", () => {
    expect(() => sessionFromSettings({ [SETTING_KEYS.indicatorSet]: "{not json" })).toThrow(
      SessionCorruptError
    );
    expect(() => sessionFromSettings({ [SETTING_KEYS.indicatorSet]: '{"x":1}' })).toThrow(
      /dti.indicatorSet/
    );
  });
});
