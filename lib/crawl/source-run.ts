/**
 * What one crawl of one source carries from step to step: its report, its fetch options, what it
 * has stored and found, the resume points as they stand, and the checkpoint that saves them.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Article } from '../article.ts';
import { asWardfeedError, type ErrorKind, type WardfeedError } from '../errors.ts';
import type { Registry, Source } from '../registry/types.ts';
import type { ArticleStore, CrawlState, ListingFeedState } from '../store/types.ts';
import { noteStored, type WardSummaries } from '../store/ward-summary.ts';
import { idOfUrl } from './article-record.ts';
import type { RunOutcome } from './crawl-state.ts';
import type { Fetcher, FetchRequest, FetchResult, FetchStats } from './fetcher.ts';
import { sourceHosts } from './source-hosts.ts';

export interface SourceReport {
  sourceId: string;
  new: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Articles whose ward could not be told (district-wide sources): reported, not stored. */
  unmatched: { url: string; reason: string }[];
  /** Items that failed for good (404/410, no article, unreadable): reported, remembered, not a source failure. */
  failedItems: { url: string; kind: ErrorKind; status?: number }[];
  /** Listing items on another host than the source's own: dropped. */
  offHost: number;
  errors: Partial<Record<ErrorKind, number>>;
  requests: number;
  bytes: number;
  seconds: number;
  /** Runs in a row that yielded no listing items, as the crawl state now records it (alarm input). */
  emptyRuns?: number;
  /** How the first listing URL was read: the site's own feed, or the HTML listing (and why). */
  listing?: { source: 'feed' | 'html'; feedUrl?: string; reason?: string };
  /** The family (profile) that extracted most of this run's articles: what `auto` chose. */
  family?: string;
  /** Set when the run failed (a listing or an article could not be read); the first such error. */
  error?: { kind: ErrorKind; message: string; url?: string; hint?: string; status?: number };
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


export function emptyReport(sourceId: string): SourceReport {
  return { sourceId, new: 0, updated: 0, unchanged: 0, removed: 0, unmatched: [], failedItems: [], offHost: 0, errors: {}, requests: 0, bytes: 0, seconds: 0 };
}

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

export type SourceRun = ReturnType<typeof newSourceRun>;

