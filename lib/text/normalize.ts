/**
 * Cleaning of Vietnamese text as read off web pages: one Unicode form, no invisible characters,
 * plain spaces. Words are never changed (typos stay as written).
 */

/** Zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen: invisible, removed. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
/** Spaces that are not U+0020 (no-break, narrow no-break, figure, the typographic ones, ideographic). */
const ODD_SPACE = /[\u00A0\u202F\u2007\u2000-\u2006\u2008-\u200A\u205F\u3000\t\f\v]/g;

function clean(s: string): string {
  // Invisible characters go first: one between a letter and its mark would block composition.
  return s
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .replace(ODD_SPACE, ' ')
    .replace(/\r\n?|\u2028|\u0085/g, '\n');
}

/**
 * One line of clean text: NFC, invisible characters removed, every run of whitespace (line
 * breaks included) folded to one space, trimmed. Suited to titles, captions, meta lines.
 */
export function normalizeText(s: string): string {
  return clean(s).replace(/\u2029/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Body text: paragraphs separated by blank lines (or U+2029) come out separated by exactly
 * "\n\n", each normalised like `normalizeText`; a single line break inside a paragraph is
 * source wrapping and folds to a space; empty paragraphs are dropped.
 */
export function normalizeParagraphs(s: string): string {
  return clean(s)
    .split(/\u2029|\n[ ]*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0)
    .join('\n\n');
}
