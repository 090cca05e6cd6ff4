/**
 * The "Nhập điểm" matrix as a sheet spec (layout in ./layout). Pure: the adapters render the specs.
 * A list validation offers the "Liên quan" marks; the score cells get decimal validations and
 * conditional formats (four rules whatever the number of units).
 */
import { a1, columnLetters } from "../address";
import type { CellValue, Indicator, IndicatorSet, ScoreEntry, Unit } from "../model/types";
import type {
  CellBlock,
  ConditionalFormat,
  DataValidationRule,
  RangeStyle,
  SheetSpec,
  SpecCell,
} from "../sheets/spec";
import { BLANK, HEADER_FILL, clamp, decimalRule, entered, formatMax, num, text } from "./cells";
import {
  COLS_PER_UNIT,
  CONCERN_LABEL,
  ENTRY_CONCERNS_COL,
  ENTRY_FIRST_ROW,
  ENTRY_FIRST_UNIT_COL,
  ENTRY_HEADERS,
  ENTRY_HEADER_ROW,
  ENTRY_ROLE,
  ENTRY_SHEET,
  ENTRY_SUBHEADER_ROW,
  LEVEL_LABEL,
  UNIT_SUBHEADERS,
  leafCodes,
  unitColumn,
} from "./layout";
import { unitsSheetSpec } from "./write-units";

const CONCERNS_LETTER = columnLetters(ENTRY_CONCERNS_COL);
const MAIN_FILL = "#F2F2F2";
/** Every other unit's header (a darker shade of HEADER_FILL). */
const UNIT_BAND_FILL = "#BDD7EE";
const ERROR_FILL = "#FFC7CE";
const ERROR_FONT = "#9C0006";
const WARN_FILL = "#FFEB9C";
const WARN_FONT = "#9C5700";

/** Rows (sorted) → "F7:F9,F12" style argument list for SUM, contiguous runs merged. */
function sumArgs(colLetter: string, rows: readonly number[]): string {
  const parts: string[] = [];
  let start: number | undefined;
  let prev: number | undefined;
  const flush = (): void => {
    if (start === undefined || prev === undefined) return;
    parts.push(
      start === prev ? `${colLetter}${start}` : `${colLetter}${start}:${colLetter}${prev}`
    );
  };
  for (const r of rows) {
    if (prev !== undefined && r === prev + 1) {
      prev = r;
      continue;
    }
    flush();
    start = r;
    prev = r;
  }
  flush();
  return parts.join(",");
}

interface EntrySheetOptions {
  /** Existing entries to write into the matrix (e.g. merged agency forms); keyed by unitId + code. */
  readonly entries?: readonly ScoreEntry[];
  /**
   * Formulas the user typed in input cells, put back in the same unit/indicator cell (they win over
   * `entries` there): keyed by unitId + code + field.
   */
  readonly formulas?: readonly EntryFormula[];
}

/** A user's formula for one input cell of the matrix. */
export interface EntryFormula {
  readonly unitId: string;
  readonly code: string;
  readonly field: "self" | "appraised" | "evidence";
  readonly formula: string;
  readonly cached?: CellValue;
}

function formulaCell(f: EntryFormula): SpecCell {
  const c = f.cached;
  return c === undefined || c === null || typeof c === "object"
    ? { kind: "formula", formula: f.formula }
    : { kind: "formula", formula: f.formula, cached: c };
}

/** The matrix and units sheets for a set and its units. */
export function entrySheetSpecs(
  set: IndicatorSet,
  units: readonly Unit[],
  options: EntrySheetOptions = {}
): SheetSpec[] {
  return [entryMatrixSpec(set, units, options), unitsSheetSpec(set.profile, units)];
}

