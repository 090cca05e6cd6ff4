/**
 * Request sizes measured with the real Excel client (excel-web-16.00, run in Node: real-client.ts):
 * the add-in's main actions at 3,321 units send no request of 5 MB or more (Excel on the web's
 * limit), and each still does its work. Slow (a million-cell entry sheet through the real client
 * and the fake): one run per size.
 */
import { OfficeWorkbook } from "../../../src/workbook/office/office-workbook";
import { FakeExcel } from "./fake-excel";
import { WEB_REQUEST_LIMIT, RealClientHost } from "./real-client";
import { ACTIONS, measureActions } from "./real-client-scenario";

jest.setTimeout(30 * 60 * 1000);

describe("the real Excel client over the fake", () => {
  it("runs the adapter: loads, writes, null objects, references kept across syncs, delayForCellEdit", async () => {
    const fake = new FakeExcel();
    fake.userSheet("Của tôi", { A1: "xin chào", B2: 5 });
    const host = new RealClientHost(fake);
    const port = new OfficeWorkbook({ host });
    expect(await port.listSheets()).toEqual([{ name: "Của tôi", owned: false, visible: true }]);
    expect((await port.readGrid("Của tôi")).values).toEqual([
      ["xin chào", null],
      [null, 5],
    ]);
    // Every request asked Excel to wait for a cell edit (request flag 64).
    expect(host.requests.every((r) => (r.flags & 64) === 64)).toBe(true);
  });
});

describe("request bytes of the main actions (real client)", () => {
  it.each([20, 3321])("%i units: every request under 5 MB, every action done", async (units) => {
    const measured = await measureActions(units);
    expect(measured.map((m) => m.action)).toEqual([...ACTIONS]);
    for (const m of measured) {
      expect(m.requests.length).toBeGreaterThan(0);
      const largest = Math.max(...m.requests.map((r) => r.bytes));
      expect({ action: m.action, largest: largest < WEB_REQUEST_LIMIT }).toEqual({
        action: m.action,
        largest: true,
      });
      // No request was refused for its size (a read that falls back after >512 merged areas is
      // refused by Excel for that reason, not its size).
      expect(m.requests.filter((r) => r.failed === "too large")).toEqual([]);
    }
    if (units === 3321) {
      // Large actions are cut into several requests, not sent whole.
      const entry = measured.find((m) => m.action === "entry sheets");
      expect(entry?.requests.reduce((s, r) => s + r.bytes, 0)).toBeGreaterThan(WEB_REQUEST_LIMIT);
    }
  });
});
