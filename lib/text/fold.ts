/**
 * Keys for comparing Vietnamese text: `searchKey` ignores every diacritic (for search),
 * `toneKey` only ignores where the tone mark sits (for ward names: `Thùy` = `Thuỳ`, but
 * `Thành` ≠ `Thanh`).
 */
import { normalizeText } from './normalize.ts';

/** The five tone marks as combining characters: grave, acute, tilde, hook above, dot below. */
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;
/** Marks that make a different vowel (circumflex, breve, horn); they are never moved. */
const VOWEL_MARK = /[\u0302\u0306\u031B]/;
const VOWELS = 'aeiouy';
/** Two-vowel nuclei whose tone sits on the second vowel in the new orthography (hoà, khoẻ, thuỳ). */
const SECOND_VOWEL_PAIRS = new Set(['oa', 'oe', 'uy']);

interface Grapheme {
  base: string;
  marks: string; // vowel marks only; the tone is held apart
}

/**
 * Moves the tone mark of one lower-case word to one canonical place (the new orthography).
 * A word with no tone, or with more than one (not Vietnamese), is returned unchanged.
 */
function placeTone(word: string): string {
  const nfd = word.normalize('NFD');
  const graphemes: Grapheme[] = [];
  let tone = '';
  let tones = 0;
  for (const ch of nfd) {
    if (TONE.test(ch)) {
      tone = ch;
      tones++;
    } else if (/\p{M}/u.test(ch) && graphemes.length > 0) {
      graphemes[graphemes.length - 1].marks += ch;
    } else {
      graphemes.push({ base: ch, marks: '' });
    }
  }
  if (tones !== 1) return word.normalize('NFC');

  const isVowel = (g: Grapheme | undefined) => g !== undefined && VOWELS.includes(g.base);
  // "qu" and "gi" (before another vowel) are consonants: quý, già, giữ.
  let start = 0;
  if (graphemes[0]?.base === 'q' && graphemes[1]?.base === 'u') start = 2;
  else if (graphemes[0]?.base === 'g' && graphemes[1]?.base === 'i' && graphemes[1].marks === '' && isVowel(graphemes[2])) start = 2;
  while (start < graphemes.length && !isVowel(graphemes[start])) start++;
  let end = start;
  while (end < graphemes.length && isVowel(graphemes[end])) end++;
  if (start >= end) {
    // No vowel after the initial consonants (e.g. "gì" seen as g+i, or a stray mark): leave it.
    return word.normalize('NFC');
  }
  const nucleus = graphemes.slice(start, end);
  const hasFinal = end < graphemes.length;
  let at: number;
  const marked = nucleus.map((g, i) => (VOWEL_MARK.test(g.marks) ? i : -1)).filter((i) => i >= 0);
  if (marked.length > 0) at = marked[marked.length - 1];
  else if (nucleus.length === 1) at = 0;
  else if (hasFinal) at = nucleus.length - 1;
  else if (nucleus.length >= 3) at = 1;
  else at = SECOND_VOWEL_PAIRS.has(nucleus[0].base + nucleus[1].base) ? 1 : 0;
  nucleus[at].marks += tone;
  return graphemes.map((g) => g.base + g.marks).join('').normalize('NFC');
}

/** Words repeat a lot in Vietnamese text (syllables); placing a tone is worth remembering. */
const placed = new Map<string, string>();
const PLACED_MAX = 50_000;

function placeToneCached(word: string): string {
  let key = placed.get(word);
  if (key === undefined) {
    key = placeTone(word);
    if (placed.size >= PLACED_MAX) placed.clear();
    placed.set(word, key);
  }
  return key;
}

/** Case-folded NFC text with tone marks in one canonical place; other diacritics and punctuation kept. */
export function toneKey(s: string): string {
  return normalizeText(s)
    .toLowerCase()
    .replace(/[\p{L}\p{M}]+/gu, placeToneCached);
}

/** Folds one character to its bare lower-case letter (đ → d); used where lengths must not change. */
export function foldChar(ch: string): string {
  if (ch.length === 1 && ch.charCodeAt(0) < 0x80) return ch.toLowerCase();
  if (ch === 'đ' || ch === 'Đ') return 'd';
  const base = ch.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  return base.length === 1 ? base : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
}

/**
 * Search key: lower case, no diacritics at all, đ → d, punctuation → space, whitespace folded.
 * `Thùy`, `Thuỳ`, `THUY`, `thuy` all give `thuy`.
 */
export function searchKey(s: string): string {
  return normalizeText(s)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** URL slug: `Phường Thượng Thanh` → `phuong-thuong-thanh`. */
export function slugify(s: string): string {
  return trimChar(searchKey(s).replace(/[^a-z0-9]+/g, '-'), '-');
}

/**
 * `s` without leading and trailing runs of `ch`: a scan, because `^-+|-+$` retries its trailing
 * run from every position of a long run in the middle (quadratic).
 */
export function trimChar(s: string, ch: string, ends: 'both' | 'end' = 'both'): string {
  let start = 0;
  let end = s.length;
  if (ends === 'both') while (start < end && s[start] === ch) start++;
  while (end > start && s[end - 1] === ch) end--;
  return s.slice(start, end);
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * Whether `needleKey` occurs in `haystackKey` as whole words (both keys made by the same
 * function, `searchKey` or `toneKey`). `thanh` is not found in `thượng thanh`'s neighbour
 * `thanhs`, nor inside `thuong thanhtri`.
 */
export function containsPhrase(haystackKey: string, needleKey: string): boolean {
  return findPhrase(haystackKey, needleKey) >= 0;
}

/** Index of the first whole-word occurrence of `needleKey` in `haystackKey`, or -1. */
export function findPhrase(haystackKey: string, needleKey: string, from = 0): number {
  const needle = needleKey.trim();
  if (needle.length === 0) return -1;
  let i = haystackKey.indexOf(needle, from);
  while (i >= 0) {
    const before = i === 0 ? '' : haystackKey[i - 1];
    const after = haystackKey[i + needle.length] ?? '';
    if (!(before && WORD_CHAR.test(before)) && !(after && WORD_CHAR.test(after))) return i;
    i = haystackKey.indexOf(needle, i + 1);
  }
  return -1;
}
