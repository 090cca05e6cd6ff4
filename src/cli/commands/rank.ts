/**
 * `dti rank <file.xlsx> [--set ID] [--sheet NAME] [--json] [--lang vi|en]`: validate, score, grade
 * and rank per group. `--json` prints exactly one object:
 *   { set: {id, name}, groups: [{ id, name, max, units: [{ unit, rank, points, percentOfMax, grade,
 *     mainIndices: { CODE: points } }] }], issues: [{ code, severity, sheet, cell, message }] }
 * with units in rank order. Exit 0 without errors, 1 with error issues, 2 for unusable input.
 */
import { roundTo, type Ranking, type UnitResult } from "../../engine";
import type { Lang } from "../args";
import type { CliCommand } from "../command";
import { LAYOUT_FLAGS, LAYOUT_OPTIONS } from "../layout";
import { countLine, fmtPoints, gradeText, issueLines, labels, table } from "../format";
import {
  describeInput,
  hasErrors,
  issueJson,
  openCommandInput,
  type LoadedInput,
} from "./validate";
import { writeRankingCli } from "../write-ranking";
import { checkOutput, OutputError } from "../files";
import { bandRefsOf, nameIn } from "../../engine";

/** Options of `rank`; more (e.g. --out) are added here by the commands that extend it. */
const RANK_SPEC = {
  flags: ["json", "appendix", "force", ...LAYOUT_FLAGS],
  options: [
    "set",
    "sheet",
    "lang",
    "out",
    "year",
    "last-year",
    "decision",
    "decision-date",
    ...LAYOUT_OPTIONS,
  ],
};

function round(n: number | null, decimals: number): number | null {
  return n === null || !Number.isFinite(n) ? null : roundTo(n, decimals);
}

function unitJson(u: UnitResult, decimals: number, lang: Lang) {
  const mainIndices: Record<string, number | null> = {};
  for (const [code, r] of Object.entries(u.mainIndices))
    mainIndices[code] = round(r.points, decimals);
  return {
    unit: u.unitName,
    rank: u.rank,
    points: round(u.totalPoints, decimals),
    percentOfMax: round(u.percentOfMax, decimals),
    grade: gradeText(u.grade, lang),
    mainIndices,
  };
}

/** The JSON document of `dti rank --json`. */
function rankingJson(input: LoadedInput, lang: Lang) {
  const r: Ranking = input.ranking;
  const d = r.rounding.decimals;
  const p = input.profile;
  return {
    set: { id: p.id, name: nameIn(p, lang) },
    groups: r.groups.map((g) => {
      const nameEn = p.groups.find((pg) => pg.id === g.groupId)?.nameEn;
      return {
        id: g.groupId,
        name: lang === "en" && nameEn !== undefined ? nameEn : g.name,
        max: g.maxPoints,
        units: g.units.map((u) => unitJson(u, d, lang)),
      };
    }),
    issues: input.issues.map((i) => issueJson(i, lang)),
  };
}

/** A readable ranked table per group. */
export function rankingTables(input: LoadedInput, lang: Lang): string[] {
  const L = labels(lang);
  const r = input.ranking;
  const d = r.rounding.decimals;
  const mainIndicators = input.set.indicators.filter((i) => i.level === "main");
  const mains = mainIndicators.map((i) => i.code);
  // A legend for the index columns: "1 Nhận thức số (15) · 2 Thể chế số (15) · …".
  const legend = mainIndicators
    .map(
      (i) =>
        `${i.code} ${i.name}${i.maxPoints !== null ? ` (${fmtPoints(i.maxPoints, lang, d)})` : ""}`
    )
    .join(" · ");
  const out: string[] = legend !== "" ? [legend, ""] : [];
  for (const g of r.groups) {
    const nameEn = input.profile.groups.find((pg) => pg.id === g.groupId)?.nameEn;
    const name = lang === "en" && nameEn !== undefined ? nameEn : g.name;
    out.push(`${L.group}: ${name} · ${fmtPoints(g.maxPoints, lang, d)} ${L.max}`);
    const header = [L.rank, L.unit, ...mains, L.total, L.percent, L.grade];
    const rows = g.units.map((u) => [
      u.rank === null ? "-" : String(u.rank),
      u.unitName,
      ...mains.map((c) => fmtPoints(u.mainIndices[c]?.points ?? null, lang, d)),
      fmtPoints(u.totalPoints, lang, d) + (u.provisional ? "*" : ""),
      fmtPoints(u.percentOfMax, lang, d),
      gradeText(u.grade, lang) ?? (u.grade.kind === "gap" ? L.gap : L.none),
    ]);
    const right = new Set([0, ...mains.map((_, i) => i + 2), mains.length + 2, mains.length + 3]);
    out.push(table(header, rows, right));
    if (g.units.some((u) => u.provisional)) out.push(`* ${L.provisional}`);
    out.push("");
  }
  return out;
}

