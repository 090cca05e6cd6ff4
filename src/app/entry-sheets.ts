/**
 * Use-case "entry sheets": write the "Nhập điểm" matrix and the "Đơn vị" units sheet for the confirmed
 * set. Re-creating them keeps every score already typed (read back first, written again), and a user
 * sheet that happens to carry one of the names is never touched.
 */
import {
  ENTRY_ROLE,
  ENTRY_SHEET,
  EntryIndex,
  type EntryFormula,
  entrySheetSpecs,
  foldName,
  type IndicatorSet,
  type Issue,
  recognize,
  type Result,
  type ScoreEntry,
  type TypedFormula,
  typedFormulas,
  type Unit,
  UNITS_ROLE,
  UNITS_SHEET,
} from "../engine";
import { PortError, type SheetInfo, type WorkbookPort } from "../workbook/port";

export interface EntrySheetsResult {
  readonly sheets: readonly string[];
  readonly units: number;
  /** Scores carried over from the previous entry sheets. */
  readonly keptEntries: number;
}

interface CreateEntrySheetsOptions {
  /** Entries to write (e.g. merged agency forms), keyed by the ids of `units`. */
  readonly entries?: readonly ScoreEntry[];
  /** Keep the existing unit columns in place and append new units (importing more forms). */
  readonly existingFirst?: boolean;
  /**
   * Rewrite the sheets even where the user changed cells inside the generated area (after the
   * "sheet_edited" warning listed them and the user chose "Vẫn tạo lại"); content outside stays.
   */
  readonly overwriteEdits?: boolean;
  /**
   * The user chose to adopt entry sheets an earlier version of the add-in wrote (no ownership
   * marker: "sheet_older_addin"): when their content is the add-in's layout they become the
   * add-in's own and are rebuilt in place (scores and typed formulas kept). Never done silently.
   */
  readonly adoptOlder?: boolean;
}

function sameName(a: string, b: string): boolean {
  return a.toLocaleLowerCase() === b.toLocaleLowerCase();
}

/** A user sheet named "Đơn vị" is the user's units list: kept as it is, never replaced. */
function userUnitsSheet(sheets: readonly SheetInfo[]): boolean {
  return sheets.some((s) => sameName(s.name, UNITS_SHEET) && !(s.owned && s.role === UNITS_ROLE));
}

function clash(sheets: readonly SheetInfo[]): Issue[] {
  return sheets
    .filter((s) => sameName(s.name, ENTRY_SHEET) && !(s.owned && s.role === ENTRY_ROLE))
    .map((s) => ({
      code: "sheet_name_taken" as const,
      severity: "error" as const,
      params: { sheet: s.name },
    }));
}

/**
 * An imported form's unit matched to one already in the units sheet: what the sheet says (group,
 * flags) stays; the form's own group text fills only an empty group cell (issue 13, item 1).
 */
function keepSheetInfo(sheet: Unit, form: Unit): Unit {
  const hasGroup = sheet.groupId !== null || (sheet.groupText ?? "").trim() !== "";
  const group: Pick<Unit, "groupId" | "groupText"> = hasGroup
    ? {
        groupId: sheet.groupId,
        ...(sheet.groupText !== undefined ? { groupText: sheet.groupText } : {}),
      }
    : {
        groupId: form.groupId,
        ...(form.groupText !== undefined ? { groupText: form.groupText } : {}),
      };
  const { groupText: _dropped, ...rest } = sheet;
  void _dropped;
  return { ...rest, ...group, id: form.id };
}

/**
 * Pure: the units and entries to write when entry sheets already exist. Without `existingFirst`,
 * given units' groups and flags win; units only in the old sheets are kept, and so is every old score the given entries do
 * not hold (an imported form brings self scores; the appraiser's scores already typed stay).
 * Order: given units first, or with `existingFirst` (importing forms) the old columns stay where they
 * were, new units are appended, and the sheet's groups and flags win over the form's.
 */