/** The "Nhập điểm" matrix. */
export function entryMatrixSpec(
  set: IndicatorSet,
  units: readonly Unit[],
  options: EntrySheetOptions = {}
): SheetSpec {
  const { profile, indicators } = set;
  const leaves = leafCodes(indicators);
  const rowOf = new Map<string, number>();
  indicators.forEach((ind, i) => rowOf.set(ind.code, ENTRY_FIRST_ROW + i));
  const childRows = new Map<string, number[]>();
  for (const ind of indicators) {
    if (ind.parentCode === null) continue;
    const r = rowOf.get(ind.code);
    if (r === undefined) continue;
    const list = childRows.get(ind.parentCode) ?? [];
    list.push(r);
    childRows.set(ind.parentCode, list);
  }
  const entryBy = new Map<string, ScoreEntry>();
  for (const e of options.entries ?? []) entryBy.set(`${e.unitId}\u0000${e.code}`, e);
  const formulaBy = new Map<string, EntryFormula>();
  for (const f of options.formulas ?? [])
    formulaBy.set(`${f.unitId}\u0000${f.code}\u0000${f.field}`, f);

  const lastRow = Math.max(ENTRY_FIRST_ROW, ENTRY_FIRST_ROW + indicators.length - 1);
  const lastCol = Math.max(ENTRY_FIRST_UNIT_COL - 1, unitColumn(units.length) - 1);
  const lastLetter = columnLetters(lastCol);

  const title = [text("NHẬP ĐIỂM ĐÁNH GIÁ CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI)")];
  const subtitle = [
    text(
      `${profile.name} (${profile.source.decision}, ${profile.source.year}) · ${profile.scale} điểm`
    ),
  ];
  const header: SpecCell[] = ENTRY_HEADERS.map(text);
  const sub: SpecCell[] = ENTRY_HEADERS.map(() => BLANK);
  for (const u of units) {
    header.push(text(u.name), BLANK, BLANK);
    for (const s of UNIT_SUBHEADERS) sub.push(text(s));
  }

  const body: SpecCell[][] = indicators.map((ind) => {
    const cells: SpecCell[] = [
      text(ind.code),
      text(ind.name),
      ind.maxPoints === null ? BLANK : num(ind.maxPoints),
      text(LEVEL_LABEL[ind.level]),
      ind.concerns !== undefined ? text(CONCERN_LABEL[ind.concerns]) : BLANK,
    ];
    const children = childRows.get(ind.code);
    units.forEach((u, ui) => {
      const col = unitColumn(ui);
      if (children !== undefined && children.length > 0) {
        for (const c of [col, col + 1]) {
          cells.push({ kind: "formula", formula: `=SUM(${sumArgs(columnLetters(c), children)})` });
        }
        cells.push(BLANK);
        return;
      }
      const e = entryBy.get(`${u.id}\u0000${ind.code}`);
      const typed = (field: EntryFormula["field"], otherwise: SpecCell): SpecCell => {
        const f = formulaBy.get(`${u.id}\u0000${ind.code}\u0000${field}`);
        return f === undefined ? otherwise : formulaCell(f);
      };
      cells.push(
        typed("self", entered(e?.self?.raw)),
        typed("appraised", entered(e?.appraised?.raw)),
        typed("evidence", e?.evidence !== undefined && e.evidence !== "" ? text(e.evidence) : BLANK)
      );
    });
    return cells;
  });

  const blocks: CellBlock[] = [
    { address: "A1", rows: [title], style: { bold: true, fontSize: 14 } },
    { address: "A2", rows: [subtitle], style: { italic: true } },
    {
      address: a1(ENTRY_HEADER_ROW, 1),
      rows: [header, sub],
      style: { bold: true, fill: HEADER_FILL, align: "center", wrap: true, border: "thin" },
    },
  ];
  if (body.length > 0) {
    blocks.push({ address: a1(ENTRY_FIRST_ROW, 1), rows: body, style: { border: "thin" } });
  }

  const styles: RangeStyle[] = [];
  const validations: DataValidationRule[] = [];
  if (units.length > 0 && indicators.length > 0) {
    // User cells (and the "Liên quan" marks) open, then main rows (formulas) closed again: the
    // sheet is protected.
    styles.push({
      range: `${CONCERNS_LETTER}${ENTRY_FIRST_ROW}:${lastLetter}${lastRow}`,
      style: { locked: false, numberFormat: "General" },
    });
    for (const ind of indicators) {
      if (leaves.has(ind.code)) continue;
      const r = rowOf.get(ind.code) ?? ENTRY_FIRST_ROW;
      styles.push({
        range: `A${r}:${lastLetter}${r}`,
        style: { locked: true, bold: true, fill: MAIN_FILL },
      });
    }
    validations.push(...entryValidations(indicators, leaves, rowOf, lastLetter));
  }
  if (units.length > 0) {
    // Each unit's name centred across its three columns without merging them (see HorizontalAlign):
    // one style whatever the number of units, where merges were one command and one merged area
    // per unit (a read of more than 512 merged areas fails in Excel, so a large sheet had to be read
    // in tiles, and its sync count grew with the units). Not wrapped: wrapped text stays inside its
    // own cell, so it could not be centred across the others.
    styles.push({
      range: `${columnLetters(ENTRY_FIRST_UNIT_COL)}${ENTRY_HEADER_ROW}:${lastLetter}${ENTRY_HEADER_ROW}`,
      style: { align: "centerAcross", wrap: false, border: "band" },
    });
  }
  if (indicators.length > 0) {
    const labels = Object.values(CONCERN_LABEL);
    validations.push({
      range: `${CONCERNS_LETTER}${ENTRY_FIRST_ROW}:${CONCERNS_LETTER}${lastRow}`,
      rule: { kind: "list", values: labels },
      inputTitle: "Liên quan / Concerns",
      inputMessage: clamp(
        `Chỉ số liên quan đơn vị trực thuộc hoặc DVCTT (quy tắc đặc biệt); để trống nếu không. / ` +
          `Component concerning subordinate units or online public services (special rules); blank if neither.`,
        255
      ),
      errorMessage: clamp(
        `Chọn ${labels.join(" hoặc ")}, hoặc để trống. / Choose ${labels.join(" or ")}, or leave blank.`,
        225
      ),
    });
  }

  const columnWidths = [
    { col: "A", width: 8 },
    { col: "B", width: 48 },
    { col: "C", width: 10 },
    { col: "D", width: 18 },
    { col: CONCERNS_LETTER, width: 16 },
  ];
  // One width a column in the spec; the Office adapter sets equal widths in a few commands.
  units.forEach((_, ui) => {
    const col = unitColumn(ui);
    const [s, a, e] = [col, col + 1, col + 2].map(columnLetters) as [string, string, string];
    columnWidths.push({ col: s, width: 11 }, { col: a, width: 11 }, { col: e, width: 24 });
  });

  return {
    name: ENTRY_SHEET,
    owned: true,
    role: ENTRY_ROLE,
    blocks,
    styles,
    columnWidths,
    freeze: { rows: ENTRY_SUBHEADER_ROW, cols: ENTRY_FIRST_UNIT_COL - 1 },
    validations,
    conditionalFormats: [
      ...(units.length > 0 && indicators.length > 0
        ? entryConditionalFormats(lastLetter, lastRow)
        : []),
      ...(units.length > 0 ? [unitBandFormat(lastLetter)] : []),
    ],
    protect: true,
  };
}