export function newSourceRun(source: Source, deps: CrawlDeps, state: CrawlState) {
  const started = Date.now();
  const stats: FetchStats = { requests: 0, bytes: 0, retries: 0 };
  const report = emptyReport(source.id);
  const log = deps.log ?? (() => undefined);
  const backfilling = (deps.backfill ?? 0) > 0;
  const storedByWard: WardSummaries = {};
  const outcome: Omit<RunOutcome, 'at' | 'rechecked' | 'resume'> = { validators: { ...state.validators }, unmatched: [], failedItems: [] };
  /** Resume points per listing URL as they stand now (only the source's current listing URLs). */
  const resume: Record<string, string[]> = Object.fromEntries(source.listUrls.map((u) => [u, [...(state.resume?.[u] ?? [])]]));
  let firstError: WardfeedError | undefined;
  /** Feed records of the source's current listing URLs (a removed listing's record is dropped). */
  const feeds: Record<string, ListingFeedState> = Object.fromEntries(source.listUrls.flatMap((u) => (state.feeds?.[u] ? [[u, state.feeds[u]]] : [])));
  const families = new Map<string, number>();

  const run = {
    source, deps, state, report, resume, outcome, storedByWard, log,
    clock: deps.now ?? (() => new Date()),
    req: fetchOptions(source, deps.registry, stats),
    hosts: sourceHosts(source),
    recheckAfterMs: deps.recheckAfterMs ?? DEFAULT_RECHECK_AFTER_MS,
    /** Ids handled in this run, so one article on two listing pages is fetched once. */
    handled: new Set<string>(),
    /** Ids reported on earlier runs (unmatched, failed for good): not fetched again, but by a backfill. */
    skip: new Set(backfilling ? [] : [...(state.unmatched ?? []), ...(state.failedItems ?? []).map((f) => f.id)]),
    get firstError() {
      return firstError;
    },
    fail(e: WardfeedError, where: string) {
      report.errors[e.kind] = (report.errors[e.kind] ?? 0) + 1;
      firstError ??= e;
      log(`${source.id}: ${where}: [${e.kind}] ${e.message}${e.url && !where.includes(e.url) ? ` (${e.url})` : ''}`);
    },
    failedForGood(url: string, e: WardfeedError, at: string) {
      const status = e.kind === 'http-status' && e.status ? { status: e.status } : {};
      report.failedItems.push({ url, kind: e.kind, ...status });
      outcome.failedItems.push({ id: idOfUrl(url), url, kind: e.kind, ...status, at });
      log(`${source.id}: article ${url}: [${e.kind}] ${e.message} (remembered, not fetched again)`);
    },
    noteStored(article: Article, isNew: boolean) {
      noteStored(storedByWard, article, isNew);
    },
    feeds,
    /** An article was extracted by this family. */
    noteFamily(name: string) {
      families.set(name, (families.get(name) ?? 0) + 1);
    },
    /** The family that extracted most of this run's articles (ties: the name first in order). */
    family(): string | undefined {
      return [...families.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
    },
    /** Page 1 of a listing was read: its validators and item count. */
    notePageOne(listUrl: string, res: FetchResult, items: number) {
      outcome.validators[listUrl] = { ...(res.etag ? { etag: res.etag } : {}), ...(res.lastModified ? { lastModified: res.lastModified } : {}) };
      outcome.itemCount = (outcome.itemCount ?? 0) + items;
    },
    /**
     * Saves "the pages from `pageUrl` on are not done" in the stored state, the rest of it as the
     * run found it: validators and the rest move only once what they cover is stored. `strict`:
     * a failed write throws (what follows relies on it), else it is logged.
     */
    async checkpoint(listUrl: string, pageUrl: string, strict = false) {
      const pending = { ...resume, [listUrl]: [...new Set([pageUrl, ...(resume[listUrl] ?? [])])] };
      try {
        await deps.store.putCrawlState({ ...state, resume: pending });
      } catch (e) {
        if (strict) throw e;
        log(`${source.id}: checkpoint: ${asWardfeedError(e).message}`);
      }
    },
    /**
     * Saves "the listing from its first page on is not done", and keeps saying so in later
     * checkpoints of this run (the run's end sets the listing's pending pages anew). Throws when
     * the write fails: what follows relies on it.
     */
    async holdListing(listUrl: string) {
      resume[listUrl] = [listUrl, ...(resume[listUrl] ?? []).filter((u) => u !== listUrl)];
      await run.checkpoint(listUrl, listUrl, true);
    },
    outcomeAt(at: string, rechecked: boolean): RunOutcome {
      const e = firstError;
      return {
        ...outcome, at, rechecked, resume, feeds, family: run.family(),
        ...(e ? { error: { kind: e.kind, message: e.message, ...(e.url ? { url: e.url } : {}), ...(e.hint ? { hint: e.hint } : {}) } } : {}),
      };
    },
    finish(): SourceReport {
      report.requests = stats.requests;
      report.bytes = stats.bytes;
      report.seconds = Math.round((Date.now() - started) / 10) / 100;
      report.family = run.family() ?? state.family;
      const first = feeds[source.listUrls[0]];
      if (first) report.listing = { source: first.listingSource, ...(first.url ? { feedUrl: first.url } : {}), ...(first.reason ? { reason: first.reason } : {}) };
      const e = firstError;
      if (e) report.error = { kind: e.kind, message: e.message, ...(e.url ? { url: e.url } : {}), ...(e.hint ? { hint: e.hint } : {}), ...(e.status ? { status: e.status } : {}) };
      return report;
    },
  };
  return run;
}
