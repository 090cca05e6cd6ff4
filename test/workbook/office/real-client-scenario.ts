/**
 * The main actions of the add-in at a given number of units, run on the Office adapter through the
 * real Excel client (real-client.ts), recording each request's bytes. Shared by the request-size
 * test and `npm run bench` (bench/requests.bench.ts).
 */
import { buildRanking } from "../../../src/app/build-ranking";
import { createEntrySheets } from "../../../src/app/entry-sheets";
import { validateWorkbook } from "../../../src/app/validate-workbook";
import type { Indicator, IndicatorSet, ScoreEntry, Unit } from "../../../src/engine/model/types";
import { getProfile } from "../../../src/engine/profiles";
import { ENTRY_SHEET, UNITS_SHEET } from "../../../src/engine/entry";
import { OfficeWorkbook } from "../../../src/workbook/office/office-workbook";
import { FakeExcel } from "./fake-excel";
import { RealClientHost, type RecordedRequest } from "./real-client";

const MAINS = 10;
const PER_MAIN = 9; // 10 main rows + 90 component rows = 100 indicator rows

export function bigSet(): IndicatorSet {
  const indicators: Indicator[] = [];
  for (let m = 1; m <= MAINS; m++) {
    indicators.push({
      code: String(m),
      name: `Chỉ số chính ${m}: mức độ chuyển đổi số của cơ quan, đơn vị`,
      level: "main",
      maxPoints: PER_MAIN * 10,
      method: { kind: "direct" },
      scored: true,
      parentCode: null,
    });
    for (let c = 1; c <= PER_MAIN; c++)
      indicators.push({
        code: `${m}.${c}`,
        name: `Chỉ số thành phần ${m}.${c}: tỷ lệ hồ sơ được giải quyết trực tuyến`,
        level: "component",
        maxPoints: 10,
        method: { kind: "direct" },
        scored: true,
        parentCode: String(m),
      });
  }
  return { profile: getProfile("sonla-2024"), indicators };
}

export function someUnits(n: number): Unit[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `u${i + 1}`,
    name: `Đơn vị ${i + 1}`,
    groupId: i % 2 === 0 ? "agencies" : "districts",
    hasSubordinateUnits: true,
    hasDvctt: true,
    specialPurpose: false,
    notApplicable: [],
  }));
}

export function someEntries(set: IndicatorSet, us: readonly Unit[]): ScoreEntry[] {
  const out: ScoreEntry[] = [];
  let k = 0;
  for (const u of us)
    for (const ind of set.indicators) {
      if (ind.level !== "component") continue;
      k++;
      // Mostly clean numbers, a few text numbers and above-max scores, like real data.
      const raw = k % 97 === 0 ? "8,5" : k % 89 === 0 ? 12 : (k % 11) * 0.9;
      out.push({ unitId: u.id, code: ind.code, self: { points: null, raw }, appraised: null });
    }
  return out;
}

export const ACTIONS = ["entry sheets", "load", "full validation", "ranking"] as const;
export type ActionName = (typeof ACTIONS)[number];

export interface ActionRequests {
  readonly action: ActionName;
  readonly requests: readonly RecordedRequest[];
}

/** Runs the four actions at `n` units and returns every request each one sent. */
export async function measureActions(n: number): Promise<ActionRequests[]> {
  const fake = new FakeExcel();
  fake.userSheet("Sheet1", { A1: "Bảng của người dùng" });
  const host = new RealClientHost(fake);
  const port = new OfficeWorkbook({ host });
  const set = bigSet();
  const us = someUnits(n);

  host.mark("entry sheets");
  const made = await createEntrySheets(port, set, us, { entries: someEntries(set, us) });
  if (!made.ok) throw new Error("entry sheets not written");
  host.mark("load");
  await port.readGrids([ENTRY_SHEET, UNITS_SHEET]);
  host.mark("full validation");
  await validateWorkbook(port, { set });
  host.mark("ranking");
  const ranked = await buildRanking(port, { profile: set.profile });
  if (!ranked.ok) throw new Error(`ranking not built: ${ranked.issues[0]?.code ?? "?"}`);
  return ACTIONS.map((action) => ({
    action,
    requests: host.requests.filter((r) => r.label === action),
  }));
}
