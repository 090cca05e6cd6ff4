/** Reading sheets: one sync for all when it fits, else row pieces and merges in tiles (5 MB responses). */
import { a1, type Grid, parseRange } from "../../../engine";
import { sameSheetName } from "../../ownership";
import { PortError } from "../../port";
import { CELL_EDIT_MODE, isOfficeError } from "../errors";
import type { OfficeSession } from "./session";
import { hiddenOf, toGrid, trim } from "./cells";

export const RESPONSE_TOO_LARGE = "ResponsePayloadSizeLimitExceeded";

/** Characters a matrix takes in a response (its JSON): the measure of a read piece. */
function matrixBytes(m: readonly (readonly unknown[])[]): number {
  return JSON.stringify(m).length;
}

/**
 * Values and formulas of `range` (rowCount × columnCount), read in row pieces, one sync each, so no
 * response passes Excel on the web's 5 MB limit ("ResponsePayloadSizeLimitExceeded": resource limits,
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization;
 * the code in https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 * Pieces are sized from what the previous piece weighed (first guess: 40 bytes a cell); a piece still
 * too large is halved. A recursive chain, so no sync is issued inside a loop.
 */
export async function readRowsInPieces(
  context: Excel.RequestContext,
  range: Excel.Range,
  rowCount: number,
  columnCount: number,
  limit: number
): Promise<{ values: unknown[][]; formulas: unknown[][] }> {
  const values: unknown[][] = [];
  const formulas: unknown[][] = [];
  const readFrom = async (start: number, rows: number): Promise<void> => {
    if (start >= rowCount) return;
    const count = Math.min(rows, rowCount - start);
    const piece = range.getRow(start).getResizedRange(count - 1, 0);
    piece.load("values,formulas");
    try {
      await context.sync();
    } catch (e) {
      if (isOfficeError(e) && e.code === RESPONSE_TOO_LARGE && count > 1)
        return readFrom(start, Math.ceil(count / 2));
      throw e;
    }
    values.push(...piece.values);
    formulas.push(...piece.formulas);
    const bytes = matrixBytes(piece.values) + matrixBytes(piece.formulas);
    return readFrom(start + count, Math.max(1, Math.floor((limit / Math.max(1, bytes)) * count)));
  };
  await readFrom(0, Math.max(1, Math.floor(limit / (Math.max(1, columnCount) * 40))));
  return { values, formulas };
}

/** Cells per tile: a tile this small cannot hold more than 512 merged areas. */
const MERGE_TILE_CELLS = 512;
/** Request bytes one tile's merged-areas query costs (measured with the real client: see bench). */
const MERGE_TILE_BYTES = 700;

/**
 * The merged areas of a used range read in tiles of at most 512 cells, so no query can hit Excel's
 * 512-area limit. Excel reports a merged area in the range that holds its top-left cell only
 * (OfficeDev/office-js#3611), so each area comes from one tile; addresses are deduplicated anyway.
 * Tiles are queued in groups under the request limit, one sync per group (a promise chain).
 */
function readMergesInTiles(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  used: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number },
  limit: number
): Promise<string[]> {
  const width = Math.max(1, Math.min(used.columnCount, MERGE_TILE_CELLS));
  const height = Math.max(1, Math.floor(MERGE_TILE_CELLS / width));
  const tiles: string[] = [];
  for (let r = 0; r < used.rowCount; r += height)
    for (let c = 0; c < used.columnCount; c += width) {
      const top = used.rowIndex + r + 1;
      const left = used.columnIndex + c + 1;
      const bottom = Math.min(top + height, used.rowIndex + used.rowCount + 1) - 1;
      const right = Math.min(left + width, used.columnIndex + used.columnCount + 1) - 1;
      tiles.push(`${a1(top, left)}:${a1(bottom, right)}`);
    }
  const perSync = Math.max(1, Math.floor(limit / MERGE_TILE_BYTES));
  const found = new Set<string>();
  const step = (start: number): Promise<void> => {
    if (start >= tiles.length) return Promise.resolve();
    const areas = tiles.slice(start, start + perSync).map((address) => {
      const merged = ws.getRange(address).getMergedAreasOrNullObject();
      merged.load("areas/items/address");
      return merged;
    });
    return context.sync().then(() => {
      for (const m of areas)
        if (!m.isNullObject)
          for (const r of m.areas.items) found.add(r.address.replace(/^.*!/, ""));
      return step(start + perSync);
    });
  };
  return step(0).then(() => [...found]);
}

/**
 * One sync: the used range's values and formulas, its merges and hidden rows. A sheet whose data
 * exceed Excel on the web's 5 MB response limit is read again in row pieces (one sync each).
 */
export function readGrid(session: OfficeSession, sheet: string): Promise<Grid> {
  return readGrids(session, [sheet]).then((grids) => {
    const grid = grids[0];
    if (grid === undefined) throw new PortError("sheet_not_found", { sheet });
    return grid;
  });
}

/**
 * One sync for all the sheets: every used range, its merges and hidden rows, loaded in one batch.
 * When the whole answer exceeds the 5 MB response limit, the sheets are read one by one (a sheet
 * too large alone in row pieces). A missing sheet: one more sync to name it in the PortError.
 * `getMergedAreasOrNullObject` fails on a range with more than 512 merged areas (its reference:
 * "if the merged areas count in this range is more than 512, then this method will fail",
 * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)),
 * and the error it raises is not documented: any other failure of the one-sync read is read again
 * the careful way (pieces, merges in tiles); a real error then fails that read too.
 */
