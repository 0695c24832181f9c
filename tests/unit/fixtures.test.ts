/**
 * Self-check of the fixture sites (tests/fixtures/sites) and their registry: every route has its
 * file, every listing link leads to a route, every article has its expectations, and the five
 * seed articles carry exactly the text of ../shared/seeds (per seeds/manifest.json).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FAMILY_NAMES } from '../../lib/sites/names.ts';
import { readSite, type SiteFile, type SitePage } from '../fixtures/sites.ts';

const FIXTURES = resolve(fileURLToPath(new URL('../fixtures', import.meta.url)));
const SITES = join(FIXTURES, 'sites');
const SEEDS = resolve(FIXTURES, '../../../shared/seeds');

type Route = SitePage;
interface Expected {
  title: string;
  publishedAt?: string;
  datePrecision?: 'minute' | 'day';
  dateSource?: string;
  viewCount?: number;
  category?: string;
  summary?: string;
  author?: string;
  wardIds: string[];
  seed?: string;
  paragraphs: string[];
  imageCaptions?: string[];
  attachments?: { type: string; title: string }[];
}
interface ListingExpected {
  items: { url: string; title: string; publishedAt?: string; datePrecision?: string; dateSource?: string }[];
  nextPageUrl?: string;
}
interface RegistryFile {
  wards: { id: string; name: string; province: string; legacyDistrict?: string; status: string; mergedInto?: string; aliases?: string[] }[];
  sources: { id: string; listUrls: string[]; profile: string; ward?: string; wardsByName?: string[]; verified: boolean; note?: string }[];
}

const FAMILIES: readonly string[] = FAMILY_NAMES;

/** Where each family's listing puts its item links (the part of the page a listing parser reads). */
const ITEM_LINKS: Record<string, string> = {
  'liferay-district': '.news-list a[href]',
  'liferay-asset-publisher': '.asset-abstract a[href]',
  'angiang-drupal': '.view-tin-tuc .views-row a[href]',
  'danang-portal': '.list-news .item a[href]',
  sharepoint: '.news-list .news-item a[href]',
  'hanoi-ward-2025': '.list-news .box-category-item a[href]',
  nukeviet: '.news_column .panel-body h3 a[href]',
  'quangngai-2025': '.news-grid .news-card h3 a[href]',
  'tuyenquang-portal': '.list-post .post-item a.post-item__title[href]',
  'wordpress': 'main article.post .entry-title a[href]',
  'liferay-portal': '.asset-abstract .asset-title a[href]',
  'slug-id-portal': '.list-news .news-item h3 a[href]',
};

