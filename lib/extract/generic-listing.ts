import { ElementType } from 'domelementtype';
import type { AnyNode, Element } from 'domhandler';
import { normalizeText } from '../text/index.ts';
import { sameSite } from '../url.ts';
import { believable, findDates, parseIsoDate, type FoundDate } from './dates.ts';
import { DOCUMENT_EXT } from './documents.ts';
import { elementsUnder, isElement, parentElement, textData } from './dom.ts';
import { isMetaLine } from './meta-line.ts';
import { absoluteUrl } from './page.ts';
import type { Listing, ListingItem, Page } from './types.ts';

/** Containers that are page furniture for listings: their links are menus, not news. */
const FURNITURE_TAGS = new Set(['nav', 'footer', 'header', 'aside', 'menu', 'script', 'style', 'noscript', 'head']);
/** Class or id words of navigation and page chrome (whole words: "news-header" yes, "headline" no). */
const NAVIGATION_NAME = /(^|[\s_-])(menu|nav|navbar|navigation|footer|breadcrumbs?|sidebar|banner|header|topbar|toolbar|social|share|copyright)([\s_-]|$)/i;
const SUMMARY_CLASS = /summary|desc|sapo|intro|teaser|excerpt|lead|abstract|tom-?tat|tomtat|mo-?ta/i;
const NEXT_TEXT = /^(»|›|>|>>|next|next page|sau|tiếp|tiếp theo|trang sau|trang tiếp|trang kế|kế tiếp|older|older posts)$/iu;
/** Arrows around a pager label ("Trang sau »", "« Older"). */
const ARROW = /^[\s«»‹›<>→←]$/;

/** A pager label without the arrows around it, scanned from both ends (a `[…]+$` pattern retries at every position). */
function withoutArrows(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && ARROW.test(text[start])) start++;
  while (end > start && ARROW.test(text[end - 1])) end--;
  return text.slice(start, end);
}
const PAGER_NAME = /pag|pager|paging|phan-?trang|phantrang/i;

function inFurniture(el: Element): boolean {
  // Within an <article>, its own <header> (title, byline) is the article's, not the page's; the
  // <body>'s classes name the layout (WordPress: "right-sidebar"), not a region.
  let from: Element | undefined = el;
  for (let n: Element | undefined = el; n; n = parentElement(n)) if (n.name === 'article') from = n;
  for (let n: Element | undefined = from; n && n.name !== 'body'; n = parentElement(n)) {
    if (FURNITURE_TAGS.has(n.name)) return true;
    const role = n.attribs.role;
    if (role === 'navigation' || role === 'banner' || role === 'contentinfo' || role === 'menu') return true;
    const ci = `${n.attribs.class ?? ''} ${n.attribs.id ?? ''}`;
    if (NAVIGATION_NAME.test(ci)) return true;
  }
  return false;
}

interface Headline {
  a: Element;
  url: string;
  title: string;
}

function headlineLinks(page: Page): Headline[] {
  const $ = page.$;
  const out: Headline[] = [];
  for (const a of $('body').find('a[href]').toArray()) {
    const url = absoluteUrl(page, a.attribs.href);
    if (!url || !/^https?:/.test(url) || !sameSite(url, page.url) || DOCUMENT_EXT.test(url)) continue;
    if (url.split('#')[0] === page.url.split('#')[0]) continue;
    const title = normalizeText($(a).text()) || normalizeText(a.attribs.title ?? '');
    const words = title.split(' ').filter(Boolean).length;
    if (words < 4 || title.length > 300) continue;
    if (inFurniture(a)) continue;
    out.push({ a, url, title });
  }
  return out;
}

/** The element standing for one item: the largest ancestor of the link holding no other item's link. */
function itemOf(a: Element, urlOfLinksUnder: (el: Element) => Set<string>, url: string, headlines: Set<Element>): Element {
  let item = a;
  // A post (`<article>`) with this one headline is part of the item, whatever else it links (category, tags).
  for (let p = parentElement(a); p && p.name !== 'body'; p = parentElement(p)) {
    if (p.name !== 'article') continue;
    if (elementsUnder(p).every((x) => !headlines.has(x) || x.attribs.href === a.attribs.href)) item = p;
    break;
  }
  for (let p = parentElement(item); p && p.name !== 'body'; p = parentElement(p)) {
    const urls = urlOfLinksUnder(p);
    if (urls.size > 1 || !urls.has(url)) break;
    item = p;
  }
  return item;
}

/**
 * The date of a listing item: a line that is (nearly) only a date, like a date label, wins over a
 * date inside the summary's prose ("Chiều ngày 19/01/2021, …" is the event, not the posting).
 */
function itemDate(item: Element, link: Headline, notAfter: number | undefined): FoundDate | undefined {
  return believable(shownItemDate(item, link), notAfter);
}

