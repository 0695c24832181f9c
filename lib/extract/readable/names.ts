import type { Element } from 'domhandler';
import { hasDescendant, parentElement } from '../dom.ts';
import { MATH_ANNOTATION_TAGS, MATH_TAGS } from '../mathml.ts';
import { TUNING } from './tuning.ts';

/** Class/id words of page furniture: menus, sidebars, comments, share bars, related lists. */
const UNLIKELY =
  /-ad-|\bads?\b|adv(ert)?|banner|breadcrumb|combx|comment|community|cookie|consent|disqus|extra|footer|gdpr|header|legends|menu|navbar|\bnav\b|navigation|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|pagination|pager|popup|modal|share|sharing|widget|toolbar|subscribe|newsletter|login|search|lien-?quan|tin-?khac|other-?(news|post|article)|most-?(read|viewed)|popular|\btags?\b|copyright|read-?more|recommend|outbrain|taboola|author-?(bio|info|box)|byline/i;
/** Words that rescue an element from UNLIKELY: it may well be the article's own wrapper. */
export const MAYBE = /and|article|body|column|content|main|shadow|entry|post|story|detail|chi-?tiet|noi-?dung|text/i;
const POSITIVE =
  /article|body|content|entry|hentry|h-entry|main|page|pagination-content|post|text|blog|story|detail|news-?detail|noi-?dung|noidung|chi-?tiet|chitiet|itemprop|articlebody/i;
/**
 * `print` as a print button or print-only copy, not Bootstrap's print grid (`col-print-12`) nor a
 * `printable` box, the part of the article a print button prints (a recipe).
 */
const NEGATIVE =
  /-ad-|\bads?\b|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media-?link|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|\btags?\b|widget|menu|\bnav|print(?!-\d|able)|breadcrumb|social|lien-?quan|tin-?khac|other|most-?read|popular|login|search|copyright/i;

/**
 * Names specific enough to be furniture even beside an article word ("article-author",
 * "post-newsletter", "secondaryContent", a picture's "image-credit" or "photo_credit_container",
 * but not a "credit-union-news" paragraph): inside the chosen content a small box named so goes,
 * without the rescue that keeps a wrapper named "sidebar-content" in the running.
 */
const FURNITURE_INSIDE =
  /author-?(bio|box|info|card|profile|details|notes?)|about-?(the-?)?author|(article|post|entry)-?author\b|newsletter|subscribe|trackback|secondary|related-?(posts?|articles?|stories|content|links)|share-?(bar|buttons|tools|links)|more-?stories|(^|[\s_-])credits?(\s|$)|[_-]credits?[_-]|(^|[\s_-])bio([\s_-]|$)/i;

export function isFurnitureInside(el: Element): boolean {
  const ci = classAndId(el);
  return !!ci && FURNITURE_INSIDE.test(ci);
}

/** Class names by which a page's markup names the article's body (hAtom, common themes). */
const BODY_CLASS = /(?:^|\s)(?:entry-content|post-body|article-body)(?:\s|$)/;

/** Whether the markup names the element the article's body (`itemprop="articleBody"`, `entry-content`). */
export function namesArticleBody(el: Element): boolean {
  return el.attribs.itemprop === 'articleBody' || BODY_CLASS.test(el.attribs.class ?? '');
}

/**
 * Whether every element of `found` lies inside `outer` (or is it): the markup names one article
 * body, not several apart (a listing of posts). Each climb stops at an element already known to be
 * inside: linear in the page.
 */
export function holdsAll(outer: Element, found: Iterable<Element>): boolean {
  const inside = new Set<Element>([outer]);
  for (const el of found) {
    const path: Element[] = [];
    let n: Element | undefined = el;
    for (; n && !inside.has(n); n = parentElement(n)) path.push(n);
    if (!n) return false;
    for (const p of path) inside.add(p);
  }
  return true;
}

/**
 * The article body the markup names, when it names one (the outermost, holding every other named
 * so), and every element up to `root` that holds it; empty when it names several apart. None of
 * these is furniture, whatever its class says: InfoWorld's article sits in a `share_wrapper`, a
 * Blogger post in a `widget Blog`. `elements` are those under `root`, in document order.
 */
export function namedBodyHolders(elements: Iterable<Element>, root: Element): Set<Element> {
  const found: Element[] = [];
  for (const el of elements) if (namesArticleBody(el)) found.push(el);
  // In document order the outermost comes first.
  const outer = found[0];
  const holders = new Set<Element>();
  if (!outer || !holdsAll(outer, found)) return holders;
  for (let n: Element | undefined = outer; n && n !== root; n = parentElement(n)) holders.add(n);
  return holders;
}

/** Class/id words of an article's standfirst (lead, summary), which is the summary field. */
export const STANDFIRST = /summary|sapo|hometext|teaser|standfirst|excerpt|(^|[\s_-])(lead|intro|description|desc)([\s_-]|$)|tom-?tat|tomtat|mo-?ta-?ngan/i;

