/**
 * `npm run validate`: checks manifest.xml offline. First against Microsoft's add-in manifest XML
 * schemas (../shared/schemas/office-addin-manifest, with xmllint-wasm), then the cross-references a
 * schema cannot see (scripts/manifest/checks.ts). The online service of `office-addin-manifest
 * validate` is unreachable here. Exit code 1 on any error.
 */
import { readFileSync } from "fs";
import { join, resolve } from "path";
import { checkManifest, validateAgainstSchemas } from "./manifest/checks";

export const DEFAULT_SCHEMA_DIR = resolve(
  __dirname,
  "..",
  "..",
  "shared",
  "schemas",
  "office-addin-manifest"
);

async function main(): Promise<number> {
  const file = resolve(process.argv[2] ?? "manifest.xml");
  const schemaDir = process.env.DTI_MANIFEST_SCHEMAS ?? DEFAULT_SCHEMA_DIR;
  const projectRoot = resolve(__dirname, "..");
  let xml: string;
  try {
    xml = readFileSync(file, "utf8");
  } catch {
    console.error(`Cannot read ${file}.`);
    return 1;
  }
  let failed = false;

  const schema = await validateAgainstSchemas(xml, schemaDir);
  if (!schema.available) {
    console.log(
      `Schema check skipped: ${join(schemaDir, "OfficeAppManifestV1_1.xsd")} not found ` +
        "(the schemas ship beside this team's repository). Running the structural checks only."
    );
  } else if (schema.valid) {
    console.log("Schema: valid against OfficeAppManifestV1_1.xsd (+ VersionOverrides schemas).");
  } else {
    failed = true;
    console.log("Schema: INVALID");
    for (const e of schema.errors) console.log(`  ${e.trim()}`);
  }

  const findings = checkManifest(xml, { projectRoot, devOrigin: "https://localhost:3000/" });
  for (const f of findings) {
    console.log(
      `  ${f.level === "error" ? "error" : "warning"}${f.line ? ` (line ${f.line})` : ""}: ${f.message}`
    );
  }
  const errors = findings.filter((f) => f.level === "error").length;
  const warnings = findings.length - errors;
  console.log(`Cross-reference checks: ${errors} error(s), ${warnings} warning(s).`);
  if (errors > 0) failed = true;
  console.log(failed ? `${file}: NOT valid` : `${file}: valid`);
  return failed ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    }
  );
}
