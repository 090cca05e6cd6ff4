/** @jest-environment jsdom */
/**
 * The whole pane on the real use-cases and a MemoryWorkbook holding the embedded sample: what a user
 * does in the preview, without a browser.
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { render } from "@testing-library/react";
import { writeSampleWorkbook } from "../../src/app/sample-workbook";
import { validateWorkbook } from "../../src/app/validate-workbook";
import { createSelectionHub } from "../../src/preview/selection-hub";
import { createPaneServices } from "../../src/taskpane/controller/services";
import { PaneApp } from "../../src/taskpane/PaneApp";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import { PortError, type WorkbookPort } from "../../src/workbook/port";
import "./render"; // ResizeObserver for jsdom

const SHEET = "Nhập điểm";

/** The sample as the preview holds it: entry sheets the add-in wrote (highlights go only there). */
async function sampleWorkbook(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await writeSampleWorkbook(wb);
  return wb;
}

async function setup(wrap: (wb: MemoryWorkbook) => WorkbookPort = (wb) => wb) {
  const wb = await sampleWorkbook();
  wb.activate(SHEET);
  const hub = createSelectionHub();
  render(<PaneApp services={createPaneServices(wrap(wb), hub)} initialProfileId="sample" />);
  return { wb, hub };
}

async function loadAndConfirm() {
  fireEvent.click(screen.getByRole("button", { name: "Nhận dạng trang tính đang mở" }));
  const card = await screen.findByRole("group", { name: "Bộ chỉ số đã nạp" });
  expect(card.textContent).toContain("Số cơ quan, đơn vị20");
  fireEvent.click(screen.getByRole("button", { name: "Xác nhận bộ chỉ số" }));
  await screen.findByText(/Đã xác nhận/);
}

/** Lets a burst of live checks finish (debounced in the pane) before the next click. */
const settle = () => act(() => new Promise((r) => setTimeout(r, 300)));

const listText = () => screen.queryByRole("list", { name: "Danh sách vấn đề" })?.textContent ?? "";

