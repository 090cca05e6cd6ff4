/**
 * The command line as a hostile user drives it (issue 12): every case with its exit code and
 * message, and every input's hash checked unchanged after the command. Inputs are made at test
 * time (test/hostile/make.ts); the largest is a 300 MB zip bomb made by streaming deflate.
 */
import { createHash } from "node:crypto";
import {
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { CliCommand } from "../../src/cli/command";
import { runCli, type CliRun } from "../support/run-cli";
import { writeGridsXlsx } from "../../src/cli/commands/demo";
import merge from "../../src/cli/commands/merge";
import rank from "../../src/cli/commands/rank";
import template from "../../src/cli/commands/template";
import validate from "../../src/cli/commands/validate";
import { issueText } from "../../src/engine/messages";
import { fmtNumber } from "../../src/engine/messages/params";
import { sampleGrids } from "../../src/engine/sample";
import { XLSX_LIMITS } from "../../src/workbook/xlsx/inspect";
import { handMadeXlsx, odsLike, oleFile, sampleWithMax, withOtherToolParts, zipBomb } from "./make";

const dir = mkdtempSync(join(tmpdir(), "dti-hostile-"));
const hash = (f: string): string => createHash("sha256").update(readFileSync(f)).digest("hex");

/** Runs a command in-process; every input's bytes must be the same afterwards. */
async function run(cmd: CliCommand, args: string[], inputs: readonly string[]): Promise<CliRun> {
  const before = inputs.map(hash);
  const result = await runCli(cmd, args);
  expect(inputs.map(hash)).toEqual(before);
  return result;
}

const path = (name: string): string => join(dir, name);
let sample = "";
beforeAll(async () => {
  sample = path("mau.xlsx");
  await writeGridsXlsx(sampleGrids(), sample, { "dti.profileId": "sample" });
});

describe("files: the output is never an input (identity, not spelling)", () => {
  it.each([
    ["the same path", (f: string) => f],
    [
      "a symlink to the input",
      (f: string) => (symlinkSync(f, path("link.xlsx")), path("link.xlsx")),
    ],
    [
      "a hard link to the input",
      (f: string) => (linkSync(f, path("hard.xlsx")), path("hard.xlsx")),
    ],
    ["a path through ..", () => join(dir, "..", dir.split("/").pop() ?? "", "mau.xlsx")],
  ])("rank --out %s: exit 2, input unchanged", async (_what, out) => {
    const target = out(sample);
    const r = await run(rank, [sample, "--out", target, "--force"], [sample]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/chính là tệp đầu vào.*is the input/);
  });

  it("merge --out one of the forms, and template --from X --out X: exit 2, inputs unchanged", async () => {
    const other = path("form-b.xlsx");
    writeFileSync(other, readFileSync(sample));
    const m = await run(
      merge,
      [sample, other, "--set", "sample", "--out", other, "--force"],
      [sample, other]
    );
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/is the input/);
    const t = await run(template, ["--set", "sample", "--from", sample, "--out", sample], [sample]);
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/is the input/);
  });
});

