/**
 * Over 400 lines: the reader of every block of the rules sheet, each field with its cell and its
 * problems.
 *
 * The rules sheet's exact reader: a Grid of "Quy tắc" → RulesDoc, where each figure was read from,
 * and the problems of single cells (a text where a number belongs, a choice not in the list).
 * Problems between figures (overlapping bands, a duplicate label) are checkRules' job.
 */
import { a1 } from "../address";
import {
  issueOf,
  type CellValue,
  type Grid,
  type Issue,
  type ParamsOf,
  type ParamsOptional,
  type SpecialRules,
} from "../model/types";
import type { RulesIssueCode } from "../messages/rules.vi";
import { parseVnNumber } from "../numbers/vn-number";
import { foldLoose } from "../text/normalize";
import {
  BAND_COLUMNS,
  BASIS_CHOICES,
  GROUP_COLUMNS,
  KEY_ROWS,
  LIMITED_COLUMNS,
  LOWER_CHOICES,
  MAIN_COLUMNS,
  PROPORTIONAL_CHOICES,
  UNIT_MAP_COLUMNS,
  UNRANKED_COLUMNS,
  PUBLISH_CHOICES,
  STAGE_CHOICES,
  TIE_CHOICES,
  UPPER_CHOICES,
  YES_NO,
  blockOf,
  choose,
  isToFill,
  keyRowOf,
  type BlockId,
  type Choice,
  type TableColumn,
} from "./layout";
import type {
  RulesBand,
  RulesBound,
  RulesDoc,
  RulesGroup,
  RulesLimitedIndex,
  RulesMainIndex,
} from "./types";
import { parseBandWording } from "./wording";

interface RulesRead {
  readonly doc: RulesDoc;
  /** Where each figure was read from: "scale" → "B19", "bands[1].lower" → "C33", "bands" → "A31:H34". */
  readonly cells: ReadonlyMap<string, string>;
  /** Paths already reported by the reader (a bad cell), so checks do not report them again. */
  readonly reported: ReadonlySet<string>;
  /** Paths whose cell was blank (rather than marked "điền theo quyết định"). */
  readonly blanks: ReadonlySet<string>;
  readonly issues: readonly Issue[];
  /** What the sheet's "changed from the preset" cell says (the add-in recomputes it). */
  readonly changedCell: boolean | null;
}

/** The sheet is not a rules sheet the reader knows (no block title found). */
type RulesReadResult =
  | { readonly ok: true; readonly value: RulesRead }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** The Vietnamese and English names of a figure, for messages. */
export function whatOf(path: string): { what: string; whatEn: string } {
  const key = KEY_ROWS.find((k) => k.key === path);
  if (key !== undefined) return { what: key.label, whatEn: key.labelEn };
  const m =
    /^(groups|bands|mainIndices|unrankedUnits|unitMap|limitedIndices)\[(\d+)\](?:\.(\w+))?$/.exec(
      path
    );
  if (m === null) return { what: path, whatEn: path };
  const n = Number(m[2]) + 1;
  const cols: Record<string, readonly TableColumn[]> = {
    groups: GROUP_COLUMNS,
    bands: BAND_COLUMNS,
    mainIndices: MAIN_COLUMNS,
    unitMap: UNIT_MAP_COLUMNS,
    limitedIndices: LIMITED_COLUMNS,
  };
  const col = (cols[m[1] ?? ""] ?? []).find((c) => c.key === m[3]);
  const [vi, en] = (col?.header ?? "").split(" / ");
  const table: Record<string, [string, string]> = {
    groups: ["nhóm", "group"],
    bands: ["mức xếp loại", "grade band"],
    mainIndices: ["chỉ số chính", "main index"],
    unrankedUnits: ["đơn vị không xếp hạng", "unit not ranked"],
    unitMap: ["dòng đổi tên, sáp nhập", "rename / merger row"],
    limitedIndices: ["chỉ số chỉ áp dụng cho một số đơn vị", "index applying to some units only"],
  };
  const [tv, te] = table[m[1] ?? ""] ?? ["", ""];
  return {
    what: `${vi ?? ""}${vi ? ", " : ""}${tv} thứ ${n}`,
    whatEn: `${en ?? ""}${en ? ", " : ""}${te} ${n}`,
  };
}

