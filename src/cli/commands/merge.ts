/**
 * `dti merge <form.xlsx>... --set ID --out consolidated.xlsx`: many agencies' self-assessment forms
 * (one per agency) into one DTI entry workbook ("Nhập điểm" matrix + "Đơn vị" units sheet).
 */
import { basename } from "node:path";
import { createEntrySheets } from "../../app/entry-sheets";
import { type AgencyForm, type MergedForms, mergeForms } from "../../app/merge-forms";
import { recordImportedForms } from "../../app/progress";
import { writeSession } from "../../app/session";
import {
  formatIssue,
  getProfile,
  type IndicatorSet,
  indicatorSetFromRecognized,
  type Issue,
  type Locale,
  matchGroup,
  recognize,
  UnknownProfileError,
} from "../../engine";
import { XlsxReadError, readXlsxGrids } from "../../workbook/xlsx/read-grid";
import { XlsxWorkbook } from "../../workbook/xlsx/xlsx-workbook";
import { ArgError, langOf, parseArgs } from "../args";
import type { CliCommand } from "../command";
import { checkOutput, OutputError, writeOutput } from "../files";
import { cliTexts } from "../texts";

/** Prints issues in the user's language, one per line. */
export function printIssues(issues: readonly Issue[], locale: Locale): void {
  for (const i of issues) {
    const file = i.params["file"];
    const prefix = typeof file === "string" && file !== "" ? `[${file}] ` : "";
    console.log(`  ${i.severity === "error" ? "✗" : "!"} ${prefix}${formatIssue(i, locale)}`);
  }
}

/** Reads each file; a file that cannot be read is reported, the others go on. */
async function readForms(
  files: readonly string[]
): Promise<{ forms: AgencyForm[]; failed: string[] }> {
  const forms: AgencyForm[] = [];
  const failed: string[] = [];
  for (const file of files) {
    try {
      forms.push({ fileName: basename(file), grids: await readXlsxGrids(file) });
    } catch (e) {
      if (!(e instanceof XlsxReadError)) throw e;
      console.error(`dti merge: ${e.message}`);
      failed.push(file);
    }
  }
  return { forms, failed };
}

/** The set: the indicator rows of the first form that has any, under the profile's rules. */
function setFromForms(forms: readonly AgencyForm[], profileId: string): IndicatorSet | null {
  const profile = getProfile(profileId);
  for (const f of forms) {
    const rec = recognize(f.grids, profile);
    if (rec.ok && rec.value.indicators.length > 0)
      return indicatorSetFromRecognized(profile, rec.value);
  }
  return null;
}

/**
 * `--group NAME` (a group id, name or alias of the profile): the group of every merged unit whose
 * form names none, so no agency is left out of the ranking. Null when the name is not a group.
 */
function withGroup(
  merged: MergedForms,
  set: IndicatorSet,
  group: string | undefined
): MergedForms | null {
  if (group === undefined || group.trim() === "") return merged;
  const id = set.profile.groups.some((g) => g.id === group)
    ? group
    : matchGroup(group, set.profile);
  if (id === null) return null;
  return {
    ...merged,
    units: merged.units.map((u) =>
      u.groupId === null && (u.groupText ?? "").trim() === "" ? { ...u, groupId: id } : u
    ),
  };
}

const command: CliCommand = {
  usage:
    "merge <form.xlsx>... --set ID [--from official.xlsx] [--group NAME] --out consolidated.xlsx [--force] [--lang vi|en]",
  summary:
    "Gộp phiếu tự đánh giá của nhiều cơ quan vào một bảng nhập điểm. / Merge agencies' self-assessment forms into one entry workbook.",
  async run(args) {
    let a;
    let locale: Locale;
    try {
      a = parseArgs(args, { flags: ["force"], options: ["set", "out", "from", "group", "lang"] });
      locale = langOf(a);
    } catch (e) {
      if (!(e instanceof ArgError)) throw e;
      console.error(`dti merge: ${e.message}\nCách dùng / Usage: dti ${command.usage}`);
      return 2;
    }
    const out = a.options.get("out");
    const setId = a.options.get("set");
    if (a.positionals.length === 0 || !out || !setId) {
      console.error(`Cách dùng / Usage: dti ${command.usage}`);
      return 2;
    }
    // The output is none of the inputs (by identity) and replaces a file only with --force.
    const inputs = [
      ...a.positionals,
      ...(a.options.get("from") !== undefined ? [a.options.get("from") ?? ""] : []),
    ];
    try {
      checkOutput(out, inputs, { force: a.flags.has("force") });
    } catch (e) {
      if (!(e instanceof OutputError)) throw e;
      console.error(`dti merge: ${e.message}`);
      return 2;
    }
    let set: IndicatorSet | null;
    const { forms, failed } = await readForms(a.positionals);
    const from = a.options.get("from");
    try {
      // The official workbook, when given, defines the set; else the first form with indicator rows.
      set =
        from !== undefined && from !== ""
          ? setFromForms([{ fileName: basename(from), grids: await readXlsxGrids(from) }], setId)
          : setFromForms(forms, setId);
    } catch (e) {
      if (e instanceof UnknownProfileError || e instanceof XlsxReadError) {
        console.error(`dti merge: ${e.message}`);
        return 2;
      }
      throw e;
    }
    if (set === null) {
      console.error(
        "dti merge: không tệp nào có bảng chỉ số (Mã, Tên chỉ số, Điểm tối đa). / No file holds an indicator table (code, name, max points)."
      );
      return 2;
    }
    const merged = withGroup(mergeForms(forms, set), set, a.options.get("group"));
    if (merged === null) {
      const names = set.profile.groups.map((g) => `"${g.name}" (${g.id})`).join(", ");
      console.error(
        `dti merge: nhóm "${a.options.get("group") ?? ""}" không có trong bộ ${set.profile.id}; hãy dùng một trong: ${names}. / Group not in set ${set.profile.id}; use one of: ${names}.`
      );
      return 2;
    }
    const book = XlsxWorkbook.create();
    const res = await createEntrySheets(book, set, merged.units, { entries: merged.entries });
    if (!res.ok) {
      printIssues(res.issues, locale);
      return 2;
    }
    await writeSession(book, {
      profileId: set.profile.id,
      setSource: "entry-workbook",
      sourceName: basename(out),
      set,
    });
    // Which agency's form came from which file, as the pane's import records it ("Tiến độ").
    await recordImportedForms(book, merged.forms);
    try {
      writeOutput(out, await book.toBuffer(), inputs, { force: a.flags.has("force") });
    } catch (e) {
      if (!(e instanceof OutputError)) throw e;
      console.error(`dti merge: ${e.message}`);
      return 2;
    }
    console.log(cliTexts(locale).merged(merged.units.length, forms.length, out));
    printIssues(merged.issues, locale);
    return failed.length > 0 || merged.issues.some((i) => i.severity === "error") ? 1 : 0;
  },
};

export default command;
