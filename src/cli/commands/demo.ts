/**
 * `dti demo` (`npm run demo`): the main job on the embedded sample. Writes the illustrative sample
 * workbook to a temporary .xlsx (with its profile id in the hidden "_dti" settings sheet, as the
 * add-in stores it), then runs `validate` and `rank` on that file and prints the ranked tables.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import {
  type CellValue,
  type Grid,
  parseRange,
  SAMPLE_PROBLEMS,
  SAMPLE_PROFILE_ID,
  SAMPLE_TITLE,
  sampleGrids,
} from "../../engine";
import { encodeRegistry, SETTINGS_SHEET } from "../../workbook/ownership";
import { ArgError, langOf, parseArgs, type Lang } from "../args";
import type { CliCommand } from "../command";
import { writeOutput } from "../files";
import { countLine, issueLines } from "../format";
import { PROFILE_SETTING, describeInput, loadInput } from "./validate";
import { rankingTables } from "./rank";

function excelValue(v: CellValue): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === "object") return { error: v.error as ExcelJS.CellErrorValue["error"] };
  return v;
}

/** Grids → an .xlsx file: values as typed (text stays text), formulas with their results, merges. */
export async function writeGridsXlsx(
  grids: readonly Grid[],
  file: string,
  settings: Readonly<Record<string, string>> = {}
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const g of grids) {
    const ws = wb.addWorksheet(g.sheet);
    g.values.forEach((row, r) => {
      row.forEach((v, c) => {
        const f = g.formulas?.[r]?.[c] ?? null;
        if (v === null && f === null) return;
        const cell = ws.getCell(g.originRow + r, g.originCol + c);
        cell.value =
          f !== null
            ? ({
                formula: f.replace(/^=/, ""),
                result: excelValue(v) ?? undefined,
              } as ExcelJS.CellFormulaValue)
            : excelValue(v);
      });
    });
    for (const m of g.merges ?? []) if (parseRange(m) !== null) ws.mergeCells(m);
    ws.getColumn(2).width = 48;
  }
  if (Object.keys(settings).length > 0) {
    const ws = wb.addWorksheet(SETTINGS_SHEET, { state: "veryHidden" });
    const rows = encodeRegistry({
      sheets: [],
      settings,
      highlights: [],
    });
    rows.forEach((row) => ws.addRow(row));
  }
  writeOutput(file, new Uint8Array(await wb.xlsx.writeBuffer()), [], { force: true });
}

const T = {
  vi: {
    intro: SAMPLE_TITLE.split(" / ")[0] ?? SAMPLE_TITLE,
    wrote: "Đã ghi sổ tính mẫu",
    validate: "1. Kiểm tra (dti validate)",
    rank: "2. Xếp hạng (dti rank)",
    planted: (p: typeof SAMPLE_PROBLEMS) =>
      `Các vấn đề trên được cài sẵn để minh hoạ: điểm vượt tối đa (${p.aboveMax.unit}, ${p.aboveMax.code}), ` +
      `số nhập dạng chữ "8,5" (${p.textNumber.unit}, ${p.textNumber.code}), ô bỏ trống (${p.blank.unit}, ` +
      `${p.blank.code}), thiếu tài liệu kiểm chứng (${p.noEvidence.unit}, ${p.noEvidence.code}).`,
    next: (f: string) => `Thử lại: npx dti rank "${f}" --json`,
  },
  en: {
    intro: SAMPLE_TITLE.split(" / ")[1] ?? SAMPLE_TITLE,
    wrote: "Wrote the sample workbook",
    validate: "1. Validate (dti validate)",
    rank: "2. Rank (dti rank)",
    planted: (p: typeof SAMPLE_PROBLEMS) =>
      `The problems above are planted for the demo: a score above max (${p.aboveMax.unit}, ${p.aboveMax.code}), ` +
      `"8,5" typed as text (${p.textNumber.unit}, ${p.textNumber.code}), a blank score (${p.blank.unit}, ` +
      `${p.blank.code}), a score without evidence (${p.noEvidence.unit}, ${p.noEvidence.code}).`,
    next: (f: string) => `Try: npx dti rank "${f}" --json --lang en`,
  },
} as const;

const command: CliCommand = {
  usage: "demo [--lang vi|en]",
  summary:
    "Chạy thử trên bộ dữ liệu minh hoạ có sẵn / run the main job on the embedded illustrative sample",
  async run(args) {
    let lang: Lang;
    try {
      const parsed = parseArgs(args, { flags: [], options: ["lang"] });
      lang = langOf(parsed);
      if (parsed.positionals.length > 0)
        throw new ArgError("không nhận tham số / takes no arguments");
    } catch (error) {
      if (error instanceof ArgError) {
        console.error(`dti demo: ${error.message}`);
        return 2;
      }
      throw error;
    }
    const t = T[lang];
    const file = join(mkdtempSync(join(tmpdir(), "dti-demo-")), "dti-mau-minh-hoa.xlsx");
    await writeGridsXlsx(sampleGrids(), file, { [PROFILE_SETTING]: SAMPLE_PROFILE_ID });
    console.log(t.intro);
    console.log(`${t.wrote}: ${file}\n`);
    const loaded = await loadInput(file, { lang });
    if (!loaded.ok) {
      console.error(`dti demo: ${loaded.reason}`);
      return 2;
    }
    const input = loaded.value;
    for (const line of describeInput(input, lang)) console.log(line);
    console.log(`\n${t.validate}`);
    console.log(issueLines(input.issues, lang).join("\n"));
    console.log(countLine(input.issues, lang));
    console.log(t.planted(SAMPLE_PROBLEMS));
    console.log(`\n${t.rank}\n`);
    for (const line of rankingTables(input, lang)) console.log(line);
    console.log(t.next(file));
    return 0;
  },
};

export default command;
