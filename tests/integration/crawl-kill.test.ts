/**
 * A crawl child process (`node bin/wardfeed.js crawl`) killed with SIGKILL halfway, then run again:
 * every article stored exactly once, nothing missing, nothing fetched twice that was already stored.
 * Besides a kill at a random point, kills at the points that matter: while a listing's progress is
 * being saved (its crawl-state write held by a gate in front of DynamoDB), while an older page is
 * read, and while the article pages a site's own feed names are fetched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../lib/config.ts';
import { crawlable } from '../../lib/registry/index.ts';
import { articleId, canonicalizeUrl } from '../../lib/url.ts';
import { startDynamoGate } from '../fixtures/dynamo-gate.ts';
import { addNukevietArticle, countsByWard, expectedArticles, feedHosts, NUKEVIET, oneItemFeed, expectedCounts, olderListingPages, REGISTRY_FILE, startHarness, type ExpectedArticle, type Harness } from './crawl-harness.ts';

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

function crawlChild(tableName = h.config.tableName, endpoint = h.config.dynamoEndpoint): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'bin/wardfeed.js'), 'crawl', '--strict'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DYNAMODB_ENDPOINT: endpoint,
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    // Every page 2 hangs: the child is killed while reading them, after storing every page 1
    // (a site read through its own feed reads no page 2).
    const viaFeed = feedHosts();
    const older = olderListingPages(h.registry).filter((p) => !viaFeed.has(p.host));
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

  it('SIGKILL while each source saves its progress for the first time, then a rerun: nothing missing', async () => {
    await h.useNewTable('checkpoint');
    const want = expectedCounts(expected, wardIds);
    const sources = crawlable(h.registry).sources.map((s) => s.id);
    // Every crawl-state write is held: each source stands still at its first one, and is killed there.
    const gate = await startDynamoGate(h.config.dynamoEndpoint!);
    try {
      const child = crawlChild(`${h.config.tableName}-checkpoint`, gate.endpoint);
      const childExit = exited(child);
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && !sources.every((id) => gate.held.includes(id))) await sleep(50);
      expect([...new Set(gate.held)].sort()).toEqual([...sources].sort());
      child.kill('SIGKILL');
      expect((await childExit).signal).toBe('SIGKILL');
    } finally {
      await gate.close();
    }
    const again = await h.crawl();
    expect(again.ok).toBe(true);
    expect(await countsByWard(h.store, wardIds)).toEqual(want);
  }, 120_000);

  it('SIGKILL while the article pages of a site\'s own feed are fetched, then a rerun: nothing lost, nothing fetched twice', async () => {
    await h.useNewTable('own-feed');
    const host = 'nhontrach.dongnai.gov.vn';
    const ward = 'nhon-trach-dong-nai';
    const feedArticles = expected.filter((e) => e.host === host);
    // The feed names 684, 679, 671 in that order: the last one hangs, so the kill comes after the others are stored.
    const last = feedArticles.find((e) => e.path.endsWith('-671.html'))!;
    h.server.setFault(host, last.path, { kind: 'stall', ms: 60_000 });
    h.server.resetRequests();
    const child = crawlChild(`${h.config.tableName}-own-feed`);
    const childExit = exited(child);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !h.server.requests.some((r) => r.host === host && r.path === last.path)) await sleep(50);
    child.kill('SIGKILL');
    expect((await childExit).signal).toBe('SIGKILL');
    h.server.clearFaults();
    expect(h.server.requests.filter((r) => r.host === host && r.path.startsWith('/vi/news/rss/'))).toHaveLength(1);
    const storedAtKill = feedArticles.filter((e) => e !== last).map((e) => e.id);
    for (const id of storedAtKill) expect(await h.store.get(id), id).toBeDefined();
    expect(await h.store.get(last.id)).toBeUndefined();

    h.server.resetRequests();
    const again = await h.crawl();
    expect(again.ok).toBe(true);
    expect(again.reports.find((r) => r.sourceId === 'nhontrach-hoat-dong-chinh-quyen')?.listing?.source).toBe('feed');
    expect((await countsByWard(h.store, [ward]))[ward]).toBe(expectedCounts(expected, [ward])[ward]);
    for (const e of feedArticles) expect(await h.store.get(e.id), e.url).toBeDefined();
    // The rerun read the feed again in full (nothing said it was done) and fetched only the article it lacked.
    const asked = h.server.requests.filter((r) => r.host === host && r.path !== '/robots.txt');
    expect(asked.filter((r) => r.path.startsWith('/vi/news/rss/')).map((r) => r.status)).toEqual([200]);
    expect(asked.filter((r) => feedArticles.some((e) => e.path === r.path)).map((r) => r.path)).toEqual([last.path]);
  }, 120_000);

  it('SIGKILL after the articles of a feed that overflowed, before the listing walk: the rerun still walks it', async () => {
    await h.useNewTable('overflow');
    expect((await h.crawl()).ok).toBe(true);
    // Two articles arrive; the feed names only the newest: the listing must be walked for the other.
    const older = addNukevietArticle(h.server, 693);
    const newest = addNukevietArticle(h.server, 694);
    h.server.setFault(NUKEVIET.host, NUKEVIET.feed, { kind: 'body', text: oneItemFeed(694) });
    const idOf = (path: string) => articleId(canonicalizeUrl(`https://${NUKEVIET.host}${path}`));
    // The source's first crawl-state write is held: the child is killed there.
    const gate = await startDynamoGate(h.config.dynamoEndpoint!, (id) => id === NUKEVIET.source);
    try {
      const child = crawlChild(`${h.config.tableName}-overflow`, gate.endpoint);
      const childExit = exited(child);
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && !gate.held.includes(NUKEVIET.source)) await sleep(50);
      expect(gate.held).toContain(NUKEVIET.source);
      child.kill('SIGKILL');
      expect((await childExit).signal).toBe('SIGKILL');
    } finally {
      await gate.close();
    }
    const again = await h.crawl();
    h.server.clearFaults();
    expect(again.ok).toBe(true);
    for (const path of [newest, older]) expect(await h.store.get(idOf(path)), path).toBeDefined();
  }, 120_000);
});
