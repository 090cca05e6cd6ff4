/**
 * Writes a workbook of the recogniser's fixture corpus (test/fixtures/workbooks) as a real .xlsx, to
 * try the CLI on it: `npx tsx scripts/fixture-xlsx.ts nat-01-main-index-names /tmp/nat.xlsx`, then
 * `npx tsx src/cli/main.ts rank /tmp/nat.xlsx --set national-922 --layout`. With "--all DIR" every
 * fixture is written into DIR.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fixtureXlsx, loadFixtures } from "../test/engine/recognize/corpus";

async function main(): Promise<void> {
  const [id, out] = process.argv.slice(2);
  const fixtures = loadFixtures();
  if (id === "--all" && out !== undefined) {
    for (const f of fixtures) await writeFile(join(out, `${f.id}.xlsx`), await fixtureXlsx(f));
    console.log(`${fixtures.length} workbooks → ${out}`);
    return;
  }
  const f = fixtures.find((x) => x.id === id);
  if (f === undefined || out === undefined) {
    console.error(
      `usage: fixture-xlsx.ts ID OUT.xlsx | --all DIR; ids: ${fixtures.map((x) => x.id).join(", ")}`
    );
    process.exitCode = 2;
    return;
  }
  await writeFile(out, await fixtureXlsx(f));
  console.log(`${f.id} (profile ${f.profile}) → ${out}`);
}

void main();
