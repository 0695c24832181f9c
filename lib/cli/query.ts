/**
 * `wardfeed query [--ward ID]… [--province P] [--district P/D] [--from DATE] [--to DATE] [--q TEXT]
 * [--limit N] [--cursor C] [--format json|ndjson|csv] [--bom]`: stored articles to stdout, with the
 * filters and validation of the HTTP API (`lib/http/params.ts`, `lib/http/reader.ts`). The API
 * caps a reply at 100 articles; here `--limit` may ask for more and the pages are followed.
 * `--district` is `<province>/<district>` (slugs or names); a bare district name is taken only
 * while one province alone has it.
 */
import type { Article } from '../article.ts';
import { loadConfig } from '../config.ts';
import { csvHeader, csvRow } from '../feed/csv.ts';
import { BadParameterError, LIMIT_MAX, parseArticleQuery, UnknownPlaceError, type RawParams } from '../http/params.ts';
import { readArticles } from '../http/reader.ts';
import { loadRegistry } from '../registry/index.ts';
import { openStore } from '../store/index.ts';
import { commandArgs } from './args.ts';

const USAGE =
  'usage: wardfeed query [--ward ID]… [--province P] [--district P/D] [--from DATE] [--to DATE] [--q TEXT] [--limit N] [--cursor C] [--format json|ndjson|csv] [--bom]';
/** Most articles one command prints. */
export const QUERY_LIMIT_MAX = 1_000_000;

function write(text: string): Promise<void> {
  return new Promise((resolve) => (process.stdout.write(text) ? resolve() : process.stdout.once('drain', () => resolve())));
}

export async function run(args: string[]): Promise<number> {
  const parsed = commandArgs('query', USAGE, args, {
    ward: { type: 'string', multiple: true },
    province: { type: 'string' },
    district: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    q: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
    format: { type: 'string' },
    bom: { type: 'boolean' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const raw: RawParams = {};
  for (const [k, v] of Object.entries(values)) {
    if (k === 'help' || v === undefined) continue;
    if (k === 'bom') raw.bom = [v ? '1' : '0'];
    else raw[k] = Array.isArray(v) ? v : [String(v)];
  }
  const config = loadConfig();
  const registry = loadRegistry(config.registryFile);
  let query;
  try {
    query = parseArticleQuery(raw, registry, { maxLimit: QUERY_LIMIT_MAX });
  } catch (e) {
    if (e instanceof BadParameterError) {
      console.error(`wardfeed query: bad --${e.parameter}: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof UnknownPlaceError) {
      console.error(`wardfeed query: [${e.code}] ${e.message}`);
      return 1;
    }
    throw e;
  }

  const { store, close } = await openStore(config, { registry });
  try {
    let cursor = query.cursor;
    let printed = 0;
    let first = true;
    if (query.format === 'csv') await write(`${query.bom ? '\uFEFF' : ''}${csvHeader()}`);
    if (query.format === 'json') await write('[');
    do {
      const page = await readArticles(store, query.scopes, {
        limit: Math.min(LIMIT_MAX, query.limit - printed),
        ...(query.q ? { q: query.q } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        ...(cursor ? { cursor } : {}),
        includeRemoved: true,
      });
      for (const a of page.items) {
        await write(render(a, query.format, first));
        first = false;
      }
      printed += page.items.length;
      cursor = page.cursor;
    } while (cursor && printed < query.limit);
    if (query.format === 'json') await write(first ? ']\n' : '\n]\n');
    if (cursor) console.error(`wardfeed query: ${printed} articles; more with --cursor ${cursor}`);
    return 0;
  } finally {
    await close();
  }
}

function render(a: Article, format: 'json' | 'ndjson' | 'csv', first: boolean): string {
  if (format === 'csv') return csvRow(a);
  if (format === 'ndjson') return `${JSON.stringify(a)}\n`;
  return `${first ? '\n' : ',\n'}${JSON.stringify(a)}`;
}
