/**
 * A source crawled through its site's own feed: the NukeViet fixture site over HTTPS advertises
 * its RSS on the listing page; the real store over the DynamoDB wire protocol. The tests run in
 * order and build on each other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatStatus } from '../../lib/crawl/report.ts';
import { createApp } from '../../lib/http/app.ts';
import type { Registry } from '../../lib/registry/types.ts';
import { articleId, canonicalizeUrl } from '../../lib/url.ts';
import { DEFAULT_SITES_DIR } from '../fixtures/server.ts';
import { addNukevietArticle, expectedArticles, oneItemFeed, REGISTRY_FILE, startHarness, type ExpectedArticle, type Harness } from './crawl-harness.ts';
import { runWardfeed, type CliResult } from '../helpers/cli.ts';

const HOST = 'nhontrach.dongnai.gov.vn';
const SOURCE = 'nhontrach-hoat-dong-chinh-quyen';
const LISTING = '/vi/news/hoat-dong-chinh-quyen-nha-nuoc/';
const FEED = '/vi/news/rss/hoat-dong-chinh-quyen-nha-nuoc/';
const SITE = join(DEFAULT_SITES_DIR, HOST);

interface ApiStatus {
  byFamily: Record<string, { sources: number; fellBack: number }>;
  items: { id: string; family?: string; fellBack?: boolean; listings?: unknown[] }[];
}

/** `wardfeed status` as a user runs it, on this test's table. */
function statusCli(): Promise<CliResult> {
  const env = { ...process.env, DYNAMODB_ENDPOINT: h.config.dynamoEndpoint, TABLE_NAME: h.config.tableName, WARDFEED_REGISTRY: REGISTRY_FILE, AWS_ACCESS_KEY_ID: 'wardfeedlocal', AWS_SECRET_ACCESS_KEY: 'wardfeedlocal' };
  return runWardfeed(['status'], { env });
}

const addListedArticle = (id: number) => addNukevietArticle(h.server, id);
const stored = async (path: string) => (await h.store.get(articleId(canonicalizeUrl(`https://${HOST}${path}`)))) !== undefined;

let h: Harness;
let registry: Registry;
let expected: ExpectedArticle[];
const articlePath = (path: string) => /-\d+\.html$/.test(path);
const siteRequests = () => h.server.requests.filter((r) => r.host === HOST);

beforeAll(async () => {
  h = await startHarness('site-feed');
  registry = { ...h.registry, sources: h.registry.sources.filter((s) => s.id === SOURCE) };
  expected = expectedArticles(h.registry).filter((e) => e.host === HOST);
});
afterAll(async () => {
  await h?.close();
});

