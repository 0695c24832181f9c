/**
 * The incremental crawl end to end: fixture sites over HTTPS, the real store over the DynamoDB
 * wire protocol. One table for the file; the tests run in order and build on each other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SITES_DIR } from '../fixtures/server.ts';
import { articleId, canonicalizeUrl } from '../../lib/url.ts';
import { countsByWard, expectedArticles, expectedCounts, startHarness, type ExpectedArticle, type Harness } from './crawl-harness.ts';

let h: Harness;
let expected: ExpectedArticle[];
let wardIds: string[];

const HOST = 'hoangmai.hanoi.gov.vn';
const LISTING = '/phuong-thanh-tri';
const isArticlePath = (path: string) => expected.some((e) => e.path === path) || path.includes('6070001');

beforeAll(async () => {
  h = await startHarness('crawl');
  expected = expectedArticles(h.registry);
  wardIds = h.registry.wards.map((w) => w.id);
});
afterAll(async () => {
  await h?.close();
});

describe('incremental crawl', () => {
  it('first crawl stores exactly the fixture articles', async () => {
    const run = await h.crawl();
    expect(run.reports.filter((r) => r.error)).toEqual([]);
    expect(run.ok).toBe(true);
    expect(await countsByWard(h.store, wardIds)).toEqual(expectedCounts(expected, wardIds));
    // Articles no ward could be told for are reported, not stored under a guessed ward.
    const unmatched = run.reports.flatMap((r) => r.unmatched.map((u) => u.url));
    expect(unmatched.sort()).toEqual(expected.filter((e) => e.wardIds.length === 0).map((e) => e.url).sort());
    for (const e of expected.filter((x) => x.wardIds.length === 0)) expect(await h.store.get(e.id)).toBeUndefined();
    const total = run.reports.reduce((n, r) => n + r.new, 0);
    expect(total).toBe(expected.filter((e) => e.wardIds.length > 0).length);
  });

  it('stores the seed articles field for field', async () => {
    const seeds = expected.filter((e) => e.seed);
    expect(seeds.length).toBeGreaterThan(0);
    for (const e of seeds) {
      const a = await h.store.get(e.id);
      expect(a, e.url).toBeDefined();
      expect(a!.title).toBe(e.title);
      expect(a!.publishedAt).toBe(e.publishedAt);
      expect(a!.datePrecision).toBe(e.datePrecision);
      expect(a!.dateSource).toBe(e.dateSource);
      if (e.viewCount !== undefined) expect(a!.viewCount).toBe(e.viewCount);
      if (e.category !== undefined) expect(a!.category).toBe(e.category);
      expect(a!.wardIds).toEqual(e.wardIds);
      expect(a!.bodyText.split(/\n\n/)).toEqual(e.paragraphs);
      expect(a!.revisions).toBe(0);
      expect(a!.url).toBe(e.url);
      expect(a!.firstSeenAt).toMatch(/\+07:00$/);
    }
  });

  it('second crawl with nothing changed: only conditional listing requests, no article fetch, no article write', async () => {
    h.server.resetRequests();
    const before = { ...h.store.stats };
    const run = await h.crawl();
    expect(run.ok).toBe(true);
    const pages = h.server.requests.filter((r) => r.path !== '/robots.txt');
    expect(pages.length).toBe(h.registry.sources.reduce((n, s) => n + s.listUrls.length, 0));
    expect(pages.every((r) => r.conditional && r.status === 304)).toBe(true);
    expect(h.server.requests.filter((r) => isArticlePath(r.path))).toEqual([]);
    for (const r of run.reports) expect([r.new, r.updated, r.removed]).toEqual([0, 0, 0]);
    // The only writes are the crawl states (one per source); no article item is written.
    expect(h.store.stats.writes - before.writes).toBe(run.reports.length);
  });

  it('one article added: exactly one article fetch and one new item', async () => {
    const listing = readFileSync(join(DEFAULT_SITES_DIR, HOST, 'listing-1.html'), 'utf8');
    const first = listing.match(/<div class="news-item clearfix">[\s\S]*?<\/p>\s*<\/div>\s*<\/div>/)![0];
    const oldPath = first.match(/href="https:\/\/hoangmai\.hanoi\.gov\.vn([^"]+)"/)![1];
    const oldTitle = first.match(/title="([^"]+)"/)![1];
    const newPath = '/phuong-thanh-tri/-/view_content/6070001-phuong-thanh-tri-ra-quan-tong-ve-sinh-moi-truong.html';
    const newTitle = 'Phường Thanh Trì ra quân tổng vệ sinh môi trường';
    const swap = (html: string) => html.split(oldPath).join(newPath).split(oldTitle).join(newTitle);
    const oldArticle = expected.find((e) => e.path === oldPath)!;
    const articleHtml = readFileSync(join(DEFAULT_SITES_DIR, HOST, `article-${oldPath.match(/view_content\/(\d+)/)![1]}.html`), 'utf8');
    h.server.addArticle(HOST, LISTING, { path: newPath, html: swap(articleHtml), listingItemHtml: swap(first) });
    h.server.resetRequests();
    const countsBefore = await countsByWard(h.store, wardIds);
    const run = await h.crawl();
    expect(run.ok).toBe(true);
    const articleFetches = h.server.requests.filter((r) => isArticlePath(r.path));
    expect(articleFetches.map((r) => r.path)).toEqual([newPath]);
    expect(run.reports.reduce((n, r) => n + r.new, 0)).toBe(1);
    const stored = await h.store.get(articleId(canonicalizeUrl(`https://${HOST}${newPath}`)));
    expect(stored?.title).toBe(newTitle);
    expect(stored?.wardIds).toEqual(oldArticle.wardIds);
    // One new item, in its ward only.
    const countsAfter = await countsByWard(h.store, wardIds);
    expect(countsAfter).toEqual({ ...countsBefore, [oldArticle.wardIds[0]]: countsBefore[oldArticle.wardIds[0]] + 1 });
  });

  it('an article naming none of the wards is reported once, not fetched again when its listing changes', async () => {
    const source = h.registry.sources.find((s) => s.wardsByName && expected.some((e) => e.wardIds.length === 0 && e.url.startsWith(new URL(s.listUrls[0]).origin)))!;
    const listing = new URL(source.listUrls[0]);
    const orphan = expected.find((e) => e.wardIds.length === 0 && e.host === listing.hostname)!;
    // A changed listing page (new ETag) makes the crawler read the listing again.
    h.server.editArticle(listing.hostname, listing.pathname + listing.search, (html) => html.replace('</body>', '<!-- changed --></body>'));
    h.server.resetRequests();
    const run = await h.crawl();
    expect(run.ok).toBe(true);
    const listingReads = h.server.requests.filter((r) => r.host === listing.hostname && r.path === listing.pathname + listing.search);
    expect(listingReads.map((r) => r.status)).toEqual([200]);
    expect(h.server.requests.filter((r) => r.path === orphan.path)).toEqual([]);
    expect(run.reports.find((r) => r.sourceId === source.id)!.unmatched).toEqual([]);
  });

  it('one article edited: the recheck bumps revisions and keeps the new text', async () => {
    const target = expected.find((e) => e.host === HOST && e.seed)!;
    const html = readFileSync(join(DEFAULT_SITES_DIR, HOST, `article-${target.path.match(/view_content\/(\d+)/)![1]}.html`), 'utf8');
    const phrase = target.paragraphs.map((p) => p.slice(0, 24)).find((p) => html.includes(p));
    expect(phrase, 'a paragraph opening found verbatim in the page').toBeDefined();
    h.server.editArticle(HOST, target.path, (page) => page.replace(phrase!, `ĐÃ CẬP NHẬT. ${phrase}`));
    const run = await h.crawl({ recheckAfterMs: 0 });
    expect(run.ok).toBe(true);
    const a = await h.store.get(target.id);
    expect(a!.revisions).toBe(1);
    expect(a!.bodyText).toContain(`ĐÃ CẬP NHẬT. ${phrase}`);
    expect(a!.title).toBe(target.title);
    expect(run.reports.find((r) => r.sourceId === 'hoangmai-thanh-tri')!.updated).toBe(1);
  });

  it('one article deleted: removedAt set at the next recheck, the article still readable', async () => {
    const target = expected.find((e) => e.host === HOST && !e.seed && e.wardIds.length > 0)!;
    h.server.deleteArticle(HOST, target.path, 410);
    const run = await h.crawl({ recheckAfterMs: 0 });
    expect(run.ok).toBe(true);
    expect(run.reports.find((r) => r.sourceId === 'hoangmai-thanh-tri')!.removed).toBe(1);
    const a = await h.store.get(target.id);
    expect(a!.removedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(a!.title).toBe(target.title);
    // A later recheck does not count it removed again.
    const again = await h.crawl({ recheckAfterMs: 0 });
    expect(again.reports.find((r) => r.sourceId === 'hoangmai-thanh-tri')!.removed).toBe(0);
  });

  it('records crawl state per source after the run', async () => {
    const states = await h.store.listCrawlStates();
    expect(states.map((s) => s.sourceId).sort()).toEqual(h.registry.sources.map((s) => s.id).sort());
    for (const s of states) {
      expect(s.consecutiveFailures).toBe(0);
      expect(s.lastSuccessAt).toBeDefined();
      expect(Object.keys(s.validators).length).toBeGreaterThan(0);
      // The article count status shows is kept on the state, equal to what the store holds.
      expect(s.articles, s.sourceId).toBe(await h.store.countBySource(s.sourceId));
    }
  });
});
