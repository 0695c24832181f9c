/**
 * Adds pages of the Dragnet data set (news and blog pages collected in 2012, main content marked by
 * people) to bench/quality/pages as `dragnet-<id>/`:
 *
 *   node bin/run-ts.js bench/quality/import-dragnet.ts <html dir> <corrected dir> <test.txt> [count]
 *
 * With `--out <dir> --exclude bench/quality/pages` and several id lists (`test.txt,training.txt`)
 * it draws a check set of further pages apart from the development set, for
 * `bench/quality.ts --pages <dir>`: a rule tuned on the development set should hold there too.
 *
 * <html dir> holds `<id>.html`, <corrected dir> `<id>.html.corrected.txt` and test.txt lists the
 * ids of Dragnet's test split (github.com/seomoz/dragnet_data: test.txt and the two tarballs; the
 * HTML tarball also as `dragnet_data/input` of github.com/j-szulc/html-cleaning-dataset-merged).
 * Pages are taken in the order of test.txt, the first `count` (default 120) that qualify: a source
 * of at most MAX_SOURCE_BYTES and an article body of at least MIN_BODY_CHARS (shorter bodies are
 * pages whose annotator found no article: a gallery, an index), at least MIN_ON_PAGE of whose
 * word 4-grams occur in the page's own text (a few corrected files were made from another version
 * of the page, and no extractor can find their text). Earlier dragnet-* pages are
 * replaced; the other pages are left alone.
 *
 * Each page gets `source.html.gz` (the page re-encoded to UTF-8 from the charset it declares, then
 * gzipped), `expected.txt` (the corrected text before Dragnet's comments separator, see
 * dragnet-gold.ts; one line per non-empty line, whitespace collapsed) and `meta.json` (no title:
 * Dragnet does not mark one).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { decodeBody } from '../../lib/crawl/charset.ts';
import { ngramF1 } from '../../tests/helpers/f1.ts';
import { htmlToText } from '../lib/html-text.ts';
import { articleText, decodeText } from './dragnet-gold.ts';

const MAX_SOURCE_BYTES = 600_000;
const MIN_BODY_CHARS = 300;
const PREFIX = 'dragnet-';
/** Share of the marked text's word 4-grams that must occur in the page's own text. */
const MIN_ON_PAGE = 0.7;

const { values, positionals } = parseArgs({ options: { out: { type: 'string' }, exclude: { type: 'string' } }, allowPositionals: true });
const outDir = resolve(values.out ?? 'bench/quality/pages');
const excludeDir = values.exclude;
const [htmlDir, correctedDir, idLists, countArg] = positionals;
if (!htmlDir || !correctedDir || !idLists) {
  throw new Error('usage: import-dragnet.ts <html dir> <corrected dir> <test.txt[,training.txt…]> [count] [--out dir] [--exclude dir]');
}
const count = Number(countArg ?? 120);
mkdirSync(outDir, { recursive: true });
for (const name of readdirSync(outDir)) {
  if (name.startsWith(PREFIX)) rmSync(join(outDir, name), { recursive: true });
}
// Pages of another set (the development set, when drawing a check set apart from it) are passed over.
const excluded = new Set(excludeDir ? readdirSync(excludeDir).filter((n) => n.startsWith(PREFIX)).map((n) => n.slice(PREFIX.length)) : []);
const ids = idLists
  .split(',')
  .flatMap((list) => readFileSync(list, 'utf8').split(/\s+/))
  .filter((id) => id && !excluded.has(id));
let kept = 0;
const skipped: string[] = [];
for (const id of ids) {
  if (kept >= count) break;
  const source = join(htmlDir, `${id}.html`);
  const gold = join(correctedDir, `${id}.html.corrected.txt`);
  if (!existsSync(source) || !existsSync(gold) || statSync(source).size > MAX_SOURCE_BYTES) {
    skipped.push(id);
    continue;
  }
  const body = articleText(decodeText(readFileSync(gold)));
  const bytes = readFileSync(source);
  // Decoded as the crawler decodes a page: the charset its <meta> declares, read as browsers read it.
  const html = decodeBody(bytes).text;
  // The marked text must be on the page: a few corrected files belong to another version of it.
  const onPage = ngramF1(htmlToText(html), body).recall;
  if (body.length < MIN_BODY_CHARS || onPage < MIN_ON_PAGE) {
    skipped.push(`${id} (${body.length} chars, ${Math.round(onPage * 100)} % on the page)`);
    continue;
  }
  const out = join(outDir, PREFIX + id);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'source.html.gz'), gzipSync(Buffer.from(html, 'utf8'), { level: 9 }));
  writeFileSync(join(out, 'expected.txt'), body + '\n');
  writeFileSync(join(out, 'meta.json'), JSON.stringify({ title: null }, null, 2) + '\n');
  kept++;
}
console.log(`${kept} Dragnet pages written to ${outDir}`);
console.log(`skipped before the count was reached (${skipped.length}): ${skipped.join(', ')}`);
