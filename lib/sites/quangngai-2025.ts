import { recipeProfile, type ArticleRecipe } from '../extract/recipe.ts';
import type { ListingRecipe } from '../extract/listing.ts';
import type { Profile } from './profile.ts';
import { confidence, head, host, linksMatching } from './signals.ts';

/** Articles: `/tin-tuc/<category>/<slug>.html` and `/tin-noi-bat/<slug>.html`. */
const ARTICLE_URL = /^(?:https?:\/\/[^/?#]+)?\/(?:tin-tuc\/[a-z0-9-]+|tin-noi-bat)\/[a-z0-9-]+\.html(?:$|[?#])/;

export const ARTICLE: ArticleRecipe = {
  title: ['.article__title', 'article.article h1'],
  content: ['.article__body', 'article.article .content'],
  remove: ['.related', '.article__share'],
  signature: true,
  category: ['.crumbs__current', '.crumbs a:last-child'],
  summary: ['.article__sapo'],
  meta: ['.article__meta'],
  // "10:25 | 20/01/2026"; the accessibility bar above the header shows today.
  date: ['.article__date'],
};

export const LISTING: ListingRecipe = {
  item: ['.news-grid .news-card', '.news-card', '.news-list li'],
  title: '.news-card__title',
  date: '.news-card__date',
  articleUrl: ARTICLE_URL,
  paging: { param: /^page$/ },
  exclude: ['.access-bar', '.site-header', '.site-menu', '.site-footer', '.sidebar', '.related'],
};

export const quangngai2025: Profile = recipeProfile(ARTICLE, LISTING, {
  name: 'quangngai-2025',
  description: 'Quảng Ngãi commune sites of 2025 ("TRANG THÔNG TIN ĐIỆN TỬ / Xã …"; articles at /tin-tuc/<category>/<slug>.html, /tin-noi-bat/<slug>.html)',
  examples: ['https://sontay.quangngai.gov.vn/tin-noi-bat/xa-son-tay-khoi-cong-tuyen-duong-lien-thon-di-nuoc-kia.html'],
  detect(page) {
    const own = ARTICLE_URL.test(page.url) ? 0.4 : linksMatching(page, ARTICLE_URL) >= 2 ? 0.35 : 0;
    if (!own) return 0;
    // The header every commune site of the platform carries, with its accessibility tools.
    const chrome = /TRANG THÔNG TIN ĐIỆN TỬ/.test(head(page)) && /Tăng tương phản/.test(head(page)) ? 0.25 : 0;
    return confidence(own, chrome, /(^|\.)quangngai\.gov\.vn$/.test(host(page)) ? 0.2 : 0);
  },
});