describe("files: an existing output, a missing folder, a folder (a full disk: full-disk.test.ts)", () => {
  it("refuses to replace an existing file without --force, replaces it with --force", async () => {
    const out = path("ket-qua.xlsx");
    writeFileSync(out, "old");
    const r = await run(rank, [sample, "--out", out], [sample, out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Đã có tệp.*already exists: add --force/);
    const f = await run(rank, [sample, "--out", out, "--force"], [sample]);
    expect(f.code).toBe(1); // the sample has planted data errors
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });

  it.each([
    ["a missing folder", () => path("khong-co/out.xlsx"), /does not exist: create it first/],
    [
      "a folder",
      () => (mkdirSync(path("thu-muc")), path("thu-muc")),
      /is a folder: give a file name/,
    ],
  ])("--out %s: one line vi/en, exit 2", async (_what, out, message) => {
    const r = await run(rank, [sample, "--out", out()], [sample]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/ENOENT|EISDIR|EFBIG|ENOSPC/);
    expect(r.err.split("\n")).toHaveLength(1);
  });
});

describe("files: small files that explode are refused quickly with what to fix", () => {
  const cases: [string, () => Promise<Buffer>, RegExp][] = [
    [
      "one value at XFD1048576 (and one at A1)",
      () =>
        handMadeXlsx(
          '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
        ),
      /XFD1048576.*delete the stray content at XFD1048576/,
    ],
    [
      "a merge over H1:XFD1048576",
      () =>
        handMadeXlsx(
          '<sheetData><row r="1"><c r="H1"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="H1:XFD1048576"/></mergeCells>'
        ),
      /merged range H1:XFD1048576 covering 17,172,529,152 cells: unmerge it/,
    ],
    [
      "a row beyond Excel's 1,048,576",
      () => handMadeXlsx('<sheetData><row r="2000000"><c><v>1</v></c></row></sheetData>'),
      /beyond Excel's limits \(row 2000000/,
    ],
    [
      "cells past column XFD without references",
      () =>
        handMadeXlsx(
          `<sheetData><row r="1">${"<c><v>1</v></c>".repeat(XLSX_LIMITS.maxCols + 1)}</row></sheetData>`
        ),
      /beyond Excel's limits/,
    ],
    [
      `more than ${XLSX_LIMITS.maxCells} cells`,
      () => {
        const perRow = 1000;
        const row = "<c><v>1</v></c>".repeat(perRow);
        const rows = Math.ceil((XLSX_LIMITS.maxCells + 1) / perRow);
        let body = "<sheetData>";
        for (let r = 1; r <= rows; r++) body += `<row r="${r}">${row}</row>`;
        return handMadeXlsx(`${body}</sheetData>`);
      },
      /holds more than 1,500,000 cells, over the reading limit/,
    ],
    [
      "a zip inflating past the limit (its declared size lies)",
      () => zipBomb(XLSX_LIMITS.maxInflatedBytes + (1 << 20)),
      /unzips to more than 300 MB, over the reading limit/,
    ],
  ];
  it.each(cases)("%s: exit 2", async (_what, make, message) => {
    const file = path(`bomb-${Math.random().toString(36).slice(2)}.xlsx`);
    writeFileSync(file, await make());
    const r = await run(validate, [file, "--lang", "en"], [file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it("a data validation and a defined name over whole columns are read (left out of the read, listed)", async () => {
    const file = path("dv.xlsx");
    const z = await handMadeXlsx(
      '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1><formula2>10</formula2></dataValidation></dataValidations>',
      {
        definedNames:
          '<definedNames><definedName name="Data">Sheet1!$A:$XFD</definedName></definedNames>',
      }
    );
    writeFileSync(file, z);
    const r = await run(validate, [file, "--lang", "en"], [file]);
    // Read fine: the sheet holds no indicator table, which is said as such.
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/heap|JavaScript|TypeError/);
  });
});

describe("files: what a file really is; other tools' valid files are read", () => {
  it.each([
    ["a renamed .ods", () => odsLike(), /OpenDocument spreadsheet \(\.ods/],
    ["an old .xls", () => Promise.resolve(oleFile(false)), /Excel 97-2003 \(\.xls\)/],
    ["a password-protected .xlsx", () => Promise.resolve(oleFile(true)), /opening password/],
    ["a PDF", () => Promise.resolve(Buffer.from("%PDF-1.7\n...")), /a PDF file/],
    [
      "an HTML export",
      () => Promise.resolve(Buffer.from("<html><table><tr><td>1</td></tr></table></html>")),
      /web page \(HTML\)/,
    ],
    [
      "a CSV",
      () => Promise.resolve(Buffer.from("Mã,Tên,Điểm\n1,A,2\n")),
      /text file \(CSV or TXT\)/,
    ],
    ["an empty file", () => Promise.resolve(Buffer.alloc(0)), /the file is empty/],
    [
      "a Word document",
      async () => {
        const JSZip = (await import("jszip")).default;
        const z = new JSZip();
        z.file("[Content_Types].xml", "<Types/>");
        z.file("word/document.xml", "<w:document/>");
        return z.generateAsync({ type: "nodebuffer" });
      },
      /a Word document/,
    ],
  ])("%s: exit 2, says what it is", async (_what, make, message) => {
    const file = path(`other-${Math.random().toString(36).slice(2)}.xlsx`);
    writeFileSync(file, await make());
    const r = await run(validate, [file, "--lang", "en"], [file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/is not an Excel \.xlsx workbook/);
    expect(r.err).not.toMatch(/no indicator table|TypeError|Cannot read prop/);
  });

  it("notes laid out as openpyxl writes them are read; rank --out keeps them", async () => {
    const file = path("ghi-chu.xlsx");
    writeFileSync(file, await withOtherToolParts(readFileSync(sample), { comments: true }));
    const r = await run(validate, [file], [file]);
    expect(r.code).toBe(1); // read: the sample's planted data errors
    const out = path("ghi-chu-xep-hang.xlsx");
    const k = await run(rank, [file, "--out", out], [file]);
    expect(k.code).toBe(1);
    // The copy holds the user's notes as the input does, part for part (ExcelJS cannot read
    // openpyxl's comment layout, Excel and LibreOffice do): the splice never rewrites them.
    const JSZip = (await import("jszip")).default;
    const [inZip, outZip] = await Promise.all(
      [file, out].map((f) => JSZip.loadAsync(readFileSync(f)))
    );
    const parts = Object.keys(inZip?.files ?? {}).filter(
      (n) => /comments|vmlDrawing/i.test(n) && inZip?.files[n]?.dir !== true
    );
    expect(parts.length).toBeGreaterThan(0);
    let notes = "";
    for (const n of parts) {
      const kept = (await outZip?.file(n)?.async("string")) ?? "";
      expect(kept).toBe(await inZip?.file(n)?.async("string"));
      notes += kept;
    }
    expect(notes).toContain("Ghi chú của người dùng");
  });

  it("rank --out of a workbook with a chart keeps it in the copy (carried from the original)", async () => {
    const file = path("bieu-do.xlsx");
    writeFileSync(file, await withOtherToolParts(readFileSync(sample), { chart: true }));
    const out = path("bieu-do-xep-hang.xlsx");
    const r = await run(rank, [file, "--out", out, "--lang", "en"], [file]);
    expect(r.code).toBe(1);
    expect(r.out).not.toMatch(/could NOT keep/);
    const z = await JSZip.loadAsync(readFileSync(out));
    const charts = Object.keys(z.files).filter((n) => /^xl\/charts\/chart\d*\.xml$/.test(n));
    expect(charts).toHaveLength(1);
  });
});

describe("values: maxima, duplicates, numbers, long names", () => {
  it.each([-5, 0, 1e308])(
    "a maximum of %s is an error at its row, never a score range",
    async (max) => {
      const { grids, code } = sampleWithMax(max);
      const file = path(`max-${String(max)}.xlsx`);
      await writeGridsXlsx(grids, file, { "dti.profileId": "sample" });
      const r = await run(validate, [file, "--json", "--lang", "en"], [file]);
      expect(r.code).toBe(1);
      const issues = (
        JSON.parse(r.out) as { issues: { code: string; message: string; cell: string }[] }
      ).issues;
      const bad = issues.filter((i) => i.code === "max_invalid");
      expect(bad).toHaveLength(1);
      expect(bad[0]?.message).toContain(`indicator ${code}`);
      expect(r.out).not.toMatch(/from 0 to -|Infinity|NaN/);
      const ranked = await run(rank, [file, "--json"], [file]);
      expect(ranked.out).not.toMatch(/Infinity|NaN/);
    }
  );

  it("a duplicate's first place is never empty (no cell: its place in the list)", () => {
    for (const locale of ["vi", "en"] as const) {
      const text = issueText(
        {
          code: "duplicate_unit",
          severity: "error",
          params: { unitName: "Sở A", firstCell: "#1" },
        },
        locale
      );
      expect(text).not.toMatch(/ở \)|at \)/);
      expect(text).toMatch(/mục thứ 1|item 1/);
    }
  });

  it("numbers print readably: 1e308, 1e-320, Infinity", () => {
    expect(fmtNumber(1e308, "vi")).toBe("1e+308");
    expect(fmtNumber(1e-320, "en")).toBe("1e-320");
    expect(fmtNumber(1.5e-7, "vi")).toBe("1,5e-7");
    expect(fmtNumber(Infinity, "en")).not.toMatch(/Infinity/);
  });

  it("a unit name over 32,767 characters is cut at the limit, with a warning", async () => {
    const grids = sampleGrids();
    const units = grids[1];
    if (units === undefined) throw new Error("sample has a units sheet");
    const long = "Sở Thông tin và Truyền thông " + "x".repeat(40_000);
    const values = units.values.map((r) => [...r]);
    const entry = grids[0];
    if (entry === undefined) throw new Error("sample has an entry sheet");
    const evalues = entry.values.map((r) =>
      r.map((v) => (v === "Sở Thông tin và Truyền thông" ? long : v))
    );
    (values[1] as unknown[])[1] = long;
    const file = path("ten-dai.xlsx");
    await writeGridsXlsx(
      [{ ...entry, values: evalues }, { ...units, values }, ...grids.slice(2)],
      file,
      { "dti.profileId": "sample" }
    );
    const out = path("ten-dai-xep-hang.xlsx");
    const r = await run(rank, [file, "--out", out, "--json", "--lang", "en"], [file]);
    const issues = (JSON.parse(r.out) as { issues: { code: string }[] }).issues;
    expect(issues.some((i) => i.code === "text_too_long")).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    let longest = 0;
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === "string") longest = Math.max(longest, c.value.length);
        })
      );
    expect(longest).toBeLessThanOrEqual(32_767);
  });
});
