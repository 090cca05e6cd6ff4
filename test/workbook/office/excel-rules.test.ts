/**
 * What real Excel does and the old fake let pass (issue 11): each rule is checked on the fake first
 * (it must behave as the documentation says Excel does), then through the adapter, which must cope.
 * Every adapter test here failed against the adapter before these fixes.
 */
import type { SheetSpec } from "../../../src/engine/sheets/spec";
import { OfficeWorkbook } from "../../../src/workbook/office/office-workbook";
import type { ChangeEvent } from "../../../src/workbook/port";
import { n, t } from "../port-contract";
import { FakeExcel, FakeOfficeError, MERGED_AREAS_LIMIT } from "./fake-excel";

/** Runs a raw batch against the fake, as Excel.run would. */
function raw(fake: FakeExcel, batch: (ctx: Excel.RequestContext) => void): Promise<void> {
  return fake.run(async (ctx) => {
    batch(ctx);
    await ctx.sync();
  });
}

/** An owned, protected sheet with open entry cells, like the entry sheet. */
const protectedSpec = (name = "Nhập điểm"): SheetSpec => ({
  name,
  owned: true,
  role: "entry",
  blocks: [
    {
      address: "A1",
      rows: [
        [t("Chỉ số"), t("Sở A")],
        [t("CS1"), n(5)],
      ],
    },
  ],
  styles: [{ range: "B2:B2", style: { locked: false } }],
  freeze: { rows: 1, cols: 1 },
  tables: [{ name: "NhapDiem", range: "A1:B2" }],
  protect: true,
});

describe("the fake refuses what Excel refuses", () => {
  it("format changes on a protected sheet without allowFormatCells; allowed with it", async () => {
    const fake = new FakeExcel();
    const s = fake.userSheet("S", { A1: 1 });
    s.protected = true;
    s.protectOptions = { allowFormatColumns: true };
    await expect(
      raw(fake, (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1").format.fill.color = "#FFC7CE";
      })
    ).rejects.toMatchObject({ code: "AccessDenied" });
    await expect(
      raw(fake, (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1").numberFormat = [["0.00"]];
      })
    ).rejects.toMatchObject({ code: "AccessDenied" });
    s.protectOptions = { allowFormatCells: true };
    await raw(fake, (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1").format.fill.color = "#FFC7CE";
    });
    expect(fake.cell("S", "A1")?.fill).toBe("#FFC7CE");
  });

  it("a table added with a sheet-less address lands on the active sheet", async () => {
    const fake = new FakeExcel();
    fake.userSheet("Active", { A1: "x" });
    fake.userSheet("Other", { A1: "h" });
    fake.activeId = fake.sheet("Active").id;
    await raw(fake, (ctx) => {
      ctx.workbook.worksheets.getItem("Other").tables.add("A1:A2", true);
    });
    expect(fake.sheet("Active").tables).toHaveLength(1);
    expect(fake.sheet("Other").tables).toHaveLength(0);
  });

  it("freezing panes activates the sheet", async () => {
    const fake = new FakeExcel();
    fake.userSheet("Active", { A1: "x" });
    fake.userSheet("Other", { A1: "h" });
    fake.activeId = fake.sheet("Active").id;
    await raw(fake, (ctx) => ctx.workbook.worksheets.getItem("Other").freezePanes.freezeRows(1));
    expect(fake.activeSheet()?.name).toBe("Other");
  });

  it("getMergedAreasOrNullObject fails above 512 areas and reports areas by their top-left cell", async () => {
    const fake = new FakeExcel();
    const s = fake.userSheet("S", { A1: 1 });
    s.merges = Array.from(
      { length: MERGED_AREAS_LIMIT + 1 },
      (_, i) => `A${2 * i + 1}:A${2 * i + 2}`
    );
    await expect(
      fake.run(async (ctx) => {
        const m = ctx.workbook.worksheets.getItem("S").getRange("A:A").getMergedAreasOrNullObject();
        m.load("areas/items/address");
        await ctx.sync();
      })
    ).rejects.toBeInstanceOf(FakeOfficeError);
    const found = await fake.run(async (ctx) => {
      const m = ctx.workbook.worksheets.getItem("S").getRange("A2:A3").getMergedAreasOrNullObject();
      m.load("areas/items/address");
      await ctx.sync();
      return m.isNullObject ? [] : m.areas.items.map((a) => a.address);
    });
    expect(found).toEqual(["S!A3:A4"]); // A1:A2 starts above the range
  });
});

/** A small sheet the add-in made: "Chỉ số" in A1, 5 in B2. */
function ownedSheet(name: string): SheetSpec {
  return {
    name,
    owned: true,
    role: "form",
    blocks: [{ address: "A1", rows: [[t("Chỉ số")], [t(""), n(5)]] }],
  };
}

