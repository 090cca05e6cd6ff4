/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen } from "@testing-library/react";
import type { Locale } from "../../src/engine/model/types";
import { createSelectionHub } from "../../src/preview/selection-hub";
import { WorkbookView } from "../../src/preview/WorkbookView/WorkbookView";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";

const text = (value: string) => ({ kind: "text" as const, value });
const num = (value: number) => ({ kind: "number" as const, value });

/** A ranked sheet as the add-in writes it: values with number formats. */
async function workbook(): Promise<MemoryWorkbook> {
  const wb = MemoryWorkbook.fromGrids([]);
  await wb.apply([
    {
      name: "Xếp hạng",
      owned: true,
      role: "ranking",
      blocks: [
        {
          address: "A1",
          rows: [
            ["Đơn vị", "Điểm", "Tỷ lệ", "Hạng", "TB"].map(text),
            [text("Sở Y tế"), ...[88.5, 0.885, 1, 65.33333333333].map(num)],
          ],
        },
      ],
      styles: [
        { range: "B2", style: { numberFormat: "0.00" } },
        { range: "C2", style: { numberFormat: "0.00%" } },
        { range: "D2", style: { numberFormat: "0" } },
      ],
    },
  ]);
  return wb;
}

function show(wb: MemoryWorkbook, locale: Locale) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <WorkbookView
        workbook={wb}
        selection={createSelectionHub()}
        locale={locale}
        labels={{
          workbook: "Workbook",
          sheets: "Sheets",
          formulaBar: "Formula bar",
          grid: (s) => `Sheet ${s}`,
          cellEditor: (c) => `Edit ${c}`,
          chart: (title, n) => `Chart ${title} (${n})`,
          chartNoValue: "no value",
        }}
      />
    </FluentProvider>
  );
}

function cellText(addr: string): string {
  const grid = screen.getByRole("grid", { name: "Sheet Xếp hạng" });
  return grid.querySelector(`[data-cell="${addr}"]`)?.textContent ?? "<missing>";
}

describe("the preview grid shows cells with their number formats", () => {
  it("Vietnamese style: decimal comma", async () => {
    const wb = await workbook();
    show(wb, "vi");
    expect(cellText("B2")).toBe("88,50");
    expect(cellText("C2")).toBe("88,50%");
    expect(cellText("D2")).toBe("1");
    expect(cellText("E2")).toBe("65,33333333");
    expect(cellText("A2")).toBe("Sở Y tế");
  });

  it("English style: decimal point; the formula bar keeps the raw value", async () => {
    const wb = await workbook();
    show(wb, "en");
    expect(cellText("B2")).toBe("88.50");
    expect(cellText("C2")).toBe("88.50%");
    expect(screen.getByRole("textbox", { name: "Formula bar" })).toBeTruthy();
    expect(cellText("E2")).toBe("65.33333333");
  });
});

describe("typing into a selected cell without entering edit mode (issue 13: đạt became t)", () => {
  const stored = (wb: MemoryWorkbook, addr: string) => wb.snapshot("Xếp hạng").cells[addr];

  it("text that arrives without a printable keydown (IME commit, insertText) starts the edit", async () => {
    const wb = await workbook();
    show(wb, "vi");
    const grid = screen.getByRole("grid", { name: "Sheet Xếp hạng" });
    fireEvent.click(grid.querySelector('[data-cell="A3"]')!);
    act(() => grid.focus());
    // The grid's focus is somewhere editable, so the browser has a place to put the text.
    const typeAhead = document.activeElement as HTMLInputElement;
    expect(typeAhead.tagName).toBe("INPUT");
    expect(typeAhead.getAttribute("aria-label")).toBe("Sheet Xếp hạng A3");
    // "đ" is not on the keyboard: the browser inserts it with no keydown of its own.
    fireEvent.input(typeAhead, { target: { value: "đ" } });
    const editor = screen.getByRole<HTMLInputElement>("textbox", { name: "Edit A3" });
    expect(editor.value).toBe("đ");
    fireEvent.change(editor, { target: { value: "đạt" } });
    fireEvent.keyDown(editor, { key: "Enter" });
    expect(stored(wb, "A3")).toBe("đạt");
  });

  it("an IME's Process keydown does not open an empty edit; its composition lands whole", async () => {
    const wb = await workbook();
    show(wb, "vi");
    const grid = screen.getByRole("grid", { name: "Sheet Xếp hạng" });
    fireEvent.click(grid.querySelector('[data-cell="A3"]')!);
    act(() => grid.focus());
    const typeAhead = document.activeElement as HTMLInputElement;
    fireEvent.keyDown(typeAhead, { key: "Process", keyCode: 229 });
    expect(screen.queryByRole("textbox", { name: "Edit A3" })).toBeNull();
    typeAhead.value = "đạt";
    fireEvent.compositionEnd(typeAhead, { data: "đạt" });
    const editor = screen.getByRole<HTMLInputElement>("textbox", { name: "Edit A3" });
    expect(editor.value).toBe("đạt");
    fireEvent.keyDown(editor, { key: "Enter" });
    expect(stored(wb, "A3")).toBe("đạt");
  });

  it("a plain key still starts the edit with that key, and arrows still move", async () => {
    const wb = await workbook();
    show(wb, "vi");
    const grid = screen.getByRole("grid", { name: "Sheet Xếp hạng" });
    fireEvent.click(grid.querySelector('[data-cell="A3"]')!);
    act(() => grid.focus());
    fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    fireEvent.keyDown(document.activeElement!, { key: "x" });
    const editor = screen.getByRole<HTMLInputElement>("textbox", { name: "Edit A4" });
    expect(editor.value).toBe("x");
    fireEvent.keyDown(editor, { key: "Enter" });
    expect(stored(wb, "A4")).toBe("x");
  });
});
