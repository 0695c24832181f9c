/**
 * What the crawl tests share: the fixture sites over HTTPS on 127.0.0.1, a DynamoDB endpoint
 * (DYNAMODB_ENDPOINT when set, else an embedded dynalite started here), one table per test file,
 * and the fixture expectations read from the `*.expected.json` files.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, ROOT, type Config } from '../../lib/config.ts';
import { crawlAll, createCrawlFetcher, type CrawlRun } from '../../lib/crawl/index.ts';
import type { FetcherOptions } from '../../lib/crawl/fetcher.ts';
import { loadRegistry } from '../../lib/registry/index.ts';
import type { Registry } from '../../lib/registry/types.ts';
import { openStore, startEmbeddedDynamo, type DynamoArticleStore } from '../../lib/store/index.ts';
import { articleId, canonicalizeUrl } from '../../lib/url.ts';
import { DEFAULT_SITES_DIR, startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { fixtureSites } from '../fixtures/sites.ts';
import { parseJson } from '../helpers/json.ts';

export const REGISTRY_FILE = resolve(ROOT, 'tests/fixtures/registry.json');

export interface ExpectedArticle {
  host: string;
  path: string;
  url: string;
  id: string;
  title: string;
  publishedAt?: string;
  datePrecision?: string;
  dateSource?: string;
  viewCount?: number;
  category?: string;
  wardIds: string[];
  seed?: string;
  paragraphs: string[];
}

/** An `*.expected.json` file: the article fields; the ward ids may be absent. */
type ExpectationFile = Omit<ExpectedArticle, 'host' | 'path' | 'url' | 'id' | 'wardIds'> & { wardIds?: string[] };

/** Every fixture article page with its expectations; URLs take the scheme of the host's registry source. */
export function expectedArticles(registry: Registry): ExpectedArticle[] {
  const schemes = new Map<string, string>();
  for (const s of registry.sources) for (const u of s.listUrls) schemes.set(new URL(u).hostname, new URL(u).protocol);
  const out: ExpectedArticle[] = [];
  for (const { name: dir, site } of fixtureSites(DEFAULT_SITES_DIR)) {
    for (const page of site.pages) {
      if (page.kind !== 'article' || !page.expected) continue;
      const exp = parseJson<ExpectationFile>(readFileSync(join(DEFAULT_SITES_DIR, dir, page.expected), 'utf8'));
      const url = `${schemes.get(site.host) ?? 'https:'}//${site.host}${page.path}`;
      out.push({ ...exp, host: site.host, path: page.path, url, id: articleId(canonicalizeUrl(url)), wardIds: exp.wardIds ?? [] });
    }
  }
  return out;
}

/** Every fixture listing page after the first of its listing: host and path (query included). */
export function olderListingPages(registry: Registry): { host: string; path: string }[] {
  const first = new Set(registry.sources.flatMap((s) => s.listUrls.map((u) => `${new URL(u).hostname}${new URL(u).pathname}${new URL(u).search}`)));
  const out: { host: string; path: string }[] = [];
  for (const { site } of fixtureSites(DEFAULT_SITES_DIR)) {
    for (const page of site.pages) if (page.kind === 'listing' && !first.has(`${site.host}${page.path}`)) out.push({ host: site.host, path: page.path });
  }
  return out;
}

/** The NukeViet fixture site, read through its own feed. */
export const NUKEVIET = {
  host: 'nhontrach.dongnai.gov.vn',
  source: 'nhontrach-hoat-dong-chinh-quyen',
  listing: '/vi/news/hoat-dong-chinh-quyen-nha-nuoc/',
  feed: '/vi/news/rss/hoat-dong-chinh-quyen-nha-nuoc/',
  dir: join(DEFAULT_SITES_DIR, 'nhontrach.dongnai.gov.vn'),
};

/** A copy of the NukeViet article 684 under a new id, at the top of the listing (not in the feed); its path. */
export function addNukevietArticle(server: FixtureServer, id: number): string {
  const listing = readFileSync(join(NUKEVIET.dir, 'listing-1.html'), 'utf8');
  const first = listing.match(/<div class="panel panel-default">[\s\S]*?<\/div>\s*<\/div>/)![0];
  const oldPath = first.match(/href="([^"]+-684\.html)"/)![1];
  const newPath = oldPath.replace('-684.html', `-${id}.html`);
  const article = readFileSync(join(NUKEVIET.dir, 'article-684.html'), 'utf8');
  server.addArticle(NUKEVIET.host, NUKEVIET.listing, { path: newPath, html: article.split(oldPath).join(newPath), listingItemHtml: first.split(oldPath).join(newPath) });
  return newPath;
}

