/**
 * Dates in feeds. Articles carry Vietnam time (+07:00); feeds keep it, so a reader shows the
 * time the ward posted. Every date comes from the data: rendering never reads the clock.
 */
import type { Article } from '../article.ts';

const VN_OFFSET_MS = 7 * 3600_000;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Milliseconds since the epoch, or undefined when the text is no date. */
export function instant(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : undefined;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Vietnam wall-clock fields of an instant (month from 0, weekday from Sunday = 0). */
export function vietnamClock(ms: number) {
  const d = new Date(ms + VN_OFFSET_MS);
  return {
    y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), wd: d.getUTCDay(),
    h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(),
  };
}

/** RFC 3339 in Vietnam time: `2021-01-15T16:12:00+07:00` (Atom, JSON Feed, API). */
export function rfc3339(ms: number): string {
  const t = vietnamClock(ms);
  return `${pad(t.y, 4)}-${pad(t.mo + 1)}-${pad(t.d)}T${pad(t.h)}:${pad(t.mi)}:${pad(t.s)}+07:00`;
}

/** RFC 822 in Vietnam time: `Fri, 15 Jan 2021 16:12:00 +0700` (RSS 2.0). */
export function rfc822(ms: number): string {
  const t = vietnamClock(ms);
  return `${DAYS[t.wd]}, ${pad(t.d)} ${MONTHS[t.mo]} ${pad(t.y, 4)} ${pad(t.h)}:${pad(t.mi)}:${pad(t.s)} +0700`;
}

/** HTTP date (`Last-Modified`), always GMT as RFC 9110 demands. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** When an article last changed: its last content change, else its publication. */
export function articleUpdatedAt(a: Article): string {
  return a.updatedAt ?? a.publishedAt;
}

/** Newest publication and newest change over a set of articles (undefined when empty). */
export function newestDates(items: Article[]): { published?: number; updated?: number } {
  let published: number | undefined;
  let updated: number | undefined;
  for (const a of items) {
    const p = instant(a.publishedAt);
    const u = instant(articleUpdatedAt(a)) ?? p;
    if (p !== undefined && (published === undefined || p > published)) published = p;
    if (u !== undefined && (updated === undefined || u > updated)) updated = u;
  }
  if (published !== undefined && (updated === undefined || published > updated)) updated = published;
  return { published, updated };
}
