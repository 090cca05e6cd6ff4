/** Entry sheets written through the port, read back as the recogniser sees them, on every adapter. */
import { recognize } from "../../src/engine/recognize";
import { ENTRY_SHEET, UNITS_SHEET, entryMatrixSpec, unitsSheetSpec } from "../../src/engine/entry";
import { createEntrySheets } from "../../src/app/entry-sheets";
import { factories, makeUnits, smallSet } from "./fixtures";

describe("entry sheet specs (pure)", () => {
  const set = smallSet();
  const units = makeUnits(3);
  const spec = entryMatrixSpec(set, units);

  it("puts main-index SUM formulas over their components per unit, self and appraised", () => {
    const body = spec.blocks.find((b) => b.address === "A6");
    const row1 = body?.rows[0];
    expect(row1?.[0]).toEqual({ kind: "text", value: "1" });
    expect(row1?.[5]).toEqual({ kind: "formula", formula: "=SUM(F7:F8)" });
    expect(row1?.[6]).toEqual({ kind: "formula", formula: "=SUM(G7:G8)" });
    // third unit: columns K (self) and L (appraised) of main index 2 (row 9) over rows 10-12
    const row2 = body?.rows[3];
    expect(row2?.[11]).toEqual({ kind: "formula", formula: "=SUM(L10:L12)" });
  });

  it("validates 0..max per run of components over every unit at once, the max in a Vietnamese input message", () => {
    // Rows 7-8 (1.1, 1.2) and 10-12 (2.1-2.3), max 20, units from F to N; every third column
    // (evidence) is let through (the formula is checked in a spreadsheet engine in entry-formulas).
    const rule = spec.validations?.find((v) => v.range === "F7:N8");
    expect(rule?.rule).toEqual({
      kind: "custom",
      formula: "=OR(MOD(COLUMN(F7)-6,3)=2,AND(ISNUMBER(F7),F7>=0,F7<=20))",
    });
    expect(rule?.inputMessage).toContain("từ 0 đến 20");
    expect(spec.validations?.some((v) => v.range === "F10:N12")).toBe(true);
  });

  it("freezes rows 1-5 and columns A-E, protects the sheet, opens only user cells", () => {
    expect(spec.freeze).toEqual({ rows: 5, cols: 5 });
    expect(spec.protect).toBe(true);
    expect(spec.styles?.[0]).toEqual({
      range: "E6:N12",
      style: { locked: false, numberFormat: "General" },
    });
    expect(spec.styles?.some((s) => s.range === "A6:N6" && s.style.locked === true)).toBe(true);
  });

  it("keeps a fixed number of rules, styles and merges whatever the number of units", () => {
    const big = entryMatrixSpec(set, makeUnits(3321));
    expect(big.conditionalFormats?.length).toBe(spec.conditionalFormats?.length);
    expect(big.validations?.length).toBe(spec.validations?.length); // 2 runs + the "Liên quan" list
    expect(big.validations?.length).toBe(3);
    expect(big.styles?.length).toBe(spec.styles?.length);
    // No merged unit headers: each name is centred across its three columns (one style).
    expect(big.merges ?? []).toEqual([]);
    expect(big.styles).toContainEqual({
      range: "F4:NSJ4",
      style: { align: "centerAcross", wrap: false, border: "band" },
    });
    for (const v of big.validations ?? []) {
      expect((v.inputMessage ?? "").length).toBeLessThanOrEqual(255);
      expect((v.errorMessage ?? "").length).toBeLessThanOrEqual(225);
    }
  });

  it("lists the profile's group names and Có/Không on the units sheet", () => {
    const u = unitsSheetSpec(set.profile, units);
    const groups = u.validations?.find((v) => v.range.startsWith("C2"));
    // Issue 13: the real commas. A literal list splits at commas, so the dropdown reads the names
    // from the sheet's own list (column I), which holds them as written.
    expect(groups?.rule).toEqual({
      kind: "list",
      values: ["Sở, ban, ngành cấp tỉnh", "UBND các huyện, thành phố"],
      source: "$I$2:$I$3",
    });
    const list = u.blocks.find((b) => b.address === "I2");
    expect(list?.rows.map((r) => r[0])).toEqual([
      { kind: "text", value: "Sở, ban, ngành cấp tỉnh" },
      { kind: "text", value: "UBND các huyện, thành phố" },
    ]);
    expect(u.validations?.find((v) => v.range.startsWith("D2"))?.rule).toEqual({
      kind: "list",
      values: ["Có", "Không"],
    });
  });
});

