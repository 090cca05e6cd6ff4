/**
 * The sparse reader (src/workbook/xlsx/sparse-read.ts) against ExcelJS's path, which it replaces for
 * read-only loads: for every workbook the project makes or reads (the fixture corpus, `dti template`,
 * the sample, a ranked copy with the add-in's sheets and "_dti", the real-client scenario) the grids
 * deep-equal ExcelJS's, and the read-only port answers as the ExcelJS adapter does. Then hand-made
 * XML as other tools write it, each case checked against ExcelJS and against the value expected.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEntrySheets } from "../../../src/app/entry-sheets";
import { writeSession } from "../../../src/app/session";
import { writeGridsXlsx } from "../../../src/cli/commands/demo";
import rank from "../../../src/cli/commands/rank";
import template from "../../../src/cli/commands/template";
import type { Grid } from "../../../src/engine/model/types";
import { sampleGrids } from "../../../src/engine/sample";
import { loadXlsx, readXlsxGrids, worksheetToGrid } from "../../../src/workbook/xlsx/read-grid";
import JSZip from "jszip";
import { inspectXlsx, rangeCells } from "../../../src/workbook/xlsx/inspect";
import { openSparse, SparseUnsupported } from "../../../src/workbook/xlsx/sparse-read";
import { detached } from "../../../src/workbook/xlsx/sparse-xml";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsx-workbook";
import { fixtureXlsx, loadFixtures } from "../../engine/recognize/corpus";
import { handMadeXlsx, withOtherToolParts } from "../../hostile/make";
import { runCli } from "../../support/run-cli";
import { bigSet, someEntries, someUnits } from "../office/real-client-scenario";

const dir = mkdtempSync(join(tmpdir(), "dti-sparse-"));

async function excelGrids(bytes: Uint8Array): Promise<Grid[]> {
  return (await loadXlsx(bytes)).book.worksheets.map(worksheetToGrid);
}

async function sparseGrids(bytes: Uint8Array): Promise<Grid[]> {
  const book = await openSparse(bytes);
  const out: Grid[] = [];
  for (let i = 0; i < book.sheets.length; i++) out.push(await book.grid(i));
  return out;
}

/** The sparse grids equal ExcelJS's, and the read-only port (sparse, not a fallback) answers as the ExcelJS adapter. */
async function expectSame(bytes: Uint8Array): Promise<Grid[]> {
  const expected = await excelGrids(bytes);
  const grids = await sparseGrids(bytes);
  expect(grids).toEqual(expected);
  const buf = Buffer.from(bytes);
  const excel = await XlsxWorkbook.load(buf);
  const ro = await XlsxWorkbook.load(buf, { readOnly: true });
  expect(ro.sparse).toBe(true);
  const sheets = await excel.listSheets();
  expect(await ro.listSheets()).toEqual(sheets);
  expect(await ro.readSettings()).toEqual(await excel.readSettings());
  // ExcelJS's book has no views for a file without <bookViews> (ExcelJS writes none): its adapter
  // fails there, the sparse one opens on the first sheet.
  const active = await excel.activeSheet().catch(() => sheets[0]?.name);
  expect(await ro.activeSheet()).toEqual(active);
  const names = sheets.map((s) => s.name);
  expect(await ro.readGrids(names)).toEqual(await excel.readGrids(names));
  for (const n of names.slice(0, 3))
    expect(await ro.readRange(n, "A1:E6")).toEqual(await excel.readRange(n, "A1:E6"));
  expect(ro.notKept).toEqual(excel.notKept);
  return grids;
}

