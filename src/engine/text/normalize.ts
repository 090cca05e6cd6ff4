/** Text folding for matching names typed by people: headers, group names, unit names. */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SPACES = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;
/**
 * Characters that show nothing: zero-width space/joiners, direction marks and overrides (U+200B-U+200F,
 * U+202A-U+202E, U+2066-U+2069), word joiner, soft hyphen, BOM. Pasted names carry them; they are removed.
 */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** The text without invisible characters (a name as it should be shown and matched). */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, "");
}

/**
 * Folded texts met lately: reading a 3,321-unit entry workbook folds every unit's name and flags
 * several times (a few µs each: NFD and four regexes). Emptied when full, so it stays small.
 */
const FOLDED = new Map<string, string>();
const FOLDED_MAX = 20_000;

/** Lower case, accents removed (đ → d), spacing collapsed, trimmed: "  Sở  Tài chính " → "so tai chinh". */
export function foldName(s: string): string {
  const known = FOLDED.get(s);
  if (known !== undefined) return known;
  const folded = stripInvisible(s)
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(SPACES, " ")
    .trim();
  if (FOLDED.size >= FOLDED_MAX) FOLDED.clear();
  FOLDED.set(s, folded);
  return folded;
}

/** foldName, then punctuation turned into spaces: "Điểm tự đánh giá (*)" → "diem tu danh gia". For headers. */
export function foldLoose(s: string): string {
  return foldName(s.replace(/[^\p{L}\p{N}]+/gu, " "));
}
