/**
 * Store benchmark: DynamoDB calls and time per operation on the embedded DynamoDB (or the
 * endpoint in DYNAMODB_ENDPOINT). Calls are what costs money on AWS; times here are loopback
 * times of dynalite and only compare the operations with each other.
 *
 *   node bin/run-ts.js bench/store.ts [--articles N]
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Article } from '../lib/article.ts';
import { openEphemeralStore } from '../lib/store/ephemeral.ts';
import type { DynamoArticleStore, Scope } from '../lib/store/index.ts';
import { syntheticArticle, syntheticRegistry } from './lib/synthetic.ts';

const WARDS = 20;

const registry = () => syntheticRegistry(WARDS, 4);
const article = (n: number, body = 'Đảng ủy phường họp giao ban Bí thư chi bộ mở rộng. '.repeat(40)): Article =>
  syntheticArticle(n, { wards: WARDS, startMs: Date.parse('2024-01-01T00:00:00+07:00'), stepMs: 3 * 3600_000, body, id: `bench${n}` });

async function measure<T>(store: DynamoArticleStore, runs: number, fn: (i: number) => Promise<T>) {
  const times: number[] = [];
  const before = { ...store.stats };
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const per = (k: keyof typeof before) => +((store.stats[k] - before[k]) / runs).toFixed(2);
  return {
    p50ms: +times[Math.floor(runs / 2)].toFixed(2),
    p95ms: +times[Math.floor(runs * 0.95)].toFixed(2),
    callsPerOp: per('calls'),
    writesPerOp: per('writes'),
    readsPerOp: per('reads'),
    queriesPerOp: per('queries'),
  };
}

/** A result as a table cell: objects as JSON, the rest as they print. */
function cell(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v === undefined) return String(v);
  return JSON.stringify(v);
}

export async function benchStore(opts: { articles?: number } = {}): Promise<Record<string, unknown>> {
  const total = opts.articles ?? 2000;
  const opened = await openEphemeralStore({ registry: registry(), tablePrefix: 'wardfeed-bench' });
  const store = opened.store;
  const results: Record<string, unknown> = { articles: total, wards: WARDS };
  try {
    const t0 = performance.now();
    for (let i = 0; i < total; i += 32) await Promise.all(Array.from({ length: Math.min(32, total - i) }, (_, k) => store.put(article(i + k))));
    results.loadArticlesPerSec = Math.round(total / ((performance.now() - t0) / 1000));

    results.putNew = await measure(store, 50, (i) => store.put(article(total + i)));
    results.putUnchanged = await measure(store, 50, (i) => store.put(article(i)));
    results.putUnchangedTouch = await measure(store, 50, (i) => store.put({ ...article(i), lastCheckedAt: '2025-08-01T00:00:00+07:00' }, { touch: true }));
    results.putEdited = await measure(store, 50, (i) => store.put({ ...article(i), contentHash: `h${i}-edited` }));
    results.get = await measure(store, 50, (i) => store.get(`bench${i}`));

    const feeds: [string, Scope][] = [
      ['wardFeed30', { kind: 'ward', wardId: 'bench-ward-3' }],
      ['provinceFeed30', { kind: 'province', province: 'Thành phố Hà Nội' }],
      ['districtFeed30', { kind: 'district', province: 'Thành phố Hà Nội', district: 'Quận 1' }],
      ['allFeed30', { kind: 'all' }],
    ];
    for (const [name, scope] of feeds) results[name] = await measure(store, 30, () => store.list(scope, { limit: 30 }));
    results.allFeed1000 = await measure(store, 5, () => store.list({ kind: 'all' }, { limit: 1000 }));
    results.staleArticles10 = await measure(store, 20, () => store.staleArticles('bench-src-1', '2025-07-15T00:00:00+07:00', 10));

    const big = 'Phường Thanh Trì tổ chức hội nghị. '.repeat(60_000); // ~2.3 MB of text
    results.put2MBCompressible = await measure(store, 5, (i) => store.put(article(900_000 + i, big)));
    const noise = randomBytes(1536 * 1024).toString('base64');
    results.put2MBIncompressible = await measure(store, 5, (i) => store.put(article(910_000 + i, noise)));
    const read = await store.get('bench910000');
    results.incompressibleKeptChars = read?.bodyText.length;
    results.incompressibleTruncated = read?.truncated === true;
  } finally {
    await opened.close();
  }
  console.log('| measure | value |\n|---|---|');
  for (const [k, v] of Object.entries(results)) console.log(`| ${k} | ${cell(v)} |`);
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--articles');
  await benchStore({ articles: i > 0 ? Number(process.argv[i + 1]) : undefined });
}
