/** One `dti` subcommand. `run` returns the exit code: 0 fine, 1 data errors found, 2 unusable input. */
export interface CliCommand {
  /** e.g. "validate <file.xlsx> [--set ID] [--sheet NAME] [--json]" */
  readonly usage: string;
  /** One line, Vietnamese first then English. */
  readonly summary: string;
  run(args: readonly string[]): Promise<number>;
}
