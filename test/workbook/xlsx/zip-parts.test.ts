/** The zip the ExcelJS adapter writes with node:zlib (src/workbook/xlsx/zip-parts.ts), read back by jszip. */
import JSZip from "jszip";
import zlib from "node:zlib";
import { DeflatedPart, ZipParts } from "../../../src/workbook/xlsx/zip-parts";

describe("ZipParts", () => {
  const big = "<row>" + "x".repeat(200_000) + "</row>";
  const bytes = Uint8Array.from([0, 1, 2, 250, 255]);

  it("writes parts that jszip reads back byte for byte (deflated, stored, empty, UTF-8 names)", async () => {
    const parts = new ZipParts();
    parts.set("[Content_Types].xml", "<Types/>");
    parts.set("xl/worksheets/sheet1.xml", big);
    parts.set("xl/media/ảnh 1.bin", bytes);
    parts.set("xl/empty.xml", "");
    const zip = await JSZip.loadAsync(await parts.toZip());
    expect(Object.keys(zip.files)).toEqual([
      "[Content_Types].xml",
      "xl/worksheets/sheet1.xml",
      "xl/media/ảnh 1.bin",
      "xl/empty.xml",
    ]);
    expect(await zip.file("xl/worksheets/sheet1.xml")?.async("string")).toBe(big);
    expect(Array.from((await zip.file("xl/media/ảnh 1.bin")?.async("uint8array")) ?? [])).toEqual(
      Array.from(bytes)
    );
    expect(await zip.file("xl/empty.xml")?.async("string")).toBe("");
  });

  it.each(["STORE", "DEFLATE"] as const)(
    "reads a zip jszip wrote (%s), folders left out",
    async (compression) => {
      const z = new JSZip();
      z.file("a/b.xml", big);
      z.file("a/c.bin", bytes);
      const parts = await ZipParts.fromZip(
        await z.generateAsync({ type: "uint8array", compression })
      );
      expect(parts.has("a/")).toBe(false);
      expect(parts.text("a/b.xml")).toBe(big);
      expect(Array.from(parts.get("a/c.bin") ?? [])).toEqual(Array.from(bytes));
      parts.remove("a/c.bin");
      parts.set("a/b.xml", "<changed/>");
      const again = await JSZip.loadAsync(await parts.toZip());
      expect(Object.keys(again.files)).toEqual(["a/b.xml"]);
      expect(await again.file("a/b.xml")?.async("string")).toBe("<changed/>");
    }
  );

  it("a part deflated piece by piece is one stream: jszip and zlib read back the joined text, CRC and size", async () => {
    // Pieces over the 256 KB segment size, Vietnamese (two-byte UTF-8) and an empty piece among them.
    const pieces = Array.from({ length: 40 }, (_, i) =>
      i % 7 === 3 ? "" : `<row r="${i}"><c t="inlineStr"><is><t>Đơn vị ${i} `.repeat(2_000 + i * 37)
    );
    const part = new DeflatedPart();
    for (const p of pieces) part.write(p);
    const whole = pieces.join("");
    const wholeBytes = Buffer.from(whole, "utf8");
    expect(wholeBytes.length).toBeGreaterThan(3 * 262_144);
    const parts = new ZipParts();
    parts.set("[Content_Types].xml", "<Types/>");
    parts.set("xl/worksheets/sheet1.xml", part);
    expect(parts.text("xl/worksheets/sheet1.xml")).toBe(whole);
    const zip = await JSZip.loadAsync(await parts.toZip());
    expect(await zip.file("xl/worksheets/sheet1.xml")?.async("string")).toBe(whole);
    // The central directory's CRC and size (jszip checks the CRC when asked).
    const again = await JSZip.loadAsync(await parts.toZip(), { checkCRC32: true });
    expect((await again.file("xl/worksheets/sheet1.xml")?.async("uint8array"))?.length).toBe(
      wholeBytes.length
    );
    // Compressed close to one deflate of the whole (each segment restarts its dictionary).
    const one = zlib.deflateRawSync(wholeBytes).length;
    const packed = (await parts.toZipPieces()).reduce((n, b) => n + b.length, 0);
    expect(packed).toBeLessThan(one * 1.1 + 2_000);
    expect(() => part.write("more")).toThrow(/after finish/);
  });
});
