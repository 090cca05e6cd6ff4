/** Issue texts in Vietnamese and English, from the catalogues keyed by issue code. */
import type { Issue, IssueParams, Locale } from "../model/types";
import { quoteSheet } from "../address";
import { messagesEn } from "./messages.en";
import { messagesVi } from "./messages.vi";
import { fnMessagesEn } from "./functions.en";
import { fnMessagesVi } from "./functions.vi";
import type { FnMessageCode, FnParams } from "./functions.types";

export { messagesEn } from "./messages.en";
export { messagesVi } from "./messages.vi";
export { fmtNumber } from "./params";
export { fnMessagesEn } from "./functions.en";
export { fnMessagesVi } from "./functions.vi";
export type { FnMessageCode, FnParams } from "./functions.types";

const FN_CATALOGUES = { vi: fnMessagesVi, en: fnMessagesEn } as const;

/** A DTI.* function error text (Excel shows the Vietnamese one next to #VALUE! / #N/A). */
export function fnText(code: FnMessageCode, params: FnParams, locale: Locale): string {
  return FN_CATALOGUES[locale][code](params);
}

const CATALOGUES = { vi: messagesVi, en: messagesEn } as const;

/** A profile's, group's or preset's name in the user's language (data carries both). */
export function nameIn(
  x: { readonly name: string; readonly nameEn: string },
  locale: Locale
): string {
  return locale === "vi" ? x.name : x.nameEn;
}

/** What is wrong and how to fix it, in the user's language (without the cell prefix). */
export function issueText(issue: Issue, locale: Locale): string {
  const params: IssueParams = {
    ...(issue.indicator !== undefined ? { indicator: issue.indicator } : {}),
    ...issue.params,
  };
  // The issue's params are those of its code (typed by IssueOf); TS cannot correlate the two
  // unions, so the lookup is widened here, in the one place every text goes through.
  const text = CATALOGUES[locale][issue.code] as (p: IssueParams) => string;
  return text(params);
}

/** "Sheet!F12" for an issue's cell, or "" for workbook-level issues. */
export function issueWhere(issue: Issue): string {
  return issue.cell ? `${quoteSheet(issue.cell.sheet)}!${issue.cell.cell}` : "";
}

/** The issue text prefixed with where it is: "'Nhập điểm'!F12: …". */
export function formatIssue(issue: Issue, locale: Locale): string {
  const where = issueWhere(issue);
  const text = issueText(issue, locale);
  return where ? `${where}: ${text}` : text;
}

export { portErrorMessage, type PortErrorCode, type PortErrorDetail } from "./port-errors";
