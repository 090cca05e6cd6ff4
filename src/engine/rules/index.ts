/**
 * The province's rules in the workbook: the rules sheet ("Quy tắc") as a declared layout with a
 * writer and an exact reader, its validation, the presets, and `rulesInForce`, the one answer to
 * "which rules apply to this workbook": the rules sheet when there is one, else the profile chosen.
 */
import { quoteSheet } from "../address";
import { paramsOf, type Grid, type Issue, type RuleProfile } from "../model/types";
import type { BandRefs } from "../sheets/formulas";
import { bandScheme, checkBandRules, checkRules, rulesProfile } from "./check";
import { BLOCK_TITLES, LOWER_CHOICES, RULES_SHEET, UPPER_CHOICES } from "./layout";
import type { CellValue, GradeScheme } from "../model/types";
import { findPreset } from "./presets";
import { readRulesGrid } from "./read";
import type { RulesDoc } from "./types";

export * from "./types";
export { parseBandWording, bandWording } from "./wording";
export { RULES_SHEET, RULES_ROLE, TO_FILL, isToFill } from "./layout";
export { rulesSheetSpec } from "./write";
export { readRulesGrid } from "./read";
export { checkRules, rulesProfile } from "./check";
export { listPresets, findPreset, presetIds } from "./presets";

/** The rules read from a rules sheet: the doc, its issues, and the profile when nothing is in error. */
export interface RulesOutcome {
  readonly sheet: string;
  readonly doc: RulesDoc;
  /** null while any rules issue is an error (e.g. a figure still "điền theo quyết định"). */
  readonly profile: RuleProfile | null;
  readonly issues: readonly Issue[];
  /** Where each figure sits ("bands[0].lower" → "C30"; "bands" → the band rows' range). */
  readonly cells: ReadonlyMap<string, string>;
  /** True when the sheet's rules differ from the preset it was written from. */
  readonly changed: boolean;
}

/** Same rules, whatever the preset bookkeeping says. */
function sameRules(a: RulesDoc, b: RulesDoc): boolean {
  return JSON.stringify({ ...a, presetId: null }) === JSON.stringify({ ...b, presetId: null });
}

/** Reads and checks a rules sheet; null when the grid is not a rules sheet at all (issues say why). */
export function rulesFromGrid(grid: Grid): RulesOutcome | { readonly issues: readonly Issue[] } {
  const read = readRulesGrid(grid);
  if (!read.ok) return { issues: read.issues };
  const { doc, cells } = read.value;
  const issues: Issue[] = [
    ...read.value.issues,
    ...checkRules(doc, {
      sheet: grid.sheet,
      cells,
      reported: read.value.reported,
      blanks: read.value.blanks,
    }),
  ];
  const preset = doc.presetId === null ? undefined : findPreset(doc.presetId);
  const changed = preset !== undefined && !sameRules(preset, doc);
  if (changed)
    issues.push({
      code: "rules_changed",
      severity: "info",
      cell: { sheet: grid.sheet, cell: cells.get("changed") ?? "A1" },
      params: { preset: preset.id },
    });
  const ok = !issues.some((i) => i.severity === "error");
  return {
    sheet: grid.sheet,
    doc,
    profile: ok ? withRuleCells(rulesProfile(doc), grid.sheet, cells) : null,
    issues,
    cells,
    changed,
  };
}

/** Block 9's rows carry their cell, so the issues evaluation raises about them point at it. */
function withRuleCells(
  profile: RuleProfile,
  sheet: string,
  cells: ReadonlyMap<string, string>
): RuleProfile {
  if (profile.limitedIndices === undefined) return profile;
  return {
    ...profile,
    limitedIndices: profile.limitedIndices.map((l, i) => {
      const cell = cells.get(`limitedIndices[${i}].code`);
      return cell === undefined ? l : { ...l, cell: { sheet, cell } };
    }),
  };
}

/** The rules sheet among the grids read ("Quy tắc", any case), if any. */
export function findRulesGrid(grids: readonly Grid[]): Grid | undefined {
  const want = RULES_SHEET.normalize("NFC").toLowerCase();
  return grids.find((g) => g.sheet.normalize("NFC").toLowerCase() === want);
}

/** The rules in force and where they came from. */
export type RulesInForce =
  | {
      readonly from: "rules-sheet";
      readonly sheet: string;
      /** null when the sheet is not readable as a rules sheet (issues say why). */
      readonly rules: RulesOutcome | null;
      /** null: the sheet has errors; nothing may be graded until they are fixed. */
      readonly profile: RuleProfile | null;
      readonly issues: readonly Issue[];
    }
  | {
      readonly from: "profile";
      readonly profile: RuleProfile;
      readonly issues: readonly Issue[];
    };

