/**
 * Over 400 lines: the exact reader (EntryIndex) of the layout ./layout declares, and the units
 * sheet it reads with it.
 *
 * The exact reader of the entry workbook the add-in writes (layout in ./layout): indicator rows by
 * their code in column A, units by their header every three columns from F, flags from the fixed
 * columns of "Đơn vị". Nothing is guessed: a cell is read where the writer put it, and every entry
 * and issue carries its real cell. The heuristic recogniser (src/engine/recognize) is for foreign
 * workbooks only.
 *
 * `EntryIndex` is the prepared part (rows, unit columns, unit ids, the units sheet): built once per
 * layout, it reads any subset of units from the grid in time proportional to that subset, which is
 * what keeps a one-cell live re-check constant in the number of units.
 */
import { a1, parseA1 } from "../address";
import type {
  CellRef,
  CellValue,
  EnteredNumber,
  Grid,
  Indicator,
  IndicatorSet,
  Issue,
  Recognized,
  Result,
  RuleProfile,
  ScoreEntry,
  Unit,
} from "../model/types";
import { makeIssue, readNumber } from "../recognize/cells";
import {
  buildUnit,
  matchGroup,
  readUnitsSheet,
  UnitIds,
  unknownGroup,
  yesNo,
  type UnitInfo,
} from "../recognize/units";
import { GridView } from "../recognize/grid-view";
import { attachEntryColumns, entryColumnsBuilder } from "../score/columns";
import { compareSets, type SetDifference } from "../set-compare";
import { foldName } from "../text/normalize";
import {
  COLS_PER_UNIT,
  ENTRY_FIRST_ROW,
  ENTRY_HEADER_ROW,
  ENTRY_SHEET,
  UNITS_HEADERS,
  UNITS_SHEET,
  ENTRY_FIRST_UNIT_COL,
  ENTRY_HEADERS,
  UNIT_SUBHEADERS,
  cellRole,
} from "./layout";
import { columnRefs } from "./cell-refs";

/** A cell of the entry matrix as `EntryIndex.roleAt` reads it. */
export type EntryCellRole =
  | { readonly kind: "header"; readonly unitIndex: number; readonly unit: Unit }
  | {
      readonly kind: "score";
      readonly unitIndex: number;
      readonly unit: Unit;
      /** The indicator of the row. */
      readonly code: string;
      readonly field: "self" | "appraised" | "evidence";
    };

interface ReadEntryOptions {
  /** Only these units (ids as the full read gives them); default all. */
  readonly units?: readonly string[];
}

/** A cell of a grid by absolute 1-based row and column. */
function at(g: Grid, row: number, col: number): CellValue {
  return g.values[row - g.originRow]?.[col - g.originCol] ?? null;
}

function formulaAt(g: Grid, row: number, col: number): string | null {
  return g.formulas?.[row - g.originRow]?.[col - g.originCol] ?? null;
}

function textOf(v: CellValue): string {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  return "";
}

function rowOfCell(a1ref: string): number | null {
  const m = /\d+$/.exec(a1ref);
  return m === null ? null : Number(m[0]);
}

function lastRowOf(g: Grid): number {
  return g.originRow + g.values.length - 1;
}

function lastColOf(g: Grid): number {
  let w = 0;
  for (const r of g.values) if (r.length > w) w = r.length;
  return g.originCol + w - 1;
}

function sameSheet(a: string, b: string): boolean {
  return a.toLocaleLowerCase() === b.toLocaleLowerCase();
}

/** The entry matrix and units sheet among grids (by name). */
export function entryGrids(grids: readonly Grid[]): { matrix: Grid | null; units: Grid | null } {
  return {
    matrix: grids.find((g) => sameSheet(g.sheet, ENTRY_SHEET)) ?? null,
    units: grids.find((g) => sameSheet(g.sheet, UNITS_SHEET)) ?? null,
  };
}

/** True when the units sheet has the header row the writer puts there (else it is the user's own list). */
function isWrittenUnitsSheet(g: Grid): boolean {
  return UNITS_HEADERS.every((h, i) => foldName(textOf(at(g, 1, i + 1))) === foldName(h));
}

