/**
 * Issue 14 item 7: no source file over about 400 lines without a reason written at its top. A file
 * in src/ longer than 400 lines must say why in its leading comment ("Over 400 lines: …"); split it
 * otherwise.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(__dirname, "..");
const LIMIT = 400;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [p] : [];
  });
}

describe("source file size", () => {
  it(`every file of src/ over ${LIMIT} lines says why at its top`, () => {
    const unexplained = sources(join(root, "src")).flatMap((file) => {
      const text = readFileSync(file, "utf8");
      const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
      if (lines <= LIMIT) return [];
      const end = text.indexOf("*/");
      const head = text.trimStart().startsWith("/*") && end > 0 ? text.slice(0, end) : "";
      return /Over 400 lines:/.test(head) ? [] : [`${relative(root, file)} (${lines} lines)`];
    });
    expect(unexplained).toEqual([]);
  });
});
