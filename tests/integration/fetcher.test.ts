/**
 * The fetcher against the fixture server over real HTTP and HTTPS on 127.0.0.1, with every fault
 * switch. Sites are written to a temp dir so the tests do not depend on the fixture pages.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { USER_AGENT } from '../../lib/config.ts';
import { WardfeedError } from '../../lib/errors.ts';
import { createFetcher, TLS_CHAIN_HINT, type Fetcher, type FetcherOptions } from '../../lib/crawl/fetcher.ts';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { readSite } from '../fixtures/sites.ts';

const A = 'a.example.vn';
const B = 'b.example.vn';
const C = 'closed.example.vn';

/** windows-1258 has precomposed vowels but separate tone marks: write tones as combining marks. */
function cp1258(text: string): Buffer {
  const fits = (s: string) => iconv.decode(iconv.encode(s, 'windows-1258'), 'windows-1258') === s;
  const parts = [...text].map((c) => {
    if (fits(c)) return c;
    const d = c.normalize('NFD');
    const head = (d[0] + (d[1] ?? '')).normalize('NFC');
    return fits(head) && head.length === 1 ? head + d.slice(2) : d;
  });
  return iconv.encode(parts.join(''), 'windows-1258');
}

function writeSites(dir: string) {
  const site = (host: string, robots: string | undefined, pages: Array<{ path: string; file: string; body: string | Buffer; charset?: string; kind?: string }>) => {
    mkdirSync(join(dir, host), { recursive: true });
    for (const p of pages) writeFileSync(join(dir, host, p.file), p.body);
    writeFileSync(
      join(dir, host, 'site.json'),
      JSON.stringify({ host, robots, pages: pages.map((p) => ({ kind: 'article', ...p, body: undefined })) }),
    );
  };
  site(A, 'User-agent: *\nDisallow: /private\n\nUser-agent: wardfeed\nDisallow: /private\nDisallow: /only-for-others\n', [
    { path: '/news', file: 'news.html', body: '<html><body><a href="/news/1.html">Một</a></body></html>', kind: 'listing' },
    { path: '/news/1.html', file: 'n1.html', body: '<html><head><meta charset="utf-8"></head><body><p>Phường Thanh Trì</p></body></html>' },
    { path: '/private/x.html', file: 'px.html', body: '<p>private</p>' },
    { path: '/old.html', file: 'old.html', body: cp1258('<html><body><p>Thuỳ Hoà phường Đức Giang</p></body></html>'), charset: 'windows-1258' },
    { path: '/meta.html', file: 'meta.html', body: cp1258('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body><p>Hoà phường</p></body></html>') },
  ]);
  // The meta page is served without a charset in Content-Type, so the fetcher must read the <meta>.
  const sj = readSite(A, dir);
  sj.pages.find((p) => p.path === '/meta.html')!.contentType = 'text/html';
  writeFileSync(join(dir, A, 'site.json'), JSON.stringify(sj));
  site(B, 'User-agent: *\nCrawl-delay: 0.3\n', [{ path: '/x', file: 'x.html', body: '<p>b</p>' }]);
  site(C, 'User-agent: *\nDisallow: /\n', [{ path: '/news', file: 'news.html', body: '<p>closed</p>' }]);
}

let dir: string;
let server: FixtureServer;
const fetchers: Fetcher[] = [];

function fetcher(extra: Partial<FetcherOptions> = {}): Fetcher {
  const f = createFetcher({
    resolve: server.resolve,
    allowPrivate: true,
    allowedHosts: [A, B, C],
    delayMs: 0,
    retryBaseMs: 5,
    retryMaxMs: 20,
    caCerts: [server.caCert!],
    headersTimeoutMs: 2000,
    bodyTimeoutMs: 2000,
    ...extra,
  });
  fetchers.push(f);
  return f;
}

async function failure(p: Promise<unknown>): Promise<WardfeedError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WardfeedError) return e;
    throw e;
  }
  throw new Error('expected the fetch to fail');
}

