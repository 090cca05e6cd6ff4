/**
 * A fake of the part of the Excel object model the Office adapter uses, faithful where it matters:
 * - commands are queued and run only at `context.sync()`, in order; a failing command stops the batch
 *   with an Office-style error ({ code, debugInfo.errorLocation }) and earlier commands stay applied
 *   (Excel batches are not transactions);
 * - a property can be read only after `load` + `sync` (otherwise "PropertyNotLoaded", as in Office);
 *   `isNullObject` likewise only after a sync;
 * - a request whose payload exceeds 5 MB is refused whole ("RequestPayloadSizeLimitExceeded");
 * - text input starting with an apostrophe is stored as text without it; "=..." becomes a formula;
 *   number-looking input becomes a number (as typing does);
 * - writing a locked cell of a protected sheet is refused ("AccessDenied"); so is any format change
 *   (fill, font, borders, number format, alignment) on a protected sheet unless it was protected
 *   with `allowFormatCells` (column widths: `allowFormatColumns`), and changing `locked` at all:
 *   WorksheetProtectionOptions, https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotectionoptions;
 * - `tables.add` with a sheet-less address puts the table on the active sheet (TableCollection.add:
 *   "If the address does not contain a sheet name, the currently-active sheet is used");
 * - freezing panes acts on the active worksheet view: the sheet becomes the active one;
 * - `getMergedAreasOrNullObject` fails above 512 merged areas (Range reference) and reports only
 *   areas whose top-left cell is in the range (OfficeDev/office-js#3611);
 * - "cell-edit mode" can be switched on for the next N runs ("InvalidOperationInCellEditMode");
 *   a run with `delayForCellEdit` waits for the edit to end instead (Excel.RunOptions);
 * - a value picked from a dropdown (`userPick`) changes the cell without raising onChanged
 *   (OfficeDev/office-js#420, #3888, #4066); `userSelect` raises onSelectionChanged.
 * - deleting a sheet turns every formula and defined name that referred to it into #REF! (a sheet
 *   added later under the same name does not repair them), renaming a sheet updates them, as in Excel;
 *   defined names refer to the sheet itself, not to its name.
 * It records every call (`calls`) and counts runs and syncs. It does not calculate formulas: a formula
 * cell's value reads as 0.
 */
import { a1, columnNumber, parseA1, parseRange } from "../../../src/engine/address";
import { breakReferences, renameReferences } from "../../../src/workbook/generated-area";

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Range.getMergedAreasOrNullObject: "if the merged areas count in this range is more than 512, then this method will fail". */
export const MERGED_AREAS_LIMIT = 512;
/** Excel.HorizontalAlignment (ExcelApi 1.1). */
const H_ALIGNMENTS = [
  "General",
  "Left",
  "Center",
  "Right",
  "Fill",
  "Justify",
  "CenterAcrossSelection",
  "Distributed",
];

export class FakeOfficeError extends Error {
  readonly debugInfo: { readonly code: string; readonly errorLocation: string };
  constructor(
    readonly code: string,
    location: string,
    message = code
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, errorLocation: location };
  }
}

type Input = string | number | boolean;

export interface FakeCell {
  value: string | number | boolean; // "" = blank
  formula: string | null;
  numberFormat: string;
  fill: string | null;
  bold: boolean;
  italic: boolean;
  fontSize: number;
  fontColor: string;
  align: string;
  wrap: boolean;
  locked: boolean;
  border: boolean;
}

const blankCell = (): FakeCell => ({
  value: "",
  formula: null,
  numberFormat: "General",
  fill: null,
  bold: false,
  italic: false,
  fontSize: 11,
  fontColor: "#000000",
  align: "General",
  wrap: false,
  locked: true,
  border: false,
});

const KEY_ROW = 16_385;

export class SheetState {
  /** Cells by row * KEY_ROW + column (a number key: a 3,321-unit entry sheet has a million cells). */
  readonly cells = new Map<number, FakeCell>();
  merges: string[] = [];
  private mergeCache: { of: string[]; n: number; boxes: Box[] } | null = null;
  /** The merges parsed (cached while the list is unchanged). */
  mergeBoxes(): Box[] {
    const c = this.mergeCache;
    if (c && c.of === this.merges && c.n === this.merges.length) return c.boxes;
    const boxes = this.merges.map((m) => parseAddress(this, m));
    this.mergeCache = { of: this.merges, n: this.merges.length, boxes };
    return boxes;
  }
  frozen: { rows: number; cols: number } | null = null;
  validations: { range: string; rule: unknown; prompt?: unknown; errorAlert?: unknown }[] = [];
  conditionalFormats: {
    range: string;
    type: string;
    formula: string;
    fill?: string;
    fontColor?: string;
    bold?: boolean;
  }[] = [];
  tables: { name: string; range: string; style: string }[] = [];
  charts: FakeChart[] = [];
  pageLayout: {
    orientation?: string;
    paperSize?: string;
    zoom?: unknown;
    printTitleRows?: string;
  } = {};
  columnWidths = new Map<string, number>();
  rowHeights = new Map<number, number>();
  hiddenRows = new Set<number>();
  autoFilterBox: Box | null = null;
  /** Read at the time asked: a reference follows its sheet's renames, as in Excel. */
  get autoFilter(): string | null {
    return this.autoFilterBox ? boxAddress(this.autoFilterBox) : null;
  }
  protected = false;
  protectOptions: unknown = null;
  /** A protection password set by the user (the add-in never sets one). */
  password: string | null = null;
  visibility = "Visible";
  constructor(
    readonly id: string,
    public name: string
  ) {}
  cell(row: number, col: number): FakeCell {
    const k = row * KEY_ROW + col;
    let c = this.cells.get(k);
    if (!c) {
      c = blankCell();
      this.cells.set(k, c);
    }
    return c;
  }
  peek(row: number, col: number): FakeCell | undefined {
    return this.cells.get(row * KEY_ROW + col);
  }
  usedBounds(valuesOnly: boolean): { r0: number; c0: number; r1: number; c1: number } | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = 0;
    let c1 = 0;
    for (const [k, c] of this.cells) {
      const hasValue = c.value !== "" || c.formula !== null;
      const formatted = c.fill !== null || c.bold || c.numberFormat !== "General" || c.border;
      if (!hasValue && (valuesOnly || !formatted)) continue;
      const row = Math.floor(k / KEY_ROW);
      const col = k % KEY_ROW;
      r0 = Math.min(r0, row);
      c0 = Math.min(c0, col);
      r1 = Math.max(r1, row);
      c1 = Math.max(c1, col);
    }
    return r1 === 0 ? null : { r0, c0, r1, c1 };
  }
}

