/**
 * Which family (profile) took each source, counted, and which sources fell back to `generic`:
 * what tells a new portal platform wardfeed has no family for. Shared by the crawl summary,
 * `wardfeed status` and `/api/status`.
 */
import type { CrawlState } from '../store/types.ts';

export interface FamilyRow {
  sourceId: string;
  /** The registry's profile (`auto`, or a family named). */
  profile?: string;
  /** The family that extracted the source's articles (none yet: undefined). */
  family?: string;
}

export interface FamilyCount {
  sources: number;
  /** Of those, the `auto` sources only `generic` could read. */
  fellBack: number;
}

/** A source whose profile is `auto` and whose articles only `generic` could read. */
export const fellBackToGeneric = (r: FamilyRow): boolean => r.profile === 'auto' && r.family === 'generic';

/** Per family (`none yet` for a source that stored nothing yet), keys in name order. */
export function familyCounts(rows: FamilyRow[]): Record<string, FamilyCount> {
  const out: Record<string, FamilyCount> = {};
  for (const r of rows) {
    const c = (out[r.family ?? 'none yet'] ??= { sources: 0, fellBack: 0 });
    c.sources += 1;
    if (fellBackToGeneric(r)) c.fellBack += 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** How each listing URL was read on the last run: the site's own feed, or HTML and why. */
export function listingsOf(state: CrawlState | undefined): { listUrl: string; source: 'feed' | 'html'; feedUrl?: string; reason?: string }[] {
  return Object.entries(state?.feeds ?? {}).map(([listUrl, f]) => ({
    listUrl, source: f.listingSource, ...(f.url ? { feedUrl: f.url } : {}), ...(f.reason ? { reason: f.reason } : {}),
  }));
}
