/**
 * The input file kept on disk instead of in memory (src/workbook/xlsx/source-file.ts): a copy's
 * kept parts are copied from it (zip-parts.ts FileRange, cli/files.ts writeOutput), and only while
 * it is still the file that was read. `dti rank --out` against a file changed between its read and
 * the write: nothing written, the reason said, the input as it was.
 */
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { OutputError, writeOutput } from "../../../src/cli/files";
import { SourceChanged, SourceFile } from "../../../src/workbook/xlsx/source-file";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsx-workbook";
import { joinPieces, ZipParts } from "../../../src/workbook/xlsx/zip-parts";
import { handMadeXlsx } from "../../hostile/make";

const dir = mkdtempSync(join(tmpdir(), "dti-source-file-"));

async function someZip(name: string): Promise<{ file: string; bytes: Buffer }> {
  const z = new JSZip();
  z.file("a.xml", "<a>" + "Sở Nội vụ ".repeat(5000) + "</a>");
  z.file("b.bin", Buffer.from([1, 2, 3]));
  z.file("c/d.xml", "<d/>", { compression: "STORE" });
  const bytes = await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return { file, bytes };
}

const ROUND = new Date("2026-01-01T00:00:00Z");

/** The same bytes with one changed, the file's time put back: only the content check can see it. */
function changeOneByte(file: string, at: number): void {
  const changed = Buffer.from(readFileSync(file));
  changed[at] = (changed[at] ?? 0) ^ 0xff;
  writeFileSync(file, changed);
  utimesSync(file, ROUND, ROUND);
}

describe("SourceFile", () => {
  it("reads what was read, and the zip's parts from it equal the parts of its bytes", async () => {
    const { file, bytes } = await someZip("same.xlsx");
    const src = SourceFile.of(file, bytes);
    if (src === null) throw new Error("no native CRC-32 in this Node");
    expect(src.read(10, 20)).toEqual(bytes.subarray(10, 30));
    expect(() => src.verify()).not.toThrow();
    const fromFile = ZipParts.lazy(src);
    const fromBytes = ZipParts.lazy(bytes);
    expect(fromFile?.names()).toEqual(fromBytes?.names());
    for (const n of fromBytes?.names() ?? []) expect(fromFile?.get(n)).toEqual(fromBytes?.get(n));
    // Written: the kept parts copied from the file, byte for byte what the bytes give.
    const out = join(dir, "same-out.xlsx");
    writeOutput(out, (await fromFile?.toZipPieces()) ?? [], [file]);
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(await zip.file("a.xml")?.async("string")).toContain("Sở Nội vụ");
    expect(joinPieces((await fromFile?.toZipPieces()) ?? []).length).toBe(readFileSync(out).length);
  });

  it("is not vouched for when the file on disk is already not the bytes read", async () => {
    const { file, bytes } = await someZip("shorter.xlsx");
    expect(SourceFile.of(file, bytes.subarray(1))).toBeNull();
    expect(SourceFile.of(join(dir, "missing.xlsx"), bytes)).toBeNull();
  });

  it("a changed byte (same size, same time): SourceChanged", async () => {
    const { file, bytes } = await someZip("changed.xlsx");
    utimesSync(file, ROUND, ROUND);
    const src = SourceFile.of(file, bytes);
    if (src === null) throw new Error("no native CRC-32 in this Node");
    changeOneByte(file, 40);
    expect(statSync(file).size).toBe(bytes.length);
    expect(statSync(file).mtime).toEqual(ROUND);
    expect(() => src.verify()).toThrow(SourceChanged);
    expect(() => src.bytes()).toThrow(SourceChanged);
  });

  it("writeOutput refuses to copy from a changed input: no output, no temporary file", async () => {
    const { file, bytes } = await someZip("moved.xlsx");
    const src = SourceFile.of(file, bytes);
    if (src === null) throw new Error("no native CRC-32 in this Node");
    const pieces = (await ZipParts.lazy(src)?.toZipPieces()) ?? [];
    writeFileSync(file, Buffer.concat([bytes, Buffer.from("x")]));
    const out = join(dir, "moved-out.xlsx");
    let error: unknown;
    try {
      writeOutput(out, pieces, [file]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutputError);
    expect((error as OutputError).reason).toBe("input_changed");
    expect((error as OutputError).message).toContain("đã thay đổi");
    expect((error as OutputError).message).toContain("changed");
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).some((n) => n.includes("moved-out") && n.endsWith(".tmp"))).toBe(false);
  });
});

describe("XlsxWorkbook.releaseSource", () => {
  it("a read-only book lets go of its bytes: listed sheets still answer, a sheet is not read again", async () => {
    const file = join(dir, "book.xlsx");
    writeFileSync(
      file,
      await handMadeXlsx('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>')
    );
    const book = await XlsxWorkbook.load(file, { readOnly: true });
    const sheets = await book.listSheets();
    expect((await book.readGrids(["Sheet1"]))[0]?.values).toEqual([[1]]);
    expect(book.copySource).toBeInstanceOf(Uint8Array);
    book.releaseSource();
    expect(book.copySource).toBeInstanceOf(SourceFile);
    expect(await book.listSheets()).toEqual(sheets);
    await expect(book.readGrids(["Sheet1"])).rejects.toThrow(/released|let go/);
  });

  it("a book given bytes keeps them", async () => {
    const bytes = await handMadeXlsx(
      '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
    );
    const book = await XlsxWorkbook.load(bytes, { readOnly: true });
    book.releaseSource();
    expect(book.copySource).toBeInstanceOf(Uint8Array);
  });
});