describe("the task pane on the sample workbook", () => {
  it("loads, checks live, fixes, ranks, explains and switches to English", async () => {
    const { wb, hub } = await setup();
    await loadAndConfirm();

    // Kiểm tra: the same issues a full check finds on an untouched copy of the sample.
    fireEvent.click(screen.getByRole("tab", { name: /Kiểm tra/ }));
    const fresh = await sampleWorkbook();
    await fresh.writeSettings(await wb.readSettings());
    const expected = await validateWorkbook(fresh);
    const errors = expected.filter((i) => i.severity === "error").length;
    await waitFor(() => expect(screen.getByText(`Lỗi: ${errors}`)).toBeTruthy());

    // Type an above-maximum score (component 1.1, max 5): the issue appears and the cell is painted.
    act(() => wb.userEdit(SHEET, "G7", 9));
    await waitFor(() => expect(listText()).toContain("'Nhập điểm'!G7"), { timeout: 5000 });
    expect(wb.getStyle(SHEET, "G7")?.fill).toBeDefined();
    // Put it right: the issue goes.
    act(() => wb.userEdit(SHEET, "G7", 4));
    await waitFor(() => expect(listText()).not.toContain("'Nhập điểm'!G7"), { timeout: 5000 });

    // Paste "4,5" as text: a warning with a safe fix, applied after confirmation.
    act(() => wb.userPaste(SHEET, "G8", [["4,5"], [4]]));
    const fixButton = await screen.findByRole(
      "button",
      { name: "Sửa nhanh G8" },
      { timeout: 5000 }
    );
    await settle();
    fireEvent.click(fixButton);
    fireEvent.click(
      within(await screen.findByRole("dialog", undefined, { timeout: 5000 })).getByRole("button", {
        name: "Sửa",
      })
    );
    await waitFor(() => expect(wb.get(SHEET, "G8")).toBe(4.5));
    await waitFor(() => expect(screen.queryByRole("button", { name: "Sửa nhanh G8" })).toBeNull());

    // Go to a cell from the list.
    const goTo = screen.getAllByRole("button", { name: /^Đến ô / })[0]!;
    fireEvent.click(goTo);
    await waitFor(() => expect(wb.selection?.cell).toBe(goTo.textContent?.replace("Đến ô ", "")));

    // Xếp hạng: one click, sheets made, links to them.
    fireEvent.click(screen.getByRole("tab", { name: /Xếp hạng/ }));
    fireEvent.click(screen.getByRole("button", { name: "Tạo bảng xếp hạng" }));
    // Issue 13 item 2: errors are outstanding (the sample's planted ones): the pane asks first,
    // lists them, and the question has the focus.
    const ask = await screen.findByText(`${errors} lỗi chưa sửa`);
    expect(document.activeElement?.contains(ask)).toBe(true);
    expect(
      within(screen.getByRole("list", { name: "Lỗi chưa sửa" })).getAllByRole("listitem")
    ).toHaveLength(Math.min(errors, 8));
    fireEvent.click(screen.getByRole("button", { name: "Vẫn xếp hạng" }));
    await screen.findByText("20 đơn vị được xếp hạng.", undefined, { timeout: 5000 });
    expect(screen.queryByText(`${errors} lỗi chưa sửa`)).toBeNull();
    // The ranked sheet says in words which results are provisional.
    const notes = wb
      .sheetNames()
      .filter((n) => n.startsWith("XH - "))
      .map((n) => JSON.stringify(wb.snapshot(n).cells))
      .join("");
    expect(/tạm tính: \d+ lỗi ở/.test(notes)).toBe(true);
    // The decision's appendix: one click, "Phụ lục - …" sheets.
    fireEvent.click(screen.getByRole("button", { name: "Tạo phụ lục quyết định" }));
    fireEvent.click(await screen.findByRole("button", { name: "Vẫn xếp hạng" }));
    await waitFor(
      () => expect(wb.sheetNames().some((n) => n.startsWith("Phụ lục - "))).toBe(true),
      {
        timeout: 5000,
      }
    );
    await screen.findByText("20 đơn vị được xếp hạng.", undefined, { timeout: 5000 });
    // "Sửa trước" builds nothing and goes to Kiểm tra.
    fireEvent.click(screen.getByRole("button", { name: "Tạo bảng xếp hạng" }));
    fireEvent.click(await screen.findByRole("button", { name: "Sửa trước" }));
    expect(screen.getByRole("tab", { name: /Kiểm tra/ }).getAttribute("aria-selected")).toBe(
      "true"
    );
    fireEvent.click(screen.getByRole("tab", { name: /Xếp hạng/ }));
    const links = screen.getAllByRole("button", { name: /^Mở trang / });
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const l of links) expect(wb.hasSheet(l.textContent ?? "")).toBe(true);

    // Giải thích: select the score cell F7 (appraised 4 of component 1.1).
    fireEvent.click(screen.getByRole("tab", { name: /Giải thích/ }));
    act(() => hub.emit({ sheet: SHEET, cell: "G7" }));
    await waitFor(() =>
      expect(document.querySelector("dl")?.textContent).toContain("'Nhập điểm'!G7")
    );
    const dl = document.querySelector("dl")!.textContent;
    expect(dl).toContain("4 trên tối đa 5");
    expect(dl).toContain("Điểm thẩm định đã nhập");
    expect(dl).toContain("1287/QĐ-UBND");

    // English.
    fireEvent.click(screen.getByRole("switch", { name: "Hiển thị bằng tiếng Anh" }));
    expect(await screen.findByRole("tab", { name: /Check/ })).toBeTruthy();
    expect(document.querySelector("dl")!.textContent).toContain("4 out of 5");
  }, 90000);

  it("shows an Excel error as a plain Vietnamese MessageBar, never a stack trace", async () => {
    const { wb } = await setup(
      (mem) =>
        new Proxy(mem, {
          get(target, prop, receiver) {
            if (prop === "writeValues")
              return () =>
                Promise.reject(new PortError("cell_edit_mode", {}, "InvalidOperation at x.js:1"));
            const v: unknown = Reflect.get(target, prop, receiver);
            return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
          },
        })
    );
    await loadAndConfirm();
    fireEvent.click(screen.getByRole("tab", { name: /Kiểm tra/ }));
    act(() => wb.userEdit(SHEET, "G8", "4,5"));
    await screen.findByRole("button", { name: "Sửa nhanh G8" }, { timeout: 5000 });
    await settle();
    fireEvent.click(screen.getByRole("button", { name: "Sửa nhanh G8" }));
    fireEvent.click(
      within(await screen.findByRole("dialog", undefined, { timeout: 5000 })).getByRole("button", {
        name: "Sửa",
      })
    );
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Excel đang ở chế độ sửa ô");
    expect(alert.textContent).not.toMatch(/x\.js|InvalidOperation|at /);
    expect(wb.get(SHEET, "G8")).toBe("4,5");
  }, 30000);
});
