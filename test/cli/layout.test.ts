/** `dti rank|validate FILE --layout` and the layout overrides, on fixture-corpus workbooks written as .xlsx. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "../support/run-cli";
import rank from "../../src/cli/commands/rank";
import validate from "../../src/cli/commands/validate";
import { LAYOUT_SETTING } from "../../src/engine";
import { encodeRegistry, SETTINGS_SHEET } from "../../src/workbook/ownership";
import { fixtureXlsx, loadFixtures } from "../engine/recognize/corpus";

const dir = mkdtempSync(join(tmpdir(), "dti-layout-"));
const fixtures = loadFixtures();

async function file(id: string): Promise<string> {
  const f = fixtures.find((x) => x.id === id);
  if (f === undefined) throw new Error(id);
  const path = join(dir, `${id}.xlsx`);
  writeFileSync(path, await fixtureXlsx(f));
  return path;
}

const run = runCli;

describe("dti rank --layout", () => {
  it("prints the header rows, each column's role and max, the scale, the tree and the options that pin it", async () => {
    const f = await file("nat-03-two-row-header");
    const { code, out } = await run(rank, [f, "--set", "national-922", "--layout"]);
    expect(code).toBe(0);
    expect(out).toContain("tiêu đề dòng 6-7, dữ liệu dòng 8-17");
    expect(out).toMatch(
      /H\s+Chỉ số chính \/ Hoạt động chính quyền số\s+chỉ số chính 7 .*tối đa 200/
    );
    expect(out).toContain("thang: chỉ số 0..1");
    expect(out).toContain('bỏ qua dòng 19: "Ghi chú');
    expect(out).toContain("--column A=code,B=unit,C=main:1");
  });

  it("the pinned options give the same ranking", async () => {
    const f = await file("nat-03-two-row-header");
    const plain = await run(rank, [f, "--set", "national-922", "--json"]);
    const pinned = await run(rank, [
      f,
      "--set",
      "national-922",
      "--json",
      "--column",
      "A=code,B=unit,C=main:1,D=main:2,E=main:3,F=main:4,G=main:5,H=main:7,I=main:8,J=main:9,K=total",
      "--max",
      "C=100,D=100,E=100,F=100,G=100,H=200,I=150,J=150",
      "--scale",
      "index",
      "--header-row",
      "7",
    ]);
    expect(pinned.code).toBe(0);
    const groups = (s: string) => (JSON.parse(s) as { groups: unknown }).groups;
    expect(groups(pinned.out)).toEqual(groups(plain.out));
  });
});

describe("layout overrides", () => {
  it("an undecidable scale fails with the choices (exit 2); --scale index reads it", async () => {
    const f = await file("gen-02-scale-asked");
    const refused = await run(rank, [f, "--lang", "en"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("--scale points|index");
    const ok = await run(rank, [f, "--scale", "index", "--json"]);
    expect(ok.code).toBe(0);
    const json = JSON.parse(ok.out) as { groups: { units: { unit: string; points: number }[] }[] };
    expect(json.groups[0]?.units[0]).toMatchObject({ unit: "UBND phường Sa Pa", points: 90.5 });
  });

  it("a unit column with an unknown header is refused with what was found; --column B=unit reads it", async () => {
    const f = await file("nat-08-no-unit-header");
    const refused = await run(validate, [f, "--set", "national-922"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('cột B có tiêu đề "Danh sách"');
    expect(refused.err).toContain("--column B=unit");
    const ok = await run(validate, [f, "--set", "national-922", "--column", "B=unit"]);
    expect(ok.code).toBe(0);
  });

  it("a column mapped to 'ignore' is left out; a wrong option is exit 2 with what was expected", async () => {
    const f = await file("sl-05-main-with-codes");
    const { out } = await run(rank, [f, "--set", "sonla-2024", "--column", "J=ignore", "--layout"]);
    expect(out).toMatch(/J\s+Tổng điểm\s+bỏ qua/);
    const bad = await run(rank, [f, "--column", "J=totl"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"J=totl"');
  });

  it("a layout stored in the workbook's settings is applied without options", async () => {
    const path = await file("gen-02-scale-asked");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.addWorksheet(SETTINGS_SHEET);
    const rows = encodeRegistry({
      sheets: [],
      settings: { [LAYOUT_SETTING]: JSON.stringify({ scale: "index" }) },
      highlights: [],
    });
    rows.forEach((r, i) => r.forEach((v, j) => (ws.getCell(i + 1, j + 1).value = v)));
    const stored = join(dir, "stored.xlsx");
    await wb.xlsx.writeFile(stored);
    const { code, out } = await run(rank, [stored, "--json"]);
    expect(code).toBe(0);
    expect(out).toContain('"points": 90.5');
  });
});
