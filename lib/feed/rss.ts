/**
 * RSS 2.0 with content:encoded, dc:creator and atom:link, written by the `feed` package. Its
 * extensions carry what it has no option for (Vietnam-time dates, several typed enclosures,
 * dc:creator, atom:updated, the link to a merged ward's successor) and replace the elements whose
 * escaping must be exact (see nodes.ts).
 */
import { Feed, type Extension } from 'feed';
import type { Article } from '../article.ts';
import { articleUpdatedAt, instant, newestDates, rfc3339, rfc822 } from './dates.ts';
import { attachmentMime, channelDescription, itemId, itemLink, itemSummary, type FeedChannel } from './model.ts';
import { cdataNode, elementNode, extension, textNode } from './nodes.ts';
import { stripXmlIllegal } from './clean.ts';

const DC_NAMESPACE = 'http://purl.org/dc/elements/1.1/';

export function renderRss(ch: FeedChannel): string {
  const { published, updated } = newestDates(ch.items);
  const feed = new Feed({
    title: stripXmlIllegal(ch.title),
    link: ch.homeUrl,
    description: stripXmlIllegal(channelDescription(ch)),
    language: 'vi',
    generator: 'wardfeed',
    feedLinks: { rss: ch.feedUrls.rss },
    // Always given: `feed` reads the clock when it is not. The element itself is written below.
    updated: new Date(updated ?? 0),
  });
  // `feed` declares the dc namespace only when some item has content:encoded.
  const dcDeclared = ch.items.some((a) => a.bodyHtml);
  for (const a of ch.items) feed.addItem(rssItem(a, dcDeclared));
  const self = elementNode({ href: ch.feedUrls.rss, rel: 'self', type: 'application/rss+xml' });
  const channel: Extension[] = [
    extension('title', textNode(ch.title)),
    extension('description', textNode(channelDescription(ch))),
    // The channel's dates are its newest item's, so identical data gives identical bytes.
    extension('lastBuildDate', updated === undefined ? [] : textNode(rfc822(updated))),
    // `feed` always adds a link to the RSS specification; the feeds never had one.
    extension('docs', []),
  ];
  if (ch.mergedInto) {
    const related = elementNode({ href: ch.mergedInto.feedUrls.rss, rel: 'related', type: 'application/rss+xml', title: ch.mergedInto.name });
    channel.push(extension('atom:link', [self, related]));
  }
  if (published !== undefined) channel.push(extension('pubDate', textNode(rfc822(published))));
  for (const e of channel) feed.addExtension(e);
  return feed.rss2();
}

function rssItem(a: Article, dcDeclared: boolean) {
  const published = instant(a.publishedAt);
  const summary = itemSummary(a);
  const extensions: Extension[] = [
    extension('title', textNode(a.title)),
    extension('pubDate', published === undefined ? [] : textNode(rfc822(published))),
  ];
  if (summary) extensions.push(extension('description', textNode(summary)));
  if (a.bodyHtml) extensions.push(extension('content:encoded', cdataNode(a.bodyHtml)));
  if (a.category) extensions.push(extension('category', textNode(a.category)));
  if (a.author) extensions.push(extension('dc:creator', textNode(a.author, dcDeclared ? undefined : { 'xmlns:dc': DC_NAMESPACE })));
  if (a.attachments.length) {
    extensions.push(extension('enclosure', a.attachments.map((att) => elementNode({ url: att.url, length: '0', type: attachmentMime(att.type) }))));
  }
  // Readers that show an edit date look for atom:updated; it moves only when the content changes.
  const updated = instant(articleUpdatedAt(a));
  if (updated !== undefined && updated !== published) extensions.push(extension('atom:updated', textNode(rfc3339(updated))));
  return {
    // `feed` writes these in the order RSS readers expect; the extensions above replace their values.
    title: stripXmlIllegal(a.title),
    link: itemLink(a),
    guid: itemId(a),
    date: new Date(published ?? 0),
    description: summary,
    content: a.bodyHtml || undefined,
    category: a.category ? [{ name: a.category }] : undefined,
    extensions,
  };
}
