import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { ExtractedArticle } from '../article.ts';
import { WardfeedError } from '../errors.ts';
import { buildBody } from '../extract/body.ts';
import { dateFromMeta, dateFromUrl, eventDateFromBody, findDates, parseIsoDate, resolvePublishedAt, type FoundDate } from '../extract/dates.ts';
import { elementsUnder, isElement, parentElement, textData, textOf } from '../extract/dom.ts';
import { isMetaLine, parseMetaLine } from '../extract/meta-line.ts';
import { absoluteUrl } from '../extract/page.ts';
import { metaContent, pageMeta } from '../extract/page-meta.ts';
import { DOCUMENT_EXT, findStandfirst, findTitleWithElement, locateMainContent, pruneContent, readableContext } from '../extract/readable.ts';
import { normalizeText } from '../text/index.ts';
import { canonicalizeUrl } from '../url.ts';
import type { Listing, ListingItem, Page, Profile } from './profile.ts';

/**
 * The fallback for pages of no known family: content scoring (see `extract/readable.ts`) for the
 * body, agreement between metadata and headings for the title, standard metadata for the rest.
 */

/** Containers that are page furniture for listings: their links are menus, not news. */
const FURNITURE_TAGS = new Set(['nav', 'footer', 'header', 'aside', 'menu', 'script', 'style', 'noscript', 'head']);
const FURNITURE_NAME = /(^|[\s_-])(menu|nav|navbar|navigation|footer|breadcrumbs?|sidebar|banner|header|topbar|toolbar|social|share|copyright)([\s_-]|$)/i;
const SUMMARY_CLASS = /summary|desc|sapo|intro|teaser|excerpt|lead|abstract|tom-?tat|tomtat|mo-?ta/i;
const NEXT_TEXT = /^(»|›|>|>>|next|next page|sau|tiếp|tiếp theo|trang sau|trang tiếp|trang kế|kế tiếp|older|older posts)$/iu;
/** Arrows around a pager label ("Trang sau »", "« Older"). */
const ARROWS = /^[\s«»‹›<>→←]+|[\s«»‹›<>→←]+$/g;
const PAGER_NAME = /pag|pager|paging|phan-?trang|phantrang/i;

function sameSite(a: string, b: string): boolean {
  try {
    const strip = (h: string) => h.toLowerCase().replace(/^www\./, '');
    return strip(new URL(a).hostname) === strip(new URL(b).hostname);
  } catch {
    return false;
  }
}

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

