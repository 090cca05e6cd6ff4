/** Loading the indicator set: active sheet, imported province file, built-in profile; merging forms. */
import ExcelJS from "exceljs";
import { createEntrySheets } from "../../src/app/entry-sheets";
import {
  confirmIndicatorSet,
  confirmLayout,
  loadIndicatorSet,
} from "../../src/app/load-indicator-set";
import { mergeForms } from "../../src/app/merge-forms";
import { readSession } from "../../src/app/session";
import type { CellValue, Grid } from "../../src/engine/model/types";
import { ENTRY_SHEET } from "../../src/engine/entry";
import { readXlsxGrids } from "../../src/workbook/xlsx/read-grid";
import { factories, smallSet } from "./fixtures";

const FORM_HEADER = [
  "STT",
  "Tên chỉ số",
  "Điểm tối đa",
  "Điểm tự đánh giá",
  "Điểm thẩm định",
  "Tài liệu kiểm chứng",
];

/** An agency's self-assessment form (layout a), as provinces send it. */
function formGrid(sheet: string, unit: string, scores: readonly CellValue[] = []): Grid {
  const rows: CellValue[][] = [
    [`BIỂU TỰ ĐÁNH GIÁ CHỈ SỐ CHUYỂN ĐỔI SỐ`, null, null, null, null, null],
    [`Đơn vị: ${unit}`, null, null, null, null, null],
    FORM_HEADER,
    ["1", "Nhận thức số", 40, null, null, null],
    ["1.1", "Ban chỉ đạo chuyển đổi số", 20, scores[0] ?? null, null, "QĐ 1/2024"],
    ["1.2", "Kế hoạch chuyển đổi số", 20, scores[1] ?? null, null, null],
    ["2", "Hạ tầng số", 60, null, null, null],
    ["2.1", "Mạng LAN", 20, scores[2] ?? null, null, null],
    ["2.2", "Máy tính", 20, scores[3] ?? null, null, null],
    ["2.3", "Kết nối mạng TSLCD", 20, scores[4] ?? null, null, null],
  ];
  return { sheet, originRow: 1, originCol: 1, values: rows, merges: ["A1:F1"] };
}

async function xlsxBytes(grids: readonly Grid[]): Promise<ArrayBuffer> {
  const book = new ExcelJS.Workbook();
  for (const g of grids) {
    const ws = book.addWorksheet(g.sheet);
    g.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null)
          ws.getCell(r + 1, c + 1).value = typeof v === "object" ? { error: v.error as never } : v;
      })
    );
    for (const m of g.merges ?? []) ws.mergeCells(m);
    for (const h of g.hiddenRows ?? []) ws.getRow(h).hidden = true;
  }
  const buf = await book.xlsx.writeBuffer();
  return buf;
}

const readXlsx = (bytes: ArrayBuffer): Promise<Grid[]> => readXlsxGrids(bytes);

