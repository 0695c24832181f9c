import { describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '../../lib/article.ts';
import { contentHash, resolveDate, toArticle, vietnamTimestamp } from '../../lib/crawl/article-record.ts';
import { fetcherOptionsFromEnv } from '../../lib/crawl/index.ts';
import { articleId, canonicalizeUrl } from '../../lib/url.ts';

const extracted: ExtractedArticle = {
  url: 'https://x.gov.vn/a?jsessionid=1', canonicalUrl: 'https://x.gov.vn/a', title: 'Tiêu đề', bodyHtml: '<p>Nội dung</p>',
  bodyText: 'Nội dung', images: [], attachments: [{ url: 'https://x.gov.vn/k.pdf', title: 'KH', type: 'pdf' }], profile: 'generic',
};

describe('article record', () => {
  it('writes instants in Vietnam time', () => {
    expect(vietnamTimestamp(new Date('2025-07-20T14:08:00Z'))).toBe('2025-07-20T21:08:00+07:00');
  });
  it('dates: page, else listing, else first-seen (and says so)', () => {
    const seen = '2025-08-01T10:00:00+07:00';
    expect(resolveDate({ ...extracted, publishedAt: '2021-01-15T16:12:00+07:00', datePrecision: 'minute', dateSource: 'page' }, undefined, seen))
      .toEqual({ publishedAt: '2021-01-15T16:12:00+07:00', datePrecision: 'minute', dateSource: 'page' });
    expect(resolveDate(extracted, { publishedAt: '2025-07-20T21:08:00+07:00', datePrecision: 'minute' }, seen))
      .toEqual({ publishedAt: '2025-07-20T21:08:00+07:00', datePrecision: 'minute', dateSource: 'listing' });
    expect(resolveDate(extracted, undefined, seen)).toEqual({ publishedAt: seen, datePrecision: 'minute', dateSource: 'first-seen' });
  });
  it('content hash changes with title, text and attachments only', () => {
    const h = contentHash(extracted);
    expect(contentHash({ ...extracted })).toBe(h);
    expect(contentHash({ ...extracted, bodyText: 'Nội dung mới' })).not.toBe(h);
    expect(contentHash({ ...extracted, attachments: [] })).not.toBe(h);
  });
  it('the id comes from the listing address, canonicalised', () => {
    const a = toArticle({ extracted, listingUrl: 'https://X.gov.vn/a?utm_source=fb', wardIds: ['w'], sourceId: 's', now: '2025-08-01T10:00:00+07:00' });
    expect(a.id).toBe(articleId('https://x.gov.vn/a'));
    expect(a.canonicalUrl).toBe(canonicalizeUrl('https://x.gov.vn/a'));
    expect(a.revisions).toBe(0);
    expect(a.firstSeenAt).toBe('2025-08-01T10:00:00+07:00');
  });
});

describe('test-only environment switches', () => {
  it('parses WARDFEED_RESOLVE and WARDFEED_ALLOW_PRIVATE', () => {
    expect(fetcherOptionsFromEnv({ WARDFEED_RESOLVE: 'a.vn=127.0.0.1:8080, B.vn=127.0.0.1:9', WARDFEED_ALLOW_PRIVATE: '1' })).toEqual({
      resolve: { 'a.vn': '127.0.0.1:8080', 'b.vn': '127.0.0.1:9' },
      allowPrivate: true,
    });
    expect(fetcherOptionsFromEnv({})).toEqual({});
  });
});
