/**
 * Cleaning of Vietnamese text as read off web pages: one Unicode form, no invisible characters,
 * plain spaces. Words are never changed (typos stay as written).
 */

/** Zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen: invisible, removed. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const HAS_INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;
/** Spaces that are not U+0020 (no-break, narrow no-break, figure, the typographic ones, ideographic). */
const ODD_SPACE = /[\u00A0\u202F\u2007\u2000-\u2006\u2008-\u200A\u205F\u3000\t\f\v]/g;
const HAS_ODD_SPACE = /[\u00A0\u202F\u2007\u2000-\u2006\u2008-\u200A\u205F\u3000\t\f\v]/;
const LINE_BREAK = /\r\n?|\u2028|\u0085/g;
const HAS_LINE_BREAK = /[\r\u2028\u0085]/;
/**
 * Whitespace that must become one space: a run of two or more, or any single one that is not
 * U+0020 already. Most text has only single plain spaces, so most of it is left untouched
 * (`/\s+/g` would rewrite every space). NEL (U+0085) is not `\s` in JavaScript but is a line break here.
 */
const SPACE_RUN = /[\s\u0085]{2,}|[^\S ]|\u0085/g;

function clean(s: string): string {
  // Invisible characters go first: one between a letter and its mark would block composition.
  // Each replacement runs only when its characters occur: a test is cheaper than a copy.
  let t = HAS_INVISIBLE.test(s) ? s.replace(INVISIBLE, '') : s;
  t = t.normalize('NFC');
  if (HAS_ODD_SPACE.test(t)) t = t.replace(ODD_SPACE, ' ');
  return HAS_LINE_BREAK.test(t) ? t.replace(LINE_BREAK, '\n') : t;
}

/**
 * One line of clean text: NFC, invisible characters removed, every run of whitespace (line
 * breaks included) folded to one space, trimmed. Suited to titles, captions, meta lines.
 */
export function normalizeText(s: string): string {
  // Every character `clean` would map to a space or a line break is folded here in one pass.
  const t = HAS_INVISIBLE.test(s) ? s.replace(INVISIBLE, '') : s;
  return t.normalize('NFC').replace(SPACE_RUN, ' ').trim();
}

/**
 * Body text: paragraphs separated by blank lines (or U+2029) come out separated by exactly
 * "\n\n", each normalised like `normalizeText`; a single line break inside a paragraph is
 * source wrapping and folds to a space; empty paragraphs are dropped.
 */
export function normalizeParagraphs(s: string): string {
  return clean(s)
    .split(/\u2029|\n[ ]*\n/)
    .map((p) => p.replace(SPACE_RUN, ' ').trim())
    .filter((p) => p.length > 0)
    .join('\n\n');
}
