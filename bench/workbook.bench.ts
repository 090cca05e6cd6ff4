/**
 * Workbook adapters: apply a 3,321 × 100 matrix spec (numbers, a text column, a SUM formula per row,
 * a number format over the scores) and read it back, on memory, on .xlsx (ExcelJS, write + save to
 * bytes) and on the Office adapter over the fake Excel (counting syncs and request bytes).
 */
import type { SheetSpec, SpecCell } from "../src/engine/sheets/spec";
import { MemoryWorkbook } from "../src/workbook/memory/memory-workbook";
import { OfficeWorkbook } from "../src/workbook/office/office-workbook";
import { XlsxWorkbook } from "../src/workbook/xlsx/xlsx-workbook";
import { FakeExcel } from "../test/workbook/office/fake-excel";
import { medianMsAsync } from "./measure";
import type { BenchFigure } from "./run";

const UNITS = 3321;
const COLS = 100;

function matrixSpec(): SheetSpec {
  const rows: SpecCell[][] = [];
  for (let r = 0; r < UNITS; r++) {
    const row: SpecCell[] = [{ kind: "text", value: `Đơn vị ${r + 1}` }];
    for (let c = 1; c < COLS - 1; c++)
      row.push({ kind: "number", value: ((r * 7 + c) % 100) / 10 });
    row.push({ kind: "formula", formula: `=SUM(B${r + 1}:CU${r + 1})` });
    rows.push(row);
  }
  return {
    name: "Ma trận",
    owned: true,
    role: "entry-matrix",
    blocks: [{ address: "A1", rows }],
    styles: [{ range: `B1:CU${UNITS}`, style: { numberFormat: "0.00" } }],
    freeze: { rows: 0, cols: 1 },
  };
}

export default async function bench(): Promise<BenchFigure[]> {
  const spec = matrixSpec();
  const figures: BenchFigure[] = [];
  const label = `${UNITS} × ${COLS}`;

  const mem = new MemoryWorkbook();
  figures.push({
    name: `workbook: memory apply ${label}`,
    medianMs: await medianMsAsync(() => mem.apply([spec])),
    runs: 5,
  });
  figures.push({
    name: `workbook: memory readGrid ${label}`,
    medianMs: await medianMsAsync(async () => void (await mem.readGrid("Ma trận"))),
    runs: 5,
  });

  let bytes = 0;
  figures.push({
    name: `workbook: xlsx apply + save ${label}`,
    medianMs: await medianMsAsync(
      async () => {
        const wb = XlsxWorkbook.create();
        await wb.apply([spec]);
        bytes = (await wb.toBuffer()).length;
      },
      3,
      0
    ),
    runs: 3,
    note: `${(bytes / 1e6).toFixed(1)} MB file`,
  });
  const xwb = XlsxWorkbook.create();
  await xwb.apply([spec]);
  figures.push({
    name: `workbook: xlsx readGrid ${label}`,
    medianMs: await medianMsAsync(async () => void (await xwb.readGrid("Ma trận")), 3, 1),
    runs: 3,
  });

  const fake = new FakeExcel();
  fake.userSheet("Sheet1", {});
  const office = new OfficeWorkbook({ host: fake.host });
  let syncs = 0;
  figures.push({
    name: `workbook: office(fake) apply ${label}`,
    medianMs: await medianMsAsync(
      async () => {
        const before = fake.syncs;
        await office.apply([spec]);
        syncs = fake.syncs - before;
      },
      3,
      0
    ),
    runs: 3,
    note: `${syncs} syncs, request bytes ${fake.payloads
      .slice(-syncs)
      .map((b) => (b / 1e6).toFixed(2))
      .join(" + ")} MB`,
  });
  return figures;
}
