/** @jest-environment jsdom */
/**
 * "Tiến độ" (issue 13): per agency, whether its form was imported, how many scores are entered and
 * appraised, and how many lack evidence, from the entry workbook (the real use-cases on a
 * MemoryWorkbook holding the sample as the add-in writes it), following edits and imports.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { writeSampleWorkbook } from "../../src/app/sample-workbook";
import { columnLetters } from "../../src/engine/address";
import { ENTRY_FIRST_ROW, ENTRY_SHEET, unitColumn } from "../../src/engine/entry";
import type { CellValue } from "../../src/engine/model/types";
import { SAMPLE_INDICATORS, SAMPLE_PROBLEMS, SAMPLE_UNITS } from "../../src/engine/sample";
import { createSelectionHub } from "../../src/preview/selection-hub";
import { ProgressPanel } from "../../src/taskpane/components/ProgressPanel/ProgressPanel";
import { createPaneServices } from "../../src/taskpane/controller/services";
import type { ProgressView } from "../../src/taskpane/controller/types";
import { PaneApp } from "../../src/taskpane/PaneApp";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import { formBytes as agencyFormBytes, formRows, sampleFormLines } from "../support/agency-form";
import { renderIn } from "./render";

const settle = () => act(() => new Promise((r) => setTimeout(r, 300)));

/** One agency's self-assessment form for the sample set, as the .xlsx it sends. */
async function formBytes(unit: string, score: (code: string) => CellValue): Promise<ArrayBuffer> {
  return await agencyFormBytes(formRows(unit, sampleFormLines(score)));
}

/** The self-assessment cell of a sample unit and code in "Nhập điểm" (layout in src/engine/entry). */
function selfCell(unit: string, code: string): string {
  const u = SAMPLE_UNITS.findIndex((x) => x.name === unit);
  const row = ENTRY_FIRST_ROW + SAMPLE_INDICATORS.findIndex((i) => i.code === code);
  return `${columnLetters(unitColumn(u))}${row}`;
}

/** The agency's item in the list. */
function item(unit: string): HTMLElement {
  const name = screen.getByText(unit, { selector: "span" });
  const li = name.closest("li");
  if (!li) throw new Error(unit);
  return li;
}

describe("Tiến độ on the sample workbook", () => {
  it("shows per agency its form, scores entered and appraised, missing evidence; follows edits and imports", async () => {
    const wb = new MemoryWorkbook();
    await writeSampleWorkbook(wb);
    wb.activate(ENTRY_SHEET);
    const hub = createSelectionHub();
    render(<PaneApp services={createPaneServices(wb, hub)} initialProfileId="sample" />);
    fireEvent.click(screen.getByRole("button", { name: "Nhận dạng trang tính đang mở" }));
    await screen.findByRole("group", { name: "Bộ chỉ số đã nạp" }, { timeout: 5000 });
    fireEvent.click(screen.getByRole("button", { name: "Xác nhận bộ chỉ số" }));
    await screen.findByText(/Đã xác nhận/, undefined, { timeout: 5000 });
    await settle();

    fireEvent.click(screen.getByRole("tab", { name: "Tiến độ" }));
    const summary = await screen.findByRole("list", { name: "Tổng hợp" }, { timeout: 5000 });
    expect(summary.textContent).toContain("Biểu mẫu đã nhập: 0/20 đơn vị");
    // Two groups, each with its list.
    const agencies = screen.getByRole("list", { name: /^Tiến độ các đơn vị: Sở, ban, ngành/ });
    expect(screen.getByRole("list", { name: /^Tiến độ các đơn vị: UBND các huyện/ })).toBeTruthy();
    expect(within(agencies).getByText("Sở Tài chính")).toBeTruthy();

    // The planted problems: a blank score, a unit missing evidence; districts not appraised.
    const g = item(SAMPLE_PROBLEMS.blank.unit);
    expect(g.textContent).toContain("Tự đánh giá 19/20");
    expect(g.textContent).toContain("Thẩm định 0/20");
    expect(g.textContent).toContain("Biểu mẫu: chưa nhập");
    expect(item(SAMPLE_PROBLEMS.noEvidence.unit).textContent).toMatch(/Thiếu tài liệu [1-9]/);
    expect(item("Sở Tài chính").textContent).toContain("Tự đánh giá 20/20");
    expect(item("Sở Tài chính").textContent).toContain("Thẩm định 20/20");

    // "Xem" selects the agency's column in the entry matrix.
    const seen: string[] = [];
    const select = wb.select.bind(wb);
    jest.spyOn(wb, "select").mockImplementation(async (sheet, cell) => {
      seen.push(`${sheet}!${cell}`);
      await select(sheet, cell);
    });
    fireEvent.click(screen.getByRole("button", { name: "Xem Sở Tài chính trong trang Nhập điểm" }));
    await waitFor(() => expect(seen).toEqual([expect.stringMatching(/^Nhập điểm!/)]));

    // The blank score typed in: the counts follow while the tab is shown.
    const blankCell = selfCell(SAMPLE_PROBLEMS.blank.unit, SAMPLE_PROBLEMS.blank.code);
    expect(wb.get(ENTRY_SHEET, blankCell)).toBeNull();
    act(() => wb.userEdit(ENTRY_SHEET, blankCell, 2));
    await waitFor(
      () => expect(item(SAMPLE_PROBLEMS.blank.unit).textContent).toContain("Tự đánh giá 20/20"),
      { timeout: 5000 }
    );

    // Import one agency's form (Bộ chỉ số tab): back on Tiến độ, it says which file.
    fireEvent.click(screen.getByRole("tab", { name: "Bộ chỉ số" }));
    const input = await screen.findByLabelText<HTMLInputElement>(
      "Nhập biểu tự đánh giá của các đơn vị"
    );
    const bytes = await formBytes("Sở Nội vụ", () => 3);
    fireEvent.change(input, { target: { files: [new File([bytes], "so-noi-vu.xlsx")] } });
    await screen.findByText(/Đã nhập biểu của 1 đơn vị/, undefined, { timeout: 10000 });
    await settle();
    fireEvent.click(screen.getByRole("tab", { name: "Tiến độ" }));
    await waitFor(
      () => expect(item("Sở Nội vụ").textContent).toContain("Biểu mẫu: đã nhập từ so-noi-vu.xlsx"),
      { timeout: 5000 }
    );
    expect(screen.getByRole("list", { name: "Tổng hợp" }).textContent).toContain(
      "Biểu mẫu đã nhập: 1/20 đơn vị"
    );

    // Sở Tài chính entered and appraised everything, with evidence: finished, and hidden when only
    // the unfinished agencies are shown.
    expect(item("Sở Tài chính").textContent).toContain("Đã xong");
    expect(item("UBND huyện K").textContent).not.toContain("Đã xong");
    fireEvent.click(screen.getByRole("switch", { name: "Chỉ hiện đơn vị chưa xong" }));
    expect(screen.queryByText("Sở Tài chính", { selector: "span" })).toBeNull();
    expect(item("UBND huyện K")).toBeTruthy();

    // English: the same view in English.
    fireEvent.click(screen.getByRole("switch", { name: "Hiển thị bằng tiếng Anh" }));
    expect(await screen.findByRole("list", { name: "Summary" })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "Progress" })).toBeTruthy();
    await settle();
  });
});

