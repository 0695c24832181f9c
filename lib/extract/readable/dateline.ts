/**
 * Datelines: lines that only say when a post was written, and by whom. Neither is a title, and at
 * the edges of the content neither is body text: the date and the author are fields of their own.
 */

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
    'posted published updated last modified đăng cập ' +
    'publié mis jour veröffentlicht aktualisiert publicado actualizado pubblicato aggiornato atualizado gepubliceerd bijgewerkt'
  ).split(' '),
);

/** Longest line read as a dateline, characters. */
export const MAX_DATE_LINE = 80;
/** Longest line read as a byline with its date. */
const MAX_BYLINE_LINE = 160;
const YEAR = /(?<!\d)\d{4}(?!\d)/;
const DIGIT = /^\d/;
const WORDS = /\p{L}+|\d+/gu;

/**
 * Whether a line is only a date, maybe with its weekday, time and label ("Wednesday, September 19,
 * 2012 11:10 AM", "Thứ Hai, 15/09/2025"): a blog's date heading, which is no title.
 */
export function isDateLine(text: string): boolean {
  // Short and holding a year: most titles are turned away before a word is read.
  if (text.length > MAX_DATE_LINE || !YEAR.test(text)) return false;
  for (const [word] of text.toLowerCase().matchAll(WORDS)) {
    if (!DIGIT.test(word) && !DATE_WORDS.has(word)) return false;
  }
  return true;
}

/** The word that opens a byline, and those that join names in one. */
const BY_WORDS = new Set('by par von por di door av af'.split(' '));
const NAME_JOINS = new Set('and et und y e with avec mit con en'.split(' '));
/** Words of one name (initials aside): "Bradley M. Kuhn", "Nancy Atkinson". */
const MAX_NAME_WORDS = 4;
/** Parts of a line such as "Le Monde | 04.05.2015 à 13h36 • Par …". */
const LINE_PARTS = /\s[|•·]\s/u;
/** Words of the outlet's name that may open such a line. */
const MAX_SOURCE_WORDS = 3;

/**
 * Whether a line is a byline with its date and nothing else: "by Nancy Atkinson on November 2,
 * 2012", "Tuesday 15 October 2019 by Bradley M. Kuhn", "Le Monde | 04.05.2015 à 13h36 | Par
 * Martin Untersinger (avec Damien Leloup)". Every word is a date word or part of a name that a
 * "by" word opens; the outlet's name may come first, as a part of its own.
 */
export function isBylineLine(text: string): boolean {
  if (text.length > MAX_BYLINE_LINE || !YEAR.test(text)) return false;
  const parts = text.split(LINE_PARTS);
  let bylines = 0;
  for (let i = 0; i < parts.length; i++) {
    const words = parts[i].toLowerCase().match(WORDS) ?? [];
    if (i === 0 && parts.length > 1 && words.length <= MAX_SOURCE_WORDS && words.every((w) => !DIGIT.test(w))) continue;
    const named = bylineWords(words);
    if (named < 0) return false;
    bylines += named;
  }
  return bylines > 0;
}

/** The bylines a part holds, or -1 if a word is neither a date word nor in a name. */
function bylineWords(words: string[]): number {
  let bylines = 0;
  // Name words still allowed: a "by" word opens a name, a joining word ("and") another.
  let room = 0;
  let named = false;
  for (const w of words) {
    if (BY_WORDS.has(w) && room === 0) {
      room = MAX_NAME_WORDS;
      named = false;
      continue;
    }
    const dated = DIGIT.test(w) || DATE_WORDS.has(w);
    if (room > 0 && named && NAME_JOINS.has(w)) {
      room = MAX_NAME_WORDS;
      named = false;
      continue;
    }
    // An initial ("M.") stays in the name; a date word after the name ends it ("… on May 2").
    if (room > 0 && (!dated || (named && w.length === 1 && !DIGIT.test(w)))) {
      if (!named) bylines++;
      named = true;
      room--;
      continue;
    }
    // "by the end of 2012" opens no name.
    if (room > 0 && !named) return -1;
    room = 0;
    if (!dated) return -1;
  }
  return room > 0 && !named ? -1 : bylines;
}
