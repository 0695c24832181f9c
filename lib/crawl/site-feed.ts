/**
 * A site's own RSS 2.0 or Atom feed read as a listing: its items (address, title, date), or the
 * reason it cannot be trusted as one (broken, truncated, empty, dates in the future or at "now"),
 * in which case the crawl reads the HTML listing instead. Pure: no fetch, no store.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { loadHtml } from '../extract/parse-html.ts';
import type { ListingItem } from '../extract/types.ts';
import { vietnamTimestamp } from './article-record.ts';

/** Items read from one feed at most (a feed is the newest news, not an archive). */
export const MAX_FEED_ITEMS = 200;
const MAX_TITLE = 500;
const MAX_URL = 2000;
/** A date later than the fetch time by more than this is a wrong date, not news. */
const FUTURE_SLACK_MS = 24 * 3600_000;
/** A date this close to the fetch time is the generator's clock ("now"), not the article's date. */
const NOW_SLACK_MS = 60_000;

export type FeedRead = { ok: true; items: ListingItem[] } | { ok: false; reason: string };

/** Where each platform publishes its news feed, for a listing on that platform. */
const KNOWN_FEED_PATHS: Record<string, string> = { nukeviet: '/vi/news/rss/', wordpress: '/feed/' };

export function knownFeedUrl(profile: string, listUrl: string): string | undefined {
  const path = KNOWN_FEED_PATHS[profile];
  return path ? new URL(path, listUrl).href : undefined;
}

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml']);

/**
 * The feed a listing page advertises (`<link rel="alternate" type="application/rss+xml|atom+xml">`):
 * the one sharing most path segments with the listing (a category's own feed before the site's).
 */
export function advertisedFeed(html: string, pageUrl: string): string | undefined {
  const $ = loadHtml(html);
  const listSegments = new Set(new URL(pageUrl).pathname.split('/').filter(Boolean));
  let best: { url: string; score: number } | undefined;
  $('link[rel~="alternate"][href]').each((_, el) => {
    const type = ($(el).attr('type') ?? '').trim().toLowerCase();
    if (!FEED_TYPES.has(type)) return;
    let url: URL;
    try {
      url = new URL($(el).attr('href')!, pageUrl);
    } catch {
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
    const score = url.pathname.split('/').filter((s) => listSegments.has(s)).length;
    if (!best || score > best.score) best = { url: url.href, score };
  });
  return best?.url;
}

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };
const RFC822 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|GMT|UTC|UT|Z)$/;
const ISO8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

function offsetMs(zone: string): number {
  if (!/^[+-]/.test(zone)) return 0;
  const digits = zone.replace(':', '');
  const sign = digits[0] === '-' ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
}

/**
 * A feed date as an instant: RFC 822 (RSS) or ISO 8601 (Atom). A date without a time zone, or
 * not one of these forms, is no date (the article page's own date is used then).
 */
export function feedDate(text: string): { at: number; precision: 'minute' | 'day' } | undefined {
  const s = text.trim();
  if (s.length > 64) return undefined;
  const r = RFC822.exec(s);
  if (r) {
    const month = MONTHS[r[2].toLowerCase()];
    if (month === undefined) return undefined;
    const utc = Date.UTC(Number(r[3]), month, Number(r[1]), Number(r[4]), Number(r[5]), Number(r[6] ?? 0));
    return valid(utc - offsetMs(r[7]), 'minute');
  }
  const i = ISO8601.exec(s);
  if (!i) return undefined;
  // A date alone is a calendar day in Vietnam; a time needs its zone.
  if (i[4] === undefined) return valid(Date.UTC(Number(i[1]), Number(i[2]) - 1, Number(i[3])) - 7 * 3600_000, 'day');
  const utc = Date.UTC(Number(i[1]), Number(i[2]) - 1, Number(i[3]), Number(i[4]), Number(i[5]), Number(i[6] ?? 0));
  return valid(utc - offsetMs(i[7]), 'minute');
}

function valid(at: number, precision: 'minute' | 'day') {
  return Number.isFinite(at) ? { at, precision } : undefined;
}

type Node = Record<string, unknown> | string | undefined;

/** The text of an element as the parser gives it (a string, or an object with `#text`). */
function textOf(node: unknown): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (node && typeof node === 'object' && '#text' in node) return String((node as Record<string, unknown>)['#text']);
  return '';
}

