/**
 * One feed reply. A feed without `q` whose entries (one small Query of keys and versions) are
 * those it was last rendered from in this process is sent from memory: no article read, no
 * rendering, no hashing, for a 200 and a 304 alike. Otherwise the articles are read, the channel
 * rendered, and the bytes kept for next time.
 */
import type { Context } from 'hono';
import type { Article } from '../article.ts';
import { newestDates } from '../feed/dates.ts';
import { renderFeed } from '../feed/index.ts';
import { FEED_MEDIA_TYPES, type FeedChannel, type FeedFormat } from '../feed/model.ts';
import type { Ward } from '../registry/types.ts';
import type { Scope } from '../store/types.ts';
import type { AppContext } from './app-context.ts';
import { rawParams } from './app-context.ts';
import { feedVersion } from './feed-cache.ts';
import type { Links } from './links.ts';
import { LIMIT_DEFAULT, parseFeedParams, type FeedParams } from './params.ts';
import { readArticles } from './reader.ts';
import { CACHE_FEED, prepare, representPrepared } from './respond.ts';

export interface FeedSubject {
  key: string;
  title: string;
  description: string;
  scope: Scope;
  /** The subject's HTML page; default: the index. */
  home?: (l: Links) => string;
  feeds: (l: Links) => FeedChannel['feedUrls'];
  mergedInto?: Ward;
}

interface Rendering {
  items: Article[];
  /** Version of the data rendered, when the entries alone identify it. */
  version?: string;
}

export async function serveFeed(ctx: AppContext, c: Context, subject: FeedSubject, format: FeedFormat): Promise<Response> {
  const params = parseFeedParams(rawParams(c));
  const l = ctx.links(c);
  const reply = { contentType: FEED_MEDIA_TYPES[format], cacheControl: CACHE_FEED };
  const cacheKey = `${subject.key}\u0000${format}\u0000${params.limit}\u0000${params.q ?? ''}\u0000${l.base}`;

  let read: Rendering;
  const { store } = ctx;
  const listEntries = store.listEntries?.bind(store);
  if (params.q === undefined && listEntries && store.articlesOf) {
    const page = await ctx.feedEntries.run(`${subject.key}\u0000${params.limit}`, () => listEntries(subject.scope, { limit: params.limit }));
    const version = feedVersion(page.items);
    const hit = version !== undefined ? ctx.feedCache.get(cacheKey, version) : undefined;
    if (hit) return representPrepared(c.req.raw, { ...reply, ...hit });
    const got = await store.articlesOf(subject.scope, page.items, {});
    // A page thinned by stale entries is filled from the next one, as the general reader does.
    read = got.items.length < params.limit && page.cursor ? await readAll(ctx, subject, params) : { items: got.items, ...(got.versioned && version !== undefined ? { version } : {}) };
  } else {
    read = await readAll(ctx, subject, params);
  }

  const prepared = prepare(renderFeed(format, channelOf(subject, params, l, read.items)));
  const lastModified = newestDates(read.items).updated;
  if (read.version !== undefined) ctx.feedCache.set(cacheKey, { ...prepared, version: read.version, ...(lastModified !== undefined ? { lastModified } : {}) });
  return representPrepared(c.req.raw, { ...reply, ...prepared, lastModified });
}

async function readAll(ctx: AppContext, subject: FeedSubject, params: FeedParams): Promise<Rendering> {
  const { items } = await readArticles(ctx.store, [subject.scope], { cursorKey: ctx.cursorKey, limit: params.limit, ...(params.q ? { q: params.q } : {}) });
  return { items };
}

function channelOf(subject: FeedSubject, params: FeedParams, l: Links, items: Article[]): FeedChannel {
  // The self link names exactly this feed: its filter and size are part of it.
  const qs = new URLSearchParams();
  if (params.q) qs.set('q', params.q);
  if (params.limit !== LIMIT_DEFAULT) qs.set('limit', String(params.limit));
  const suffix = qs.size ? `?${qs}` : '';
  const base = subject.feeds(l);
  const succ = subject.mergedInto;
  return {
    key: subject.key,
    title: params.q ? `${subject.title} — tìm “${params.q}”` : subject.title,
    description: subject.description,
    feedUrls: { rss: base.rss + suffix, atom: base.atom + suffix, json: base.json + suffix },
    homeUrl: subject.home ? subject.home(l) : l.home(),
    ...(succ ? { mergedInto: { id: succ.id, name: succ.name, feedUrls: l.wardFeeds(succ.id), homeUrl: l.wardPage(succ.id) } } : {}),
    items,
  };
}
