/**
 * The local stack as a user meets it: `wardfeed demo` (fixture sites crawled for real into the
 * embedded DynamoDB, the app on a free port), then Chromium on the web index: every fixture ward
 * listed, a feed link followed, the search form used, all without JavaScript and on a phone-sized
 * screen.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import Parser from 'rss-parser';
import { XMLValidator } from 'fast-xml-parser';
import { ROOT } from '../../lib/config.ts';
import { startDemo, FIXTURE_REGISTRY, type Demo } from '../../lib/cli/demo.ts';
import { loadRegistry } from '../../lib/registry/index.ts';
import { parseJson } from '../helpers/json.ts';

/** A system Chromium is used when there is one; else the build shipped in @sparticuz/chromium (no apt needed). */
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const registry = loadRegistry(FIXTURE_REGISTRY);
let demo: Demo;
let browser: Browser;
let startSeconds = 0;

interface Expected { title: string; publishedAt?: string; wardIds: string[]; seed?: string }

/** What the fixture sites' article pages must give, by their own expectation files. */
function expectations(): Expected[] {
  const dir = resolve(ROOT, 'tests/fixtures/sites');
  const out: Expected[] = [];
  for (const host of readdirSync(dir)) {
    for (const f of readdirSync(join(dir, host))) {
      if (!f.endsWith('.expected.json')) continue;
      const e = parseJson<Partial<Expected>>(readFileSync(join(dir, host, f), 'utf8'));
      if (typeof e.title === 'string' && Array.isArray(e.wardIds)) out.push({ ...e, title: e.title, wardIds: e.wardIds });
    }
  }
  return out;
}

async function launchBrowser(): Promise<Browser> {
  if (SYSTEM_CHROMIUM) return chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: FLAGS });
  // Unpacks its brotli-packed build (once, into the temp directory) and says how to start it.
  const { default: packaged } = await import('@sparticuz/chromium');
  return chromium.launch({ executablePath: await packaged.executablePath(), args: [...new Set([...packaged.args, ...FLAGS])], headless: true });
}

beforeAll(async () => {
  const t0 = Date.now();
  demo = await startDemo({ port: 0, log: () => undefined });
  startSeconds = (Date.now() - t0) / 1000;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('wardfeed demo', () => {
  it('serves every fixture ward feed within 60 s, with the crawled articles intact', async () => {
    expect(startSeconds).toBeLessThan(60);
    const parser = new Parser({ customFields: { item: ['content:encoded'] } });
    const wanted = expectations();
    for (const w of registry.wards) {
      const res = await fetch(`${demo.url}/feeds/${w.id}.rss`);
      expect(res.status, w.id).toBe(200);
      const feed = await parser.parseString(await res.text());
      const mine = wanted.filter((e) => e.wardIds.includes(w.id));
      expect(feed.items.length, w.id).toBeGreaterThanOrEqual(Math.min(1, mine.length));
      for (const e of mine) {
        const item = feed.items.find((i) => i.title === e.title);
        expect(item, `${w.id}: ${e.title}`).toBeDefined();
        if (e.publishedAt) expect(Date.parse(item!.isoDate!)).toBe(Date.parse(e.publishedAt));
        expect((item!['content:encoded'] as string).length).toBeGreaterThan(100);
      }
    }
  });
});

describe('web index in Chromium', () => {
  it('lists every fixture ward, follows a feed link to valid XML, and searches', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 740 }, locale: 'vi-VN' });
    const page = await context.newPage();
    try {
      const res = await page.goto(`${demo.url}/`);
      expect(res?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('vi');
      for (const w of registry.wards) {
        const row = page.locator(`li[data-ward="${w.id}"]`);
        await expect(row.locator('.ward-name').innerText()).resolves.toBe(w.name);
        expect(await row.locator('a[type="application/rss+xml"]').getAttribute('href')).toBe(`${demo.url}/feeds/${w.id}.rss`);
      }
      // Readable on a phone: nothing wider than the screen.
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      // Autodiscovery of the aggregate feeds.
      const alternates = await page.locator('head link[rel="alternate"]').evaluateAll((ls) => ls.map((l) => l.getAttribute('href')));
      expect(alternates).toContain(`${demo.url}/feeds/all.rss`);

      // Follow one ward's Atom link as a reader would.
      const href = await page.locator('li[data-ward="thanh-tri-hoang-mai"] a[type="application/atom+xml"]').getAttribute('href');
      const feedRes = await page.goto(href!);
      expect(feedRes?.status()).toBe(200);
      expect(feedRes?.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
      const xml = await feedRes!.text();
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(xml).toContain('Đảng ủy phường Thanh Trì họp giao ban Bí thư chi bộ mở rộng tháng 01/2021');

      // Search without diacritics: both tone placements of "Hòa An" come back.
      await page.goto(`${demo.url}/`);
      await page.fill('input[name="q"]', 'hoa an');
      await Promise.all([page.waitForURL(/\/search\?q=hoa\+an/), page.press('input[name="q"]', 'Enter')]);
      const titles = await page.locator('li.article > a').allInnerTexts();
      expect(titles).toContain('Phường Hoà An ra quân tổng vệ sinh môi trường sau mưa bão');
      expect(titles).toContain('Phường Hòa An tổng kết công tác năm 2020, triển khai nhiệm vụ năm 2021');
      expect(await page.inputValue('input[name="q"]')).toBe('hoa an');
    } finally {
      await context.close();
    }
  });
});
