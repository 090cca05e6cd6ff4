/**
 * Layouts with one row per indicator: (a) one unit's form, (b) a matrix (one or three columns per unit).
 *
 * Over 400 lines: layouts (a) and (b) share the row reading, code checks and unit columns.
 */
import { a1 } from "../address";
import type {
  CellRef,
  Concern,
  EnteredNumber,
  Indicator,
  IndicatorLevel,
  Issue,
  Recognized,
  RuleProfile,
  ScoreEntry,
  Unit,
} from "../model/types";
import { parseVnNumber } from "../numbers/vn-number";
import { foldLoose, foldName } from "../text/normalize";
import { makeIssue, readNumber } from "./cells";
import { isNumericCode, levelOfCode, normaliseCode, parentOfCode, splitLeadingCode } from "./codes";
import { GridView, cellText, isNumericColumn, oneLine } from "./grid-view";
import type { HeaderHit } from "./header-row";
import { rolesOfRow } from "./header-row";
import { headerRole, type Role } from "./headers";
import type { LayoutOverrides } from "./layout";
import { sortIndicators } from "./order";
import { buildUnit, matchGroup, UnitIds, unknownGroup, type UnitInfo } from "./units";

interface UnitBlock {
  readonly name: string;
  readonly nameCell: CellRef;
  self?: number;
  appraised?: number;
  evidence?: number;
  /** A form's "Nhóm: …" title line. */
  group?: { readonly id: string | null; readonly text: string };
}

interface Row {
  readonly row: number;
  readonly indicator: Indicator;
  /** The max cell held something unusable (already reported). */
  readonly maxBad: boolean;
}

export interface TableOptions {
  readonly unitName?: string;
  readonly units: ReadonlyMap<string, UnitInfo>;
  readonly overrides?: LayoutOverrides;
}

/** Words over a two-row score header that are not unit names: "Điểm" over "Tự đánh giá | Thẩm định". */
const GENERIC =
  /^(diem|diem so|so diem|ket qua|diem danh gia|ket qua danh gia|ket qua cham diem|diem cham|cham diem|danh gia|score|scores|points)$/;

const TOTAL_ROW = /^(tong cong|tong so diem|tong diem|tong|cong|total)\b/;

const SCORE_ROLES: readonly Role[] = ["self", "appraised", "evidence"];

function levelFromText(text: string): IndicatorLevel | null {
  const f = foldName(text);
  if (f === "") return null;
  if (f.includes("thanh phan") || f === "component") return "component";
  if (f.includes("chinh") || f === "main") return "main";
  if (f.includes("tieu chi") || f === "criterion") return "criterion";
  if (f.includes("nhom") || f.includes("tru cot") || f === "pillar") return "pillar";
  return null;
}

/** A "Liên quan" cell → the special rule the component falls under (Sơn La rules 1 and 2). */
function concernOf(text: string): { concerns?: Concern } {
  const f = foldLoose(text);
  if (f === "") return {};
  if (f.includes("truc thuoc")) return { concerns: "subordinate-units" };
  if (f.includes("dvctt") || f.includes("dich vu cong")) return { concerns: "dvctt" };
  return {};
}

function firstCol(roles: ReadonlyMap<number, Role>, role: Role): number | undefined {
  for (const [c, r] of roles) if (r === role) return c;
  return undefined;
}

const UNIT_LABEL =
  /^(ten )?(co quan|don vi)(,? (don vi|co quan))?( (danh gia|tu danh gia|duoc danh gia))?$/;
const GROUP_LABEL = /^(nhom|khoi)( xep hang| don vi| co quan)?$/;

/** Words an agency's name starts with ("Sở …", "Văn phòng Hội đồng nhân dân …", "UBND huyện …"). */
const AGENCY_START =
  /^(so|ban|van phong|ubnd|uy ban|trung tam|thanh tra|cong an|quy|bo chi huy|dai|bao|truong|benh vien|kho bac|cuc|chi cuc|ngan hang|ban quan ly|huyen|thanh pho|thi xa|xa|phuong|thi tran)( |$)/;

