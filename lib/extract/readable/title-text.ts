/** String work on titles: separator cuts, site names, comparison keys. */
import { wordCount } from './text.ts';
import { TUNING } from './tuning.ts';

/**
 * Separators between an article title and the site name in `<title>` and og:title. Chinese and
 * Japanese titles, written without spaces, use an underscore or a full-width bar beside an
 * ideograph or kana ("标题_频道_网站").
 */
const TITLE_SEPARATORS = / \| | - | – | — | :: | » | « | · | \/\/ |(?<=[\u3040-\u30ff\u3400-\u9fff]) ?[_｜] ?| ?[_｜] ?(?=[\u3040-\u30ff\u3400-\u9fff])/g;

/**
 * Cuts for the parts of a title that other sources may name alone: the separators, and a colon
 * after a word ("Blog name: Post title", "Is it spring?: Post title"). A colon is no separator for
 * `siteNameCut`: alone, a `<title>` like "Theme: Metro Style" is one title.
 */
const FRAGMENT_CUTS = new RegExp(`${TITLE_SEPARATORS.source}|(?<=[\\p{L}\\p{N}?!]): `, 'gu');

/** Every part left after cutting leading or trailing separator-delimited parts (the whole string excluded). */
export function titleFragments(full: string): string[] {
  const cuts: Array<{ start: number; end: number }> = [];
  FRAGMENT_CUTS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FRAGMENT_CUTS.exec(full))) cuts.push({ start: m.index, end: m.index + m[0].length });
  // A site name sits within the first or last few separators: every cut of a title made of
  // thousands of separators would be quadratic work for nothing.
  if (cuts.length > 2 * TUNING.titleEndCuts) cuts.splice(TUNING.titleEndCuts, cuts.length - 2 * TUNING.titleEndCuts);
  const out = new Set<string>();
  for (let i = 0; i <= cuts.length; i++) {
    for (let j = i; j <= cuts.length; j++) {
      const from = i === 0 ? 0 : cuts[i - 1].end;
      const to = j === cuts.length ? full.length : cuts[j].start;
      if (to <= from) continue;
      if (i === 0 && j === cuts.length) continue; // the full string itself
      // Only prefixes and suffixes: a site name sits at one end.
      if (i !== 0 && j !== cuts.length) continue;
      const piece = full.slice(from, to).trim();
      if (piece) out.add(piece);
    }
  }
  return [...out];
}

/** `Article title - Site name` (or the other way round): drop the shorter end when the rest has a few words. */
export function siteNameCut(title: string): string {
  TITLE_SEPARATORS.lastIndex = 0;
  const cuts = [...title.matchAll(TITLE_SEPARATORS)];
  if (cuts.length === 0) return title;
  const firstCut = cuts[0];
  const lastCut = cuts[cuts.length - 1];
  const head = title.slice(0, firstCut.index).trim();
  const tail = title.slice(lastCut.index + lastCut[0].length).trim();
  // The title keeps its own inner separators; only one end is the site name.
  const candidate = head.length >= tail.length ? title.slice(0, lastCut.index) : title.slice(firstCut.index + firstCut[0].length);
  return wordCount(candidate) >= 3 ? candidate.trim() : title;
}

/** The comparison key of a title: NFC, single spaces, lower case, quote marks and closing punctuation cut. */
export function titleKey(s: string): string {
  // Plain toLowerCase: Vietnamese has no locale-specific case mappings, and the locale form is slow.
  return cleanTitleKey(s.normalize('NFC').replace(/[\s\u00a0]+/g, ' '));
}

/** One character that ends a title key without belonging to it: whitespace and closing punctuation. */
const TITLE_TAIL = /^[\s.:;,!?…"'“”«»]$/u;

/**
 * Apostrophes and quote marks, typographic or straight: one source of a title writes "Chad’s",
 * another "Chad's" or, dropping it, "Chads".
 */
const QUOTE_MARKS = /['‘’ʼ"“”„]/g;

/** `titleKey` of text that `normalizeText` already made NFC with single spaces: the rest of the work. */
export function cleanTitleKey(s: string): string {
  // The trailing strip as a scan from the end: a `[…]+$` regex tries every position of the string.
  const lower = s.toLowerCase().replace(QUOTE_MARKS, '');
  let end = lower.length;
  while (end > 0 && TITLE_TAIL.test(lower[end - 1])) end--;
  return (end === lower.length ? lower : lower.slice(0, end)).trim();
}