const articleRequests = (path: string) => server.requests.filter((r) => r.path === path);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wardfeed-fetcher-'));
  writeSites(dir);
  server = await startFixtureServer({ sitesDir: dir, https: true });
});
afterEach(async () => {
  server.clearFaults();
  server.resetRequests();
  await Promise.all(fetchers.splice(0).map((f) => f.close()));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('fetcher', () => {
  it('fetches over HTTP and HTTPS through the resolve override, with the identifying User-Agent', async () => {
    const f = fetcher();
    const plain = await f.fetch(`http://${A}/news/1.html`);
    const secure = await f.fetch(`https://${A}/news/1.html`);
    expect(plain.status).toBe(200);
    expect(plain.text).toContain('Phường Thanh Trì');
    expect(secure.text).toBe(plain.text);
    expect(server.requests.every((r) => r.userAgent === USER_AGENT)).toBe(true);
    // robots.txt once per origin, then the page
    expect(server.requests.map((r) => r.path)).toEqual(['/robots.txt', '/news/1.html', '/robots.txt', '/news/1.html']);
    const stats = f.stats();
    expect(stats.requests).toBe(4);
    expect(stats.byHost[A].requests).toBe(4);
    expect(stats.bytes).toBeGreaterThan(plain.body.length);
  });

  it('makes conditional requests and reports 304 as not modified', async () => {
    const f = fetcher();
    const first = await f.fetch(`http://${A}/news`);
    expect(first.etag).toMatch(/^"/);
    const second = await f.fetch(`http://${A}/news`, { etag: first.etag, lastModified: first.lastModified });
    expect(second.notModified).toBe(true);
    expect(second.status).toBe(304);
    const byLastModified = await f.fetch(`http://${A}/news`, { lastModified: first.lastModified });
    expect(byLastModified.notModified).toBe(true);
    expect(articleRequests('/news').map((r) => [r.status, r.conditional])).toEqual([[200, false], [304, true], [304, true]]);
  });

  it('decodes windows-1258 named by Content-Type or by <meta http-equiv>', async () => {
    const f = fetcher();
    const byHeader = await f.fetch(`http://${A}/old.html`);
    expect(byHeader.charset).toBe('windows-1258');
    expect(byHeader.text).toContain('Thuỳ Hoà phường Đức Giang');
    const byMeta = await f.fetch(`http://${A}/meta.html`);
    expect(byMeta.charset).toBe('windows-1258');
    expect(byMeta.text).toContain('<p>Hoà phường</p>');
  });

  it('retries 5xx with backoff and succeeds when the site recovers', async () => {
    server.setFault(A, '/news/1.html', { kind: '5xx', times: 2 });
    const f = fetcher();
    const res = await f.fetch(`http://${A}/news/1.html`);
    expect(res.status).toBe(200);
    expect(articleRequests('/news/1.html').map((r) => r.status)).toEqual([503, 503, 200]);
    expect(f.stats().retries).toBe(2);
  });

  it('gives up after the configured retries with http-status', async () => {
    server.setFault(A, '/news/1.html', { kind: '5xx', times: 100 });
    const f = fetcher({ retries: 3 });
    const err = await failure(f.fetch(`http://${A}/news/1.html`));
    expect(err.kind).toBe('http-status');
    expect(err.status).toBe(503);
    expect(articleRequests('/news/1.html')).toHaveLength(4);
    expect(f.stats().retries).toBe(3);
  });

  it('honours Retry-After on 429', async () => {
    server.setFault(A, '/news/1.html', { kind: '429', retryAfter: 1, times: 1 });
    const f = fetcher();
    await f.fetch(`http://${A}/news/1.html`);
    const [first, second] = articleRequests('/news/1.html');
    expect([first.status, second.status]).toEqual([429, 200]);
    expect(second.time - first.time).toBeGreaterThanOrEqual(950);
  });

  it('caps a long Retry-After', async () => {
    server.setFault(A, '/news/1.html', { kind: '429', retryAfter: 3600, times: 1 });
    const f = fetcher({ maxRetryAfterMs: 50 });
    const started = Date.now();
    await f.fetch(`http://${A}/news/1.html`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a stalled answer and retries it', async () => {
    server.setFault(A, '/news/1.html', { kind: 'stall', ms: 1500 });
    const f = fetcher({ retries: 1 });
    const err = await failure(f.fetch(`http://${A}/news/1.html`, { timeoutMs: 200 }));
    expect(err.kind).toBe('timeout');
    expect(articleRequests('/news/1.html')).toHaveLength(2);
  });

  it('a body dripping one byte at a time meets the overall deadline as a timeout', async () => {
    // Every 20 ms a byte: the idle timeouts (2 s here) never trip, the request deadline does.
    server.setFault(A, '/news/1.html', { kind: 'drip', intervalMs: 20 });
    const started = Date.now();
    const perRequest = await failure(fetcher({ retries: 0 }).fetch(`http://${A}/news/1.html`, { timeoutMs: 300 }));
    expect(perRequest.kind).toBe('timeout');
    expect(perRequest.message).toMatch(/within 300 ms/);
    const byDefault = await failure(fetcher({ retries: 0, requestTimeoutMs: 300 }).fetch(`http://${A}/news/1.html`));
    expect(byDefault.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1900);
  });

  it('retries reset connections and truncated bodies as network errors', async () => {
    server.setFault(A, '/news/1.html', { kind: 'reset' });
    const f = fetcher({ retries: 2 });
    const reset = await failure(f.fetch(`http://${A}/news/1.html`));
    expect(reset.kind).toBe('network');
    expect(articleRequests('/news/1.html')).toHaveLength(3);
    server.clearFaults();
    server.resetRequests();
    server.setFault(A, '/news/1.html', { kind: 'truncate' });
    const truncated = await failure(f.fetch(`http://${A}/news/1.html`));
    expect(truncated.kind).toBe('network');
    expect(articleRequests('/news/1.html')).toHaveLength(3);
  });

  it('stops a redirect loop after 5 redirects', async () => {
    server.setFault(A, '/news/1.html', { kind: 'redirect-loop' });
    const err = await failure(fetcher().fetch(`http://${A}/news/1.html`));
    expect(err.kind).toBe('redirect');
    expect(articleRequests('/news/1.html')).toHaveLength(6);
  });

  it('refuses redirects to unregistered hosts and to private or metadata addresses', async () => {
    const f = fetcher();
    server.setFault(A, '/news/1.html', { kind: 'redirect', to: 'https://other.example/x' });
    expect((await failure(f.fetch(`http://${A}/news/1.html`))).kind).toBe('redirect');
    server.setFault(A, '/news/1.html', { kind: 'redirect', to: 'http://127.0.0.1/' });
    expect((await failure(f.fetch(`http://${A}/news/1.html`))).kind).toBe('redirect');
    server.setFault(A, '/news/1.html', { kind: 'redirect', to: 'http://169.254.169.254/latest/meta-data' });
    // allowPrivate is on, and the metadata address is still refused.
    expect((await failure(f.fetch(`http://${A}/news/1.html`))).kind).toBe('forbidden-address');
    const strict = fetcher({ allowPrivate: false, allowedHosts: undefined, resolve: {} });
    expect((await failure(strict.fetch('http://127.0.0.1:9/'))).kind).toBe('forbidden-address');
    expect((await failure(strict.fetch('http://[::ffff:169.254.169.254]/'))).kind).toBe('forbidden-address');
    expect(server.requests.every((r) => r.host === A)).toBe(true);
  });

  it('refuses a registered host that resolves to a loopback address in production mode', async () => {
    const f = fetcher({ allowPrivate: false });
    const err = await failure(f.fetch(`http://${A}/news/1.html`));
    expect(err.kind).toBe('forbidden-address');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses hosts outside the registry', async () => {
    const err = await failure(fetcher({ allowedHosts: [B] }).fetch(`http://${A}/news/1.html`));
    expect(err.kind).toBe('redirect');
    expect(server.requests).toHaveLength(0);
  });

  it('caps the body size while streaming', async () => {
    server.setFault(A, '/news/1.html', { kind: 'huge', bytes: 20_000_000 });
    const f = fetcher();
    const err = await failure(f.fetch(`http://${A}/news/1.html`));
    expect(err.kind).toBe('too-large');
    expect(f.stats().bytes).toBeLessThan(5 * 1024 * 1024 + 512 * 1024);
  });

  it('refuses a page that is not HTML', async () => {
    server.setFault(A, '/news/1.html', { kind: 'content-type', value: 'application/octet-stream' });
    const err = await failure(fetcher().fetch(`http://${A}/news/1.html`));
    expect(err.kind).toBe('parse');
    expect(articleRequests('/news/1.html')).toHaveLength(1);
  });

  it('reports an incomplete certificate chain as tls with a hint, and succeeds with the intermediate added', async () => {
    server.setFault(A, '*', { kind: 'missing-intermediate' });
    const err = await failure(fetcher().fetch(`https://${A}/news/1.html`));
    expect(err.kind).toBe('tls');
    expect(err.hint).toBe(TLS_CHAIN_HINT);
    const fixed = await fetcher().fetch(`https://${A}/news/1.html`, { caCerts: [server.intermediateCert!] });
    expect(fixed.status).toBe(200);
    // A CA file path works as well as PEM text.
    const file = join(dir, 'intermediate.pem');
    writeFileSync(file, server.intermediateCert!);
    expect((await fetcher().fetch(`https://${A}/news/1.html`, { caCerts: [file] })).status).toBe(200);
  });

  it('does not trust the test CA unless told to', async () => {
    const err = await failure(fetcher({ caCerts: [] }).fetch(`https://${A}/news/1.html`));
    expect(err.kind).toBe('tls');
  });

  it('honours robots.txt: a disallowed page is not fetched', async () => {
    const f = fetcher();
    expect((await failure(f.fetch(`http://${A}/private/x.html`))).kind).toBe('robots');
    expect((await failure(f.fetch(`http://${C}/news`))).kind).toBe('robots');
    expect(server.requests.map((r) => `${r.host}${r.path}`)).toEqual([`${A}/robots.txt`, `${C}/robots.txt`]);
  });

  it('a robots.txt failure is not kept: the next request asks again and goes through', async () => {
    const f = fetcher({ retries: 0 });
    server.setFault(A, '/robots.txt', { kind: '5xx', times: 1 });
    expect((await failure(f.fetch(`http://${A}/news/1.html`))).message).toMatch(/robots\.txt unreachable/);
    server.setFault(A, '/robots.txt', { kind: 'stall', ms: 600, times: 1 });
    expect((await failure(f.fetch(`http://${A}/news/1.html`, { timeoutMs: 200 }))).kind).toBe('timeout');
    expect((await f.fetch(`http://${A}/news/1.html`)).status).toBe(200);
    expect(server.requests.map((r) => [r.path, r.status])).toEqual([
      ['/robots.txt', 503], ['/robots.txt', 0], ['/robots.txt', 200], ['/news/1.html', 200],
    ]);
  });

  it('keeps robots.txt at most 24 hours, then asks again conditionally', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const f = fetcher({ now: () => now });
    await f.fetch(`http://${A}/news/1.html`);
    now += 23 * 3600_000;
    await f.fetch(`http://${A}/news/1.html`);
    now += 2 * 3600_000;
    await f.fetch(`http://${A}/news/1.html`);
    expect((await failure(f.fetch(`http://${A}/private/x.html`))).kind).toBe('robots'); // the rules survive a 304
    const robots = server.requests.filter((r) => r.path === '/robots.txt').map((r) => [r.status, r.conditional]);
    expect(robots).toEqual([[200, false], [304, true]]);
    // Even a longer lifetime asked for is cut to 24 hours.
    const g = fetcher({ now: () => now, robotsTtlMs: 7 * 24 * 3600_000 });
    await g.fetch(`http://${A}/news/1.html`);
    now += 25 * 3600_000;
    await g.fetch(`http://${A}/news/1.html`);
    expect(server.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(4);
  });

  it('applies robots Crawl-delay and serves one request at a time per host', async () => {
    const f = fetcher();
    await Promise.all([1, 2, 3].map(() => f.fetch(`http://${B}/x`)));
    const times = articleRequests('/x').map((r) => r.time);
    expect(times).toHaveLength(3);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(280);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(280);
  });

  it('keeps a per-source tally next to the totals', async () => {
    const f = fetcher();
    const mine = { requests: 0, bytes: 0, retries: 0 };
    server.setFault(A, '/news/1.html', { kind: '5xx', times: 1 });
    await f.fetch(`http://${A}/news/1.html`, { stats: mine });
    await f.fetch(`http://${A}/news`);
    expect(mine.requests).toBe(3); // robots.txt, 503, 200
    expect(mine.retries).toBe(1);
    expect(f.stats().requests).toBe(4);
  });
});
