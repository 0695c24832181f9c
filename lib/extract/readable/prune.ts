import type { Cheerio } from 'cheerio';
import { ElementType } from 'domelementtype';
import type { AnyNode, Element } from 'domhandler';
import { normalizeText } from '../../text/index.ts';
import { detach, hasDescendant, isElement, ownText, parentElement, textData, textOf } from '../dom.ts';
import { measure } from './context.ts';
import { classAndId, classWeight, DOCUMENT_EXT, INLINE_TAGS, isAnchorId, isControlLabel, isFurnitureInside, isHidden, isUnlikely, PARAGRAPH_TAGS, SKIP_TAGS } from './names.ts';
import { isContents, isTabBox } from './contents.ts';
import { isCrossReference, isGalleryWidget, isLabelCloud, isPlayerBox, isPromptBox, isSkippedBox, isSummaryBox } from './asides.ts';
import { dropEdgeLines, isPrompt, lastTextNode } from './edge.ts';
import { dropLabelledTail, isTailLabel } from './tail.ts';
import { HAS_WORD, linkLength, proseLength, textLength, visibleLength } from './text.ts';
import { TUNING } from './tuning.ts';

/**
 * Removes, inside a chosen content root, what is furniture rather than article: widgets by name,
 * link lists (menus, related news) and empty boxes, then a labelled tail (author bio, related
 * list, comments; see tail.ts). Lists of documents stay: they are attachments. The byline's
 * `author`, when known, tells the author's bio at the end.
 * Works on the given elements in place; pass a copy when the page is still needed.
 */
export function pruneContent(root: Cheerio<AnyNode>, author?: string): void {
  const rootEl = root.get(0) as Element | undefined;
  if (!rootEl || !isElement(rootEl)) return;
  const sizes = new Map<Element, number>();
  const rootText = measure(rootEl, sizes) || 1;
  const drop: Element[] = [];
  // Read only when a phrasing element is about to go by its name: most contents have none.
  let names: Set<string> | undefined;
  const contentNames = () => (names ??= namesOfMostText(rootEl, sizes, rootText));
  // A label in a box named like furniture ("section-header") still marks where a tail starts:
  // it goes after the tail cut has seen it.
  const labels: Element[] = [];
  const visit = (el: Element, inTable: boolean) => {
    for (const c of el.children) {
      if (!isElement(c) || c.type !== ElementType.Tag) continue;
      if (shouldPrune(c, rootEl, sizes, rootText, inTable, contentNames)) (SKIP_TAGS.has(c.name) || isHidden(c) || !isTailLabel(c, sizes) ? drop : labels).push(c);
      else {
        // A heading's anchor ("evolve-shared-mutable-history") names text, not furniture, yet
        // the body's junk selectors match ids by substring; the body keeps no ids anyway. They go
        // after the walk: a table of contents is told by the headings its links lead to.
        if (isAnchorId(c.attribs.id)) anchored.push(c);
        visit(c, inTable || c.name === 'table');
      }
    }
  };
  const anchored: Element[] = [];
  visit(rootEl, rootEl.name === 'table');
  for (const el of anchored) delete el.attribs.id;
  let left = rootText;
  for (const el of drop) {
    left -= sizes.get(el) ?? 0;
    detach(el);
  }
  // Sizes of what stays are still true; a dropped box's ancestors only over-state theirs.
  dropLabelledTail(rootEl, sizes, left);
  for (const el of labels) detach(el);
  // A link line and a line about the post may take turns at the end ("Posted by …", "« Back").
  for (let round = 0; round < 3; round++) {
    dropTrailingLinks(rootEl);
    if (!dropEdgeLines(rootEl, author)) break;
  }
}

/**
 * The furniture names under which, summed over the phrasing elements so named, most of the
 * content's text sits: text pasted with its classes (every paragraph of a Blogger post in
 * `<span class="byline-author">`) is the article, though each piece is small.
 */
function namesOfMostText(root: Element, sizes: Map<Element, number>, rootText: number): Set<string> {
  const total = new Map<string, number>();
  const walk = (el: Element) => {
    for (const c of el.children) {
      if (!isElement(c) || c.type !== ElementType.Tag || SKIP_TAGS.has(c.name)) continue;
      const ci = c.attribs.class !== undefined || c.attribs.id !== undefined ? classAndId(c) : '';
      // The outermost of a name counts; what it holds is counted in it. Only phrasing elements:
      // a gallery's or a thread's boxes can hold most of the text and still be furniture.
      if (ci && INLINE_TAGS.has(c.name) && isUnlikely(c)) total.set(ci, (total.get(ci) ?? 0) + (sizes.get(c) ?? 0));
      else walk(c);
    }
  };
  walk(root);
  const names = new Set<string>();
  for (const [ci, size] of total) if (size >= rootText * TUNING.pruneMaxShare) names.add(ci);
  return names;
}

