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

/**
 * Words of a dateline in the languages the extractor meets: months and weekdays (whole and
 * abbreviated), times and zones, and the labels that open such a line ("Posted", "Updated").
 */
const DATE_WORDS = new Set(
  (
    'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun ' +
    'janvier février mars avril mai juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    'januar februar märz juni juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag ' +
    'enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre lunes martes miércoles jueves viernes sábado domingo ' +
    'gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre lunedì martedì mercoledì giovedì venerdì sabato ' +
    'janeiro fevereiro março maio junho julho setembro outubro novembro dezembro segunda terça quarta quinta sexta feira ' +
    'thứ hai ba tư năm sáu bảy chủ nhật ngày tháng lúc giờ phút 年 月 日 时 時 分 ' +
    'am pm a p m h at on the of de del du le la der den um à às el alle ' +
    'gmt utc et est edt ct cst cdt pt pst pdt cet cest bst ict aest ' +
    'posted published updated last modified đăng cập'
  ).split(' '),
);

/** Longest line read as a dateline, characters. */
export const MAX_DATE_LINE = 80;
const YEAR = /(?<!\d)\d{4}(?!\d)/;
const DIGIT = /^\d/;

/**
 * Whether a line is only a date, maybe with its weekday, time and label ("Wednesday, September 19,
 * 2012 11:10 AM", "Thứ Hai, 15/09/2025"): a blog's date heading, which is no title.
 */
export function isDateLine(text: string): boolean {
  // Short and holding a year: most titles are turned away before a word is read.
  if (text.length > MAX_DATE_LINE || !YEAR.test(text)) return false;
  for (const [word] of text.toLowerCase().matchAll(/\p{L}+|\d+/gu)) {
    if (!DIGIT.test(word) && !DATE_WORDS.has(word)) return false;
  }
  return true;
}
