import type { SheetSpec, SpecCell } from "../../../src/engine/sheets/spec";
import { toPortError } from "../../../src/workbook/office/errors";
import { OfficeWorkbook } from "../../../src/workbook/office/office-workbook";
import { PortError, type ChangeEvent } from "../../../src/workbook/port";
import { f, n, portContract, rankingSpec, t, type Harness } from "../port-contract";
import { FakeExcel, FakeOfficeError, PAYLOAD_LIMIT } from "./fake-excel";

function officeHarness(fake = new FakeExcel()): Harness {
  const port = new OfficeWorkbook({ host: fake.host, cellEditRetryDelayMs: 0 });
  return {
    port,
    addUserSheet: (name, cells) => {
      fake.userSheet(name, cells);
      return Promise.resolve();
    },
    fill: (sheet, cell) => Promise.resolve(fake.cell(sheet, cell)?.fill ?? null),
    rename: (sheet, newName) => fake.userRename(sheet, newName),
    reopen: () => Promise.resolve(port),
    type: async (sheet, cell, value) => {
      if (!fake.sheets.some((s) => s.name.toUpperCase() === sheet.toUpperCase()))
        fake.userSheet(sheet, {});
      await fake.userEdit(sheet, cell, value);
    },
    deleteSheet: (sheet) => fake.userDeleteSheet(sheet),
  };
}

portContract("office (fake Excel)", () => Promise.resolve(officeHarness()));

/** A ranking-like sheet for `units` units: names, 8 main indices, total formula, rank formula, grade. */
function unitsSpec(units: number): SheetSpec {
  const rows: SpecCell[][] = [
    [
      t("STT"),
      t("Tên cơ quan, đơn vị"),
      ...Array.from({ length: 8 }, (_, i) => t(`CS${i + 1}`)),
      t("Tổng"),
      t("Xếp hạng"),
    ],
  ];
  for (let u = 0; u < units; u++) {
    const r = u + 2;
    rows.push([
      n(u + 1),
      t(u % 50 === 0 ? `=Sở ${u}` : `Sở ${u}`),
      ...Array.from({ length: 8 }, (_, i) => n(((u * 7 + i) % 100) / 10)),
      f(`=SUM(C${r}:J${r})`),
      f(`=RANK.EQ(K${r},$K$2:$K$${units + 1})`),
    ]);
  }
  const last = units + 1;
  return {
    name: "Xếp hạng",
    owned: true,
    role: "ranking",
    blocks: [{ address: "A1", rows }],
    styles: [
      { range: "A1:L1", style: { bold: true, fill: "#DDEBF7" } },
      { range: `C2:K${last}`, style: { numberFormat: "0.00" } },
    ],
    columnWidths: [{ col: "B", width: 40 }],
    freeze: { rows: 1, cols: 2 },
    validations: [{ range: `C2:J${last}`, rule: { kind: "decimal", min: 0, max: 10 } }],
    conditionalFormats: [
      {
        range: `L2:L${last}`,
        when: { kind: "formula", formula: "=L2<=5" },
        style: { fill: "#C6EFCE" },
      },
    ],
    tables: [{ name: "XepHang", range: `A1:L${last}` }],
    charts: [
      {
        kind: "bar",
        title: "Tổng điểm",
        categories: `B2:B${last}`,
        values: `K2:K${last}`,
        anchor: "N2",
      },
    ],
    pageSetup: { orientation: "landscape", paper: "A4", fitToWidth: true, printTitleRows: "1:1" },
    protect: true,
  };
}

async function syncsOf(fake: FakeExcel, action: () => Promise<unknown>): Promise<number> {
  const before = fake.syncs;
  await action();
  return fake.syncs - before;
}

