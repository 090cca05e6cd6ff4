/**
 * Layout (c): a summary or result table, one row per unit: main-index columns (matched to the
 * profile by name, or with code and max in the header), a total, a percent, hand-typed rank and
 * grade, a group column or group section rows. Every column gets a role in the layout, or is left
 * out with a reason the user sees; the figures' scale is read, or the table is refused with choices.
 * Over 400 lines: the column roles, the rows and the groups of one table belong together.
 */
import { a1 } from "../address";
import type { Indicator, Issue, RuleProfile, ScoreEntry, Unit } from "../model/types";
import { parseVnNumber } from "../numbers/vn-number";
import { foldLoose, foldName } from "../text/normalize";
import { makeIssue, readNumber } from "./cells";
import { isRoman } from "./codes";
import { GridView, isNumericColumn, oneLine } from "./grid-view";
import { groupOfUnitName } from "./groups";
import type { HeaderHit } from "./header-row";
import { headerRole, type Role } from "./headers";
import type { TableOptions } from "./indicator-table";
import {
  colLetter,
  overrideRole,
  type ColumnRole,
  type LayoutColumn,
  type LeftOut,
  type LeftOutReason,
  type Scale,
  type TableLayout,
  MERGED_GROUP_ID,
} from "./layout";
import { parseMainHeader } from "./main-header";
import { type PublishedValues } from "./published";
import { decideScale, decimalsOf, scaleWords, toPoints } from "./scale";
import { buildUnit, matchGroup, UnitIds, unknownGroup } from "./units";

const TOTAL_CODE = "TONG";

const SKIP_ROW =
  /^((tong cong|tong so|trung binh|binh quan|diem trung binh)( .*)?|tong|cong|average|total)$/;
const MAX_ROW = /^(diem toi da|toi da|thang diem|diem chuan|max)( \(?diem\)?)?$/;
/** Lines under a table: notes, signatures, dates, recipients. */
const END_ROW =
  /^(ghi chu|chu thich|luu y|nguoi lap|nguoi tong hop|nguoi kiem tra|noi nhan|kt |tm |q |giam doc|pho giam doc|chu tich|pho chu tich|thu truong|xac nhan|lanh dao|da ky|ky ghi ro|ky ten)/;
const DATE_LINE = /\bngay \d{1,2} thang \d{1,2} nam \d{4}\b/;
/** Words a result column may carry alone: "Điểm", "Kết quả". */
const GENERIC_TOTAL = /^(diem|ket qua|diem danh gia|ket qua danh gia|diem dat duoc|so diem)$/;
const LAST_YEAR_WORDS = /\b(nam truoc|ky truoc|last year)\b/;
const NUMBERING = /^\(?[0-9a-z]{1,3}\)?$/i;

const ROLE_OF: Partial<Record<Role, ColumnRole>> = {
  unit: "unit",
  group: "group",
  code: "code",
  total: "total",
  percent: "percent",
  rank: "rank",
  grade: "grade",
  note: "note",
};

interface Col {
  readonly col: number;
  readonly header: string;
  readonly words: readonly string[];
  role: ColumnRole | null;
  from: LayoutColumn["from"];
  reason?: LeftOutReason;
  readonly hidden: boolean;
  readonly numeric: boolean;
  readonly year: number | null;
  code?: string;
  name?: string;
  maxPoints?: number | null;
  readonly headerRow: number;
}

type SummaryResult =
  | { ok: true; value: import("../model/types").Recognized; issues: Issue[] }
  | { ok: false; issues: Issue[] };

function yearOf(text: string): number | null {
  const m = /\b(19|20)(\d\d)\b/.exec(text);
  return m === null ? null : Number(`${m[1]}${m[2]}`);
}

