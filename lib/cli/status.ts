/** `wardfeed status [--json]`: per source, last success, consecutive failures, last error, articles stored. */
import { loadConfig } from '../config.ts';
import { formatStatus, type SourceStatus } from '../crawl/report.ts';
import { loadRegistry } from '../registry/index.ts';
import { openStore } from '../store/index.ts';
import { commandArgs } from './args.ts';

const USAGE = 'usage: wardfeed status [--json]';

export async function run(args: string[]): Promise<number> {
  const parsed = commandArgs('status', USAGE, args, { json: { type: 'boolean' } });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const config = loadConfig();
  const registry = loadRegistry(config.registryFile);
  const { store, close } = await openStore(config, { registry });
  try {
    const states = new Map((await store.listCrawlStates()).map((s) => [s.sourceId, s]));
    const rows: SourceStatus[] = [];
    for (const source of registry.sources) {
      rows.push({
        sourceId: source.id,
        verified: source.verified,
        state: states.get(source.id),
        articles: store.countBySource ? await store.countBySource(source.id) : undefined,
      });
    }
    if (values.json) console.log(JSON.stringify(rows, null, 2));
    else console.log(formatStatus(rows));
    return 0;
  } finally {
    await close();
  }
}
