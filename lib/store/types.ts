import type { Article } from '../article.ts';
import type { ErrorKind } from '../errors.ts';

/** Per-source crawl state; advanced only after the articles it covers are stored. */
export interface CrawlState {
  sourceId: string;
  /** Conditional-request validators per listing URL. */
  validators: Record<string, { etag?: string; lastModified?: string }>;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  consecutiveFailures: number;
  lastError?: { kind: ErrorKind; message: string; at: string; url?: string };
  /** Items seen on the last successful crawl (alarm: a source that suddenly yields none). */
  lastItemCount?: number;
  /**
   * Articles stored from this source: counted from the store when the ward summaries are
   * recounted, plus what each run stored since. `/api/status` reads it instead of counting.
   */
  articles?: number;
  /** Runs in a row that yielded no listing items. */
  emptyRuns?: number;
  /** Last full recheck pass of stored articles. */
  lastRecheckAt?: string;
  /**
   * Ids of articles that named none of a district-wide source's wards: reported once, not
   * fetched again on every run (a backfill looks at them again). Bounded to the newest 500.
   */
  unmatched?: string[];
  /**
   * Per ward of the source: the newest `publishedAt` stored so far and how many articles were
   * stored, so the web index needs no read per ward. Kept up by each run from what it stored
   * (see `ward-summary.ts`); a removal does not decrement it.
   */
  wards?: Record<string, WardSummary>;
  /** When `wards` was last recounted from the store (it is, once a day, so drift heals). */
  wardsSeededAt?: string;
  /**
   * Listing pages not yet completed, per listing URL: an older page that failed, or a backlog cut
   * short (page cap, a crawl killed by its timeout). The next runs read from there until caught up.
   */
  resume?: Record<string, string[]>;
  /**
   * Items that failed for good (404/410, no article on the page, unreadable page): reported once,
   * not fetched again on every run (a backfill looks at them again). Bounded to the newest 500.
   */
  failedItems?: FailedItem[];
  /** Per listing URL: the site's own feed standing in for it, and what the last run read (see `lib/crawl/feed-listing.ts`). */
  feeds?: Record<string, ListingFeedState>;
  /** The family (profile) that extracted the articles of the last run that stored any: what `auto` chose. */
  family?: string;
}

/** How a listing URL was read on the last run: through the site's own feed, or as HTML (and why). */
export interface ListingFeedState {
  /** The feed standing in for the listing (absent: none found). */
  url?: string;
  /** How the feed was known: named in the registry, advertised by the listing page, or the platform's path. */
  via?: 'registry' | 'link' | 'known-path';
  listingSource: 'feed' | 'html';
  /** Why the HTML listing was read (no feed found, or what was wrong with the feed). */
  reason?: string;
  /** When a feed was last looked for on the listing page. */
  checkedAt?: string;
  at: string;
}

/** A listing item that cannot become an article, as the crawl state remembers it. */
export interface FailedItem {
  id: string;
  url: string;
  kind: ErrorKind;
  status?: number;
  at: string;
}

/** What the web index shows of a ward without reading its feed. */
export interface WardSummary {
  /** The newest `publishedAt` stored for the ward (as stored, Vietnam time). */
  latestPublishedAt?: string;
  latestDatePrecision?: 'minute' | 'day';
  /** Articles stored for the ward (removed ones included: they are kept). */
  articles: number;
}

/** What a bulk import did. */
export interface ImportResult {
  new: number;
  updated: number;
  unchanged: number;
  /** Ids of the articles stored for the first time, in input order. */
  newIds: string[];
}

export type PutResult = 'new' | 'updated' | 'unchanged';

export interface Paged<T> {
  items: T[];
  /** Opaque; pass back to get the next page. */
  cursor?: string;
}

/** A feed entry: which article, where in the feed, and the article's version when it was placed. */
export interface FeedEntry {
  id: string;
  /** Sort key: publication instant (UTC) and id. */
  sk: string;
  /** The article's version; absent on entries stored before versions were kept on them. */
  v?: number;
}

/** Articles behind feed entries, and whether each is the very version its entry names. */
export interface EntryArticles {
  items: Article[];
  /** Every entry had a version and every article read matched it: the entries alone identify this content. */
  versioned: boolean;
}

export interface ListOptions {
  limit: number;
  cursor?: string;
  /** ISO instants, inclusive. */
  from?: string;
  to?: string;
  /** Include articles with `removedAt` (the API does, feeds do not). */
  includeRemoved?: boolean;
}

/** Which articles a feed or query covers. */
export type Scope =
  | { kind: 'ward'; wardId: string }
  | { kind: 'province'; province: string }
  /** Legacy district names repeat across provinces, so a district is named with its province. */
  | { kind: 'district'; province: string; district: string }
  | { kind: 'all' };

export interface ArticleStore {
  /** Creates the table when missing (local and tests; on AWS the stack owns it). */
  ensureTable(): Promise<void>;
  get(id: string): Promise<Article | undefined>;
  /** Which of these ids are stored already. */
  existing(ids: string[]): Promise<Set<string>>;
  /**
   * Idempotent upsert: compares `contentHash` with the stored item; unchanged -> no write
   * (only `lastCheckedAt` when `touch` is set), changed -> `revisions + 1`.
   */
  put(article: Article, opts?: { touch?: boolean }): Promise<PutResult>;
  markRemoved(id: string, at: string): Promise<void>;
  /** Newest first; one Query per partition, cost O(limit). */
  list(scope: Scope, opts: ListOptions): Promise<Paged<Article>>;
  /**
   * `list` in two steps: the feed entries alone (keys and versions: what a feed costs when
   * nothing changed), then the articles behind them. `list` is exactly the two together.
   */
  listEntries?(scope: Scope, opts: ListOptions): Promise<Paged<FeedEntry>>;
  articlesOf?(scope: Scope, entries: FeedEntry[], opts: { includeRemoved?: boolean }): Promise<EntryArticles>;
  /** Stored articles of a source last checked at or before `checkedBefore`, least recently first (the slow recheck cadence). */
  staleArticles(sourceId: string, checkedBefore: string, limit: number): Promise<Article[]>;
  getCrawlState(sourceId: string): Promise<CrawlState | undefined>;
  putCrawlState(state: CrawlState): Promise<void>;
  listCrawlStates(): Promise<CrawlState[]>;
  /** Article count per source (status page). */
  countBySource?(sourceId: string): Promise<number>;
  /** Article count per ward, removed ones included (one paged COUNT Query on the ward's partition). */
  countByWard?(wardId: string): Promise<number>;
  /**
   * Bulk load (restoring an export, loading a benchmark): the same items `put` writes for a new
   * article, in batches; an article stored already with the same content is skipped.
   */
  importArticles?(articles: Article[]): Promise<ImportResult>;
}
