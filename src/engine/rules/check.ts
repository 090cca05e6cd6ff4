/**
 * Rules validation: every problem of a RulesDoc as an issue on its cell (vi/en texts in the
 * catalogues), and the RuleProfile it stands for when nothing is in error. A figure still marked
 * "điền theo quyết định" is an error: nothing is graded on a guess.
 */
import {
  issueOf,
  type GradeBand,
  type GradeScheme,
  type Issue,
  type ParamsOf,
  type ParamsOptional,
  type RuleProfile,
  type Severity,
} from "../model/types";
import type { RulesIssueCode } from "../messages/rules.vi";
import { foldName } from "../text/normalize";
import { whatOf } from "./read";
import type { RulesBand, RulesDoc } from "./types";

/** Where a doc's figures sit (from the writer's layout or the reader). */
interface RulesWhere {
  readonly sheet: string;
  readonly cells: ReadonlyMap<string, string>;
  readonly reported?: ReadonlySet<string>;
  readonly blanks?: ReadonlySet<string>;
}

class Checks {
  readonly issues: Issue[] = [];
  constructor(readonly where: RulesWhere) {}
  add<C extends RulesIssueCode>(
    code: C,
    path: string,
    ...[params, severity = "error"]: ParamsOptional<C> extends true
      ? [params?: ParamsOf<C>, severity?: Severity]
      : [params: ParamsOf<C>, severity?: Severity]
  ): void {
    const cell =
      this.where.cells.get(path) ?? this.where.cells.get(path.replace(/\.\w+$/, ".label"));
    this.issues.push(
      issueOf<C>({
        code,
        severity,
        ...(cell !== undefined
          ? { cell: { sheet: this.where.sheet, cell: cell.split(":")[0] ?? cell } }
          : {}),
        params: { ...whatOf(path), ...params } as ParamsOf<C>,
      })
    );
  }
  /** A figure still unknown: to fill (marked) or empty (blank), unless the reader reported it. */
  unknown(path: string): void {
    if (this.where.reported?.has(path)) return;
    this.add(this.where.blanks?.has(path) ? "rules_cell_empty" : "rules_cell_to_fill", path);
  }
}

/** Bounds of a band as numbers; undefined when a bound is unknown. */
function known(b: RulesBand): GradeBand | undefined {
  if (b.lower?.value === null || b.upper?.value === null || b.label === null) return undefined;
  return {
    label: b.label,
    labelEn: b.labelEn === "" ? b.label : b.labelEn,
    ...(b.lower !== null ? { lower: { value: b.lower.value, inclusive: b.lower.inclusive } } : {}),
    ...(b.upper !== null ? { upper: { value: b.upper.value, inclusive: b.upper.inclusive } } : {}),
  };
}

/**
 * Grade bands a rules sheet may have. Decisions have 4 to 6; with 40 even the grade formula with
 * literal bounds (the reconciliation sheet's) stays within Excel's 64 nested levels
 * (sheets/formulas.ts fitting), so no ranking stops on a FormulaLimitError.
 */
const MAX_BANDS = 40;

function checkBands(c: Checks, doc: RulesDoc): void {
  if (doc.bands.length > MAX_BANDS)
    c.add("rules_too_many_bands", `bands[${MAX_BANDS}].label`, {
      count: doc.bands.length,
      limit: MAX_BANDS,
    });
  const labels = new Map<string, number>();
  doc.bands.forEach((b, i) => {
    const p = `bands[${i}]`;
    if (b.label === null) c.unknown(`${p}.label`);
    else {
      const f = foldName(b.label);
      const first = labels.get(f);
      if (first !== undefined)
        c.add("rules_duplicate_band", `${p}.label`, { label: b.label, first: first + 1 });
      else labels.set(f, i);
    }
    if (b.lower?.value === null) c.unknown(`${p}.lower`);
    if (b.upper?.value === null) c.unknown(`${p}.upper`);
    if (b.lower === null && b.upper === null && doc.bands.length > 1)
      c.add("rules_band_unbounded", `${p}.lower`, { label: b.label ?? "" });
    for (const side of ["lower", "upper"] as const) {
      const v = b[side]?.value;
      if (v === null || v === undefined) continue;
      if (b.basis !== "points" && v > 100)
        c.add("rules_band_percent_range", `${p}.${side}`, { value: v });
      if (b.basis === "points" && doc.scale !== null && v > doc.scale)
        c.add("rules_band_above_scale", `${p}.${side}`, { value: v, scale: doc.scale }, "warning");
    }
    const lo = b.lower?.value;
    const up = b.upper?.value;
    if (typeof lo === "number" && typeof up === "number") {
      if (lo > up || (lo === up && !(b.lower?.inclusive === true && b.upper?.inclusive === true)))
        c.add("rules_band_reversed", `${p}.lower`, { label: b.label ?? "", lower: lo, upper: up });
    }
  });
  const basis = doc.bands[0]?.basis;
  doc.bands.forEach((b, i) => {
    if (b.basis !== basis)
      c.add("rules_mixed_basis", `bands[${i}].basis`, { label: b.label ?? "" });
  });
  // Order, overlaps and gaps between neighbours (highest first), on bands whose bounds are known.
  for (let i = 1; i < doc.bands.length; i++) {
    const hiB = doc.bands[i - 1]!;
    const loB = doc.bands[i]!;
    const hi = known(hiB);
    const lo = known(loB);
    if (hi === undefined || lo === undefined) continue;
    const p = `bands[${i}]`;
    if (hi.lower === undefined) {
      c.add("rules_band_open_not_last", `bands[${i - 1}].lower`, { label: hi.label });
      continue;
    }
    if (lo.upper === undefined) {
      c.add("rules_band_open_not_first", `${p}.upper`, { label: lo.label });
      continue;
    }
    const hiLow = hi.lower;
    const loUp = lo.upper;
    const loLow = lo.lower;
    if (loLow !== undefined && loLow.value > hiLow.value) {
      c.add("rules_bands_unordered", `${p}.label`, { label: lo.label, above: hi.label });
      continue;
    }
    if (
      loUp.value > hiLow.value ||
      (loUp.value === hiLow.value && loUp.inclusive && hiLow.inclusive)
    )
      c.add("rules_bands_overlap", `${p}.upper`, { label: lo.label, above: hi.label });
    else if (loUp.value < hiLow.value || (!loUp.inclusive && !hiLow.inclusive))
      c.add(
        "rules_bands_gap",
        `${p}.upper`,
        { label: lo.label, above: hi.label, from: loUp.value, to: hiLow.value },
        "warning"
      );
  }
}

