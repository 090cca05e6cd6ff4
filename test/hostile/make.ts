/**
 * Hostile inputs, made at test time (nothing large is committed): tiny .xlsx files that would
 * explode, files of other kinds renamed .xlsx, other tools' layouts of comments and charts.
 */
import { createDeflateRaw } from "node:zlib";
import JSZip from "jszip";
import type { Grid } from "../../src/engine/model/types";
import { sampleGrids } from "../../src/engine/sample";

const CT =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WB_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A one-sheet .xlsx with the given <worksheet> body, made by hand (as another tool would). */
export async function handMadeXlsx(
  sheetBody: string,
  opts: { readonly definedNames?: string; readonly extra?: Record<string, string> } = {}
): Promise<Buffer> {
  const z = new JSZip();
  z.file("[Content_Types].xml", CT);
  z.file("_rels/.rels", ROOT_RELS);
  z.file(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ${NS} ${NS_R}><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>${opts.definedNames ?? ""}</workbook>`
  );
  z.file("xl/_rels/workbook.xml.rels", WB_RELS);
  z.file(
    "xl/worksheets/sheet1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${NS} ${NS_R}>${sheetBody}</worksheet>`
  );
  for (const [k, v] of Object.entries(opts.extra ?? {})) z.file(k, v);
  return z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A zip holding one entry whose deflate stream inflates to `size` zero bytes (declared as 100). */
export async function zipBomb(size: number): Promise<Buffer> {
  const base = await handMadeXlsx('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>');
  const deflated = await new Promise<Buffer>((resolve, reject) => {
    const d = createDeflateRaw({ level: 9 });
    const parts: Buffer[] = [];
    d.on("data", (c: Buffer) => parts.push(c));
    d.on("end", () => resolve(Buffer.concat(parts)));
    d.on("error", reject);
    const chunk = Buffer.alloc(1 << 20);
    let left = size;
    const pump = (): void => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!d.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          d.once("drain", pump);
          return;
        }
      }
      d.end();
    };
    pump();
  });
  // Append the entry "xl/media/padding.bin" to the central directory of `base` by hand.
  const name = Buffer.from("xl/media/padding.bin");
  const eocd = base.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const cdSize = base.readUInt32LE(eocd + 12);
  const cdOffset = base.readUInt32LE(eocd + 16);
  const entries = base.readUInt16LE(eocd + 10);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(0, 14); // crc (not checked on load)
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(100, 22); // the declared size lies
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(100, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(cdOffset, 42);
  const head = base.subarray(0, cdOffset);
  const oldCd = base.subarray(cdOffset, cdOffset + cdSize);
  const newCdOffset = cdOffset + local.length + name.length + deflated.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries + 1, 8);
  end.writeUInt16LE(entries + 1, 10);
  end.writeUInt32LE(cdSize + central.length + name.length, 12);
  end.writeUInt32LE(newCdOffset, 16);
  return Buffer.concat([head, local, name, deflated, oldCd, central, name, end]);
}

/** An OpenDocument spreadsheet's zip (the "mimetype" entry first, as LibreOffice writes it). */
export async function odsLike(): Promise<Buffer> {
  const z = new JSZip();
  z.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet", { compression: "STORE" });
  z.file("content.xml", '<?xml version="1.0"?><office:document-content/>');
  z.file("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest/>');
  return z.generateAsync({ type: "nodebuffer" });
}

/** An OLE header (Excel 97-2003 or, with an "EncryptedPackage" stream name, a password-protected .xlsx). */
export function oleFile(encrypted: boolean): Buffer {
  const head = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const body = Buffer.alloc(2048);
  if (encrypted) Buffer.from("EncryptedPackage", "utf16le").copy(body, 1024);
  return Buffer.concat([head, body]);
}

/**
 * `file` (an .xlsx made by ExcelJS) with parts added as another tool lays them out: notes as
 * openpyxl writes them (xl/comments/comment1.xml, absolute targets), a chart in a drawing.
 */
export async function withOtherToolParts(
  xlsx: Buffer,
  add: { readonly comments?: boolean; readonly chart?: boolean }
): Promise<Buffer> {
  const z = await JSZip.loadAsync(xlsx);
  const relsPath = "xl/worksheets/_rels/sheet1.xml.rels";
  const relsFile = z.file(relsPath);
  let rels =
    relsFile !== null
      ? await relsFile.async("string")
      : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  let sheet = await (z.file("xl/worksheets/sheet1.xml") as JSZip.JSZipObject).async("string");
  const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  if (add.comments) {
    z.file(
      "xl/comments/comment1.xml",
      `<?xml version="1.0" encoding="UTF-8"?><comments ${NS}><authors><author>openpyxl</author></authors><commentList><comment ref="A4" authorId="0"><text><r><t>Ghi chú của người dùng</t></r></text></comment></commentList></comments>`
    );
    z.file(
      "xl/drawings/commentsDrawing1.vml",
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape id="_x0000_s1025" type="#_x0000_t202"><x:ClientData ObjectType="Note"><x:Row>3</x:Row><x:Column>0</x:Column></x:ClientData></v:shape></xml>'
    );
    rels = rels.replace(
      "</Relationships>",
      `<Relationship Id="rIdC1" Type="${R}/comments" Target="/xl/comments/comment1.xml"/><Relationship Id="rIdV1" Type="${R}/vmlDrawing" Target="/xl/drawings/commentsDrawing1.vml"/></Relationships>`
    );
    sheet = sheet.replace("</worksheet>", '<legacyDrawing r:id="rIdV1"/></worksheet>');
  }
  if (add.chart) {
    z.file(
      "xl/drawings/drawing1.xml",
      `<?xml version="1.0" encoding="UTF-8"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>15</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>18</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Biểu đồ 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId1" xmlns:r="${R}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
    );
    z.file(
      "xl/drawings/_rels/drawing1.xml.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/chart" Target="../charts/chart1.xml"/></Relationships>`
    );
    z.file(
      "xl/charts/chart1.xml",
      '<?xml version="1.0" encoding="UTF-8"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart/></c:chartSpace>'
    );
    rels = rels.replace(
      "</Relationships>",
      `<Relationship Id="rIdD1" Type="${R}/drawing" Target="/xl/drawings/drawing1.xml"/></Relationships>`
    );
    sheet = sheet.replace("</worksheet>", '<drawing r:id="rIdD1"/></worksheet>');
  }
  if (!/xmlns:r=/.test(sheet)) sheet = sheet.replace("<worksheet ", `<worksheet ${NS_R} `);
  z.file(relsPath, rels);
  z.file("xl/worksheets/sheet1.xml", sheet);
  return z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** The sample's grids with one leaf indicator's maximum replaced (column C of "Nhập điểm"). */
export function sampleWithMax(max: number): { grids: Grid[]; code: string; cell: string } {
  const grids = sampleGrids();
  const entry = grids[0] as Grid;
  const rows = entry.values.map((r) => [...r]);
  const i = rows.findIndex((r, k) => k > 4 && typeof r[2] === "number" && r[3] !== "Chỉ số chính");
  const row = rows[i] as (typeof rows)[number];
  row[2] = max;
  return {
    grids: [{ ...entry, values: rows }, ...grids.slice(1)],
    code: typeof row[0] === "string" || typeof row[0] === "number" ? String(row[0]) : "",
    cell: `C${entry.originRow + i}`,
  };
}
