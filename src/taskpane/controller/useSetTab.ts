/** "Bộ chỉ số": load a set (sheet, file, built-in), confirm it, entry sheets and agencies' forms. */
import { useCallback, useRef, useState } from "react";
import type { LoadRequest } from "../../app/load-indicator-set";
import { mergeOverrides, type LayoutOverrides } from "../../engine";
import { scaleQuestionOf, type ScaleQuestion } from "../components/LayoutPanel/ScaleQuestion";
import type { FormFile } from "../../app/import-forms";
import type { IndicatorSet, Issue, Unit } from "../../engine";
import type { PaneContext } from "./pane-context";
import type { PaneServices } from "./services";

interface SetTabDeps {
  /** After a set is confirmed (or found in the workbook): checks start, sheets are listed. */
  readonly becomeReady: (set: IndicatorSet) => Promise<void>;
  /** A full check (after the entry sheets were written). */
  readonly revalidate: () => Promise<void>;
}

export function useSetTab(ctx: PaneContext, deps: SetTabDeps) {
  const { services, state, dispatch, run, mounted, refreshSheets } = ctx;

  /** How many units the "Đơn vị" sheet lists (null: none, the pane then asks for names). */
  const countUnits = useCallback(
    async (set: IndicatorSet) => {
      const r = await services.units(set.profile);
      if (mounted.current)
        dispatch({ type: "units-in-sheet", count: r.ok ? r.value.length : null });
    },
    [services, dispatch, mounted]
  );

  // The last load and the layout corrections since (LayoutPanel), to read the same source again.
  const lastLoad = useRef<LoadRequest | null>(null);
  const layoutChanges = useRef<LayoutOverrides | undefined>(undefined);
  const [scaleQuestion, setScaleQuestion] = useState<ScaleQuestion | null>(null);
  const load = (request: LoadRequest) => {
    lastLoad.current = request;
    layoutChanges.current = undefined;
    return services.load(request);
  };

  const afterLoad = async (result: Awaited<ReturnType<PaneServices["load"]>>) => {
    setScaleQuestion(scaleQuestionOf(result.ok ? [] : result.issues));
    if (!result.ok) {
      dispatch({
        type: "error",
        error: {
          kind: "issues",
          issues: result.issues.filter((i) => i.severity === "error").slice(0, 5),
        },
        place: "set",
      });
      return;
    }
    dispatch({ type: "loaded", set: result.value, issues: result.issues });
    await refreshSheets();
  };

  /** After the entry sheets were (re)written: re-check, list sheets, count units again. */
  const afterEntryWrite = async (set: IndicatorSet) => {
    await deps.revalidate();
    await refreshSheets();
    await countUnits(set);
  };

  const entryError = (issues: readonly Issue[]) =>
    dispatch({
      type: "error",
      error: { kind: "issues", issues: issues.filter((i) => i.severity === "error").slice(0, 5) },
      place: "entry",
    });

  const set = { place: "set" as const };
  const entry = { place: "entry" as const };
  const { profileId, confirmedSet, loaded, unitsInSheet } = state;
  // The last "Tạo bảng nhập điểm" request, for "Vẫn tạo lại" after a sheet_edited message.
  const lastEntry = useRef<{ names: readonly string[]; groupId: string | null } | null>(null);
  const writeEntrySheets = (
    names: readonly string[],
    groupId: string | null,
    how: { readonly overwriteEdits?: boolean; readonly adoptOlder?: boolean }
  ) =>
    void run(
      "entry",
      async () => {
        if (!confirmedSet) return;
        let units: Unit[];
        if (unitsInSheet !== null) {
          const r = await services.units(confirmedSet.profile);
          if (!r.ok) return entryError(r.issues);
          units = r.value;
        } else {
          units = unitsFromNames(names, groupId);
          if (units.length === 0) {
            dispatch({ type: "error", error: { kind: "pane", key: "noUnits" }, ...entry });
            return;
          }
        }
        const r = await services.createEntrySheets(confirmedSet, units, how);
        if (!r.ok) return entryError(r.issues);
        dispatch({
          type: "entry-done",
          result: {
            kind: "created",
            sheets: r.value.sheets,
            units: r.value.units,
            imported: 0,
            kept: r.value.keptEntries,
            issues: r.issues,
          },
        });
        await afterEntryWrite(confirmedSet);
      },
      entry
    );

  return {
    countUnits,
    scaleQuestion,
    actions: {
      setProfile: (id: string) => dispatch({ type: "profile", profileId: id }),
      recognizeSheet: () =>
        void run(
          "load",
          async () => afterLoad(await load({ mode: "active-sheet", profileId })),
          set
        ),
      importFile: (file: { readonly name: string; readonly bytes: ArrayBuffer }) =>
        void run(
          "load",
          async () =>
            afterLoad(
              await load({
                mode: "import",
                file: file.bytes,
                fileName: file.name,
                profileId,
              })
            ),
          set
        ),
      useProfile: () =>
        void run("load", async () => afterLoad(await load({ mode: "built-in", profileId })), set),
      changeLayout: (change: LayoutOverrides) =>
        void run(
          "load",
          async () => {
            const last = lastLoad.current;
            if (last === null || last.mode === "built-in") return;
            const overrides = mergeOverrides(layoutChanges.current ?? null, change);
            layoutChanges.current = overrides;
            await afterLoad(await services.load({ ...last, ...(overrides ? { overrides } : {}) }));
          },
          set
        ),
      confirm: () =>
        void run(
          "confirm",
          async () => {
            if (!loaded) return;
            await services.confirm(loaded.set);
            // A foreign table's layout as shown and confirmed: the same sheet reads the same next time.
            const layout = loaded.set.recognized?.tableLayout;
            if (layout !== undefined) await services.confirmLayout(layout);
            dispatch({ type: "confirmed" });
            await deps.becomeReady(loaded.set.set);
          },
          set
        ),
      createEntrySheets: (names: readonly string[], groupId: string | null) => {
        lastEntry.current = { names, groupId };
        writeEntrySheets(names, groupId, {});
      },
      /** "Vẫn tạo lại" on the sheet_edited message: the same request, over the cells it listed. */
      createEntrySheetsAnyway: () => {
        const last = lastEntry.current;
        if (last !== null) writeEntrySheets(last.names, last.groupId, { overwriteEdits: true });
      },
      /** "Nhận trang cũ" on the sheet_older_addin message: the same request, adopting the old sheets. */
      createEntrySheetsAdopt: () => {
        const last = lastEntry.current;
        if (last !== null) writeEntrySheets(last.names, last.groupId, { adoptOlder: true });
      },
      importForms: (files: readonly FormFile[]) =>
        void run(
          "import-forms",
          async () => {
            if (!confirmedSet || files.length === 0) return;
            const r = await services.importForms(files, confirmedSet);
            if (!r.ok) return entryError(r.issues);
            dispatch({
              type: "entry-done",
              result: {
                kind: "imported",
                sheets: r.value.sheets,
                units: r.value.units,
                imported: r.value.imported,
                kept: r.value.keptEntries,
                issues: r.issues,
              },
            });
            await afterEntryWrite(confirmedSet);
          },
          entry
        ),
    },
  };
}

/** Units for names the user typed (one per line), all in one group; blank lines and repeats dropped. */
export function unitsFromNames(names: readonly string[], groupId: string | null): Unit[] {
  const seen = new Set<string>();
  const out: Unit[] = [];
  for (const raw of names) {
    const name = raw.replace(/\s+/g, " ").trim();
    const key = name.toLocaleLowerCase("vi");
    if (name === "" || seen.has(key)) continue;
    seen.add(key);
    out.push({
      id: `u${out.length + 1}`,
      name,
      groupId,
      hasSubordinateUnits: false,
      hasDvctt: false,
      specialPurpose: false,
      notApplicable: [],
    });
  }
  return out;
}
