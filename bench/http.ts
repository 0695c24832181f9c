/**
 * Feed serving benchmark: requests/s and latency of ward feeds (200 and 304) from a loopback
 * load generator (autocannon, 127.0.0.1 only), with 1,000 and 100,000 articles stored, and the
 * DynamoDB calls and read units behind each feed request (from `store.stats`), for an unchanged
 * feed whose rendering is kept (one Query of keys) side by side with an app that keeps none (one
 * Query plus one BatchGetItem, rendering and hashing), whatever the table size. The app as it
 * ships also answers a feed from a read of its entries less than a second old
 * (`FEED_REUSE_MS`); the kept path is measured with that and with every request reading. Each is loaded
 * twice: every connection asking for one ward's feed (requests for it at once share the Query in
 * flight) and each request asking for one of the 25 wards' feeds picked at random (seeded), as
 * readers ask independently of each other. Requests ask for
 * gzip, as feed readers and CDNs do.
 * The tables are filled with `importArticles` (BatchWriteItem, 25 items a call); the load time
 * is reported too.
 *
 *   node bin/run-ts.js bench/http.ts [--sizes 1000,100000] [--duration 10] [--connections 10] [--inline-dynamo]
 *
 * Everything runs on one machine: the app, the embedded DynamoDB (dynalite, in a child process
 * so that its gigabyte of table is not collected on the app's time; `--inline-dynamo` keeps it
 * in this process; DYNAMODB_ENDPOINT points elsewhere) and the load generator (a worker thread),
 * so absolute numbers are those of dynalite on loopback; compare the sizes with each other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Article } from '../lib/article.ts';
import { createApp } from '../lib/http/app.ts';
import { FEED_REUSE_MS } from '../lib/http/app-context.ts';
import { startServer } from '../lib/http/server.ts';
import { ROOT } from '../lib/config.ts';
import { openEphemeralStore } from '../lib/store/ephemeral.ts';
import type { DynamoArticleStore } from '../lib/store/index.ts';
import { syntheticArticle, syntheticRegistry } from './lib/synthetic.ts';

/** The part of autocannon's API used here (the package ships no types). */
interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
/** One request of a list autocannon cycles through on each connection. */
interface LoadRequest {
  path?: string;
  headers?: Record<string, string>;
  /** A module autocannon's worker loads to set each request up. */
  setupRequest?: string;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  duration: number;
  connections: number;
  workers?: number;
  requests?: LoadRequest[];
}) => Promise<LoadResult>;
/** Sets each request up for a feed picked at random from `BENCH_HTTP_FEEDS`. */
const RANDOM_FEED = fileURLToPath(new URL('./lib/random-feed-request.cjs', import.meta.url));

/** 25 wards: even at 1,000 articles the measured ward holds more than a feed's 30, so both sizes render the same feed size. */
const WARDS = 25;
/** Articles handed to `importArticles` at once while filling a table. */
const LOAD_CHUNK = 1000;
const BODY = 'Đảng ủy phường Thanh Trì tổ chức hội nghị giao ban Bí thư chi bộ mở rộng, đánh giá kết quả công tác tháng. '.repeat(25);

const registry = () => syntheticRegistry(WARDS, 5);
/** Every request asks for gzip, as feed readers and CDNs do. */
const ASK = { 'Accept-Encoding': 'gzip' };
// One article every 20 minutes, going back from mid-2025.
const article = (n: number): Article => syntheticArticle(n, { wards: WARDS, startMs: Date.parse('2025-06-30T12:00:00+07:00'), stepMs: -20 * 60_000, body: BODY });

interface Run {
  reqPerSec: number;
  p50ms: number;
  p99ms: number;
  requests: number;
  /** Queries the store made per request under load (below 1 when requests shared one). */
  queriesPerRequest: number;
  non2xx: number;
  errors: number;
}

