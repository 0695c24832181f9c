import { ElementType } from 'domelementtype';
import type { AnyNode, Element, ParentNode } from 'domhandler';
import type { Listing, ListingItem, Page } from './types.ts';
import { normalizeText } from '../text/index.ts';
import { canonicalizeUrl } from '../url.ts';
import { believable, dateFromUrl, parseDate } from './dates.ts';
import { parentElement, textData } from './dom.ts';
import { absoluteUrl, matches, queryOf, selectWithin, type PageQuery } from './page.ts';

/** What a family says about its listing pages. */
export interface ListingRecipe {
  /** Item containers, tried in order; the first selector with items wins. */
  item: string[];
  /** The article link inside an item (default: the first link that looks like an article). */
  link?: string;
  /** The title inside an item (default: the link's text, else its title attribute). */
  title?: string;
  /** Where the item shows its date (default: the item's text without the title). */
  date?: string;
  summary?: string;
  /** Parts of an item that are neither title nor date (teasers): not searched for the date. */
  skip?: string;
  /** Article addresses of the family; links elsewhere (categories, paging) are not items. */
  articleUrl: RegExp;
  /** Paging parameter (e.g. /_cur$/ for Liferay, /^page$/ zero-based for Drupal). */
  paging?: { param: RegExp; zeroBased?: boolean };
  /** Containers never holding items of this listing (menus, sidebars, "most read" boxes). */
  exclude?: string[];
}

/** Listing items in page order, deduplicated by canonical address, plus the next page. */
export function listingFromRecipe(page: Page, recipe: ListingRecipe): Listing {
  const $ = page.$;
  // Every page-wide selector below runs over one listing of the page's elements.
  const query = queryOf(page);
  const excluded = new Set<Element>();
  for (const sel of recipe.exclude ?? []) for (const el of query.all(sel)) excluded.add(el);
  const inExcluded = (el: Element) => {
    for (let p: Element | null = el; p; p = p.parent as Element | null) if (excluded.has(p)) return true;
    return false;
  };

  const items: ListingItem[] = [];
  const seen = new Set<string>();
  const add = (item: ListingItem | undefined) => {
    if (!item) return;
    const key = canonicalizeUrl(item.url);
    if (seen.has(key)) return;
    seen.add(key);
    items.push(item);
  };

  for (const sel of recipe.item) {
    const containers = query.all(sel).filter((el) => !inExcluded(el));
    for (const el of containers) add(itemOf(page, el, recipe));
    if (items.length) break;
  }
  if (items.length === 0) {
    // Template drift: any link of the article shape outside menus and sidebars is an item.
    for (const a of query.all('a[href]')) {
      if (inExcluded(a) || closest($, a, 'nav, header, footer, [class*="menu"]')) continue;
      const url = absoluteUrl(page, a.attribs.href);
      const title = normalizeText($(a).text()) || normalizeText(a.attribs.title ?? '');
      if (url && recipe.articleUrl.test(url) && title) add(withUrlDate({ url, title }, page.notAfter));
    }
  }
  const nextPageUrl = findNextPage(page, recipe.paging, query);
  return nextPageUrl ? { items, nextPageUrl } : { items };
}

/** `$(a).closest(selector)` found something. */
function closest($: Page['$'], el: Element, selector: string): boolean {
  for (let n: Element | undefined = el; n; n = parentElement(n)) {
    if (matches($, n, selector)) return true;
  }
  return false;
}

function itemOf(page: Page, el: Element, recipe: ListingRecipe): ListingItem | undefined {
  const $ = page.$;
  const linkSel = recipe.link ?? 'a[href]';
  // The container itself first when it is a link, then the links inside it (document order).
  const links = [...(matches($, el, linkSel) ? [el] : []), ...selectWithin($, el, linkSel)];
  let link: Element | undefined;
  let url: string | undefined;
  for (const a of links) {
    const u = absoluteUrl(page, a.attribs.href);
    if (u && recipe.articleUrl.test(u)) {
      // Prefer a link with text over an image-only link to the same article.
      if (!link || (!normalizeText($(link).text()) && normalizeText($(a).text()))) {
        if (!url || u === url || !link) {
          link = a;
          url = u;
        }
      }
    }
  }
  if (!link || !url) return undefined;
  const title =
    (recipe.title ? normalizeText($(selectWithin($, el, recipe.title).slice(0, 1)).text()) : '') ||
    normalizeText($(link).text()) ||
    normalizeText(link.attribs.title ?? '') ||
    normalizeText($(selectWithin($, el, 'img[alt]').slice(0, 1)).attr('alt') ?? '');
  if (!title) return undefined;

  let dateText: string;
  if (recipe.date) {
    // A <time datetime> states the minute that its text may round to the day.
    const dateEl = selectWithin($, el, recipe.date)[0] as Element | undefined;
    dateText = dateEl ? normalizeText(dateEl.attribs.datetime ?? $(dateEl).text()) : '';
  } else {
    // The item's text without its title and summary: a title may itself mention a date.
    dateText = normalizeText(textWithout($, el, ['a', recipe.summary, recipe.skip]));
  }
  const shown = believable(dateText ? parseDate(dateText) : undefined, page.notAfter);
  const summary = recipe.summary ? normalizeText($(selectWithin($, el, recipe.summary).slice(0, 1)).text()) : '';
  const item: ListingItem = { url, title };
  if (shown) Object.assign(item, { publishedAt: shown.iso, datePrecision: shown.precision, dateSource: 'listing' as const });
  if (summary && summary !== title) item.summary = summary;
  return shown ? item : withUrlDate(item, page.notAfter);
}

