/**
 * The national units over HTTP with the shipped registry: every current unit has a page and
 * feeds (saying how to add a source when it has none), an official code finds its unit, the
 * merged seed wards keep their archives and point to their successors, and the index still costs
 * one Query while listing only the units that have sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../lib/http/app.ts';
import { startServer, type RunningServer } from '../../lib/http/server.ts';
import { loadRegistry } from '../../lib/registry/index.ts';
import { ROOT } from '../../lib/config.ts';
import { openEphemeralStore } from '../../lib/store/ephemeral.ts';
import type { OpenedStore } from '../../lib/store/index.ts';
import { seedArticles } from '../helpers/seed-articles.ts';

const registry = loadRegistry(`${ROOT}/lib/registry/registry.json`);
let opened: OpenedStore;
let server: RunningServer;

beforeAll(async () => {
  opened = await openEphemeralStore({ registry, tablePrefix: 'wardfeed-test-units' });
  const thanhTri = seedArticles().filter((a) => a.wardIds.includes('thanh-tri-hoang-mai'));
  expect(thanhTri.length).toBeGreaterThan(0);
  for (const a of thanhTri) await opened.store.put(a);
  server = await startServer(createApp({ store: opened.store, registry }));
}, 60_000);

afterAll(async () => {
  await server?.close();
  await opened?.close();
});

const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, { redirect: 'manual', ...init });

describe('national units over HTTP', () => {
  it('redirects /wards/<official code> to the unit page', async () => {
    const res = await get('/wards/00301');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${server.url}/wards/vinh-hung-ha-noi`);
    expect((await get('/wards/99999')).status).toBe(404);
  });

  it('serves a page and an empty feed for a unit with no source, saying how to add one', async () => {
    const covered = new Set(registry.sources.flatMap((s) => (s.ward ? [s.ward] : s.wardsByName ?? [])));
    const unit = registry.units!.current.find((w) => !covered.has(w.id))!;
    const page = await (await get(`/wards/${unit.id}`)).text();
    expect(page).toContain(unit.name);
    expect(page).toContain('wardfeed add');
    expect(page).toContain(`--ward ${unit.id}`);
    const feed = (await (await get(`/feeds/${unit.id}.json`)).json()) as { description: string; items: unknown[] };
    expect(feed.items).toEqual([]);
    expect(feed.description).toContain(`wardfeed add <địa chỉ trang tin> --ward ${unit.id}`);
    // A unit with a source says nothing of the kind.
    const withSource = await (await get('/feeds/nhon-trach-dong-nai.json')).json() as { description: string };
    expect(withSource.description).not.toContain('wardfeed add');
  });

  it('keeps the archive of a merged seed ward and links its successor in every form', async () => {
    const rss = await (await get('/feeds/thanh-tri-hoang-mai.rss')).text();
    expect(rss).toContain('<item>');
    expect(rss).toContain(`${server.url}/feeds/vinh-hung-ha-noi.rss`);
    const atom = await (await get('/feeds/thanh-tri-hoang-mai.atom')).text();
    expect(atom).toContain(`${server.url}/feeds/vinh-hung-ha-noi.atom`);
    const json = (await (await get('/feeds/thanh-tri-hoang-mai.json')).json()) as Record<string, unknown>;
    expect(JSON.stringify(json)).toContain('vinh-hung-ha-noi');
    const page = await (await get('/wards/thanh-tri-hoang-mai')).text();
    expect(page).toContain(`href="${server.url}/wards/vinh-hung-ha-noi"`);
    const record = (await (await get('/api/wards/thanh-tri-hoang-mai')).json()) as { status: string; successors: { id: string }[] };
    expect(record.status).toBe('merged');
    expect(record.successors.map((s) => s.id)).toEqual(['vinh-hung-ha-noi']);
  });

  it('finds any unit by name without diacritics or by code', async () => {
    const page = await (await get('/units?q=duong%20noi')).text();
    expect(page).toContain('data-ward="duong-noi-ha-noi"');
    const api = (await (await get('/api/units?q=26485')).json()) as { items: { id: string; code: string }[] };
    expect(api.items).toEqual([expect.objectContaining({ id: 'nhon-trach-dong-nai', code: '26485' })]);
  });

  it('accepts any current or pre-2025 unit id in the API', async () => {
    expect((await get('/api/articles?ward=nhon-trach-dong-nai')).status).toBe(200);
    expect((await get('/api/articles?ward=duong-noi-ha-dong')).status).toBe(200);
    expect((await get('/api/articles?ward=no-such-unit')).status).toBe(404);
  });

  it('lists on the index only the units with sources (and their successors), at one Query, with the unit search form', async () => {
    const before = { ...opened.store.stats };
    const page = await (await get('/')).text();
    expect(opened.store.stats.queries - before.queries).toBe(1);
    const listed = [...page.matchAll(/data-ward="([^"]+)"/g)].map((m) => m[1]);
    const withSources = new Set(registry.sources.flatMap((s) => (s.ward ? [s.ward] : s.wardsByName ?? [])));
    for (const id of withSources) expect(listed).toContain(id);
    expect(listed.length).toBeLessThan(registry.wards.length / 10);
    expect(page).toContain('action="' + server.url + '/units"');
  });
});
