import { recipeProfile, type ArticleRecipe } from '../extract/recipe.ts';
import type { ListingRecipe } from '../extract/listing.ts';
import type { Profile } from './profile.ts';
import { confidence, host, isLiferay, linksMatching } from './signals.ts';

/** Articles: `/<category>/<slug>-<6 or 7 digit id>`, no extension (a category may carry its own id: `/trang-chu-66859`). */
const ARTICLE_URL = /^(?:https?:\/\/[^/]+)?\/[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*-\d{6,7}\/?(?:$|[?#])/;

/** The provinces whose commune portals run this product (Hải Phòng, Nghệ An, Thanh Hóa, Lào Cai, Sơn La, Bình Thuận). */
const PROVINCE_HOST = /\.(haiphong|nghean|thanhhoa|laocai|sonla|binhthuan)\.gov\.vn$/;

export const ARTICLE: ArticleRecipe = {
  title: ['.news-detail__title', '.news-detail h1', '.detail-title', 'h1.title'],
  content: ['.news-detail__content', '.news-detail .content', '.detail-content'],
  remove: ['.box-related', '.tin-lien-quan', '.news-detail__tools', '.other-news'],
  signature: true,
  category: ['.breadcrumb-portal__cat', '.breadcrumb-portal a:last-child', '.breadcrumb li:last-child'],
  summary: ['.news-detail__sapo', '.news-detail .sapo'],
  meta: ['.news-detail__meta'],
  // "Thứ Hai, 26/01/2026" or a bare "01/02/2026" beside the title; the header shows today the same way.
  date: ['.news-detail__date', '.news-detail .date'],
};

export const LISTING: ListingRecipe = {
  item: ['.list-news .news-item', '.list-news li', '.news-item'],
  date: '.news-item__date, .date',
  skip: '.news-item__sapo',
  articleUrl: ARTICLE_URL,
  paging: { param: /^(page|p)$/i },
  exclude: ['header', 'footer', 'nav', 'aside', '.sidebar', '.box-hot', '.other-news'],
};

export const slugIdPortal: Profile = recipeProfile(ARTICLE, LISTING, {
  name: 'slug-id-portal',
  description: 'Commune portals of Hải Phòng, Nghệ An, Thanh Hóa, Lào Cai, Sơn La, Bình Thuận (articles at /<category>/<slug>-<6-7 digit id>)',
  examples: [
    'https://hadong.haiphong.gov.vn/chi-dao-dieu-hanh/hoc-tap-quan-triet-nq-dai-hoi-dang-bo-thanh-pho-nhiem-ky-2025-2030-816834',
    'https://quephong.nghean.gov.vn/van-hoa-xa-hoi/xom-tay-son-lao-dong-chinh-trang-moi-truong-chao-mung-chuong-trinh-sac-xuan-vung-cao-am-tinh-don-997094',
  ],
  detect(page) {
    if (isLiferay(page)) return 0;
    const own = ARTICLE_URL.test(page.url) ? 0.35 : linksMatching(page, ARTICLE_URL) >= 2 ? 0.3 : 0;
    if (!own) return 0;
    return confidence(own, PROVINCE_HOST.test(host(page)) ? 0.3 : 0, /Lượt xem:/.test(page.html) ? 0.05 : 0);
  },
});
