/**
 * The user's .xlsx as it was read, kept on disk instead of in memory: `dti rank --out` copies the
 * parts of the file it does not change into the ranked copy straight from the file, in chunks
 * (zip-parts.ts FileRange, cli/files.ts writeOutput), so the 28 MB of a 3,321-unit workbook are not
 * held from the read to the end of the write. The file must still be the one read: its size, its
 * modification time and the CRC-32 of all its bytes are taken when it is read and checked before
 * anything of it is copied (SourceChanged otherwise: the copy is not written). Node only.
 */
import { closeSync, fstatSync, openSync, readSync, statSync, writeSync } from "node:fs";
import { crc32 } from "./crc32";

/** The input file is no longer the one read (changed, replaced or removed since). */
export class SourceChanged extends Error {
  constructor(readonly file: string) {
    super(`source changed: ${file}`);
    this.name = "SourceChanged";
  }
}

const CHUNK = 1 << 20;

/** A range of a source file's bytes (a part copied as it is). */
export interface FileRange {
  readonly file: SourceFile;
  readonly offset: number;
  readonly length: number;
}

export const isFileRange = (x: unknown): x is FileRange =>
  typeof x === "object" && x !== null && (x as { file?: unknown }).file instanceof SourceFile;

export class SourceFile {
  private constructor(
    readonly path: string,
    readonly size: number,
    private readonly mtimeMs: number,
    private readonly crc: number
  ) {}

  /**
   * The file at `path` whose bytes were read as `bytes`: null when that cannot be vouched for (the
   * file on disk is already not those bytes by size, or is gone): keep the bytes.
   */
  static of(path: string, bytes: Uint8Array): SourceFile | null {
    let st;
    try {
      st = statSync(path);
    } catch {
      return null;
    }
    if (!st.isFile() || st.size !== bytes.length) return null;
    return new SourceFile(path, st.size, st.mtimeMs, crc32(bytes));
  }

  /**
   * `length` bytes from `offset`, read now (the file's size and time checked; its content is
   * checked by `verify` before a copy made from it is written, or by `bytes`).
   */
  read(offset: number, length: number): Buffer {
    const out = Buffer.alloc(length);
    this.withFile((fd) => {
      let at = 0;
      while (at < length) {
        const n = readSync(fd, out, at, length - at, offset + at);
        if (n === 0) throw new SourceChanged(this.path);
        at += n;
      }
    });
    return out;
  }

  /** All the bytes, read now and checked to be the ones read first (their CRC-32). */
  bytes(): Buffer {
    const all = this.read(0, this.size);
    if (crc32(all) !== this.crc) throw new SourceChanged(this.path);
    return all;
  }

  /**
   * Throws SourceChanged unless the file is still the one read: its size and time, then the CRC-32
   * of all its bytes, read in 1 MB chunks (a few ms for 28 MB in the page cache).
   */
  verify(): void {
    this.withFile((fd) => {
      const buf = Buffer.alloc(Math.min(CHUNK, Math.max(1, this.size)));
      let crc = 0;
      for (let at = 0; at < this.size;) {
        const n = readSync(fd, buf, 0, Math.min(buf.length, this.size - at), at);
        if (n === 0) throw new SourceChanged(this.path);
        crc = crc32(buf.subarray(0, n), crc);
        at += n;
      }
      if (crc !== this.crc) throw new SourceChanged(this.path);
    });
  }

  /** Copies `range` into the open file `fd` in chunks through `buf`. */
  copyTo(fd: number, range: FileRange, buf: Buffer): void {
    this.withFile((src) => {
      for (let at = 0; at < range.length;) {
        const n = readSync(src, buf, 0, Math.min(buf.length, range.length - at), range.offset + at);
        if (n === 0) throw new SourceChanged(this.path);
        // The output's own write errors (a full disk) pass through as they are.
        let w = 0;
        while (w < n) w += writeSync(fd, buf, w, n - w);
        at += n;
      }
    });
  }

  /** Opens the file, checks its size and time, runs `f`, checks again, closes it. */
  private withFile(f: (fd: number) => void): void {
    let fd: number;
    try {
      fd = openSync(this.path, "r");
    } catch {
      throw new SourceChanged(this.path);
    }
    try {
      this.same(fd);
      f(fd);
      this.same(fd);
    } finally {
      closeSync(fd);
    }
  }

  private same(fd: number): void {
    const st = fstatSync(fd);
    if (st.size !== this.size || st.mtimeMs !== this.mtimeMs) throw new SourceChanged(this.path);
  }
}
