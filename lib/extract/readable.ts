import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { DOCUMENT_EXT } from './documents.ts';
import type { Page } from './types.ts';
import { normalizeText } from '../text/index.ts';
import { detach, isElement, parentElement, textData, textOf } from './dom.ts';
import { metaContent, pageMeta } from './page-meta.ts';

/**
 * Finding the article in a page that no profile knows, in the spirit of Mozilla Readability and
 * trafilatura: paragraphs vote for the blocks that hold them, class/id names and link density
 * weigh the votes, the best block wins and takes its qualified siblings along. Only
 * language-neutral markup signals are used; nothing here knows any particular site.
 */

/** Class/id words of page furniture: menus, sidebars, comments, share bars, related lists. */
const UNLIKELY =
  /-ad-|\bads?\b|adv(ert)?|banner|breadcrumb|combx|comment|community|cookie|consent|disqus|extra|footer|gdpr|header|legends|menu|navbar|\bnav\b|navigation|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|pagination|pager|popup|modal|share|sharing|widget|toolbar|subscribe|newsletter|login|search|lien-?quan|tin-?khac|other-?(news|post|article)|most-?(read|viewed)|popular|\btags?\b|copyright/i;
/** Words that rescue an element from UNLIKELY: it may well be the article's own wrapper. */
const MAYBE = /and|article|body|column|content|main|shadow|entry|post|story|detail|chi-?tiet|noi-?dung|text/i;
const POSITIVE =
  /article|body|content|entry|hentry|h-entry|main|page|pagination-content|post|text|blog|story|detail|news-?detail|noi-?dung|noidung|chi-?tiet|chitiet|itemprop|articlebody/i;
const NEGATIVE =
  /-ad-|\bads?\b|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media-?link|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|\btags?\b|widget|menu|\bnav|print|breadcrumb|social|lien-?quan|tin-?khac|other|most-?read|popular|login|search|copyright/i;

/** Class/id words of an article's standfirst (lead, summary), which is the summary field. */
export const STANDFIRST = /summary|sapo|teaser|standfirst|excerpt|(^|[\s_-])(lead|intro|description|desc)([\s_-]|$)|tom-?tat|tomtat|mo-?ta-?ngan/i;

/** Tags that never hold the article's text. */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'link', 'meta', 'head', 'title', 'svg', 'math', 'iframe', 'object', 'embed',
  'canvas', 'select', 'option', 'button', 'input', 'textarea', 'label', 'nav', 'aside', 'footer', 'menu', 'dialog',
]);
/** Phrasing content: text inside them belongs to the paragraph of the nearest block. */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'img', 'ins', 'del', 'kbd',
  'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr', 'nobr',
]);
/** Blocks that are a paragraph themselves: their text votes for the block around them. */
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'li', 'dd', 'dt', 'address', 'h5', 'h6', 'figcaption', 'caption']);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** A paragraph needs this many characters to vote. */
const MIN_PARAGRAPH = 25;

interface Stats {
  /** Characters of visible text, whitespace collapsed. */
  text: number;
  /** Of which inside links. */
  link: number;
}

interface Paragraph {
  /** The block holding the text. */
  block: Element;
  text: number;
  commas: number;
}

