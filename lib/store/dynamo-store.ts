/**
 * ArticleStore over one DynamoDB table (on-demand). Key layout in `keys.ts`; why each access
 * pattern is one Query is told in the README, "Storage keys".
 *
 * Articles are one item each (`A#<id>`). Feeds read small feed-entry items (`sk` = publishedAt +
 * id) from one partition per ward, or per aggregate scope and month (`feed-walk.ts`), then fetch the articles
 * with BatchGetItem: a ward feed of up to 100 articles is two calls. Which province and legacy
 * district an article belongs to is taken from the registry at write time and kept on the item
 * (`scopes`), so later reads and moves do not depend on the registry.
 */
import type { Article } from '../article.ts';
import { WardfeedError } from '../errors.ts';
import type { Registry } from '../registry/types.ts';
import { fromItem, toItem, type ArticleItem } from './article-item.ts';
import { MAX_LIST_LIMIT, queryBudget, walkMonths, walkPartition, type Entry, type TableQuery } from './feed-walk.ts';
import type { DynamoDBClient } from './sdk.ts';
import { keyString, Table, type Item, type Key, type StoreStats } from './table.ts';
import {
  ARTICLE_SK,
  CRAWL_PK,
  GSI1,
  articlePk,
  checkedSk,
  decodeCursor,
  encodeCursor,
  entryPk,
  entrySk,
  entrySkUpper,
  fromBound,
  isBucketed,
  monthListPk,
  monthOf,
  scopeId,
  provinceScopeId,
  districtScopeId,
  sourcePk,
  toBound,
  utcInstant,
  type CursorState,
} from './keys.ts';
import type { ArticleStore, CrawlState, EntryArticles, FeedEntry, ImportResult, ListOptions, Paged, PutResult, Scope } from './types.ts';

export { MAX_LIST_LIMIT } from './feed-walk.ts';

export type { StoreStats } from './table.ts';

export interface DynamoArticleStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Tells each ward's province and legacy district, for the aggregate feeds. Without it only ward and "all" feeds are indexed. */
  registry?: Registry;
}

/** BatchWriteItem calls an import keeps in flight. */
const IMPORT_WRITE_CONCURRENCY = 4;

/** What `put` and `markRemoved` need of the stored item. */
interface StoredHead {
  contentHash?: string;
  firstSeenAt?: string;
  revisions?: number;
  removedAt?: string;
  lastCheckedAt?: string;
  updatedAt?: string;
  scopes?: string[];
  esk?: string;
  ver?: number;
}

/** Where an article sits in the feeds, and its version. */
interface Placement {
  esk: string;
  scopes: string[];
  id: unknown;
  removedAt?: unknown;
  ver?: number;
}

export class DynamoArticleStore implements ArticleStore {
  readonly stats: StoreStats;
  readonly tableName: string;
  private readonly table: Table;
  private readonly wardScopes = new Map<string, string[]>();
  /** Month-list marks known to be stored (they are never deleted), so they are written once per process. */
  private readonly knownMonths = new Set<string>();
  private readonly tableQuery: TableQuery = (input) => this.table.query(input);

  constructor(opts: DynamoArticleStoreOptions) {
    this.table = new Table(opts.client, opts.tableName);
    this.stats = this.table.stats;
    this.tableName = opts.tableName;
    for (const ward of opts.registry?.wards ?? []) {
      const scopes: string[] = [];
      const province = provinceScopeId(ward.province ?? '');
      if (province) scopes.push(province);
      const district = districtScopeId(ward.province ?? '', ward.legacyDistrict ?? '');
      if (district) scopes.push(district);
      this.wardScopes.set(ward.id, scopes);
    }
  }

  ensureTable(): Promise<void> {
    return this.table.ensure(GSI1);
  }

  // ---- articles ----------------------------------------------------------------------------

  async get(id: string): Promise<Article | undefined> {
    if (typeof id !== 'string' || !id) throw new WardfeedError('bad-request', 'article id is empty');
    const item = await this.table.get(articleKey(id));
    return item ? fromItem(item) : undefined;
  }

