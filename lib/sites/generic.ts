import type { CheerioAPI } from 'cheerio';
import { ElementType } from 'domelementtype';
import type { Element } from 'domhandler';
import type { ExtractedArticle } from '../article.ts';
import { WardfeedError } from '../errors.ts';
import { assembleArticle } from '../extract/assemble.ts';
import { buildBody } from '../extract/body.ts';
import { believable, dateFromMeta, dateFromUrl, eventDateFromBody, resolvePublishedAt, type FoundDate } from '../extract/dates.ts';
import { elementsUnder, isElement, textData, textOf } from '../extract/dom.ts';
import { genericListing } from '../extract/generic-listing.ts';
import { fallsOnPrintedDay } from '../extract/month-dates.ts';
import { dateNearTitle } from '../extract/near-title.ts';
import { metaContent, pageMeta } from '../extract/page-meta.ts';
import {
  cleanTitleKey,
  findStandfirst,
  findTitleWithElement,
  isEdgeLineAbove,
  locateMainContent,
  pruneContent,
  readableContext,
} from '../extract/readable.ts';
import { normalizeText } from '../text/index.ts';
import type { Page, Profile } from './profile.ts';

/**
 * The fallback for pages of no known family: content scoring (see `extract/readable.ts`) for the
 * body, agreement between metadata and headings for the title, standard metadata for the rest.
 */

/** First non-empty value among `<meta>` keys, then elements carrying one of the itemprops. */
function metaValue($: CheerioAPI, keys: string[], itemprops: string[] = []): string | undefined {
  const pm = pageMeta($);
  const fromMeta = metaContent(pm.meta, keys);
  if (fromMeta) return fromMeta;
  for (const prop of itemprops) {
    const el = pm.itemprop.get(prop);
    if (!el) continue;
    const named = el.children.find((c): c is Element => isElement(c) && c.attribs.itemprop === 'name');
    const v = normalizeText(textOf(named ?? el));
    if (v) return v;
  }
  return undefined;
}

/** Author as metadata states it; profile links (article:author is often a URL) are not names. */
function metaAuthor($: CheerioAPI): string | undefined {
  const v = metaValue($, ['author', 'article:author', 'dc.creator'], ['author']);
  if (!v || /^https?:\/\//i.test(v) || v.length > 100) return undefined;
  return v;
}

function titleKey(s: string): string {
  return cleanTitleKey(normalizeText(s));
}

/**
 * Whether a heading is the title's: its text is the title, or the title followed by an element of
 * its own that says something about the post ("<em>28 October, 2011</em>", "199 Comments").
 */
function namesTitle(heading: Element, key: string): boolean {
  if (titleKey(textOf(heading)) === key) return true;
  let last = heading.children.length - 1;
  while (last >= 0 && heading.children[last].type === ElementType.Text && !textData(heading.children[last]).trim()) last--;
  const tail = heading.children[last];
  const tailText = tail && isElement(tail) ? normalizeText(textOf(tail)) : '';
  if (!tailText || !isEdgeLineAbove(tailText)) return false;
  let before = '';
  for (let i = 0; i < last; i++) before += textOf(heading.children[i]);
  return titleKey(before) === key;
}

function genericArticle(page: Page): ExtractedArticle {
  const $ = page.$;
  // One context for the extraction: the title finder reuses what the content finder measured.
  const ctx = readableContext($);
  const located = locateMainContent($, ctx);
  if (!located) throw new WardfeedError('no-article', 'no article-like text on the page', { url: page.url });
  const found = findTitleWithElement(page, $(located.top), ctx);
  if (!found) throw new WardfeedError('no-article', 'no article title on the page', { url: page.url });
  const { title, element: titleEl } = found;
  const near = dateNearTitle(titleEl, located.parts[0]);

  // Work on a copy: the page stays as parsed for anyone reading it after us.
  const work = $('<div></div>');
  for (const part of located.parts) {
    // A table cell or list item out of its table/list would be broken HTML: take what it holds.
    if (/^(td|th|tr|tbody|thead|tfoot|li|dd|dt)$/.test(part.name)) work.append($(part).clone().contents());
    else work.append($(part).clone());
  }
  // The byline tells the author's bio at the article's end, and is the author field.
  const byline = metaAuthor($);
  pruneContent(work, byline);
  // The title heading inside the content is not body text.
  const key = titleKey(title);
  for (const el of elementsUnder(work.get(0) as Element)) {
    if (!/^h[1-4]$/.test(el.name) && !/title/i.test(el.attribs.class ?? '') && el.attribs.itemprop !== 'headline') continue;
    if (el.parent && namesTitle(el, key)) $(el).remove();
  }
  // `work` is already a copy of the page's parts, and nothing reads it after the body is built.
  const body = buildBody(page, work, { signature: true, title, owned: true });
  if (!body.bodyText) throw new WardfeedError('no-article', 'the article has no text', { url: page.url });

  const ok = <T extends FoundDate>(found: T | undefined) => believable(found, page.notAfter);
  const meta = ok(dateFromMeta($));
  const nearDate = ok(near.date);
  // The date line beside the title first: CMSs such as NukeViet write the last edit time into the
  // metadata. Metadata wins only when it adds the time the line lacks, on the line's day (in any
  // zone of the world when the line names its month and no zone).
  const metaRefines = meta && nearDate && nearDate.precision === 'day' && meta.precision === 'minute' && fallsOnPrintedDay(nearDate, meta);
  // A line that says when the post was updated is no publish date where the metadata gives one.
  const shown = metaRefines || (meta && near.updated) ? undefined : nearDate;
  const dates = resolvePublishedAt({
    page: shown,
    meta,
    url: ok(dateFromUrl(page.url)),
    body: () => ok(eventDateFromBody(body.bodyText)),
  });
  const author = byline ?? body.author;
  const category = metaValue($, ['article:section'], ['articleSection']);
  // The lead printed above the body is the article's own; a metadata description may be the site's.
  const summaryRaw = findStandfirst(located.top) ?? metaValue($, ['og:description', 'description', 'twitter:description']);
  const summary = summaryRaw && summaryRaw.length >= 20 && titleKey(summaryRaw) !== key ? summaryRaw : undefined;

  return assembleArticle(page, { title, dates, category, viewCount: near.viewCount, author, summary, body, profile: 'generic' });
}

export const generic: Profile = {
  name: 'generic',
  description: 'Any news or article page: content scoring for the body, metadata and headings for the rest',
  examples: [],
  // Never claims a page: it is what remains when no family does.
  detect: () => 0,
  listing: genericListing,
  article: genericArticle,
};
