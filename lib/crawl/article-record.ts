/** From an extracted page to the Article the store keeps: ids, dates (never invented), content hash. */
import type { Article, DatePrecision, DateSource, ExtractedArticle } from '../article.ts';
import type { ListingItem } from '../sites/profile.ts';
import { articleId, canonicalizeUrl, sha256 } from '../url.ts';

/** Hash of what a reader sees change: title, body text and attachment addresses. */
export function contentHash(a: Pick<ExtractedArticle, 'title' | 'bodyText' | 'attachments'>): string {
  return sha256([a.title, a.bodyText, ...a.attachments.map((x) => x.url)].join('\n'));
}

/** An instant written in Vietnam time (`+07:00`), like every date wardfeed stores. */
export function vietnamTimestamp(d: Date): string {
  const local = new Date(d.getTime() + 7 * 3600_000);
  return local.toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

/** The id an article is stored under: from the address the listing gives (so reruns find it). */
export function idOfUrl(url: string): string {
  return articleId(canonicalizeUrl(url));
}

export interface DatedFields {
  publishedAt: string;
  datePrecision: DatePrecision;
  dateSource: DateSource;
}

/**
 * The page's own date, else the listing's, else the stored one, else first-seen: the one honest
 * fallback when nobody states a date (and `dateSource` says so).
 */
export function resolveDate(extracted: ExtractedArticle, item: Pick<ListingItem, 'publishedAt' | 'datePrecision'> | undefined, firstSeenAt: string, stored?: Article): DatedFields {
  if (extracted.publishedAt) {
    return { publishedAt: extracted.publishedAt, datePrecision: extracted.datePrecision ?? 'day', dateSource: extracted.dateSource ?? 'page' };
  }
  if (item?.publishedAt) return { publishedAt: item.publishedAt, datePrecision: item.datePrecision ?? 'day', dateSource: 'listing' };
  if (stored) return { publishedAt: stored.publishedAt, datePrecision: stored.datePrecision, dateSource: stored.dateSource };
  return { publishedAt: firstSeenAt, datePrecision: 'minute', dateSource: 'first-seen' };
}

export function toArticle(args: {
  extracted: ExtractedArticle;
  listingUrl: string;
  item?: ListingItem;
  wardIds: string[];
  sourceId: string;
  now: string;
  stored?: Article;
}): Article {
  const { extracted, stored } = args;
  const canonicalUrl = canonicalizeUrl(args.listingUrl);
  const firstSeenAt = stored?.firstSeenAt ?? args.now;
  const { publishedAt: _p, datePrecision: _dp, dateSource: _ds, ...rest } = extracted;
  return {
    ...rest,
    url: args.listingUrl,
    canonicalUrl,
    id: articleId(canonicalUrl),
    wardIds: args.wardIds,
    sourceId: args.sourceId,
    ...resolveDate(extracted, args.item, firstSeenAt, stored),
    contentHash: contentHash(extracted),
    firstSeenAt,
    lastCheckedAt: args.now,
    revisions: stored?.revisions ?? 0,
  };
}