describe("sparse reader = ExcelJS on the project's workbooks", () => {
  it.each(loadFixtures().map((f) => [f.id, f] as const))("fixture %s", async (_id, f) => {
    await expectSame(await fixtureXlsx(f));
  });

  it("the sample workbook, a ranked copy (the add-in's sheets, markers, _dti) and dti template's output", async () => {
    const sample = join(dir, "sample.xlsx");
    await writeGridsXlsx(sampleGrids(), sample, { "dti.profileId": "sample" });
    await expectSame(readFileSync(sample));
    const ranked = join(dir, "ranked.xlsx");
    expect((await runCli(rank, [sample, "--out", ranked])).code).toBeLessThan(2);
    const grids = await expectSame(readFileSync(ranked));
    expect(grids.some((g) => g.sheet === "_dti")).toBe(true);
    const ro = await XlsxWorkbook.load(readFileSync(ranked), { readOnly: true });
    expect((await ro.listSheets()).some((s) => s.owned && s.role === "ranking")).toBe(true);
    const entry = join(dir, "template.xlsx");
    const t = await runCli(template, [
      "--set",
      "sample",
      "--from",
      sample,
      "--units",
      "Sở A;Sở B",
      "--out",
      entry,
    ]);
    expect(t.code).toBe(0);
    await expectSame(readFileSync(entry));
  });

  it("the real-client scenario's entry workbook (300 units)", async () => {
    const set = bigSet();
    const us = someUnits(300);
    const book = XlsxWorkbook.create();
    const res = await createEntrySheets(book, set, us, { entries: someEntries(set, us) });
    expect(res.ok).toBe(true);
    await writeSession(book, {
      profileId: set.profile.id,
      setSource: "entry-workbook",
      sourceName: "test",
      set,
    });
    const grids = await expectSame(await book.toBuffer());
    expect(grids.reduce((n, g) => n + g.values.length, 0)).toBeGreaterThan(300);
  });
});

// ------------------------------------------------------------------------------------ hand-made

const STYLES = (numFmts: string, xfs: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<numFmts count="1">${numFmts}</numFmts><fonts count="1"><font><sz val="11"/></font></fonts>` +
  `<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>` +
  `<cellXfs>${xfs}</cellXfs></styleSheet>`;

/** xf 0 General, xf k (1…) the given number format ids. */
const styles = (ids: readonly number[], custom = ""): string =>
  STYLES(
    custom,
    ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>']
      .concat(ids.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0"/>`))
      .join("")
  );

