/**
 * Reading articles for feeds, the query API and `wardfeed query`: one or more scopes merged
 * newest first, an optional text filter, and a bounded amount of work per request.
 *
 * Every scope is read as a stream of store pages. A page is re-read identically from the same
 * store cursor and page size, so a position is (store cursor, page size, offset in page) and a
 * reply can stop in the middle of a page and the next one resume exactly there.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Article } from '../article.ts';
import { isWardfeedError } from '../errors.ts';
import type { ArticleStore, ListOptions, Paged, Scope } from '../store/types.ts';
import { containsPhrase, searchKey } from '../text/index.ts';
import { defaultCursorKey } from './cursor-key.ts';
import { BadParameterError, boundInstant, LIMIT_MAX } from './params.ts';

/**
 * With `q`, a request examines at most this many of the newest articles of its scopes (feeds:
 * the match is among the newest 500; the API: the reply carries a cursor to continue).
 */
export const SCAN_LIMIT = 500;
/** Store page size while filtering by text. */
const FILTER_PAGE = 100;
/** Store calls per request, whatever the data (removed articles can make pages come back thin). */
const MAX_STORE_CALLS = 40;
/**
 * Articles read from the store per request, whatever the scopes, limit or text: with `q` the
 * work of a request is bounded by this (and each article's text searched by SEARCH_TEXT_MAX).
 */
export const READ_BUDGET = 1000;
/** Characters of an article's text a search looks at. */
export const SEARCH_TEXT_MAX = 100_000;

interface Budget {
  calls: number;
  articles: number;
}

export interface ReadOptions {
  limit: number;
  q?: string;
  from?: string;
  to?: string;
  cursor?: string;
  /** The API shows removed articles (with `removedAt`); feeds do not. */
  includeRemoved?: boolean;
  /** Signs and checks cursors; default: the process's key (`cursor-key.ts`). */
  cursorKey?: Uint8Array;
}

export interface ReadResult {
  items: Article[];
  /** Present when more articles may follow. */
  cursor?: string;
  /** Articles examined (for `q`, at most SCAN_LIMIT). */
  scanned: number;
  storeCalls: number;
}

interface Position {
  /** Store cursor of the page being read; absent for the first page. */
  c?: string;
  /** Articles of that page already passed (the page size is the request's, never the cursor's). */
  s: number;
}

/** Order of the store's feed entries: publication instant (UTC), then id, both descending. */
function orderKey(a: Article): string {
  const ms = Date.parse(a.publishedAt);
  return `${Number.isFinite(ms) ? new Date(ms).toISOString() : ''}#${a.id}`;
}

class ScopeStream {
  private page?: Paged<Article>;
  done = false;
  /** Out of budget before this scope's next article was known: the merge must stop here. */
  starved = false;
  constructor(
    private readonly store: ArticleStore,
    private readonly scope: Scope,
    private pos: Position,
    private readonly pageSize: number,
    private readonly list: Omit<ListOptions, 'limit' | 'cursor'>,
    private readonly budget: Budget,
  ) {}

  async head(): Promise<Article | undefined> {
    for (;;) {
      if (this.done) return undefined;
      if (!this.page) {
        // A cursor issued under a larger limit may point past this request's page size.
        const limit = Math.min(Math.max(this.pageSize, this.pos.s + 1), this.budget.articles);
        if (this.budget.calls >= MAX_STORE_CALLS || limit < this.pos.s + 1) {
          this.starved = true;
          return undefined;
        }
        this.budget.calls++;
        this.budget.articles -= limit;
        this.page = await listWithCursor(this.store, this.scope, { ...this.list, limit, ...(this.pos.c ? { cursor: this.pos.c } : {}) });
      }
      if (this.pos.s < this.page.items.length) return this.page.items[this.pos.s];
      if (!this.page.cursor) {
        this.done = true;
        return undefined;
      }
      this.pos = { c: this.page.cursor, s: this.pos.s - this.page.items.length };
      this.page = undefined;
    }
  }

  advance(): void {
    this.pos = { ...this.pos, s: this.pos.s + 1 };
  }

  /** Where to resume, or undefined when this scope is read to its end. */
  position(): Position | undefined {
    if (this.done) return undefined;
    if (this.page && this.pos.s >= this.page.items.length) {
      return this.page.cursor ? { c: this.page.cursor, s: this.pos.s - this.page.items.length } : undefined;
    }
    return this.pos;
  }
}

/** A store cursor is only ever read back from a signed cursor; one the store refuses is the client's. */
async function listWithCursor(store: ArticleStore, scope: Scope, opts: ListOptions): Promise<Paged<Article>> {
  try {
    return await store.list(scope, opts);
  } catch (e) {
    if (opts.cursor !== undefined && isWardfeedError(e) && e.kind === 'bad-request') throw new BadParameterError('cursor', 'is not one this service issued');
    throw e;
  }
}