describe.each(factories)("createEntrySheets on $name", (factory) => {
  it("writes both sheets so the recogniser reads the set and units back", async () => {
    const book = await factory.make();
    const set = smallSet();
    const res = await createEntrySheets(book.port, set, makeUnits(4));
    expect(res.ok).toBe(true);
    expect(book.get(ENTRY_SHEET, "A4")).toBe("Mã");
    expect(book.get(ENTRY_SHEET, "F4")).toBe("Sở số 1");
    expect(book.get(ENTRY_SHEET, "F5")).toBe("Tự đánh giá");
    expect(book.get(ENTRY_SHEET, "B7")).toBe("Ban chỉ đạo chuyển đổi số");
    expect(book.get(UNITS_SHEET, "C3")).toBe("UBND các huyện, thành phố");
    const grids = [await book.port.readGrid(ENTRY_SHEET), await book.port.readGrid(UNITS_SHEET)];
    const rec = recognize(grids, set.profile, { sheet: ENTRY_SHEET });
    expect(rec.ok).toBe(true);
    if (!rec.ok) return;
    expect(rec.value.units.map((u) => u.name)).toEqual([
      "Sở số 1",
      "UBND huyện 2",
      "Sở số 3",
      "UBND huyện 4",
    ]);
    expect(rec.value.units.map((u) => u.groupId)).toEqual([
      "agencies",
      "districts",
      "agencies",
      "districts",
    ]);
    expect(rec.value.indicators.map((i) => i.code)).toEqual(set.indicators.map((i) => i.code));
  });

  it("keeps every typed score when the entry sheets are created again", async () => {
    const book = await factory.make();
    const set = smallSet();
    await createEntrySheets(book.port, set, makeUnits(2));
    book.userSet(ENTRY_SHEET, "F7", 15);
    book.userSet(ENTRY_SHEET, "I10", "8,5");
    book.userSet(ENTRY_SHEET, "H7", "QĐ 12/2024");
    const res = await createEntrySheets(book.port, set, makeUnits(3));
    // E7 and G7 are one entry (unit 1, indicator 1.1); H10 is unit 2's appraisal of 2.1.
    expect(res.ok && res.value.keptEntries).toBe(2);
    expect(book.get(ENTRY_SHEET, "F7")).toBe(15);
    expect(book.get(ENTRY_SHEET, "I10")).toBe("8,5");
    expect(book.get(ENTRY_SHEET, "H7")).toBe("QĐ 12/2024");
    expect(book.get(ENTRY_SHEET, "L4")).toBe("Sở số 3");
  });

  it("never overwrites a user sheet that carries the name", async () => {
    const book = await factory.make([
      { sheet: "Nhập điểm", originRow: 1, originCol: 1, values: [["của tôi"]] },
    ]);
    const res = await createEntrySheets(book.port, smallSet(), makeUnits(2));
    expect(res.ok).toBe(false);
    expect(res.issues[0]?.code).toBe("sheet_name_taken");
    expect(book.get("Nhập điểm", "A1")).toBe("của tôi");
    expect(book.sheetNames()).not.toContain(UNITS_SHEET);
  });
});

describe.each(factories)("units typed by the user on $name", (factory) => {
  it("become the matrix's units, with their groups and flags", async () => {
    const { readUnits } = await import("../../src/app/units");
    const book = await factory.make([
      {
        sheet: "Đơn vị",
        originRow: 1,
        originCol: 1,
        values: [
          [
            "STT",
            "Tên cơ quan, đơn vị",
            "Nhóm",
            "Có đơn vị trực thuộc",
            "Có DVCTT",
            "Đặc thù",
            "Chỉ số không áp dụng",
          ],
          [1, "Sở Tài chính", "Sở, ban, ngành", "Có", "Có", "Không", null],
          [2, "UBND huyện Mộc Châu", "Cấp huyện", "Có", "Không", "Không", null],
        ],
      },
    ]);
    const set = smallSet();
    const units = await readUnits(book.port, set.profile);
    expect(units.ok).toBe(true);
    if (!units.ok) return;
    expect(units.value.map((u) => [u.name, u.groupId, u.hasDvctt])).toEqual([
      ["Sở Tài chính", "agencies", true],
      ["UBND huyện Mộc Châu", "districts", false],
    ]);
  });
});

describe.each(factories)("a units sheet the user made, on $name", (factory) => {
  it("is kept as it is and the matrix is built from it", async () => {
    const { readUnits } = await import("../../src/app/units");
    const book = await factory.make([
      {
        sheet: "Đơn vị",
        originRow: 1,
        originCol: 1,
        values: [
          ["STT", "Tên cơ quan, đơn vị", "Nhóm", "Có đơn vị trực thuộc", "Có DVCTT", "Đặc thù"],
          [1, "Sở Tài chính", "Sở, ban, ngành", "Có", "Có", "Không"],
        ],
      },
    ]);
    const set = smallSet();
    const units = await readUnits(book.port, set.profile);
    if (!units.ok) throw new Error("units not read");
    const res = await createEntrySheets(book.port, set, units.value);
    expect(res.ok).toBe(true);
    expect(book.get(ENTRY_SHEET, "F4")).toBe("Sở Tài chính");
    expect(book.get("Đơn vị", "C2")).toBe("Sở, ban, ngành");
    expect(book.get("Đơn vị", "G1")).toBeNull();
  });
});
