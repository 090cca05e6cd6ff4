/** A pane error's text in the user's language (port errors through the engine's catalogue). */
import { portErrorOf } from "../../app/port-errors";
import { issueText, type Locale, portErrorMessage } from "../../engine";
import { STRINGS } from "../i18n";
import type { PaneError } from "./pane-state";

/** Plain-language text of an error: never a stack trace. */
export function errorText(error: PaneError, locale: Locale): string {
  switch (error.kind) {
    case "port":
      return portErrorMessage(error.code, error.detail, locale);
    case "issues":
      return error.issues.map((i) => issueText(i, locale)).join("\n");
    case "pane":
      return STRINGS[locale].paneErrors[error.key];
    case "unknown":
      return STRINGS[locale].portErrors.unknown();
  }
}

export function toPaneError(e: unknown): PaneError {
  const port = portErrorOf(e);
  return port !== null ? { kind: "port", ...port } : { kind: "unknown" };
}
