import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle, extractListing } from '../../lib/sites/extract.ts';
import { FAMILIES, FAMILY_NAMES, PROFILE_NAMES, PROFILES } from '../../lib/sites/index.ts';
import { SEEDS_DIR, fixturePages, fold } from '../fixtures/sites.ts';

const pages = fixturePages();
const articles = pages.filter((p) => p.kind === 'article' && p.expected);
const listings = pages.filter((p) => p.kind === 'listing' && p.expected);
const FIELDS = ['title', 'publishedAt', 'datePrecision', 'dateSource', 'viewCount', 'category', 'summary', 'author'] as const;

describe('profile registry', () => {
  it('names every family, generic and auto', () => {
    expect(PROFILE_NAMES).toEqual([...FAMILY_NAMES, 'generic', 'auto']);
    expect(Object.keys(PROFILES)).toEqual(PROFILE_NAMES);
    for (const name of PROFILE_NAMES) expect(PROFILES[name].name).toBe(name);
    expect(FAMILIES.map((f) => f.name)).toEqual(FAMILY_NAMES);
  });

  it('gives every family a description and example addresses', () => {
    for (const f of FAMILIES) {
      expect(f.description.length).toBeGreaterThan(20);
      expect(f.examples.length).toBeGreaterThan(0);
      for (const e of f.examples) expect(() => new URL(e)).not.toThrow();
    }
  });

  it('has fixture sites for every family', () => {
    const families = new Set(pages.map((p) => p.family));
    for (const f of FAMILIES) expect(families, f.name).toContain(f.name);
  });
});

