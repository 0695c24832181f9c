/**
 * Crawl cost on the fixture sites: requests and bytes per new article for a full crawl and for an
 * unchanged re-crawl (a new fetcher, and the same one, which keeps robots.txt: then the whole
 * re-crawl should be one conditional request per listing), store writes per crawled article, wall time. Real HTTPS to the fixture
 * server on 127.0.0.1, real DynamoDB protocol (embedded dynalite, in memory).
 * Alone: `node bin/run-ts.js bench/crawl.ts`.
 */
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../lib/config.ts';
import { crawlAll, createCrawlFetcher, type CrawlRun } from '../lib/crawl/index.ts';
import { loadRegistry } from '../lib/registry/index.ts';
import { openStore, startEmbeddedDynamo } from '../lib/store/index.ts';
import { startFixtureServer } from '../tests/fixtures/server.ts';

export async function benchCrawl(): Promise<Record<string, unknown>> {
  const server = await startFixtureServer({ https: true });
  const registry = loadRegistry(new URL('../tests/fixtures/registry.json', import.meta.url).pathname);
  const db = await startEmbeddedDynamo({ inMemory: true });
  const { store, close } = await openStore({ ...loadConfig(), dynamoEndpoint: db.endpoint, tableName: `bench-crawl-${Date.now()}` }, { registry });
  const newFetcher = () => createCrawlFetcher(registry, { resolve: server.resolve, allowPrivate: true, delayMs: 0, caCerts: [server.caCert!] });
  const kept = newFetcher();
  const listings = registry.sources.reduce((n, s) => n + s.listUrls.length, 0);
  const crawl = async (fetcher = newFetcher(), keep = false) => {
    const writes = store.stats.writes;
    server.resetRequests();
    const t0 = performance.now();
    let run: CrawlRun;
    try {
      run = await crawlAll(registry, { store, fetcher });
    } finally {
      if (!keep) await fetcher.close();
    }
    const ms = performance.now() - t0;
    const sum = (f: (r: CrawlRun['reports'][number]) => number) => run.reports.reduce((n, r) => n + f(r), 0);
    const newArticles = sum((r) => r.new);
    const crawled = newArticles + sum((r) => r.updated) + sum((r) => r.unchanged);
    const storeWrites = store.stats.writes - writes;
    return {
      sources: run.reports.length,
      failed: run.reports.filter((r) => r.error).length,
      newArticles,
      requests: sum((r) => r.requests),
      bytes: sum((r) => r.bytes),
      robotsRequests: server.requests.filter((q) => q.path === '/robots.txt').length,
      notModified: server.requests.filter((q) => q.status === 304).length,
      conditionalRequests: server.requests.filter((q) => q.conditional).length,
      listings,
      articleWrites: storeWrites - run.reports.length,
      storeWrites,
      crawlStateWrites: run.reports.length,
      requestsPerNewArticle: newArticles ? +(sum((r) => r.requests) / newArticles).toFixed(2) : null,
      bytesPerNewArticle: newArticles ? Math.round(sum((r) => r.bytes) / newArticles) : null,
      requestsPerSource: +(sum((r) => r.requests) / run.reports.length).toFixed(2),
      storeWritesPerCrawledArticle: crawled ? +((storeWrites - run.reports.length) / crawled).toFixed(2) : 0,
      wallMs: Math.round(ms),
    };
  };
  try {
    const full = await crawl(kept, true);
    const unchanged = await crawl();
    const unchangedKept = await crawl(kept, true);
    const result = { full, unchanged, unchangedKept };
    const rows = Object.keys(full) as Array<keyof typeof full>;
    console.log('| measure | full crawl | unchanged re-crawl | unchanged, robots.txt kept |\n|---|---:|---:|---:|');
    for (const k of rows) console.log(`| ${k} | ${full[k] ?? '-'} | ${unchanged[k] ?? '-'} | ${unchangedKept[k] ?? '-'} |`);
    return result;
  } finally {
    await kept.close();
    await close();
    await db.close();
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchCrawl();
}
