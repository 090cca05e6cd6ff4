/** `dti` command line: the same use-cases as the add-in, over .xlsx files. */
import type { CliCommand } from "./command";

/** Subcommands, loaded only when called. Add a line per command; each module default-exports a CliCommand. */
const commands: Readonly<Record<string, () => Promise<{ default: CliCommand }>>> = {
  sets: () => import("./commands/sets"),
  validate: () => import("./commands/validate"),
  rank: () => import("./commands/rank"),
  demo: () => import("./commands/demo"),
  merge: () => import("./commands/merge"),
  template: () => import("./commands/template"),
  rules: () => import("./commands/rules"),
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    console.log("Cách dùng / Usage: dti <lệnh> [tuỳ chọn]\n");
    for (const load of Object.values(commands)) {
      const cmd = (await load()).default;
      console.log(`  dti ${cmd.usage}\n      ${cmd.summary}`);
    }
    if (Object.keys(commands).length === 0) console.log(`  (${"chưa có lệnh / no commands yet"})`);
    return 0;
  }
  const load = commands[name];
  if (load === undefined) {
    console.error(`dti: không có lệnh "${name}" / unknown command "${name}". Xem / see: dti help`);
    return 2;
  }
  return (await load()).default.run(rest);
}

// Output piped into `head` and closed early is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `dti: lỗi không mong đợi / unexpected error: ${error instanceof Error ? error.message : String(error)}`
    );
    process.exitCode = 2;
  }
);