/** `--appendix [--decision N] [--decision-date D]`: the decision's appendix sheets too. */
function appendixArgs(parsed: {
  readonly flags: ReadonlySet<string>;
  readonly options: ReadonlyMap<string, string>;
}): { appendix?: boolean; decisionNumber?: string; decisionDate?: string } {
  if (!parsed.flags.has("appendix")) return {};
  const n = parsed.options.get("decision");
  const d = parsed.options.get("decision-date");
  return {
    appendix: true,
    ...(n !== undefined ? { decisionNumber: n } : {}),
    ...(d !== undefined ? { decisionDate: d } : {}),
  };
}

/**
 * Prints the ranking (JSON, or the tables and the issues) and says whether it has errors. A
 * function of its own, not inline in the async `run`: V8 keeps an async function's registers
 * across an await, so the issue list taken there stayed alive through the ranked copy's build
 * after releaseIssues (31 MB at 3,321 units, in a heap snapshot of `rank --out`).
 */
function printRanking(input: LoadedInput, json: boolean, lang: Lang): boolean {
  if (json) {
    console.log(JSON.stringify(rankingJson(input, lang), null, 2));
  } else {
    for (const line of describeInput(input, lang)) console.log(line);
    console.log("");
    for (const line of rankingTables(input, lang)) console.log(line);
    const lines = issueLines(input.issues, lang);
    if (lines.length > 0) console.log(lines.join("\n") + "\n");
    console.log(countLine(input.issues, lang));
  }
  return hasErrors(input.issues);
}

const command: CliCommand = {
  usage:
    "rank <file.xlsx> [--set ID] [--sheet NAME] [--json] [--lang vi|en] [--out ranked.xlsx [--force] [--year YYYY] [--last-year last.xlsx] [--appendix [--decision 125/QĐ-UBND] [--decision-date 15/3/2025]]] [--layout] [--column D=total,E=ignore] [--max D=1000] [--scale points|percent|index] [--header-row N]",
  summary:
    "Chấm điểm, xếp loại, xếp hạng theo nhóm / score, grade and rank per group (exit 1 on data errors, 2 on unusable input)",
  async run(args) {
    const opened = await openCommandInput("rank", args, RANK_SPEC, command.usage);
    if (typeof opened === "number") return opened;
    const { parsed, lang, input } = opened;
    const file = input.file;
    const out = parsed.options.get("out");
    if (out !== undefined) {
      // Before any output: the file to write is neither input (by identity), nor exists without --force.
      const lastYear = parsed.options.get("last-year");
      try {
        checkOutput(out, [file, ...(lastYear !== undefined ? [lastYear] : [])], {
          force: parsed.flags.has("force"),
        });
      } catch (error) {
        if (!(error instanceof OutputError)) throw error;
        console.error(`dti rank: ${error.message}`);
        return 2;
      }
    }
    if (input.recognized.units.length === 0) {
      console.error(
        `dti rank: ${file}: bảng chỉ số không có cột điểm của đơn vị nào để xếp hạng / ` +
          `the indicator table has no unit score columns to rank`
      );
      return 2;
    }
    const failed = printRanking(input, parsed.flags.has("json"), lang);
    // --out (helper E): the ranked sheets written into a copy of the file (src/cli/write-ranking.ts).
    if (out !== undefined) {
      // Printed above; the copy needs the results only.
      input.releaseIssues();
      const year = parsed.options.get("year");
      const lastYear = parsed.options.get("last-year");
      const code = await writeRankingCli(input, out, {
        ...(input.rules !== null ? { bandRefs: bandRefsOf(input.rules) } : {}),
        lang,
        json: parsed.flags.has("json"),
        force: parsed.flags.has("force"),
        ...(year !== undefined ? { year } : {}),
        ...(lastYear !== undefined ? { lastYear } : {}),
        ...appendixArgs(parsed),
      });
      if (code !== 0) return code;
    }
    return failed ? 1 : 0;
  },
};

export default command;