/** The problems of a doc's bands only (DTI.GRADE over the rules sheet's band rows). */
export function checkBandRules(doc: RulesDoc, where: RulesWhere): Issue[] {
  const c = new Checks(where);
  checkBands(c, doc);
  return c.issues;
}

/** The grade scheme of a doc's bands; call only when they have no error. */
export function bandScheme(doc: RulesDoc): GradeScheme | null {
  return schemeOf(doc);
}

/** Every problem of a RulesDoc, each on its cell. */
export function checkRules(doc: RulesDoc, where: RulesWhere): Issue[] {
  const c = new Checks(where);
  if (doc.source.decision === null) c.unknown("source.decision");
  if (doc.source.issuer === null) c.unknown("source.issuer");
  if (doc.source.year === null) c.unknown("source.year");
  else if (!Number.isInteger(doc.source.year) || doc.source.year < 2000 || doc.source.year > 2100)
    c.add("rules_bad_year", "source.year", { value: doc.source.year });
  if (
    doc.source.date !== null &&
    doc.source.date !== "" &&
    !/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(doc.source.date)
  )
    c.add("rules_bad_date", "source.date", { text: doc.source.date }, "warning");
  if (doc.scale === null) c.unknown("scale");
  else if (doc.scale <= 0) c.add("rules_not_positive", "scale", { value: doc.scale });
  if (
    !Number.isInteger(doc.rounding.decimals) ||
    doc.rounding.decimals < 0 ||
    doc.rounding.decimals > 10
  )
    c.add("rules_bad_decimals", "rounding.decimals", { value: doc.rounding.decimals });

  if (doc.groups.length === 0) c.add("rules_no_groups", "groups[0].name");
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  const aliases = new Map<string, number>();
  doc.groups.forEach((g, i) => {
    const p = `groups[${i}]`;
    if (g.maxPoints === null) {
      if (!g.maxFromSet) {
        if (where.blanks?.has(`${p}.maxPoints`))
          c.add("rules_group_max_missing", `${p}.maxPoints`, { group: g.name });
        else c.unknown(`${p}.maxPoints`);
      }
    } else if (g.maxPoints <= 0)
      c.add("rules_not_positive", `${p}.maxPoints`, { value: g.maxPoints });
    else if (doc.scale !== null && g.maxPoints > doc.scale)
      c.add(
        "rules_group_above_scale",
        `${p}.maxPoints`,
        { group: g.name, max: g.maxPoints, scale: doc.scale },
        "warning"
      );
    for (const [map, key, path] of [
      [ids, foldName(g.id), `${p}.id`],
      [names, foldName(g.name), `${p}.name`],
    ] as const) {
      if (key === "") continue;
      const first = map.get(key);
      if (first !== undefined)
        c.add("rules_duplicate_group", path, { group: g.name, first: first + 1 });
      else map.set(key, i);
    }
    for (const a of [g.name, ...g.aliases]) {
      const k = foldName(a);
      const first = aliases.get(k);
      if (first !== undefined && first !== i)
        c.add("rules_duplicate_alias", `${p}.aliases`, {
          text: a,
          group: g.name,
          other: doc.groups[first]?.name ?? "",
        });
      else aliases.set(k, i);
    }
  });
  checkBands(c, doc);

  const codes = new Map<string, number>();
  doc.mainIndices.forEach((m, i) => {
    const p = `mainIndices[${i}]`;
    if (m.maxPoints === null) c.unknown(`${p}.maxPoints`);
    const first = codes.get(m.code);
    if (m.code !== "" && first !== undefined)
      c.add("rules_duplicate_main", `${p}.code`, { code: m.code, first: first + 1 });
    else codes.set(m.code, i);
  });
  const sumKnown = doc.mainIndices.every((m) => m.maxPoints !== null);
  if (doc.mainIndices.length > 0 && sumKnown && doc.scale !== null) {
    const sum = doc.mainIndices.reduce((s, m) => s + (m.scored ? (m.maxPoints ?? 0) : 0), 0);
    if (Math.abs(sum - doc.scale) > 1e-9)
      c.add("rules_main_sum", "mainIndices[0].maxPoints", { sum, scale: doc.scale });
  }
  const mapped = new Map<string, string>();
  doc.unitMap.forEach((m, i) => {
    const k = foldName(m.from);
    const other = mapped.get(k);
    if (other !== undefined && foldName(other) !== foldName(m.to))
      c.add("rules_unit_map_conflict", `unitMap[${i}].from`, { unitName: m.from, to: m.to, other });
    else mapped.set(k, m.to);
  });
  checkSpecialCaps(c, doc);
  const limited = new Map<string, number>();
  doc.limitedIndices.forEach((l, i) => {
    const p = `limitedIndices[${i}]`;
    if (l.code === null) c.unknown(`${p}.code`);
    if (l.units === null) c.unknown(`${p}.units`);
    if (l.code === null || l.code === "") return;
    const first = limited.get(foldName(l.code));
    if (first !== undefined)
      c.add("rules_duplicate_limited", `${p}.code`, { code: l.code, first: first + 1 });
    else limited.set(foldName(l.code), i);
  });
  const unranked = new Set<string>();
  doc.unrankedUnits.forEach((u, i) => {
    const k = foldName(u);
    if (unranked.has(k))
      c.add("rules_duplicate_unranked", `unrankedUnits[${i}]`, { unitName: u }, "warning");
    unranked.add(k);
  });
  return c.issues;
}