function carryOver(
  units: readonly Unit[],
  entries: readonly ScoreEntry[],
  oldUnits: readonly Unit[],
  oldEntries: readonly ScoreEntry[],
  existingFirst = false
): { units: Unit[]; entries: ScoreEntry[]; kept: number } {
  const givenUnits: Unit[] = [...units];
  const byName = new Map(givenUnits.map((u) => [foldName(u.name), u]));
  const ids = new Set(givenUnits.map((u) => u.id));
  const idMap = new Map<string, string>();
  const oldOrder: Unit[] = [];
  const onlyOld: Unit[] = [];
  for (const old of oldUnits) {
    const key = foldName(old.name);
    const found = byName.get(key);
    if (found !== undefined) {
      idMap.set(old.id, found.id);
      const unit = existingFirst ? keepSheetInfo(old, found) : found;
      if (unit !== found) {
        givenUnits[givenUnits.indexOf(found)] = unit;
        byName.set(key, unit);
      }
      oldOrder.push(unit);
      continue;
    }
    let id = old.id;
    for (let n = 2; ids.has(id); n++) id = `${old.id}-${n}`;
    ids.add(id);
    const kept = { ...old, id };
    byName.set(key, kept);
    idMap.set(old.id, id);
    oldOrder.push(kept);
    onlyOld.push(kept);
  }
  const inOld = new Set(oldOrder);
  const outUnits = existingFirst
    ? [...oldOrder, ...givenUnits.filter((u) => !inOld.has(u))]
    : [...givenUnits, ...onlyOld];
  const given = new Map<string, ScoreEntry>(entries.map((e) => [`${e.unitId}\u0000${e.code}`, e]));
  const merged = new Map(given);
  let kept = 0;
  for (const e of oldEntries) {
    const id = idMap.get(e.unitId);
    if (id === undefined) continue;
    const k = `${id}\u0000${e.code}`;
    const g = given.get(k);
    const self = g?.self?.raw != null ? g.self : e.self;
    const appraised = g?.appraised?.raw != null ? g.appraised : e.appraised;
    const evidence = g?.evidence ? g.evidence : e.evidence;
    const oldHas =
      (g?.self?.raw == null && e.self != null && e.self.raw !== null) ||
      (g?.appraised?.raw == null && e.appraised != null && e.appraised.raw !== null) ||
      (!g?.evidence && e.evidence !== undefined && e.evidence !== "");
    if (!oldHas) continue;
    merged.set(k, {
      ...(g ?? e),
      unitId: id,
      self,
      appraised,
      ...(evidence !== undefined ? { evidence } : {}),
    });
    kept++;
  }
  return { units: outUnits, entries: [...merged.values()], kept };
}

/**
 * The entry sheets when "Nhập điểm" was written by an earlier version of the add-in (a registry
 * record without marker): which to adopt, and whether the matrix is in the writer's layout (only
 * then may it be adopted). Null when there is no such sheet.
 */
async function olderEntrySheets(
  port: WorkbookPort,
  sheets: readonly SheetInfo[],
  set: IndicatorSet
): Promise<{
  readonly entry: string;
  readonly matches: boolean;
  readonly adopt: { readonly name: string; readonly role: string }[];
} | null> {
  const entry = sheets.find((s) => sameName(s.name, ENTRY_SHEET) && s.olderRole === ENTRY_ROLE);
  if (entry === undefined) return null;
  const units = sheets.find((s) => sameName(s.name, UNITS_SHEET) && s.olderRole === UNITS_ROLE);
  const grids = await port.readGrids(units ? [entry.name, units.name] : [entry.name]);
  return {
    entry: entry.name,
    matches: EntryIndex.of(grids, set) !== null,
    adopt: [
      { name: entry.name, role: ENTRY_ROLE },
      ...(units ? [{ name: units.name, role: UNITS_ROLE }] : []),
    ],
  };
}

/**
 * The user's formulas of the old matrix, for the same unit/indicator cells of the new one (formula
 * text as typed). A formula whose indicator row or unit the new matrix does not have (the set
 * changed) cannot be put back: then nothing is written and the cells are listed, so a typed formula
 * never becomes a blank. Where `given` entries (an imported form) bring a value for that very field,
 * the value is what the user asked for and the formula gives way, as a typed value would.
 */
