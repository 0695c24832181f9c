import { recipeProfile, type ArticleRecipe } from '../extract/recipe.ts';
import type { ListingRecipe } from '../extract/listing.ts';
import { ARTICLE as DISTRICT_ARTICLE } from './liferay-district.ts';
import type { Profile } from './profile.ts';
import { confidence, isLiferay, linksMatching } from './signals.ts';

/**
 * Article addresses: `/-/asset_publisher/<instance>/content/<slug>`, or on older Liferay
 * `?p_p_id=101…&_101_struts_action=%2Fasset_publisher%2Fview_content&_101_urlTitle=<slug>`.
 */
const ARTICLE_URL = /\/-\/asset_publisher\/[^/]+\/content\/[^/?#]+|_101_struts_action=%2Fasset_publisher%2Fview_content|_101_urlTitle=/i;

export const ARTICLE: ArticleRecipe = {
  ...DISTRICT_ARTICLE,
  // Liferay 7 prints the article title as `<p class="component-title"><span class="asset-title">`.
  title: ['.asset-full-content .component-title .asset-title', '.asset-full-content .header-title', '.asset-full-content h1', '.taglib-header .header-title', '.journal-content-article h1', ...DISTRICT_ARTICLE.title],
  content: ['.asset-full-content .asset-content .journal-content-article', '.asset-full-content .journal-content-article', '.asset-full-content .asset-content', ...DISTRICT_ARTICLE.content],
  category: ['.portlet-asset-publisher .portlet-title-text', '.portlet-title-text', '.portlet-title', '.breadcrumb li:last-child a', '.breadcrumb li:last-child'],
};

export const LISTING: ListingRecipe = {
  item: ['.asset-abstract', '.asset-title', '.news-item', '.portlet-asset-publisher li'],
  articleUrl: ARTICLE_URL,
  // The teaser is cut mid-word ("…tặng quà c..."): not worth keeping as a summary.
  skip: '.asset-summary',
  paging: { param: /_cur$/i },
  exclude: ['nav', 'header', 'footer', '.navigation', '.sidebar', '.most-viewed'],
};

export const liferayAssetPublisher: Profile = recipeProfile(ARTICLE, LISTING, {
  name: 'liferay-asset-publisher',
  description: 'Hanoi ward sub-sites on Liferay asset publishers (articles at /-/asset_publisher/<instance>/content/<slug>)',
  examples: [
    'https://khuongthuong.dongda.hanoi.gov.vn/vi_VN/chi-ao-ieu-hanh-cua-phuong/-/asset_publisher/dxE4E0Jb0lTe/content/ubnd-phuong-khuong-thuong-to-chuc-tong-ket-cong-tac-nam-2020-phuong-huong-nhiem-vu-nam-2021',
    'https://thachban.longbien.hanoi.gov.vn/',
  ],
  detect(page) {
    const own = ARTICLE_URL.test(page.url) ? 0.6 : linksMatching(page, ARTICLE_URL) >= 2 ? 0.45 : 0;
    return own === 0 ? 0 : confidence(own, isLiferay(page) ? 0.35 : 0, /asset_publisher/i.test(page.url) ? 0.05 : 0);
  },
});
