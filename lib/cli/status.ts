/**
 * `wardfeed status [--json]`: per source, the family its articles came from, how its listing was
 * read (the site's feed, or HTML and why), last success, consecutive failures, last error,
 * articles stored; then the sources each family took and those that fell back to `generic`.
 */
import { loadConfig } from '../config.ts';
import { formatFamilies, formatStatus, type SourceStatus } from '../crawl/report.ts';
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
        profile: source.profile,
        state: states.get(source.id),
        articles: store.countBySource ? await store.countBySource(source.id) : undefined,
      });
    }
    if (values.json) console.log(JSON.stringify(rows, null, 2));
    else {
      console.log(formatStatus(rows));
      console.log(formatFamilies(rows.map((r) => ({ sourceId: r.sourceId, profile: r.profile, family: r.state?.family }))));
    }
    return 0;
  } finally {
    await close();
  }
}
