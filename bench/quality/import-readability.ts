/**
 * Rebuilds bench/quality/pages from the test pages of Mozilla Readability and of its PHP port:
 *
 *   node bin/run-ts.js bench/quality/import-readability.ts <readability>/test/test-pages \
 *     <readability.php>/test/test-pages:php-
 *
 * Each argument is a test-pages folder, optionally with `:prefix` for the names of its pages; a
 * page already taken from an earlier folder (same name after the prefix) is not taken twice. Each
 * page <name>/ becomes pages/<prefix><name>/ with `source.html.gz` (the page as given, gzipped),
 * `expected.txt` (the text of the project's `expected.html`, one line per block, see
 * bench/lib/html-text.ts) and `meta.json` (its expected title).
 *
 * Left out: the hand-written unit-test pages (source under 8 KB: a few paragraphs made to test
 * one cleaning rule, not real pages) and sources over 2 MB.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { htmlToText } from '../lib/html-text.ts';

const MIN_SOURCE_BYTES = 8_000;
const MAX_SOURCE_BYTES = 2_000_000;

const args = process.argv.slice(2);
if (args.length === 0) throw new Error('usage: import-readability.ts <test-pages dir>[:prefix] ...');
const outDir = resolve('bench/quality/pages');
rmSync(outDir, { recursive: true, force: true });
const seen = new Set<string>();
let kept = 0;
const small: string[] = [];
const large: string[] = [];
for (const arg of args) {
  const [dirArg, prefix = ''] = arg.split(':');
  const pagesDir = resolve(dirArg);
  for (const name of readdirSync(pagesDir).sort()) {
    const dir = join(pagesDir, name);
    const source = join(dir, 'source.html');
    if (seen.has(name) || !existsSync(source) || !existsSync(join(dir, 'expected.html'))) continue;
    seen.add(name);
    const size = statSync(source).size;
    if (size < MIN_SOURCE_BYTES) {
      small.push(prefix + name);
      continue;
    }
    if (size > MAX_SOURCE_BYTES) {
      large.push(prefix + name);
      continue;
    }
    const metaFile = join(dir, 'expected-metadata.json');
    const meta = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, 'utf8')) as { title?: string }) : {};
    const out = join(outDir, prefix + name);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'source.html.gz'), gzipSync(readFileSync(source), { level: 9 }));
    writeFileSync(join(out, 'expected.txt'), htmlToText(readFileSync(join(dir, 'expected.html'), 'utf8')) + '\n');
    writeFileSync(join(out, 'meta.json'), JSON.stringify({ title: meta.title ?? null }, null, 2) + '\n');
    kept++;
  }
}
console.log(`${kept} pages written to ${outDir}`);
console.log(`left out, hand-written test pages (${small.length}): ${small.join(', ')}`);
console.log(`left out, over 2 MB (${large.length}): ${large.join(', ') || 'none'}`);
