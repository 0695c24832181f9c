/**
 * Made-up wards and articles for the store and feed benchmarks: the same shapes a crawl
 * stores, in numbers no fixture site has.
 */
import type { Article } from '../../lib/article.ts';
import type { Registry } from '../../lib/registry/types.ts';

/** `wards` wards split over two provinces and `districts` legacy districts. */
export function syntheticRegistry(wards: number, districts: number): Registry {
  return {
    file: 'bench',
    sources: [],
    wards: Array.from({ length: wards }, (_, n) => ({
      id: `bench-ward-${n}`,
      name: `Phường Số ${n}`,
      province: n % 2 ? 'Thành phố Hà Nội' : 'Tỉnh An Giang',
      legacyDistrict: `Quận ${n % districts}`,
      status: 'active' as const,
    })),
  };
}

/** Vietnam time, minute precision, as the contract wants it. */
function vietnamTime(ms: number): string {
  // Shifted by +07:00, the UTC fields are the wall clock in Vietnam.
  return `${new Date(ms + 7 * 3600_000).toISOString().slice(0, 16)}:00+07:00`;
}

/** Article `n` of ward `n % wards`, published `stepMs` after (or, negative, before) `startMs`. */
export function syntheticArticle(n: number, opts: { wards: number; startMs: number; stepMs: number; body: string; id?: string }): Article {
  const url = `https://bench.hanoi.gov.vn/tin-tuc/-/view_content/${n}-tin-so-${n}.html`;
  return {
    id: opts.id ?? n.toString(16).padStart(20, '0'),
    url,
    canonicalUrl: url,
    wardIds: [`bench-ward-${n % opts.wards}`],
    sourceId: `bench-src-${n % opts.wards}`,
    title: `Tin số ${n}: hội nghị giao ban tháng`,
    publishedAt: vietnamTime(opts.startMs + n * opts.stepMs),
    datePrecision: 'minute',
    dateSource: 'page',
    category: 'Tin tức',
    summary: 'Hội nghị giao ban tháng của Đảng ủy phường.',
    bodyHtml: `<p>${opts.body}</p>`,
    bodyText: opts.body,
    images: [],
    attachments: [],
    profile: 'bench',
    contentHash: `h${n}`,
    firstSeenAt: '2025-07-01T00:00:00+07:00',
    lastCheckedAt: '2025-07-01T00:00:00+07:00',
    revisions: 0,
  };
}