describe("ProgressPanel", () => {
  const base = { onRefresh: jest.fn(), onGoTo: jest.fn(), busy: false };
  it("before a set is confirmed, says so", () => {
    renderIn(<ProgressPanel {...base} ready={false} progress={{ kind: "none" }} />);
    expect(screen.getByText("Chưa nạp bộ chỉ số: vào thẻ Bộ chỉ số trước.")).toBeTruthy();
  });

  it("says why the entry sheet cannot be read", () => {
    const progress: ProgressView = { kind: "unreadable", problems: ["Không có trang Nhập điểm."] };
    renderIn(<ProgressPanel {...base} ready progress={progress} />);
    expect(screen.getByRole("status").textContent).toContain("Không có trang Nhập điểm.");
  });

  it("a finished agency is marked in words; 'only unfinished' hides it; refresh asks again", () => {
    const unit = (name: string, done: boolean) => ({
      id: name,
      name,
      formFile: done ? "a.xlsx" : null,
      toEnter: 4,
      entered: done ? 4 : 1,
      appraised: done ? 4 : 0,
      missingEvidence: 0,
      errors: done ? 0 : 2,
      done,
      cell: null,
    });
    const progress: ProgressView = {
      kind: "read",
      groups: [
        { id: "g", name: "Sở, ban, ngành", units: [unit("Sở A", true), unit("Sở B", false)] },
      ],
      totals: {
        units: 2,
        forms: 1,
        toEnter: 8,
        entered: 5,
        appraised: 4,
        missingEvidence: 0,
        done: 1,
      },
    };
    const onRefresh = jest.fn();
    renderIn(<ProgressPanel {...base} onRefresh={onRefresh} ready progress={progress} />);
    expect(item("Sở A").textContent).toContain("Đã xong");
    expect(item("Sở A").textContent).toContain("Biểu mẫu: đã nhập từ a.xlsx");
    expect(item("Sở B").textContent).toContain("2 lỗi");
    expect(screen.getByRole("list", { name: "Tổng hợp" }).textContent).toContain(
      "Đã xong: 1/2 đơn vị"
    );
    fireEvent.click(screen.getByRole("switch", { name: "Chỉ hiện đơn vị chưa xong" }));
    expect(screen.queryByText("Sở A")).toBeNull();
    expect(screen.getByText("Sở B")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Làm mới" }));
    expect(onRefresh).toHaveBeenCalled();
  });
});
