/**
 * `dti validate <file.xlsx> [--set ID] [--sheet NAME] [--json] [--lang vi|en]`: the issues of a
 * workbook. Exit 0 without errors, 1 with error-severity issues, 2 when the input is unusable.
 * Also home of the input pipeline shared by `rank` and `demo`: read → recognise → evaluate.
 */
import { readWorkbook } from "../../app/read-workbook";
import {
  PROFILE_IDS,
  checkInput,
  evaluateInput,
  findProfile,
  issueText,
  type Issue,
  type IndicatorSet,
  type Ranking,
  type Recognized,
  type RuleProfile,
  type RulesOutcome,
  type WorkbookInput,
  type LayoutOverrides,
  nameIn,
  releaseCellRefs,
} from "../../engine";
import type { SheetInfo } from "../../workbook/port";
import { XlsxReadError } from "../../workbook/xlsx/read-grid";
import { XlsxWorkbook } from "../../workbook/xlsx/xlsx-workbook";
import { ArgError, langOf, parseArgs, type Lang } from "../args";
import type { CliCommand } from "../command";
import { LAYOUT_FLAGS, LAYOUT_OPTIONS, layoutLines, overridesFromArgs } from "../layout";
import { countLine, issueLines, labels } from "../format";
import { cliTexts } from "../texts";

/** The settings key under which the add-in stores the workbook's rule profile (see src/app/session.ts). */
export const PROFILE_SETTING = "dti.profileId";
/** Used when neither --set nor the workbook names a profile: rules without grade bands, one group. */
export const DEFAULT_PROFILE_ID = "generic";

export interface LoadedInput {
  readonly file: string;
  readonly profile: RuleProfile;
  /** Where the rules came from: the workbook's rules sheet, --set, the stored id, or the default. */
  readonly profileFrom: "rules-sheet" | "option" | "workbook" | "default";
  /** The workbook's rules sheet when it supplied the rules. */
  readonly rules: RulesOutcome | null;
  /** --set was given but the workbook's rules sheet applies instead. */
  readonly setIgnored?: string;
  readonly recognized: Recognized;
  readonly set: IndicatorSet;
  readonly ranking: Ranking;
  /** What is wrong in the cells (the pane's check, `dti validate`). */
  readonly checkIssues: readonly Issue[];
  /** The check's issues, then what the results say (provisional totals, grade gaps): `dti rank`. */
  readonly issues: readonly Issue[];
  readonly sheet: string;
  /** The file as read, once: `rank --out` writes its ranked copy from it. */
  readonly book: XlsxWorkbook;
  readonly sheets: readonly SheetInfo[];
  readonly input: WorkbookInput;
  /**
   * Lets go of the warnings and notes once they are printed (the ranking keeps its results and the
   * errors, which a refused ranking lists again): `rank --out` then builds and writes the ranked
   * copy without the ~280k warning objects of a 3,321-unit matrix (about 30 MB).
   */
  releaseIssues(): void;
}

export type LoadResult =
  | { readonly ok: true; readonly value: LoadedInput }
  | {
      readonly ok: false;
      readonly reason: string;
      /** Data issues that stop the work (a rules sheet with errors): exit 1, not 2. */
      readonly issues?: readonly Issue[];
    };

/**
 * Reads a workbook once (the set in force, then the entry workbook exactly or a foreign one through
 * the recogniser: the app's readWorkbook over the ExcelJS adapter), checks and evaluates it once; a
 * one-line reason (vi / en) when it cannot be used.
 */
