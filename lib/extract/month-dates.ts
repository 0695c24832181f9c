/**
 * Dates that name their month ("November 2, 2012", "Oct. 17th, 2012", "15 October 2019",
 * "4. Mai 2015", "17 de octubre de 2012"), as pages outside Vietnam write them, in seven
 * languages. Read on text folded for matching (lower case, no diacritics). Only the day is taken:
 * such a line's time rarely says its zone, and the project's default zone is Vietnam's.
 */

import type { FoundDate } from './dates.ts';

const MONTHS = new Map<string, number>();
/** Month words per month, folded: English, French, German, Spanish, Italian, Portuguese, Dutch. */
const NAMES = [
  'january jan janvier janv januar enero gennaio janeiro januari',
  'february feb fevrier fevr fev februar febrero febbraio fevereiro februari',
  'march mar mars marz mrz marzo marco maart',
  'april apr avril avr abril aprile',
  'may mai mayo maggio maio mei',
  'june jun juin juni junio giugno junho',
  'july jul juillet juil juli julio luglio julho',
  'august aug aout agosto augustus',
  'september sep sept septembre septiembre setiembre settembre setembro',
  'october oct octobre oktober octubre ottobre outubro',
  'november nov novembre noviembre novembro',
  'december dec decembre dezember diciembre dicembre dezembro',
];
NAMES.forEach((words, i) => {
  for (const w of words.split(' ')) MONTHS.set(w, i + 1);
});

/**
 * "November 2, 2012", "Oct. 17th, 2012", "Nov 7 2012". A word stands for the month and is looked
 * up after the match (`monthOf`), which keeps the pattern small and constant.
 */
const MONTH_DAY_YEAR = /(?<![a-z])(?<mon>[a-z]{3,10})(?![a-z])\.?\s{1,3}(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s{1,3}(?<y>\d{4})(?!\d)/g;
/** "15 October 2019", "7th November, 2012", "4. Mai 2015", "1er mai 2015", "17 de octubre de 2012". */
const DAY_MONTH_YEAR =
  /(?<![\d.])(?<d>\d{1,2})(?:st|nd|rd|th|er|\.)?\s{1,3}(?:de\s{1,3})?(?<mon>[a-z]{3,10})(?![a-z])\.?,?\s{1,3}(?:de\s{1,3}|del\s{1,3})?(?<y>\d{4})(?!\d)/g;

export const MONTH_NAME_DATES = [MONTH_DAY_YEAR, DAY_MONTH_YEAR];

/** The month a matched month word names. */
export function monthOf(word: string): number | undefined {
  return MONTHS.get(word);
}

/** Hours the world's zones lie ahead of and behind UTC. */
const MAX_AHEAD_H = 14;
const MAX_BEHIND_H = 12;
const HOUR_MS = 3_600_000;

/**
 * Whether an exact time may fall on a day a page printed: on that calendar day in Vietnam time,
 * or, for a day printed in a zone the page does not say, on it in some zone of the world
 * ("Apr 16, 2015" and 2015-04-16T20:02Z, which is already the 17th in Vietnam).
 */
export function fallsOnPrintedDay(day: FoundDate, instant: FoundDate): boolean {
  if (!day.zoneless) return day.iso.slice(0, 10) === instant.iso.slice(0, 10);
  const start = Date.parse(`${day.iso.slice(0, 10)}T00:00:00Z`);
  const t = Date.parse(instant.iso);
  return t >= start - MAX_AHEAD_H * HOUR_MS && t < start + (24 + MAX_BEHIND_H) * HOUR_MS;
}
