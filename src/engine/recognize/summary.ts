/** Layout (c): a summary, one row per unit, one column per main index (or only a total). */
import { a1 } from "../address";
import type { Indicator, Issue, RuleProfile, ScoreEntry, Unit } from "../model/types";
import { parseVnNumber } from "../numbers/vn-number";
import { foldLoose, foldName } from "../text/normalize";
import { makeIssue, readNumber } from "./cells";
import { isRoman, splitLeadingCode } from "./codes";
import { GridView, isNumericColumn, oneLine } from "./grid-view";
import type { HeaderHit } from "./header-row";
import { rolesOfRow } from "./header-row";
import type { Role } from "./headers";
import type { Result, TableOptions } from "./indicator-table";
import { buildUnit, matchGroup, UnitIds, unknownGroup } from "./units";

interface MainCol {
  readonly col: number;
  readonly code: string;
  readonly name: string;
  maxPoints: number | null;
  readonly headerRow: number;
}

const TOTAL_CODE = "TONG";

function firstCol(roles: ReadonlyMap<number, Role>, role: Role): number | undefined {
  for (const [c, r] of roles) if (r === role) return c;
  return undefined;
}

/** "1. Nhận thức số (100 điểm)" → code 1, name, max 100; unknown codes come from the profile or the position. */
function parseMainHeader(
  text: string,
  position: number,
  profile: RuleProfile
): { code: string; name: string; maxPoints: number | null; explicit: boolean } {
  let name = text.trim();
  let maxPoints: number | null = null;
  const maxMatch =
    /\(\s*(?:tối đa|max)?\s*:?\s*(\d+(?:[.,]\d+)?)\s*(?:điểm|đ|d|points?)?\s*\)/iu.exec(name);
  if (maxMatch?.[1] !== undefined) {
    const p = parseVnNumber(maxMatch[1]);
    if (p.kind === "number") maxPoints = p.value;
    name = name.replace(maxMatch[0], "").trim();
  }
  let code: string | null = null;
  const split = splitLeadingCode(name);
  if (split !== null && !isRoman(split[0])) [code, name] = split;
  const chiSo = /^(?:chỉ số|chi so|index)\s+(\d+)\s*[:.\-–]?\s*(.*)$/iu.exec(name);
  if (code === null && chiSo?.[1] !== undefined) {
    code = chiSo[1];
    name = (chiSo[2] ?? "").trim() || name;
  }
  if (code === null && /^\d+$/.test(name)) code = name;
  const explicitCode = code !== null;
  const folded = foldLoose(name);
  const known =
    (code !== null ? profile.mainIndices.find((m) => m.code === code) : undefined) ??
    profile.mainIndices.find((m) => foldLoose(m.name) === folded);
  if (code === null) code = known?.code ?? String(position);
  if (maxPoints === null && known !== undefined) maxPoints = known.maxPoints;
  if (name === "" || name === code) name = known?.name ?? name;
  // A header that names an index ("1. Nhận thức số (40)") makes an index column even when every
  // value under it is unusable (those values are then reported, not dropped).
  const explicit = (explicitCode && maxMatch !== null) || known !== undefined;
  return { code, name, maxPoints, explicit };
}

const SKIP_ROW =
  /^(tong cong|tong|cong|trung binh|binh quan|diem trung binh|average|total)( chung| toan tinh| cac don vi| nhom)?$/;
const MAX_ROW = /^(diem toi da|toi da|thang diem|diem chuan|max)( \(?diem\)?)?$/;

