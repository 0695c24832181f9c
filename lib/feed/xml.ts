/**
 * XML text helpers for the Atom and OPML writers. RSS comes from the `feed` package; its Atom
 * writer (6.x) has no extension points, so it cannot carry the links, types and enclosures the
 * Atom feeds have, and Atom stays written here (see atom.ts).
 */
import { stripXmlIllegal } from './clean.ts';

/** Escapes text for element content and attribute values (both quote kinds). */
export function escapeXml(text: string): string {
  return stripXmlIllegal(text).replace(/[&<>"']/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '&apos;',
  );
}

/**
 * HTML as a CDATA section, so the body reads as HTML in the feed source and is not escaped twice.
 * A `]]>` inside the body is split across two sections.
 */
export function cdata(text: string): string {
  return `<![CDATA[${stripXmlIllegal(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** `<name attr="…">escaped text</name>`; nothing when the value is absent or empty. */
export function element(name: string, value: string | undefined, attrs: Record<string, string | undefined> = {}): string {
  if (value === undefined || value === '') return '';
  return `<${name}${attributes(attrs)}>${escapeXml(value)}</${name}>`;
}

/** An empty element with attributes, absent attributes left out. */
export function emptyElement(name: string, attrs: Record<string, string | undefined>): string {
  return `<${name}${attributes(attrs)}/>`;
}

function attributes(attrs: Record<string, string | undefined>): string {
  let out = '';
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out += ` ${k}="${escapeXml(v)}"`;
  return out;
}
