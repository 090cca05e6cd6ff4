/**
 * An .xlsx opened only to be read (`dti validate`, `dti rank` without --out): the port over the
 * sparse reader (sparse-read.ts) instead of ExcelJS. It answers as XlsxWorkbook opened read-only
 * does (the same sheets, grids, ranges, settings and ownership), at a fraction of the memory and
 * time (issue 12, item 3: `npm run bench -- hostile`). Every write is refused.
 *
 * When a sheet turns out to hold something the sparse reader does not follow exactly
 * (SparseUnsupported), this call and every later one go to ExcelJS's read-only workbook instead
 * (`viaExcelJS`), so an answer is never a guess.
 */
import { type Grid, parseA1, parseRange } from "../../engine";
import {
  EMPTY_REGISTRY,
  SETTINGS_SHEET,
  decodeRegistry,
  isOwned,
  olderRole,
  ownedRecord,
  sameSheetName,
  type Markers,
  type Registry,
} from "../ownership";
import {
  PortError,
  type ChangeEvent,
  type SheetInfo,
  type Unsubscribe,
  type WorkbookPort,
} from "../port";
import { gridRange, trimGrid } from "./grid-build";
import type { NotKept } from "./inspect";
import { SparseUnsupported, type SparseBook } from "./sparse-read";

/** A workbook that can be read through the port and says what a copy of it would not keep. */
export interface ReadableXlsx extends WorkbookPort {
  readonly notKept: readonly NotKept[];
  roundTrips: number;
  /** Always refused here: a read-only workbook is not written. */
  toBuffer(): Promise<Uint8Array>;
}

const READ_ONLY = "XlsxWorkbook opened read-only: not written";
const RELEASED = "XlsxWorkbook: its file's bytes were let go (releaseSource): not read again";

export class XlsxReadOnlyWorkbook implements ReadableXlsx {
  roundTrips = 0;
  /** Grids by upper-case sheet name, as first read (the file does not change). */
  private readonly grids = new Map<string, Grid>();
  private registryRead: Registry | undefined;
  /** Set once a sheet needs ExcelJS: every call then goes there. */
  private exceljs: ReadableXlsx | null = null;

  constructor(
    private readonly book: SparseBook,
    private readonly lost: readonly NotKept[],
    private viaExcelJS: () => Promise<ReadableXlsx>
  ) {}

  /**
   * Lets go of the file's bytes (XlsxWorkbook.releaseSource): the sheet list, settings and
   * ownership already read still answer; reading a sheet again throws.
   */
  release(): void {
    this.grids.clear();
    this.book.release();
    this.viaExcelJS = () => Promise.reject(new Error(RELEASED));
  }

  get notKept(): readonly NotKept[] {
    return this.exceljs?.notKept ?? this.lost;
  }

  listSheets(): Promise<readonly SheetInfo[]> {
    return this.run(
      async () => {
        const reg = await this.registry();
        const markers = this.markers();
        return this.book.sheets.map((ws): SheetInfo => {
          const owned = isOwned(reg, ws.name, markers);
          const role =
            ownedRecord(reg, ws.name, markers)?.role ??
            (sameSheetName(ws.name, SETTINGS_SHEET) ? "settings" : undefined);
          const visible = ws.state === "visible";
          const older = olderRole(reg, ws.name, markers);
          return owned && role !== undefined
            ? { name: ws.name, owned, role, visible }
            : { name: ws.name, owned, visible, ...(older ? { olderRole: older } : {}) };
        });
      },
      (x) => x.listSheets()
    );
  }

  /**
   * The first workbook view's active tab, else the first visible sheet. A file without any workbook
   * view opens on its first sheet (ExcelJS's book has no views then, and the ExcelJS adapter fails).
   */
  activeSheet(): Promise<string> {
    return this.run(
      () => {
        const sheets = this.book.sheets;
        const ws = sheets[this.book.activeTab ?? 0] ?? sheets.find((s) => s.state === "visible");
        if (!ws) throw new PortError("sheet_not_found", {}, "no sheets");
        return Promise.resolve(ws.name);
      },
      (x) => x.activeSheet()
    );
  }

  readGrid(sheet: string): Promise<Grid> {
    return this.run(
      async () => trimGrid(await this.gridFor(this.mustSheet(sheet))),
      (x) => x.readGrid(sheet)
    );
  }

