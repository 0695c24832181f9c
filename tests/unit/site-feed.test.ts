import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advertisedFeed, feedDate, knownFeedUrl, MAX_FEED_ITEMS, readFeed } from '../../lib/crawl/site-feed.ts';
import { DEFAULT_SITES_DIR } from '../fixtures/server.ts';

const SITE = join(DEFAULT_SITES_DIR, 'nhontrach.dongnai.gov.vn');
const FEED_URL = 'https://nhontrach.dongnai.gov.vn/vi/news/rss/';
const FETCHED = new Date('2026-02-01T03:00:00Z');

const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`;
const item = (link: string, date?: string) => `<item><title>T ${link}</title><link>${link}</link>${date ? `<pubDate>${date}</pubDate>` : ''}</item>`;

describe('readFeed', () => {
  it('reads the NukeViet fixture RSS: addresses, titles and dates in Vietnam time, source listing', () => {
    const out = readFeed(readFileSync(join(SITE, 'rss.xml'), 'utf8'), FEED_URL, FETCHED);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.items.map((i) => i.url.replace(/^.*-(\d+)\.html$/, '$1'))).toEqual(['684', '679', '671']);
    expect(out.items[0]).toEqual({
      url: 'https://nhontrach.dongnai.gov.vn/vi/news/hoat-dong-chinh-quyen-nha-nuoc/xa-nhon-trach-to-chuc-phien-hop-thuong-ky-thang-1-nam-2026-684.html',
      title: 'Xã Nhơn Trạch tổ chức phiên họp thường kỳ tháng 1 năm 2026',
      publishedAt: '2026-01-23T16:49:00+07:00',
      datePrecision: 'minute',
      dateSource: 'listing',
    });
  });

  it('reads Atom: the alternate link, published before updated, relative links against the feed', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
      <entry><title type="html">Tin &lt;b&gt;mới&lt;/b&gt;</title><link rel="edit" href="/edit/1"/><link rel="alternate" href="/tin/1.html"/>
      <published>2026-01-20T08:00:00+07:00</published><updated>2026-01-31T08:00:00Z</updated></entry>
      <entry><title>Hai</title><link href="https://a.example/tin/2"/><updated>2026-01-19</updated></entry></feed>`;
    const out = readFeed(atom, 'https://a.example/feed/', FETCHED);
    expect(out).toEqual({
      ok: true,
      items: [
        { url: 'https://a.example/tin/1.html', title: 'Tin mới', publishedAt: '2026-01-20T08:00:00+07:00', datePrecision: 'minute', dateSource: 'listing' },
        { url: 'https://a.example/tin/2', title: 'Hai', publishedAt: '2026-01-19T00:00:00+07:00', datePrecision: 'day', dateSource: 'listing' },
      ],
    });
  });

  it('an item without a usable date stays undated (never "now")', () => {
    const out = readFeed(rss(item('https://a.example/1', 'hôm qua') + item('https://a.example/2')), FEED_URL, FETCHED);
    expect(out.ok && out.items.map((i) => i.publishedAt)).toEqual([undefined, undefined]);
  });

  it('refuses a feed dating an item more than a day after the fetch', () => {
    const ok = readFeed(rss(item('https://a.example/1', 'Sun, 01 Feb 2026 20:00:00 +0700')), FEED_URL, FETCHED);
    expect(ok.ok).toBe(true);
    const out = readFeed(rss(item('https://a.example/0', 'Sat, 31 Jan 2026 10:00:00 +0700') + item('https://a.example/1', 'Tue, 03 Feb 2026 10:00:00 +0700')), FEED_URL, FETCHED);
    expect(out).toEqual({ ok: false, reason: 'dates an item in the future (Tue, 03 Feb 2026 10:00:00 +0700)' });
  });

  it('refuses a feed dating an item at the fetch time', () => {
    const out = readFeed(rss(item('https://a.example/1', 'Sun, 01 Feb 2026 10:00:30 +0700')), FEED_URL, FETCHED);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.reason).toMatch(/^dates an item at the fetch time/);
  });

  it('tells truncated, broken, not a feed and empty apart', () => {
    const whole = readFileSync(join(SITE, 'rss.xml'), 'utf8');
    const cut = readFeed(whole.slice(0, Math.floor(whole.length * 0.6)), FEED_URL, FETCHED);
    expect(!cut.ok && cut.reason).toMatch(/^truncated: /);
    const broken = readFeed('<rss><channel><item></channel></rss>', FEED_URL, FETCHED);
    expect(!broken.ok && broken.reason).toMatch(/^broken: /);
    expect(readFeed('<html><body>Trang chủ</body></html>', FEED_URL, FETCHED)).toEqual({ ok: false, reason: 'broken: not an RSS or Atom feed' });
    expect(readFeed(rss(''), FEED_URL, FETCHED)).toEqual({ ok: false, reason: 'the feed has no items' });
    const entities = '<!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel><item><title>&a;</title></item></channel></rss>';
    expect(readFeed(entities, FEED_URL, FETCHED).ok).toBe(false);
  });

  it(`keeps at most ${MAX_FEED_ITEMS} items and bounded titles`, () => {
    const many = Array.from({ length: MAX_FEED_ITEMS + 50 }, (_, i) => `<item><title>${'x'.repeat(3000)}</title><link>https://a.example/${i}</link></item>`).join('');
    const out = readFeed(rss(many), FEED_URL, FETCHED);
    expect(out.ok && out.items.length).toBe(MAX_FEED_ITEMS);
    expect(out.ok && out.items[0].title.length).toBe(500);
  });
});

