/**
 * Each fault switch of the fixture server against a full crawl: the documented number of attempts
 * (1 + 2 retries in these tests for retryable failures, 1 otherwise), a typed error in the
 * source's report and crawl state, every other source crawled completely, nothing partial stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorKind } from '../../lib/errors.ts';
import { TLS_CHAIN_HINT } from '../../lib/crawl/index.ts';
import type { Fault } from '../fixtures/server.ts';
import { countsByWard, expectedArticles, expectedCounts, olderListingPages, startHarness, type ExpectedArticle, type Harness } from './crawl-harness.ts';

let h: Harness;
let expected: ExpectedArticle[];
let wardIds: string[];
const SOURCE = 'mylong-tin-tuc';
const HOST = 'mylong.longxuyen.angiang.gov.vn';
let target: ExpectedArticle;
let n = 0;

beforeAll(async () => {
  h = await startHarness('faults');
  expected = expectedArticles(h.registry);
  wardIds = h.registry.wards.map((w) => w.id);
  target = expected.find((e) => e.host === HOST && e.wardIds.length > 0)!;
});
afterAll(async () => {
  await h?.close();
});

/** Every source but the faulty one stored all its articles; the faulty article is not stored at all. */
async function expectOthersComplete(faultyWard: string) {
  const counts = await countsByWard(h.store, wardIds);
  const want = expectedCounts(expected, wardIds);
  for (const w of wardIds) if (w !== faultyWard) expect(counts[w], w).toBe(want[w]);
  expect(await h.store.get(target.id)).toBeUndefined();
}

const cases: Array<{ name: string; fault: Fault; kind: ErrorKind; attempts: number }> = [
  { name: '5xx', fault: { kind: '5xx', times: 100 }, kind: 'http-status', attempts: 3 },
  { name: '429', fault: { kind: '429', retryAfter: 1, times: 100 }, kind: 'http-status', attempts: 3 },
  { name: 'stall', fault: { kind: 'stall', ms: 1500 }, kind: 'timeout', attempts: 3 },
  { name: 'reset', fault: { kind: 'reset' }, kind: 'network', attempts: 3 },
  { name: 'truncate', fault: { kind: 'truncate' }, kind: 'network', attempts: 3 },
  { name: 'redirect-loop', fault: { kind: 'redirect-loop' }, kind: 'redirect', attempts: 6 },
  { name: 'redirect to another host', fault: { kind: 'redirect', to: 'https://other.example/x' }, kind: 'redirect', attempts: 1 },
  { name: 'redirect to loopback', fault: { kind: 'redirect', to: 'http://127.0.0.1/' }, kind: 'redirect', attempts: 1 },
  { name: 'redirect to metadata', fault: { kind: 'redirect', to: 'http://169.254.169.254/latest/meta-data' }, kind: 'forbidden-address', attempts: 1 },
  { name: 'huge', fault: { kind: 'huge', bytes: 20_000_000 }, kind: 'too-large', attempts: 1 },
];

