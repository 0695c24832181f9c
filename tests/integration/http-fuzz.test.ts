/**
 * Whatever a client sends, the app answers 2xx, 3xx or 4xx: generated paths and query strings
 * (Vietnamese, overlong, percent-garbage, NUL bytes, injection-looking values) against the real
 * app over HTTP, backed by the embedded DynamoDB.
 */
import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../lib/http/app.ts';
import { startServer, type RunningServer } from '../../lib/http/server.ts';
import { openEphemeralStore } from '../../lib/store/ephemeral.ts';
import type { OpenedStore } from '../../lib/store/index.ts';
import { seedArticles, seedRegistry } from '../helpers/seed-articles.ts';

const registry = seedRegistry();
let opened: OpenedStore;
let server: RunningServer;
const errors: unknown[] = [];

beforeAll(async () => {
  opened = await openEphemeralStore({ registry });
  for (const a of seedArticles()) await opened.store.put(a);
  server = await startServer(createApp({ store: opened.store, registry, log: (e) => errors.push(e) }));
});

afterAll(async () => {
  await server?.close();
  await opened?.close();
});

function request(method: string, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path: target, headers: { 'Accept-Encoding': 'br, gzip' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Percent-encodes what may not appear raw in a request target, leaving `%` alone so garbage escapes reach the app. */
function target(s: string): string {
  return [...s]
    .map((ch) => {
      if (/[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/.test(ch)) return ch;
      // A lone surrogate has no UTF-8 form: send the bytes a broken encoder would (CESU-8).
      if (/^[\uD800-\uDFFF]$/.test(ch)) return '%ED%A0%80';
      return encodeURIComponent(ch);
    })
    .join('');
}

const nasty = fc.constantFrom(
  'Thùy', 'Thuỳ', 'thuy', 'Phường Thanh Trì', 'Thành phố Hà Nội', 'thanh-pho-ha-noi', 'quan-long-bien', 'ĐỨC GIANG', 'hoà', 'hòa',
  '%', '%zz', '%C3', '%C3%28', '%00', '%FF%FE', '%%%', '%u0041', '\u0000', 'a\u0000b', '\uFFFF', '\uD800',
  "' OR '1'='1", '"; DROP TABLE wardfeed; --', '<script>alert(1)</script>', '${jndi:ldap://x/a}', '{{7*7}}', '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd', '__proto__', 'constructor', 'null', 'undefined', 'NaN', '-1', '0', '1e309', '99999999999999999999',
  '2021-02-30', '2021-13-01', '1969-12-31', '2021-01-15T16:12:00+07:00', '2021-01-15T25:00:00Z', 'all', 'json', 'csv', 'ndjson', 'xml',
  'a'.repeat(10_240), 'ư'.repeat(1_000), ' ', '', '&&&', '===', '#frag', '?', '//',
);

const value = fc.oneof(nasty, fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.integer().map(String));
const key = fc.oneof(
  { arbitrary: fc.constantFrom('ward', 'province', 'district', 'from', 'to', 'q', 'limit', 'cursor', 'format', 'bom', 'id'), weight: 3 },
  { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
);
// Unknown parameters are refused with 400 everywhere, so plain addresses come often enough to reach the replies.
const query = fc.oneof(fc.constant(''), fc.array(fc.tuple(key, value), { maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')));
const segment = fc.oneof(nasty, fc.string({ maxLength: 20 }), fc.constantFrom('thanh-tri-hoang-mai', 'thinh-liet-hoang-mai', 'all', 'thanh-pho-ha-noi', 'quan-hoang-mai'));
const ext = fc.constantFrom('.rss', '.atom', '.json', '.xml', '', '.rss.rss');
const path = fc.oneof(
  fc.constantFrom('/', '/opml', '/feeds.opml', '/api/articles', '/api/status', '/healthz', '/search', '/feeds/', '/api/', '/wards/'),
  fc.tuple(segment, ext).map(([s, e]) => `/feeds/${s}${e}`),
  fc.tuple(segment, ext).map(([s, e]) => `/feeds/province/${s}${e}`),
  fc.tuple(segment, ext).map(([s, e]) => `/feeds/district/${s}${e}`),
  segment.map((s) => `/api/articles/${s}`),
  segment.map((s) => `/wards/${s}`),
  fc.string({ maxLength: 40 }).map((s) => `/${s}`),
);
const method = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'OPTIONS', 'POST');

it('answers every generated request without a 5xx', async () => {
  const seen = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(method, path, query, async (m, p, q) => {
      const status = await request(m, target(q ? `${p}?${q}` : p));
      seen.set(status, (seen.get(status) ?? 0) + 1);
      expect(status, `${m} ${p}?${q.slice(0, 200)}`).toBeGreaterThanOrEqual(200);
      expect(status, `${m} ${p}?${q.slice(0, 200)}`).toBeLessThan(500);
    }),
    { numRuns: 600, seed: 20250701 },
  );
  expect(errors).toEqual([]);
  // The generator reaches both the happy paths and the refusals.
  expect(seen.get(200) ?? 0).toBeGreaterThan(20);
  expect([...seen.keys()].some((s) => s === 400)).toBe(true);
  expect([...seen.keys()].some((s) => s === 404)).toBe(true);
}, 120_000);