interface Box {
  sheet: SheetState;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

const boxAddress = (b: Box): string =>
  `${quote(b.sheet.name)}!${a1(b.r0, b.c0)}${b.r0 === b.r1 && b.c0 === b.c1 ? "" : `:${a1(b.r1, b.c1)}`}`;
const quote = (n: string): string => (/^[A-Za-z0-9_]+$/.test(n) ? n : `'${n}'`);
const MAX_ROW = 1048576;
const MAX_COL = 16384;

function parseAddress(sheet: SheetState, address: string | undefined): Box {
  if (address === undefined || address === "")
    return { sheet, r0: 1, c0: 1, r1: MAX_ROW, c1: MAX_COL };
  const body = address.replace(/^.*!/, "");
  const cols = /^\$?([A-Z]+):\$?([A-Z]+)$/i.exec(body);
  if (cols?.[1] !== undefined && cols[2] !== undefined)
    return { sheet, r0: 1, c0: columnNumber(cols[1]), r1: MAX_ROW, c1: columnNumber(cols[2]) };
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(body);
  if (rows?.[1] !== undefined && rows[2] !== undefined)
    return { sheet, r0: Number(rows[1]), c0: 1, r1: Number(rows[2]), c1: MAX_COL };
  const r = parseRange(body);
  if (!r)
    throw new FakeOfficeError("InvalidArgument", "Worksheet.getRange", `bad address ${address}`);
  return { sheet, r0: r.start.row, c0: r.start.col, r1: r.end.row, c1: r.end.col };
}

/** What typing (or writing `values`/`formulas`) does with an input. */
function enter(cell: FakeCell, input: Input | null | undefined): void {
  if (input === null || input === undefined) return;
  if (typeof input === "string") {
    if (input.startsWith("'")) {
      cell.value = input.slice(1);
      cell.formula = null;
    } else if (input.startsWith("=") && input.length > 1) {
      cell.formula = input;
      cell.value = 0;
    } else if (/^-?\d+(\.\d+)?$/.test(input.trim())) {
      cell.value = Number(input);
      cell.formula = null;
    } else if (/^(TRUE|FALSE)$/i.test(input)) {
      cell.value = input.toUpperCase() === "TRUE";
      cell.formula = null;
    } else {
      cell.value = input;
      cell.formula = null;
    }
    return;
  }
  cell.value = input;
  cell.formula = null;
}

// ------------------------------------------------------------------------------- the request queue

interface Op {
  readonly label: string;
  readonly bytes: number;
  readonly run: () => void;
}

export class FakeContext {
  private queue: Op[] = [];
  /** Bytes of data loaded by the sync in progress (the response). */
  responseBytes = 0;
  readonly workbook: { worksheets: FakeWorksheetCollection; names: FakeNamedItemCollection };
  constructor(readonly excel: FakeExcel) {
    this.workbook = {
      worksheets: new FakeWorksheetCollection(this),
      names: new FakeNamedItemCollection(this),
    };
  }
  enqueue(label: string, run: () => void, payload: unknown = null): void {
    this.excel.calls.push(label);
    const bytes = 60 + (payload === null ? 0 : JSON.stringify(payload).length);
    this.queue.push({ label, bytes, run });
  }
  sync(): Promise<void> {
    this.excel.syncs++;
    const ops = this.queue;
    this.queue = [];
    if (this.excel.cellEditRuns > 0) {
      return Promise.reject(
        new FakeOfficeError("InvalidOperationInCellEditMode", "", "Excel is in cell-editing mode.")
      );
    }
    const bytes = ops.reduce((s, o) => s + o.bytes, 0);
    this.excel.payloads.push(bytes);
    if (bytes > PAYLOAD_LIMIT)
      return Promise.reject(
        new FakeOfficeError("RequestPayloadSizeLimitExceeded", "", `payload ${bytes} bytes`)
      );
    this.responseBytes = 0;
    try {
      for (const op of ops) op.run();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    this.excel.responses.push(this.responseBytes);
    if (this.responseBytes > PAYLOAD_LIMIT)
      return Promise.reject(
        new FakeOfficeError(
          "ResponsePayloadSizeLimitExceeded",
          "",
          `response ${this.responseBytes} bytes`
        )
      );
    return Promise.resolve();
  }
}

/** Base of every proxy: loaded properties readable only after load + sync. */
class Proxy0 {
  protected loaded = new Map<string, unknown>();
  private synced = false;
  private nullObject = false;
  constructor(
    protected readonly ctx: FakeContext,
    protected readonly kind: string
  ) {}
  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop))
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `${this.kind}.${prop}`,
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
      );
    return this.loaded.get(prop) as T;
  }
  /** Marks when a sync has resolved this proxy (for isNullObject). */
  protected probe(isNull: () => boolean): void {
    this.ctx.enqueue(`${this.kind}.probe`, () => {
      this.nullObject = isNull();
      this.synced = true;
    });
  }
  /** Whether a sync found this OrNullObject null; undefined before a sync or for other proxies. */
  get probedNull(): boolean | undefined {
    return this.synced ? this.nullObject : undefined;
  }
  get isNullObject(): boolean {
    if (!this.synced)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `${this.kind}.isNullObject`,
        "isNullObject before sync"
      );
    return this.nullObject;
  }
  protected props(spec: string | string[]): string[] {
    return (Array.isArray(spec) ? spec : spec.split(","))
      .map((p) => p.trim())
      .filter((p) => p !== "");
  }
}

// ------------------------------------------------------------------------------- defined names

/** A workbook-level defined name: it refers to a cell of a sheet (null once the sheet is deleted). */
export interface FakeName {
  name: string;
  sheet: SheetState | null;
  cell: string;
}

const nameFormula = (n: FakeName): string =>
  n.sheet === null ? `=#REF!${n.cell}` : `=${quote(n.sheet.name)}!${n.cell}`;

export class FakeNamedItemCollection extends Proxy0 {
  private itemsLoaded: { name: string; formula: string; value: string }[] | null = null;
  constructor(ctx: FakeContext) {
    super(ctx, "NamedItemCollection");
  }
  /** `names.add(name, reference)`: reference "='Xếp hạng'!$A$1" (a formula) or a range. */
  add(name: string, reference: string | FakeRange): { readonly name: string } {
    this.ctx.enqueue(`NamedItemCollection.add(${name})`, () => {
      if (this.ctx.excel.names.some((n) => n.name.toUpperCase() === name.toUpperCase()))
        throw new FakeOfficeError("ItemAlreadyExists", "NamedItemCollection.add", `${name} exists`);
      if (typeof reference !== "string") {
        const b = reference.box();
        this.ctx.excel.names.push({
          name,
          sheet: b.sheet,
          cell: `$${a1(b.r0, b.c0).replace(/(\d+)$/, "$$$1")}`,
        });
        return;
      }
      const m = /^=?(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]+\$?\d+)$/i.exec(reference.trim());
      if (!m?.[3])
        throw new FakeOfficeError("InvalidArgument", "NamedItemCollection.add", "bad reference");
      const sheetName = (m[1] ?? m[2] ?? "").replace(/''/g, "'");
      const sheet = this.ctx.excel.sheets.find(
        (x) => x.name.toUpperCase() === sheetName.toUpperCase()
      );
      if (!sheet)
        throw new FakeOfficeError("InvalidArgument", "NamedItemCollection.add", "no sheet");
      this.ctx.excel.names.push({ name, sheet, cell: m[3] });
    });
    return { name };
  }
  load(_spec: string): this {
    this.ctx.enqueue("NamedItemCollection.load(items/name,items/formula)", () => {
      this.itemsLoaded = this.ctx.excel.names.map((n) => ({
        name: n.name,
        formula: nameFormula(n),
        value: nameFormula(n).slice(1),
      }));
    });
    return this;
  }
  get items(): { name: string; formula: string; value: string }[] {
    if (this.itemsLoaded === null)
      throw new FakeOfficeError("PropertyNotLoaded", "NamedItemCollection.items", "not loaded");
    return this.itemsLoaded;
  }
  getItem(name: string): { delete(): void } {
    return { delete: () => this.deleteName(name) };
  }
  private deleteName(name: string): void {
    this.ctx.enqueue(`NamedItem.delete(${name})`, () => {
      const excel = this.ctx.excel;
      const at = excel.names.findIndex((n) => n.name.toUpperCase() === name.toUpperCase());
      if (at < 0) throw new FakeOfficeError("ItemNotFound", "NamedItem.delete", `no name ${name}`);
      excel.names.splice(at, 1);
    });
  }
}

