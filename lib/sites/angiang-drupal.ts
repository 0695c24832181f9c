import { recipeProfile, type ArticleRecipe } from '../extract/recipe.ts';
import type { ListingRecipe } from '../extract/listing.ts';
import type { Profile } from './profile.ts';
import { confidence, generator, head, host, onVietnameseHost } from './signals.ts';

/** Drupal path aliases: one lower-case slug segment, no extension (`/my-long-hoi-nghi-…-112023`). */
const ARTICLE_URL = /^https?:\/\/[^/]+\/(?:node\/\d+|[a-z0-9]+(?:-[a-z0-9]+){2,})\/?$/;

export const ARTICLE: ArticleRecipe = {
  title: ['h1.page-title', 'h1 .field--name-title', '.node__title', 'article h1', 'h1', 'h2.node__title'],
  content: ['article .field--name-body', '.node__content .field--name-body', '.field--name-body', '.node__content', 'article .content', '.field-name-body', '.region-content article'],
  remove: ['.node__links', '.links.inline', '.field--name-field-tags', '.field--name-field-image', '.node__meta', '.submitted'],
  signature: true,
  category: ['.field--name-field-category .field__item', '.field--name-field-chuyen-muc .field__item', '.field--name-field-danh-muc .field__item', '.field--name-field-tags .field__item'],
  summary: ['.field--name-field-summary', '.field--name-field-tom-tat', '.field--name-field-mo-ta', '.field--name-body-summary', '.field--name-field-sapo'],
  meta: ['.node__meta', '.submitted'],
  date: ['.node__submitted .field--name-created', '.node__meta time', '.submitted time', '.field--name-created'],
};

export const LISTING: ListingRecipe = {
  item: ['.view-content .views-row', '.views-row', '.view-content li', 'article.node--view-mode-teaser'],
  title: '.views-field-title',
  skip: '.views-field-body, .views-field-field-tom-tat, .views-field-field-summary, .field--name-body',
  articleUrl: ARTICLE_URL,
  // Drupal pagers count from 0: the second page is ?page=1.
  paging: { param: /^page$/, zeroBased: true },
  exclude: ['nav', 'header', 'footer', '.menu', '.block-menu', '.region-sidebar-first', '.region-sidebar-second'],
};

export const angiangDrupal: Profile = recipeProfile(ARTICLE, LISTING, {
  name: 'angiang-drupal',
  description: 'An Giang ward and commune sites (Drupal: "Skip to main content", clean path aliases)',
  examples: ['https://mylong.longxuyen.angiang.gov.vn/my-long-hoi-nghi-ban-chap-dang-bo-phuong-thang-112023'],
  detect(page) {
    const h = head(page);
    const drupal = /drupal/.test(generator(page)) ? 0.6 : /data-drupal-|drupal-settings-json|\/sites\/default\/files\/|Drupal\.settings|\/core\/misc\/drupal/.test(h) ? 0.5 : 0;
    if (!drupal) return 0;
    if (!onVietnameseHost(page)) return 0;
    return confidence(drupal, /\.angiang\.gov\.vn$/.test(host(page)) ? 0.3 : 0, /skip-link|Skip to main content/.test(h) ? 0.1 : 0);
  },
});