/** The units sheet as the writer lays it out: name (folded) → flags and group. */
function readWrittenUnits(g: Grid, profile: RuleProfile, issues: Issue[]): Map<string, UnitInfo> {
  const out = new Map<string, UnitInfo>();
  const last = lastRowOf(g);
  for (let r = 2; r <= last; r++) {
    const name = textOf(at(g, r, 2));
    if (name === "") continue;
    const groupText = textOf(at(g, r, 3));
    let groupId = matchGroup(groupText, profile);
    if (groupId === null && groupText !== "")
      issues.push(unknownGroup({ sheet: g.sheet, cell: a1(r, 3) }, groupText, name, profile));
    if (groupId === null && groupText === "" && profile.groups.length === 1)
      groupId = profile.groups[0]?.id ?? null;
    const na = textOf(at(g, r, 7))
      .split(/[;,\s]+/)
      .map((s) => s.trim().replace(/\.$/, ""))
      .filter((s) => s !== "");
    out.set(foldName(name), {
      name,
      groupText,
      groupId,
      hasSubordinateUnits: yesNo(at(g, r, 4)) ?? false,
      hasDvctt: yesNo(at(g, r, 5)) ?? false,
      specialPurpose: yesNo(at(g, r, 6)) ?? false,
      notApplicable: na,
      cell: { sheet: g.sheet, cell: a1(r, 2) },
    });
  }
  return out;
}

/** The first unit column of a matrix laid out by the writer (this release or the first), else null. */
function writtenLayout(g: Grid): number | null {
  const head = (col: number): string => foldName(textOf(at(g, ENTRY_HEADER_ROW, col)));
  if (head(1) !== foldName(ENTRY_HEADERS[0]) || head(2) !== foldName(ENTRY_HEADERS[1])) return null;
  const sub = (col: number): string => foldName(textOf(at(g, ENTRY_HEADER_ROW + 1, col)));
  const selfLabel = foldName(UNIT_SUBHEADERS[0]);
  if (head(5) === foldName(ENTRY_HEADERS[4])) return ENTRY_FIRST_UNIT_COL;
  if (sub(5) === selfLabel || head(5) === "") return ENTRY_FIRST_UNIT_COL - 1;
  return null;
}

/**
 * The units listed on a units sheet: the writer's layout read by position, a sheet the user made
 * with other columns by its headers (name folded → flags and group). Issues: unknown_group.
 */
export function unitsSheetInfo(
  g: Grid,
  profile: RuleProfile,
  issues: Issue[]
): ReadonlyMap<string, UnitInfo> {
  return isWrittenUnitsSheet(g)
    ? readWrittenUnits(g, profile, issues)
    : readUnitsSheet(new GridView(g), profile, issues);
}

interface RowInfo {
  readonly row: number;
  readonly code: string;
  readonly isParent: boolean;
}

/** The prepared layout of one entry workbook for one set: read units from it in any subset. */
export class EntryIndex {
  /** Issues of the layout itself (units sheet, repeated codes, repeated unit names). */
  readonly issues: readonly Issue[];
  /** How the indicator rows on the sheet differ from the set (written for another set); null: same. */
  readonly mismatch: SetDifference | null;
  readonly units: readonly Unit[];
  private readonly rows: readonly RowInfo[];
  private readonly indexOfId = new Map<string, number>();
  private readonly indexOfName = new Map<string, number>();
  private readonly indexOfCol = new Map<number, number>();
  /** Unit index → its column (units with a blank header are skipped, as the writer never makes one). */
  private readonly colOf: readonly number[];
  private readonly indicators: readonly Indicator[];
  private readonly lastRow: number;
  private readonly lastCol: number;
  private readonly rowOfCode = new Map<string, number>();
  private readonly codeOfRow = new Map<number, string>();
  private readonly unitsRows: (number | null)[] = [];

