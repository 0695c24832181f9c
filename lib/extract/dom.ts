/**
 * Small helpers over the parsed DOM (domhandler nodes), shared by the extractors: walking it
 * directly is much cheaper than going through Cheerio selections for these simple questions.
 */
import { ElementType } from 'domelementtype';
import type { AnyNode, Element } from 'domhandler';

/** An element node: a tag, or a `<script>`/`<style>` (domhandler gives those their own types). */
export function isElement(node: AnyNode): node is Element {
  return node.type === ElementType.Tag || node.type === ElementType.Script || node.type === ElementType.Style;
}

/** The character data of a text (or comment) node. */
export function textData(node: AnyNode): string {
  return (node as unknown as { data: string }).data;
}

export function parentElement(el: Element): Element | undefined {
  const p = el.parent;
  return p && isElement(p) ? p : undefined;
}

/** Every tag element below `root` in document order (scripts and styles left out); iterative. */
export function elementsUnder(root: Element): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n) || n.type !== ElementType.Tag) continue;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

/** The raw text under a node, as a reader sees it: script and style contents left out. */
export function textOf(node: AnyNode): string {
  if (node.type === ElementType.Text) return textData(node);
  if (!isElement(node) || node.type !== ElementType.Tag) return '';
  let out = '';
  for (const c of node.children) out += textOf(c);
  return out;
}

/**
 * The raw text under a node with every `<br>` read as a space, so lines it separates do not run
 * together; script and style contents count too (body content has had them removed already).
 */
export function textWithBreaks(node: AnyNode, limit = Infinity): string {
  // Iterative, and stops once past `limit` characters: callers that only need to know a text is
  // long must not read a 10,000-deep tower of wrappers in full at every level.
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === ElementType.Text) {
      out += textData(n);
      if (out.length > limit) return out;
    } else if (isElement(n)) {
      if (n.name === 'br') out += ' ';
      else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
  return out;
}

/** Characters of `text` other than white space: what `textWithBreaksUpTo` bounds. */
export function nonSpaceLength(text: string): number {
  return text.length - (text.match(/\s/g)?.length ?? 0);
}

/**
 * `textWithBreaks`, or undefined as soon as the text holds more than `maxVisible` characters
 * other than white space: comparing a paragraph with its possible holders must not read a
 * 10,000-deep tower of wrappers in full at every level.
 */
export function textWithBreaksUpTo(node: AnyNode, maxVisible: number): string | undefined {
  let out = '';
  let visible = 0;
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === ElementType.Text) {
      const data = textData(n);
      out += data;
      visible += nonSpaceLength(data);
      if (visible > maxVisible) return undefined;
    } else if (isElement(n)) {
      if (n.name === 'br') out += ' ';
      else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
  return out;
}

/** The text of an element's own text children only (a `<title>`, a `<script>`'s JSON). */
export function ownText(el: Element): string {
  return el.children.map((c) => (c.type === ElementType.Text ? textData(c) : '')).join('');
}

/** Takes a node out of the tree, keeping its siblings' links right; a no-op when already detached. */
export function detach(node: AnyNode): void {
  const parent = node.parent;
  if (!parent) return;
  const i = parent.children.indexOf(node);
  if (i >= 0) parent.children.splice(i, 1);
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = node.prev = node.next = null;
}

/**
 * Takes every sibling after the node out of the tree, at once: one at a time, each removal
 * would search and shift the parent's children, quadratic in a long tail.
 */
export function detachFollowing(node: AnyNode): void {
  const parent = node.parent;
  if (!parent) return;
  const i = parent.children.indexOf(node);
  if (i < 0) return;
  for (const gone of parent.children.splice(i + 1)) gone.parent = gone.prev = gone.next = null;
  node.next = null;
}

/** Elements whose start and end separate paragraphs. */
export const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'aside', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption',
  'blockquote', 'figure', 'figcaption', 'pre', 'address', 'center', 'hr', 'iframe', 'video', 'audio',
]);

/** Whether some element below `el` satisfies `pred`. */
export function hasDescendant(el: Element, pred: (d: Element) => boolean): boolean {
  for (const c of el.children) {
    if (isElement(c) && (pred(c) || hasDescendant(c, pred))) return true;
  }
  return false;
}

/** Lazy-loading scripts keep a picture's real address in these while `src` is a placeholder. */
export const LAZY_PICTURE_ATTRS = ['data-src', 'data-original', 'data-lazy-src'] as const;
