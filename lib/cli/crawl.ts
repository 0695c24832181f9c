/**
 * `wardfeed crawl [--ward ID]… [--backfill N] [--strict]`: crawl the registered sources into the
 * store, then print one row per source. Testing/demo only (never needed in production):
 * `WARDFEED_RESOLVE="host=127.0.0.1:port,…"` maps hosts to addresses like curl's `--resolve`,
 * `WARDFEED_ALLOW_PRIVATE=1` allows loopback/private targets, `WARDFEED_EXTRA_CA=file.pem,…`
 * trusts extra CAs for every source, `WARDFEED_DELAY_MS` overrides the default per-host delay.
 */
import { loadConfig } from '../config.ts';
import { commandArgs } from './args.ts';
import { WardfeedError } from '../errors.ts';
import { crawlAll, createCrawlFetcher, fetcherOptionsFromEnv, type SourceReport } from '../crawl/index.ts';
import { formatCrawlNotes, formatCrawlReport, formatErrors } from '../crawl/report.ts';
import { crawlable, loadRegistry } from '../registry/index.ts';
import { openStore } from '../store/index.ts';

const USAGE = 'usage: wardfeed crawl [--ward ID]… [--backfill N] [--strict] [--json]';

export async function run(args: string[]): Promise<number> {
  const parsed = commandArgs('crawl', USAGE, args, {
    ward: { type: 'string', multiple: true },
    backfill: { type: 'string' },
    strict: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  let backfill: number | undefined;
  if (values.backfill !== undefined) {
    if (!/^\d+$/.test(values.backfill) || Number(values.backfill) < 1) {
      throw new WardfeedError('bad-request', `--backfill wants a number of pages (1 or more), not "${values.backfill}"`);
    }
    backfill = Number(values.backfill);
  }
  const config = loadConfig();
  const registry = loadRegistry(config.registryFile);
  const wardIds = values.ward ?? [];
  const total = crawlable(registry, { wardIds }).sources.length;
  const { store, close } = await openStore(config, { registry });
  const fetcher = createCrawlFetcher(registry, fetcherOptionsFromEnv());
  const tty = Boolean(process.stderr.isTTY) && !values.json;
  let done = 0;
  const progress = (r: SourceReport) => {
    done += 1;
    const what = r.error ? `failed [${r.error.kind}] ${r.error.message}` : `${r.new} new, ${r.updated} updated, ${r.removed} removed`;
    if (tty) {
      const width = 24;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      process.stderr.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${r.sourceId}: ${what}`);
      if (done === total) process.stderr.write('\n');
    } else {
      console.error(`crawl ${done}/${total} ${r.sourceId}: ${what} (errors ${formatErrors(r.errors)})`);
    }
  };
  try {
    const result = await crawlAll(
      registry,
      { store, fetcher, log: (line) => (tty ? undefined : console.error(line)) },
      { wardIds, backfill, onReport: progress },
    );
    // Without a TTY the crawl log has already printed these warnings; with one it was silenced.
    if (tty) for (const s of result.skipped) console.error(`warning: skipped ${s.reason}`);
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(formatCrawlReport(result.reports));
      console.log(formatCrawlNotes(result.reports, new Map(registry.sources.map((s) => [s.id, s.profile]))));
    }
    return values.strict && !result.ok ? 1 : 0;
  } finally {
    await fetcher.close();
    await close();
  }
}
