#!/usr/bin/env node
// The `dti` command. It runs the CLI compiled to JavaScript in build/cli (npm run build:cli, which
// `npm ci` runs as `prepare`): about node's own start-up time. When that build is missing, or a source
// file changed since it was made (build/cli/manifest.json lists each with its size and time), it runs
// the TypeScript sources through tsx (a runtime dependency, several times slower) and says so on stderr
// when that is a terminal.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const build = path.join(root, "build", "cli");

/** The compiled entry point, or why the compiled CLI cannot be used. */
function compiled() {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(build, "manifest.json"), "utf8"));
  } catch {
    return { reason: "chưa biên dịch / not compiled" };
  }
  if (!Array.isArray(manifest.sources) || typeof manifest.main !== "string") return { reason: "build/cli/manifest.json?" };
  for (const s of manifest.sources) {
    let st;
    try {
      st = fs.statSync(path.join(root, s.file));
    } catch {
      return { reason: `${s.file} đã bị xoá / was removed` };
    }
    if (st.size !== s.size || st.mtimeMs !== s.mtimeMs) return { reason: `${s.file} đã sửa / changed` };
  }
  return { main: path.join(build, manifest.main) };
}

const { main, reason } = compiled();
if (main !== undefined) {
  // main.js reads process.argv.slice(2) and sets process.exitCode, as when run directly.
  require(main);
} else {
  // The note is for people at a terminal (or DTI_BIN_NOTE=1): piped output stays the command's own.
  if (process.stderr.isTTY || process.env.DTI_BIN_NOTE === "1")
    console.error(
      `dti: chạy từ mã nguồn (chậm hơn; npm run build:cli để biên dịch) / running from sources ` +
        `(slower; npm run build:cli to compile): ${reason}`
    );
  const { spawnSync } = require("node:child_process");
  // tsx's own launcher hooks both require() and the commands' lazy import().
  const tsxCli = require.resolve("tsx/cli");
  const source = path.join(root, "src", "cli", "main.ts");
  const run = spawnSync(process.execPath, [tsxCli, source, ...process.argv.slice(2)], { stdio: "inherit" });
  if (run.error) {
    console.error(`dti: không chạy được / could not start: ${run.error.message}`);
    process.exit(2);
  }
  process.exit(run.status ?? 2);
}