const SST = (items: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${items}</sst>`;

const WORKBOOK = (sheets: string, extra = ""): string =>
  `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${extra}<sheets>${sheets}</sheets></workbook>`;

const row = (r: number, cells: string): string => `<row r="${r}">${cells}</row>`;
const data = (...rows: string[]): string => `<sheetData>${rows.join("")}</sheetData>`;

/** One sheet made by hand: the sparse grid equals ExcelJS's; returns it. */
async function oneSheet(body: string, extra: Record<string, string> = {}): Promise<Grid> {
  const [g] = await expectSame(await handMadeXlsx(body, { extra }));
  if (g === undefined) throw new Error("no grid");
  return g;
}

describe("sparse reader = ExcelJS on hand-made XML", () => {
  it("shared formulas: children slide the master's formula (absolute parts stay)", async () => {
    const g = await oneSheet(
      data(
        row(
          1,
          '<c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2+$A$1+SUM(A1:A2)</f><v>4</v></c>'
        ),
        row(2, '<c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>0</v></c>'),
        row(3, '<c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/></c>')
      )
    );
    expect(g.formulas?.[1]?.[1]).toBe("=A2*2+$A$1+SUM(A2:A3)");
    expect(g.formulas?.[2]?.[1]).toBe("=A3*2+$A$1+SUM(A3:A4)");
    expect(g.values[1]?.[1]).toBe(0);
    expect(g.values[2]?.[1]).toBeNull();
  });

  it("rich text, inline strings, shared strings (with _x000D_ escapes and entities)", async () => {
    const g = await oneSheet(
      data(
        row(
          1,
          '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Sở &amp; Ngành</t></is></c>' +
            '<c r="D1" t="inlineStr"><is><r><rPr><b/></rPr><t>Đậm</t></r><r><t xml:space="preserve"> thường</t></r></is></c>' +
            '<c r="E1" t="s"><v>2</v></c><c r="F1" t="str"><v>a &amp;amp; b</v></c>'
        )
      ),
      {
        "xl/sharedStrings.xml": SST(
          "<si><t>Tên_x000D_đơn vị</t></si><si><r><t>Chỉ </t></r><r><rPr><i/></rPr><t>số</t></r></si><si/>"
        ),
      }
    );
    expect(g.values[0]).toEqual([
      "Tên\rđơn vị",
      "Chỉ số",
      "Sở & Ngành",
      "Đậm thường",
      null,
      "a & b",
    ]);
  });

  it("dates: built-in formats 14–22 and a custom dd/mm/yyyy are dates; 0.00 and @ are not", async () => {
    const ids = [14, 15, 16, 17, 18, 19, 20, 21, 22, 164, 2, 49];
    const cells = ids.map(
      (_, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${i + 1}"><v>45366.5</v></c>`
    );
    const g = await oneSheet(
      data(row(1, cells.join("")), row(2, '<c r="A2" s="10"><v>45366</v></c>')),
      {
        "xl/styles.xml": styles(ids, '<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'),
      }
    );
    expect(g.values[0]?.slice(0, 10)).toEqual(Array(10).fill("2024-03-15T12:00:00.000Z"));
    expect(g.values[0]?.slice(10)).toEqual([45366.5, 45366.5]);
    expect(g.values[1]?.[0]).toBe("2024-03-15");
  });

  it("the 1904 date system", async () => {
    const wb = WORKBOOK(
      '<sheet name="Sheet1" sheetId="1" r:id="rId1"/>',
      '<workbookPr date1904="1"/>'
    );
    const g = await oneSheet(data(row(1, '<c r="A1" s="1"><v>43904</v></c>')), {
      "xl/workbook.xml": wb,
      "xl/styles.xml": styles([14]),
    });
    expect(g.values[0]?.[0]).toBe("2024-03-15");
  });

  it("errors, booleans, a formula's cached error, 0 and false results, a cell with only a style", async () => {
    const g = await oneSheet(
      data(
        row(
          1,
          '<c r="A1" t="e"><v>#DIV/0!</v></c><c r="B1" t="b"><v>1</v></c><c r="C1" t="b"><v>0</v></c>' +
            '<c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E1"><f>A2*0</f><v>0</v></c><c r="F1" t="b"><f>FALSE()</f><v>0</v></c>' +
            '<c r="G1" s="1"/><c r="H1"/>'
        )
      ),
      { "xl/styles.xml": styles([2]) }
    );
    expect(g.values[0]).toEqual([
      { error: "#DIV/0!" },
      true,
      false,
      { error: "#DIV/0!" },
      0,
      false,
    ]);
    expect(g.formulas?.[0]).toEqual([null, null, null, "=1/0", "=A2*0", "=FALSE()"]);
  });

  it("hidden rows and columns, merges (values under a merge dropped), sparse rows", async () => {
    const g = await oneSheet(
      '<cols><col min="2" max="3" hidden="1" width="0"/><col min="5" max="5" width="9"/></cols>' +
        data(
          row(1, '<c r="A1"><v>1</v></c><c r="B1"><v>2</v></c>'),
          '<row r="3" hidden="1"><c r="A3"><v>3</v></c></row>',
          row(40, '<c r="F40"><v>4</v></c>')
        ) +
        '<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="D3:D5"/></mergeCells>'
    );
    expect(g.hiddenRows).toEqual([3]);
    expect(g.hiddenCols).toEqual([2, 3]);
    expect(g.merges).toEqual(["A1:C1", "D3:D5"]);
    expect(g.values[0]).toEqual([1, null, null, null, null, null]);
    expect(g.values.length).toBe(40);
  });

  it("a sheet name needing escaping, hidden and very hidden sheets, the active tab", async () => {
    const sheets =
      '<sheet name="Sở &amp; &quot;Ngành&quot; &lt;1&gt;" sheetId="1" r:id="rId1"/>' +
      '<sheet name="Ẩn" sheetId="2" state="hidden" r:id="rId2"/><sheet name="Rất ẩn" sheetId="3" state="veryHidden" r:id="rId3"/>';
    const rels =
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      [1, 2, 3]
        .map(
          (i) =>
            `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`
        )
        .join("") +
      "</Relationships>";
    const sheet = (v: number): string =>
      `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${data(row(1, `<c r="A1"><v>${v}</v></c>`))}</worksheet>`;
    const bytes = await handMadeXlsx(data(), {
      extra: {
        "xl/workbook.xml": WORKBOOK(sheets, '<bookViews><workbookView activeTab="1"/></bookViews>'),
        "xl/_rels/workbook.xml.rels": rels,
        "xl/worksheets/sheet1.xml": sheet(1),
        "xl/worksheets/sheet2.xml": sheet(2),
        "xl/worksheets/sheet3.xml": sheet(3),
      },
    });
    const grids = await expectSame(bytes);
    expect(grids.map((g) => g.sheet)).toEqual(['Sở & "Ngành" <1>', "Ẩn", "Rất ẩn"]);
    const ro = await XlsxWorkbook.load(bytes, { readOnly: true });
    expect((await ro.listSheets()).map((s) => s.visible)).toEqual([true, false, false]);
    expect(await ro.activeSheet()).toBe("Ẩn");
  });
});

