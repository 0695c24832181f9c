import { recipeProfile, type ArticleRecipe } from '../extract/recipe.ts';
import type { ListingRecipe } from '../extract/listing.ts';
import type { Profile } from './profile.ts';
import { confidence, host, linksMatching } from './signals.ts';

/** Articles: `/vi/tin-bai/<slug>?id=<n>&type=NEWS` (anchored: the query part must not be searched for at every position). */
const ARTICLE_URL = /^(?:https?:\/\/[^/?#]+)?\/vi\/tin-bai\/[^/?#]+\?(?:[^#]*&)?id=\d/;
/** Sections: `/vi/<category>-<n>?id=<n>&type=NEWS`. */
const SECTION_URL = /^(?:https?:\/\/[^/?#]+)?\/vi\/[a-z0-9-]+\?(?:[^#]*&)?type=NEWS/;

export const ARTICLE: ArticleRecipe = {
  title: ['.post-detail__title', '.post-detail h1'],
  content: ['.post-detail__content', '.post-detail .content'],
  remove: ['.post-detail__tools', '.post-related'],
  signature: true,
  category: ['.breadcrumb-post li:last-child', '.cat-heading'],
  summary: ['.post-detail__sapo'],
  meta: ['.post-detail__info'],
  // "15/02/2026 08:12" beside the title; the top bar shows today ("Hôm nay: …").
  date: ['.post-detail__date'],
};

export const LISTING: ListingRecipe = {
  item: ['.list-post .post-item', '.post-item'],
  date: '.post-item__date',
  skip: '.post-item__desc',
  articleUrl: ARTICLE_URL,
  paging: { param: /^page$/ },
  exclude: ['.topbar', '.header', '.menu-bar', '.footer', '.sidebar', '.post-related'],
};

export const tuyenquangPortal: Profile = recipeProfile(ARTICLE, LISTING, {
  name: 'tuyenquang-portal',
  description: 'Tuyên Quang commune portals (articles at /vi/tin-bai/<slug>?id=<n>&type=NEWS)',
  examples: ['https://tanthanh.tuyenquang.gov.vn/vi/van-hoa-xa-hoi-53?id=15479&type=NEWS'],
  detect(page) {
    const own = ARTICLE_URL.test(page.url) ? 0.5 : linksMatching(page, ARTICLE_URL) >= 2 ? 0.45 : 0;
    if (!own) return 0;
    const section = SECTION_URL.test(page.url) || linksMatching(page, SECTION_URL) >= 1 ? 0.1 : 0;
    return confidence(own, section, /(^|\.)tuyenquang\.gov\.vn$/.test(host(page)) ? 0.3 : 0);
  },
});