// ------------------------------------------------------------------------------- worksheets

type SheetRef = () => SheetState | null;

export class FakeWorksheetCollection extends Proxy0 {
  private itemsLoaded: FakeWorksheet[] | null = null;
  readonly onChanged: FakeEventSource;
  readonly onAdded: FakeEventSource;
  readonly onDeleted: FakeEventSource;
  readonly onNameChanged: FakeEventSource;
  readonly onSelectionChanged: FakeEventSource;
  constructor(ctx: FakeContext) {
    super(ctx, "WorksheetCollection");
    this.onChanged = new FakeEventSource(ctx, "changed");
    this.onAdded = new FakeEventSource(ctx, "added");
    this.onDeleted = new FakeEventSource(ctx, "deleted");
    this.onNameChanged = new FakeEventSource(ctx, "nameChanged");
    this.onSelectionChanged = new FakeEventSource(ctx, "selectionChanged");
  }
  get items(): FakeWorksheet[] {
    if (this.itemsLoaded === null)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        "WorksheetCollection.items",
        "items not loaded"
      );
    return this.itemsLoaded;
  }
  load(spec: string | string[]): this {
    const props = this.props(spec).map((p) => p.replace(/^items\//, ""));
    this.ctx.enqueue(`WorksheetCollection.load(${props.join(",")})`, () => {
      this.itemsLoaded = this.ctx.excel.sheets.map((s) => {
        const ws = new FakeWorksheet(this.ctx, () => s);
        ws.fill(props, s);
        return ws;
      });
    });
    return this;
  }
  private find(name: string): SheetState | null {
    return this.ctx.excel.sheets.find((s) => s.name.toUpperCase() === name.toUpperCase()) ?? null;
  }
  /** Bound to its sheet when first used, as Excel instantiates it: a rename later does not lose it. */
  getItem(key: string): FakeWorksheet {
    this.ctx.excel.calls.push(`WorksheetCollection.getItem(${key})`);
    let bound: SheetState | null = null;
    return new FakeWorksheet(this.ctx, () => {
      if (bound && this.ctx.excel.sheets.includes(bound)) return bound;
      const s = this.find(key) ?? this.ctx.excel.sheets.find((x) => x.id === key) ?? null;
      if (!s)
        throw new FakeOfficeError("ItemNotFound", "WorksheetCollection.getItem", `no sheet ${key}`);
      bound = s;
      return s;
    });
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    this.ctx.excel.calls.push(`WorksheetCollection.getItemOrNullObject(${key})`);
    return new FakeWorksheet(this.ctx, () => this.find(key), true);
  }
  /** Excel always has a sheet; a fake workbook may have none: its "active sheet" then reads as "". */
  getActiveWorksheet(): FakeWorksheet {
    const none = new SheetState("{none}", "");
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.activeSheet() ?? none);
  }
  add(name: string): FakeWorksheet {
    let created: SheetState | null = null;
    this.ctx.enqueue(`WorksheetCollection.add(${name})`, () => {
      if (this.find(name))
        throw new FakeOfficeError("ItemAlreadyExists", "WorksheetCollection.add", `${name} exists`);
      if (name.length > 31 || /[[\]:*?/\\]/.test(name))
        throw new FakeOfficeError("InvalidArgument", "WorksheetCollection.add", `bad name ${name}`);
      created = this.ctx.excel.addSheet(name);
    });
    return new FakeWorksheet(this.ctx, () => {
      if (!created) throw new FakeOfficeError("ItemNotFound", "Worksheet", "sheet was not added");
      return created;
    });
  }
}