function keepFormulas(
  typed: readonly TypedFormula[],
  set: IndicatorSet,
  units: readonly Unit[],
  given: readonly ScoreEntry[]
): Result<EntryFormula[]> {
  if (typed.length === 0) return { ok: true, value: [], issues: [] };
  const parents = new Set(
    set.indicators.flatMap((i) => (i.parentCode === null ? [] : [i.parentCode]))
  );
  const leaves = new Set(set.indicators.filter((i) => !parents.has(i.code)).map((i) => i.code));
  const idOf = new Map<string, string>();
  for (const u of units) if (!idOf.has(foldName(u.name))) idOf.set(foldName(u.name), u.id);
  const givenAt = new Map(given.map((e) => [`${e.unitId}\u0000${e.code}`, e]));
  const value: EntryFormula[] = [];
  const lost: string[] = [];
  for (const f of typed) {
    const unitId = idOf.get(foldName(f.unitName));
    if (unitId === undefined || !leaves.has(f.code)) {
      lost.push(f.cell);
      continue;
    }
    const g = givenAt.get(`${unitId}\u0000${f.code}`);
    const byForm =
      f.field === "evidence"
        ? g?.evidence !== undefined && g.evidence !== ""
        : g?.[f.field]?.raw != null;
    if (byForm) continue;
    value.push({
      unitId,
      code: f.code,
      field: f.field,
      formula: f.formula,
      ...(f.cached !== null ? { cached: f.cached } : {}),
    });
  }
  if (lost.length === 0) return { ok: true, value, issues: [] };
  return {
    ok: false,
    issues: [
      {
        code: "entry_formula_not_kept",
        severity: "error",
        cell: { sheet: ENTRY_SHEET, cell: lost[0] ?? "A1" },
        params: {
          sheet: ENTRY_SHEET,
          cells: lost.slice(0, 20).join(", "),
          count: lost.length,
        },
      },
    ],
  };
}

/**
 * Writes the entry sheets in one `apply`. Round trips: 2 for a new workbook (list, apply), 4 when
 * entry sheets exist (their two grids are read to keep what was typed).
 */
export async function createEntrySheets(
  port: WorkbookPort,
  set: IndicatorSet,
  units: readonly Unit[],
  options: CreateEntrySheetsOptions = {}
): Promise<Result<EntrySheetsResult>> {
  let sheets = await port.listSheets();
  const older = await olderEntrySheets(port, sheets, set);
  if (older !== null) {
    if (options.adoptOlder !== true || !older.matches)
      return {
        ok: false,
        issues: [
          {
            code: "sheet_older_addin",
            severity: "error",
            params: { sheet: older.entry, matches: older.matches },
          },
        ],
      };
    await port.adoptOlderSheets(older.adopt);
    sheets = await port.listSheets();
  }
  const clashes = clash(sheets);
  if (clashes.length > 0) return { ok: false, issues: clashes };
  let finalUnits: readonly Unit[] = units;
  let finalEntries: readonly ScoreEntry[] = options.entries ?? [];
  let kept = 0;
  let typed: readonly TypedFormula[] = [];
  const hasOld = sheets.some((s) => sameName(s.name, ENTRY_SHEET));
  if (hasOld) {
    // Both sheets in one read (listSheets just said which exist).
    const grids = await port.readGrids(
      sheets.some((s) => sameName(s.name, UNITS_SHEET)) ? [ENTRY_SHEET, UNITS_SHEET] : [ENTRY_SHEET]
    );
    typed = typedFormulas(grids, set);
    const rec = recognize(grids, set.profile, { sheet: ENTRY_SHEET });
    if (rec.ok) {
      const merged = carryOver(
        units,
        finalEntries,
        rec.value.units,
        rec.value.entries,
        options.existingFirst === true
      );
      finalUnits = merged.units;
      finalEntries = merged.entries;
      kept = merged.kept;
    }
  }
  const formulas = keepFormulas(typed, set, finalUnits, options.entries ?? []);
  if (!formulas.ok) return formulas;
  const all = entrySheetSpecs(set, finalUnits, { entries: finalEntries, formulas: formulas.value });
  const specs = userUnitsSheet(sheets) ? all.filter((x) => x.role !== UNITS_ROLE) : all;
  try {
    await port.apply(specs, options.overwriteEdits === true ? { overwriteEdits: true } : {});
  } catch (e) {
    if (e instanceof PortError && e.code === "sheet_not_owned")
      return {
        ok: false,
        issues: [
          {
            code: "sheet_name_taken",
            severity: "error",
            params: { sheet: e.detail.sheet ?? ENTRY_SHEET },
          },
        ],
      };
    throw e;
  }
  return {
    ok: true,
    value: { sheets: specs.map((s) => s.name), units: finalUnits.length, keptEntries: kept },
    issues: [],
  };
}
