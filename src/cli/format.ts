/** Human output of the `dti` command: labels in Vietnamese or English, aligned tables, numbers. */
import {
  formatIssue,
  type GradeOutcome,
  gradeText as gradeTextOf,
  type Issue,
  type Severity,
} from "../engine";
import type { Lang } from "./args";
import { cliTexts } from "./texts";

const LABELS = {
  vi: {
    file: "Tệp",
    set: "Bộ quy tắc",
    sheet: "Trang tính",
    layout: "Bố cục",
    layouts: {
      form: "biểu của một đơn vị",
      matrix: "ma trận chỉ số × đơn vị",
      summary: "bảng tổng hợp",
    },
    indicators: "chỉ số",
    units: "đơn vị",
    group: "Nhóm",
    max: "điểm tối đa",
    rank: "Hạng",
    unit: "Đơn vị",
    total: "Tổng",
    percent: "% tối đa",
    grade: "Xếp loại",
    provisional: "tạm tính",
    error: "Lỗi",
    warning: "Cảnh báo",
    info: "Lưu ý",
    counts: (e: number, w: number, i: number) => `${e} lỗi, ${w} cảnh báo, ${i} lưu ý`,
    noIssues: "Không có vấn đề nào.",
    gap: "khoảng trống giữa các mức",
    none: "-",
  },
  en: {
    file: "File",
    set: "Rule profile",
    sheet: "Sheet",
    layout: "Layout",
    layouts: {
      form: "one unit's form",
      matrix: "indicator × unit matrix",
      summary: "summary table",
    },
    indicators: "indicators",
    units: "units",
    group: "Group",
    max: "max points",
    rank: "Rank",
    unit: "Unit",
    total: "Total",
    percent: "% of max",
    grade: "Grade",
    provisional: "provisional",
    error: "Error",
    warning: "Warning",
    info: "Note",
    counts: (e: number, w: number, i: number) => `${e} error(s), ${w} warning(s), ${i} note(s)`,
    noIssues: "No issues.",
    gap: "in a gap between bands",
    none: "-",
  },
} as const;

export function labels(lang: Lang): (typeof LABELS)[Lang] {
  return LABELS[lang];
}

/** 8.5 → "8,5" (vi) / "8.5" (en), at most `decimals` decimals; null → "-". */
export function fmtPoints(n: number | null, lang: Lang, decimals = 2): string {
  if (n === null || !Number.isFinite(n)) return "-";
  const f = 10 ** decimals;
  const s = String(Math.round(n * f) / f);
  return lang === "vi" ? s.replace(".", ",") : s;
}

export function gradeText(g: GradeOutcome, lang: Lang): string | null {
  return gradeTextOf(g, lang);
}

/** Display width: Vietnamese letters precomposed (NFC) count one column each. */
function width(s: string): number {
  // Printable ASCII (numbers, most codes) is one column a character, as is.
  if (/^[\x20-\x7e]*$/.test(s)) return s.length;
  let n = 0;
  for (const _ of s.normalize("NFC")) n++;
  return n;
}

function pad(s: string, w: number, right: boolean, known = width(s)): string {
  const fill = " ".repeat(Math.max(0, w - known));
  return right ? fill + s : s + fill;
}

/** A plain-text table: header, rule, rows; columns flagged in `right` are right-aligned. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: ReadonlySet<number>
): string {
  // Each cell measured once (a ranking of 3,321 units prints 50,000 cells).
  const all = [header, ...rows];
  const measured = all.map((r) => r.map(width));
  const widths = header.map((_, c) => {
    let w = 0;
    for (const m of measured) w = Math.max(w, m[c] ?? 0);
    return w;
  });
  const line = (r: readonly string[], k: number): string =>
    r
      .map((cell, c) => pad(cell, widths[c] ?? 0, right.has(c), measured[k]?.[c]))
      .join("  ")
      .trimEnd();
  return [
    line(header, 0),
    widths.map((w) => "─".repeat(w)).join("  "),
    ...rows.map((r, k) => line(r, k + 1)),
  ].join("\n");
}

const ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** How many issues of one code the human output lists before summarising the rest (JSON lists all). */
const ISSUES_PER_CODE = 20;

/** Issues as lines "Lỗi  'Nhập điểm'!F12: …", errors first, at most `perCode` of each code. */
export function issueLines(
  issues: readonly Issue[],
  lang: Lang,
  perCode = ISSUES_PER_CODE
): string[] {
  const L = labels(lang);
  const sorted = [...issues].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const shown = new Map<string, number>();
  const lines: string[] = [];
  for (const i of sorted) {
    const n = (shown.get(i.code) ?? 0) + 1;
    shown.set(i.code, n);
    if (n <= perCode) lines.push(`${pad(L[i.severity], 9, false)} ${formatIssue(i, lang)}`);
  }
  for (const [code, n] of shown) {
    if (n <= perCode) continue;
    const more = n - perCode;
    lines.push(cliTexts(lang).moreIssues(more, code));
  }
  return lines;
}

export function countLine(issues: readonly Issue[], lang: Lang): string {
  const n = (s: Severity) => issues.filter((i) => i.severity === s).length;
  return labels(lang).counts(n("error"), n("warning"), n("info"));
}
