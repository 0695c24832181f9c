/**
 * Dates as Vietnamese ward sites write them (and, day only, dates that name their month:
 * `month-dates.ts`), read into ISO 8601 in Vietnam time (UTC+07:00,
 * no daylight saving). Nothing here invents a date: relative times ("17 giờ trước"), partial
 * dates (no year, no day) and impossible dates give `undefined`.
 *
 * Policy for plausible years: 1990 to next calendar year (Vietnamese government sites did not
 * publish before the 1990s; anything later than next year is a misread number). Seconds are
 * dropped: the finest precision kept is the minute.
 */
import type { CheerioAPI } from 'cheerio';
import { foldChar } from '../text/fold.ts';
import { decodeUriLoosely } from '../url.ts';
import { MONTH_NAME_DATES, monthOf } from './month-dates.ts';
import { pageMeta } from './page-meta.ts';

export interface FoundDate {
  /** `YYYY-MM-DDTHH:MM:00+07:00`; `T00:00:00` when only the day is known. */
  iso: string;
  precision: 'minute' | 'day';
  /** Where the expression starts in the NFC form of the text. */
  index?: number;
  /** The expression as written. */
  match?: string;
  /** A day as the page printed it, in a zone it does not say (a month named in words, `month-dates.ts`). */
  zoneless?: boolean;
}

export type PublishedDateSource = 'page' | 'meta' | 'listing' | 'url' | 'body';

