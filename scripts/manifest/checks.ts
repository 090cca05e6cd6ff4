/**
 * The manifest checks that an XML schema cannot make: every resid defined (in the right kind of
 * resource), id and text lengths, https URLs, icons that exist with the declared pixel size, the
 * shared runtime wired consistently, ReadWriteDocument, the DTI namespace, Vietnamese default with
 * English overrides. Also the structural checks used when the schemas are not available.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import {
  childrenNamed,
  descendants,
  localName,
  parseXml,
  XmlSyntaxError,
  type XmlElement,
} from "./xml";

export interface Finding {
  readonly level: "error" | "warning";
  readonly message: string;
  readonly line?: number;
}

export interface CheckOptions {
  /** Where `assets/` lives, to check that icons exist. */
  readonly projectRoot: string;
  /** The dev origin every URL must start with in the source manifest. */
  readonly devOrigin?: string;
}

type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";

/** Which resource kind an element's `resid` must name, by the element's local name and parent. */
function expectedKind(el: XmlElement, parent: XmlElement | undefined): ResourceKind | null {
  const n = localName(el.name);
  const p = parent ? localName(parent.name) : "";
  if (n === "Image") return "Images";
  if (n === "SourceLocation" || n === "FunctionFile" || n === "Runtime" || n === "LearnMoreUrl") {
    return "Urls";
  }
  if (n === "Label" || n === "Namespace") return "ShortStrings";
  if (n === "Title") return "ShortStrings";
  if (n === "Description" && (p === "Supertip" || p === "GetStarted")) return "LongStrings";
  if (n === "Description" && p === "VersionOverrides") return "LongStrings";
  return null;
}

const LIMITS: Readonly<Record<ResourceKind, number>> = {
  Images: 2048,
  Urls: 2048,
  ShortStrings: 125,
  LongStrings: 250,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Width and height of a PNG file, or null when it is not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || sig.some((b, i) => bytes[i] !== b)) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Runs every cross-reference and structural check; returns findings (empty = all good). */
