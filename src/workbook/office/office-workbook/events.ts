/** Change events: worksheets.onChanged and friends, reported to the port's listener by sheet name. */
import { SETTINGS_SHEET, sameSheetName } from "../../ownership";
import { type ChangeEvent, type Unsubscribe } from "../../port";
import type { OfficeSession } from "./session";

/**
 * Listens to `worksheets.onChanged` (typing, paste, fill, undo in any sheet). Sheet ids are mapped
 * to names from a cache loaded with the subscription and refreshed when sheets are added, deleted
 * or renamed (or an unknown id arrives).
 */
export function onChanged(
  session: OfficeSession,
  listener: (event: ChangeEvent) => void
): Promise<Unsubscribe> {
  const names = new Map<string, string>();
  const refresh = (): Promise<void> =>
    session.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name,items/id");
      await context.sync();
      names.clear();
      for (const ws of sheets.items) names.set(ws.id, ws.name);
    });
  const onChange = async (args: Excel.WorksheetChangedEventArgs): Promise<void> => {
    // The add-in's own writes (highlights, registry, a fix the user confirmed) raise onChanged too;
    // they are not the user's edits, and the use-case that wrote re-checks itself: one edit, one
    // check. triggerSource "ThisLocalAddin" (ExcelApi 1.14; older hosts leave it undefined), see
    // https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetchangedeventargs
    if (args.triggerSource === "ThisLocalAddin") return;
    if (!names.has(args.worksheetId)) await refresh();
    const sheet = names.get(args.worksheetId);
    if (sheet === undefined || sameSheetName(sheet, SETTINGS_SHEET)) return;
    listener({ sheet, range: args.address.replace(/^.*!/, "") });
  };
  // A deleted or renamed sheet is told as `gone` under its old name, so what pointed into it
  // (issues, a last-year choice) goes. WorksheetDeletedEventArgs carries only the id (ExcelApi
  // 1.7, https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetdeletedeventargs):
  // the name comes from the cache, read before it is refreshed. The add-in's own temporary
  // sheets (dry runs) are told too: nothing points into them, so nothing is lost.
  const gone = (name: string | undefined): void => {
    if (name !== undefined && !sameSheetName(name, SETTINGS_SHEET))
      listener({ sheet: name, range: "", gone: true });
  };
  const onDeleted = async (args: Excel.WorksheetDeletedEventArgs): Promise<void> => {
    const name = names.get(args.worksheetId);
    await refresh();
    gone(name);
  };
  // WorksheetNameChangedEventArgs.nameBefore (ExcelApi 1.17,
  // https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetnamechangedeventargs).
  const onRenamed = async (args: Excel.WorksheetNameChangedEventArgs): Promise<void> => {
    await refresh();
    if (!sameSheetName(args.nameBefore, args.nameAfter)) gone(args.nameBefore);
  };
  return session.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/id");
    const handlers = [
      sheets.onChanged.add(onChange),
      sheets.onAdded.add(refresh),
      sheets.onDeleted.add(onDeleted),
    ];
    await context.sync();
    for (const ws of sheets.items) names.set(ws.id, ws.name);
    // Renames are reported from ExcelApi 1.17 on: asked apart, so an older Excel still gets the rest.
    const renamed = await session.host
      .run(async (ctx) => {
        const h = ctx.workbook.worksheets.onNameChanged.add(onRenamed);
        await ctx.sync();
        return { h, ctx };
      })
      .catch(() => null);
    // A value picked from a data-validation dropdown does not always raise onChanged
    // (OfficeDev/office-js#420 on Windows, #3888 and #4066 on the web): when the selection
    // leaves a cell, that cell is reported as possibly changed, so a pick is checked at the latest
    // when the user moves on. Listeners re-check only what differs. onSelectionChanged: ExcelApi 1.9,
    // asked apart like renames.
    let lastSelected: { sheetId: string; range: string } | null = null;
    const onSelect = async (args: Excel.WorksheetSelectionChangedEventArgs): Promise<void> => {
      const prev = lastSelected;
      lastSelected = { sheetId: args.worksheetId, range: args.address.replace(/^.*!/, "") };
      if (prev === null) return;
      if (!names.has(prev.sheetId)) await refresh();
      const sheet = names.get(prev.sheetId);
      if (sheet === undefined || sameSheetName(sheet, SETTINGS_SHEET)) return;
      listener({ sheet, range: prev.range });
    };
    const selected = await session.host
      .run(async (ctx) => {
        const h = ctx.workbook.worksheets.onSelectionChanged.add(onSelect);
        await ctx.sync();
        return { h, ctx };
      })
      .catch(() => null);
    return () => {
      // Handlers are removed in the context that added them (Office's rule).
      const remove = (
        ctx: Excel.RequestContext,
        hs: readonly OfficeExtension.EventHandlerResult<unknown>[]
      ) =>
        session.host
          .runIn(ctx, async (c) => {
            for (const h of hs) h.remove();
            await c.sync();
          })
          .catch(() => undefined);
      void remove(context, handlers);
      if (renamed) void remove(renamed.ctx, [renamed.h]);
      if (selected) void remove(selected.ctx, [selected.h]);
    };
  });
}