/**
 * One rule per run of consecutive entry rows with the same max, over every unit's columns at once
 * (so the number of rules does not grow with the units): a custom formula lets the evidence columns
 * (every third) through and bounds the two score columns; the message states the max.
 */
function entryValidations(
  indicators: readonly Indicator[],
  leaves: ReadonlySet<string>,
  rowOf: ReadonlyMap<string, number>,
  lastLetter: string
): DataValidationRule[] {
  const runs: { first: number; last: number; max: number }[] = [];
  for (const ind of indicators) {
    // Unscored indicators (922 "Đô thị thông minh", max 0) are collected, not bounded.
    if (!leaves.has(ind.code) || ind.maxPoints === null || !ind.scored) continue;
    const r = rowOf.get(ind.code);
    if (r === undefined) continue;
    const prev = runs[runs.length - 1];
    if (prev !== undefined && prev.last === r - 1 && prev.max === ind.maxPoints) prev.last = r;
    else runs.push({ first: r, last: r, max: ind.maxPoints });
  }
  const firstLetter = columnLetters(ENTRY_FIRST_UNIT_COL);
  return runs.map((run) => {
    const tl = `${firstLetter}${run.first}`;
    const evidenceCol = `MOD(COLUMN(${tl})-${ENTRY_FIRST_UNIT_COL},${COLS_PER_UNIT})=${COLS_PER_UNIT - 1}`;
    const rule = decimalRule(
      `${tl}:${lastLetter}${run.last}`,
      run.max,
      formatMax(run.max),
      String(run.max)
    );
    return {
      ...rule,
      rule: {
        kind: "custom" as const,
        formula: `=OR(${evidenceCol},AND(ISNUMBER(${tl}),${tl}>=0,${tl}<=${run.max}))`,
      },
    };
  });
}

