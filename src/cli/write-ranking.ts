/**
 * `dti rank <file.xlsx> --out <ranked.xlsx>`: the ranked sheets of the add-in written into a copy
 * of the input file through the ExcelJS adapter. The input file is never modified; the copy keeps
 * every user sheet and gains the add-in's own ranking sheets (formulas linked to the entry cells).
 */
import { resolve } from "node:path";
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
import { XlsxWorkbook } from "../workbook/xlsx/xlsx-workbook";
import { readXlsxGrids } from "../workbook/xlsx/read-grid";
import { issueLines } from "./format";

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
}

export type WriteRankingResult =
  | {
      readonly ok: true;
      readonly sheets: readonly string[];
      readonly ranking: Ranking;
      readonly issues: readonly Issue[];
    }
  | { readonly ok: false; readonly issues: readonly Issue[]; readonly message?: string };

/** Thrown for a wrong command line (same input and output file). */
export class WriteRankingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WriteRankingError";
  }
}

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
  checkPaths(input, out);
  const wb = await XlsxWorkbook.load(input);
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

function checkPaths(input: string, out: string): void {
  if (resolve(input) === resolve(out))
    throw new WriteRankingError(
      "Tệp kết quả (--out) phải khác tệp đầu vào để không ghi đè dữ liệu gốc / " +
        "the output file (--out) must differ from the input file, so the original is kept"
    );
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
  checkPaths(input, out);
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
  await wb.apply(planned.value.specs);
  await wb.save(out);
  return {
    ok: true,
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
    const note =
      options.lang === "vi"
        ? `Đã ghi ${out}: ${res.sheets.join(", ")}`
        : `Wrote ${out}: ${res.sheets.join(", ")}`;
    if (options.json === true) console.error(note);
    else console.log(note);
    return 0;
  } catch (error) {
    const msg = error instanceof Error ? error.message : String(error);
    console.error(`dti rank --out: ${msg}`);
    return 2;
  }
}
