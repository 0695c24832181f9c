/**
 * The web index at constant cost: each ward's latest date comes from the crawl states (one
 * Query), not from one feed read per ward. Counted on the real store over the DynamoDB wire
 * protocol; the dates checked against what a real crawl of the fixture sites stored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SITES_DIR } from '../fixtures/server.ts';
import { createApp } from '../../lib/http/app.ts';
import { startServer } from '../../lib/http/server.ts';
import type { Registry } from '../../lib/registry/types.ts';
import { openEphemeralStore } from '../../lib/store/ephemeral.ts';
import type { OpenedStore } from '../../lib/store/index.ts';
import type { CrawlState, WardSummary } from '../../lib/store/types.ts';
import { countsByWard, startHarness, type Harness } from './crawl-harness.ts';
import { omit } from '../helpers/object.ts';

/** `n` wards in two provinces, one source each; every third source a district-wide one of three wards. */
function bigRegistry(n: number): Registry {
  const wards = Array.from({ length: n }, (_, i) => ({
    id: `ward-${i}`,
    name: `Phường Số ${i}`,
    province: i % 2 ? 'Thành phố Hà Nội' : 'Tỉnh An Giang',
    legacyDistrict: `Quận ${i % 7}`,
    status: 'active' as const,
  }));
  const sources = wards.map((w, i) =>
    i % 3 === 2
      ? { id: `src-${i}`, listUrls: [`https://q${i}.example.vn/tin`], profile: 'auto', wardsByName: [wards[i - 2].id, wards[i - 1].id, w.id], verified: true }
      : { id: `src-${i}`, listUrls: [`https://p${i}.example.vn/tin`], profile: 'auto', ward: w.id, verified: true },
  );
  return { file: 'big (test)', wards, sources };
}

/** Newest date of ward i as a crawl state would record it: distinct per ward, some day-precise. */
const latestOf = (i: number): Pick<WardSummary, 'latestPublishedAt' | 'latestDatePrecision'> => ({
  latestPublishedAt: new Date(Date.parse('2025-06-01T08:30:00+07:00') + i * 3_600_000).toISOString().replace('Z', '+00:00'),
  latestDatePrecision: i % 5 === 0 ? 'day' : 'minute',
});

async function indexCost(n: number): Promise<{ calls: number; queries: number; page: string; opened: OpenedStore }> {
  const registry = bigRegistry(n);
  const opened = await openEphemeralStore({ registry, tablePrefix: 'wardfeed-test-index' });
  for (const [i, s] of registry.sources.entries()) {
    const state: CrawlState = {
      sourceId: s.id, validators: {}, consecutiveFailures: 0,
      lastAttemptAt: '2025-08-01T10:00:00+07:00', lastSuccessAt: '2025-08-01T10:00:00+07:00',
      wards: Object.fromEntries([[`ward-${i}`, { ...latestOf(i), articles: 3 }]]),
    };
    await opened.store.putCrawlState(state);
  }
  const server = await startServer(createApp({ store: opened.store, registry }));
  try {
    const before = { ...opened.store.stats };
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    const page = await res.text();
    return { calls: opened.store.stats.calls - before.calls, queries: opened.store.stats.queries - before.queries, page, opened };
  } finally {
    await server.close();
  }
}

describe('web index cost', () => {
  it('makes the same ≤ 2 DynamoDB calls for 5 wards and for 200', async () => {
    const small = await indexCost(5);
    const big = await indexCost(200);
    try {
      expect(small.calls).toBeLessThanOrEqual(2);
      expect(big.calls).toBe(small.calls);
      expect(big.queries).toBe(1);
      // And the page still says, per ward, its latest date and its health.
      for (let i = 0; i < 200; i++) {
        const row = big.page.match(new RegExp(`<li class="ward" data-ward="ward-${i}">[\\s\\S]*?</li>`))?.[0];
        expect(row, `ward-${i}`).toBeDefined();
        const { latestPublishedAt } = latestOf(i);
        expect(row).toContain(`<time datetime="${latestPublishedAt}">`);
        expect(row).toContain('data-health="ok"');
      }
    } finally {
      await small.opened.close();
      await big.opened.close();
    }
  });

  it('shows the date in Vietnam time, the day alone when only the day is known', async () => {
    const { page, opened } = await indexCost(6);
    try {
      // ward-1: 2025-06-01 08:30 +07:00 plus one hour; ward-5 is day-precise: 2025-06-01 13:30 → the day.
      expect(page).toMatch(/data-ward="ward-1">[\s\S]*?<time datetime="[^"]+">01\/06\/2025 09:30<\/time>/);
      expect(page).toMatch(/data-ward="ward-5">[\s\S]*?<time datetime="[^"]+">01\/06\/2025<\/time>/);
    } finally {
      await opened.close();
    }
  });
});