describe.each(factories)("loadIndicatorSet on $name", (factory) => {
  it("recognises the official form in the active sheet and shows a summary to confirm", async () => {
    const book = await factory.make([formGrid("Biểu mẫu", "Sở Tài chính", [20, 15, 20, 10, 18])]);
    const before = book.roundTrips();
    const res = await loadIndicatorSet(book.port, {
      mode: "active-sheet",
      profileId: "sonla-2024",
    });
    expect(book.roundTrips() - before).toBe(2);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const s = res.value.summary;
    expect(s.mainIndices.map((m) => [m.code, m.maxPoints, m.components])).toEqual([
      ["1", 40, 2],
      ["2", 60, 3],
    ]);
    expect(s.componentCount).toBe(5);
    expect(s.maxPoints).toBe(100);
    expect(s.groups.map((g) => g.id)).toEqual(["agencies", "districts"]);
    // Nothing stored until the user confirms.
    expect(await readSession(book.port)).toBeNull();
    await confirmIndicatorSet(book.port, res.value);
    const stored = await readSession(book.port);
    expect(stored?.profileId).toBe("sonla-2024");
    expect(stored?.set.indicators.map((i) => i.code)).toEqual([
      "1",
      "1.1",
      "1.2",
      "2",
      "2.1",
      "2.2",
      "2.3",
    ]);
  });

  it("reads a form with merged headers, a hidden row and a #REF! cell", async () => {
    const g = formGrid("Biểu mẫu", "Sở Y tế", [20, { error: "#REF!" }, 20, 10, 18]);
    const book = await factory.make([{ ...g, hiddenRows: [8] }]);
    const res = await loadIndicatorSet(book.port, {
      mode: "active-sheet",
      profileId: "sonla-2024",
    });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.summary.componentCount).toBe(5);
  });

  it("says clearly when the active sheet holds no indicator table", async () => {
    const book = await factory.make([
      {
        sheet: "Danh bạ",
        originRow: 1,
        originCol: 1,
        values: [
          ["Họ tên", "Điện thoại"],
          ["An", "0912"],
        ],
      },
    ]);
    const res = await loadIndicatorSet(book.port, {
      mode: "active-sheet",
      profileId: "sonla-2024",
    });
    expect(res.ok).toBe(false);
    expect(res.issues[0]?.code).toBe("no_table_found");
  });

  it("imports a province file as new sheets, never over a user sheet of the same name", async () => {
    const book = await factory.make([
      { sheet: "Biểu mẫu", originRow: 1, originCol: 1, values: [["bản nháp của tôi"]] },
    ]);
    const file = await xlsxBytes([formGrid("Biểu mẫu", "Sở Nội vụ")]);
    // The default reader: ExcelJS loaded on demand, reading the ArrayBuffer the pane hands over.
    const res = await loadIndicatorSet(book.port, {
      mode: "import",
      file,
      fileName: "bo-chi-so-2024.xlsx",
      profileId: "sonla-2024",
    });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.insertedSheets).toEqual(["Biểu mẫu (2)"]);
    expect(book.get("Biểu mẫu", "A1")).toBe("bản nháp của tôi");
    expect(book.get("Biểu mẫu (2)", "B5")).toBe("Ban chỉ đạo chuyển đổi số");
    expect(res.value.summary.componentCount).toBe(5);
    expect(res.value.sourceName).toBe("bo-chi-so-2024.xlsx");
  });

  it("inserts nothing when the imported file holds no indicator table", async () => {
    const book = await factory.make([
      { sheet: "Trang 1", originRow: 1, originCol: 1, values: [["x"]] },
    ]);
    const file = await xlsxBytes([
      {
        sheet: "Lịch",
        originRow: 1,
        originCol: 1,
        values: [
          ["Thứ", "Việc"],
          ["2", "họp"],
        ],
      },
    ]);
    const res = await loadIndicatorSet(
      book.port,
      { mode: "import", file, fileName: "lich.xlsx", profileId: "sonla-2024" },
      { readXlsx }
    );
    expect(res.ok).toBe(false);
    expect(res.issues[0]?.params["file"]).toBe("lich.xlsx");
    expect(book.sheetNames().filter((s) => !s.startsWith("_"))).toEqual(["Trang 1"]);
  });

  it("says a CSV renamed or an old .xls is not an .xlsx, and inserts nothing", async () => {
    const book = await factory.make([
      { sheet: "Trang 1", originRow: 1, originCol: 1, values: [["x"]] },
    ]);
    const file = new TextEncoder().encode("Mã;Tên chỉ số\n1;Nhận thức số").buffer;
    const res = await loadIndicatorSet(book.port, {
      mode: "import",
      file,
      fileName: "bo-chi-so.xls",
      profileId: "sonla-2024",
    });
    expect(res.ok).toBe(false);
    expect(res.issues.map((i) => [i.code, i.params["file"]])).toEqual([
      ["file_not_xlsx", "bo-chi-so.xls"],
    ]);
    expect(book.sheetNames().filter((s) => !s.startsWith("_"))).toEqual(["Trang 1"]);
  });

  it("writes a built-in profile's form (national 922: main indices only)", async () => {
    const book = await factory.make();
    const res = await loadIndicatorSet(book.port, { mode: "built-in", profileId: "national-922" });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.summary.mainIndices.length).toBe(9);
    expect(res.value.summary.maxPoints).toBe(1000);
    const sheet = res.value.insertedSheets[0] ?? "";
    expect(book.get(sheet, "A4")).toBe("STT");
    expect(book.get(sheet, "A2")).toEqual(expect.stringContaining("Chỉ số thành phần lấy từ"));
    // The written form is read back by the recogniser.
    const again = await loadIndicatorSet(book.port, {
      mode: "active-sheet",
      profileId: "national-922",
    });
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.value.summary.mainIndices.length).toBe(9);
  });

  it("explains that a profile without built-in indicators needs the official workbook", async () => {
    const book = await factory.make();
    const res = await loadIndicatorSet(book.port, { mode: "built-in", profileId: "sonla-2024" });
    expect(res.ok).toBe(false);
    expect(res.issues[0]?.code).toBe("profile_without_indicators");
    expect(book.sheetNames().filter((s) => !s.startsWith("_"))).toEqual([]);
  });
});

