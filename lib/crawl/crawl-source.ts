/**
 * One incremental crawl of one source: listing pages newest first (page 1 conditional), only
 * articles not stored yet, then the pages earlier runs left unfinished (the resume point), and a
 * few stale articles rechecked. The crawl state moves only after the articles it covers are
 * stored, so a crash loses nothing and a rerun duplicates nothing.
 */
import type { Article } from '../article.ts';
import { asWardfeedError } from '../errors.ts';
import { extractArticle, extractListing } from '../sites/extract.ts';
import { assignWards, sourceWardIds } from '../registry/index.ts';
import type { Source } from '../registry/types.ts';
import type { ListingItem } from '../sites/profile.ts';
import type { CrawlState } from '../store/types.ts';
import { advanceWardSummaries } from '../store/ward-summary.ts';
import { idOfUrl, toArticle, vietnamTimestamp } from './article-record.ts';
import { emptyCrawlState, isPermanentItemFailure, nextCrawlState } from './crawl-state.ts';
import { crawlKnownFeed, discoverFeed } from './feed-listing.ts';
import type { FetchResult } from './fetcher.ts';
import { newSourceRun, type CrawlDeps, type SourceReport, type SourceRun } from './source-run.ts';

export { DEFAULT_RECHECK_AFTER_MS, type CrawlDeps, type SourceReport } from './source-run.ts';

/**
 * THE place the crawl calls the article extractor (new items and rechecks alike): options the
 * extractor gains (such as the fetch time) are passed here.
 */
function extractFetched(res: FetchResult, source: Source, fetchedAt: Date) {
  return extractArticle({ html: res.text, url: res.finalUrl, profile: source.profile, fetchedAt });
}

/**
 * Fetch -> extract -> assign wards -> put, for a new listing item or a stored article's recheck.
 * False when the item failed in a way a later run may mend (the source then counts as failing).
 */
async function storeFromUrl(run: SourceRun, url: string, from: { item?: ListingItem; stored?: Article }): Promise<boolean> {
  const { source, deps, report } = run;
  const now = vietnamTimestamp(run.clock());
  try {
    const res = await deps.fetcher.fetch(url, run.req);
    const extracted = extractFetched(res, source, run.clock());
    run.noteFamily(extracted.profile);
    const { wardIds, unmatched } = assignWards(extracted, source, deps.registry);
    if (wardIds.length === 0 && !from.stored) {
      report.unmatched.push({ url, reason: unmatched ?? 'no ward named in the title or body' });
      run.outcome.unmatched.push(idOfUrl(url));
      return true;
    }
    const article = toArticle({
      extracted, listingUrl: url, item: from.item, wardIds: wardIds.length ? wardIds : from.stored!.wardIds, sourceId: source.id, now, stored: from.stored,
    });
    const result = await deps.store.put(article, from.stored ? { touch: true } : undefined);
    report[result] += 1;
    run.noteStored(article, result === 'new');
    return true;
  } catch (e) {
    const err = asWardfeedError(e);
    if (from.stored && err.kind === 'http-status' && (err.status === 404 || err.status === 410)) {
      if (!from.stored.removedAt) report.removed += 1;
      await deps.store.markRemoved(from.stored.id, now).catch((m: unknown) => run.fail(asWardfeedError(m), `mark removed ${url}`));
      return true;
    }
    if (isPermanentItemFailure(err)) {
      run.failedForGood(url, err, now);
      return true;
    }
    run.fail(err, `${from.stored ? 'recheck' : 'article'} ${url}`);
    return false;
  }
}

type PageRead = { notModified: true } | { notModified: false; items: ListingItem[]; next?: string; res: FetchResult; profile: string };