const plain = (s: string, max: number) => s.slice(0, max * 4).replace(/<[^<>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max);

/** An Atom entry's address: its `alternate` link (or a link with no rel). */
function atomLink(links: unknown): string {
  const list = Array.isArray(links) ? (links as Record<string, string>[]) : [];
  const link = list.find((l) => (l['@_rel'] ?? 'alternate') === 'alternate') ?? list[0];
  return link?.['@_href'] ?? '';
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

interface RawItem {
  url: string;
  title: string;
  date: string;
}

function rawItems(doc: Record<string, unknown>): RawItem[] | string {
  const rss = doc.rss as Record<string, Node> | undefined;
  if (rss && typeof rss === 'object') {
    const channel = rss.channel as Record<string, unknown> | undefined;
    const items = (channel?.item as Record<string, unknown>[] | undefined) ?? [];
    return items.slice(0, MAX_FEED_ITEMS).map((it) => ({
      // RSS `link` is text; the parser was told links are arrays (for Atom).
      url: textOf(Array.isArray(it.link) ? it.link[0] : it.link) || (isPermaLink(it.guid) ? textOf(it.guid) : ''),
      title: textOf(it.title),
      date: textOf(it.pubDate) || textOf(it.date),
    }));
  }
  const feed = doc.feed as Record<string, unknown> | undefined;
  if (feed && typeof feed === 'object') {
    const entries = (feed.entry as Record<string, unknown>[] | undefined) ?? [];
    return entries.slice(0, MAX_FEED_ITEMS).map((e) => ({
      url: atomLink(e.link),
      title: textOf(e.title),
      date: textOf(e.published) || textOf(e.updated),
    }));
  }
  return 'not an RSS or Atom feed';
}

function isPermaLink(guid: unknown): boolean {
  return typeof guid === 'string' || (typeof guid === 'object' && guid !== null && (guid as Record<string, string>)['@_isPermaLink'] !== 'false');
}

/**
 * Reads a feed fetched at `fetchedAt` from `feedUrl`. Items keep the feed's order; relative
 * addresses resolve against the feed. Any item dated in the future or at the fetch time makes
 * the whole feed untrusted: a generator that lies about one date lies about the others.
 */
export function readFeed(xml: string, feedUrl: string, fetchedAt: Date): FeedRead {
  // Entity declarations are refused: expanding them is how an XML body costs more than its size.
  if (/<!ENTITY/i.test(xml)) return { ok: false, reason: 'broken: the feed declares XML entities' };
  const check = XMLValidator.validate(xml);
  if (check !== true) {
    // A body cut short ends before its root element closes.
    const unclosed = !/<\/(?:rss|feed)>\s*$/.test(xml.slice(-64));
    return { ok: false, reason: `${unclosed ? 'truncated' : 'broken'}: ${check.err.msg} (line ${check.err.line})` };
  }
  const raw = rawItems(parser.parse(xml) as Record<string, unknown>);
  if (typeof raw === 'string') return { ok: false, reason: `broken: ${raw}` };
  if (raw.length === 0) return { ok: false, reason: 'the feed has no items' };
  const now = fetchedAt.getTime();
  const items: ListingItem[] = [];
  for (const r of raw) {
    let url: string;
    try {
      url = new URL(r.url.trim().slice(0, MAX_URL), feedUrl).href;
    } catch {
      continue;
    }
    if (!/^https?:$/.test(new URL(url).protocol)) continue;
    const item: ListingItem = { url, title: plain(r.title, MAX_TITLE) };
    const date = r.date ? feedDate(r.date) : undefined;
    if (date) {
      if (date.at > now + FUTURE_SLACK_MS) return { ok: false, reason: `dates an item in the future (${r.date.trim()})` };
      if (date.precision === 'minute' && Math.abs(date.at - now) <= NOW_SLACK_MS) return { ok: false, reason: `dates an item at the fetch time (${r.date.trim()})` };
      Object.assign(item, { publishedAt: vietnamTimestamp(new Date(date.at)), datePrecision: date.precision, dateSource: 'listing' });
    }
    items.push(item);
  }
  if (items.length === 0) return { ok: false, reason: 'the feed has no item with an address' };
  return { ok: true, items };
}
