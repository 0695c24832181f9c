import { recipeProfile, type ArticleRecipe } from '../extract/recipe.ts';
import type { ListingRecipe } from '../extract/listing.ts';
import type { Profile } from './profile.ts';
import { confidence, generator, head, host } from './signals.ts';

/** Article pages: `.aspx` with an item id, or a publishing page under `/Pages/` other than the section's default. */
const ARTICLE_URL = /\.aspx\?(?:[^#&?]*&)*(ItemID|ID|NewsID|tinid)=\d+|\/Pages\/(?!default\.aspx)[^/?#]+\.aspx(?:$|[?#])/i;

export const ARTICLE: ArticleRecipe = {
  title: ['.ms-rtestate-field h1', '.news-title', '.title-news', '.tieude', '.NewsTitle', 'h1.title', '.page-title h1', 'h1', '.ms-pagetitle'],
  content: ['.news-content', '.NewsContent', '.noidung', '.content-news', '#ctl00_PlaceHolderMain_ctl00__ControlWrapper_RichHtmlField', '.ms-rtestate-field', '.article-content'],
  remove: ['.news-title', '.NewsTitle', '.ngaydang', '.luotxem', '.news-date', '.news-view', '.tinkhac', '.other-news', '.ms-hide'],
  signature: true,
  category: ['.category-title', '.ms-sitemapdirectional', '.breadcrumb span:last-child', '.breadcrumb li:last-child', '.cat-name'],
  summary: ['.news-summary', '.NewsSummary', '.sapo', '.tomtat', '.summary'],
  meta: ['.news-info', '.ngaydang', '.news-date', '.news-view', '.luotxem'],
};

export const LISTING: ListingRecipe = {
  item: ['.news-list .news-item', '.news-item', '.list-news li', '.ms-listviewtable tr', '.dfwp-item', '.item'],
  articleUrl: ARTICLE_URL,
  paging: { param: /^(page|pageindex|p|trang|paged)$/i },
  exclude: ['nav', 'header', 'footer', '.ms-quicklaunch', '.menu', '.sidebar'],
};

export const sharepoint: Profile = recipeProfile(ARTICLE, LISTING, {
  name: 'sharepoint',
  description: 'Provincial SharePoint portals with ward news (Ninh Thuận; .aspx pages, "Đăng ngày 17 - 05 - 2024")',
  examples: ['https://www.ninhthuan.gov.vn/'],
  detect(page) {
    const h = head(page);
    const sp = /sharepoint/.test(generator(page)) ? 0.6 : /_spPageContextInfo|\/_layouts\/|ms-rtestate|SP\.UI|MSOWebPartPage|_spBodyOnLoad/.test(h) ? 0.55 : 0;
    const aspx = /\.aspx/i.test(page.url) ? 0.15 : 0;
    if (!sp) return /__VIEWSTATE/.test(h) && aspx ? 0.3 : 0;
    return confidence(sp, aspx, /\.ninhthuan\.gov\.vn$/.test(host(page)) ? 0.2 : 0);
  },
});