  async existing(ids: string[]): Promise<Set<string>> {
    // batchGet drops repeated ids itself.
    const items = await this.batchGet(ids.filter((id) => typeof id === 'string' && id), ['id']);
    return new Set(items.map((i) => String(i.id)));
  }

  async put(article: Article, opts: { touch?: boolean } = {}): Promise<PutResult> {
    checkArticle(article);
    const scopes = this.scopesOf(article.wardIds);
    for (let attempt = 0; ; attempt++) {
      const stored = await this.head(article.id);
      if (!stored) {
        const item = this.newArticleItem(article, scopes);
        await this.writeEntries([item]);
        if (await this.putArticleItem(item, undefined)) return 'new';
      } else {
        const hashChanged = stored.contentHash !== article.contentHash;
        const next = toItem(
          {
            ...article,
            firstSeenAt: stored.firstSeenAt ?? article.firstSeenAt,
            revisions: (stored.revisions ?? 0) + (hashChanged ? 1 : 0),
            // The time of the last content change: feeds' `updated` moves with edits only.
            ...(hashChanged ? { updatedAt: article.lastCheckedAt } : stored.updatedAt ? { updatedAt: stored.updatedAt } : {}),
          },
          scopes,
        );
        const moved = next.esk !== stored.esk || !sameList(next.scopes, stored.scopes ?? []);
        const removalChanged = (article.removedAt ?? undefined) !== (stored.removedAt ?? undefined);
        if (!hashChanged && !moved && !removalChanged) {
          if (opts.touch) await this.touch(article.id, article.lastCheckedAt);
          return 'unchanged';
        }
        next.ver = (stored.ver ?? 0) + 1;
        // New entries first, the article item last (it is the commit), stale entries after.
        await this.writeEntries([next]);
        if (await this.putArticleItem(next, stored.ver)) {
          await this.deleteStaleEntries(stored, next);
          return 'updated';
        }
      }
      // Someone else wrote the same article between our read and write: read again.
      if (attempt >= 3) throw new WardfeedError('store', `article ${article.id}: concurrent writes kept conflicting`);
    }
  }

  async markRemoved(id: string, at: string): Promise<void> {
    const atUtc = utcInstant(at, 'removedAt');
    const stored = await this.head(id);
    if (!stored) throw new WardfeedError('not-found', `no stored article ${id}`);
    const checkedLater = !stored.lastCheckedAt || utcInstant(stored.lastCheckedAt) < atUtc;
    if (stored.removedAt) {
      // Still gone: keep the first removal date, only record the check (so rechecks rotate).
      if (checkedLater) await this.touch(id, at);
      return;
    }
    // The update below bumps `ver` by one: the entries name that version.
    const entryItem = { esk: stored.esk ?? '', scopes: stored.scopes ?? [], id, removedAt: at, ver: (stored.ver ?? 0) + 1 };
    await this.writeEntries([entryItem]);
    await this.table.updateExisting(
      articleKey(id),
      checkedLater
        ? 'SET removedAt = :at, lastCheckedAt = :at, gsi1sk = :g, ver = if_not_exists(ver, :zero) + :one'
        : 'SET removedAt = :at, ver = if_not_exists(ver, :zero) + :one',
      { ':at': at, ':zero': 0, ':one': 1, ...(checkedLater ? { ':g': checkedSk(atUtc, id) } : {}) },
    );
  }