/**
 * Whether a header cell over "Tự đánh giá | Thẩm định | Tài liệu kiểm chứng" names a unit. Generic
 * words ("Điểm", "Kết quả") and column labels ("Đơn vị", "Điểm tự đánh giá") do not; a unit called
 * "Đơn vị 1" / "Cơ quan B" does, although it starts like the "Đơn vị" label, and so does an agency
 * whose name contains a label word ("Văn phòng Hội đồng nhân dân tỉnh": "hội đồng").
 */
function isUnitNameHeader(name: string): boolean {
  const loose = foldLoose(name);
  if (GENERIC.test(loose)) return false;
  if (AGENCY_START.test(loose)) return true;
  const role = headerRole(name);
  if (role === null) return true;
  return role === "unit" && !UNIT_LABEL.test(foldName(name)) && !/^(ten )?dia phuong$/.test(loose);
}

/** A "Label: value" line above the header ("Đơn vị: Sở Tài chính", "Nhóm: Sở, ban, ngành"). */
function titleValue(
  view: GridView,
  headerRow: number,
  label: RegExp
): { text: string; cell: CellRef } | null {
  for (let r = view.firstRow; r < headerRow; r++) {
    for (let c = view.firstCol; c <= Math.min(view.lastCol, view.firstCol + 20); c++) {
      const t = view.text(r, c);
      if (t === "") continue;
      const m = /^([^:：]{2,40})[:：]\s*(.*)$/u.exec(t);
      if (m === null || m[1] === undefined || !label.test(foldName(m[1]))) continue;
      const rest = (m[2] ?? "").trim().replace(/^[.…_\s]+$/, "");
      if (rest !== "") return { text: rest, cell: view.ref(r, c) };
      for (let c2 = c + 1; c2 <= Math.min(view.lastCol, c + 10); c2++) {
        const next = view.text(r, c2);
        if (next !== "") return { text: next, cell: view.ref(r, c2) };
      }
    }
  }
  return null;
}

