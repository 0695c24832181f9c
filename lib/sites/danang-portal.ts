import { recipeProfile, type ArticleRecipe } from '../extract/recipe.ts';
import type { ListingRecipe } from '../extract/listing.ts';
import type { Profile } from './profile.ts';
import { confidence, host, linksMatching } from './signals.ts';

/** Article addresses: `/chi-tiet-tin-tuc?dinhdanh=<id>&cat=<category>`. */
const ARTICLE_URL = /\/chi-tiet-tin-tuc\/?\?(?:[^#&?]*&)*dinhdanh=\d+/i;

export const ARTICLE: ArticleRecipe = {
  title: ['.tieude-chitiet', '.title-detail', '.news-detail h1', '.chitiet-tintuc h1', '.detail-title', 'h1.title', 'h1', '.news-detail .title'],
  content: ['.noidung-chitiet', '.news-detail .content', '.content-detail', '.detail-content', '.chitiet-tintuc .noidung', '.news-content', '.noidung'],
  remove: ['.tieude-chitiet', '.title-detail', '.thongtin-tin', '.news-info', '.info-news', '.tinlienquan', '.tin-lien-quan', '.tinkhac', '.other-news'],
  signature: true,
  category: ['.tencm', '.category-title', '.cat-title', '.breadcrumb li:last-child', '.title-cat', '.portlet-title'],
  summary: ['.trichdan-chitiet', '.sapo', '.summary', '.news-summary', '.description'],
  meta: ['.thongtin-tin', '.news-info', '.info-news', '.post-info'],
};

export const LISTING: ListingRecipe = {
  item: ['.danhsach-tintuc .item', '.list-news .item', '.news-list li', '.news-item', '.item-news', '.list-news li'],
  articleUrl: ARTICLE_URL,
  paging: { param: /^(page|trang|p|pageindex|cur)$/i },
  exclude: ['nav', 'header', 'footer', '.menu', '.sidebar', '.tin-xem-nhieu', '.most-viewed'],
};

export const danangPortal: Profile = recipeProfile(ARTICLE, LISTING, {
  name: 'danang-portal',
  description: 'Da Nang ward portals (*.danang.gov.vn; articles at /chi-tiet-tin-tuc?dinhdanh=<id>)',
  examples: ['https://camle.danang.gov.vn/chi-tiet-tin-tuc?dinhdanh=1313703&cat=982002'],
  detect(page) {
    const own = ARTICLE_URL.test(page.url) ? 0.5 : linksMatching(page, ARTICLE_URL) >= 2 ? 0.4 : 0;
    const danang = /(^|\.)danang\.gov\.vn$/.test(host(page)) ? 0.4 : 0;
    if (!own && !danang) return 0;
    return confidence(own, danang, /Ngày đăng tin/.test(page.html) ? 0.15 : 0);
  },
});