async function load(store: DynamoArticleStore, base: string, requests: LoadRequest[], opts: { duration: number; connections: number }): Promise<Run> {
  const queriesBefore = store.stats.queries;
  const r = await autocannon({ url: base, requests, duration: opts.duration, connections: opts.connections, workers: 1 });
  return {
    reqPerSec: Math.round(r.requests.average),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    requests: r.requests.total,
    queriesPerRequest: +((store.stats.queries - queriesBefore) / Math.max(r.requests.total, 1)).toFixed(2),
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/**
 * The embedded DynamoDB in a process of its own: with 100,000 articles its in-memory table is
 * over a gigabyte, and in the app's process its garbage collection would be timed as feed latency.
 */
async function startDynamoProcess(): Promise<{ endpoint: string; stop(): void }> {
  const code = `import dynalite from 'dynalite';
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));`;
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      seen += c;
      const m = /port (\d+)/.exec(seen);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`bench http: DynamoDB process exited with ${code}`)));
  });
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** Fills the table with articles 0..size-1 through the bulk import, chunk by chunk (bounded memory). */
async function fill(store: DynamoArticleStore, size: number): Promise<{ sec: number; calls: number }> {
  const before = store.stats.calls;
  const t0 = performance.now();
  for (let from = 0; from < size; from += LOAD_CHUNK) {
    const chunk = Array.from({ length: Math.min(LOAD_CHUNK, size - from) }, (_, k) => article(from + k));
    const r = await store.importArticles(chunk);
    if (r.new !== chunk.length) throw new Error(`bench http: expected ${chunk.length} new articles, import said ${r.new}`);
  }
  return { sec: (performance.now() - t0) / 1000, calls: store.stats.calls - before };
}

/** The store alone, no HTTP: the median of `n` sequential reads of the ward feed's page (Query + BatchGetItem). */
async function storeReadP50(store: DynamoArticleStore, wardId: string, n = 200): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await store.list({ kind: 'ward', wardId }, { limit: 30 });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return +times[Math.floor(n / 2)].toFixed(1);
}

/** DynamoDB calls and read units behind one request. */
async function callsPerRequest(store: DynamoArticleStore, url: string, headers: Record<string, string> = {}) {
  const before = { ...store.stats };
  const res = await fetch(url, { headers: { ...ASK, ...headers } });
  await res.arrayBuffer();
  const s = store.stats;
  return { status: res.status, calls: s.calls - before.calls, queries: s.queries - before.queries, reads: s.reads - before.reads, readUnits: +(s.readUnits - before.readUnits).toFixed(1) };
}

type Calls = Awaited<ReturnType<typeof callsPerRequest>>;

interface PathResult {
  /** Every connection asks for the same feed. */
  ok: Run;
  notModified: Run;
  /** Each request asks for one of the wards' feeds, picked at random. */
  spreadOk: Run;
  spreadNotModified: Run;
  one: Calls;
  oneNotModified: Calls;
}

/** The ETag of each feed, fetched once (which also renders and keeps each). */
async function etagsOf(base: string, paths: string[]): Promise<string[]> {
  return Promise.all(paths.map(async (p) => {
    const res = await fetch(`${base}${p}`, { headers: ASK });
    await res.arrayBuffer();
    return res.headers.get('etag')!;
  }));
}

/**
 * One way of serving (kept renderings or none), measured: calls of one request, then load for 200
 * and 304, on one feed and on any ward's feed picked per request.
 */