/** Excel's date serial (days since 1899-12-30) → dd/mm/yyyy. */
function serialToDate(n: number): string {
  const ms = Math.round((n - 25569) * 86400000);
  const d = new Date(ms);
  const p = (x: number) => String(x).padStart(2, "0");
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

class Reader {
  readonly issues: Issue[] = [];
  readonly cells = new Map<string, string>();
  readonly reported = new Set<string>();
  readonly blanks = new Set<string>();
  constructor(readonly sheet: string) {}

  issue<C extends RulesIssueCode>(
    code: C,
    path: string,
    cell: string,
    ...[params]: ParamsOptional<C> extends true ? [params?: ParamsOf<C>] : [params: ParamsOf<C>]
  ): void {
    this.reported.add(path);
    this.issues.push(
      issueOf<C>({
        code,
        severity: "error",
        cell: { sheet: this.sheet, cell },
        params: { ...whatOf(path), ...params } as ParamsOf<C>,
      })
    );
  }

  isBlank(v: CellValue | undefined): boolean {
    return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
  }

  textOf(v: CellValue | undefined): string {
    if (v === null || v === undefined) return "";
    if (typeof v === "object") return v.error;
    return String(v).trim();
  }

  /** A number, null when marked to fill or blank (`blank` tells which), or null after an issue. */
  number(
    v: CellValue | undefined,
    path: string,
    cell: string
  ): { n: number | null; blank: boolean } {
    this.cells.set(path, cell);
    if (this.isBlank(v)) return { n: null, blank: true };
    if (isToFill(v)) return { n: null, blank: false };
    if (typeof v === "number" && Number.isFinite(v)) return { n: v, blank: false };
    if (typeof v === "string") {
      const p = parseVnNumber(v.replace(/%\s*$/, ""));
      if (p.kind === "number") return { n: p.value, blank: false };
    }
    this.issue("rules_not_a_number", path, cell, { text: this.textOf(v) });
    return { n: null, blank: false };
  }

  choice<T>(
    choices: readonly Choice<T>[],
    v: CellValue | undefined,
    path: string,
    cell: string,
    fallback: T
  ): T {
    this.cells.set(path, cell);
    const t = this.textOf(v);
    if (t === "") {
      this.issue("rules_cell_empty", path, cell);
      return fallback;
    }
    const c = choose(choices, t);
    if (c === undefined) {
      this.issue("rules_bad_choice", path, cell, {
        text: t,
        choices: choices.map((x) => x.texts[0] ?? "").join(" | "),
      });
      return fallback;
    }
    return c.value;
  }
}

interface TableRow {
  readonly row: number;
  readonly cells: readonly (CellValue | undefined)[];
}

/** Reads the rules sheet. Fails only when no block of the layout is found. */
export function readRulesGrid(grid: Grid): RulesReadResult {
  const r = new Reader(grid.sheet);
  const at = (row: number, col: number): CellValue | undefined =>
    grid.values[row - grid.originRow]?.[col - grid.originCol];
  const lastRow = grid.originRow + grid.values.length - 1;
  const keyCells = new Map<string, { v: CellValue | undefined; cell: string }>();
  const tables: Record<
    "groups" | "bands" | "mains" | "unranked" | "unitMap" | "limited",
    TableRow[]
  > = {
    groups: [],
    bands: [],
    mains: [],
    unranked: [],
    unitMap: [],
    limited: [],
  };
  const seenBlocks = new Set<BlockId>();
  let block: BlockId | undefined;
  // The band block's rows (below its header, up to the next block's title): spare rows included.
  let bandsStart: number | null = null;
  let bandsEnd: number | null = null;
  for (let row = grid.originRow; row <= lastRow; row++) {
    const aText = r.textOf(at(row, 1));
    const opened = aText === "" ? undefined : blockOf(aText);
    if (opened !== undefined) {
      if (block === "bands" && bandsEnd === null) bandsEnd = row - 1;
      if (opened === "bands" && bandsStart === null) bandsStart = row + 1;
      block = opened;
      seenBlocks.add(opened);
      continue;
    }
    if (block === undefined) continue;
    if (block === "source" || block === "scale" || block === "special") {
      if (aText === "") continue;
      const k = keyRowOf(aText);
      if (k === undefined) {
        r.issues.push({
          code: "rules_unknown_row",
          severity: "warning",
          cell: { sheet: grid.sheet, cell: a1(row, 1) },
          params: { text: aText },
        });
        continue;
      }
      keyCells.set(k.key, { v: at(row, 2), cell: a1(row, 2) });
      continue;
    }
    const columns = {
      groups: GROUP_COLUMNS,
      bands: BAND_COLUMNS,
      mains: MAIN_COLUMNS,
      unranked: [0],
      unitMap: UNIT_MAP_COLUMNS,
      limited: LIMITED_COLUMNS,
    }[block];
    const width = columns.length;
    const cells = Array.from({ length: width }, (_, i) => at(row, i + 1));
    if (cells.every((c) => r.isBlank(c))) continue;
    const header =
      block === "unranked" ? UNRANKED_COLUMNS[0]!.header : (columns[0] as TableColumn).header;
    if (foldLoose(aText) === foldLoose(header)) {
      if (block === "bands") bandsStart = row + 1;
      continue;
    }
    tables[block].push({ row, cells });
  }
  if (seenBlocks.size === 0)
    return {
      ok: false,
      issues: [
        {
          code: "rules_sheet_unreadable",
          severity: "error",
          cell: { sheet: grid.sheet, cell: "A1" },
          params: { sheet: grid.sheet },
        },
      ],
    };
  for (const id of ["source", "scale", "special", "groups", "bands"] as const)
    if (!seenBlocks.has(id))
      r.issues.push({
        code: "rules_block_missing",
        severity: "error",
        cell: { sheet: grid.sheet, cell: "A1" },
        params: { block: id },
      });

  // Key rows --------------------------------------------------------------------------------
  const missingCell = "A1";
  const key = (k: string) => keyCells.get(k) ?? { v: undefined, cell: missingCell };
  const str = (k: string): string | null => {
    const { v, cell } = key(k);
    r.cells.set(k, cell);
    if (isToFill(v)) return null;
    if (k === "source.date" && typeof v === "number") return serialToDate(v);
    return r.textOf(v);
  };
  const requiredText = (k: string): string | null => {
    const s = str(k);
    if (s === "") {
      r.issue("rules_cell_empty", k, key(k).cell);
      return null;
    }
    return s;
  };
  const numberKey = (k: string): number | null => {
    const { v, cell } = key(k);
    const res = r.number(v, k, cell);
    if (res.blank) r.issue("rules_cell_empty", k, cell);
    return res.n;
  };
  const choiceKey = <T>(k: string, choices: readonly Choice<T>[], fallback: T): T => {
    const { v, cell } = key(k);
    return r.choice(choices, v, k, cell, fallback);
  };
  const id = requiredText("id") ?? "";
  const name = requiredText("name") ?? "";
  const changedText = str("changed") ?? "";
  const changedChoice = changedText === "" ? undefined : choose(YES_NO, changedText);
  const proportional = choiceKey("special.proportional", PROPORTIONAL_CHOICES, "none");
  // Caps on a unit's bonus and penalty points: optional rows (blank or absent: no cap of the rules).
  const capKey = (k: string): number | undefined => {
    const { v, cell } = key(k);
    const res = r.number(v, k, cell);
    if (res.n === null && !res.blank && !r.reported.has(k)) r.issue("rules_cell_to_fill", k, cell);
    return res.n ?? undefined;
  };
  const bonusCap = capKey("special.bonusCap");
  const penaltyCap = capKey("special.penaltyCap");
  const special: SpecialRules = {
    peerMaxForNoSubordinates: choiceKey("special.peerMax", YES_NO, false),
    proportionalDvctt: proportional === "none" ? null : { scope: proportional },
    notApplicableToMax: choiceKey("special.notApplicable", YES_NO, false),
    ...(bonusCap !== undefined ? { bonusCap } : {}),
    ...(penaltyCap !== undefined ? { penaltyCap } : {}),
  };
  const presetText = str("presetId") ?? "";

  // Tables ----------------------------------------------------------------------------------
  const prefixes = { groups: "groups", bands: "bands", mains: "mainIndices" } as const;
  for (const id of ["groups", "bands", "mains"] as const) {
    const columns = { groups: GROUP_COLUMNS, bands: BAND_COLUMNS, mains: MAIN_COLUMNS }[id];
    tables[id].forEach((t, i) =>
      columns.forEach((col, j) => r.cells.set(`${prefixes[id]}[${i}].${col.key}`, a1(t.row, j + 1)))
    );
  }
  const groups: RulesGroup[] = tables.groups.map((t, i) => {
    const p = (k: string) => `groups[${i}].${k}`;
    const c = (col: number) => a1(t.row, col);
    const max = r.number(t.cells[3], p("maxPoints"), c(4));
    const idText = r.textOf(t.cells[0]);
    const nameText = r.textOf(t.cells[1]);
    r.cells.set(p("id"), c(1));
    r.cells.set(p("name"), c(2));
    if (nameText === "") r.issue("rules_cell_empty", p("name"), c(2));
    const maxFromSet = r.isBlank(t.cells[4])
      ? false
      : r.choice(YES_NO, t.cells[4], p("maxFromSet"), c(5), false);
    const ranked = r.isBlank(t.cells[5])
      ? true
      : r.choice(YES_NO, t.cells[5], p("ranked"), c(6), true);
    r.cells.set(p("aliases"), c(7));
    return {
      id: idText === "" ? foldLoose(nameText).replace(/ /g, "-") || `group-${i + 1}` : idText,
      name: nameText,
      nameEn: r.textOf(t.cells[2]),
      // A blank max with "max from the form" is fine; a blank max otherwise is checkRules' business.
      maxPoints: max.n,
      maxFromSet,
      aliases: r
        .textOf(t.cells[6])
        .split(/[;\n]/)
        .map((s) => s.trim())
        .filter((s) => s !== ""),
      ranked,
    };
  });
  // Blank maxima are told apart from marked ones for checkRules.
  tables.groups.forEach((t, i) => {
    if (r.isBlank(t.cells[3])) r.blanks.add(`groups[${i}].maxPoints`);
  });

  const bands: RulesBand[] = tables.bands.map((t, i) => readBand(r, t, i));
  const mainIndices: RulesMainIndex[] = tables.mains.map((t, i) => {
    const p = (k: string) => `mainIndices[${i}].${k}`;
    const c = (col: number) => a1(t.row, col);
    r.cells.set(p("code"), c(1));
    r.cells.set(p("name"), c(2));
    const code = r.textOf(t.cells[0]);
    if (code === "") r.issue("rules_cell_empty", p("code"), c(1));
    const max = r.number(t.cells[2], p("maxPoints"), c(3));
    if (max.blank) r.issue("rules_cell_empty", p("maxPoints"), c(3));
    return {
      code,
      name: r.textOf(t.cells[1]),
      maxPoints: max.n,
      scored: r.isBlank(t.cells[3]) ? true : r.choice(YES_NO, t.cells[3], p("scored"), c(4), true),
    };
  });
  const unrankedUnits = tables.unranked.map((t, i) => {
    r.cells.set(`unrankedUnits[${i}]`, a1(t.row, 1));
    return r.textOf(t.cells[0]);
  });
  const unitMap = tables.unitMap.map((t, i) => {
    r.cells.set(`unitMap[${i}].from`, a1(t.row, 1));
    r.cells.set(`unitMap[${i}].to`, a1(t.row, 2));
    const from = r.textOf(t.cells[0]);
    const to = r.textOf(t.cells[1]);
    if (from === "") r.issue("rules_cell_empty", `unitMap[${i}].from`, a1(t.row, 1));
    if (to === "") r.issue("rules_cell_empty", `unitMap[${i}].to`, a1(t.row, 2));
    return { from, to };
  });
  const limitedIndices = tables.limited.map((t, i): RulesLimitedIndex => {
    const p = (k: string) => `limitedIndices[${i}].${k}`;
    r.cells.set(p("code"), a1(t.row, 1));
    r.cells.set(p("name"), a1(t.row, 2));
    r.cells.set(p("units"), a1(t.row, 3));
    const code = r.textOf(t.cells[0]);
    const units = r.textOf(t.cells[2]);
    if (code === "") r.issue("rules_cell_empty", p("code"), a1(t.row, 1));
    if (units === "") r.issue("rules_cell_empty", p("units"), a1(t.row, 3));
    return {
      code: isToFill(t.cells[0]) ? null : code,
      name: r.textOf(t.cells[1]),
      units: isToFill(t.cells[2])
        ? null
        : units
            .split(/[;\n]/)
            .map((x) => x.trim())
            .filter((x) => x !== ""),
    };
  });
  if (tables.bands.length > 0) {
    const first = tables.bands[0]!.row;
    const last = tables.bands[tables.bands.length - 1]!.row;
    r.cells.set("bands", `A${first}:H${last}`);
    const start = Math.min(bandsStart ?? first, first);
    r.cells.set("bandsBlock", `A${start}:H${Math.max(bandsEnd ?? lastRow, last)}`);
  }

  const doc: RulesDoc = {
    id,
    name,
    nameEn: str("nameEn") ?? "",
    presetId: presetText === "" ? null : presetText,
    source: {
      decision: requiredText("source.decision"),
      date: (() => {
        const d = str("source.date");
        return d === "" ? null : d;
      })(),
      issuer: requiredText("source.issuer"),
      year: numberKey("source.year"),
      note: str("source.note") ?? "",
    },
    scale: numberKey("scale"),
    tiePolicy: choiceKey("tiePolicy", TIE_CHOICES, "competition"),
    rounding: {
      stage: choiceKey("rounding.stage", STAGE_CHOICES, "display"),
      decimals: numberKey("rounding.decimals") ?? 2,
    },
    publishAs: choiceKey("publishAs", PUBLISH_CHOICES, "points"),
    groups,
    bands,
    special,
    mainIndices,
    unrankedUnits,
    unitMap,
    limitedIndices,
  };
  return {
    ok: true,
    value: {
      doc,
      cells: r.cells,
      reported: r.reported,
      blanks: r.blanks,
      issues: r.issues,
      changedCell: changedChoice === undefined ? null : changedChoice.value,
    },
  };
}

function readBand(r: Reader, t: TableRow, i: number): RulesBand {
  const p = (k: string) => `bands[${i}].${k}`;
  const c = (col: number) => a1(t.row, col);
  r.cells.set(p("label"), c(1));
  r.cells.set(p("wording"), c(8));
  const labelCell = t.cells[0];
  const label = isToFill(labelCell) ? null : r.textOf(labelCell);
  if (label === "") r.issue("rules_cell_empty", p("label"), c(1));
  const lo = r.number(t.cells[2], p("lower"), c(3));
  const up = r.number(t.cells[4], p("upper"), c(5));
  const kindOf = (col: number, choices: readonly Choice<boolean>[], key: string, dflt: boolean) =>
    r.isBlank(t.cells[col]) ? dflt : r.choice(choices, t.cells[col], p(key), c(col + 1), dflt);
  const basisBlank = r.isBlank(t.cells[6]);
  let basis: RulesBand["basis"] = basisBlank
    ? "percent"
    : r.choice(BASIS_CHOICES, t.cells[6], p("basis"), c(7), "percent");
  let lower: RulesBound | null = lo.blank
    ? null
    : { value: lo.n, inclusive: kindOf(3, LOWER_CHOICES, "lowerKind", true) };
  let upper: RulesBound | null = up.blank
    ? null
    : { value: up.n, inclusive: kindOf(5, UPPER_CHOICES, "upperKind", false) };
  const wordingText = r.textOf(t.cells[7]);
  if (wordingText !== "") {
    const w = parseBandWording(wordingText);
    const boundsEmpty = lo.blank && up.blank;
    if (w === null) {
      if (boundsEmpty)
        r.issue("rules_wording_unreadable", p("wording"), c(8), { text: wordingText });
    } else if (boundsEmpty) {
      // The decision's words typed in, bounds left empty: the words give the bounds.
      lower = w.lower ? { value: w.lower.value, inclusive: w.lower.inclusive } : null;
      upper = w.upper ? { value: w.upper.value, inclusive: w.upper.inclusive } : null;
      if (basisBlank && w.unit !== null) basis = w.unit;
      r.cells.set(p("lower"), c(8));
      r.cells.set(p("upper"), c(8));
    } else {
      const same = (a: RulesBound | null, b: { value: number; inclusive: boolean } | undefined) =>
        a === null
          ? b === undefined
          : b !== undefined &&
            (a.value === null || (a.value === b.value && a.inclusive === b.inclusive));
      // "%" in the words fits both % bases (of the unit's own or of the group's maximum).
      const unitBasis = basis === "group-percent" ? "percent" : basis;
      if (
        !same(lower, w.lower) ||
        !same(upper, w.upper) ||
        (w.unit !== null && w.unit !== unitBasis)
      )
        r.issues.push({
          code: "rules_wording_mismatch",
          severity: "warning",
          cell: { sheet: r.sheet, cell: c(8) },
          params: { ...whatOf(p("wording")), text: wordingText, label: label ?? "" },
        });
    }
  }
  return { label, labelEn: r.textOf(t.cells[1]), lower, upper, basis };
}
