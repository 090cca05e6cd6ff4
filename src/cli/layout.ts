/**
 * `--layout` and the layout overrides of `dti rank` / `dti validate`: what the recogniser made of the
 * table (header rows, column roles, scale, groups, what was left out) printed for the user to check,
 * and `--column D=total,E=ignore --max D=1000 --scale index --header-row 6` to correct it. A layout
 * stored in the workbook's settings (by the pane's "Xác nhận bố cục") is applied first, so the same
 * file gives the same result on every run and machine.
 */
import {
  type Indicator,
  type LayoutColumn,
  type LayoutOverrides,
  overridesAsArgs,
  overridesOfLayout,
  parseOverrides,
  type Recognized,
  type TableLayout,
} from "../engine";
import type { Lang, ParsedArgs } from "./args";
import { cliTexts } from "./texts";

export const LAYOUT_FLAGS = ["layout"] as const;
export const LAYOUT_OPTIONS = ["column", "max", "scale", "header-row"] as const;

/** The overrides given on the command line, or a one-line reason (vi / en). */
export function overridesFromArgs(
  parsed: ParsedArgs
): { ok: true; value: LayoutOverrides | null } | { ok: false; reason: string } {
  const column = parsed.options.get("column");
  const max = parsed.options.get("max");
  const scale = parsed.options.get("scale");
  const headerRow = parsed.options.get("header-row");
  if ([column, max, scale, headerRow].every((v) => v === undefined))
    return { ok: true, value: null };
  const r = parseOverrides({
    ...(column !== undefined ? { column } : {}),
    ...(max !== undefined ? { max } : {}),
    ...(scale !== undefined ? { scale } : {}),
    ...(headerRow !== undefined ? { headerRow } : {}),
  });
  if (!r.ok)
    return {
      ok: false,
      reason:
        `không hiểu "${r.error.text}", cần dạng ${r.error.expected} / ` +
        `cannot read "${r.error.text}", expected ${r.error.expected}`,
    };
  return { ok: true, value: r.value };
}

const ROLE: Record<Lang, Record<LayoutColumn["role"], string>> = {
  vi: {
    unit: "tên đơn vị",
    group: "nhóm",
    code: "STT / mã",
    name: "tên chỉ số",
    max: "điểm tối đa",
    self: "tự đánh giá",
    appraised: "thẩm định",
    evidence: "tài liệu kiểm chứng",
    main: "chỉ số chính",
    total: "tổng điểm",
    percent: "tỷ lệ %",
    rank: "xếp hạng (ghi tay, được đối chiếu)",
    grade: "xếp loại (ghi tay, được đối chiếu)",
    note: "ghi chú",
    ignore: "bỏ qua",
  },
  en: {
    unit: "unit name",
    group: "group",
    code: "row no. / code",
    name: "indicator name",
    max: "max points",
    self: "self-assessed",
    appraised: "appraised",
    evidence: "evidence",
    main: "main index",
    total: "total",
    percent: "percent",
    rank: "rank (typed, checked)",
    grade: "grade (typed, checked)",
    note: "note",
    ignore: "left out",
  },
};

const REASON: Record<Lang, Record<string, string>> = {
  vi: {
    hidden: "cột ẩn",
    "last-year": "số liệu năm trước",
    "not-an-index": "không phải chỉ số của bộ quy tắc",
    "total-used": "đã dùng cột tổng",
    override: "theo lựa chọn",
    "text-without-figures": "chữ không có số",
    "after-table": "sau bảng (ghi chú, chữ ký)",
    "total-row": "dòng tổng / trung bình",
    "numbering-row": "dòng đánh số cột",
  },
  en: {
    hidden: "hidden column",
    "last-year": "last year's figures",
    "not-an-index": "not an index of the rule profile",
    "total-used": "the total column is used",
    override: "as chosen",
    "text-without-figures": "text without figures",
    "after-table": "after the table (notes, signatures)",
    "total-row": "total / average row",
    "numbering-row": "column numbering row",
  },
};

