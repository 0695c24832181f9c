import { ElementType } from 'domelementtype';
import type { AnyNode, Element } from 'domhandler';
import { isElement, textData } from '../dom.ts';
import { INLINE_TAGS, isHidden, isUnlikely, SKIP_TAGS } from './names.ts';
import { proseLengthAndCommas, type TextScan } from './text.ts';
import { TUNING } from './tuning.ts';

export interface Stats {
  /** Characters of visible text, whitespace collapsed. */
  text: number;
  /** Of which inside links. */
  link: number;
}

export interface Paragraph {
  /** The block holding the text. */
  block: Element;
  text: number;
  /** Of which inside links. */
  link: number;
  commas: number;
}

export interface Analysis {
  stats: Map<Element, Stats>;
  paragraphs: Paragraph[];
  /** Furniture left out of scoring. */
  skipped: Set<Element>;
}

/**
 * One walk over the page: text and link length per element (furniture left out), and the
 * paragraphs with their holding block. Runs of inline text split at blocks and at `<br><br>`, so
 * pages that write paragraphs as line breaks in one `<div>` or `<td>` still give paragraphs.
 * `sizes` are the text sizes of the page's elements (see ReadableContext); `byName` leaves out
 * furniture named so by class or id as well as by tag.
 */
export function analyse(body: Element, sizes: Map<Element, number>, byName = true): Analysis {
  const pageText = sizes.get(body) || 1;
  const stats = new Map<Element, Stats>();
  const paragraphs: Paragraph[] = [];
  const skipped = new Set<Element>();
  const scan: TextScan = { commas: 0 };

  // Furniture is only skipped while it is a small part of the page: a wrapper whose class merely
  // mentions a sidebar ("has-sidebar") but holds most of the text is the layout, not furniture.
  // Without `byName` only tags and hiding make furniture: the second look at a page whose article
  // sits in a box named like furniture (Blogger's "widget Blog").
  const isFurniture = (el: Element) =>
    byName
      ? isUnlikely(el) && (SKIP_TAGS.has(el.name) || isHidden(el) || (sizes.get(el) ?? 0) < pageText * TUNING.furnitureShare)
      : SKIP_TAGS.has(el.name) || isHidden(el);
  // A page header is furniture while small; a <form> is judged by its name only, because
  // ASP.NET pages wrap the whole page, article included, in one.
  const headerLike = (el: Element) => el.name === 'header' && (sizes.get(el) ?? 0) < pageText * TUNING.headerShare;

  const visitBlock = (block: Element): Stats => {
    const s: Stats = { text: 0, link: 0 };
    let runText = 0;
    let runLink = 0;
    let runCommas = 0;
    let brs = 0;
    const flush = () => {
      if (runText >= TUNING.minParagraph) paragraphs.push({ block, text: runText, link: runLink, commas: runCommas });
      runText = 0;
      runLink = 0;
      runCommas = 0;
    };
    const walkInline = (node: AnyNode, inLink: boolean) => {
      if (node.type === ElementType.Text) {
        const len = proseLengthAndCommas(textData(node), scan);
        if (len === 0) return;
        brs = 0;
        s.text += len;
        if (inLink) {
          s.link += len;
          runLink += len;
        }
        runText += len;
        runCommas += scan.commas;
        return;
      }
      if (!isElement(node) || node.type !== ElementType.Tag) return;
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

export function linkDensity(stats: Map<Element, Stats>, el: Element): number {
  const s = stats.get(el);
  if (!s || s.text === 0) return 0;
  return s.link / s.text;
}