export class FakeWorksheet extends Proxy0 {
  constructor(
    ctx: FakeContext,
    readonly ref: SheetRef,
    orNull = false
  ) {
    super(ctx, "Worksheet");
    if (orNull) this.probe(() => this.ref() === null);
  }
  /** Resolves at run time; a null object fails any command, as in Office. */
  sheet(): SheetState {
    const s = this.ref();
    if (!s) throw new FakeOfficeError("ItemNotFound", "Worksheet", "null object");
    return s;
  }
  fill(props: readonly string[], s: SheetState): void {
    for (const p of props) {
      if (p === "name") this.loaded.set("name", s.name);
      else if (p === "id") this.loaded.set("id", s.id);
      else if (p === "visibility") this.loaded.set("visibility", s.visibility);
      else if (p === "position") this.loaded.set("position", this.ctx.excel.sheets.indexOf(s));
    }
  }
  load(spec: string | string[]): this {
    const props = this.props(spec);
    this.ctx.enqueue(`Worksheet.load(${props.join(",")})`, () => {
      const s = this.ref();
      if (s) this.fill(props, s);
    });
    return this;
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.ctx.enqueue(`Worksheet.name=${v}`, () => {
      const s = this.sheet();
      if (this.ctx.excel.sheets.some((x) => x !== s && x.name.toUpperCase() === v.toUpperCase()))
        throw new FakeOfficeError("ItemAlreadyExists", "Worksheet.name", `${v} exists`);
      s.name = v;
    });
  }
  get id(): string {
    return this.read("id");
  }
  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(v: string) {
    this.ctx.enqueue(`Worksheet.visibility=${v}`, () => {
      this.sheet().visibility = v;
    });
  }
  get position(): number {
    return this.read("position");
  }
  set position(v: number) {
    this.ctx.enqueue(`Worksheet.position=${v}`, () => {
      const s = this.sheet();
      const list = this.ctx.excel.sheets.filter((x) => x !== s);
      list.splice(Math.min(v, list.length), 0, s);
      this.ctx.excel.sheets = list;
    });
  }
  delete(): void {
    this.ctx.enqueue("Worksheet.delete", () => {
      const s = this.sheet();
      const left = this.ctx.excel.sheets.filter((x) => x !== s);
      if (!left.some((x) => x.visibility === "Visible"))
        throw new FakeOfficeError("InvalidOperation", "Worksheet.delete", "last visible sheet");
      this.ctx.excel.removeSheet(s);
    });
  }
  activate(): void {
    this.ctx.enqueue("Worksheet.activate", () => {
      this.ctx.excel.activeId = this.sheet().id;
    });
  }
  activeOrThrow(): SheetState {
    const s = this.ctx.excel.activeSheet();
    if (!s) throw new FakeOfficeError("ItemNotFound", "Worksheet", "no active sheet");
    return s;
  }
  getRange(address?: string): FakeRange {
    this.ctx.excel.calls.push(`Worksheet.getRange(${address ?? ""})`);
    return new FakeRange(this.ctx, () => parseAddress(this.sheet(), address));
  }
  /**
   * Worksheet.getRanges (ExcelApi 1.9), the part the adapter uses: a RangeAreas whose format sets
   * every area's column width. Its address limit is undocumented; long addresses fail with
   * InvalidArgument (OfficeDev/office-js#5198: seen failing at 513 areas and 8,207 characters), so
   * the fake refuses from 500 areas or 8,000 characters.
   */
  getRanges(address: string): { readonly format: { columnWidth: number } } {
    this.ctx.excel.calls.push(`Worksheet.getRanges(${address})`);
    const areas = address.split(/[,;]/).map((a) => a.trim());
    const ranges = areas.map((a) => new FakeRange(this.ctx, () => parseAddress(this.sheet(), a)));
    const ctx = this.ctx;
    return {
      format: {
        set columnWidth(v: number) {
          ctx.enqueue("Worksheet.getRanges", () => {
            if (areas.length >= 500 || address.length >= 8000)
              throw new FakeOfficeError(
                "InvalidArgument",
                "Worksheet.getRanges",
                "The argument is invalid or missing or has an incorrect format."
              );
          });
          for (const r of ranges) r.format.columnWidth = v;
        },
        get columnWidth(): number {
          throw new FakeOfficeError("PropertyNotLoaded", "RangeFormat.columnWidth");
        },
      },
    };
  }
  /** Resolved once, when first used in a sync (a Range refers to fixed cells, as in Excel). */
  getUsedRange(valuesOnly = false): FakeRange {
    let bound: Box | null = null;
    return new FakeRange(this.ctx, () => {
      if (bound) return bound;
      const s = this.sheet();
      const b = s.usedBounds(valuesOnly);
      bound = b ? { sheet: s, ...b } : { sheet: s, r0: 1, c0: 1, r1: 1, c1: 1 };
      return bound;
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    const resolve = (): Box | null => {
      const s = this.ref();
      if (!s) return null;
      const b = s.usedBounds(valuesOnly);
      return b ? { sheet: s, ...b } : null;
    };
    return new FakeRange(this.ctx, resolve, true);
  }
  get protection(): FakeWorksheetProtection {
    return new FakeWorksheetProtection(this.ctx, () => this.sheet());
  }
  get freezePanes(): {
    unfreeze(): void;
    freezeRows(n: number): void;
    freezeColumns(n: number): void;
    freezeAt(r: FakeRange | string): void;
  } {
    return {
      // Panes belong to the active worksheet view: freezing shows (activates) the sheet.
      unfreeze: () =>
        this.ctx.enqueue("FreezePanes.unfreeze", () => {
          this.sheet().frozen = null;
        }),
      freezeRows: (n) =>
        this.ctx.enqueue(`FreezePanes.freezeRows(${n})`, () => {
          this.sheet().frozen = { rows: n, cols: 0 };
          this.ctx.excel.activeId = this.sheet().id;
        }),
      freezeColumns: (n) =>
        this.ctx.enqueue(`FreezePanes.freezeColumns(${n})`, () => {
          this.sheet().frozen = { rows: 0, cols: n };
          this.ctx.excel.activeId = this.sheet().id;
        }),
      freezeAt: (r) =>
        this.ctx.enqueue("FreezePanes.freezeAt", () => {
          const b = typeof r === "string" ? parseAddress(this.sheet(), r) : r.box();
          this.sheet().frozen = { rows: b.r1, cols: b.c1 };
          this.ctx.excel.activeId = this.sheet().id;
        }),
    };
  }
  get pageLayout(): {
    orientation: string;
    paperSize: string;
    zoom: unknown;
    setPrintTitleRows(rows: string): void;
  } {
    const enqueue = (label: string, f: (s: SheetState) => void): void =>
      this.ctx.enqueue(label, () => f(this.sheet()));
    return {
      set orientation(v: string) {
        enqueue(`PageLayout.orientation=${v}`, (s) => (s.pageLayout.orientation = v));
      },
      set paperSize(v: string) {
        enqueue(`PageLayout.paperSize=${v}`, (s) => (s.pageLayout.paperSize = v));
      },
      set zoom(v: unknown) {
        enqueue("PageLayout.zoom=", (s) => (s.pageLayout.zoom = v));
      },
      setPrintTitleRows: (rows: string) =>
        enqueue(
          `PageLayout.setPrintTitleRows(${rows})`,
          (s) => (s.pageLayout.printTitleRows = rows)
        ),
    };
  }
  get tables(): FakeTableCollection {
    return new FakeTableCollection(this.ctx, this);
  }
  get charts(): FakeChartCollection {
    return new FakeChartCollection(this.ctx, this);
  }
  get autoFilter(): { apply(r: FakeRange): void } {
    return {
      apply: (r) =>
        this.ctx.enqueue("AutoFilter.apply", () => {
          this.sheet().autoFilterBox = r.box();
        }),
    };
  }
}

export class FakeTableCollection extends Proxy0 {
  private itemsLoaded: { name: string }[] | null = null;
  constructor(
    ctx: FakeContext,
    private readonly ws: FakeWorksheet
  ) {
    super(ctx, "TableCollection");
  }
  load(_spec: string): this {
    this.ctx.enqueue("TableCollection.load(items/name)", () => {
      this.itemsLoaded = this.ws.sheet().tables.map((t) => ({ name: t.name }));
    });
    return this;
  }
  get items(): { name: string }[] {
    if (this.itemsLoaded === null)
      throw new FakeOfficeError("PropertyNotLoaded", "TableCollection.items", "not loaded");
    return this.itemsLoaded;
  }
  private proxy(entry: () => SheetState["tables"][number]): {
    name: string;
    style: string;
    delete(): void;
  } {
    const ctx = this.ctx;
    const ws = this.ws;
    return {
      set name(v: string) {
        ctx.enqueue(`Table.name=${v}`, () => {
          const me = entry();
          // Table names are unique in the whole workbook, as in Excel.
          const taken = ctx.excel.sheets.some((x) =>
            x.tables.some((t) => t !== me && t.name.toUpperCase() === v.toUpperCase())
          );
          if (taken)
            throw new FakeOfficeError("InvalidArgument", "Table.name", `table name ${v} is taken`);
          me.name = v;
        });
      },
      set style(v: string) {
        ctx.enqueue(`Table.style=${v}`, () => (entry().style = v));
      },
      delete: () =>
        ctx.enqueue("Table.delete", () => {
          const me = entry();
          const s = ws.sheet();
          s.tables = s.tables.filter((t) => t !== me);
        }),
    };
  }
  getItem(key: string): { name: string; style: string; delete(): void } {
    let bound: SheetState["tables"][number] | null = null;
    return this.proxy(() => {
      bound ??=
        this.ws.sheet().tables.find((t) => t.name.toUpperCase() === key.toUpperCase()) ?? null;
      if (!bound) throw new FakeOfficeError("ItemNotFound", "TableCollection.getItem", key);
      return bound;
    });
  }
  add(address: string | FakeRange, hasHeaders: boolean): { name: string; style: string } {
    const ctx = this.ctx;
    let created: SheetState["tables"][number] | null = null;
    const label = typeof address === "string" ? address : "Range";
    ctx.enqueue(`TableCollection.add(${label},${String(hasHeaders)})`, () => {
      // A sheet-less address means the active sheet, whichever sheet's collection is used.
      const b =
        typeof address !== "string"
          ? address.box()
          : address.includes("!")
            ? parseAddress(this.ws.sheet(), address)
            : parseAddress(this.ws.activeOrThrow(), address);
      const s = b.sheet;
      if (s.merges.some((m) => overlaps(parseAddress(s, m), b)))
        throw new FakeOfficeError("InvalidOperation", "TableCollection.add", "merged cells");
      created = {
        name: `Table${ctx.excel.tableCounter++}`,
        range: `${a1(b.r0, b.c0)}:${a1(b.r1, b.c1)}`,
        style: "TableStyleMedium2",
      };
      s.tables.push(created);
    });
    return this.proxy(() => {
      if (!created) throw new FakeOfficeError("ItemNotFound", "Table", "table not added");
      return created;
    });
  }
}

export class FakeChartCollection extends Proxy0 {
  private itemsLoaded: { name: string }[] | null = null;
  constructor(
    ctx: FakeContext,
    private readonly ws: FakeWorksheet
  ) {
    super(ctx, "ChartCollection");
  }
  load(_spec: string): this {
    this.ctx.enqueue("ChartCollection.load(items/name)", () => {
      this.itemsLoaded = this.ws.sheet().charts.map((x) => ({ name: x.name }));
    });
    return this;
  }
  get items(): { name: string }[] {
    if (this.itemsLoaded === null)
      throw new FakeOfficeError("PropertyNotLoaded", "ChartCollection.items", "not loaded");
    return this.itemsLoaded;
  }
  getItem(name: string): { delete(): void } {
    return {
      delete: () =>
        this.ctx.enqueue(`Chart.delete(${name})`, () => {
          const s = this.ws.sheet();
          const at = s.charts.findIndex((x) => x.name === name);
          if (at < 0) throw new FakeOfficeError("ItemNotFound", "Chart.delete", `no chart ${name}`);
          s.charts.splice(at, 1);
        }),
    };
  }
  add(type: string, source: FakeRange, _seriesBy: string): unknown {
    const ctx = this.ctx;
    const chart = new FakeChart(type);
    ctx.enqueue(`ChartCollection.add(${type})`, () => {
      chart.valuesBox = source.box();
      this.ws.sheet().charts.push(chart);
    });
    return {
      title: {
        set text(v: string) {
          ctx.enqueue("Chart.title.text=", () => (chart.title = v));
        },
      },
      legend: { set visible(_v: boolean) {} },
      set name(v: string) {
        ctx.enqueue(`Chart.name=${v}`, () => (chart.name = v));
      },
      series: {
        getItemAt: () => ({
          setXAxisValues: (r: FakeRange) =>
            ctx.enqueue("ChartSeries.setXAxisValues", () => (chart.categoriesBox = r.box())),
        }),
      },
      setPosition: (from: string, to: string) =>
        ctx.enqueue("Chart.setPosition", () => (chart.position = [from, to])),
    };
  }
}

/** A chart; its source ranges read as addresses at the time asked (they follow sheet renames). */
export class FakeChart {
  valuesBox: Box | null = null;
  categoriesBox: Box | null = null;
  title?: string;
  position?: [string, string];
  name = "Chart";
  constructor(readonly type: string) {}
  get values(): string | null {
    return this.valuesBox ? boxAddress(this.valuesBox) : null;
  }
  get categories(): string | null {
    return this.categoriesBox ? boxAddress(this.categoriesBox) : null;
  }
}

/** Excel refuses format changes on a protected sheet unless its protection allows them. */
function guardFormat(
  b: Box,
  location: string,
  allow: "allowFormatCells" | "allowFormatColumns" | "allowFormatRows" = "allowFormatCells"
): void {
  const s = b.sheet;
  if (!s.protected) return;
  const options = (s.protectOptions ?? {}) as Record<string, unknown>;
  if (options[allow] !== true)
    throw new FakeOfficeError(
      "AccessDenied",
      location,
      "The cell or chart you're trying to change is on a protected sheet."
    );
}

function overlaps(a: Box, b: Box): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

const PROTECTION_OPTIONS = [
  "allowAutoFilter",
  "allowDeleteColumns",
  "allowDeleteRows",
  "allowEditObjects",
  "allowEditScenarios",
  "allowFormatCells",
  "allowFormatColumns",
  "allowFormatRows",
  "allowInsertColumns",
  "allowInsertHyperlinks",
  "allowInsertRows",
  "allowPivotTables",
  "allowSort",
] as const;

class FakeWorksheetProtection extends Proxy0 {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => SheetState
  ) {
    super(ctx, "WorksheetProtection");
  }
  load(spec: string): this {
    this.ctx.enqueue(`WorksheetProtection.load(${spec})`, () => {
      const s = this.sheet();
      this.loaded.set("protected", s.protected);
      // Office reports every option, false where not given.
      const given = (s.protectOptions ?? {}) as Record<string, unknown>;
      const options: Record<string, unknown> = {};
      for (const k of PROTECTION_OPTIONS) options[k] = given[k] === true;
      this.loaded.set("options", options);
    });
    return this;
  }
  get protected(): boolean {
    return this.read("protected");
  }
  get options(): Record<string, unknown> {
    return this.read("options");
  }
  unprotect(password?: string): void {
    this.ctx.enqueue("WorksheetProtection.unprotect", () => {
      const s = this.sheet();
      if (s.password !== null && s.password !== password)
        throw new FakeOfficeError("InvalidArgument", "WorksheetProtection.unprotect", "password");
      s.protected = false;
    });
  }
  protect(options?: unknown): void {
    this.ctx.enqueue("WorksheetProtection.protect", () => {
      const s = this.sheet();
      if (s.protected)
        throw new FakeOfficeError("InvalidOperation", "WorksheetProtection.protect", "already");
      s.protected = true;
      s.protectOptions = options ?? null;
    });
  }
}

// ------------------------------------------------------------------------------- ranges

export class FakeRange extends Proxy0 {
  constructor(
    ctx: FakeContext,
    private readonly resolve: () => Box | null,
    orNull = false
  ) {
    super(ctx, "Range");
    if (orNull) this.probe(() => this.resolve() === null);
  }
  box(): Box {
    const b = this.resolve();
    if (!b) throw new FakeOfficeError("ItemNotFound", "Range", "null object");
    return b;
  }
  private each(f: (c: FakeCell, row: number, col: number) => void): void {
    const b = this.box();
    if ((b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1) > 5_000_000)
      throw new FakeOfficeError(
        "InvalidOperation",
        "Range",
        "range too large for a cell-by-cell write"
      );
    for (let r = b.r0; r <= b.r1; r++)
      for (let c = b.c0; c <= b.c1; c++) f(b.sheet.cell(r, c), r, c);
  }
  load(spec: string | string[]): this {
    const props = this.props(spec);
    this.ctx.enqueue(`Range.load(${props.join(",")})`, () => {
      const b = this.resolve();
      if (!b) return;
      const grid = <T>(f: (c: FakeCell | undefined) => T): T[][] => {
        const out: T[][] = [];
        for (let r = b.r0; r <= b.r1; r++) {
          const row: T[] = [];
          for (let c = b.c0; c <= b.c1; c++) row.push(f(b.sheet.peek(r, c)));
          out.push(row);
        }
        return out;
      };
      const set = (p: string, v: unknown): void => {
        if (Array.isArray(v)) this.ctx.responseBytes += JSON.stringify(v).length;
        this.loaded.set(p, v);
      };
      for (const p of props) {
        if (p === "values")
          set(
            p,
            grid((c) => c?.value ?? "")
          );
        else if (p === "formulas")
          set(
            p,
            grid((c) => c?.formula ?? c?.value ?? "")
          );
        else if (p === "valueTypes")
          set(
            p,
            grid((c) => {
              const v = c?.value ?? "";
              if (v === "") return "Empty";
              if (typeof v === "number") return "Double";
              if (typeof v === "boolean") return "Boolean";
              return /^#[A-Z/0!?]+[!?A]?$/.test(v) ? "Error" : "String";
            })
          );
        else if (p === "numberFormat")
          set(
            p,
            grid((c) => c?.numberFormat ?? "General")
          );
        else if (p === "address") set(p, boxAddress(b));
        else if (p === "rowIndex") set(p, b.r0 - 1);
        else if (p === "columnIndex") set(p, b.c0 - 1);
        else if (p === "rowCount") set(p, b.r1 - b.r0 + 1);
        else if (p === "columnCount") set(p, b.c1 - b.c0 + 1);
      }
    });
    return this;
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  get valueTypes(): unknown[][] {
    return this.read("valueTypes");
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  getRow(i: number): FakeRange {
    return new FakeRange(this.ctx, () => {
      const b = this.box();
      return { ...b, r0: b.r0 + i, r1: b.r0 + i };
    });
  }
  /** The smallest range holding both (the client library cuts large matrix writes with it). */
  getBoundingRect(other: FakeRange | string): FakeRange {
    return new FakeRange(this.ctx, () => {
      const a = this.box();
      const b = typeof other === "string" ? parseAddress(a.sheet, other) : other.box();
      return {
        sheet: a.sheet,
        r0: Math.min(a.r0, b.r0),
        c0: Math.min(a.c0, b.c0),
        r1: Math.max(a.r1, b.r1),
        c1: Math.max(a.c1, b.c1),
      };
    });
  }
  getResizedRange(deltaRows: number, deltaCols: number): FakeRange {
    return new FakeRange(this.ctx, () => {
      const b = this.box();
      return { ...b, r1: b.r1 + deltaRows, c1: b.c1 + deltaCols };
    });
  }
  private write(label: string, m: Input[][], apply: (c: FakeCell, v: Input) => void): void {
    this.ctx.enqueue(
      label,
      () => {
        const b = this.box();
        if (m.length !== b.r1 - b.r0 + 1 || m.some((row) => row.length !== b.c1 - b.c0 + 1))
          throw new FakeOfficeError(
            "InvalidArgument",
            label.replace(/=.*$/, ""),
            "The number of rows or columns in the input array doesn't match the size or dimensions of the range."
          );
        if (apply === setFormat) guardFormat(b, label.replace(/=.*$/, ""));
        else if (b.sheet.protected)
          for (let r = b.r0; r <= b.r1; r++)
            for (let c = b.c0; c <= b.c1; c++)
              if (b.sheet.peek(r, c)?.locked !== false)
                throw new FakeOfficeError(
                  "AccessDenied",
                  label.replace(/=.*$/, ""),
                  "protected cell"
                );
        m.forEach((row, r) => row.forEach((v, c) => apply(b.sheet.cell(b.r0 + r, b.c0 + c), v)));
      },
      m
    );
  }
  set values(m: Input[][]) {
    this.write("Range.values=", m, enter);
  }
  set formulas(m: Input[][]) {
    this.write("Range.formulas=", m, enter);
  }
  /**
   * A matrix of the range's size, or one value for every cell ("If the argument is a single value,
   * it will be applied to all cells in the range": Range.numberFormat). values and formulas stay
   * matrices only (office-js-docs-reference#578: a single value there stops the batch).
   */
  set numberFormat(m: Input[][] | string) {
    if (typeof m !== "string") {
      this.write("Range.numberFormat=", m, setFormat);
      return;
    }
    this.ctx.enqueue(
      "Range.numberFormat=",
      () => {
        const b = this.box();
        guardFormat(b, "Range.numberFormat");
        for (let r = b.r0; r <= b.r1; r++)
          for (let c = b.c0; c <= b.c1; c++) setFormat(b.sheet.cell(r, c), m);
      },
      m
    );
  }
  merge(across = false): void {
    this.ctx.enqueue(`Range.merge(${String(across)})`, () => {
      const b = this.box();
      b.sheet.merges.push(`${a1(b.r0, b.c0)}:${a1(b.r1, b.c1)}`);
    });
  }
  unmerge(): void {
    this.ctx.enqueue("Range.unmerge", () => {
      const b = this.box();
      b.sheet.merges = b.sheet.merges.filter((m) => !overlaps(parseAddress(b.sheet, m), b));
    });
  }
  clear(): void {
    this.ctx.enqueue("Range.clear", () => {
      const b = this.box();
      for (const k of [...b.sheet.cells.keys()]) {
        const r = Math.floor(k / KEY_ROW);
        const c = k % KEY_ROW;
        if (r >= b.r0 && r <= b.r1 && c >= b.c0 && c <= b.c1) b.sheet.cells.delete(k);
      }
    });
  }
  select(): void {
    this.ctx.enqueue("Range.select", () => {
      const b = this.box();
      this.ctx.excel.activeId = b.sheet.id;
      this.ctx.excel.selection = `${b.sheet.name}!${a1(b.r0, b.c0)}`;
    });
  }
  getColumn(i: number): FakeRange {
    return new FakeRange(this.ctx, () => {
      const b = this.box();
      return { ...b, c0: b.c0 + i, c1: b.c0 + i };
    });
  }
  getVisibleView(): { load(p: string): void; readonly cellAddresses: string[][] } {
    const view = new FakeRangeView(this.ctx, () => this.box());
    return view;
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, () => {
      const b = this.box();
      // Only areas whose top-left cell is in the range (OfficeDev/office-js#3611).
      const boxes = b.sheet.mergeBoxes();
      const hits = b.sheet.merges.filter((_, i) => {
        const a = boxes[i];
        return a !== undefined && a.r0 >= b.r0 && a.r0 <= b.r1 && a.c0 >= b.c0 && a.c0 <= b.c1;
      });
      if (hits.length > MERGED_AREAS_LIMIT)
        throw new FakeOfficeError(
          "GeneralException",
          "Range.getMergedAreasOrNullObject",
          `more than ${MERGED_AREAS_LIMIT} merged areas`
        );
      return hits.length === 0 ? null : hits.map((m) => `${quote(b.sheet.name)}!${m}`);
    });
  }
  get format(): FakeRangeFormat {
    return new FakeRangeFormat(
      this.ctx,
      (f) => this.each(f),
      () => this.box()
    );
  }
  get dataValidation(): { rule: unknown; prompt: unknown; errorAlert: unknown; clear(): void } {
    const ctx = this.ctx;
    const box = (): Box => this.box();
    const entry = (): SheetState["validations"][number] => {
      const b = box();
      const range = `${a1(b.r0, b.c0)}:${a1(b.r1, b.c1)}`;
      let v = b.sheet.validations.find((x) => x.range === range);
      if (!v) {
        v = { range, rule: null };
        b.sheet.validations.push(v);
      }
      return v;
    };
    return {
      clear: () =>
        ctx.enqueue("DataValidation.clear", () => {
          const b = box();
          b.sheet.validations = b.sheet.validations.filter(
            (v) => !overlaps(parseAddress(b.sheet, v.range), b)
          );
        }),
      set rule(r: unknown) {
        ctx.enqueue("DataValidation.rule=", () => (entry().rule = r), r);
      },
      set prompt(p: unknown) {
        ctx.enqueue("DataValidation.prompt=", () => (entry().prompt = p), p);
      },
      set errorAlert(p: unknown) {
        ctx.enqueue("DataValidation.errorAlert=", () => (entry().errorAlert = p), p);
      },
    };
  }
  get conditionalFormats(): { add(type: string): unknown; clearAll(): void } {
    return {
      clearAll: () =>
        this.ctx.enqueue("ConditionalFormatCollection.clearAll", () => {
          const b = this.box();
          b.sheet.conditionalFormats = b.sheet.conditionalFormats.filter(
            (c) => !overlaps(parseAddress(b.sheet, c.range), b)
          );
        }),
      add: (type: string) => {
        const ctx = this.ctx;
        const cf: SheetState["conditionalFormats"][number] = { range: "", type, formula: "" };
        ctx.enqueue(`ConditionalFormatCollection.add(${type})`, () => {
          const b = this.box();
          cf.range = `${a1(b.r0, b.c0)}:${a1(b.r1, b.c1)}`;
          b.sheet.conditionalFormats.push(cf);
        });
        return {
          custom: {
            rule: {
              set formula(v: string) {
                ctx.enqueue("ConditionalRule.formula=", () => (cf.formula = v));
              },
            },
            format: {
              fill: {
                set color(v: string) {
                  ctx.enqueue("ConditionalFill.color=", () => (cf.fill = v));
                },
              },
              font: {
                set color(v: string) {
                  ctx.enqueue("ConditionalFont.color=", () => (cf.fontColor = v));
                },
                set bold(v: boolean) {
                  ctx.enqueue("ConditionalFont.bold=", () => (cf.bold = v));
                },
              },
            },
          },
        };
      },
    };
  }
}

function setFormat(c: FakeCell, v: Input): void {
  c.numberFormat = String(v);
}

class FakeRangeView extends Proxy0 {
  constructor(
    ctx: FakeContext,
    private readonly box: () => Box
  ) {
    super(ctx, "RangeView");
  }
  load(spec: string): this {
    this.ctx.enqueue(`RangeView.load(${spec})`, () => {
      const b = this.box();
      const rows: string[][] = [];
      for (let r = b.r0; r <= b.r1; r++) {
        if (b.sheet.hiddenRows.has(r)) continue;
        const row: string[] = [];
        for (let c = b.c0; c <= b.c1; c++) row.push(`${quote(b.sheet.name)}!${a1(r, c)}`);
        rows.push(row);
      }
      this.loaded.set("cellAddresses", rows);
    });
    return this;
  }
  get cellAddresses(): string[][] {
    return this.read("cellAddresses");
  }
}

class FakeRangeAreas extends Proxy0 {
  constructor(
    ctx: FakeContext,
    private readonly resolve: () => string[] | null
  ) {
    super(ctx, "RangeAreas");
    this.probe(() => this.resolve() === null);
  }
  load(_spec: string): this {
    this.ctx.enqueue("RangeAreas.load(areas/items/address)", () => {
      this.loaded.set("areas", { items: (this.resolve() ?? []).map((address) => ({ address })) });
    });
    return this;
  }
  get areas(): { items: { address: string }[] } {
    return this.read("areas");
  }
}

class FakeRangeFormat {
  constructor(
    private readonly ctx: FakeContext,
    private readonly each: (f: (c: FakeCell, row: number, col: number) => void) => void,
    private readonly box: () => Box
  ) {}
  private set(label: string, f: (c: FakeCell) => void): void {
    this.ctx.enqueue(label, () => {
      guardFormat(this.box(), label.replace(/=.*$/, ""));
      this.each(f);
    });
  }
  get font(): { bold: boolean; italic: boolean; size: number; color: string } {
    const set = (l: string, f: (c: FakeCell) => void): void => this.set(l, f);
    return {
      set bold(v: boolean) {
        set("RangeFont.bold=", (c) => (c.bold = v));
      },
      set italic(v: boolean) {
        set("RangeFont.italic=", (c) => (c.italic = v));
      },
      set size(v: number) {
        set("RangeFont.size=", (c) => (c.fontSize = v));
      },
      set color(v: string) {
        set("RangeFont.color=", (c) => (c.fontColor = v));
      },
    };
  }
  get fill(): FakeRangeFill {
    return new FakeRangeFill(this.ctx, this.each, this.box);
  }
  get protection(): FakeFormatProtection {
    return new FakeFormatProtection(this.ctx, this.each, this.box);
  }
  /** Only Excel.HorizontalAlignment's values (https://learn.microsoft.com/javascript/api/excel/excel.horizontalalignment). */
  set horizontalAlignment(v: string) {
    if (!H_ALIGNMENTS.includes(v))
      this.ctx.enqueue(`RangeFormat.horizontalAlignment=${v}`, () => {
        throw new FakeOfficeError("InvalidArgument", "RangeFormat.horizontalAlignment");
      });
    else this.set(`RangeFormat.horizontalAlignment=${v}`, (c) => (c.align = v));
  }
  set wrapText(v: boolean) {
    this.set("RangeFormat.wrapText=", (c) => (c.wrap = v));
  }
  set columnWidth(v: number) {
    this.ctx.enqueue(`RangeFormat.columnWidth=${v}`, () => {
      const b = this.box();
      guardFormat(b, "RangeFormat.columnWidth", "allowFormatColumns");
      for (let c = b.c0; c <= b.c1; c++) b.sheet.columnWidths.set(a1(1, c).replace(/\d+$/, ""), v);
    });
  }
  set rowHeight(v: number) {
    this.ctx.enqueue(`RangeFormat.rowHeight=${v}`, () => {
      const b = this.box();
      guardFormat(b, "RangeFormat.rowHeight", "allowFormatRows");
      for (let r = b.r0; r <= b.r1; r++) b.sheet.rowHeights.set(r, v);
    });
  }
  get borders(): { getItem(edge: string): { style: string; weight: string; color: string } } {
    const set = (l: string, f: (c: FakeCell) => void): void => this.set(l, f);
    return {
      getItem: (edge: string) => ({
        set style(v: string) {
          set(`RangeBorder(${edge}).style=${v}`, (c) => (c.border = v !== "None"));
        },
        set weight(_v: string) {},
        set color(_v: string) {},
      }),
    };
  }
}

class FakeRangeFill extends Proxy0 {
  constructor(
    ctx: FakeContext,
    private readonly each: (f: (c: FakeCell) => void) => void,
    private readonly box: () => Box
  ) {
    super(ctx, "RangeFill");
  }
  load(_spec: string): this {
    this.ctx.enqueue("RangeFill.load(color,pattern)", () => {
      const b = this.box();
      const fill = b.sheet.peek(b.r0, b.c0)?.fill ?? null;
      // Office reads an unfilled cell as white with pattern "None".
      this.loaded.set("color", fill ?? "#FFFFFF");
      this.loaded.set("pattern", fill === null ? "None" : "Solid");
    });
    return this;
  }
  get color(): string {
    return this.read("color");
  }
  set color(v: string) {
    this.ctx.enqueue(`RangeFill.color=${v}`, () => {
      guardFormat(this.box(), "RangeFill.color");
      this.each((c) => (c.fill = v.toUpperCase()));
    });
  }
  get pattern(): string {
    return this.read("pattern");
  }
  clear(): void {
    this.ctx.enqueue("RangeFill.clear", () => {
      guardFormat(this.box(), "RangeFill.clear");
      this.each((c) => (c.fill = null));
    });
  }
}

class FakeFormatProtection extends Proxy0 {
  constructor(
    ctx: FakeContext,
    private readonly each: (f: (c: FakeCell) => void) => void,
    private readonly box: () => Box
  ) {
    super(ctx, "FormatProtection");
  }
  load(_spec: string): this {
    this.ctx.enqueue("FormatProtection.load(locked)", () => {
      const b = this.box();
      this.loaded.set("locked", b.sheet.peek(b.r0, b.c0)?.locked ?? true);
    });
    return this;
  }
  get locked(): boolean {
    return this.read("locked");
  }
  set locked(v: boolean) {
    this.ctx.enqueue(`FormatProtection.locked=${String(v)}`, () => {
      // Locking or unlocking cells is never allowed on a protected sheet.
      if (this.box().sheet.protected)
        throw new FakeOfficeError("AccessDenied", "FormatProtection.locked", "protected sheet");
      this.each((c) => (c.locked = v));
    });
  }
}

// ------------------------------------------------------------------------------- events

type Handler = (args: unknown) => Promise<unknown>;

class FakeEventSource {
  constructor(
    private readonly ctx: FakeContext,
    private readonly kind: keyof FakeExcel["handlers"]
  ) {}
  add(handler: Handler): { context: FakeContext; remove(): void } {
    const excel = this.ctx.excel;
    this.ctx.enqueue(`Worksheets.on${this.kind}.add`, () => {
      if (this.kind === "nameChanged" && !excel.renameEvents)
        throw new FakeOfficeError(
          "ApiNotFound",
          "WorksheetCollection.onNameChanged",
          "ExcelApi 1.17"
        );
      excel.handlers[this.kind].add(handler);
    });
    return {
      context: this.ctx,
      remove: () =>
        this.ctx.enqueue(`Worksheets.on${this.kind}.remove`, () =>
          excel.handlers[this.kind].delete(handler)
        ),
    };
  }
}

// ------------------------------------------------------------------------------- the fake

export class FakeExcel {
  sheets: SheetState[] = [];
  /** Workbook-level defined names. */
  names: FakeName[] = [];
  activeId: string | null = null;
  selection: string | null = null;
  runs = 0;
  syncs = 0;
  /** Bytes of each sync's request. */
  payloads: number[] = [];
  /** Bytes of data each sync returned (Excel on the web refuses responses above 5 MB too). */
  responses: number[] = [];
  calls: string[] = [];
  /** Runs still refused because a cell is being edited. */
  cellEditRuns = 0;
  tableCounter = 1;
  /** False models an Excel older than ExcelApi 1.17 (no worksheets.onNameChanged). */
  renameEvents = true;
  private idCounter = 1;
  readonly handlers = {
    changed: new Set<Handler>(),
    added: new Set<Handler>(),
    deleted: new Set<Handler>(),
    nameChanged: new Set<Handler>(),
    selectionChanged: new Set<Handler>(),
  };
  /** Runs that waited for a cell edit to end (`delayForCellEdit`) instead of failing. */
  delayedRuns = 0;

