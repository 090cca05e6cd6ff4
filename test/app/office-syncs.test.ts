/**
 * context.sync() counts per user action on the Office adapter over the fake Excel (which enforces
 * Excel on the web's 5 MB request and response limits and the 512-merged-areas limit): the six
 * actions a user runs cost the same number of syncs at 10 and at 3,321 units (ARCHITECTURE.md,
 * "Workbook rules"; issues 11 and 14): no command and no sync per unit. Only data larger than one
 * request (4 MB of the 5 MB Excel on the web takes in a request or a response) takes more syncs,
 * ⌈bytes / 4 MB⌉, each full. The figures are printed: `npx jest test/app/office-syncs
 * --selectProjects unit`.
 */
import { buildRanking } from "../../src/app/build-ranking";
import { createEntrySheets } from "../../src/app/entry-sheets";
import { importAgencyForms } from "../../src/app/import-forms";
import { confirmIndicatorSet, loadIndicatorSet } from "../../src/app/load-indicator-set";
import { startLiveValidation } from "../../src/app/live-validation";
import { validateWorkbook } from "../../src/app/validate-workbook";
import type { CellValue, Grid, Issue } from "../../src/engine/model/types";
import { ENTRY_SHEET } from "../../src/engine/entry";
import { DEFAULT_PAYLOAD_LIMIT, OfficeWorkbook } from "../../src/workbook/office/office-workbook";
import type { WorkbookPort } from "../../src/workbook/port";
import { FakeExcel, PAYLOAD_LIMIT } from "../workbook/office/fake-excel";
import { formGrid as agencyFormGrid, formRows, smallFormLines } from "../support/agency-form";
import { makeUnits, smallSet } from "./fixtures";

/** The actions measured, in the order a user runs them. */
const ACTIONS = ["create", "load", "confirm", "validate", "change", "rank", "importForm"] as const;
type Action = (typeof ACTIONS)[number];

interface Measured {
  readonly syncs: Readonly<Record<Action, number>>;
  /** Bytes each action sent (the fake's measure: its commands' JSON). */
  readonly requestBytes: Readonly<Partial<Record<Action, number>>>;
  readonly issuesAfterChange: readonly Issue[];
  /** Largest request and response of all the syncs (bytes, the fake's measure). */
  readonly maxPayload: number;
  readonly maxResponse: number;
}

/** One agency's self-assessment form as provinces send it (the smallSet's indicators). */
function formGrid(unit: string, scores: readonly CellValue[]): Grid {
  return agencyFormGrid(formRows(unit, smallFormLines(scores, "QĐ 1/2024")), ["A1:F1"]);
}

async function measure(units: number): Promise<Measured> {
  const fake = new FakeExcel();
  const port = new OfficeWorkbook({ host: fake.host, cellEditRetryDelayMs: 0 });
  const set = smallSet();
  const bytes: Partial<Record<Action, number>> = {};
  let current: Action = "create";
  const count = async (run: () => Promise<unknown>): Promise<number> => {
    const s0 = fake.syncs;
    await run();
    bytes[current] = fake.payloads.slice(s0).reduce((a, b) => a + b, 0);
    return fake.syncs - s0;
  };
  let confirmed: Awaited<ReturnType<typeof loadIndicatorSet>> extends infer R
    ? R extends { ok: true; value: infer V }
      ? V | undefined
      : never
    : never;

  const create = await count(async () => {
    const made = await createEntrySheets(port, set, makeUnits(units));
    if (!made.ok) throw new Error("entry sheets not written");
  });
  await port.select(ENTRY_SHEET, "F7");

  current = "load";
  const load = await count(async () => {
    const loaded = await loadIndicatorSet(port, {
      mode: "active-sheet",
      profileId: set.profile.id,
    });
    if (!loaded.ok) throw new Error(`not recognised: ${loaded.issues.map((i) => i.code).join()}`);
    expect(loaded.value.recognized?.units.length).toBe(units);
    confirmed = loaded.value;
  });
  if (confirmed === undefined) throw new Error("no set loaded");
  current = "confirm";
  const confirm = await count(() => confirmIndicatorSet(port, confirmed!));
  current = "validate";
  const validate = await count(() => validateWorkbook(port));

  const live = await startLiveValidation(port, { onIssues: () => undefined, debounceMs: 0 });
  current = "change";
  const change = await count(async () => {
    await fake.userEdit(ENTRY_SHEET, "F7", 25);
    await live.flush();
  });
  const issuesAfterChange = live.issues();
  live();

  current = "rank";
  const rank = await count(async () => {
    const res = await buildRanking(port, { profileId: set.profile.id });
    if (!res.ok) throw new Error(JSON.stringify(res.issues.slice(0, 3)));
  });

  current = "importForm";
  const importForm = await count(async () => {
    const res = await importAgencyForms(
      port,
      [{ fileName: "moi.xlsx", bytes: new ArrayBuffer(8) }],
      set,
      () => Promise.resolve([formGrid("Sở Nội vụ mới", [18, 15, 20, 10, 18])])
    );
    if (!res.ok) throw new Error(JSON.stringify(res.issues.slice(0, 3)));
    expect(res.value.units).toBe(units + 1);
  });

  return {
    syncs: { create, load, confirm, validate, change, rank, importForm },
    requestBytes: bytes,
    issuesAfterChange,
    maxPayload: Math.max(...fake.payloads),
    maxResponse: Math.max(...fake.responses),
  };
}

