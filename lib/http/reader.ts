/**
 * Reading articles for feeds, the query API and `wardfeed query`: one or more scopes merged
 * newest first, an optional text filter, and a bounded amount of work per request.
 *
 * Every scope is read as a stream of store pages. A page is re-read identically from the same
 * store cursor and page size, so a position is (store cursor, page size, offset in page) and a
 * reply can stop in the middle of a page and the next one resume exactly there.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../article.ts';
import type { ArticleStore, ListOptions, Page, Scope } from '../store/types.ts';
import { containsPhrase, searchKey } from '../text/index.ts';
import { BadParameterError, boundInstant } from './params.ts';

/**
 * With `q`, a request examines at most this many of the newest articles of its scopes (feeds:
 * the match is among the newest 500; the API: the reply carries a cursor to continue).
 */
export const SCAN_LIMIT = 500;
/** Store page size while filtering by text. */
const FILTER_PAGE = 100;
/** Store calls per request, whatever the data (removed articles can make pages come back thin). */
const MAX_STORE_CALLS = 40;

export interface ReadOptions {
  limit: number;
  q?: string;
  from?: string;
  to?: string;
  cursor?: string;
  /** The API shows removed articles (with `removedAt`); feeds do not. */
  includeRemoved?: boolean;
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
  /** Page size. */
  n: number;
  /** Offset in that page. */
  s: number;
}

/** Order of the store's feed entries: publication instant (UTC), then id, both descending. */
function orderKey(a: Article): string {
  const ms = Date.parse(a.publishedAt);
  return `${Number.isFinite(ms) ? new Date(ms).toISOString() : ''}#${a.id}`;
}

class ScopeStream {
  private page?: Page<Article>;
  done = false;
  constructor(
    private readonly store: ArticleStore,
    private readonly scope: Scope,
    private pos: Position,
    private readonly list: Omit<ListOptions, 'limit' | 'cursor'>,
    private readonly budget: { calls: number },
  ) {}

  async head(): Promise<Article | undefined> {
    for (;;) {
      if (this.done) return undefined;
      if (!this.page) {
        if (this.budget.calls >= MAX_STORE_CALLS) return undefined;
        this.budget.calls++;
        this.page = await this.store.list(this.scope, { ...this.list, limit: this.pos.n, ...(this.pos.c ? { cursor: this.pos.c } : {}) });
      }
      if (this.pos.s < this.page.items.length) return this.page.items[this.pos.s];
      if (!this.page.cursor) {
        this.done = true;
        return undefined;
      }
      this.pos = { c: this.page.cursor, n: this.pos.n, s: 0 };
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
      return this.page.cursor ? { c: this.page.cursor, n: this.pos.n, s: 0 } : undefined;
    }
    return this.pos;
  }
}

/** Text an article is searched by: title, summary and body, folded. */
export function articleSearchKey(a: Article): string {
  return searchKey(`${a.title}\n${a.summary ?? ''}\n${a.bodyText}`);
}

export async function readArticles(store: ArticleStore, scopes: Scope[], opts: ReadOptions): Promise<ReadResult> {
  const needle = opts.q !== undefined ? searchKey(opts.q) : undefined;
  const pageSize = needle ? FILTER_PAGE : opts.limit;
  const fingerprint = scopesFingerprint(scopes);
  const start = opts.cursor ? decodeReadCursor(opts.cursor, fingerprint, scopes.length) : undefined;
  const list: Omit<ListOptions, 'limit' | 'cursor'> = {
    ...(opts.from ? { from: boundInstant(opts.from, 'from') } : {}),
    ...(opts.to ? { to: boundInstant(opts.to, 'to') } : {}),
    includeRemoved: opts.includeRemoved ?? false,
  };
  const budget = { calls: 0 };
  const streams = scopes.map((scope, i) => {
    const stream = new ScopeStream(store, scope, start?.[i] ?? { n: pageSize, s: 0 }, list, budget);
    if (start && !start[i]) stream.done = true;
    return stream;
  });

  const items: Article[] = [];
  let scanned = 0;
  while (items.length < opts.limit && (!needle || scanned < SCAN_LIMIT)) {
    const heads = await Promise.all(streams.map((s) => s.head()));
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
    ...(more ? { cursor: encodeReadCursor(fingerprint, positions) } : {}),
    scanned,
    storeCalls: budget.calls,
  };
}

function scopesFingerprint(scopes: Scope[]): string {
  return createHash('sha256').update(JSON.stringify(scopes)).digest('base64url').slice(0, 8);
}

function checksum(payload: string): string {
  return createHash('sha256').update(`wardfeed-cursor:${payload}`).digest('base64url').slice(0, 10);
}

/** `<payload>.<checksum>`: a cursor that was not issued here is refused before it reaches the store. */
function encodeReadCursor(fingerprint: string, positions: Array<Position | undefined>): string {
  const payload = Buffer.from(JSON.stringify({ v: 1, f: fingerprint, p: positions.map((p) => p ?? null) }), 'utf8').toString('base64url');
  return `${payload}.${checksum(payload)}`;
}

function decodeReadCursor(cursor: string, fingerprint: string, count: number): Array<Position | undefined> {
  const bad = (why = 'is not one this service issued') => new BadParameterError('cursor', why);
  const [payload, sum, ...rest] = cursor.split('.');
  if (!payload || !sum || rest.length || checksum(payload) !== sum) throw bad();
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const r = raw as { v?: unknown; f?: unknown; p?: unknown };
  if (!r || r.v !== 1 || !Array.isArray(r.p)) throw bad();
  if (r.f !== fingerprint || r.p.length !== count) throw bad('belongs to another query');
  return r.p.map((p: unknown) => {
    if (p === null) return undefined;
    const x = p as Position;
    if (typeof x !== 'object' || !Number.isInteger(x.n) || !Number.isInteger(x.s) || x.n < 1 || x.n > 1000 || x.s < 0 || x.s > 1000 || (x.c !== undefined && typeof x.c !== 'string')) {
      throw bad();
    }
    return { ...(x.c !== undefined ? { c: x.c } : {}), n: x.n, s: x.s };
  });
}
