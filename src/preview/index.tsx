/**
 * `npm start`: the preview. The real task pane runs on a MemoryWorkbook preloaded with the embedded
 * sample (illustrative data), beside a grid view of that workbook. No office.js anywhere.
 */
import { createRoot } from "react-dom/client";
import { writeSampleWorkbook } from "../app/sample-workbook";
import { ENTRY_SHEET } from "../engine";
import { MemoryWorkbook } from "../workbook/memory/memory-workbook";
import { PreviewApp } from "./PreviewApp";

declare global {
  interface Window {
    /** For the browser tests: the workbook behind the preview and when the page first rendered. */
    dtiPreview?: { workbook: MemoryWorkbook; firstRenderMs: number | null };
  }
}

const el = document.getElementById("root");
if (el) {
  const workbook = new MemoryWorkbook();
  // The sample as the add-in wrote it (its own sheets: highlights are painted only there).
  void writeSampleWorkbook(workbook).then(() => {
    if (workbook.hasSheet(ENTRY_SHEET)) workbook.activate(ENTRY_SHEET);
    mount(el, workbook);
  });
}

function mount(el: HTMLElement, workbook: MemoryWorkbook): void {
  const handle: { workbook: MemoryWorkbook; firstRenderMs: number | null } = {
    workbook,
    firstRenderMs: null,
  };
  window.dtiPreview = handle;
  createRoot(el).render(
    <PreviewApp
      workbook={workbook}
      onFirstRender={() => {
        handle.firstRenderMs ??= performance.now();
      }}
    />
  );
}