const MIN_YEAR = 1990;
const VIETNAM_OFFSET_MIN = 7 * 60;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 in Vietnam time, or undefined when the date or time is impossible or out of range. */
export function vietnamIso(y: number, mo: number, d: number, h?: number, mi?: number): string | undefined {
  if (![y, mo, d].every(Number.isInteger)) return undefined;
  if (y < MIN_YEAR || y > new Date().getUTCFullYear() + 1) return undefined;
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return undefined;
  const hh = h ?? 0;
  const mm = mi ?? 0;
  if (!Number.isInteger(hh) || !Number.isInteger(mm) || hh < 0 || hh > 23 || mm < 0 || mm > 59) return undefined;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(hh)}:${pad(mm)}:00+07:00`;
}

/** A wall-clock time at a given UTC offset (minutes), re-expressed in Vietnam time. */
function toVietnam(y: number, mo: number, d: number, h: number, mi: number, offsetMin: number): string | undefined {
  // Impossible fields are rejected before Date could roll them over (31 Feb → 3 Mar).
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi) - offsetMin * 60_000 + VIETNAM_OFFSET_MIN * 60_000;
  const v = new Date(t);
  return vietnamIso(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate(), v.getUTCHours(), v.getUTCMinutes());
}

/** `Z`, `+07:00`, `+0700`, `+07`, `GMT`… as minutes east of UTC. */
function offsetMinutes(tz: string): number | undefined {
  const z = tz.trim().toUpperCase();
  if (z === 'Z' || z === 'GMT' || z === 'UT' || z === 'UTC') return 0;
  const named: Record<string, number> = { EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, ICT: 420 };
  if (z in named) return named[z];
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 14 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

// ---------------------------------------------------------------------------------------------
// Dates in running text

/**
 * Text folded for matching, the same length as its NFC form so that match positions carry
 * over: lower case, diacritics removed (đ → d), odd spaces as plain spaces.
 */
const folded = new Map<string, string>();

function foldForMatch(nfc: string): string {
  let out = '';
  for (const ch of nfc) {
    let f = folded.get(ch);
    if (f === undefined) {
      f = /[\u00A0\u202F\u2007\u2000-\u200D\u2060\uFEFF\u3000]/.test(ch) ? ' ' : foldChar(ch);
      // Characters of one script are few; the map stays small.
      if (folded.size < 10_000) folded.set(ch, f);
    }
    out += f;
  }
  return out;
}

/** A time of day: `16:12`, `16:12:00`, `16h12`, `16h`, `8g30`, `8 giờ 30`, `8 giờ 30 phút`, `08:30 pm`. */
const TIME = String.raw`\d{1,2}\s*(?::\s*\d{2}(?::\d{2})?|h(?:\s*\d{2})?(?![a-z])|g\d{2}(?![a-z\d])|gio(?:\s*\d{1,2}(?:\s*phut)?)?(?![a-z]))(?:\s*(?:am|pm)(?![a-z]))?`;
/** What may stand between a date and its time: `|`, `,`, `-`, `lúc`, `vào lúc`. */
const TIME_AFTER = String.raw`(?:\s*(?:[|,\-–—]\s*)*(?:(?:vao\s+)?luc\s*)?(?<post>${TIME}))?`;
/** A time written before its date: `21:08 20/07/2025`, `08:30 ngày 12/3/2024`, `16h12, Thứ Ba, ngày …`. */
const TIME_BEFORE = String.raw`(?:(?<![\d:./])(?<pre>${TIME})\s*(?:[|,\-–—]\s*)*(?:thu\s+[a-z]+\s*(?:,\s*)?)?(?:ngay\s+)?)?`;

/** Day-month-year with one repeated separator: 15/01/2021, 15-01-2021, 15.01.2021, 17 - 05 - 2024. */
const DMY = new RegExp(
  TIME_BEFORE +
    String.raw`(?<![\d./-])(?<d>\d{1,2})\s*(?<sep>[/.-])\s*(?<mo>\d{1,2})\s*\k<sep>\s*(?<y>\d{4})(?!\d|[./-]\d)` +
    TIME_AFTER,
  'g',
);
/** Year-month-day, optionally with a time and a zone: 2021-01-15 16:12:00, 2021-01-15T09:12:00Z. */
const YMD = new RegExp(
  String.raw`(?<![\d./-])(?<y>\d{4})(?<sep>[/.-])(?<mo>\d{1,2})\k<sep>(?<d>\d{1,2})(?![\d])` +
    String.raw`(?:(?:t|\s+)(?<h>\d{1,2}):(?<mi>\d{2})(?::\d{2}(?:[.,]\d+)?)?(?:\s*(?<tz>z(?![a-z])|[+-]\d{2}(?::?\d{2})?(?!\d)))?)?`,
  'g',
);
/** Words: `ngày 05 tháng 2 năm 2008`, `5 tháng 02, năm 2008 lúc 8 giờ 30`, `15 tháng 1, 2021`. */
// The checker's fuzzer reports a polynomial on runs of `00h` and of blanks after a time that V8
// runs in linear time; tests/unit/linearity.test.ts times findDates on exactly those runs.
// redos-bound: measured linear on the fuzzer's attack shapes (linearity test, 10k vs 100k)
const WORDS = new RegExp(
  TIME_BEFORE + String.raw`(?:ngay\s+)?(?<![\d])(?<d>\d{1,2})\s+thang\s+(?<mo>\d{1,2})(?:\s+(?:,\s*)?|,\s*)(?:nam\s+)?(?<y>\d{4})(?!\d)` + TIME_AFTER,
  'g',
);

/**
 * Chinese, Japanese and Korean: `2016年10月14日`, `2016年10月14日 07:17`, `2024년 5월 1일`. Such a time
 * is a plain `hh:mm` after the day.
 */
const CJK_YMD = new RegExp(
  String.raw`(?<!\d)(?<y>\d{4})\s?[年년]\s?(?<mo>\d{1,2})\s?[月월]\s?(?<d>\d{1,2})\s?[日일](?:\s?(?<h>\d{1,2})[:：](?<mi>\d{2})(?!\d))?`,
  'g',
);

/** The patterns every text is read with; `MONTH_NAME_DATES` give the day only. */
const DATE_PATTERNS = [DMY, WORDS, YMD, ...MONTH_NAME_DATES];

/** Hours and minutes out of a matched time; undefined when impossible (25:61). */
function parseTime(t: string | undefined): { h: number; mi: number } | undefined {
  if (!t) return undefined;
  const m = /^(\d{1,2})\s*(?::\s*(\d{2})|h\s*(\d{2})?|g(\d{2})|gio\s*(\d{1,2})?)/.exec(t);
  if (!m) return undefined;
  let h = Number(m[1]);
  const mi = Number(m[2] ?? m[3] ?? m[4] ?? m[5] ?? '0');
  const ampm = /(am|pm)$/.exec(t)?.[1];
  if (ampm) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (ampm === 'pm' ? 12 : 0);
  }
  if (h > 23 || mi > 59) return undefined;
  return { h, mi };
}

interface Candidate {
  start: number;
  end: number;
  found?: FoundDate;
}

/**
 * The minute a matched date states: a time written next to it (day-month-year, words) or a
 * time with an optional zone (year-month-day); undefined without a possible time.
 */
function minuteOf(g: Record<string, string | undefined>, y: number, mo: number, d: number): string | undefined {
  if (g.h !== undefined) {
    const offset = g.tz ? offsetMinutes(g.tz) : VIETNAM_OFFSET_MIN;
    return offset === undefined ? undefined : toVietnam(y, mo, d, Number(g.h), Number(g.mi), offset);
  }
  // A time that is present but impossible is ignored; the day still stands.
  const time = parseTime(g.post) ?? parseTime(g.pre);
  return time ? vietnamIso(y, mo, d, time.h, time.mi) : undefined;
}

function candidates(nfc: string, folded = foldForMatch(nfc)): Candidate[] {
  const out: Candidate[] = [];
  // Most text has no CJK date sign: one character search spares that pattern's scan.
  const patterns = folded.includes('年') || folded.includes('년') ? [...DATE_PATTERNS, CJK_YMD] : DATE_PATTERNS;
  for (const re of patterns) {
    re.lastIndex = 0;
    for (const m of folded.matchAll(re)) {
      const g = m.groups!;
      const mo = g.mon === undefined ? Number(g.mo) : monthOf(g.mon);
      // A word in a month's place that names no month: no date, and nothing to hold the span.
      if (mo === undefined) continue;
      const start = m.index;
      const end = start + m[0].length;
      const [y, d] = [Number(g.y), Number(g.d)];
      const minute = minuteOf(g, y, mo, d);
      const iso = minute ?? vietnamIso(y, mo, d);
      const precision: FoundDate['precision'] = minute ? 'minute' : 'day';
      const found: FoundDate | undefined = iso ? { iso, precision, index: start, match: nfc.slice(start, end) } : undefined;
      if (found && g.mon !== undefined) found.zoneless = true;
      out.push({ start, end, found });
    }
  }
  // Earliest first; of two starting together the longer wins; overlapping later ones are dropped.
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  let reach = -1;
  for (const c of out) {
    if (c.start < reach) continue;
    kept.push(c);
    reach = c.end;
  }
  return kept;
}

/** Every date expression in the text, in order. Impossible ones are left out. */
export function findDates(text: string): FoundDate[] {
  return candidates(text.normalize('NFC'))
    .map((c) => c.found)
    .filter((f): f is FoundDate => f !== undefined);
}

/** The first date expression in the text, in any supported format. */
export function parseDate(text: string): FoundDate | undefined {
  return findDates(text)[0];
}

// ---------------------------------------------------------------------------------------------
// Machine dates (metadata, feeds)

const ISO_RE = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const RFC2822_RE =
  /^(?:[a-z]{3},?\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(gmt|ut|utc|z|[+-]\d{4}|[a-z]{3})?$/i;

/**
 * ISO 8601 (`2021-01-15T09:12:00Z`, `2021-01-15T16:12:00+07:00`, `2021-01-15`) or RFC 2822
 * (`Fri, 15 Jan 2021 09:12:00 GMT`), converted to Vietnam time. A time without a zone is taken
 * as Vietnam time (what the sites mean when they omit it).
 */
export function parseIsoDate(s: string): FoundDate | undefined {
  const text = s.trim();
  let y: number, mo: number, d: number, h: number | undefined, mi: number | undefined, tz: string | undefined;
  let m = ISO_RE.exec(text);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    h = m[4] === undefined ? undefined : Number(m[4]);
    mi = m[5] === undefined ? undefined : Number(m[5]);
    tz = m[7];
  } else if ((m = RFC2822_RE.exec(text))) {
    const month = MONTHS.indexOf(m[2].toLowerCase());
    if (month < 0) return undefined;
    [y, mo, d] = [Number(m[3]), month + 1, Number(m[1])];
    h = m[4] === undefined ? undefined : Number(m[4]);
    mi = m[5] === undefined ? undefined : Number(m[5]);
    tz = m[7];
  } else {
    return undefined;
  }
  if (h === undefined || mi === undefined) {
    const iso = vietnamIso(y, mo, d);
    return iso ? { iso, precision: 'day' } : undefined;
  }
  const offset = tz === undefined ? VIETNAM_OFFSET_MIN : offsetMinutes(tz);
  if (offset === undefined) return undefined;
  const iso = toVietnam(y, mo, d, h, mi, offset);
  return iso ? { iso, precision: 'minute' } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Dates in addresses

/**
 * A date carried by an article address: a post-2025 Hanoi portal id (`-2800250801171234708.htm`:
 * the 12 digits before the last 3 are yymmddhhmmss), `/2024/03/12/`, `2024-03-12`, `20240312`.
 * Only the path is read: query strings carry ids and tracking parameters, not dates.
 */
export function dateFromUrl(url: string): FoundDate | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  path = decodeUriLoosely(path);
  const hanoi = /-(\d{15,22})\.html?$/i.exec(path);
  if (hanoi) {
    const stamp = hanoi[1].slice(-15, -3);
    const [yy, mo, d, h, mi] = [0, 2, 4, 6, 8].map((i) => Number(stamp.slice(i, i + 2)));
    const iso = vietnamIso(2000 + yy, mo, d, h, mi);
    if (iso) return { iso, precision: 'minute', match: hanoi[1] };
  }
  const patterns = [
    /\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})(?=\/|$|[-_.])/,
    /(?<!\d)((?:19|20)\d{2})[-_](\d{2})[-_](\d{2})(?!\d)/,
    /(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)/,
  ];
  for (const re of patterns) {
    const m = re.exec(path);
    if (!m) continue;
    const iso = vietnamIso(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) return { iso, precision: 'day', match: m[0] };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Dates in page metadata

const META_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'og:published_time',
  'datepublished',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'dcterms.date',
  'date',
  'pubdate',
  'publishdate',
  'publish_date',
];

function machineOrText(value: string | undefined): FoundDate | undefined {
  if (!value || !value.trim()) return undefined;
  return parseIsoDate(value) ?? parseDate(value);
}

/** Depth-first search for `datePublished` in parsed JSON-LD (objects, arrays, `@graph`). */
function jsonLdDatePublished(node: unknown, depth = 0): string | undefined {
  if (depth > 8 || node === null || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const n of node) {
      const v = jsonLdDatePublished(n, depth + 1);
      if (v) return v;
    }
    return undefined;
  }
  const obj = node as Record<string, unknown>;
  if (typeof obj.datePublished === 'string') return obj.datePublished;
  for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'itemListElement']) {
    const v = jsonLdDatePublished(obj[key], depth + 1);
    if (v) return v;
  }
  return undefined;
}

/**
 * The publish date a page declares in its metadata, in this order: `<meta>` (article:,
 * og:, itemprop=datePublished, Dublin Core), JSON-LD `datePublished` (also inside `@graph`),
 * then the first `<time datetime>`.
 */
export function dateFromMeta($: CheerioAPI): FoundDate | undefined {
  const m = pageMeta($);
  for (const key of META_KEYS) {
    const found = machineOrText(m.meta.get(key));
    if (found) return found;
  }
  const itemprop = m.itemprop.get('datePublished');
  if (itemprop) {
    const found = machineOrText(itemprop.attribs.content ?? itemprop.attribs.datetime ?? $(itemprop).text());
    if (found) return found;
  }
  for (const text of m.jsonLd) {
    try {
      const found = machineOrText(jsonLdDatePublished(JSON.parse(text)));
      if (found) return found;
    } catch {
      // broken JSON-LD is common and says nothing
    }
  }
  return machineOrText(m.timeDatetime);
}

// ---------------------------------------------------------------------------------------------
// Choosing the publish date

/**
 * The publish date by trust: what the page shows > its metadata > the listing > the address >
 * a date in the body. Never invents: with no candidate, everything is undefined (the crawler
 * then falls back to first-seen and says so).
 */
export function resolvePublishedAt(c: {
  page?: FoundDate;
  meta?: FoundDate;
  listing?: FoundDate;
  url?: FoundDate;
  /** Or a function, called only when no other source has a date: finding it reads the body. */
  body?: FoundDate | (() => FoundDate | undefined);
}): { publishedAt?: string; datePrecision?: 'minute' | 'day'; dateSource?: PublishedDateSource } {
  for (const source of ['page', 'meta', 'listing', 'url', 'body'] as const) {
    const given = c[source];
    const f = typeof given === 'function' ? given() : given;
    if (f) return { publishedAt: f.iso, datePrecision: f.precision, dateSource: source };
  }
  return {};
}

/** How far past the fetch time a date may lie (time zones, a post dated for the next morning). */
export const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

/** The latest believable publish time of a page fetched at `fetchedAt` (undefined: not checked). */
export function latestBelievable(fetchedAt: string | Date | undefined): number | undefined {
  if (fetchedAt === undefined) return undefined;
  const t = fetchedAt instanceof Date ? fetchedAt.getTime() : Date.parse(fetchedAt);
  return Number.isFinite(t) ? t + FUTURE_SLACK_MS : undefined;
}

/** `found` unless it lies after `notAfter` (a typo'd year pins an article to the top of a feed). */
export function believable<T extends FoundDate>(found: T | undefined, notAfter: number | undefined): T | undefined {
  if (!found || notAfter === undefined) return found;
  return Date.parse(found.iso) > notAfter ? undefined : found;
}

// ---------------------------------------------------------------------------------------------
// Event date in the opening of a body

/** Words naming a document whose own date must not be taken for the event's. */
const DOCUMENT_WORDS =
  /(ke hoach|nghi dinh|quyet dinh|thong tu|chi thi|cong van|nghi quyet|thong bao|van ban|huong dan|to trinh|bao cao|luat|phap lenh|giay moi|cong dien|ket luan)(?![a-z])/;
/**
 * A document number right before the date: `108-KH/QU`, `100/2019/NĐ-CP`, `12/QĐ-UBND` (digits,
 * a slash or dash, and letters), or `số 12`. A bare day-month such as "Sáng 12-3" is not one.
 */
function endsWithDocumentNumber(lead: string): boolean {
  if (endsWithSoNumber(lead)) return true;
  const last = lead.split(/\s+/).pop() ?? '';
  return /^\d[\w/-]*$/.test(last) && /[/-]/.test(last) && /[a-z]/.test(last);
}

/**
 * Whether the text ends in `so` + optional spaces + a number (`so 12`, `so12/qd-ubnd`), `so`
 * starting a word. Scanned by hand: as a pattern anchored at the end it retries at every `so`.
 */
function endsWithSoNumber(s: string): boolean {
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  const wordStart = (k: number) => k === 0 || !/\w/.test(s[k - 1]);
  // The number and what follows it: the run of word characters, slashes and dashes at the end.
  let run = s.length;
  while (run > 0 && /[\w/-]/.test(s[run - 1])) run--;
  // `so12…` inside the run.
  for (let k = run; k + 2 < s.length; k++) if (s[k] === 's' && s[k + 1] === 'o' && isDigit(s[k + 2]) && wordStart(k)) return true;
  // `so 12…`: the run starts with a digit and follows spaces after `so`.
  if (!isDigit(s[run])) return false;
  let gap = run;
  while (gap > 0 && /\s/.test(s[gap - 1])) gap--;
  return gap < run && gap >= 2 && s[gap - 2] === 's' && s[gap - 1] === 'o' && wordStart(gap - 2);
}
/** Characters of a body's first paragraph that are read for the event date: its opening sentences. */
const OPENING_READ = 2000;

/** Separators and words between a clause and its date: spaces, commas, "ngày", "ban hành". */
const DATE_LEAD_WORDS = ['ngay', 'ban hanh'];

/** `lead` without the separators and words it ends with, scanned from the end (a `(…)*$` pattern retries at every position). */
function trimDateLead(lead: string): string {
  let end = lead.length;
  for (;;) {
    const ch = lead[end - 1];
    if (ch !== undefined && (ch === ',' || /\s/.test(ch))) {
      end--;
      continue;
    }
    const word = DATE_LEAD_WORDS.find((w) => lead.endsWith(w, end));
    if (!word) return lead.slice(0, end);
    end -= word.length;
  }
}

/** The opening of a body: its first paragraph, up to the end of the second sentence. */
function opening(text: string): string {
  // Only the first paragraph's opening is read, so no more of the body is normalised or split
  // than can hold it: NFC joins at most three code points of Vietnamese into one.
  const start = text.search(/\S/);
  if (start < 0) return '';
  const head = text.slice(start, start + OPENING_READ * 3 + 8).normalize('NFC');
  const end = head.search(/\n\s*\n/);
  const first = (end < 0 ? head : head.slice(0, end)).slice(0, OPENING_READ);
  // A sentence ends at . ! ? followed by a space and an upper-case letter (not "TP. Hà Nội", not 15.01.2021).
  let ends = 0;
  const re = /[.!?…](?=\s+[\p{Lu}"“])/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(first))) {
    if (/\b(?:tp|tt|q|p|đ\/c|ths|ts|pgs|gs)\.$/i.test(first.slice(Math.max(0, m.index - 4), m.index + 1))) continue;
    if (++ends === 2) return first.slice(0, m.index + 1);
  }
  return first;
}

/**
 * The date of the event an article reports, from its first sentence(s): "Sáng ngày 23/11/2023, …",
 * "Ngày 28/9/2021, …". Dates of documents cited there ("Kế hoạch 108-KH/QU ngày 25/2/2022",
 * "Nghị định số 100/2019/NĐ-CP ngày 30/12/2019") are not event dates and are skipped.
 */
export function eventDateFromBody(text: string): FoundDate | undefined {
  const head = opening(text);
  const folded = foldForMatch(head);
  for (const c of candidates(head, folded)) {
    if (!c.found) continue;
    const before = folded.slice(0, c.start);
    // The clause the date sits in: since the last sentence or clause break.
    const clause = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf('.'), before.lastIndexOf('('), before.lastIndexOf(':')) + 1);
    if (DOCUMENT_WORDS.test(clause)) continue;
    const lead = trimDateLead(before);
    if (endsWithDocumentNumber(lead)) continue;
    if (DOCUMENT_WORDS.test(lead.slice(-25))) continue;
    return c.found;
  }
  return undefined;
}
