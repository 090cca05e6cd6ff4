/** @jest-environment jsdom */
/**
 * Entry sheets from the pane: "Tạo bảng nhập điểm" (for the Đơn vị sheet's agencies or typed names),
 * "Nhập biểu tự đánh giá của các đơn vị" (many forms at once), undo of a quick fix, and the charts a
 * command-line file recorded, drawn once when the pane opens in Excel.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { CellValue } from "../../src/engine/model/types";
import { sampleGrids } from "../../src/engine/sample";
import { ENTRY_SHEET, UNITS_SHEET } from "../../src/engine/entry";
import { createSelectionHub } from "../../src/preview/selection-hub";
import { CheckPanel } from "../../src/taskpane/components/CheckPanel/CheckPanel";
import { EntryPanel } from "../../src/taskpane/components/EntryPanel/EntryPanel";
import { createPaneServices } from "../../src/taskpane/controller/services";
import { unitsFromNames } from "../../src/taskpane/controller/usePaneController";
import { PaneApp } from "../../src/taskpane/PaneApp";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import type { WorkbookPort } from "../../src/workbook/port";
import {
  formBytes as agencyFormBytes,
  formRows as agencyFormRows,
  sampleFormLines,
} from "../support/agency-form";
import { renderIn } from "./render";

const settle = () => act(() => new Promise((r) => setTimeout(r, 300)));

function pane(wb: WorkbookPort) {
  render(
    <PaneApp services={createPaneServices(wb, createSelectionHub())} initialProfileId="sample" />
  );
}

/** A row of the workbook as texts (to find unit names in headers). */
function rowTexts(wb: MemoryWorkbook, sheet: string, row: number): string[] {
  const snap = wb.snapshot(sheet);
  return Object.entries(snap.cells)
    .filter(([addr]) => new RegExp(`^[A-Z]+${row}$`).test(addr))
    .map(([, v]) => (typeof v === "string" ? v : ""))
    .filter((s) => s !== "");
}

/** One agency's self-assessment form for the sample set (layout a), as rows. */
function formRows(unit: string, score: (code: string) => CellValue): CellValue[][] {
  return agencyFormRows(unit, sampleFormLines(score));
}

/** The same form as an .xlsx file an agency sends. */
async function formBytes(unit: string, score: (code: string) => CellValue): Promise<ArrayBuffer> {
  return await agencyFormBytes(formRows(unit, score));
}

/** A workbook holding only the province's blank form (no entry sheets, no Đơn vị sheet). */
function formWorkbook(): MemoryWorkbook {
  const wb = MemoryWorkbook.fromGrids([
    { sheet: "Biểu mẫu", originRow: 1, originCol: 1, values: formRows("Mẫu", () => null) },
  ]);
  wb.activate("Biểu mẫu");
  return wb;
}

