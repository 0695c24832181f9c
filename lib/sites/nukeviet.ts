import { recipeProfile, type ArticleRecipe } from '../extract/recipe.ts';
import type { ListingRecipe } from '../extract/listing.ts';
import type { Profile } from './profile.ts';
import { confidence, generator, head, host, linksMatching } from './signals.ts';

/** News articles: `/vi/news/<category>/<alias>-<id>.html` (also without `/vi`, or under `/index.php/`). */
const ARTICLE_URL = /\/news\/[a-z0-9-]+\/[a-z0-9-]+-\d+\.html(?:$|[?#])/;

/**
 * The print and save-as-file copies of an article (`/vi/news/print/<category>/<alias>-<id>.html`,
 * `/savefile/...` when news is the default module): the article is the same address without that step.
 */
const COPY = /^(https?:\/\/[^/]+\/(?:index\.php\/)?(?:[a-z]{2}\/)?(?:news\/)?)(?:print|savefile)\/([a-z0-9-]+\/[a-z0-9-]+-\d+\.html)(?=$|[?#])/;

export const ARTICLE: ArticleRecipe = {
  title: ['.news_column h1[itemprop="headline"]', '.news_column h1.title', '#print #content h1'],
  content: ['#news-bodyhtml', '.news_column .bodytext', '#print #bodytext'],
  remove: ['.hometext', '.news-download-file', '.alert-info'],
  category: ['.temp-breadcrumbs li:last-child [itemprop="name"]', '.breadcrumbs li:last-child'],
  summary: ['.news_column .hometext', '#print #hometext'],
  author: ['.news_column .margin-bottom-lg p.h5.text-right', '#print #author p'],
  // `nv_date('l - d/m/Y H:i')` of the publish time. The schema `datePublished` beside it holds
  // the last edit, and the header clock (`.current-time`) today: neither is the publish date.
  date: ['.news_column .panel-body > .row span.h5', '#print #content .list-inline li:first-child'],
  ownUrl: (url) => {
    const m = COPY.exec(url);
    return m ? m[1] + m[2] : undefined;
  },
};

export const LISTING: ListingRecipe = {
  // viewcat_page / viewcat_list / viewcat_grid: one panel (or row) per article.
  item: ['.news_column .panel-body', '.news_column .thumbnail', '.viewcat_list li', '.news_column li'],
  date: '.text-muted li:first-child, .text-muted',
  articleUrl: ARTICLE_URL,
  exclude: ['header', 'footer', 'nav', '#menusite', '.third-nav', '.other-news', '.col-md-6'],
};

export const nukeviet: Profile = recipeProfile(ARTICLE, LISTING, {
  name: 'nukeviet',
  description: 'NukeViet 4 portals (Đồng Nai communes, some Lai Châu; articles at /vi/news/<category>/<alias>-<id>.html, feed at /vi/news/rss/)',
  examples: [
    'https://nhontrach.dongnai.gov.vn/vi/news/hoat-dong-chinh-quyen-nha-nuoc/xa-nhon-trach-to-chuc-phien-hop-thuong-ky-thang-1-nam-2026-684.html',
    'https://phuocbinh.dongnai.gov.vn/vi/news/tin-hoat-dong-phuong/',
  ],
  detect(page) {
    const h = head(page);
    const nv = /nukeviet/.test(generator(page)) ? 0.6 : /nv_base_siteurl|webmaster@vinades\.vn|\/themes\/default\/js\/news\.js|nv_open_browse/.test(h) ? 0.5 : 0;
    if (!nv) return 0;
    const own = ARTICLE_URL.test(page.url) || COPY.test(page.url) || linksMatching(page, ARTICLE_URL) >= 1 ? 0.2 : 0;
    return confidence(nv, own, /\.(dongnai|laichau)\.gov\.vn$/.test(host(page)) ? 0.1 : 0);
  },
});