/**
 * Tags that never hold the article's text (a formula's annotations are its source in another notation).
 * A `<label>` is not among them: only one of a form control is furniture (`isControlLabel`).
 */
export const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'link', 'meta', 'head', 'title', 'svg', 'iframe', 'object', 'embed',
  'canvas', 'select', 'option', 'button', 'input', 'textarea', 'nav', 'aside', 'footer', 'menu', 'dialog',
  ...MATH_ANNOTATION_TAGS,
]);

const CONTROL_TAGS = new Set(['input', 'select', 'textarea', 'button']);

/**
 * A label of a form control (one naming it with `for`, or holding it): furniture. A label that
 * labels nothing is only text styled as one, such as the "Prep time:" of a recipe's facts.
 */
export function isControlLabel(el: Element): boolean {
  if (el.name !== 'label') return false;
  return el.attribs.for !== undefined || hasDescendant(el, (d) => CONTROL_TAGS.has(d.name));
}
/**
 * Phrasing content: text inside them belongs to the paragraph of the nearest block. A formula
 * (MathML) is read with the sentence around it, however many token elements it is made of.
 */
export const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'img', 'ins', 'del', 'kbd',
  'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr', 'nobr',
  ...MATH_TAGS,
]);
/** Blocks that are a paragraph themselves: their text votes for the block around them. */
export const PARAGRAPH_TAGS = new Set(['p', 'pre', 'li', 'dd', 'dt', 'address', 'h5', 'h6', 'figcaption', 'caption']);
export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
export { DOCUMENT_EXT } from '../documents.ts';

export function classAndId(el: Element): string {
  const c = el.attribs.class ?? '';
  const i = namingId(el);
  return c && i ? `${c} ${i}` : c || i;
}

/**
 * The id when it names the element's role. An id of four words or more is an anchor made from a
 * heading ("sharing-with-a-single-developer"): it speaks of the text, not of the page's furniture.
 */
function namingId(el: Element): string {
  const id = el.attribs.id ?? '';
  return isAnchorId(id) ? '' : id;
}

/** An id of four words or more: an anchor made from a heading. */
export function isAnchorId(id: string | undefined): boolean {
  return !!id && id.split(/[-_]/, 4).length >= 4;
}

/** The hiding utility classes of the common CSS frameworks (Bootstrap, WordPress themes). */
const HIDING_CLASSES = new Set(['hidden', 'hide', 'd-none', 'invisible', 'sr-only', 'visually-hidden', 'screen-reader-text']);

export function isHidden(el: Element): boolean {
  const a = el.attribs;
  if ('hidden' in a || a['aria-hidden'] === 'true') return true;
  if (a.class && a.class.split(/\s+/).some((c) => HIDING_CLASSES.has(c))) return true;
  const style = a.style;
  return !!style && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Furniture by tag or by name; `body`, `article`, `main` and the like are never furniture. */
export function isUnlikely(el: Element): boolean {
  const name = el.name;
  if (name === 'body' || name === 'html' || name === 'article' || name === 'main') return false;
  if (SKIP_TAGS.has(name) || isHidden(el) || isControlLabel(el)) return true;
  const role = el.attribs.role;
  if (role && /^(navigation|menu|menubar|complementary|banner|contentinfo|search|dialog|alert|alertdialog)$/.test(role)) return true;
  if (name === 'header' || name === 'form') return false; // decided by size, not by tag
  const ci = classAndId(el);
  return !!ci && UNLIKELY.test(ci) && !rescued(ci);
}

/** Whether the element's class or id holds a furniture word, rescued or not ("widget Text"). */
export function namedLikeFurniture(el: Element): boolean {
  const ci = classAndId(el);
  return !!ci && UNLIKELY.test(ci);
}

/**
 * Whether a name of the element says it may be the article's wrapper: a word matching MAYBE
 * that is not itself a furniture word ("sidebar-content" is rescued by "content";
 * "jp-relatedposts" is not rescued by the "post" inside "relatedposts").
 */
function rescued(ci: string): boolean {
  for (const word of ci.split(/[\s_-]+/)) if (MAYBE.test(word) && !UNLIKELY.test(word)) return true;
  return false;
}

export function classWeight(el: Element): number {
  let w = 0;
  for (const v of [el.attribs.class, namingId(el)]) {
    if (!v) continue;
    if (NEGATIVE.test(v)) w -= TUNING.classWeight;
    if (POSITIVE.test(v)) w += TUNING.classWeight;
  }
  if (el.attribs.itemprop === 'articleBody') w += TUNING.articleBodyWeight;
  return w;
}

/** What the tag itself says of a block: articles and divisions hold text, lists and headings less. */
export function tagWeight(el: Element): number {
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
