/**
 * A crawl of the registry: sources on different hosts in parallel, sources sharing a host one
 * after the other (the fetcher also keeps one request at a time per host). A failing source
 * never stops the others.
 */
import type { ErrorKind } from '../errors.ts';
import { crawlable } from '../registry/index.ts';
import type { Registry, Source } from '../registry/types.ts';
import { crawlSource, type CrawlDeps, type SourceReport } from './crawl-source.ts';
import { createFetcher, type Fetcher, type FetcherOptions } from './fetcher.ts';
import { emptyReport } from './source-run.ts';
import { sourceHost, sourceHosts } from './source-hosts.ts';

export { crawlSource, DEFAULT_RECHECK_AFTER_MS, type CrawlDeps, type SourceReport } from './crawl-source.ts';
export { createFetcher, TLS_CHAIN_HINT, type Fetcher, type FetcherOptions, type FetchRequest, type FetchResult, type FetchStats } from './fetcher.ts';
export { contentHash } from './article-record.ts';
export { isTransient } from './crawl-state.ts';
export { sourceHost, sourceHosts } from './source-hosts.ts';

export interface CrawlRun {
  reports: SourceReport[];
  /** Unverified sources, skipped with a reason. */
  skipped: { sourceId: string; reason: string }[];
  /** False when a source failed (what `--strict` turns into a non-zero exit). */
  ok: boolean;
}

/** Every host the registry's sources live on: the only hosts the fetcher may visit. */
export function registryHosts(registry: Registry): string[] {
  const hosts = new Set<string>();
  for (const s of registry.sources) for (const h of sourceHosts(s)) hosts.add(h);
  return [...hosts].sort();
}

/** The fetcher of a crawl: only the registry's hosts. */
export function createCrawlFetcher(registry: Registry, opts: Omit<FetcherOptions, 'allowedHosts'> = {}): Fetcher {
  return createFetcher({ ...opts, allowedHosts: registryHosts(registry) });
}

/**
 * Test and demo switches from the environment, never needed in production:
 * `WARDFEED_RESOLVE="host=127.0.0.1:port,…"` and `WARDFEED_ALLOW_PRIVATE=1`.
 */
export function fetcherOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Pick<FetcherOptions, 'resolve' | 'allowPrivate' | 'caCerts' | 'delayMs'> {
  const out: Pick<FetcherOptions, 'resolve' | 'allowPrivate' | 'caCerts' | 'delayMs'> = {};
  if (env.WARDFEED_RESOLVE) {
    out.resolve = Object.fromEntries(
      env.WARDFEED_RESOLVE.split(',')
        .map((pair) => pair.trim())
        .filter(Boolean)
        .map((pair) => {
          const i = pair.indexOf('=');
          return [pair.slice(0, i).trim().toLowerCase(), pair.slice(i + 1).trim()];
        }),
    );
  }
  if (env.WARDFEED_ALLOW_PRIVATE === '1' || env.WARDFEED_ALLOW_PRIVATE === 'true') out.allowPrivate = true;
  if (env.WARDFEED_EXTRA_CA) out.caCerts = env.WARDFEED_EXTRA_CA.split(',').map((s) => s.trim()).filter(Boolean);
  if (env.WARDFEED_DELAY_MS && /^\d+$/.test(env.WARDFEED_DELAY_MS)) out.delayMs = Number(env.WARDFEED_DELAY_MS);
  return out;
}

export async function crawlAll(
  registry: Registry,
  deps: Omit<CrawlDeps, 'registry'>,
  opts: { wardIds?: string[]; backfill?: number; onReport?: (r: SourceReport) => void } = {},
): Promise<CrawlRun> {
  const { sources, skipped } = crawlable(registry, { wardIds: opts.wardIds });
  for (const s of skipped) deps.log?.(`warning: skipped ${s.reason}`);
  const byHost = new Map<string, Source[]>();
  for (const s of sources) {
    const h = sourceHost(s);
    const group = byHost.get(h);
    if (group) group.push(s);
    else byHost.set(h, [s]);
  }
  const reports = new Map<string, SourceReport>();
  await Promise.all(
    [...byHost.values()].map(async (group) => {
      for (const source of group) {
        let report: SourceReport;
        try {
          report = await crawlSource(source, { ...deps, registry, backfill: opts.backfill ?? deps.backfill });
        } catch (e) {
          // crawlSource reports its own failures; this is the last guard so one source cannot sink the run.
          const err = e as { kind?: ErrorKind; message?: string };
          const kind = err.kind ?? 'network';
          report = { ...emptyReport(source.id), errors: { [kind]: 1 }, error: { kind, message: err.message ?? String(e) } };
        }
        reports.set(source.id, report);
        opts.onReport?.(report);
      }
    }),
  );
  // Registry order, whatever order the hosts finished in: deterministic output.
  const ordered = sources.map((s) => reports.get(s.id)!).filter(Boolean);
  return {
    reports: ordered,
    skipped: skipped.map((s) => ({ sourceId: s.source.id, reason: s.reason })),
    ok: ordered.every((r) => !r.error),
  };
}
