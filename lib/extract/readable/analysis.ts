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
 * furniture named so by class or id as well as by tag, except `holders`, the article body the
 * markup names and the elements holding it.
 */
export function analyse(body: Element, sizes: Map<Element, number>, byName: boolean, holders: Set<Element>): Analysis {
  const walk = new Walk(sizes, sizes.get(body) || 1, byName, holders);
  walk.visitBlock(body);
  return { stats: walk.stats, paragraphs: walk.paragraphs, skipped: walk.skipped };
}

/**
 * The state of `analyse`'s walk. A class rather than closures made per block: the walk visits
 * every element of the page, and a closure per block was a measurable share of extraction.
 */
class Walk {
  readonly stats = new Map<Element, Stats>();
  readonly paragraphs: Paragraph[] = [];
  readonly skipped = new Set<Element>();
  private readonly scan: TextScan = { commas: 0 };
  /** The block being read, its stats so far, and the run of inline text in it. */
  private block!: Element;
  private s!: Stats;
  private runText = 0;
  private runLink = 0;
  private runCommas = 0;
  private brs = 0;

  constructor(
    private readonly sizes: Map<Element, number>,
    private readonly pageText: number,
    private readonly byName: boolean,
    /** The article body the markup names and its holders: never furniture by name. */
    private readonly holders: Set<Element>,
  ) {}

  // Furniture is only skipped while it is a small part of the page: a wrapper whose class merely
  // mentions a sidebar ("has-sidebar") but holds most of the text is the layout, not furniture.
  // Without `byName` only tags and hiding make furniture: the second look at a page whose article
  // sits in a box named like furniture (Blogger's "widget Blog").
  private isFurniture(el: Element): boolean {
    return this.byName
      ? isUnlikely(el) && (SKIP_TAGS.has(el.name) || isHidden(el) || (!this.holders.has(el) && (this.sizes.get(el) ?? 0) < this.pageText * TUNING.furnitureShare))
      : SKIP_TAGS.has(el.name) || isHidden(el);
  }

  // A page header is furniture while small; a <form> is judged by its name only, because
  // ASP.NET pages wrap the whole page, article included, in one.
  private headerLike(el: Element): boolean {
    return el.name === 'header' && (this.sizes.get(el) ?? 0) < this.pageText * TUNING.headerShare;
  }

  visitBlock(block: Element): Stats {
    // A block is entered only between runs (see walkInline), so the run counters are zero here
    // and after it; the enclosing block and its stats are restored on the way out.
    const outerBlock = this.block;
    const outerStats = this.s;
    const s: Stats = { text: 0, link: 0 };
    this.block = block;
    this.s = s;
    this.brs = 0;
    for (const c of block.children) this.walkInline(c, false);
    this.flush();
    this.stats.set(block, s);
    this.block = outerBlock;
    this.s = outerStats;
    this.brs = 0;
    return s;
  }

  private flush(): void {
    if (this.runText >= TUNING.minParagraph) {
      this.paragraphs.push({ block: this.block, text: this.runText, link: this.runLink, commas: this.runCommas });
    }
    this.runText = 0;
    this.runLink = 0;
    this.runCommas = 0;
  }

  private walkInline(node: AnyNode, inLink: boolean): void {
    if (node.type === ElementType.Text) {
      const len = proseLengthAndCommas(textData(node), this.scan);
      if (len === 0) return;
      this.brs = 0;
      this.s.text += len;
      if (inLink) {
        this.s.link += len;
        this.runLink += len;
      }
      this.runText += len;
      this.runCommas += this.scan.commas;
      return;
    }
    if (!isElement(node) || node.type !== ElementType.Tag) return;
    const name = node.name;
    if (name === 'br') {
      if (++this.brs >= 2) this.flush();
      return;
    }
    if (INLINE_TAGS.has(name) || name.includes(':')) {
      if (this.isFurniture(node)) {
        this.skipped.add(node);
        return;
      }
      const link = inLink || (name === 'a' && !!node.attribs.href);
      for (const c of node.children) this.walkInline(c, link);
      return;
    }
    // A block inside the run ends the paragraph.
    this.flush();
    this.brs = 0;
    if (this.isFurniture(node) || this.headerLike(node)) {
      this.skipped.add(node);
      return;
    }
    const cs = this.visitBlock(node);
    this.s.text += cs.text;
    this.s.link += inLink ? cs.text : cs.link;
  }
}

export function linkDensity(stats: Map<Element, Stats>, el: Element): number {
  const s = stats.get(el);
  if (!s || s.text === 0) return 0;
  return s.link / s.text;
}