export function checkManifest(xml: string, options: CheckOptions): Finding[] {
  const findings: Finding[] = [];
  const err = (message: string, line?: number): void => {
    findings.push(
      line === undefined ? { level: "error", message } : { level: "error", message, line }
    );
  };
  const warn = (message: string, line?: number): void => {
    findings.push(
      line === undefined ? { level: "warning", message } : { level: "warning", message, line }
    );
  };

  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    err(`not well-formed XML: ${e instanceof XmlSyntaxError ? e.message : String(e)}`);
    return findings;
  }
  if (localName(root.name) !== "OfficeApp") {
    err(`the root element is <${root.name}>, expected <OfficeApp>`);
    return findings;
  }
  if (root.attrs["xsi:type"] !== "TaskPaneApp") err('OfficeApp must have xsi:type="TaskPaneApp"');

  const top = (name: string): XmlElement | undefined => childrenNamed(root, name)[0];
  const textOf = (name: string): string => top(name)?.text.trim() ?? "";

  // Required top-level elements in the schema's order (structural fallback for the XSD).
  const order = [
    "Id",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "AppDomains",
    "Hosts",
    "Requirements",
    "DefaultSettings",
    "Permissions",
    "VersionOverrides",
  ];
  const required = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description"];
  for (const r of [...required, "DefaultSettings", "Permissions"]) {
    if (!top(r)) err(`<${r}> is missing`);
  }
  let last = -1;
  for (const c of root.children) {
    const idx = order.indexOf(localName(c.name));
    if (idx < 0) {
      err(`<${c.name}> is not allowed directly under <OfficeApp>`, c.line);
    } else if (idx < last) {
      err(`<${c.name}> is out of order (expected order: ${order.join(", ")})`, c.line);
    } else last = idx;
  }

  if (!UUID.test(textOf("Id"))) err(`<Id> "${textOf("Id")}" is not a GUID`);
  if (!/^\d+(\.\d+){0,3}$/.test(textOf("Version")))
    err(`<Version> "${textOf("Version")}" is not n.n.n.n`);
  if (textOf("DefaultLocale") !== "vi-VN")
    err("DefaultLocale must be vi-VN (users read Vietnamese first)");
  if (textOf("Permissions") !== "ReadWriteDocument") {
    err(`<Permissions> is "${textOf("Permissions")}"; the add-in needs ReadWriteDocument`);
  }
  const hostNames = childrenNamed(top("Hosts") ?? root, "Host").map((h) => h.attrs.Name);
  if (!hostNames.includes("Workbook")) err('<Hosts> must contain <Host Name="Workbook"/>');

  for (const [name, max] of [
    ["DisplayName", 125],
    ["Description", 250],
  ] as const) {
    const el = top(name);
    if (!el) continue;
    const dv = el.attrs.DefaultValue ?? "";
    if (!dv) err(`<${name}> has no DefaultValue`, el.line);
    if (dv.length > max)
      err(`<${name}> DefaultValue is ${dv.length} characters (max ${max})`, el.line);
    const overrides = childrenNamed(el, "Override");
    if (!overrides.some((o) => o.attrs.Locale === "en-US")) {
      err(`<${name}> needs an English override (<Override Locale="en-US" …/>)`, el.line);
    }
    for (const o of overrides) {
      if ((o.attrs.Value ?? "").length > max)
        err(`<${name}> override is longer than ${max}`, o.line);
    }
  }

  // Every URL anywhere: https, and under the dev origin when given.
  const all = descendants(root);
  const urlAttrs: { url: string; el: XmlElement }[] = [];
  for (const el of all) {
    const n = localName(el.name);
    const parent = all.find((p) => p.children.includes(el));
    const isUrlResource =
      parent && ["Images", "Urls"].includes(localName(parent.name)) && el.attrs.id !== undefined;
    if (
      ["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation"].includes(n) ||
      isUrlResource
    ) {
      if (el.attrs.DefaultValue !== undefined) urlAttrs.push({ url: el.attrs.DefaultValue, el });
      for (const o of childrenNamed(el, "Override")) {
        if (o.attrs.Value !== undefined) urlAttrs.push({ url: o.attrs.Value, el: o });
      }
    }
    if (n === "AppDomain") urlAttrs.push({ url: el.text.trim(), el });
  }
  for (const { url, el } of urlAttrs) {
    if (!url.startsWith("https://")) err(`URL "${url}" must use https`, el.line);
    else if (options.devOrigin && !url.startsWith(options.devOrigin.replace(/\/$/, ""))) {
      warn(
        `URL "${url}" is not under ${options.devOrigin} (the build only rewrites that origin)`,
        el.line
      );
    }
  }

  // Resources: ids unique, at most 32 characters, texts within limits.
  const vo = top("VersionOverrides");
  if (!vo) {
    err("<VersionOverrides> is missing: no ribbon button, custom functions or shared runtime");
    return findings;
  }
  const resources = childrenNamed(vo, "Resources")[0];
  const defined = new Map<string, { kind: ResourceKind; el: XmlElement }>();
  if (!resources) err("<Resources> is missing in <VersionOverrides>", vo.line);
  for (const kindEl of resources?.children ?? []) {
    const kind = localName(kindEl.name) as ResourceKind;
    if (!(kind in LIMITS)) continue;
    for (const r of kindEl.children) {
      const id = r.attrs.id ?? "";
      if (!id) err(`a resource in <${kindEl.name}> has no id`, r.line);
      if (id.length > 32) err(`resource id "${id}" is ${id.length} characters (max 32)`, r.line);
      if (defined.has(id)) err(`resource id "${id}" is defined twice`, r.line);
      defined.set(id, { kind, el: r });
      const dv = r.attrs.DefaultValue ?? "";
      if (!dv) err(`resource "${id}" has no DefaultValue`, r.line);
      if (dv.length > LIMITS[kind]) {
        err(`resource "${id}" is ${dv.length} characters (max ${LIMITS[kind]})`, r.line);
      }
      for (const o of childrenNamed(r, "Override")) {
        if ((o.attrs.Value ?? "").length > LIMITS[kind]) {
          err(
            `resource "${id}" override ${o.attrs.Locale ?? ""} is longer than ${LIMITS[kind]}`,
            o.line
          );
        }
      }
      if ((kind === "ShortStrings" || kind === "LongStrings") && id !== "Functions.Namespace") {
        if (!childrenNamed(r, "Override").some((o) => o.attrs.Locale === "en-US")) {
          warn(`string "${id}" has no English (en-US) override`, r.line);
        }
      }
    }
  }

  // Every resid defined, and of the right kind.
  const used = new Set<string>();
  const voAll = descendants(vo);
  for (const el of voAll) {
    const resid = el.attrs.resid;
    if (resid === undefined) continue;
    used.add(resid);
    const parent = voAll.find((p) => p.children.includes(el)) ?? vo;
    const def = defined.get(resid);
    if (!def) {
      err(`resid "${resid}" on <${el.name}> is not defined in <Resources>`, el.line);
      continue;
    }
    const want = expectedKind(el, parent);
    if (want && want !== def.kind) {
      err(
        `resid "${resid}" on <${el.name}> must name a ${want} resource, not ${def.kind}`,
        el.line
      );
    }
  }
  for (const [id, { el }] of defined) {
    if (!used.has(id)) warn(`resource "${id}" is defined but not used`, el.line);
  }

  // Control and group ids unique.
  const ids = new Map<string, number>();
  for (const el of voAll) {
    const n = localName(el.name);
    if ((n === "Control" || n === "Group" || n === "CustomTab") && el.attrs.id) {
      if (ids.has(el.attrs.id)) err(`control id "${el.attrs.id}" is used twice`, el.line);
      ids.set(el.attrs.id, el.line);
      if (el.attrs.id.length > 125) err(`id "${el.attrs.id}" is longer than 125`, el.line);
    }
  }

  // Shared runtime, custom functions, ribbon button.
  const host = voAll.find(
    (e) => localName(e.name) === "Host" && e.attrs["xsi:type"] === "Workbook"
  );
  if (!host) err('VersionOverrides needs <Host xsi:type="Workbook">', vo.line);
  const runtime = voAll.find((e) => localName(e.name) === "Runtime");
  if (!runtime) err("no <Runtimes><Runtime …/></Runtimes>: the shared runtime is not declared");
  else if (runtime.attrs.lifetime !== "long")
    err('the shared runtime needs lifetime="long"', runtime.line);
  const cf = voAll.find(
    (e) => localName(e.name) === "ExtensionPoint" && e.attrs["xsi:type"] === "CustomFunctions"
  );
  if (!cf) err("no CustomFunctions extension point: the =DTI.* functions would not load");
  else {
    const resOf = (name: string): string | undefined =>
      childrenNamed(childrenNamed(cf, name)[0] ?? cf, "SourceLocation")[0]?.attrs.resid;
    const page = resOf("Page");
    const script = resOf("Script");
    const meta = resOf("Metadata");
    if (runtime && page !== runtime.attrs.resid) {
      err(
        `the custom functions' Page (${page ?? "none"}) must be the shared runtime's page (${runtime.attrs.resid ?? ""})`,
        cf.line
      );
    }
    const urlOf = (id: string | undefined): string =>
      id ? (defined.get(id)?.el.attrs.DefaultValue ?? "") : "";
    if (!urlOf(script).endsWith("functions.js"))
      err("the custom functions' Script must be functions.js", cf.line);
    if (!urlOf(meta).endsWith("functions.json"))
      err("the custom functions' Metadata must be functions.json", cf.line);
    const ns = childrenNamed(cf, "Namespace")[0]?.attrs.resid;
    const nsValue = ns ? defined.get(ns)?.el.attrs.DefaultValue : undefined;
    if (nsValue !== "DTI")
      err(`the custom functions' namespace must be DTI (found ${nsValue ?? "none"})`, cf.line);
  }
  const ff = voAll.find((e) => localName(e.name) === "FunctionFile");
  if (runtime && ff && ff.attrs.resid !== runtime.attrs.resid) {
    err("FunctionFile must be the shared runtime's page", ff.line);
  }
  const button = voAll.find(
    (e) => localName(e.name) === "Control" && e.attrs["xsi:type"] === "Button"
  );
  if (!button) err('no ribbon button (<Control xsi:type="Button">)');
  const show = voAll.find(
    (e) => localName(e.name) === "Action" && e.attrs["xsi:type"] === "ShowTaskpane"
  );
  if (!show) err("no ShowTaskpane action: the ribbon button would not open the pane");

  // Icons exist, are PNGs and have the declared size; the whole set 16/32/64/80/128 is in assets/.
  for (const [id, { kind, el }] of defined) {
    if (kind !== "Images") continue;
    checkIconFile(el.attrs.DefaultValue ?? "", id, el.line);
  }
  for (const el of voAll) {
    if (localName(el.name) !== "Image" || !el.attrs.resid || !el.attrs.size) continue;
    const def = defined.get(el.attrs.resid);
    const file = def ? iconFile(def.el.attrs.DefaultValue ?? "") : null;
    if (!file || !existsSync(file)) continue;
    const size = pngSize(readFileSync(file));
    if (size && String(size.width) !== el.attrs.size) {
      err(
        `icon "${el.attrs.resid}" is ${size.width} px but declared size="${el.attrs.size}"`,
        el.line
      );
    }
  }
  for (const name of ["IconUrl", "HighResolutionIconUrl"]) {
    const el = top(name);
    if (el) checkIconFile(el.attrs.DefaultValue ?? "", name, el.line);
  }
  for (const s of [16, 32, 64, 80, 128]) {
    if (!existsSync(join(options.projectRoot, "assets", `icon-${s}.png`))) {
      err(`assets/icon-${s}.png is missing (run: npx tsx scripts/make-icons.ts)`);
    }
  }
  return findings;

  function iconFile(url: string): string | null {
    const m = /^https?:\/\/[^/]+\/(.*)$/.exec(url);
    return m ? join(options.projectRoot, decodeURIComponent(m[1] ?? "")) : null;
  }

  function checkIconFile(url: string, what: string, line: number): void {
    const file = iconFile(url);
    if (!file) return;
    if (!existsSync(file)) {
      err(
        `icon "${what}" points to ${url}, but ${file.slice(options.projectRoot.length + 1)} does not exist`,
        line
      );
      return;
    }
    if (!pngSize(readFileSync(file))) err(`icon "${what}" (${url}) is not a PNG file`, line);
  }
}