export function readSummary(
  view: GridView,
  header: HeaderHit,
  profile: RuleProfile,
  options: TableOptions
): Result | null {
  const issues: Issue[] = [];
  const hr = header.row;
  const roles = header.roles;
  const unitCol = firstCol(roles, "unit");
  if (unitCol === undefined) return null;
  const codeCol = firstCol(roles, "code");
  const groupCol = firstCol(roles, "group");
  const totalCol = firstCol(roles, "total");

  // A second header row: blank under the unit header, text labels under the index columns.
  const sub = hr + 1 <= view.lastRow ? rolesOfRow(view, hr + 1) : new Map<number, Role>();
  let subTexts = 0;
  for (let c = view.firstCol; c <= view.lastCol; c++) {
    if (roles.has(c) && roles.get(c) !== "name") continue;
    const v = view.raw(hr + 1, c);
    if (typeof v === "string" && v.trim() !== "" && parseVnNumber(v).kind === "not-a-number")
      subTexts++;
  }
  const subIsHeader = view.text(hr + 1, unitCol) === "" && (subTexts > 0 || sub.size > 0);
  const dataStart = subIsHeader ? hr + 2 : hr + 1;

  const mains: MainCol[] = [];
  // Columns with a summary role are not index columns; a "name"-like header ("Chỉ số 1") may be one.
  const taken = (c: number): boolean => {
    const r = roles.get(c);
    return r !== undefined && r !== "name";
  };
  for (let c = view.firstCol; c <= view.lastCol; c++) {
    if (taken(c) || (subIsHeader && sub.has(c) && sub.get(c) !== "name")) continue;
    const subText = subIsHeader ? view.text(hr + 1, c) : "";
    const text = subText !== "" ? subText : view.text(hr, c, true);
    if (text === "") continue;
    const h = parseMainHeader(text, mains.length + 1, profile);
    if (!h.explicit && !isNumericColumn(view, c, dataStart)) continue;
    if (mains.some((m) => m.code === h.code)) {
      issues.push(
        makeIssue(
          "duplicate_code",
          "error",
          view.ref(hr, c),
          { indicator: h.code },
          { indicator: h.code }
        )
      );
      continue;
    }
    mains.push({
      col: c,
      code: h.code,
      name: h.name,
      maxPoints: h.maxPoints,
      headerRow: subText !== "" ? hr + 1 : hr,
    });
  }
  if (mains.length === 0) {
    if (totalCol === undefined) return null;
    const h = view.text(hr, totalCol);
    const p = parseMainHeader(h, 1, profile);
    mains.push({
      col: totalCol,
      code: TOTAL_CODE,
      name: "Tổng điểm",
      maxPoints: p.maxPoints ?? profile.scale,
      headerRow: hr,
    });
  }

  const ids = new UnitIds(issues);
  const units: Unit[] = [];
  const entries: ScoreEntry[] = [];
  const reported = new Set<string>();
  let current: { id: string | null; text: string } | null = null;
  let blankRun = 0;
  let lastRow = hr;
  for (let r = dataStart; r <= view.lastRow; r++) {
    if (view.isBlankRow(r)) {
      blankRun++;
      if (blankRun >= 2 && units.length > 0) break;
      continue;
    }
    blankRun = 0;
    const own = oneLine(view.text(r, unitCol));
    const filled = own !== "" ? own : view.text(r, unitCol, true);
    const stt = codeCol !== undefined ? view.text(r, codeCol) : "";
    const hasNumbers = mains.some((m) => view.raw(r, m.col) !== null);
    const folded = foldLoose(filled);
    if (filled === "" && !hasNumbers) continue;
    if (MAX_ROW.test(folded)) {
      for (const m of mains) {
        const n = readNumber(
          view.raw(r, m.col),
          view.ref(r, m.col),
          { indicator: m.code, field: "max" },
          issues
        );
        if (n.points !== null) m.maxPoints = n.points;
      }
      continue;
    }
    if (SKIP_ROW.test(folded)) continue;
    if (!hasNumbers && filled !== "") {
      const gid = matchGroup(filled, profile);
      const headingLike = isRoman(stt) || /^(khoi|nhom|[ivxlc]+ )/.test(folded) || own === "";
      if (gid !== null || headingLike) {
        current = { id: gid, text: filled };
        if (gid === null && !reported.has(filled)) {
          reported.add(filled);
          issues.push(unknownGroup(view.ref(r, codeCol ?? unitCol), filled, "", profile));
        }
        continue;
      }
    }
    if (own === "") continue;
    lastRow = r;
    const nameCell = view.ref(r, unitCol);
    const id = ids.take(own, nameCell);
    let group: { id: string | null; text: string } | undefined;
    if (groupCol !== undefined) {
      const gText = view.text(r, groupCol, true);
      if (gText !== "") {
        const gid = matchGroup(gText, profile);
        group = { id: gid, text: gText };
        const masterCell = a1(r, groupCol);
        if (gid === null && !reported.has(`${gText}\u0000${masterCell}`)) {
          reported.add(`${gText}\u0000${masterCell}`);
          issues.push(unknownGroup(view.ref(r, groupCol), gText, own, profile));
        }
      }
    }
    if (group === undefined && current !== null) group = current;
    const info = options.units.get(foldName(own));
    units.push(buildUnit(id, own, nameCell, info, profile, group));
    for (const m of mains) {
      const raw = view.raw(r, m.col);
      const cell = view.ref(r, m.col);
      const self =
        typeof raw === "number" && Number.isFinite(raw)
          ? { points: raw, raw, cell }
          : readNumber(
              raw,
              cell,
              { unit: id, unitName: own, indicator: m.code, field: "score" },
              issues
            );
      entries.push({ unitId: id, code: m.code, self, appraised: null });
    }
  }
  if (units.length === 0) return null;

  const indicators: Indicator[] = mains.map((m) => {
    if (m.maxPoints === null) {
      issues.push(
        makeIssue(
          "max_missing",
          "error",
          view.ref(m.headerRow, m.col),
          { indicator: m.code, name: m.name },
          { indicator: m.code }
        )
      );
    }
    const known = profile.mainIndices.find((k) => k.code === m.code);
    const scored = known?.scored ?? true;
    return {
      code: m.code,
      name: m.name,
      level: "main",
      maxPoints: m.maxPoints,
      method: scored ? { kind: "direct" } : { kind: "unscored" },
      scored,
      parentCode: null,
      cell: view.ref(m.headerRow, m.col),
    };
  });
  const cols = [unitCol, codeCol ?? unitCol, groupCol ?? unitCol, ...mains.map((m) => m.col)];
  return {
    ok: true,
    value: {
      layout: "summary",
      indicators,
      units,
      entries,
      tableRange: `${a1(hr, Math.min(...cols))}:${a1(lastRow, Math.max(...cols))}`,
    },
    issues,
  };
}
