/** The "_dti" registry and the ownership markers as Office loads and writes them (see ../../ownership.ts). */
import { a1, type CellValue } from "../../../engine";
import {
  EMPTY_REGISTRY,
  MARKER_PREFIX,
  SETTINGS_SHEET,
  decodeRegistry,
  encodeRegistry,
  isOwned,
  markerSheet,
  olderRole,
  ownedRecord,
  sameSheetName,
  type Markers,
  type Registry,
} from "../../ownership";
import { type SheetInfo } from "../../port";
import { BYTES } from "../request-bytes";
import { WriteQueue } from "./write-queue";

/** Queues the registry sheet's new content (created when missing, very hidden). */
export function writeRegistry(
  q: WriteQueue,
  context: Excel.RequestContext,
  exists: boolean,
  reg: Registry
): void {
  const rows = encodeRegistry(reg).map((row) => row.map((v) => (v === "" ? "" : `'${v}`)));
  const width = rows[0]?.length ?? 1;
  q.add(BYTES.op, () => {
    const sheets = context.workbook.worksheets;
    if (exists) sheets.getItem(SETTINGS_SHEET).getRange().clear();
    else sheets.add(SETTINGS_SHEET).visibility = "VeryHidden";
  });
  q.addMatrix(rows, (first, piece) => {
    const ws = context.workbook.worksheets.getItem(SETTINGS_SHEET);
    ws.getRange(`${a1(first + 1, 1)}:${a1(first + piece.length, width)}`).formulas = piece;
  });
}

export interface Loaded {
  readonly sheets: Excel.WorksheetCollection;
  readonly registryRange: Excel.Range;
  readonly registrySheet: Excel.Worksheet;
  readonly names: Excel.NamedItemCollection;
}

/**
 * Queues the loads every call needs: the sheet list, the registry and the workbook's defined names
 * (the ownership markers, see ../ownership.ts). `value` (ExcelApi 1.1) gives a range name's address,
 * "#REF!" once its sheet is gone (learn.microsoft.com/javascript/api/excel/excel.nameditem).
 */
export function loadBasics(context: Excel.RequestContext): Loaded {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/id,items/visibility,items/position");
  const registrySheet = sheets.getItemOrNullObject(SETTINGS_SHEET);
  registrySheet.load("name");
  const registryRange = registrySheet.getUsedRangeOrNullObject(true);
  registryRange.load("values");
  const names = context.workbook.names;
  names.load("items/name,items/value");
  return { sheets, registryRange, registrySheet, names };
}

/** The markers as loaded: `_dti_…` names → the existing sheet they refer to (null when none). */
export function markersOf(l: Loaded): Markers {
  const out = new Map<string, string | null>();
  for (const n of l.names.items) {
    if (!n.name.toUpperCase().startsWith(MARKER_PREFIX.toUpperCase())) continue;
    const target = markerSheet(String(n.value));
    const ws =
      target === null ? undefined : l.sheets.items.find((x) => sameSheetName(x.name, target));
    out.set(n.name.toUpperCase(), ws ? ws.name : null);
  }
  return out;
}

export function registryOf(l: Loaded): Registry {
  if (l.registrySheet.isNullObject || l.registryRange.isNullObject) return EMPTY_REGISTRY;
  return decodeRegistry(l.registryRange.values as CellValue[][]);
}

export function infoOf(ws: Excel.Worksheet, reg: Registry, markers: Markers): SheetInfo {
  const owned = isOwned(reg, ws.name, markers);
  const role =
    ownedRecord(reg, ws.name, markers)?.role ??
    (sameSheetName(ws.name, SETTINGS_SHEET) ? "settings" : undefined);
  const visible = ws.visibility === "Visible";
  const older = olderRole(reg, ws.name, markers);
  return owned && role !== undefined
    ? { name: ws.name, owned, role, visible }
    : { name: ws.name, owned, visible, ...(older ? { olderRole: older } : {}) };
}

/** The registry as an adapter last read or wrote it. */
export interface KnownRegistry {
  readonly reg: Registry;
  /** Whether the "_dti" sheet exists. */
  readonly exists: boolean;
  /** The ownership markers as last seen. */
  readonly markers: Markers;
}

/** Two registries hold the same records when they encode to the same cells. */
export const registryKey = (reg: Registry): string => JSON.stringify(encodeRegistry(reg));