function shouldPrune(el: Element, root: Element, sizes: Map<Element, number>, rootText: number, inTable: boolean, contentNames: () => Set<string>): boolean {
  const size = sizes.get(el) ?? 0;
  const small = size < rootText * TUNING.pruneMaxShare;
  if (SKIP_TAGS.has(el.name) || isHidden(el) || isControlLabel(el)) return el.name !== 'iframe';
  // Inside a table kept with the article, names are the table's own ("header_cell" is its header
  // row, not the page's header), and a cell of one link names its row: only link lists go there.
  if (!inTable) {
    // A list is never the article's wrapper: one named as furniture goes whatever its size (a
    // gallery's captions can outweigh the story). Words inside a sentence are the sentence's, however
    // their link is named (annotated texts link words to "popup" notes).
    if (isUnlikely(el) && (small || el.name === 'ul' || el.name === 'ol') && !(INLINE_TAGS.has(el.name) && contentNames().has(classAndId(el)))) return !holdsDocuments(el) && !inSentence(el) && !isFormulaBox(el, sizes);
    if (small && isFurnitureInside(el)) return !holdsDocuments(el) && !isFormulaBox(el, sizes);
    if (small && (isLabelCloud(el) || isSkippedBox(el) || isPlayerBox(el, size) || isTabBox(el, root) || isPromptBox(el, sizes) || isSummaryBox(el))) return true;
    if (isGalleryWidget(el, rootText * TUNING.pruneMaxShare)) return true;
    // A block short enough to be one line: a prompt to the reader or a pointer to other articles.
    const line = size > 0 && size <= TUNING.edgeLineChars && !INLINE_TAGS.has(el.name) ? normalizeText(textOf(el)) : undefined;
    if (line && (isPrompt(line) || isCrossReference(el, line))) return true;
  }
  if (!/^(div|section|ul|ol|table|dl|header|form)$/.test(el.name) || !small) return false;
  if (!inTable && classWeight(el) < 0) return !holdsDocuments(el) && !isFormulaBox(el, sizes);
  // Link lists: menus, tag clouds, "other news". A list of documents is the article's attachments;
  // a list with an item of prose (a note above a nested list of links) is looked into instead.
  if (size === 0 || linkLength(el) / size <= TUNING.linkListDensity || (inTable && !hasLinks(el, 2))) return false;
  return !holdsDocuments(el) && !itemOfProse(el) && !itemsOfSentences(el) && !isContents(el, root) && !isDataTable(el) && !isSubList(el);
}

/**
 * A list inside an item of a list the article kept ("In progress:" over the bugs' links): the
 * pruning walk enters only what it keeps, so the outer list is the article's, and so is this.
 */
function isSubList(el: Element): boolean {
  return (el.name === 'ul' || el.name === 'ol') && parentElement(el)?.name === 'li';
}

/**
 * A table of data, told as Readability tells it: header cells, a caption or a head, and no table
 * inside (a layout table nests others). Its links are its data (a lineup's players), not a menu.
 */
function isDataTable(el: Element): boolean {
  if (el.name !== 'table') return false;
  let header = false;
  const nested = hasDescendant(el, (d) => {
    if (d.name === 'th' || d.name === 'thead' || d.name === 'caption') header = true;
    return d.name === 'table';
  });
  return header && !nested;
}

/** Whether the element holds at least `n` links. */
function hasLinks(el: Element, n: number): boolean {
  const count = (e: Element, found: number): number => {
    for (const c of e.children) {
      if (found >= n) break;
      if (!isElement(c) || c.type !== ElementType.Tag) continue;
      found = c.name === 'a' && c.attribs.href ? found + 1 : count(c, found);
    }
    return found;
  };
  return count(el, 0) >= n;
}

/**
 * Whether at least half the list items under the element say something of their own beside their
 * links: a digest whose lines cite its sources ("We released <a>version 2 of the SDK</a>"), not
 * a menu or a list of other articles, whose items are their links.
 */
function itemsOfSentences(el: Element): boolean {
  // A sentence is a paragraph long: "Text by <a>the desk</a>" is a credit line.
  let items = 0;
  let sentences = 0;
  const visit = (n: Element) => {
    for (const c of n.children) {
      if (!isElement(c) || c.type !== ElementType.Tag) continue;
      if (c.name === 'li') {
        items++;
        if (ownWords(c, 0) >= 2 && textLength(c) >= TUNING.minParagraph) sentences++;
      }
      visit(c);
    }
  };
  visit(el);
  return items > 0 && sentences * 2 >= items;
}

