/**
 * The command line's file output, one module for every command: an output file is compared with
 * every input by identity (device + inode, so a symlink, a hard link or another spelling of the
 * same name on a case-insensitive file system is caught), an existing file is replaced only with
 * --force, and the bytes go to a temporary file in the same folder that is renamed over the target
 * only once complete (rename is atomic within a folder on POSIX and NTFS), so a failed write
 * leaves the old file as it was. Every failure is one line, Vietnamese then English; never a raw
 * EFBIG / ENOENT / EISDIR.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { isFileRange, SourceChanged, type SourceFile } from "../workbook/xlsx/source-file";
import type { ZipPiece } from "../workbook/xlsx/zip-parts";

/** A reason an output cannot be written; the message is one line, vi / en. */
export class OutputError extends Error {
  constructor(
    readonly reason:
      | "same_as_input"
      | "exists"
      | "is_directory"
      | "no_folder"
      | "disk_full"
      | "no_permission"
      | "read_only"
      | "input_changed"
      | "failed",
    readonly file: string,
    message: string
  ) {
    super(message);
    this.name = "OutputError";
  }
}

function identity(file: string): { dev: number; ino: number } | null {
  try {
    const s = statSync(file); // follows symlinks
    return { dev: s.dev, ino: s.ino };
  } catch {
    return null;
  }
}

/** Are `a` and `b` the same file (after links, whatever the spelling)? False when either is missing. */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  const x = identity(a);
  const y = identity(b);
  return x !== null && y !== null && x.dev === y.dev && x.ino === y.ino;
}

function messageFor(reason: OutputError["reason"], out: string, other = ""): string {
  switch (reason) {
    case "same_as_input":
      return (
        `Tệp kết quả "${out}" chính là tệp đầu vào "${other}" (cùng tệp, qua liên kết hoặc tên khác): hãy chọn một tên mới để không ghi đè dữ liệu gốc. / ` +
        `The output "${out}" is the input "${other}" (the same file, through a link or another spelling): choose a new name so the original is kept.`
      );
    case "exists":
      return (
        `Đã có tệp "${out}": thêm --force để ghi đè, hoặc chọn tên khác. / ` +
        `"${out}" already exists: add --force to replace it, or choose another name.`
      );
    case "is_directory":
      return (
        `"${out}" là một thư mục: hãy ghi tên tệp, ví dụ "${join(out, "ket-qua.xlsx")}". / ` +
        `"${out}" is a folder: give a file name, e.g. "${join(out, "result.xlsx")}".`
      );
    case "no_folder":
      return (
        `Không có thư mục "${dirname(out)}" để ghi "${basename(out)}": hãy tạo thư mục trước hoặc sửa đường dẫn. / ` +
        `The folder "${dirname(out)}" does not exist: create it first or correct the path.`
      );
    case "disk_full":
      return (
        `Không đủ chỗ trên ổ đĩa để ghi "${out}" (tệp cũ, nếu có, vẫn giữ nguyên): hãy giải phóng dung lượng rồi thử lại. / ` +
        `Not enough disk space to write "${out}" (any old file is kept as it was): free some space and try again.`
      );
    case "no_permission":
      return (
        `Không có quyền ghi "${out}": hãy chọn thư mục khác hoặc kiểm tra quyền (tệp có đang mở trong Excel không?). / ` +
        `No permission to write "${out}": choose another folder or check the permissions (is the file open in Excel?).`
      );
    case "read_only":
      return (
        `Ổ đĩa chứa "${out}" chỉ cho đọc: hãy ghi vào thư mục khác. / ` +
        `The drive holding "${out}" is read-only: write to another folder.`
      );
    case "input_changed":
      return (
        `Tệp đầu vào "${other}" đã thay đổi (được lưu lại hoặc thay thế) trong lúc xếp hạng nên chưa ghi "${out}": hãy chạy lại lệnh. / ` +
        `The input "${other}" changed (saved again or replaced) while it was being ranked, so "${out}" was not written: run the command again.`
      );
    case "failed":
      return (
        `Không ghi được "${out}" (tệp cũ, nếu có, vẫn giữ nguyên): hãy thử lại hoặc ghi vào thư mục khác. / ` +
        `Could not write "${out}" (any old file is kept as it was): try again or write to another folder.`
      );
  }
}

