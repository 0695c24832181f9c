import type { CheerioAPI } from 'cheerio';
import type { DatePrecision, DateSource, ExtractedArticle } from '../article.ts';
import type { PageContext } from './context.ts';

/** One parsed HTML page handed to a profile or an extractor. */
export interface Page {
  /** The page's own address (after redirects): relative links resolve against it. */
  url: string;
  html: string;
  $: CheerioAPI;
  /**
   * The latest publish time believable for this page (epoch ms): a day after it was fetched. A
   * later date is a typo ("31/12/2026") and the next date source is used. Unset: not checked.
   */
  notAfter?: number;
  /** What passes over the page learn of it (created empty by `parsePage`). */
  context: PageContext;
}

/** One entry of a listing page. */
export interface ListingItem {
  url: string;
  title: string;
  /** When the listing shows a date: ISO 8601 with +07:00. */
  publishedAt?: string;
  datePrecision?: DatePrecision;
  dateSource?: DateSource; // always 'listing' (or 'url') when set
  summary?: string;
}

export interface Listing {
  items: ListingItem[];
  /** The next (older) page, when the page links one. */
  nextPageUrl?: string;
}

/**
 * A CMS family: mostly selectors, plus small parsers for what selectors cannot say.
 * Shared logic lives in `lib/extract/`, never copied into a profile. Declared here, with the
 * page types, so that `lib/extract/` (which builds profiles from recipes) never imports `lib/sites/`.
 */
export interface Profile {
  name: string;
  /** One line: what sites this is for. */
  description: string;
  /** Example article/listing addresses of the family (documentation and detection tests). */
  examples: string[];
  /** How sure (0..1) this page is of this family. */
  detect(page: Page): number;
  listing(page: Page): Listing;
  /** Throws WardfeedError('no-article') when the page holds no article. */
  article(page: Page): ExtractedArticle;
}
