/**
 * The entry workbook's exact reader (src/engine/entry/read.ts) and the pipeline over it: what the
 * writer puts down is read back by position, every entry and issue with its real cell, and the check
 * of one unit equals the full check restricted to it, whatever the edits (property).
 */
import fc from "fast-check";
import {
  EntryIndex,
  a1,
  cellRole,
  check,
  entrySheetSpecs,
  getProfile,
  readEntry,
  recognize,
  unitColumn,
  type CellValue,
  type Grid,
  type IndicatorSet,
  type Issue,
  type Unit,
} from "../../../src/engine";
import { MemoryWorkbook } from "../../../src/workbook/memory/memory-workbook";
import { columnRefs } from "../../../src/engine/entry/cell-refs";

function theSet(): IndicatorSet {
  const ind = (code: string, level: "main" | "component", max: number, parent: string | null) => ({
    code,
    name: `Chỉ số ${code}`,
    level,
    maxPoints: max,
    method: { kind: "direct" as const },
    scored: true,
    parentCode: parent,
  });
  return {
    profile: getProfile("sonla-2024"),
    indicators: [
      ind("1", "main", 20, null),
      ind("1.1", "component", 10, "1"),
      ind("1.2", "component", 10, "1"),
      ind("2", "main", 5, null),
      ind("2.1", "component", 5, "2"),
    ],
  };
}

function unitsNamed(names: readonly string[], groups: readonly string[] = []): Unit[] {
  return names.map((name, i) => ({
    id: `u${i + 1}`,
    name,
    groupId: groups[i] === "?" ? null : (groups[i] ?? (i % 2 === 0 ? "agencies" : "districts")),
    ...(groups[i] === "?" ? { groupText: "Khối lạ" } : {}),
    hasSubordinateUnits: true,
    hasDvctt: true,
    specialPurpose: false,
    notApplicable: [],
  }));
}

/** Rows of the leaf indicators (1.1, 1.2, 2.1) in the written matrix. */
const LEAF_ROWS = [7, 8, 10];

async function written(
  units: readonly Unit[],
  edits: readonly { unit: number; leaf: number; part: number; value: CellValue }[]
): Promise<Grid[]> {
  const wb = new MemoryWorkbook();
  await wb.apply(entrySheetSpecs(theSet(), units));
  for (const e of edits) {
    if (e.unit >= units.length) continue;
    wb.set("Nhập điểm", a1(LEAF_ROWS[e.leaf]!, unitColumn(e.unit) + e.part), e.value);
  }
  return [await wb.readGrid("Nhập điểm"), await wb.readGrid("Đơn vị")];
}

const key = (i: Issue): string =>
  `${i.code}|${i.severity}|${i.cell?.sheet ?? ""}!${i.cell?.cell ?? ""}|${i.unit ?? ""}|${i.indicator ?? ""}`;

describe("readEntry: the entry workbook read by position", () => {
  it("reads units, entries and cells where the writer put them", async () => {
    const grids = await written(unitsNamed(["Sở A", "Sở B"]), [
      { unit: 0, leaf: 0, part: 0, value: 8 },
      { unit: 1, leaf: 2, part: 1, value: "4,5" },
      { unit: 1, leaf: 2, part: 2, value: "QĐ 12" },
    ]);
    const r = readEntry(grids, theSet());
    if (!r.ok) throw new Error("not read");
    expect(r.value.units.map((u) => [u.id, u.name, u.groupId])).toEqual([
      ["Sở A", "Sở A", "agencies"],
      ["Sở B", "Sở B", "districts"],
    ]);
    const a = r.value.entries.find((e) => e.unitId === "Sở A" && e.code === "1.1")!;
    expect(a.self).toEqual({ points: 8, raw: 8, cell: { sheet: "Nhập điểm", cell: "F7" } });
    const b = r.value.entries.find((e) => e.unitId === "Sở B" && e.code === "2.1")!;
    expect(b.appraised?.points).toBe(4.5);
    expect(b.appraised?.cell?.cell).toBe("J10");
    expect(b.evidence).toBe("QĐ 12");
    expect(b.evidenceCell?.cell).toBe("K10");
    // The main rows hold SUM formulas: derived, not entered.
    expect(r.value.entries.some((e) => e.code === "1")).toBe(false);
    expect(r.issues.map((i) => [i.code, i.cell?.cell])).toEqual([["vn_number_parsed", "J10"]]);
  });

  it("agrees with the recogniser on the workbook the add-in writes (same units, entries, issues)", async () => {
    const grids = await written(unitsNamed(["Sở A", "Sở A", "UBND huyện C"], ["agencies", "?"]), [
      { unit: 0, leaf: 0, part: 0, value: 12 },
      { unit: 1, leaf: 1, part: 0, value: "1.000" },
      { unit: 2, leaf: 2, part: 0, value: "abc" },
      { unit: 2, leaf: 0, part: 1, value: 3 },
    ]);
    const set = theSet();
    const exact = readEntry(grids, set);
    const heur = recognize(grids, set.profile, { sheet: "Nhập điểm" });
    if (!exact.ok || !heur.ok) throw new Error("not read");
    expect(exact.value.units).toEqual(heur.value.units);
    expect(exact.value.entries).toEqual(heur.value.entries);
    // One deliberate difference: a repeated unit name is the repeat's issue (as validation says it).
    const dupAsRecogniser = (i: Issue): Issue =>
      i.code === "duplicate_unit" ? { ...i, unit: "Sở A" } : i;
    expect(exact.issues.map(dupAsRecogniser).map(key).sort()).toEqual(heur.issues.map(key).sort());
  });

  it("is not ok without the matrix sheet, and names it", () => {
    const r = readEntry([], theSet());
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: "sheet_missing", params: { sheet: "Nhập điểm" } });
  });

  it("cellRole says what a cell is by position", () => {
    expect(cellRole(1, 1)).toEqual({ kind: "title" });
    expect(cellRole(4, 7)).toEqual({ kind: "header", unitIndex: 0 });
    expect(cellRole(7, 3)).toEqual({ kind: "indicator", rowIndex: 1, column: "max" });
    expect(cellRole(7, 9)).toEqual({ kind: "unit", unitIndex: 1, rowIndex: 1, field: "self" });
    expect(cellRole(10, 8)).toEqual({ kind: "unit", unitIndex: 0, rowIndex: 4, field: "evidence" });
  });

  it("EntryIndex finds units by column and name, and reads a subset", async () => {
    const grids = await written(unitsNamed(["Sở A", "Sở B", "Sở C"]), []);
    const ix = EntryIndex.of(grids, theSet())!;
    expect(ix.unitCount).toBe(3);
    expect(ix.unitAtColumn(unitColumn(2) + 1)).toBe(2);
    expect(ix.unitIndexByName("so b")).toBe(1);
    expect(ix.read([1]).data.units.map((u) => u.name)).toEqual(["Sở B"]);
    // roleAt: cellRole over this matrix, with the unit and the row's indicator.
    expect(ix.roleAt("I8")).toMatchObject({
      kind: "score",
      unitIndex: 1,
      code: "1.2",
      field: "self",
    });
    expect(ix.roleAt("N10")).toMatchObject({
      kind: "score",
      unitIndex: 2,
      code: "2.1",
      field: "evidence",
    });
    expect(ix.roleAt("L4")).toMatchObject({ kind: "header", unitIndex: 2 });
    expect(ix.roleAt("C7")).toBeNull();
    expect(ix.roleAt("O7")).toBeNull(); // past the last unit
  });
});

