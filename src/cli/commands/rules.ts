/**
 * `dti rules --set ID --out rules.xlsx [--force]`: writes a workbook holding the rules sheet ("Quy tắc") of a
 * preset, for the user to edit in Excel. `dti rules <file.xlsx>`: checks a workbook's rules sheet
 * and lists its issues by cell (exit 1 on errors). `dti rules --list`: the presets.
 */
import {
  findPreset,
  findRulesGrid,
  presetIds,
  rulesFromGrid,
  rulesSheetSpec,
  listPresets,
  nameIn,
} from "../../engine";
import { XlsxWorkbook } from "../../workbook/xlsx/xlsx-workbook";
import { readXlsxGrids, XlsxReadError } from "../../workbook/xlsx/read-grid";
import { ArgError, langOf, parseArgs, type Lang } from "../args";
import type { CliCommand } from "../command";
import { checkOutput, OutputError, writeOutput } from "../files";
import { countLine, issueLines } from "../format";
import { issueJson } from "./validate";
import { cliTexts } from "../texts";

const SPEC = { flags: ["json", "list", "force"], options: ["set", "out", "lang"] };

async function writeRules(id: string, out: string, lang: Lang, force: boolean): Promise<number> {
  const doc = findPreset(id);
  if (doc === undefined) {
    console.error(
      `dti rules: không có bộ quy tắc "${id}" / unknown preset "${id}". Có / available: ${presetIds().join(", ")}`
    );
    return 2;
  }
  const sheet = rulesSheetSpec(doc);
  try {
    checkOutput(out, [], { force });
    const wb = XlsxWorkbook.create();
    await wb.apply([sheet.spec]);
    writeOutput(out, await wb.toBuffer(), [], { force });
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    console.error(`dti rules: ${error.message}`);
    return 2;
  }
  console.log(cliTexts(lang).wroteRules(out, sheet.spec.name, doc.id));
  return 0;
}

async function checkFile(file: string, lang: Lang, json: boolean): Promise<number> {
  let grids;
  try {
    grids = await readXlsxGrids(file);
  } catch (error) {
    if (error instanceof XlsxReadError) {
      console.error(`dti rules: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const grid = findRulesGrid(grids);
  if (grid === undefined) {
    console.error(
      `dti rules: ${file} không có trang "Quy tắc"; tạo bằng dti rules --set ID --out rules.xlsx [--force] / ` +
        `${file} has no "Quy tắc" sheet; write one with dti rules --set ID --out rules.xlsx [--force]`
    );
    return 2;
  }
  const out = rulesFromGrid(grid);
  const issues = out.issues;
  if (json) {
    console.log(
      JSON.stringify(
        {
          file,
          sheet: grid.sheet,
          id: "doc" in out ? out.doc.id : null,
          preset: "doc" in out ? out.doc.presetId : null,
          changed: "doc" in out ? out.changed : null,
          complete: "doc" in out && out.profile !== null,
          issues: issues.map((i) => issueJson(i, lang)),
        },
        null,
        2
      )
    );
  } else {
    if ("doc" in out) {
      const d = out.doc;
      const T = cliTexts(lang);
      console.log(T.rulesHead(grid.sheet, d, out.changed));
      console.log(out.profile !== null ? T.rulesComplete : T.rulesIncomplete);
      console.log("");
    }
    const lines = issueLines(issues, lang);
    if (lines.length > 0) console.log(lines.join("\n") + "\n");
    console.log(countLine(issues, lang));
  }
  return issues.some((i) => i.severity === "error") ? 1 : 0;
}

function list(lang: Lang, json: boolean): number {
  const presets = listPresets();
  if (json) {
    console.log(
      JSON.stringify(
        presets.map((d) => ({
          id: d.id,
          name: nameIn(d, lang),
          source: d.source,
        })),
        null,
        2
      )
    );
    return 0;
  }
  for (const d of presets) {
    const src = [d.source.decision ?? "?", d.source.date, d.source.issuer]
      .filter(Boolean)
      .join(", ");
    console.log(`${d.id}\n  ${nameIn(d, lang)}\n  ${cliTexts(lang).source}: ${src}\n`);
  }
  return 0;
}

const command: CliCommand = {
  usage:
    "rules --set ID --out rules.xlsx [--force] | rules <file.xlsx> [--json] | rules --list [--lang vi|en]",
  summary:
    'Trang quy tắc "Quy tắc": ghi từ bộ có sẵn, hoặc kiểm tra trang trong tệp / the rules sheet: write one from a preset, or check a workbook\'s',
  async run(args) {
    let parsed;
    let lang: Lang;
    try {
      parsed = parseArgs(args, SPEC);
      lang = langOf(parsed);
    } catch (error) {
      if (error instanceof ArgError) {
        console.error(`dti rules: ${error.message}`);
        return 2;
      }
      throw error;
    }
    const json = parsed.flags.has("json");
    if (parsed.flags.has("list")) return list(lang, json);
    const set = parsed.options.get("set");
    const out = parsed.options.get("out");
    const [file, extra] = parsed.positionals;
    if (set !== undefined && out !== undefined && file === undefined)
      return writeRules(set, out, lang, parsed.flags.has("force"));
    if (file !== undefined && extra === undefined && set === undefined && out === undefined)
      return checkFile(file, lang, json);
    console.error(`dti rules: ${command.usage}`);
    return 2;
  },
};

export default command;