describe("OfficeWorkbook over the fake Excel", () => {
  it.each([20, 3321])(
    "costs the same syncs for %i units: apply 2 (3 rewriting in place), readGrid(s) 1, listSheets 1, setHighlights 1",
    async (units) => {
      const fake = new FakeExcel();
      fake.userSheet("Nhập điểm", { A1: "x" });
      const port = new OfficeWorkbook({ host: fake.host });
      expect(await syncsOf(fake, () => port.apply([unitsSpec(units)]))).toBe(2);
      // Rewriting in place: one more sync reads the sheet as it is (the edit check, tables, charts).
      expect(await syncsOf(fake, () => port.apply([unitsSpec(units)]))).toBe(3);
      expect(await syncsOf(fake, () => port.readGrid("Xếp hạng"))).toBe(1);
      expect(await syncsOf(fake, () => port.listSheets())).toBe(1);
      expect(await syncsOf(fake, () => port.readSettings())).toBe(1);
      expect(
        await syncsOf(fake, () =>
          port.setHighlights("Xếp hạng", [{ cell: "C2", severity: "error" }])
        )
      ).toBe(1); // the registry is known from the calls before: checked in the same batch
      expect(await syncsOf(fake, () => port.readGrids(["Nhập điểm", "Xếp hạng"]))).toBe(1);
      expect(
        await syncsOf(fake, () =>
          port.setHighlightsMany([
            { sheet: "Xếp hạng", cells: [{ cell: "C3", severity: "warning" }] },
            { sheet: "Nhập điểm", cells: [{ cell: "A1", severity: "error" }] },
          ])
        )
      ).toBe(1);
      expect(fake.cell("Xếp hạng", "C2")?.fill).toBeNull();
      expect(fake.cell("Xếp hạng", "C3")?.fill).toBe("#FFEB9C");
      // A fresh instance does not know the registry yet: load, then write.
      const other = new OfficeWorkbook({ host: fake.host });
      expect(
        await syncsOf(fake, () =>
          other.setHighlights("Nhập điểm", [{ cell: "A2", severity: "error" }])
        )
      ).toBe(2);
      expect(fake.cell("Nhập điểm", "A1")?.fill).toBeNull();
      expect(fake.runs).toBe(9);
      const g = await port.readGrid("Xếp hạng");
      expect(g.values.length).toBe(units + 1);
      expect(g.values[1]?.slice(0, 3)).toEqual([1, "=Sở 0", 0]);
      expect(g.formulas?.[1]?.[1]).toBeNull(); // text "=Sở 0" stayed text
      expect(g.formulas?.[1]?.[10]).toBe("=SUM(C2:J2)");
    }
  );

  it("writes everything a spec holds into Excel's objects", async () => {
    const fake = new FakeExcel();
    const port = new OfficeWorkbook({ host: fake.host });
    await port.apply([unitsSpec(3)]);
    const s = fake.sheet("Xếp hạng");
    expect(fake.cell("Xếp hạng", "A1")).toMatchObject({
      value: "STT",
      bold: true,
      fill: "#DDEBF7",
    });
    expect(fake.cell("Xếp hạng", "C2")?.numberFormat).toBe("0.00");
    expect(s.frozen).toEqual({ rows: 1, cols: 2 });
    expect(s.columnWidths.get("B")).toBeCloseTo(213.75);
    expect(s.validations[0]).toMatchObject({
      range: "C2:J4",
      rule: { decimal: { formula1: 0, formula2: 10, operator: "Between" } },
    });
    expect(s.conditionalFormats[0]).toMatchObject({
      range: "L2:L4",
      type: "Custom",
      formula: "=L2<=5",
      fill: "#C6EFCE",
    });
    expect(s.tables).toEqual([{ name: "XepHang", range: "A1:L4", style: "TableStyleLight9" }]);
    expect(s.charts[0]).toMatchObject({
      type: "BarClustered",
      title: "Tổng điểm",
      values: "'Xếp hạng'!K2:K4",
      categories: "'Xếp hạng'!B2:B4",
    });
    expect(s.pageLayout).toMatchObject({
      orientation: "Landscape",
      paperSize: "A4",
      printTitleRows: "$1:$1",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    });
    expect(s.protected).toBe(true);
    expect(fake.sheet("_dti").visibility).toBe("VeryHidden");
    expect(fake.sheets.some((x) => x.name.startsWith("~dti"))).toBe(false);
  });

  it("keeps a replaced sheet's place among the tabs", async () => {
    const fake = new FakeExcel();
    fake.userSheet("Đầu", { A1: 1 });
    const port = new OfficeWorkbook({ host: fake.host });
    await port.apply([rankingSpec("Xếp hạng", [["A", 1]])]);
    fake.userSheet("Cuối", { A1: 1 });
    await port.apply([rankingSpec("Xếp hạng", [["B", 2]])]);
    expect(fake.sheets.filter((s) => s.visibility === "Visible").map((s) => s.name)).toEqual([
      "Đầu",
      "Xếp hạng",
      "Cuối",
    ]);
  });

  it("a write failing inside Excel leaves the previous sheet and no temporary sheet behind", async () => {
    const fake = new FakeExcel();
    const port = new OfficeWorkbook({ host: fake.host });
    await port.apply([rankingSpec("Xếp hạng", [["Sở A", 80]])]);
    // Excel refuses a table over merged cells: the failure happens in the middle of the write batch.
    const failing: SheetSpec = {
      ...rankingSpec("Xếp hạng", [["Sở Z", 1]]),
      merges: ["A1:B1"],
      tables: [{ name: "T", range: "A1:B3" }],
    };
    const err = await port.apply([failing]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortError);
    expect(err).toMatchObject({
      code: "host_error",
      detail: { hostCode: "InvalidOperation", errorLocation: "TableCollection.add" },
    });
    expect(fake.sheets.map((s) => s.name)).toEqual(["Xếp hạng", "_dti"]);
    expect(fake.cell("Xếp hạng", "A2")?.value).toBe("Sở A");
  });

  it("cuts writes above the request limit into pieces, each under 5 MB", async () => {
    const fake = new FakeExcel();
    const port = new OfficeWorkbook({ host: fake.host });
    const long = "Tài liệu kiểm chứng: quyết định số 1234/QĐ-UBND ngày 01/01/2024 ".repeat(2);
    const rows: SpecCell[][] = Array.from({ length: 3321 }, () =>
      Array.from({ length: 30 }, () => t(long))
    );
    const spec: SheetSpec = {
      name: "Minh chứng",
      owned: true,
      role: "evidence",
      blocks: [{ address: "A1", rows }],
    };
    const syncs = await syncsOf(fake, () => port.apply([spec]));
    const bytes = fake.payloads.slice(-(syncs - 1));
    expect(bytes.reduce((a, b) => a + b, 0)).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(Math.max(...bytes)).toBeLessThan(PAYLOAD_LIMIT);
    // Pieces are cut on the UTF-8 bytes the real client sends (request-bytes.ts), which the fake's
    // character count underestimates for Vietnamese text: one more piece at most.
    const utf8 = bytes.reduce((a, b) => a + b, 0) * 1.3;
    expect(syncs).toBeGreaterThanOrEqual(1 + Math.ceil(bytes.reduce((a, b) => a + b, 0) / 4e6));
    expect(syncs).toBeLessThanOrEqual(2 + Math.ceil(utf8 / 4e6));
    expect(fake.cell("Minh chứng", "AD3321")?.value).toBe(long);
  });

  it("fits a 3,321 × 100 matrix of scores in one write request", async () => {
    const fake = new FakeExcel();
    const port = new OfficeWorkbook({ host: fake.host });
    const rows: SpecCell[][] = Array.from({ length: 3321 }, (_, r) =>
      Array.from({ length: 100 }, (_, c) => n(((r + c) % 100) / 10))
    );
    const syncs = await syncsOf(fake, () =>
      port.apply([
        { name: "Ma trận", owned: true, role: "entry-matrix", blocks: [{ address: "A1", rows }] },
      ])
    );
    expect(syncs).toBe(2);
    expect(fake.payloads.at(-1)).toBeLessThan(PAYLOAD_LIMIT);
  });

  it("asks Excel to wait for a cell edit (delayForCellEdit): one run, no retry", async () => {
    const fake = new FakeExcel();
    fake.userSheet("S", { A1: 5 });
    const port = new OfficeWorkbook({ host: fake.host, cellEditRetryDelayMs: 0 });
    fake.cellEditRuns = 3;
    expect((await port.readGrid("S")).values).toEqual([[5]]);
    expect(fake.runs).toBe(1);
    expect(fake.delayedRuns).toBe(1);
  });

  it("where Excel cannot delay (before ExcelApi 1.11), retries once in cell-edit mode, then says so", async () => {
    const fake = new FakeExcel();
    fake.userSheet("S", { A1: 5 });
    // The client library drops delayForCellEdit on such hosts: the run fails as without it.
    const port = new OfficeWorkbook({
      host: { run: (batch) => fake.run(batch), runIn: fake.runIn },
      cellEditRetryDelayMs: 0,
    });
    fake.cellEditRuns = 1;
    expect((await port.readGrid("S")).values).toEqual([[5]]);
    expect(fake.runs).toBe(2);
    fake.cellEditRuns = 2;
    await expect(port.readGrid("S")).rejects.toMatchObject({
      code: "cell_edit_mode",
      detail: { hostCode: "InvalidOperationInCellEditMode" },
    });
    expect(fake.runs).toBe(4);
  });

  it("maps Office errors in one place, with the error location", async () => {
    const fake = new FakeExcel();
    const port = new OfficeWorkbook({ host: fake.host });
    await expect(port.readGrid("Không có")).rejects.toMatchObject({
      code: "sheet_not_found",
      detail: {
        sheet: "Không có",
        hostCode: "ItemNotFound",
        errorLocation: "WorksheetCollection.getItem",
      },
    });
    expect(
      toPortError(new FakeOfficeError("RequestPayloadSizeLimitExceeded", "Range.values"))
    ).toMatchObject({
      code: "request_too_large",
      detail: { errorLocation: "Range.values" },
    });
    expect(toPortError(new FakeOfficeError("GeneralException", "Workbook"))).toMatchObject({
      code: "host_error",
      detail: { hostCode: "GeneralException" },
    });
    expect(toPortError(new Error("boom"))).toMatchObject({ code: "host_error", message: "boom" });
  });

  it("refuses to write a locked cell of a protected sheet before writing anything", async () => {
    const fake = new FakeExcel();
    const port = new OfficeWorkbook({ host: fake.host });
    const spec: SheetSpec = {
      name: "Nhập",
      owned: true,
      role: "entry-matrix",
      blocks: [{ address: "A1", rows: [[t("Điểm"), { kind: "blank" }]] }],
      styles: [{ range: "B1", style: { locked: false } }],
      protect: true,
    };
    await port.apply([spec]);
    await port.writeValues("Nhập", [{ cell: "B1", value: 8.5 }]);
    expect(fake.cell("Nhập", "B1")?.value).toBe(8.5);
    await expect(
      port.writeValues("Nhập", [
        { cell: "B1", value: 1 },
        { cell: "A1", value: 2 },
      ])
    ).rejects.toMatchObject({ code: "cell_protected", detail: { range: "A1" } });
    expect(fake.cell("Nhập", "B1")?.value).toBe(8.5);
  });

  it("reports user edits with the sheet's name, also after a rename, until unsubscribed", async () => {
    const fake = new FakeExcel();
    fake.userSheet("Nhập điểm", { A1: 1 });
    const port = new OfficeWorkbook({ host: fake.host });
    const events: ChangeEvent[] = [];
    const stop = await port.onChanged((e) => events.push(e));
    await fake.userEdit("Nhập điểm", "F12", "8,5");
    await fake.userRename("Nhập điểm", "Điểm 2024");
    await fake.userEdit("Điểm 2024", "G3", 7);
    fake.userSheet("Mới", {});
    await fake.userEdit("Mới", "A1", 1);
    expect(events).toEqual([
      { sheet: "Nhập điểm", range: "F12" },
      // The old name is gone (issue 13: what pointed into it is stale).
      { sheet: "Nhập điểm", range: "", gone: true },
      { sheet: "Điểm 2024", range: "G3" },
      { sheet: "Mới", range: "A1" },
    ]);
    stop();
    await new Promise((r) => setTimeout(r, 0));
    await fake.userEdit("Mới", "A2", 1);
    expect(events).toHaveLength(4);
  });

  it("still reports edits on an Excel without rename events (before ExcelApi 1.17)", async () => {
    const fake = new FakeExcel();
    fake.renameEvents = false;
    fake.userSheet("Nhập điểm", { A1: 1 });
    const port = new OfficeWorkbook({ host: fake.host });
    const events: ChangeEvent[] = [];
    await port.onChanged((e) => events.push(e));
    await fake.userEdit("Nhập điểm", "B2", 3);
    expect(events).toEqual([{ sheet: "Nhập điểm", range: "B2" }]);
  });

  it("reads merges and hidden rows with the grid", async () => {
    const fake = new FakeExcel();
    const s = fake.userSheet("S", { B2: "Tiêu đề", B3: 1, B4: 2, B5: 3 });
    s.merges.push("B2:C2");
    s.hiddenRows.add(4);
    const port = new OfficeWorkbook({ host: fake.host });
    const g = await port.readGrid("S");
    expect(g).toMatchObject({ originRow: 2, originCol: 2, merges: ["B2:C2"], hiddenRows: [4] });
    expect(g.values).toEqual([["Tiêu đề"], [1], [2], [3]]);
  });

  it("the fake refuses to read a property before load and sync, like Office", async () => {
    const fake = new FakeExcel();
    fake.userSheet("S", { A1: 1 });
    await expect(
      fake.run(async (context) => {
        const r = context.workbook.worksheets.getItem("S").getRange("A1");
        r.load("values");
        // The mistake the lint rules catch in src: reading before the sync. The fake must refuse it.
        // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
        const early = r.values;
        await context.sync();
        return early;
      })
    ).rejects.toMatchObject({ code: "PropertyNotLoaded" });
  });
});

