/**
 * `dti rank <file.xlsx> --out <ranked.xlsx>`: the ranked sheets of the add-in written into a copy
 * of the input file through the ExcelJS adapter. The input file is never modified; the copy keeps
 * every user sheet and gains the add-in's own ranking sheets (formulas linked to the entry cells).
 */
import { resolve } from "node:path";
import type { Issue, Ranking, RuleProfile, Rounding, TiePolicy } from "../engine/model/types";
import type { BandRefs } from "../engine";
import type { LastYearRanking } from "../engine/sheets/year-over-year";
import type { AppendixDecision } from "../engine/sheets/appendix";
import { lastYearFromGrids, planRanking } from "../app/build-ranking";
import { SETTINGS_SHEET } from "../workbook/ownership";
import { XlsxWorkbook } from "../workbook/xlsx/xlsx-workbook";
import { readXlsxGrids } from "../workbook/xlsx/read-grid";

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
  if (resolve(input) === resolve(out))
    throw new WriteRankingError(
      "Tệp kết quả (--out) phải khác tệp đầu vào để không ghi đè dữ liệu gốc / " +
        "the output file (--out) must differ from the input file, so the original is kept"
    );
  const wb = await XlsxWorkbook.load(input);
  const sheets = await wb.listSheets();
  // The user's sheets are the input; the add-in's own sheets (an earlier ranking) are not.
  const readable = sheets.filter((s) => !s.owned && s.name !== SETTINGS_SHEET);
  const grids = await Promise.all(readable.map((s) => wb.readGrid(s.name)));
  const lastYear =
    options.lastYearFile !== undefined
      ? await readLastYear(options.lastYearFile, options.profile)
      : null;
  const planned = planRanking(grids, options.profile, {
    ...(options.sheet !== undefined ? { entrySheet: options.sheet } : {}),
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
  });
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
  input: string,
  out: string,
  options: {
    readonly profile: RuleProfile;
    readonly bandRefs?: BandRefs;
    readonly sheet?: string;
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
    const res = await writeRanking(input, out, {
      profile: options.profile,
      ...(options.bandRefs !== undefined ? { bandRefs: options.bandRefs } : {}),
      ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
      ...(year !== undefined ? { year } : {}),
      ...(options.lastYear !== undefined ? { lastYearFile: options.lastYear } : {}),
      ...(options.appendix === true
        ? {
            appendix: true,
            decision: {
              number: options.decisionNumber ?? options.profile.source.decision,
              date: options.decisionDate ?? null,
              issuer: options.profile.source.issuer,
            },
          }
        : {}),
    });
    if (!res.ok) {
      console.error(
        "dti rank: không lập được bảng xếp hạng (xem các lỗi ở trên) / " +
          "could not build the ranking (see the issues above)"
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
