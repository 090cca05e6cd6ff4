/**
 * Reconciliation: self-assessed against appraised scores, per unit and main index, with the
 * difference highlighted and a flag where the appraisal changed the outcome (grade or rank). The
 * ranking from self scores alone is the engine's own (evaluate over `selfAssessedData(data)`).
 */
import { a1, columnLetters } from "../address";
import type {
  GroupResult,
  IndicatorSet,
  Ranking,
  Recognized,
  Rounding,
  TiePolicy,
  UnitResult,
} from "../model/types";
import { gradeFormula } from "./formulas";
import { gradeText } from "../grade";
import {
  type ExistingSheet,
  HEADER_ROW,
  FIRST_DATA_ROW,
  SheetNamer,
  canLinkToEntries,
  componentsByMain,
  formula,
  gradeColourFormats,
  indexEntries,
  mainIndexFormula,
  mainIndicesOf,
  num,
  rankWithPolicy,
  text,
} from "./ranking-sheets";
import type { CellStyle, ConditionalFormat, RangeStyle, SheetSpec, SpecCell } from "./spec";

export const RECONCILIATION_ROLE = "reconciliation";
const RECONCILIATION_SHEET_NAME = "Đối chiếu tự ĐG - thẩm định";

/** The data as if nobody had appraised: every appraised score removed, so evaluate ranks self scores. */
export function selfAssessedData(data: Recognized): Recognized {
  return {
    ...data,
    // An entry with no appraised score is already its self-assessed self (not copied).
    entries: data.entries.map((e) =>
      e.appraised === null || e.appraised === undefined ? e : { ...e, appraised: null }
    ),
  };
}

interface ReconciliationOptions {
  readonly existingSheets?: readonly ExistingSheet[];
  /** Share the namer with the ranking sheets so names never collide among themselves. */
  readonly namer?: SheetNamer;
  readonly linkToEntries?: boolean;
  readonly rounding?: Rounding;
  readonly tiePolicy?: TiePolicy;
  readonly year?: number;
}

/** A unit whose grade or rank the appraisal changed. */
export interface OutcomeChange {
  readonly unitId: string;
  readonly unitName: string;
  readonly groupId: string | null;
  readonly gradeSelf: string | null;
  readonly gradeAppraised: string | null;
  readonly rankSelf: number | null;
  readonly rankAppraised: number | null;
}

interface ReconciliationResult {
  readonly spec: SheetSpec;
  readonly changes: readonly OutcomeChange[];
}

function label(u: UnitResult | undefined): string | null {
  return u === undefined ? null : gradeText(u.grade);
}

/** Units whose grade or rank differs between the self-assessed and the appraised ranking. */
export function outcomeChanges(appraised: Ranking, self: Ranking): OutcomeChange[] {
  const selfById = new Map(self.groups.flatMap((g) => g.units.map((u) => [u.unitId, u] as const)));
  const out: OutcomeChange[] = [];
  for (const g of appraised.groups) {
    for (const u of g.units) {
      const s = selfById.get(u.unitId);
      const change: OutcomeChange = {
        unitId: u.unitId,
        unitName: u.unitName,
        groupId: u.groupId,
        gradeSelf: label(s),
        gradeAppraised: label(u),
        rankSelf: s?.rank ?? null,
        rankAppraised: u.rank,
      };
      if (change.gradeSelf !== change.gradeAppraised || change.rankSelf !== change.rankAppraised)
        out.push(change);
    }
  }
  return out;
}

const HEADER_STYLE: CellStyle = {
  bold: true,
  fill: "#DDEBF7",
  align: "center",
  wrap: true,
  border: "thin",
};

