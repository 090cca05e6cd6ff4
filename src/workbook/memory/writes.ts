/** Port writes that change the sheet list: specs applied, older sheets adopted, owned sheets deleted. */
import { a1, type SheetSpec } from "../../engine";
import { editedCells, specArea, writtenRecord } from "../generated-area";
import {
  SETTINGS_SHEET,
  isOwned,
  markerName,
  planAdopt,
  planApply,
  sameSheetName,
  withSheets,
  withoutSheets,
} from "../ownership";
import { PortError, type ApplyOptions } from "../port";
import type { MemoryBook } from "./book";
import { keysOf, nonEmpty, render, rewriteInPlace } from "./sheet";

export function applySpecs(
  book: MemoryBook,
  specs: readonly SheetSpec[],
  options: ApplyOptions = {}
): void {
  const reg = book.registry();
  const markers = book.markers();
  const plan = planApply(specs, book.sheets, reg, markers, options.removeOtherRoles);
  if (options.overwriteEdits !== true)
    for (const t of plan.targets) {
      if (t.existing === undefined || t.record === undefined) continue;
      const s = book.mustSheet(t.existing);
      const edits = editedCells(t.record, specArea(t.spec), keysOf(s), () => nonEmpty(s));
      if (edits.count > 0)
        throw new PortError(
          "sheet_edited",
          { sheet: s.name, cells: edits.cells, count: edits.count },
          `sheet "${s.name}" was edited by the user`
        );
    }
  // Render everything aside first: the workbook changes only when all sheets are ready. And
  // should anything fail while it changes, it is put back whole (never a half-written sheet).
  const rendered = plan.targets.map((t) => ({ t, fresh: render(t.spec) }));
  const written = plan.targets.map((t) => ({
    name: t.spec.name,
    role: t.spec.role,
    token: t.token,
    ...writtenRecord(t.spec),
  }));
  const undo = book.checkpoint();
  try {
    for (const { t, fresh } of rendered) {
      const old = t.existing === undefined ? undefined : book.find(t.existing);
      if (old) rewriteInPlace(old, fresh, t.record?.area);
      else {
        book.sheets.push(fresh);
        book.names.set(markerName(t.token).toUpperCase(), {
          name: markerName(t.token),
          sheet: fresh,
        });
      }
    }
    for (const n of plan.remove) book.removeSheet(book.mustSheet(n));
    book.writeRegistry(withoutSheets(withSheets(reg, written), plan.remove));
  } catch (e) {
    undo();
    throw e;
  }
  book.notifyRender();
}

export function adoptOlderSheets(
  book: MemoryBook,
  sheets: readonly { readonly name: string; readonly role: string }[]
): void {
  const plan = planAdopt(book.registry(), book.markers(), book.sheets, sheets, (name) => {
    const b = book.mustSheet(name).usedBounds();
    return b === null ? "" : `${a1(b.r0, b.c0)}:${a1(b.r1, b.c1)}`;
  });
  for (const w of plan.written)
    book.names.set(markerName(w.token).toUpperCase(), {
      name: markerName(w.token),
      sheet: book.mustSheet(w.name),
    });
  book.writeRegistry(plan.registry);
  book.notifyRender();
}

export function deleteOwnedSheets(book: MemoryBook, names: readonly string[]): void {
  const reg = book.registry();
  const markers = book.markers();
  const doomed = names.map((n) => {
    const s = book.mustSheet(n);
    if (sameSheetName(s.name, SETTINGS_SHEET) || !isOwned(reg, s.name, markers))
      throw new PortError(
        "sheet_not_owned",
        { sheet: s.name },
        `sheet "${s.name}" is not the add-in's`
      );
    return s;
  });
  const left = book.sheets.filter((s) => !doomed.includes(s));
  if (!left.some((s) => !s.hidden))
    throw new PortError(
      "host_error",
      { hostCode: "LastVisibleSheet" },
      "a workbook must keep one visible sheet"
    );
  for (const s of doomed) book.removeSheet(s);
  book.writeRegistry(
    withoutSheets(
      reg,
      doomed.map((s) => s.name)
    )
  );
  if (book.active !== undefined && doomed.some((s) => sameSheetName(s.name, book.active ?? "")))
    book.active = undefined;
  book.notifyRender();
}
