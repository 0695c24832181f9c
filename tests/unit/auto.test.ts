import { describe, expect, it } from 'vitest';
import { isWardfeedError, type WardfeedError } from '../../lib/errors.ts';
import { detectProfile, extractArticle, extractListing } from '../../lib/sites/extract.ts';
import { parsePage } from '../../lib/extract/page.ts';
import { fixturePages } from '../fixtures/sites.ts';

function kindOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (isWardfeedError(e)) return e.kind;
    throw e;
  }
  return undefined;
}

describe('detectProfile on the fixture sites', () => {
  const pages = fixturePages();
  it.each(pages.map((p) => [p.file, p] as const))('%s', (_file, p) => {
    const d = detectProfile(parsePage(p.html, p.url));
    expect(d.name).toBe(p.family);
    expect(d.confidence).toBeGreaterThanOrEqual(0.5);
    expect(d.confidence).toBeLessThanOrEqual(1);
  });
});

describe('detectProfile off the families\' own web', () => {
  it('leaves a Drupal page on a host outside Vietnam to generic', () => {
    const html = '<html><head><meta name="Generator" content="Drupal 10 (https://www.drupal.org)"></head><body><a href="#main-content">Skip to main content</a><p>x</p></body></html>';
    expect(detectProfile(parsePage(html, 'https://www.example.org/blog/some-long-post-title')).name).toBe('generic');
    expect(detectProfile(parsePage(html, 'https://binhduc.longxuyen.angiang.gov.vn/some-long-post-title')).name).toBe('angiang-drupal');
  });

  it('leaves a WordPress post on a host outside Vietnam to generic', () => {
    const html = '<html><head><meta name="generator" content="WordPress 6.7.1"></head><body class="single-post"><article class="hentry"><p>x</p></article></body></html>';
    expect(detectProfile(parsePage(html, 'https://blog.example.com/2024/05/a-post/')).name).toBe('generic');
    expect(detectProfile(parsePage(html, 'https://phuongbenthanh.gov.vn/?p=51027')).name).toBe('wordpress');
  });
});

describe('detectProfile from markers alone', () => {
  const shell = (head: string, body = '<p>x</p>') => `<html><head>${head}</head><body>${body}</body></html>`;
  it.each([
    ['angiang-drupal', 'https://binhduc.longxuyen.angiang.gov.vn/tin-tuc', shell('<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">')],
    ['sharepoint', 'https://www.ninhthuan.gov.vn/Pages/default.aspx', shell('<meta name="GENERATOR" content="Microsoft SharePoint">')],
    ['danang-portal', 'https://hoaan.danang.gov.vn/chi-tiet-tin-tuc?dinhdanh=123&cat=4', shell('')],
    ['liferay-district', 'https://hoangmai.hanoi.gov.vn/phuong-dai-kim/-/view_content/123-tin.html', shell('<script>var Liferay = { Browser: {} }; Liferay.Portlet.ready();</script>')],
    ['liferay-asset-publisher', 'https://khuongmai.thanhxuan.hanoi.gov.vn/tin/-/asset_publisher/Ab12/content/tin-moi', shell('<script>Liferay.Portlet.ready()</script>')],
    ['hanoi-ward-2025', 'https://badinh.hanoi.gov.vn/van-hoa-xa-hoi/le-hoi-2800250801171234708.htm', shell('')],
    ['nukeviet', 'https://longha.dongnai.gov.vn/vi/news/bau-cu/tin-moi-12.html', shell('<meta name="generator" content="NukeViet v4.5">')],
    ['slug-id-portal', 'https://dongluong.thanhhoa.gov.vn/thong-tin/to-chuc-bieu-dien-nghe-thuat-652198', shell('')],
    ['liferay-portal', 'https://tamnong.dongthap.gov.vn/chi-tiet-bai-viet/-/asset_publisher/1mOzUrGkrdAE/content/id/5603949', shell('<script>Liferay.Portlet.ready()</script>')],
    ['wordpress', 'https://phuongbenthanh.gov.vn/?p=51027', shell('<meta name="generator" content="WordPress 6.7.1">')],
    ['tuyenquang-portal', 'https://antuong.tuyenquang.gov.vn/vi/tin-bai/hop-dan?id=5&type=NEWS', shell('')],
    ['quangngai-2025', 'https://kondao.quangngai.gov.vn/tin-tuc/hoat-dong/hop-dan.html', shell('', '<p>TRANG THÔNG TIN ĐIỆN TỬ</p><a>Tăng tương phản</a>')],
  ])('%s', (family, url, html) => {
    expect(detectProfile(parsePage(html, url)).name).toBe(family);
  });

  it('falls back to generic when no family is sure', () => {
    const d = detectProfile(parsePage('<html><head><title>Tin tức</title></head><body><article><h1>Tin</h1><p>Nội dung.</p></article></body></html>', 'https://example.org/tin/1'));
    expect(d.name).toBe('generic');
    expect(d.confidence).toBeLessThan(0.5);
  });

  it('is deterministic', () => {
    const page = parsePage('<html><body><a href="/-/view_content/1-a.html">a</a><a href="/-/view_content/2-b.html">b</a></body></html>', 'https://x.hanoi.gov.vn/p');
    expect(detectProfile(page)).toEqual(detectProfile(page));
  });
});

