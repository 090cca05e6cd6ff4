/**
 * "Explain this number": from a selected cell to how its number was obtained, using the engine's
 * Derivation carried by every result (evaluate), the indicator set and its source decision.
 */
import {
  type CellRef,
  type Derivation,
  gradeText,
  type IndicatorResult,
  type Locale,
  quoteSheet,
  type ScoreEntry,
  type UnitResult,
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
  const vi = locale === "vi";
  switch (how.rule) {
    case "entered":
      return how.cell
        ? [
            {
              label: vi ? "Ô nhập" : "Entered in",
              value: `${quoteSheet(how.cell.sheet)}!${how.cell.cell}`,
            },
          ]
        : [];
    case "ratio":
      return [
        { label: "a", value: n(how.a) },
        { label: "b", value: n(how.b) },
        { label: vi ? "Điểm tối đa" : "Maximum", value: n(how.maxPoints) },
      ];
    case "step":
      return [
        { label: vi ? "Giá trị" : "Value", value: n(how.value) },
        {
          label: vi ? "Mức đạt" : "Step reached",
          value: how.atLeast === null ? "—" : `≥ ${n(how.atLeast)}`,
        },
      ];
    case "fraction":
      return [
        { label: vi ? "Lựa chọn" : "Option", value: how.option },
        { label: vi ? "Tỷ lệ" : "Fraction", value: n(how.fraction) },
      ];
    case "capped-sum":
      return [
        { label: vi ? "Tổng các mục" : "Sum of items", value: n(how.sum) },
        { label: vi ? "Mức trần" : "Cap", value: n(how.cap) },
      ];
    case "normalised-to-best":
      return [
        { label: vi ? "Giá trị" : "Value", value: n(how.value) },
        { label: vi ? "Cao nhất" : "Best", value: `${n(how.best)} (${how.bestUnit})` },
      ];
    case "peer-max":
      return how.bestUnit
        ? [{ label: vi ? "Đơn vị cao nhất" : "Best peer", value: how.bestUnit }]
        : [];
    case "proportional":
      return [
        {
          label: vi ? "Điểm đạt các chỉ số còn lại" : "Points on the others",
          value: n(how.actualPoints),
        },
        {
          label: vi ? "Tối đa các chỉ số còn lại" : "Maximum of the others",
          value: n(how.maxPoints),
        },
        { label: vi ? "Phạm vi" : "Scope", value: how.scope },
      ];
    case "bonus":
    case "penalty":
      return [{ label: vi ? "Điểm" : "Points", value: n(how.points) }];
    case "sum-of-components":
      return [{ label: vi ? "Các chỉ số" : "Components", value: how.codes.join(", ") }];
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
  const p = ev.set.profile;
  const name = locale === "vi" ? p.name : p.nameEn;
  const kind = ind?.method.kind ?? "direct";
  const kinds: Record<string, [string, string]> = {
    direct: ["chấm trực tiếp", "scored directly"],
    ratio: ["tỷ lệ a / b", "ratio a / b"],
    step: ["theo nấc", "steps"],
    fraction: ["theo lựa chọn", "options"],
    "capped-sum": ["cộng có trần", "capped sum"],
    "normalised-to-best": ["so với đơn vị cao nhất", "relative to the best"],
    bonus: ["điểm thưởng", "bonus"],
    penalty: ["điểm trừ", "penalty"],
    unscored: ["không tính điểm", "not scored"],
  };
  const k = kinds[kind] ?? [kind, kind];
  return `${name}: ${locale === "vi" ? k[0] : k[1]}`;
}

function entryAt(ev: Evaluated, cell: CellRef): ScoreEntry | undefined {
  return ev.data.entries.find((e) => same(e.self?.cell, cell) || same(e.appraised?.cell, cell));
}

/**
 * Explains a cell: a score cell of the entry sheet (component or main index), or a row of a ranking
 * sheet naming a unit (`rowTexts`: the texts in the selected row). Null when it is neither.
 */
export function explainCell(
  ev: Evaluated,
  cell: CellRef,
  locale: Locale,
  rowTexts: readonly string[] = []
): ExplanationView | null {
  const where = `${quoteSheet(cell.sheet)}!${cell.cell.toUpperCase()}`;
  const t = STRINGS[locale].explain;
  const source = `${sourceText(ev.set.profile)}`;
  const entry = entryAt(ev, cell);
  if (entry) {
    const unit = allUnits(ev).find((u) => u.unitId === entry.unitId);
    const result: IndicatorResult | undefined =
      unit?.components[entry.code] ?? unit?.mainIndices[entry.code];
    if (!unit || !result) return null;
    const ind = ev.set.indicators.find((i) => i.code === entry.code);
    const clicked = same(entry.self?.cell, cell) ? "self" : "appraised";
    const raw = clicked === "self" ? entry.self?.raw : entry.appraised?.raw;
    const inputs = [
      {
        label: locale === "vi" ? "Giá trị trong ô" : "Value in the cell",
        value:
          raw === null || raw === undefined
            ? "—"
            : typeof raw === "object"
              ? raw.error
              : String(raw),
      },
      ...inputsOf(result.how, locale),
    ];
    return {
      cell: where,
      unit: unit.unitName,
      indicator: ind ? `${ind.code} ${ind.name}` : entry.code,
      points: pointsText(result.points, result.maxPoints, locale),
      method: methodText(result.how, locale),
      rule: ruleText(ev, entry.code, locale),
      inputs,
      source,
    };
  }
  const folded = rowTexts.map((s) => s.trim().toLocaleLowerCase());
  const unit = allUnits(ev).find((u) => folded.includes(u.unitName.trim().toLocaleLowerCase()));
  if (!unit) return null;
  // A total in a gap between bands reads as the sheets show it: "Chưa xếp loại (giữa … và …)".
  const grade = gradeText(unit.grade, locale) ?? "—";
  const p = ev.set.profile;
  return {
    cell: where,
    unit: unit.unitName,
    indicator: null,
    points: pointsText(unit.totalPoints, unit.applicableMax, locale),
    method: t.rules.total,
    rule: `${locale === "vi" ? p.name : p.nameEn}`,
    inputs: [
      ...Object.values(unit.mainIndices).map((m) => ({
        label: `${locale === "vi" ? "Chỉ số" : "Index"} ${m.code}`,
        value: pointsText(m.points, m.maxPoints, locale),
      })),
      {
        label: t.percent,
        value: unit.percentOfMax === null ? "—" : `${formatNumber(unit.percentOfMax, locale)}%`,
      },
      { label: t.grade, value: grade },
      { label: t.rank, value: unit.rank === null ? "—" : String(unit.rank) },
    ],
    source,
  };
}
