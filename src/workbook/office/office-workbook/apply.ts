/** Writing sheet specs: dry-run on temporary sheets, then owned sheets rewritten in place (two syncs). */
import { type SheetSpec } from "../../../engine";
import { gridEditedCells, writtenRecord } from "../../generated-area";
import {
  markerName,
  markerTarget,
  planApply,
  sameSheetName,
  staleMarkers,
  withSheets,
  withoutSheets,
} from "../../ownership";
import { PortError, type ApplyOptions } from "../../port";
import { isOfficeError } from "../errors";
import { BYTES } from "../request-bytes";
import type { OfficeSession } from "./session";
import { toGrid } from "./cells";
import { WriteQueue, flush } from "./write-queue";
import { chartsOf, protectionOf, tablesOf } from "./navigation";
import { CHART_PREFIX, nextTempId, render, type TableNaming } from "./render";
import { loadBasics, markersOf, writeRegistry } from "./registry";
import { RESPONSE_TOO_LARGE, readRowsInPieces } from "./reads";

const TEMP_PREFIX = "~dti-tmp-";

/**
 * Sync 1 loads the sheets, the registry and the markers. When owned sheets are rewritten, sync 2
 * loads what is on them now (values and formulas for the edit check, their tables and the add-in's
 * charts, protection). Then the writes, in one batch (more syncs only above the request limit):
 * every spec is first rendered on a temporary sheet, so a command Excel refuses stops the batch
 * before any existing sheet changes (a failing command stops a batch, earlier ones stay: the fake
 * models it, see "stops a batch at a failing command"); then each owned sheet is cleared in its
 * previous generated area and rendered in place (never deleted: deleting a sheet turns every
 * formula referring to it into #REF!); new sheets take their names and get their markers; the
 * dry-run sheets go.
 */