/** One listing page, its items kept to the source's own hosts (another site's articles are not this source's). */
async function readListingPage(run: SourceRun, url: string, conditional?: CrawlState['validators'][string]): Promise<PageRead> {
  const res = await run.deps.fetcher.fetch(url, { ...run.req, ...conditional });
  if (res.notModified) return { notModified: true };
  const listing = extractListing({ html: res.text, url: res.finalUrl, profile: run.source.profile, fetchedAt: run.clock() });
  const items = listing.items.filter((it) => run.hosts.has(hostOf(it.url)));
  run.report.offHost += listing.items.length - items.length;
  return { notModified: false, items, next: listing.nextPageUrl, res, profile: listing.profile };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * Takes a page's items not stored yet; `ok` is false when one failed in a way a later run may mend,
 * `seen` counts the items taken earlier in this run, `known` those stored before it.
 * `beforeStoring` runs once, when there is something to store, before the first item is stored.
 */
async function takeItems(run: SourceRun, items: ListingItem[], beforeStoring?: (known: number) => Promise<void>): Promise<Taken> {
  const ids = items.map((it) => idOfUrl(it.url));
  const stored = await run.deps.store.existing([...new Set(ids)]);
  const fresh: ListingItem[] = [];
  let seen = 0;
  for (let i = 0; i < items.length; i++) {
    if (run.handled.has(ids[i])) seen++;
    if (stored.has(ids[i]) || run.handled.has(ids[i]) || run.skip.has(ids[i])) continue;
    run.handled.add(ids[i]);
    fresh.push(items[i]);
  }
  const known = ids.filter((id) => stored.has(id)).length;
  if (fresh.length > 0) await beforeStoring?.(known);
  let ok = true;
  for (const item of fresh) if (!(await storeFromUrl(run, item.url, { item }))) ok = false;
  return { fresh: fresh.length, ok, seen, known };
}

interface Taken {
  fresh: number;
  ok: boolean;
  seen: number;
  known: number;
}

interface Walk {
  /** The first page this walk did not complete (failed, or past the page cap). */
  pending?: string;
  failed: boolean;
  /** Pages completed, in order. */
  visited: string[];
}

/**
 * Walks a listing from `start`: `newest` from page 1 (conditional) until a page holds nothing
 * new; `resume` from a page an earlier run left, whose first page is read whatever it holds.
 */
async function walk(run: SourceRun, listUrl: string, start: string, mode: 'newest' | 'resume', afterFeed = false): Promise<Walk> {
  const backfill = run.deps.backfill ?? 0;
  const maxPages = backfill > 0 ? backfill : (run.deps.maxPages ?? 50);
  const visited: string[] = [];
  /** The first page with an item that failed: done again later, but the walk goes on meanwhile. */
  let incomplete: string | undefined;
  let url: string | undefined = start;
  /** The resume point the stored state holds for this walk (set by a checkpoint). */
  let saved: string | undefined;
  const save = async (pageUrl: string, strict = false) => {
    if (pageUrl === saved) return;
    await run.checkpoint(listUrl, pageUrl, strict);
    saved = pageUrl;
  };
  for (let page = 1; url && page <= maxPages; page++) {
    const conditional = mode === 'newest' && page === 1 && backfill === 0 ? run.state.validators[listUrl] : undefined;
    let read: PageRead;
    let taken: Taken;
    try {
      read = await readListingPage(run, url, conditional);
      if (read.notModified) return { failed: false, visited };
      // The site's own feed, when page 1 names one (or the platform has one), stands in for the pages.
      const viaFeed = mode === 'newest' && page === 1 && !afterFeed ? await discoverFeed(run, listUrl, read.res, read.profile, takeItems) : undefined;
      if (viaFeed && !viaFeed.overflowed) return { failed: !viaFeed.ok, visited };
      afterFeed ||= viaFeed !== undefined;
      if (mode === 'newest' && page === 1) run.notePageOne(listUrl, read.res, read.items.length);
      // Once page 1's new items are stored a rerun stops at page 1: so the older pages are first
      // said to be pending in the stored state (a later page is covered by the checkpoint before it).
      const next = read.next;
      const saveFirst = mode === 'newest' && page === 1 && next ? () => save(next, true) : undefined;
      taken = await takeItems(run, read.items, saveFirst);
    } catch (e) {
      run.fail(asWardfeedError(e), `listing ${url}`);
      return { pending: incomplete ?? url, failed: true, visited };
    }
    if (taken.ok) visited.push(url);
    else incomplete ??= url;
    // After a feed that overflowed, the items it brought are new too: the walk goes on past them.
    const caughtUp = backfill === 0 && taken.fresh === 0 && !(afterFeed && taken.seen > 0) && !(mode === 'resume' && page === 1);
    if (caughtUp || !read.next) return { pending: incomplete, failed: incomplete !== undefined, visited };
    url = read.next;
    // From here on the pages are not done: said in the stored state, in case the run is cut here.
    await save(incomplete ?? url);
  }
  // Cut by the page cap: a backlog the next runs go on with (a backfill reads what it was asked, no more).
  return { pending: incomplete ?? (backfill > 0 ? undefined : url), failed: incomplete !== undefined, visited };
}

/**
 * One listing URL: the newest items (from the site's own feed when one is known, else the newest
 * pages), then the pages earlier runs left unfinished.
 */
async function crawlListing(run: SourceRun, listUrl: string): Promise<void> {
  const earlier = run.resume[listUrl] ?? [];
  const viaFeed = await crawlKnownFeed(run, listUrl, takeItems);
  const newest: Walk = viaFeed && !viaFeed.overflowed ? { failed: !viaFeed.ok, visited: [] } : await walk(run, listUrl, listUrl, 'newest', viaFeed !== undefined);
  const pending = newest.pending ? [newest.pending] : [];
  run.resume[listUrl] = [...pending, ...earlier];
  for (let i = 0; i < earlier.length; i++) {
    const start = earlier[i];
    // Passed through by the newest pages already (and beyond it): done.
    if (newest.visited.includes(start) && newest.visited.at(-1) !== start) continue;
    if (newest.failed) {
      pending.push(...earlier.slice(i));
      break;
    }
    const r = await walk(run, listUrl, start, 'resume');
    if (r.pending) pending.push(r.pending);
    if (r.failed) {
      pending.push(...earlier.slice(i + 1));
      break;
    }
  }
  run.resume[listUrl] = pending;
}

/** A few stored articles not checked for a while: edits and removals. */
async function recheckStale(run: SourceRun): Promise<boolean> {
  const before = vietnamTimestamp(new Date(run.clock().getTime() - run.recheckAfterMs));
  try {
    const stale = (await run.deps.store.staleArticles(run.source.id, before, run.deps.recheckLimit ?? 5)).filter((a) => !run.handled.has(a.id));
    for (const stored of stale) await storeFromUrl(run, stored.url, { stored });
    return true;
  } catch (e) {
    run.fail(asWardfeedError(e), 'recheck');
    return false;
  }
}

/** The new state's ward summaries and article count (they need the store; kept as they were if it fails). */
async function withSummaries(run: SourceRun, next: CrawlState, at: string): Promise<CrawlState> {
  try {
    const { state, deps, source } = run;
    const summaries = await advanceWardSummaries(deps.store, state, run.storedByWard, sourceWardIds(source), at);
    const out = { ...next, ...summaries };
    const recount = state.articles === undefined || out.wardsSeededAt !== state.wardsSeededAt;
    out.articles = recount && deps.store.countBySource ? await deps.store.countBySource(source.id) : (state.articles ?? 0) + run.report.new;
    return out;
  } catch (e) {
    // Summaries only feed the web index and status: keep the old ones rather than fail the run.
    run.log(`${run.source.id}: ward summaries: ${asWardfeedError(e).message}`);
    return next;
  }
}

export async function crawlSource(source: Source, deps: CrawlDeps): Promise<SourceReport> {
  let state: CrawlState;
  const run0 = newSourceRun(source, deps, emptyCrawlState(source.id));
  try {
    state = (await deps.store.getCrawlState(source.id)) ?? emptyCrawlState(source.id);
  } catch (e) {
    run0.fail(asWardfeedError(e), 'crawl state');
    return run0.finish();
  }
  const run = newSourceRun(source, deps, state);
  for (const listUrl of source.listUrls) await crawlListing(run, listUrl);
  const rechecked = run.firstError ? false : await recheckStale(run);

  // Only now, with every article of this run stored, does the crawl state move.
  const at = vietnamTimestamp(run.clock());
  const next = await withSummaries(run, nextCrawlState(state, run.outcomeAt(at, rechecked)), at);
  run.report.emptyRuns = next.emptyRuns ?? 0;
  try {
    await deps.store.putCrawlState(next);
  } catch (e) {
    run.fail(asWardfeedError(e), 'crawl state');
  }
  return run.finish();
}
