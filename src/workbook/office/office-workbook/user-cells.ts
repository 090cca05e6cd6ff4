/** The user's cells: a confirmed fix written, a cell selected, the active sheet. */
import { type CellValue, parseA1 } from "../../../engine";
import { PortError } from "../../port";
import type { OfficeSession } from "./session";
import { officeValueInput } from "./cells";
import { cellProtection, protectionOf } from "./navigation";

export function activeSheet(session: OfficeSession): Promise<string> {
  return session.run(async (context) => {
    const ws = context.workbook.worksheets.getActiveWorksheet();
    ws.load("name");
    await context.sync();
    return ws.name;
  });
}

export function writeValues(
  session: OfficeSession,
  sheet: string,
  cells: readonly { readonly cell: string; readonly value: CellValue }[]
): Promise<void> {
  const bad = cells.find((c) => !parseA1(c.cell));
  if (bad) return Promise.reject(new PortError("invalid_range", { sheet, range: bad.cell }));
  return session.run(
    async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.load("name");
      const protection = protectionOf(ws);
      protection.load("protected");
      const locks = cells.map((c) => {
        const f = cellProtection(ws, c.cell);
        f.load("locked");
        return { cell: c.cell, f };
      });
      await context.sync();
      if (protection.protected) {
        const locked = locks.find((l) => l.f.locked !== false);
        if (locked) throw new PortError("cell_protected", { sheet: ws.name, range: locked.cell });
      }
      for (const c of cells) ws.getRange(c.cell).formulas = [[officeValueInput(c.value)]];
      await context.sync();
    },
    { sheet }
  );
}

export function select(session: OfficeSession, sheet: string, cell: string): Promise<void> {
  if (!parseA1(cell)) return Promise.reject(new PortError("invalid_range", { sheet, range: cell }));
  return session.run(
    async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await context.sync();
    },
    { sheet, range: cell }
  );
}