describe("OfficeWorkbook reads above the response limit", () => {
  it("reads a 3,321 × 100 matrix in one sync, and a sheet too large for one response in pieces", async () => {
    const fake = new FakeExcel();
    const port = new OfficeWorkbook({ host: fake.host });
    const scores: SpecCell[][] = Array.from({ length: 3321 }, (_, r) =>
      Array.from({ length: 100 }, (_, c) => n(((r + c) % 100) / 10))
    );
    await port.apply([
      {
        name: "Ma trận",
        owned: true,
        role: "entry-matrix",
        blocks: [{ address: "A1", rows: scores }],
      },
    ]);
    expect(await syncsOf(fake, () => port.readGrid("Ma trận"))).toBe(1);
    expect(fake.responses.at(-1)).toBeLessThan(PAYLOAD_LIMIT);

    const long = "Minh chứng: quyết định số 1234/QĐ-UBND ngày 01/01/2024 của UBND tỉnh";
    const text: SpecCell[][] = Array.from({ length: 3321 }, () =>
      Array.from({ length: 20 }, () => t(long))
    );
    await port.apply([
      {
        name: "Minh chứng",
        owned: true,
        role: "evidence",
        blocks: [{ address: "B2", rows: text }],
      },
    ]);
    const runsBefore = fake.runs;
    const syncs = await syncsOf(fake, async () => {
      const g = await port.readGrid("Minh chứng");
      expect(g).toMatchObject({ originRow: 2, originCol: 2 });
      expect(g.values.length).toBe(3321);
      expect(g.values[3320]?.[19]).toBe(long);
      expect(g.formulas?.[3320]?.[19]).toBeNull();
    });
    expect(fake.runs - runsBefore).toBe(2);
    // The fake refuses any response above 5 MB, so the complete grid above came in pieces: one
    // refused try, the used range's size, then pieces sized from the first (about 9.4 MB in all).
    const total = fake.responses.slice(-(syncs - 2)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(PAYLOAD_LIMIT);
    // 1 refused + 1 size + at least 3 pieces of ≤ 4 MB (9.4 MB), at most one halving on the way.
    expect(syncs).toBeGreaterThanOrEqual(5);
    expect(syncs).toBeLessThanOrEqual(7);
  });

  it("reads formula errors as errors", async () => {
    const fake = new FakeExcel();
    const s = fake.userSheet("S", { A1: 1 });
    s.cell(1, 2).value = "#REF!";
    s.cell(1, 2).formula = "=A0";
    const port = new OfficeWorkbook({ host: fake.host });
    const g = await port.readGrid("S");
    expect(g.values).toEqual([[1, { error: "#REF!" }]]);
    expect(g.formulas).toEqual([[null, "=A0"]]);
  });
});

describe("OfficeWorkbook leftovers", () => {
  it("removes temporary sheets an interrupted apply left behind", async () => {
    const fake = new FakeExcel();
    fake.userSheet("Trang", { A1: 1 });
    fake.addSheet("~dti-tmp-old-1");
    const port = new OfficeWorkbook({ host: fake.host });
    await port.apply([rankingSpec("Xếp hạng", [["A", 1]])]);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Trang", "Xếp hạng", "_dti"]);
  });
});

describe("the fake runs a batch like Office", () => {
  it("runs commands in order at sync: a load queued before a write sees the value before it", async () => {
    const fake = new FakeExcel();
    fake.userSheet("T", { A1: 1 });
    const s0 = fake.syncs;
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("T");
      const valueBefore = ws.getRange("A1").load("values");
      const fillBefore = ws.getRange("A1").format.fill.load("color,pattern");
      ws.getRange("A1").values = [[2]];
      ws.getRange("A1").format.fill.color = "#FF0000";
      const valueAfter = ws.getRange("A1").load("values");
      const fillAfter = ws.getRange("A1").format.fill.load("color,pattern");
      // Nothing has run yet: the queue is sent at sync.
      expect(fake.cell("T", "A1")?.value).toBe(1);
      await context.sync();
      expect(valueBefore.values).toEqual([[1]]);
      expect(fillBefore.pattern).toBe("None");
      expect(valueAfter.values).toEqual([[2]]);
      expect(fillAfter).toMatchObject({ color: "#FF0000", pattern: "Solid" });
    });
    expect(fake.syncs - s0).toBe(1);
  });

  it("stops a batch at a failing command: earlier commands stay applied, later ones never run", async () => {
    const fake = new FakeExcel();
    fake.userSheet("T", { A1: 1 });
    await expect(
      fake.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.getItem("T").getRange("A1").values = [[2]];
        sheets.getItem("Không có").getRange("A1").values = [[3]];
        sheets.getItem("T").getRange("A2").values = [[4]];
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    expect(fake.cell("T", "A1")?.value).toBe(2);
    expect(fake.cell("T", "A2")).toBeUndefined();
  });
});

