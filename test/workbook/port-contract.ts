/**
 * The contract every WorkbookPort adapter keeps, run against memory, xlsx and the Office adapter over
 * the fake Excel. Each adapter's test file calls `portContract(name, makeHarness)`.
 */
import type { SheetSpec, SpecCell } from "../../src/engine/sheets/spec";
import { PortError, type WorkbookPort } from "../../src/workbook/port";

export interface Harness {
  readonly port: WorkbookPort;
  /** A sheet made by the user, with text/number cells. */
  addUserSheet(name: string, cells: Readonly<Record<string, string | number>>): Promise<void>;
  /** The cell's fill ("#RRGGBB") or null. */
  fill(sheet: string, cell: string): Promise<string | null>;
  /** The user renames a sheet. */
  rename(sheet: string, newName: string): Promise<void>;
  /** Save and open again, when the adapter has files (xlsx); otherwise the same port. */
  reopen(): Promise<WorkbookPort>;
  /** The user types into a cell of any sheet (created when missing); "=..." is a formula. */
  type(sheet: string, cell: string, value: string | number): Promise<void>;
  /** The user deletes a sheet (as Excel does: references to it become #REF!). */
  deleteSheet(sheet: string): Promise<void>;
}

/** A "_dti" registry typed by hand, as someone forging ownership would (a token without its marker). */
async function forgeRegistry(
  h: Harness,
  records: readonly { readonly sheet: string; readonly role: string; readonly token?: string }[]
): Promise<void> {
  await h.type("_dti", "A1", "dti-for-excel/registry/v1");
  await h.type("_dti", "A2", "kind");
  for (const [i, r] of records.entries()) {
    await h.type("_dti", `A${i + 3}`, "sheet");
    await h.type("_dti", `B${i + 3}`, r.sheet);
    await h.type("_dti", `C${i + 3}`, r.role);
    if (r.token !== undefined) await h.type("_dti", `E${i + 3}`, r.token);
  }
}

export const n = (value: number): SpecCell => ({ kind: "number", value });
export const t = (value: string): SpecCell => ({ kind: "text", value });
export const f = (formula: string, cached?: number): SpecCell =>
  cached === undefined ? { kind: "formula", formula } : { kind: "formula", formula, cached };

export function rankingSpec(name: string, rows: readonly (readonly [string, number])[]): SheetSpec {
  return {
    name,
    owned: true,
    role: "ranking",
    blocks: [
      {
        address: "A1",
        rows: [
          [t("Tên"), t("Điểm")],
          ...rows.map(([who, pts]) => [t(who), n(pts)]),
          [t("Tổng"), f(`=SUM(B2:B${rows.length + 1})`)],
        ],
      },
    ],
    styles: [{ range: "A1:B1", style: { bold: true, fill: "#DDEBF7" } }],
    columnWidths: [{ col: "A", width: 30 }],
    freeze: { rows: 1, cols: 0 },
  };
}

async function rejection(p: Promise<unknown>): Promise<PortError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PortError) return e;
    throw e;
  }
  throw new Error("expected a PortError");
}

