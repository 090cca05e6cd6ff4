/** Finding the header row in the first rows of a sheet, and what kind of table it heads. */
import { GridView } from "./grid-view";
import { headerRole, type Role } from "./headers";

export const HEADER_SCAN_ROWS = 15;

export interface HeaderHit {
  readonly row: number;
  readonly kind: "indicators" | "summary";
  /** Column → role for the header row. */
  readonly roles: ReadonlyMap<number, Role>;
  readonly score: number;
}

export function rolesOfRow(view: GridView, row: number): Map<number, Role> {
  const roles = new Map<number, Role>();
  for (let c = view.firstCol; c <= view.lastCol; c++) {
    const t = view.text(row, c);
    if (t === "") continue;
    const role = headerRole(t);
    if (role !== null) roles.set(c, role);
  }
  return roles;
}

function has(roles: ReadonlyMap<number, Role>, ...wanted: Role[]): boolean {
  for (const r of roles.values()) if (wanted.includes(r)) return true;
  return false;
}

/** Candidate header rows in the first rows, best first (more matched roles, then higher up). */
export function findHeaders(view: GridView): HeaderHit[] {
  const hits: HeaderHit[] = [];
  const last = Math.min(view.lastRow, view.firstRow + HEADER_SCAN_ROWS - 1);
  let next = view.firstRow <= last ? rolesOfRow(view, view.firstRow) : new Map<number, Role>();
  for (let r = view.firstRow; r <= last; r++) {
    const roles = next;
    next = r + 1 <= view.lastRow ? rolesOfRow(view, r + 1) : new Map<number, Role>();
    if (roles.size === 0) continue;
    let score = 0;
    let kind: HeaderHit["kind"];
    if (has(roles, "name")) {
      kind = "indicators";
      score = 4;
      if (has(roles, "code")) score++;
      if (has(roles, "max") || has(next, "max")) score++;
      if (has(roles, "self", "appraised") || has(next, "self", "appraised")) score++;
      if (has(roles, "evidence") || has(next, "evidence")) score++;
    } else if (has(roles, "unit")) {
      kind = "summary";
      score = 4;
      if (has(roles, "group")) score++;
      if (has(roles, "total")) score++;
      if (has(roles, "rank")) score++;
      if (has(roles, "grade")) score++;
      if (has(roles, "code")) score++;
    } else continue;
    hits.push({ row: r, kind, roles, score });
  }
  return hits.sort((a, b) => b.score - a.score || a.row - b.row);
}
