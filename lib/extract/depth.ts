import { ElementType } from 'domelementtype';
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { isElement, textData } from './dom.ts';

/**
 * Browsers stop nesting at a fixed depth (Chromium: 512) and put deeper elements next to each
 * other instead; doing the same here keeps every tree walk, selector and serialiser bounded on
 * pathological pages (a 10,000-level `<div>` tower would otherwise exhaust the call stack).
 */
export const MAX_DOM_DEPTH = 512;
/** Below this depth, wrappers holding nothing but one element are dissolved (they render nothing). */
export const WRAPPER_DEPTH = 256;

/**
 * Flattens, in place, everything below `maxDepth`: the descendants of an element at that depth
 * become its direct children, in document order, so text order is kept. Iterative, so it cannot
 * overflow the stack itself. Returns whether anything changed.
 */
export function limitDomDepth(root: ParentNode, maxDepth = MAX_DOM_DEPTH, wrapperDepth = Math.min(WRAPPER_DEPTH, maxDepth)): boolean {
  let changed = false;
  const stack: Array<{ node: ParentNode; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    // A tower of wrappers (<div><div><div>…) keeps its content and loses only the tower, so the
    // content keeps its own structure instead of being flattened below.
    if (depth >= wrapperDepth) {
      let only: Element | undefined;
      while ((only = onlyElementChild(node)) && only.children.length > 0) {
        adopt(node, only.children);
        changed = true;
      }
    }
    if (depth >= maxDepth) {
      if (node.children.some((c) => isElement(c) && c.children.length > 0)) {
        flattenChildren(node);
        changed = true;
      }
      continue;
    }
    for (const c of node.children) if (isElement(c) && c.children.length) stack.push({ node: c, depth: depth + 1 });
  }
  return changed;
}

/** The single element child of a node whose other children are blank text, if so. */
function onlyElementChild(node: ParentNode): Element | undefined {
  let found: Element | undefined;
  for (const c of node.children) {
    if (isElement(c)) {
      if (found) return undefined;
      found = c;
    } else if (c.type === ElementType.Text) {
      if (textData(c).trim()) return undefined;
    }
  }
  return found;
}

/** Makes `children` the children of `parent` (replacing what it had). */
function adopt(parent: ParentNode, children: AnyNode[]): void {
  const list = [...children];
  for (let i = 0; i < list.length; i++) {
    list[i].parent = parent;
    list[i].prev = list[i - 1] ?? null;
    list[i].next = list[i + 1] ?? null;
  }
  parent.children = list;
}

/** Every descendant of `parent` becomes its child, in pre-order, each left without children. */
function flattenChildren(parent: ParentNode): void {
  const flat: AnyNode[] = [];
  const pending: AnyNode[] = [...parent.children].reverse();
  while (pending.length) {
    const n = pending.pop()!;
    flat.push(n);
    if (isElement(n) && n.children.length) {
      for (let i = n.children.length - 1; i >= 0; i--) pending.push(n.children[i]);
      n.children = [];
    }
  }
  adopt(parent, flat);
}
