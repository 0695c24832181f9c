import type { Cheerio } from 'cheerio';
import { ElementType } from 'domelementtype';
import type { AnyNode, Element } from 'domhandler';
import type { Page } from '../types.ts';
import { normalizeText } from '../../text/index.ts';
import { hasDescendant, isElement, parentElement, textData, textOf, textWithBreaksUpTo } from '../dom.ts';
import { metaContent, pageMeta } from '../page-meta.ts';
import { readableContext, type ReadableContext } from './context.ts';
import { classAndId, HEADING_TAGS, MAYBE, SKIP_TAGS } from './names.ts';
import { contains, wordCount } from './text.ts';
import { isTailLabel } from './tail.ts';
import { isDateLine, MAX_DATE_LINE } from './dateline.ts';
import { cleanTitleKey, siteNameCut, titleFragments, titleKey } from './title-text.ts';
import { TITLE_SCORES as S } from './tuning.ts';

/**
 * The article's title by agreement of its sources: og:title / twitter:title / headline meta,
 * headings near the content, and `<title>` with the site name cut off. A string named by several
 * sources wins; headings close to the content count more than a logo's `<h1>`.
 */

const TITLE_CLASS = /(^|[\s_-])(title|headline|heading|tieu-?de|tieude)([\s_-]|$)|entry-title|post-title|article-title|news-title|detail-title/i;
/** The slots of the site's own name: a heading there, or named so, is the logo, not the article's title. */
const SITE_NAME = /masthead|site-?(title|name|logo|branding|header)|blog-?header|banner-?header|\blogo\b/i;
/** Boxes whose headings are not the article's. */
const FURNITURE_NAME = new RegExp(
  `menu|sidebar|footer|related|lien-?quan|tin-?khac|other|widget|most-?read|popular|breadcrumb|shar(e|ing)|social|${SITE_NAME.source}`,
  'i',
);
const EMPHASIS_STYLE = /font-weight\s*:\s*(bold|[6-9]00)|font-size\s*:\s*(1[6-9]|[2-9]\d)px|font-size\s*:\s*(large|x-large|xx-large)/i;
/** An inner style that undoes an outer `<b>` (text pasted from document editors: `<b><span style="font-weight: normal">`). */
const PLAIN_WEIGHT_STYLE = /font-weight\s*:\s*(normal|[1-4]00)\b/i;

type Source = 'meta' | 'meta-part' | 'doctitle' | 'doctitle-part' | 'element' | 'lead';

interface Candidate {
  text: string;
  /** Best score of each kind of source that named this text: each kind counts once. */
  sources: Map<Source, number>;
}

/** Candidates by title key, in the order first found (ties go to the first). */
class Candidates {
  readonly byKey = new Map<string, Candidate>();

  add(raw: string | undefined, source: Source, score: number): void {
    const text = raw ? normalizeText(raw) : '';
    if (!text || text.length > S.maxLength || isDateLine(text)) return;
    const key = cleanTitleKey(text);
    if (!key) return;
    const c = this.byKey.get(key) ?? { text, sources: new Map<Source, number>() };
    // The headline as the page shows it ("Chad’s", curly quotes) over a metadata copy ("Chads").
    if (source === 'element' && !c.sources.has('element')) c.text = text;
    c.sources.set(source, Math.max(c.sources.get(source) ?? -Infinity, score));
    this.byKey.set(key, c);
  }
}

/** og:title, twitter:title and headline meta, whole and cut at separators. */
function addMetaCandidates(page: Page, out: Candidates): void {
  const meta = pageMeta(page.$).meta;
  for (const m of [metaContent(meta, ['og:title']), metaContent(meta, ['twitter:title']), metaContent(meta, ['headline', 'title', 'dc.title'])]) {
    if (!m) continue;
    out.add(m, 'meta', S.meta);
    for (const f of titleFragments(m)) out.add(f, 'meta-part', S.metaPart);
  }
}

/** The document's `<title>`, whole and cut at separators. */
function addDocTitleCandidates(page: Page, out: Candidates): void {
  const docTitle = normalizeText(pageMeta(page.$).title ?? '');
  if (!docTitle) return;
  out.add(docTitle, 'doctitle', S.docTitle);
  for (const f of titleFragments(docTitle)) out.add(f, 'doctitle-part', S.docTitlePart);
}

/**
 * Headings and elements named title/headline, scored by rank and by closeness to the content.
 * Returns, per title key, the innermost element holding that text.
 */
