/** @jest-environment jsdom */
/**
 * Issue 13, stale state, in the whole pane (real use-cases, MemoryWorkbook holding the sample as the
 * add-in writes it): a sheet the user deletes takes its issues and links with it at once; the
 * last-year choices never list this year's own output sheets.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { writeSampleWorkbook } from "../../src/app/sample-workbook";
import { ENTRY_SHEET, UNITS_SHEET } from "../../src/engine/entry";
import { createSelectionHub } from "../../src/preview/selection-hub";
import { createPaneServices } from "../../src/taskpane/controller/services";
import { PaneApp } from "../../src/taskpane/PaneApp";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import "./render";

const settle = () => act(() => new Promise((r) => setTimeout(r, 300)));
const listText = () => screen.queryByRole("list", { name: "Danh sách vấn đề" })?.textContent ?? "";

async function confirmedPane(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await writeSampleWorkbook(wb);
  wb.activate(ENTRY_SHEET);
  render(
    <PaneApp services={createPaneServices(wb, createSelectionHub())} initialProfileId="sample" />
  );
  fireEvent.click(screen.getByRole("button", { name: "Nhận dạng trang tính đang mở" }));
  await screen.findByRole("group", { name: "Bộ chỉ số đã nạp" }, { timeout: 5000 });
  fireEvent.click(screen.getByRole("button", { name: "Xác nhận bộ chỉ số" }));
  await screen.findByText(/Đã xác nhận/, undefined, { timeout: 5000 });
  await settle();
  return wb;
}

describe("stale state in the pane", () => {
  it("a deleted entry sheet takes its issues with it, without 'check again'", async () => {
    const wb = await confirmedPane();
    fireEvent.click(screen.getByRole("tab", { name: /Kiểm tra/ }));
    await waitFor(() => expect(listText()).toContain("'Nhập điểm'!"), { timeout: 5000 });
    act(() => wb.userDeleteSheet(ENTRY_SHEET));
    await waitFor(() => expect(listText()).not.toContain("'Nhập điểm'!"), { timeout: 5000 });
    // What is wrong now is said: the sheet is missing.
    await waitFor(() => expect(listText()).toContain(`"${ENTRY_SHEET}"`), { timeout: 5000 });
    await settle();
  }, 30_000);

  it("last-year choices list neither this year's ranked sheets nor the entry sheets; a deleted choice goes", async () => {
    const wb = await confirmedPane();
    wb.set("KQ 2023", "A1", "Kết quả năm 2023");
    fireEvent.click(screen.getByRole("tab", { name: /Xếp hạng/ }));
    fireEvent.click(screen.getByRole("button", { name: "Tạo bảng xếp hạng" }));
    fireEvent.click(await screen.findByRole("button", { name: "Vẫn xếp hạng" }));
    await screen.findByText("20 đơn vị được xếp hạng.", undefined, { timeout: 10000 });
    const made = wb.sheetNames().filter((n) => n.startsWith("XH - "));
    expect(made.length).toBeGreaterThan(0);
    const select = screen.getByLabelText<HTMLSelectElement>("Kết quả năm trước (để so sánh)");
    const choices = within(select)
      .getAllByRole("option")
      .map((o) => o.textContent);
    expect(choices).toContain("KQ 2023");
    for (const n of [...made, ENTRY_SHEET, UNITS_SHEET]) expect(choices).not.toContain(n);

    fireEvent.change(select, { target: { value: "KQ 2023" } });
    expect(select.value).toBe("KQ 2023");
    act(() => wb.userDeleteSheet("KQ 2023"));
    await waitFor(() =>
      expect(
        within(screen.getByLabelText("Kết quả năm trước (để so sánh)"))
          .getAllByRole("option")
          .map((o) => o.textContent)
      ).not.toContain("KQ 2023")
    );
    // A deleted ranked sheet's link goes from the result.
    const first = made[0]!;
    expect(screen.getByRole("button", { name: `Mở trang ${first}` })).toBeTruthy();
    act(() => wb.userDeleteSheet(first));
    await waitFor(() =>
      expect(screen.queryByRole("button", { name: `Mở trang ${first}` })).toBeNull()
    );
    await settle();
  }, 60_000);
});
