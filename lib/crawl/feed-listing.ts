/**
 * The site's own feed as a source's listing (the way FiveFilters turns partial feeds into full
 * ones): one conditional GET gives the new items and their dates, each new item's page is then
 * fetched for the full text as from an HTML listing. The feed is the registry's `feedUrl`, or
 * one the listing page advertises, or the platform's known feed path, remembered in the crawl
 * state. A feed that cannot be trusted (see `site-feed.ts`) gives way to the HTML listing for
 * that run, and the state says why.
 */
import { asWardfeedError } from '../errors.ts';
import type { ListingItem } from '../extract/types.ts';
import type { ListingFeedState } from '../store/types.ts';
import { vietnamTimestamp } from './article-record.ts';
import type { FetchResult } from './fetcher.ts';
import { safeMessage } from './safe-error.ts';
import { advertisedFeed, knownFeedUrl, readFeed } from './site-feed.ts';
import type { SourceRun } from './source-run.ts';

/** Takes listing items not stored yet (crawl-source's `takeItems`). */
export type TakeItems = (run: SourceRun, items: ListingItem[], beforeStoring?: (known: number) => Promise<void>) => Promise<{ ok: boolean; known: number }>;

/**
 * The feed served as the listing; `ok` is false when an item failed in a way a later run may mend.
 * `overflowed`: none of its items was stored before, on a source crawled before, so more may have
 * come than the feed holds; the HTML listing is walked too, past the feed's items.
 */
export interface FeedServed {
  ok: boolean;
  overflowed: boolean;
}

/** A listing page with no feed is looked at again for one after this long. */
export const FEED_LOOK_AGAIN_MS = 7 * 24 * 3600_000;

type Via = NonNullable<ListingFeedState['via']>;

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** The feed known for a listing URL: the registry's (first listing URL), else one found earlier. */
function knownFeed(run: SourceRun, listUrl: string): { url: string; via: Via } | undefined {
  if (run.source.feedUrl && listUrl === run.source.listUrls[0]) return { url: run.source.feedUrl, via: 'registry' };
  const found = run.feeds[listUrl];
  return found?.url ? { url: found.url, via: found.via ?? 'link' } : undefined;
}

/** A backfill reads the HTML pages it was asked for: a feed holds only the newest items. */
const backfilling = (run: SourceRun) => (run.deps.backfill ?? 0) > 0;

/**
 * Reads the feed (conditionally) and takes its new items. True when the feed served as this
 * run's listing; false when the HTML listing is to be read (the reason is in the state).
 */
async function useFeed(run: SourceRun, listUrl: string, feed: { url: string; via: Via }, conditional: boolean): Promise<{ served: boolean; reason?: string; items?: ListingItem[]; res?: FetchResult }> {
  let res: FetchResult;
  try {
    res = await run.deps.fetcher.fetch(feed.url, { ...run.req, ...(conditional ? run.state.validators[feed.url] : {}), expect: 'text' });
  } catch (e) {
    const err = asWardfeedError(e);
    // The reason lands in the crawl state, which `/api/status` shows: masked like any error there.
    return { served: false, reason: safeMessage(`[${err.kind}] ${err.message}`) };
  }
  if (res.notModified) return { served: true, items: [] };
  const read = readFeed(res.text, res.finalUrl, run.clock());
  if (!read.ok) return { served: false, reason: safeMessage(read.reason) };
  const items = read.items.filter((it) => run.hosts.has(hostOf(it.url)));
  run.report.offHost += read.items.length - items.length;
  return { served: true, items, res };
}

function record(run: SourceRun, listUrl: string, entry: Omit<ListingFeedState, 'at'>): void {
  const earlier = run.feeds[listUrl];
  run.feeds[listUrl] = { ...(earlier?.checkedAt ? { checkedAt: earlier.checkedAt } : {}), ...entry, at: vietnamTimestamp(run.clock()) };
}