/** The element's text (as `.text()` reads it) leaving out what sits inside elements matching any of the selectors. */
function textWithout($: Page['$'], el: Element, selectors: Array<string | undefined>): string {
  const given = selectors.filter((s): s is string => !!s);
  // Removing, then reading, is what this means; selectors that look at position or at other
  // elements (`:last-child`, combinators) may match differently once some are gone, so those
  // take that road.
  const plain = (sel: string) => sel.replace(/"[^"]*"/g, '""').split(',').every((alt) => !/[\s>+~:]/.test(alt.trim()));
  if (!given.every(plain)) {
    const clone = $(el).clone();
    for (const sel of given) clone.find(sel).remove();
    return clone.text();
  }
  const skipped = new Set<AnyNode>(given.flatMap((sel) => selectWithin($, el, sel)));
  const read = (node: AnyNode): string => {
    if (node.type === ElementType.Text) return textData(node);
    if (node.type === ElementType.Comment || skipped.has(node)) return '';
    const kids = (node as ParentNode).children;
    return kids ? kids.map(read).join('') : '';
  };
  return read(el);
}

/** A relative time ("17 giờ trước") is no date, but the address may carry one. */
function withUrlDate(item: ListingItem, notAfter: number | undefined): ListingItem {
  const fromUrl = believable(dateFromUrl(item.url), notAfter);
  return fromUrl ? { ...item, publishedAt: fromUrl.iso, datePrecision: fromUrl.precision, dateSource: 'url' } : item;
}

const NEXT_TEXT = /^(sau|tiếp|tiếp theo|trang sau|trang tiếp|xem tiếp|next|next page|»|›|>|>>|→)$/iu;
const PAGE_PARAM = /(^|_)(cur|page|trang|pageindex|pagenum|pageno|p)$/i;

/**
 * The next (older) page: `rel=next`, else the paging link whose number is the current one plus
 * one, else a link labelled "Sau"/"Tiếp"/"»".
 */
function findNextPage(page: Page, paging: { param: RegExp; zeroBased?: boolean } | undefined, query: PageQuery): string | undefined {
  const $ = page.$;
  const attrOf = (el: Element | undefined, name: string) => (el ? $(el).attr(name) : undefined);
  const relNext = absoluteUrl(page, attrOf(query.first('link[rel="next"]'), 'href') ?? attrOf(query.first('a[rel="next"]'), 'href'));
  if (relNext) return relNext;

  const here = new URL(page.url);
  const param = paging?.param ?? PAGE_PARAM;
  const first = paging?.zeroBased ? 0 : 1;
  const current = (name: string) => {
    const v = here.searchParams.get(name);
    return v !== null && /^\d+$/.test(v) ? Number(v) : first;
  };
  let best: { url: string; n: number } | undefined;
  const links = query.all('a[href]');
  for (const a of links) {
    const url = absoluteUrl(page, a.attribs.href);
    if (!url) continue;
    const u = new URL(url);
    if (u.host !== here.host) continue;
    for (const [name, value] of u.searchParams) {
      if (!param.test(name) || !/^\d+$/.test(value)) continue;
      const n = Number(value);
      if (n === current(name) + 1 && (!best || n < best.n)) best = { url, n };
    }
  }
  if (best) return best.url;

  for (const a of links) {
    const text = normalizeText($(a).text()) || normalizeText(a.attribs.title ?? '');
    if (!NEXT_TEXT.test(text)) continue;
    const url = absoluteUrl(page, a.attribs.href);
    if (url && url !== page.url) return url;
  }
  return undefined;
}
