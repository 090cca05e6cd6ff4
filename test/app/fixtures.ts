/** Adapter factories and a small indicator set for the use-case tests (same tests on every adapter). */
import type { CellValue, Grid, Indicator, IndicatorSet, Unit } from "../../src/engine/model/types";
import { getProfile } from "../../src/engine/profiles";
import { MemoryWorkbook } from "../../src/workbook/memory/memory-workbook";
import type { WorkbookPort } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsx-workbook";

export interface Book {
  readonly port: WorkbookPort;
  /** Port calls so far (each one round trip: one Excel.run on the Office adapter). */
  roundTrips(): number;
  /** The user types a value (no event on files). */
  userSet(sheet: string, cell: string, value: CellValue): void;
  get(sheet: string, cell: string): CellValue;
  sheetNames(): string[];
}

export interface AdapterFactory {
  readonly name: string;
  make(grids?: readonly Grid[]): Promise<Book>;
}

function cellJs(v: CellValue): string | number | boolean | null | { error: string } {
  return v;
}

export const memoryFactory: AdapterFactory = {
  name: "memory",
  make(grids = []) {
    const wb = MemoryWorkbook.fromGrids(grids);
    return Promise.resolve({
      port: wb,
      roundTrips: () => wb.roundTrips,
      userSet: (s, c, v) => wb.set(s, c, v),
      get: (s, c) => wb.get(s, c),
      sheetNames: () => wb.sheetNames(),
    });
  },
};

export const xlsxFactory: AdapterFactory = {
  name: "xlsx",
  make(grids = []) {
    const wb = XlsxWorkbook.create();
    for (const g of grids) {
      const ws = wb.book.addWorksheet(g.sheet);
      g.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null) return;
          const cell = ws.getCell(g.originRow + r, g.originCol + c);
          cell.value = typeof v === "object" ? { error: v.error as never } : v;
        })
      );
      for (const m of g.merges ?? []) ws.mergeCells(m);
      for (const hr of g.hiddenRows ?? []) ws.getRow(hr).hidden = true;
    }
    return Promise.resolve({
      port: wb,
      roundTrips: () => wb.roundTrips,
      userSet: (s, c, v) => {
        wb.worksheet(s).getCell(c).value = cellJs(v) as never;
      },
      get: (s, c) => {
        const v = wb.worksheet(s).getCell(c).value as unknown;
        if (v === undefined || v === null) return null;
        if (typeof v === "object" && v !== null && "formula" in v)
          return (v as { result?: CellValue }).result ?? null;
        return v as CellValue;
      },
      sheetNames: () => wb.book.worksheets.map((w) => w.name),
    });
  },
};

export const factories: readonly AdapterFactory[] = [memoryFactory, xlsxFactory];

function ind(
  code: string,
  name: string,
  level: Indicator["level"],
  max: number,
  parentCode: string | null
): Indicator {
  return {
    code,
    name,
    level,
    maxPoints: max,
    method: { kind: "direct" },
    scored: true,
    parentCode,
  };
}

/** Sơn La 2024 rules with a small made-up tree: 2 main indices, 5 components, 100 points. */
export function smallSet(): IndicatorSet {
  return {
    profile: getProfile("sonla-2024"),
    indicators: [
      ind("1", "Nhận thức số", "main", 40, null),
      ind("1.1", "Ban chỉ đạo chuyển đổi số", "component", 20, "1"),
      ind("1.2", "Kế hoạch chuyển đổi số", "component", 20, "1"),
      ind("2", "Hạ tầng số", "main", 60, null),
      ind("2.1", "Mạng LAN", "component", 20, "2"),
      ind("2.2", "Máy tính", "component", 20, "2"),
      ind("2.3", "Kết nối mạng TSLCD", "component", 20, "2"),
    ],
  };
}

/** n units alternating between Sơn La's two groups. */
export function makeUnits(n: number): Unit[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `u${i + 1}`,
    name: i % 2 === 0 ? `Sở số ${i + 1}` : `UBND huyện ${i + 1}`,
    groupId: i % 2 === 0 ? "agencies" : "districts",
    hasSubordinateUnits: true,
    hasDvctt: true,
    specialPurpose: false,
    notApplicable: [],
  }));
}
