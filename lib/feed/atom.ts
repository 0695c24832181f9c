/**
 * Atom 1.0, written by the `feed` package: `published` is the ward's date, `updated` moves only
 * when the content changes.
 *
 * feed's Atom writer (6.0) takes no extensions, and cannot carry `xml:lang`, link types, the
 * `related` link of a merged ward, more than one enclosure or an enclosure's real media type (it
 * guesses `image/<extension>`), Vietnam-time dates (it writes UTC) or plain-text titles and
 * summaries (it marks them HTML); nor is its escaping exact (nodes.ts). So the feed and its
 * entries carry extensions, as for RSS, and `completeAtom` applies them to what `atom1()` wrote.
 * Elements come in feed's order (feed: id, title, updated, generator, links, subtitle, entries;
 * entry: title, id, links, updated, summary, content, author, category, published).
 */
import { Feed, type Extension, type Item } from 'feed';
import { xml2js } from 'xml-js';
import type { Article } from '../article.ts';
import { articleUpdatedAt, instant, newestDates, rfc3339 } from './dates.ts';
import { attachmentMime, channelDescription, itemId, itemLink, itemSummary, type FeedChannel } from './model.ts';
import { cdataNode, elementNode, extension, optionalTextNode, textNode, xmlDocument, type XmlNode } from './nodes.ts';
import { stripXmlIllegal } from './clean.ts';

/**
 * Atom requires `updated` on the feed. An empty feed has no date of its own and the clock is
 * never read, so it says the epoch: "nothing since".
 */
const NO_DATE = 0;

export function renderAtom(ch: FeedChannel): string {
  const { updated } = newestDates(ch.items);
  const id = `urn:wardfeed:feed:${ch.key}`;
  const feed = new Feed({
    id: draft(id),
    title: draft(ch.title),
    description: draft(channelDescription(ch)),
    link: ch.homeUrl,
    feedLinks: { atom: ch.feedUrls.atom },
    generator: 'wardfeed',
    // Always given: `feed` reads the clock when it is not. The element itself is an extension.
    updated: new Date(updated ?? NO_DATE),
  });
  const links = [
    elementNode({ rel: 'self', type: 'application/atom+xml', href: ch.feedUrls.atom }),
    elementNode({ rel: 'alternate', type: 'text/html', href: ch.homeUrl }),
  ];
  if (ch.mergedInto) {
    links.push(elementNode({ rel: 'related', type: 'application/atom+xml', href: ch.mergedInto.feedUrls.atom, title: ch.mergedInto.name }));
  }
  feed.addExtension(extension('id', textNode(id)));
  feed.addExtension(extension('title', optionalTextNode(ch.title)));
  feed.addExtension(extension('subtitle', optionalTextNode(channelDescription(ch))));
  feed.addExtension(extension('updated', textNode(rfc3339(updated ?? NO_DATE))));
  feed.addExtension(extension('link', links));
  for (const a of ch.items) feed.addItem(atomEntry(a));
  return completeAtom(feed, { 'xml:lang': 'vi' });
}

/** One entry. Its links (the page, then each attachment) are written together, in that order. */
function atomEntry(a: Article): Item {
  const published = instant(a.publishedAt);
  const updated = instant(articleUpdatedAt(a)) ?? published ?? NO_DATE;
  const summary = itemSummary(a);
  const enclosures = a.attachments.map((att) =>
    elementNode({ rel: 'enclosure', href: att.url, type: attachmentMime(att.type), title: att.title || undefined }),
  );
  const extensions: Extension[] = [
    extension('title', optionalTextNode(a.title)),
    extension('link', [elementNode({ rel: 'alternate', type: 'text/html', href: itemLink(a) }), ...enclosures]),
    extension('updated', textNode(rfc3339(updated))),
    extension('published', published === undefined ? [] : textNode(rfc3339(published))),
    extension('summary', optionalTextNode(summary)),
    extension('content', a.bodyHtml ? cdataNode(a.bodyHtml, { type: 'html' }) : []),
    extension('author', a.author ? { name: textNode(a.author) } : []),
    extension('category', a.category ? elementNode({ term: a.category }) : []),
  ];
  // `feed` lays the entry out from these; the extensions above replace what it writes.
  return {
    title: draft(a.title),
    id: itemId(a),
    link: itemLink(a),
    date: new Date(updated),
    published: published === undefined ? undefined : new Date(published),
    description: summary && draft(summary),
    content: a.bodyHtml ? draft(a.bodyHtml) : undefined,
    author: a.author ? [{ name: draft(a.author) }] : undefined,
    category: a.category ? [{ term: draft(a.category) }] : undefined,
    extensions,
  };
}

/**
 * What `feed` is given for a text an extension rewrites. Its Atom writer splits only the first
 * `]]>` of a CDATA section and leaves `<` bare in attribute values: given as they are, such texts
 * could break its document before the extension replaces them, so both are defused.
 */
function draft(text: string): string {
  return stripXmlIllegal(text).replace(/]]>/g, ']]&gt;').replace(/</g, '&lt;');
}

/**
 * `atom1()`'s document with the extensions applied the way feed's RSS writer applies them: an
 * extension replaces feed's element of that name in place, or is appended; several nodes give
 * repeated elements, an empty list none. What stays as feed wrote it: the layout, the
 * entry ids (`urn:wardfeed:article:<hash>`) and the generator, plain ASCII that parsing and
 * re-serialising leave as they were.
 */
function completeAtom(feed: Feed, rootAttributes: Record<string, string>): string {
  const doc = xml2js(feed.atom1(), { compact: true, ignoreDeclaration: true, alwaysArray: ['entry'] }) as { feed: XmlNode };
  const root = doc.feed;
  root._attributes = { ...(root._attributes as Record<string, string>), ...rootAttributes };
  applyExtensions(root, feed.extensions);
  const entries = (root.entry ?? []) as XmlNode[];
  feed.items.forEach((item, i) => applyExtensions(entries[i], item.extensions ?? []));
  return xmlDocument('feed', root);
}

function applyExtensions(node: XmlNode, extensions: Extension[]): void {
  for (const e of extensions) node[e.name] = e.objects;
}
