/**
 * Excel itself behind the port (Office.js): this folder is the only code that touches `Excel.*`. This
 * class is the port's face; each call is a function of its own module over one OfficeSession (the state kept
 * between calls and the one `run`):
 * - reads.ts: readGrid(s) and readRange, one sync when the answer fits, else row pieces and merges
 *   in tiles; cells.ts: Office's cell values ↔ the port's Grid;
 * - apply.ts: writing sheet specs (render.ts queues a spec's commands, write-queue.ts cuts them into
 *   syncs under the request limit);
 * - highlights.ts: live highlights; settings.ts: the "_dti" registry, settings and ownership
 *   (registry.ts loads and writes it); user-cells.ts: writes the user confirmed, selection;
 * - events.ts: onChanged.
 *
 * Every port call is one `Excel.run`: it queues all loads, syncs once, checks, queues all writes and
 * syncs once more (two syncs at most, whatever the number of units). Reads are one sync (readGrids:
 * every sheet in one batch). setHighlights(Many) is one sync when the registry is known from an
 * earlier call: Office runs a batch's commands in order, so loads queued before the writes return
 * what was there before them, and the guess is checked in the same batch (see setHighlightsMany).
 * `apply` stays at two: whether a name belongs to a user sheet must be known before anything is
 * written, and the user can add or rename sheets at any time (no cache can tell). A write larger
 * than Excel on the web's request limit (5 MB) is cut into pieces of at most `payloadLimitBytes`
 * (4 MB by default, a margin for the request envelope), each sync filled up to it: extra syncs grow
 * only with the bytes written above the limit (⌈bytes / limit⌉), never with the number of calls or
 * units. Nothing is written per unit: no merge (unit names are centred across selection), one
 * validation per run of rows, column widths in a few multi-area commands, number formats as one
 * value. The limit is per request and per response, and one sync is one request ("Excel on the web
 * limits requests and responses to 5 MB. The API returns a RichAPI.Error error if this limit is
 * exceeded": https://learn.microsoft.com/office/dev/add-ins/excel/performance#payload-size-limit-best-practices;
 * the client sends a sync's whole queue as one ExecuteRichApiRequest, OfficeDev/office-js#1314), so
 * queuing several range loads in one sync does not get around it: a read above 4 MB takes
 * ⌈bytes / 4 MB⌉ syncs too. The rule "a fixed number of syncs per action" (ARCHITECTURE.md) is kept
 * as "none per unit": a fixed number, plus one per 4 MB of data. When Excel is in cell-edit mode,
 * the call is retried once after a short pause; every failure becomes a PortError in `../errors.ts`.
 *
 * Ownership and settings live in the hidden "_dti" sheet (see ../../ownership.ts), the same scheme
 * as the .xlsx and memory adapters, so a file written by the CLI is recognised here.
 */
import type { CellValue, Grid, SheetSpec } from "../../../engine";
import type {
  ApplyOptions,
  ChangeEvent,
  HighlightCell,
  SheetHighlights,
  SheetInfo,
  Unsubscribe,
  WorkbookPort,
} from "../../port";
import { apply } from "./apply";
import { onChanged } from "./events";
import { setHighlightsMany } from "./highlights";
import { readGrid, readGrids, readRange } from "./reads";
import { OfficeSession, type OfficeWorkbookOptions } from "./session";
import {
  adoptOlderSheets,
  deleteOwnedSheets,
  drawRecordedCharts,
  listSheets,
  readSettings,
  writeSettings,
} from "./settings";
import { activeSheet, select, writeValues } from "./user-cells";

export { DEFAULT_PAYLOAD_LIMIT, type ExcelHost, type ExcelRunOptions } from "./session";

export class OfficeWorkbook implements WorkbookPort {
  private readonly session: OfficeSession;

  constructor(options: OfficeWorkbookOptions = {}) {
    this.session = new OfficeSession(options);
  }

  listSheets(): Promise<readonly SheetInfo[]> {
    return listSheets(this.session);
  }

  activeSheet(): Promise<string> {
    return activeSheet(this.session);
  }

  readGrid(sheet: string): Promise<Grid> {
    return readGrid(this.session, sheet);
  }

  readGrids(sheets: readonly string[]): Promise<Grid[]> {
    return readGrids(this.session, sheets);
  }

  readRange(sheet: string, range: string): Promise<Grid> {
    return readRange(this.session, sheet, range);
  }

  apply(specs: readonly SheetSpec[], options: ApplyOptions = {}): Promise<void> {
    return apply(this.session, specs, options);
  }

  writeValues(
    sheet: string,
    cells: readonly { readonly cell: string; readonly value: CellValue }[]
  ): Promise<void> {
    return writeValues(this.session, sheet, cells);
  }

  deleteOwnedSheets(names: readonly string[]): Promise<void> {
    return deleteOwnedSheets(this.session, names);
  }

  setHighlights(sheet: string, cells: readonly HighlightCell[]): Promise<void> {
    return setHighlightsMany(this.session, [{ sheet, cells }]);
  }

  setHighlightsMany(list: readonly SheetHighlights[]): Promise<void> {
    return setHighlightsMany(this.session, list);
  }

  select(sheet: string, cell: string): Promise<void> {
    return select(this.session, sheet, cell);
  }

  readSettings(): Promise<Readonly<Record<string, string>>> {
    return readSettings(this.session);
  }

  adoptOlderSheets(
    sheets: readonly { readonly name: string; readonly role: string }[]
  ): Promise<void> {
    return adoptOlderSheets(this.session, sheets);
  }

  writeSettings(settings: Readonly<Record<string, string>>): Promise<void> {
    return writeSettings(this.session, settings);
  }

  drawRecordedCharts(): Promise<readonly string[]> {
    return drawRecordedCharts(this.session);
  }

  onChanged(listener: (event: ChangeEvent) => void): Promise<Unsubscribe> {
    return onChanged(this.session, listener);
  }
}