const SCALE: Record<Lang, Record<TableLayout["scale"], string>> = {
  vi: { points: "điểm", percent: "% điểm tối đa", index: "chỉ số 0..1 (điểm ÷ tối đa)" },
  en: { points: "points", percent: "% of the maximum", index: "0..1 index (points ÷ max)" },
};

const FROM: Record<Lang, Record<TableLayout["scaleFrom"], string>> = {
  vi: {
    header: "theo tiêu đề",
    profile: "theo bộ quy tắc và khoảng giá trị",
    values: "theo khoảng giá trị",
    override: "theo lựa chọn",
    default: "mặc định",
  },
  en: {
    header: "from the header",
    profile: "from the rule profile and the range of values",
    values: "from the range of values",
    override: "as chosen",
    default: "default",
  },
};

const GROUPS: Record<Lang, Record<TableLayout["groupsFrom"], string>> = {
  vi: {
    column: "theo cột nhóm",
    sections: "theo dòng tiêu đề nhóm",
    "units-sheet": "theo trang Đơn vị",
    names: "suy từ tên đơn vị",
    merged: "xếp chung một nhóm (các nhóm cùng điểm tối đa)",
    single: "bộ quy tắc có một nhóm",
    none: "không xác định",
  },
  en: {
    column: "from the group column",
    sections: "from group heading rows",
    "units-sheet": "from the units sheet",
    names: "told from the unit names",
    merged: "ranked together (the groups share one maximum)",
    single: "the profile has one group",
    none: "not told",
  },
};

function fmt(n: number, lang: Lang): string {
  const s = String(Math.round(n * 10000) / 10000);
  return lang === "vi" ? s.replace(".", ",") : s;
}

function tree(indicators: readonly Indicator[], lang: Lang): string[] {
  return indicators.map((i) => {
    const depth =
      i.level === "pillar" ? 0 : i.level === "main" ? 1 : i.level === "component" ? 2 : 3;
    const max = i.maxPoints === null ? cliTexts(lang).noMax : fmt(i.maxPoints, lang);
    return `${"  ".repeat(depth)}${i.code} ${i.name} (${max})`;
  });
}

/** The layout as lines for the terminal, with the command-line options that reproduce it. */
export function layoutLines(rec: Recognized, lang: Lang, file: string, command: string): string[] {
  const T = cliTexts(lang);
  const out: string[] = [];
  const l = rec.tableLayout;
  if (l !== undefined) {
    out.push(
      T.tableLayout(
        l.sheet,
        l.headerRows.join("-"),
        l.firstDataRow,
        l.lastDataRow,
        SCALE[lang][l.scale],
        FROM[lang][l.scaleFrom],
        GROUPS[lang][l.groupsFrom]
      )
    );
    for (const c of l.columns) {
      const parts = [ROLE[lang][c.role]];
      if (c.role === "main" && c.code !== undefined)
        parts[0] = `${parts[0]} ${c.code}${c.name !== undefined ? ` ${c.name}` : ""}`;
      if (c.maxPoints !== undefined && c.maxPoints !== null)
        parts.push(`${T.max} ${fmt(c.maxPoints, lang)}`);
      if (c.scale !== undefined && c.scale !== "points") parts.push(SCALE[lang][c.scale]);
      if (c.reason !== undefined) parts.push(REASON[lang][c.reason] ?? c.reason);
      if (c.from === "override") parts.push(T.asChosen);
      out.push(`  ${c.col.padEnd(3)} ${c.header.slice(0, 40).padEnd(40)} ${parts.join(" · ")}`);
    }
    for (const x of l.leftOut.filter((x) => !/^[A-Z]+$/.test(x.where)))
      out.push(
        `  ${T.leftOutRow(x.where, x.text.slice(0, 50), REASON[lang][x.reason] ?? x.reason)}`
      );
  } else {
    out.push(T.otherLayout(rec.layout, rec.tableRange));
  }
  out.push(T.indicatorTree, ...tree(rec.indicators, lang).map((s) => `  ${s}`));
  if (l !== undefined) {
    out.push(T.pinLayout, `  dti ${command} ${file} ${overridesAsArgs(overridesOfLayout(l))}`);
  }
  return out;
}
