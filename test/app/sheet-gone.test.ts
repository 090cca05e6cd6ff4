/**
 * Issue 13, stale state: a sheet the user deletes or renames is told to listeners as `gone` (under
 * its old name), and live validation drops the issues that pointed into it at once (a full re-check
 * that says the sheet is missing), without waiting for the next edit or "check again". On the
 * memory workbook and on the Office adapter over the fake Excel (worksheets.onDeleted /
 * onNameChanged).
 */
import { createEntrySheets } from "../../src/app/entry-sheets";
import { startLiveValidation } from "../../src/app/live-validation";
import { writeSession } from "../../src/app/session";
import { ENTRY_SHEET, UNITS_SHEET } from "../../src/engine";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office/office-workbook";
import type { ChangeEvent, WorkbookPort } from "../../src/workbook/port";
import { FakeExcel } from "../workbook/office/fake-excel";
import { makeUnits, smallSet } from "./fixtures";

interface Host {
  readonly name: string;
  make(): {
    port: WorkbookPort;
    edit(sheet: string, cell: string, v: number): Promise<void>;
    remove(sheet: string): Promise<void>;
    rename(sheet: string, to: string): Promise<void>;
  };
}

const hosts: readonly Host[] = [
  {
    name: "memory",
    make() {
      const wb = new MemoryWorkbook();
      return {
        port: wb,
        edit: (s, c, v) => Promise.resolve(wb.userEdit(s, c, v)),
        remove: (s) => Promise.resolve(wb.userDeleteSheet(s)),
        rename: (s, to) => Promise.resolve(wb.userRename(s, to)),
      };
    },
  },
  {
    name: "Office (fake Excel)",
    make() {
      const fake = new FakeExcel();
      return {
        port: new OfficeWorkbook({ host: fake.host, cellEditRetryDelayMs: 0 }),
        edit: (s, c, v) => fake.userEdit(s, c, v),
        remove: (s) => fake.userDeleteSheet(s),
        rename: (s, to) => fake.userRename(s, to),
      };
    },
  },
];

async function entryBook(port: WorkbookPort): Promise<void> {
  const set = smallSet();
  if (!(await createEntrySheets(port, set, makeUnits(3))).ok) throw new Error("not written");
  await writeSession(port, {
    profileId: set.profile.id,
    setSource: "built-in",
    sourceName: "",
    set,
  });
}

describe.each(hosts)("a sheet that is gone, on $name", (host) => {
  it("is told as gone under its old name (deleted or renamed); other edits are not", async () => {
    const h = host.make();
    await entryBook(h.port);
    const seen: ChangeEvent[] = [];
    const stop = await h.port.onChanged((e) => seen.push(e));
    await h.edit(ENTRY_SHEET, "F7", 3);
    await h.rename(UNITS_SHEET, "Đơn vị cũ");
    await h.remove("Đơn vị cũ");
    stop();
    expect(seen.filter((e) => e.gone !== true).map((e) => e.sheet)).toEqual([ENTRY_SHEET]);
    expect(seen.filter((e) => e.gone === true).map((e) => e.sheet)).toEqual([
      UNITS_SHEET,
      "Đơn vị cũ",
    ]);
  }, 30_000);

  it("live validation drops the issues of a deleted entry sheet at once", async () => {
    const h = host.make();
    await entryBook(h.port);
    const live = await startLiveValidation(h.port, { onIssues: () => undefined, debounceMs: 0 });
    await h.edit(ENTRY_SHEET, "F7", 99); // above the maximum: an issue at 'Nhập điểm'!F7
    await live.flush();
    expect(live.issues().some((i) => i.cell?.sheet === ENTRY_SHEET)).toBe(true);
    await h.remove(ENTRY_SHEET);
    await live.flush();
    // No "check again" needed: the sheet is said to be missing, nothing points into it.
    expect(live.issues().map((i) => i.code)).toEqual(["sheet_missing"]);
    expect(live.issues().some((i) => i.cell?.sheet === ENTRY_SHEET)).toBe(false);
    live();
  }, 30_000);
});
