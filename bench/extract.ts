/**
 * Extraction speed over the fixture article pages: each family profile on its own pages, the
 * generic extractor and `auto` on all of them, and, in the same run, Mozilla Readability on jsdom
 * (parse + Readability.parse per page), the usual way to do this in Node. One thread (extraction
 * is synchronous).
 *
 * Every extractor is warmed up before any is measured, so none is timed cold. Then come
 * interleaved rounds: each round times every extractor for about `sliceMs` (whole passes over its
 * pages, at least one), so a swing in machine load hits all extractors alike. Per extractor the
 * median pages/s over the rounds is reported, and the median of its per-round ratio to Readability.
 *
 *   node bin/run-ts.js bench/extract.ts [--rounds 5] [--slice-ms 400]
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { settleScriptEnds } from '../lib/extract/parse-html.ts';
import { extractArticle } from '../lib/sites/extract.ts';
import { loadFixtureArticles, type FixtureArticle } from './lib/fixture-pages.ts';

interface Contender {
  extractor: string;
  pages: FixtureArticle[];
  pass: (p: FixtureArticle) => void;
  /** pages/s of each round. */
  rounds: number[];
  /** Largest V8 heap in use seen between passes, MiB. */
  peakHeapMiB: number;
}

interface Row {
  extractor: string;
  pages: number;
  pagesPerSecond: number;
  msPerPage: number;
  /** Slowest and fastest round, pages/s: how steady the figure is. */
  minPagesPerSecond: number;
  maxPagesPerSecond: number;
  peakHeapMiB: number;
  /** Median over the rounds of (this extractor's pages/s) / (Readability's pages/s in that round). */
  ratioToReadability: number;
}

const READABILITY = '@mozilla/readability on jsdom';
const SETTLE = 'script ends settled (a step of parsing)';

function heapMiB(): number {
  return v8.getHeapStatistics().used_heap_size / 2 ** 20;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Whole passes over the contender's pages until `sliceMs` has elapsed; pages/s of this slice. */
function timeSlice(c: Contender, sliceMs: number): number {
  let done = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (const p of c.pages) c.pass(p);
    done += c.pages.length;
    c.peakHeapMiB = Math.max(c.peakHeapMiB, heapMiB());
    elapsed = performance.now() - t0;
  } while (elapsed < sliceMs);
  return (done * 1000) / elapsed;
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

export function benchExtract(opts: { rounds?: number; sliceMs?: number } = {}): Record<string, unknown> {
  const rounds = opts.rounds ?? 5;
  const sliceMs = opts.sliceMs ?? 400;
  const pages = loadFixtureArticles();
  if (pages.length === 0) throw new Error('no fixture article pages found under tests/fixtures/sites');
  const families = [...new Set(pages.map((p) => p.family))].sort();
  const totalBytes = pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0);

  const contender = (extractor: string, own: FixtureArticle[], pass: (p: FixtureArticle) => void): Contender => ({
    extractor,
    pages: own,
    pass,
    rounds: [],
    peakHeapMiB: 0,
  });
  const ourContenders = [
    ...families.map((f) => contender(f, pages.filter((p) => p.family === f), ours(f))),
    contender('generic', pages, ours('generic')),
    contender('auto', pages, ours('auto')),
    // A step of every parse: what finding the scripts' real ends costs on its own.
    contender(SETTLE, pages, (p) => settleScriptEnds(p.html)),
  ];
  const readable = contender(READABILITY, pages, readability);

  // Warm-up: every extractor, ours and Readability, before any timing; our RSS peak before jsdom.
  for (const c of ourContenders) timeSlice(c, sliceMs);
  const oursPeakRssMiB = round(process.resourceUsage().maxRSS / 1024, 1);
  timeSlice(readable, sliceMs);
  const all = [...ourContenders, readable];
  for (const c of all) c.peakHeapMiB = 0;

  for (let r = 0; r < rounds; r++) {
    // Rotate the order each round so no extractor always runs right after jsdom's garbage.
    for (let i = 0; i < all.length; i++) {
      const c = all[(i + r) % all.length];
      c.rounds.push(timeSlice(c, sliceMs));
    }
  }
  const peakRssMiB = round(process.resourceUsage().maxRSS / 1024, 1);

  const rows: Row[] = all.map((c) => {
    const pps = median(c.rounds);
    return {
      extractor: c.extractor,
      pages: c.pages.length,
      pagesPerSecond: round(pps),
      msPerPage: round(1000 / pps, 3),
      minPagesPerSecond: round(Math.min(...c.rounds)),
      maxPagesPerSecond: round(Math.max(...c.rounds)),
      peakHeapMiB: round(c.peakHeapMiB, 1),
      ratioToReadability: round(median(c.rounds.map((x, i) => x / readable.rounds[i])), 1),
    };
  });
  const ratio = (name: string) => rows.find((r) => r.extractor === name)!.ratioToReadability;
  const pps = (name: string) => rows.find((r) => r.extractor === name)!.pagesPerSecond;
  const settleShare = round((100 * pps('generic')) / pps(SETTLE), 2);

  const lines = [
    `${pages.length} fixture article pages, ${(totalBytes / 1024).toFixed(0)} KiB in all; one thread; every extractor warmed up, then ${rounds} interleaved rounds of >= ${sliceMs} ms each; medians over the rounds.`,
    '',
    '| extractor | pages | pages/s (median) | slowest–fastest round | ms/page | peak heap MiB | × Readability (median) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.extractor} | ${r.pages} | ${r.pagesPerSecond} | ${r.minPagesPerSecond}–${r.maxPagesPerSecond} | ${r.msPerPage} | ${r.peakHeapMiB} | ${r.ratioToReadability} |`,
    ),
    '',
    `peak RSS: ${oursPeakRssMiB} MiB after our extractors' warm-up, ${peakRssMiB} MiB at the end (with Readability/jsdom).`,
    `generic is ${ratio('generic')}× and auto ${ratio('auto')}× the speed of Readability on jsdom (median per-round ratio).`,
    `settling script ends takes ${settleShare} % of generic's time per page.`,
  ];
  console.log(lines.join('\n'));
  return {
    pages: pages.length,
    totalKiB: round(totalBytes / 1024, 1),
    rounds,
    sliceMs,
    rows,
    ratioGenericToReadability: ratio('generic'),
    ratioAutoToReadability: ratio('auto'),
    settleScriptEndsPercentOfGeneric: settleShare,
    peakRssMiBOurs: oursPeakRssMiB,
    peakRssMiB,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  benchExtract({ rounds: arg('--rounds'), sliceMs: arg('--slice-ms') });
}
