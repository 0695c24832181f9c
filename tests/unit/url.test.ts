import { describe, expect, it } from 'vitest';
import { canonicalizeUrl } from '../../lib/url.ts';

describe('canonicalizeUrl', () => {
  it('drops the fragment, session and tracking parameters, and sorts what is left', () => {
    expect(canonicalizeUrl('https://X.gov.vn:443/tin-tuc/a;jsessionid=AB12?utm_source=fb&b=2&a=1&PHPSESSID=9#top')).toBe('https://x.gov.vn/tin-tuc/a?a=1&b=2');
  });

  it('keeps a bare key as a bare key', () => {
    expect(canonicalizeUrl('https://x.gov.vn/tin-tuc?12345')).toBe('https://x.gov.vn/tin-tuc?12345');
  });

  it('keeps each pair encoded as the site wrote it', () => {
    expect(canonicalizeUrl('https://x.gov.vn/tim?q=l%E1%BB%8Bch%20h%E1%BB%8Dp&cat=a~b')).toBe('https://x.gov.vn/tim?cat=a~b&q=l%E1%BB%8Bch%20h%E1%BB%8Dp');
  });

  it('drops empty pairs and a query that becomes empty', () => {
    expect(canonicalizeUrl('https://x.gov.vn/a?&&fbclid=1&')).toBe('https://x.gov.vn/a');
  });

  it('recognises an encoded session key', () => {
    expect(canonicalizeUrl('https://x.gov.vn/a?%6Asessionid=1&id=4')).toBe('https://x.gov.vn/a?id=4');
  });

  it('sorts repeated keys by value', () => {
    expect(canonicalizeUrl('https://x.gov.vn/a?t=2&t=1')).toBe('https://x.gov.vn/a?t=1&t=2');
  });

  it('orders by parameter name first, as the server reads them', () => {
    expect(canonicalizeUrl('https://x.gov.vn/a?a=1&a-b=2')).toBe('https://x.gov.vn/a?a=1&a-b=2');
  });
});
