/**
 * xml-js nodes for every XML feed: the `feed` package's extensions (RSS and Atom, see atom.ts)
 * and the OPML document serialised here. xml-js (1.6) escapes loosely: a text's "&amp;" is un-escaped
 * first (a literal "&amp;" would read back as "&"), only the first `]]>` of a CDATA section is
 * split, and attribute values get only `"` escaped. The builders below give it values on which
 * its escaping is exact, and strip what XML 1.0 forbids, so every text reads back as it was.
 */
import type { Extension } from 'feed';
import { js2xml } from 'xml-js';
import { stripXmlIllegal } from './clean.ts';

export type XmlNode = Record<string, unknown>;

/** Element text. Split after each `&`, so no piece holds "&amp;" for xml-js to un-escape. */
export function textNode(text: string, attributes?: Record<string, string>): XmlNode {
  const node: XmlNode = { _text: stripXmlIllegal(text).split(/(?<=&)/) };
  if (attributes) node._attributes = attributeValues(attributes);
  return node;
}

/** Element text when there is some; otherwise an empty list, which xml-js writes as no element. */
export function optionalTextNode(text: string | undefined): XmlNode | [] {
  return text ? textNode(text) : [];
}

/** HTML as CDATA, one section per piece so that no section holds `]]>`. */
export function cdataNode(html: string, attributes?: Record<string, string>): XmlNode {
  const node: XmlNode = { _cdata: stripXmlIllegal(html).split(/(?<=\]\])(?=>)/) };
  if (attributes) node._attributes = attributeValues(attributes);
  return node;
}

/** An element with attributes (absent ones left out) and, optionally, child elements. */
export function elementNode(attributes: Record<string, string | undefined>, children: XmlNode = {}): XmlNode {
  return { _attributes: attributeValues(attributes), ...children };
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

/** The options `feed` serialises with, so every XML format is laid out alike. */
const JS2XML_OPTIONS = { compact: true, ignoreComment: true, spaces: 4 } as const;

/**
 * A whole document: the XML declaration and one root element. Within an element, xml-js writes
 * children in key order, all elements of one name together (a list gives repeated elements).
 */
export function xmlDocument(root: string, node: XmlNode): string {
  return js2xml({ _declaration: { _attributes: { version: '1.0', encoding: 'UTF-8' } }, [root]: node }, JS2XML_OPTIONS);
}