function addHeadingCandidates(ctx: ReadableContext, anchor: Element | undefined, pageUrl: string, out: Candidates): Map<string, Element> {
  const sizes = ctx.sizes();
  const page = parseUrl(pageUrl);
  const levels = ancestorLevels(anchor);
  // Inside the content only its first heading can be the title: found once for every heading.
  const first = anchor ? firstHeading(anchor) : undefined;
  // The boxes holding the body the markup names are not furniture, whatever their names
  // (Blogger's post sits in `<div class="widget Blog">`).
  const furnitureMemo = new Map<Element, boolean>([...ctx.namedBodyHolders()].map((h) => [h, false]));
  const elementFor = new Map<string, Element>();
  for (const el of ctx.measured()) {
    const isHeading = HEADING_TAGS.has(el.name);
    const a = el.attribs;
    // Most elements have neither class nor id: no name to build then.
    const ownName = a.class !== undefined || a.id !== undefined ? classAndId(el) : '';
    const named = a.itemprop === 'headline' || TITLE_CLASS.test(ownName);
    if (!isHeading && !named) continue;
    const len = sizes.get(el) ?? 0;
    if (len < 4 || len > S.maxLength) continue;
    const text = normalizeText(textOf(el));
    // A title has two words or more; a label ("Comments", "最新评论") has one; nor is a title
    // a label that opens the comments or a list after the story ("Post a comment", "Related posts").
    if (wordCount(text) < 2 || isTailLabel(el, sizes)) continue;
    const d = anchor ? distanceToContent(el, levels) : Infinity;
    let score = headingScore(el, { isHeading, named, ownName, distance: d, notFirst: d === 0 && first !== el }, furnitureMemo);
    if (page && linksHome(el, page, sizes)) score += S.inFurniture;
    out.add(text, 'element', score);
    const k = cleanTitleKey(text);
    // The innermost element holding the text is the one to point at.
    const prev = elementFor.get(k);
    if (!prev || contains(prev, el)) elementFor.set(k, el);
  }
  return elementFor;
}

/** What the candidate loop already knows of a heading: its kind, its class/id and where it stands. */
interface HeadingFacts {
  isHeading: boolean;
  named: boolean;
  ownName: string;
  distance: number;
  /** Inside the content but not its first heading. */
  notFirst: boolean;
}

function headingScore(el: Element, h: HeadingFacts, furnitureMemo: Map<Element, boolean>): number {
  let score = el.name === 'h1' ? S.h1 : el.name === 'h2' ? S.h2 : h.isHeading ? S.otherHeading : S.namedElement;
  if (h.named) score += S.named;
  if (h.distance <= S.nearLevels) score += S.near;
  else if (h.distance <= S.closeLevels) score += S.close;
  if (insideFurniture(el, furnitureMemo) || SITE_NAME.test(h.ownName)) score += S.inFurniture;
  if (h.notFirst) score += S.notFirstInContent;
  return score;
}

/** The one link a heading is made of, when it is nothing else (`<h1><a href="/">Blog</a></h1>`). */
function soleLink(el: Element, sizes: Map<Element, number>): Element | undefined {
  let link: Element | undefined;
  let links = 0;
  hasDescendant(el, (d) => {
    if (d.name === 'a' && d.attribs.href) {
      link = d;
      links++;
    }
    return links > 1;
  });
  return links === 1 && link && sizes.get(link) === sizes.get(el) ? link : undefined;
}

/**
 * A heading that is only a link to the site's home page, or to a section above this page
 * (`/blog/` from `/blog/2012/10/post.html`), names the site or the section: the logo's heading.
 */
function linksHome(el: Element, page: URL, sizes: Map<Element, number>): boolean {
  const link = soleLink(el, sizes);
  const to = link && parseUrl(link.attribs.href, page);
  if (!to || to.search || to.hash) return false;
  // A site's root, whatever the host: pages often link to their site's other name (www.).
  if (to.pathname === '/') return true;
  // The page itself, written with or without a closing slash, is no folder above it.
  const target = withoutClosingSlash(to.pathname);
  const here = withoutClosingSlash(page.pathname);
  return to.host === page.host && target !== here && here.startsWith(`${target}/`);
}

function parseUrl(href: string, base?: URL): URL | undefined {
  try {
    return new URL(href, base);
  } catch {
    return undefined;
  }
}

function withoutClosingSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * A headline element often holds a kicker before the title (a category label, "Exclusive"), so its
 * text is longer than what `<title>` or og:title name. When a heading's text ends with a title
 * named there and is most of it, that title has the heading's support too. Only the end: a `<title>` cut short by
 * the CMS is the start of the headline, and must not win over it.
 */
function creditKickedHeadlines(candidates: Candidates): void {
  const named: Array<[string, Candidate]> = [];
  for (const [key, c] of candidates.byKey) {
    if (c.sources.size === 0 || c.sources.has('element') || c.sources.has('lead') || wordCount(key) < S.kickedMinWords) continue;
    named.push([key, c]);
  }
  if (named.length === 0) return;
  for (const [key, c] of candidates.byKey) {
    const score = c.sources.get('element');
    if (score === undefined || score <= 0) continue;
    for (const [inner, d] of named) {
      // The kicker is the shorter part: a date or a section name at the end of `<title>` is not the title.
      if (inner.length >= key.length || inner.length * 2 <= key.length || !key.endsWith(' ' + inner)) continue;
      d.sources.set('element', Math.max(d.sources.get('element') ?? -Infinity, score));
    }
  }
}

/**
 * The site's own name (og:site_name) is the logo's heading, never the article's title, unless
 * og:title names it too: then the site put the article's title in both. (`application-name` is
 * not read: some sites put the article's title there.)
 */
