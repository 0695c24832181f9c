/**
 * A crawl child process (`node bin/wardfeed.js crawl`) killed with SIGKILL halfway, then run again:
 * every article stored exactly once, nothing missing, nothing fetched twice that was already stored.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../lib/config.ts';
import { countsByWard, expectedArticles, expectedCounts, olderListingPages, REGISTRY_FILE, startHarness, type ExpectedArticle, type Harness } from './crawl-harness.ts';

let h: Harness;
let expected: ExpectedArticle[];
let wardIds: string[];
let dir: string;

beforeAll(async () => {
  // Server latency makes the crawl last long enough to be killed in the middle.
  h = await startHarness('kill', { latencyMs: 120 });
  expected = expectedArticles(h.registry);
  wardIds = h.registry.wards.map((w) => w.id);
  dir = mkdtempSync(join(tmpdir(), 'wardfeed-kill-'));
  writeFileSync(join(dir, 'ca.pem'), h.server.caCert!);
});
afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function crawlChild(tableName = h.config.tableName): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'bin/wardfeed.js'), 'crawl', '--strict'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DYNAMODB_ENDPOINT: h.config.dynamoEndpoint,
      TABLE_NAME: tableName,
      WARDFEED_REGISTRY: REGISTRY_FILE,
      WARDFEED_RESOLVE: Object.entries(h.server.resolve).map(([host, to]) => `${host}=${to}`).join(','),
      WARDFEED_ALLOW_PRIVATE: '1',
      WARDFEED_EXTRA_CA: join(dir, 'ca.pem'),
      WARDFEED_DELAY_MS: '0',
      AWS_ACCESS_KEY_ID: 'wardfeedlocal',
      AWS_SECRET_ACCESS_KEY: 'wardfeedlocal',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) => child.once('exit', (code, signal) => ok({ code, signal })));

describe('crash safety', () => {
  it('SIGKILL halfway, then a rerun: every article once, nothing missing', async () => {
    const want = expectedCounts(expected, wardIds);
    const total = Object.values(want).reduce((a, b) => a + b, 0);
    const first = crawlChild();
    const firstExit = exited(first);
    // Wait until some, but not all, articles are stored.
    let stored = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      stored = Object.values(await countsByWard(h.store, wardIds)).reduce((a, b) => a + b, 0);
      if (stored >= 3) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    first.kill('SIGKILL');
    expect((await firstExit).signal).toBe('SIGKILL');
    const afterKill = await countsByWard(h.store, wardIds);
    const storedAtKill = Object.values(afterKill).reduce((a, b) => a + b, 0);
    expect(storedAtKill).toBeGreaterThan(0);
    expect(storedAtKill).toBeLessThan(total);
    const storedIds = new Set<string>();
    for (const e of expected) if (await h.store.get(e.id)) storedIds.add(e.id);

    h.server.resetRequests();
    const second = crawlChild();
    let out = '';
    second.stdout!.on('data', (d) => (out += d));
    second.stderr!.on('data', (d) => (out += d));
    const { code } = await exited(second);
    expect(code, out).toBe(0);
    expect(await countsByWard(h.store, wardIds)).toEqual(want);
    // Articles stored before the kill were not fetched again.
    const refetched = h.server.requests.filter((r) => expected.some((e) => e.path === r.path && e.host === r.host && storedIds.has(e.id)));
    expect(refetched).toEqual([]);
  }, 120_000);

  it('SIGKILL while an older listing page is being read, then a rerun: nothing missing', async () => {
    await h.useNewTable('older-page');
    const want = expectedCounts(expected, wardIds);
    // Every page 2 hangs: the child is killed while reading them, after storing every page 1.
    const older = olderListingPages(h.registry);
    for (const p of older) h.server.setFault(p.host, p.path, { kind: 'stall', ms: 60_000 });
    h.server.resetRequests();
    const child = crawlChild(`${h.config.tableName}-older-page`);
    const childExit = exited(child);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const asked = new Set(h.server.requests.map((r) => `${r.host}${r.path}`));
      if (older.every((p) => asked.has(`${p.host}${p.path}`))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    expect((await childExit).signal).toBe('SIGKILL');
    h.server.clearFaults();
    const storedAtKill = Object.values(await countsByWard(h.store, wardIds)).reduce((a, b) => a + b, 0);
    expect(storedAtKill).toBeGreaterThan(0);

    const again = await h.crawl();
    expect(again.ok).toBe(true);
    expect(await countsByWard(h.store, wardIds)).toEqual(want);
  }, 120_000);
});