describe("what ExcelJS cannot read, or the sparse reader does not follow", () => {
  it("a file whose elements carry a namespace prefix (x:) is read; ExcelJS reads no sheet of it", async () => {
    const X = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const bytes = await handMadeXlsx("", {
      extra: {
        "xl/workbook.xml": `<?xml version="1.0"?><x:workbook ${X} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="Bảng" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
        "xl/worksheets/sheet1.xml": `<?xml version="1.0"?><x:worksheet ${X}><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Tên</x:t></x:is></x:c><x:c r="B1"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A2:B2"/></x:mergeCells></x:worksheet>`,
      },
    });
    await expect(loadXlsx(bytes)).rejects.toThrow();
    const [g] = await readXlsxGrids(bytes);
    expect(g).toEqual({
      sheet: "Bảng",
      originRow: 1,
      originCol: 1,
      values: [
        ["Tên", 2],
        [null, null],
      ],
      formulas: [
        [null, "=1+1"],
        [null, null],
      ],
      merges: ["A2:B2"],
      hiddenRows: [],
    });
  });

  it("cells out of order or overlapping merges: SparseUnsupported, and the read goes to ExcelJS", async () => {
    const outOfOrder = await handMadeXlsx(
      data(row(1, '<c r="B1"><v>2</v></c><c r="A1"><v>1</v></c>'))
    );
    await expect(sparseGrids(outOfOrder)).rejects.toBeInstanceOf(SparseUnsupported);
    expect(await readXlsxGrids(outOfOrder)).toEqual(await excelGrids(outOfOrder));
    const overlap = await handMadeXlsx(
      data(row(1, '<c r="A1"><v>1</v></c>')) +
        '<mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>'
    );
    await expect(sparseGrids(overlap)).rejects.toBeInstanceOf(SparseUnsupported);
    // ExcelJS refuses it too: the same error as before the sparse reader.
    await expect(readXlsxGrids(overlap)).rejects.toMatchObject({ name: "XlsxReadError" });
  });

  it("a sheet the sparse reader gives up on after opening: the port answers through ExcelJS", async () => {
    const bytes = await handMadeXlsx(data(row(1, '<c r="B1"><v>2</v></c><c r="A1"><v>1</v></c>')));
    const ro = await XlsxWorkbook.load(bytes, { readOnly: true });
    expect(ro.sparse).toBe(true);
    const excel = await XlsxWorkbook.load(bytes);
    expect(await ro.readGrid("Sheet1")).toEqual(await excel.readGrid("Sheet1"));
    await expect(ro.writeSettings({ a: "b" })).rejects.toThrow("read-only");
  });
});