// The reader's cell references are made once per process and shared by every read (issue 14's
// check speed): a stale or misplaced one would still look like a cell, so each is checked by position.
describe("cell references: made once, the same cells on every read", () => {
  it("columnRefs names each row of a column, grows, and keeps sheets apart", () => {
    const a = columnRefs("Nhập điểm", 6, 3);
    expect(a.slice(1, 4)).toEqual([1, 2, 3].map((r) => ({ sheet: "Nhập điểm", cell: `F${r}` })));
    const longer = columnRefs("Nhập điểm", 6, 12);
    expect(longer[3]).toBe(a[3]); // kept, not made again
    expect(longer[12]).toEqual({ sheet: "Nhập điểm", cell: "F12" });
    expect(columnRefs("nhập điểm", 6, 12)[12]).toEqual({ sheet: "nhập điểm", cell: "F12" });
    expect(columnRefs("Nhập điểm", 16_384, 2)[2]).toEqual({ sheet: "Nhập điểm", cell: "XFD2" });
  });

  it("past the budget a column's references are made for the call, and still right", () => {
    const huge = columnRefs("Lớn", 2, 1_600_000);
    expect(huge[1_600_000]).toEqual({ sheet: "Lớn", cell: "B1600000" });
    expect(columnRefs("Lớn", 2, 1_600_000)).not.toBe(huge);
  });

  it("every entry points at its own cells, read after read, whatever the matrix size", async () => {
    const set = theSet();
    for (const n of [2, 5, 3]) {
      const names = Array.from({ length: n }, (_, i) => `Đơn vị ${i + 1}`);
      const grids = await written(unitsNamed(names), [{ unit: 0, leaf: 1, part: 1, value: "x" }]);
      const first = readEntry(grids, set);
      const again = readEntry(grids, set);
      if (!first.ok || !again.ok) throw new Error("not read");
      expect(again.value.entries).toEqual(first.value.entries);
      expect(again.issues).toEqual(first.issues);
      const leafRow = new Map([
        ["1.1", 7],
        ["1.2", 8],
        ["2.1", 10],
      ]);
      for (const e of first.value.entries) {
        const u = names.indexOf(e.unitId);
        const row = leafRow.get(e.code)!;
        expect([e.self?.cell, e.appraised?.cell, e.evidenceCell]).toEqual(
          [0, 1, 2].map((k) => ({ sheet: "Nhập điểm", cell: a1(row, unitColumn(u) + k) }))
        );
      }
      expect(first.issues.find((i) => i.code === "not_a_number")?.cell).toEqual({
        sheet: "Nhập điểm",
        cell: a1(8, unitColumn(0) + 1),
      });
    }
  });
});

const cellValue = fc.oneof(
  fc.integer({ min: -2, max: 14 }),
  fc.constantFrom<CellValue>("8,5", "1.000", "abc", "", null, { error: "#REF!" }, "  3 ")
);

describe("check: one unit equals the full check restricted to it", () => {
  it("for any units and edits", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom("Sở A", "Sở B", "Sở C", "UBND huyện D"), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(fc.constantFrom("agencies", "districts", "?"), { maxLength: 4 }),
        fc.array(
          fc.record({
            unit: fc.nat(3),
            leaf: fc.nat(2),
            part: fc.nat(2),
            value: cellValue,
          }),
          { maxLength: 12 }
        ),
        async (names, groups, edits) => {
          const set = theSet();
          const grids = await written(unitsNamed(names, groups), edits);
          const full = check(set, grids);
          const units = full.input?.data.units ?? [];
          for (const u of units) {
            const one = check(set, grids, { units: [u.id] });
            expect(one.issues.map(key).sort()).toEqual(
              full.issues
                .filter((i) => i.unit === u.id)
                .map(key)
                .sort()
            );
          }
        }
      ),
      { numRuns: 40 }
    );
  });
});
