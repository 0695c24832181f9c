/**
 * Element values for the `feed` package's extension points. `feed` hands them to xml-js as they
 * are, and xml-js (1.6) escapes loosely: a text's "&amp;" is un-escaped first (a literal "&amp;"
 * would read back as "&"), only the first `]]>` of a CDATA section is split, and attribute values
 * get only `"` escaped. The builders below give it values on which its escaping is exact, and
 * strip what XML 1.0 forbids, so every text reads back as it was.
 */
import type { Extension } from 'feed';
import { stripXmlIllegal } from './clean.ts';

export type XmlNode = Record<string, unknown>;

/** Element text. Split after each `&`, so no piece holds "&amp;" for xml-js to un-escape. */
export function textNode(text: string, attributes?: Record<string, string>): XmlNode {
  const node: XmlNode = { _text: stripXmlIllegal(text).split(/(?<=&)/) };
  if (attributes) node._attributes = attributeValues(attributes);
  return node;
}

/** HTML as CDATA, one section per piece so that no section holds `]]>`. */
export function cdataNode(html: string): XmlNode {
  return { _cdata: stripXmlIllegal(html).split(/(?<=\]\])(?=>)/) };
}

/** An empty element with attributes; absent ones left out. */
export function emptyNode(attributes: Record<string, string | undefined>): XmlNode {
  return { _attributes: attributeValues(attributes) };
}

function attributeValues(attributes: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attributes)) {
    // xml-js escapes `"` itself.
    if (v !== undefined) out[k] = stripXmlIllegal(v).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  }
  return out;
}

/**
 * An extension element: replaces `feed`'s own element of that name in place, or is appended.
 * Several nodes give repeated elements; none removes `feed`'s element.
 */
export function extension(name: string, nodes: XmlNode | XmlNode[]): Extension {
  return { name, objects: nodes as XmlNode };
}
