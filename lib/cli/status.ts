/** `wardfeed status [--json]`: per source, last success, consecutive failures, last error, articles stored. */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { formatStatus, type SourceStatus } from '../crawl/report.ts';
import { loadRegistry } from '../registry/index.ts';
import { openStore } from '../store/index.ts';

const USAGE = 'usage: wardfeed status [--json]';

export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    console.error(`wardfeed status: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
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
