/**
 * Use-case "import agencies' forms": many self-assessment files (one form per agency) chosen in the
 * task pane go into the entry matrix in one action. Scores already in the matrix are kept; a form's
 * scores fill its unit's columns. Which file each agency's form came from is recorded in the
 * workbook's settings (FORMS_SETTING) for the "Tiến độ" view.
 */
import type { IndicatorSet, Issue, Result } from "../engine";
import type { WorkbookPort } from "../workbook/port";
import { type EntrySheetsResult, createEntrySheets } from "./entry-sheets";
import { type XlsxReader, defaultReadXlsx, unreadableFileIssue } from "./load-indicator-set";
import { type AgencyForm, mergeForms } from "./merge-forms";
import { recordImportedForms } from "./progress";

export interface FormFile {
  readonly fileName: string;
  readonly bytes: ArrayBuffer;
}

export interface ImportFormsResult extends EntrySheetsResult {
  /** Units that came from the files. */
  readonly imported: number;
}

/** Reads every file, merges the forms and writes the entry sheets (one apply). */
export async function importAgencyForms(
  port: WorkbookPort,
  files: readonly FormFile[],
  set: IndicatorSet,
  readXlsx: XlsxReader = defaultReadXlsx
): Promise<Result<ImportFormsResult>> {
  const forms: AgencyForm[] = [];
  const issues: Issue[] = [];
  for (const f of files) {
    try {
      forms.push({ fileName: f.fileName, grids: await readXlsx(f.bytes) });
    } catch (e) {
      const issue = unreadableFileIssue(e, f.fileName);
      if (issue === null) throw e;
      issues.push(issue);
    }
  }
  const merged = mergeForms(forms, set);
  for (const i of merged.issues) issues.push(i);
  if (merged.units.length === 0) return { ok: false, issues };
  const res = await createEntrySheets(port, set, merged.units, {
    entries: merged.entries,
    existingFirst: true,
  });
  if (!res.ok) return { ok: false, issues: issues.concat(res.issues) };
  // Which agency's form came from which file: the "Tiến độ" view shows it.
  await recordImportedForms(port, merged.forms);
  return { ok: true, value: { ...res.value, imported: merged.units.length }, issues };
}
