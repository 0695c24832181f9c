/**
 * Atom 1.0: `published` is the ward's date, `updated` moves only when the content changes.
 *
 * Written here rather than by `feed`: its Atom writer (6.0) has no extension points and cannot
 * carry `xml:lang`, link types, the `related` link of a merged ward, more than one enclosure or an
 * enclosure's real media type (it guesses `image/<extension>`), and it marks titles and summaries
 * as HTML although they are plain text.
 */
import type { Article } from '../article.ts';
import { articleUpdatedAt, instant, newestDates, rfc3339 } from './dates.ts';
import { attachmentMime, channelDescription, itemId, itemLink, itemSummary, type FeedChannel } from './model.ts';
import { cdata, element, emptyElement } from './xml.ts';

/**
 * Atom requires `updated` on the feed. An empty feed has no date of its own and the clock is
 * never read, so it says the epoch: "nothing since".
 */
const NO_DATE = 0;

export function renderAtom(ch: FeedChannel): string {
  const { updated } = newestDates(ch.items);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
    element('id', `urn:wardfeed:feed:${ch.key}`),
    element('title', ch.title),
    element('subtitle', channelDescription(ch)),
    element('updated', rfc3339(updated ?? NO_DATE)),
    emptyElement('link', { rel: 'self', type: 'application/atom+xml', href: ch.feedUrls.atom }),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: ch.homeUrl }),
  ];
  if (ch.mergedInto) {
    out.push(emptyElement('link', { rel: 'related', type: 'application/atom+xml', href: ch.mergedInto.feedUrls.atom, title: ch.mergedInto.name }));
  }
  out.push(element('generator', 'wardfeed'));
  for (const a of ch.items) out.push(renderEntry(a));
  out.push('</feed>', '');
  return out.filter((l) => l !== '').join('\n');
}

function renderEntry(a: Article): string {
  const published = instant(a.publishedAt);
  const updated = instant(articleUpdatedAt(a)) ?? published;
  const parts = ['<entry>', element('id', itemId(a)), element('title', a.title)];
  parts.push(emptyElement('link', { rel: 'alternate', type: 'text/html', href: itemLink(a) }));
  if (published !== undefined) parts.push(element('published', rfc3339(published)));
  parts.push(element('updated', rfc3339(updated ?? NO_DATE)));
  if (a.author) parts.push(`<author>${element('name', a.author)}</author>`);
  if (a.category) parts.push(emptyElement('category', { term: a.category }));
  parts.push(element('summary', itemSummary(a)));
  if (a.bodyHtml) parts.push(`<content type="html">${cdata(a.bodyHtml)}</content>`);
  for (const att of a.attachments) {
    parts.push(emptyElement('link', { rel: 'enclosure', href: att.url, type: attachmentMime(att.type), title: att.title || undefined }));
  }
  parts.push('</entry>');
  return parts.filter((p) => p !== '').join('');
}
