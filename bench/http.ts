/**
 * Feed serving benchmark: requests/s and latency of one ward feed (200 and 304) from a loopback
 * load generator (autocannon, 127.0.0.1 only), with 1,000 and 100,000 articles stored, and the
 * DynamoDB calls behind each feed request (from `store.stats`). A ward feed is one Query on the
 * ward's partition plus one BatchGetItem, whatever the table size: latency should not grow with it.
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
import { pathToFileURL } from 'node:url';
import type { Article } from '../lib/article.ts';
import { createApp } from '../lib/http/app.ts';
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
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  duration: number;
  connections: number;
  workers?: number;
  headers?: Record<string, string>;
}) => Promise<LoadResult>;

/** 25 wards: even at 1,000 articles the measured ward holds more than a feed's 30, so both sizes render the same feed size. */
const WARDS = 25;
/** Articles handed to `importArticles` at once while filling a table. */
const LOAD_CHUNK = 1000;
const BODY = 'Đảng ủy phường Thanh Trì tổ chức hội nghị giao ban Bí thư chi bộ mở rộng, đánh giá kết quả công tác tháng. '.repeat(25);

const registry = () => syntheticRegistry(WARDS, 5);
// One article every 20 minutes, going back from mid-2025.
const article = (n: number): Article => syntheticArticle(n, { wards: WARDS, startMs: Date.parse('2025-06-30T12:00:00+07:00'), stepMs: -20 * 60_000, body: BODY });

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

/** DynamoDB calls behind one request, by kind. */
async function callsPerRequest(store: DynamoArticleStore, url: string, headers: Record<string, string> = {}) {
  const before = { ...store.stats };
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  return { status: res.status, calls: store.stats.calls - before.calls, queries: store.stats.queries - before.queries, reads: store.stats.reads - before.reads };
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

async function benchSizes(sizes: number[], duration: number, connections: number, dynamo: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { wards: WARDS, durationSec: duration, connections, feed: 'ward feed, RSS, limit 30', dynamo };
  const rows: string[] = [];
  const results: { size: number; ok: Run; notModified: Run }[] = [];
  for (const size of sizes) {
    const opened = await openEphemeralStore({ registry: registry(), tablePrefix: 'wardfeed-bench-http' });
    const server = await startServer(createApp({ store: opened.store, registry: registry() }));
    try {
      const loaded = await fill(opened.store, size);
      console.error(`bench http: ${size} articles loaded in ${loaded.sec.toFixed(1)} s`);
      const url = `${server.url}/feeds/bench-ward-7.rss`;
      const first = await fetch(url);
      const etag = first.headers.get('etag')!;
      const items = ((await first.text()).match(/<item>/g) ?? []).length;

      const one = await callsPerRequest(opened.store, url);
      const oneNotModified = await callsPerRequest(opened.store, url, { 'If-None-Match': etag });
      if (one.status !== 200 || oneNotModified.status !== 304) throw new Error(`bench http: expected 200 and 304, got ${one.status} and ${oneNotModified.status}`);

      const storeP50 = await storeReadP50(opened.store, 'bench-ward-7');
      // Warm-up, so the first size does not pay for the JIT and the second for nothing.
      await load(url, { duration: 2, connections });
      const ok = await load(url, { duration, connections });
      const notModified = await load(url, { duration, connections, headers: { 'If-None-Match': etag } });
      const result = {
        articles: size,
        loadSec: +loaded.sec.toFixed(1),
        loadPerSec: Math.round(size / loaded.sec),
        loadDynamoCalls: loaded.calls,
        itemsInFeed: items,
        storeReadP50ms: storeP50,
        dynamoCallsPerFeedRequest: one,
        dynamoCallsPer304: oneNotModified,
        status200: ok,
        status304: notModified,
        rssMB: Math.round(process.memoryUsage().rss / 1e6),
      };
      out[`articles${size}`] = result;
      results.push({ size, ok, notModified });
      const calls = (c: typeof one) => `${c.calls} (${c.queries} Query, ${c.reads} BatchGet)`;
      rows.push(`| ${size.toLocaleString('en')} | ${items} | ${storeP50} | ${ok.reqPerSec} | ${ok.p50ms} | ${ok.p99ms} | ${notModified.reqPerSec} | ${notModified.p50ms} | ${notModified.p99ms} | ${calls(one)} | ${calls(oneNotModified)} | ${result.loadSec} s (${result.loadPerSec}/s) |`);
      console.error(`bench http: ${size} articles done`);
    } finally {
      await server.close();
      await opened.close();
    }
  }
  console.log('| articles stored | items in feed | store read p50 ms | 200 req/s | 200 p50 ms | 200 p99 ms | 304 req/s | 304 p50 ms | 304 p99 ms | DynamoDB calls / 200 | DynamoDB calls / 304 | bulk load |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  if (results.length > 1) {
    const [small, big] = [results[0], results[results.length - 1]];
    const growth = {
      p50Ratio200: +(big.ok.p50ms / Math.max(small.ok.p50ms, 1)).toFixed(2),
      p50Ratio304: +(big.notModified.p50ms / Math.max(small.notModified.p50ms, 1)).toFixed(2),
      reqPerSecRatio200: +(big.ok.reqPerSec / Math.max(small.ok.reqPerSec, 1)).toFixed(2),
    };
    out.growth = growth;
    console.log(`\n${big.size.toLocaleString('en')} vs ${small.size.toLocaleString('en')} articles: 200 p50 x${growth.p50Ratio200}, 304 p50 x${growth.p50Ratio304}, 200 req/s x${growth.reqPerSecRatio200}`);
  }
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
