/**
 * `npm start`: the preview. The real task pane runs on a MemoryWorkbook preloaded with the embedded
 * sample (illustrative data), beside a grid view of that workbook. No office.js anywhere.
 */
import { createRoot } from "react-dom/client";
import { ENTRY_SHEET, sampleGrids } from "../engine";
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
  const workbook = MemoryWorkbook.fromGrids(sampleGrids());
  if (workbook.hasSheet(ENTRY_SHEET)) workbook.activate(ENTRY_SHEET);
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
