/**
 * CRC-32 (IEEE 802.3, the zip format's: PKWARE APPNOTE.TXT 4.4.7), for the parts a zip is written
 * with (zip-parts.ts) and for checking that an input file is still the one read (source-file.ts).
 * Node only.
 */
import zlib from "node:zlib";

/** node:zlib's own, from Node 20.15 / 22.2. */
const nativeCrc = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number })
  .crc32;
let table: Uint32Array | undefined;

/** The CRC-32 of `data`, continuing from `crc` (that of the bytes before): native, else a table. */
export function crc32(data: Uint8Array, crc = 0): number {
  if (nativeCrc !== undefined) return nativeCrc(data, crc) >>> 0;
  if (table === undefined) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = (crc ^ 0xffffffff) >>> 0;
  for (const b of data) c = (table[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