function dropSiteName(page: Page, candidates: Candidates): void {
  const name = metaContent(pageMeta(page.$).meta, ['og:site_name']);
  if (!name) return;
  const key = cleanTitleKey(name);
  if (!candidates.byKey.get(key)?.sources.has('meta')) candidates.byKey.delete(key);
}

/**
 * The best by summed score, then by how many kinds of source agree, then by length; on a full tie
 * the first found, as a stable sort would give.
 */
function bestCandidate(candidates: Candidates): Candidate | undefined {
  let best: Candidate | undefined;
  let bestScore = 0;
  for (const c of candidates.byKey.values()) {
    let score = 0;
    for (const v of c.sources.values()) score += v;
    if (!(score > 0)) continue;
    if (
      !best ||
      score > bestScore ||
      (score === bestScore &&
        (c.sources.size > best.sources.size || (c.sources.size === best.sources.size && c.text.length > best.text.length)))
    ) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

function chooseTitle(page: Page, content: Cheerio<AnyNode> | undefined, ctx: ReadableContext): { title: string; element?: Element } | undefined {
  const contentEl = content?.get(0) as Element | undefined;
  // A detached copy stands for nothing in the page.
  const anchor = contentEl?.parent ? contentEl : undefined;
  const candidates = new Candidates();
  addMetaCandidates(page, candidates);
  addDocTitleCandidates(page, candidates);
  const elementFor = addHeadingCandidates(ctx, anchor, page.url, candidates);
  // Old pages without headings: a short emphasised first line of the content is its title.
  const lead = anchor ? leadLine(anchor) : undefined;
  if (lead) candidates.add(lead, 'lead', S.leadLine);

  creditKickedHeadlines(candidates);
  dropSiteName(page, candidates);
  const best = bestCandidate(candidates);
  if (!best) return undefined;
  // Only a <title> spoke: cut the site name off by the usual layout of such titles.
  if (best.sources.size === 1 && best.sources.has('doctitle')) return { title: siteNameCut(best.text) };
  return { title: best.text, element: elementFor.get(titleKey(best.text)) };
}

/** The article's title (see above); `content` is the located article, `ctx` the extraction's context. */
export function findTitle(page: Page, content?: Cheerio<AnyNode>, ctx: ReadableContext = readableContext(page.$)): string | undefined {
  return chooseTitle(page, content, ctx)?.title;
}

/** The title and, when one of the page's elements holds exactly it, that element. */
export function findTitleWithElement(
  page: Page,
  content?: Cheerio<AnyNode>,
  ctx: ReadableContext = readableContext(page.$),
): { title: string; element?: Element } | undefined {
  const chosen = chooseTitle(page, content, ctx);
  if (!chosen) return undefined;
  return { title: chosen.title, element: chosen.element ?? findTitleElement(ctx, chosen.title) };
}

/** The element holding the chosen title (for dates near it and removing it from the body). */
function findTitleElement(ctx: ReadableContext, title: string): Element | undefined {
  const key = titleKey(title);
  const sizes = ctx.sizes();
  let best: Element | undefined;
  for (const el of ctx.measured()) {
    const len = sizes.get(el) ?? 0;
    // Only elements about as long as the title can hold exactly it.
    if (len < 2 || Math.abs(len - key.length) > Math.max(8, key.length * 0.2)) continue;
    if (cleanTitleKey(normalizeText(textOf(el))) !== key) continue;
    // The innermost element holding exactly the title.
    if (!best || contains(best, el)) best = el;
  }
  return best;
}

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

/** The content's first line when it is short, emphasised (bold, large) and not a sentence. */
function leadLine(root: Element): string | undefined {
  let first: AnyNode | undefined;
  const find = (el: Element): boolean => {
    for (const c of el.children) {
      if (c.type === ElementType.Text && textData(c).trim()) {
        first = c;
        return true;
      }
      if (isElement(c) && c.type === ElementType.Tag && !SKIP_TAGS.has(c.name) && find(c)) return true;
    }
    return false;
  };
  if (!find(root) || !first) return undefined;
  const line = normalizeText(textData(first));
  if (line.length < 10 || line.length > 200 || /[.;,。；，、]$/.test(line)) return undefined;
  for (let n = parentElement(first as unknown as Element); n && n !== root; n = parentElement(n)) {
    const style = n.attribs.style ?? '';
    if (/^(b|strong|h[1-6])$/.test(n.name)) return line;
    if (n.name === 'font' && Number(n.attribs.size) >= 3) return line;
    if (EMPHASIS_STYLE.test(style)) return line;
    if (PLAIN_WEIGHT_STYLE.test(style)) return undefined;
  }
  return undefined;
}

function firstHeading(root: Element): Element | undefined {
  for (const c of root.children) {
    if (!isElement(c) || c.type !== ElementType.Tag) continue;
    // A date heading above the post is the dateline, not the first heading that can be the title.
    if ((HEADING_TAGS.has(c.name) || TITLE_CLASS.test(classAndId(c))) && !isDateLine(textWithBreaksUpTo(c, MAX_DATE_LINE) ?? '')) return c;
    const inner = firstHeading(c);
    if (inner) return inner;
  }
  return undefined;
}
