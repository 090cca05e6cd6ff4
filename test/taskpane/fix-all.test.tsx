/** @jest-environment jsdom */
/** "Sửa tất cả" in the whole pane on the sample workbook: one confirmation, one write, one undo. */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { sampleGrids } from "../../src/engine/sample";
import { createSelectionHub } from "../../src/preview/selection-hub";
import { createPaneServices } from "../../src/taskpane/controller/services";
import { PaneApp } from "../../src/taskpane/PaneApp";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import type { WorkbookPort } from "../../src/workbook/port";
import "./render"; // ResizeObserver for jsdom

const SHEET = "Nhập điểm";

it("fixes every number typed as text after one confirmation, in one write, and undoes them at once", async () => {
  const wb = MemoryWorkbook.fromGrids(sampleGrids());
  wb.activate(SHEET);
  const writes: string[][] = [];
  const port: WorkbookPort = Object.create(wb) as WorkbookPort;
  port.writeValues = async (sheet, cells) => {
    writes.push(cells.map((c) => `${sheet}!${c.cell}`));
    return wb.writeValues(sheet, cells);
  };
  render(
    <PaneApp services={createPaneServices(port, createSelectionHub())} initialProfileId="sample" />
  );
  fireEvent.click(screen.getByRole("button", { name: "Nhận dạng trang tính đang mở" }));
  await screen.findByRole("group", { name: "Bộ chỉ số đã nạp" });
  fireEvent.click(screen.getByRole("button", { name: "Xác nhận bộ chỉ số" }));
  await screen.findByText(/Đã xác nhận/);
  fireEvent.click(screen.getByRole("tab", { name: /Kiểm tra/ }));

  const typed = { G7: "4,5", G8: "3,5", G9: "2,5" };
  for (const [cell, text] of Object.entries(typed)) act(() => wb.userEdit(SHEET, cell, text));
  const fixAllName = /^Sửa tất cả \d+ ô số nhập dạng chữ$/;
  await screen.findByRole("button", { name: fixAllName }, { timeout: 5000 });
  // Let the burst of live checks finish (debounced in the pane) before the dialog opens.
  await act(() => new Promise((r) => setTimeout(r, 500)));
  const fixAll = screen.getByRole("button", { name: fixAllName });
  const n = Number(/\d+/.exec(fixAll.getAttribute("aria-label") ?? "")?.[0]);
  expect(n).toBeGreaterThanOrEqual(3);
  fireEvent.click(fixAll);
  const dialog = await screen.findByRole("dialog", undefined, { timeout: 5000 });
  expect(within(dialog).getByText(`Sửa ${n} ô số nhập dạng chữ?`)).toBeTruthy();
  expect(writes).toEqual([]); // nothing written before the user says yes
  // Once open, the dialog and its buttons are reachable (not aria-hidden).
  const confirm = await waitFor(() => within(dialog).getByRole("button", { name: "Sửa tất cả" }), {
    timeout: 5000,
  });
  fireEvent.click(confirm);

  await screen.findByText(`Đã sửa ${n} ô số nhập dạng chữ thành số.`, undefined, { timeout: 5000 });
  expect(writes).toHaveLength(1);
  expect(writes[0]).toHaveLength(n);
  expect(Object.keys(typed).map((c) => wb.get(SHEET, c))).toEqual([4.5, 3.5, 2.5]);
  await waitFor(() => expect(screen.queryByRole("button", { name: /^Sửa tất cả/ })).toBeNull());

  fireEvent.click(screen.getByRole("button", { name: `Hoàn tác sửa ${n} ô` }));
  await waitFor(() => expect(wb.get(SHEET, "G7")).toBe("4,5"), { timeout: 5000 });
  expect(writes).toHaveLength(2);
  expect(Object.keys(typed).map((c) => wb.get(SHEET, c))).toEqual(["4,5", "3,5", "2,5"]);
});