describe("OfficeWorkbook highlights in one sync when it knows its registry", () => {
  /** Two sheets the add-in made (only owned sheets are painted), written by another pane. */
  async function setup(): Promise<{ fake: FakeExcel; port: OfficeWorkbook }> {
    const fake = new FakeExcel();
    await new OfficeWorkbook({ host: fake.host }).apply([
      {
        name: "P",
        owned: true,
        role: "x",
        blocks: [{ address: "A1", rows: [[t("x")], [t(""), n(5)]] }],
      },
      { name: "Q", owned: true, role: "x", blocks: [{ address: "A1", rows: [[t("y")]] }] },
    ]);
    return { fake, port: new OfficeWorkbook({ host: fake.host, cellEditRetryDelayMs: 0 }) };
  }

  it("a cell whose fill was not the guess costs a second sync and keeps its true fill", async () => {
    const { fake, port } = await setup();
    fake.sheet("P").cell(2, 2).fill = "#00B050"; // the user painted B2 green
    await port.listSheets();
    const paint = () => port.setHighlights("P", [{ cell: "B2", severity: "error" }]);
    expect(await syncsOf(fake, paint)).toBe(2);
    expect(fake.cell("P", "B2")?.fill).toBe("#FFC7CE");
    expect(await syncsOf(fake, () => port.setHighlights("P", []))).toBe(1);
    expect(fake.cell("P", "B2")?.fill).toBe("#00B050");
    // Now the adapter has seen the green: one sync.
    expect(await syncsOf(fake, paint)).toBe(1);
    await port.setHighlights("P", []);
    expect(fake.cell("P", "B2")?.fill).toBe("#00B050");
  });

  it("a registry changed by another writer (a second pane, a co-author) is caught in the same call", async () => {
    const { fake } = await setup();
    const a = new OfficeWorkbook({ host: fake.host });
    const b = new OfficeWorkbook({ host: fake.host });
    await a.writeSettings({ k: "v" });
    await b.listSheets();
    expect(
      await syncsOf(fake, () => a.setHighlights("P", [{ cell: "A1", severity: "error" }]))
    ).toBe(1);
    // b does not know P's highlight: its batch sees another registry and writes the right one.
    expect(
      await syncsOf(fake, () => b.setHighlights("Q", [{ cell: "A1", severity: "warning" }]))
    ).toBe(2);
    expect(fake.cell("P", "A1")?.fill).toBe("#FFC7CE");
    expect(fake.cell("Q", "A1")?.fill).toBe("#FFEB9C");
    await a.setHighlights("P", []);
    expect(fake.cell("P", "A1")?.fill).toBeNull();
    expect(fake.cell("Q", "A1")?.fill).toBe("#FFEB9C"); // a's stale plan did not drop Q's record
    await b.setHighlights("Q", []);
    expect(fake.cell("Q", "A1")?.fill).toBeNull();
    expect(await a.readSettings()).toEqual({ k: "v" });
  });

  it("the settings sheet gone under a known registry: the batch fails before any fill, then reads again", async () => {
    const { fake, port } = await setup();
    await port.writeSettings({ k: "v" });
    fake.sheets = fake.sheets.filter((s) => s.name !== "_dti");
    const syncs = await syncsOf(fake, () =>
      port.setHighlights("P", [{ cell: "B2", severity: "error" }])
    );
    expect(syncs).toBe(3); // the refused batch, then load + write
    // Without its registry P is no longer known as the add-in's: nothing is painted on it.
    expect(fake.cell("P", "B2")?.fill).toBeNull();
  });

  it("a missing sheet in setHighlightsMany paints nothing", async () => {
    const { fake, port } = await setup();
    await port.listSheets();
    await expect(
      port.setHighlightsMany([
        { sheet: "P", cells: [{ cell: "A1", severity: "error" }] },
        { sheet: "Không có", cells: [] },
      ])
    ).rejects.toMatchObject({ code: "sheet_not_found" });
    expect(fake.cell("P", "A1")?.fill).toBeNull();
  });
});

