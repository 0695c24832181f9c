import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_BYTES, FEED_FORBIDDEN_PACKAGES, PROJECT_ROOT } from '../../infra/bundling.ts';
import { HANDLERS, bundleHandler, type BuiltBundle } from '../../infra/bundle-handlers.ts';

const run = promisify(execFile);
const bundles = new Map<string, BuiltBundle>();

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wardfeed-bundles-'));
  // What the Lambda runtime provides next to the bundle: the AWS SDK, and nothing else.
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(PROJECT_ROOT, 'node_modules', '@aws-sdk'), join(dir, 'node_modules', '@aws-sdk'));
  for (const h of HANDLERS) bundles.set(h, await bundleHandler(h, dir));
}, 120_000);

describe('handler bundles (the stack\'s esbuild options)', () => {
  it('keep the feed handler small and free of HTML parsers', () => {
    const feed = bundles.get('serve-feed')!;
    expect(feed.bytes).toBeLessThanOrEqual(400_000);
    expect(BUNDLE_BUDGET_BYTES['serve-feed']).toBe(400_000);
    for (const pkg of FEED_FORBIDDEN_PACKAGES) expect(feed.packages, pkg).not.toContain(pkg);
    expect(feed.packages).toContain('hono');
    // The metafile lists what went in; the text confirms nothing came in some other way.
    const text = readFileSync(feed.file, 'utf8');
    expect(text).not.toMatch(/node_modules\/(cheerio|htmlparser2|parse5)\//);
  });

  it('keep the crawl handler within 2.5 MB', () => {
    const crawl = bundles.get('crawl-source')!;
    expect(crawl.bytes).toBeLessThanOrEqual(2_500_000);
    expect(BUNDLE_BUDGET_BYTES['crawl-source']).toBe(2_500_000);
    expect(crawl.packages).toContain('cheerio');
  });

  it('keep the dispatcher within its budget', () => {
    expect(bundles.get('dispatcher')!.bytes).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES.dispatcher);
  });

  it('carry a single iconv-lite, the project\'s own', () => {
    const crawl = bundles.get('crawl-source')!;
    const copies = crawl.inputs.filter((i) => /node_modules\/iconv-lite\/lib\/index\.js$/.test(i));
    expect(copies).toEqual(['node_modules/iconv-lite/lib/index.js']);
  });

  it('leave the AWS SDK and the embedded DynamoDB out (the runtime has the one, Lambda never needs the other)', () => {
    for (const b of bundles.values()) {
      expect(b.packages.filter((p) => p.startsWith('@aws-sdk/')), b.handler).toEqual([]);
      expect(b.packages, b.handler).not.toContain('dynalite');
      expect(b.packages, b.handler).not.toContain('aws-cdk-lib');
    }
  });

  it('are ES modules a fresh Node process imports, each exporting a handler function', async () => {
    for (const b of bundles.values()) {
      const script = `const m = await import(${JSON.stringify(pathToFileURL(b.file).href)}); if (typeof m.handler !== 'function') { console.error('no handler'); process.exit(3); } console.log('ok');`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: dir });
      expect(stdout.trim(), b.handler).toBe('ok');
    }
  });
});
