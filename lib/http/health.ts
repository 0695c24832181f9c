/** Crawl health of sources and wards, from the stored crawl states. */
import type { Registry, Source } from '../registry/types.ts';
import type { ErrorKind } from '../errors.ts';
import type { CrawlState } from '../store/types.ts';

export type HealthState = 'ok' | 'failing' | 'empty' | 'never-crawled' | 'unverified' | 'no-source';

export interface SourceHealth {
  state: HealthState;
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  consecutiveFailures: number;
  lastError?: PublicError;
}

/** What the public may see of a crawl failure: its kind, a fixed message, when, and a page of the source's own site. */
export interface PublicError {
  kind: string;
  message: string;
  at?: string;
  url?: string;
}

/**
 * Stored messages can carry SDK text (account ids, role ARNs) or resolved private addresses:
 * the public sees a fixed sentence per kind; the detail stays in the crawl logs.
 */
const SAFE_MESSAGES: Partial<Record<ErrorKind, string>> = {
  network: 'the site could not be reached',
  tls: 'the site\'s TLS certificate could not be verified',
  timeout: 'the site did not answer in time',
  'http-status': 'the site answered with an error status',
  robots: 'robots.txt disallows the page',
  'too-large': 'the page was over the size limit',
  redirect: 'the page redirected too often or to another site',
  'forbidden-address': 'the address resolves to a non-public network',
  charset: 'the page\'s character encoding could not be read',
  parse: 'the page could not be read as HTML',
  'no-article': 'the page holds no article',
  registry: 'the registry entry is broken',
  'unverified-source': 'the source is not verified',
  store: 'the article store failed',
};

export function publicError(source: Source, e: NonNullable<CrawlState['lastError']>): PublicError {
  const kind = typeof e.kind === 'string' && Object.hasOwn(SAFE_MESSAGES, e.kind) ? e.kind : 'internal';
  const at = typeof e.at === 'string' && Number.isFinite(Date.parse(e.at)) ? e.at : undefined;
  const url = typeof e.url === 'string' && onSourceSite(source, e.url) ? e.url : undefined;
  return { kind, message: SAFE_MESSAGES[kind] ?? 'the crawl failed', ...(at ? { at } : {}), ...(url ? { url } : {}) };
}

function onSourceSite(source: Source, url: string): boolean {
  try {
    const { protocol, host } = new URL(url);
    return (protocol === 'https:' || protocol === 'http:') && source.listUrls.some((l) => new URL(l).host === host);
  } catch {
    return false;
  }
}

export function sourceWards(s: Source): string[] {
  return s.ward !== undefined ? [s.ward] : [...(s.wardsByName ?? [])];
}

export function sourceHealth(source: Source, state: CrawlState | undefined): SourceHealth {
  const base = {
    consecutiveFailures: state?.consecutiveFailures ?? 0,
    ...(state?.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
    ...(state?.lastAttemptAt ? { lastAttemptAt: state.lastAttemptAt } : {}),
    ...(state?.lastError ? { lastError: publicError(source, state.lastError) } : {}),
  };
  if (!source.verified) return { state: 'unverified', ...base };
  if (!state || (!state.lastAttemptAt && !state.lastSuccessAt)) return { state: 'never-crawled', ...base };
  if (state.consecutiveFailures > 0) return { state: 'failing', ...base };
  if ((state.emptyRuns ?? 0) > 0) return { state: 'empty', ...base };
  return { state: 'ok', ...base };
}

const RANK: Record<HealthState, number> = { failing: 5, empty: 4, ok: 3, 'never-crawled': 2, unverified: 1, 'no-source': 0 };

/** Sources per ward, built once per registry: the index asks for every ward on each render. */
const sourcesByWardCache = new WeakMap<Registry, Map<string, Source[]>>();

function sourcesOfWard(registry: Registry, wardId: string): Source[] {
  let byWard = sourcesByWardCache.get(registry);
  if (!byWard) {
    byWard = new Map();
    for (const s of registry.sources) {
      for (const w of new Set(sourceWards(s))) {
        const list = byWard.get(w) ?? [];
        list.push(s);
        byWard.set(w, list);
      }
    }
    sourcesByWardCache.set(registry, byWard);
  }
  return byWard.get(wardId) ?? [];
}

/** A ward's health: the best of its sources (one working source keeps its feed fresh). */
export function wardHealth(registry: Registry, states: Map<string, CrawlState>, wardId: string): SourceHealth {
  const sources = sourcesOfWard(registry, wardId);
  if (sources.length === 0) return { state: 'no-source', consecutiveFailures: 0 };
  const all = sources.map((s) => sourceHealth(s, states.get(s.id)));
  const ok = all.find((h) => h.state === 'ok');
  if (ok) return ok;
  return all.sort((a, b) => RANK[b.state] - RANK[a.state])[0];
}

export const HEALTH_LABEL_VI: Record<HealthState, string> = {
  ok: 'hoạt động tốt',
  failing: 'đang lỗi',
  empty: 'không thấy tin mới',
  'never-crawled': 'chưa thu thập',
  unverified: 'nguồn chưa xác minh',
  'no-source': 'chưa có nguồn',
};
