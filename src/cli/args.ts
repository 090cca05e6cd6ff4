/** A small, strict argument parser for `dti` subcommands: positionals, --flags and --options VALUE. */

interface ArgSpec {
  /** Boolean switches, without dashes: "json". */
  readonly flags: readonly string[];
  /** Options taking a value, without dashes: "set", "sheet", "lang". */
  readonly options: readonly string[];
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly flags: ReadonlySet<string>;
  readonly options: ReadonlyMap<string, string>;
}

/** A wrong command line: the message is one line, Vietnamese then English. */
export class ArgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArgError";
  }
}

/** Parses `args`; `--name=value` and `--name value` both work. Throws ArgError on unknown or incomplete options. */
export function parseArgs(args: readonly string[], spec: ArgSpec): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Set<string>();
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (spec.flags.includes(name)) {
      if (eq >= 0) throw new ArgError(`--${name} không nhận giá trị / --${name} takes no value`);
      flags.add(name);
      continue;
    }
    if (spec.options.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === "" || (eq < 0 && value.startsWith("--"))) {
        throw new ArgError(`--${name} cần một giá trị / --${name} needs a value`);
      }
      options.set(name, value);
      continue;
    }
    const known = [...spec.flags, ...spec.options].map((o) => `--${o}`).join(", ");
    throw new ArgError(
      `tuỳ chọn không hợp lệ "${arg}" / unknown option "${arg}" (có / known: ${known || "-"})`
    );
  }
  return { positionals, flags, options };
}

export type Lang = "vi" | "en";

/** --lang vi|en (default vi). */
export function langOf(parsed: ParsedArgs): Lang {
  const v = parsed.options.get("lang") ?? "vi";
  if (v !== "vi" && v !== "en") {
    throw new ArgError(`--lang chỉ nhận vi hoặc en / --lang takes vi or en, got "${v}"`);
  }
  return v;
}