export function portContract(adapter: string, make: () => Promise<Harness>): void {
  describe(`WorkbookPort contract: ${adapter}`, () => {
    it("creates an owned sheet and reads it back as a grid with formulas", async () => {
      const h = await make();
      await h.port.apply([
        rankingSpec("Xếp hạng", [
          ["Sở A", 80],
          ["Sở B", 70.5],
        ]),
      ]);
      const port = await h.reopen();
      const info = (await port.listSheets()).find((s) => s.name === "Xếp hạng");
      expect(info).toMatchObject({ owned: true, role: "ranking", visible: true });
      const g = await port.readGrid("Xếp hạng");
      expect(g.originRow).toBe(1);
      expect(g.originCol).toBe(1);
      expect(g.values.length).toBe(4);
      expect(g.values[1]).toEqual(["Sở A", 80]);
      expect(g.values[2]).toEqual(["Sở B", 70.5]);
      expect(g.formulas?.[3]?.[1]).toBe("=SUM(B2:B3)");
      expect(g.formulas?.[1]?.[1]).toBeNull();
      // Every row has the same width, formulas the same shape as values.
      expect(new Set(g.values.map((r) => r.length))).toEqual(new Set([2]));
      expect(g.formulas?.map((r) => r.length)).toEqual(g.values.map((r) => r.length));
    });

    it("replaces an owned sheet wholesale", async () => {
      const h = await make();
      await h.port.apply([
        rankingSpec("Xếp hạng", [
          ["Sở A", 1],
          ["Sở B", 2],
          ["Sở C", 3],
        ]),
      ]);
      await h.port.apply([rankingSpec("Xếp hạng", [["Sở D", 9]])]);
      const g = await (await h.reopen()).readGrid("Xếp hạng");
      // The formula cell's value depends on the host (Excel calculates, files keep the cached value).
      expect(g.values.slice(0, 2)).toEqual([
        ["Tên", "Điểm"],
        ["Sở D", 9],
      ]);
      expect(g.values.length).toBe(3);
      expect(g.values[2]?.[0]).toBe("Tổng");
      expect(g.formulas?.[2]?.[1]).toBe("=SUM(B2:B2)");
    });

    it("refuses to replace a user's sheet of the same name (any case) and writes nothing", async () => {
      const h = await make();
      await h.addUserSheet("xếp HẠNG", { A1: "của tôi" });
      const err = await rejection(
        h.port.apply([rankingSpec("Khác", [["X", 1]]), rankingSpec("Xếp hạng", [["Sở A", 1]])])
      );
      expect(err.code).toBe("sheet_not_owned");
      expect(err.detail.sheet).toBe("xếp HẠNG");
      const sheets = await h.port.listSheets();
      expect(sheets.map((s) => s.name)).not.toContain("Khác");
      expect((await h.port.readGrid("xếp HẠNG")).values).toEqual([["của tôi"]]);
      expect(sheets.find((s) => s.name === "xếp HẠNG")?.owned).toBe(false);
    });

    it("a failed apply leaves the previous owned sheets intact", async () => {
      const h = await make();
      await h.port.apply([rankingSpec("Xếp hạng", [["Sở A", 80]])]);
      const bad: SheetSpec = { ...rankingSpec("Đối chiếu", [["Sở A", 1]]), merges: ["A1:??"] };
      const err = await rejection(h.port.apply([rankingSpec("Xếp hạng", [["Sở Z", 1]]), bad]));
      expect(err.code).toBe("invalid_range");
      const g = await h.port.readGrid("Xếp hạng");
      expect(g.values[1]).toEqual(["Sở A", 80]);
      expect((await h.port.listSheets()).map((s) => s.name)).not.toContain("Đối chiếu");
    });

    it("writes user text starting with = + - @ as text, never as a formula", async () => {
      const h = await make();
      const spec: SheetSpec = {
        name: "Đơn vị",
        owned: true,
        role: "units",
        blocks: [{ address: "B2", rows: [[t("=1+1"), t("+84 912"), t("-Sở"), t("@x"), t("8,5")]] }],
      };
      await h.port.apply([spec]);
      const g = await (await h.reopen()).readGrid("Đơn vị");
      expect(g.originRow).toBe(2);
      expect(g.originCol).toBe(2);
      expect(g.values).toEqual([["=1+1", "+84 912", "-Sở", "@x", "8,5"]]);
      expect(g.formulas).toEqual([[null, null, null, null, null]]);
    });

    it("keeps settings across saves, merges keys, removes a key set to empty, holds long values", async () => {
      const h = await make();
      const long = "x".repeat(70000);
      await h.port.writeSettings({ profile: "sonla-2024", set: long, formulaLike: "=SUM(A1)" });
      await h.port.writeSettings({ units: "20" });
      await h.port.writeSettings({ formulaLike: "" });
      const port = await h.reopen();
      expect(await port.readSettings()).toEqual({ profile: "sonla-2024", set: long, units: "20" });
      const settings = (await port.listSheets()).find((s) => s.name === "_dti");
      expect(settings).toMatchObject({ owned: true, visible: false });
    });

    it("deletes only owned sheets", async () => {
      const h = await make();
      await h.addUserSheet("Của tôi", { A1: 1 });
      await h.port.apply([rankingSpec("Xếp hạng", [["Sở A", 1]])]);
      expect((await rejection(h.port.deleteOwnedSheets(["Của tôi"]))).code).toBe("sheet_not_owned");
      expect((await rejection(h.port.deleteOwnedSheets(["_dti"]))).code).toBe("sheet_not_owned");
      await h.port.deleteOwnedSheets(["Xếp hạng"]);
      const names = (await h.port.listSheets()).map((s) => s.name);
      expect(names).toContain("Của tôi");
      expect(names).not.toContain("Xếp hạng");
    });

    it("a sheet the user renamed is no longer the add-in's", async () => {
      const h = await make();
      await h.addUserSheet("Trang 1", { A1: 1 });
      await h.port.apply([rankingSpec("Xếp hạng", [["Sở A", 1]])]);
      await h.rename("Xếp hạng", "Bản của tôi");
      const info = (await h.port.listSheets()).find((s) => s.name === "Bản của tôi");
      expect(info?.owned).toBe(false);
      await h.port.apply([rankingSpec("Xếp hạng", [["Sở B", 2]])]);
      expect((await h.port.readGrid("Bản của tôi")).values[1]).toEqual(["Sở A", 1]);
      expect((await rejection(h.port.deleteOwnedSheets(["Bản của tôi"]))).code).toBe(
        "sheet_not_owned"
      );
    });

    it("highlights issue cells and restores their fill when the issue is gone", async () => {
      const h = await make();
      await h.port.apply([
        rankingSpec("Xếp hạng", [
          ["Sở A", 1],
          ["Sở B", 2],
        ]),
      ]);
      await h.port.setHighlights("Xếp hạng", [
        { cell: "B2", severity: "error" },
        { cell: "A1", severity: "warning" },
      ]);
      expect(await h.fill("Xếp hạng", "B2")).toBe("#FFC7CE");
      expect(await h.fill("Xếp hạng", "A1")).toBe("#FFEB9C");
      await h.port.setHighlights("Xếp hạng", [{ cell: "B3", severity: "error" }]);
      expect(await h.fill("Xếp hạng", "B2")).toBeNull();
      expect(await h.fill("Xếp hạng", "A1")).toBe("#DDEBF7");
      expect(await h.fill("Xếp hạng", "B3")).toBe("#FFC7CE");
      await h.port.setHighlights("Xếp hạng", []);
      expect(await h.fill("Xếp hạng", "B3")).toBeNull();
    });

    it("writes values into user cells as values (text stays text)", async () => {
      const h = await make();
      await h.addUserSheet("Nhập điểm", { F6: "8,5", G6: 3 });
      await h.port.writeValues("Nhập điểm", [
        { cell: "F6", value: 8.5 },
        { cell: "H6", value: "=cmd" },
      ]);
      const g = await h.port.readRange("Nhập điểm", "F6:H6");
      expect(g.values).toEqual([[8.5, 3, "=cmd"]]);
      expect(g.formulas).toEqual([[null, null, null]]);
    });

    it("reports a missing sheet and bad addresses as PortErrors", async () => {
      const h = await make();
      expect((await rejection(h.port.readGrid("Không có"))).code).toBe("sheet_not_found");
      await h.addUserSheet("A", { A1: 1 });
      expect((await rejection(h.port.readRange("A", "1A"))).code).toBe("invalid_range");
      expect((await rejection(h.port.apply([{ ...rankingSpec("x", []), name: "a/b" }]))).code).toBe(
        "invalid_sheet_name"
      );
    });

    it("hides a hidden spec sheet; protects structure cells and leaves entry cells open", async () => {
      const h = await make();
      await h.addUserSheet("Trang", { A1: 1 });
      await h.port.apply([
        { ...rankingSpec("Ẩn", [["x", 1]]), hidden: true },
        {
          ...rankingSpec("Nhập", [["Sở A", 1]]),
          styles: [{ range: "B2", style: { locked: false } }],
          protect: true,
        },
      ]);
      const port = await h.reopen();
      const sheets = await port.listSheets();
      expect(sheets.find((s) => s.name === "Ẩn")).toMatchObject({ owned: true, visible: false });
      await port.writeValues("Nhập", [{ cell: "B2", value: 7 }]);
      expect((await port.readRange("Nhập", "B2")).values).toEqual([[7]]);
      const err = await rejection(port.writeValues("Nhập", [{ cell: "A2", value: "x" }]));
      expect(err.code).toBe("cell_protected");
      expect(err.detail).toMatchObject({ sheet: "Nhập", range: "A2" });
    });

    it("reads several sheets in one call, in the order asked, as readGrid does", async () => {
      const h = await make();
      await h.addUserSheet("Đơn vị", { A1: "STT", B2: "Sở A" });
      await h.port.apply([rankingSpec("Xếp hạng", [["Sở A", 7]])]);
      const grids = await h.port.readGrids(["Xếp hạng", "đơn vị"]);
      expect(grids.map((g) => g.sheet)).toEqual(["Xếp hạng", "Đơn vị"]);
      expect(grids[0]).toEqual(await h.port.readGrid("Xếp hạng"));
      expect(grids[1]).toEqual(await h.port.readGrid("Đơn vị"));
      expect(await h.port.readGrids([])).toEqual([]);
      const err = await rejection(h.port.readGrids(["Xếp hạng", "Không có", "Đơn vị"]));
      expect(err.code).toBe("sheet_not_found");
      expect(err.detail.sheet).toBe("Không có");
    });

    it("highlights several sheets in one call; a missing sheet changes nothing", async () => {
      const h = await make();
      await h.port.apply([
        rankingSpec("Xếp hạng", [["Sở A", 7]]),
        { ...rankingSpec("Đơn vị", [["Sở A", 1]]), role: "units" },
      ]);
      await h.port.setHighlightsMany([
        { sheet: "Xếp hạng", cells: [{ cell: "A1", severity: "error" }] },
        { sheet: "Đơn vị", cells: [{ cell: "B2", severity: "warning" }] },
      ]);
      expect(await h.fill("Xếp hạng", "A1")).toBe("#FFC7CE");
      expect(await h.fill("Đơn vị", "B2")).toBe("#FFEB9C");
      const err = await rejection(
        h.port.setHighlightsMany([
          { sheet: "Xếp hạng", cells: [] },
          { sheet: "Không có", cells: [{ cell: "A1", severity: "error" }] },
        ])
      );
      expect(err.code).toBe("sheet_not_found");
      expect(await h.fill("Xếp hạng", "A1")).toBe("#FFC7CE");
      // Each sheet's list replaces that sheet's highlights only; original fills come back.
      await h.port.setHighlightsMany([{ sheet: "Xếp hạng", cells: [] }]);
      expect(await h.fill("Xếp hạng", "A1")).toBe("#DDEBF7");
      expect(await h.fill("Đơn vị", "B2")).toBe("#FFEB9C");
      const port = await h.reopen();
      await port.setHighlights("Đơn vị", []);
      expect(await h.fill("Đơn vị", "B2")).toBeNull();
    });

    it("never paints a user's sheet, even one named like an entry sheet", async () => {
      const h = await make();
      await h.addUserSheet("Nhập điểm", { A1: "của tôi", F6: 9 });
      await h.port.setHighlights("Nhập điểm", [{ cell: "F6", severity: "error" }]);
      await h.port.setHighlightsMany([
        { sheet: "Nhập điểm", cells: [{ cell: "A1", severity: "warning" }] },
      ]);
      expect(await h.fill("Nhập điểm", "F6")).toBeNull();
      expect(await h.fill("Nhập điểm", "A1")).toBeNull();
    });

    it("a forged registry gives no ownership: the user's sheets are never replaced, painted or deleted", async () => {
      const h = await make();
      await h.addUserSheet("Xếp hạng", { A1: "của tôi", B2: 5 });
      await h.addUserSheet("Ghi chú", { A1: "ghi chú" });
      // A record with a made-up token (no marker in the workbook), and one as older versions wrote it.
      await forgeRegistry(h, [
        { sheet: "Xếp hạng", role: "ranking", token: "abcdef123456" },
        { sheet: "Ghi chú", role: "ranking" },
      ]);
      const port = await h.reopen();
      const sheets = await port.listSheets();
      expect(sheets.find((s) => s.name === "Xếp hạng")?.owned).toBe(false);
      expect(sheets.find((s) => s.name === "Ghi chú")?.owned).toBe(false);
      const err = await rejection(port.apply([rankingSpec("Xếp hạng", [["Sở A", 1]])]));
      expect(err.code).toBe("sheet_not_owned");
      expect((await rejection(port.deleteOwnedSheets(["Ghi chú"]))).code).toBe("sheet_not_owned");
      expect((await rejection(port.deleteOwnedSheets(["Xếp hạng"]))).code).toBe("sheet_not_owned");
      await port.setHighlights("Xếp hạng", [{ cell: "B2", severity: "error" }]);
      expect(await h.fill("Xếp hạng", "B2")).toBeNull();
      expect((await port.readGrid("Xếp hạng")).values).toEqual([
        ["của tôi", null],
        [null, 5],
      ]);
    });

    it("a sheet made by the user after deleting an owned one of the same name is the user's", async () => {
      const h = await make();
      await h.addUserSheet("Trang 1", { A1: 1 });
      await h.port.apply([rankingSpec("Xếp hạng", [["Sở A", 1]])]);
      await h.deleteSheet("Xếp hạng");
      await h.type("Xếp hạng", "A1", "bảng của tôi");
      const port = await h.reopen();
      expect((await port.listSheets()).find((s) => s.name === "Xếp hạng")?.owned).toBe(false);
      expect((await rejection(port.apply([rankingSpec("Xếp hạng", [["Sở B", 2]])]))).code).toBe(
        "sheet_not_owned"
      );
      expect((await port.readGrid("Xếp hạng")).values).toEqual([["bảng của tôi"]]);
    });

    it("rewrites an owned sheet in place: references to it keep working, the user's cells beside it stay", async () => {
      const h = await make();
      await h.port.apply([
        rankingSpec("Xếp hạng", [
          ["Sở A", 80],
          ["Sở B", 70],
        ]),
      ]);
      await h.type("Tổng hợp", "A1", "='Xếp hạng'!B2");
      await h.type("Xếp hạng", "D8", "Người lập biểu: ký tên");
      const port = await h.reopen();
      await port.apply([rankingSpec("Xếp hạng", [["Sở C", 90]])]);
      const again = await h.reopen();
      expect((await again.readRange("Tổng hợp", "A1")).formulas).toEqual([["='Xếp hạng'!B2"]]);
      const g = await again.readRange("Xếp hạng", "A1:D8");
      expect(g.values[1]?.slice(0, 2)).toEqual(["Sở C", 90]);
      expect(g.values[3]?.slice(0, 2)).toEqual([null, null]); // the old third row is gone
      expect(g.values[7]?.[3]).toBe("Người lập biểu: ký tên");
      expect((await again.listSheets()).find((s) => s.name === "Xếp hạng")?.owned).toBe(true);
    });

    it("warns before rewriting what the user typed inside the generated area, listing the cells", async () => {
      const h = await make();
      await h.port.apply([rankingSpec("Xếp hạng", [["Sở A", 80]])]);
      await h.type("Xếp hạng", "B2", 95);
      await h.type("Xếp hạng", "A4", "ghi chú dưới bảng");
      let port = await h.reopen();
      const err = await rejection(
        port.apply([
          rankingSpec("Xếp hạng", [
            ["Sở A", 80],
            ["Sở B", 70],
            ["Sở C", 60],
          ]),
        ])
      );
      expect(err.code).toBe("sheet_edited");
      // B2 was changed inside the area; A4 lies where the bigger table would go.
      expect(err.detail).toMatchObject({ sheet: "Xếp hạng", cells: ["B2", "A4"], count: 2 });
      expect((await port.readRange("Xếp hạng", "B2")).values).toEqual([[95]]);
      port = await h.reopen();
      await port.apply([rankingSpec("Xếp hạng", [["Sở A", 80]])], { overwriteEdits: true });
      expect((await port.readRange("Xếp hạng", "A2:B2")).values).toEqual([["Sở A", 80]]);
      // The note below the (one-row) table is outside the area: kept.
      expect((await port.readRange("Xếp hạng", "A4")).values).toEqual([["ghi chú dưới bảng"]]);
    });

    it("removes owned sheets of the given roles that the new build no longer makes", async () => {
      const h = await make();
      await h.addUserSheet("Xếp hạng nhóm cũ", { A1: "của tôi" });
      await h.port.apply([
        rankingSpec("Xếp hạng A", [["Sở A", 1]]),
        rankingSpec("Xếp hạng B", [["Sở B", 2]]),
        { ...rankingSpec("Đơn vị", [["Sở A", 1]]), role: "units" },
      ]);
      await h.port.apply([rankingSpec("Xếp hạng A", [["Sở A", 3]])], {
        removeOtherRoles: ["ranking"],
      });
      const names = (await (await h.reopen()).listSheets()).map((s) => s.name);
      expect(names).toContain("Xếp hạng A");
      expect(names).not.toContain("Xếp hạng B");
      expect(names).toContain("Đơn vị");
      expect(names).toContain("Xếp hạng nhóm cũ");
    });

    it("reads an empty owned sheet as an empty grid", async () => {
      const h = await make();
      await h.port.apply([{ name: "Trống", owned: true, role: "x", blocks: [] }]);
      const g = await h.port.readGrid("Trống");
      expect(g.values).toEqual([]);
    });
  });
}
