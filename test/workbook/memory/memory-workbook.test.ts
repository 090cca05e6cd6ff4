import type { SheetSpec } from "../../../src/engine/sheets/spec";
import { MemoryWorkbook } from "../../../src/workbook/memory/memory-workbook";
import type { ChangeEvent } from "../../../src/workbook/port";
import { f, n, portContract, rankingSpec, t, type Harness } from "../port-contract";

function memoryHarness(wb = new MemoryWorkbook()): Harness {
  return {
    port: wb,
    addUserSheet: (name, cells) => {
      for (const [cell, v] of Object.entries(cells)) wb.set(name, cell, v);
      return Promise.resolve();
    },
    fill: (sheet, cell) => Promise.resolve(wb.getStyle(sheet, cell)?.fill ?? null),
    rename: (sheet, newName) => {
      wb.userRename(sheet, newName);
      return Promise.resolve();
    },
    reopen: () => Promise.resolve(wb),
    type: (sheet, cell, value) => {
      wb.set(sheet, cell, value);
      return Promise.resolve();
    },
    deleteSheet: (sheet) => {
      wb.userDeleteSheet(sheet);
      return Promise.resolve();
    },
  };
}

portContract("memory", () => Promise.resolve(memoryHarness()));

const entrySpec: SheetSpec = {
  name: "Nhập điểm",
  owned: true,
  role: "entry-matrix",
  blocks: [
    { address: "A1", rows: [[t("Bảng nhập điểm")]], style: { bold: true, fontSize: 14 } },
    {
      address: "A4",
      rows: [
        [t("Mã"), t("Tên chỉ số"), t("Điểm tối đa"), t("Sở A")],
        [t("1"), t("Chỉ số chính"), n(10), f("=SUM(D6:D7)", 0)],
        [t("1.1"), t("Thành phần"), n(5), { kind: "blank" }],
        [t("1.2"), t("Thành phần"), n(5), { kind: "blank" }],
      ],
    },
  ],
  styles: [
    { range: "D6:D7", style: { locked: false, numberFormat: "0.00" } },
    { range: "A4:D4", style: { bold: true, border: "thin" } },
  ],
  merges: ["A1:D1"],
  columnWidths: [{ col: "B", width: 40 }],
  freeze: { rows: 4, cols: 2 },
  validations: [{ range: "D6:D7", rule: { kind: "decimal", min: 0, max: "$C6" } }],
  conditionalFormats: [
    { range: "D6:D7", when: { kind: "formula", formula: "=D6>$C6" }, style: { fill: "#FFC7CE" } },
  ],
  tables: [{ name: "Bang", range: "A4:D7" }],
  charts: [{ kind: "bar", title: "Tổng", categories: "A5:A7", values: "D5:D7", anchor: "F2" }],
  pageSetup: { orientation: "landscape", paper: "A4", fitToWidth: true, printTitleRows: "4:4" },
  protect: true,
};

