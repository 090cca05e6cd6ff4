/** Runs a `dti` command in-process and captures what it prints (console.log → out, console.error → err). */
import type { CliCommand } from "../../src/cli/command";

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(cmd: CliCommand, args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest
    .spyOn(console, "log")
    .mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  const error = jest
    .spyOn(console, "error")
    .mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  try {
    const code = await cmd.run(args);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
