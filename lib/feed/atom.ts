/**
 * Atom 1.0: `published` is the ward's date, `updated` moves only when the content changes.
 *
 * Built as an xml-js document and serialised by xml-js, the serialiser `feed` itself uses for
 * RSS, with the same options (nodes.ts). Not written by `feed`: its Atom writer (6.0) has no
 * extension points and cannot carry `xml:lang`, link types, the `related` link of a merged ward,
 * more than one enclosure or an enclosure's real media type (it guesses `image/<extension>`),
 * Vietnam-time dates (it writes UTC), and it marks titles and summaries as HTML although they are
 * plain text.
 */
import type { Article } from '../article.ts';
import { articleUpdatedAt, instant, newestDates, rfc3339 } from './dates.ts';
import { attachmentMime, channelDescription, itemId, itemLink, itemSummary, type FeedChannel } from './model.ts';
import { cdataNode, elementNode, optionalTextNode, textNode, xmlDocument, type XmlNode } from './nodes.ts';

const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';

/**
 * Atom requires `updated` on the feed. An empty feed has no date of its own and the clock is
 * never read, so it says the epoch: "nothing since".
 */
const NO_DATE = 0;

export function renderAtom(ch: FeedChannel): string {
  const { updated } = newestDates(ch.items);
  const links = [
    elementNode({ rel: 'self', type: 'application/atom+xml', href: ch.feedUrls.atom }),
    elementNode({ rel: 'alternate', type: 'text/html', href: ch.homeUrl }),
  ];
  if (ch.mergedInto) {
    links.push(elementNode({ rel: 'related', type: 'application/atom+xml', href: ch.mergedInto.feedUrls.atom, title: ch.mergedInto.name }));
  }
  return xmlDocument('feed', elementNode({ xmlns: ATOM_NAMESPACE, 'xml:lang': 'vi' }, {
    id: textNode(`urn:wardfeed:feed:${ch.key}`),
    title: optionalTextNode(ch.title),
    subtitle: optionalTextNode(channelDescription(ch)),
    updated: textNode(rfc3339(updated ?? NO_DATE)),
    link: links,
    generator: textNode('wardfeed'),
    entry: ch.items.map(entry),
  }));
}

/** One entry. Its links (the page, then each attachment) are written together, in that order. */
function entry(a: Article): XmlNode {
  const published = instant(a.publishedAt);
  const updated = instant(articleUpdatedAt(a)) ?? published;
  const enclosures = a.attachments.map((att) =>
    elementNode({ rel: 'enclosure', href: att.url, type: attachmentMime(att.type), title: att.title || undefined }),
  );
  return {
    id: textNode(itemId(a)),
    title: optionalTextNode(a.title),
    link: [elementNode({ rel: 'alternate', type: 'text/html', href: itemLink(a) }), ...enclosures],
    published: published === undefined ? [] : textNode(rfc3339(published)),
    updated: textNode(rfc3339(updated ?? NO_DATE)),
    author: a.author ? { name: textNode(a.author) } : [],
    category: a.category ? elementNode({ term: a.category }) : [],
    summary: optionalTextNode(itemSummary(a)),
    content: a.bodyHtml ? cdataNode(a.bodyHtml, { type: 'html' }) : [],
  };
}