export function apply(
  session: OfficeSession,
  specs: readonly SheetSpec[],
  options: ApplyOptions = {}
): Promise<void> {
  const temps: string[] = [];
  return session
    .run(async (context) => {
      const l = loadBasics(context);
      // Freezing panes works on the active worksheet view and activates the sheet it is called on
      // (WorksheetFreezePanes: "Sets the frozen cells in the active worksheet view",
      // https://learn.microsoft.com/javascript/api/excel/excel.worksheetfreezepanes): the sheet the
      // user was on is activated again at the end.
      const active = context.workbook.worksheets.getActiveWorksheet();
      active.load("name");
      await context.sync();
      const reg = session.registryFrom(l);
      const markers = markersOf(l);
      const existing = l.sheets.items.map((ws) => ({ name: ws.name }));
      const plan = planApply(specs, existing, reg, markers, options.removeOtherRoles);
      const sheets = context.workbook.worksheets;
      const check = options.overwriteEdits !== true;
      // What is on the owned sheets now. Their cells (for the edit check) come in the same sync,
      // unless the sheet was too large for one response before; when the sync's response is too
      // large (Excel on the web refuses responses above 5 MB: readRowsInPieces), it is made again
      // without the cells, and they are read in pieces. Nothing is written before this point.
      const loadNow = (withCells: boolean) =>
        plan.targets.flatMap((t) => {
          if (t.existing === undefined) return [];
          const ws = sheets.getItem(t.existing);
          const used = ws.getUsedRangeOrNullObject(true);
          const cells =
            withCells &&
            check &&
            t.record !== undefined &&
            !session.careful.has(t.existing.toUpperCase());
          if (cells) used.load("values,formulas,rowIndex,columnIndex,rowCount,columnCount");
          else used.load("rowIndex,columnIndex,rowCount,columnCount");
          const tables = tablesOf(ws);
          tables.load("items/name");
          const charts = chartsOf(ws);
          charts.load("items/name");
          const protection = protectionOf(ws);
          protection.load("protected");
          return [{ t, ws, used, tables, charts, protection, cells }];
        });
      let now = loadNow(true);
      if (now.length > 0)
        try {
          await context.sync();
        } catch (e) {
          if (!(isOfficeError(e) && e.code === RESPONSE_TOO_LARGE)) throw e;
          for (const n of now) if (n.cells) session.careful.add((n.t.existing ?? "").toUpperCase());
          now = loadNow(false);
          await context.sync();
        }
      if (check)
        for (const n of now) {
          if (n.t.record === undefined || n.used.isNullObject) continue;
          const cells = n.cells
            ? { values: n.used.values, formulas: n.used.formulas }
            : await readRowsInPieces(
                context,
                n.used,
                n.used.rowCount,
                n.used.columnCount,
                session.limit
              );
          const g = toGrid(
            n.t.existing ?? "",
            { rowIndex: n.used.rowIndex, columnIndex: n.used.columnIndex, ...cells },
            [],
            []
          );
          const edits = gridEditedCells(n.t.record, n.t.spec, g);
          if (edits.count > 0)
            throw new PortError("sheet_edited", {
              sheet: n.t.existing ?? "",
              cells: edits.cells,
              count: edits.count,
            });
        }
      const q = new WriteQueue(session.limit);
      // Every spec rendered under a temporary name first (new sheets, and dry runs of the rewrites).
      const fresh = plan.targets.map((t) => {
        const name = `${TEMP_PREFIX}${Date.now().toString(36)}-${nextTempId()}`;
        temps.push(name);
        // Reached by name: the object `add` returns may not outlive its request (see TableNaming).
        sheets.add(name);
        return { t, ws: sheets.getItem(name) };
      });
      // Temporary sheets left by an apply that could not clean up (Excel closed mid-way) go now.
      const stale = existing.filter((e) => e.name.startsWith(TEMP_PREFIX)).map((e) => e.name);
      if (stale.length > 0) q.add(BYTES.op, () => stale.forEach((n) => sheets.getItem(n).delete()));
      const naming: TableNaming = [];
      const dryNaming: TableNaming = [];
      for (const f of fresh)
        render(q, f.ws, f.t.spec, f.t.existing === undefined ? naming : dryNaming);
      // The rewrites, in place: only the previous generated area is cleared.
      for (const n of now) {
        const area = n.t.record?.area;
        q.add(BYTES.op, () => {
          if (n.protection.protected) n.ws.protection.unprotect();
          for (const tb of n.tables.items) n.ws.tables.getItem(tb.name).delete();
          for (const ch of n.charts.items)
            if (ch.name.startsWith(CHART_PREFIX)) n.ws.charts.getItem(ch.name).delete();
          n.ws.freezePanes.unfreeze();
          if (area !== undefined && area !== "") {
            const r = n.ws.getRange(area);
            r.unmerge();
            r.conditionalFormats.clearAll();
            r.dataValidation.clear();
            r.clear();
          }
          if (n.t.spec.hidden !== true) n.ws.visibility = "Visible";
        });
        render(q, n.ws, n.t.spec, naming);
      }
      const written = plan.targets.map((t) => ({
        name: t.spec.name,
        role: t.spec.role,
        token: t.token,
        ...writtenRecord(t.spec),
      }));
      const after = withoutSheets(withSheets(reg, written), plan.remove);
      const nextMarkers = new Map(markers);
      for (const f of fresh)
        if (f.t.existing === undefined)
          nextMarkers.set(markerName(f.t.token).toUpperCase(), f.t.spec.name);
      const dropMarkers = staleMarkers(after, nextMarkers);
      q.add(BYTES.op, () => {
        for (const f of fresh) {
          if (f.t.existing !== undefined) {
            f.ws.delete();
            continue;
          }
          f.ws.name = f.t.spec.name;
          context.workbook.names.add(markerName(f.t.token), `=${markerTarget(f.t.spec.name)}`);
        }
        for (const n of naming) n.ws.tables.getItem(n.temp).name = n.name;
        const back = specs.find((sp) => sameSheetName(sp.name, active.name));
        const stays =
          existing.some((e) => e.name === active.name) && !active.name.startsWith(TEMP_PREFIX);
        if (stays && specs.some((sp) => sp.freeze) && !back?.hidden)
          context.workbook.worksheets.getItem(active.name).activate();
        for (const name of plan.remove) sheets.getItem(name).delete();
        for (const m of dropMarkers) {
          const item = l.names.items.find((x) => x.name.toUpperCase() === m);
          if (item) context.workbook.names.getItem(item.name).delete();
          nextMarkers.delete(m);
        }
      });
      writeRegistry(q, context, !l.registrySheet.isNullObject, after);
      await flush(context, q.groups());
      session.wrote(after, nextMarkers);
    })
    .catch(async (e: unknown) => {
      if (temps.length > 0) await cleanup(session, temps);
      throw e;
    });
}

/** After a failed apply: delete the temporary sheets this call created, so nothing half-written stays. */
async function cleanup(session: OfficeSession, names: readonly string[]): Promise<void> {
  try {
    await session.host.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      sheets.items.filter((ws) => names.includes(ws.name)).forEach((ws) => ws.delete());
      await context.sync();
    });
  } catch {
    // A temp sheet that was never created cannot be deleted: nothing to clean.
  }
}