function shownItemDate(item: Element, link: Headline): FoundDate | undefined {
  const time = (firstElement(item, (el) => el.name === 'time' && !!el.attribs.datetime))?.attribs.datetime;
  const machine = time ? parseIsoDate(time) : undefined;
  if (machine) return machine;
  let prose: FoundDate | undefined;
  const stack: AnyNode[] = [item];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === ElementType.Text) {
      const t = normalizeText(textData(n));
      if (!t || t === link.title) continue;
      const found = findDates(t)[0];
      if (!found) continue;
      if (t.length <= 60) return found;
      prose ??= found;
      continue;
    }
    if (!isElement(n) || n === link.a || /^(script|style)$/.test(n.name)) continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return prose;
}

function firstElement(root: Element, pred: (el: Element) => boolean): Element | undefined {
  return elementsUnder(root).find(pred);
}

function nextPage(page: Page): string | undefined {
  const $ = page.$;
  const rel = $('link[rel="next"], a[rel="next"]').first().attr('href');
  const relUrl = absoluteUrl(page, rel);
  if (relUrl) return relUrl;
  for (const a of $('body').find('a[href]').toArray()) {
    const text = normalizeText($(a).text()) || normalizeText(a.attribs.title ?? '') || normalizeText(a.attribs['aria-label'] ?? '');
    const label = withoutArrows(text);
    const namedNext = /(^|\s)next(\s|$)/i.test(a.attribs.class ?? '');
    if (!NEXT_TEXT.test(text) && !(label && NEXT_TEXT.test(label)) && !namedNext) continue;
    let pager = false;
    for (let n = parentElement(a); n && !pager; n = parentElement(n)) pager = PAGER_NAME.test(`${n.attribs.class ?? ''} ${n.attribs.id ?? ''}`);
    if (!pager && text.length <= 2) continue; // a bare "»" outside a pager is often a "read more"
    const url = absoluteUrl(page, a.attribs.href);
    if (url && url !== page.url) return url;
  }
  return undefined;
}

/**
 * The listing of a page of no known family: the repeated container holding the most headlines
 * (links of four words or more on the page's own site, outside page furniture), scored up for
 * dates and pictures, and the next page from `rel=next` or a pager's "next" link.
 */
export function genericListing(page: Page): Listing {
  const $ = page.$;
  const links = headlineLinks(page);
  const headlines = new Set(links.map((l) => l.a));
  const hrefCache = new Map<Element, Set<string>>();
  const urlsUnder = (el: Element): Set<string> => {
    let s = hrefCache.get(el);
    if (!s) {
      s = new Set<string>();
      for (const a of $(el).find('a[href]').toArray()) {
        const u = absoluteUrl(page, a.attribs.href);
        if (u && !DOCUMENT_EXT.test(u)) s.add(u);
      }
      hrefCache.set(el, s);
    }
    return s;
  };
  // Group items by the container they repeat in; the container with the most headlines is the listing.
  const groups = new Map<Element, Array<{ item: Element; link: Headline }>>();
  for (const link of links) {
    const item = itemOf(link.a, urlsUnder, link.url, headlines);
    const container = parentElement(item);
    if (!container) continue;
    const list = groups.get(container) ?? [];
    if (!list.some((x) => x.link.url === link.url)) list.push({ item, link });
    groups.set(container, list);
  }
  // A news list, unlike a menu or a box of links, shows dates and pictures with its headlines.
  let best: Array<{ item: Element; link: Headline; date?: FoundDate }> = [];
  let bestScore = 0;
  for (const list of groups.values()) {
    const dated = list.map((x) => ({ ...x, date: itemDate(x.item, x.link, page.notAfter) }));
    const score = dated.reduce((n, x) => n + 1 + (x.date ? 1 : 0) + (firstElement(x.item, (el) => el.name === 'img') ? 0.5 : 0), 0);
    if (score > bestScore) {
      best = dated;
      bestScore = score;
    }
  }

  const items: ListingItem[] = best.map(({ item, link, date }) => {
    const summaryEl = $(item).find('p, div, span').toArray().find(
      (el) => SUMMARY_CLASS.test(el.attribs.class ?? '') || (el.name === 'p' && !$(el).find('a').length),
    );
    const summary = summaryEl ? normalizeText($(summaryEl).text()) : '';
    return {
      url: link.url,
      title: link.title,
      ...(date ? { publishedAt: date.iso, datePrecision: date.precision, dateSource: 'listing' as const } : {}),
      ...(summary && summary.length >= 20 && summary !== link.title && !isMetaLine(summary) ? { summary } : {}),
    };
  });
  const next = nextPage(page);
  return { items, ...(next ? { nextPageUrl: next } : {}) };
}