export function readGrids(session: OfficeSession, sheets: readonly string[]): Promise<Grid[]> {
  if (sheets.length === 0) return Promise.resolve([]);
  // A sheet that needed the careful read last time (too large, too many merges) goes that way
  // at once: the one-sync attempt would only fail again.
  if (sheets.some((s) => session.careful.has(s.toUpperCase())))
    return sheets.reduce<Promise<Grid[]>>(
      (prev, sheet) =>
        prev.then(async (out) => [
          ...out,
          session.careful.has(sheet.toUpperCase())
            ? await readGridInPieces(session, sheet)
            : await readGrid(session, sheet),
        ]),
      Promise.resolve([])
    );
  const where = sheets.length === 1 ? { sheet: sheets[0] ?? "" } : {};
  return session
    .run(async (context) => {
      const reads = sheets.map((sheet) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.load("name");
        // getUsedRange returns A1 for a blank sheet (it does not throw), so the chain below is safe.
        const used = ws.getUsedRange(true);
        used.load("values,formulas,rowIndex,columnIndex,rowCount");
        const merged = used.getMergedAreasOrNullObject();
        merged.load("areas/items/address");
        const visible = used.getColumn(0).getVisibleView();
        visible.load("cellAddresses");
        return { ws, used, merged, visible };
      });
      await context.sync();
      return reads.map(({ ws, used, merged, visible }) => {
        const merges = merged.isNullObject
          ? []
          : merged.areas.items.map((r) => r.address.replace(/^.*!/, ""));
        const hiddenRows = hiddenOf(
          visible.cellAddresses as string[][],
          used.rowIndex,
          used.rowCount
        );
        return trim(toGrid(ws.name, used, merges, hiddenRows));
      });
    }, where)
    .catch(async (e: unknown) => {
      if (e instanceof PortError && e.code === "sheet_not_found" && where.sheet === undefined)
        throw await nameMissing(session, sheets, e);
      if (e instanceof PortError && (e.code === "sheet_not_found" || e.code === "cell_edit_mode"))
        throw e;
      if (sheets.length === 1) return [await readGridInPieces(session, sheets[0] ?? "")];
      return readOneByOne(session, sheets);
    });
}

/** Each sheet in its own readGrid (after a response too large for one sync), one after the other. */
function readOneByOne(session: OfficeSession, sheets: readonly string[]): Promise<Grid[]> {
  return sheets.reduce<Promise<Grid[]>>(
    (prev, sheet) => prev.then(async (out) => [...out, await readGrid(session, sheet)]),
    Promise.resolve([])
  );
}

/** The first of `sheets` that does not exist, as the PortError (`e` when all exist now). */
async function nameMissing(
  session: OfficeSession,
  sheets: readonly string[],
  e: PortError
): Promise<PortError> {
  const names = await session
    .run(async (context) => {
      const all = context.workbook.worksheets;
      all.load("items/name");
      await context.sync();
      return all.items.map((ws) => ws.name);
    })
    .catch(() => null);
  const missing = names && sheets.find((s) => !names.some((n) => sameSheetName(n, s)));
  return missing ? new PortError("sheet_not_found", { ...e.detail, sheet: missing }, e.message) : e;
}

function readGridInPieces(session: OfficeSession, sheet: string): Promise<Grid> {
  session.careful.add(sheet.toUpperCase());
  return session.run(
    async (context) => {
      const start = async (withMerges: boolean) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.load("name");
        const used = ws.getUsedRange(true);
        used.load("rowIndex,columnIndex,rowCount,columnCount");
        const visible = used.getColumn(0).getVisibleView();
        visible.load("cellAddresses");
        const merged = withMerges ? used.getMergedAreasOrNullObject() : null;
        merged?.load("areas/items/address");
        await context.sync();
        return { ws, used, visible, merged };
      };
      // The merges asked for the whole sheet in the first sync: the add-in's entry sheets have
      // none since 2026-12 (unit names centred across selection), and up to 512 merged areas
      // come back at once (a small response). Above 512 the query fails (see readGrids), and the
      // merges are read in tiles; a sheet seen so is tiled at once next time.
      let first: Awaited<ReturnType<typeof start>>;
      let merges: string[] | null = null;
      const key = sheet.toUpperCase();
      if (session.manyMerges.has(key)) first = await start(false);
      else
        try {
          first = await start(true);
          const m = first.merged;
          merges =
            m === null || m.isNullObject
              ? []
              : m.areas.items.map((r) => r.address.replace(/^.*!/, ""));
        } catch (e) {
          if (isOfficeError(e) && e.code === CELL_EDIT_MODE) throw e;
          session.manyMerges.add(key);
          first = await start(false);
        }
      const { ws, used, visible } = first;
      const { values, formulas } = await readRowsInPieces(
        context,
        used,
        used.rowCount,
        used.columnCount,
        session.limit
      );
      merges ??= await readMergesInTiles(context, ws, used, session.limit);
      const hiddenRows = hiddenOf(
        visible.cellAddresses as string[][],
        used.rowIndex,
        used.rowCount
      );
      const range = { rowIndex: used.rowIndex, columnIndex: used.columnIndex, values, formulas };
      return trim(toGrid(ws.name, range, merges, hiddenRows));
    },
    { sheet }
  );
}

export function readRange(session: OfficeSession, sheet: string, range: string): Promise<Grid> {
  if (!parseRange(range)) return Promise.reject(new PortError("invalid_range", { sheet, range }));
  return session.run(
    async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.load("name");
      const r = ws.getRange(range);
      r.load("values,formulas,rowIndex,columnIndex");
      await context.sync();
      return toGrid(ws.name, r, [], []);
    },
    { sheet, range }
  );
}