describe.each(factories)("merging agencies' forms on $name", (factory) => {
  it("puts every agency's self-assessment into one matrix in one go", async () => {
    const set = smallSet();
    const merged = mergeForms(
      [
        {
          fileName: "Sở Tài chính.xlsx",
          grids: [formGrid("Sheet1", "Sở Tài chính", [20, 15, 20, 10, 18])],
        },
        {
          fileName: "huyen-moc-chau.xlsx",
          grids: [formGrid("Sheet1", "UBND huyện Mộc Châu", [10, "8,5"])],
        },
        { fileName: "trung.xlsx", grids: [formGrid("Sheet1", "Sở Tài chính", [1, 1, 1, 1, 1])] },
        {
          fileName: "rong.xlsx",
          grids: [{ sheet: "Sheet1", originRow: 1, originCol: 1, values: [["?"]] }],
        },
      ],
      set
    );
    expect(merged.units.map((u) => u.name)).toEqual(["Sở Tài chính", "UBND huyện Mộc Châu"]);
    expect(merged.issues.map((i) => [i.code, i.params["file"]])).toEqual(
      expect.arrayContaining([
        ["duplicate_unit", "trung.xlsx"],
        ["no_table_found", "rong.xlsx"],
      ])
    );
    const book = await factory.make();
    const res = await createEntrySheets(book.port, set, merged.units, { entries: merged.entries });
    expect(res.ok).toBe(true);
    expect(book.get(ENTRY_SHEET, "F4")).toBe("Sở Tài chính");
    expect(book.get(ENTRY_SHEET, "F7")).toBe(20);
    expect(book.get(ENTRY_SHEET, "H7")).toBe("QĐ 1/2024");
    expect(book.get(ENTRY_SHEET, "I8")).toBe("8,5");
    expect(book.get(ENTRY_SHEET, "F12")).toBe(18);
  });
});

describe.each(factories)("importing agencies' forms from the pane on $name", (factory) => {
  it("fills the matrix from the files in one go, keeping scores already typed", async () => {
    const { importAgencyForms } = await import("../../src/app/import-forms");
    const set = smallSet();
    const book = await factory.make();
    const first = await importAgencyForms(
      book.port,
      [
        {
          fileName: "a.xlsx",
          bytes: await xlsxBytes([formGrid("Phiếu", "Sở Tài chính", [20, 15])]),
        },
      ],
      set
    );
    expect(first.ok).toBe(true);
    book.userSet(ENTRY_SHEET, "G7", 18); // the appraiser's score for Sở Tài chính, 1.1
    const res = await importAgencyForms(
      book.port,
      [
        {
          fileName: "b.xlsx",
          bytes: await xlsxBytes([formGrid("Phiếu", "UBND huyện Mộc Châu", [9])]),
        },
        { fileName: "c.pdf", bytes: new TextEncoder().encode("%PDF-1.4").buffer },
      ],
      set
    );
    expect(res.ok).toBe(true);
    expect(res.issues.map((i) => i.code)).toEqual(["file_not_xlsx"]);
    // Columns already there stay where they were; the new agency is appended.
    expect(book.get(ENTRY_SHEET, "F4")).toBe("Sở Tài chính");
    expect(book.get(ENTRY_SHEET, "F7")).toBe(20);
    expect(book.get(ENTRY_SHEET, "G7")).toBe(18);
    expect(book.get(ENTRY_SHEET, "I4")).toBe("UBND huyện Mộc Châu");
    expect(book.get(ENTRY_SHEET, "I7")).toBe(9);
    // A corrected form for the same agency replaces its self scores, never the appraiser's.
    const again = await importAgencyForms(
      book.port,
      [{ fileName: "a2.xlsx", bytes: await xlsxBytes([formGrid("Phiếu", "Sở Tài chính", [19])]) }],
      set
    );
    expect(again.ok).toBe(true);
    expect(book.get(ENTRY_SHEET, "F7")).toBe(19);
    expect(book.get(ENTRY_SHEET, "G7")).toBe(18);
    expect(book.get(ENTRY_SHEET, "H7")).toBe("QĐ 1/2024");
    expect(book.get(ENTRY_SHEET, "F8")).toBe(15);
  });
});

