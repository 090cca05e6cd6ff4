/**
 * Exports of src/ and who imports them. An export that no other src file imports is either used
 * only in its own file (drop the `export`), used by nobody (delete it), or used only by tests,
 * bench or scripts (test through the public path, or allow it with a reason in
 * scripts/exports-allow.ts). test/exports.test.ts keeps the list empty.
 *   npx tsx scripts/exports-check.ts          the exports no other src file imports, by file
 *
 * Imports are followed through re-exports (`export * from`, `export { x } from`) to the declaring
 * file, so a symbol imported through the engine's door (src/engine/index.ts) counts as used by the
 * importing file; the door's re-export line itself is not a use. Dynamic `import()` results count
 * by the members read from them (`(await import("./x")).f`, `const { f } = await import("./x")`).
 */
import * as path from "path";
import * as ts from "typescript";

export type Consumer = "src" | "test" | "tools";

export interface ExportUse {
  /** Repository-relative path of the declaring file, with forward slashes. */
  readonly file: string;
  readonly name: string;
  /** Referenced in its own file other than at its declaration. */
  readonly usedInOwnFile: boolean;
  /** Kinds of other files that reference it. */
  readonly consumers: ReadonlySet<Consumer>;
}

export type Verdict = "used" | "own-file-only" | "test-only" | "unused";

export function verdict(use: ExportUse): Verdict {
  if (use.consumers.has("src")) return "used";
  if (use.consumers.size > 0) return "test-only";
  return use.usedInOwnFile ? "own-file-only" : "unused";
}

const posix = (p: string) => p.split(path.sep).join("/");

function consumerOf(rel: string): Consumer | undefined {
  if (rel.startsWith("src/")) return "src";
  if (rel.startsWith("test/")) return "test";
  if (rel.startsWith("bench/") || rel.startsWith("scripts/")) return "tools";
  return undefined;
}

/** Every export declared in src/ (re-exports are followed to their declaration, not listed). */
export function collectExports(root: string): ExportUse[] {
  const configPath = path.join(root, "tsconfig.json");
  const read = ts.readConfigFile(configPath, (f) => ts.sys.readFile(f));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root);
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: { ...parsed.options, noEmit: true },
  });
  const checker = program.getTypeChecker();
  const relOf = (sf: ts.SourceFile) => posix(path.relative(root, sf.fileName));

  const resolve = (s: ts.Symbol): ts.Symbol =>
    s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;

  interface Entry {
    file: string;
    name: string;
    declNames: Set<ts.Node>;
    usedInOwnFile: boolean;
    consumers: Set<Consumer>;
  }
  const bySymbol = new Map<ts.Symbol, Entry>();
  const entries: Entry[] = [];

  const sources = program
    .getSourceFiles()
    .filter((sf) => !sf.isDeclarationFile && consumerOf(relOf(sf)) !== undefined);
  for (const sf of sources) {
    const rel = relOf(sf);
    if (!rel.startsWith("src/")) continue;
    const moduleSymbol = checker.getSymbolAtLocation(sf);
    if (!moduleSymbol) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const target = resolve(exported);
      const decls = target.declarations ?? [];
      // A re-export from another file is not a declaration here.
      if (!decls.some((d) => d.getSourceFile() === sf)) continue;
      if (bySymbol.has(target)) continue;
      const declNames = new Set<ts.Node>();
      for (const d of decls) {
        const name = (d as ts.NamedDeclaration).name;
        if (name) declNames.add(name);
      }
      const entry: Entry = {
        file: rel,
        name: exported.name,
        declNames,
        usedInOwnFile: false,
        consumers: new Set(),
      };
      bySymbol.set(target, entry);
      entries.push(entry);
    }
  }

  const mark = (symbol: ts.Symbol | undefined, node: ts.Node, rel: string, consumer: Consumer) => {
    if (!symbol) return;
    const entry = bySymbol.get(resolve(symbol));
    if (!entry) return;
    if (entry.file === rel) {
      if (!entry.declNames.has(node)) entry.usedInOwnFile = true;
    } else {
      entry.consumers.add(consumer);
    }
  };

  for (const sf of sources) {
    const rel = relOf(sf);
    const consumer = consumerOf(rel);
    if (consumer === undefined) continue;
    const visit = (node: ts.Node): void => {
      // `export { x } from "./y"` and `export * from "./y"` pass a symbol on; they do not use it.
      if (ts.isExportDeclaration(node) && node.moduleSpecifier) return;
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        // A default export is there to be loaded by import() (the CLI's commands): count it.
        const target = node.arguments[0] && checker.getSymbolAtLocation(node.arguments[0]);
        const fallback =
          target && checker.getExportsOfModule(target).find((s) => s.name === "default");
        mark(fallback, node, rel, consumer);
      }
      if (ts.isIdentifier(node)) {
        mark(checker.getSymbolAtLocation(node), node, rel, consumer);
      } else if (
        ts.isBindingElement(node) &&
        !node.propertyName &&
        ts.isIdentifier(node.name) &&
        ts.isObjectBindingPattern(node.parent)
      ) {
        // `const { f } = await import("./x")`: the name binds a local; the member it reads is f.
        const property = checker.getTypeAtLocation(node.parent).getProperty(node.name.text);
        mark(property, node, rel, consumer);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  return entries
    .map((e) => ({
      file: e.file,
      name: e.name,
      usedInOwnFile: e.usedInOwnFile,
      consumers: e.consumers,
    }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.name.localeCompare(b.name));
}

function main(): void {
  const root = path.resolve(__dirname, "..");
  const all = collectExports(root);
  const groups = new Map<Verdict, ExportUse[]>();
  for (const use of all) {
    const v = verdict(use);
    groups.set(v, [...(groups.get(v) ?? []), use]);
  }
  for (const v of ["own-file-only", "unused", "test-only"] as const) {
    const list = groups.get(v) ?? [];
    console.log(`\n## ${v}: ${list.length}`);
    for (const u of list) {
      const extra =
        v === "test-only"
          ? `\t${[...u.consumers].join(",")}${u.usedInOwnFile ? "\town-file" : ""}`
          : "";
      console.log(`${u.file}\t${u.name}${extra}`);
    }
  }
  console.log(
    `\nexports declared in src: ${all.length}, imported by another src file: ${groups.get("used")?.length ?? 0}`
  );
}

if (require.main === module) main();
