/**
 * "Explain this number": from a selected cell to how its number was obtained, using the engine's
 * Derivation carried by every result (evaluate), the indicator set and its source decision.
 */
import {
  type CellRef,
  type CellValue,
  type Derivation,
  type EntryCellRole,
  gradeText,
  type IndicatorResult,
  type Locale,
  quoteSheet,
  type ScoreEntry,
  type UnitResult,
  nameIn,
} from "../../engine";
import { STRINGS } from "../i18n";
import type { Evaluated } from "./services";
import type { ExplanationView } from "./types";
import { formatNumber, sourceText } from "./views";

const same = (a: CellRef | undefined, b: CellRef): boolean =>
  a !== undefined &&
  a.sheet.toLocaleLowerCase() === b.sheet.toLocaleLowerCase() &&
  a.cell.toUpperCase() === b.cell.toUpperCase();

function allUnits(ev: Evaluated): UnitResult[] {
  return ev.ranking.groups.flatMap((g) => g.units);
}

function inputsOf(how: Derivation, locale: Locale): { label: string; value: string }[] {
  const n = (x: number) => formatNumber(x, locale);
  const l = STRINGS[locale].explain.labels;
  switch (how.rule) {
    case "entered":
      return how.cell
        ? [{ label: l.enteredIn, value: `${quoteSheet(how.cell.sheet)}!${how.cell.cell}` }]
        : [];
    case "ratio":
      return [
        { label: "a", value: n(how.a) },
        { label: "b", value: n(how.b) },
        { label: l.maximum, value: n(how.maxPoints) },
      ];
    case "step":
      return [
        { label: l.value, value: n(how.value) },
        { label: l.stepReached, value: how.atLeast === null ? "—" : `≥ ${n(how.atLeast)}` },
      ];
    case "fraction":
      return [
        { label: l.option, value: how.option },
        { label: l.fraction, value: n(how.fraction) },
      ];
    case "capped-sum":
      return [
        { label: l.sumOfItems, value: n(how.sum) },
        { label: l.cap, value: n(how.cap) },
      ];
    case "normalised-to-best":
      return [
        { label: l.value, value: n(how.value) },
        { label: l.best, value: `${n(how.best)} (${how.bestUnit})` },
      ];
    case "peer-max":
      return how.bestUnit ? [{ label: l.bestPeer, value: how.bestUnit }] : [];
    case "proportional":
      return [
        { label: l.othersPoints, value: n(how.actualPoints) },
        { label: l.othersMax, value: n(how.maxPoints) },
        { label: l.scope, value: how.scope },
      ];
    case "bonus":
    case "penalty":
      return [
        { label: l.points, value: n(how.points) },
        ...(how.cap !== undefined ? [{ label: l.rulesCap, value: n(how.cap) }] : []),
      ];
    case "sum-of-components":
      return [{ label: l.components, value: how.codes.join(", ") }];
    default:
      return [];
  }
}

function methodText(how: Derivation, locale: Locale): string {
  const r = STRINGS[locale].explain.rules;
  return how.rule === "entered" ? r.entered(how.from) : r[how.rule];
}

function pointsText(points: number | null, max: number, locale: Locale): string {
  const t = STRINGS[locale].explain;
  return points === null ? t.notScored : `${formatNumber(points, locale)} ${t.outOf(max)}`;
}

/** The rule in force: the indicator's method, from the profile (province, year). */
function ruleText(ev: Evaluated, code: string, locale: Locale): string {
  const ind = ev.set.indicators.find((i) => i.code === code);
  const kind = ind?.method.kind ?? "direct";
  return `${profileName(ev, locale)}: ${STRINGS[locale].explain.methods[kind]}`;
}

function profileName(ev: Evaluated, locale: Locale): string {
  const p = ev.set.profile;
  return nameIn(p, locale);
}

/** The entry a score cell holds (a foreign table read by the recogniser: by the cells it carries). */
function entryAt(ev: Evaluated, cell: CellRef): ScoreEntry | undefined {
  return ev.data.entries.find((e) => same(e.self?.cell, cell) || same(e.appraised?.cell, cell));
}

/** A cell of the add-in's own entry matrix, by position (the exact reader's cellRole). */
function entryRole(ev: Evaluated, cell: CellRef): EntryCellRole | null | undefined {
  const index = ev.entry;
  if (index == null || index.matrix.sheet.toLocaleLowerCase() !== cell.sheet.toLocaleLowerCase())
    return undefined;
  return index.roleAt(cell.cell);
}