export function readIndicatorTable(
  view: GridView,
  header: HeaderHit,
  profile: RuleProfile,
  options: TableOptions
): Result | null {
  const issues: Issue[] = [];
  const hr = header.row;
  const roles = header.roles;
  const subRoles = hr + 1 <= view.lastRow ? rolesOfRow(view, hr + 1) : new Map<number, Role>();
  const codeCol0 = firstCol(roles, "code");
  const subIsHeader =
    [...subRoles.values()].some((r) => SCORE_ROLES.includes(r) || r === "max") &&
    (codeCol0 === undefined || normaliseCode(view.text(hr + 1, codeCol0)) === null);
  const dataStart = subIsHeader ? hr + 2 : hr + 1;
  const roleAt = (c: number): Role | undefined =>
    roles.get(c) ?? (subIsHeader ? subRoles.get(c) : undefined);
  const colOf = (role: Role): number | undefined => {
    for (let c = view.firstCol; c <= view.lastCol; c++) if (roleAt(c) === role) return c;
    return undefined;
  };
  const codeCol = codeCol0;
  const nameCol = firstCol(roles, "name");
  if (nameCol === undefined) return null;
  const maxCol = colOf("max");
  const levelCol = firstCol(roles, "level");
  const concernsCol = colOf("concerns");

  // Unit blocks: a unit name in the header row over "Tự đánh giá | Thẩm định | Tài liệu kiểm chứng".
  const blocks: UnitBlock[] = [];
  if (subIsHeader) {
    const byMaster = new Map<number, UnitBlock>();
    let blockEnd = -1; // last column given to the latest block
    for (let c = view.firstCol; c <= view.lastCol; c++) {
      const sub = subRoles.get(c);
      if (sub !== "self" && sub !== "appraised" && sub !== "evidence") continue;
      const name = oneLine(view.text(hr, c, true));
      const prevBlock = blocks[blocks.length - 1];
      if (
        name === "" &&
        prevBlock !== undefined &&
        prevBlock[sub] === undefined &&
        blockEnd === c - 1
      ) {
        // A name centred across its columns without a merge (the add-in's own entry sheet since
        // 2026-12, and many provinces' matrices): the name only in the first column, the next
        // header cells blank; a blank right after the unit's columns belongs to that unit.
        prevBlock[sub] = c;
        blockEnd = c;
        continue;
      }
      if (name === "" || !isUnitNameHeader(name)) continue;
      const master = view.masterCol(hr, c);
      let block = byMaster.get(master);
      const prev = blocks[blocks.length - 1];
      if (
        block === undefined &&
        prev !== undefined &&
        prev.name === name &&
        prev[sub] === undefined
      )
        block = prev;
      if (block === undefined) {
        block = { name, nameCell: view.ref(hr, master) };
        byMaster.set(master, block);
        blocks.push(block);
      }
      if (block[sub] === undefined) block[sub] = c;
      blockEnd = c;
    }
  }
  let layout: Recognized["layout"] = blocks.length > 0 ? "matrix" : "form";
  const formSelf = colOf("self");
  const formAppraised = colOf("appraised");
  let formSelfFallback: number | undefined;
  if (blocks.length === 0 && formSelf === undefined && formAppraised === undefined) {
    // Simple matrix: one column per unit, its name as header, numbers below.
    const after = Math.max(nameCol, codeCol ?? 0, maxCol ?? 0, levelCol ?? 0);
    let generic: number | undefined;
    for (let c = after + 1; c <= view.lastCol; c++) {
      if (roleAt(c) !== undefined) continue;
      const name = oneLine(view.text(hr, c));
      if (name === "" || !isNumericColumn(view, c, dataStart)) continue;
      if (GENERIC.test(foldLoose(name))) {
        generic ??= c;
        continue;
      }
      blocks.push({ name, nameCell: view.ref(hr, c), self: c });
    }
    if (blocks.length > 0) layout = "matrix";
    // A form whose score column is headed only "Điểm" / "Kết quả": the unit's own score.
    else if (generic !== undefined) formSelfFallback = generic;
  }
  const selfCol = formSelf ?? formSelfFallback;
  if (layout === "form" && (selfCol !== undefined || formAppraised !== undefined)) {
    const title = options.unitName === undefined ? titleValue(view, hr, UNIT_LABEL) : null;
    const name = options.unitName ?? title?.text ?? view.sheet;
    const block: UnitBlock = { name, nameCell: title?.cell ?? view.ref(hr, nameCol) };
    const group = titleValue(view, hr, GROUP_LABEL);
    if (group !== null) {
      const id = matchGroup(group.text, profile);
      block.group = { id, text: group.text };
      if (id === null) issues.push(unknownGroup(group.cell, group.text, name, profile));
    }
    if (selfCol !== undefined) block.self = selfCol;
    if (formAppraised !== undefined) block.appraised = formAppraised;
    const ev = colOf("evidence");
    if (ev !== undefined) block.evidence = ev;
    blocks.push(block);
  }

  // Indicator rows.
  const rows: Row[] = [];
  const seen = new Map<string, CellRef>();
  let pillar: string | null = null;
  let lastNumeric: string | null = null;
  let lastRow = hr;
  for (let r = dataStart; r <= view.lastRow; r++) {
    if (view.isBlankRow(r)) continue;
    const codeText = codeCol !== undefined ? view.text(r, codeCol) : "";
    let name = view.text(r, nameCol);
    let code = normaliseCode(codeText);
    const split = splitLeadingCode(name);
    if (code === null && codeText === "" && split !== null) [code, name] = split;
    // A running number in STT beside a name that carries the real code ("1.2. Tỷ lệ…"): the name wins.
    else if (code !== null && split !== null && (split[0] === code || isNumericCode(split[0])))
      [code, name] = split;
    // Lettered sub-criteria ("a)", "b") under a component count only when they carry their own max;
    // otherwise they describe the component, whose row holds the score.
    let letterParent: string | null = null;
    const letter = /^([a-zđ])[).]?$/iu.exec(codeText)?.[1]?.toLowerCase();
    if (code === null && letter !== undefined && lastNumeric !== null && maxCol !== undefined) {
      if (view.raw(r, maxCol) !== null) {
        code = `${lastNumeric}.${letter}`;
        letterParent = lastNumeric;
      }
    }
    if (code === null) {
      // A row with a name and a max is an indicator: a code that cannot be read is an error, never a drop.
      const maxRaw = maxCol !== undefined ? view.raw(r, maxCol) : null;
      const hasMax = maxRaw !== null && parseVnNumber(maxRaw).kind === "number";
      if (hasMax && name !== "" && (codeText !== "" || !TOTAL_ROW.test(foldLoose(name)))) {
        const guess = codeText
          .normalize("NFKC")
          .replace(/[,;:]/g, ".")
          .replace(/\.{2,}/g, ".")
          .replace(/[lI|]/g, "1")
          .replace(/[oO]/g, "0");
        const suggestion = normaliseCode(guess);
        issues.push(
          makeIssue(
            "code_invalid",
            "error",
            view.ref(r, codeCol ?? nameCol),
            { text: codeText, name, suggestion: suggestion ?? "" },
            {}
          )
        );
      }
      continue; // note, total or blank-code row
    }
    // The numbering row under some headers: (1) (2) (3)…
    if (/^\(?\d+\)?$/.test(name) && isNumericCode(code) && view.text(r, nameCol) !== "") continue;
    const here = view.ref(r, codeCol ?? nameCol);
    const first = seen.get(code);
    if (first !== undefined) {
      issues.push(
        makeIssue(
          "duplicate_code",
          "error",
          here,
          { indicator: code, firstCell: first.cell },
          { indicator: code }
        )
      );
      continue;
    }
    seen.set(code, here);
    const level =
      (levelCol !== undefined ? levelFromText(view.text(r, levelCol)) : null) ?? levelOfCode(code);
    if (level === "pillar") pillar = code;
    const parentCode = level === "pillar" ? null : (letterParent ?? parentOfCode(code) ?? pillar);
    if (isNumericCode(code)) lastNumeric = code;
    let maxPoints: number | null = null;
    let maxBad = false;
    if (maxCol !== undefined) {
      const n = readNumber(
        view.raw(r, maxCol),
        view.ref(r, maxCol),
        { indicator: code, field: "max" },
        issues
      );
      maxPoints = n.points;
      maxBad = n.points === null && n.raw !== null;
    }
    const known = level === "main" ? profile.mainIndices.find((m) => m.code === code) : undefined;
    if (maxPoints === null && known !== undefined && !maxBad) maxPoints = known.maxPoints;
    const scored = known === undefined ? true : known.scored;
    rows.push({
      row: r,
      indicator: {
        code,
        name,
        level,
        maxPoints,
        method: scored ? { kind: "direct" } : { kind: "unscored" },
        scored,
        parentCode,
        cell: here,
        ...concernOf(concernsCol !== undefined ? view.text(r, concernsCol) : ""),
      },
      maxBad,
    });
    lastRow = r;
  }
  if (rows.length === 0) return null;

  // A code whose parent is not in the table (a typo: "3.1" with no "3") is reported, not re-parented.
  const orphans = new Set<number>();
  rows.forEach(({ row, indicator }, k) => {
    const parent = parentOfCode(indicator.code);
    if (parent === null || seen.has(parent)) return;
    const level = parent.split(".").length;
    if (
      !rows.some(
        (o) => isNumericCode(o.indicator.code) && o.indicator.code.split(".").length === level
      )
    )
      return; // a flat list of components without main rows
    orphans.add(k);
    issues.push(
      makeIssue(
        "code_orphan",
        "error",
        view.ref(row, codeCol ?? nameCol),
        { indicator: indicator.code, parent, name: indicator.name },
        { indicator: indicator.code }
      )
    );
  });
  if (orphans.size > 0) {
    const kept = rows.filter((_, k) => !orphans.has(k));
    rows.length = 0;
    rows.push(...kept);
  }

  // Maxima: a parent without one takes the sum of its children; a leaf without one is max_missing.
  const children = new Map<string, Indicator[]>();
  for (const { indicator } of rows) {
    if (indicator.parentCode === null) continue;
    const list = children.get(indicator.parentCode) ?? [];
    list.push(indicator);
    children.set(indicator.parentCode, list);
  }
  const maxOf = new Map<string, number | null>();
  const resolveMax = (ind: Indicator, depth: number): number | null => {
    if (maxOf.has(ind.code)) return maxOf.get(ind.code) ?? null;
    let m = ind.maxPoints;
    const kids = children.get(ind.code);
    if (m === null && kids !== undefined && depth < 50) {
      let sum = 0;
      for (const k of kids) {
        const km = resolveMax(k, depth + 1);
        if (km === null) {
          sum = Number.NaN;
          break;
        }
        sum += km;
      }
      m = Number.isNaN(sum) ? null : sum;
    }
    maxOf.set(ind.code, m);
    return m;
  };
  const indicators: Indicator[] = rows.map(({ row, indicator, maxBad }) => {
    const m = resolveMax(indicator, 0);
    if (m === null && !maxBad && indicator.level !== "pillar" && indicator.scored) {
      const at = view.ref(row, maxCol ?? nameCol);
      const params = { indicator: indicator.code, name: indicator.name };
      issues.push(makeIssue("max_missing", "error", at, params, { indicator: indicator.code }));
    }
    return { ...indicator, maxPoints: m };
  });
  const parents = new Set(children.keys());

  // Units and entries.
  const ids = new UnitIds(issues);
  const units: Unit[] = [];
  const entries: ScoreEntry[] = [];
  const read = (
    row: number,
    col: number | undefined,
    isParent: boolean,
    unit: string,
    unitName: string,
    indicator: string,
    field: string
  ): EnteredNumber | null => {
    if (col === undefined) return null;
    // A parent row's SUM formula is derived, not entered: the engine sums the components itself.
    if (isParent && view.formula(row, col) !== null) return null;
    const raw = view.raw(row, col);
    const cell = view.ref(row, col);
    if (typeof raw === "number" && Number.isFinite(raw)) return { points: raw, raw, cell };
    return readNumber(raw, cell, { unit, unitName, indicator, field }, issues);
  };
  const isParentRow = rows.map(({ indicator }) => parents.has(indicator.code));
  for (const block of blocks) {
    const id = ids.take(block.name, block.nameCell);
    const info = options.units.get(foldName(block.name));
    units.push(buildUnit(id, block.name, block.nameCell, info, profile, block.group));
    rows.forEach(({ row, indicator }, k) => {
      const isParent = isParentRow[k] === true;
      const code = indicator.code;
      const self = read(row, block.self, isParent, id, block.name, code, "self");
      const appraised = read(row, block.appraised, isParent, id, block.name, code, "appraised");
      if (isParent && (self?.raw ?? null) === null && (appraised?.raw ?? null) === null) return;
      if (block.evidence === undefined) {
        entries.push({ unitId: id, code, self, appraised });
        return;
      }
      entries.push({
        unitId: id,
        code,
        self,
        appraised,
        evidence: cellText(view.raw(row, block.evidence)),
        evidenceCell: view.ref(row, block.evidence),
      });
    });
  }
  let rightCol = Math.max(nameCol, codeCol ?? 0, maxCol ?? 0, levelCol ?? 0);
  for (const b of blocks)
    rightCol = Math.max(rightCol, b.self ?? 0, b.appraised ?? 0, b.evidence ?? 0);
  const leftCol = Math.min(nameCol, codeCol ?? nameCol);
  return {
    ok: true,
    value: {
      layout,
      indicators: sortIndicators(indicators),
      units,
      entries,
      tableRange: `${a1(hr, leftCol)}:${a1(lastRow, rightCol)}`,
    },
    issues,
  };
}

type Result = { ok: true; value: Recognized; issues: Issue[] };
