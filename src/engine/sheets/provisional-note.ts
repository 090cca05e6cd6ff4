/**
 * The "Ghi chú" of a ranked row: why the unit's result is provisional, in words ("tạm tính: 1 lỗi ở
 * 5.2; 2 chỉ số chưa nhập (1.1, 1.2)"), so a printed appendix says it without relying on italics.
 */
import type { EnteredNumber, UnitResult } from "../model/types";
import { keysOf, peek } from "../score/lazy-record";
import type { EntryIndex } from "./main-index-links";

/** At most this many codes are listed per kind; the rest become "…". */
const MAX_CODES = 5;

function isBlank(n: EnteredNumber | null | undefined): boolean {
  const raw = n?.raw ?? null;
  return raw === null || (typeof raw === "string" && raw.trim() === "");
}

function codes(list: readonly string[]): string {
  const shown = list.slice(0, MAX_CODES).join(", ");
  return list.length > MAX_CODES ? `${shown}, …` : shown;
}

/** Splits a unit's unscored components into typed-but-invalid (errors) and blank (not entered). */
function unscoredComponents(
  unit: UnitResult,
  entries: EntryIndex
): { readonly errors: string[]; readonly blank: string[] } {
  const errors: string[] = [];
  const blank: string[] = [];
  const mine = entries.get(unit.unitId);
  for (const code of keysOf(unit.components)) {
    const r = peek(unit.components, code);
    if (r === undefined || r.points !== null || r.how.rule !== "missing") continue;
    const e = mine?.get(code);
    const chosen = e === undefined ? undefined : !isBlank(e.appraised) ? e.appraised : e.self;
    if (chosen !== undefined && !isBlank(chosen)) errors.push(code);
    else blank.push(code);
  }
  return { errors, blank };
}

/** The note, or null when the unit's result is final. */
export function provisionalNote(unit: UnitResult, entries: EntryIndex): string | null {
  if (!unit.provisional) return null;
  const { errors, blank } = unscoredComponents(unit, entries);
  const parts: string[] = [];
  if (errors.length > 0) parts.push(`${errors.length} lỗi ở ${codes(errors)}`);
  if (blank.length > 0) parts.push(`${blank.length} chỉ số chưa nhập (${codes(blank)})`);
  if (parts.length === 0) parts.push("còn điểm chưa tính được");
  return `tạm tính: ${parts.join("; ")}`;
}
