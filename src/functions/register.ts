/**
 * Registers the DTI.* functions with Excel, only where the custom-functions runtime exists.
 *
 * Excel binds each id of functions.json to the function given to `CustomFunctions.associate`. The
 * association must happen when functions.js loads, before any `await`: a late associate makes the
 * first calls fail (https://learn.microsoft.com/en-us/answers/questions/2086985). office.js defines
 * `CustomFunctions`, so it is loaded with a plain (synchronous) <script> in the page's <head>, as
 * https://learn.microsoft.com/office/dev/add-ins/develop/referencing-the-javascript-api-for-office-library-from-its-cdn
 * requires, never `async` (functions.js could then run first: every =DTI.* would be #NAME?/#N/A).
 * If office.js is there but `CustomFunctions` is not yet, registration waits for Office.onReady
 * (the shared-runtime pattern of https://github.com/OfficeDev/Excel-Custom-Functions/issues/214).
 * Outside Excel (the preview, a browser, node) nothing is registered and nothing is thrown.
 */

/** What a DTI.* implementation looks like to the registry (Excel passes any values). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- associate's own signature: Excel calls with any arguments
export type Registrable = (...args: any[]) => unknown;

type Registration = "registered" | "waiting-for-office" | "no-runtime";

export interface RuntimeGlobals {
  CustomFunctions?: { associate?: (id: string, fn: Registrable) => void };
  Office?: { onReady?: (callback?: () => void) => unknown };
}

function associateAll(
  runtime: RuntimeGlobals["CustomFunctions"],
  functions: Readonly<Record<string, Registrable>>
): boolean {
  const associate = runtime?.associate;
  if (typeof associate !== "function") return false;
  for (const [id, fn] of Object.entries(functions)) associate.call(runtime, id, fn);
  return true;
}

/** Associates every id with its function now, after Office.onReady, or not at all (no runtime). */
export function registerFunctions(
  functions: Readonly<Record<string, Registrable>>,
  globals: RuntimeGlobals = globalThis
): Registration {
  if (associateAll(globals.CustomFunctions, functions)) return "registered";
  const onReady = globals.Office?.onReady;
  if (typeof onReady !== "function") return "no-runtime";
  let done = false;
  const later = () => {
    if (!done) done = associateAll(globals.CustomFunctions, functions);
  };
  try {
    const p = onReady.call(globals.Office, later) as Promise<unknown> | undefined;
    if (p && typeof p.then === "function") void p.then(later, () => undefined);
  } catch {
    return "no-runtime";
  }
  return "waiting-for-office";
}