describe("the adapter copes with Excel's rules", () => {
  it("highlights cells on its own protected sheets (protected with formatting allowed)", async () => {
    const fake = new FakeExcel();
    fake.userSheet("Khác", { A1: 1 });
    const port = new OfficeWorkbook({ host: fake.host });
    await port.apply([protectedSpec()]);
    const s = fake.sheet("Nhập điểm");
    expect(s.protected).toBe(true);
    expect(s.protectOptions).toMatchObject({ allowFormatCells: true });
    await port.setHighlights("Nhập điểm", [{ cell: "B2", severity: "error" }]);
    expect(fake.cell("Nhập điểm", "B2")?.fill).toBe("#FFC7CE");
    await port.setHighlights("Nhập điểm", []);
    expect(fake.cell("Nhập điểm", "B2")?.fill).toBeNull();
  });

  it("highlights a sheet protected without formatting (older file, CLI, the user): unprotect, paint, protect again", async () => {
    const fake = new FakeExcel();
    // Only the add-in's own sheets are painted: one it made, protected since without formatting.
    await new OfficeWorkbook({ host: fake.host }).apply([ownedSheet("Biểu mẫu")]);
    const s = fake.sheet("Biểu mẫu");
    s.protected = true;
    s.protectOptions = { allowSort: true };
    const port = new OfficeWorkbook({ host: fake.host });
    await port.listSheets(); // the registry is known: the one-sync path is tried first
    await port.setHighlights("Biểu mẫu", [{ cell: "B2", severity: "warning" }]);
    expect(fake.cell("Biểu mẫu", "B2")?.fill).toBe("#FFEB9C");
    expect(s.protected).toBe(true);
    expect(s.protectOptions).toMatchObject({ allowSort: true, allowFormatCells: false });
    await port.setHighlights("Biểu mẫu", []);
    expect(fake.cell("Biểu mẫu", "B2")?.fill).toBeNull();
    expect(s.protected).toBe(true);
  });

  it("a sheet protected with a password: a clear error, nothing painted", async () => {
    const fake = new FakeExcel();
    await new OfficeWorkbook({ host: fake.host }).apply([ownedSheet("Khoá")]);
    const s = fake.sheet("Khoá");
    s.protected = true;
    s.password = "bí mật";
    const port = new OfficeWorkbook({ host: fake.host });
    await expect(
      port.setHighlights("Khoá", [{ cell: "B2", severity: "error" }])
    ).rejects.toMatchObject({ code: "cell_protected", detail: { sheet: "Khoá" } });
    expect(fake.cell("Khoá", "B2")?.fill ?? null).toBeNull();
  });

  it("puts each table on its own sheet and leaves the user on the sheet they were on", async () => {
    const fake = new FakeExcel();
    fake.userSheet("Của tôi", { A1: 1 });
    fake.activeId = fake.sheet("Của tôi").id;
    const port = new OfficeWorkbook({ host: fake.host });
    await port.apply([protectedSpec()]);
    expect(fake.sheet("Nhập điểm").tables.map((x) => x.name)).toEqual(["NhapDiem"]);
    expect(fake.sheet("Của tôi").tables).toEqual([]);
    expect(fake.sheet("Nhập điểm").frozen).toEqual({ rows: 1, cols: 1 });
    expect(fake.activeSheet()?.name).toBe("Của tôi");
    await port.apply([protectedSpec()]); // replacing keeps it too
    expect(fake.activeSheet()?.name).toBe("Của tôi");
  });

  it("reads a sheet with more than 512 merged areas (an entry sheet of 3,321 units)", async () => {
    const fake = new FakeExcel();
    const s = fake.userSheet("Nhập điểm", { A1: "Chỉ số", A3: "CS1" });
    const units = 3321;
    for (let u = 0; u < units; u++) {
      const col = 3 + 3 * u;
      s.cell(1, col).value = `Sở ${u}`;
      s.merges.push(`${colName(col)}1:${colName(col + 2)}1`);
    }
    const port = new OfficeWorkbook({ host: fake.host });
    const g = await port.readGrid("Nhập điểm");
    expect(g.merges).toHaveLength(units);
    expect(new Set(g.merges)).toEqual(new Set(s.merges));
    expect(fake.payloads.every((b) => b < 5 * 1024 * 1024)).toBe(true);
  });

  it("reports a dropdown pick (no onChanged in Excel) when the selection moves on", async () => {
    const fake = new FakeExcel();
    fake.userSheet("Nhập điểm", { A1: "x" });
    const port = new OfficeWorkbook({ host: fake.host });
    const events: ChangeEvent[] = [];
    const stop = await port.onChanged((e) => events.push(e));
    await fake.userSelect("Nhập điểm", "D5");
    fake.userPick("Nhập điểm", "D5", "Có");
    expect(events).toEqual([]);
    await fake.userSelect("Nhập điểm", "D6");
    expect(events).toEqual([{ sheet: "Nhập điểm", range: "D5" }]);
    stop();
    await new Promise((r) => setTimeout(r, 0));
    await fake.userSelect("Nhập điểm", "D7");
    expect(events).toHaveLength(1);
  });
});

function colName(col: number): string {
  let s = "";
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}
