import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectProfile, extractArticle, extractListing } from '../../lib/sites/extract.ts';
import { parsePage } from '../../lib/extract/page.ts';
import { SITES_DIR } from '../fixtures/sites.ts';

const DIR = join(SITES_DIR, 'phuongbenthanh.gov.vn');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');
const URL1 = 'https://phuongbenthanh.gov.vn/phuong-ben-thanh-ra-quan-lap-lai-trat-tu-via-he-tren-tuyen-duong-le-loi/';

describe('wordpress', () => {
  it('dates a post by time.published, not time.updated; the byline account is no author; Jetpack boxes stay out', () => {
    const html = read('article-51027.html');
    expect(html).toContain('<time class="updated" datetime="2026-02-14T10:05:00+07:00" hidden>');
    const a = extractArticle({ html, url: URL1 });
    expect(a).toMatchObject({ profile: 'wordpress', publishedAt: '2026-02-13T08:30:00+07:00', dateSource: 'page', author: 'Minh Tuấn', category: 'Tin tức' });
    expect(a.bodyText).not.toMatch(/Liên quan|Chia sẻ|Quản trị|Hội nghị tiếp xúc cử tri/);
  });

  it('reads the minute of a listing item from its <time datetime>, where the text shows the day', () => {
    const l = extractListing({ html: read('listing-1.html'), url: 'https://phuongbenthanh.gov.vn/category/tin-tuc/' });
    expect(read('listing-1.html')).toContain('datetime="2026-02-13T08:30:00+07:00">13/02/2026</time>');
    expect(l.items[0]).toMatchObject({ publishedAt: '2026-02-13T08:30:00+07:00', datePrecision: 'minute', dateSource: 'listing' });
  });

  it('detects a plain-permalink post from the generator alone', () => {
    const html = '<html><head><meta name="generator" content="WordPress 6.4.3"></head><body class="single single-post"><article class="post"><h1 class="entry-title">Tin</h1><div class="entry-content"><p>Nội dung.</p></div></article></body></html>';
    expect(detectProfile(parsePage(html, 'https://namgianghia.lamdong.gov.vn/?p=4751')).name).toBe('wordpress');
  });

  it('advertises its own feed, which lists the posts with their dates', () => {
    expect(read('listing-1.html')).toContain('<link rel="alternate" type="application/rss+xml" title="Phường Bến Thành &raquo; Dòng thông tin" href="https://phuongbenthanh.gov.vn/feed/">');
    const feed = read('feed.xml');
    expect(feed).toContain(`<link>${URL1}</link>`);
    expect(feed).toContain('<pubDate>Fri, 13 Feb 2026 08:30:00 +0700</pubDate>');
  });
});