/** The reconciliation sheet over all groups (rows by group, then appraised rank). */
export function reconciliationSheet(
  set: IndicatorSet,
  data: Recognized,
  appraised: Ranking,
  self: Ranking,
  options: ReconciliationOptions = {}
): ReconciliationResult {
  const namer = options.namer ?? new SheetNamer(options.existingSheets ?? []);
  const name = namer.pick(RECONCILIATION_SHEET_NAME, RECONCILIATION_ROLE);
  const mains = mainIndicesOf(set);
  const comps = componentsByMain(set);
  const entries = indexEntries(data);
  const link = options.linkToEntries ?? canLinkToEntries(data);
  const rounding = options.rounding ?? appraised.rounding;
  const tiePolicy = options.tiePolicy ?? appraised.tiePolicy;
  const scheme = set.profile.gradeScheme;
  const selfById = new Map(self.groups.flatMap((g) => g.units.map((u) => [u.unitId, u] as const)));
  const groups: GroupResult[] = appraised.groups.filter((g) => g.units.length > 0);
  const units = groups.flatMap((g) => g.units.map((u) => ({ u, g })));
  const n = units.length;
  const firstRow = FIRST_DATA_ROW;
  const lastRow = firstRow + Math.max(n, 1) - 1;

  // Columns: STT | Tên | Nhóm | per main index (Tự ĐG, Thẩm định, Chênh lệch) | totals (3) |
  // Xếp loại tự ĐG | Xếp loại thẩm định | Hạng tự ĐG | Hạng thẩm định | Kết quả thay đổi
  const firstMain = 4;
  const mainCol = (k: number, part: 0 | 1 | 2) => firstMain + k * 3 + part;
  const totSelf = firstMain + mains.length * 3;
  const totAppr = totSelf + 1;
  const totDiff = totSelf + 2;
  const graded = scheme !== null;
  const gradeSelfCol = graded ? totDiff + 1 : null;
  const gradeApprCol = graded ? totDiff + 2 : null;
  const rankSelfCol = graded ? totDiff + 3 : totDiff + 1;
  const rankApprCol = rankSelfCol + 1;
  const changedCol = rankApprCol + 1;
  const L = (c: number) => columnLetters(c);
  const colRange = (c: number) => `$${L(c)}$${firstRow}:$${L(c)}$${lastRow}`;
  const groupRange = colRange(3);

  const header1: SpecCell[] = [text("STT"), text("Tên cơ quan, đơn vị"), text("Nhóm")];
  for (const m of mains)
    header1.push(
      text(`${m.code}. ${m.name}: tự đánh giá`),
      text(`${m.code}: thẩm định`),
      text(`${m.code}: chênh lệch`)
    );
  header1.push(text("Tổng tự đánh giá"), text("Tổng thẩm định"), text("Chênh lệch"));
  if (graded) header1.push(text("Xếp loại theo tự đánh giá"), text("Xếp loại sau thẩm định"));
  header1.push(
    text("Hạng theo tự đánh giá"),
    text("Hạng sau thẩm định"),
    text("Thẩm định làm thay đổi kết quả")
  );

  const rows: SpecCell[][] = [];
  const changes = outcomeChanges(appraised, self);
  const changedIds = new Set(changes.map((c) => c.unitId));
  units.forEach(({ u, g }, i) => {
    const r = firstRow + i;
    const s = selfById.get(u.unitId);
    const row: SpecCell[] = [num(i + 1), text(u.unitName), text(g.name)];
    mains.forEach((m, k) => {
      const cs = comps.get(m.code) ?? [];
      const selfPts = s?.mainIndices[m.code]?.points ?? null;
      const apprPts = u.mainIndices[m.code]?.points ?? null;
      const fs =
        link && s !== undefined ? mainIndexFormula(s, cs, entries, "self", rounding) : null;
      const fa = link ? mainIndexFormula(u, cs, entries, "appraised-else-self", rounding) : null;
      row.push(cellFor(fs, selfPts), cellFor(fa, apprPts));
      const sRef = a1(r, mainCol(k, 0));
      const aRef = a1(r, mainCol(k, 1));
      row.push(
        formula(diff(aRef, sRef), selfPts !== null && apprPts !== null ? apprPts - selfPts : null)
      );
    });
    // SUM/COUNT over the main cells: a blank ("") index is not a zero, all blank gives "".
    const sumOf = (part: 0 | 1) => {
      const refs = mains.map((_, k) => a1(r, mainCol(k, part))).join(",");
      return `IF(COUNT(${refs})=0,"",${roundTotal(`SUM(${refs})`)})`;
    };
    const roundTotal = (f: string) =>
      rounding.stage === "total" ? `ROUND(${f},${rounding.decimals})` : f;
    row.push(
      mains.length > 0 ? formula(sumOf(0), s?.totalPoints) : num(s?.totalPoints),
      mains.length > 0 ? formula(sumOf(1), u.totalPoints) : num(u.totalPoints),
      formula(
        diff(a1(r, totAppr), a1(r, totSelf)),
        s?.totalPoints != null && u.totalPoints !== null ? u.totalPoints - s.totalPoints : null
      )
    );
    // "% tối đa của nhóm" grades on the group's maximum, the other bases on the unit's own.
    const gradeMax = (x: typeof u) =>
      scheme?.basis === "group-percent" ? (x.groupMax ?? x.applicableMax) : x.applicableMax;
    if (scheme !== null) {
      row.push(
        formula(gradeFormula(a1(r, totSelf), gradeMax(s ?? u), scheme), label(s) ?? ""),
        formula(gradeFormula(a1(r, totAppr), gradeMax(u), scheme), label(u) ?? "")
      );
    }
    const group = { range: groupRange, ref: a1(r, 3) };
    const mainsOf = (part: 0 | 1) =>
      mains.map((_, k) => ({ all: colRange(mainCol(k, part)), ref: a1(r, mainCol(k, part)) }));
    row.push(
      formula(
        rankWithPolicy(a1(r, totSelf), colRange(totSelf), tiePolicy, mainsOf(0), group),
        s?.rank
      ),
      formula(
        rankWithPolicy(a1(r, totAppr), colRange(totAppr), tiePolicy, mainsOf(1), group),
        u.rank
      )
    );
    const cmp: string[] = [`${a1(r, rankSelfCol)}<>${a1(r, rankApprCol)}`];
    if (gradeSelfCol !== null && gradeApprCol !== null)
      cmp.unshift(`${a1(r, gradeSelfCol)}<>${a1(r, gradeApprCol)}`);
    row.push(formula(`IF(OR(${cmp.join(",")}),"Có","")`, changedIds.has(u.unitId) ? "Có" : ""));
    rows.push(row);
  });

  const lastCol = L(changedCol);
  const styles: RangeStyle[] = [
    { range: `A1:${lastCol}1`, style: { bold: true, fontSize: 14, align: "center" } },
    { range: `A2:${lastCol}3`, style: { italic: true, align: "center", wrap: true } },
    { range: `A${HEADER_ROW}:${lastCol}${HEADER_ROW}`, style: HEADER_STYLE },
    { range: `A${firstRow}:${lastCol}${lastRow}`, style: { border: "thin" } },
    {
      range: `${L(firstMain)}${firstRow}:${L(totDiff)}${lastRow}`,
      style: { numberFormat: "0.00", border: "thin" },
    },
    {
      range: `${L(rankSelfCol)}${firstRow}:${L(changedCol)}${lastRow}`,
      style: { align: "center", border: "thin" },
    },
  ];
  const cfs: ConditionalFormat[] = [];
  const diffCols = [...mains.map((_, k) => mainCol(k, 2)), totDiff];
  for (const c of diffCols) {
    const top = a1(firstRow, c);
    const rng = `${L(c)}${firstRow}:${L(c)}${lastRow}`;
    cfs.push(
      {
        range: rng,
        when: { kind: "formula", formula: `=AND(ISNUMBER(${top}),${top}<0)` },
        style: { fill: "#FFC7CE", fontColor: "#9C0006" },
      },
      {
        range: rng,
        when: { kind: "formula", formula: `=AND(ISNUMBER(${top}),${top}>0)` },
        style: { fill: "#FFEB9C", fontColor: "#9C5700" },
      }
    );
  }
  cfs.push({
    range: `${L(changedCol)}${firstRow}:${L(changedCol)}${lastRow}`,
    when: { kind: "equals-text", text: "Có" },
    style: { fill: "#FFC7CE", fontColor: "#9C0006", bold: true },
  });
  if (scheme !== null && gradeSelfCol !== null && gradeApprCol !== null)
    cfs.push(
      ...gradeColourFormats(`${L(gradeSelfCol)}${firstRow}:${L(gradeApprCol)}${lastRow}`, scheme)
    );

  const title = `ĐỐI CHIẾU ĐIỂM TỰ ĐÁNH GIÁ VÀ ĐIỂM THẨM ĐỊNH${
    options.year !== undefined ? ` NĂM ${options.year}` : ""
  }`;
  const sub1 = `Bộ chỉ số: ${set.profile.name}. Chênh lệch = thẩm định − tự đánh giá (âm: tô đỏ; dương: tô vàng).`;
  const sub2 =
    `${changes.length} đơn vị có xếp loại hoặc xếp hạng thay đổi sau thẩm định (cột cuối "Có"). ` +
    "Hạng tính trong từng nhóm.";
  const colWidths = [
    { col: "A", width: 6 },
    { col: "B", width: 38 },
    { col: "C", width: 26 },
  ];
  for (let c = firstMain; c <= changedCol; c++) colWidths.push({ col: L(c), width: 12 });
  const spec: SheetSpec = {
    name,
    owned: true,
    role: RECONCILIATION_ROLE,
    blocks: [
      { address: "A1", rows: [[text(title)], [text(sub1)], [text(sub2)]] },
      { address: a1(HEADER_ROW, 1), rows: [header1] },
      ...(rows.length > 0 ? [{ address: a1(firstRow, 1), rows }] : []),
    ],
    styles,
    merges: [`A1:${lastCol}1`, `A2:${lastCol}2`, `A3:${lastCol}3`],
    columnWidths: colWidths,
    freeze: { rows: HEADER_ROW, cols: 2 },
    conditionalFormats: cfs,
    pageSetup: {
      orientation: "landscape",
      paper: "A4",
      fitToWidth: true,
      printTitleRows: `${HEADER_ROW}:${HEADER_ROW}`,
    },
  };
  return { spec, changes };
}

/** appraised − self, "" while either is blank. */
function diff(appraisedRef: string, selfRef: string): string {
  return `IF(OR(${appraisedRef}="",${selfRef}=""),"",${appraisedRef}-${selfRef})`;
}

function cellFor(
  f: { formula: string; value: number | null } | null,
  pts: number | null
): SpecCell {
  if (f === null) return num(pts);
  if (pts === null) return formula(f.formula);
  if (f.value !== null && Math.abs(f.value - pts) <= 1e-9 * Math.max(1, Math.abs(pts)))
    return formula(f.formula, pts);
  return num(pts);
}
