/**
 * Extraction quality on the development set (bench/quality/pages, see its README): 100 real
 * article pages from the test suites of Mozilla Readability and its PHP port, whose expected
 * bodies are Readability's output, and 120 pages of the Dragnet data set, whose main content was
 * marked by people. For `generic`, `auto` and, in the same run, @mozilla/readability on jsdom:
 * body word 4-gram precision and recall of each page (tests/helpers/f1.ts, as for the fixtures),
 * their means over the pages of each subset and over all, the F1 of those means, and the count of
 * pages answered with no article. Per-page results go to bench/results/quality.json.
 *
 * F1 is that of the mean precision and mean recall, as article-extraction benchmark tables give it
 * (trafilatura's published 0.958 is the F1 of its mean precision 0.938 and recall 0.978), so it is
 * comparable with the figures the held-out results were given in. The mean of per-page F1 is
 * printed beside it; it is never above the F1 of the means (F1 is concave in precision and recall).
 *
 *   node bin/run-ts.js bench/quality.ts [--page name] [--worst 10] [--subset dragnet] [--pages dir]
 *
 * On the Readability subsets Readability is favoured by construction (where it keeps a caption or
 * drops an intro, that is "right" there); the Dragnet subset is the fair comparison.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../lib/sites/extract.ts';
import { ngramF1, type F1Result } from '../tests/helpers/f1.ts';
import { htmlToText } from './lib/html-text.ts';

export const QUALITY_PAGES_DIR = resolve(fileURLToPath(new URL('./quality/pages', import.meta.url)));
/** The address the test suites give their pages. */
const PAGE_URL = 'http://fakehost/test/page.html';
const READABILITY = 'readability';

interface QualityPage {
  name: string;
  html: string;
  expected: string;
}

interface PageScore extends F1Result {
  /** No article (an error or empty body). */
  empty: boolean;
  error?: string;
}

export function loadQualityPages(dir = QUALITY_PAGES_DIR): QualityPage[] {
  return readdirSync(dir)
    .sort()
    .map((name) => ({
      name,
      html: gunzipSync(readFileSync(join(dir, name, 'source.html.gz'))).toString('utf8'),
      expected: readFileSync(join(dir, name, 'expected.txt'), 'utf8'),
    }));
}

function score(text: string | undefined, expected: string, error?: string): PageScore {
  if (!text?.trim()) return { precision: 0, recall: 0, f1: 0, empty: true, ...(error ? { error } : {}) };
  return { ...ngramF1(text, expected), empty: false };
}

const quiet = new VirtualConsole();

const EXTRACTORS: Record<string, (html: string) => string | undefined> = {
  generic: (html) => extractArticle({ html, url: PAGE_URL, profile: 'generic' }).bodyText,
  auto: (html) => extractArticle({ html, url: PAGE_URL, profile: 'auto' }).bodyText,
  [READABILITY]: (html) => {
    const dom = new JSDOM(html, { url: PAGE_URL, virtualConsole: quiet });
    try {
      const article = new Readability(dom.window.document).parse();
      return article?.content ? htmlToText(article.content) : undefined;
    } finally {
      dom.window.close();
    }
  },
};

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

const r3 = (n: number) => Math.round(n * 1000) / 1000;
/** The F1 to four places: its acceptance threshold is on the third. */
const r4 = (n: number) => Math.round(n * 10000) / 10000;

/** The subset a page comes from, by its name's prefix (see bench/quality/README.md). */
export function subsetOf(name: string): string {
  if (name.startsWith('dragnet-')) return 'dragnet';
  if (name.startsWith('php-')) return 'readability-php';
  return 'readability';
}

interface SummaryRow {
  extractor: string;
  subset: string;
  pages: number;
  /** F1 of the mean precision and mean recall: how article-extraction benchmark tables give it. */
  f1: number;
  precision: number;
  recall: number;
  /** The mean of the pages' own F1. */
  meanPageF1: number;
  empty: number;
}

function summarise(perPage: Record<string, Record<string, PageScore>>, subset: string): SummaryRow[] {
  const names = Object.keys(perPage).filter((n) => subset === 'all' || subsetOf(n) === subset);
  return Object.keys(EXTRACTORS).map((name) => {
    const scores = names.map((n) => perPage[n][name]);
    const precision = mean(scores.map((s) => s.precision));
    const recall = mean(scores.map((s) => s.recall));
    return {
      extractor: name === READABILITY ? '@mozilla/readability on jsdom' : name,
      subset,
      pages: scores.length,
      f1: r4(precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0),
      precision: r3(precision),
      recall: r3(recall),
      meanPageF1: r3(mean(scores.map((s) => s.f1))),
      empty: scores.filter((s) => s.empty).length,
    };
  });
}

export function benchQuality(opts: { only?: string; worst?: number; subset?: string; pages?: string } = {}): Record<string, unknown> {
  const pages = loadQualityPages(opts.pages ? resolve(opts.pages) : undefined).filter((p) => !opts.only || p.name === opts.only);
  const perPage: Record<string, Record<string, PageScore>> = {};
  for (const p of pages) {
    const row: Record<string, PageScore> = {};
    for (const [name, run] of Object.entries(EXTRACTORS)) {
      try {
        row[name] = score(run(p.html), p.expected);
      } catch (e) {
        row[name] = score(undefined, p.expected, e instanceof Error ? e.message : String(e));
      }
    }
    perPage[p.name] = row;
  }
  const subsets = [...new Set(pages.map((p) => subsetOf(p.name)))].sort();
  const summary = [...subsets.flatMap((s) => summarise(perPage, s)), ...summarise(perPage, 'all')];
  const lines = [
    `${pages.length} pages of ${opts.pages ? opts.pages : 'the development set (bench/quality/pages)'}; body word 4-gram precision and recall, means over the pages; empty = no article.`,
    'F1: of the mean precision and mean recall, as article-extraction benchmark tables give it; mean page F1: the mean of per-page F1.',
    '',
    '| subset | extractor | pages | F1 | precision | recall | mean page F1 | empty |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...summary.map((s) => `| ${s.subset} | ${s.extractor} | ${s.pages} | ${s.f1} | ${s.precision} | ${s.recall} | ${s.meanPageF1} | ${s.empty} |`),
  ];
  const worst = opts.worst ?? 0;
  if (worst > 0) {
    const ranked = Object.entries(perPage)
      .filter(([name]) => !opts.subset || subsetOf(name) === opts.subset)
      .sort((a, b) => a[1].generic.f1 - b[1].generic.f1);
    lines.push('', `worst ${worst} pages for generic (F1 P R | readability F1):`);
    for (const [name, r] of ranked.slice(0, worst)) {
      const g = r.generic;
      lines.push(`  ${name}: ${r3(g.f1)} ${r3(g.precision)} ${r3(g.recall)} | ${r3(r[READABILITY].f1)}${g.error ? ` (${g.error})` : ''}`);
    }
  }
  console.log(lines.join('\n'));
  const dir = resolve('bench/results');
  mkdirSync(dir, { recursive: true });
  const file = opts.pages ? `quality-${basename(resolve(opts.pages))}.json` : 'quality.json';
  writeFileSync(join(dir, file), JSON.stringify({ summary, pages: perPage }, null, 2) + '\n');
  return { pages: pages.length, summary };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  benchQuality({ only: arg('--page'), worst: Number(arg('--worst') ?? 0), subset: arg('--subset'), pages: arg('--pages') });
}
