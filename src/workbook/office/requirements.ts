/**
 * The Office requirement sets the add-in needs, declared in manifest.xml (<Requirements>: Office
 * then offers the add-in only where they exist) and checked again at run time, so a host that lacks
 * one (an older Excel, a sideloaded manifest) gets a Vietnamese/English message naming it instead
 * of an "ApiNotFound" error later. Requirement sets:
 * https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets,
 * shared runtime https://learn.microsoft.com/javascript/api/requirement-sets/common/shared-runtime-requirement-sets,
 * custom functions https://learn.microsoft.com/javascript/api/requirement-sets/excel/custom-functions-requirement-sets.
 */

interface RequirementSet {
  readonly name: string;
  readonly version: string;
  /** What needs it (Vietnamese, English). */
  readonly why: { readonly vi: string; readonly en: string };
}

/** Needed for the add-in to work at all (the highest API each one uses). */
export const REQUIRED_SETS: readonly RequirementSet[] = [
  {
    name: "ExcelApi",
    version: "1.13",
    why: {
      vi: "đọc ô gộp (getMergedAreasOrNullObject), kiểm tra dữ liệu, định dạng có điều kiện",
      en: "reading merged cells (getMergedAreasOrNullObject), data validation, conditional formats",
    },
  },
  {
    name: "SharedRuntime",
    version: "1.1",
    why: {
      vi: "ngăn tác vụ và các hàm DTI.* chạy chung",
      en: "the task pane and the DTI.* functions running together",
    },
  },
  {
    name: "CustomFunctionsRuntime",
    version: "1.1",
    why: { vi: "các hàm DTI.* trong ô", en: "the DTI.* worksheet functions" },
  },
];

/** Used when present; without them the add-in still works, with less. */
export const OPTIONAL_SETS: readonly RequirementSet[] = [
  {
    name: "ExcelApi",
    version: "1.17",
    why: {
      vi: "nhận biết khi đổi tên trang tính (không có: tên mới được đọc lại ở lần sửa ô sau)",
      en: "noticing sheet renames (without it: the new name is read again at the next edit)",
    },
  },
];

type IsSetSupported = (name: string, version: string) => boolean;

/** The sets this host lacks, required first. A check that throws counts as lacking. */
export function missingSets(
  isSetSupported: IsSetSupported,
  sets: readonly RequirementSet[] = REQUIRED_SETS
): RequirementSet[] {
  return sets.filter((s) => {
    try {
      return !isSetSupported(s.name, s.version);
    } catch {
      return true;
    }
  });
}

/** "ExcelApi 1.13 (reading merged cells…)" lines, in one language. */
export function describeMissing(sets: readonly RequirementSet[], locale: "vi" | "en"): string {
  return sets.map((s) => `${s.name} ${s.version} (${s.why[locale]})`).join("; ");
}
