/** @jest-environment jsdom */
/**
 * Issue 12, item 7: a sheet the add-in made and the user edited inside its table is not replaced
 * without a word. Creating the entry sheets or building the ranking again says which cells were
 * edited and offers "Vẫn tạo lại" (Rebuild anyway), which rebuilds over them; what the user put
 * outside the table stays. Without the click nothing is written. Entry sheets an earlier add-in
 * version wrote (no ownership marker) are adopted only on "Nhận trang cũ".
 */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { writeSampleWorkbook } from "../../src/app/sample-workbook";
import { ENTRY_SHEET } from "../../src/engine/entry";
import { createSelectionHub } from "../../src/preview/selection-hub";
import { createPaneServices } from "../../src/taskpane/controller/services";
import { PaneApp } from "../../src/taskpane/PaneApp";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import { SETTINGS_SHEET } from "../../src/workbook/ownership";
import "./render"; // ResizeObserver for jsdom

const settle = () => act(() => new Promise((r) => setTimeout(r, 300)));

/** The sample as an earlier add-in version wrote it: registry records without their token. */
async function olderSample(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await writeSampleWorkbook(wb);
  const grids = await wb.readGrids(wb.sheetNames());
  return MemoryWorkbook.fromGrids(
    grids.map((g) =>
      g.sheet !== SETTINGS_SHEET
        ? g
        : {
            ...g,
            values: g.values.map((row) =>
              row[0] === "sheet" ? row.map((v, c) => (c >= 4 ? null : v)) : row
            ),
          }
    )
  );
}

async function setup(older = false): Promise<MemoryWorkbook> {
  const wb = older ? await olderSample() : new MemoryWorkbook();
  if (!older) await writeSampleWorkbook(wb);
  wb.activate(ENTRY_SHEET);
  render(
    <PaneApp services={createPaneServices(wb, createSelectionHub())} initialProfileId="sample" />
  );
  fireEvent.click(screen.getByRole("button", { name: "Nhận dạng trang tính đang mở" }));
  await screen.findByRole("group", { name: "Bộ chỉ số đã nạp" });
  fireEvent.click(screen.getByRole("button", { name: "Xác nhận bộ chỉ số" }));
  await screen.findByText(/Đã xác nhận/);
  return wb;
}

describe("Vẫn tạo lại (Rebuild anyway) in the pane", () => {
  it("entry sheets: lists the edited cell, writes nothing, then rebuilds over it on the click", async () => {
    const wb = await setup();
    await screen.findByText("Dùng 20 cơ quan, đơn vị trong trang Đơn vị.", undefined, {
      timeout: 5000,
    });
    await settle();
    const name = wb.get(ENTRY_SHEET, "B7");
    // A hand edit inside the table (an indicator's name) and a note beside it.
    wb.set(ENTRY_SHEET, "B7", "tên sửa tay");
    wb.set(ENTRY_SHEET, "A200", "Người lập biểu: Lò Văn A");
    fireEvent.click(screen.getByRole("button", { name: "Tạo bảng nhập điểm" }));
    const alert = await screen.findByText(/đã được sửa tay.*B7/, undefined, { timeout: 5000 });
    expect(alert.textContent).toContain("Vẫn tạo lại");
    expect(wb.get(ENTRY_SHEET, "B7")).toBe("tên sửa tay");
    fireEvent.click(screen.getByRole("button", { name: "Vẫn tạo lại" }));
    await screen.findByText(/Đã tạo bảng nhập điểm cho 20 cơ quan, đơn vị/, undefined, {
      timeout: 5000,
    });
    expect(wb.get(ENTRY_SHEET, "B7")).toBe(name);
    expect(wb.get(ENTRY_SHEET, "A200")).toBe("Người lập biểu: Lò Văn A");
    expect(screen.queryByRole("button", { name: "Vẫn tạo lại" })).toBeNull();
    await settle();
  });

  it("ranking: a cell edited in a ranked table is listed; the click rebuilds, in English too", async () => {
    const wb = await setup();
    fireEvent.click(screen.getByRole("tab", { name: /Xếp hạng/ }));
    fireEvent.click(screen.getByRole("button", { name: "Tạo bảng xếp hạng" }));
    fireEvent.click(await screen.findByRole("button", { name: "Vẫn xếp hạng" }));
    await screen.findByText("20 đơn vị được xếp hạng.", undefined, { timeout: 5000 });
    await settle();
    const ranked = wb.sheetNames().find((n) => n.startsWith("XH - "));
    expect(ranked).toBeDefined();
    if (ranked === undefined) return;
    const before = wb.get(ranked, "B5");
    wb.set(ranked, "B5", "đã sửa");
    fireEvent.click(screen.getByRole("switch", { name: "Hiển thị bằng tiếng Anh" }));
    fireEvent.click(screen.getByRole("button", { name: /^Build the ranking/ }));
    fireEvent.click(await screen.findByRole("button", { name: "Rank anyway" }));
    await screen.findByText(/edited by hand.*B5/, undefined, { timeout: 5000 });
    expect(wb.get(ranked, "B5")).toBe("đã sửa");
    fireEvent.click(screen.getByRole("button", { name: "Rebuild anyway" }));
    await waitFor(() => expect(wb.get(ranked, "B5")).toBe(before), { timeout: 5000 });
    await waitFor(() =>
      expect(screen.queryByRole("button", { name: "Rebuild anyway" })).toBeNull()
    );
    await settle();
  });

  it("an older add-in version's entry sheet: Nhận trang cũ adopts it and rebuilds, scores kept", async () => {
    const wb = await setup(true);
    await screen.findByText("Dùng 20 cơ quan, đơn vị trong trang Đơn vị.", undefined, {
      timeout: 5000,
    });
    await settle();
    const before = JSON.stringify(wb.snapshot(ENTRY_SHEET).cells);
    fireEvent.click(screen.getByRole("button", { name: "Tạo bảng nhập điểm" }));
    await screen.findByText(/phiên bản cũ của tiện ích/, undefined, { timeout: 5000 });
    expect(JSON.stringify(wb.snapshot(ENTRY_SHEET).cells)).toBe(before);
    fireEvent.click(screen.getByRole("button", { name: "Nhận trang cũ" }));
    await screen.findByText(
      /Đã tạo bảng nhập điểm cho 20 cơ quan, đơn vị; giữ lại \d+ điểm/,
      undefined,
      {
        timeout: 5000,
      }
    );
    expect(wb.snapshot(ENTRY_SHEET).owned).toBe(true);
    await settle();
  });
});