/** The NukeViet feed with one item only: article `id` (added with `addNukevietArticle`). */
export function oneItemFeed(id: number): string {
  const rss = readFileSync(join(NUKEVIET.dir, 'rss.xml'), 'utf8');
  const item = rss.match(/<item>[\s\S]*?<\/item>/)![0];
  return rss.replace(/<item>[\s\S]*<\/item>/, item.split('-684.html').join(`-${id}.html`).replace('news_684', `news_${id}`));
}

/** Hosts whose fixture site serves its own RSS or Atom feed: the crawl reads that, not the older listing pages. */
export function feedHosts(): Set<string> {
  const out = new Set<string>();
  for (const { site } of fixtureSites(DEFAULT_SITES_DIR)) {
    if (site.pages.some((p) => /^application\/(?:rss|atom)\+xml/.test(p.contentType ?? ''))) out.add(site.host);
  }
  return out;
}

export interface Harness {
  server: FixtureServer;
  registry: Registry;
  store: DynamoArticleStore;
  config: Config;
  /** One crawl of the registry (or the given one) with a fresh fetcher (so robots.txt is read once per crawl). */
  crawl(opts?: { registry?: Registry; recheckAfterMs?: number; fetcher?: Partial<FetcherOptions>; backfill?: number; maxPages?: number }): Promise<CrawlRun>;
  /** Switches `store` (and later crawls) to a new, empty table on the same endpoint. */
  useNewTable(suffix: string): Promise<DynamoArticleStore>;
  close(): Promise<void>;
}

export async function startHarness(name: string, opts: { latencyMs?: number } = {}): Promise<Harness> {
  const server = await startFixtureServer({ https: true, latencyMs: opts.latencyMs });
  const registry = loadRegistry(REGISTRY_FILE);
  let embedded: Awaited<ReturnType<typeof startEmbeddedDynamo>> | undefined;
  const base = loadConfig();
  if (!base.dynamoEndpoint) embedded = await startEmbeddedDynamo({ inMemory: true });
  const config: Config = {
    ...base,
    dynamoEndpoint: base.dynamoEndpoint ?? embedded!.endpoint,
    tableName: `wardfeed-test-${name}-${process.pid}-${Date.now().toString(36)}`,
    registryFile: REGISTRY_FILE,
  };
  let opened = await openStore(config, { registry });
  const older: Array<() => Promise<void>> = [];
  const harness: Harness = {
    server,
    registry,
    store: opened.store,
    config,
    async useNewTable(suffix: string) {
      const previous = opened;
      older.push(() => previous.close());
      opened = await openStore({ ...config, tableName: `${config.tableName}-${suffix}` }, { registry });
      harness.store = opened.store;
      return opened.store;
    },
    async crawl(o = {}) {
      const reg = o.registry ?? registry;
      const fetcher = createCrawlFetcher(reg, {
        resolve: server.resolve,
        allowPrivate: true,
        delayMs: 0,
        caCerts: [server.caCert!],
        retries: 2,
        retryBaseMs: 2,
        retryMaxMs: 10,
        maxRetryAfterMs: 20,
        headersTimeoutMs: 2000,
        bodyTimeoutMs: 2000,
        ...o.fetcher,
      });
      try {
        return await crawlAll(reg, { store: opened.store, fetcher, recheckAfterMs: o.recheckAfterMs ?? 30 * 86_400_000, maxPages: o.maxPages }, { backfill: o.backfill });
      } finally {
        await fetcher.close();
      }
    },
    async close() {
      for (const c of older) await c();
      await opened.close();
      await embedded?.close();
      await server.close();
    },
  };
  return harness;
}

/** Stored article counts per ward, removed ones included. */
export async function countsByWard(store: DynamoArticleStore, wardIds: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const wardId of wardIds) {
    let n = 0;
    let cursor: string | undefined;
    do {
      const page = await store.list({ kind: 'ward', wardId }, { limit: 100, cursor, includeRemoved: true });
      n += page.items.length;
      cursor = page.cursor;
    } while (cursor);
    out[wardId] = n;
  }
  return out;
}

export function expectedCounts(expected: ExpectedArticle[], wardIds: string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(wardIds.map((w) => [w, 0]));
  for (const e of expected) for (const w of e.wardIds) out[w] = (out[w] ?? 0) + 1;
  return out;
}
