/**
 * `dti rank <file.xlsx> --out <ranked.xlsx>`: the ranked sheets of the add-in written into a copy
 * of the input file through the ExcelJS adapter. The input file is never modified; the copy keeps
 * every user sheet and gains the add-in's own ranking sheets (formulas linked to the entry cells).
 */
import { readWorkbook } from "../app/read-workbook";
import {
  bandRefsOf,
  lastYearFromGrids,
  planInput,
  type Issue,
  type AppendixDecision,
  type BandRefs,
  type LastYearRanking,
  type Ranking,
  type RuleProfile,
  type Rounding,
  type TiePolicy,
  type WorkbookInput,
} from "../engine";
import type { SheetInfo } from "../workbook/port";
import { readFile } from "node:fs/promises";
import { XlsxWorkbook } from "../workbook/xlsx/xlsx-workbook";
import { SpliceUnsupported } from "../workbook/xlsx/splice";
import { SourceChanged, SourceFile } from "../workbook/xlsx/source-file";
import type { ZipPiece } from "../workbook/xlsx/zip-parts";
import { readXlsxGrids, XlsxReadError } from "../workbook/xlsx/read-grid";
import type { NotKept } from "../workbook/xlsx/inspect";
import { checkOutput, inputChanged, OutputError, writeOutput } from "./files";
import { issueLines } from "./format";
import { cliTexts } from "./texts";

export interface WriteRankingOptions {
  readonly profile: RuleProfile;
  /** The rules sheet's band cells: the grade formulas reference them. */
  readonly bandRefs?: BandRefs;
  /** The sheet holding the scores (default: found by the recogniser). */
  readonly sheet?: string;
  readonly year?: number;
  readonly tiePolicy?: TiePolicy;
  readonly rounding?: Rounding;
  readonly groups?: readonly string[];
  /** Last year's results: an .xlsx with a ranked sheet or a summary table. */
  readonly lastYearFile?: string;
  readonly reconciliation?: boolean;
  /** Also the decision's appendix ("Phụ lục - …" sheets, print-ready). */
  readonly appendix?: boolean;
  readonly decision?: AppendixDecision;
  /** Replace an existing output file. */
  readonly force?: boolean;
}

export type WriteRankingResult =
  | {
      readonly ok: true;
      readonly sheets: readonly string[];
      readonly ranking: Ranking;
      readonly issues: readonly Issue[];
      /** What of the input file the copy does not hold (charts, pivot tables...). */
      readonly notKept: readonly NotKept[];
    }
  | { readonly ok: false; readonly issues: readonly Issue[]; readonly message?: string };

/** Last year's ranking from a file: its ranked sheets if any, else the file evaluated as a summary. */
export async function readLastYear(
  file: string,
  profile: RuleProfile
): Promise<LastYearRanking | null> {
  const grids = await readXlsxGrids(file);
  return lastYearFromGrids(grids, profile, file.split(/[\\/]/).pop() ?? file);
}

/** Reads `input`, ranks it, writes `out` = input + the ranking sheets. */
export async function writeRanking(
  input: string,
  out: string,
  options: WriteRankingOptions
): Promise<WriteRankingResult> {
  checkOutput(out, inputsOf(input, options), { force: options.force === true });
  const wb = await XlsxWorkbook.load(input, { readOnly: true });
  const read = await readWorkbook(wb, {
    profile: options.profile,
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
  });
  if (!read.input.ok) return { ok: false, issues: read.input.issues };
  const rules = read.inForce.rules;
  return writeRankingFrom(wb, read.input.value, read.sheets, input, out, {
    ...options,
    profile: read.input.value.set.profile,
    ...(options.bandRefs === undefined && rules !== null ? { bandRefs: bandRefsOf(rules) } : {}),
  });
}

/** The output is never one of the inputs (by identity: links, other spellings), checked before any work. */
function inputsOf(input: string, options: { readonly lastYearFile?: string }): string[] {
  return [input, ...(options.lastYearFile !== undefined ? [options.lastYearFile] : [])];
}