/** Words (two letters or more) outside links and nested lists under the element, counted up to 2. */
function ownWords(el: Element, found: number): number {
  for (const c of el.children) {
    if (found >= 2) break;
    if (c.type === ElementType.Text) found += (textData(c).match(WORDS_G) ?? []).length;
    else if (isElement(c) && c.type === ElementType.Tag && c.name !== 'a' && c.name !== 'ul' && c.name !== 'ol' && !SKIP_TAGS.has(c.name)) found = ownWords(c, found);
  }
  return found;
}

const WORDS_G = /\p{L}\p{L}+/gu;

/** An inline element with words of running text right beside it, in the same block. */
function inSentence(el: Element): boolean {
  if (!INLINE_TAGS.has(el.name)) return false;
  const words = (n: AnyNode | null) => !!n && n.type === ElementType.Text && HAS_WORD.test(textData(n));
  return words(el.prev) || words(el.next);
}

/** Whether a child of the element has prose written straight in it (links and nested blocks aside). */
function itemOfProse(el: Element): boolean {
  for (const c of el.children) {
    if (isElement(c) && proseLength(ownText(c)) >= TUNING.siblingParagraphChars) return true;
  }
  return false;
}

/**
 * A formula's box: what it shows is mostly MathML (a renderer's hidden visual copy aside). Such a
 * box is part of its sentence whatever its renderer named it ("MathJax CtxtMenu_Attached").
 */
function isFormulaBox(el: Element, sizes: Map<Element, number>): boolean {
  if (el.name === 'math') return true;
  let formula = 0;
  let other = 0;
  const walk = (n: Element) => {
    for (const c of n.children) {
      if (c.type === ElementType.Text) other += visibleLength(textData(c));
      else if (!isElement(c) || c.type !== ElementType.Tag || SKIP_TAGS.has(c.name) || isHidden(c)) continue;
      else if (c.name === 'math') formula += sizes.get(c) ?? 0;
      else walk(c);
    }
  };
  walk(el);
  return formula > 0 && formula >= other;
}

function holdsDocuments(el: Element): boolean {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (c.name === 'a' && DOCUMENT_EXT.test(c.attribs.href ?? '')) return true;
    if (holdsDocuments(c)) return true;
  }
  return false;
}

/**
 * "« Back", "Top of page", "Next article", "digg this | reddit": short lines made of short links at
 * the very end of the content are navigation. Documents and spelled-out addresses stay (they are
 * content).
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
    if (!link || !isShortLink(link)) return;
    const text = normalizeText(textOf(link));
    // Climb inline wrappers holding nothing else: the line is made of them.
    let holder: Element = link;
    while (true) {
      const p = parentElement(holder);
      if (!p || p === root || (!INLINE_TAGS.has(p.name) && !PARAGRAPH_TAGS.has(p.name) && p.name !== 'div')) break;
      if (normalizeText(textOf(p)) !== text) break;
      holder = p;
    }
    const line = linkLine(holder);
    if (!line) return;
    for (const n of line) detach(n);
  }
}

/** Text between the links of a line of links ("digg this | reddit", "Share · Print"). */
const LINK_SEPARATORS = /^[\s|·•/,–—-]*$/u;

/**
 * The line the last link stands on, when it is made of short links (not documents nor spelled-out
 * addresses) and separators only: the link with the links before it. Undefined when the line holds
 * anything else.
 */
function linkLine(last: Element): AnyNode[] | undefined {
  if (!endsLine(last)) return undefined;
  const line: AnyNode[] = [last];
  for (let n = last.prev; n; n = n.prev) {
    if (n.type === ElementType.Text) {
      if (!LINK_SEPARATORS.test(textData(n))) return undefined;
    } else if (isElement(n)) {
      if (n.name === 'br' || !INLINE_TAGS.has(n.name)) break;
      if (!isShortLink(n)) return undefined;
    }
    line.push(n);
  }
  return line;
}

/** A link (or an inline wrapper of one) short enough to be navigation, leading to no document. */
function isShortLink(el: Element): boolean {
  const link = el.name === 'a' ? el : el.children.find((c): c is Element => isElement(c) && c.name === 'a');
  if (!link || !link.attribs.href || DOCUMENT_EXT.test(link.attribs.href)) return false;
  const text = normalizeText(textOf(el));
  return text.length <= TUNING.trailingLinkChars && !/^(https?:|www\.)|\.[a-z]{2,4}(\/|$)/i.test(text);
}

/** Whether nothing follows the element on its line: a break, a block or the parent's end comes first. */
function endsLine(el: Element): boolean {
  for (let n = el.next; n; n = n.next) {
    if (n.type === ElementType.Text) {
      if (textData(n).trim()) return false;
      continue;
    }
    if (isElement(n)) return n.name === 'br' || !INLINE_TAGS.has(n.name);
  }
  return true;
}
