import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { extractArticle, extractListing } from '../../lib/sites/extract.ts';
import { articleId, canonicalizeUrl } from '../../lib/url.ts';
import { readSite, SITES_DIR } from '../fixtures/sites.ts';

const HOST = 'nhontrach.dongnai.gov.vn';
const DIR = join(SITES_DIR, HOST);
const site = readSite(HOST);
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');
const ARTICLE = '/vi/news/hoat-dong-chinh-quyen-nha-nuoc/xa-nhon-trach-to-chuc-phien-hop-thuong-ky-thang-1-nam-2026-684.html';
const url = (path: string) => `https://${HOST}${path}`;

describe('nukeviet', () => {
  const own = extractArticle({ html: read('article-684.html'), url: url(ARTICLE), profile: 'nukeviet' });

  it('dates the article by its visible line, not the schema datePublished (the last edit) nor the header clock', () => {
    const html = read('article-684.html');
    expect(html).toContain('itemprop="datePublished">2026-01-26T08:12:00+07:00');
    expect(html).toContain('<span class="current-time">Thứ ba - 01/12/2026 20:55</span>');
    expect(own).toMatchObject({ publishedAt: '2026-01-23T16:49:00+07:00', datePrecision: 'minute', dateSource: 'page' });
    // Without the visible line the page's declared dates are all there is: the line is what decided.
    const bare = extractArticle({ html: html.replace(/<span class="h5">[^<]*<\/span>/, '<span class="h5"></span>'), url: url(ARTICLE), profile: 'nukeviet' });
    expect(bare.publishedAt).not.toBe('2026-01-23T16:49:00+07:00');
  });

  it.each([
    ['print', 'print-684.html'],
    ['savefile', 'savefile-684.html'],
  ])('resolves the %s copy to the article, so it is never stored twice', (kind, file) => {
    const copyPath = ARTICLE.replace('/vi/news/', `/vi/news/${kind}/`);
    expect(site.pages.find((p) => p.path === copyPath)?.file).toBe(file);
    const copy = extractArticle({ html: read(file), url: url(copyPath) });
    expect(copy.profile).toBe('nukeviet');
    expect(copy.canonicalUrl).toBe(own.canonicalUrl);
    expect(articleId(copy.canonicalUrl)).toBe(articleId(canonicalizeUrl(url(ARTICLE))));
    expect({ title: copy.title, publishedAt: copy.publishedAt, bodyText: copy.bodyText }).toEqual({ title: own.title, publishedAt: own.publishedAt, bodyText: own.bodyText });
  });

  it('maps the copy addresses of a site whose default module is news', () => {
    const html = read('print-684.html');
    for (const [copy, article] of [
      ['https://xamuongkim.laichau.gov.vn/savefile/tin-tuc-su-kien/to-chuc-lay-y-kien-140.html', 'https://xamuongkim.laichau.gov.vn/tin-tuc-su-kien/to-chuc-lay-y-kien-140.html'],
      ['https://xamuongkim.laichau.gov.vn/index.php/print/tin-tuc-su-kien/to-chuc-lay-y-kien-140.html', 'https://xamuongkim.laichau.gov.vn/index.php/tin-tuc-su-kien/to-chuc-lay-y-kien-140.html'],
    ]) {
      expect(extractArticle({ html, url: copy, profile: 'nukeviet' }).canonicalUrl).toBe(article);
    }
    expect(own.canonicalUrl).toBe(url(ARTICLE));
  });

  it('advertises its own feed on every page, and the feed serves the listing items with their dates', () => {
    const feedRoute = site.pages.find((p) => p.path === '/vi/news/rss/');
    expect(feedRoute?.kind).toBe('asset');
    for (const p of site.pages.filter((r) => r.kind !== 'asset')) {
      const $ = cheerio.load(read(p.file));
      expect($('link[rel="alternate"][type="application/rss+xml"]').first().attr('href'), p.file).toBe('/vi/news/rss/');
    }
    const $feed = cheerio.load(read(feedRoute!.file), { xml: true });
    const feedItems = $feed('item')
      .toArray()
      .map((el) => ({ url: $feed(el).find('link').text(), title: $feed(el).find('title').text(), pubDate: new Date($feed(el).find('pubDate').text()).toISOString() }));
    const listed = site.pages
      .filter((p) => p.kind === 'listing')
      .flatMap((p) => extractListing({ html: read(p.file), url: url(p.path), profile: 'nukeviet' }).items);
    expect(feedItems).toEqual(listed.map((i) => ({ url: i.url, title: i.title, pubDate: new Date(i.publishedAt!).toISOString() })));
  });
});
