import { recipeProfile, type ArticleRecipe } from '../extract/recipe.ts';
import type { ListingRecipe } from '../extract/listing.ts';
import type { Profile } from './profile.ts';
import { confidence, generator, head, linksMatching, onVietnameseHost } from './signals.ts';

/**
 * Post addresses: `/?p=<n>` (plain permalinks), `/<yyyy>/<mm>/<slug>/` or `/<slug>/` (pretty ones).
 * Archive and system paths (`/category/`, `/page/2/`, `/feed/`, `/wp-…`) are not posts.
 */
const ARTICLE_URL = /^https?:\/\/[^/]+\/(?:\?p=\d+$|(?:\d{4}\/\d{2}\/(?:\d{2}\/)?)?(?!(?:category|tag|author|page|feed|wp-[a-z]+|comments)\/)[^/?#.]+\/?$)/;

export const ARTICLE: ArticleRecipe = {
  title: ['article.post .entry-title', 'article .entry-title', '.single-post h1', 'h1.entry-title'],
  content: ['article.post .entry-content', 'article .entry-content', '.single-post .entry-content', '.post-content'],
  // Jetpack puts its share buttons and related posts inside the content.
  remove: ['.sharedaddy', '.jp-relatedposts', '.wp-block-latest-posts', '.yarpp-related', '.addtoany_share_save_container', '.post-views'],
  signature: true,
  category: ['article .cat-links a[rel~="category"]', 'article .cat-links a', '.entry-categories a'],
  meta: ['article .entry-meta', '.entry-header .entry-meta'],
  // The post's publish time; `time.updated` beside it is the last edit, and the byline ("Quản trị") an account.
  date: ['article time.entry-date.published', 'article time.entry-date', '.entry-meta time'],
};

export const LISTING: ListingRecipe = {
  item: ['main article.post', 'article.post', 'article.type-post', '.post'],
  link: '.entry-title a[href]',
  date: 'time.entry-date.published, time.entry-date, time',
  skip: '.entry-summary, .entry-content',
  articleUrl: ARTICLE_URL,
  paging: { param: /^paged$/ },
  exclude: ['header.site-header', 'nav', 'footer.site-info', '.widget-area', '.sidebar', 'aside'],
};

export const wordpress: Profile = recipeProfile(ARTICLE, LISTING, {
  name: 'wordpress',
  description: 'Ward and commune sites on WordPress (Bắc Kạn, TP Hồ Chí Minh, Lâm Đồng; posts at /?p=<n> or /<slug>/, feed at /feed/)',
  examples: ['https://phuongbenthanh.gov.vn/?p=51027', 'https://namgianghia.lamdong.gov.vn/?p=4751'],
  detect(page) {
    const h = head(page);
    const wp = /wordpress/.test(generator(page)) ? 0.6 : /\/wp-content\/|\/wp-includes\/|wp-json|wp-embed/.test(h) ? 0.5 : 0;
    if (!wp || !onVietnameseHost(page)) return 0;
    const own = /\b(?:type-post|single-post|hentry)\b/.test(h) || linksMatching(page, /[?&]p=\d+/) >= 1 ? 0.2 : 0;
    return confidence(wp, own);
  },
});
