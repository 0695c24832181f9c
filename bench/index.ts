/**
 * `npm run bench`: every benchmark of the project in one run, each side by side with its
 * alternative where there is one. Each part is also runnable alone (`node bin/run-ts.js bench/<part>.ts`).
 * Results are printed as markdown and written to bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import os from 'node:os';

const PARTS: Record<string, () => Promise<Record<string, unknown>>> = {
  extract: async () => (await import('./extract.ts')).benchExtract(),
  quality: async () => (await import('./quality.ts')).benchQuality(),
  crawl: async () => (await import('./crawl.ts')).benchCrawl(),
  store: async () => (await import('./store.ts')).benchStore(),
  http: async () => (await import('./http.ts')).benchHttp(),
  feeds: async () => (await import('./feeds.ts')).benchFeeds(),
  bundles: async () => (await import('./bundles.ts')).benchBundles(),
};

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const results: Record<string, unknown> = {
  machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30) },
};
let failed = false;
for (const [name, run] of Object.entries(PARTS)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n## ${name}\n`);
  try {
    results[name] = await run();
  } catch (e) {
    failed = true;
    console.error(`bench ${name} failed:`, e);
    results[name] = { error: String(e) };
  }
}
const dir = resolve('bench/results');
mkdirSync(dir, { recursive: true });
writeFileSync(resolve(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nresults: bench/results/latest.json`);
process.exit(failed ? 1 : 0);
