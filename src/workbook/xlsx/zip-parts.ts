/**
 * The parts of a package being written, and the .xlsx (zip) made of them with Node's own zlib.
 *
 * Why: ExcelJS compresses with jszip's JavaScript deflate, on one core. Here ExcelJS writes its parts
 * uncompressed (STORE, no deflate), carry.ts changes a few of them, and the parts are deflated by
 * node:zlib (native, in the thread pool, so in parallel) into the zip: the default compression level,
 * UTF-8 names (APPNOTE.TXT 4.4.4 bit 11), no zip64 (what is read is capped far below 4 GB:
 * XLSX_LIMITS in inspect.ts). Format: PKWARE APPNOTE.TXT 6.3.10, sections 4.3.7, 4.3.12, 4.3.16.
 * Node only (the ExcelJS adapter is).
 */
import { promisify } from "node:util";
import zlib from "node:zlib";
import JSZip from "jszip";
import { crc32 } from "./crc32";
import { isFileRange, SourceFile, type FileRange } from "./source-file";

/** A piece of a zip being written: bytes, or a range of the input file copied as it is. */
export type ZipPiece = Uint8Array | FileRange;

const deflateRaw = promisify(zlib.deflateRaw);

/**
 * A part kept as the source zip held it (compressed): copied into the output without inflating,
 * from the bytes read or straight from the input file (a FileRange).
 */
interface RawPart {
  readonly method: 0 | 8;
  readonly crc: number;
  readonly size: number;
  readonly body: Uint8Array | FileRange;
}

const isRaw = (p: Uint8Array | RawPart): p is RawPart => !(p instanceof Uint8Array);

/** A zip's bytes to read its directory from: in memory, or read from the input file as needed. */
interface ByteSource {
  readonly length: number;
  at(offset: number, length: number): Buffer;
  body(offset: number, length: number): Uint8Array | FileRange;
}

function memorySource(bytes: Uint8Array): ByteSource {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    length: b.length,
    at: (offset, length) => b.subarray(offset, offset + length),
    body: (offset, length) => b.subarray(offset, offset + length),
  };
}

function fileSource(file: SourceFile): ByteSource {
  return {
    length: file.size,
    at: (offset, length) => file.read(offset, Math.max(0, Math.min(length, file.size - offset))),
    body: (offset, length) => ({ file, offset, length }),
  };
}

/** A raw part's compressed bytes, read from the input file when they are there. */
const bodyBytes = (body: Uint8Array | FileRange): Uint8Array =>
  isFileRange(body) ? body.file.read(body.offset, body.length) : body;

/** The bytes of pieces, joined (the input file's ranges read). */
export function joinPieces(pieces: readonly ZipPiece[]): Buffer {
  return Buffer.concat(pieces.map((p) => (isFileRange(p) ? bodyBytes(p) : p)));
}

const pieceLength = (p: ZipPiece): number => (isFileRange(p) ? p.length : p.byteLength);

/**
 * A part deflated as it is written, piece by piece, so that its whole text never sits in memory
 * uncompressed (a ranked sheet of 3,321 units is 6.8 MB of XML, 0.7 MB deflated). Each piece is
 * deflated on its own and ended with a sync flush (non-final blocks, byte-aligned), the last with
 * the final block: the pieces joined are one raw deflate stream (RFC 1951 3.2.3; zlib's
 * Z_SYNC_FLUSH, as pigz joins its blocks). The CRC runs over the pieces in order.
 */
export class DeflatedPart {
  private readonly segments: Buffer[] = [];
  private crc = 0;
  private size = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private finished: RawPart | null = null;

  /** Appends `text` (UTF-8) to the part. */
  write(text: string): void {
    if (this.finished !== null) throw new Error("DeflatedPart: written after finish");
    if (text === "") return;
    const b = Buffer.from(text, "utf8");
    this.crc = crc32(b, this.crc);
    this.size += b.length;
    this.pending.push(b);
    this.pendingBytes += b.length;
    // Pieces of at least 256 KB: each starts without the previous one's dictionary, which made a
    // ranked sheet of 3,321 units 2% larger (718 KB instead of 705 KB).
    if (this.pendingBytes >= 262_144) this.flush(zlib.constants.Z_SYNC_FLUSH);
  }

