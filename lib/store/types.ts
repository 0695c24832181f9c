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
  /** Runs in a row that yielded no listing items. */
  emptyRuns?: number;
  /** Last full recheck pass of stored articles. */
  lastRecheckAt?: string;
  /**
   * Ids of articles that named none of a district-wide source's wards: reported once, not
   * fetched again on every run (a backfill looks at them again). Bounded to the newest 500.
   */
  unmatched?: string[];
}

export type PutResult = 'new' | 'updated' | 'unchanged';

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. */
  cursor?: string;
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
  | { kind: 'district'; district: string }
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
  list(scope: Scope, opts: ListOptions): Promise<Page<Article>>;
  /** Stored articles of a source checked least recently, for the slow recheck cadence. */
  staleArticles(sourceId: string, checkedBefore: string, limit: number): Promise<Article[]>;
  getCrawlState(sourceId: string): Promise<CrawlState | undefined>;
  putCrawlState(state: CrawlState): Promise<void>;
  listCrawlStates(): Promise<CrawlState[]>;
  /** Article count per source (status page). */
  countBySource?(sourceId: string): Promise<number>;
}
