import { recipeProfile, type ArticleRecipe } from '../extract/recipe.ts';
import type { ListingRecipe } from '../extract/listing.ts';
import type { Profile } from './profile.ts';
import { confidence, host, isLiferay, linksMatching } from './signals.ts';

/** Article addresses: `/<section>/-/view_content/<id>-<slug>.html`. */
const ARTICLE_URL = /\/-\/view_content\/\d+/;

const LIFERAY_CHROME = [
  '.portlet-title', '.portlet-topper', '.taglib-header', '.header-title', '.asset-title', '.title-content', '.news-title',
  '.taglib-social-bookmarks', '.print-action', '.asset-links', '.asset-related-assets', '.entry-links',
  '.other-news', '.related-news', '.news-other', '.tin-khac', '.tin-lien-quan', '.asset-metadata', '.metadata',
  '.lfr-meta-actions', '.taglib-page-iterator', '.news-date', '.date-view', '.time-view',
];

export const ARTICLE: ArticleRecipe = {
  title: ['.title-view-content', '.header-view-content h1', '.asset-full-content .header-title', '.asset-full-content h1', '.journal-content-article h1'],
  content: ['.view-content-detail .journal-content-article', '.journal-content-article', '.asset-full-content .asset-content'],
  remove: LIFERAY_CHROME,
  signature: true,
  category: ['.portlet-title-text', '.portlet-title', '.breadcrumb li:last-child', '.breadcrumbs li:last-child', '.taglib-header .header-title'],
  summary: ['.asset-summary', '.news-summary', '.sapo', '.summary'],
  meta: ['.date-view-content', '.date-view', '.asset-metadata', '.metadata', '.time-view'],
};

export const LISTING: ListingRecipe = {
  item: ['.news-list .news-item', '.asset-abstract', '.news-item', '.list-news li', '.item-news'],
  articleUrl: ARTICLE_URL,
  skip: '.news-summary, .asset-summary',
  paging: { param: /_cur$/i },
  exclude: ['nav', 'header', 'footer', '.navigation', '.sidebar', '.most-viewed', '.tin-xem-nhieu'],
};

export const liferayDistrict: Profile = recipeProfile(ARTICLE, LISTING, {
  name: 'liferay-district',
  description: "Hanoi district portals and their per-ward sections (Liferay; articles at /-/view_content/<id>-<slug>.html)",
  examples: [
    'https://hoangmai.hanoi.gov.vn/phuong-thanh-tri/-/view_content/6050090-dang-uy-phuong-thanh-tri-hop-giao-ban-bi-thu-chi-bo-mo-rong-thang-01-2021.html',
    'https://longbien.hanoi.gov.vn/',
  ],
  detect(page) {
    const liferay = isLiferay(page);
    const own = ARTICLE_URL.test(page.url) ? 0.6 : linksMatching(page, ARTICLE_URL) >= 2 ? 0.45 : 0;
    return own === 0 ? 0 : confidence(own, liferay ? 0.35 : 0, /\.hanoi\.gov\.vn$/.test(host(page)) ? 0.05 : 0);
  },
});