  /**
   * `Excel.run`: a fresh request context per run. With `delayForCellEdit` a run waits until the
   * user leaves cell-edit mode (modelled as the edit ending) instead of failing.
   */
  readonly run = async <T>(
    batch: (context: Excel.RequestContext) => Promise<T>,
    options?: { readonly delayForCellEdit?: boolean }
  ): Promise<T> => {
    this.runs++;
    if (options?.delayForCellEdit === true && this.cellEditRuns > 0) {
      this.cellEditRuns = 0;
      this.delayedRuns++;
    }
    const ctx = new FakeContext(this);
    try {
      return await batch(ctx as unknown as Excel.RequestContext);
    } finally {
      if (this.cellEditRuns > 0) this.cellEditRuns--;
    }
  };

  /** `Excel.run(context, batch)`: the same context again (its queue is empty after the last sync). */
  readonly runIn = async <T>(
    context: Excel.RequestContext,
    batch: (context: Excel.RequestContext) => Promise<T>
  ): Promise<T> => {
    this.runs++;
    return batch(context);
  };

  /** The host object the adapter takes. */
  get host(): {
    run: <T>(
      batch: (context: Excel.RequestContext) => Promise<T>,
      options?: { readonly delayForCellEdit?: boolean }
    ) => Promise<T>;
    runIn: <T>(
      context: Excel.RequestContext,
      batch: (context: Excel.RequestContext) => Promise<T>
    ) => Promise<T>;
  } {
    return { run: this.run, runIn: this.runIn };
  }

