import type { CheerioAPI } from 'cheerio';
import { ElementType } from 'domelementtype';
import type { Element } from 'domhandler';
import { isElement, textData } from '../dom.ts';
import { namedBodyHolders, SKIP_TAGS } from './names.ts';
import { visibleLength } from './text.ts';

/**
 * What the finders learn of one page, created once per extraction and handed from the content
 * finder to the title finder (as Readability keeps its state on its instance): the `<body>`, and,
 * measured on first use, the text size of every element and the elements in document order.
 * The page is not changed by the finders, so these stay true for the whole extraction.
 */
export interface ReadableContext {
  readonly $: CheerioAPI;
  readonly body: Element | undefined;
  /** Text length of every element, links included, furniture not excluded (to size furniture). */
  sizes(): Map<Element, number>;
  /**
   * The elements `sizes` measured, in document order: tags outside furniture tags. Text inside a
   * script, `<nav>` or `<aside>` has no size, so the title finders never look there.
   */
  measured(): Element[];
  /** The article body the markup names and the elements holding it (see `namedBodyHolders`). */
  namedBodyHolders(): Set<Element>;
}

export function readableContext($: CheerioAPI): ReadableContext {
  const body = bodyOf($);
  let sizes: Map<Element, number> | undefined;
  let measured: Element[] | undefined;
  let holders: Set<Element> | undefined;
  return {
    $,
    body,
    sizes() {
      if (!sizes) {
        sizes = new Map<Element, number>();
        if (body) measure(body, sizes);
      }
      return sizes;
    },
    measured() {
      if (!measured) {
        measured = [];
        if (body) collectMeasured(body, measured);
      }
      return measured;
    },
    namedBodyHolders() {
      holders ??= body ? namedBodyHolders(this.measured(), body) : new Set();
      return holders;
    },
  };
}

/** Text length of every element under `root` into `into`, links included, furniture tags left out; root's length. */
export function measure(root: Element, into: Map<Element, number>): number {
  let total = 0;
  for (const c of root.children) {
    if (c.type === ElementType.Text) total += visibleLength(textData(c));
    else if (isElement(c) && c.type === ElementType.Tag && !SKIP_TAGS.has(c.name)) total += measure(c, into);
  }
  into.set(root, total);
  return total;
}

function collectMeasured(root: Element, into: Element[]): void {
  for (const c of root.children) {
    if (!isElement(c) || c.type !== ElementType.Tag || SKIP_TAGS.has(c.name)) continue;
    into.push(c);
    collectMeasured(c, into);
  }
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
  const deep = $('body').get(0);
  // Fragments without <body>: the <html> element, or the document itself.
  return deep ?? html ?? root;
}
