import { ElementType } from 'domelementtype';
import type { Element } from 'domhandler';
import { isElement, parentElement, textData } from '../dom.ts';
import { TUNING } from './tuning.ts';

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

/**
 * How many Latin characters one character of a script written without spaces between words is
 * worth as text: a Chinese word is one or two ideographs where an English or Vietnamese one is
 * five or six letters and a space, so a full sentence of twelve ideographs is no short line.
 * Han ideographs and Japanese kana count so; other scripts count one per character.
 */
function denseWeight(c: number): number {
  return isDense(c) ? TUNING.denseScriptWeight : 1;
}

/** A Han ideograph or a kana. */
function isDense(c: number): boolean {
  // Everything below U+3040 (Latin, Vietnamese, Cyrillic, Arabic, Thai, CJK punctuation …) is not.
  if (c < 0x3040) return false;
  return c <= 0x30ff || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

/** Two letters in a row: a word, not a figure ("$915", "’17"), a separator ("|", "·") or a sign. */
export const HAS_WORD = /\p{L}\p{L}/u;

/**
 * At least how many words a text holds: its space-separated words, where a run of ideographs or
 * kana (Chinese and Japanese write no spaces between words) counts one word per four characters.
 * Their words have one to three characters, so the count is low on purpose: a four-character
 * label ("最新评论", "相关阅读") is one word, as "Comments" is, while a headline has several.
 */
export function wordCount(s: string): number {
  let words = 0;
  let run = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      words++;
      inWord = true;
      run = 0;
    }
    if (!isDense(c)) run = 0;
    // The fifth, ninth … character of a run of ideographs or kana starts another word.
    else if (++run % 4 === 1 && run > 1) words++;
  }
  return words;
}

/** `visibleLength` with the characters of dense scripts weighted (see `denseWeight`): the length of a text as prose. */
export function proseLength(s: string): number {
  const scan: TextScan = { commas: 0 };
  return proseLengthAndCommas(s, scan);
}

/** Counts a scan gives besides the length it returns. */
export interface TextScan {
  commas: number;
}

/**
 * `proseLength` and the count of commas and semicolons in one scan (into `scan.commas`): the
 * paragraph walk needs both for every text node. A sentence-rich paragraph has many; counted are
 * the Latin, CJK and Arabic ones: `,` `;` U+060C `،`, U+3001 `、`, U+FF0C `，`, U+FF1B `；`.
 */
export function proseLengthAndCommas(s: string, scan: TextScan): number {
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
    space = false;
    if (c < 0x3040) n++;
    else n += denseWeight(c);
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
