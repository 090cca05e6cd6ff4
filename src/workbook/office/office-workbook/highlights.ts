/** Live highlights: fills painted and restored, recorded in the registry (one sync when it is known). */
import { parseA1 } from "../../../engine";
import { isOwned, planHighlights, planOwnedHighlights, sameSheetName } from "../../ownership";
import { PortError, type SheetHighlights } from "../../port";
import { BYTES } from "../request-bytes";
import type { OfficeSession } from "./session";
import { WriteQueue, flush } from "./write-queue";
import { cellFill, protectionOf } from "./navigation";
import {
  type KnownRegistry,
  loadBasics,
  markersOf,
  registryKey,
  registryOf,
  writeRegistry,
} from "./registry";

const cellKey = (cell: string): string => cell.replace(/\$/g, "").toUpperCase();
const seenKey = (sheet: string, cell: string): string => `${sheet.toUpperCase()}!${cell}`;

/** A loaded fill as the registry keeps it: "#RRGGBB", null for none. */
function fillValue(fill: Excel.RangeFill): string | null {
  if (fill.pattern === "None" || fill.color === null) return null;
  return fill.color.toUpperCase();
}

type HighlightPlan = ReturnType<typeof planHighlights>;

/**
 * Queues a highlight plan's fills: old ones restored, new ones painted, in pieces that fit a request
 * (one fill is ~700 bytes: a validation of 3,321 units can mark thousands of cells). `relock`: the
 * sheet is protected without "Format cells" (a file made before formatting was allowed, or a user's
 * own protection without a password), so Excel would refuse the fills: each piece unprotects, paints
 * and protects again with the same options, so no sync leaves the sheet unprotected.
 */
function queuePaint(
  q: WriteQueue,
  ws: Excel.Worksheet,
  plan: HighlightPlan,
  relock?: Excel.WorksheetProtectionOptions
): void {
  const cells: { cell: string; fill: string | null }[] = [...plan.restore, ...plan.paint];
  const per = Math.max(1, Math.floor(q.limitBytes / (2 * BYTES.fill)));
  for (let start = 0; start < cells.length; start += per) {
    const piece = cells.slice(start, start + per);
    q.add(BYTES.fill * piece.length + (relock ? 2 * BYTES.op : 0), () => {
      if (relock) protectionOf(ws).unprotect();
      for (const c of piece) {
        const f = cellFill(ws, c.cell);
        if (c.fill === null) f.clear();
        else f.color = c.fill;
      }
      if (relock) protectionOf(ws).protect(relock);
    });
  }
}

/** Protection options when the sheet is protected without "Format cells" (null: fills are allowed). */
function formatLock(p: Excel.WorksheetProtection): Excel.WorksheetProtectionOptions | null {
  if (!p.protected || p.options.allowFormatCells === true) return null;
  return p.options;
}

/**
 * One sync when the registry is known (any earlier call read or wrote it): the loads of the
 * registry and of the new cells' fills are queued before the writes, so they return what the
 * workbook held before this batch; the registry is written in the same batch with each new cell's
 * fill guessed (the fill last seen there, else none). When the loads show otherwise (a fill that
 * was not the guess, or a registry changed by someone else), a second sync writes the plan made
 * from what was actually there. Unknown registry: two syncs (load, then write).
 */
export function setHighlightsMany(
  session: OfficeSession,
  list: readonly SheetHighlights[]
): Promise<void> {
  for (const h of list) {
    const bad = h.cells.find((c) => !parseA1(c.cell));
    if (bad)
      return Promise.reject(new PortError("invalid_range", { sheet: h.sheet, range: bad.cell }));
  }
  if (list.length === 0) return Promise.resolve();
  const where = list.length === 1 ? { sheet: list[0]?.sheet ?? "" } : {};
  const known = session.known;
  const cold = (): Promise<void> => session.run((c) => highlightCold(session, c, list), where);
  // A sheet seen protected without "Format cells" needs its protection read before painting; a
  // batch whose loads and fills would not fit one request is loaded in pieces.
  const fills = list.reduce((n, h) => n + h.cells.length, 0) + (known?.reg.highlights.length ?? 0);
  if (
    known === null ||
    fills * BYTES.fill > session.limit ||
    list.some((h) => session.formatLocked.has(h.sheet.toUpperCase()))
  )
    return cold();
  // A failed batch (a sheet gone, "_dti" not as known, a sheet protected since): read and write
  // again; cells it already painted are painted again from the plan made on what is there.
  return session.run((c) => highlightWarm(session, c, list, known), where).catch(cold);
}

