import type { Cheerio, CheerioAPI } from 'cheerio';
import { ElementType } from 'domelementtype';
import type { AnyNode, Element } from 'domhandler';
import { normalizeText } from '../../text/index.ts';
import { isToggleLabel } from '../body.ts';
import { isElement, parentElement, textData, textWithBreaksUpTo } from '../dom.ts';
import { analyse, linkDensity, type Analysis } from './analysis.ts';
import { readableContext, type ReadableContext } from './context.ts';
import { isThreadNamed } from './thread.ts';
import { classAndId, classWeight, HEADING_TAGS, holdsAll, isUnlikely, namedLikeFurniture, namesArticleBody, PARAGRAPH_TAGS, STANDFIRST, tagWeight } from './names.ts';
import { contains } from './text.ts';
import { TUNING } from './tuning.ts';

/**
 * Scores of candidate blocks after the paragraphs voted, adjusted by link density. A good class
 * name can at most double what the text gave: names break ties between blocks of text, they do
 * not make a two-line widget called "content" outrank the article.
 */
function scoreCandidates(a: Analysis): Map<Element, number> {
  const votes = new Map<Element, number>();
  for (const p of a.paragraphs) {
    // A run of links ("kudos" lists, tag lines) is no prose, however many commas separate them:
    // it votes less the more of it is links, and not at all when links are most of it.
    const linkShare = p.link / p.text;
    if (linkShare > TUNING.linkListDensity) continue;
    const score = (1 + p.commas + Math.min(Math.floor(p.text / TUNING.charsPerPoint), TUNING.maxLengthPoints)) * (1 - linkShare);
    let target: Element | undefined = p.block;
    if (PARAGRAPH_TAGS.has(p.block.name)) target = parentElement(p.block);
    for (let level = 0; target && level < TUNING.voteLevels; level++) {
      // An inline element around blocks (`<span>` holding `<p>`s) is no box: the walk measured
      // blocks only, so the block holding it takes its votes.
      while (target && !a.stats.has(target)) target = parentElement(target);
      // The document itself (a fragment without <body>) is no candidate.
      if (!target || target.name === 'html' || target.type !== ElementType.Tag) break;
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

function pickTop(scored: Map<Element, number>, stats: Analysis['stats'], body: Element): { top: Element; score: number } | undefined {
  const ranked = [...scored.entries()].sort((x, y) => y[1] - x[1]);
  if (ranked.length === 0) return undefined;
  let [top, topScore] = ranked[0];

  // Several near-equal candidates under one ancestor: the article is split into blocks
  // (paragraph groups, image-separated sections), so the ancestor is the article.
  const alternatives = ranked
    .slice(1, 1 + TUNING.runnersUp)
    .filter(([, s]) => s / topScore >= TUNING.nearEqualShare)
    .map(([el]) => el);
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
    if (ps < last / TUNING.climbStopDivisor) break;
    if (ps > own) {
      top = parent;
      topScore = ps;
      break;
    }
    last = ps;
    parent = parentElement(parent);
  }

  // A lone child has nothing its parent would not have; an inline parent is no box (see
  // scoreCandidates) and is passed over.
  let p = parentElement(top);
  while (p && p !== body && p.name !== 'html' && p.children.filter(isElement).length === 1) {
    if (stats.has(p)) top = p;
    p = parentElement(p);
  }
  return { top, score: scored.get(top) ?? topScore };
}

/** Siblings of the top block that belong to the article: well scored, or text-rich with few links. */
function mergeSiblings(a: Analysis, mass: Map<Element, number>, scored: Map<Element, number>, top: Element, topScore: number, body: Element): Element[] {
  const parent = parentElement(top);
  if (!parent) return [top];
  const threshold = Math.max(TUNING.siblingMinScore, topScore * TUNING.siblingShare);
  const topClass = firstClass(top);
  const joins = (sib: AnyNode): sib is Element => {
    if (!isElement(sib) || sib.type !== ElementType.Tag) return false;
    if (sib === top) return true;
    // Headings and the standfirst next to the body are the title and summary fields, not body.
    if (a.skipped.has(sib) || isUnlikely(sib) || HEADING_TAGS.has(sib.name) || isStandfirstBox(sib)) return false;
    let bonus = 0;
    if (topClass && firstClass(sib) === topClass) bonus += topScore * TUNING.sameClassBonus;
    const s = scored.get(sib);
    if (s !== undefined && s + bonus >= threshold) return true;
    const st = a.stats.get(sib);
    if (!st || st.text <= TUNING.siblingParagraphChars || linkDensity(a.stats, sib) >= TUNING.siblingParagraphLinkDensity) return false;
    // A paragraph, or a block made mostly of paragraphs: the article goes on past an ad, a
    // figure or a pull quote that split it into blocks.
    return sib.name === 'p' || (mass.get(sib) ?? 0) >= st.text * TUNING.siblingProseShare;
  };
  const own = parent.children.filter(joins);
  // The article cut into wrappers of one kind (a part of the story and a box of other stories in
  // each): the blocks of the parent's like siblings join as the top's own siblings do.
  const kind = firstClass(parent);
  const grand = parentElement(parent);
  if (!kind || !grand || parent === body) return own;
  const out: Element[] = [];
  for (const w of grand.children) {
    if (w === parent) out.push(...own);
    else if (isElement(w) && w.name === parent.name && firstClass(w) === kind && !a.skipped.has(w)) out.push(...w.children.filter(joins));
  }
  return out;
}

/** A standfirst, or a wrapper whose only element is one (`<div class="clearfix"><div class="hometext">`). */
function isStandfirstBox(el: Element): boolean {
  for (let n: Element | undefined = el; n; ) {
    if (STANDFIRST.test(classAndId(n))) return true;
    const kids: Element[] = n.children.filter(isElement);
    n = kids.length === 1 && n.children.every((c) => isElement(c) || !textData(c).trim()) ? kids[0] : undefined;
  }
  return false;
}

/**
 * The best block may be one part of an article cut into steps, sections or boxes a few levels
 * up: climb while an ancestor holds much more prose (voting paragraphs) than the block and is
 * itself mostly prose with few links.
 */
function climbToProse(a: Analysis, mass: Map<Element, number>, top: Element, body: Element): Element {
  let best = top;
  let p = parentElement(top);
  for (let level = 0; p && p !== body && p.name !== 'html' && level < TUNING.proseClimbLevels; level++, p = parentElement(p)) {
    const text = a.stats.get(p)?.text ?? 0;
    const prose = mass.get(p) ?? 0;
    if (prose < (mass.get(best) ?? 0) * TUNING.proseClimbGain) continue;
    if (prose < text * TUNING.siblingProseShare || linkDensity(a.stats, p) >= TUNING.proseClimbLinkDensity) break;
    best = p;
  }
  return best;
}

/** Characters of a child read to tell a button's label: longer is no button. */
const TOGGLE_READ = 120;

/**
 * The box around the block when the box holds nothing else but the button that opens it ("Show
 * full PR text" above a press release): the article goes on around the box, and its siblings are
 * the ones to join.
 */
function outOfCollapsedBox(top: Element, body: Element): Element {
  const box = parentElement(top);
  if (!box || box === body || box.name === 'html') return top;
  let toggles = 0;
  for (const c of box.children) {
    if (c === top) continue;
    if (c.type === ElementType.Text) {
      if (textData(c).trim()) return top;
    } else if (isElement(c) && c.type === ElementType.Tag) {
      const raw = textWithBreaksUpTo(c, TOGGLE_READ);
      if (raw === undefined) return top;
      const t = normalizeText(raw);
      if (!t) continue;
      if (!isToggleLabel(t)) return top;
      toggles++;
    }
  }
  return toggles ? box : top;
}

/**
 * A best block inside a box of readers' comments whose container holds article text of its own
 * beside the box: the thread outweighed a short post. The container is the article; the tail cut
 * takes the thread out of it (tail.ts).
 */
function outOfThread(mass: Map<Element, number>, top: Element, body: Element): Element {
  let thread: Element | undefined;
  for (let n: Element | undefined = top; n && n !== body; n = parentElement(n)) if (isThreadNamed(n)) thread = n;
  const holder = thread && parentElement(thread);
  if (!thread || !holder || holder === body) return top;
  return (mass.get(holder) ?? 0) - (mass.get(thread) ?? 0) >= TUNING.commentsMinArticle ? holder : top;
}

/**
 * The block's parent when it holds prose of its own, loose text beside the block rather than in
 * a child block: an intro written straight into the post's `<div>` above a quoted letter or a
 * table belongs to the same article. The parent must itself be mostly prose with few links.
 */
function adoptLooseText(a: Analysis, mass: Map<Element, number>, top: Element, body: Element): Element {
  const parent = parentElement(top);
  if (!parent || parent === body || parent.name === 'html') return top;
  let loose = 0;
  for (const p of a.paragraphs) if (p.block === parent) loose += p.text - p.link;
  if (loose < TUNING.siblingParagraphChars) return top;
  const text = a.stats.get(parent)?.text ?? 0;
  const prose = mass.get(parent) ?? 0;
  if (prose < text * TUNING.siblingProseShare || linkDensity(a.stats, parent) >= TUNING.proseClimbLinkDensity) return top;
  return parent;
}

/**
 * A quotation is quoted by something: when the best block is a `<blockquote>`, the article is the
 * block that holds it with the lines that introduce and follow it (too short to vote themselves),
 * unless that block is mostly links.
 */
function beyondQuotation(a: Analysis, top: Element, body: Element): Element {
  if (top.name !== 'blockquote') return top;
  const parent = parentElement(top);
  if (!parent || parent === body || parent.name === 'html') return top;
  return linkDensity(a.stats, parent) < TUNING.siblingParagraphLinkDensity ? parent : top;
}

/** The first class name: blocks of one kind share it while modifiers ("version-2") differ. */
function firstClass(el: Element): string {
  const c = el.attribs.class;
  return c ? (c.trim().split(/\s+/, 1)[0] ?? '') : '';
}

/** Characters of voting paragraphs under each element below `root` (the paragraphs' blocks and their ancestors). */
function paragraphMass(a: Analysis, root: Element): Map<Element, number> {
  const mass = new Map<Element, number>();
  for (const p of a.paragraphs) {
    for (let n: Element | undefined = p.block; n && n !== root; n = parentElement(n)) mass.set(n, (mass.get(n) ?? 0) + p.text);
  }
  return mass;
}

function fallback($: CheerioAPI): Cheerio<AnyNode> | undefined {
  for (const sel of ['[itemprop="articleBody"]', 'article', '[role="main"]', 'main']) {
    const found = $(sel).filter((_, el) => normalizeText($(el).text()).length >= TUNING.minParagraph);
    if (found.length) return found.first();
  }
  return undefined;
}

/** Where the article sits: the best block and, in document order, the siblings that join it. */
export interface MainContent {
  top: Element;
  parts: Element[];
}

/**
 * Locates the article in the page without changing it; undefined when no block holds article-like
 * text. Pass the extraction's context to share its measurements with the title finder.
 */
export function locateMainContent($: CheerioAPI, ctx: ReadableContext = readableContext($)): MainContent | undefined {
  const body = ctx.body;
  if (!body || !Array.isArray(body.children)) return undefined;
  // As Readability does, look again without skipping boxes by name when nothing was found, since
  // an article can sit in one named like furniture ("widget Blog"); and when the answer is short
  // and itself sits in such a box (an ad note in a "widget Text", let in by its "Text"): it is no
  // better than what the names hid. The second answer is kept only when it holds several times
  // more: beside a short post outside such boxes, the longer text in one is comments or a sidebar.
  const first = locateIn(body, ctx, true);
  if (first && !(textSize(ctx, first) < TUNING.shortArticle && inNamedFurniture(first.top, body))) return first;
  const second = locateIn(body, ctx, false);
  if (!first) return second ?? fallbackContent($);
  return second && textSize(ctx, second) > textSize(ctx, first) * TUNING.secondLookGain ? second : first;
}

/** Text length of the content's parts. */
function textSize(ctx: ReadableContext, m: MainContent): number {
  const sizes = ctx.sizes();
  let n = 0;
  for (const p of m.parts) n += sizes.get(p) ?? 0;
  return n;
}

/** Whether the element or a box holding it is named like furniture, rescued or not. */
function inNamedFurniture(el: Element, body: Element): boolean {
  for (let n: Element | undefined = el; n && n !== body; n = parentElement(n)) if (namedLikeFurniture(n)) return true;
  return false;
}

function locateIn(body: Element, ctx: ReadableContext, byName: boolean): MainContent | undefined {
  const a = analyse(body, ctx.sizes(), byName, ctx.namedBodyHolders());
  const scored = scoreCandidates(a);
  const best = pickTop(scored, a.stats, body);
  if (!best || (a.stats.get(best.top)?.text ?? 0) < TUNING.minParagraph) return undefined;
  const mass = paragraphMass(a, body);
  let top = beyondQuotation(a, adoptLooseText(a, mass, climbToProse(a, mass, outOfCollapsedBox(outOfThread(mass, best.top, body), body), body), body), body);
  let score = top === best.top ? best.score : (scored.get(top) ?? best.score);
  const named = namedBody(a);
  if (named && !contains(named, top) && !contains(top, named)) {
    // Text alone chose a block outside the one the markup names the body: the body wins while it
    // holds a fair share of that block's text (a digest whose lines are links votes little).
    if ((a.stats.get(named)?.text ?? 0) >= (a.stats.get(top)?.text ?? 0) * TUNING.namedBodyShare) {
      top = named;
      score = scored.get(named) ?? 0;
    }
  }
  return { top, parts: mergeSiblings(a, mass, scored, top, score, body) };
}

/**
 * The one block the page's markup names the article body (`itemprop="articleBody"`, hAtom's
 * `entry-content`), outermost of its kind; none when several are named so (a listing of posts).
 */
function namedBody(a: Analysis): Element | undefined {
  const found: Element[] = [];
  for (const el of a.stats.keys()) {
    if (namesArticleBody(el)) found.push(el);
  }
  // The walk measured blocks after what they hold, so the outermost comes last.
  const outer = found[found.length - 1];
  return outer && holdsAll(outer, found) ? outer : undefined;
}

function fallbackContent($: CheerioAPI): MainContent | undefined {
  const el = fallback($)?.get(0) as Element | undefined;
  return el ? { top: el, parts: [el] } : undefined;
}
