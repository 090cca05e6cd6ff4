/**
 * `dti rank --out` keeps what the user's workbook holds beyond what ExcelJS reads (issue 12 item 5):
 * a chart (with its colour style part), a text box and a picture in one drawing, a data validation
 * over a range too large for ExcelJS to read, a defined name over whole columns. The workbook is
 * made at test time (ExcelJS, then the parts ExcelJS cannot write added with jszip, as Excel lays
 * them out), and a pivot table part. The copy is the user's package with the ranked sheets spliced
 * in (src/workbook/xlsx/splice.ts): all of it is kept, so the output names nothing lost. The input
 * is never changed. When LibreOffice is installed it opens the copy and must find the chart.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import rank from "../../src/cli/commands/rank";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsx-workbook";
import { runCli } from "../support/run-cli";
import { findSoffice } from "../support/libreoffice";

const dir = mkdtempSync(join(tmpdir(), "dti-keeps-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XR = "http://schemas.microsoft.com/office/spreadsheetml/2014/revision";
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64"
);

const CHART = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${R}"><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Điểm DTI theo đơn vị</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>Nhận thức số</c:v></c:tx><c:cat><c:strRef><c:f>'Kết quả'!$B$4:$B$7</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>'Kết quả'!$D$4:$D$7</c:f></c:numRef></c:val></c:ser><c:axId val="111"/><c:axId val="222"/></c:barChart><c:catAx><c:axId val="111"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="222"/></c:catAx><c:valAx><c:axId val="222"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="111"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`;
const COLORS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cs:colorStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" meth="cycle" id="10"><a:schemeClr val="accent1"/></cs:colorStyle>`;

const anchor = (from: [number, number], to: [number, number], body: string): string =>
  `<xdr:twoCellAnchor><xdr:from><xdr:col>${from[0]}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from[1]}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>${to[0]}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${to[1]}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>${body}<xdr:clientData/></xdr:twoCellAnchor>`;
const CHART_FRAME = `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="3" name="Biểu đồ 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${R}" r:id="rIdChart"/></a:graphicData></a:graphic></xdr:graphicFrame>`;
const TEXT_BOX = `<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="4" name="Hộp văn bản 1"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1000000" cy="300000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>Ghi chú của người dùng</a:t></a:r></a:p></xdr:txBody></xdr:sp>`;

/** A results table (ExcelJS, with a picture), then a chart, a text box, a validation, a name, a pivot part. */
async function userWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Kết quả");
  ws.getCell("A1").value = "KẾT QUẢ ĐÁNH GIÁ DTI NĂM 2024";
  ws.getRow(3).values = [
    "STT",
    "Tên cơ quan, đơn vị",
    "Nhóm",
    "1. Nhận thức số (40)",
    "2. Hạ tầng số (60)",
  ];
  [
    [1, "Sở Tài chính", "Sở, ban, ngành", 36, 54],
    [2, "Sở Nội vụ", "Sở, ban, ngành", 30, 40],
    [3, "Sở Y tế", "Sở, ban, ngành", 36, 50],
    [4, "UBND huyện Mai Sơn", "UBND huyện, thành phố", 20, 25],
  ].forEach((r, i) => (ws.getRow(4 + i).values = r));
  const logo = wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: "png" });
  ws.addImage(logo, "G1:H2");
  const z = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const text = async (p: string): Promise<string> => (await z.file(p)?.async("string")) ?? "";

  // The drawing ExcelJS wrote (the picture) gains a chart and a text box, as Excel would save them.
  let drawing = await text("xl/drawings/drawing1.xml");
  expect(drawing).toContain("<xdr:pic>");
  drawing = drawing.replace(
    "</xdr:wsDr>",
    anchor([6, 3], [13, 18], CHART_FRAME) + anchor([6, 19], [10, 21], TEXT_BOX) + "</xdr:wsDr>"
  );
  z.file("xl/drawings/drawing1.xml", drawing);
  z.file(
    "xl/drawings/_rels/drawing1.xml.rels",
    (await text("xl/drawings/_rels/drawing1.xml.rels")).replace(
      "</Relationships>",
      `<Relationship Id="rIdChart" Type="${R}/chart" Target="../charts/chart1.xml"/></Relationships>`
    )
  );
  z.file("xl/charts/chart1.xml", CHART);
  z.file(
    "xl/charts/_rels/chart1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/chartColorStyle" Target="colors1.xml"/></Relationships>`
  );
  z.file("xl/charts/colors1.xml", COLORS);
  // A scores check over 200,000 rows (too large for ExcelJS to expand) with Excel's xr:uid.
  const sheet = (await text("xl/worksheets/sheet1.xml"))
    .replace("<worksheet ", `<worksheet xmlns:xr="${XR}" `)
    .replace(
      "<pageMargins",
      `<dataValidations count="1"><dataValidation type="decimal" allowBlank="1" showErrorMessage="1" sqref="D4:E200000" xr:uid="{00000000-0002-0000-0000-000000000000}"><formula1>0</formula1><formula2>100</formula2></dataValidation></dataValidations><pageMargins`
    );
  z.file("xl/worksheets/sheet1.xml", sheet);
  z.file(
    "xl/workbook.xml",
    (await text("xl/workbook.xml")).replace(
      "</sheets>",
      `<sheet name="Biểu đồ" sheetId="9" r:id="rIdCs1"/></sheets><definedNames><definedName name="VungDiem">'Kết quả'!$D:$E</definedName></definedNames>`
    )
  );
  // A chart sheet (a tab holding only a chart), after "Kết quả".
  z.file(
    "xl/chartsheets/sheet1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/></chartsheet>`
  );
  z.file(
    "xl/chartsheets/_rels/sheet1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/drawing" Target="../drawings/drawing2.xml"/></Relationships>`
  );
  z.file(
    "xl/drawings/drawing2.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8666667" cy="6300000"/>${CHART_FRAME}<xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>`
  );
  z.file(
    "xl/drawings/_rels/drawing2.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdChart" Type="${R}/chart" Target="../charts/chart2.xml"/></Relationships>`
  );
  z.file("xl/charts/chart2.xml", CHART.replace("Điểm DTI theo đơn vị", "Biểu đồ trang riêng"));
  z.file(
    "xl/_rels/workbook.xml.rels",
    (await text("xl/_rels/workbook.xml.rels")).replace(
      "</Relationships>",
      `<Relationship Id="rIdCs1" Type="${R}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`
    )
  );
  z.file("xl/pivotTables/pivotTable1.xml", "<pivotTableDefinition/>");
  z.file(
    "[Content_Types].xml",
    (await text("[Content_Types].xml")).replace(
      "</Types>",
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/><Override PartName="/xl/charts/colors1.xml" ContentType="application/vnd.ms-office.chartcolorstyle+xml"/><Override PartName="/xl/charts/chart2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/><Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/><Override PartName="/xl/drawings/drawing2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>'
    )
  );
  writeFileSync(file, await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

const sha = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("dti rank --out keeps the user's workbook", () => {
  const input = join(dir, "ket-qua.xlsx");
  const out = join(dir, "ket-qua-xep-hang.xlsx");
  let said = "";

  beforeAll(async () => {
    await userWorkbook(input);
    const before = sha(input);
    const r = await runCli(rank, [input, "--set", "sonla-2024", "--out", out, "--lang", "en"]);
    said = r.out;
    expect(r.code).toBeLessThan(2);
    expect(sha(input)).toBe(before);
  });

  it("keeps the chart, its style part, the text box and the picture on their sheet", async () => {
    const src = await JSZip.loadAsync(readFileSync(input));
    const z = await JSZip.loadAsync(readFileSync(out));
    const text = async (p: string): Promise<string> => (await z.file(p)?.async("string")) ?? "";
    // The sheet "Kết quả" of the copy → its drawing → the chart, followed through the relationships.
    const wbRels = await text("xl/_rels/workbook.xml.rels");
    const sheetRid = /<sheet [^>]*name="Kết quả"[^>]*r:id="([^"]+)"/.exec(
      await text("xl/workbook.xml")
    )?.[1];
    const sheetPath = `xl/${new RegExp(`Id="${sheetRid}"[^>]*Target="([^"]+)"`).exec(wbRels)?.[1] ?? ""}`;
    const sheetXml = await text(sheetPath);
    const drawingRid = /<drawing r:id="([^"]+)"\/>/.exec(sheetXml)?.[1];
    expect(drawingRid).toBeDefined();
    const sheetRels = await text(sheetPath.replace(/([^/]+)$/, "_rels/$1.rels"));
    const drawingTarget = new RegExp(
      `Id="${drawingRid}"[^>]*Target="\\.\\./drawings/([^"]+)"`
    ).exec(sheetRels)?.[1];
    const drawing = await text(`xl/drawings/${drawingTarget}`);
    expect(drawing).toContain("<xdr:pic>");
    expect(drawing).toContain("Biểu đồ 1");
    expect(drawing).toContain("Ghi chú của người dùng");
    const drawingRels = await text(`xl/drawings/_rels/${drawingTarget}.rels`);
    const chartTarget = /Id="rIdChart"[^>]*Target="\.\.\/charts\/([^"]+)"/.exec(drawingRels)?.[1];
    expect(await text(`xl/charts/${chartTarget}`)).toBe(
      await src.file("xl/charts/chart1.xml")?.async("string")
    );
    const chartRels = await text(`xl/charts/_rels/${chartTarget}.rels`);
    const colors = /Target="([^"]+)"/.exec(chartRels)?.[1] ?? "";
    expect(await text(`xl/charts/${colors}`)).toBe(COLORS);
    const imageTarget = /Type="[^"]*\/image"[^>]*Target="\.\.\/media\/([^"]+)"/.exec(
      drawingRels
    )?.[1];
    expect(z.file(`xl/media/${imageTarget}`)).not.toBeNull();
    const types = await text("[Content_Types].xml");
    expect(types).toContain(
      `PartName="/xl/charts/${chartTarget}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"`
    );
    expect(types).toContain(`PartName="/xl/drawings/${drawingTarget}"`);
    // Only one drawing on the sheet, and no part left without its relationship file's owner.
    expect(sheetXml.match(/<drawing /g)).toHaveLength(1);
  });

  it("keeps the chart sheet in its place with its chart", async () => {
    const z = await JSZip.loadAsync(readFileSync(out));
    const text = async (p: string): Promise<string> => (await z.file(p)?.async("string")) ?? "";
    const sheetNames = [
      ...(await text("xl/workbook.xml")).matchAll(/<sheet\b[^>]*\sname="([^"]+)"/g),
    ].map((m) => m[1]);
    // The user's sheets first, in their order (the chart sheet last of them), then the new ones.
    expect(sheetNames.indexOf("Biểu đồ")).toBe(1);
    const rid = /<sheet name="Biểu đồ" sheetId="\d+" r:id="([^"]+)"\/>/.exec(
      await text("xl/workbook.xml")
    )?.[1];
    expect(rid).toBeDefined();
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(
      await text("xl/_rels/workbook.xml.rels")
    )?.[1];
    expect(target).toMatch(/^chartsheets\/sheet\d*\.xml$/);
    const rels = await text(`xl/${target?.replace(/([^/]+)$/, "_rels/$1.rels")}`);
    const drawing = /Target="\.\.\/drawings\/([^"]+)"/.exec(rels)?.[1];
    const chart = /Target="\.\.\/charts\/([^"]+)"/.exec(
      await text(`xl/drawings/_rels/${drawing}.rels`)
    )?.[1];
    expect(await text(`xl/charts/${chart}`)).toContain("Biểu đồ trang riêng");
    expect(await text("[Content_Types].xml")).toContain(
      `PartName="/xl/${target}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"`
    );
  });

  it("keeps the large data validation, the whole-column name and the pivot part; names nothing lost", async () => {
    const z = await JSZip.loadAsync(readFileSync(out));
    const workbookXml = (await z.file("xl/workbook.xml")?.async("string")) ?? "";
    expect(workbookXml).toContain(`<definedName name="VungDiem">'Kết quả'!$D:$E</definedName>`);
    const sheets = await Promise.all(
      Object.keys(z.files)
        .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
        .map((n) => z.file(n)?.async("string") ?? Promise.resolve(""))
    );
    const withRule = sheets.filter((s) => s.includes('sqref="D4:E200000"'));
    expect(withRule).toHaveLength(1);
    expect(withRule[0]).toContain(`xmlns:xr="${XR}"`);
    expect(await z.file("xl/pivotTables/pivotTable1.xml")?.async("string")).toBe(
      "<pivotTableDefinition/>"
    );
    expect(said).not.toMatch(/could NOT keep|chart|shape|validation|named range|pivot/);
    // The copy opens again (ExcelJS) with its ranked sheets.
    const again = await XlsxWorkbook.load(out);
    expect((await again.listSheets()).some((s) => s.role === "ranking")).toBe(true);
  });

  const soffice = findSoffice();
  if (soffice === null)
    console.warn(
      "test/cli/rank-keeps.test.ts: LibreOffice check skipped: soffice is not installed"
    );
  (soffice === null ? it.skip : it)(
    "LibreOffice opens the copy and keeps its chart",
    () => {
      const lo = join(dir, "lo");
      mkdirSync(lo, { recursive: true });
      execFileSync(
        soffice ?? "soffice",
        [
          `-env:UserInstallation=file://${join(dir, "lo-profile")}`,
          "--headless",
          "--norestore",
          "--convert-to",
          "ods",
          "--outdir",
          lo,
          out,
        ],
        { stdio: "pipe", timeout: 180_000 }
      );
      const ods = join(lo, "ket-qua-xep-hang.ods");
      expect(existsSync(ods)).toBe(true);
      return JSZip.loadAsync(readFileSync(ods)).then(async (z) => {
        const objects = Object.keys(z.files).filter((n) => /^Object \d+\/content\.xml$/.test(n));
        const contents = await Promise.all(
          objects.map((n) => z.file(n)?.async("string") ?? Promise.resolve(""))
        );
        for (const title of ["Điểm DTI theo đơn vị", "Biểu đồ trang riêng"])
          expect(contents.some((c) => c.includes("chart:chart") && c.includes(title))).toBe(true);
      });
    },
    240_000
  );
});