  /**
   * Bulk load: restoring an export, loading a benchmark. Which articles are stored already is
   * read with BatchGetItem; new ones are written with BatchWriteItem as exactly the items `put`
   * writes (feed entries first, then the article items, which are the commit); one stored with
   * the same content and placement is skipped; one stored with other content goes through `put`
   * (revisions, stale entries). Idempotent. BatchWriteItem takes no condition: meant for a table
   * no crawl writes to at the same time (a race costs at most a stale entry, which reads skip).
   */
  async importArticles(articles: Article[]): Promise<ImportResult> {
    for (const a of articles) checkArticle(a);
    // The last copy of an id wins, as it would with one put after another.
    const byId = new Map<string, Article>();
    for (const a of articles) {
      byId.delete(a.id);
      byId.set(a.id, a);
    }
    const result: ImportResult = { new: 0, updated: 0, unchanged: 0, newIds: [] };
    const heads = new Map(
      (await this.batchGet([...byId.keys()], ['id', 'contentHash', 'esk', 'scopes', 'removedAt'])).map((h) => [String(h.id), h as StoredHead]),
    );
    const fresh: ArticleItem[] = [];
    const changed: Article[] = [];
    for (const a of byId.values()) {
      const stored = heads.get(a.id);
      const scopes = this.scopesOf(a.wardIds);
      if (!stored) {
        fresh.push(this.newArticleItem(a, scopes));
        result.newIds.push(a.id);
        continue;
      }
      const same =
        stored.contentHash === a.contentHash &&
        stored.esk === entrySk(utcInstant(a.publishedAt, 'publishedAt'), a.id) &&
        sameList(stored.scopes ?? [], scopes) &&
        (stored.removedAt ?? undefined) === (a.removedAt ?? undefined);
      if (same) result.unchanged++;
      else changed.push(a);
    }
    await this.writeEntries(fresh, IMPORT_WRITE_CONCURRENCY);
    await this.table.batchWrite(fresh.map((Item) => ({ PutRequest: { Item } })), IMPORT_WRITE_CONCURRENCY);
    result.new = fresh.length;
    for (const a of changed) result[await this.put(a)]++;
    return result;
  }

  async list(scope: Scope, opts: ListOptions): Promise<Paged<Article>> {
    const page = await this.listEntries(scope, opts);
    const { items } = await this.articlesOf(scope, page.items, opts);
    return page.cursor ? { items, cursor: page.cursor } : { items };
  }

  async listEntries(scope: Scope, opts: ListOptions): Promise<Paged<FeedEntry>> {
    const limit = checkLimit(opts?.limit);
    const sid = scopeId(scope);
    const lo = opts.from ? fromBound(opts.from) : undefined;
    const hi = opts.to ? entrySkUpper(toBound(opts.to)) : undefined;
    const cursor = opts.cursor ? decodeCursor(opts.cursor, sid) : undefined;
    const includeRemoved = opts.includeRemoved === true;
    if (lo && hi && lo > hi) return { items: [] };

    let picked: Entry[];
    let next: CursorState | undefined;
    if (!isBucketed(sid)) {
      const r = await walkPartition(this.tableQuery, { pk: sid, lo, hi, after: cursor?.sk, want: limit, includeRemoved, maxQueries: queryBudget(limit) });
      picked = r.entries;
      if (r.resume) next = { scope: sid, sk: r.resume };
    } else {
      ({ entries: picked, next } = await walkMonths(this.tableQuery, { sid, lo, hi, cursor, limit, includeRemoved }));
    }
    return next ? { items: picked, cursor: encodeCursor(next) } : { items: picked };
  }

  /** Articles behind entries, in entry order; entries left stale by an interrupted move are dropped. */
  async articlesOf(scope: Scope, entries: FeedEntry[], opts: { includeRemoved?: boolean } = {}): Promise<EntryArticles> {
    const sid = scopeId(scope);
    if (!entries.length) return { items: [], versioned: true };
    const items = await this.batchGet(entries.map((e) => e.id));
    const byId = new Map(items.map((i) => [String(i.id), i]));
    const out: Article[] = [];
    let versioned = true;
    for (const e of entries) {
      const item = byId.get(e.id);
      // An entry written ahead of its article (the article is the commit) names a version not stored yet.
      if (e.v === undefined || item?.ver !== e.v) versioned = false;
      if (!item || item.esk !== e.sk || !(item.scopes as string[] | undefined)?.includes(sid)) continue;
      if (!opts.includeRemoved && item.removedAt) continue;
      out.push(fromItem(item));
    }
    return { items: out, versioned };
  }

