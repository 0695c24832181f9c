/** RSS 2.0 with content:encoded, dc:creator and atom:link. */
import type { Article } from '../article.ts';
import { articleUpdatedAt, instant, newestDates, rfc3339, rfc822 } from './dates.ts';
import { attachmentMime, channelDescription, itemId, itemLink, itemSummary, type FeedChannel } from './model.ts';
import { cdata, element, emptyElement } from './xml.ts';

export function renderRss(ch: FeedChannel): string {
  const { published, updated } = newestDates(ch.items);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    element('title', ch.title),
    element('link', ch.homeUrl),
    element('description', channelDescription(ch)),
    element('language', 'vi'),
    element('generator', 'wardfeed'),
    emptyElement('atom:link', { href: ch.feedUrls.rss, rel: 'self', type: 'application/rss+xml' }),
  ];
  if (ch.mergedInto) {
    out.push(emptyElement('atom:link', { href: ch.mergedInto.feedUrls.rss, rel: 'related', type: 'application/rss+xml', title: ch.mergedInto.name }));
  }
  // The channel's dates are its newest item's, so identical data gives identical bytes.
  if (published !== undefined) out.push(element('pubDate', rfc822(published)));
  if (updated !== undefined) out.push(element('lastBuildDate', rfc822(updated)));
  for (const a of ch.items) out.push(renderItem(a));
  out.push('</channel>', '</rss>', '');
  return out.filter((l) => l !== '').join('\n');
}

function renderItem(a: Article): string {
  const parts = ['<item>', element('title', a.title), element('link', itemLink(a))];
  parts.push(element('guid', itemId(a), { isPermaLink: 'false' }));
  const published = instant(a.publishedAt);
  if (published !== undefined) parts.push(element('pubDate', rfc822(published)));
  parts.push(element('description', itemSummary(a)));
  if (a.bodyHtml) parts.push(`<content:encoded>${cdata(a.bodyHtml)}</content:encoded>`);
  parts.push(element('dc:creator', a.author));
  parts.push(element('category', a.category));
  for (const att of a.attachments) {
    parts.push(emptyElement('enclosure', { url: att.url, length: '0', type: attachmentMime(att.type) }));
  }
  // Readers that show an edit date look for atom:updated; it moves only when the content changes.
  const updated = instant(articleUpdatedAt(a));
  if (updated !== undefined && updated !== published) parts.push(element('atom:updated', rfc3339(updated)));
  parts.push('</item>');
  return parts.filter((p) => p !== '').join('');
}
