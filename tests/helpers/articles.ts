/** One builder of stored Articles for every test: a complete, valid article, with what a test cares about overridden. */
import type { Article } from '../../lib/article.ts';
import { articleId, canonicalizeUrl, sha256 } from '../../lib/url.ts';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A stored Article. Unless overridden, the address decides `canonicalUrl` and `id`, the body
 * text decides `bodyHtml` (one `<p>` per paragraph), and title and body decide `contentHash`,
 * as the crawler computes them.
 */
export function anArticle(overrides: Partial<Article> = {}): Article {
  const url = overrides.url ?? 'https://hoangmai.hanoi.gov.vn/phuong-thanh-tri/-/view_content/1-tin.html';
  const canonicalUrl = overrides.canonicalUrl ?? canonicalizeUrl(url);
  const title = overrides.title ?? 'Đảng ủy phường Thanh Trì họp giao ban';
  const bodyText = overrides.bodyText ?? 'Nội dung buổi họp giao ban.';
  return {
    id: articleId(canonicalUrl),
    url,
    canonicalUrl,
    wardIds: ['thanh-tri-hoang-mai'],
    sourceId: 'thanh-tri-hoang-mai-news',
    title,
    publishedAt: '2021-01-15T16:12:00+07:00',
    datePrecision: 'minute',
    dateSource: 'page',
    bodyHtml: bodyText.split('\n\n').map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
    bodyText,
    images: [],
    attachments: [],
    profile: 'test',
    contentHash: sha256(title + bodyText),
    firstSeenAt: '2025-08-01T10:00:00+07:00',
    lastCheckedAt: '2025-08-01T10:00:00+07:00',
    revisions: 0,
    ...overrides,
  };
}