  async staleArticles(sourceId: string, checkedBefore: string, limit: number): Promise<Article[]> {
    const max = checkLimit(limit);
    const before = utcInstant(checkedBefore, 'checkedBefore');
    const ids: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.table.query({
        IndexName: GSI1,
        // Sort keys are `<instant>#<id>`: '$' sorts just after '#', so articles checked at `before` itself are in.
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk < :b',
        ExpressionAttributeValues: { ':p': sourcePk(sourceId), ':b': `${before}$` },
        ScanIndexForward: true,
        Limit: max - ids.length,
        ExclusiveStartKey: start,
      });
      for (const i of r.Items ?? []) if (typeof i.pk === 'string') ids.push(i.pk.slice(2));
      start = r.LastEvaluatedKey;
    } while (start && ids.length < max);
    const items = await this.batchGet(ids);
    const byId = new Map(items.map((i) => [String(i.id), i]));
    return ids.flatMap((id) => {
      const item = byId.get(id);
      return item ? [fromItem(item)] : [];
    });
  }

  async countBySource(sourceId: string): Promise<number> {
    return this.table.count({ IndexName: GSI1, KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': sourcePk(sourceId) } });
  }

  async countByWard(wardId: string): Promise<number> {
    const pk = scopeId({ kind: 'ward', wardId });
    return this.table.count({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': pk } });
  }

  // ---- crawl state -------------------------------------------------------------------------

  async getCrawlState(sourceId: string): Promise<CrawlState | undefined> {
    if (!sourceId) throw new WardfeedError('bad-request', 'source id is empty');
    const item = await this.table.get({ pk: CRAWL_PK, sk: sourceId }, { consistent: true });
    return item ? crawlStateOf(item) : undefined;
  }

  async putCrawlState(state: CrawlState): Promise<void> {
    if (!state?.sourceId) throw new WardfeedError('bad-request', 'crawl state without a source id');
    await this.table.put({ ...state, pk: CRAWL_PK, sk: state.sourceId, kind: 'crawl' });
  }

  /** One Query on the small crawl-state partition, ordered by source id. */
  async listCrawlStates(): Promise<CrawlState[]> {
    const out: CrawlState[] = [];
    for await (const r of this.table.queryPages({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': CRAWL_PK }, ConsistentRead: true })) {
      for (const i of r.Items ?? []) out.push(crawlStateOf(i));
    }
    return out;
  }

  // ---- internals ---------------------------------------------------------------------------

  private scopesOf(wardIds: string[]): string[] {
    const wards = [...new Set(wardIds)];
    const aggregates = new Set<string>();
    for (const w of wards) for (const s of this.wardScopes.get(w) ?? []) aggregates.add(s);
    return [...wards.map((w) => `W#${w}`), ...[...aggregates].sort(), 'ALL'];
  }

  /** The item `put` writes for an article not stored yet; `importArticles` writes the same. */
  private newArticleItem(article: Article, scopes: string[]): ArticleItem {
    const item = toItem({ ...article, revisions: Number.isInteger(article.revisions) ? article.revisions : 0 }, scopes);
    item.ver = 1;
    return item;
  }

  private async head(id: string): Promise<StoredHead | undefined> {
    const projection = 'contentHash, firstSeenAt, revisions, removedAt, lastCheckedAt, updatedAt, scopes, esk, ver';
    return (await this.table.get(articleKey(id), { consistent: true, projection }));
  }

  /** Conditional on the version read, so two writers never lose each other's revision. */
  private putArticleItem(item: Item, expectedVer: number | undefined): Promise<boolean> {
    return expectedVer === undefined
      ? this.table.putIf(item, 'attribute_not_exists(pk)')
      : this.table.putIf(item, 'attribute_exists(pk) AND (ver = :v OR attribute_not_exists(ver))', { ':v': expectedVer });
  }

  private async touch(id: string, lastCheckedAt: string): Promise<void> {
    const utc = utcInstant(lastCheckedAt, 'lastCheckedAt');
    await this.table.updateExisting(articleKey(id), 'SET lastCheckedAt = :c, gsi1sk = :g', { ':c': lastCheckedAt, ':g': checkedSk(utc, id) });
  }

  /** Feed entries (one per scope) and month-list marks for an article's placement. */
  private entryItems(a: Placement): Item[] {
    const month = monthOf(a.esk);
    const out: Item[] = [];
    for (const s of a.scopes) {
      // `v`: the article's version, so an unchanged feed is known from its entries alone.
      out.push({ pk: entryPk(s, month), sk: a.esk, id: a.id, ...(a.ver !== undefined ? { v: a.ver } : {}), ...(a.removedAt ? { rm: true } : {}) });
      if (isBucketed(s)) out.push({ pk: monthListPk(s), sk: month });
    }
    return out;
  }

  private async writeEntries(placements: Placement[], concurrency = 1) {
    const items = placements.flatMap((a) => this.entryItems(a));
    const marks = items.filter((i) => String(i.pk).startsWith('M#')).map(keyString);
    const puts = items.filter((i) => !this.knownMonths.has(keyString(i)));
    await this.table.batchWrite(puts.map((Item) => ({ PutRequest: { Item } })), concurrency);
    for (const m of marks) this.knownMonths.add(m);
  }

  private async deleteStaleEntries(stored: StoredHead, next: Placement) {
    if (!stored.esk || !stored.scopes) return;
    const keep = new Set(this.entryItems(next).map(keyString));
    const month = monthOf(stored.esk);
    // Month-list marks stay: an empty month costs one empty Query, a missing one would hide entries.
    const stale = stored.scopes
      .map((s) => ({ pk: entryPk(s, month), sk: stored.esk! }))
      .filter((k) => !keep.has(keyString(k)));
    if (stale.length) await this.table.batchWrite(stale.map((Key) => ({ DeleteRequest: { Key } })));
  }

  /** Articles by id (those stored), repeated ids read once. */
  private batchGet(ids: string[], projection?: string[]): Promise<Item[]> {
    return this.table.batchGet([...new Set(ids)].map(articleKey), projection);
  }
}

function crawlStateOf(item: Record<string, unknown>): CrawlState {
  const { pk: _pk, sk: _sk, kind: _kind, ...state } = item;
  return state as unknown as CrawlState;
}

function checkLimit(limit: unknown): number {
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new WardfeedError('bad-request', `limit must be an integer from 1 to ${MAX_LIST_LIMIT}, got ${JSON.stringify(limit)}`);
  }
  return limit;
}

function checkArticle(a: Article): void {
  const bad = (field: string, why: string) => new WardfeedError('bad-request', `article ${a?.id ?? '?'}: ${field} ${why}`);
  if (!a || typeof a !== 'object') throw new WardfeedError('bad-request', 'article is not an object');
  if (typeof a.id !== 'string' || !/^[\w-]{1,100}$/.test(a.id)) throw bad('id', 'must be 1-100 word characters');
  if (typeof a.sourceId !== 'string' || !a.sourceId) throw bad('sourceId', 'is empty');
  if (!Array.isArray(a.wardIds) || !a.wardIds.length || a.wardIds.some((w) => typeof w !== 'string' || !w)) {
    throw bad('wardIds', 'must list at least one ward id');
  }
  if (typeof a.contentHash !== 'string' || !a.contentHash) throw bad('contentHash', 'is empty');
  for (const f of ['publishedAt', 'firstSeenAt', 'lastCheckedAt'] as const) {
    if (typeof a[f] !== 'string' || !Number.isFinite(Date.parse(a[f]))) throw bad(f, 'is not an ISO 8601 instant');
  }
  if (a.removedAt !== undefined && !Number.isFinite(Date.parse(a.removedAt))) throw bad('removedAt', 'is not an ISO 8601 instant');
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

const articleKey = (id: string): Key => ({ pk: articlePk(id), sk: ARTICLE_SK });