export interface SchemaResult {
  /** False when the schema folder is absent: the caller says so and relies on checkManifest. */
  readonly available: boolean;
  readonly valid: boolean;
  readonly errors: readonly string[];
}

/** Validates the manifest against the Office add-in XML schemas in `schemaDir` with xmllint (wasm). */
export async function validateAgainstSchemas(
  xml: string,
  schemaDir: string
): Promise<SchemaResult> {
  const main = join(schemaDir, "OfficeAppManifestV1_1.xsd");
  if (!existsSync(main)) return { available: false, valid: false, errors: [] };
  const { readdirSync } = await import("fs");
  const { validateXML } = await import("xmllint-wasm");
  const others = readdirSync(schemaDir)
    .filter((f) => f.endsWith(".xsd") && f !== "OfficeAppManifestV1_1.xsd")
    .map((f) => ({ fileName: f, contents: readFileSync(join(schemaDir, f), "utf8") }));
  const result = await validateXML({
    xml: [{ fileName: "manifest.xml", contents: xml }],
    schema: [{ fileName: "OfficeAppManifestV1_1.xsd", contents: readFileSync(main, "utf8") }],
    preload: others,
  });
  return {
    available: true,
    valid: result.valid,
    errors: result.errors.map((e) => e.rawMessage ?? e.message),
  };
}