describe('web index after a real crawl', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('index');
  });
  afterAll(async () => {
    await h?.close();
  });

  /** The newest article of each ward, read from its feed partition (what the index used to do per ward). */
  async function newestByWard(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const w of h.registry.wards) {
      const { items } = await h.store.list({ kind: 'ward', wardId: w.id }, { limit: 1 });
      if (items[0]) out.set(w.id, items[0].publishedAt);
    }
    return out;
  }

  async function indexRows(): Promise<Map<string, string>> {
    const server = await startServer(createApp({ store: h.store, registry: h.registry }));
    try {
      const page = await (await fetch(`${server.url}/`)).text();
      const rows = new Map<string, string>();
      for (const m of page.matchAll(/<li class="ward" data-ward="([^"]+)">([\s\S]*?)<\/li>/g)) rows.set(m[1], m[2]);
      return rows;
    } finally {
      await server.close();
    }
  }

  it('shows for every ward the date of the newest article its feed holds', async () => {
    const run = await h.crawl();
    expect(run.ok).toBe(true);
    const newest = await newestByWard();
    expect(newest.size).toBeGreaterThan(5);
    const rows = await indexRows();
    for (const w of h.registry.wards) {
      const row = rows.get(w.id)!;
      expect(row, w.id).toBeDefined();
      const date = newest.get(w.id);
      if (date) expect(row, w.id).toContain(`<time datetime="${date}">`);
      else expect(row, w.id).toContain('chưa có tin');
    }
  });

  it('records per ward the article count the store holds', async () => {
    const counts = await countsByWard(h.store, h.registry.wards.map((w) => w.id));
    const recorded: Record<string, number> = Object.fromEntries(h.registry.wards.map((w) => [w.id, 0]));
    for (const s of await h.store.listCrawlStates()) {
      for (const [wardId, summary] of Object.entries(s.wards ?? {})) recorded[wardId] = Math.max(recorded[wardId], summary.articles);
    }
    expect(recorded).toEqual(counts);
  });

  it('a later run adds what it stored to the summary, without recounting', async () => {
    const HOST = 'hoangmai.hanoi.gov.vn';
    const WARD = 'thanh-tri-hoang-mai';
    const SOURCE = 'hoangmai-thanh-tri';
    const before = (await h.store.getCrawlState(SOURCE))!;
    expect(before.wards?.[WARD]?.articles).toBeGreaterThan(0);
    // A new article, newer than every stored one: a copy of the first listed, moved and re-dated.
    const listing = readFileSync(join(DEFAULT_SITES_DIR, HOST, 'listing-1.html'), 'utf8');
    const first = listing.match(/<div class="news-item clearfix">[\s\S]*?<\/p>\s*<\/div>\s*<\/div>/)![0];
    const oldPath = first.match(/href="https:\/\/hoangmai\.hanoi\.gov\.vn([^"]+)"/)![1];
    const newPath = '/phuong-thanh-tri/-/view_content/6070002-phuong-thanh-tri-tong-ket-thang-7.html';
    const page = readFileSync(join(DEFAULT_SITES_DIR, HOST, `article-${oldPath.match(/view_content\/(\d+)/)![1]}.html`), 'utf8');
    const redated = page.split(oldPath).join(newPath).replace(/Ngày đăng \d\d\/\d\d\/\d{4} \| \d\d:\d\d/, 'Ngày đăng 20/07/2025 | 21:08');
    h.server.addArticle(HOST, '/phuong-thanh-tri', { path: newPath, html: redated, listingItemHtml: first.split(oldPath).join(newPath) });
    const run = await h.crawl();
    expect(run.reports.find((r) => r.sourceId === SOURCE)!.new).toBe(1);
    const after = (await h.store.getCrawlState(SOURCE))!;
    expect(after.wardsSeededAt).toBe(before.wardsSeededAt);
    expect(after.wards?.[WARD]).toEqual({ latestPublishedAt: '2025-07-20T21:08:00+07:00', latestDatePrecision: 'minute', articles: before.wards![WARD].articles + 1 });
    const rows = await indexRows();
    expect(rows.get(WARD)).toContain('<time datetime="2025-07-20T21:08:00+07:00">20/07/2025 21:08</time>');
  });

  it('a state written before ward summaries existed is recounted from the store on the next run', async () => {
    const states = await h.store.listCrawlStates();
    for (const s of states) {
      await h.store.putCrawlState(omit(s, 'wards', 'wardsSeededAt'));
    }
    const blank = await indexRows();
    expect([...blank.values()].every((row) => row.includes('chưa có tin'))).toBe(true);
    const run = await h.crawl();
    expect(run.ok).toBe(true);
    const newest = await newestByWard();
    const rows = await indexRows();
    for (const [wardId, date] of newest) expect(rows.get(wardId), wardId).toContain(`<time datetime="${date}">`);
  });
});