describe('crawling through the site feed', () => {
  it('first crawl: finds the advertised feed, takes its items and stores every article with its full body', async () => {
    h.server.resetRequests();
    const run = await h.crawl({ registry });
    expect(run.ok).toBe(true);
    const [report] = run.reports;
    expect(report.new).toBe(expected.length);
    expect(report.listing).toEqual({ source: 'feed', feedUrl: `https://${HOST}${FEED}` });
    expect(report.family).toBe('nukeviet');
    for (const e of expected) {
      const a = await h.store.get(e.id);
      expect(a, e.url).toBeDefined();
      expect(a!.bodyText.split(/\n\n/)).toEqual(e.paragraphs);
      expect(a!.publishedAt).toBe(e.publishedAt);
      expect(a!.wardIds).toEqual(e.wardIds);
    }
    const paths = siteRequests().map((r) => r.path);
    expect(paths.filter((p) => p === FEED)).toHaveLength(1);
    // The feed stood in for the listing's older pages.
    expect(paths.filter((p) => p.includes('/page-'))).toEqual([]);
    const state = await h.store.getCrawlState(SOURCE);
    expect(state?.feeds?.[`https://${HOST}${LISTING}`]).toMatchObject({ url: `https://${HOST}${FEED}`, via: 'link', listingSource: 'feed' });
    expect(state?.family).toBe('nukeviet');
  });

  it('unchanged re-crawl: one conditional GET of the feed (and robots.txt), no article fetch', async () => {
    h.server.resetRequests();
    const run = await h.crawl({ registry });
    expect(run.ok).toBe(true);
    expect([run.reports[0].new, run.reports[0].updated]).toEqual([0, 0]);
    const reqs = siteRequests().map((r) => ({ path: r.path, conditional: r.conditional, status: r.status }));
    expect(reqs.filter((r) => r.path !== '/robots.txt')).toEqual([{ path: FEED, conditional: true, status: 304 }]);
    expect(reqs.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
    expect(siteRequests().filter((r) => articlePath(r.path))).toEqual([]);
  });

  it('a feed dating its items in the future falls back to the HTML listing, which brings the new article; status says so', async () => {
    const newPath = addListedArticle(690);
    const rss = readFileSync(join(SITE, 'rss.xml'), 'utf8').replace('Fri, 23 Jan 2026 16:49:00 +0700', 'Fri, 01 Jan 2100 08:00:00 +0700');
    h.server.setFault(HOST, FEED, { kind: 'body', text: rss });
    h.server.resetRequests();
    const run = await h.crawl({ registry });
    h.server.clearFaults();
    expect(run.ok).toBe(true);
    const [report] = run.reports;
    expect(report.new).toBe(1);
    expect(report.listing?.source).toBe('html');
    expect(report.listing?.reason).toMatch(/future/);
    expect(siteRequests().filter((r) => r.path === LISTING)).toHaveLength(1);
    expect(await stored(newPath)).toBe(true);
    const state = await h.store.getCrawlState(SOURCE);
    const status = formatStatus([{ sourceId: SOURCE, verified: true, state }]);
    expect(status).toMatch(/html \(feed not used: dates an item in the future/);

    // The same, as `wardfeed status` prints it and as /api/status serves it.
    const cli = await statusCli();
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(new RegExp(`^${SOURCE} +nukeviet +html \\(feed not used: dates an item in the future`, 'm'));
    expect(cli.stdout).toMatch(/^families \(sources\): .*\bnukeviet 1\b/m);
    const app = createApp({ store: h.store, registry, cursorKey: new Uint8Array(32) });
    const body = (await (await app.request('/api/status')).json()) as ApiStatus;
    expect(body.byFamily).toEqual({ nukeviet: { sources: 1, fellBack: 0 } });
    const item = body.items.find((i) => i.id === SOURCE)!;
    expect(item).toMatchObject({ family: 'nukeviet', fellBack: false });
    expect(item.listings).toEqual([
      { listUrl: `https://${HOST}${LISTING}`, source: 'html', feedUrl: `https://${HOST}${FEED}`, reason: expect.stringMatching(/^feed not used: dates an item in the future/) as unknown },
    ]);
  }, 60_000);

  it('a feed dating its items at the fetch time falls back too, and the next honest feed is used again', async () => {
    const now = new Date().toUTCString().replace('GMT', '+0000');
    const rss = readFileSync(join(SITE, 'rss.xml'), 'utf8').replace('Sun, 18 Jan 2026 07:30:00 +0700', now);
    h.server.setFault(HOST, FEED, { kind: 'body', text: rss });
    const lying = await h.crawl({ registry });
    h.server.clearFaults();
    expect(lying.reports[0].listing?.source).toBe('html');
    expect(lying.reports[0].listing?.reason).toMatch(/at the fetch time/);
    const honest = await h.crawl({ registry });
    expect(honest.reports[0].listing?.source).toBe('feed');
  });

  it('a feed named in the registry is read from the first crawl, in place of the listing', async () => {
    await h.useNewTable('named');
    const named: Registry = { ...registry, sources: registry.sources.map((s) => ({ ...s, feedUrl: `https://${HOST}/vi/news/rss/` })) };
    h.server.resetRequests();
    const run = await h.crawl({ registry: named });
    expect(run.ok).toBe(true);
    expect(run.reports[0].listing).toEqual({ source: 'feed', feedUrl: `https://${HOST}/vi/news/rss/` });
    expect(run.reports[0].new).toBe(expected.length);
    expect(siteRequests().filter((r) => r.path === LISTING)).toEqual([]);
  });

  it('a feed none of whose items was stored before may have overflowed: the listing is walked too, past its items', async () => {
    const named: Registry = { ...registry, sources: registry.sources.map((s) => ({ ...s, feedUrl: `https://${HOST}/vi/news/rss/` })) };
    // Two more articles arrive (690 is on the listing already, not in the feed); the feed holds only the newest.
    const older = addListedArticle(691);
    const newest = addListedArticle(692);
    h.server.setFault(HOST, '/vi/news/rss/', { kind: 'body', text: oneItemFeed(692) });
    h.server.resetRequests();
    const run = await h.crawl({ registry: named });
    h.server.clearFaults();
    expect(run.ok).toBe(true);
    expect(run.reports[0].listing?.source).toBe('feed');
    expect(run.reports[0].new).toBe(3);
    for (const path of [newest, older, newest.replace('-692.html', '-690.html')]) expect(await stored(path), path).toBe(true);
    // The walk stopped at the first page holding nothing new.
    expect(siteRequests().filter((r) => r.path === LISTING)).toHaveLength(1);
    expect(siteRequests().filter((r) => r.path.includes('/page-'))).toHaveLength(1);
  });
});