describe('feedDate', () => {
  it('reads RFC 822 and ISO 8601 with their zones, and nothing without one', () => {
    expect(feedDate('Fri, 23 Jan 2026 16:49:00 +0700')).toEqual({ at: Date.parse('2026-01-23T09:49:00Z'), precision: 'minute' });
    expect(feedDate('23 Jan 2026 09:49 GMT')).toEqual({ at: Date.parse('2026-01-23T09:49:00Z'), precision: 'minute' });
    expect(feedDate('2026-01-23T16:49:00.5+07:00')).toEqual({ at: Date.parse('2026-01-23T09:49:00Z'), precision: 'minute' });
    expect(feedDate('2026-01-23T16:49:00')).toBeUndefined();
    expect(feedDate('Fri, 23 Foo 2026 16:49:00 +0700')).toBeUndefined();
  });
});

describe('finding a feed', () => {
  it('the NukeViet listing advertises its category feed before the site feed', () => {
    const html = readFileSync(join(SITE, 'listing-1.html'), 'utf8');
    expect(advertisedFeed(html, 'https://nhontrach.dongnai.gov.vn/vi/news/hoat-dong-chinh-quyen-nha-nuoc/')).toBe(
      'https://nhontrach.dongnai.gov.vn/vi/news/rss/hoat-dong-chinh-quyen-nha-nuoc/',
    );
  });

  it('ignores alternates that are not feeds', () => {
    const html = '<head><link rel="alternate" hreflang="en" href="/en/"><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head>';
    expect(advertisedFeed(html, 'https://a.example/tin-tuc/')).toBe('https://a.example/atom.xml');
    expect(advertisedFeed('<head><link rel="alternate" hreflang="en" href="/en/"></head>', 'https://a.example/')).toBeUndefined();
  });

  it('knows the NukeViet and WordPress feed paths', () => {
    expect(knownFeedUrl('nukeviet', 'https://x.gov.vn/vi/news/abc/')).toBe('https://x.gov.vn/vi/news/rss/');
    expect(knownFeedUrl('wordpress', 'https://x.gov.vn/tin-tuc/')).toBe('https://x.gov.vn/feed/');
    expect(knownFeedUrl('generic', 'https://x.gov.vn/tin-tuc/')).toBeUndefined();
  });
});
