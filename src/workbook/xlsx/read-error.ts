/**
 * XlsxReadError: a file that cannot be read as a workbook, with its vi/en message. Apart from
 * read-grid.ts (which reads files with node:fs) so that the browser-safe sparse reader throws the same
 * error as the ExcelJS path.
 */
import { isKindReason, type Issue, issueText } from "../../engine";
import type { XlsxDetails, XlsxProblem } from "./inspect";

export type XlsxReadErrorCode = "file_not_found" | "not_xlsx" | "unreadable" | "too_large";

/** The coarse code of each precise reason. */
function coarse(problem: XlsxProblem): XlsxReadErrorCode {
  if (problem === "file_not_found") return "file_not_found";
  if (problem === "unreadable") return "unreadable";
  if (isKindReason(problem) || problem === "directory") return "not_xlsx";
  if (problem === "exceljs_failed") return "not_xlsx";
  return "too_large";
}

/**
 * A file that cannot be read as a workbook; the message says what the file is (or which limit it
 * passes) and how to fix it, in Vietnamese then English. `issue()` is the same as an engine issue.
 */
export class XlsxReadError extends Error {
  readonly code: XlsxReadErrorCode;
  constructor(
    readonly problem: XlsxProblem,
    readonly file: string,
    readonly details: XlsxDetails = {}
  ) {
    const issue = readIssue(problem, file, details);
    super(`${issueText(issue, "vi")} / ${issueText(issue, "en")}`);
    this.code = coarse(problem);
    this.name = "XlsxReadError";
  }

  /** The problem as an issue (file_not_xlsx or file_unreadable), for the task pane. */
  issue(fileName = this.file): Issue {
    return readIssue(this.problem, fileName, this.details);
  }
}

function readIssue(problem: XlsxProblem, file: string, d: XlsxDetails): Issue {
  return {
    code: isKindReason(problem) ? "file_not_xlsx" : "file_unreadable",
    severity: "error",
    params: {
      file,
      reason: problem,
      ...(d.sheet !== undefined ? { sheet: d.sheet } : {}),
      ...(d.ref !== undefined ? { ref: d.ref } : {}),
      ...(d.amount !== undefined ? { amount: d.amount } : {}),
      ...(d.limit !== undefined ? { limit: d.limit } : {}),
    },
  };
}