async function highlightCold(
  session: OfficeSession,
  context: Excel.RequestContext,
  list: readonly SheetHighlights[]
): Promise<void> {
  const l = loadBasics(context);
  const targets = list.map((h) => {
    const ws = context.workbook.worksheets.getItem(h.sheet);
    ws.load("name");
    const protection = protectionOf(ws);
    protection.load("protected,options");
    return { h, ws, fills: new Map<string, Excel.RangeFill>(), protection };
  });
  // The cells' fills, loaded in pieces that fit a request (~700 bytes a cell), one sync each.
  const wanted: { t: (typeof targets)[number]; key: string }[] = [];
  for (const t of targets) {
    const keys = new Set(t.h.cells.map((c) => cellKey(c.cell)));
    for (const key of keys) wanted.push({ t, key });
  }
  const per = Math.max(1, Math.floor(session.limit / BYTES.fill));
  const loadFrom = async (start: number): Promise<void> => {
    for (const { t, key } of wanted.slice(start, start + per)) {
      const fill = cellFill(t.ws, key);
      fill.load("color,pattern");
      t.fills.set(key, fill);
    }
    await context.sync();
    if (start + per < wanted.length) await loadFrom(start + per);
  };
  await loadFrom(0);
  let reg = session.registryFrom(l);
  const markers = markersOf(l);
  const q = new WriteQueue(session.limit);
  const plans = targets.map((t) => {
    const plan = planOwnedHighlights(reg, markers, t.ws.name, t.h.cells, (cell) => {
      const fill = t.fills.get(cell);
      return fill ? fillValue(fill) : null;
    });
    reg = plan.registry;
    for (const [cell, fill] of t.fills)
      session.fillsSeen.set(seenKey(t.ws.name, cell), fillValue(fill));
    const relock = formatLock(t.protection);
    if (relock) session.formatLocked.add(t.ws.name.toUpperCase());
    else session.formatLocked.delete(t.ws.name.toUpperCase());
    return { ws: t.ws, plan, relock };
  });
  writeRegistry(q, context, !l.registrySheet.isNullObject, reg);
  for (const p of plans) queuePaint(q, p.ws, p.plan, p.relock ?? undefined);
  await flush(context, q.groups());
  remember(session, plans);
  session.wrote(reg);
}

async function highlightWarm(
  session: OfficeSession,
  context: Excel.RequestContext,
  list: readonly SheetHighlights[],
  known: KnownRegistry
): Promise<void> {
  // Loads first: they return the workbook as it is before this batch's writes. A missing sheet
  // fails here, before anything is written.
  const l = loadBasics(context);
  const targets = list.map((h) => {
    const ws = context.workbook.worksheets.getItem(h.sheet);
    ws.load("name");
    const prev = new Map(
      known.reg.highlights
        .filter((r) => sameSheetName(r.sheet, h.sheet))
        .map((r) => [cellKey(r.cell), r] as const)
    );
    const fills = new Map<string, Excel.RangeFill>();
    for (const c of h.cells) {
      const key = cellKey(c.cell);
      if (prev.has(key) || fills.has(key)) continue;
      const fill = cellFill(ws, key);
      fill.load("color,pattern");
      fills.set(key, fill);
    }
    return { h, ws, prev, fills };
  });
  // Then the writes, planned from the known registry and guessed fills. The registry goes first:
  // if "_dti" is not as known (deleted, or made elsewhere), that command fails before any fill changes.
  const guesses = new Map<string, string | null>();
  let reg = known.reg;
  const plans = targets.map((t) => {
    const plan = planOwnedHighlights(reg, known.markers, t.h.sheet, t.h.cells, (cell) => {
      const k = seenKey(t.h.sheet, cell);
      const guess = session.fillsSeen.get(k) ?? null;
      guesses.set(k, guess);
      return guess;
    });
    reg = plan.registry;
    return { ws: t.ws, plan };
  });
  const q = new WriteQueue(session.limit);
  writeRegistry(q, context, known.exists, reg);
  for (const p of plans) queuePaint(q, p.ws, p.plan);
  await flush(context, q.groups());
  remember(session, plans);

  const before = registryOf(l);
  const seen = new Map<string, string | null>();
  for (const t of targets)
    for (const [cell, fill] of t.fills) seen.set(seenKey(t.h.sheet, cell), fillValue(fill));
  for (const [k, v] of seen) session.fillsSeen.set(k, v);
  const loadedMarkers = markersOf(l);
  const asGuessed =
    registryKey(before) === registryKey(known.reg) &&
    list.every(
      (h) => isOwned(known.reg, h.sheet, known.markers) === isOwned(before, h.sheet, loadedMarkers)
    ) &&
    [...guesses].every(([k, g]) => seen.get(k) === g);
  if (asGuessed) {
    session.wrote(reg);
    return;
  }
  // The plan again from what was there before this batch (cells already painted stay painted).
  let fixed = before;
  const again = targets.map((t) => {
    const plan = planOwnedHighlights(fixed, loadedMarkers, t.ws.name, t.h.cells, (cell) => {
      const k = seenKey(t.h.sheet, cell);
      return seen.has(k) ? (seen.get(k) ?? null) : (t.prev.get(cell)?.originalFill ?? null);
    });
    fixed = plan.registry;
    return { ws: t.ws, plan };
  });
  const q2 = new WriteQueue(session.limit);
  writeRegistry(q2, context, true, fixed);
  for (const p of again) queuePaint(q2, p.ws, p.plan);
  await flush(context, q2.groups());
  remember(session, again);
  session.wrote(fixed, loadedMarkers);
}

/** Fills this instance just restored are the ones there now. */
function remember(
  session: OfficeSession,
  plans: readonly { ws: Excel.Worksheet; plan: HighlightPlan }[]
): void {
  for (const { ws, plan } of plans)
    for (const r of plan.restore) session.fillsSeen.set(seenKey(ws.name, r.cell), r.fill);
}
