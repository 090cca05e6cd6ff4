/**
 * The package's bin (bin/dti.js) runs the CLI compiled by scripts/build-cli.js (npm run build:cli, run
 * by `npm ci` as `prepare`), and falls back to the TypeScript sources through tsx when the build is
 * missing or older than a source file. The build is made here in a temporary copy of the project's
 * layout (bin/ copied, src/ and node_modules/ linked), so the test never depends on the worktree's own
 * build; a last test checks that build too when it is there (as in CI after `npm ci`).
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

interface Manifest {
  main: string;
  sources: { file: string; size: number; mtimeMs: number }[];
}

/** A project tree in a temp dir: its own bin and build, the real sources and dependencies linked. */
function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), "dti-bin-"));
  mkdirSync(join(dir, "bin"));
  copyFileSync(join(root, "bin", "dti.js"), join(dir, "bin", "dti.js"));
  symlinkSync(join(root, "src"), join(dir, "src"), "dir");
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

function dti(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(dir, "bin", "dti.js"), ...args], {
    encoding: "utf8",
    cwd: tmpdir(),
    env: { ...process.env, DTI_BIN_NOTE: "1" },
  });
}

function expectSetsList(stdout: string): void {
  const list = JSON.parse(stdout) as { id: string }[];
  expect(list.map((p) => p.id)).toEqual(expect.arrayContaining(["sonla-2024", "generic"]));
}

describe("bin/dti.js", () => {
  const dir = tree();
  const build = join(dir, "build", "cli");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("runs the compiled JavaScript once built, with nothing on stderr", () => {
    const made = spawnSync(
      process.execPath,
      [join(root, "scripts", "build-cli.js"), "--out", build],
      {
        encoding: "utf8",
      }
    );
    expect(made.stderr).toBe("");
    expect(made.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(build, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.main).toBe("cli/main.js");
    expect(manifest.sources.map((s) => s.file)).toEqual(
      expect.arrayContaining(["src/cli/main.ts", "src/cli/commands/sets.ts", "src/engine/index.ts"])
    );
    const r = dti(dir, "sets", "--json");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expectSetsList(r.stdout);
    // Lazily loaded commands and exit codes come through the compiled code too.
    const missing = dti(dir, "validate", join(dir, "nope.xlsx"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^dti validate: .*nope\.xlsx/);
    expect(dti(dir, "nope").status).toBe(2);
  }, 240_000); // the compiler on a shared machine

  it("falls back to the sources through tsx, saying which file changed, when the build is stale", () => {
    const file = join(build, "manifest.json");
    const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
    const first = manifest.sources.find((s) => s.file === "src/cli/commands/sets.ts");
    expect(first).toBeDefined();
    if (first) first.size += 1;
    writeFileSync(file, JSON.stringify(manifest));
    const r = dti(dir, "sets", "--json");
    expect(r.stderr).toContain("src/cli/commands/sets.ts");
    expect(r.stderr).toContain("npm run build:cli");
    expect(r.status).toBe(0);
    expectSetsList(r.stdout);
  });

  it("falls back to the sources when nothing is built", () => {
    rmSync(join(dir, "build"), { recursive: true, force: true });
    const r = dti(dir, "sets", "--json");
    expect(r.stderr).toContain("not compiled");
    expect(r.status).toBe(0);
    expectSetsList(r.stdout);
  });
});

/** The worktree's own build (npm ci runs it as prepare): used when it matches the sources. */
function ownBuildState(): string | null {
  try {
    const m = JSON.parse(
      readFileSync(join(root, "build", "cli", "manifest.json"), "utf8")
    ) as Manifest;
    for (const s of m.sources) {
      const st = statSync(join(root, s.file));
      if (st.size !== s.size || st.mtimeMs !== s.mtimeMs)
        return `${s.file} changed since the build`;
    }
    return null;
  } catch {
    return "build/cli is not built";
  }
}

const own = ownBuildState();
if (own !== null)
  console.warn(
    `test/cli/bin.test.ts: the project's own build is not checked (${own}): npm run build:cli`
  );
(own === null ? it : it.skip)("the project's bin runs its own compiled build", () => {
  const r = dti(root, "sets", "--json");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expectSetsList(r.stdout);
});