async function measurePath(store: DynamoArticleStore, base: string, paths: string[], duration: number, connections: number, reuseMs: number): Promise<PathResult> {
  const etags = await etagsOf(base, paths);
  const url = `${base}${paths[0]}`;
  // "One request alone" is one whose feed was not read within the reuse window.
  const pastReuse = () => new Promise((r) => setTimeout(r, reuseMs > 0 ? reuseMs + 50 : 0));
  await pastReuse();
  const oneCalls = await callsPerRequest(store, url);
  await pastReuse();
  const oneNotModifiedCalls = await callsPerRequest(store, url, { 'If-None-Match': etags[0] });
  if (oneCalls.status !== 200 || oneNotModifiedCalls.status !== 304) throw new Error(`bench http: expected 200 and 304, got ${oneCalls.status} and ${oneNotModifiedCalls.status}`);
  const opts = { duration, connections };
  const one = [{ path: paths[0], headers: ASK }];
  const oneNotModified = [{ path: paths[0], headers: { ...ASK, 'If-None-Match': etags[0] } }];
  // Any feed, picked per request: the worker reads the list from its environment.
  const anyFeed = (withEtags: boolean) => {
    process.env.BENCH_HTTP_FEEDS = JSON.stringify(paths.map((path, i) => ({ path, headers: withEtags ? { ...ASK, 'If-None-Match': etags[i] } : ASK })));
    return [{ setupRequest: RANDOM_FEED }];
  };
  // Warm-up, so the first measured path does not pay for the JIT.
  await load(store, base, one, { duration: 2, connections });
  return {
    ok: await load(store, base, one, opts),
    notModified: await load(store, base, oneNotModified, opts),
    spreadOk: await load(store, base, anyFeed(false), opts),
    spreadNotModified: await load(store, base, anyFeed(true), opts),
    one: oneCalls,
    oneNotModified: oneNotModifiedCalls,
  };
}

export async function benchHttp(
  opts: { sizes?: number[]; duration?: number; connections?: number; inlineDynamo?: boolean } = {},
): Promise<Record<string, unknown>> {
  const sizes = opts.sizes ?? [1_000, 100_000];
  const duration = opts.duration ?? 10;
  const connections = opts.connections ?? 10;
  // DYNAMODB_ENDPOINT, when set, is used as it is; else dynalite runs in a process of its own
  // unless asked to share this one.
  const external = process.env.DYNAMODB_ENDPOINT || opts.inlineDynamo ? undefined : await startDynamoProcess();
  if (external) process.env.DYNAMODB_ENDPOINT = external.endpoint;
  try {
    return await benchSizes(sizes, duration, connections, process.env.DYNAMODB_ENDPOINT ? (external ? 'dynalite, own process' : process.env.DYNAMODB_ENDPOINT) : 'dynalite, in this process');
  } finally {
    if (external) {
      delete process.env.DYNAMODB_ENDPOINT;
      external.stop();
    }
  }
}

/**
 * Each size: the same table served by three apps side by side: two keeping their renderings (an
 * unchanged feed is at most one Query of keys; one reuses a read for a second, as shipped, one
 * reads for every request) and one keeping none (every request reads the articles,
 * renders and hashes: the path of a changed feed, and of every request before renderings were kept).
 */