describe('extraction errors', () => {
  const page = '<html><body><h1>Tiêu đề</h1><div class="journal-content-article"><p>Nội dung.</p></div></body></html>';

  it('rejects an unknown profile with the list of profiles', () => {
    try {
      extractArticle({ html: page, url: 'https://x.vn/a', profile: 'joomla' });
      expect.unreachable();
    } catch (e) {
      expect((e as WardfeedError).kind).toBe('bad-request');
      expect((e as WardfeedError).hint).toContain('liferay-district');
    }
  });

  it('refuses pages over 10 MB', () => {
    const huge = `<html><body>${'<p>Đ</p>'.repeat(1_400_000)}</body></html>`;
    expect(kindOf(() => extractArticle({ html: huge, url: 'https://x.vn/a' }))).toBe('too-large');
  });

  it('refuses binary content as unparsable', () => {
    expect(kindOf(() => extractArticle({ html: '%PDF-1.4\n1 0 obj', url: 'https://x.vn/a.pdf' }))).toBe('parse');
    expect(kindOf(() => extractArticle({ html: 'plain text, no markup', url: 'https://x.vn/a' }))).toBe('parse');
  });

  it('says no-article when a family finds no content, and when the text is empty', () => {
    expect(kindOf(() => extractArticle({ html: '<html><body><p>Trang chủ</p></body></html>', url: 'https://x.vn/a', profile: 'liferay-district' }))).toBe('no-article');
    const empty = '<html><body><h1 class="title-view-content">Tiêu đề</h1><div class="journal-content-article"><p>&nbsp;</p><script>x()</script></div></body></html>';
    expect(kindOf(() => extractArticle({ html: empty, url: 'https://x.vn/a', profile: 'liferay-district' }))).toBe('no-article');
  });

  it('says no-article for a family listing page extracted with auto', () => {
    const listing = fixturePages().find((p) => p.kind === 'listing' && p.family === 'liferay-district')!;
    expect(kindOf(() => extractArticle({ html: listing.html, url: listing.url }))).toBe('no-article');
  });

  it('extracts with an explicit family and reports that family', () => {
    const a = extractArticle({ html: page, url: 'https://x.vn/a', profile: 'liferay-district' });
    expect(a).toMatchObject({ title: 'Tiêu đề', bodyText: 'Nội dung.', profile: 'liferay-district' });
  });
});

describe('listing dates', () => {
  it('reads "HH:MM DD/MM/YYYY", and never turns a relative time into a date', () => {
    const html = `<html><body><div class="list-news">
      <div class="item"><a href="/dang-doan-the/tin-a-2800250719210812345.htm">Tin A</a><span class="time">21:08 20/07/2025</span></div>
      <div class="item"><a href="/dang-doan-the/tin-b-2800250801171234708.htm">Tin B</a><span class="time">17 giờ trước</span></div>
    </div></body></html>`;
    const l = extractListing({ html, url: 'https://duongnoi.hanoi.gov.vn/dang-doan-the', profile: 'hanoi-ward-2025' });
    expect(l.items).toEqual([
      { url: 'https://duongnoi.hanoi.gov.vn/dang-doan-the/tin-a-2800250719210812345.htm', title: 'Tin A', publishedAt: '2025-07-20T21:08:00+07:00', datePrecision: 'minute', dateSource: 'listing' },
      // The address id embeds the publish time (250801171234 = 2025-08-01 17:12).
      { url: 'https://duongnoi.hanoi.gov.vn/dang-doan-the/tin-b-2800250801171234708.htm', title: 'Tin B', publishedAt: '2025-08-01T17:12:00+07:00', datePrecision: 'minute', dateSource: 'url' },
    ]);
  });
});