describe("MemoryWorkbook", () => {
  it("keeps everything a spec writes", async () => {
    const wb = new MemoryWorkbook();
    await wb.apply([entrySpec]);
    expect(wb.get("Nhập điểm", "A1")).toBe("Bảng nhập điểm");
    expect(wb.getStyle("Nhập điểm", "A1")).toEqual({ bold: true, fontSize: 14 });
    expect(wb.getFormula("Nhập điểm", "D5")).toBe("=SUM(D6:D7)");
    expect(wb.get("Nhập điểm", "D5")).toBe(0); // the cached value: formulas are not calculated
    expect(wb.getStyle("Nhập điểm", "D6")).toEqual({ locked: false, numberFormat: "0.00" });
    const snap = wb.snapshot("Nhập điểm");
    expect(snap).toMatchObject({
      owned: true,
      role: "entry-matrix",
      hidden: false,
      merges: ["A1:D1"],
      columnWidths: { B: 40 },
      freeze: { rows: 4, cols: 2 },
      protect: true,
      pageSetup: { orientation: "landscape", fitToWidth: true, printTitleRows: "4:4" },
    });
    expect(snap.validations).toHaveLength(1);
    expect(snap.conditionalFormats).toHaveLength(1);
    expect(snap.tables[0]?.name).toBe("Bang");
    expect(snap.charts[0]?.title).toBe("Tổng");
    expect(snap.cells["D5"]).toEqual({ formula: "=SUM(D6:D7)", cached: 0 });
    expect(wb.sheetNames()).toEqual(["Nhập điểm", "_dti"]);
  });

  it("counts one round trip per port call", async () => {
    const wb = new MemoryWorkbook();
    await wb.apply([entrySpec]);
    await wb.readGrid("Nhập điểm");
    await wb.listSheets();
    await wb.readGrid("missing").catch(() => undefined);
    expect(wb.roundTrips).toBe(4);
  });

  it("fires onChanged for user edits and pastes, like Excel; protection refuses locked cells", async () => {
    const wb = new MemoryWorkbook();
    await wb.apply([entrySpec]);
    const events: ChangeEvent[] = [];
    const stop = await wb.onChanged((e) => events.push(e));
    let renders = 0;
    wb.subscribe(() => renders++);
    wb.userEdit("Nhập điểm", "D6", "8,5");
    wb.userPaste("Nhập điểm", "D6", [[4], [5]]);
    expect(() => wb.userEdit("Nhập điểm", "C6", 99)).toThrow(/protected/);
    expect(events).toEqual([
      { sheet: "Nhập điểm", range: "D6" },
      { sheet: "Nhập điểm", range: "D6:D7" },
    ]);
    expect(renders).toBe(2);
    expect(wb.get("Nhập điểm", "C6")).toBe(5);
    stop();
    wb.userEdit("Nhập điểm", "D6", 1);
    expect(events).toHaveLength(2);
  });

  it("a user typing =... makes a formula; writeValues keeps it text", async () => {
    const wb = new MemoryWorkbook();
    wb.set("S", "A1", "=B1*2");
    expect(wb.getFormula("S", "A1")).toBe("=B1*2");
    await wb.writeValues("S", [{ cell: "A2", value: "=B1*2" }]);
    expect(wb.getFormula("S", "A2")).toBeNull();
    expect(wb.get("S", "A2")).toBe("=B1*2");
  });

  it("writeValues refuses a locked cell of a protected sheet and writes nothing", async () => {
    const wb = new MemoryWorkbook();
    await wb.apply([entrySpec]);
    await expect(
      wb.writeValues("Nhập điểm", [
        { cell: "D6", value: 3 },
        { cell: "C6", value: 3 },
      ])
    ).rejects.toMatchObject({
      code: "cell_protected",
      detail: { sheet: "Nhập điểm", range: "C6" },
    });
    expect(wb.get("Nhập điểm", "D6")).toBeNull();
  });

  it("builds user sheets from grids, and recognises a registry sheet among them", async () => {
    const source = new MemoryWorkbook();
    await source.apply([rankingSpec("Xếp hạng", [["Sở A", 1]])]);
    source.set("Của tôi", "B2", 5);
    const grids = await Promise.all(source.sheetNames().map((s) => source.readGrid(s)));
    const copy = MemoryWorkbook.fromGrids(grids, source.definedNames());
    const sheets = await copy.listSheets();
    expect(sheets.find((s) => s.name === "Xếp hạng")).toMatchObject({
      owned: true,
      role: "ranking",
    });
    expect(sheets.find((s) => s.name === "Của tôi")).toMatchObject({ owned: false });
    expect(sheets.find((s) => s.name === "_dti")).toMatchObject({ visible: false });
    expect(copy.get("Của tôi", "B2")).toBe(5);
    expect(copy.getFormula("Xếp hạng", "B3")).toBe("=SUM(B2:B2)");
  });

  it("reads hidden rows and merges in the grid", async () => {
    const wb = MemoryWorkbook.fromGrids([
      {
        sheet: "S",
        originRow: 2,
        originCol: 1,
        values: [
          ["a", null],
          [null, 2],
        ],
        merges: ["A2:B2"],
      },
    ]);
    wb.userHideRows("S", [3]);
    const g = await wb.readGrid("S");
    expect(g).toMatchObject({ originRow: 2, originCol: 1, merges: ["A2:B2"], hiddenRows: [3] });
  });

  it("selects a cell and makes its sheet active", async () => {
    const wb = new MemoryWorkbook();
    wb.set("A", "A1", 1);
    wb.set("B", "A1", 1);
    expect(await wb.activeSheet()).toBe("A");
    await wb.select("B", "c3");
    expect(await wb.activeSheet()).toBe("B");
    expect(wb.selection).toEqual({ sheet: "B", cell: "C3" });
  });
});
