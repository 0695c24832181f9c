/** One feed reply: read the subject's articles, render the channel in the format asked for. */
import type { Context } from 'hono';
import { newestDates } from '../feed/dates.ts';
import { renderFeed } from '../feed/index.ts';
import { FEED_MEDIA_TYPES, type FeedChannel, type FeedFormat } from '../feed/model.ts';
import type { Ward } from '../registry/types.ts';
import type { Scope } from '../store/types.ts';
import type { AppContext } from './app-context.ts';
import { rawParams } from './app-context.ts';
import type { Links } from './links.ts';
import { LIMIT_DEFAULT, parseFeedParams } from './params.ts';
import { readArticles } from './reader.ts';
import { CACHE_FEED, represent } from './respond.ts';

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

export async function serveFeed(ctx: AppContext, c: Context, subject: FeedSubject, format: FeedFormat): Promise<Response> {
  const params = parseFeedParams(rawParams(c));
  const l = ctx.links(c);
  const { items } = await readArticles(ctx.store, [subject.scope], { cursorKey: ctx.cursorKey, limit: params.limit, ...(params.q ? { q: params.q } : {}) });
  // The self link names exactly this feed: its filter and size are part of it.
  const qs = new URLSearchParams();
  if (params.q) qs.set('q', params.q);
  if (params.limit !== LIMIT_DEFAULT) qs.set('limit', String(params.limit));
  const suffix = qs.size ? `?${qs}` : '';
  const base = subject.feeds(l);
  const feedUrls = { rss: base.rss + suffix, atom: base.atom + suffix, json: base.json + suffix };
  const succ = subject.mergedInto;
  const channel: FeedChannel = {
    key: subject.key,
    title: params.q ? `${subject.title} — tìm “${params.q}”` : subject.title,
    description: subject.description,
    feedUrls,
    homeUrl: subject.home ? subject.home(l) : l.home(),
    ...(succ ? { mergedInto: { id: succ.id, name: succ.name, feedUrls: l.wardFeeds(succ.id), homeUrl: l.wardPage(succ.id) } } : {}),
    items,
  };
  return represent(c.req.raw, {
    body: renderFeed(format, channel),
    contentType: FEED_MEDIA_TYPES[format],
    cacheControl: CACHE_FEED,
    lastModified: newestDates(items).updated,
  });
}