/**
 * The ranked copy from a workbook already read (and, when given, its ranking already evaluated
 * with default options): the file is read once and evaluated once.
 */
export async function writeRankingFrom(
  wb: XlsxWorkbook,
  read: WorkbookInput,
  sheets: readonly SheetInfo[],
  input: string,
  out: string,
  options: Omit<WriteRankingOptions, "profile" | "sheet"> & { readonly profile: RuleProfile },
  evaluated?: Ranking
): Promise<WriteRankingResult> {
  const inputs = inputsOf(input, options);
  checkOutput(out, inputs, { force: options.force === true });
  const lastYear =
    options.lastYearFile !== undefined
      ? await readLastYear(options.lastYearFile, options.profile)
      : null;
  const planned = planInput(
    read,
    {
      ...(options.year !== undefined ? { year: options.year } : {}),
      ...(options.tiePolicy !== undefined ? { tiePolicy: options.tiePolicy } : {}),
      ...(options.rounding !== undefined ? { rounding: options.rounding } : {}),
      ...(options.groups !== undefined ? { groups: options.groups } : {}),
      ...(options.reconciliation !== undefined ? { reconciliation: options.reconciliation } : {}),
      ...(options.bandRefs !== undefined ? { bandRefs: options.bandRefs } : {}),
      ...(lastYear !== null ? { lastYear } : {}),
      ...(options.appendix === true ? { appendix: true } : {}),
      ...(options.decision !== undefined ? { decision: options.decision } : {}),
      existingSheets: sheets,
      sourceLabel: input.split(/[\\/]/).pop() ?? input,
    },
    options.tiePolicy === undefined && options.rounding === undefined ? evaluated : undefined
  );
  if (!planned.ok) return { ok: false, issues: planned.issues };
  const specs = planned.value.specs;
  let bytes: Uint8Array | ZipPiece[];
  let notKept: readonly NotKept[];
  // The file as read: its bytes, or (once let go, releaseSource) the file, checked to be the one read.
  const source = wb.copySource ?? (await readFile(input));
  try {
    try {
      // The file's own package with the ranking sheets spliced in: ExcelJS holds only those.
      const copy = await XlsxWorkbook.loadCopy(
        source,
        specs.map((s) => s.name),
        sheets
      );
      await copy.apply(specs);
      bytes = await copy.toPieces();
      notKept = copy.notKept;
    } catch (error) {
      if (!(error instanceof SpliceUnsupported)) throw error;
      // A file the splice cannot take (zip64, macros...): the whole workbook through ExcelJS.
      const whole = await XlsxWorkbook.load(
        source instanceof SourceFile
          ? source.bytes()
          : Buffer.from(source.buffer, source.byteOffset, source.byteLength)
      );
      await whole.apply(specs);
      bytes = await whole.toBuffer();
      notKept = whole.notKept;
    }
  } catch (error) {
    if (error instanceof SourceChanged) throw inputChanged(out, input);
    throw error;
  }
  writeOutput(out, bytes, inputs, { force: options.force === true });
  return {
    ok: true,
    notKept,
    sheets: planned.value.specs.map((s) => s.name),
    ranking: planned.value.ranking,
    issues: planned.value.issues,
  };
}

/**
 * `rank --out`: writes the ranked copy and prints where (Vietnamese, then English). Returns 0 when
 * written, 2 when the output could not be written (message printed).
 */
