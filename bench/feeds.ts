/**
 * Feed rendering benchmark: milliseconds to write one feed of N articles in each format, side by
 * side, and each format's time as a multiple of RSS's. Atom costs more than RSS because `feed`'s
 * Atom output is parsed once more to apply the extensions its writer takes none of
 * (lib/feed/atom.ts). A feed is rendered when its articles change, not on every request.
 *
 *   node bin/run-ts.js bench/feeds.ts [--runs N]
 */
import { pathToFileURL } from 'node:url';
import { renderFeed, type FeedChannel, type FeedFormat } from '../lib/feed/index.ts';
import { syntheticArticle } from './lib/synthetic.ts';

const BODY = 'Đảng ủy phường Thanh Trì tổ chức hội nghị giao ban Bí thư chi bộ mở rộng, đánh giá kết quả công tác tháng. '.repeat(25);
const FORMATS: FeedFormat[] = ['rss', 'atom', 'json'];
/** The default `?limit=` and the largest one. */
const SIZES = [30, 100];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function channel(size: number): FeedChannel {
  const base = 'https://wardfeed.example/feeds/bench';
  const items = Array.from({ length: size }, (_, n) =>
    syntheticArticle(n, { wards: 1, startMs: Date.parse('2025-06-30T12:00:00+07:00'), stepMs: -20 * 60_000, body: BODY }));
  return {
    key: 'ward:bench-ward-0', title: 'Phường Số 0', description: 'Tin tức của Phường Số 0', homeUrl: 'https://wardfeed.example/wards/bench-ward-0',
    feedUrls: { rss: `${base}.rss`, atom: `${base}.atom`, json: `${base}.json` }, items,
  };
}

/** Median milliseconds of one render, over `runs` batches after a warm-up. */
function renderMs(format: FeedFormat, ch: FeedChannel, runs: number): number {
  const batch = Math.max(3, Math.round(300 / ch.items.length));
  for (let i = 0; i < batch; i++) renderFeed(format, ch);
  const times = Array.from({ length: runs }, () => {
    const t = performance.now();
    for (let i = 0; i < batch; i++) renderFeed(format, ch);
    return (performance.now() - t) / batch;
  });
  return Math.round(median(times) * 100) / 100;
}

export function benchFeeds(opts: { runs?: number } = {}): Promise<Record<string, unknown>> {
  const runs = opts.runs ?? 7;
  const out: Record<string, unknown> = { runs };
  const rows = ['| articles | format | bytes | render (median) | × RSS |', '|---:|---|---:|---:|---:|'];
  for (const size of SIZES) {
    const ch = channel(size);
    const ms = Object.fromEntries(FORMATS.map((f) => [f, renderMs(f, ch, runs)])) as Record<FeedFormat, number>;
    for (const f of FORMATS) {
      const bytes = Buffer.byteLength(renderFeed(f, ch));
      const ratio = Math.round((ms[f] / ms.rss) * 100) / 100;
      out[`${f}-${size}`] = { bytes, renderMs: ms[f], ratioToRss: ratio };
      rows.push(`| ${size} | ${f} | ${(bytes / 1024).toFixed(0)} KB | ${ms[f]} ms | ${ratio} |`);
    }
  }
  console.log(rows.join('\n'));
  // Synchronous work; a promise like the other parts of `npm run bench`.
  return Promise.resolve(out);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--runs');
  await benchFeeds({ runs: i > 0 ? Number(process.argv[i + 1]) : undefined });
}