  addSheet(name: string): SheetState {
    const s = new SheetState(`{sheet-${this.idCounter++}}`, name);
    this.sheets.push(s);
    return s;
  }

  /** A sheet deleted (by the add-in or the user): what referred to it becomes #REF!, as in Excel. */
  removeSheet(s: SheetState): void {
    this.sheets = this.sheets.filter((x) => x !== s);
    for (const other of this.sheets)
      for (const c of other.cells.values())
        if (c.formula !== null) c.formula = breakReferences(c.formula, s.name);
    for (const n of this.names) if (n.sheet === s) n.sheet = null;
  }

  /** The user deletes a sheet. */
  async userDeleteSheet(sheet: string): Promise<void> {
    const s = this.sheet(sheet);
    this.removeSheet(s);
    await this.fire("deleted", { worksheetId: s.id });
  }

  /** The user defines a name (e.g. a forged marker) referring to a sheet's cell. */
  userDefineName(name: string, sheet: string, cell = "$A$1"): void {
    this.names.push({ name, sheet: this.sheet(sheet), cell });
  }

  sheet(name: string): SheetState {
    const s = this.sheets.find((x) => x.name.toUpperCase() === name.toUpperCase());
    if (!s) throw new Error(`fake: no sheet ${name}`);
    return s;
  }