/** True for the first line under a table that ends it (notes, signatures, dates). */
function isEndRow(view: GridView, r: number): boolean {
  for (let c = view.firstCol; c <= view.lastCol; c++) {
    const t = view.text(r, c);
    if (t === "") continue;
    if (/^\(?\*/.test(t)) return true;
    const f = foldLoose(t);
    return END_ROW.test(f) || DATE_LINE.test(f);
  }
  return false;
}

function isNumberingRow(view: GridView, r: number): boolean {
  let n = 0;
  for (let c = view.firstCol; c <= view.lastCol; c++) {
    const v = view.raw(r, c);
    if (v === null) continue;
    if (typeof v !== "string" || !NUMBERING.test(v.trim())) return false;
    n++;
  }
  return n >= 2;
}

export function readSummary(
  view: GridView,
  header: HeaderHit,
  profile: RuleProfile,
  options: TableOptions
): SummaryResult | null {
  const issues: Issue[] = [];
  const hr = header.row;
  const ov = options.overrides;
  const leftOut: LeftOut[] = [];

  // A second header row: text labels (no figures) under a merged top row, the unit cell blank.
  const topUnit = [...header.roles].find(([, r]) => r === "unit")?.[0];
  let subTexts = 0;
  let subNumbers = 0;
  for (let c = view.firstCol; c <= view.lastCol; c++) {
    const v = view.raw(hr + 1, c);
    if (v === null) continue;
    const p = parseVnNumber(v);
    if (p.kind === "not-a-number") subTexts++;
    else if (p.kind === "number") subNumbers++;
  }
  const subIsHeader =
    hr + 1 <= view.lastRow &&
    subTexts > 0 &&
    subNumbers === 0 &&
    (topUnit === undefined || view.raw(hr + 1, topUnit) === null) &&
    !isNumberingRow(view, hr + 1);
  let dataStart = subIsHeader ? hr + 2 : hr + 1;
  if (isNumberingRow(view, dataStart)) {
    leftOut.push({ where: String(dataStart), text: "(1) (2) (3)…", reason: "numbering-row" });
    dataStart++;
  }

  // Columns and their roles.
  const hiddenCols = new Set(view.grid.hiddenCols ?? []);
  const cols: Col[] = [];
  for (let c = view.firstCol; c <= view.lastCol; c++) {
    const top = oneLine(view.text(hr, c, true));
    const sub = subIsHeader ? oneLine(view.text(hr + 1, c)) : "";
    const text = sub !== "" ? sub : top;
    const o = overrideRole(ov, c);
    const numeric = isNumericColumn(view, c, dataStart);
    if (text === "" && o === undefined) {
      if (numeric)
        cols.push({
          col: c,
          header: "",
          words: [],
          role: null,
          from: "header",
          hidden: hiddenCols.has(c),
          numeric,
          year: null,
          headerRow: hr,
        });
      continue;
    }
    const role = headerRole(text);
    let r: ColumnRole | null = role !== null ? (ROLE_OF[role] ?? null) : null;
    if (r === null && GENERIC_TOTAL.test(foldLoose(text))) r = "total";
    const col: Col = {
      col: c,
      header: sub !== "" && top !== "" && top !== sub ? `${top} / ${sub}` : text,
      words: sub !== "" ? [top, sub] : [top],
      role: o?.role ?? r,
      from: o !== undefined ? "override" : "header",
      hidden: hiddenCols.has(c) && o === undefined,
      numeric,
      year: yearOf(text),
      headerRow: sub !== "" ? hr + 1 : hr,
    };
    // Index columns: by the profile's names, or with code and max in the header.
    if ((col.role === null || col.role === "main") && (role === null || role === "name" || o)) {
      const h = parseMainHeader(text, 0, profile);
      const wanted = o?.role === "main" ? o.code : undefined;
      if (wanted !== undefined || h.explicit) {
        const known = profile.mainIndices.find((m) => m.code === (wanted ?? h.code));
        col.role = "main";
        col.code = wanted ?? h.code;
        col.name = known?.name ?? h.name;
        col.maxPoints = wanted !== undefined ? (known?.maxPoints ?? h.maxPoints) : h.maxPoints;
        col.from = o !== undefined ? "override" : known !== undefined ? "profile" : "header";
      } else if (o?.role === "main") {
        col.code = h.code;
        col.name = h.name;
        col.maxPoints = h.maxPoints;
      }
    }
    if (col.role === "total" || col.role === "percent") {
      col.maxPoints = parseMainHeader(text, 0, profile).maxPoints;
    }
    const letter = colLetter(c);
    const m = ov?.maxima?.[letter] ?? (col.code !== undefined ? ov?.maxima?.[col.code] : undefined);
    if (m !== undefined) col.maxPoints = m;
    cols.push(col);
  }
  const unitCol = cols.find((c) => c.role === "unit" && !c.hidden);
  if (unitCol === undefined) return null;
  const firstOf = (role: ColumnRole): Col | undefined =>
    cols.find((c) => c.role === role && !c.hidden);

  // Hidden columns, last year's figures and other numbers that are not indices are left out.
  const years = cols.map((c) => c.year).filter((y): y is number => y !== null);
  const thisYear = years.length > 0 ? Math.max(...years) : null;
  const drop = (c: Col, reason: LeftOutReason): void => {
    c.reason = reason;
    c.role = "ignore";
  };
  for (const c of cols) {
    if (c.from === "override") continue;
    if (c.hidden) drop(c, "hidden");
    else if (
      (c.role === null || c.role === "total" || c.role === "main" || c.role === "percent") &&
      (LAST_YEAR_WORDS.test(foldLoose(c.header)) ||
        (c.year !== null && thisYear !== null && c.year < thisYear))
    )
      drop(c, "last-year");
  }
  // "DTI 2021" beside "Chỉ số DTI": the total without a year is this year's, the dated one last year's.
  const dated = cols.filter((c) => c.role === "total" && c.year !== null && c.from !== "override");
  if (dated.length > 0 && cols.some((c) => c.role === "total" && c.year === null))
    for (const c of dated) drop(c, "last-year");
  const totals = cols.filter((c) => c.role === "total");
  for (const extra of totals.slice(1)) if (extra.from !== "override") drop(extra, "not-an-index");
  let mains = cols.filter((c) => c.role === "main");
  const total = firstOf("total");
  const percent = firstOf("percent");
  const unknown = cols.filter((c) => c.role === null && c.numeric && c !== unitCol);
  const mainsComplete = mains.length > 0 && mains.every((m) => m.maxPoints != null);
  let governing: "mains" | "total" | "percent";
  if (mains.length > 0 && (mainsComplete || (total === undefined && percent === undefined)))
    governing = "mains";
  else if (total !== undefined) governing = "total";
  else if (percent !== undefined) governing = "percent";
  else if (unknown.length > 0) {
    // Unnamed figures and nothing else: index columns by position (a max row or header may give the max).
    governing = "mains";
    unknown.forEach((c, i) => {
      const h = parseMainHeader(c.header, i + 1, profile);
      c.role = "main";
      c.code = h.code;
      c.name = h.name;
      c.maxPoints = c.maxPoints ?? h.maxPoints;
    });
    mains = unknown;
  } else return null;
  if (governing !== "mains") for (const m of mains) drop(m, "total-used");
  for (const c of cols) if (c.role === null && c.numeric && c !== unitCol) drop(c, "not-an-index");
  const seenCodes = new Set<string>();
  mains = mains.filter((m) => {
    if (m.role !== "main" || m.code === undefined) return false;
    if (!seenCodes.has(m.code)) return seenCodes.add(m.code);
    issues.push(
      makeIssue(
        "duplicate_code",
        "error",
        view.ref(m.headerRow, m.col),
        { indicator: m.code },
        {
          indicator: m.code,
        }
      )
    );
    return false;
  });
  for (const c of cols)
    if (c.role === "ignore" && c.numeric && c.reason !== undefined)
      issues.push(
        makeIssue("column_left_out", "warning", view.ref(c.headerRow, c.col), {
          column: colLetter(c.col),
          header: c.header,
          reason: c.reason,
        })
      );
  const resultCols: Col[] =
    governing === "mains" ? mains : governing === "total" ? [total as Col] : [percent as Col];

  const codeCol = firstOf("code");
  const groupCol = firstOf("group");
  const rankCol = firstOf("rank");
  const gradeCol = firstOf("grade");

  // Rows.
  const ids = new UnitIds(issues);
  interface RowUnit {
    readonly row: number;
    readonly id: string;
    readonly name: string;
    group: { id: string | null; text: string } | undefined;
    readonly fromSection: boolean;
  }
  const rows: RowUnit[] = [];
  const reported = new Set<string>();
  let current: { id: string | null; text: string } | null = null;
  let blankRun = 0;
  let lastRow = hr;
  const pendingLeftOut: number[] = [];
  for (let r = dataStart; r <= view.lastRow; r++) {
    if (view.isBlankRow(r)) {
      blankRun++;
      if (blankRun >= 2 && rows.length > 0) break;
      continue;
    }
    blankRun = 0;
    if (rows.length > 0 && isEndRow(view, r)) {
      leftOut.push({ where: String(r), text: view.text(r, unitCol.col), reason: "after-table" });
      break;
    }
    const own = oneLine(view.text(r, unitCol.col));
    const filled = own !== "" ? own : oneLine(view.text(r, unitCol.col, true));
    const stt = codeCol !== undefined ? view.text(r, codeCol.col) : "";
    // Figures: numbers, or anything in a result cell of a numbered row (then reported if unusable).
    const numbered = /^\d+\.?$/.test(stt);
    const hasNumbers = resultCols.some((m) => {
      const v = view.raw(r, m.col);
      if (v === null) return false;
      const k = parseVnNumber(v).kind;
      return (
        k === "number" || k === "ambiguous" || k === "error" || numbered || codeCol === undefined
      );
    });
    const folded = foldLoose(filled);
    if (filled === "" && !hasNumbers) continue;
    if (MAX_ROW.test(folded)) {
      for (const m of resultCols) {
        const n = readNumber(
          view.raw(r, m.col),
          view.ref(r, m.col),
          { indicator: m.code ?? TOTAL_CODE, field: "max" },
          issues
        );
        if (n.points !== null) m.maxPoints = n.points;
      }
      continue;
    }
    if (SKIP_ROW.test(folded)) {
      leftOut.push({ where: String(r), text: filled, reason: "total-row" });
      continue;
    }
    if (!hasNumbers) {
      const gid = matchGroup(filled, profile);
      const headingLike =
        isRoman(stt) ||
        /^[A-Z]\.?$/.test(stt) ||
        /^(khoi|nhom|[ivxlc]+ |[a-d] )/.test(folded) ||
        own === "";
      if (gid !== null || headingLike) {
        current = { id: gid, text: filled };
        if (gid === null && !reported.has(filled)) {
          reported.add(filled);
          issues.push(unknownGroup(view.ref(r, codeCol?.col ?? unitCol.col), filled, "", profile));
        }
        continue;
      }
      // A name without figures is a unit only when it is numbered (a unit that sent nothing).
      if (!numbered) {
        leftOut.push({
          where: `${colLetter(unitCol.col)}${r}`,
          text: filled,
          reason: "text-without-figures",
        });
        pendingLeftOut.push(r);
        continue;
      }
    }
    if (own === "") continue;
    // Rows left out between units are inside the table: the user is told (after the table they are not).
    for (const skipped of pendingLeftOut)
      issues.push(
        makeIssue("row_left_out", "warning", view.ref(skipped, unitCol.col), {
          text: view.text(skipped, unitCol.col),
          row: skipped,
        })
      );
    pendingLeftOut.length = 0;
    lastRow = r;
    const id = ids.take(own, view.ref(r, unitCol.col));
    let group: { id: string | null; text: string } | undefined;
    if (groupCol !== undefined) {
      const gText = view.text(r, groupCol.col, true);
      if (gText !== "") {
        const gid = matchGroup(gText, profile);
        group = { id: gid, text: gText };
        const key = `${gText}\u0000${a1(r, view.masterCol(r, groupCol.col))}`;
        if (gid === null && !reported.has(key)) {
          reported.add(key);
          issues.push(unknownGroup(view.ref(r, groupCol.col), gText, own, profile));
        }
      }
    }
    rows.push({
      row: r,
      id,
      name: own,
      group: group ?? current ?? undefined,
      fromSection: group === undefined && current !== null,
    });
  }
  if (rows.length === 0) return null;

  // Units and their groups: the table's, the units sheet's, else told from the names.
  const headerCell = view.ref(unitCol.headerRow, unitCol.col);
  let groupsFrom: TableLayout["groupsFrom"] =
    groupCol !== undefined ? "column" : rows.some((r) => r.fromSection) ? "sections" : "none";
  const info = (name: string) => options.units.get(foldName(name));
  let merged: { maxPoints: number } | undefined;
  if (groupsFrom === "none" && rows.some((r) => info(r.name)?.groupId != null))
    groupsFrom = "units-sheet";
  if (groupsFrom === "none" && profile.groups.length <= 1) groupsFrom = "single";
  if (groupsFrom === "none") {
    const told = rows.map((r) => groupOfUnitName(r.name, profile));
    if (told.every((g) => g !== null)) {
      rows.forEach((r, i) => (r.group = { id: told[i] ?? null, text: "" }));
      groupsFrom = "names";
      const counts = profile.groups
        .map((g) => `${g.name}: ${told.filter((t) => t === g.id).length}`)
        .join("; ");
      issues.push(
        makeIssue("groups_inferred", "warning", headerCell, { count: rows.length, groups: counts })
      );
    } else {
      const unknownNames = rows.filter((_, i) => told[i] === null).map((r) => r.name);
      const maxima = new Set(profile.groups.map((g) => g.maxPoints));
      const [only] = [...maxima];
      if (maxima.size === 1 && only !== undefined) {
        merged = { maxPoints: only };
        groupsFrom = "merged";
        rows.forEach((r) => (r.group = { id: MERGED_GROUP_ID, text: "" }));
        issues.push(
          makeIssue("groups_merged", "warning", headerCell, {
            count: rows.length,
            names: unknownNames.slice(0, 5).join("; "),
            max: only,
          })
        );
      } else {
        issues.push(
          makeIssue("groups_not_inferred", "error", headerCell, {
            count: unknownNames.length,
            names: unknownNames.slice(0, 5).join("; "),
            groups: profile.groups.map((g) => g.name).join("; "),
          })
        );
      }
    }
  }
  const units: Unit[] = rows.map((r) =>
    buildUnit(r.id, r.name, view.ref(r.row, unitCol.col), info(r.name), profile, r.group)
  );
  const groupMax = (u: Unit): number =>
    merged?.maxPoints ?? profile.groups.find((g) => g.id === u.groupId)?.maxPoints ?? profile.scale;

  // The scale of the figures.
  const values: number[] = [];
  for (const r of rows)
    for (const m of resultCols) {
      const p = parseVnNumber(view.raw(r.row, m.col));
      if (p.kind === "number") values.push(p.value);
    }
  const colMax = Math.min(
    ...resultCols.map((m) =>
      governing === "mains" ? (m.maxPoints ?? profile.scale) : (m.maxPoints ?? profile.scale)
    )
  );
  let scale: Scale;
  let scaleFrom: TableLayout["scaleFrom"];
  const first = resultCols[0] as Col;
  const firstCell = view.ref(first.headerRow, first.col);
  if (ov?.scale !== undefined) {
    scale = ov.scale;
    scaleFrom = "override";
  } else {
    const words = scaleWords(resultCols.flatMap((m) => m.words));
    const d = decideScale(
      governing === "percent" ? { ...words, percent: true } : words,
      values,
      colMax,
      profile
    );
    if (d.kind === "ambiguous") {
      const sample = values.slice(0, 3).join("; ");
      return {
        ok: false,
        issues: [
          makeIssue("scale_ambiguous", "error", firstCell, {
            column: colLetter(first.col),
            header: first.header,
            values: sample,
            max: colMax,
            choices: d.choices.join(" | "),
          }),
        ],
      };
    }
    scale = d.scale;
    scaleFrom = d.from;
  }
  if (scale !== "points") {
    const v = values[0] ?? 0;
    issues.push(
      makeIssue(
        "scale_read",
        scaleFrom === "header" || scaleFrom === "override" ? "info" : "warning",
        firstCell,
        {
          column: colLetter(first.col),
          header: first.header,
          scale,
          from: scaleFrom,
          value: v,
          points: toPoints(v, scale, colMax),
          max: colMax,
        }
      )
    );
  }

  // Entries and what the table itself says about the result (checked against the computed one).
  const entries: ScoreEntry[] = [];
  const published: PublishedValues[] = [];
  const mainCodes = governing === "mains" ? mains.map((m) => m.code as string) : [TOTAL_CODE];
  units.forEach((unit, k) => {
    const r = (rows[k] as RowUnit).row;
    let sum = 0;
    let sumTol = 0;
    let complete = governing === "mains";
    resultCols.forEach((m, j) => {
      const raw = view.raw(r, m.col);
      const cell = view.ref(r, m.col);
      const code = mainCodes[j] as string;
      const n = readNumber(
        raw,
        cell,
        { unit: unit.id, unitName: unit.name, indicator: code, field: "score" },
        issues
      );
      const max = governing === "mains" ? (m.maxPoints ?? profile.scale) : groupMax(unit);
      const points = n.points === null ? null : toPoints(n.points, scale, max);
      if (points === null) complete = false;
      else {
        sum += points;
        sumTol += toPoints(0.5 * 10 ** -decimalsOf(raw), scale, max);
      }
      entries.push({
        unitId: unit.id,
        code,
        self: { points, raw: n.raw, ...(n.cell ? { cell: n.cell } : {}) },
        appraised: null,
      });
    });
    const pub: { -readonly [K in keyof PublishedValues]: PublishedValues[K] } = { unitId: unit.id };
    if (governing === "mains" && total !== undefined && complete) {
      const raw = view.raw(r, total.col);
      const p = parseVnNumber(raw);
      if (p.kind === "number") {
        const t = toPoints(p.value, scale, groupMax(unit));
        const tol = sumTol + toPoints(0.5 * 10 ** -decimalsOf(raw), scale, groupMax(unit)) + 1e-6;
        if (Math.abs(t - sum) > tol)
          issues.push(
            makeIssue(
              "total_mismatch",
              "warning",
              view.ref(r, total.col),
              { unitName: unit.name, entered: p.value, sum: Math.round(sum * 1e4) / 1e4, scale },
              { unit: unit.id }
            )
          );
      }
    }
    if (rankCol !== undefined) {
      const p = parseVnNumber(view.raw(r, rankCol.col));
      if (p.kind === "number") pub.rank = { value: p.value, cell: view.ref(r, rankCol.col) };
    }
    if (gradeCol !== undefined) {
      const t = view.text(r, gradeCol.col);
      if (t !== "") pub.grade = { text: t, cell: view.ref(r, gradeCol.col) };
    }
    if (percent !== undefined && governing !== "percent") {
      const raw = view.raw(r, percent.col);
      const p = parseVnNumber(raw);
      if (p.kind === "number")
        pub.percent = { value: p.value, decimals: decimalsOf(raw), cell: view.ref(r, percent.col) };
    }
    if (pub.rank !== undefined || pub.grade !== undefined || pub.percent !== undefined)
      published.push(pub);
  });

  const indicators: Indicator[] =
    governing === "mains"
      ? mains.map((m) => {
          if (m.maxPoints == null)
            issues.push(
              makeIssue(
                "max_missing",
                "error",
                view.ref(m.headerRow, m.col),
                { indicator: m.code ?? "", name: m.name ?? "" },
                { indicator: m.code ?? "" }
              )
            );
          const known = profile.mainIndices.find((k) => k.code === m.code);
          const scored = known?.scored ?? true;
          return {
            code: m.code as string,
            name: m.name ?? m.header,
            level: "main",
            maxPoints: m.maxPoints ?? null,
            method: scored ? { kind: "direct" } : { kind: "unscored" },
            scored,
            parentCode: null,
            cell: view.ref(m.headerRow, m.col),
          };
        })
      : [
          {
            code: TOTAL_CODE,
            name: "Tổng điểm",
            level: "main",
            maxPoints: first.maxPoints ?? merged?.maxPoints ?? profile.scale,
            method: { kind: "direct" },
            scored: true,
            parentCode: null,
            cell: firstCell,
          },
        ];

  const layoutCols: LayoutColumn[] = cols
    .filter((c) => c.role !== null)
    .map((c) => ({
      col: colLetter(c.col),
      header: c.header,
      role: c.role as ColumnRole,
      ...(c.code !== undefined && c.role === "main" ? { code: c.code } : {}),
      ...(c.name !== undefined && c.role === "main" ? { name: c.name } : {}),
      ...(c.role === "main" || resultCols.includes(c) ? { maxPoints: c.maxPoints ?? null } : {}),
      ...(resultCols.includes(c) ? { scale } : {}),
      from: c.from,
      ...(c.reason !== undefined ? { reason: c.reason } : {}),
    }));
  for (const c of cols)
    if (c.role === "ignore" && c.reason !== undefined)
      leftOut.push({ where: colLetter(c.col), text: c.header, reason: c.reason });
  const used = [
    unitCol,
    codeCol,
    groupCol,
    total,
    percent,
    rankCol,
    gradeCol,
    ...resultCols,
  ].filter((c): c is Col => c !== undefined);
  const tableLayout: TableLayout = {
    sheet: view.sheet,
    headerRows: subIsHeader ? [hr, hr + 1] : [hr],
    firstDataRow: dataStart,
    lastDataRow: lastRow,
    columns: layoutCols,
    scale,
    scaleFrom,
    groupsFrom,
    leftOut,
  };
  return {
    ok: true,
    value: {
      layout: "summary",
      indicators,
      units,
      entries,
      tableRange: `${a1(hr, Math.min(...used.map((c) => c.col)))}:${a1(lastRow, Math.max(...used.map((c) => c.col)))}`,
      tableLayout,
      ...(published.length > 0 ? { published } : {}),
      ...(merged !== undefined ? { mergedGroup: merged } : {}),
    },
    issues,
  };
}
