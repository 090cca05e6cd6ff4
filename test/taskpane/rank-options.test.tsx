/** @jest-environment jsdom */
/** The ranking tab's options are saved in the workbook and come back when it is opened again. */
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { sampleGrids } from "../../src/engine/sample";
import { createSelectionHub } from "../../src/preview/selection-hub";
import { createPaneServices } from "../../src/taskpane/controller/services";
import { PaneApp } from "../../src/taskpane/PaneApp";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import "./render"; // ResizeObserver for jsdom

const open = (wb: MemoryWorkbook) =>
  render(
    <PaneApp services={createPaneServices(wb, createSelectionHub())} initialProfileId="sample" />
  );

it("keeps the number of decimals chosen on the Xếp hạng tab in the workbook", async () => {
  const wb = MemoryWorkbook.fromGrids(sampleGrids());
  wb.activate("Nhập điểm");
  open(wb);
  fireEvent.click(screen.getByRole("button", { name: "Nhận dạng trang tính đang mở" }));
  await screen.findByRole("group", { name: "Bộ chỉ số đã nạp" });
  fireEvent.click(screen.getByRole("button", { name: "Xác nhận bộ chỉ số" }));
  await screen.findByText(/Đã xác nhận/);
  fireEvent.click(screen.getByRole("tab", { name: /Xếp hạng/ }));
  const decimals = await screen.findByLabelText<HTMLSelectElement>("Số chữ số thập phân");
  const other = decimals.value === "1" ? "3" : "1";
  fireEvent.change(decimals, { target: { value: other } });
  await waitFor(async () =>
    expect(JSON.parse((await wb.readSettings())["dti.rankOptions"] ?? "{}")).toMatchObject({
      decimals: Number(other),
    })
  );

  // The workbook opened again: the confirmed set and the choice come back.
  cleanup();
  open(wb);
  fireEvent.click(screen.getByRole("tab", { name: /Xếp hạng/ }));
  await waitFor(
    () => expect(screen.getByLabelText<HTMLSelectElement>("Số chữ số thập phân").value).toBe(other),
    { timeout: 5000 }
  );
});