/**
 * The one place that decides which rules apply: the workbook's rules sheet when it has one (even
 * with errors: then no profile, and grading refuses), else `fallback` (the --set / stored profile).
 */
export function rulesInForce(grids: readonly Grid[], fallback: RuleProfile): RulesInForce {
  const grid = findRulesGrid(grids);
  if (grid === undefined) return { from: "profile", profile: fallback, issues: [] };
  const out = rulesFromGrid(grid);
  if (!("doc" in out))
    return {
      from: "rules-sheet",
      sheet: grid.sheet,
      rules: null,
      profile: null,
      issues: out.issues,
    };
  return {
    from: "rules-sheet",
    sheet: grid.sheet,
    rules: out,
    profile: out.profile,
    issues: out.issues,
  };
}

/**
 * The rules sheet's band-bound cells as absolute references, parallel to the profile's bands, for
 * the ranked sheets' native grade formulas. A bound read from the wording column (text) is not a
 * number cell and stays a literal.
 */
export function bandRefsOf(rules: RulesOutcome): BandRefs {
  const sheet = quoteSheet(rules.sheet);
  const refOf = (path: string, col: string): string | undefined => {
    const cell = rules.cells.get(path);
    const m = cell === undefined ? null : /^([A-Z]+)(\d+)$/.exec(cell);
    return m !== null && m[1] === col ? `${sheet}!$${m[1]}$${m[2]}` : undefined;
  };
  const bands = rules.doc.bands.map((_, i) => {
    const lower = refOf(`bands[${i}].lower`, "C");
    const upper = refOf(`bands[${i}].upper`, "E");
    return { ...(lower !== undefined ? { lower } : {}), ...(upper !== undefined ? { upper } : {}) };
  });
  // The whole block (kinds, spare rows) when every bound sits in its number cell: a bound read from
  // the decision's words (column H) is text the formula cannot read, so those keep literals.
  const allInCells = rules.doc.bands.every(
    (b, i) =>
      (b.lower === null || bands[i]?.lower !== undefined) &&
      (b.upper === null || bands[i]?.upper !== undefined)
  );
  const m = /^A(\d+):H(\d+)$/.exec(rules.cells.get("bandsBlock") ?? "");
  if (!allInCells || m === null) return { bands };
  const col = (c: string) => `${sheet}!$${c}$${m[1]}:$${c}$${m[2]}`;
  const texts = <T>(choices: readonly { value: T; texts: readonly string[] }[], want: T) =>
    choices.filter((c) => c.value === want).flatMap((c) => c.texts);
  return {
    bands,
    block: {
      labels: col("A"),
      lower: col("C"),
      lowerKind: col("D"),
      upper: col("E"),
      upperKind: col("F"),
      lowerExclusive: texts(LOWER_CHOICES, false),
      upperInclusive: texts(UPPER_CHOICES, true),
    },
  };
}

/** What DTI.GRADE gets from band rows laid out as in the rules sheet. */
type BandRowsResult =
  | { readonly ok: true; readonly scheme: GradeScheme }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * True when a range looks like the rules sheet's band rows (label, English, lower, lower kind,
 * upper, upper kind, basis[, wording]): at least 7 columns, a text label first.
 */
export function isBandRows(rows: readonly (readonly CellValue[])[]): boolean {
  const first = rows.find((r) => r.some((v) => v !== null && v !== ""));
  return first !== undefined && first.length >= 7 && typeof first[0] === "string";
}

/**
 * The grade scheme of band rows as laid out in the rules sheet (`=DTI.GRADE(points, max, 'Quy
 * tắc'!A31:H34)`), read and checked exactly as the rules sheet's reader does; row numbers in the
 * issues count from the range's first row.
 */
export function schemeFromBandRows(rows: readonly (readonly CellValue[])[]): BandRowsResult {
  const sheet = "DTI.GRADE";
  const grid: Grid = {
    sheet,
    originRow: 0,
    originCol: 1,
    values: [[BLOCK_TITLES.bands], ...rows],
  };
  const read = readRulesGrid(grid);
  if (!read.ok) return { ok: false, issues: read.issues };
  const { doc, cells, reported, blanks } = read.value;
  const own = (i: Issue) =>
    paramsOf(i)["what"] !== undefined && String(paramsOf(i)["whatEn"] ?? "").includes("grade band");
  const issues = [
    ...read.value.issues.filter(
      (i) =>
        i.code !== "rules_block_missing" &&
        (own(i) || i.code.startsWith("rules_band") || i.code.startsWith("rules_wording"))
    ),
    ...checkBandRules(doc, { sheet, cells, reported, blanks }),
  ];
  if (doc.bands.length === 0) return { ok: false, issues };
  if (issues.some((i) => i.severity === "error")) return { ok: false, issues };
  const scheme = bandScheme(doc);
  return scheme === null ? { ok: false, issues } : { ok: true, scheme };
}