describe("EntryPanel (Bộ chỉ số, once a set is confirmed)", () => {
  const base = {
    groups: [
      { id: "so-nganh", name: "Sở, ban, ngành" },
      { id: "huyen", name: "UBND cấp huyện" },
    ],
    onCreate: jest.fn(),
    onImportForms: jest.fn(),
    onOpenSheet: jest.fn(),
    busy: false,
  };

  it("without a Đơn vị sheet, asks for names (one per line) and their group", () => {
    const onCreate = jest.fn();
    renderIn(
      <EntryPanel {...base} onCreate={onCreate} entry={{ unitsInSheet: null, result: null }} />
    );
    fireEvent.change(screen.getByLabelText("Tên các cơ quan, đơn vị (mỗi dòng một tên)"), {
      target: { value: "UBND huyện Mộc Châu\nUBND huyện Yên Châu" },
    });
    fireEvent.change(screen.getByLabelText("Nhóm xếp hạng của các đơn vị này"), {
      target: { value: "huyen" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Tạo bảng nhập điểm" }));
    expect(onCreate).toHaveBeenCalledWith(["UBND huyện Mộc Châu", "UBND huyện Yên Châu"], "huyen");
  });

  it("with a Đơn vị sheet, says how many agencies it lists and asks for nothing", () => {
    renderIn(<EntryPanel {...base} entry={{ unitsInSheet: 20, result: null }} />);
    expect(screen.getByText("Dùng 20 cơ quan, đơn vị trong trang Đơn vị.")).toBeTruthy();
    expect(screen.queryByLabelText("Tên các cơ quan, đơn vị (mỗi dòng một tên)")).toBeNull();
  });

  it("reads every chosen form file (multiple) and hands them over together", async () => {
    const onImportForms = jest.fn();
    renderIn(
      <EntryPanel
        {...base}
        onImportForms={onImportForms}
        entry={{ unitsInSheet: 2, result: null }}
      />
    );
    const input = screen.getByLabelText<HTMLInputElement>("Nhập biểu tự đánh giá của các đơn vị");
    expect(input.multiple).toBe(true);
    const files = [new File(["a"], "so-tai-chinh.xlsx"), new File(["bc"], "moc-chau.xlsx")];
    fireEvent.change(input, { target: { files } });
    await waitFor(() => expect(onImportForms).toHaveBeenCalled());
    const got = onImportForms.mock.calls[0][0] as { fileName: string; bytes: ArrayBuffer }[];
    expect(got.map((f) => [f.fileName, f.bytes.byteLength])).toEqual([
      ["so-tai-chinh.xlsx", 1],
      ["moc-chau.xlsx", 2],
    ]);
  });

  it("shows what was done, links to the sheets and the problems met, in English too", () => {
    const onOpenSheet = jest.fn();
    renderIn(
      <EntryPanel
        {...base}
        onOpenSheet={onOpenSheet}
        entry={{
          unitsInSheet: 3,
          result: {
            kind: "imported",
            sheets: ["Nhập điểm", "Đơn vị"],
            units: 3,
            imported: 2,
            kept: 0,
            notes: ["c.pdf: not an .xlsx file"],
          },
        }}
      />,
      "en"
    );
    expect(screen.getByText(/Imported the forms of 2 agencies/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Open sheet Nhập điểm" }));
    expect(onOpenSheet).toHaveBeenCalledWith("Nhập điểm");
    expect(
      within(screen.getByRole("list", { name: "To review" })).getByText(/c\.pdf/)
    ).toBeTruthy();
    expect(screen.getByRole("button", { name: "Create the entry sheets" })).toBeTruthy();
    expect(screen.getByLabelText("Import agencies' self-assessment forms")).toBeTruthy();
  });
});

describe("undo of a quick fix (Kiểm tra)", () => {
  it("offers Hoàn tác with the cell named, and calls undo", () => {
    const onUndo = jest.fn();
    renderIn(
      <CheckPanel
        issues={[]}
        ready
        onGoTo={jest.fn()}
        onFix={jest.fn()}
        onRecheck={jest.fn()}
        busy={false}
        lastFix={{ cell: "'Nhập điểm'!F8", before: '"4,5"', after: "4,5" }}
        onUndo={onUndo}
      />
    );
    expect(screen.getByText(/Đã sửa ô 'Nhập điểm'!F8: "4,5" thành số 4,5/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Hoàn tác sửa ô 'Nhập điểm'!F8" }));
    expect(onUndo).toHaveBeenCalled();
  });
});

describe("unitsFromNames", () => {
  it("drops blank lines and repeats, tidies spacing", () => {
    const u = unitsFromNames(["  Sở Y tế ", "", "sở y  tế", "Sở Nội vụ"], "so-nganh");
    expect(u.map((x) => [x.id, x.name, x.groupId])).toEqual([
      ["u1", "Sở Y tế", "so-nganh"],
      ["u2", "Sở Nội vụ", "so-nganh"],
    ]);
  });
});

describe("the pane on a MemoryWorkbook", () => {
  /** Recognises the active sheet and confirms the set it holds. */
  async function confirmActiveSheet() {
    fireEvent.click(screen.getByRole("button", { name: "Nhận dạng trang tính đang mở" }));
    await screen.findByRole("group", { name: "Bộ chỉ số đã nạp" });
    fireEvent.click(screen.getByRole("button", { name: "Xác nhận bộ chỉ số" }));
    await screen.findByText(/Đã xác nhận/);
  }

  it("creates the entry sheets for typed agency names when the workbook has none", async () => {
    const wb = formWorkbook();
    pane(wb);
    await confirmActiveSheet();
    const names = await screen.findByLabelText("Tên các cơ quan, đơn vị (mỗi dòng một tên)");
    // Nothing typed: a clear message, nothing written.
    fireEvent.click(screen.getByRole("button", { name: "Tạo bảng nhập điểm" }));
    await screen.findByText(/Chưa có cơ quan, đơn vị nào/);
    expect(wb.hasSheet(ENTRY_SHEET)).toBe(false);

    fireEvent.change(names, { target: { value: "Sở Tài chính\nSở Y tế\n" } });
    fireEvent.click(screen.getByRole("button", { name: "Tạo bảng nhập điểm" }));
    await screen.findByText("Đã tạo bảng nhập điểm cho 2 cơ quan, đơn vị.", undefined, {
      timeout: 5000,
    });
    expect(wb.hasSheet(ENTRY_SHEET)).toBe(true);
    expect(rowTexts(wb, ENTRY_SHEET, 4)).toEqual(
      expect.arrayContaining(["Sở Tài chính", "Sở Y tế"])
    );
    expect(rowTexts(wb, UNITS_SHEET, 2)).toContain("Sở Tài chính");
    // The Đơn vị sheet now exists: the pane uses it and stops asking for names.
    await screen.findByText("Dùng 2 cơ quan, đơn vị trong trang Đơn vị.");
    await settle();

    // A score typed in the matrix survives creating the sheets again.
    const headers = wb.snapshot(ENTRY_SHEET).cells;
    const col = Object.keys(headers).find((a) => /^[A-Z]+4$/.test(a) && headers[a] === "Sở Y tế");
    const scoreCell = col!.replace("4", "7");
    act(() => wb.userEdit(ENTRY_SHEET, scoreCell, 3));
    await settle();
    fireEvent.click(screen.getByRole("button", { name: "Tạo bảng nhập điểm" }));
    await screen.findByText(
      "Đã tạo bảng nhập điểm cho 2 cơ quan, đơn vị; giữ lại 1 điểm đã nhập.",
      undefined,
      {
        timeout: 5000,
      }
    );
    expect(wb.get(ENTRY_SHEET, scoreCell)).toBe(3);
    await settle();
  });

  it("never overwrites the user's own Nhập điểm sheet (the sample's): says so in a MessageBar", async () => {
    const wb = MemoryWorkbook.fromGrids(sampleGrids());
    wb.activate(ENTRY_SHEET);
    pane(wb);
    await confirmActiveSheet();
    await screen.findByText("Dùng 20 cơ quan, đơn vị trong trang Đơn vị.", undefined, {
      timeout: 5000,
    });
    const before = JSON.stringify(wb.snapshot(ENTRY_SHEET).cells);
    fireEvent.click(screen.getByRole("button", { name: "Tạo bảng nhập điểm" }));
    await screen.findByText(/Đã có trang "Nhập điểm" của người dùng/, undefined, { timeout: 5000 });
    expect(JSON.stringify(wb.snapshot(ENTRY_SHEET).cells)).toBe(before);
    await settle();
  });

  it("imports many agencies' forms at once; a file that is not an .xlsx is listed", async () => {
    const wb = formWorkbook();
    pane(wb);
    await confirmActiveSheet();
    const input = await screen.findByLabelText<HTMLInputElement>(
      "Nhập biểu tự đánh giá của các đơn vị"
    );
    const a = await formBytes("Sở Tài chính", (c) => (c === "1.1" ? 4 : 3));
    const b = await formBytes("UBND huyện Mộc Châu", (c) => (c === "1.1" ? "4,5" : 2));
    const files = [
      new File([a], "so-tai-chinh.xlsx"),
      new File([b], "moc-chau.xlsx"),
      new File(["%PDF-1.4"], "quyet-dinh.pdf"),
    ];
    fireEvent.change(input, { target: { files } });
    await screen.findByText(
      /Đã nhập biểu của 2 đơn vị; bảng nhập điểm có 2 cơ quan, đơn vị\./,
      undefined,
      {
        timeout: 10000,
      }
    );
    expect(rowTexts(wb, ENTRY_SHEET, 4)).toEqual(
      expect.arrayContaining(["Sở Tài chính", "UBND huyện Mộc Châu"])
    );
    const notes = screen.getByRole("list", { name: "Cần xem lại" });
    expect(notes.textContent).toContain("quyet-dinh.pdf");
    // The self scores are in the matrix: 4 for 1.1 of Sở Tài chính, "4,5" as typed for Mộc Châu.
    const values = Object.values(wb.snapshot(ENTRY_SHEET).cells);
    expect(values).toContain("4,5");
  });

  it("undoes a quick fix: the text comes back, only while the cell still holds the fix", async () => {
    const wb = MemoryWorkbook.fromGrids(sampleGrids());
    wb.activate(ENTRY_SHEET);
    pane(wb);
    fireEvent.click(screen.getByRole("button", { name: "Nhận dạng trang tính đang mở" }));
    await screen.findByRole("group", { name: "Bộ chỉ số đã nạp" });
    fireEvent.click(screen.getByRole("button", { name: "Xác nhận bộ chỉ số" }));
    await screen.findByText(/Đã xác nhận/);
    fireEvent.click(screen.getByRole("tab", { name: /Kiểm tra/ }));
    // The sample holds "8,5" typed as text somewhere: its quick fix.
    const fixButton = (
      await screen.findAllByRole("button", { name: /^Sửa nhanh / }, { timeout: 5000 })
    )[0]!;
    const cell = fixButton.getAttribute("aria-label")!.replace("Sửa nhanh ", "");
    const text = wb.get(ENTRY_SHEET, cell);
    expect(typeof text).toBe("string");
    await settle();
    fireEvent.click(fixButton);
    fireEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Sửa" }));
    await waitFor(() => expect(typeof wb.get(ENTRY_SHEET, cell)).toBe("number"));
    const undo = await screen.findByRole("button", { name: `Hoàn tác sửa ô 'Nhập điểm'!${cell}` });
    await settle();
    fireEvent.click(undo);
    await waitFor(() => expect(wb.get(ENTRY_SHEET, cell)).toBe(text));
    await waitFor(() => expect(screen.queryByRole("button", { name: /^Hoàn tác/ })).toBeNull());
    // The issue is back with its fix.
    await screen.findByRole("button", { name: `Sửa nhanh ${cell}` }, { timeout: 5000 });
    await settle();
  });

  it("draws the charts recorded by the command line once when the pane opens; absence is fine", async () => {
    const wb = MemoryWorkbook.fromGrids(sampleGrids());
    const draw = jest.fn(() => Promise.resolve(["Xếp hạng"] as readonly string[]));
    const port: WorkbookPort = Object.assign(Object.create(wb) as MemoryWorkbook, {
      drawRecordedCharts: draw,
    });
    pane(port);
    await waitFor(() => expect(draw).toHaveBeenCalledTimes(1));
    await settle();
    expect(draw).toHaveBeenCalledTimes(1);
    // Without the method (memory adapter, preview) the pane starts normally.
    expect("drawRecordedCharts" in wb).toBe(false);
  });
});
