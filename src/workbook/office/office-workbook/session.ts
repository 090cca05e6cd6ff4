/** The adapter's state between calls and its one way into Excel (`run`). */
import { NO_MARKERS, type Markers, type Registry } from "../../ownership";
import { CELL_EDIT_MODE, isOfficeError, toPortError } from "../errors";
import { type KnownRegistry, type Loaded, markersOf, registryOf } from "./registry";

/**
 * `Excel.run` options the adapter uses. `delayForCellEdit` (ExcelApi 1.11): Excel holds the batch
 * until the user leaves cell-edit mode instead of failing it
 * (https://learn.microsoft.com/javascript/api/excel/excel.runoptions). The client library itself
 * drops the flag where the host lacks it (excel-web-16.00.debug.js, `onBeforeExcelRun`:
 * `isSetSupported("DelayForCellEdit")`), so there the one retry below still applies.
 */
export interface ExcelRunOptions {
  readonly delayForCellEdit?: boolean;
}

/** What the adapter needs from Office: `Excel.run`. Tests pass the fake's. */
export interface ExcelHost {
  run<T>(
    batch: (context: Excel.RequestContext) => Promise<T>,
    options?: ExcelRunOptions
  ): Promise<T>;
  /** `Excel.run(context, batch)`: reuses an earlier request context (needed to remove event handlers). */
  runIn<T>(
    context: Excel.RequestContext,
    batch: (context: Excel.RequestContext) => Promise<T>
  ): Promise<T>;
}

export interface OfficeWorkbookOptions {
  readonly host?: ExcelHost;
  /** Pause before the one retry when Excel is in cell-edit mode. */
  readonly cellEditRetryDelayMs?: number;
  /** Bytes of cell data per sync (Excel on the web refuses requests above 5 MB). */
  readonly payloadLimitBytes?: number;
}

export const DEFAULT_PAYLOAD_LIMIT = 4_000_000;
const RUN_OPTIONS: ExcelRunOptions = { delayForCellEdit: true };

export class OfficeSession {
  readonly host: ExcelHost;
  private readonly retryDelay: number;
  readonly limit: number;
  /**
   * The registry as this instance last read or wrote it (the add-in is the only writer of "_dti").
   * Only setHighlights builds on it, and checks it against the workbook in the same batch.
   */
  known: KnownRegistry | null = null;
  /** Fills last seen on cells (loaded or restored): the guess for a cell's fill before it is highlighted. */
  readonly fillsSeen = new Map<string, string | null>();
  /** Sheets (upper case) that needed the careful read (pieces, merges in tiles). */
  readonly careful = new Set<string>();
  /** Sheets (upper case) seen with more than 512 merged areas: their merges are read in tiles. */
  readonly manyMerges = new Set<string>();
  /** Sheets (upper case) last seen protected without "Format cells": highlighted the careful way. */
  readonly formatLocked = new Set<string>();

  constructor(options: OfficeWorkbookOptions = {}) {
    this.host = options.host ?? {
      run: (batch, runOptions) =>
        runOptions ? Excel.run(runOptions as Excel.RunOptions, batch) : Excel.run(batch),
      runIn: (context, batch) => Excel.run(context, batch),
    };
    this.retryDelay = options.cellEditRetryDelayMs ?? 1000;
    this.limit = options.payloadLimitBytes ?? DEFAULT_PAYLOAD_LIMIT;
  }

  /**
   * One Excel.run with `delayForCellEdit`: every call of the port comes from something the user did
   * (a button, an edit, a pick), so Excel waits for the cell being typed in to be confirmed rather
   * than failing. Where the host cannot delay (before ExcelApi 1.11) the batch is retried once after
   * a pause. Errors mapped to PortError. A failed batch may have written part of its commands (Excel
   * batches are not transactions): the known registry is forgotten, so the next call reads it again.
   */
  async run<T>(
    batch: (context: Excel.RequestContext) => Promise<T>,
    where: { readonly sheet?: string; readonly range?: string } = {}
  ): Promise<T> {
    try {
      return await this.host.run(batch, RUN_OPTIONS);
    } catch (e) {
      this.known = null;
      if (!(isOfficeError(e) && e.code === CELL_EDIT_MODE)) throw toPortError(e, where);
    }
    await new Promise((resolve) => setTimeout(resolve, this.retryDelay));
    try {
      return await this.host.run(batch, RUN_OPTIONS);
    } catch (e) {
      this.known = null;
      throw toPortError(e, where);
    }
  }

  /** The registry just loaded (after the sync), remembered. */
  registryFrom(l: Loaded): Registry {
    const reg = registryOf(l);
    this.known = { reg, exists: !l.registrySheet.isNullObject, markers: markersOf(l) };
    return reg;
  }

  /** The markers as last seen. */
  get markers(): Markers {
    return this.known?.markers ?? NO_MARKERS;
  }

  /** After a successful write of the registry (and of the markers, when given). */
  wrote(reg: Registry, markers: Markers = this.markers): void {
    this.known = { reg, exists: true, markers };
  }
}
