/** Text folding for matching names typed by people: headers, group names, unit names. */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g;

/** Lower case, accents removed (đ → d), spacing collapsed, trimmed: "  Sở  Tài chính " → "so tai chinh". */
export function foldName(s: string): string {
  return s
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(SPACES, " ")
    .trim();
}

/** foldName, then punctuation turned into spaces: "Điểm tự đánh giá (*)" → "diem tu danh gia". For headers. */
export function foldLoose(s: string): string {
  return foldName(s.replace(/[^\p{L}\p{N}]+/gu, " "));
}
