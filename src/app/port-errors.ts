/** Port errors that are the user's data situation (a sheet deleted or renamed) become issues. */
import type { Issue, PortErrorCode, PortErrorDetail } from "../engine";
import { PortError } from "../workbook/port";

/** An issue for a PortError the user can fix in the workbook; null for anything else (rethrow it). */
export function portErrorIssue(e: unknown): Issue | null {
  if (!(e instanceof PortError)) return null;
  if (e.code === "sheet_not_found") {
    return {
      code: "sheet_missing",
      severity: "error",
      params: { sheet: e.detail.sheet ?? "" },
    };
  }
  return null;
}

/** A port error's code and detail (for the pane's texts), or null when `e` is something else. */
export function portErrorOf(
  e: unknown
): { readonly code: PortErrorCode; readonly detail: PortErrorDetail } | null {
  return e instanceof PortError ? { code: e.code, detail: e.detail } : null;
}