describe("a file inspectXlsx changes, read in place (no copy made)", () => {
  /** A huge validation left out, a huge defined name left out, comments moved to ExcelJS's names. */
  async function changedFile(): Promise<Buffer> {
    const long = "Một văn bản dài hơn mười ba ký tự";
    const bare = await handMadeXlsx(
      data(
        row(1, `<c r="A1" t="inlineStr"><is><t>${long}</t></is></c><c r="B1"><v>1</v></c>`) +
          row(2, `<c r="A2" t="str"><f>CONCATENATE("abcdefghij","klmnop")</f><v>${long}</v></c>`) +
          row(3, '<c r="A3"><f>SUM(B1:B2)+SUM(B1:B2)</f><v>1</v></c>')
      ) +
        '<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1><formula2>10</formula2></dataValidation></dataValidations>',
      {
        definedNames:
          '<definedNames><definedName name="Data">Sheet1!$A:$XFD</definedName><definedName name="_dti_abc">Sheet1!$A$1</definedName></definedNames>',
      }
    );
    return withOtherToolParts(bare, { comments: true });
  }

  it("the grids, a changed sheet read twice, the copy and the port equal the copy's (and ExcelJS's)", async () => {
    const bytes = await changedFile();
    const kept = await inspectXlsx(bytes, { keepSheets: true });
    const plain = await inspectXlsx(bytes);
    expect(kept.package?.changedSheets).toEqual(new Set(["xl/worksheets/sheet1.xml"]));
    expect([...(kept.package?.changed.keys() ?? [])].sort()).toEqual([
      "xl/comments1.xml",
      "xl/drawings/vmlDrawing1.vml",
      "xl/workbook.xml",
      "xl/worksheets/_rels/sheet1.xml.rels",
    ]);
    expect(kept.package?.removed.size).toBe(2);
    expect(kept.notKept).toEqual(plain.notKept);
    expect(kept.leftOut).toEqual(plain.leftOut);
    // The copy is made when asked: the same parts as the one made at once.
    const copied = await kept.copy();
    const parts = async (b: Uint8Array): Promise<Record<string, string>> => {
      const z = await JSZip.loadAsync(b);
      const out: Record<string, string> = {};
      for (const [n, f] of Object.entries(z.files)) if (!f.dir) out[n] = await f.async("string");
      return out;
    };
    expect(await parts(copied)).toEqual(await parts(await plain.copy()));
    const pkg = kept.package;
    if (pkg === undefined || kept.sheetTexts === undefined) throw new Error("no package");
    const book = await openSparse(pkg, kept.sheetTexts);
    const first = await book.grid(0);
    expect(kept.sheetTexts.size).toBe(0);
    // Read again: the changed text again, not the part as the zip holds it.
    expect(await book.grid(0)).toEqual(first);
    expect([first]).toEqual(await sparseGrids(copied));
    expect([first]).toEqual(await excelGrids(copied));
    expect(book.markerTargets).toEqual((await openSparse(copied)).markerTargets);
    expect(first.values[0]?.[0]).toBe("Một văn bản dài hơn mười ba ký tự");
    // The read-only port over it answers as the ExcelJS adapter.
    const ro = await XlsxWorkbook.load(bytes, { readOnly: true });
    expect(ro.sparse).toBe(true);
    const excel = await XlsxWorkbook.load(bytes);
    expect(await ro.readGrid("Sheet1")).toEqual(await excel.readGrid("Sheet1"));
    expect(await ro.listSheets()).toEqual(await excel.listSheets());
    expect(ro.notKept).toEqual(excel.notKept);
  });

  it("a text kept is a copy equal to its slice (detached)", () => {
    const big = `<c>${"x".repeat(100)}</c>`;
    for (const s of [big.slice(3, 20), big.slice(3, 5), "", big]) expect(detached(s)).toBe(s);
  });
});

describe("inspectXlsx's A1 reading (by hand, once per cell)", () => {
  /** The regular expression it replaces. */
  function byRegex(ref: string): { row: number; col: number } | null {
    const m = /^\$?([A-Za-z]{1,7})\$?(\d{1,12})$/.exec(ref);
    if (!m) return null;
    let col = 0;
    for (const ch of (m[1] ?? "").toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(m[2]), col };
  }
  /** rangeCells as it was, over the regular expression. */
  function cellsBefore(x: string, y: string): number {
    const [a = "", b = a] = `${x}:${y}`.replace(/\$/g, "").split(":");
    if (/^[A-Za-z]{1,3}$/.test(a) && /^[A-Za-z]{1,3}$/.test(b)) {
      const ca = byRegex(`${a}1`)?.col ?? 1;
      const cb = byRegex(`${b}1`)?.col ?? 1;
      return (Math.abs(cb - ca) + 1) * 1_048_576;
    }
    if (/^\d+$/.test(a) && /^\d+$/.test(b)) return (Math.abs(Number(b) - Number(a)) + 1) * 16_384;
    const p = byRegex(a);
    const q = byRegex(b);
    if (!p || !q) return 0;
    return (Math.abs(q.row - p.row) + 1) * (Math.abs(q.col - p.col) + 1);
  }

  it("reads what the regular expression read, and refuses what it refused", async () => {
    const refs = [
      "A1",
      "a1",
      "$A$1",
      "XFD1048576",
      "xfd1048576",
      "$XFD$1048576",
      "ABCDEFG1",
      "ABCDEFGH1",
      "A123456789012",
      "A1234567890123",
      "A007",
      "A0",
      "",
      "$",
      "$$A1",
      "A$",
      "A1$",
      "1A",
      "A 1",
      " A1",
      "A1 ",
      "A1\n",
      "Ä1",
      "A١",
      "AB$12",
      "$AB12",
      "A-1",
      "A+1",
      "A1.5",
      "A1e3",
      "ZZZZZZZ999999999999",
    ];
    // A cell's r="…" as it is (with its "$"): refused exactly when the expression did not read it.
    for (const ref of refs) {
      const p = byRegex(ref);
      const refused = p === null || p.row < 1 || p.row > 1_048_576 || p.col > 16_384;
      const bytes = await handMadeXlsx(data(row(1, `<c r="${ref}"><v>1</v></c>`)));
      const outcome = await inspectXlsx(bytes).then(
        () => "read",
        (e: { problem?: string }) => e.problem
      );
      expect([ref, outcome]).toEqual([ref, refused ? "beyond_limits" : "read"]);
    }
    for (let i = 0; i < 300; i++) {
      const chars = "Aa$9Z0z_ ";
      let s = "";
      for (let k = 0; k < 1 + (i % 6); k++) s += chars[(i * 7 + k * 13) % chars.length];
      refs.push(s);
    }
    for (const ref of refs) {
      expect([ref, rangeCells(`${ref}:${ref}`)]).toEqual([ref, cellsBefore(ref, ref)]);
      expect([ref, rangeCells(`A1:${ref}`)]).toEqual([ref, cellsBefore("A1", ref)]);
      expect([ref, rangeCells(`C1:${ref}`)]).toEqual([ref, cellsBefore("C1", ref)]);
    }
  });
});

