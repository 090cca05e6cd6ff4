/**
 * The task pane's initial JavaScript: the scripts taskpane.html loads at start (not the chunks it
 * imports later, such as ExcelJS), minified and gzip sizes. Run after `npm run build`:
 *   npx tsx scripts/bundle-size.ts [dist] [taskpane.html]
 */
import { readFileSync } from "fs";
import { join } from "path";
import { gzipSync } from "zlib";

export interface ScriptSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** Local scripts an HTML page loads at start (remote ones, like office.js, are not ours). */
export function initialScripts(dist: string, page: string): ScriptSize[] {
  const html = readFileSync(join(dist, page), "utf8");
  // Minified HTML may leave attribute values unquoted.
  const srcs = [...html.matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|([^\s>]+))/g)]
    .map((m) => m[1] ?? m[2] ?? "")
    .filter((s) => !/^https?:/.test(s));
  return srcs.map((src) => {
    const data = readFileSync(join(dist, src.replace(/^\.?\//, "")));
    return { file: src, bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
  });
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export function report(dist: string, page: string): string {
  const s = initialScripts(dist, page);
  const total = s.reduce((a, x) => a + x.bytes, 0);
  const gz = s.reduce((a, x) => a + x.gzipBytes, 0);
  return (
    `${page} initial JS: ${kib(total)} minified, ${kib(gz)} gzip (` +
    s.map((x) => `${x.file} ${kib(x.bytes)}/${kib(x.gzipBytes)}`).join(", ") +
    ")"
  );
}

if (require.main === module) {
  const dist = process.argv[2] ?? "dist";
  const page = process.argv[3] ?? "taskpane.html";
  console.log(report(dist, page));
}
