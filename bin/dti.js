#!/usr/bin/env node
// The `dti` command: runs the TypeScript CLI with tsx (a runtime dependency), so `npx dti` works right after
// `npm ci` without a build step. tsx's own launcher hooks both require() and the commands' lazy import().
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const tsxCli = require.resolve("tsx/cli");
const main = path.join(__dirname, "..", "src", "cli", "main.ts");
const run = spawnSync(process.execPath, [tsxCli, main, ...process.argv.slice(2)], { stdio: "inherit" });
if (run.error) {
  console.error(`dti: không chạy được / could not start: ${run.error.message}`);
  process.exit(2);
}
process.exit(run.status ?? 2);