/** What the extractor must do to page text: NFC, invisible characters gone, whitespace folded. */
function fold(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

const hosts = readdirSync(SITES).filter((d) => statSync(join(SITES, d)).isDirectory()).sort();
const sites = new Map<string, SiteFile>(hosts.map((h) => [h, readSite(h, SITES)]));
const registry = readJson<RegistryFile>(join(FIXTURES, 'registry.json'));
const manifest = readJson<{ articles: { file: string; source: string; ward: { name: string; legacyDistrict: string; province: string }; expected: Record<string, unknown> & { eventDate?: string } }[] }>(
  join(SEEDS, 'manifest.json'),
);

/** The scheme each host is served with, as the registry says (the one plain-http site included). */
function origin(host: string): string {
  for (const src of registry.sources) {
    for (const u of src.listUrls) {
      const url = new URL(u);
      if (url.host === host) return url.origin;
    }
  }
  return `https://${host}`;
}

function pageText(site: SiteFile, route: Route): string {
  const buf = readFileSync(join(SITES, site.host, route.file));
  return route.charset ? iconv.decode(buf, route.charset) : buf.toString('utf8');
}

function routeFor(site: SiteFile, url: URL): Route | undefined {
  return site.pages.find((p) => p.path === url.pathname + url.search);
}

function visibleText(html: string): string {
  const $ = cheerio.load(html);
  $('script, style, noscript').remove();
  return fold($('body').text());
}

/** A seed's body paragraphs: the blocks after its title block, minus gallery captions and signature. */
function seedParagraphs(seedFile: string, exp: Expected): string[] {
  const blocks = readFileSync(join(SEEDS, seedFile), 'utf8')
    .split(/\n\s*\n/)
    .map(fold)
    .filter((b) => b.length > 0);
  const titleAt = blocks.findIndex((b) => b === exp.title || b.startsWith(`${exp.title} Ngày đăng`));
  expect(titleAt, `title block of ${seedFile}`).toBeGreaterThanOrEqual(0);
  const drop = new Set([...(exp.imageCaptions ?? []), ...(exp.author ? [exp.author] : [])]);
  return blocks.slice(titleAt + 1).filter((b) => !drop.has(b));
}

describe('fixture sites', () => {
  it('cover every family', () => {
    expect([...new Set([...sites.values()].map((s) => s.family))].sort()).toEqual([...FAMILIES].sort());
  });

  for (const host of hosts) {
    const site = sites.get(host)!;
    describe(host, () => {
      it('has a well-formed site.json whose files exist', () => {
        expect(site.host).toBe(host);
        expect(FAMILIES).toContain(site.family);
        expect(typeof site.robots).toBe('string');
        const paths = site.pages.map((p) => p.path);
        expect(new Set(paths).size, 'paths are unique').toBe(paths.length);
        for (const p of site.pages) {
          expect(p.path.startsWith('/'), p.path).toBe(true);
          expect(['home', 'listing', 'article', 'asset']).toContain(p.kind);
          expect(existsSync(join(SITES, host, p.file)), p.file).toBe(true);
          if (p.kind === 'article') expect(p.expected && existsSync(join(SITES, host, p.expected)), `${p.file} expected`).toBe(true);
          if (p.kind === 'asset') expect(p.contentType, `${p.file} contentType`).toMatch(/^[a-z]+\/[\w.+-]+$/);
        }
        expect(site.pages.filter((p) => p.kind === 'listing').length).toBeGreaterThanOrEqual(2);
        expect(site.pages.filter((p) => p.kind === 'article').length).toBeGreaterThanOrEqual(3);
      });

      it('serves full HTML documents in the charset they declare', () => {
        for (const p of site.pages.filter((r) => r.kind !== 'asset')) {
          const raw = readFileSync(join(SITES, host, p.file));
          const html = pageText(site, p);
          expect(html, p.file).toMatch(/^<!doctype html\b/i);
          const declared = /charset=["']?([\w-]+)/i.exec(html)?.[1]?.toLowerCase();
          expect(declared, `${p.file} declares a charset`).toBe(p.charset ?? 'utf-8');
          if (p.charset) {
            expect(iconv.encodingExists(p.charset)).toBe(true);
            // Not valid UTF-8 on purpose: a reader that ignores the charset gets mojibake.
            expect(raw.toString('utf8')).toContain('\uFFFD');
          } else {
            expect(raw.toString('utf8')).not.toContain('\uFFFD');
          }
        }
      });

      it('links every listed item to an article route, and page 1 to the next page', () => {
        const base = origin(host);
        const listings = site.pages.filter((p) => p.kind === 'listing');
        const linked = new Set<string>();
        for (const listing of listings) {
          const pageUrl = new URL(listing.path, base);
          const $ = cheerio.load(pageText(site, listing));
          const hrefs = $(ITEM_LINKS[site.family ?? '']).toArray().map((a) => $(a).attr('href')!);
          expect(hrefs.length, `${listing.file} has item links`).toBeGreaterThan(0);
          for (const href of hrefs) {
            const url = new URL(href, pageUrl);
            expect(url.host, href).toBe(host);
            const route = routeFor(site, url);
            expect(route?.kind, `${listing.file}: ${href}`).toBe('article');
            linked.add(route!.path);
          }
          const expFile = join(SITES, host, listing.file.replace(/\.html$/, '.expected.json'));
          expect(existsSync(expFile), `${listing.file} has listing expectations`).toBe(true);
          const exp = readJson<ListingExpected>(expFile);
          const text = visibleText(pageText(site, listing));
          for (const item of exp.items) {
            const url = new URL(item.url);
            expect(routeFor(site, url)?.kind, item.url).toBe('article');
            expect(hrefs.map((h) => new URL(h, pageUrl).href)).toContain(url.href);
            expect(text).toContain(item.title);
            if (item.publishedAt) expect(item.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
          }
          const dates = exp.items.map((i) => i.publishedAt).filter((d): d is string => !!d);
          expect([...dates].sort().reverse(), `${listing.file} is newest first`).toEqual(dates);
          if (exp.nextPageUrl) {
            const next = new URL(exp.nextPageUrl);
            expect(routeFor(site, next)?.kind, exp.nextPageUrl).toBe('listing');
            const linksToNext = $('a[href]')
              .toArray()
              .some((a) => new URL($(a).attr('href')!, pageUrl).href === next.href);
            expect(linksToNext, `${listing.file} links ${exp.nextPageUrl}`).toBe(true);
          }
        }
        const firstListing = listings[0];
        const firstExp = readJson<ListingExpected>(join(SITES, host, firstListing.file.replace(/\.html$/, '.expected.json')));
        expect(firstExp.nextPageUrl, 'page 1 links page 2').toBeDefined();
        for (const a of site.pages.filter((p) => p.kind === 'article')) expect(linked, `${a.path} is reachable from a listing`).toContain(a.path);
      });

      it('states in each article page what its expectations say', () => {
        for (const p of site.pages.filter((r) => r.kind === 'article')) {
          const exp = readJson<Expected>(join(SITES, host, p.expected!));
          const text = visibleText(pageText(site, p));
          expect(exp.title.length).toBeGreaterThan(0);
          expect(text, `${p.file} title`).toContain(exp.title);
          expect(Array.isArray(exp.wardIds)).toBe(true);
          expect(exp.paragraphs.length).toBeGreaterThan(0);
          for (const para of exp.paragraphs) {
            expect(para, 'paragraphs are normalised').toBe(fold(para));
            expect(para.length).toBeGreaterThan(0);
            expect(text, `${p.file} carries: ${para.slice(0, 60)}`).toContain(para);
          }
          for (const c of exp.imageCaptions ?? []) expect(text).toContain(c);
          if (exp.summary) expect(text).toContain(exp.summary);
          if (exp.author) expect(text).toContain(exp.author);
          if (exp.category) expect(text).toContain(exp.category);
          if (exp.viewCount !== undefined) expect(text).toMatch(new RegExp(`(Lượt xem|View count|lượt xem)\\s*:?\\s*${exp.viewCount}\\b`));
          if (exp.publishedAt) {
            expect(exp.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
            expect(['minute', 'day']).toContain(exp.datePrecision);
            expect(['page', 'listing', 'meta', 'url', 'body', 'first-seen']).toContain(exp.dateSource);
            const [, y, m, d] = /^(\d{4})-(\d\d)-(\d\d)/.exec(exp.publishedAt)!;
            const shown = new RegExp(`\\b0?${Number(d)}\\s*[/-]\\s*0?${Number(m)}\\s*[/-]\\s*${y}\\b`);
            if (exp.dateSource === 'page' || exp.dateSource === 'body') expect(text, `${p.file} shows its date`).toMatch(shown);
            if (exp.dateSource === 'body') expect(text.indexOf(exp.paragraphs[0]), 'the body date is in the first paragraph').toBeGreaterThanOrEqual(0);
          }
          const $ = cheerio.load(pageText(site, p));
          const pageUrl = new URL(p.path, origin(host));
          for (const att of exp.attachments ?? []) {
            const link = $('a[href]')
              .toArray()
              .find((a) => fold($(a).text()) === att.title);
            expect(link, `${p.file} links attachment ${att.title}`).toBeDefined();
            const route = routeFor(site, new URL($(link).attr('href')!, pageUrl));
            expect(route?.kind, `${att.title} is served`).toBe('asset');
            const body = readFileSync(join(SITES, host, route!.file));
            if (att.type === 'pdf') {
              expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
              expect(body.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
              expect(route!.contentType).toBe('application/pdf');
            } else {
              expect(route!.path.toLowerCase().endsWith(`.${att.type}`)).toBe(true);
              expect(body.length).toBeGreaterThan(0);
            }
          }
        }
      });
    });
  }
});

describe('seed articles', () => {
  const withSeeds = [...sites.values()].flatMap((site) =>
    site.pages
      .filter((p) => p.kind === 'article')
      .map((p) => ({ site, route: p, exp: readJson<Expected>(join(SITES, site.host, p.expected!)) }))
      .filter((x) => x.exp.seed),
  );

  it('are all five there, once each', () => {
    expect(withSeeds.map((x) => x.exp.seed).sort()).toEqual(manifest.articles.map((a) => a.file).sort());
  });

  for (const seed of manifest.articles) {
    it(`${seed.file}: paragraphs, fields and text match the seed`, () => {
      const found = withSeeds.find((x) => x.exp.seed === seed.file);
      expect(found).toBeDefined();
      const { site, route, exp } = found!;
      if (seed.source.startsWith('http')) {
        const src = new URL(seed.source);
        expect(src.host).toBe(site.host);
        expect(route.path).toBe(src.pathname + src.search);
      }
      expect(exp.paragraphs).toEqual(seedParagraphs(seed.file, exp));
      expect(exp.paragraphs.length).toBe(seed.expected.paragraphs);
      const m = seed.expected;
      expect(exp.title).toBe(m.title);
      for (const k of ['category', 'publishedAt', 'viewCount', 'summary'] as const) if (m[k] !== undefined) expect(exp[k], k).toBe(m[k]);
      if (m.imageCaptions) expect(exp.imageCaptions).toEqual(m.imageCaptions);
      if (m.trailingGalleryCaption) expect(exp.imageCaptions).toEqual([m.trailingGalleryCaption]);
      if (m.signature) expect(exp.author).toBe(m.signature);
      if (m.eventDate) {
        expect(exp.publishedAt).toBe(`${m.eventDate}T00:00:00+07:00`);
        expect(exp.dateSource).toBe('body');
        expect(exp.datePrecision).toBe('day');
      }

      const html = pageText(site, route);
      const text = visibleText(html);
      const seedText = readFileSync(join(SEEDS, seed.file), 'utf8');
      for (const block of seedText.split(/\n\s*\n/).flatMap((b) => b.split('\n')).map(fold).filter(Boolean)) {
        expect(text, `${route.file} carries seed line: ${block.slice(0, 60)}`).toContain(block);
      }
      if (typeof m.metaLine === 'string') expect(text).toContain(fold(m.metaLine));
      if (m.eventDate) {
        // No date anywhere but the body: no meta tags, no time elements, no "submitted" line.
        expect(html).not.toMatch(/article:published_time|datePublished|<time\b|node__submitted/);
      }
    });
  }
});

describe('fixture registry', () => {
  const wardIds = new Set(registry.wards.map((w) => w.id));

  it('has unique ward and source ids in slug form', () => {
    expect(wardIds.size).toBe(registry.wards.length);
    expect(new Set(registry.sources.map((s) => s.id)).size).toBe(registry.sources.length);
    for (const id of [...wardIds, ...registry.sources.map((s) => s.id)]) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('names seed wards by the rule <name>-<legacy district>, and post-2025 wards by province', () => {
    const slug = (s: string) =>
      s
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .replace(/[đĐ]/g, 'd')
        .toLowerCase()
        .replace(/^(phường|phuong|xã|xa|quận|quan|huyện|huyen|thành phố|thanh pho|thị xã|thi xa|tỉnh|tinh)\s+/, '')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
    for (const w of registry.wards) {
      const tail = w.legacyDistrict ? slug(w.legacyDistrict) : slug(w.province);
      expect(w.id).toBe(`${slug(w.name)}-${tail}`);
      expect(['active', 'merged', 'archived']).toContain(w.status);
      if (w.status === 'merged') expect(wardIds).toContain(w.mergedInto);
    }
    for (const seed of manifest.articles) {
      const ward = registry.wards.find((w) => w.name === seed.ward.name && w.legacyDistrict === seed.ward.legacyDistrict);
      expect(ward, seed.ward.name).toBeDefined();
      expect(ward!.province).toBe(seed.ward.province);
    }
  });

  it('covers every fixture site with sources whose first list URL is a listing page', () => {
    const covered = new Set<string>();
    for (const src of registry.sources) {
      expect(src.listUrls.length).toBe(1);
      expect(FAMILIES).toContain(src.profile);
      expect(Boolean(src.ward) !== Boolean(src.wardsByName?.length), `${src.id}: ward or wardsByName`).toBe(true);
      for (const w of [src.ward, ...(src.wardsByName ?? [])].filter(Boolean)) expect(wardIds, `${src.id} → ${w}`).toContain(w);
      const url = new URL(src.listUrls[0]);
      const site = sites.get(url.host);
      expect(site, src.id).toBeDefined();
      expect(site!.family).toBe(src.profile);
      expect(routeFor(site!, url)?.kind, src.listUrls[0]).toBe('listing');
      covered.add(url.host);
      // Every article of the site belongs to the source's wards (or to none, for a district-wide notice).
      const allowed = new Set([src.ward, ...(src.wardsByName ?? [])].filter(Boolean));
      for (const p of site!.pages.filter((r) => r.kind === 'article')) {
        const exp = readJson<Expected>(join(SITES, site!.host, p.expected!));
        for (const w of exp.wardIds) expect(allowed, `${p.file} → ${w}`).toContain(w);
        if (src.ward) expect(exp.wardIds).toEqual([src.ward]);
      }
    }
    expect([...covered].sort()).toEqual(hosts);
    expect(registry.sources.filter((s) => s.listUrls[0].startsWith('http://')).length, 'exactly one plain-http site').toBe(1);
  });

  it('tells the wards of the district-wide source apart by name, one article naming none', () => {
    const wide = registry.sources.filter((s) => s.wardsByName?.length);
    expect(wide.length).toBeGreaterThan(0);
    for (const src of wide) {
      const site = sites.get(new URL(src.listUrls[0]).host)!;
      const exps = site.pages.filter((p) => p.kind === 'article').map((p) => readJson<Expected>(join(SITES, site.host, p.expected!)));
      expect(exps.filter((e) => e.wardIds.length === 0).length).toBeGreaterThanOrEqual(1);
      expect(new Set(exps.flatMap((e) => e.wardIds)).size).toBeGreaterThanOrEqual(4);
    }
  });
});
