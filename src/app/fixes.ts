/**
 * One-click fixes for safe cases only: a number typed as text ("8,5" → 8.5). The pane shows
 * `describeSafeFix` and asks; `applySafeFix` runs only after the user said yes, writes one cell,
 * and returns what it changed so `undoSafeFixes` can put it back.
 */
import { a1, type CellValue, type Issue, parseA1, parseVnNumber } from "../engine";
import type { WorkbookPort } from "../workbook/port";

export interface SafeFix {
  readonly sheet: string;
  readonly cell: string;
  /** What the cell holds now (the text). */
  readonly before: CellValue;
  /** What it will hold (the number). */
  readonly after: number;
}

type FixOutcome =
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

/** What "Sửa tất cả" did: the cells it wrote (for the one undo) and those it left alone. */
export interface SafeFixesOutcome {
  readonly changes: readonly SafeFix[];
  /** Cells whose content changed since the check: not written. */
  readonly refused: readonly SafeFix[];
}

/**
 * "Sửa tất cả": every safe fix among the issues, after one confirmation. Per sheet, one read of the
 * block spanning the cells and one write of all the numbers (in practice all sit in "Nhập điểm": one
 * write in all); a cell that no longer holds the text the check saw is refused, not written.
 */
export async function applySafeFixes(
  port: WorkbookPort,
  issues: readonly Issue[]
): Promise<SafeFixesOutcome> {
  const fixes = new Map<string, SafeFix>();
  for (const issue of issues) {
    const fix = describeSafeFix(issue);
    if (fix) fixes.set(`${fix.sheet}!${fix.cell}`, fix);
  }
  return writeChecked(port, [...fixes.values()], "before", "after");
}

/** The one undo of "Sửa tất cả": puts the texts back where the cells still hold the fixed numbers. */
export async function undoSafeFixes(
  port: WorkbookPort,
  changes: readonly SafeFix[]
): Promise<SafeFixesOutcome> {
  return writeChecked(port, changes, "after", "before");
}

/** Per sheet: reads the cells' block once, writes `to` into the cells that still hold `from`. */
async function writeChecked(
  port: WorkbookPort,
  fixes: readonly SafeFix[],
  from: "before" | "after",
  to: "before" | "after"
): Promise<SafeFixesOutcome> {
  const bySheet = new Map<string, SafeFix[]>();
  for (const f of fixes) bySheet.set(f.sheet, [...(bySheet.get(f.sheet) ?? []), f]);
  const changes: SafeFix[] = [];
  const refused: SafeFix[] = [];
  for (const [sheet, list] of bySheet) {
    const pos = list.map((f) => parseA1(f.cell));
    const rows = pos.map((p) => p?.row ?? 1);
    const cols = pos.map((p) => p?.col ?? 1);
    const top = Math.min(...rows);
    const left = Math.min(...cols);
    const block = await port.readRange(
      sheet,
      `${a1(top, left)}:${a1(Math.max(...rows), Math.max(...cols))}`
    );
    const writes: { cell: string; value: CellValue }[] = [];
    list.forEach((f, k) => {
      const p = pos[k];
      const now =
        p === null || p === undefined
          ? undefined
          : (block.values[p.row - block.originRow]?.[p.col - block.originCol] ?? null);
      if (now === f[from]) {
        writes.push({ cell: f.cell, value: f[to] });
        changes.push(f);
      } else refused.push(f);
    });
    if (writes.length > 0) await port.writeValues(sheet, writes);
  }
  return { changes, refused };
}
