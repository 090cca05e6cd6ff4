/**
 * Many agencies' self-assessment files (one form per agency, layout (a)) into one matrix's units
 * and entries. Pure: the caller reads the files and writes the entry sheets.
 */
import {
  foldName,
  type Grid,
  type ImportedForm,
  type IndicatorSet,
  type Issue,
  recognize,
  type ScoreEntry,
  type Unit,
  withParams,
} from "../engine";

export interface AgencyForm {
  readonly fileName: string;
  readonly grids: readonly Grid[];
}

export interface MergedForms {
  readonly units: readonly Unit[];
  readonly entries: readonly ScoreEntry[];
  /** Per-file problems, each with a `file` param; a file that cannot be read adds no unit. */
  readonly issues: readonly Issue[];
  /** Which file each unit came from (recorded in the workbook for the "Tiến độ" view). */
  readonly forms: readonly ImportedForm[];
}

/** "Sở Tài chính.xlsx" → "Sở Tài chính". */
function unitNameFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.(xlsx|xlsm|xls)$/i, "").trim();
}

/** Merge the forms in the given order; the first form of a unit wins, later duplicates are reported. */
export function mergeForms(forms: readonly AgencyForm[], set: IndicatorSet): MergedForms {
  const known = new Set(set.indicators.map((i) => i.code));
  const units: Unit[] = [];
  const entries: ScoreEntry[] = [];
  const issues: Issue[] = [];
  const fromFiles: ImportedForm[] = [];
  const seen = new Map<string, string>();
  for (const form of forms) {
    const fallbackName = unitNameFromFileName(form.fileName);
    // The form's own "Đơn vị: …" title names the agency; else the file name does (not "Sheet1").
    const rec = recognize(form.grids, set.profile);
    const withFile = (i: Issue): Issue => withParams(i, { file: form.fileName });
    if (!rec.ok) {
      for (const i of rec.issues) issues.push(withFile(i));
      continue;
    }
    for (const i of rec.issues) issues.push(withFile(i));
    const recUnits = rec.value.units.length > 0 ? rec.value.units : [];
    // A form holds one agency; when the form names none, the file name does.
    const sources: readonly (Unit | null)[] = recUnits.length > 0 ? recUnits : [null];
    for (const src of sources) {
      const sheetNames = new Set(form.grids.map((g) => foldName(g.sheet)));
      const found = src?.name.trim() ?? "";
      const name = found !== "" && !sheetNames.has(foldName(found)) ? found : fallbackName;
      const key = foldName(name);
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push({
          code: "duplicate_unit",
          severity: "warning",
          unit: name,
          params: { unitName: name, firstCell: first, file: form.fileName },
        });
        continue;
      }
      seen.set(key, form.fileName);
      fromFiles.push({ unitName: name, fileName: form.fileName });
      const id = `u${units.length + 1}`;
      units.push({
        id,
        name,
        groupId: src?.groupId ?? null,
        ...(src?.groupText !== undefined ? { groupText: src.groupText } : {}),
        hasSubordinateUnits: src?.hasSubordinateUnits ?? true,
        hasDvctt: src?.hasDvctt ?? true,
        specialPurpose: src?.specialPurpose ?? false,
        notApplicable: src?.notApplicable ?? [],
      });
      const fromUnit = src?.id;
      for (const e of rec.value.entries) {
        if (fromUnit !== undefined && e.unitId !== fromUnit) continue;
        if (!known.has(e.code)) {
          issues.push({
            code: "unknown_code",
            severity: "warning",
            ...(e.self?.cell !== undefined ? { cell: e.self.cell } : {}),
            unit: name,
            indicator: e.code,
            params: { indicator: e.code, unitName: name, file: form.fileName },
          });
          continue;
        }
        entries.push({ ...e, unitId: id });
      }
    }
  }
  return { units, entries, issues, forms: fromFiles };
}
