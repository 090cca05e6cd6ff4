/**
 * A small XML reader for the manifest's cross-reference checks (elements, attributes, text).
 * Well-formedness in depth is xmllint's job; this only needs to walk a well-formed manifest.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
  /** 1-based line where the element starts, for messages. */
  readonly line: number;
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number
  ) {
    super(`line ${line}: ${message}`);
    this.name = "XmlSyntaxError";
  }
}

const ENTITIES: Readonly<Record<string, string>> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
};

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e.startsWith("#x") || e.startsWith("#X"))
      return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/** Parses an XML document into its root element. */
export function parseXml(source: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  const lineAt = (pos: number): number => source.slice(0, pos).split("\n").length;
  while (i < source.length) {
    const lt = source.indexOf("<", i);
    const textEnd = lt < 0 ? source.length : lt;
    const top = stack[stack.length - 1];
    if (top && textEnd > i) top.text += decode(source.slice(i, textEnd));
    if (lt < 0) break;
    if (source.startsWith("<!--", lt)) {
      const end = source.indexOf("-->", lt);
      if (end < 0) throw new XmlSyntaxError("unclosed comment", lineAt(lt));
      i = end + 3;
    } else if (source.startsWith("<?", lt)) {
      const end = source.indexOf("?>", lt);
      if (end < 0) throw new XmlSyntaxError("unclosed processing instruction", lineAt(lt));
      i = end + 2;
    } else if (source.startsWith("<![CDATA[", lt)) {
      const end = source.indexOf("]]>", lt);
      if (end < 0) throw new XmlSyntaxError("unclosed CDATA", lineAt(lt));
      if (top) top.text += source.slice(lt + 9, end);
      i = end + 3;
    } else if (source.startsWith("<!", lt)) {
      const end = source.indexOf(">", lt);
      i = end < 0 ? source.length : end + 1;
    } else if (source.startsWith("</", lt)) {
      const end = source.indexOf(">", lt);
      const name = source.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name) {
        throw new XmlSyntaxError(`</${name}> does not close <${open?.name ?? "?"}>`, lineAt(lt));
      }
      i = end + 1;
    } else {
      const tag = /^<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(
        source.slice(lt)
      );
      if (!tag) throw new XmlSyntaxError("malformed tag", lineAt(lt));
      const attrs: Record<string, string> = {};
      for (const a of (tag[2] ?? "").matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        attrs[a[1] ?? ""] = decode(a[2] ?? a[3] ?? "");
      }
      const el: XmlElement = {
        name: tag[1] ?? "",
        attrs,
        children: [],
        text: "",
        line: lineAt(lt),
      };
      if (top) top.children.push(el);
      else if (root) throw new XmlSyntaxError("more than one root element", el.line);
      else root = el;
      if (tag[3] !== "/") stack.push(el);
      i = lt + tag[0].length;
    }
  }
  if (stack.length > 0) {
    throw new XmlSyntaxError(`<${stack[stack.length - 1]?.name ?? ""}> is not closed`, 0);
  }
  if (!root) throw new XmlSyntaxError("no root element", 0);
  return root;
}

/** Local name without a namespace prefix ("bt:Image" → "Image"). */
export function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/** All descendants (depth first) of `el`, itself excluded. */
export function descendants(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => localName(c.name) === name);
}