function fail(reason: OutputError["reason"], out: string, other = ""): OutputError {
  return new OutputError(reason, out, messageFor(reason, out, other));
}

/** The input changed between its read and the copy made of it (source-file.ts SourceChanged). */
export function inputChanged(out: string, input: string): OutputError {
  return fail("input_changed", out, input);
}

/** errno code → reason (the code itself is only quoted for an unknown failure). */
function reasonOf(code: string | undefined): OutputError["reason"] {
  switch (code) {
    case "ENOSPC":
    case "EFBIG":
    case "EDQUOT":
      return "disk_full";
    case "ENOENT":
    case "ENOTDIR":
      return "no_folder";
    case "EISDIR":
      return "is_directory";
    case "EACCES":
    case "EPERM":
    case "EBUSY":
      return "no_permission";
    case "EROFS":
      return "read_only";
    default:
      return "failed";
  }
}

/**
 * Checks, before any work, that `out` may be written: not one of `inputs` (by identity), not a
 * folder, in an existing folder, and not an existing file unless `force`. Throws OutputError.
 */
export function checkOutput(
  out: string,
  inputs: readonly string[],
  opts: { readonly force?: boolean } = {}
): void {
  for (const input of inputs) if (sameFile(out, input)) throw fail("same_as_input", out, input);
  let st;
  try {
    st = statSync(out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") throw fail(reasonOf(code), out);
  }
  if (st?.isDirectory()) throw fail("is_directory", out);
  if (st !== undefined && opts.force !== true) throw fail("exists", out);
  let dir;
  try {
    dir = statSync(dirname(resolve(out)));
  } catch {
    throw fail("no_folder", out);
  }
  if (!dir.isDirectory()) throw fail("no_folder", out);
}

/**
 * Writes `bytes` to `out` through a temporary file in the same folder, renamed over `out` only when
 * complete and flushed; on any failure the temporary file is removed and `out` is as it was.
 * Pieces that are ranges of the input file (zip-parts.ts FileRange) are copied from it in 1 MB
 * chunks, once the file is checked to be the one read (source-file.ts: else "input_changed").
 * Call checkOutput first (this re-checks the inputs, as the same file may have been named twice).
 */
export function writeOutput(
  out: string,
  bytes: Uint8Array | readonly ZipPiece[],
  inputs: readonly string[],
  opts: { readonly force?: boolean } = {}
): void {
  checkOutput(out, inputs, opts);
  const pieces = bytes instanceof Uint8Array ? [bytes] : bytes;
  const sources = new Set<SourceFile>();
  for (const p of pieces) if (isFileRange(p)) sources.add(p.file);
  const target = resolve(out);
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`
  );
  let fd: number | null = null;
  try {
    for (const s of sources) s.verify();
    fd = openSync(temp, "wx");
    let buf: Buffer | undefined;
    for (const piece of pieces) {
      if (isFileRange(piece)) {
        piece.file.copyTo(fd, piece, (buf ??= Buffer.alloc(1 << 20)));
        continue;
      }
      let at = 0;
      while (at < piece.length) at += writeSync(fd, piece, at, piece.length - at);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, target);
  } catch (error) {
    if (fd !== null)
      try {
        closeSync(fd);
      } catch {
        // already failing: the first error is the one reported
      }
    try {
      unlinkSync(temp);
    } catch {
      // the temporary file was never created, or is already gone
    }
    if (error instanceof SourceChanged) throw fail("input_changed", out, error.file);
    if (error instanceof OutputError) throw error;
    throw fail(reasonOf((error as NodeJS.ErrnoException).code), out);
  }
}