describe.each(factories)(
  "issue 13 item 1: importing a form keeps the units sheet on $name",
  (factory) => {
    it("keeps the agency's group and 'Có đơn vị trực thuộc'; a form's group fills only an empty cell", async () => {
      const { importAgencyForms } = await import("../../src/app/import-forms");
      const set = smallSet();
      const book = await factory.make();
      const base = {
        hasDvctt: true,
        specialPurpose: false,
        notApplicable: [],
      };
      const made = await createEntrySheets(book.port, set, [
        {
          ...base,
          id: "u1",
          name: "Sở Tài chính",
          groupId: "agencies",
          hasSubordinateUnits: false,
        },
        {
          ...base,
          id: "u2",
          name: "UBND huyện Mộc Châu",
          groupId: null,
          hasSubordinateUnits: true,
        },
      ]);
      expect(made.ok).toBe(true);
      const agencies = book.get("Đơn vị", "C2");
      expect(agencies as string).toMatch(/^Sở.*ngành/);
      expect(book.get("Đơn vị", "D2")).toBe("Không");
      const withGroup = (g: Grid, group: string): Grid => ({
        ...g,
        values: [
          g.values[0]!,
          g.values[1]!,
          [`Nhóm: ${group}`, null, null, null, null, null],
          ...g.values.slice(2),
        ],
      });
      const res = await importAgencyForms(
        book.port,
        [
          {
            fileName: "a.xlsx",
            bytes: await xlsxBytes([formGrid("Phiếu", "Sở Tài chính", [20])]),
          },
          {
            fileName: "b.xlsx",
            bytes: await xlsxBytes([
              withGroup(formGrid("Phiếu", "UBND huyện Mộc Châu", [9]), "Cấp huyện"),
            ]),
          },
        ],
        set
      );
      expect(res.ok).toBe(true);
      // The sheet's own group and flag stay; the form's group fills only Mộc Châu's empty cell.
      expect(book.get("Đơn vị", "B2")).toBe("Sở Tài chính");
      expect(book.get("Đơn vị", "C2")).toBe(agencies);
      expect(book.get("Đơn vị", "D2")).toBe("Không");
      expect(book.get("Đơn vị", "B3")).toBe("UBND huyện Mộc Châu");
      expect(book.get("Đơn vị", "C3") as string).toMatch(/^UBND các huyện/);
      expect(book.get(ENTRY_SHEET, "F7")).toBe(20);
    });
  }
);

describe("a foreign result table's layout: changed in the pane, stored on confirm, applied next time", () => {
  for (const factory of factories) {
    it(`${factory.name}: --scale the user chose is kept in the workbook`, async () => {
      const grid: Grid = {
        sheet: "KQ",
        originRow: 1,
        originCol: 1,
        values: [
          ["STT", "Đơn vị", "Kết quả"],
          [1, "UBND xã A", 0.8125],
          [2, "UBND xã B", 0.905],
        ],
      };
      const book = await factory.make([grid]);
      const refused = await loadIndicatorSet(book.port, { mode: "active-sheet" });
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.issues[0]?.code).toBe("scale_ambiguous");
      const chosen = await loadIndicatorSet(book.port, {
        mode: "active-sheet",
        overrides: { sheet: "KQ", scale: "index" },
      });
      expect(chosen.ok).toBe(true);
      if (!chosen.ok) return;
      const layout = chosen.value.recognized?.tableLayout;
      expect(layout).toMatchObject({ scale: "index", scaleFrom: "override", headerRows: [1] });
      if (layout === undefined) return;
      await confirmLayout(book.port, layout);
      const again = await loadIndicatorSet(book.port, { mode: "active-sheet" });
      expect(again.ok).toBe(true);
      if (!again.ok) return;
      expect(again.value.recognized?.entries.map((e) => e.self?.points)).toEqual([81.25, 90.5]);
    });
  }
});
