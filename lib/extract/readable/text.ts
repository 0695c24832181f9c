import { ElementType } from 'domelementtype';
import type { Element } from 'domhandler';
import { isElement, parentElement, textData } from '../dom.ts';

/** Whether a character code is whitespace as a reader sees it (ASCII spaces, nbsp, zero-width space). */
function isSpace(c: number): boolean {
  // Most characters are above the ASCII spaces: one comparison sends them to the short test.
  return c <= 32 ? c === 32 || c === 10 || c === 9 || c === 13 || c === 12 : c === 160 || c === 0x200b;
}

/** Collapsed-whitespace length of a text node, without allocating a copy for plain text. */
export function visibleLength(s: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < s.length; i++) {
    if (isSpace(s.charCodeAt(i))) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return n;
}

/** Counts a scan gives besides the length it returns. */
export interface TextScan {
  commas: number;
}

/**
 * `visibleLength` and the count of commas and semicolons in one scan (into `scan.commas`): the
 * paragraph walk needs both for every text node. A sentence-rich paragraph has many; counted are
 * the Latin, CJK and Arabic ones: `,` `;` U+060C `،`, U+3001 `、`, U+FF0C `，`, U+FF1B `；`.
 */
export function visibleLengthAndCommas(s: string, scan: TextScan): number {
  let n = 0;
  let commas = 0;
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      if (!space) n++;
      space = true;
      continue;
    }
    n++;
    space = false;
    if (c === 44 || c === 59 || (c >= 0x60c && (c === 0x60c || c === 0x3001 || c === 0xff0c || c === 0xff1b))) commas++;
  }
  scan.commas = commas;
  return n;
}

/** Visible text length under an element, everything included. */
export function textLength(el: Element): number {
  let n = 0;
  for (const c of el.children) {
    if (c.type === ElementType.Text) n += visibleLength(textData(c));
    else if (isElement(c) && c.type === ElementType.Tag) n += textLength(c);
  }
  return n;
}

/** Visible text length inside links (`<a href>`) under an element. */
export function linkLength(el: Element): number {
  let n = 0;
  for (const c of el.children) {
    if (!isElement(c) || c.type !== ElementType.Tag) continue;
    if (c.name === 'a' && c.attribs.href) n += textLength(c);
    else n += linkLength(c);
  }
  return n;
}

export function contains(ancestor: Element, node: Element): boolean {
  let n: Element | undefined = node;
  while (n) {
    if (n === ancestor) return true;
    n = parentElement(n);
  }
  return false;
}