function classAndId(el: Element): string {
  const c = el.attribs.class ?? '';
  const i = el.attribs.id ?? '';
  return c && i ? `${c} ${i}` : c || i;
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if ('hidden' in a || a['aria-hidden'] === 'true') return true;
  const style = a.style;
  return !!style && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Furniture by tag or by name; `body`, `article`, `main` and the like are never furniture. */
function isUnlikely(el: Element): boolean {
  const name = el.name;
  if (name === 'body' || name === 'html' || name === 'article' || name === 'main') return false;
  if (SKIP_TAGS.has(name) || isHidden(el)) return true;
  const role = el.attribs.role;
  if (role && /^(navigation|menu|menubar|complementary|banner|contentinfo|search|dialog|alert|alertdialog)$/.test(role)) return true;
  if (name === 'header' || name === 'form') return false; // decided by size below, not by tag
  const ci = classAndId(el);
  return !!ci && UNLIKELY.test(ci) && !MAYBE.test(ci);
}

function classWeight(el: Element): number {
  let w = 0;
  for (const v of [el.attribs.class, el.attribs.id]) {
    if (!v) continue;
    if (NEGATIVE.test(v)) w -= 25;
    if (POSITIVE.test(v)) w += 25;
  }
  if (el.attribs.itemprop === 'articleBody') w += 50;
  return w;
}

function tagWeight(el: Element): number {
  switch (el.name) {
    case 'article':
      return 10;
    case 'div':
    case 'section':
    case 'main':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

/** Collapsed-whitespace length of a text node, without allocating a copy for plain text. */
function visibleLength(s: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Most characters are above the ASCII spaces: one comparison sends them to the short test.
    const ws = c <= 32 ? c === 32 || c === 10 || c === 9 || c === 13 || c === 12 : c === 160 || c === 0x200b;
    if (ws) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return n;
}

/** Commas of the text last measured by `visibleLengthAndCommas`: a second result without an allocation. */
let lastCommas = 0;

/**
 * `visibleLength` and the count of commas and semicolons in one scan: the paragraph walk needs
 * both for every text node. A sentence-rich paragraph has many; counted are the Latin, CJK and
 * Arabic ones: `,` U+002C, `;` U+003B, `،` U+060C, `、` U+3001, `，` U+FF0C, `；` U+FF1B.
 */
function visibleLengthAndCommas(s: string): number {
  let n = 0;
  let commas = 0;
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 ? c === 32 || c === 10 || c === 9 || c === 13 || c === 12 : c === 160 || c === 0x200b) {
      if (!space) n++;
      space = true;
      continue;
    }
    n++;
    space = false;
    if (c === 44 || c === 59 || (c >= 0x60c && (c === 0x60c || c === 0x3001 || c === 0xff0c || c === 0xff1b))) commas++;
  }
  lastCommas = commas;
  return n;
}

/** Text length of every element, links included, furniture not excluded (used to size furniture). */
function measure(root: Element, into: Map<Element, number>): number {
  let total = 0;
  for (const c of root.children) {
    if (c.type === 'text') total += visibleLength(textData(c));
    else if (isElement(c) && c.type === 'tag' && !SKIP_TAGS.has(c.name)) total += measure(c, into);
  }
  into.set(root, total);
  return total;
}

interface Analysis {
  stats: Map<Element, Stats>;
  paragraphs: Paragraph[];
  /** Furniture left out of scoring. */
  skipped: Set<Element>;
}

/**
 * One walk over the page: text and link length per element (furniture left out), and the
 * paragraphs with their holding block. Runs of inline text split at blocks and at `<br><br>`, so
 * pages that write paragraphs as line breaks in one `<div>` or `<td>` still give paragraphs.
 */
function analyse(body: Element): Analysis {
  const sizes = sizesOf(body);
  const pageText = sizes.get(body) || 1;
  const stats = new Map<Element, Stats>();
  const paragraphs: Paragraph[] = [];
  const skipped = new Set<Element>();

  // Furniture is only skipped while it is a small part of the page: a wrapper whose class merely
  // mentions a sidebar ("has-sidebar") but holds most of the text is the layout, not furniture.
  const isFurniture = (el: Element) => isUnlikely(el) && (SKIP_TAGS.has(el.name) || isHidden(el) || (sizes.get(el) ?? 0) < pageText * 0.5);
  // A page header is furniture while small; a <form> is judged by its name only, because
  // ASP.NET pages wrap the whole page, article included, in one.
  const headerLike = (el: Element) => el.name === 'header' && (sizes.get(el) ?? 0) < pageText * 0.2;

  const visitBlock = (block: Element): Stats => {
    const s: Stats = { text: 0, link: 0 };
    let runText = 0;
    let runCommas = 0;
    let brs = 0;
    const flush = () => {
      if (runText >= MIN_PARAGRAPH) paragraphs.push({ block, text: runText, commas: runCommas });
      runText = 0;
      runCommas = 0;
    };
    const walkInline = (node: AnyNode, inLink: boolean) => {
      if (node.type === 'text') {
        const len = visibleLengthAndCommas(textData(node));
        if (len === 0) return;
        brs = 0;
        s.text += len;
        if (inLink) s.link += len;
        runText += len;
        runCommas += lastCommas;
        return;
      }
      if (!isElement(node) || node.type !== 'tag') return;
      const name = node.name;
      if (name === 'br') {
        if (++brs >= 2) flush();
        return;
      }
      if (INLINE_TAGS.has(name) || name.includes(':')) {
        if (isFurniture(node)) {
          skipped.add(node);
          return;
        }
        const link = inLink || (name === 'a' && !!node.attribs.href);
        for (const c of node.children) walkInline(c, link);
        return;
      }
      // A block inside the run ends the paragraph.
      flush();
      brs = 0;
      if (isFurniture(node) || headerLike(node)) {
        skipped.add(node);
        return;
      }
      const cs = visitBlock(node);
      s.text += cs.text;
      s.link += inLink ? cs.text : cs.link;
    };
    for (const c of block.children) walkInline(c, false);
    flush();
    stats.set(block, s);
    return s;
  };
  visitBlock(body);
  return { stats, paragraphs, skipped };
}

function linkDensity(stats: Map<Element, Stats>, el: Element): number {
  const s = stats.get(el);
  if (!s || s.text === 0) return 0;
  return s.link / s.text;
}

function contains(ancestor: Element, node: Element): boolean {
  let n: Element | undefined = node;
  while (n) {
    if (n === ancestor) return true;
    n = parentElement(n);
  }
  return false;
}

function bodyOf($: CheerioAPI): Element | undefined {
  // A walk down the top levels instead of a selector: `$('body')` would scan the whole document.
  const root = $.root().get(0) as unknown as Element | undefined;
  if (!root) return undefined;
  let html: Element | undefined;
  for (const c of root.children) {
    if (!isElement(c)) continue;
    if (c.name === 'body') return c;
    if (c.name === 'html' && !html) html = c;
  }
  if (html) {
    for (const c of html.children) if (isElement(c) && c.name === 'body') return c;
  }
  const deep = $('body').get(0) as Element | undefined;
  // Fragments without <body>: the <html> element, or the document itself.
  return deep ?? html ?? root;
}

/** Text sizes of a page's elements, measured once per body (the page is not changed by the finders). */
const SIZES = new WeakMap<Element, Map<Element, number>>();

function sizesOf(body: Element): Map<Element, number> {
  let sizes = SIZES.get(body);
  if (!sizes) {
    sizes = new Map<Element, number>();
    measure(body, sizes);
    SIZES.set(body, sizes);
  }
  return sizes;
}

/**
 * The elements `measure` sized, in document order: tags outside furniture tags. Text inside a
 * script, `<nav>` or `<aside>` has no size, so the title finders never look there.
 */
const MEASURED = new WeakMap<Element, Element[]>();

function measuredElements(body: Element): Element[] {
  let out = MEASURED.get(body);
  if (!out) {
    out = [];
    collectMeasured(body, out);
    MEASURED.set(body, out);
  }
  return out;
}

function collectMeasured(root: Element, into: Element[]): void {
  for (const c of root.children) {
    if (!isElement(c) || c.type !== 'tag' || SKIP_TAGS.has(c.name)) continue;
    into.push(c);
    collectMeasured(c, into);
  }
}

/**
 * Scores of candidate blocks after the paragraphs voted, adjusted by link density. A good class
 * name can at most double what the text gave: names break ties between blocks of text, they do
 * not make a two-line widget called "content" outrank the article.
 */
function scoreCandidates(a: Analysis): Map<Element, number> {
  const votes = new Map<Element, number>();
  for (const p of a.paragraphs) {
    const score = 1 + p.commas + Math.min(Math.floor(p.text / 100), 3);
    let target: Element | undefined = p.block;
    if (PARAGRAPH_TAGS.has(p.block.name)) target = parentElement(p.block);
    for (let level = 0; target && level < 5; level++) {
      // The document itself (a fragment without <body>) is no candidate.
      if (target.name === 'html' || target.type !== 'tag') break;
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      votes.set(target, (votes.get(target) ?? 0) + score / divider);
      target = parentElement(target);
    }
  }
  const scored = new Map<Element, number>();
  for (const [el, v] of votes) {
    const w = classWeight(el);
    const named = w > 0 ? Math.min(w, v) : w;
    scored.set(el, (v + tagWeight(el) + named) * (1 - linkDensity(a.stats, el)));
  }
  return scored;
}

function pickTop(scored: Map<Element, number>, body: Element): { top: Element; score: number } | undefined {
  const ranked = [...scored.entries()].sort((x, y) => y[1] - x[1]);
  if (ranked.length === 0) return undefined;
  let [top, topScore] = ranked[0];

  // Several near-equal candidates under one ancestor: the article is split into blocks
  // (paragraph groups, image-separated sections), so the ancestor is the article.
  const alternatives = ranked.slice(1, 5).filter(([, s]) => s / topScore >= 0.75).map(([el]) => el);
  if (alternatives.length >= 2) {
    let parent = parentElement(top);
    while (parent && parent !== body && parent.name !== 'html') {
      const holding = alternatives.filter((alt) => contains(parent!, alt)).length;
      if (holding >= 2) {
        top = parent;
        topScore = scored.get(parent) ?? topScore;
        break;
      }
      parent = parentElement(parent);
    }
  }

  // Climb to a parent that scores better than the block itself: the votes were split between
  // levels. Compared with the block's own score, not the decaying score of the last level, or
  // any far ancestor that collected a few stray votes would win.
  const own = scored.get(top) ?? topScore;
  let last = own;
  let parent = parentElement(top);
  while (parent && parent !== body && parent.name !== 'html') {
    const ps = scored.get(parent);
    if (ps === undefined) {
      parent = parentElement(parent);
      continue;
    }
    if (ps < last / 3) break;
    if (ps > own) {
      top = parent;
      topScore = ps;
      break;
    }
    last = ps;
    parent = parentElement(parent);
  }

  // A lone child has nothing its parent would not have.
  let p = parentElement(top);
  while (p && p !== body && p.name !== 'html' && p.children.filter(isElement).length === 1) {
    top = p;
    p = parentElement(p);
  }
  return { top, score: scored.get(top) ?? topScore };
}

/** Siblings of the top block that belong to the article: well scored, or text-rich with few links. */
function mergeSiblings(a: Analysis, scored: Map<Element, number>, top: Element, topScore: number): Element[] {
  const parent = parentElement(top);
  if (!parent) return [top];
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs.class ?? '';
  const out: Element[] = [];
  for (const sib of parent.children) {
    if (!isElement(sib) || sib.type !== 'tag') continue;
    if (sib === top) {
      out.push(sib);
      continue;
    }
    // Headings and the standfirst next to the body are the title and summary fields, not body.
    if (a.skipped.has(sib) || isUnlikely(sib) || HEADING_TAGS.has(sib.name) || STANDFIRST.test(classAndId(sib))) continue;
    let bonus = 0;
    if (topClass && sib.attribs.class === topClass) bonus += topScore * 0.2;
    const s = scored.get(sib);
    if (s !== undefined && s + bonus >= threshold) {
      out.push(sib);
      continue;
    }
    if (sib.name === 'p') {
      const st = a.stats.get(sib);
      if (!st) continue;
      const ld = linkDensity(a.stats, sib);
      if (st.text > 80 && ld < 0.25) out.push(sib);
    }
  }
  return out;
}

function fallback($: CheerioAPI): Cheerio<AnyNode> | undefined {
  for (const sel of ['[itemprop="articleBody"]', 'article', '[role="main"]', 'main']) {
    const found = $(sel).filter((_, el) => normalizeText($(el).text()).length >= MIN_PARAGRAPH);
    if (found.length) return found.first() as Cheerio<AnyNode>;
  }
  return undefined;
}

/** Detached wrappers of merged siblings, to the page element they were built around. */
const ORIGIN = new WeakMap<Element, Element>();

/** Where the article sits: the best block and, in document order, the siblings that join it. */
export interface MainContent {
  top: Element;
  parts: Element[];
}

/** Locates the article in the page without changing it; undefined when no block holds article-like text. */
export function locateMainContent($: CheerioAPI): MainContent | undefined {
  const body = bodyOf($);
  if (!body || !Array.isArray(body.children)) return undefined;
  const a = analyse(body);
  const scored = scoreCandidates(a);
  const best = pickTop(scored, body);
  if (!best || (a.stats.get(best.top)?.text ?? 0) < MIN_PARAGRAPH) {
    const el = fallback($)?.get(0) as Element | undefined;
    return el ? { top: el, parts: [el] } : undefined;
  }
  return { top: best.top, parts: mergeSiblings(a, scored, best.top, best.score) };
}

/**
 * The element holding the article's text, or undefined when the page holds no article-like text.
 * The page is not modified; when siblings of the best block join it, the result is a detached
 * `<div>` holding copies of them in document order.
 */
export function findMainContent($: CheerioAPI): Cheerio<AnyNode> | undefined {
  const found = locateMainContent($);
  if (!found) return undefined;
  if (found.parts.length <= 1) return $(found.top) as Cheerio<AnyNode>;
  const wrapper = $('<div></div>');
  for (const part of found.parts) wrapper.append($(part).clone());
  ORIGIN.set(wrapper.get(0) as Element, found.top);
  return wrapper as Cheerio<AnyNode>;
}

/**
 * Removes, inside a chosen content root, what is furniture rather than article: widgets by name,
 * link lists (menus, related news) and empty boxes. Lists of documents stay: they are attachments.
 * Works on the given elements in place; pass a copy when the page is still needed.
 */
export function pruneContent(root: Cheerio<AnyNode>): void {
  const rootEl = root.get(0) as Element | undefined;
  if (!rootEl || !isElement(rootEl)) return;
  const sizes = new Map<Element, number>();
  const rootText = measure(rootEl, sizes) || 1;
  const drop: Element[] = [];
  const visit = (el: Element) => {
    for (const c of el.children) {
      if (!isElement(c) || c.type !== 'tag') continue;
      if (shouldPrune(c, sizes, rootText)) drop.push(c);
      else visit(c);
    }
  };
  visit(rootEl);
  for (const el of drop) detach(el);
  dropTrailingLinks(rootEl);
}

/**
 * "« Back", "Top of page", "Next article": short lines made of one link at the very end of the
 * content are navigation. Documents and spelled-out addresses stay (they are content).
 */
function dropTrailingLinks(root: Element): void {
  for (let guard = 0; guard < 10; guard++) {
    const last = lastTextNode(root);
    if (!last) return;
    let link: Element | undefined;
    for (let n = parentElement(last as unknown as Element); n && n !== root; n = parentElement(n)) {
      if (n.name === 'a') {
        link = n;
        break;
      }
    }
    if (!link || !link.attribs.href || DOCUMENT_EXT.test(link.attribs.href)) return;
    const text = normalizeText(textOf(link));
    if (text.length > 40 || /^(https?:|www\.)|\.[a-z]{2,4}(\/|$)/i.test(text)) return;
    // The line must be the link alone: climb inline wrappers holding nothing else.
    let holder: Element = link;
    while (true) {
      const p = parentElement(holder);
      if (!p || p === root || (!INLINE_TAGS.has(p.name) && !PARAGRAPH_TAGS.has(p.name) && p.name !== 'div')) break;
      if (normalizeText(textOf(p)) !== text) break;
      holder = p;
    }
    if (!lineAlone(holder)) return;
    detach(holder);
  }
}

function lineAlone(el: Element): boolean {
  const side = (start: AnyNode | null, step: (n: AnyNode) => AnyNode | null): boolean => {
    for (let n = start; n; n = step(n)) {
      if (n.type === 'text') {
        if (textData(n).trim()) return false;
        continue;
      }
      if (isElement(n)) return n.name === 'br' || !INLINE_TAGS.has(n.name);
    }
    return true;
  };
  return side(el.prev, (n) => n.prev) && side(el.next, (n) => n.next);
}

function lastTextNode(el: Element): AnyNode | undefined {
  for (let i = el.children.length - 1; i >= 0; i--) {
    const c = el.children[i];
    if (c.type === 'text' && textData(c).trim()) return c;
    if (isElement(c) && c.type === 'tag' && !SKIP_TAGS.has(c.name)) {
      const inner = lastTextNode(c);
      if (inner) return inner;
    }
  }
  return undefined;
}

function shouldPrune(el: Element, sizes: Map<Element, number>, rootText: number): boolean {
  const size = sizes.get(el) ?? 0;
  if (SKIP_TAGS.has(el.name) || isHidden(el)) return el.name !== 'iframe';
  if (isUnlikely(el) && size < rootText * 0.5) return !holdsDocuments(el);
  if (!/^(div|section|ul|ol|table|dl|header|form)$/.test(el.name) || size >= rootText * 0.5) return false;
  if (classWeight(el) < 0) return !holdsDocuments(el);
  // Link lists: menus, tag clouds, "other news". A list of documents is the article's attachments.
  return size > 0 && linkLength(el) / size > 0.5 && !holdsDocuments(el);
}

function linkLength(el: Element): number {
  let n = 0;
  for (const c of el.children) {
    if (!isElement(c) || c.type !== 'tag') continue;
    if (c.name === 'a' && c.attribs.href) n += textLength(c);
    else n += linkLength(c);
  }
  return n;
}

function textLength(el: Element): number {
  let n = 0;
  for (const c of el.children) {
    if (c.type === 'text') n += visibleLength(textData(c));
    else if (isElement(c) && c.type === 'tag') n += textLength(c);
  }
  return n;
}

function hasTag(el: Element, name: string): boolean {
  for (const c of el.children) if (isElement(c) && (c.name === name || hasTag(c, name))) return true;
  return false;
}

function holdsDocuments(el: Element): boolean {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (c.name === 'a' && DOCUMENT_EXT.test(c.attribs.href ?? '')) return true;
    if (holdsDocuments(c)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Title

/** Separators between an article title and the site name in `<title>` and og:title. */
const TITLE_SEPARATORS = / \| | - | – | — | :: | » | · | \/\/ /g;
const TITLE_CLASS = /(^|[\s_-])(title|headline|heading|tieu-?de|tieude)([\s_-]|$)|entry-title|post-title|article-title|news-title|detail-title/i;

/** The whole string and every part left after cutting leading or trailing separator-delimited parts. */
function titleFragments(full: string): string[] {
  const cuts: Array<{ start: number; end: number }> = [];
  TITLE_SEPARATORS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TITLE_SEPARATORS.exec(full))) cuts.push({ start: m.index, end: m.index + m[0].length });
  const out = new Set<string>();
  const bounds = [{ end: 0 }, ...cuts];
  for (let i = 0; i < bounds.length; i++) {
    for (let j = i; j <= cuts.length; j++) {
      const from = i === 0 ? 0 : cuts[i - 1].end;
      const to = j === cuts.length ? full.length : cuts[j].start;
      if (to <= from) continue;
      if (i === 0 && j === cuts.length) continue; // the full string itself
      // Only prefixes and suffixes: a site name sits at one end.
      if (i !== 0 && j !== cuts.length) continue;
      const piece = full.slice(from, to).trim();
      if (piece) out.add(piece);
    }
  }
  return [...out];
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

function titleKey(s: string): string {
  // Plain toLowerCase: Vietnamese has no locale-specific case mappings, and the locale form is slow.
  return cleanTitleKey(s.normalize('NFC').replace(/[\s\u00a0]+/g, ' '));
}

/** `titleKey` of text that `normalizeText` already made NFC with single spaces: the rest of the work. */
export function cleanTitleKey(s: string): string {
  // The trailing strip as a scan from the end: a `[…]+$` regex tries every position of the string.
  const lower = s.toLowerCase();
  let end = lower.length;
  while (end > 0 && TITLE_TAIL.test(lower[end - 1])) end--;
  return (end === lower.length ? lower : lower.slice(0, end)).trim();
}

/** One character that ends a title key without belonging to it: whitespace and closing punctuation. */
const TITLE_TAIL = /^[\s.:;,!?…"'“”«»]$/u;

/** Levels from `el` up to its lowest common ancestor with `content`; 0 when inside it. */
/** Levels from the content up to each of its ancestors (0 for the content itself). */
function ancestorLevels(content: Element | undefined): Map<Element, number> {
  const levels = new Map<Element, number>();
  let level = 0;
  for (let n: Element | undefined = content; n; n = parentElement(n)) levels.set(n, level++);
  return levels;
}

/** Levels from the content up to its lowest common ancestor with `el`; 0 when inside it. */
function distanceToContent(el: Element, levels: Map<Element, number>): number {
  for (let n: Element | undefined = el; n; n = parentElement(n)) {
    const level = levels.get(n);
    if (level !== undefined) return n === el && level > 0 ? level : level === 0 ? 0 : Math.max(level, 1);
  }
  return Infinity;
}

const FURNITURE_NAME = /menu|sidebar|footer|related|lien-?quan|tin-?khac|other|widget|most-?read|popular|breadcrumb/i;

/** Whether an element sits in a menu, sidebar, footer or related list; memoised per ancestor. */
function insideFurniture(el: Element, memo: Map<Element, boolean>): boolean {
  const p = parentElement(el);
  if (!p) return false;
  const known = memo.get(p);
  if (known !== undefined) return known;
  let result: boolean;
  if (p.name === 'nav' || p.name === 'footer' || p.name === 'aside') result = true;
  else {
    const ci = classAndId(p);
    result = (!!ci && FURNITURE_NAME.test(ci) && !MAYBE.test(ci)) || insideFurniture(p, memo);
  }
  memo.set(p, result);
  return result;
}

/** The element holding the chosen title (for dates near it and removing it from the body). */
function findTitleElement(page: Page, title: string): Element | undefined {
  const key = titleKey(title);
  const $ = page.$;
  let best: Element | undefined;
  const body = bodyOf($);
  const sizes = body ? sizesOf(body) : new Map<Element, number>();
  for (const el of body ? measuredElements(body) : []) {
    const len = sizes.get(el) ?? 0;
    // Only elements about as long as the title can hold exactly it.
    if (len < 2 || Math.abs(len - key.length) > Math.max(8, key.length * 0.2)) continue;
    if (cleanTitleKey(normalizeText(textOf(el))) !== key) continue;
    // The innermost element holding exactly the title.
    if (!best || contains(best, el)) best = el;
  }
  return best;
}

/**
 * The article's title by agreement of its sources: og:title / twitter:title / headline meta,
 * headings near the content, and `<title>` with the site name cut off. A string named by several
 * sources wins; headings close to the content count more than a logo's `<h1>`.
 */
export function findTitle(page: Page, content?: Cheerio<AnyNode>): string | undefined {
  return chooseTitle(page, content)?.title;
}

/** The title and, when one of the page's headings holds exactly it, that element. */
export function findTitleWithElement(page: Page, content?: Cheerio<AnyNode>): { title: string; element?: Element } | undefined {
  const chosen = chooseTitle(page, content);
  if (!chosen) return undefined;
  return { title: chosen.title, element: chosen.element ?? findTitleElement(page, chosen.title) };
}

function chooseTitle(page: Page, content?: Cheerio<AnyNode>): { title: string; element?: Element } | undefined {
  const $ = page.$;
  const contentEl = content?.get(0) as Element | undefined;
  // A detached wrapper of merged siblings stands for the block it was built around.
  const anchor = contentEl ? (ORIGIN.get(contentEl) ?? (contentEl.parent ? contentEl : undefined)) : undefined;
  const candidates = new Map<string, { text: string; sources: Map<string, number> }>();
  const add = (raw: string | undefined, source: string, score: number) => {
    const text = raw ? normalizeText(raw) : '';
    if (!text || text.length > 400) return;
    const key = cleanTitleKey(text);
    if (!key) return;
    const c = candidates.get(key) ?? { text, sources: new Map<string, number>() };
    // Each kind of source counts once, at its best.
    c.sources.set(source, Math.max(c.sources.get(source) ?? -Infinity, score));
    candidates.set(key, c);
  };

  const meta = pageMeta($).meta;
  const metas = [
    metaContent(meta, ['og:title']),
    metaContent(meta, ['twitter:title']),
    metaContent(meta, ['headline', 'title', 'dc.title']),
  ];
  for (const m of metas) {
    if (!m) continue;
    add(m, 'meta', 3);
    for (const f of titleFragments(m)) add(f, 'meta-part', 1.5);
  }
  const docTitle = normalizeText(pageMeta($).title ?? '');
  if (docTitle) {
    add(docTitle, 'doctitle', 2);
    for (const f of titleFragments(docTitle)) add(f, 'doctitle-part', 1.5);
  }

  const body = bodyOf($);
  const sizes = body ? sizesOf(body) : new Map<Element, number>();
  const levels = ancestorLevels(anchor);
  const furnitureMemo = new Map<Element, boolean>();
  const elementFor = new Map<string, Element>();
  for (const el of body ? measuredElements(body) : []) {
    const isHeading = HEADING_TAGS.has(el.name);
    const a = el.attribs;
    // Most elements have neither class nor id: no name to test then.
    const named = a.itemprop === 'headline' || ((a.class !== undefined || a.id !== undefined) && TITLE_CLASS.test(classAndId(el)));
    if (!isHeading && !named) continue;
    const len = sizes.get(el) ?? 0;
    if (len < 4 || len > 400) continue;
    const text = normalizeText(textOf(el));
    // Normalised text has single spaces between words: two words or more hold a space.
    if (!text.includes(' ')) continue;
    let score = el.name === 'h1' ? 2 : el.name === 'h2' ? 1.5 : isHeading ? 1 : 0.5;
    if (named) score += 1;
    const d = anchor ? distanceToContent(el, levels) : Infinity;
    if (d <= 3) score += 2;
    else if (d <= 5) score += 1;
    if (insideFurniture(el, furnitureMemo)) score -= 3;
    // Inside the content only its first heading can be the title.
    if (d === 0 && anchor && firstHeading(anchor) !== el) score -= 2;
    add(text, 'element', score);
    const k = cleanTitleKey(text);
    // The innermost element holding the text is the one to point at.
    const prev = elementFor.get(k);
    if (!prev || contains(prev, el)) elementFor.set(k, el);
  }

  // Old pages without headings: a short emphasised first line of the content is its title.
  const lead = anchor ? leadLine(anchor) : undefined;
  if (lead) add(lead, 'lead', 2.5);

  // The best by score, then by length; on a full tie the first found, as a stable sort would give.
  let best: { text: string; sources: Map<string, number> } | undefined;
  let bestScore = 0;
  for (const c of candidates.values()) {
    let score = 0;
    for (const v of c.sources.values()) score += v;
    if (!(score > 0)) continue;
    if (!best || score > bestScore || (score === bestScore && c.text.length > best.text.length)) {
      best = c;
      bestScore = score;
    }
  }
  if (!best) return undefined;
  // Only a <title> spoke: cut the site name off by the usual layout of such titles.
  if (best.sources.size === 1 && best.sources.has('doctitle')) return { title: siteNameCut(best.text) };
  return { title: best.text, element: elementFor.get(titleKey(best.text)) };
}

const EMPHASIS_STYLE = /font-weight\s*:\s*(bold|[6-9]00)|font-size\s*:\s*(1[6-9]|[2-9]\d)px|font-size\s*:\s*(large|x-large|xx-large)/i;

/** The content's first line when it is short, emphasised (bold, large) and not a sentence. */
function leadLine(root: Element): string | undefined {
  let first: AnyNode | undefined;
  const find = (el: Element): boolean => {
    for (const c of el.children) {
      if (c.type === 'text' && textData(c).trim()) {
        first = c;
        return true;
      }
      if (isElement(c) && c.type === 'tag' && !SKIP_TAGS.has(c.name) && find(c)) return true;
    }
    return false;
  };
  if (!find(root) || !first) return undefined;
  const line = normalizeText(textData(first));
  if (line.length < 10 || line.length > 200 || /[.;,]$/.test(line)) return undefined;
  for (let n = parentElement(first as unknown as Element); n && n !== root; n = parentElement(n)) {
    if (/^(b|strong|h[1-6])$/.test(n.name)) return line;
    if (n.name === 'font' && Number(n.attribs.size) >= 3) return line;
    if (EMPHASIS_STYLE.test(n.attribs.style ?? '')) return line;
  }
  return undefined;
}

function firstHeading(root: Element): Element | undefined {
  for (const c of root.children) {
    if (!isElement(c) || c.type !== 'tag') continue;
    if (HEADING_TAGS.has(c.name) || TITLE_CLASS.test(classAndId(c))) return c;
    const inner = firstHeading(c);
    if (inner) return inner;
  }
  return undefined;
}

/** `Article title - Site name` (or the other way round): drop the shorter end when the rest has a few words. */
function siteNameCut(title: string): string {
  TITLE_SEPARATORS.lastIndex = 0;
  const cuts = [...title.matchAll(TITLE_SEPARATORS)];
  if (cuts.length === 0) return title;
  const firstCut = cuts[0];
  const lastCut = cuts[cuts.length - 1];
  const head = title.slice(0, firstCut.index).trim();
  const tail = title.slice(lastCut.index + lastCut[0].length).trim();
  // The title keeps its own inner separators; only one end is the site name.
  const candidate = head.length >= tail.length ? title.slice(0, lastCut.index) : title.slice(firstCut.index + firstCut[0].length);
  return wordCount(candidate) >= 3 ? candidate.trim() : title;
}
