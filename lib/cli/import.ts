/**
 * `wardfeed import <file.ndjson|->`: loads articles as `wardfeed query --format ndjson` writes
 * them (restoring an export, filling a new table). Every line is checked against the Article
 * contract; a bad line is reported with its number and skipped, the others are imported, and
 * the exit code is 1 when any was bad. Importing the same file twice writes nothing the second
 * time. The crawl states of the articles' sources learn the wards' newest dates, so the web
 * index shows them without a crawl.
 */
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Article } from '../article.ts';
import { loadConfig } from '../config.ts';
import { WardfeedError } from '../errors.ts';
import { loadRegistry, sourceWardIds } from '../registry/index.ts';
import type { Registry } from '../registry/types.ts';
import { sanitizeBodyHtml } from '../extract/sanitize.ts';
import { parseArticleJson } from '../store/article-schema.ts';
import { openStore } from '../store/index.ts';
import type { ArticleStore, ImportResult } from '../store/types.ts';
import { advanceWardSummaries, noteStored, type WardSummaries } from '../store/ward-summary.ts';
import { commandArgs } from './args.ts';

const USAGE = 'usage: wardfeed import <file.ndjson|->   (NDJSON as written by `wardfeed query --format ndjson`)';
/** Articles handed to the store at once: bounds memory whatever the file size. */
export const IMPORT_CHUNK = 1000;

export interface ImportReport extends Omit<ImportResult, 'newIds'> {
  lines: number;
  bad: { line: number; message: string }[];
  /** Articles naming a ward the registry does not know: imported, but in no province or district feed. */
  unknownWards: number;
}

function isHttpUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A file is as untrusted as a web page: its body goes through the crawl's own sanitiser, and
 * only http(s) images and attachments are kept (no `javascript:`, `file:` or `data:` addresses).
 */
export function sanitizeImported(article: Article): Article {
  return {
    ...article,
    bodyHtml: sanitizeBodyHtml(article.bodyHtml, article.url),
    images: article.images.filter((i) => isHttpUrl(i.src)),
    attachments: article.attachments.filter((a) => isHttpUrl(a.url)),
  };
}

/** Imports NDJSON lines into the store, in chunks; then advances the sources' ward summaries. */
export async function importNdjson(
  lines: AsyncIterable<string>,
  store: ArticleStore,
  registry: Registry,
  opts: { chunk?: number; now?: () => Date; onBad?: (line: number, message: string) => void } = {},
): Promise<ImportReport> {
  if (!store.importArticles) throw new WardfeedError('store', 'this store cannot bulk-import');
  const chunkSize = opts.chunk ?? IMPORT_CHUNK;
  const known = new Set(registry.wards.map((w) => w.id));
  const report: ImportReport = { lines: 0, new: 0, updated: 0, unchanged: 0, bad: [], unknownWards: 0 };
  const bySource = new Map<string, WardSummaries>();
  let chunk: Article[] = [];

  const flush = async () => {
    if (!chunk.length) return;
    const r = await store.importArticles!(chunk);
    report.new += r.new;
    report.updated += r.updated;
    report.unchanged += r.unchanged;
    const fresh = new Set(r.newIds);
    for (const a of chunk) {
      const summaries = bySource.get(a.sourceId) ?? {};
      noteStored(summaries, a, fresh.has(a.id));
      bySource.set(a.sourceId, summaries);
      // Counted once: a later copy of the same id in the file is not new again.
      fresh.delete(a.id);
    }
    chunk = [];
  };

  for await (const raw of lines) {
    report.lines++;
    const text = raw.trim();
    if (!text) continue;
    let article: Article;
    try {
      article = sanitizeImported(parseArticleJson(text));
    } catch (e) {
      const message = (e as Error).message;
      report.bad.push({ line: report.lines, message });
      opts.onBad?.(report.lines, message);
      continue;
    }
    if (article.wardIds.some((w) => !known.has(w))) report.unknownWards++;
    chunk.push(article);
    if (chunk.length >= chunkSize) await flush();
  }
  await flush();

  // As after a crawl run: the states move only once the articles they cover are stored.
  const at = (opts.now ?? (() => new Date()))().toISOString();
  const sources = new Map(registry.sources.map((s) => [s.id, s]));
  for (const [sourceId, added] of [...bySource].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const source = sources.get(sourceId);
    const wardIds = source ? sourceWardIds(source) : [];
    const state = (await store.getCrawlState(sourceId)) ?? { sourceId, validators: {}, consecutiveFailures: 0 };
    await store.putCrawlState({ ...state, ...(await advanceWardSummaries(store, state, added, wardIds, at)) });
  }
  return report;
}

/** Lines of a file or of standard input; a file that cannot be read fails before anything is opened. */
function linesOf(file: string): AsyncIterable<string> {
  if (file !== '-') {
    try {
      if (!statSync(file).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new WardfeedError(code === 'ENOENT' ? 'not-found' : 'bad-request', `cannot read ${file}: ${code ?? (e as Error).message}`);
    }
  }
  // Opened only when read: lines a reader emits before anyone iterates would be lost.
  return (async function* () {
    const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
    yield* createInterface({ input, crlfDelay: Infinity });
  })();
}

export async function run(args: string[]): Promise<number> {
  const parsed = commandArgs('import', USAGE, args, {}, true);
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length !== 1) {
    console.error(`wardfeed import: expected one file (or - for standard input)\n${USAGE}`);
    return 2;
  }
  const file = parsed.positionals[0];
  const config = loadConfig();
  const registry = loadRegistry(config.registryFile);
  const lines = linesOf(file);
  const { store, close } = await openStore(config, { registry });
  try {
    const r = await importNdjson(lines, store, registry, {
      onBad: (line, message) => console.error(`wardfeed import: ${file}:${line}: [bad-request] ${message} (skipped)`),
    });
    if (r.unknownWards) console.error(`wardfeed import: ${r.unknownWards} articles name wards the registry does not know (imported; in no province or district feed)`);
    console.log(`${r.new} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.bad.length} bad lines (of ${r.lines})`);
    return r.bad.length ? 1 : 0;
  } finally {
    await close();
  }
}