/**
 * Takes the feed's items. The feed's validators go into the run's outcome, written to the store
 * only after the run (never in a checkpoint), and only when every item was taken: until then a
 * rerun reads the whole feed again and takes what is missing.
 */
async function takeFeedItems(run: SourceRun, listUrl: string, feedUrl: string, read: { items?: ListingItem[]; res?: FetchResult }, take: TakeItems): Promise<FeedServed> {
  if (!read.res || !read.items) return { ok: true, overflowed: false };
  const items = read.items;
  run.notePageOne(feedUrl, read.res, items.length);
  const overflows = (known: number) => run.state.lastSuccessAt !== undefined && items.length > 0 && known === 0;
  // Once stored, these items would be known to a rerun, which would then see no overflow: so the
  // listing's first page is said to be pending in the stored state before any is stored.
  const taken = await take(run, items, async (known) => (overflows(known) ? run.holdListing(listUrl) : undefined));
  if (!taken.ok) delete run.outcome.validators[feedUrl];
  return { ok: taken.ok, overflowed: overflows(taken.known) };
}

/**
 * Before the HTML listing: when a feed is known for `listUrl`, read it as the listing. Undefined
 * when it did not serve (the HTML listing is read instead).
 */
export async function crawlKnownFeed(run: SourceRun, listUrl: string, take: TakeItems): Promise<FeedServed | undefined> {
  const feed = knownFeed(run, listUrl);
  if (!feed || backfilling(run)) return undefined;
  const read = await useFeed(run, listUrl, feed, true);
  if (!read.served) {
    run.log(`${run.source.id}: feed ${feed.url}: ${read.reason}; reading the HTML listing`);
    record(run, listUrl, { url: feed.url, via: feed.via, listingSource: 'html', reason: `feed not used: ${read.reason}` });
    return undefined;
  }
  const served = await takeFeedItems(run, listUrl, feed.url, read, take);
  record(run, listUrl, { url: feed.url, via: feed.via, listingSource: 'feed' });
  return served;
}

/**
 * On page 1 of an HTML listing with no feed known: the feed the page advertises, else the
 * platform's known path, tried at once. Defined when it served in place of the page (its items
 * taken); the feed is remembered either way, so later runs go straight to it.
 */
export async function discoverFeed(run: SourceRun, listUrl: string, page: FetchResult, profile: string, take: TakeItems): Promise<FeedServed | undefined> {
  if (backfilling(run) || knownFeed(run, listUrl)) return undefined;
  const last = run.feeds[listUrl]?.checkedAt;
  if (last && run.clock().getTime() - Date.parse(last) < FEED_LOOK_AGAIN_MS) return undefined;
  const checkedAt = vietnamTimestamp(run.clock());
  const advertised = advertisedFeed(page.text, page.finalUrl);
  const candidate: { url: string; via: Via } | undefined = advertised && run.hosts.has(hostOf(advertised))
    ? { url: advertised, via: 'link' }
    : (() => {
        const known = knownFeedUrl(profile, listUrl);
        return known ? { url: known, via: 'known-path' as const } : undefined;
      })();
  if (!candidate) {
    run.feeds[listUrl] = { listingSource: 'html', reason: 'no feed found', checkedAt, at: checkedAt };
    return undefined;
  }
  const read = await useFeed(run, listUrl, candidate, false);
  if (!read.served) {
    // An advertised feed is tried again next run; a guessed path that failed is not.
    const keep = candidate.via === 'link' ? { url: candidate.url, via: candidate.via } : {};
    run.feeds[listUrl] = { ...keep, listingSource: 'html', reason: `feed ${candidate.url} not used: ${read.reason}`, checkedAt, at: checkedAt };
    return undefined;
  }
  const served = await takeFeedItems(run, listUrl, candidate.url, read, take);
  run.feeds[listUrl] = { url: candidate.url, via: candidate.via, listingSource: 'feed', checkedAt, at: checkedAt };
  return served;
}
