/**
 * A small pull scanner over one XML part of an .xlsx, for the sparse reader (sparse-read.ts): tags
 * one at a time (local names: a prefix such as `x:` is dropped), attributes on demand, the text
 * inside an element. It reads text as ExcelJS's XML parser (saxes) hands it over: entities and
 * character references decoded, line ends normalised to "\n" (XML 1.0 §2.11), comments skipped,
 * CDATA sections dropped (ExcelJS listens to saxes' text events only, lib/utils/parse-sax.js).
 * What saxes would reject (an unknown entity, a DOCTYPE) is a SparseUnsupported: the caller then
 * reads the file through ExcelJS, which decides. Browser-safe.
 */

/** The sparse reader cannot read this file exactly as ExcelJS would: read it through ExcelJS. */
export class SparseUnsupported extends Error {
  constructor(readonly why: string) {
    super(`sparse reader: ${why}`);
    this.name = "SparseUnsupported";
  }
}

const ENTITIES: Readonly<Record<string, string>> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
};

/** Raw XML text → the text saxes reports (entities, character references, line ends). */
export function decodeText(raw: string): string {
  let s = raw;
  if (s.includes("\r")) s = s.replace(/\r\n?/g, "\n");
  if (!s.includes("&")) return s;
  return s.replace(/&([^;&]*);|&/g, (m: string, body: string | undefined) => {
    if (body === undefined) throw new SparseUnsupported("a bare & in text");
    if (body.startsWith("#x")) {
      const n = Number.parseInt(body.slice(2), 16);
      if (!/^#x[0-9a-fA-F]+$/.test(body) || n > 0x10ffff) throw new SparseUnsupported(m);
      return String.fromCodePoint(n);
    }
    if (body.startsWith("#")) {
      const n = Number.parseInt(body.slice(1), 10);
      if (!/^#\d+$/.test(body) || n > 0x10ffff) throw new SparseUnsupported(m);
      return String.fromCodePoint(n);
    }
    const e = ENTITIES[body];
    if (e === undefined) throw new SparseUnsupported(`the entity ${m}`);
    return e;
  });
}

/** A tab or line end in `s` (what /[\t\n\r]/ finds; a loop: attribute values are read a million times). */
function hasLineOrTab(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

/** An attribute value as saxes gives it: literal tabs and line ends become spaces, then decoded. */
function decodeAttr(raw: string): string {
  return decodeText(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, " ") : raw);
}

export type TagKind = "open" | "close";

/** A text read in pieces (a worksheet part: sheet-pieces.ts), no tag or text spanning two. */
export interface Pieces {
  readonly count: number;
  piece(i: number): string;
}

/**
 * `next()` moves to the next element tag (open, self-closing open, or close) and returns false at the
 * end. After an open tag, `attr(name)` reads one attribute and `text()` the text up to the next tag.
 * Over pieces, each piece is decoded when the scanner reaches it and dropped when it leaves it.
 */
export class XmlScanner {
  private pos = 0;
  /** The piece being read (the whole text when given as one string). */
  private src: string;
  private pieceIndex = 0;
  private kind: TagKind = "open";
  private name = "";
  private empty = false;
  private attrFrom = 0;
  private attrTo = 0;
  /** The current tag's attribute text, sliced when first asked. */
  private attrs: string | undefined;

  constructor(private readonly source: string | Pieces) {
    this.src = typeof source === "string" ? source : source.count > 0 ? source.piece(0) : "";
  }

  /** On to the next piece, if any (the scanner stands at its start). */
  private nextPiece(): boolean {
    if (typeof this.source === "string" || this.pieceIndex + 1 >= this.source.count) return false;
    this.src = this.source.piece(++this.pieceIndex);
    this.pos = 0;
    return true;
  }

  /** Local name of the current tag (methods, not fields: the compiler would narrow a field across next()). */
  tag(): string {
    return this.name;
  }

  /** The current tag is a close tag. */
  closing(): boolean {
    return this.kind === "close";
  }

  /** The current open tag ends with "/>": no close tag follows. */
  selfClosing(): boolean {
    return this.empty;
  }

  next(): boolean {
    for (;;) {
      const s = this.src;
      const lt = s.indexOf("<", this.pos);
      if (lt < 0) {
        this.pos = s.length;
        if (this.nextPiece()) continue;
        return false;
      }
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 0x3f /* ? */) {
        const end = s.indexOf("?>", lt + 2);
        this.pos = end < 0 ? s.length : end + 2;
        continue;
      }
      if (c1 === 0x21 /* ! */) {
        this.pos = this.skipMarkup(lt);
        continue;
      }
      const gt = this.tagEnd(lt);
      const close = c1 === 0x2f; /* / */
      let nameFrom = close ? lt + 2 : lt + 1;
      let nameTo = nameFrom;
      let colon = -1;
      for (; nameTo < gt; nameTo++) {
        const c = s.charCodeAt(nameTo);
        if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f || c === 0x3e) break;
        if (c === 0x3a /* : */ && colon < 0) colon = nameTo;
      }
      if (colon >= 0) nameFrom = colon + 1;
      this.name = s.slice(nameFrom, nameTo);
      this.kind = close ? "close" : "open";
      this.empty = !close && s.charCodeAt(gt - 1) === 0x2f;
      this.attrFrom = nameTo;
      this.attrs = undefined;
      this.attrTo = this.empty ? gt - 1 : gt;
      this.pos = gt + 1;
      return true;
    }
  }

  /** One attribute of the current open tag, decoded; a prefixed name is asked with its prefix ("r:id"). */
  attr(name: string): string | undefined {
    // Searched within the tag only (a search past it would make a long part quadratic).
    const s = (this.attrs ??= this.src.slice(this.attrFrom, this.attrTo));
    let at = 0;
    for (;;) {
      const i = s.indexOf(name, at);
      if (i < 0) return undefined;
      at = i + name.length;
      const before = s.charCodeAt(i - 1);
      if (before !== 0x20 && before !== 0x09 && before !== 0x0a && before !== 0x0d) continue;
      let j = at;
      while (s.charCodeAt(j) === 0x20) j++;
      if (s.charCodeAt(j) !== 0x3d /* = */) continue;
      j++;
      while (s.charCodeAt(j) === 0x20) j++;
      const q = s.charCodeAt(j);
      if (q !== 0x22 && q !== 0x27) continue;
      const end = s.indexOf(q === 0x22 ? '"' : "'", j + 1);
      if (end < 0) throw new SparseUnsupported("an unterminated attribute");
      const raw = s.slice(j + 1, end);
      return raw.includes("&") || hasLineOrTab(raw) ? decodeAttr(raw) : raw;
    }
  }

  /** The current open tag's attributes as written (for a look no single attr() name covers). */
  rawTag(): string {
    return (this.attrs ??= this.src.slice(this.attrFrom, this.attrTo));
  }

  /**
   * The text from here to the next element tag (comments skipped, CDATA dropped), decoded; "" when
   * there is none. The scanner stays before that tag.
   */
  text(): string {
    const s = this.src;
    let out = "";
    for (;;) {
      const lt = s.indexOf("<", this.pos);
      const to = lt < 0 ? s.length : lt;
      if (to > this.pos) out += s.slice(this.pos, to);
      this.pos = to;
      if (lt < 0 || s.charCodeAt(lt + 1) !== 0x21) break;
      this.pos = this.skipMarkup(lt);
    }
    return out === "" ? "" : decodeText(out);
  }

  /** Skips to the close tag of the current open element (nothing inside is read). */
  skipElement(): void {
    if (this.empty) return;
    const name = this.name;
    let depth = 1;
    while (this.next()) {
      if (this.name !== name) continue;
      if (this.kind === "open") {
        if (!this.empty) depth++;
      } else if (--depth === 0) return;
    }
  }

  /** Past a comment, CDATA section or declaration starting at `lt` ("<!"). */
  private skipMarkup(lt: number): number {
    const s = this.src;
    if (s.startsWith("<!--", lt)) {
      const end = s.indexOf("-->", lt + 4);
      return end < 0 ? s.length : end + 3;
    }
    if (s.startsWith("<![CDATA[", lt)) {
      const end = s.indexOf("]]>", lt + 9);
      return end < 0 ? s.length : end + 3;
    }
    throw new SparseUnsupported("a DOCTYPE or other declaration");
  }

  /** The ">" closing the tag at `lt`, skipping quoted attribute values (a ">" may sit in one). */
  private tagEnd(lt: number): number {
    const s = this.src;
    const n = s.length;
    for (let i = lt + 1; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x3e) return i;
      if (c === 0x22 || c === 0x27) {
        const end = s.indexOf(c === 0x22 ? '"' : "'", i + 1);
        if (end < 0) throw new SparseUnsupported("an unterminated attribute");
        i = end;
      }
    }
    throw new SparseUnsupported("an unterminated tag");
  }
}

/** ExcelJS's utils.xmlDecode: a second pass over the five named entities, applied to some texts. */
export function xmlDecodeAgain(text: string): string {
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case "&lt;":
        return "<";
      case "&gt;":
        return ">";
      case "&amp;":
        return "&";
      case "&apos;":
        return "'";
      case "&quot;":
        return '"';
      default:
        return c;
    }
  });
}

/** ExcelJS's TextXform: `_x000D_`-style escapes (upper-case hex only) in shared and rich text. */
export function unescapeX(text: string): string {
  return text.includes("_x")
    ? text.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    : text;
}

/** ExcelJS's utils.parseBoolean over an attribute. */
export const parseBool = (v: string | undefined): boolean => v === "true" || v === "1";

/**
 * The same text, not sharing the memory of a longer one it was cut from: V8 keeps a slice (13
 * characters and more) as a view of its parent, so a short text kept from a sheet would keep the
 * whole sheet's text alive (52 MB for a 26 MB sheet with one character past Latin-1).
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}
