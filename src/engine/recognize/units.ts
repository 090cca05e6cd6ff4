/** Units: ranking-group matching by name and the "Đơn vị" sheet of the DTI entry workbook. */
import type { CellRef, CellValue, Issue, RuleProfile, Unit } from "../model/types";
import { foldLoose, foldName } from "../text/normalize";
import { makeIssue } from "./cells";
import { GridView, cellText } from "./grid-view";
import { matchGroupByKeywords } from "./groups";
import { headerRole, type Role } from "./headers";

function stripGroupWords(f: string): string {
  return f
    .replace(/^((?:[ivxlc]+|\d+|[a-d])\s+)/, "")
    .replace(/^(khoi|nhom|cac)\s+/, "")
    .replace(/\bcac\b/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const groupCache = new WeakMap<RuleProfile, Map<string, string | null>>();

/** Group text ("Khối Sở, ban, ngành", "I. UBND huyện") → the profile's group id, or null: never a guess. */
export function matchGroup(text: string, profile: RuleProfile): string | null {
  let cache = groupCache.get(profile);
  if (cache === undefined) {
    cache = new Map();
    groupCache.set(profile, cache);
  }
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const id = computeGroup(text, profile);
  if (cache.size < 10_000) cache.set(text, id);
  return id;
}

function computeGroup(text: string, profile: RuleProfile): string | null {
  const f = foldLoose(text);
  if (f === "") return null;
  const wanted = new Set([f, stripGroupWords(f), stripGroupWords(stripGroupWords(f))]);
  for (const g of profile.groups) {
    for (const name of [g.id, g.name, g.nameEn, ...g.aliases]) {
      const n = foldLoose(name);
      if (n !== "" && (wanted.has(n) || wanted.has(stripGroupWords(n)))) return g.id;
    }
  }
  return matchGroupByKeywords(text, profile);
}

/** "Có", "x", "yes", TRUE → true; "Không", blank, "no", FALSE → false; other text → null. */
export function yesNo(v: CellValue): boolean | null {
  if (typeof v === "boolean") return v;
  if (v === null) return false;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "object") return null;
  const f = foldName(v);
  if (["co", "x", "yes", "y", "1", "true", "dung", "v", "✓", "✔"].includes(f)) return true;
  if (["", "khong", "no", "n", "0", "false", "-", "k"].includes(f)) return false;
  return null;
}

export interface UnitInfo {
  readonly name: string;
  readonly groupText: string;
  readonly groupId: string | null;
  readonly hasSubordinateUnits: boolean;
  readonly hasDvctt: boolean;
  readonly specialPurpose: boolean;
  readonly notApplicable: readonly string[];
  readonly cell: CellRef;
}

const UNIT_SHEET_ROLES: readonly Role[] = ["flag-subordinates", "flag-dvctt", "flag-special"];

/** True when a grid looks like the units sheet (unit names with flags). */
export function isUnitsSheet(view: GridView): boolean {
  if (foldName(view.sheet) === "don vi") return true;
  const last = Math.min(view.lastRow, view.firstRow + 4);
  for (let r = view.firstRow; r <= last; r++) {
    let unit = false;
    let flag = false;
    for (let c = view.firstCol; c <= Math.min(view.lastCol, view.firstCol + 30); c++) {
      const role = headerRole(view.text(r, c));
      if (role === "unit") unit = true;
      if (role !== null && UNIT_SHEET_ROLES.includes(role)) flag = true;
    }
    if (unit && flag) return true;
  }
  return false;
}

/** Reads the units sheet: unit name (folded) → flags and group. Issues: unknown_group. */
export function readUnitsSheet(
  view: GridView,
  profile: RuleProfile,
  issues: Issue[]
): Map<string, UnitInfo> {
  const out = new Map<string, UnitInfo>();
  const last = Math.min(view.lastRow, view.firstRow + 14);
  let headerRow = -1;
  const cols = new Map<Role, number>();
  for (let r = view.firstRow; r <= last && headerRow < 0; r++) {
    const found = new Map<Role, number>();
    for (let c = view.firstCol; c <= Math.min(view.lastCol, view.firstCol + 40); c++) {
      const role = headerRole(view.text(r, c));
      if (role !== null && !found.has(role)) found.set(role, c);
    }
    if (found.has("unit")) {
      headerRow = r;
      for (const [k, v] of found) cols.set(k, v);
    }
  }
  const unitCol = cols.get("unit");
  if (headerRow < 0 || unitCol === undefined) return out;
  const get = (r: number, role: Role): CellValue => {
    const c = cols.get(role);
    return c === undefined ? null : view.raw(r, c);
  };
  for (let r = headerRow + 1; r <= view.lastRow; r++) {
    const name = view.text(r, unitCol);
    if (name === "") continue;
    const groupText = cellText(get(r, "group"));
    let groupId = matchGroup(groupText, profile);
    const groupCol = cols.get("group");
    if (groupId === null && groupText !== "" && groupCol !== undefined) {
      issues.push(unknownGroup(view.ref(r, groupCol), groupText, name, profile));
    }
    if (groupId === null && groupText === "" && profile.groups.length === 1) {
      groupId = profile.groups[0]?.id ?? null;
    }
    const na = cellText(get(r, "not-applicable"))
      .split(/[;,\s]+/)
      .map((s) => s.trim().replace(/\.$/, ""))
      .filter((s) => s !== "");
    out.set(foldName(name), {
      name,
      groupText,
      groupId,
      hasSubordinateUnits: yesNo(get(r, "flag-subordinates")) ?? false,
      hasDvctt: yesNo(get(r, "flag-dvctt")) ?? false,
      specialPurpose: yesNo(get(r, "flag-special")) ?? false,
      notApplicable: na,
      cell: view.ref(r, unitCol),
    });
  }
  return out;
}

export function unknownGroup(
  cell: CellRef,
  groupText: string,
  unitName: string,
  profile: RuleProfile
): Issue {
  return makeIssue(
    "unknown_group",
    "error",
    cell,
    {
      group: groupText,
      unitName,
      groups: profile.groups.map((g) => g.name).join("; "),
    },
    { unit: unitName }
  );
}

/** Unique unit ids from names: a repeated name gets " (2)" and a duplicate_unit issue. */
export class UnitIds {
  private readonly used = new Map<string, number>();
  constructor(private readonly issues: Issue[]) {}

  take(name: string, cell: CellRef): string {
    const base = name.replace(/\s+/g, " ").trim() || "?";
    const key = foldName(base);
    const n = (this.used.get(key) ?? 0) + 1;
    this.used.set(key, n);
    if (n === 1) return base;
    this.issues.push(
      makeIssue("duplicate_unit", "error", cell, { unitName: base, count: n }, { unit: base })
    );
    return `${base} (${n})`;
  }
}

/** A unit with its flags from the units sheet when listed there, else neutral defaults (no special rule applies). */
export function buildUnit(
  id: string,
  name: string,
  cell: CellRef,
  info: UnitInfo | undefined,
  profile: RuleProfile,
  groupFromTable?: { readonly id: string | null; readonly text: string }
): Unit {
  const single = profile.groups.length === 1 ? (profile.groups[0]?.id ?? null) : null;
  const groupText = groupFromTable?.text ?? info?.groupText ?? "";
  const groupId = groupFromTable !== undefined ? groupFromTable.id : (info?.groupId ?? single);
  return {
    id,
    name,
    groupId: groupId ?? (groupText === "" ? single : null),
    ...(groupText !== "" ? { groupText } : {}),
    hasSubordinateUnits: info?.hasSubordinateUnits ?? true,
    hasDvctt: info?.hasDvctt ?? true,
    specialPurpose: info?.specialPurpose ?? false,
    notApplicable: info?.notApplicable ?? [],
    cell,
  };
}
