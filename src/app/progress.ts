/**
 * Use-case "Tiến độ": how far each agency is, from the entry workbook itself (the entry sheets as
 * the check reads them, and which forms were imported, recorded in the workbook's settings by the
 * import). Round trips: settings 1, the check's reads (no highlights are painted).
 */
import {
  entryProgress,
  foldName,
  type ImportedForm,
  type IndicatorSet,
  type Result,
  type UnitProgress,
} from "../engine";
import type { WorkbookPort } from "../workbook/port";
import { checkWorkbook } from "./validate-workbook";

/** Where the import records which agency's form came from which file. */
export const FORMS_SETTING = "dti.importedForms";

/** The recorded forms; anything malformed (hand-edited, truncated) is ignored, never thrown. */
export function parseImportedForms(json: string | undefined): ImportedForm[] {
  if (json === undefined || json === "") return [];
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return [];
    return v.filter(
      (x): x is ImportedForm =>
        typeof x === "object" &&
        x !== null &&
        typeof (x as { unitName?: unknown }).unitName === "string" &&
        typeof (x as { fileName?: unknown }).fileName === "string"
    );
  } catch {
    return [];
  }
}

/** Adds (or, for an agency imported again, replaces) the records of forms just imported. */
export async function recordImportedForms(
  port: WorkbookPort,
  forms: readonly ImportedForm[]
): Promise<void> {
  if (forms.length === 0) return;
  const old = parseImportedForms((await port.readSettings())[FORMS_SETTING]);
  const again = new Set(forms.map((f) => foldName(f.unitName)));
  const all = [...old.filter((f) => !again.has(foldName(f.unitName))), ...forms];
  await port.writeSettings({ [FORMS_SETTING]: JSON.stringify(all) });
}

/** Per agency, in the units' order; not ok (with the check's issues) when the entry sheets cannot be read. */
export async function readProgress(
  port: WorkbookPort,
  set?: IndicatorSet
): Promise<Result<UnitProgress[]>> {
  const forms = parseImportedForms((await port.readSettings())[FORMS_SETTING]);
  const check = await checkWorkbook(port, { ...(set ? { set } : {}), highlight: false });
  if (check.input === null) return { ok: false, issues: check.issues };
  return {
    ok: true,
    value: entryProgress(check.input.set, check.input.data, check.issues, forms),
    issues: [],
  };
}
