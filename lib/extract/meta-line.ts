import type { CheerioAPI, Cheerio } from 'cheerio';
import { ElementType } from 'domelementtype';
import type { AnyNode, Element, ParentNode } from 'domhandler';
import type { DatePrecision } from '../article.ts';
import { normalizeText } from '../text/index.ts';
import { parseDate } from './dates.ts';
import { isElement, textData } from './dom.ts';

/**
 * The one line under an article title where the portals state date, views and poster:
 *   Liferay    `Ngày đăng 15/01/2021 | 16:12  | Lượt xem: 246` (or `| View count: 246`)
 *   Da Nang    `Người đăng tin: Admin Ngày đăng tin: 30/12/2020 Lượt xem: 215`
 *   SharePoint `Đăng ngày 17 - 05 - 2024` and `Lượt xem: 400` (separate lines)
 * Parsed here once for every profile; the body builder drops such lines.
 */
export interface MetaLine {
  /** ISO 8601 with +07:00. */
  publishedAt?: string;
  datePrecision?: DatePrecision;
  viewCount?: number;
  /** Who posted it ("Người đăng tin"), as written. */
  poster?: string;
}

const DATE_LABEL = String.raw`(?:ngày đăng tin|ngày đăng|đăng ngày|ngày xuất bản|ngày cập nhật|cập nhật(?: lúc)?|thời gian đăng|posted on|published)`;
/** A label followed by something date-like: a time or a day-month-year. */
const LABELLED_DATE = new RegExp(`${DATE_LABEL}\\s*(?::\\s*)?(?=\\d{1,2}\\s*[/.:h-])`, 'iu');
// Not "lượt truy cập": that is the site's visitor counter, not the article's views.
const VIEWS = /(?:lượt xem|lượt đọc|số lượt xem|view count)\s*(?::\s*)?(\d[\d.,]{0,12})/iu;
const POSTER_LABEL = /người đăng(?: tin)?\s*:\s*/iu;
/** What ends the poster's name: the next label or a separator. */
const POSTER_END = new RegExp(`${DATE_LABEL}|lượt xem|\\|`, 'giu');

/**
 * "Người đăng tin: <name>" up to the next label, a `|` or the end. Found in two steps, since one
 * pattern with a lazy name before a look-ahead retries the look-ahead at every character.
 */
function findPoster(text: string): { index: number; name: string } | undefined {
  const label = POSTER_LABEL.exec(text);
  if (!label) return undefined;
  const rest = text.slice(label.index + label[0].length);
  if (!rest) return undefined;
  // The name has at least one character, so the end is looked for from the second one.
  POSTER_END.lastIndex = 1;
  const end = POSTER_END.exec(rest);
  return { index: label.index, name: rest.slice(0, end ? end.index : rest.length).trim() };
}

/** True for a short line that is only the date/views meta of an article. */
export function isMetaLine(text: string): boolean {
  if (text.length > 200) return false;
  // Body sentences may mention "cập nhật 15/3": a meta line starts with its label or is short.
  const label = LABELLED_DATE.exec(text) ?? findPoster(text);
  if (label && (label.index === 0 || text.length < 100)) return true;
  return VIEWS.test(text) && text.length < 80;
}

/** Parses a meta line; fields the line does not state stay undefined. */
export function parseMetaLine(raw: string): MetaLine {
  const text = normalizeText(raw);
  const out: MetaLine = {};
  const label = LABELLED_DATE.exec(text);
  if (label) {
    // Only what follows the label: "Lượt xem: 246" must not be read as part of the date.
    const found = parseDate(text.slice(label.index + label[0].length).replace(VIEWS, ''));
    if (found) {
      out.publishedAt = found.iso;
      out.datePrecision = found.precision;
    }
  }
  const views = VIEWS.exec(text);
  if (views) {
    const n = Number(views[1].replace(/[.,]/g, ''));
    if (Number.isSafeInteger(n)) out.viewCount = n;
  }
  const poster = findPoster(text);
  if (poster) out.poster = poster.name;
  return out;
}

/**
 * What reading meta lines has learnt about a page's elements, to share between overlapping
 * scopes (an element and its parents): normalised texts (a number: a length beyond any meta
 * line) and what each element states as a meta line (null: nothing).
 */
export interface MetaCache {
  texts: Map<Element, string | number>;
  lines: Map<Element, MetaLine | null>;
}

export function newMetaCache(): MetaCache {
  return { texts: new Map(), lines: new Map() };
}

/** Elements with more text than this are never taken as a meta line. */
const MAX_META_ELEMENT = 300;

/**
 * Unicode composition can merge a few characters at the edges of a text into its neighbours
 * (combining marks and Hangul jamo; a composite absorbs at most three), so a text inside a
 * longer one may count this many characters fewer there (twice what can happen, to be safe).
 */
const COMPOSITION_SLACK = 32;
/**
 * Characters certain to stay one character each when text is normalised, wherever they stand:
 * visible Latin, Vietnamese and punctuation; never white space, invisible, a combining mark or
 * the second half of a composition. Text starting with one cannot merge into what precedes it.
 */
function isSettled(c: number): boolean {
  return (
    (c >= 0x21 && c <= 0x7f) ||
    (c >= 0xa1 && c <= 0x2ff && c !== 0xad) ||
    (c >= 0x1e00 && c <= 0x1eff) ||
    (c >= 0x2010 && c <= 0x205e && !(c >= 0x2028 && c <= 0x202f))
  );
}
/** Text ending in a combining mark may merge with marks that follow it. */
const OPEN_END = /\p{M}$/u;

