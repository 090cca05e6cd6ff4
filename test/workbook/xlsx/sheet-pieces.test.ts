/**
 * A worksheet read in pieces (src/workbook/xlsx/sheet-pieces.ts): where the pieces are cut, and
 * that inspecting and reading a sheet piece by piece gives what the whole text gave (the grid, the
 * cell count, what is left out), on the fixture corpus and on hand-made XML, with pieces cut as
 * small as they go (before every row).
 */
import type { Grid } from "../../../src/engine/model/types";
import { inspectXlsx } from "../../../src/workbook/xlsx/inspect";
import { SheetPieces } from "../../../src/workbook/xlsx/sheet-pieces";
import { openSparse } from "../../../src/workbook/xlsx/sparse-read";
import { fixtureXlsx, loadFixtures } from "../../engine/recognize/corpus";
import { handMadeXlsx } from "../../hostile/make";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
const pieceTexts = (p: SheetPieces): string[] =>
  Array.from({ length: p.count }, (_, i) => p.piece(i));

describe("SheetPieces: cut before rows only", () => {
  const rows = Array.from(
    { length: 6 },
    (_, i) =>
      `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Sở số ${i + 1}</t></is></c></row>`
  ).join("\n");
  const xml = `${HEAD}<sheetData>${rows}</sheetData><rowBreaks count="1"><brk id="2"/></rowBreaks><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`;

  it("each piece after the first starts with a row; together they are the text", () => {
    const p = SheetPieces.of(enc(xml), 1);
    // The head (up to <sheetData>), then a piece a row (the last with the rest of the part).
    expect(p.count).toBe(7);
    const texts = pieceTexts(p);
    expect(texts[0]?.endsWith("<sheetData>")).toBe(true);
    for (const t of texts.slice(1)) expect(t).toMatch(/^<row r="\d">/);
    expect(texts.join("")).toBe(xml);
    expect(p.text()).toBe(xml);
  });

  it("a prefixed <x:row> is cut before too; <rowBreaks> never", () => {
    const prefixed = xml.replace(/<(\/?)(row|c|is|t|sheetData)\b/g, "<$1x:$2");
    const p = SheetPieces.of(enc(prefixed), 1);
    expect(p.count).toBe(7);
    for (const t of pieceTexts(p).slice(1)) expect(t.startsWith("<x:row ")).toBe(true);
    expect(pieceTexts(p).some((t) => t.startsWith("<rowBreaks"))).toBe(false);
  });

  it("a part holding a comment or CDATA (which could hide a row tag) is one piece", () => {
    const commented = xml.replace("</row>\n", '</row><!-- <row r="9"> -->\n');
    expect(SheetPieces.of(enc(commented), 1).count).toBe(1);
    const cdata = xml.replace("Sở số 3", "<![CDATA[<row r='9'>]]>");
    expect(SheetPieces.of(enc(cdata), 1).count).toBe(1);
  });

  it("a part no larger than a piece is one piece", () => {
    expect(SheetPieces.of(enc(xml)).count).toBe(1);
  });

  it("a changed piece is read as changed; the ASCII search sees the change", () => {
    const p = SheetPieces.of(enc(xml), 1);
    const last = p.count - 1;
    const changed = p.with(last, p.piece(last).replace("mergeCells", "hyperlinks"));
    expect(changed.piece(last)).toContain("hyperlinks");
    expect(changed.includesAscii("hyperlinks")).toBe(true);
    expect(p.includesAscii("hyperlinks")).toBe(false);
    expect(p.includesAscii("mergeCell")).toBe(true);
  });
});

/** Each sheet's grid, the sheets inspected and read in pieces of at least `pieceBytes` bytes. */
async function readInPieces(bytes: Uint8Array, pieceBytes?: number) {
  const inspected = await inspectXlsx(bytes, {
    keepSheets: true,
    ...(pieceBytes !== undefined ? { pieceBytes } : {}),
  });
  const pkg = inspected.package;
  const texts = inspected.sheetTexts;
  if (pkg === undefined || texts === undefined) throw new Error("no package");
  const pieces = [...texts.values()].reduce((n, p) => n + p.count, 0);
  const book = await openSparse(pkg, texts);
  const grids: Grid[] = [];
  for (let i = 0; i < book.sheets.length; i++) grids.push(await book.grid(i));
  return {
    grids,
    pieces,
    cells: inspected.cells,
    notKept: inspected.notKept,
    leftOut: inspected.leftOut,
  };
}

describe("a sheet read in pieces = the sheet read whole", () => {
  it.each(loadFixtures().map((f) => [f.id, f] as const))("fixture %s", async (_id, f) => {
    const bytes = await fixtureXlsx(f);
    const whole = await readInPieces(bytes);
    const cut = await readInPieces(bytes, 1);
    expect(cut.pieces).toBeGreaterThan(whole.pieces);
    expect(cut).toEqual({ ...whole, pieces: cut.pieces });
  });

  it("hand-made: shared formulas across pieces, merges, hyperlinks, Vietnamese text, validations left out", async () => {
    const body =
      "<sheetData>" +
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c><c r="C1" t="inlineStr"><is><t>Tên đơn vị</t></is></c></row>' +
      '<row r="2" hidden="1"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c><c r="C2" t="inlineStr"><is><t>Phường Đông</t></is></c></row>\n' +
      '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/></c><c r="C3" t="inlineStr"><is><t>Xã &amp; Đặc khu</t></is></c></row>' +
      "</sheetData>" +
      '<mergeCells count="1"><mergeCell ref="C2:D2"/></mergeCells>' +
      '<dataValidations count="1"><dataValidation type="list" prompt="Chọn Đơn vị" sqref="A1:XFD1048576"><formula1>"Có,Không"</formula1></dataValidation></dataValidations>';
    const bytes = await handMadeXlsx(body);
    const whole = await readInPieces(bytes);
    const cut = await readInPieces(bytes, 1);
    expect(whole.pieces).toBe(1);
    expect(cut.pieces).toBe(4);
    expect(cut).toEqual({ ...whole, pieces: 4 });
    const g = cut.grids[0];
    expect(g?.formulas?.[2]?.[1]).toBe("=A3*2");
    expect(g?.values[2]?.[2]).toBe("Xã & Đặc khu");
    expect(g?.hiddenRows).toEqual([2]);
    expect(cut.leftOut.map((l) => l.sheet)).toEqual(["Sheet1"]);
  });
});
