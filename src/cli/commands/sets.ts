/** `dti sets [--json] [--lang vi|en]`: the built-in rule profiles (id, name, source, groups). */
import { listProfiles, nameIn } from "../../engine";
import { ArgError, langOf, parseArgs, type Lang } from "../args";
import type { CliCommand } from "../command";
import { fmtPoints } from "../format";
import { cliTexts } from "../texts";

/** Prints the profiles; returns the exit code. */
function listSets(args: readonly string[]): number {
  let parsed;
  let lang: Lang;
  try {
    parsed = parseArgs(args, { flags: ["json"], options: ["lang"] });
    lang = langOf(parsed);
  } catch (error) {
    if (error instanceof ArgError) {
      console.error(`dti sets: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (parsed.positionals.length > 0) {
    console.error(
      `dti sets: không nhận tham số / takes no arguments: ${parsed.positionals.join(" ")}`
    );
    return 2;
  }
  const profiles = listProfiles();
  if (parsed.flags.has("json")) {
    const out = profiles.map((p) => ({
      id: p.id,
      name: nameIn(p, lang),
      source: p.source,
      scale: p.scale,
      groups: p.groups.map((g) => ({
        id: g.id,
        name: nameIn(g, lang),
        max: g.maxPoints,
      })),
    }));
    console.log(JSON.stringify(out, null, 2));
    return 0;
  }
  for (const p of profiles) {
    console.log(`${p.id}`);
    console.log(`  ${nameIn(p, lang)}`);
    const src = `${p.source.decision} (${p.source.year}, ${p.source.issuer})`;
    console.log(`  ${cliTexts(lang).source}: ${src} · ${p.scale} ${cliTexts(lang).points}`);
    for (const g of p.groups) {
      const name = nameIn(g, lang);
      console.log(`  - ${g.id}: ${name} (${fmtPoints(g.maxPoints, lang)})`);
    }
    console.log("");
  }
  return 0;
}

const command: CliCommand = {
  usage: "sets [--json] [--lang vi|en]",
  summary: "Các bộ quy tắc có sẵn / the built-in rule profiles",
  run: (args) => Promise.resolve(listSets(args)),
};

export default command;
