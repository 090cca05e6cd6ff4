/**
 * The engine's one door (issue 14 item 4): outside src/engine, src code imports only src/engine (its
 * index); src/functions may also use src/engine/functions (its own door, to keep functions.js small).
 * The same rule is in eslint.config.mjs (no-restricted-imports, ENGINE_DOOR); this test fails on a
 * deep import even where lint is not run. Tests may import engine modules directly.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SRC = resolve(__dirname, "../../src");
const ENGINE = join(SRC, "engine");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []
  );
}

/** Deep imports into the engine of one file's text (static, type-only and dynamic). */
export function deepEngineImports(file: string, text: string): string[] {
  const out: string[] = [];
  const re = /(?:from\s+|import\s*\(\s*|import\s+)"([^"]+)"/g;
  const allowed = [ENGINE, join(ENGINE, "index")];
  if (relative(SRC, file).startsWith("functions")) allowed.push(join(ENGINE, "functions"));
  for (const m of text.matchAll(re)) {
    const path = m[1] ?? "";
    if (!path.startsWith(".")) continue;
    const target = resolve(dirname(file), path).replace(/\.tsx?$/, "");
    if (!target.startsWith(ENGINE + "/") && target !== ENGINE) continue;
    if (!allowed.includes(target)) out.push(path);
  }
  return out;
}

describe("the engine's one door", () => {
  it("no src file outside src/engine imports an engine module directly", () => {
    const offenders = files(SRC)
      .filter((f) => !f.startsWith(ENGINE + "/"))
      .flatMap((f) =>
        deepEngineImports(f, readFileSync(f, "utf8")).map((p) => `${relative(SRC, f)}: ${p}`)
      );
    expect(offenders).toEqual([]);
  });

  it("would catch one", () => {
    const f = join(SRC, "app", "x.ts");
    expect(deepEngineImports(f, 'import { validate } from "../engine/validate";')).toEqual([
      "../engine/validate",
    ]);
    expect(
      deepEngineImports(f, 'const m = await import("../engine/sheets/ranking-sheets");')
    ).toEqual(["../engine/sheets/ranking-sheets"]);
    expect(deepEngineImports(f, 'import { validate } from "../engine";')).toEqual([]);
  });
});
