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

describe("inspect's row and cell scan = the regular expression it replaced", () => {
  /** The loop inspect ran before (cells counted, rows and cells past Excel's limits refused). */
  function byRegex(xml: string): { cells: number } | { problem: string; ref: string } {
    let rowCounter = 0;
    let colCounter = 0;
    let cells = 0;
    const re = /<(?:\w+:)?(row|c)(?=[\s>/])(?:[^>]*?\sr="([^"]*)")?/g;
    for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
      const r = m[2];
      if (m[1] === "row") {
        colCounter = 0;
        rowCounter = r !== undefined ? Number(r) : rowCounter + 1;
        if (!Number.isSafeInteger(rowCounter) || rowCounter > 1_048_576 || rowCounter < 1)
          return { problem: "beyond_limits", ref: `row ${r ?? ""}` };
        continue;
      }
      cells++;
      const p =
        r === undefined
          ? { row: rowCounter, col: colCounter + 1 }
          : (() => {
              const a = /^\$?([A-Za-z]{1,7})\$?(\d{1,12})$/.exec(r);
              if (a === null) return null;
              let col = 0;
              for (const ch of (a[1] ?? "").toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
              return { row: Number(a[2]), col };
            })();
      if (p === null || p.row > 1_048_576 || p.col > 16_384 || p.row < 1)
        return { problem: "beyond_limits", ref: r ?? "16385" };
      colCounter = p.col;
    }
    return { cells };
  }

  const bodies: [string, string][] = [
    ["plain", '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row>'],
    [
      "r after other attributes, tabs and two spaces",
      '<row r="2"><c s="1" t="n" r="C2"><v>1</v></c><c\tr="D2"/><c  r="E2"><v>2</v></c></row>',
    ],
    [
      "no r: the next row and column",
      "<row><c><v>1</v></c><c><v>2</v></c></row><row/><row><c/></row>",
    ],
    ["prefixed tags", '<x:row r="4"><x:c r="F4"><x:v>4</x:v></x:c></x:row>'],
    ["single quotes are not read as r", "<row r='5'><c r='G5'><v>5</v></c></row>"],
    [
      "a no-break space before r (JavaScript's \\s)",
      '<row r="6"><c\u00a0r="H6"><v>6</v></c></row>',
    ],
    [
      "look-alike tags",
      '<row r="7"><cc r="A7"/><c1 r="B7"/><col min="1"/><cols/><rowBreaks/><c r="C7"><v>7</v></c></row>',
    ],
    ["r past the tag is not the tag's", '<row r="8"><c t="s">r="Z8"<v>0</v></c></row>'],
    ["an unterminated r", '<row r="9"><c r="J9>1</c></row>'],
    ["a row past Excel's limit", '<row r="1048577"><c r="A1048577"><v>1</v></c></row>'],
    ["a column past Excel's limit", '<row r="10"><c r="XFE10"><v>1</v></c></row>'],
    ["a row number that is not one", '<row r="1e3"><c r="A1000"><v>1</v></c></row><row r="x"/>'],
  ];
  // Whether r="…" is read decides the outcome when it names a column past Excel's (XFE): each case
  // again with its references moved there.
  const cases = bodies.flatMap(([what, rows]): [string, string][] => [
    [what, rows],
    [`${what}, references past XFD`, rows.replace(/([\s]r=["'])[A-Z]+(\d)/g, "$1XFE$2")],
  ]);
  it.each(cases)("%s", async (_what, rows) => {
    const xml = `<sheetData>${rows}</sheetData>`;
    const expected = byRegex(xml);
    for (const pieceBytes of [undefined, 1]) {
      const outcome = await inspectXlsx(await handMadeXlsx(xml), {
        ...(pieceBytes !== undefined ? { pieceBytes } : {}),
      }).then(
        (i) => ({ cells: i.cells }),
        (e: { problem: string; details: { ref?: string } }) => ({
          problem: e.problem,
          ref: e.details.ref ?? "",
        })
      );
      expect(outcome).toEqual(expected);
    }
  });
});
