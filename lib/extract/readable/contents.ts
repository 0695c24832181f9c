import { ElementType } from 'domelementtype';
import type { Element } from 'domhandler';
import { isElement, parentElement } from '../dom.ts';
import { HEADING_TAGS } from './names.ts';

/**
 * A table of contents inside the article: a box whose links all lead to places in the page itself
 * (`#section`), two at least, most of them to a heading of the article (the heading, a part of
 * it, or a section it opens). Menus and lists of other stories lead to other pages; tabs lead to
 * panels that open with no heading.
 */
export function isContents(el: Element, root: Element): boolean {
  const links = inPageLinks(el, []);
  if (!links || links.length < 2) return false;
  const places = anchorsOf(root);
  let headed = 0;
  for (const href of links) {
    const target = places.get(href);
    if (target && opensHeading(target)) headed++;
  }
  return headed * 2 >= links.length;
}

/**
 * A tab widget: a box whose list of in-page links (two at least) leads to panels inside the same
 * box, within a couple of levels, fewer than half of them opening a heading. The panels are what
 * the tabs switch between (fact sheets, other stories), furniture beside the article; a table of
 * contents leads to the article's headings instead (see isContents). A box holding only such a
 * widget and headings (the widget's title) is the widget too, up to TITLED_LEVELS levels.
 */
export function isTabBox(el: Element, root: Element, levels = TITLED_LEVELS): boolean {
  let only: Element | undefined;
  let others = 0;
  for (const c of el.children) {
    if (!isElement(c) || c.type !== ElementType.Tag) continue;
    if (c.name === 'ul' || c.name === 'ol') {
      const links = inPageLinks(c, []);
      if (links && links.length >= 2 && leadToPanels(links, c, el, root)) return true;
    }
    if (!HEADING_TAGS.has(c.name)) {
      only = c;
      others++;
    }
  }
  return levels > 0 && others === 1 && !!only && isTabBox(only, root, levels - 1);
}

/** Levels of boxes holding a tab widget and its title looked through. */
const TITLED_LEVELS = 2;

/** Levels between a tab box and one of its panels. */
const PANEL_DEPTH = 3;

function leadToPanels(links: string[], list: Element, box: Element, root: Element): boolean {
  const places = anchorsOf(root);
  let headed = 0;
  for (const href of links) {
    const target = places.get(href);
    if (!target || !panelOf(target, list, box)) return false;
    if (opensHeading(target)) headed++;
  }
  return headed * 2 < links.length;
}

/** Whether the target sits under the box within PANEL_DEPTH levels, outside the list of tabs. */
function panelOf(target: Element, list: Element, box: Element): boolean {
  let n: Element | undefined = target;
  for (let depth = 0; n && depth < PANEL_DEPTH; depth++) {
    const parent = parentElement(n);
    if (parent === box) return n !== list;
    n = parent;
  }
  return false;
}

/** The fragments the links under the element lead to, or undefined as soon as one leads out of the page. */
function inPageLinks(el: Element, into: string[]): string[] | undefined {
  for (const c of el.children) {
    if (!isElement(c) || c.type !== ElementType.Tag) continue;
    if (c.name === 'a' && c.attribs.href !== undefined) {
      const href = c.attribs.href.trim();
      if (href.length < 2 || href[0] !== '#') return undefined;
      into.push(decodeFragment(href.slice(1)));
    } else if (!inPageLinks(c, into)) return undefined;
  }
  return into;
}

function decodeFragment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The elements under the root by id (and by `name`, old-style anchors), found in one walk and kept per root. */
const ANCHORS = new WeakMap<Element, Map<string, Element>>();

function anchorsOf(root: Element): Map<string, Element> {
  let map = ANCHORS.get(root);
  if (map) return map;
  const found = new Map<string, Element>();
  const walk = (el: Element) => {
    for (const c of el.children) {
      if (!isElement(c) || c.type !== ElementType.Tag) continue;
      const key = c.attribs.id ?? (c.name === 'a' ? c.attribs.name : undefined);
      if (key && !found.has(key)) found.set(key, c);
      walk(c);
    }
  };
  walk(root);
  map = found;
  ANCHORS.set(root, map);
  return map;
}

/** A heading, a part of one, the section a heading opens, or an anchor set right before one. */
function opensHeading(el: Element): boolean {
  if (HEADING_TAGS.has(el.name)) return true;
  const parent = parentElement(el);
  if (parent && HEADING_TAGS.has(parent.name)) return true;
  const first = el.children.find(isElement);
  if (first && HEADING_TAGS.has(first.name)) return true;
  let next = el.next;
  while (next && !isElement(next)) next = next.next;
  return !!next && isElement(next) && HEADING_TAGS.has(next.name);
}