export async function loadInput(
  file: string,
  opts: {
    readonly set?: string;
    readonly sheet?: string;
    readonly lang: Lang;
    /** Layout corrections from the command line (laid over the layout stored in the workbook). */
    readonly overrides?: LayoutOverrides | null;
    /**
     * Nothing will be written from the book (no --out): it is opened read-only, its cells let go
     * as they are read (a 200,000-row sheet's read stays under 1 GB: `npm run bench -- hostile`).
     */
    readonly readOnly?: boolean;
  }
): Promise<LoadResult> {
  let book: XlsxWorkbook;
  try {
    book = await XlsxWorkbook.load(file, { readOnly: opts.readOnly === true });
  } catch (error) {
    if (error instanceof XlsxReadError) return { ok: false, reason: error.message };
    throw error;
  }
  // The workbook's rules sheet, when there is one, is the rules in force (it wins over --set):
  // readWorkbook (src/app/set-in-force.ts) decides.
  let profileId = opts.set;
  let profileFrom: LoadedInput["profileFrom"] = "option";
  if (profileId === undefined) {
    const stored = (await book.readSettings())[PROFILE_SETTING];
    if (stored !== undefined && findProfile(stored) !== undefined) {
      profileId = stored;
      profileFrom = "workbook";
    } else {
      profileId = DEFAULT_PROFILE_ID;
      profileFrom = "default";
    }
  }
  const profile = findProfile(profileId);
  if (profile === undefined) {
    return {
      ok: false,
      reason:
        `Không có bộ quy tắc "${profileId}" (xem: dti sets) / unknown rule profile "${profileId}" ` +
        `(see: dti sets). Có / available: ${PROFILE_IDS.join(", ")}`,
    };
  }
  const read = await readWorkbook(book, {
    profile,
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
    ...(opts.overrides != null ? { overrides: opts.overrides } : {}),
  });
  if (read.rulesBlocked) {
    const sheetName = read.inForce.rulesSheet ?? "Quy tắc";
    return {
      ok: false,
      reason:
        `${file}: trang "${sheetName}" có lỗi nên chưa chấm, xếp loại được; sửa các ô nêu trên / ` +
        `the "${sheetName}" sheet has errors, so nothing is scored or graded until the cells above are fixed`,
      issues: read.inForce.issues,
    };
  }
  if (!read.input.ok) {
    const first = read.input.issues[0];
    const what = first ? issueText(first, "vi") + " / " + issueText(first, "en") : "no_table_found";
    return { ok: false, reason: `${file}: ${what}` };
  }
  const input = read.input.value;
  // Each command pays for what it prints: `validate` the check only, `rank` the evaluation only
  // (its issues hold the check's), each computed once, when first asked for.
  let evaluated: ReturnType<typeof evaluateInput> | undefined;
  const evaluation = (): ReturnType<typeof evaluateInput> => (evaluated ??= evaluateInput(input));
  let checked: readonly Issue[] | undefined;
  const data = input.data;
  const sheet = data.indicators[0]?.cell?.sheet ?? data.units[0]?.cell?.sheet ?? "";
  const rules = read.inForce.rules;
  return {
    ok: true,
    value: {
      file,
      profile: input.set.profile,
      profileFrom: read.inForce.from === "rules-sheet" ? "rules-sheet" : profileFrom,
      rules,
      ...(rules !== null && opts.set !== undefined ? { setIgnored: opts.set } : {}),
      recognized: data,
      set: input.set,
      get ranking() {
        return evaluation().ranking;
      },
      get checkIssues() {
        return (checked ??= checkInput(input));
      },
      get issues() {
        return evaluation().issues;
      },
      sheet,
      book,
      sheets: read.sheets,
      input,
      releaseIssues() {
        const { ranking, issues } = evaluation();
        const errors = (list: readonly Issue[]): Issue[] =>
          list.filter((i) => i.severity === "error");
        evaluated = {
          ranking: { ...ranking, issues: errors(ranking.issues) },
          issues: errors(issues),
        };
        checked = undefined;
      },
    },
  };
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}

/** An issue as the JSON output shows it. */
export function issueJson(i: Issue, lang: Lang) {
  return {
    code: i.code,
    severity: i.severity,
    sheet: i.cell?.sheet ?? null,
    cell: i.cell?.cell ?? null,
    message: issueText(i, lang),
  };
}

/** The lines that say what was read: file, profile, sheet, layout, counts. */
export function describeInput(input: LoadedInput, lang: Lang): string[] {
  const L = labels(lang);
  const p = input.profile;
  const r = input.recognized;
  const T = cliTexts(lang);
  const rulesNote =
    input.rules === null
      ? ""
      : T.fromRulesSheet(
          input.rules.sheet,
          input.rules.doc.presetId,
          input.rules.changed,
          input.setIgnored
        );
  const from =
    input.profileFrom === "rules-sheet"
      ? rulesNote
      : input.profileFrom === "workbook"
        ? T.fromSettings
        : input.profileFrom === "default"
          ? T.fromDefault
          : "";
  return [
    `${L.file}: ${input.file}`,
    `${L.set}: ${nameIn(p, lang)} [${p.id}]${from}`,
    `${L.sheet}: ${input.sheet} (${r.tableRange}) · ${L.layout}: ${L.layouts[r.layout]} · ` +
      `${r.indicators.length} ${L.indicators}, ${r.units.length} ${L.units}`,
  ];
}

