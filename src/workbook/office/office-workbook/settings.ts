/** Port calls on the registry itself: sheets, settings, adopted older sheets, recorded charts, deletions. */
import { type ChartSpec, parseRange } from "../../../engine";
import {
  CHARTS_SETTING_PREFIX,
  SETTINGS_SHEET,
  isOwned,
  markerName,
  markerTarget,
  mergeSettings,
  planAdopt,
  sameSheetName,
  withoutSheets,
} from "../../ownership";
import { PortError, type SheetInfo } from "../../port";
import { BYTES } from "../request-bytes";
import type { OfficeSession } from "./session";
import { WriteQueue, flush } from "./write-queue";
import { addChart } from "./render";
import { infoOf, loadBasics, markersOf, writeRegistry } from "./registry";

export function listSheets(session: OfficeSession): Promise<readonly SheetInfo[]> {
  return session.run(async (context) => {
    const l = loadBasics(context);
    await context.sync();
    const reg = session.registryFrom(l);
    const markers = markersOf(l);
    return l.sheets.items.map((ws) => infoOf(ws, reg, markers));
  });
}

export function readSettings(session: OfficeSession): Promise<Readonly<Record<string, string>>> {
  return session.run(async (context) => {
    const l = loadBasics(context);
    await context.sync();
    return { ...session.registryFrom(l).settings };
  });
}

/**
 * Sync 1 loads the sheets, the registry and the markers; sync 2 the used range's address of each
 * sheet asked for; then the markers and the registry are written (one more sync, more only above
 * the request limit).
 */
export function adoptOlderSheets(
  session: OfficeSession,
  sheets: readonly { readonly name: string; readonly role: string }[]
): Promise<void> {
  return session.run(async (context) => {
    const l = loadBasics(context);
    await context.sync();
    const reg = session.registryFrom(l);
    const markers = markersOf(l);
    const existing = l.sheets.items.map((ws) => ({ name: ws.name }));
    const used = new Map(
      sheets.flatMap((s) => {
        const ws = existing.find((e) => sameSheetName(e.name, s.name));
        if (ws === undefined) return [];
        const r = context.workbook.worksheets.getItem(ws.name).getUsedRangeOrNullObject(true);
        r.load("address");
        return [[ws.name.toUpperCase(), r] as const];
      })
    );
    if (used.size > 0) await context.sync();
    const plan = planAdopt(reg, markers, existing, sheets, (name) => {
      const r = used.get(name.toUpperCase());
      return r === undefined || r.isNullObject ? "" : r.address.replace(/^.*!/, "");
    });
    const q = new WriteQueue(session.limit);
    const nextMarkers = new Map(markers);
    q.add(BYTES.op, () => {
      for (const w of plan.written) {
        context.workbook.names.add(markerName(w.token), `=${markerTarget(w.name)}`);
        nextMarkers.set(markerName(w.token).toUpperCase(), w.name);
      }
    });
    writeRegistry(q, context, !l.registrySheet.isNullObject, plan.registry);
    await flush(context, q.groups());
    session.wrote(plan.registry, nextMarkers);
  });
}

/** Merges the given keys into the stored settings; a key set to "" is removed. */
export function writeSettings(
  session: OfficeSession,
  settings: Readonly<Record<string, string>>
): Promise<void> {
  return session.run(async (context) => {
    const l = loadBasics(context);
    await context.sync();
    const reg = session.registryFrom(l);
    const q = new WriteQueue(session.limit);
    const after = { ...reg, settings: mergeSettings(reg.settings, settings) };
    writeRegistry(q, context, !l.registrySheet.isNullObject, after);
    await flush(context, q.groups());
    session.wrote(after);
  });
}

/**
 * Draws the bar charts recorded by the .xlsx adapter ("charts:<sheet>" settings, JSON chart specs)
 * on owned sheets that exist, then forgets the records: a CLI-made file gets its charts the first
 * time it is opened with the add-in. Two syncs.
 */
export function drawRecordedCharts(session: OfficeSession): Promise<readonly string[]> {
  return session.run(async (context) => {
    const l = loadBasics(context);
    await context.sync();
    const reg = session.registryFrom(l);
    const drawn: string[] = [];
    const q = new WriteQueue(session.limit);
    const forget: Record<string, string> = {};
    for (const [key, raw] of Object.entries(reg.settings)) {
      if (!key.startsWith(CHARTS_SETTING_PREFIX)) continue;
      forget[key] = "";
      const sheet = key.slice(CHARTS_SETTING_PREFIX.length);
      const ws = l.sheets.items.find((s) => sameSheetName(s.name, sheet));
      if (!ws || !isOwned(reg, ws.name, markersOf(l))) continue;
      let charts: ChartSpec[];
      try {
        charts = (JSON.parse(raw) as ChartSpec[]).filter(
          (c) =>
            c.kind === "bar" && parseRange(c.values) !== null && parseRange(c.categories) !== null
        );
      } catch {
        continue; // a damaged record: nothing to draw
      }
      for (const c of charts) addChart(q, ws, c);
      if (charts.length > 0) drawn.push(ws.name);
    }
    if (Object.keys(forget).length === 0) return [];
    const after = { ...reg, settings: mergeSettings(reg.settings, forget) };
    writeRegistry(q, context, !l.registrySheet.isNullObject, after);
    await flush(context, q.groups());
    session.wrote(after);
    return drawn;
  });
}

export function deleteOwnedSheets(session: OfficeSession, names: readonly string[]): Promise<void> {
  return session.run(async (context) => {
    const l = loadBasics(context);
    await context.sync();
    const reg = session.registryFrom(l);
    const markers = markersOf(l);
    const doomed = names.map((n) => {
      const ws = l.sheets.items.find((s) => sameSheetName(s.name, n));
      if (!ws) throw new PortError("sheet_not_found", { sheet: n });
      if (sameSheetName(ws.name, SETTINGS_SHEET) || !isOwned(reg, ws.name, markers))
        throw new PortError("sheet_not_owned", { sheet: ws.name });
      return ws.name;
    });
    const q = new WriteQueue(session.limit);
    q.add(BYTES.op * doomed.length, () =>
      doomed.forEach((n) => context.workbook.worksheets.getItem(n).delete())
    );
    const after = withoutSheets(reg, doomed);
    writeRegistry(q, context, !l.registrySheet.isNullObject, after);
    await flush(context, q.groups());
    session.wrote(after);
  });
}
