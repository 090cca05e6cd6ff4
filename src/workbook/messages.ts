/**
 * The text of a PortError: the catalogues live with the engine's messages
 * (src/engine/messages/port-errors.ts); these helpers take the error object.
 */
import { type Locale, portErrorMessage } from "../engine";
import type { PortError } from "./port";

/** The user-facing text of a port error in the given locale. */
export function portErrorText(error: PortError, locale: Locale): string {
  return portErrorMessage(error.code, error.detail, locale);
}