/** `link[rel=canonical]` or og:url when it points into the same site; else the page's own address. */
function canonicalOf(page: Page): string {
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

/** Author as metadata states it; profile links (article:author is often a URL) are not names. */
function metaAuthor($: CheerioAPI): string | undefined {
  const v = metaValue($, ['author', 'article:author', 'dc.creator'], ['author']);
  if (!v || /^https?:\/\//i.test(v) || v.length > 100) return undefined;
  return v;
}

/**
 * Short text in document order from `start` (inside it when `inclusive`, else after it), until a
 * long (body) paragraph or `limit` characters: the heading area of an article.
 */
function headingAreaText(start: Element, inclusive: boolean, limit = 400): string {
  let out = '';
  let node: AnyNode | null;
  // The next node in document order after start's subtree.
  const nextOutside = (n: AnyNode): AnyNode | null => {
    let cur: AnyNode | null = n;
    while (cur) {
      if (cur.next) return cur.next;
      cur = cur.parent as AnyNode | null;
      if (cur && cur.type === 'root') return null;
    }
    return null;
  };
  node = inclusive ? start : nextOutside(start);
  while (node && out.length < limit) {
    if (node.type === 'text') {
      const t = normalizeText(textData(node));
      if (t.length > 120) break; // a body paragraph: the heading area is over
      if (t) out += `${t} `;
      node = nextOutside(node);
      continue;
    }
    if (isElement(node) && node.type === 'tag' && !/^(script|style|noscript|template|head)$/.test(node.name) && node.children.length) {
      node = node.children[0];
      continue;
    }
    node = nextOutside(node);
  }
  return out.trim();
}

interface NearTitle {
  date?: FoundDate;
  viewCount?: number;
}

/** The date line right under the title (before the body): "Ngày đăng 15/01/2021 | 16:12", "March 3, 2024". */
function dateNearTitle(titleEl: Element | undefined, content: Element): NearTitle {
  const text = titleEl ? headingAreaText(titleEl, false) : headingAreaText(content, true);
  if (!text) return {};
  const out: NearTitle = {};
  if (isMetaLine(text)) {
    const m = parseMetaLine(text);
    if (m.publishedAt) out.date = { iso: m.publishedAt, precision: m.datePrecision ?? 'day' };
    if (m.viewCount !== undefined) out.viewCount = m.viewCount;
  }
  if (!out.date) {
    const found = findDates(text)[0];
    if (found) out.date = found;
  }
  return out;
}

function titleKey(s: string): string {
  // Plain toLowerCase: Unicode has no Vietnamese-specific case mappings, and the locale form is slow.
  return normalizeText(s).toLowerCase().replace(/[\s.:;,!?…"'“”«»]+$/u, '');
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
  pruneContent(work);
  // The title heading inside the content is not body text.
  const key = titleKey(title);
  for (const el of elementsUnder(work.get(0) as Element)) {
    if (!/^h[1-4]$/.test(el.name) && !/title/i.test(el.attribs.class ?? '') && el.attribs.itemprop !== 'headline') continue;
    if (el.parent && titleKey(textOf(el)) === key) $(el).remove();
  }
  // `work` is already a copy of the page's parts, and nothing reads it after the body is built.
  const body = buildBody(page, work, { signature: true, title, owned: true });
  if (!body.bodyText) throw new WardfeedError('no-article', 'the article has no text', { url: page.url });

  const meta = dateFromMeta($);
  // Metadata first; a minute-precise date shown on the page refines a day-precise one of the same day.
  const shown = near.date && (!meta || (meta.precision === 'day' && near.date.precision === 'minute' && near.date.iso.slice(0, 10) === meta.iso.slice(0, 10))) ? near.date : undefined;
  const dates = resolvePublishedAt({
    page: shown,
    meta,
    url: dateFromUrl(page.url),
    body: eventDateFromBody(body.bodyText),
  });
  const author = metaAuthor($) ?? body.author;
  const category = metaValue($, ['article:section'], ['articleSection']);
  // The lead printed above the body is the article's own; a metadata description may be the site's.
  const summaryRaw = findStandfirst(located.top) ?? metaValue($, ['og:description', 'description', 'twitter:description']);
  const summary = summaryRaw && summaryRaw.length >= 20 && titleKey(summaryRaw) !== key ? summaryRaw : undefined;

  return {
    url: page.url,
    canonicalUrl: canonicalOf(page),
    title,
    ...dates,
    ...(category ? { category } : {}),
    ...(near.viewCount !== undefined ? { viewCount: near.viewCount } : {}),
    ...(author ? { author } : {}),
    ...(summary ? { summary } : {}),
    bodyHtml: body.bodyHtml,
    bodyText: body.bodyText,
    images: body.images,
    attachments: body.attachments,
    profile: 'generic',
  };
}

// ---------------------------------------------------------------------------------------------
// Listing

function inFurniture(el: Element): boolean {
  for (let n: Element | undefined = el; n; n = parentElement(n)) {
    if (FURNITURE_TAGS.has(n.name)) return true;
    const role = n.attribs.role;
    if (role === 'navigation' || role === 'banner' || role === 'contentinfo' || role === 'menu') return true;
    const ci = `${n.attribs.class ?? ''} ${n.attribs.id ?? ''}`;
    if (FURNITURE_NAME.test(ci)) return true;
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
  for (const a of $('body').find('a[href]').toArray() as Element[]) {
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
function itemOf(a: Element, urlOfLinksUnder: (el: Element) => Set<string>, url: string): Element {
  let item = a;
  for (let p = parentElement(a); p && p.name !== 'body'; p = parentElement(p)) {
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
function itemDate(item: Element, link: Headline): FoundDate | undefined {
  const time = (firstElement(item, (el) => el.name === 'time' && !!el.attribs.datetime))?.attribs.datetime;
  const machine = time ? parseIsoDate(time) : undefined;
  if (machine) return machine;
  let prose: FoundDate | undefined;
  const stack: AnyNode[] = [item];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') {
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
  for (const a of $('body').find('a[href]').toArray() as Element[]) {
    const text = normalizeText($(a).text()) || normalizeText(a.attribs.title ?? '') || normalizeText(a.attribs['aria-label'] ?? '');
    const label = text.replace(ARROWS, '');
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

function genericListing(page: Page): Listing {
  const $ = page.$;
  const links = headlineLinks(page);
  const hrefCache = new Map<Element, Set<string>>();
  const urlsUnder = (el: Element): Set<string> => {
    let s = hrefCache.get(el);
    if (!s) {
      s = new Set<string>();
      for (const a of $(el).find('a[href]').toArray() as Element[]) {
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
    const item = itemOf(link.a, urlsUnder, link.url);
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
    const dated = list.map((x) => ({ ...x, date: itemDate(x.item, x.link) }));
    const score = dated.reduce((n, x) => n + 1 + (x.date ? 1 : 0) + (firstElement(x.item, (el) => el.name === 'img') ? 0.5 : 0), 0);
    if (score > bestScore) {
      best = dated;
      bestScore = score;
    }
  }

  const items: ListingItem[] = best.map(({ item, link, date }) => {
    const summaryEl = ($(item).find('p, div, span').toArray() as Element[]).find(
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

export const generic: Profile = {
  name: 'generic',
  description: 'Any news or article page: content scoring for the body, metadata and headings for the rest',
  examples: [],
  // Never claims a page: it is what remains when no family does.
  detect: () => 0,
  listing: genericListing,
  article: genericArticle,
};
