/**
 * `dti template --set ID [--from official.xlsx] [--units "A;B"] --out entry.xlsx`: the DTI entry
 * workbook (same sheet specs as the add-in, written with the ExcelJS adapter) to inspect without Excel.
 */
import { basename } from "node:path";
import { createEntrySheets } from "../../app/entry-sheets";
import { writeSession } from "../../app/session";
import {
  getProfile,
  type IndicatorSet,
  indicatorSetFromRecognized,
  indicatorsFromProfile,
  type Locale,
  recognize,
  type Unit,
  UnknownProfileError,
} from "../../engine";
import { XlsxReadError, readXlsxGrids } from "../../workbook/xlsx/read-grid";
import { XlsxWorkbook } from "../../workbook/xlsx/xlsx-workbook";
import { ArgError, langOf, parseArgs } from "../args";
import type { CliCommand } from "../command";
import { checkOutput, OutputError, writeOutput } from "../files";
import { printIssues } from "./merge";
import { cliTexts } from "../texts";

/** "Sở A; Sở B" → units with no group yet (the user picks it on the "Đơn vị" sheet). */
function unitsFromList(list: string): Unit[] {
  return list
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((name, i) => ({
      id: `u${i + 1}`,
      name,
      groupId: null,
      hasSubordinateUnits: true,
      hasDvctt: true,
      specialPurpose: false,
      notApplicable: [],
    }));
}

const command: CliCommand = {
  usage:
    'template --set ID [--from official.xlsx] [--units "Sở A;Sở B"] --out entry.xlsx [--force] [--lang vi|en]',
  summary:
    "Tạo bảng nhập điểm DTI (Nhập điểm, Đơn vị) từ bộ chỉ số. / Write the DTI entry workbook for an indicator set.",
  async run(args) {
    let a;
    let locale: Locale;
    try {
      a = parseArgs(args, { flags: ["force"], options: ["set", "out", "from", "units", "lang"] });
      locale = langOf(a);
    } catch (e) {
      if (!(e instanceof ArgError)) throw e;
      console.error(`dti template: ${e.message}\nCách dùng / Usage: dti ${command.usage}`);
      return 2;
    }
    const out = a.options.get("out");
    const setId = a.options.get("set");
    const from = a.options.get("from");
    if (!out || !setId) {
      console.error(`Cách dùng / Usage: dti ${command.usage}`);
      return 2;
    }
    // The output is not the --from file (by identity) and replaces a file only with --force.
    const inputs = from !== undefined && from !== "" ? [from] : [];
    try {
      checkOutput(out, inputs, { force: a.flags.has("force") });
    } catch (e) {
      if (!(e instanceof OutputError)) throw e;
      console.error(`dti template: ${e.message}`);
      return 2;
    }
    let set: IndicatorSet;
    let units: Unit[] = unitsFromList(a.options.get("units") ?? "");
    try {
      const profile = getProfile(setId);
      if (from !== undefined && from !== "") {
        const rec = recognize(await readXlsxGrids(from), profile);
        if (!rec.ok) {
          printIssues(rec.issues, locale);
          return 2;
        }
        set = indicatorSetFromRecognized(profile, rec.value);
        if (units.length === 0 && rec.value.layout === "matrix") units = [...rec.value.units];
      } else if (profile.mainIndices.length > 0) {
        set = { profile, indicators: indicatorsFromProfile(profile) };
      } else {
        console.error(
          `dti template: bộ "${profile.id}" không có sẵn danh sách chỉ số; hãy thêm --from <tệp bộ chỉ số của tỉnh>.xlsx. / Profile "${profile.id}" has no built-in indicators; add --from <official workbook>.xlsx.`
        );
        return 2;
      }
    } catch (e) {
      if (e instanceof UnknownProfileError || e instanceof XlsxReadError) {
        console.error(`dti template: ${e.message}`);
        return 2;
      }
      throw e;
    }
    const book = XlsxWorkbook.create();
    const res = await createEntrySheets(book, set, units);
    if (!res.ok) {
      printIssues(res.issues, locale);
      return 2;
    }
    await writeSession(book, {
      profileId: set.profile.id,
      setSource: from ? "import" : "built-in",
      sourceName: from ? basename(from) : "",
      set,
    });
    try {
      writeOutput(out, await book.toBuffer(), inputs, { force: a.flags.has("force") });
    } catch (e) {
      if (!(e instanceof OutputError)) throw e;
      console.error(`dti template: ${e.message}`);
      return 2;
    }
    console.log(cliTexts(locale).wroteTemplate(out, set.indicators.length, units.length));
    return 0;
  },
};

export default command;