function rawText(raw: CellValue | undefined): string {
  if (raw === null || raw === undefined) return "—";
  return typeof raw === "object" ? raw.error : String(raw);
}

/** One unit's score on one indicator (a component, or a main index). */
function explainScore(
  ev: Evaluated,
  where: string,
  unitId: string,
  code: string,
  field: "self" | "appraised",
  locale: Locale
): ExplanationView | null {
  const unit = allUnits(ev).find((u) => u.unitId === unitId);
  const result: IndicatorResult | undefined = unit?.components[code] ?? unit?.mainIndices[code];
  if (!unit || !result) return null;
  const ind = ev.set.indicators.find((i) => i.code === code);
  const entry = ev.data.entries.find((e) => e.unitId === unitId && e.code === code);
  // A main index's row holds a SUM of its components: no value was entered there.
  const typed = entry === undefined ? [] : [entry[field]?.raw];
  return {
    cell: where,
    unit: unit.unitName,
    indicator: ind ? `${ind.code} ${ind.name}` : code,
    points: pointsText(result.points, result.maxPoints, locale),
    method: methodText(result.how, locale),
    rule: ruleText(ev, code, locale),
    inputs: [
      ...typed.map((raw) => ({
        label: STRINGS[locale].explain.labels.valueInCell,
        value: rawText(raw),
      })),
      ...inputsOf(result.how, locale),
    ],
    source: sourceText(ev.set.profile),
  };
}

/** A unit's total, share of the maximum, grade and rank. */
function explainUnit(
  ev: Evaluated,
  where: string,
  unit: UnitResult,
  locale: Locale
): ExplanationView {
  const t = STRINGS[locale].explain;
  // A total in a gap between bands reads as the sheets show it: "Chưa xếp loại (giữa … và …)".
  const grade = gradeText(unit.grade, locale) ?? "—";
  return {
    cell: where,
    unit: unit.unitName,
    indicator: null,
    points: pointsText(unit.totalPoints, unit.applicableMax, locale),
    method: t.rules.total,
    rule: profileName(ev, locale),
    inputs: [
      ...Object.values(unit.mainIndices).map((m) => ({
        label: t.labels.index(m.code),
        value: pointsText(m.points, m.maxPoints, locale),
      })),
      {
        label: t.percent,
        value: unit.percentOfMax === null ? "—" : `${formatNumber(unit.percentOfMax, locale)}%`,
      },
      { label: t.grade, value: grade },
      { label: t.rank, value: unit.rank === null ? "—" : String(unit.rank) },
    ],
    source: sourceText(ev.set.profile),
  };
}

/**
 * Explains a cell. On the add-in's own entry matrix the cell's role is read by position (a unit's
 * self-assessed or appraised score on a component or main-index row, or a unit's header: its
 * total); on a foreign table read by the recogniser, by the cells its entries came from; on a ranking
 * sheet, the row naming a unit (`rowTexts`: the texts in the selected row). Null when it is neither.
 */
export function explainCell(
  ev: Evaluated,
  cell: CellRef,
  locale: Locale,
  rowTexts: readonly string[] = []
): ExplanationView | null {
  const where = `${quoteSheet(cell.sheet)}!${cell.cell.toUpperCase()}`;
  const role = entryRole(ev, cell);
  if (role !== undefined) {
    if (role === null) return null;
    if (role.kind === "header") {
      const unit = allUnits(ev).find((u) => u.unitId === role.unit.id);
      return unit ? explainUnit(ev, where, unit, locale) : null;
    }
    if (role.field === "evidence") return null;
    return explainScore(ev, where, role.unit.id, role.code, role.field, locale);
  }
  const entry = entryAt(ev, cell);
  if (entry) {
    const field = same(entry.self?.cell, cell) ? "self" : "appraised";
    return explainScore(ev, where, entry.unitId, entry.code, field, locale);
  }
  const folded = rowTexts.map((s) => s.trim().toLocaleLowerCase());
  const unit = allUnits(ev).find((u) => folded.includes(u.unitName.trim().toLocaleLowerCase()));
  return unit ? explainUnit(ev, where, unit, locale) : null;
}
