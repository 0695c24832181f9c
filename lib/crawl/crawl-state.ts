/**
 * How one run moves a source's crawl state: a pure function of the old state and what the run
 * did, so it is tested without a store. (Ward summaries and the article count, which need the
 * store, are merged in by the caller.)
 */
import type { ErrorKind } from '../errors.ts';
import { WardfeedError } from '../errors.ts';
import type { CrawlState, FailedItem } from '../store/types.ts';
import { safeMessage } from './safe-error.ts';

/** How many unmatched and failed item ids a source's crawl state remembers. */
export const MAX_REMEMBERED_ITEMS = 500;
/** Pending pages kept per listing URL. */
export const MAX_RESUME_PAGES = 5;

export interface RunOutcome {
  /** When the run ended (Vietnam time). */
  at: string;
  /** Validators per listing URL after the run. */
  validators: CrawlState['validators'];
  /** Listing pages still to complete, per listing URL, after the run (empty or absent: caught up). */
  resume: Record<string, string[]>;
  /** Items on the first listing pages (undefined when no listing was read). */
  itemCount?: number;
  /** Ids newly found naming none of the source's wards. */
  unmatched: string[];
  /** Items newly found failing for good. */
  failedItems: FailedItem[];
  rechecked: boolean;
  /** Feed records per listing URL after the run. */
  feeds?: CrawlState['feeds'];
  /** The family that extracted most of the run's articles (none stored: undefined, the old one stays). */
  family?: string;
  /** The run's first failure (full detail: only its kind and a safe message are kept). */
  error?: { kind: ErrorKind; message: string; url?: string; hint?: string };
}

export function emptyCrawlState(sourceId: string): CrawlState {
  return { sourceId, validators: {}, consecutiveFailures: 0 };
}

/** Failures of one item that another try will not mend: the item is remembered, the source is not failing. */
export function isPermanentItemFailure(e: WardfeedError): boolean {
  if (e.kind === 'no-article' || e.kind === 'parse') return true;
  return e.kind === 'http-status' && (e.status === 404 || e.status === 410);
}

/** Failures another delivery may mend soon: 5xx, 429, timeouts, network errors, the store. */
export function isTransient(e: { kind: ErrorKind; status?: number }): boolean {
  if (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'store') return true;
  return e.kind === 'http-status' && e.status !== undefined && (e.status >= 500 || e.status === 429);
}

const newest = <T>(items: T[]) => items.slice(-MAX_REMEMBERED_ITEMS);

export function nextCrawlState(state: CrawlState, run: RunOutcome): CrawlState {
  const next: CrawlState = {
    ...state,
    validators: run.validators,
    lastAttemptAt: run.at,
    ...(run.rechecked ? { lastRecheckAt: run.at } : {}),
  };
  const resume = Object.fromEntries(
    Object.entries(run.resume)
      .filter(([, pages]) => pages.length > 0)
      .map(([listUrl, pages]) => [listUrl, [...new Set(pages)].slice(0, MAX_RESUME_PAGES)]),
  );
  if (Object.keys(resume).length) next.resume = resume;
  else delete next.resume;
  if (run.feeds && Object.keys(run.feeds).length > 0) next.feeds = run.feeds;
  else if (run.feeds) delete next.feeds;
  if (run.family) next.family = run.family;
  if (run.unmatched.length > 0) next.unmatched = newest([...new Set([...(state.unmatched ?? []), ...run.unmatched])]);
  if (run.failedItems.length > 0) {
    const fresh = new Set(run.failedItems.map((f) => f.id));
    next.failedItems = newest([...(state.failedItems ?? []).filter((f) => !fresh.has(f.id)), ...run.failedItems]);
  }
  if (run.itemCount !== undefined) {
    next.lastItemCount = run.itemCount;
    next.emptyRuns = run.itemCount === 0 ? (state.emptyRuns ?? 0) + 1 : 0;
  }
  if (run.error) {
    next.consecutiveFailures = state.consecutiveFailures + 1;
    // No hint field in the state: the hint rides in the message, where `status` shows it.
    const message = run.error.hint ? `${run.error.message} (hint: ${run.error.hint})` : run.error.message;
    next.lastError = { kind: run.error.kind, message: safeMessage(message), at: run.at, ...(run.error.url ? { url: run.error.url } : {}) };
  } else {
    next.consecutiveFailures = 0;
    next.lastSuccessAt = run.at;
  }
  return next;
}