export async function writeRankingCli(
  loaded: {
    readonly file: string;
    readonly book: XlsxWorkbook;
    readonly input: WorkbookInput;
    readonly sheets: readonly SheetInfo[];
    readonly ranking: Ranking;
  },
  out: string,
  options: {
    readonly bandRefs?: BandRefs;
    readonly year?: string;
    readonly lastYear?: string;
    /** --appendix, with --decision "125/QĐ-UBND" and --decision-date "15/3/2025". */
    readonly appendix?: boolean;
    readonly decisionNumber?: string;
    readonly decisionDate?: string;
    readonly lang: "vi" | "en";
    /** With --json stdout holds only the JSON document: the note goes to stderr. */
    readonly json?: boolean;
    readonly force?: boolean;
  }
): Promise<number> {
  let year: number | undefined;
  if (options.year !== undefined) {
    year = Number(options.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      console.error(
        `dti rank: --year "${options.year}" không phải một năm (ví dụ 2024) / is not a year (e.g. 2024)`
      );
      return 2;
    }
  }
  try {
    const res = await writeRankingFrom(
      loaded.book,
      loaded.input,
      loaded.sheets,
      loaded.file,
      out,
      {
        profile: loaded.input.set.profile,
        ...(options.bandRefs !== undefined ? { bandRefs: options.bandRefs } : {}),
        ...(year !== undefined ? { year } : {}),
        ...(options.lastYear !== undefined ? { lastYearFile: options.lastYear } : {}),
        ...(options.force === true ? { force: true } : {}),
        ...(options.appendix === true
          ? {
              appendix: true,
              decision: {
                number: options.decisionNumber ?? loaded.input.set.profile.source.decision,
                date: options.decisionDate ?? null,
                issuer: loaded.input.set.profile.source.issuer,
              },
            }
          : {}),
      },
      loaded.ranking
    );
    if (!res.ok) {
      const lines = issueLines(res.issues, options.lang);
      if (lines.length > 0) console.error(lines.join("\n"));
      console.error(
        lines.length > 0
          ? "dti rank: không lập được bảng xếp hạng (xem các lỗi ở trên) / " +
              "could not build the ranking (see the issues above)"
          : "dti rank: không có nhóm nào có đơn vị để xếp hạng / no group has units to rank"
      );
      return 2;
    }
    const note = cliTexts(options.lang).wroteSheets(out, res.sheets);
    const lost = notKeptLines(res.notKept, options.lang);
    if (options.json === true) for (const l of [note, ...lost]) console.error(l);
    else for (const l of [note, ...lost]) console.log(l);
    return 0;
  } catch (error) {
    if (error instanceof OutputError || error instanceof XlsxReadError) {
      console.error(`dti rank --out: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

const NOT_KEPT: Readonly<Record<NotKept["what"], readonly [string, string]>> = {
  charts: ["biểu đồ", "chart(s)"],
  pivot_tables: ["bảng tổng hợp (PivotTable)", "pivot table(s)"],
  macros: ["macro (VBA)", "macros (VBA)"],
  shapes: ["hình vẽ / hộp văn bản", "shape(s) / text box(es)"],
  threaded_comments: ["chuỗi bình luận (chỉ còn ghi chú)", "threaded comment(s) (notes are kept)"],
  slicers: ["bộ lọc slicer", "slicer(s)"],
  external_links: ["liên kết tới sổ tính khác", "link(s) to other workbooks"],
  data_validation: [
    "quy tắc xác thực dữ liệu trên vùng quá lớn",
    "data validation over a very large range",
  ],
  defined_name: ["tên vùng phủ vùng quá lớn", "named range over a very large range"],
  comments: ["ghi chú", "note(s)"],
  drawings: ["ảnh / hình vẽ", "picture(s) / drawing(s)"],
};

/**
 * What the copy could not keep of the user's workbook, one line each ("" sheet: the workbook).
 * ExcelJS writes values, styles, merges, notes, images, tables, validations and conditional formats;
 * it drops the rest (https://github.com/exceljs/exceljs#readme, "Known Issues": charts are not kept).
 */
export function notKeptLines(notKept: readonly NotKept[], lang: "vi" | "en"): string[] {
  if (notKept.length === 0) return [];
  const i = lang === "vi" ? 0 : 1;
  const items = notKept.map((n) => {
    const what = NOT_KEPT[n.what][i];
    const where = n.where === "" ? "" : cliTexts(lang).notKeptWhere(n.where);
    return `  - ${n.count} ${what}${where}`;
  });
  return [cliTexts(lang).notKeptHead, ...items];
}