type CommandSpec = Parameters<typeof parseArgs>[1];

/**
 * The start every file command shares: parse the arguments, take exactly one .xlsx, read, recognise and
 * evaluate it. Returns the exit code (2) after printing a one-line reason when the input is unusable.
 */
export async function openCommandInput(
  name: string,
  args: readonly string[],
  spec: CommandSpec,
  usage: string
): Promise<number | { parsed: ReturnType<typeof parseArgs>; lang: Lang; input: LoadedInput }> {
  let parsed;
  let lang: Lang;
  try {
    parsed = parseArgs(args, spec);
    lang = langOf(parsed);
  } catch (error) {
    if (error instanceof ArgError) {
      console.error(`dti ${name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const [file, extra] = parsed.positionals;
  if (file === undefined || extra !== undefined) {
    console.error(`dti ${name}: cần đúng một tệp .xlsx / needs exactly one .xlsx file. ${usage}`);
    return 2;
  }
  const set = parsed.options.get("set");
  const sheet = parsed.options.get("sheet");
  const overrides = overridesFromArgs(parsed);
  if (!overrides.ok) {
    console.error(`dti ${name}: ${overrides.reason}`);
    return 2;
  }
  const loaded = await loadInput(file, {
    lang,
    ...(set !== undefined ? { set } : {}),
    ...(sheet !== undefined ? { sheet } : {}),
    overrides: overrides.value,
    // Nothing is written from this book: `rank --out` splices its sheets into the file's own bytes
    // (src/cli/write-ranking.ts, src/workbook/xlsx/splice.ts).
    readOnly: true,
  });
  if (!loaded.ok) {
    if (loaded.issues !== undefined) {
      const lines = issueLines(loaded.issues, lang);
      if (lines.length > 0) console.log(lines.join("\n") + "\n");
      console.log(countLine(loaded.issues, lang));
      console.error(`dti ${name}: ${loaded.reason}`);
      return 1;
    }
    console.error(`dti ${name}: ${loaded.reason}`);
    return 2;
  }
  // Everything the command needs of the sheets is in the input now: their grids are not held any
  // longer, nor the file's bytes (the copy `rank --out` writes splices its sheets into the file,
  // copying the rest from the file on disk, checked to be the one read: source-file.ts).
  loaded.value.book.forgetGrids();
  loaded.value.book.releaseSource();
  releaseCellRefs();
  if (parsed.flags.has("layout") && !parsed.flags.has("json")) {
    for (const line of layoutLines(loaded.value.recognized, lang, file, name)) console.log(line);
    console.log("");
  }
  return { parsed, lang, input: loaded.value };
}

export const VALIDATE_SPEC = {
  flags: ["json", ...LAYOUT_FLAGS],
  options: ["set", "sheet", "lang", ...LAYOUT_OPTIONS],
} as const;

const command: CliCommand = {
  usage:
    "validate <file.xlsx> [--set ID] [--sheet NAME] [--json] [--lang vi|en] [--layout] [--column D=total,E=ignore] [--max D=1000] [--scale points|percent|index] [--header-row N]",
  summary:
    "Kiểm tra điểm trong tệp, báo lỗi theo ô (mã thoát 1 nếu có lỗi) / check a workbook's scores, issues by cell (exit 1 on errors)",
  async run(args) {
    const opened = await openCommandInput("validate", args, VALIDATE_SPEC, command.usage);
    if (typeof opened === "number") return opened;
    const { parsed, lang, input } = opened;
    if (parsed.flags.has("json")) {
      const r = input.recognized;
      console.log(
        JSON.stringify(
          {
            file: input.file,
            set: {
              id: input.profile.id,
              name: nameIn(input.profile, lang),
            },
            sheet: input.sheet,
            layout: r.layout,
            tableRange: r.tableRange,
            indicators: r.indicators.length,
            units: r.units.length,
            ...(parsed.flags.has("layout") && r.tableLayout !== undefined
              ? { tableLayout: r.tableLayout }
              : {}),
            issues: input.checkIssues.map((i) => issueJson(i, lang)),
          },
          null,
          2
        )
      );
    } else {
      for (const line of describeInput(input, lang)) console.log(line);
      console.log("");
      const lines = issueLines(input.checkIssues, lang);
      console.log(lines.length > 0 ? lines.join("\n") : labels(lang).noIssues);
      console.log("");
      console.log(countLine(input.checkIssues, lang));
    }
    return hasErrors(input.checkIssues) ? 1 : 0;
  },
};

export default command;