/** Caps on a unit's bonus and penalty points: not negative, not above the scale. */
function checkSpecialCaps(c: Checks, doc: RulesDoc): void {
  for (const [key, v] of [
    ["special.bonusCap", doc.special.bonusCap],
    ["special.penaltyCap", doc.special.penaltyCap],
  ] as const) {
    if (v === undefined) continue;
    if (v < 0) c.add("rules_negative_cap", key, { value: v });
    else if (doc.scale !== null && v > doc.scale)
      c.add("rules_cap_above_scale", key, { value: v, scale: doc.scale }, "warning");
  }
}

/** The grade scheme of a doc whose bands are all known and share one basis; null without bands. */
function schemeOf(doc: RulesDoc): GradeScheme | null {
  if (doc.bands.length === 0) return null;
  const bands = doc.bands.map(known).filter((b): b is GradeBand => b !== undefined);
  return { basis: doc.bands[0]?.basis ?? "percent", bands };
}

/**
 * The RuleProfile a doc stands for; call only when checkRules found no error (unknown figures are
 * errors), otherwise undefined figures would be read as 0.
 */
export function rulesProfile(doc: RulesDoc): RuleProfile {
  return {
    id: doc.id,
    name: doc.name,
    nameEn: doc.nameEn === "" ? doc.name : doc.nameEn,
    source: {
      decision: doc.source.decision ?? "",
      year: doc.source.year ?? 0,
      issuer: doc.source.issuer ?? "",
      ...(doc.source.note !== "" ? { note: doc.source.note } : {}),
      ...(doc.source.date !== null && doc.source.date !== "" ? { date: doc.source.date } : {}),
    },
    scale: doc.scale ?? 0,
    groups: doc.groups.map((g) => ({
      id: g.id,
      name: g.name,
      nameEn: g.nameEn === "" ? g.name : g.nameEn,
      maxPoints: g.maxPoints ?? 0,
      aliases: g.aliases,
      ...(g.maxFromSet ? { maxFromSet: true } : {}),
      ...(g.ranked ? {} : { ranked: false }),
    })),
    gradeScheme: schemeOf(doc),
    tiePolicy: doc.tiePolicy,
    rounding: doc.rounding,
    publishAs: doc.publishAs,
    specialRules: doc.special,
    mainIndices: doc.mainIndices.map((m) => ({
      code: m.code,
      name: m.name,
      maxPoints: m.maxPoints ?? 0,
      scored: m.scored,
    })),
    ...(doc.unrankedUnits.length > 0 ? { unrankedUnits: doc.unrankedUnits } : {}),
    ...(doc.unitMap.length > 0 ? { unitMap: doc.unitMap } : {}),
    ...(doc.limitedIndices.length > 0
      ? {
          limitedIndices: doc.limitedIndices.map((l) => ({
            code: l.code ?? "",
            units: l.units ?? [],
          })),
        }
      : {}),
  };
}
