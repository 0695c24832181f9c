/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1), with a `_wardfeed` extension. */
import type { Article } from '../article.ts';
import { articleUpdatedAt, instant, rfc3339 } from './dates.ts';
import { attachmentMime, channelDescription, itemId, itemLink, itemSummary, type FeedChannel } from './model.ts';
import { stripXmlIllegal } from './clean.ts';

export function renderJsonFeed(ch: FeedChannel): string {
  // Objects are built in a fixed key order, so the bytes depend on the data alone.
  const feed: Record<string, unknown> = {
    version: 'https://jsonfeed.org/version/1.1',
    title: ch.title,
    home_page_url: ch.homeUrl,
    feed_url: ch.feedUrls.json,
    description: channelDescription(ch),
    language: 'vi',
  };
  if (ch.mergedInto) {
    feed._wardfeed = {
      about: 'https://github.com/wardfeed/wardfeed',
      mergedInto: { id: ch.mergedInto.id, name: ch.mergedInto.name, feed_url: ch.mergedInto.feedUrls.json, home_page_url: ch.mergedInto.homeUrl },
    };
  }
  feed.items = ch.items.map(renderItem);
  // Control characters are legal in JSON strings but not in what readers turn them into (XML, HTML).
  return `${JSON.stringify(feed, cleanStrings, 2)}\n`;
}

function cleanStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? stripXmlIllegal(value) : value;
}

function renderItem(a: Article): Record<string, unknown> {
  const item: Record<string, unknown> = { id: itemId(a), url: itemLink(a), title: a.title };
  if (a.bodyHtml) item.content_html = a.bodyHtml;
  else item.content_text = a.bodyText;
  const summary = itemSummary(a);
  if (summary) item.summary = summary;
  if (a.images[0]) item.image = a.images[0].src;
  const published = instant(a.publishedAt);
  if (published !== undefined) item.date_published = rfc3339(published);
  const updated = instant(articleUpdatedAt(a));
  if (updated !== undefined) item.date_modified = rfc3339(updated);
  if (a.author) item.authors = [{ name: a.author }];
  if (a.category) item.tags = [a.category];
  item.language = 'vi';
  if (a.attachments.length) {
    item.attachments = a.attachments.map((att) => ({ url: att.url, mime_type: attachmentMime(att.type), ...(att.title ? { title: att.title } : {}) }));
  }
  item._wardfeed = { articleId: a.id, wardIds: a.wardIds, sourceId: a.sourceId, dateSource: a.dateSource, datePrecision: a.datePrecision, revisions: a.revisions };
  return item;
}
