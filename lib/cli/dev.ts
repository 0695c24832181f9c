/**
 * `wardfeed dev` (what `npm start` runs): the embedded DynamoDB under WARDFEED_DATA_DIR, a crawl
 * of every registered source now and every 30 minutes (never two at once), and the web app on
 * PORT (default 8787). An unreachable site is logged with its error kind; the server keeps
 * serving. Ctrl-C stops the timer, the server and the embedded DynamoDB, in that order.
 *
 * `runLocalStack` is shared with `wardfeed demo`, which runs the same against the fixture sites.
 */
import { loadConfig } from '../config.ts';
import { crawlAll, createCrawlFetcher, fetcherOptionsFromEnv, type FetcherOptions, type SourceReport } from '../crawl/index.ts';
import { formatCrawlNotes } from '../crawl/report.ts';
import { WardfeedError } from '../errors.ts';
import { createApp } from '../http/app.ts';
import { Links } from '../http/links.ts';
import { startServer, type RunningServer } from '../http/server.ts';
import { loadRegistry } from '../registry/index.ts';
import type { Registry } from '../registry/types.ts';
import { openStore, type OpenedStore } from '../store/index.ts';
import { commandArgs } from './args.ts';

export const DEFAULT_PORT = 8787;
export const CRAWL_INTERVAL_MS = 30 * 60_000;

export function parsePort(value: string | undefined, what: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new WardfeedError('bad-request', `${what} wants a port number (0-65535), not "${value}"`);
  return Number(value);
}

export interface LocalStackOptions {
  registry: Registry;
  opened: OpenedStore;
  fetcher: Omit<FetcherOptions, 'allowedHosts'>;
  port: number;
  hostname?: string;
  /** Between the end of one crawl and the start of the next. */
  intervalMs?: number;
  log?: (line: string) => void;
}

export interface LocalStack {
  server: RunningServer;
  /** Resolves when the first crawl has finished (whatever its outcome). */
  firstCrawl: Promise<void>;
  /** Stops the timer, waits for a running crawl, closes the server and the store. */
  stop(): Promise<void>;
}

function reportLine(r: SourceReport): string {
  if (r.error) return `crawl ${r.sourceId}: failed [${r.error.kind}] ${r.error.message}${r.error.hint ? ` (hint: ${r.error.hint})` : ''}`;
  return `crawl ${r.sourceId}: ${r.new} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.removed} removed`;
}

export async function runLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const { registry, opened } = opts;
  const server = await startServer(createApp({ store: opened.store, registry }), { port: opts.port, hostname: opts.hostname });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const crawlOnce = async () => {
    const fetcher = createCrawlFetcher(registry, opts.fetcher);
    const started = Date.now();
    log(`crawl started: ${registry.sources.length} registered sources`);
    try {
      const run = await crawlAll(registry, { store: opened.store, fetcher, log }, { onReport: (r) => log(reportLine(r)) });
      const failed = run.reports.filter((r) => r.error).length;
      log(`crawl done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${run.reports.length} sources, ${failed} failed`);
      const profiles = new Map(registry.sources.map((s) => [s.id, s.profile]));
      for (const line of formatCrawlNotes(run.reports, profiles, { failures: false }).split('\n')) log(line);
    } catch (e) {
      // A crawl that cannot run at all (store down, registry broken) is logged; the server keeps serving.
      const kind = e instanceof WardfeedError ? e.kind : 'unexpected';
      log(`crawl failed [${kind}] ${(e as Error).message}`);
    } finally {
      await fetcher.close();
    }
  };

  // The next crawl is scheduled when the last one ends, so runs never overlap.
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = crawlOnce().finally(schedule);
    }, opts.intervalMs ?? CRAWL_INTERVAL_MS);
    timer.unref();
  };
  running = crawlOnce().finally(schedule);
  const firstCrawl = running;

  let stopping: Promise<void> | undefined;
  return {
    server,
    firstCrawl,
    stop() {
      stopping ??= (async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        await running?.catch(() => undefined);
        await server.close();
        await opened.close();
      })();
      return stopping;
    },
  };
}

/** The addresses worth opening, printed at start. */
export function printUrls(registry: Registry, url: string, log: (line: string) => void = console.log): void {
  const l = new Links(url);
  log(`web index:   ${l.home()}`);
  log(`all wards:   ${l.allFeeds().rss}`);
  log(`OPML:        ${l.opml()}`);
  log(`query API:   ${l.api('articles')}?q=…`);
  log(`status:      ${l.api('status')}`);
  for (const w of registry.wards) log(`  ${w.name.padEnd(28)} ${l.wardFeeds(w.id).rss}`);
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

const USAGE = 'usage: wardfeed dev [--port N] [--interval MINUTES]';

export async function run(args: string[]): Promise<number> {
  const parsed = commandArgs('dev', USAGE, args, { port: { type: 'string' }, interval: { type: 'string' } });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const port = parsePort(values.port, '--port') ?? parsePort(process.env.PORT, 'PORT') ?? DEFAULT_PORT;
  let intervalMs = CRAWL_INTERVAL_MS;
  if (values.interval !== undefined) {
    if (!/^\d+$/.test(values.interval) || Number(values.interval) < 1) throw new WardfeedError('bad-request', `--interval wants minutes (1 or more), not "${values.interval}"`);
    intervalMs = Number(values.interval) * 60_000;
  }
  const config = loadConfig();
  const registry = loadRegistry(config.registryFile);
  const opened = await openStore(config, { registry });
  console.log(`store: ${opened.endpoint === 'aws' ? 'AWS DynamoDB' : opened.endpoint} (table ${config.tableName}${config.dynamoEndpoint ? '' : `, data in ${config.dataDir}`})`);
  let stack: LocalStack;
  try {
    stack = await runLocalStack({ registry, opened, fetcher: fetcherOptionsFromEnv(), port, intervalMs });
  } catch (e) {
    await opened.close();
    throw e;
  }
  console.log(`wardfeed dev: serving on ${stack.server.url}; crawling the registered sources now and every ${intervalMs / 60_000} min (Ctrl-C to stop)`);
  printUrls(registry, stack.server.url);
  const sig = await untilSignal();
  console.log(`\n${sig}: stopping (waiting for a running crawl to finish)…`);
  await stack.stop();
  return 0;
}