/**
 * An element's normalised text when it has at most `max` characters (or a few more), else a
 * number: a length above `max` that its text certainly reaches. Children already known settle
 * it when they are long, alone or together, and a wrapper around one element (and blank text)
 * has that element's text; only otherwise is the element's own text read. Shared by the meta
 * reader and the body builder, which ask this of every element: reading each one's text in full
 * would normalise the page text again at every nesting level.
 *
 * `known` gives a child's result (undefined when not known); `read` the element's raw text.
 */
export function boundedText(
  el: Element,
  known: (child: Element) => string | number | undefined,
  read: (el: Element, limit?: number) => string,
  max: number,
): string | number {
  let only: Element | undefined;
  let wrapper = true;
  // A lower bound of the element's length: each child's, less what its edges may merge.
  let atLeast = 0;
  for (const c of el.children) {
    if (isElement(c)) {
      const t = known(c);
      if (typeof t === 'number') atLeast += t - COMPOSITION_SLACK;
      else if (t) atLeast += t.length - (isSettled(t.charCodeAt(0)) && !OPEN_END.test(t) ? 0 : Math.min(t.length, COMPOSITION_SLACK));
      wrapper &&= only === undefined && typeof t === 'string';
      only = c;
    } else if (wrapper && !(c.type === ElementType.Comment || (c.type === ElementType.Text && /^\s*$/.test(textData(c))))) {
      wrapper = false;
    }
  }
  if (atLeast > max) return atLeast;
  if (wrapper && only) return known(only)!;
  // A prefix settles a long text without reading it all (a prefix's count is a lower bound).
  const prefixLimit = 4 * (max + COMPOSITION_SLACK);
  const prefix = read(el, prefixLimit);
  if (prefix.length > prefixLimit) {
    const atLeastPrefix = settledCount(prefix, max);
    if (atLeastPrefix > max) return atLeastPrefix;
  }
  const raw = prefix.length > prefixLimit ? read(el) : prefix;
  if (raw.length > max + COMPOSITION_SLACK) {
    const atLeastRaw = settledCount(raw, max);
    if (atLeastRaw > max) return atLeastRaw;
  }
  // Layout wrappers often hold nothing but indentation.
  const full = /\S/.test(raw) ? normalizeText(raw) : '';
  return full.length <= max + COMPOSITION_SLACK ? full : full.length;
}

/**
 * How many settled characters `text` has, counting no further than just past `enough`: a lower
 * bound of its normalised length for the price of a short scan instead of a normalisation.
 */
function settledCount(text: string, enough: number): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isSettled(text.charCodeAt(i)) && ++n > enough) return n;
  return n;
}

/**
 * Reads the meta of an article from the elements a profile points at (or the whole page):
 * every smallest element holding a meta line contributes what it states, first one wins per field.
 */
export function findMeta($: CheerioAPI, scope?: Cheerio<AnyNode>, cache: MetaCache = newMetaCache()): MetaLine {
  const out: MetaLine = {};
  for (const el of candidates($, scope)) {
    const m = metaLineOf(el, cache);
    if (!m) continue;
    if (out.publishedAt === undefined && m.publishedAt) {
      out.publishedAt = m.publishedAt;
      out.datePrecision = m.datePrecision;
    }
    if (out.viewCount === undefined && m.viewCount !== undefined) out.viewCount = m.viewCount;
    if (out.poster === undefined && m.poster) out.poster = m.poster;
  }
  return out;
}

/** The scope's elements and all elements below them, in document order. */
function candidates($: CheerioAPI, scope: Cheerio<AnyNode> | undefined): Element[] {
  const base = scope ?? $.root();
  if (base.length !== 1) return [...(scope ? (scope.toArray() as Element[]) : []), ...base.find('*').toArray()];
  const top = base.get(0) as AnyNode;
  const out: Element[] = scope ? [top as Element] : [];
  const stack: AnyNode[] = [];
  const kids = (top as ParentNode).children ?? [];
  for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return out;
}

/** What an element states when it is a smallest element holding a meta line, else null. */
function metaLineOf(el: Element, cache: MetaCache): MetaLine | null {
  const known = cache.lines.get(el);
  if (known !== undefined) return known;
  let found: MetaLine | null = null;
  if (!(el.name === 'script' || el.name === 'style' || el.name === 'head' || el.name === 'title')) {
    const text = shortText(el, cache.texts);
    if (typeof text === 'string' && text && text.length <= MAX_META_ELEMENT && isMetaLine(text)) {
      const inner = el.children.some((c) => {
        if (!isElement(c)) return false;
        const t = shortText(c, cache.texts);
        return typeof t === 'string' && isMetaLine(t);
      });
      if (!inner) found = parseMetaLine(text);
    }
  }
  cache.lines.set(el, found);
  return found;
}

/** An element's normalised text (as `$(el).text()` reads it), or a length beyond any meta-line element. */
function shortText(el: Element, texts: Map<Element, string | number>): string | number {
  const known = texts.get(el);
  if (known !== undefined) return known;
  const text = boundedText(el, (c) => shortText(c, texts), textContent, MAX_META_ELEMENT);
  texts.set(el, text);
  return text;
}

/** What cheerio's `.text()` reads: text and CDATA below the node, comments left out; stops past `limit`. */
function textContent(node: AnyNode, limit = Infinity): string {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === ElementType.Text) {
      out += textData(n);
      if (out.length > limit) return out;
    } else if (n.type !== ElementType.Comment) {
      const kids = (n as ParentNode).children;
      if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  return out;
}