/** Text an article is searched by: title, summary and body, folded. */
export function articleSearchKey(a: Article): string {
  return searchKey(`${a.title}\n${a.summary ?? ''}\n${a.bodyText}`.slice(0, SEARCH_TEXT_MAX));
}

export async function readArticles(store: ArticleStore, scopes: Scope[], opts: ReadOptions): Promise<ReadResult> {
  const needle = opts.q !== undefined ? searchKey(opts.q) : undefined;
  // Every scope gets its share of the read budget from the start, so none is starved by the others.
  const pageSize = Math.max(1, Math.min(needle ? FILTER_PAGE : opts.limit, Math.floor(READ_BUDGET / Math.max(1, scopes.length))));
  const fingerprint = scopesFingerprint(scopes);
  const key = opts.cursorKey ?? defaultCursorKey();
  const start = opts.cursor ? decodeReadCursor(key, opts.cursor, fingerprint, scopes.length) : undefined;
  const list: Omit<ListOptions, 'limit' | 'cursor'> = {
    ...(opts.from ? { from: boundInstant(opts.from, 'from') } : {}),
    ...(opts.to ? { to: boundInstant(opts.to, 'to') } : {}),
    includeRemoved: opts.includeRemoved ?? false,
  };
  const budget: Budget = { calls: 0, articles: READ_BUDGET };
  const streams = scopes.map((scope, i) => {
    const stream = new ScopeStream(store, scope, start?.[i] ?? { s: 0 }, pageSize, list, budget);
    if (start && !start[i]) stream.done = true;
    return stream;
  });

  const items: Article[] = [];
  let scanned = 0;
  while (items.length < opts.limit && (!needle || scanned < SCAN_LIMIT)) {
    const heads = await Promise.all(streams.map((s) => s.head()));
    // Merging without a starved scope's head could put an older article before a newer one.
    if (streams.some((s) => s.starved)) break;
    let best: Article | undefined;
    let bestKey = '';
    for (const h of heads) {
      if (!h) continue;
      const k = orderKey(h);
      if (!best || k > bestKey) {
        best = h;
        bestKey = k;
      }
    }
    if (!best) break;
    // An article of several wards sits in several scopes: take it once.
    streams.forEach((s, i) => {
      if (heads[i]?.id === best.id) s.advance();
    });
    scanned++;
    if (!needle || containsPhrase(articleSearchKey(best), needle)) items.push(best);
  }
  const positions = streams.map((s) => s.position());
  const more = positions.some((p) => p !== undefined);
  return {
    items,
    ...(more ? { cursor: encodeReadCursor(key, fingerprint, positions) } : {}),
    scanned,
    storeCalls: budget.calls,
  };
}

function scopesFingerprint(scopes: Scope[]): string {
  return createHash('sha256').update(JSON.stringify(scopes)).digest('base64url').slice(0, 8);
}

function signature(key: Uint8Array, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

/** `<payload>.<HMAC-SHA256>`: a cursor that was not issued here is refused before it reaches the store. */
function encodeReadCursor(key: Uint8Array, fingerprint: string, positions: Array<Position | undefined>): string {
  const payload = Buffer.from(JSON.stringify({ v: 2, f: fingerprint, p: positions.map((p) => p ?? null) }), 'utf8').toString('base64url');
  return `${payload}.${signature(key, payload).toString('base64url')}`;
}

/** Offsets stay below the largest page a request can read. */
const MAX_OFFSET = Math.max(FILTER_PAGE, LIMIT_MAX);
const STORE_CURSOR_MAX = 1000;

function decodeReadCursor(key: Uint8Array, cursor: string, fingerprint: string, count: number): Array<Position | undefined> {
  const bad = (why = 'is not one this service issued') => new BadParameterError('cursor', why);
  const [payload, sum, ...rest] = cursor.split('.');
  if (!payload || !sum || rest.length) throw bad();
  const given = Buffer.from(sum, 'base64url');
  const expected = signature(key, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw bad();
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const r = raw as { v?: unknown; f?: unknown; p?: unknown };
  if (!r || r.v !== 2 || !Array.isArray(r.p)) throw bad();
  if (r.f !== fingerprint || r.p.length !== count) throw bad('belongs to another query');
  return r.p.map((p: unknown) => {
    if (p === null) return undefined;
    const x = p as Position;
    const storeCursorOk = x.c === undefined || (typeof x.c === 'string' && x.c.length > 0 && x.c.length <= STORE_CURSOR_MAX);
    if (typeof x !== 'object' || !Number.isInteger(x.s) || x.s < 0 || x.s >= MAX_OFFSET || !storeCursorOk) throw bad();
    return { ...(x.c !== undefined ? { c: x.c } : {}), s: x.s };
  });
}
