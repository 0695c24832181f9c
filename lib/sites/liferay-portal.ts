import { recipeProfile, type ArticleRecipe } from '../extract/recipe.ts';
import type { ListingRecipe } from '../extract/listing.ts';
import type { Profile } from './profile.ts';
import { confidence, isLiferay, linksMatching } from './signals.ts';

/**
 * The provincial Liferay portals that host commune sites, one variant each: the same portlets
 * (asset publisher, journal content) under each province's own friendly URLs and date lines.
 */
export const VARIANTS = [
  // /web/<site>/chi-tiet-bai-viet/-/asset_publisher/<instance>/content/id/<id>; "03/08/2023 09:58    56"
  { province: 'Đồng Tháp', article: /\/chi-tiet-bai-viet\/-\/asset_publisher\/[A-Za-z0-9]+\/content\/id\/\d+/ },
  // /web/<site>/xem-chi-tiet/-/asset_publisher/Content/<slug>?<id>; "Ngày đăng 12/11/2019 | 15:18"
  { province: 'Quảng Ngãi', article: /\/xem-chi-tiet\/-\/asset_publisher\/Content\/[^/?#]+/ },
  // /chi-tiet-tin/-/view-article/1/<ts>/<ts>; "18/11/2019 19:01 Số lượt xem: 279"
  { province: 'Quảng Trị', article: /\/chi-tiet-tin\/-\/view-article\/\d+\/\d+\/\d+/ },
  // /news/-/details/<id>/<slug>; "Ngày 13-05-2021 - Lượt xem: 45"
  { province: 'Bắc Ninh', article: /\/news\/-\/details\/\d+\/[^/?#]+/ },
  // /xem-chi-tiet-tin/-/tin-tuc/<Slug><id>; "Ngày đăng 17/07/2019 | 09:15 | View count: 85"
  { province: 'Hậu Giang', article: /\/xem-chi-tiet-tin\/-\/tin-tuc\/[^/?#]+/ },
];

// redos-bound: an alternation of the variants' constant article patterns above, each checked on its own
const ARTICLE_URL = new RegExp(VARIANTS.map((v) => v.article.source).join('|'));

/** Where the variants print the date line (and, on some, the views). */
const DATE_LINE = ['.news-date-view', '.date-view-content', '.article-meta', '.news-detail-date', '.tin-tuc-date'];

export const ARTICLE: ArticleRecipe = {
  title: [
    '.asset-full-content .component-title .asset-title', '.asset-full-content .header-title', '.asset-full-content h1',
    '.view-article h1', '.news-detail h1', '.tin-tuc-detail h1', '.journal-content-article h1',
  ],
  content: [
    '.asset-full-content .asset-content .journal-content-article', '.asset-full-content .journal-content-article', '.asset-full-content .asset-content',
    '.view-article .article-content', '.news-detail .news-content', '.tin-tuc-detail .noi-dung', '.journal-content-article',
  ],
  remove: ['.asset-links', '.related-news', '.tin-lien-quan', '.social-bookmarks', '.taglib-social-bookmarks', ...DATE_LINE],
  signature: true,
  category: ['.portlet-asset-publisher .portlet-title-text', '.portlet-title-text', '.breadcrumb li:last-child'],
  summary: ['.asset-full-content .asset-summary', '.view-article .sapo', '.news-detail .sapo', '.tin-tuc-detail .sapo'],
  meta: DATE_LINE,
  // The line's first date; the number after it is the views, labelled or not ("09:58    56").
  date: DATE_LINE,
};

export const LISTING: ListingRecipe = {
  item: ['.asset-abstract', '.news-list .news-item', '.list-news li'],
  date: '.metadata-publish-date, .asset-metadata, .date',
  skip: '.asset-summary',
  articleUrl: ARTICLE_URL,
  paging: { param: /_cur$/i },
  exclude: ['nav', 'header', 'footer', '.sidebar', '.portlet-column-last'],
};

export const liferayPortal: Profile = recipeProfile(ARTICLE, LISTING, {
  name: 'liferay-portal',
  description: 'Provincial Liferay portals hosting commune sites (Đồng Tháp, Quảng Ngãi, Quảng Trị, Bắc Ninh, Hậu Giang variants)',
  examples: [
    'https://tamnong.dongthap.gov.vn/chi-tiet-bai-viet/-/asset_publisher/1mOzUrGkrdAE/content/id/5603949',
    'https://giomai.giolinh.quangtri.gov.vn/chi-tiet-tin/-/view-article/1/1651243375368/1684464850144',
  ],
  detect(page) {
    const own = ARTICLE_URL.test(page.url) ? 0.6 : linksMatching(page, ARTICLE_URL) >= 2 ? 0.5 : 0;
    return own === 0 ? 0 : confidence(own, isLiferay(page) ? 0.35 : 0, 0.05);
  },
});