describe("context.sync() per user action (Office adapter, fake Excel)", () => {
  it("costs the same number of syncs at 10 and 3,321 units, for every action", async () => {
    const small = await measure(10);
    const big = await measure(3321);
    console.log(
      `syncs (10 / 3,321 units): ${ACTIONS.map((a) => `${a} ${small.syncs[a]}/${big.syncs[a]}`).join(", ")}; ` +
        `largest request ${big.maxPayload} B, response ${big.maxResponse} B at 3,321`
    );
    // Every action but the ranking: the same count. The ranking's own cells weigh ~1.1 KB a unit
    // (native SUM, RANK and grade formulas, which keep the sheets right without the add-in): at
    // 3,321 units more than one request's worth (4 MB under Excel on the web's 5 MB), so its writes
    // take one more, full, sync: a count bounded by the bytes written, not by the units.
    for (const a of ACTIONS.filter((x) => x !== "rank"))
      expect(`${a}: ${big.syncs[a]}`).toBe(`${a}: ${small.syncs[a]}`);
    expect(big.requestBytes.rank ?? 0).toBeGreaterThan(DEFAULT_PAYLOAD_LIMIT);
    expect(big.syncs.rank).toBe(small.syncs.rank + 1);
    expect(big.maxPayload).toBeLessThan(PAYLOAD_LIMIT);
    expect(big.maxResponse).toBeLessThan(PAYLOAD_LIMIT);
    for (const c of [small, big])
      expect(
        c.issuesAfterChange.some(
          (i) =>
            i.code === "score_above_max" && i.cell?.sheet === ENTRY_SHEET && i.cell.cell === "F7"
        )
      ).toBe(true);
  }, 300_000);
});

describe("no half-written entry sheets (Office adapter, fake Excel)", () => {
  it("leaves no sheet behind when Excel stays in cell-edit mode, and says why", async () => {
    const fake = new FakeExcel();
    // An Excel that cannot delay a batch for a cell edit (before ExcelApi 1.11): the client drops
    // delayForCellEdit there, so the runs fail in cell-edit mode (where it can, Excel waits instead).
    const port = new OfficeWorkbook({
      host: { run: (batch) => fake.run(batch), runIn: fake.runIn },
      cellEditRetryDelayMs: 0,
    });
    fake.userSheet("Trang 1", { A1: "của tôi" });
    // Excel enters cell-edit mode right when the sheets are written (the user clicked into a cell).
    const busyOnApply: WorkbookPort = Object.create(port) as WorkbookPort;
    busyOnApply.apply = (specs) => {
      fake.cellEditRuns = 10;
      return port.apply(specs);
    };
    await expect(createEntrySheets(busyOnApply, smallSet(), makeUnits(5))).rejects.toMatchObject({
      code: "cell_edit_mode",
    });
    fake.cellEditRuns = 0;
    const names = (await port.listSheets()).map((s) => s.name);
    expect(names).not.toContain(ENTRY_SHEET);
    expect(names).not.toContain("Đơn vị");
    expect(fake.cell("Trang 1", "A1")?.value).toBe("của tôi");
    // Once Excel is free the same action works.
    expect((await createEntrySheets(port, smallSet(), makeUnits(5))).ok).toBe(true);
  });
});