  private flush(mode: number): void {
    const data = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    this.segments.push(zlib.deflateRawSync(data, { finishFlush: mode }));
  }

  /** The part as a zip holds it (deflated, with its CRC and size); nothing more can be written. */
  finish(): RawPart {
    if (this.finished === null) {
      this.flush(zlib.constants.Z_FINISH);
      this.finished = {
        method: 8,
        crc: this.crc,
        size: this.size,
        body: Buffer.concat(this.segments),
      };
      this.segments.length = 0;
    }
    return this.finished;
  }
}

/** A package's parts by name (no leading "/"), in the order they were added. */
export class ZipParts {
  private readonly parts = new Map<string, Uint8Array | RawPart>();

  /**
   * The parts of any zip (stored or deflated, no zip64) kept compressed as they are: a part is
   * inflated only when read (`get`/`text`), and `toZip` copies the others byte for byte. The
   * `rank --out` copy of a large workbook thus never inflates the user's sheets (issue 12, item 3).
   * Null for what it cannot read so (zip64, encryption, another method): use `fromZip`.
   */
  static lazy(bytes: Uint8Array | SourceFile): ZipParts | null {
    const src = bytes instanceof SourceFile ? fileSource(bytes) : memorySource(bytes);
    const total = src.length;
    // The end record: 22 bytes, after at most a 65,535-byte comment.
    const tailFrom = Math.max(0, total - 22 - 0xffff);
    const tail = src.at(tailFrom, total - tailFrom);
    const endAt = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (endAt < 0 || endAt + 22 > tail.length) return null;
    const count = tail.readUInt16LE(endAt + 10);
    const dirAt = tail.readUInt32LE(endAt + 16);
    // The directory: from its offset to the end record (its own size field is not needed).
    if (count === 0xffff || dirAt === 0xffffffff || dirAt > tailFrom + endAt) return null;
    const dir = src.at(dirAt, tailFrom + endAt - dirAt);
    const out = new ZipParts();
    let at = 0;
    for (let i = 0; i < count; i++) {
      if (at + 46 > dir.length || dir.readUInt32LE(at) !== 0x02014b50) return null;
      const flags = dir.readUInt16LE(at + 8);
      const method = dir.readUInt16LE(at + 10);
      const crc = dir.readUInt32LE(at + 16);
      const packed = dir.readUInt32LE(at + 20);
      const size = dir.readUInt32LE(at + 24);
      const nameLength = dir.readUInt16LE(at + 28);
      const skip = nameLength + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
      const local = dir.readUInt32LE(at + 42);
      if (at + 46 + nameLength > dir.length) return null;
      const name = dir.toString("utf8", at + 46, at + 46 + nameLength);
      at += 46 + skip;
      // Bit 0: encrypted. Sizes of 0xFFFFFFFF: zip64.
      if ((flags & 1) !== 0 || (method !== 0 && method !== 8)) return null;
      if (packed === 0xffffffff || size === 0xffffffff || local + 30 > total) return null;
      const head = src.at(local, 30);
      if (head.readUInt32LE(0) !== 0x04034b50) return null;
      const start = local + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
      if (start + packed > total) return null;
      if (name.endsWith("/")) continue;
      out.parts.set(name, { method, crc, size, body: src.body(start, packed) });
    }
    return out;
  }

  /** The part names, in order. */
  names(): string[] {
    return [...this.parts.keys()];
  }

  /**
   * The parts of a zip (folders left out): read from its central directory without copying when
   * `lazy` can (ExcelJS's stored output, most files), else through jszip.
   */
  static async fromZip(bytes: Uint8Array): Promise<ZipParts> {
    const fast = ZipParts.lazy(bytes);
    if (fast !== null) return fast;
    const zip = await JSZip.loadAsync(bytes);
    const out = new ZipParts();
    for (const [name, file] of Object.entries(zip.files))
      if (!file.dir) out.set(name, await file.async("uint8array"));
    return out;
  }

