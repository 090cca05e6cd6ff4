/**
 * One-click fixes for safe cases only: a number typed as text ("8,5" → 8.5). The pane shows
 * `describeSafeFix` and asks; `applySafeFix` runs only after the user said yes, writes one cell,
 * and returns what it changed so `undoSafeFix` can put it back.
 */
import { type CellValue, type Issue, parseVnNumber } from "../engine";
import type { WorkbookPort } from "../workbook/port";

export interface SafeFix {
  readonly sheet: string;
  readonly cell: string;
  /** What the cell holds now (the text). */
  readonly before: CellValue;
  /** What it will hold (the number). */
  readonly after: number;
}

export type FixOutcome =
  | { readonly ok: true; readonly change: SafeFix }
  /** "not-safe": not a fixable issue; "changed": the cell no longer holds the text the issue saw. */
  | { readonly ok: false; readonly reason: "not-safe" | "changed" };

/** The fix an issue offers, to show the user before asking (pure); null when none is safe. */
export function describeSafeFix(issue: Issue): SafeFix | null {
  if (issue.code !== "vn_number_parsed" || issue.cell === undefined) return null;
  const text = issue.params["text"];
  if (typeof text !== "string") return null;
  const parsed = parseVnNumber(text);
  if (parsed.kind !== "number") return null;
  return { sheet: issue.cell.sheet, cell: issue.cell.cell, before: text, after: parsed.value };
}

/**
 * Applies the fix the user confirmed: reads the cell (it may have changed since the check), then
 * writes the single number. Two round trips.
 */
export async function applySafeFix(port: WorkbookPort, issue: Issue): Promise<FixOutcome> {
  const fix = describeSafeFix(issue);
  if (fix === null) return { ok: false, reason: "not-safe" };
  const now = (await port.readRange(fix.sheet, fix.cell)).values[0]?.[0] ?? null;
  if (now !== fix.before) return { ok: false, reason: "changed" };
  await port.writeValues(fix.sheet, [{ cell: fix.cell, value: fix.after }]);
  return { ok: true, change: fix };
}

/** Puts the text back, only if the cell still holds the number the fix wrote. */
export async function undoSafeFix(port: WorkbookPort, change: SafeFix): Promise<FixOutcome> {
  const now = (await port.readRange(change.sheet, change.cell)).values[0]?.[0] ?? null;
  if (now !== change.after) return { ok: false, reason: "changed" };
  await port.writeValues(change.sheet, [{ cell: change.cell, value: change.before }]);
  return { ok: true, change };
}