  private constructor(
    readonly set: IndicatorSet,
    readonly matrix: Grid,
    readonly unitsGrid: Grid | null,
    /** F in today's layout; E in the first release's (no "Liên quan" column). */
    readonly firstUnitCol: number
  ) {
    const issues: Issue[] = [];
    const profile = set.profile;
    const unitIssues: Issue[] = [];
    const info =
      unitsGrid === null
        ? new Map<string, UnitInfo>()
        : unitsSheetInfo(unitsGrid, profile, unitIssues);

    const parents = new Set<string>();
    for (const ind of set.indicators) if (ind.parentCode !== null) parents.add(ind.parentCode);
    const sheet = matrix.sheet;
    this.lastRow = lastRowOf(matrix);
    this.lastCol = lastColOf(matrix);
    const rows: RowInfo[] = [];
    const seen = new Map<string, string>();
    const cellOfCode = new Map<string, CellRef>();
    for (let r = ENTRY_FIRST_ROW; r <= this.lastRow; r++) {
      const code = textOf(at(matrix, r, 1));
      if (code === "") continue;
      const here = a1(r, 1);
      const first = seen.get(code);
      if (first !== undefined) {
        issues.push(
          makeIssue(
            "duplicate_code",
            "error",
            { sheet, cell: here },
            { indicator: code, firstCell: first },
            { indicator: code }
          )
        );
        continue;
      }
      seen.set(code, here);
      cellOfCode.set(code, { sheet, cell: here });
      rows.push({ row: r, code, isParent: parents.has(code) });
      this.rowOfCode.set(code, r);
      this.codeOfRow.set(r, code);
    }
    this.rows = rows;
    // The indicator rows as the sheet declares them (code, max in C), to tell a sheet written for
    // another set.
    const bySetCode = new Map(set.indicators.map((i) => [i.code, i] as const));
    const onSheet: Indicator[] = rows.map(({ row, code }) => {
      const known = bySetCode.get(code);
      const max = at(matrix, row, 3);
      return {
        code,
        name: textOf(at(matrix, row, 2)),
        level: known?.level ?? "component",
        maxPoints: typeof max === "number" ? max : null,
        method: known?.method ?? { kind: "direct" },
        scored: known?.scored ?? true,
        parentCode: known?.parentCode ?? null,
      };
    });
    this.mismatch = compareSets(set, { profile: set.profile, indicators: onSheet });
    this.indicators = set.indicators.map((ind) => {
      const cell = cellOfCode.get(ind.code);
      return cell !== undefined ? { ...ind, cell } : ind;
    });

    const tableIssues: Issue[] = [];
    const ids = new UnitIds(tableIssues);
    const units: Unit[] = [];
    const cols: number[] = [];
    for (let col = firstUnitCol; col <= this.lastCol; col += COLS_PER_UNIT) {
      const name = textOf(at(matrix, ENTRY_HEADER_ROW, col)).replace(/\s+/g, " ");
      if (name === "") continue;
      const cell = { sheet, cell: a1(ENTRY_HEADER_ROW, col) };
      const before = tableIssues.length;
      const id = ids.take(name, cell);
      // A repeated name is the repeat's problem (as validation says it): its id, not the first's.
      const dup = tableIssues[before];
      if (dup !== undefined) tableIssues[before] = { ...dup, unit: id };
      this.indexOfId.set(id, units.length);
      if (!this.indexOfName.has(foldName(name))) this.indexOfName.set(foldName(name), units.length);
      const listed = info.get(foldName(name));
      this.unitsRows.push(listed !== undefined ? rowOfCell(listed.cell.cell) : null);
      units.push(buildUnit(id, name, cell, listed, profile));
      this.indexOfCol.set(col, cols.length);
      cols.push(col);
    }
    this.units = units;
    this.colOf = cols;
    // Units-sheet issues matter only for the units the matrix uses.
    const used = new Set(units.map((u) => u.id));
    this.issues = [
      ...unitIssues.filter((i) => i.unit === undefined || used.has(i.unit)),
      ...issues,
      ...tableIssues,
    ];
  }

  /**
   * Null when the grids hold no entry matrix in a layout the writer makes (today's, or the first
   * release's without "Liên quan"): a sheet of that name laid out otherwise is the recogniser's.
   */
  static of(grids: readonly Grid[], set: IndicatorSet): EntryIndex | null {
    const { matrix, units } = entryGrids(grids);
    if (matrix === null) return null;
    const first = writtenLayout(matrix);
    return first === null ? null : new EntryIndex(set, matrix, units, first);
  }

  get unitCount(): number {
    return this.units.length;
  }

  /** Index of a unit by its id, or null. */
  unitIndex(id: string): number | null {
    return this.indexOfId.get(id) ?? null;
  }

  /** Index of the first unit with this name (accents and case ignored), or null. */
  unitIndexByName(name: string): number | null {
    return this.indexOfName.get(foldName(name)) ?? null;
  }

  /** The unit whose three columns hold this matrix column, or null. */
  unitAtColumn(col: number): number | null {
    if (col < this.firstUnitCol) return null;
    const start = col - ((col - this.firstUnitCol) % COLS_PER_UNIT);
    return this.indexOfCol.get(start) ?? null;
  }

  /** The row of the units sheet that lists unit `i`, or null. */
  unitsSheetRow(i: number): number | null {
    return this.unitsRows[i] ?? null;
  }

  /** The first column of unit `i`. */
  columnOf(i: number): number | null {
    return this.colOf[i] ?? null;
  }

  /** The row of an indicator code, or null. */
  rowOf(code: string): number | null {
    return this.rowOfCode.get(code) ?? null;
  }

  /**
   * What a cell of this matrix is for, by position (`cellRole`, laid over this matrix's first unit
   * column): a unit's self-assessed score, appraised score or evidence on an indicator row, or a
   * unit's header; null for any other cell (title, declaration columns, past the last unit).
   */
  roleAt(address: string): EntryCellRole | null {
    const pos = parseA1(address);
    if (pos === null) return null;
    const unitIndex = this.unitAtColumn(pos.col);
    const unit = unitIndex === null ? undefined : this.units[unitIndex];
    if (unitIndex === null || unit === undefined) return null;
    // cellRole knows today's layout (units from F); the first release's starts one column left.
    const role = cellRole(pos.row, pos.col + ENTRY_FIRST_UNIT_COL - this.firstUnitCol);
    if (role.kind === "header") return { kind: "header", unitIndex, unit };
    if (role.kind !== "unit") return null;
    const code = this.codeOfRow.get(pos.row);
    if (code === undefined) return null;
    return { kind: "score", unitIndex, unit, code, field: role.field };
  }

