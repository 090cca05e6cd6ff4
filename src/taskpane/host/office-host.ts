/**
 * The pane's link to Excel: office.js is optional (loaded async from the CDN, absent outside Office
 * or offline). `officeHost()` resolves to "excel" only inside Excel, after `await Office.onReady()`.
 */
import type { CellRef } from "../../engine/model/types";
import type { SelectionSource } from "../controller/services";

/** How long to wait for office.js to arrive before treating the page as outside Office. */
const OFFICE_SCRIPT_WAIT_MS = 8000;

function officeScriptSettled(): Promise<void> {
  if (typeof Office !== "undefined") return Promise.resolve();
  const script = document.querySelector<HTMLScriptElement>('script[src*="office.js"]');
  if (!script) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => resolve();
    script.addEventListener("load", done, { once: true });
    script.addEventListener("error", done, { once: true });
    setTimeout(done, OFFICE_SCRIPT_WAIT_MS);
  });
}

export async function officeHost(): Promise<"excel" | "none"> {
  await officeScriptSettled();
  if (typeof Office === "undefined") return "none";
  const info = await Office.onReady();
  return info.host === Office.HostType.Excel ? "excel" : "none";
}

/** Excel's selection as a SelectionSource: one Excel.run per selection change. */
export const officeSelection: SelectionSource = {
  subscribe(listener: (cell: CellRef) => void): () => void {
    const handler = () => {
      void Excel.run(async (context) => {
        const range = context.workbook.getSelectedRange();
        range.load("address");
        await context.sync();
        const address = range.address; // "'Nhập điểm'!G7:H9"
        const bang = address.lastIndexOf("!");
        const sheet = address.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'");
        const cell = address.slice(bang + 1).split(":")[0] ?? "A1";
        listener({ sheet, cell });
      }).catch(() => undefined); // a selection we cannot read is simply not explained
    };
    Office.context.document.addHandlerAsync(Office.EventType.DocumentSelectionChanged, handler);
    return () => {
      Office.context.document.removeHandlerAsync(Office.EventType.DocumentSelectionChanged, {
        handler,
      });
    };
  },
};