  has(name: string): boolean {
    return this.parts.has(name);
  }

  get(name: string): Uint8Array | undefined {
    const p = this.parts.get(name);
    if (p === undefined || !isRaw(p)) return p;
    const body = bodyBytes(p.body);
    const data = p.method === 0 ? body : zlib.inflateRawSync(body, { maxOutputLength: p.size + 1 });
    if (data.length !== p.size) throw new Error(`zip part ${name}: size differs`);
    return data;
  }

  text(name: string): string | null {
    const b = this.get(name);
    return b === undefined
      ? null
      : Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("utf8");
  }

  set(name: string, data: Uint8Array | string | DeflatedPart): void {
    this.parts.set(
      name,
      typeof data === "string"
        ? Buffer.from(data, "utf8")
        : data instanceof DeflatedPart
          ? data.finish()
          : data
    );
  }

  /** Another package's part, as it is there (still compressed when it was). */
  copyFrom(other: ZipParts, from: string, to = from): void {
    const p = other.parts.get(from);
    if (p !== undefined) this.parts.set(to, p);
  }

  remove(name: string): void {
    this.parts.delete(name);
  }

  /** The zip of the parts, each deflated (or stored when that is not smaller). */
  async toZip(): Promise<Buffer> {
    return joinPieces(await this.toZipPieces());
  }

  /**
   * The same zip as pieces in file order (headers and the parts' bytes as they are), for a caller
   * that writes them out without joining them first (a 28 MB copy less at the peak). A part kept
   * from the input file is a FileRange of it: cli/files.ts writeOutput copies it from the file.
   */
  async toZipPieces(): Promise<ZipPiece[]> {
    const now = new Date();
    const time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
    const date = ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
    const entries = await Promise.all(
      [...this.parts].map(async ([name, data]) => {
        if (isRaw(data))
          return {
            name: Buffer.from(name, "utf8"),
            crc: data.crc,
            size: data.size,
            method: data.method,
            body: data.body,
          };
        const packed = data.length > 0 ? await deflateRaw(data) : Buffer.alloc(0);
        const stored = packed.length >= data.length;
        return {
          name: Buffer.from(name, "utf8"),
          crc: crc32(data),
          size: data.length,
          method: stored ? 0 : 8,
          body: stored ? data : packed,
        };
      })
    );
    const chunks: ZipPiece[] = [];
    const central: Buffer[] = [];
    let offset = 0;
    for (const e of entries) {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(e.method, 8);
      local.writeUInt16LE(time, 10);
      local.writeUInt16LE(date, 12);
      local.writeUInt32LE(e.crc, 14);
      const packedLength = pieceLength(e.body);
      local.writeUInt32LE(packedLength, 18);
      local.writeUInt32LE(e.size, 22);
      local.writeUInt16LE(e.name.length, 26);
      local.writeUInt16LE(0, 28);
      const head = Buffer.alloc(46);
      head.writeUInt32LE(0x02014b50, 0);
      head.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
      head.writeUInt16LE(20, 6);
      head.writeUInt16LE(0x0800, 8);
      head.writeUInt16LE(e.method, 10);
      head.writeUInt16LE(time, 12);
      head.writeUInt16LE(date, 14);
      head.writeUInt32LE(e.crc, 16);
      head.writeUInt32LE(packedLength, 20);
      head.writeUInt32LE(e.size, 24);
      head.writeUInt16LE(e.name.length, 28);
      // extra, comment, disk, internal and external attributes: 0
      head.writeUInt32LE(offset, 42);
      central.push(head, e.name);
      chunks.push(local, e.name, e.body);
      offset += local.length + e.name.length + packedLength;
    }
    const centralSize = central.reduce((n, b) => n + b.length, 0);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(centralSize, 12);
    end.writeUInt32LE(offset, 16);
    return [...chunks, ...central, end];
  }
}