  /** Every sheet checked first, then all read: one call. */
  readGrids(sheets: readonly string[]): Promise<Grid[]> {
    return this.run(
      async () => {
        const found = sheets.map((name) => this.mustSheet(name));
        const out: Grid[] = [];
        for (const i of found) out.push(trimGrid(await this.gridFor(i)));
        return out;
      },
      (x) => x.readGrids(sheets)
    );
  }

  /** As XlsxWorkbook.readRange: the cells of the sheet's grid at those addresses. */
  readRange(sheet: string, range: string): Promise<Grid> {
    return this.run(
      async (): Promise<Grid> => {
        const i = this.mustSheet(sheet);
        const name = this.book.sheets[i]?.name ?? sheet;
        const r = parseRange(range);
        if (!r) throw new PortError("invalid_range", { sheet, range });
        return gridRange(await this.gridFor(i), name, r);
      },
      (x) => x.readRange(sheet, range)
    );
  }

  readSettings(): Promise<Readonly<Record<string, string>>> {
    return this.run(
      async () => ({ ...(await this.registry()).settings }),
      (x) => x.readSettings()
    );
  }

  /** Checks the sheet and the cell as the ExcelJS adapter does; nothing to remember in a file read once. */
  select(sheet: string, cell: string): Promise<void> {
    return this.run(
      () => {
        this.mustSheet(sheet);
        if (!parseA1(cell)) throw new PortError("invalid_range", { sheet, range: cell });
        return Promise.resolve();
      },
      (x) => x.select(sheet, cell)
    );
  }

  /** Files do not change under us: the listener is never called. */
  onChanged(_listener: (event: ChangeEvent) => void): Promise<Unsubscribe> {
    this.roundTrips++;
    return Promise.resolve(() => undefined);
  }

  apply(): Promise<void> {
    return this.refuse();
  }
  writeValues(): Promise<void> {
    return this.refuse();
  }
  adoptOlderSheets(): Promise<void> {
    return this.refuse();
  }
  deleteOwnedSheets(): Promise<void> {
    return this.refuse();
  }
  setHighlights(): Promise<void> {
    return this.refuse();
  }
  setHighlightsMany(): Promise<void> {
    return this.refuse();
  }
  writeSettings(): Promise<void> {
    return this.refuse();
  }
  toBuffer(): Promise<Uint8Array> {
    return this.refuse();
  }

  // ----------------------------------------------------------------------------- helpers

  /** A write: refused (a programming error, never a user's). */
  private refuse<T>(): Promise<T> {
    this.roundTrips++;
    return Promise.reject(new Error(READ_ONLY));
  }

  private async run<T>(
    sparse: () => Promise<T>,
    excel: (x: ReadableXlsx) => Promise<T>
  ): Promise<T> {
    this.roundTrips++;
    if (this.exceljs !== null) return excel(this.exceljs);
    try {
      return await sparse();
    } catch (error) {
      if (!(error instanceof SparseUnsupported)) throw error;
      // The sparse reader does not follow this file exactly: ExcelJS reads it.
      this.exceljs = await this.viaExcelJS();
      return excel(this.exceljs);
    }
  }

  /**
   * Lets go of the grids read so far (a later read parses its sheet again): once a command has
   * read its input, the 3,321-unit entry sheet's grid is not kept through the writing.
   */
  forgetGrids(): void {
    this.grids.clear();
  }

  private async gridFor(index: number): Promise<Grid> {
    const name = this.book.sheets[index]?.name ?? "";
    const key = name.toUpperCase();
    const known = this.grids.get(key);
    if (known !== undefined) return known;
    const g = await this.book.grid(index);
    this.grids.set(key, g);
    return g;
  }

  private find(name: string): number {
    return this.book.sheets.findIndex((s) => sameSheetName(s.name, name));
  }

  private mustSheet(name: string): number {
    const i = this.find(name);
    if (i < 0) throw new PortError("sheet_not_found", { sheet: name });
    return i;
  }

  /** The ownership markers: each `_dti_…` defined name → the sheet it refers to (null when none). */
  private markers(): Markers {
    const out = new Map<string, string | null>();
    for (const [name, target] of this.book.markerTargets)
      out.set(name, target !== null && this.find(target) >= 0 ? target : null);
    return out;
  }

  /** The registry in the "_dti" sheet (its whole grid from A1, as the ExcelJS adapter reads it). */
  private async registry(): Promise<Registry> {
    if (this.registryRead !== undefined) return this.registryRead;
    const i = this.find(SETTINGS_SHEET);
    this.registryRead = i < 0 ? EMPTY_REGISTRY : decodeRegistry((await this.gridFor(i)).values);
    return this.registryRead;
  }
}
