/**
 * The pane's link to Excel: office.js is optional (loaded from the CDN in the page's head, absent
 * outside Office or offline). `officeHost()` resolves to "excel" only inside Excel, after `await Office.onReady()`.
 */
import type { CellRef } from "../../engine";
import type { SelectionSource } from "../controller/services";

/**
 * office.js is a synchronous <script> in the page's <head> (taskpane.html), so by the time this
 * deferred bundle runs it has either loaded (Office defined) or failed (offline, blocked): no wait.
 */
export async function officeHost(): Promise<"excel" | "none"> {
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