/**
 * Every other unit's two header rows a shade darker, so where one unit's three columns end shows
 * without merged cells or per-unit borders: one rule whatever the number of units.
 */
function unitBandFormat(lastLetter: string): ConditionalFormat {
  const tl = `${columnLetters(ENTRY_FIRST_UNIT_COL)}${ENTRY_HEADER_ROW}`;
  return {
    range: `${tl}:${lastLetter}${ENTRY_SUBHEADER_ROW}`,
    when: {
      kind: "formula",
      formula: `=MOD(INT((COLUMN(${tl})-${ENTRY_FIRST_UNIT_COL})/${COLS_PER_UNIT}),2)=1`,
    },
    style: { fill: UNIT_BAND_FILL },
  };
}

/**
 * Conditional formats over the whole unit area; MOD(COLUMN()) tells self / appraised / evidence
 * columns apart, so there are four rules whatever the number of units.
 */
function entryConditionalFormats(lastLetter: string, lastRow: number): ConditionalFormat[] {
  const first = `${columnLetters(ENTRY_FIRST_UNIT_COL)}${ENTRY_FIRST_ROW}`;
  const range = `${first}:${lastLetter}${lastRow}`;
  const scoreCol = `MOD(COLUMN(${first})-${ENTRY_FIRST_UNIT_COL},${COLS_PER_UNIT})<2`;
  const selfCol = `MOD(COLUMN(${first})-${ENTRY_FIRST_UNIT_COL},${COLS_PER_UNIT})=0`;
  const appraisedCol = `MOD(COLUMN(${first})-${ENTRY_FIRST_UNIT_COL},${COLS_PER_UNIT})=1`;
  // Relative references from the first unit cell: one column to the left, two to the right.
  const left = `${columnLetters(ENTRY_FIRST_UNIT_COL - 1)}${ENTRY_FIRST_ROW}`;
  const c = `$C${ENTRY_FIRST_ROW}`;
  const evidence = `${columnLetters(ENTRY_FIRST_UNIT_COL + 2)}${ENTRY_FIRST_ROW}`;
  const error = { fill: ERROR_FILL, fontColor: ERROR_FONT };
  const warn = { fill: WARN_FILL, fontColor: WARN_FONT };
  return [
    // Above the max (not for rows without a max).
    {
      range,
      when: {
        kind: "formula",
        formula: `=AND(${scoreCol},ISNUMBER(${first}),ISNUMBER(${c}),${first}>${c})`,
      },
      style: error,
    },
    {
      range,
      when: { kind: "formula", formula: `=AND(${scoreCol},ISNUMBER(${first}),${first}<0)` },
      style: error,
    },
    // A number typed as text ("8,5") or any other text in a score cell.
    {
      range,
      when: { kind: "formula", formula: `=AND(${scoreCol},ISTEXT(${first}))` },
      style: warn,
    },
    // Appraised above the unit's own score (the self column is one to the left).
    {
      range,
      when: {
        kind: "formula",
        formula: `=AND(${appraisedCol},ISNUMBER(${first}),ISNUMBER(${left}),${first}>${left})`,
      },
      style: warn,
    },
    // Evidence given but no self-assessment score.
    {
      range,
      when: { kind: "formula", formula: `=AND(${selfCol},ISBLANK(${first}),LEN(${evidence})>0)` },
      style: warn,
    },
  ];
}
