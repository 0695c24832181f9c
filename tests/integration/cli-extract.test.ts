import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS_DIR, SITES_DIR, fixturePages } from '../fixtures/sites.ts';
import type { Article } from '../../lib/article.ts';
import { parseJson } from '../helpers/json.ts';
import { runWardfeed } from '../helpers/cli.ts';


const cli = (args: string[]) => runWardfeed(['extract', ...args], { env: { ...process.env, NO_COLOR: '1' } });

const manifest = parseJson<{
  articles: Array<{ file: string; source: string; expected: Record<string, unknown> & { paragraphs: number } }>;
}>(readFileSync(join(SEEDS_DIR, 'manifest.json'), 'utf8'));
const pages = fixturePages();
const seedPage = (file: string) => pages.find((p) => p.expected?.seed === file)!;
const pathOf = (p: { file: string }) => join(SITES_DIR, p.file);

describe('wardfeed extract on files', () => {
  it.each(manifest.articles.map((s) => [s.file, s] as const))('%s gives the manifest fields', async (_f, seed) => {
    const page = seedPage(seed.file);
    const base = seed.source.startsWith('https://') ? seed.source : page.url;
    const { code, stdout, stderr } = await cli([pathOf(page), '--base-url', base]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const a = parseJson<Article>(stdout);
    expect(stdout).toContain('\n  "title"'); // pretty JSON for a single input
    for (const field of ['title', 'publishedAt', 'viewCount', 'category', 'summary'] as const) {
      if (seed.expected[field] !== undefined) expect(a[field], field).toEqual(seed.expected[field]);
    }
    expect(a.bodyText.split('\n\n')).toHaveLength(seed.expected.paragraphs);
    expect(a.url).toBe(base);
    expect(a.profile).toBe(page.family);
    // The id is the stable hash of the canonical address (first 20 hex digits of its SHA-256).
    expect(a.id).toBe(createHash('sha256').update(a.canonicalUrl).digest('hex').slice(0, 20));
  });

  it('prints one JSON line per input, reports a failing input on stderr and still prints the rest', async () => {
    const ok1 = seedPage('thanh-tri-2021-01-15.txt');
    const ok2 = seedPage('my-long-2023-11-23.txt');
    const missing = join(tmpdir(), 'wardfeed-no-such-page.html');
    const { code, stdout, stderr } = await cli([pathOf(ok1), missing, pathOf(ok2)]);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => parseJson<Article>(l).title)).toEqual([ok1.expected!.title, ok2.expected!.title]);
    expect(stderr.trim()).toMatch(new RegExp(`^wardfeed extract: ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\[not-found\\] `));
  });

  it('says no-article for a listing page', async () => {
    const listing = pages.find((p) => p.kind === 'listing' && p.family === 'liferay-district')!;
    const { code, stdout, stderr } = await cli([pathOf(listing), '--base-url', listing.url]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('[no-article]');
  });

  it('takes the page address from <link rel=canonical> without --base-url, else a file:// URL', async () => {
    const page = seedPage('thanh-tri-2021-01-15.txt');
    const withCanonical = parseJson<Article>((await cli([pathOf(page)])).stdout);
    expect(withCanonical.url).toBe(manifest.articles[0].source);

    const dir = mkdtempSync(join(tmpdir(), 'wardfeed-extract-'));
    try {
      const bare = readFileSync(pathOf(page), 'utf8').replace(/<link[^>]+rel="canonical"[^>]*>/, '').replace(/<meta[^>]+og:url[^>]*>/, '');
      const file = join(dir, 'saved.html');
      writeFileSync(file, bare);
      const saved = parseJson<Article>((await cli([file])).stdout);
      expect(saved.url).toBe(pathToFileURL(file).href);
      expect(saved.title).toBe(page.expected!.title);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown profile with exit 2 and the list of profiles', async () => {
    const { code, stderr } = await cli(['--profile', 'joomla', pathOf(seedPage('thanh-tri-2021-01-15.txt'))]);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown profile "joomla"');
    for (const name of ['liferay-district', 'angiang-drupal', 'hanoi-ward-2025', 'generic', 'auto']) expect(stderr).toContain(name);
  });

  it('uses the profile it is given', async () => {
    const page = seedPage('khuong-thuong-2021-01-28.txt');
    const { code, stdout } = await cli([pathOf(page), '--profile', 'liferay-asset-publisher', '--base-url', page.url]);
    expect(code).toBe(0);
    expect(parseJson<Article>(stdout).profile).toBe('liferay-asset-publisher');
  });
});

describe('wardfeed extract on URLs', () => {
  let server: http.Server;
  let origin = '';
  const article = seedPage('thuong-thanh-2021-09-29.txt');

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/article.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(article.html);
      } else if (req.url === '/huge.html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        let sent = 0;
        const push = () => {
          while (sent < 12 && res.write(chunk)) sent++;
          if (sent >= 12) res.end();
          else res.once('drain', push);
        };
        push();
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('fetches a page and extracts it against --base-url', async () => {
    const { code, stdout, stderr } = await cli([`${origin}/article.html`, '--base-url', article.url]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const a = parseJson<Article>(stdout);
    expect(a).toMatchObject({ title: article.expected!.title, viewCount: 267, publishedAt: '2021-09-29T22:22:00+07:00', profile: 'liferay-district' });
  });

  it('types the failures and keeps going: http-status, too-large', async () => {
    const { code, stdout, stderr } = await cli([`${origin}/gone.html`, `${origin}/huge.html`, `${origin}/article.html`, '--base-url', article.url]);
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`wardfeed extract: ${origin}/gone.html: [http-status] HTTP 404`);
    expect(stderr).toContain(`wardfeed extract: ${origin}/huge.html: [too-large]`);
  });

  it('reports a refused connection as a network error', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const { code, stderr } = await cli([`http://127.0.0.1:${port}/x.html`]);
    expect(code).toBe(1);
    expect(stderr).toContain('[network]');
  });
});
