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
    // A row may head either kind ("Chỉ số 1" over a summary column reads like a name header): both are tried.
    if (has(roles, "name")) {
      let score = 4;
      if (has(roles, "code")) score++;
      if (has(roles, "max") || has(next, "max")) score++;
      if (has(roles, "self", "appraised") || has(next, "self", "appraised")) score++;
      if (has(roles, "evidence") || has(next, "evidence")) score++;
      if (has(roles, "unit")) score--;
      hits.push({ row: r, kind: "indicators", roles, score });
    }
    if (has(roles, "unit")) {
      let score = 4;
      if (has(roles, "group")) score++;
      if (has(roles, "total")) score++;
      if (has(roles, "rank")) score++;
      if (has(roles, "grade")) score++;
      if (has(roles, "code")) score++;
      hits.push({ row: r, kind: "summary", roles, score });
    }
  }
  return hits.sort((a, b) => b.score - a.score || a.row - b.row);
}
