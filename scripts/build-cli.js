#!/usr/bin/env node
/**
 * `npm run build:cli` (and npm's `prepare`, so `npm ci` runs it): compiles the dti command to CommonJS
 * in build/cli (git-ignored) with the TypeScript compiler, then writes build/cli/manifest.json listing
 * every source file compiled with its size and modification time. bin/dti.js runs the compiled code only
 * when that manifest matches the sources, else it runs them through tsx and says why.
 * Types are not checked here (tsconfig.cli.json sets noCheck): `npm run typecheck` does that.
 * Plain JavaScript so it runs before anything is compiled.
 */
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
// `--out DIR` builds elsewhere (test/cli/bin.test.ts builds into a temporary tree).
const outAt = process.argv.indexOf("--out");
const outDir = outAt > 0 && process.argv[outAt + 1] ? path.resolve(process.argv[outAt + 1]) : path.join(root, "build", "cli");
const manifestFile = path.join(outDir, "manifest.json");

let ts;
try {
  ts = require("typescript");
} catch {
  // Installed without dev dependencies: bin/dti.js falls back to tsx (a runtime dependency).
  console.log("build:cli: typescript is not installed; dti will run its TypeScript sources through tsx.");
  process.exit(0);
}

const t0 = Date.now();
const config = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.cli.json"), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  },
});
if (config === undefined || config.errors.length > 0) {
  for (const d of config?.errors ?? []) console.error(`build:cli: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  process.exit(1);
}

// No manifest while the tree is being written: a half-written build is never run.
fs.rmSync(outDir, { recursive: true, force: true });
// Each source is stat'ed before it is read, so an edit made during the build shows as a change.
const seen = new Map();
const host = ts.createCompilerHost({ ...config.options, outDir });
const getSourceFile = host.getSourceFile.bind(host);
host.getSourceFile = (fileName, ...rest) => {
  if (!fileName.split(/[\\/]/).includes("node_modules") && fs.existsSync(fileName)) {
    const st = fs.statSync(fileName);
    seen.set(fileName, { size: st.size, mtimeMs: st.mtimeMs });
  }
  return getSourceFile(fileName, ...rest);
};
const options = { ...config.options, outDir };
const program = ts.createProgram(config.fileNames, options, host);
const result = program.emit();
const problems = [...program.getSyntacticDiagnostics(), ...result.diagnostics];
if (problems.length > 0 || result.emitSkipped) {
  console.error(
    ts.formatDiagnostics(problems, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => root,
      getNewLine: () => "\n",
    })
  );
  console.error("build:cli: not built; dti will run its TypeScript sources through tsx.");
  process.exit(1);
}

const sources = program
  .getSourceFiles()
  .filter((f) => !f.isDeclarationFile && !f.fileName.split(/[\\/]/).includes("node_modules"))
  .map((f) => {
    const st = seen.get(f.fileName) ?? fs.statSync(f.fileName);
    return { file: path.relative(root, f.fileName).split(path.sep).join("/"), size: st.size, mtimeMs: st.mtimeMs };
  });
fs.writeFileSync(manifestFile, JSON.stringify({ main: "cli/main.js", sources }, null, 1));
console.log(`build:cli: ${sources.length} files compiled to ${path.relative(root, outDir) || "."} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
