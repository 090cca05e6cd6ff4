/**
 * Office errors mapped in one place: every failure of an Excel.run becomes a PortError with the
 * host's code and debugInfo.errorLocation, so the task pane shows a Vietnamese/English message
 * (src/engine/messages/port-errors.ts) and never a stack trace.
 */
import { PortError, type PortErrorCode } from "../port";

/** The shape of OfficeExtension.Error that we read (kept structural so tests can raise it). */
interface OfficeErrorLike {
  readonly name?: string;
  readonly code: string;
  readonly message?: string;
  readonly debugInfo?: { readonly errorLocation?: string; readonly code?: string };
}

export const CELL_EDIT_MODE = "InvalidOperationInCellEditMode";

export function isOfficeError(e: unknown): e is OfficeErrorLike {
  return typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string";
}

const BY_CODE: Readonly<Record<string, PortErrorCode>> = {
  [CELL_EDIT_MODE]: "cell_edit_mode",
  ItemNotFound: "sheet_not_found",
  RequestPayloadSizeLimitExceeded: "request_too_large",
  PayloadTooLarge: "request_too_large",
  ResponsePayloadSizeLimitExceeded: "request_too_large",
  InvalidReference: "invalid_range",
  InvalidArgument: "invalid_range",
  AccessDenied: "cell_protected",
  InvalidOperation: "host_error",
  // An API of a requirement set this host lacks (see requirements.ts).
  ApiNotFound: "api_not_supported",
};

/** Any error thrown inside an Excel.run → PortError (a PortError passes through unchanged). */
export function toPortError(
  e: unknown,
  where: { readonly sheet?: string; readonly range?: string } = {}
): PortError {
  if (e instanceof PortError) return e;
  if (!isOfficeError(e)) {
    const message = e instanceof Error ? e.message : String(e);
    return new PortError("host_error", { ...where }, message);
  }
  const location = e.debugInfo?.errorLocation;
  // Unprotecting (to paint highlights on a sheet protected without "Format cells") fails when the
  // user set a password: that is a protected sheet, whatever code the host gives.
  const code = /unprotect/i.test(location ?? "")
    ? "cell_protected"
    : (BY_CODE[e.code] ?? "host_error");
  return new PortError(
    code,
    {
      ...where,
      hostCode: e.code,
      ...(location !== undefined ? { errorLocation: location } : {}),
    },
    `${e.code}${location !== undefined ? ` at ${location}` : ""}: ${e.message ?? ""}`
  );
}