describe("a sheet's validations left out: its pieces decoded from the part's bytes", () => {
  const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const DV =
    '<dataValidations count="1"><dataValidation type="list" prompt="Chọn Đơn vị trực thuộc" sqref="A1:XFD1048576"><formula1>"Có,Không"</formula1></dataValidation></dataValidations>';
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  const join = (...parts: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  /** A one-sheet workbook whose sheet part is `sheet` (bytes as they are), stored or deflated. */
  async function withSheet(sheet: Uint8Array, deflate: boolean): Promise<Buffer> {
    const base = await JSZip.loadAsync(await handMadeXlsx(data(row(1, '<c r="A1"><v>1</v></c>'))));
    base.file("xl/worksheets/sheet1.xml", sheet);
    return base.generateAsync({ type: "nodebuffer", compression: deflate ? "DEFLATE" : "STORE" });
  }
  /** What inspectXlsx handed on before: the whole part decoded, the validations' text taken out. */
  function before(sheet: Uint8Array): string {
    const xml = new TextDecoder("utf-8").decode(sheet);
    const dv = /<(?:\w+:)?dataValidations\b[\s\S]*?<\/(?:\w+:)?dataValidations>/.exec(xml);
    return dv ? xml.replace(dv[0], "") : xml;
  }
  const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}>`;
  const cells = data(row(1, '<c r="A1" t="inlineStr"><is><t>Tên đơn vị</t></is></c>'));
  const cases: [string, Uint8Array][] = [
    ["ASCII around it", enc(`${head}<sheetData/>${DV}<pageMargins left="0.7"/></worksheet>`)],
    ["text past Latin-1 before it", enc(`${head}${cells}${DV}</worksheet>`)],
    ["a character right before it", enc(`${head}<sheetData/>é${DV}</worksheet>`)],
    ["a byte order mark right after it", enc(`${head}<sheetData/>${DV}\uFEFF</worksheet>`)],
    [
      "a character before it, a byte order mark after",
      enc(`${head}<sheetData/>é${DV}\uFEFF</worksheet>`),
    ],
    ["the part starting with it, a byte order mark after", enc(`${DV}\uFEFF${head}</worksheet>`)],
    [
      "a byte order mark at the start",
      join(new Uint8Array([0xef, 0xbb, 0xbf]), enc(`${head}${DV}</worksheet>`)),
    ],
    ["the part starting with it", enc(`${DV}${head}<sheetData/></worksheet>`)],
    [
      "broken UTF-8 on both sides",
      join(
        enc(`${head}<sheetData/>`),
        new Uint8Array([0xe1, 0x80]),
        enc(DV),
        new Uint8Array([0x80, 0xbf]),
        enc("</worksheet>")
      ),
    ],
    [
      "a lone lead byte before it",
      join(enc(`${head}<sheetData/>`), new Uint8Array([0xc3]), enc(DV + "</worksheet>")),
    ],
    ["two blocks (the first is cut)", enc(`${head}<sheetData/>${DV}<x/>${DV}</worksheet>`)],
  ];
  it.each(cases)("%s: the same text as before", async (_what, sheet) => {
    for (const deflate of [false, true]) {
      const bytes = await withSheet(sheet, deflate);
      const kept = await inspectXlsx(bytes, { keepSheets: true });
      const t = kept.sheetTexts?.get("xl/worksheets/sheet1.xml");
      if (t === undefined) throw new Error("no text kept");
      // Pieces decoded when asked, not a whole text kept: the validations were left out.
      expect(t.text()).toBe(before(sheet));
      expect(kept.leftOut.map((l) => l.block)).toEqual([DV]);
    }
  });
});
