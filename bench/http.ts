/**
 * Feed serving benchmark: requests/s and latency of one ward feed (200 and 304) from a loopback
 * load generator (autocannon, 127.0.0.1 only), with a small and a large table, and the DynamoDB
 * calls behind each feed request (from `store.stats`). A ward feed is one Query on the ward's
 * partition plus one BatchGetItem, whatever the table size: latency should not grow with it.
 *
 *   node bin/run-ts.js bench/http.ts [--sizes 1000,20000] [--duration 10] [--connections 10]
 *
 * Everything runs on one machine: the app, the embedded DynamoDB (dynalite, in this process)
 * and the load generator (a worker thread), so absolute numbers are those of dynalite on
 * loopback; compare the sizes with each other.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Article } from '../lib/article.ts';
import { createApp } from '../lib/http/app.ts';
import { startServer } from '../lib/http/server.ts';
import type { Registry } from '../lib/registry/types.ts';
import { openEphemeralStore } from '../lib/store/ephemeral.ts';

/** The part of autocannon's API used here (the package ships no types). */
interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  duration: number;
  connections: number;
  workers?: number;
  headers?: Record<string, string>;
}) => Promise<LoadResult>;

const WARDS = 50;
const LOAD_CONCURRENCY = 48;
const BODY = 'Đảng ủy phường Thanh Trì tổ chức hội nghị giao ban Bí thư chi bộ mở rộng, đánh giá kết quả công tác tháng. '.repeat(25);

function registry(): Registry {
  return {
    file: 'bench',
    sources: [],
    wards: Array.from({ length: WARDS }, (_, n) => ({
      id: `bench-ward-${n}`,
      name: `Phường Số ${n}`,
      province: n % 2 ? 'Thành phố Hà Nội' : 'Tỉnh An Giang',
      legacyDistrict: `Quận ${n % 5}`,
      status: 'active' as const,
    })),
  };
}

function article(n: number): Article {
  const url = `https://bench.hanoi.gov.vn/tin-tuc/-/view_content/${n}-tin-so-${n}.html`;
  return {
    id: n.toString(16).padStart(20, '0'),
    url,
    canonicalUrl: url,
    wardIds: [`bench-ward-${n % WARDS}`],
    sourceId: `bench-src-${n % WARDS}`,
    title: `Tin số ${n}: hội nghị giao ban tháng`,
    // One article every 20 minutes, going back from mid-2025.
    publishedAt: new Date(Date.parse('2025-06-30T12:00:00+07:00') - n * 20 * 60_000).toISOString(),
    datePrecision: 'minute',
    dateSource: 'page',
    category: 'Tin tức',
    summary: 'Hội nghị giao ban tháng của Đảng ủy phường.',
    bodyHtml: `<p>${BODY}</p>`,
    bodyText: BODY,
    images: [],
    attachments: [],
    profile: 'bench',
    contentHash: `h${n}`,
    firstSeenAt: '2025-07-01T00:00:00+07:00',
    lastCheckedAt: '2025-07-01T00:00:00+07:00',
    revisions: 0,
  };
}

interface Run {
  reqPerSec: number;
  p50ms: number;
  p99ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, opts: { duration: number; connections: number; headers?: Record<string, string> }): Promise<Run> {
  const r = await autocannon({ url, duration: opts.duration, connections: opts.connections, headers: opts.headers, workers: 1 });
  return {
    reqPerSec: Math.round(r.requests.average),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

export async function benchHttp(opts: { sizes?: number[]; duration?: number; connections?: number } = {}): Promise<Record<string, unknown>> {
  const sizes = opts.sizes ?? [1_000, 20_000];
  const duration = opts.duration ?? 10;
  const connections = opts.connections ?? 10;
  const out: Record<string, unknown> = { wards: WARDS, durationSec: duration, connections, feed: 'ward feed, RSS, limit 30' };
  const rows: string[] = [];
  for (const size of sizes) {
    const opened = await openEphemeralStore({ registry: registry(), tablePrefix: 'wardfeed-bench-http' });
    const server = await startServer(createApp({ store: opened.store, registry: registry() }));
    try {
      const t0 = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: LOAD_CONCURRENCY }, async () => {
          while (next < size) await opened.store.put(article(next++));
        }),
      );
      const loadSec = (performance.now() - t0) / 1000;
      const url = `${server.url}/feeds/bench-ward-7.rss`;
      const first = await fetch(url);
      const etag = first.headers.get('etag')!;
      const items = ((await first.text()).match(/<item>/g) ?? []).length;

      const before = { ...opened.store.stats };
      await (await fetch(url)).text();
      const one = { calls: opened.store.stats.calls - before.calls, queries: opened.store.stats.queries - before.queries, reads: opened.store.stats.reads - before.reads };

      const ok = await load(url, { duration, connections });
      const notModified = await load(url, { duration, connections, headers: { 'If-None-Match': etag } });
      const result = { articles: size, loadSec: +loadSec.toFixed(1), loadPerSec: Math.round(size / loadSec), itemsInFeed: items, dynamoCallsPerFeedRequest: one, status200: ok, status304: notModified };
      out[`articles${size}`] = result;
      rows.push(`| ${size.toLocaleString('en')} | ${ok.reqPerSec} | ${ok.p50ms} | ${ok.p99ms} | ${notModified.reqPerSec} | ${notModified.p50ms} | ${notModified.p99ms} | ${one.calls} (${one.queries} Query, ${one.reads} BatchGet) | ${result.loadSec} s |`);
      console.error(`bench http: ${size} articles done`);
    } finally {
      await server.close();
      await opened.close();
    }
  }
  console.log('| articles stored | 200 req/s | 200 p50 ms | 200 p99 ms | 304 req/s | 304 p50 ms | 304 p99 ms | DynamoDB calls / feed request | bulk load |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const sizes = arg('--sizes')?.split(',').map(Number);
  const r = await benchHttp({ sizes, duration: arg('--duration') ? Number(arg('--duration')) : undefined, connections: arg('--connections') ? Number(arg('--connections')) : undefined });
  console.log(JSON.stringify(r, null, 2));
  process.exit(0);
}
