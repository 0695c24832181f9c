import type { DatePrecision, ExtractedArticle } from '../article.ts';
import { canonicalizeUrl, sameSite } from '../url.ts';
import type { Body } from './body.ts';
import type { PublishedDateSource } from './dates.ts';
import { absoluteUrl } from './page.ts';
import { pageMeta } from './page-meta.ts';
import type { Page } from './types.ts';

/**
 * The canonical address of a page: its `<link rel=canonical>`, else og:url, when it is a web
 * address on the page's own site; else the page's own address. A canonical naming another host is
 * nearly always a CMS misconfiguration (a template copied from the provincial portal) or
 * syndication: taking it would file the article under a site it was not crawled from.
 */
export function canonicalUrlOf(page: Page): string {
  const pm = pageMeta(page.$);
  for (const declared of [pm.rel.get('canonical'), pm.meta.get('og:url')]) {
    const abs = absoluteUrl(page, declared);
    if (abs && /^https?:/.test(abs) && sameSite(abs, page.url)) {
      try {
        return canonicalizeUrl(abs);
      } catch {
        // fall through to the page address
      }
    }
  }
  try {
    return canonicalizeUrl(page.url);
  } catch {
    return page.url;
  }
}

/** What a profile found on an article page, besides its address. */
export interface ArticleParts {
  /** A family's own rule for the canonical address (a print copy names its article), over the page's. */
  canonicalUrl?: string;
  title: string;
  dates: { publishedAt?: string; datePrecision?: DatePrecision; dateSource?: PublishedDateSource };
  category?: string;
  viewCount?: number;
  author?: string;
  summary?: string;
  body: Body;
  profile: string;
}

/** One article in the one field order every profile gives (stored and compared as JSON). */
export function assembleArticle(page: Page, parts: ArticleParts): ExtractedArticle {
  const { title, dates, category, viewCount, author, summary, body, profile } = parts;
  return {
    url: page.url,
    canonicalUrl: parts.canonicalUrl ?? canonicalUrlOf(page),
    title,
    ...dates,
    ...(category ? { category } : {}),
    ...(viewCount !== undefined ? { viewCount } : {}),
    ...(author ? { author } : {}),
    ...(summary ? { summary } : {}),
    bodyHtml: body.bodyHtml,
    bodyText: body.bodyText,
    images: body.images,
    attachments: body.attachments,
    profile,
  };
}
