/** Sheet names as Excel allows them: at most 31 characters, no []:*?/\ , unique ignoring case. */

const MAX_LEN = 31;
const FORBIDDEN = /[[\]:*?/\\]/g;

/** Makes `wanted` a valid sheet name that is not in `taken` (case-insensitive): "Biểu mẫu (2)". */
export function uniqueSheetName(wanted: string, taken: readonly string[]): string {
  const base =
    wanted
      .replace(FORBIDDEN, " ")
      .replace(/^'+|'+$/g, "")
      .trim()
      .slice(0, MAX_LEN) || "Sheet";
  const lower = new Set(taken.map((t) => t.toLocaleLowerCase()));
  if (!lower.has(base.toLocaleLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = `${base.slice(0, MAX_LEN - suffix.length).trimEnd()}${suffix}`;
    if (!lower.has(name.toLocaleLowerCase())) return name;
  }
}
