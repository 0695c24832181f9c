/**
 * One incremental crawl of one source: listing pages newest first (page 1 conditional), only
 * articles not stored yet, a few stale ones rechecked. The crawl state moves only after the
 * articles it covers are stored, so a crash loses nothing and a rerun duplicates nothing.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Article } from '../article.ts';
import { WardfeedError, type ErrorKind } from '../errors.ts';
import { extractArticle, extractListing } from '../sites/extract.ts';
import { assignWards, sourceWardIds } from '../registry/index.ts';
import type { Registry, Source } from '../registry/types.ts';
import type { ListingItem } from '../sites/profile.ts';
import type { ArticleStore, CrawlState } from '../store/types.ts';
import { advanceWardSummaries, noteStored, type WardSummaries } from '../store/ward-summary.ts';
import { idOfUrl, toArticle, vietnamTimestamp } from './article-record.ts';
import type { Fetcher, FetchRequest, FetchStats } from './fetcher.ts';

export interface SourceReport {
  sourceId: string;
  new: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Articles whose ward could not be told (district-wide sources): reported, not stored. */
  unmatched: { url: string; reason: string }[];
  errors: Partial<Record<ErrorKind, number>>;
  requests: number;
  bytes: number;
  seconds: number;
  /** Runs in a row that yielded no listing items, as the crawl state now records it (alarm input). */
  emptyRuns?: number;
  /** Set when the run failed (a listing or an article could not be read); the first such error. */
  error?: { kind: ErrorKind; message: string; url?: string; hint?: string };
}

export interface CrawlDeps {
  registry: Registry;
  store: ArticleStore;
  fetcher: Fetcher;
  now?: () => Date;
  /** Read this many listing pages per listing URL whatever they hold (first fill of an archive). */
  backfill?: number;
  /** Recheck stored articles last checked longer ago than this (default 7 days). */
  recheckAfterMs?: number;
  /** Stored articles rechecked per run (default 5). */
  recheckLimit?: number;
  /** Listing pages read per listing URL at most when not backfilling (default 50). */
  maxPages?: number;
  log?: (line: string) => void;
}

export const DEFAULT_RECHECK_AFTER_MS = 7 * 24 * 3600_000;

/** Per-source fetch options; CA paths are relative to the registry file. */
function fetchOptions(source: Source, registry: Registry, stats: FetchStats): FetchRequest {
  const base = dirname(registry.file);
  const caCerts = source.fetch?.caCerts?.map((c) => (c.includes('-----BEGIN') || isAbsolute(c) ? c : resolve(base, c)));
  return {
    stats,
    ...(source.fetch?.delayMs !== undefined ? { delayMs: source.fetch.delayMs } : {}),
    ...(source.fetch?.timeoutMs !== undefined ? { timeoutMs: source.fetch.timeoutMs } : {}),
    ...(caCerts?.length ? { caCerts } : {}),
  };
}

function asError(e: unknown): WardfeedError {
  if (e instanceof WardfeedError) return e;
  return new WardfeedError('parse', (e as Error)?.message ?? String(e), { cause: e });
}

/** How many unmatched article ids a source's crawl state remembers. */
const MAX_REMEMBERED_UNMATCHED = 500;