async function benchSizes(sizes: number[], duration: number, connections: number, dynamo: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { wards: WARDS, durationSec: duration, connections, feed: 'ward feed, RSS, limit 30', dynamo };
  const rows: string[] = [];
  const ratios: string[] = [];
  for (const size of sizes) {
    const opened = await openEphemeralStore({ registry: registry(), tablePrefix: 'wardfeed-bench-http' });
    const kept = await startServer(createApp({ store: opened.store, registry: registry() }));
    const everyRead = await startServer(createApp({ store: opened.store, registry: registry(), feedReuseMs: 0 }));
    const uncached = await startServer(createApp({ store: opened.store, registry: registry(), feedCacheBytes: 0, feedReuseMs: 0 }));
    try {
      const loaded = await fill(opened.store, size);
      console.error(`bench http: ${size} articles loaded in ${loaded.sec.toFixed(1)} s`);
      // The measured ward first; then every other ward's feed.
      const feeds = [7, ...Array.from({ length: WARDS }, (_, n) => n).filter((n) => n !== 7)].map((n) => `/feeds/bench-ward-${n}.rss`);
      const items = ((await (await fetch(`${kept.url}${feeds[0]}`)).text()).match(/<item>/g) ?? []).length;
      const storeP50 = await storeReadP50(opened.store, 'bench-ward-7');
      const paths = {
        uncached: await measurePath(opened.store, uncached.url, feeds, duration, connections, 0),
        everyRead: await measurePath(opened.store, everyRead.url, feeds, duration, connections, 0),
        kept: await measurePath(opened.store, kept.url, feeds, duration, connections, FEED_REUSE_MS),
      };
      out[`articles${size}`] = {
        articles: size,
        loadSec: +loaded.sec.toFixed(1),
        loadPerSec: Math.round(size / loaded.sec),
        loadDynamoCalls: loaded.calls,
        itemsInFeed: items,
        storeReadP50ms: storeP50,
        ...paths,
        rssMB: Math.round(process.memoryUsage().rss / 1e6),
      };
      const calls = (c: Calls) => `${c.calls} (${c.queries} Query, ${c.reads} BatchGet), ${c.readUnits} RCU`;
      for (const [name, r] of Object.entries(paths)) {
        const how = { kept: `unchanged feed, rendering kept, entries reused ${FEED_REUSE_MS / 1000} s (default)`, everyRead: 'unchanged feed, rendering kept, entries read per request', uncached: 'no rendering kept' }[name];
        for (const [feedsAsked, ok, nm] of [['1 feed', r.ok, r.notModified], [`any of ${WARDS} feeds`, r.spreadOk, r.spreadNotModified]] as const) {
          rows.push(`| ${size.toLocaleString('en')} | ${how} | ${feedsAsked} | ${ok.reqPerSec} | ${ok.p50ms} / ${ok.p99ms} | ${nm.reqPerSec} | ${nm.p50ms} / ${nm.p99ms} | ${ok.queriesPerRequest} / ${nm.queriesPerRequest} | ${calls(r.one)} | ${calls(r.oneNotModified)} |`);
        }
      }
      const x = (a: number, b: number) => +(a / Math.max(b, 1)).toFixed(1);
      const { kept: k, everyRead: e, uncached: u } = paths;
      ratios.push(`${size.toLocaleString('en')} articles (${items} items, store read p50 ${storeP50} ms, loaded in ${loaded.sec.toFixed(1)} s): kept vs none, 1 feed: 200 req/s x${x(k.ok.reqPerSec, u.ok.reqPerSec)}, 304 x${x(k.notModified.reqPerSec, u.notModified.reqPerSec)}; any of ${WARDS} feeds: 200 x${x(k.spreadOk.reqPerSec, u.spreadOk.reqPerSec)}, 304 x${x(k.spreadNotModified.reqPerSec, u.spreadNotModified.reqPerSec)}; read per request vs none, any of ${WARDS}: 200 x${x(e.spreadOk.reqPerSec, u.spreadOk.reqPerSec)}`);
      console.error(`bench http: ${size} articles done`);
    } finally {
      await kept.close();
      await everyRead.close();
      await uncached.close();
      await opened.close();
    }
  }
  console.log('| articles stored | path | feeds asked | 200 req/s | 200 p50 / p99 ms | 304 req/s | 304 p50 / p99 ms | Queries per request under load, 200 / 304 | DynamoDB per 200 alone | DynamoDB per 304 alone |');
  console.log('|---|---|---|---:|---:|---:|---:|---:|---|---|');
  for (const r of rows) console.log(r);
  console.log('');
  for (const r of ratios) console.log(r);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const sizes = arg('--sizes')?.split(',').map(Number);
  const r = await benchHttp({
    sizes,
    duration: arg('--duration') ? Number(arg('--duration')) : undefined,
    connections: arg('--connections') ? Number(arg('--connections')) : undefined,
    inlineDynamo: process.argv.includes('--inline-dynamo'),
  });
  console.log(JSON.stringify(r, null, 2));
  process.exit(0);
}
