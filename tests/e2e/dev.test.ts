/**
 * The local stack of `wardfeed dev`: a crawl at start and on a timer that never overlaps itself,
 * an unreachable site logged with its error kind while the server keeps serving, and a clean stop.
 */
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runLocalStack, type LocalStack } from '../../lib/cli/dev.ts';
import { FIXTURE_REGISTRY } from '../../lib/cli/demo.ts';
import { loadRegistry } from '../../lib/registry/index.ts';
import { openEphemeralStore } from '../../lib/store/ephemeral.ts';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';

const registry = loadRegistry(FIXTURE_REGISTRY);
const DOWN_HOST = 'mylong.longxuyen.angiang.gov.vn';
let sites: FixtureServer;
let stack: LocalStack;
const lines: string[] = [];

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

beforeAll(async () => {
  sites = await startFixtureServer({ https: true, latencyMs: 20 });
  const resolve = { ...sites.resolve, [DOWN_HOST]: `127.0.0.1:${await closedPort()}` };
  const opened = await openEphemeralStore({ registry, tablePrefix: 'wardfeed-dev-test' });
  stack = await runLocalStack({
    registry,
    opened,
    port: 0,
    intervalMs: 100,
    fetcher: { resolve, allowPrivate: true, delayMs: 0, retries: 1, retryBaseMs: 5, retryMaxMs: 10, caCerts: [sites.caCert!] },
    log: (l) => lines.push(l),
  });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await sites?.close();
});

it('logs the unreachable site with its kind and keeps serving the others', async () => {
  await stack.firstCrawl;
  expect(lines.find((l) => l.startsWith('crawl mylong-tin-tuc: failed'))).toMatch(/failed \[network\]/);
  const ok = await fetch(`${stack.server.url}/feeds/thanh-tri-hoang-mai.rss`);
  expect(ok.status).toBe(200);
  expect((await ok.text()).match(/<item>/g)?.length).toBeGreaterThan(0);
  const down = await fetch(`${stack.server.url}/feeds/my-long-long-xuyen.json`);
  expect(down.status).toBe(200);
  expect(((await down.json()) as { items: unknown[] }).items).toEqual([]);
  // The crawl's summary: the sources each family took (the fixture registry names one NukeViet source).
  expect(lines.find((l) => l.startsWith('families (sources): '))).toMatch(/\bnukeviet 1\b/);
  expect(lines).toContain('fell back to generic: none');
  const status = (await (await fetch(`${stack.server.url}/api/status`)).json()) as { items: Array<{ id: string }> };
  expect(status.items.find((s: { id: string }) => s.id === 'mylong-tin-tuc')).toMatchObject({ state: 'failing', lastError: { kind: 'network' } });
});

it('crawls again on the timer, one run at a time, and stops cleanly', async () => {
  const deadline = Date.now() + 30_000;
  while (lines.filter((l) => l.startsWith('crawl done')).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const events = lines.filter((l) => l.startsWith('crawl started') || l.startsWith('crawl done')).map((l) => (l.startsWith('crawl started') ? 'start' : 'done'));
  expect(events.filter((e) => e === 'done').length).toBeGreaterThanOrEqual(3);
  // Strictly alternating: no run starts before the previous one is done.
  events.forEach((e, i) => expect(e).toBe(i % 2 === 0 ? 'start' : 'done'));
  const url = stack.server.url;
  await stack.stop();
  await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  const after = lines.length;
  await new Promise((r) => setTimeout(r, 300));
  expect(lines.length).toBe(after); // the timer is gone
});
