/**
 * XML text helpers shared by the RSS, Atom and OPML writers. The feeds are written by hand so
 * that identical data always gives identical bytes.
 */

/**
 * Characters XML 1.0 forbids anywhere (C0 controls except tab/newline/return, U+FFFE/U+FFFF and
 * lone surrogates). Old CMS pages carry such bytes now and then; one of them would make the whole
 * feed unreadable, so they are dropped.
 */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripXmlIllegal(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

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