describe.each(['family', 'auto'] as const)('fixture articles with the %s profile', (mode) => {
  it.each(articles.map((p) => [p.file, p] as const))('%s', (_file, p) => {
    const a = extractArticle({ html: p.html, url: p.url, profile: mode === 'family' ? p.family : 'auto' });
    const e = p.expected!;
    expect(a.profile).toBe(p.family);
    for (const f of FIELDS) expect(a[f], f).toEqual(e[f]);
    expect(a.bodyText.split('\n\n')).toEqual((e.paragraphs as string[]).map(fold));
    const captions = a.images.flatMap((i) => (i.caption ? [i.caption] : []));
    expect(captions).toEqual(e.imageCaptions ?? []);
    expect(a.attachments.map(({ type, title }) => ({ type, title }))).toEqual(e.attachments ?? []);
    for (const att of a.attachments) expect(att.url).toMatch(/^https?:\/\//);
    for (const img of a.images) expect(img.src).toMatch(/^https?:\/\//);
    expect(new URL(a.canonicalUrl).hostname).toBe(p.host);
    expect(a.bodyHtml).not.toMatch(/<script|<style|onclick=|javascript:/i);
  });
});

describe.each(['family', 'auto'] as const)('fixture listings with the %s profile', (mode) => {
  it.each(listings.map((p) => [p.file, p] as const))('%s', (_file, p) => {
    const l = extractListing({ html: p.html, url: p.url, profile: mode === 'family' ? p.family : 'auto' });
    const e = p.expected as { items: unknown[]; nextPageUrl?: string };
    expect(l.profile).toBe(p.family);
    expect(l.items).toEqual(e.items);
    expect(l.nextPageUrl).toEqual(e.nextPageUrl);
  });
});

describe('listing items lead to pages of the fixture site', () => {
  const routes = new Set(pages.map((p) => p.url));
  it.each(listings.map((p) => [p.file, p] as const))('%s', (_file, p) => {
    const l = extractListing({ html: p.html, url: p.url });
    expect(l.items.length).toBeGreaterThan(0);
    for (const item of l.items) expect(routes, item.url).toContain(item.url);
    if (l.nextPageUrl) expect(routes).toContain(l.nextPageUrl);
  });
});

interface SeedEntry {
  file: string;
  source: string;
  expected: {
    title: string;
    category?: string;
    summary?: string;
    publishedAt?: string;
    viewCount?: number;
    paragraphs: number;
    trailingGalleryCaption?: string;
    imageCaptions?: string[];
    signature?: string;
    boilerplate?: string[];
    eventDate?: string;
  };
}

/**
 * The body paragraphs of a seed, read off the seed text itself: its blocks minus the header
 * (section, title with meta line, boilerplate) and the trailing gallery caption, image captions
 * and signature that the manifest names.
 */
function seedParagraphs(seed: SeedEntry): string[] {
  const x = seed.expected;
  const text = readFileSync(join(SEEDS_DIR, seed.file), 'utf8');
  const drop = new Set([x.trailingGalleryCaption, x.signature, x.summary, ...(x.imageCaptions ?? [])].filter(Boolean).map((s) => fold(s!)));
  return text
    .split(/\n\s*\n/)
    .map(fold)
    .filter((b) => b.length > 0)
    .filter((b) => !drop.has(b))
    .filter((b) => !b.includes(fold(x.title)))
    .filter((b) => !(x.category && b.startsWith(fold(x.category))))
    .filter((b) => !(x.boilerplate ?? []).some((junk) => b.startsWith(junk)));
}

describe('the five seed articles', () => {
  const manifest = JSON.parse(readFileSync(join(SEEDS_DIR, 'manifest.json'), 'utf8')) as { articles: SeedEntry[] };
  it.each(manifest.articles.map((s) => [s.file, s] as const))('%s', (_file, seed) => {
    const page = articles.find((p) => p.expected?.seed === seed.file);
    expect(page, `a fixture page carries ${seed.file}`).toBeDefined();
    const a = extractArticle({ html: page!.html, url: page!.url });
    const x = seed.expected;
    expect(a.title).toBe(x.title);
    if (x.category) expect(a.category).toBe(x.category);
    if (x.summary) expect(a.summary).toBe(x.summary);
    if (x.publishedAt) expect(a.publishedAt).toBe(x.publishedAt);
    if (x.viewCount !== undefined) expect(a.viewCount).toBe(x.viewCount);
    if (x.eventDate && !x.publishedAt && a.dateSource === 'body') {
      expect(a.publishedAt).toBe(`${x.eventDate}T00:00:00+07:00`);
      expect(a.datePrecision).toBe('day');
    }
    if (x.signature) expect(a.author).toBe(x.signature);
    const paragraphs = a.bodyText.split('\n\n');
    expect(paragraphs).toHaveLength(x.paragraphs);
    expect(paragraphs).toEqual(seedParagraphs(seed));
    const captions = a.images.flatMap((i) => (i.caption ? [i.caption] : []));
    if (x.trailingGalleryCaption) expect(captions).toContain(fold(x.trailingGalleryCaption));
    for (const c of x.imageCaptions ?? []) expect(captions).toContain(c);
    for (const junk of ['Skip to main content', 'Ngày đăng', 'Lượt xem', 'View count', 'In bài viết', 'Chia sẻ', 'Tin khác', 'Bản quyền']) {
      expect(a.bodyText).not.toContain(junk);
    }
    if (seed.source.startsWith('https://')) expect(a.canonicalUrl).toBe(seed.source);
  });

  it('dates Mỹ Long from the event in its first sentence', () => {
    const page = articles.find((p) => p.expected?.seed === 'my-long-2023-11-23.txt')!;
    const a = extractArticle({ html: page.html, url: page.url });
    expect({ publishedAt: a.publishedAt, datePrecision: a.datePrecision, dateSource: a.dateSource }).toEqual({
      publishedAt: '2023-11-23T00:00:00+07:00',
      datePrecision: 'day',
      dateSource: 'body',
    });
  });
});

describe('family dates after the fetch time', () => {
  const html = `<html><head><meta property="article:published_time" content="2025-07-20T21:08:00+07:00"></head><body>
    <h1 class="detail-title">Phường Dương Nội ra quân dọn vệ sinh</h1>
    <div class="detail-time">31/12/2026 08:00</div>
    <div class="detail-content"><p>${'Sáng nay, phường Dương Nội tổ chức ra quân dọn vệ sinh môi trường trên các tuyến phố. '.repeat(4)}</p></div>
  </body></html>`;
  const url = 'https://duongnoi.hanoi.gov.vn/tin-tuc/ra-quan-don-ve-sinh-2800250720210800513.htm';

  it('refuses a shown date more than a day after the fetch and takes the next source', () => {
    const a = extractArticle({ html, url, profile: 'hanoi-ward-2025', fetchedAt: '2025-07-21T03:00:00Z' });
    expect(a).toMatchObject({ publishedAt: '2025-07-20T21:08:00+07:00', dateSource: 'meta' });
    expect(extractArticle({ html, url, profile: 'hanoi-ward-2025' })).toMatchObject({ publishedAt: '2026-12-31T08:00:00+07:00', dateSource: 'page' });
  });
});

describe('canonical address', () => {
  const page = (canonical: string) => `<html><head><link rel="canonical" href="${canonical}"></head><body>
    <h1 class="detail-title">Phường Dương Nội ra quân dọn vệ sinh</h1>
    <div class="detail-content"><p>${'Sáng nay, phường Dương Nội tổ chức ra quân dọn vệ sinh môi trường trên các tuyến phố. '.repeat(4)}</p></div>
  </body></html>`;
  const url = 'https://duongnoi.hanoi.gov.vn/tin-tuc/ra-quan-don-ve-sinh-2800250720210800513.htm';

  it.each(['hanoi-ward-2025', 'generic'])('%s: takes a canonical on the same site and refuses one on another host', (profile) => {
    const same = extractArticle({ html: page('https://www.duongnoi.hanoi.gov.vn/tin-tuc/ra-quan-2800250720210800513.htm?utm_source=x'), url, profile });
    expect(same.canonicalUrl).toBe('https://www.duongnoi.hanoi.gov.vn/tin-tuc/ra-quan-2800250720210800513.htm');
    const other = extractArticle({ html: page('https://hanoi.gov.vn/tin-tuc/ra-quan-2800250720210800513.htm'), url, profile });
    expect(other.canonicalUrl).toBe(url);
  });
});