  /** Reads the given units (indexes; default all) from the matrix as it is now. */
  read(unitIndexes?: readonly number[]): { data: Recognized; issues: Issue[] } {
    const g = this.matrix;
    const sheet = g.sheet;
    const issues: Issue[] = [];
    const pick = (unitIndexes ?? this.units.map((_, i) => i)).filter(
      (ui) => this.units[ui] !== undefined && this.colOf[ui] !== undefined
    );
    const lastRow = this.rows[this.rows.length - 1]?.row ?? ENTRY_FIRST_ROW;
    const units: Unit[] = pick.map((ui) => this.units[ui] as Unit);
    const entries: ScoreEntry[] = [];
    // The figures as dense columns too, filled as each entry is made (validation and scoring
    // then walk arrays, not the entries' objects).
    const columns = entryColumnsBuilder(this.set, units);
    const ids = new Set<string>();
    for (const ui of pick) {
      const unit = this.units[ui] as Unit;
      const col = this.colOf[ui] as number;
      ids.add(unit.id);
      // References to the unit's cells, made once per process (a full read points at ~1M cells).
      const refs = [
        columnRefs(sheet, col, lastRow),
        columnRefs(sheet, col + 1, lastRow),
        columnRefs(sheet, col + 2, lastRow),
      ] as const;
      const read = (
        row: number,
        k: 0 | 1,
        isParent: boolean,
        code: string,
        field: string
      ): EnteredNumber | null => {
        const c = col + k;
        // A parent row's SUM formula is derived, not entered: the engine sums the components itself.
        if (isParent && formulaAt(g, row, c) !== null) return null;
        const raw = at(g, row, c);
        const cell = refs[k][row] ?? { sheet, cell: a1(row, c) };
        if (typeof raw === "number" && Number.isFinite(raw)) return { points: raw, raw, cell };
        if (raw === null) return { points: null, raw: null, cell }; // as readNumber reads a blank
        return readNumber(
          raw,
          cell,
          { unit: unit.id, unitName: unit.name, indicator: code, field },
          issues
        );
      };
      for (const { row, code, isParent } of this.rows) {
        const self = read(row, 0, isParent, code, "self");
        const appraised = read(row, 1, isParent, code, "appraised");
        if (isParent && (self?.raw ?? null) === null && (appraised?.raw ?? null) === null) continue;
        const ev = at(g, row, col + 2);
        const entry: ScoreEntry = {
          unitId: unit.id,
          code,
          self,
          appraised,
          evidence: textOf(ev),
          evidenceCell: refs[2][row] ?? { sheet, cell: a1(row, col + 2) },
        };
        columns.add(entries.length, entry);
        entries.push(entry);
      }
    }
    attachEntryColumns(columns.finish(entries));
    const layoutIssues =
      unitIndexes === undefined
        ? this.issues
        : this.issues.filter((i) => i.unit !== undefined && ids.has(i.unit));
    const lastUnitCol =
      (this.colOf[this.colOf.length - 1] ?? this.firstUnitCol) + COLS_PER_UNIT - 1;
    return {
      data: {
        layout: "matrix",
        indicators: this.indicators,
        units,
        entries,
        tableRange: `${a1(ENTRY_HEADER_ROW, 1)}:${a1(lastRow, Math.max(5, lastUnitCol))}`,
      },
      issues: [...layoutIssues, ...issues],
    };
  }
}

/**
 * Reads the entry workbook exactly: entries and issues with real cells. Not ok (with
 * `sheet_missing`) when the grids hold no "Nhập điểm" sheet.
 */
export function readEntry(
  grids: readonly Grid[],
  set: IndicatorSet,
  options: ReadEntryOptions = {}
): Result<Recognized> & { readonly mismatch?: SetDifference | null } {
  const index = EntryIndex.of(grids, set);
  if (index === null)
    return {
      ok: false,
      issues: [
        {
          code: "sheet_missing",
          severity: "error",
          cell: { sheet: ENTRY_SHEET, cell: "A1" },
          params: { sheet: ENTRY_SHEET },
        },
      ],
    };
  const pick =
    options.units === undefined
      ? undefined
      : options.units.map((id) => index.unitIndex(id)).filter((i): i is number => i !== null);
  const { data, issues } = index.read(pick);
  return { ok: true, value: data, issues, mismatch: index.mismatch };
}
