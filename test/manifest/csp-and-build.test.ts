import { readFileSync } from "fs";
import { join } from "path";

const root = join(__dirname, "..", "..");
const pages = [
  "src/taskpane/taskpane.html",
  "src/functions/functions.html",
  "src/preview/preview.html",
  "src/taskpane/help.html",
];

function cspOf(file: string): string {
  const html = readFileSync(join(root, file), "utf8");
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!m) throw new Error(`${file} has no Content-Security-Policy meta`);
  return m[1]!;
}

describe.each(pages)("Content-Security-Policy of %s", (file) => {
  const csp = cspOf(file);
  const directives = new Map(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    })
  );

  it("allows only the add-in's own origin and the Office script host", () => {
    const origins = [...directives.values()]
      .flat()
      .filter((v) => /^(https?:|wss?:|\*|http)/.test(v));
    expect(new Set(origins)).toEqual(new Set(["https://appsforoffice.microsoft.com"]));
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
  });

  it("allows no inline script; inline styles only (Fluent UI writes its theme into <style> at run time)", () => {
    expect(directives.get("script-src")).not.toContain("'unsafe-inline'");
    expect(directives.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("forbids eval", () => {
    expect(csp).not.toMatch(/unsafe-eval|wasm-unsafe-eval/);
    expect(directives.get("script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
  });
});

describe("taskpane.html", () => {
  it("loads office.js synchronously in <head>, before the add-in's scripts (CustomFunctions must exist when functions.js registers)", () => {
    const html = readFileSync(join(root, "src/taskpane/taskpane.html"), "utf8");
    const head = html.slice(0, html.indexOf("</head>"));
    expect(head).toMatch(
      /<script src="https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"><\/script>/
    );
    expect(html).not.toMatch(/<script[^>]*\s(async|defer)[^>]*office\.js/);
  });
});

describe("webpack.config.js", () => {
  interface Pattern {
    from: string;
    noErrorOnMissing?: boolean;
    transform: (c: Buffer) => string;
  }
  interface Built {
    devtool: unknown;
    plugins: { constructor: { name: string }; patterns: Pattern[] }[];
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is CommonJS
  const config = require(join(root, "webpack.config.js")) as (
    env: object,
    o: { mode: string }
  ) => Built;
  const copyPatterns = (): Pattern[] =>
    config({}, { mode: "production" }).plugins.find((p) => p.constructor.name === "CopyPlugin")!
      .patterns;

  it.each(["development", "production"])("uses no eval-based source map in %s", (mode) => {
    const devtool = config({}, { mode }).devtool;
    expect(String(devtool)).not.toMatch(/eval/);
  });

  it("rewrites every dev URL of the manifest to the production origin, AppDomain included", () => {
    const pattern = copyPatterns().find((p) => p.from.startsWith("manifest"))!;
    expect(pattern.noErrorOnMissing).toBeUndefined();
    const out = String(pattern.transform(readFileSync(join(root, "manifest.xml"))));
    expect(out).not.toContain("localhost");
    expect(out).toContain("<AppDomain>https://dti-excel.example.gov.vn</AppDomain>");
    expect(out).toContain('DefaultValue="https://dti-excel.example.gov.vn/taskpane.html"');
  });

  it("copies assets without noErrorOnMissing (a missing icon fails the build)", () => {
    const assets = copyPatterns().find((p) => p.from.startsWith("assets"))!;
    expect(assets.noErrorOnMissing).toBeUndefined();
  });
});