  activeSheet(): SheetState | null {
    return (
      this.sheets.find((s) => s.id === this.activeId) ??
      this.sheets.find((s) => s.visibility === "Visible") ??
      null
    );
  }

  /** A user sheet with cells typed in. */
  userSheet(name: string, cells: Readonly<Record<string, Input>>): SheetState {
    const s = this.addSheet(name);
    for (const [addr, v] of Object.entries(cells)) {
      const p = parseA1(addr);
      if (p) enter(s.cell(p.row, p.col), v);
    }
    return s;
  }

  cell(sheet: string, address: string): FakeCell | undefined {
    const p = parseA1(address);
    return p ? this.sheet(sheet).peek(p.row, p.col) : undefined;
  }

  /** The user types into a cell: the value changes and worksheets.onChanged fires, as in Excel. */
  async userEdit(sheet: string, address: string, input: Input): Promise<void> {
    const s = this.sheet(sheet);
    const p = parseA1(address);
    if (!p) throw new Error(`fake: bad address ${address}`);
    enter(s.cell(p.row, p.col), input);
    await this.fire("changed", {
      type: "WorksheetChanged",
      worksheetId: s.id,
      address,
      changeType: "RangeEdited",
      source: "Local",
      triggerSource: "Unknown",
    });
  }

  /**
   * The changed event Excel raises for a write the add-in itself made (its highlights, a fix): the
   * same event as a user's, with triggerSource "ThisLocalAddin" (ExcelApi 1.14).
   */
  async addinWriteEvent(sheet: string, address: string): Promise<void> {
    await this.fire("changed", {
      type: "WorksheetChanged",
      worksheetId: this.sheet(sheet).id,
      address,
      changeType: "RangeEdited",
      source: "Local",
      triggerSource: "ThisLocalAddin",
    });
  }