export async function crawlSource(source: Source, deps: CrawlDeps): Promise<SourceReport> {
  const clock = deps.now ?? (() => new Date());
  const started = Date.now();
  const log = deps.log ?? (() => undefined);
  const stats: FetchStats = { requests: 0, bytes: 0, retries: 0 };
  const report: SourceReport = {
    sourceId: source.id, new: 0, updated: 0, unchanged: 0, removed: 0, unmatched: [], errors: {}, requests: 0, bytes: 0, seconds: 0,
  };
  const req = fetchOptions(source, deps.registry, stats);
  const { store, fetcher } = deps;
  let firstError: WardfeedError | undefined;
  const fail = (e: WardfeedError, where: string) => {
    report.errors[e.kind] = (report.errors[e.kind] ?? 0) + 1;
    firstError ??= e;
    log(`${source.id}: ${where}: [${e.kind}] ${e.message}${e.url && !where.includes(e.url) ? ` (${e.url})` : ''}`);
  };

  let state: CrawlState;
  try {
    state = (await store.getCrawlState(source.id)) ?? { sourceId: source.id, validators: {}, consecutiveFailures: 0 };
  } catch (e) {
    const err = asError(e);
    fail(err, 'crawl state');
    return finish(report, stats, started, err);
  }
  const validators = { ...state.validators };
  /** Ids handled in this run, so one article on two listing pages is fetched once. */
  const handled = new Set<string>();
  const knownUnmatched = new Set(state.unmatched ?? []);
  const newUnmatched: string[] = [];
  let itemCount: number | undefined;
  /** What this run stored, per ward: goes into the crawl state with everything else. */
  const storedByWard: WardSummaries = {};

  async function takeArticle(item: ListingItem): Promise<boolean> {
    const now = vietnamTimestamp(clock());
    try {
      const res = await fetcher.fetch(item.url, req);
      const extracted = extractArticle({ html: res.text, url: res.finalUrl, profile: source.profile });
      const { wardIds, unmatched } = assignWards(extracted, source, deps.registry);
      if (wardIds.length === 0) {
        report.unmatched.push({ url: item.url, reason: unmatched ?? 'no ward named in the title or body' });
        newUnmatched.push(idOfUrl(item.url));
        return true;
      }
      const article = toArticle({ extracted, listingUrl: item.url, item, wardIds, sourceId: source.id, now });
      const result = await store.put(article);
      report[result] += 1;
      noteStored(storedByWard, article, result === 'new');
      return true;
    } catch (e) {
      fail(asError(e), `article ${item.url}`);
      return false;
    }
  }

  // 1. Listings, newest first.
  for (const listUrl of source.listUrls) {
    let url: string | undefined = listUrl;
    let listingOk = true;
    const backfill = deps.backfill ?? 0;
    const maxPages = backfill > 0 ? backfill : (deps.maxPages ?? 50);
    for (let page = 1; url && page <= maxPages; page++) {
      const conditional = page === 1 && backfill === 0 ? state.validators[listUrl] : undefined;
      let items: ListingItem[];
      let next: string | undefined;
      try {
        const res = await fetcher.fetch(url, { ...req, ...conditional });
        if (res.notModified) break; // page 1 unchanged: nothing new on this listing
        if (page === 1) {
          validators[listUrl] = { ...(res.etag ? { etag: res.etag } : {}), ...(res.lastModified ? { lastModified: res.lastModified } : {}) };
        }
        const listing = extractListing({ html: res.text, url: res.finalUrl, profile: source.profile });
        items = listing.items;
        next = listing.nextPageUrl;
        if (page === 1) itemCount = (itemCount ?? 0) + items.length;
      } catch (e) {
        fail(asError(e), `listing ${url}`);
        listingOk = false;
        break;
      }
      const ids = items.map((it) => idOfUrl(it.url));
      let stored: Set<string>;
      try {
        stored = await store.existing([...new Set(ids)]);
      } catch (e) {
        fail(asError(e), 'store');
        listingOk = false;
        break;
      }
      let fresh = 0;
      for (let i = 0; i < items.length; i++) {
        if (stored.has(ids[i]) || handled.has(ids[i])) continue;
        if (backfill === 0 && knownUnmatched.has(ids[i])) continue; // reported on an earlier run
        handled.add(ids[i]);
        fresh++;
        if (!(await takeArticle(items[i]))) listingOk = false;
      }
      if (backfill === 0 && fresh === 0) break; // reached what earlier runs stored
      url = next;
    }
    // A listing with a failed article keeps its old validators, so the next run reads it again.
    if (!listingOk) {
      if (state.validators[listUrl]) validators[listUrl] = state.validators[listUrl];
      else delete validators[listUrl];
    }
  }

  // 2. Recheck a few stored articles not checked for a while: edits and removals.
  let rechecked = false;
  if (!firstError) {
    const recheckAfter = deps.recheckAfterMs ?? DEFAULT_RECHECK_AFTER_MS;
    const before = vietnamTimestamp(new Date(clock().getTime() - recheckAfter));
    try {
      const stale = (await store.staleArticles(source.id, before, deps.recheckLimit ?? 5)).filter((a) => !handled.has(a.id));
      rechecked = true;
      for (const stored of stale) await recheck(stored);
    } catch (e) {
      fail(asError(e), 'recheck');
    }
  }

  async function recheck(stored: Article) {
    const now = vietnamTimestamp(clock());
    try {
      const res = await fetcher.fetch(stored.url, req);
      const extracted = extractArticle({ html: res.text, url: res.finalUrl, profile: source.profile });
      const { wardIds } = assignWards(extracted, source, deps.registry);
      const article = toArticle({
        extracted, listingUrl: stored.url, wardIds: wardIds.length ? wardIds : stored.wardIds, sourceId: source.id, now, stored,
      });
      const result = await store.put(article, { touch: true });
      report[result] += 1;
      noteStored(storedByWard, article, result === 'new');
    } catch (e) {
      const err = asError(e);
      if (err.kind === 'http-status' && (err.status === 404 || err.status === 410)) {
        if (!stored.removedAt) report.removed += 1;
        await store.markRemoved(stored.id, now);
        return;
      }
      fail(err, `recheck ${stored.url}`);
    }
  }

  // 3. Only now, with every article of this run stored, does the crawl state move.
  const at = vietnamTimestamp(clock());
  const next: CrawlState = {
    ...state,
    validators,
    lastAttemptAt: at,
    ...(rechecked ? { lastRecheckAt: at } : {}),
  };
  if (newUnmatched.length > 0) {
    next.unmatched = [...new Set([...(state.unmatched ?? []), ...newUnmatched])].slice(-MAX_REMEMBERED_UNMATCHED);
  }
  if (itemCount !== undefined) {
    next.lastItemCount = itemCount;
    next.emptyRuns = itemCount === 0 ? (state.emptyRuns ?? 0) + 1 : 0;
  }
  report.emptyRuns = next.emptyRuns ?? 0;
  try {
    Object.assign(next, await advanceWardSummaries(store, state, storedByWard, sourceWardIds(source), at));
    const recount = state.articles === undefined || next.wardsSeededAt !== state.wardsSeededAt;
    next.articles = recount && store.countBySource ? await store.countBySource(source.id) : (state.articles ?? 0) + report.new;
  } catch (e) {
    // Summaries only feed the web index and status: keep the old ones rather than fail the run.
    log(`${source.id}: ward summaries: ${asError(e).message}`);
  }
  if (firstError) {
    next.consecutiveFailures = state.consecutiveFailures + 1;
    // The crawl state has no hint field: the hint rides in the message, where `status` shows it.
    const message = firstError.hint ? `${firstError.message} (hint: ${firstError.hint})` : firstError.message;
    next.lastError = { kind: firstError.kind, message, at, ...(firstError.url ? { url: firstError.url } : {}) };
  } else {
    next.consecutiveFailures = 0;
    next.lastSuccessAt = at;
  }
  try {
    await store.putCrawlState(next);
  } catch (e) {
    fail(asError(e), 'crawl state');
  }
  return finish(report, stats, started, firstError);
}

function finish(report: SourceReport, stats: FetchStats, started: number, error?: WardfeedError): SourceReport {
  report.requests = stats.requests;
  report.bytes = stats.bytes;
  report.seconds = Math.round((Date.now() - started) / 10) / 100;
  if (error) report.error = { kind: error.kind, message: error.message, ...(error.url ? { url: error.url } : {}), ...(error.hint ? { hint: error.hint } : {}) };
  return report;
}