describe('crawl under faults', () => {
  it.each(cases)('$name on one article: $kind after $attempts attempt(s)', async ({ fault, kind, attempts }) => {
    await h.useNewTable(`c${++n}`);
    h.server.clearFaults();
    h.server.setFault(HOST, target.path, fault);
    h.server.resetRequests();
    const run = await h.crawl({ fetcher: { headersTimeoutMs: 300, bodyTimeoutMs: 300 } });
    h.server.clearFaults();
    const report = run.reports.find((r) => r.sourceId === SOURCE)!;
    expect(report.error?.kind).toBe(kind);
    expect(report.errors[kind]).toBe(1);
    expect(run.ok).toBe(false);
    expect(run.reports.filter((r) => r.sourceId !== SOURCE && r.error)).toEqual([]);
    expect(h.server.requests.filter((r) => r.host === HOST && r.path === target.path)).toHaveLength(attempts);
    // Nothing but the fixture hosts was ever asked for.
    expect(h.server.requests.every((r) => h.server.hosts.includes(r.host))).toBe(true);
    const state = await h.store.getCrawlState(SOURCE);
    expect(state?.lastError?.kind).toBe(kind);
    expect(state?.consecutiveFailures).toBe(1);
    expect(state?.lastSuccessAt).toBeUndefined();
    await expectOthersComplete('my-long-long-xuyen');
  });

  it.each([
    { name: '404', fault: { kind: '5xx', times: 100, status: 404 } as Fault, kind: 'http-status', status: 404 },
    { name: '410', fault: { kind: '5xx', times: 100, status: 410 } as Fault, kind: 'http-status', status: 410 },
    { name: 'not an HTML page', fault: { kind: 'content-type', value: 'application/octet-stream' } as Fault, kind: 'parse', status: undefined },
  ])('$name on a new article: remembered for good, reported, not fetched again, the source not failing', async ({ fault, kind, status }) => {
    await h.useNewTable(`p${++n}`);
    h.server.clearFaults();
    h.server.setFault(HOST, target.path, fault);
    h.server.resetRequests();
    try {
      for (let i = 0; i < 3; i++) {
        // The listing changes each time, so every run reads it again.
        h.server.editArticle(HOST, '/tin-tuc', (html) => html.replace('</body>', ' </body>'));
        const run = await h.crawl();
        const report = run.reports.find((r) => r.sourceId === SOURCE)!;
        expect(report.error).toBeUndefined();
        expect(run.ok).toBe(true);
        expect(report.failedItems).toEqual(i === 0 ? [{ url: target.url, kind, ...(status ? { status } : {}) }] : []);
        const state = await h.store.getCrawlState(SOURCE);
        expect(state?.consecutiveFailures).toBe(0);
        expect(state?.lastError).toBeUndefined();
        expect(state?.failedItems?.map((f) => [f.id, f.url, f.kind, f.status])).toEqual([[target.id, target.url, kind, status]]);
      }
      expect(h.server.requests.filter((r) => r.host === HOST && r.path === '/tin-tuc')).toHaveLength(3);
      expect(h.server.requests.filter((r) => r.host === HOST && r.path === target.path)).toHaveLength(1);
      await expectOthersComplete('my-long-long-xuyen');
    } finally {
      h.server.clearFaults();
    }
  });

  it('a failed article is taken on the next run once the site recovers (nothing lost)', async () => {
    await h.useNewTable('recover');
    h.server.setFault(HOST, target.path, { kind: '5xx', times: 100 });
    await h.crawl();
    h.server.clearFaults();
    h.server.resetRequests();
    const run = await h.crawl();
    expect(run.ok).toBe(true);
    expect(run.reports.find((r) => r.sourceId === SOURCE)!.new).toBe(1);
    expect(h.server.requests.filter((r) => r.host === HOST && r.path === target.path)).toHaveLength(1);
    expect(await countsByWard(h.store, wardIds)).toEqual(expectedCounts(expected, wardIds));
    const state = await h.store.getCrawlState(SOURCE);
    expect(state?.consecutiveFailures).toBe(0);
  });

  it('an older listing page that fails: the next run finishes it, nothing missing', async () => {
    await h.useNewTable('older-page');
    const older = olderListingPages(h.registry);
    expect(older.length).toBeGreaterThanOrEqual(h.registry.sources.length);
    for (const p of older) h.server.setFault(p.host, p.path, { kind: '5xx', times: 100 });
    const failed = await h.crawl();
    h.server.clearFaults();
    // A source read through its site's own feed walks no older HTML page: it does not fail.
    const viaFeed = failed.reports.filter((r) => r.listing?.source === 'feed');
    expect(viaFeed.map((r) => r.sourceId)).toContain('nhontrach-hoat-dong-chinh-quyen');
    expect(viaFeed.every((r) => !r.error)).toBe(true);
    expect(failed.reports.filter((r) => r.listing?.source !== 'feed').every((r) => r.error?.kind === 'http-status')).toBe(true);
    const state = await h.store.getCrawlState(SOURCE);
    expect(Object.values(state?.resume ?? {}).flat()).toHaveLength(1);
    const again = await h.crawl();
    expect(again.ok).toBe(true);
    expect(await countsByWard(h.store, wardIds)).toEqual(expectedCounts(expected, wardIds));
    expect((await h.store.getCrawlState(SOURCE))?.resume).toBeUndefined();
  });

  it('a backlog cut short (one listing page per run): later runs go on from there, nothing missing', async () => {
    await h.useNewTable('backlog');
    const first = await h.crawl({ maxPages: 1 });
    expect(first.ok).toBe(true);
    expect(await countsByWard(h.store, wardIds)).not.toEqual(expectedCounts(expected, wardIds));
    for (let i = 0; i < 3; i++) await h.crawl({ maxPages: 1 });
    expect(await countsByWard(h.store, wardIds)).toEqual(expectedCounts(expected, wardIds));
    h.server.resetRequests();
    // Caught up: an unchanged re-crawl reads one conditional page per listing again.
    const settled = await h.crawl({ maxPages: 1 });
    expect(settled.reports.every((r) => r.new === 0)).toBe(true);
    expect(h.server.requests.filter((r) => r.path !== '/robots.txt').every((r) => r.status === 304)).toBe(true);
  });

  it("listing items on another registered host are dropped and counted, never stored under this source's wards", async () => {
    await h.useNewTable('off-host');
    // Two sites of the same platform: one's listing names the other's article, in a shape its profile accepts.
    const here = 'hoangmai.hanoi.gov.vn';
    const replaced = expected.find((e) => e.host === here && e.path.includes('6050090'))!;
    const foreign = expected.find((e) => e.host === 'longbien.hanoi.gov.vn' && e.wardIds.length > 0)!;
    const edit = (from: string, to: string) => h.server.editArticle(here, '/phuong-thanh-tri', (html) => html.split(`href="${from}"`).join(`href="${to}"`));
    edit(replaced.url, foreign.url);
    try {
      const only = { ...h.registry, sources: h.registry.sources.filter((s) => s.id === 'hoangmai-thanh-tri') };
      const run = await h.crawl({ registry: only });
      expect(run.ok).toBe(true);
      expect(run.reports[0].offHost).toBe(1);
      expect(await h.store.get(foreign.id)).toBeUndefined();
      expect(h.server.requests.some((r) => r.host === foreign.host && r.path === foreign.path)).toBe(false);
      for (const e of expected.filter((x) => x.host === here && x.id !== replaced.id)) expect(await h.store.get(e.id), e.path).toBeDefined();
    } finally {
      edit(foreign.url, replaced.url);
    }
  });

  it('robots.txt disallow: nothing but robots.txt fetched for that source', async () => {
    await h.useNewTable('robots');
    h.server.setRobots(HOST, 'User-agent: *\nDisallow: /\n');
    h.server.resetRequests();
    try {
      const run = await h.crawl();
      const report = run.reports.find((r) => r.sourceId === SOURCE)!;
      expect(report.error?.kind).toBe('robots');
      expect(h.server.requests.filter((r) => r.host === HOST).map((r) => r.path)).toEqual(['/robots.txt']);
      expect((await h.store.getCrawlState(SOURCE))?.lastError?.kind).toBe('robots');
      expect(run.reports.filter((r) => r.sourceId !== SOURCE && r.error)).toEqual([]);
    } finally {
      h.server.setRobots(HOST, 'User-agent: *\nCrawl-delay: 0\n');
    }
  });

  it('missing intermediate: tls with the hint; with the intermediate in caCerts the crawl succeeds', async () => {
    await h.useNewTable('tls');
    h.server.setFault(HOST, '*', { kind: 'missing-intermediate' });
    try {
      const run = await h.crawl();
      const report = run.reports.find((r) => r.sourceId === SOURCE)!;
      expect(report.error?.kind).toBe('tls');
      expect(report.error?.hint).toBe(TLS_CHAIN_HINT);
      const state = await h.store.getCrawlState(SOURCE);
      expect(state?.lastError?.kind).toBe('tls');
      expect(state?.lastError?.message).toContain(TLS_CHAIN_HINT);
      expect(run.reports.filter((r) => r.sourceId !== SOURCE && r.error)).toEqual([]);

      const fixed = {
        ...h.registry,
        sources: h.registry.sources.map((s) => (s.id === SOURCE ? { ...s, fetch: { ...s.fetch, caCerts: [h.server.intermediateCert!] } } : s)),
      };
      const again = await h.crawl({ registry: fixed });
      expect(again.ok).toBe(true);
      expect(await countsByWard(h.store, wardIds)).toEqual(expectedCounts(expected, wardIds));
    } finally {
      h.server.clearFaults();
    }
  });
});
