import { recipeProfile, type ArticleRecipe } from '../extract/recipe.ts';
import type { ListingRecipe } from '../extract/listing.ts';
import type { Profile } from './profile.ts';
import { confidence, host, isLiferay, linksMatching } from './signals.ts';

/** Article addresses end in a 19-digit id that embeds the publish time: `<slug>-2800250801171234708.htm`. */
const ARTICLE_URL = /-\d{16,20}\.htm(?:$|[?#])/;

export const ARTICLE: ArticleRecipe = {
  title: ['.detail-title', '.article-title', '.title-detail', 'h1.title', '.detail h1', 'article h1', 'h1'],
  content: ['.detail-content', '.article-content', '.content-detail', '.detail-body', '.article-body', '.entry-content', 'article .content'],
  remove: ['.detail-title', '.detail-time', '.detail-date', '.article-meta', '.detail-meta', '.related', '.related-news', '.tin-lien-quan', '.detail-share', '.tags'],
  signature: true,
  category: ['.detail-cate', '.category-name', '.breadcrumb li:last-child', '.breadcrumbs li:last-child', '.cate-title', '.cat-title'],
  summary: ['.detail-sapo', '.sapo', '.article-sapo', '.summary', '.detail-summary'],
  meta: ['.detail-time', '.detail-date', '.article-meta', '.detail-meta'],
  // Shown bare, without a label: "20/07/2025 21:08".
  date: ['.detail-time__date', '.detail-time', '.detail-date'],
};

export const LISTING: ListingRecipe = {
  item: ['.box-category-item', '.list-news .item', '.news-list .item', '.box-news .item', '.item-news', '.news-item', '.list-news li'],
  date: '.box-category-time, .time, .date, .item-time, .news-time, time',
  skip: '.box-category-sapo, .sapo',
  articleUrl: ARTICLE_URL,
  paging: { param: /^(page|trang|p)$/i },
  exclude: ['nav', 'header', 'footer', '.menu', '.sidebar', '.most-viewed', '.tin-xem-nhieu'],
};

export const hanoiWard2025: Profile = recipeProfile(ARTICLE, LISTING, {
  name: 'hanoi-ward-2025',
  description: 'Hanoi ward portals created by the July 2025 reorganisation (<ward>.hanoi.gov.vn; articles at <slug>-<id>.htm)',
  examples: ['https://duongnoi.hanoi.gov.vn/dang-doan-the', 'https://badinh.hanoi.gov.vn/van-hoa-xa-hoi/'],
  detect(page) {
    if (isLiferay(page)) return 0;
    const own = ARTICLE_URL.test(page.url) ? 0.6 : linksMatching(page, ARTICLE_URL) >= 2 ? 0.5 : 0;
    if (!own) return 0;
    return confidence(own, /\.hanoi\.gov\.vn$/.test(host(page)) ? 0.3 : 0);
  },
});
