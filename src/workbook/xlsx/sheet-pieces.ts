/**
 * A worksheet part's text in pieces, each decoded from the part's bytes only when read: the
 * inspection (inspect.ts) and the sparse reader (sparse-sheet.ts) go through a 26 MB sheet one
 * piece at a time instead of holding its whole text. That text was 52 MB, not 26: V8 keeps a string
 * one byte a character only while every character is Latin-1, and one Vietnamese letter anywhere
 * in the part (a data validation's prompt, past the cells) made the whole sheet two bytes a
 * character. Each piece is its own string: the cells' pieces stay one byte a character.
 *
 * Pieces are cut only before a `<row` tag inside `<sheetData>` whose previous non-blank byte is
 * ">" (the end of the tag before it): no tag, attribute value or element text spans two pieces,
 * so scanning the pieces in order reads what scanning the whole text reads. A comment or CDATA
 * section could hide a "<row" in its text: a part holding "<!" anywhere is one piece. Browser-safe.
 */
import type { Pieces } from "./sparse-xml";

/** Bytes a piece holds at least (then up to the next row): decoded strings stay short-lived. */
const PIECE_BYTES = 1 << 20;

const te = new TextDecoder("utf-8");
/** Past the first piece a byte order mark is text, not a mark (never the case: a piece starts with "<"). */
const keepBom = new TextDecoder("utf-8", { ignoreBOM: true });

/** A worksheet part's text as pieces of its bytes (some pieces possibly changed). */
export class SheetPieces implements Pieces {
  private constructor(
    private readonly bytes: Uint8Array,
    /** Byte offset where each piece starts (the first is 0), ascending. */
    private readonly starts: readonly number[],
    /** Pieces whose text was changed (a block taken out), by index. */
    private readonly changed: ReadonlyMap<number, string>
  ) {}

  /** The part cut before the rows at about every `pieceBytes` bytes (one piece: see the top). */
  static of(bytes: Uint8Array, pieceBytes: number = PIECE_BYTES): SheetPieces {
    return new SheetPieces(bytes, cutPoints(bytes, pieceBytes), new Map());
  }

  get count(): number {
    return this.starts.length;
  }

  /** The text of piece `i`, decoded now (the caller drops it once read). */
  piece(i: number): string {
    const c = this.changed.get(i);
    if (c !== undefined) return c;
    const from = this.starts[i] ?? this.bytes.length;
    const to = this.starts[i + 1] ?? this.bytes.length;
    return (i === 0 ? te : keepBom).decode(this.bytes.subarray(from, to));
  }

  /** The same pieces with piece `i`'s text replaced. */
  with(i: number, text: string): SheetPieces {
    return new SheetPieces(this.bytes, this.starts, new Map([...this.changed, [i, text]]));
  }

  /** The whole text (for ExcelJS's copy and for tests: this is the memory the pieces save). */
  text(): string {
    let out = "";
    for (let i = 0; i < this.count; i++) out += this.piece(i);
    return out;
  }

  /** Whether the text holds `ascii` (an ASCII word is the same bytes in UTF-8: no decoding). */
  includesAscii(ascii: string): boolean {
    if (this.changed.size > 0) {
      for (let i = 0; i < this.count; i++) if (this.piece(i).includes(ascii)) return true;
      return false;
    }
    return indexOfAscii(this.bytes, ascii, 0) >= 0;
  }
}

/** The first byte offset ≥ `from` where the ASCII text `word` sits in `bytes`, or -1. */
function indexOfAscii(bytes: Uint8Array, word: string, from: number): number {
  const first = word.charCodeAt(0);
  const n = word.length;
  for (let i = bytes.indexOf(first, from); i >= 0; i = bytes.indexOf(first, i + 1)) {
    let k = 1;
    while (k < n && bytes[i + k] === word.charCodeAt(k)) k++;
    if (k === n) return i;
  }
  return -1;
}

/** The last byte offset where the ASCII text `word` sits in `bytes`, or -1. */
function lastIndexOfAscii(bytes: Uint8Array, word: string): number {
  const first = word.charCodeAt(0);
  const n = word.length;
  for (
    let i = bytes.lastIndexOf(first);
    i >= 0;
    i = i === 0 ? -1 : bytes.lastIndexOf(first, i - 1)
  ) {
    let k = 1;
    while (k < n && bytes[i + k] === word.charCodeAt(k)) k++;
    if (k === n) return i;
  }
  return -1;
}

const isBlank = (c: number | undefined): boolean =>
  c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** A byte that may sit in a namespace prefix (`x` of `<x:row`). */
const isNameByte = (c: number | undefined): boolean =>
  c !== undefined &&
  ((c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c === 0x2d ||
    c === 0x2e);

/** Whether a `<row` (or `<prefix:row`) tag starts at `lt`. */
function isRowTag(bytes: Uint8Array, lt: number): boolean {
  let i = lt + 1;
  if (bytes[i] !== 0x72 /* r */) {
    while (isNameByte(bytes[i])) i++;
    if (i === lt + 1 || bytes[i] !== 0x3a /* : */) return false;
    i++;
  }
  if (bytes[i] !== 0x72 || bytes[i + 1] !== 0x6f || bytes[i + 2] !== 0x77) return false;
  const after = bytes[i + 3];
  return isBlank(after) || after === 0x3e /* > */ || after === 0x2f; /* / */
}

/** Where pieces start: 0, then before a row tag past every `pieceBytes` bytes (see the top). */
function cutPoints(bytes: Uint8Array, pieceBytes: number): number[] {
  const starts = [0];
  if (bytes.length <= pieceBytes || indexOfAscii(bytes, "<!", 0) >= 0) return starts;
  const open = indexOfAscii(bytes, "sheetData", 0);
  const close = lastIndexOfAscii(bytes, "sheetData");
  if (open < 0 || close <= open) return starts;
  for (let target = open + pieceBytes; target < close;) {
    let cut = -1;
    for (
      let lt = bytes.indexOf(0x3c, target);
      lt >= 0 && lt < close;
      lt = bytes.indexOf(0x3c, lt + 1)
    )
      if (isRowTag(bytes, lt)) {
        let p = lt - 1;
        while (p > 0 && isBlank(bytes[p])) p--;
        if (bytes[p] === 0x3e) {
          cut = lt;
          break;
        }
      }
    if (cut < 0) break;
    starts.push(cut);
    target = cut + pieceBytes;
  }
  return starts;
}