  /** The user picks a value from a dropdown: the value changes, onChanged does not fire (see top). */
  userPick(sheet: string, address: string, input: Input): void {
    const p = parseA1(address);
    if (!p) throw new Error(`fake: bad address ${address}`);
    enter(this.sheet(sheet).cell(p.row, p.col), input);
  }

  /** The user selects a cell: onSelectionChanged fires. */
  async userSelect(sheet: string, address: string): Promise<void> {
    const s = this.sheet(sheet);
    this.activeId = s.id;
    this.selection = `${s.name}!${address}`;
    await this.fire("selectionChanged", {
      type: "WorksheetSelectionChanged",
      worksheetId: s.id,
      address,
    });
  }

  /** The user renames a sheet: onNameChanged fires. */
  async userRename(sheet: string, newName: string): Promise<void> {
    const s = this.sheet(sheet);
    for (const other of this.sheets)
      for (const c of other.cells.values())
        if (c.formula !== null) c.formula = renameReferences(c.formula, s.name, newName);
    s.name = newName;
    await this.fire("nameChanged", { worksheetId: s.id, nameBefore: sheet, nameAfter: newName });
  }

  private async fire(kind: keyof FakeExcel["handlers"], args: unknown): Promise<void> {
    for (const h of [...this.handlers[kind]]) await h(args);
  }
}
