/**
 * Per-ward summaries kept on the crawl state of each source (`CrawlState.wards`): the newest
 * `publishedAt` stored and the number of articles stored. They ride on the one crawl-state write
 * a run makes anyway, so the web index reads one Query of crawl states instead of one Query per
 * ward, and no article write costs anything extra.
 *
 * What they are, precisely: `latestPublishedAt` is the newest date of any article stored through
 * that source (a date an edit moved earlier, or an article removed later, still counts until the
 * next seed); `articles` counts articles stored for the first time, never decremented (removed
 * articles are kept in the store, and an edit that moves an article to another ward does not
 * take it off the first). So they are recounted from the store once a day, and whenever a state
 * has none yet (`advanceWardSummaries`); a run that died between its article writes and its
 * state write is thereby made good too.
 */
import type { Article } from '../article.ts';
import type { ArticleStore, CrawlState, WardSummary } from './types.ts';

export type WardSummaries = Record<string, WardSummary>;

type Dated = Pick<Article, 'wardIds' | 'publishedAt' | 'datePrecision'> & { removedAt?: string };

const instantOf = (iso: string | undefined): number => {
  const ms = iso === undefined ? NaN : Date.parse(iso);
  return Number.isFinite(ms) ? ms : -Infinity;
};

/** The later of two latest dates; on the same instant the first one stays (deterministic). */
function later(a: WardSummary, b: WardSummary): Pick<WardSummary, 'latestPublishedAt' | 'latestDatePrecision'> {
  const pick = instantOf(b.latestPublishedAt) > instantOf(a.latestPublishedAt) ? b : a;
  return {
    ...(pick.latestPublishedAt !== undefined ? { latestPublishedAt: pick.latestPublishedAt } : {}),
    ...(pick.latestDatePrecision !== undefined ? { latestDatePrecision: pick.latestDatePrecision } : {}),
  };
}

/**
 * Records one stored article: its date may become its wards' latest (removed articles never do,
 * as feeds do not show them); `counted` adds it to the counts (true when it was stored new).
 */
export function noteStored(summaries: WardSummaries, article: Dated, counted: boolean): void {
  const dated: WardSummary =
    article.removedAt || !Number.isFinite(Date.parse(article.publishedAt))
      ? { articles: 0 }
      : { latestPublishedAt: article.publishedAt, latestDatePrecision: article.datePrecision, articles: 0 };
  for (const wardId of new Set(article.wardIds)) {
    const prev = summaries[wardId] ?? { articles: 0 };
    summaries[wardId] = { ...later(prev, dated), articles: prev.articles + (counted ? 1 : 0) };
  }
}

/** Adds what a run stored (`added`) to the summaries a state had: latest is max'ed, counts add up. */
function mergeWardSummaries(prev: WardSummaries, added: WardSummaries): WardSummaries {
  const out: WardSummaries = {};
  for (const wardId of [...new Set([...Object.keys(prev), ...Object.keys(added)])].sort()) {
    const a = prev[wardId] ?? { articles: 0 };
    const b = added[wardId] ?? { articles: 0 };
    out[wardId] = { ...later(a, b), articles: a.articles + b.articles };
  }
  return out;
}

/**
 * Summaries of these wards read from the store (the newest article of each ward's feed and the
 * ward's count): for a state that has none yet. Costs a few calls per ward, once per source.
 */
async function seedWardSummaries(store: ArticleStore, wardIds: string[]): Promise<WardSummaries> {
  const out: WardSummaries = {};
  for (const wardId of [...new Set(wardIds)].sort()) {
    const { items } = await store.list({ kind: 'ward', wardId }, { limit: 1 });
    const latest = items[0];
    const articles = store.countByWard ? await store.countByWard(wardId) : latest ? 1 : 0;
    out[wardId] = {
      ...(latest ? { latestPublishedAt: latest.publishedAt, latestDatePrecision: latest.datePrecision } : {}),
      articles,
    };
  }
  return out;
}

/** Summaries are recounted from the store this often, so drift (see above) heals within a day. */
const WARD_RESEED_MS = 24 * 3600_000;

/**
 * The summaries a crawl state moves to once `added` is stored (at `at`): merged into the
 * previous ones, or recounted from the store (which already holds `added`) when the state has
 * none or its last recount is older than `WARD_RESEED_MS`.
 */
export async function advanceWardSummaries(
  store: ArticleStore,
  state: Pick<CrawlState, 'wards' | 'wardsSeededAt'>,
  added: WardSummaries,
  wardIds: string[],
  at: string,
): Promise<Pick<CrawlState, 'wards' | 'wardsSeededAt'>> {
  const age = Date.parse(at) - Date.parse(state.wardsSeededAt ?? '');
  if (state.wards && age >= 0 && age < WARD_RESEED_MS) {
    return { wards: mergeWardSummaries(state.wards, added), wardsSeededAt: state.wardsSeededAt! };
  }
  const wards = await seedWardSummaries(store, [...wardIds, ...Object.keys(state.wards ?? {}), ...Object.keys(added)]);
  return { wards, wardsSeededAt: at };
}

/**
 * One summary per ward over all crawl states: the latest of the latest dates and the largest
 * count. A recount is ward-wide (the ward's partition does not tell sources apart), so a ward
 * with several sources is counted by the largest, not the sum; between recounts it may lag by
 * what the other sources added.
 */
export function wardSummariesOf(states: Iterable<CrawlState>): Map<string, WardSummary> {
  const out = new Map<string, WardSummary>();
  const ordered = [...states].sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
  for (const state of ordered) {
    for (const [wardId, s] of Object.entries(state.wards ?? {})) {
      const prev = out.get(wardId) ?? { articles: 0 };
      out.set(wardId, { ...later(prev, s), articles: Math.max(prev.articles, Number.isFinite(s.articles) ? s.articles : 0) });
    }
  }
  return out;
}