describe("OfficeWorkbook.readGrids", () => {
  it("reads several sheets in one sync; a missing one is named with one more sync", async () => {
    const fake = new FakeExcel();
    fake.userSheet("P", { A1: "x", B2: 5 });
    fake.userSheet("Q", { C3: "y" });
    const port = new OfficeWorkbook({ host: fake.host });
    let grids: Awaited<ReturnType<OfficeWorkbook["readGrids"]>> = [];
    expect(await syncsOf(fake, async () => (grids = await port.readGrids(["Q", "P"])))).toBe(1);
    expect(grids.map((g) => [g.sheet, g.originRow, g.originCol])).toEqual([
      ["Q", 3, 3],
      ["P", 1, 1],
    ]);
    let code = "";
    let sheet: string | undefined;
    const syncs = await syncsOf(fake, () =>
      port.readGrids(["P", "R", "Q"]).catch((e: PortError) => {
        code = e.code;
        sheet = e.detail.sheet;
      })
    );
    expect([code, sheet, syncs]).toEqual(["sheet_not_found", "R", 2]);
  });

  it("sheets too large together for one response are read one by one", async () => {
    const fake = new FakeExcel();
    const port = new OfficeWorkbook({ host: fake.host });
    const scores: SpecCell[][] = Array.from({ length: 3321 }, (_, r) =>
      Array.from({ length: 100 }, (_, c) => n(((r + c) % 100) / 10))
    );
    const spec = (name: string): SheetSpec => ({
      name,
      owned: true,
      role: "entry-matrix",
      blocks: [{ address: "A1", rows: scores }],
    });
    await port.apply([spec("M1"), spec("M2"), spec("M3")]);
    let grids: Awaited<ReturnType<OfficeWorkbook["readGrids"]>> = [];
    const names = ["M1", "M2", "M3"];
    const syncs = await syncsOf(fake, async () => (grids = await port.readGrids(names)));
    expect(syncs).toBe(4); // one refused response, then one sync per sheet
    expect(fake.responses.slice(-3).every((r) => r < PAYLOAD_LIMIT)).toBe(true);
    expect(grids[1]).toEqual(await port.readGrid("M2"));
    expect(grids[0]?.values[3320]?.[99]).toBe(((3320 + 99) % 100) / 10);
  });
});
