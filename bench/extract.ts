/**
 * Extraction speed over the fixture article pages: each family profile on its own pages, the
 * generic extractor and `auto` on all of them, and, in the same run, Mozilla Readability on jsdom
 * (parse + Readability.parse per page), the usual way to do this in Node. One thread (extraction
 * is synchronous), a warm-up pass, then timed passes until at least `minMs` has elapsed.
 *
 *   node bin/run-ts.js bench/extract.ts [--min-ms 2000]
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../lib/extract/index.ts';
import { loadFixtureArticles, type FixtureArticle } from './lib/fixture-pages.ts';

interface Row {
  extractor: string;
  pages: number;
  pagesPerSecond: number;
  msPerPage: number;
  /** Largest V8 heap in use seen between passes, MiB. */
  peakHeapMiB: number;
}

function heapMiB(): number {
  return v8.getHeapStatistics().used_heap_size / 2 ** 20;
}

/** Runs `pass` once to warm up, then repeatedly until `minMs` elapsed; pages/s over the timed passes. */
function measure(name: string, pages: FixtureArticle[], minMs: number, pass: (p: FixtureArticle) => void): Row {
  for (const p of pages) pass(p);
  let done = 0;
  let peak = heapMiB();
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const p of pages) pass(p);
    done += pages.length;
    peak = Math.max(peak, heapMiB());
    elapsed = performance.now() - t0;
  }
  const pps = (done * 1000) / elapsed;
  return { extractor: name, pages: pages.length, pagesPerSecond: round(pps), msPerPage: round(elapsed / done, 3), peakHeapMiB: round(peak, 1) };
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function ours(profile: string) {
  return (p: FixtureArticle) => {
    const a = extractArticle({ html: p.html, url: p.url, profile });
    if (!a.bodyText) throw new Error(`no text from ${p.url} with ${profile}`);
  };
}

const quiet = new VirtualConsole();

function readability(p: FixtureArticle): void {
  // Scripts off (the default) and console silenced: what a crawler would do with jsdom.
  const dom = new JSDOM(p.html, { url: p.url, virtualConsole: quiet });
  const article = new Readability(dom.window.document).parse();
  dom.window.close();
  if (!article?.textContent) throw new Error(`Readability found nothing in ${p.url}`);
}

export async function benchExtract(opts: { minMs?: number } = {}): Promise<Record<string, unknown>> {
  const minMs = opts.minMs ?? 2000;
  const pages = loadFixtureArticles();
  if (pages.length === 0) throw new Error('no fixture article pages found under tests/fixtures/sites');
  const families = [...new Set(pages.map((p) => p.family))].sort();
  const totalBytes = pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0);

  const rows: Row[] = [];
  for (const family of families) rows.push(measure(family, pages.filter((p) => p.family === family), minMs, ours(family)));
  const generic = measure('generic', pages, minMs, ours('generic'));
  const auto = measure('auto', pages, minMs, ours('auto'));
  rows.push(generic, auto);
  // RSS peak of our extractors alone, before jsdom inflates it.
  const oursPeakRssMiB = round(process.resourceUsage().maxRSS / 1024, 1);
  const readable = measure('@mozilla/readability on jsdom', pages, minMs, readability);
  rows.push(readable);
  const peakRssMiB = round(process.resourceUsage().maxRSS / 1024, 1);

  const ratioGeneric = round(generic.pagesPerSecond / readable.pagesPerSecond, 1);
  const ratioAuto = round(auto.pagesPerSecond / readable.pagesPerSecond, 1);
  const lines = [
    `${pages.length} fixture article pages, ${(totalBytes / 1024).toFixed(0)} KiB in all; one thread; warm-up pass, then timed passes for >= ${minMs} ms each.`,
    '',
    '| extractor | pages | pages/s | ms/page | peak heap MiB | × Readability |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.extractor} | ${r.pages} | ${r.pagesPerSecond} | ${r.msPerPage} | ${r.peakHeapMiB} | ${round(r.pagesPerSecond / readable.pagesPerSecond, 1)} |`),
    '',
    `peak RSS: ${oursPeakRssMiB} MiB after our extractors, ${peakRssMiB} MiB after Readability/jsdom.`,
    `generic is ${ratioGeneric}× and auto ${ratioAuto}× the speed of Readability on jsdom.`,
  ];
  console.log(lines.join('\n'));
  return {
    pages: pages.length,
    totalKiB: round(totalBytes / 1024, 1),
    minMs,
    rows,
    ratioGenericToReadability: ratioGeneric,
    ratioAutoToReadability: ratioAuto,
    peakRssMiBOurs: oursPeakRssMiB,
    peakRssMiB,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--min-ms');
  await benchExtract(i > 0 ? { minMs: Number(process.argv[i + 1]) } : {});
}
