/**
 * DynamoArticleStore over the real DynamoDB wire protocol: the embedded DynamoDB, or the endpoint
 * in DYNAMODB_ENDPOINT (with a table of this file's own).
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../lib/article.ts';
import { loadConfig } from '../../lib/config.ts';
import { WardfeedError } from '../../lib/errors.ts';
import type { Registry } from '../../lib/registry/types.ts';
import { openEphemeralStore } from '../../lib/store/ephemeral.ts';
import type { DynamoArticleStore, OpenedStore } from '../../lib/store/index.ts';
import { anArticle } from '../helpers/articles.ts';
import { omit } from '../helpers/object.ts';

const registry: Registry = {
  file: 'test-registry.json',
  wards: [
    { id: 'thanh-tri', name: 'Phường Thanh Trì', province: 'Thành phố Hà Nội', legacyDistrict: 'Quận Hoàng Mai', status: 'active' },
    { id: 'linh-nam', name: 'Phường Lĩnh Nam', province: 'Thành phố Hà Nội', legacyDistrict: 'Quận Hoàng Mai', status: 'active' },
    { id: 'thuong-thanh', name: 'Phường Thượng Thanh', province: 'Thành phố Hà Nội', legacyDistrict: 'Quận Long Biên', status: 'merged', mergedInto: 'viet-hung' },
    { id: 'my-long', name: 'Phường Mỹ Long', province: 'Tỉnh An Giang', legacyDistrict: 'Thành phố Long Xuyên', status: 'active' },
  ],
  sources: [],
};

function article(key: string, over: Partial<Article> = {}): Article {
  const id = `t${key}`.replace(/[^\w-]/g, '-');
  const url = `https://example.gov.vn/tin/${key}`;
  return anArticle({
    id,
    url,
    canonicalUrl: url,
    wardIds: ['thanh-tri'],
    sourceId: 'hoangmai-thanh-tri',
    title: `Tin ${key}: Đảng ủy phường Thanh Trì họp giao ban`,
    publishedAt: '2021-01-15T16:12:00+07:00',
    datePrecision: 'minute',
    dateSource: 'page',
    category: 'phường thanh trì',
    viewCount: 246,
    bodyHtml: `<p>Nội dung ${key}</p>`,
    bodyText: `Nội dung ${key}`,
    images: [{ src: `https://example.gov.vn/img/${key}.jpg`, caption: 'Hình ảnh buổi làm việc' }],
    attachments: [{ url: `https://example.gov.vn/doc/${key}.pdf`, title: 'Kế hoạch', type: 'pdf' }],
    profile: 'liferay-district',
    contentHash: `hash-${key}-v1`,
    firstSeenAt: '2021-01-16T08:00:00+07:00',
    lastCheckedAt: '2021-01-16T08:00:00+07:00',
    revisions: 0,
    ...over,
  });
}

let opened: OpenedStore;
let store: DynamoArticleStore;

beforeAll(async () => {
  opened = await openEphemeralStore({ registry, tablePrefix: 'wardfeed-store-test' });
  store = opened.store;
});
afterAll(async () => {
  await opened?.close();
});

const ids = (items: Article[]) => items.map((a) => a.id);
const delta = (before: typeof store.stats) => ({
  reads: store.stats.reads - before.reads,
  writes: store.stats.writes - before.writes,
  queries: store.stats.queries - before.queries,
  calls: store.stats.calls - before.calls,
});

async function expectKind(p: Promise<unknown>, kind: string) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(WardfeedError);
  expect((e as WardfeedError).kind).toBe(kind);
}

describe('put / get', () => {
  it('stores a new article and reads it back unchanged', async () => {
    const a = article('put-1', { author: 'Ban biên tập', summary: '', viewCount: 0 });
    expect(await store.put(a)).toBe('new');
    expect(await store.get(a.id)).toEqual(a);
    expect(await store.get('t-does-not-exist')).toBeUndefined();
  });

  it('does not write an unchanged article again', async () => {
    const a = article('put-2');
    expect(await store.put(a)).toBe('new');
    const before = { ...store.stats };
    expect(await store.put({ ...a, lastCheckedAt: '2021-02-01T00:00:00+07:00' })).toBe('unchanged');
    expect(delta(before).writes).toBe(0);
    expect((await store.get(a.id))!.lastCheckedAt).toBe('2021-01-16T08:00:00+07:00');
  });

  it('with touch, an unchanged article gets only its lastCheckedAt updated', async () => {
    const a = article('put-3');
    await store.put(a);
    const before = { ...store.stats };
    expect(await store.put({ ...a, lastCheckedAt: '2021-03-01T09:30:00+07:00', title: a.title }, { touch: true })).toBe('unchanged');
    expect(delta(before).writes).toBe(1);
    const got = await store.get(a.id);
    expect(got!.lastCheckedAt).toBe('2021-03-01T09:30:00+07:00');
    expect(got!.revisions).toBe(0);
  });

  it('an edit bumps revisions, records when it changed and keeps firstSeenAt', async () => {
    const a = article('put-4');
    await store.put(a);
    expect((await store.get(a.id))!.updatedAt).toBeUndefined();
    const edited = {
      ...a,
      title: 'Tin put-4 (đã sửa)',
      contentHash: 'hash-put-4-v2',
      firstSeenAt: '2021-05-05T00:00:00+07:00',
      lastCheckedAt: '2021-05-05T00:00:00+07:00',
    };
    expect(await store.put(edited)).toBe('updated');
    let got = await store.get(a.id);
    expect(got!.revisions).toBe(1);
    expect(got!.firstSeenAt).toBe('2021-01-16T08:00:00+07:00');
    expect(got!.title).toBe('Tin put-4 (đã sửa)');
    expect(got!.updatedAt).toBe('2021-05-05T00:00:00+07:00');
    // A later check that finds the same content leaves the time of the last change alone.
    expect(await store.put({ ...edited, lastCheckedAt: '2021-06-01T00:00:00+07:00' }, { touch: true })).toBe('unchanged');
    expect((await store.get(a.id))!.updatedAt).toBe('2021-05-05T00:00:00+07:00');
    expect(await store.put({ ...edited, contentHash: 'hash-put-4-v3', revisions: 0 })).toBe('updated');
    got = await store.get(a.id);
    expect(got!.revisions).toBe(2);
    // The same article twice is one item: the ward feed holds it once.
    const feed = await store.list({ kind: 'ward', wardId: 'thanh-tri' }, { limit: 1000 });
    expect(ids(feed.items).filter((id) => id === a.id)).toEqual([a.id]);
  });

  it('existing() tells which ids are stored', async () => {
    await store.put(article('ex-1'));
    const found = await store.existing(['tex-1', 'tex-nope', 'tex-1']);
    expect([...found]).toEqual(['tex-1']);
    expect((await store.existing([])).size).toBe(0);
  });

  it('refuses a malformed article with a bad-request error and stores nothing', async () => {
    await expectKind(store.put(article('bad-1', { publishedAt: 'hôm qua' })), 'bad-request');
    await expectKind(store.put(article('bad-2', { wardIds: [] })), 'bad-request');
    expect(await store.get('tbad-1')).toBeUndefined();
  });
});

describe('removal', () => {
  it('markRemoved keeps the article readable and out of feeds', async () => {
    const w = { kind: 'ward', wardId: 'linh-nam' } as const;
    const keep = article('rm-keep', { wardIds: ['linh-nam'], publishedAt: '2022-01-01T10:00:00+07:00' });
    const gone = article('rm-gone', { wardIds: ['linh-nam'], publishedAt: '2022-01-02T10:00:00+07:00' });
    await store.put(keep);
    await store.put(gone);
    await store.markRemoved(gone.id, '2022-02-01T00:00:00+07:00');
    const got = await store.get(gone.id);
    expect(got!.removedAt).toBe('2022-02-01T00:00:00+07:00');
    expect(got!.title).toBe(gone.title);
    expect(ids((await store.list(w, { limit: 10 })).items)).toEqual([keep.id]);
    expect(ids((await store.list(w, { limit: 10, includeRemoved: true })).items)).toEqual([gone.id, keep.id]);
    expect(ids((await store.list({ kind: 'district', province: 'Thành phố Hà Nội', district: 'Quận Hoàng Mai' }, { limit: 1000 })).items)).not.toContain(gone.id);
    // A second report keeps the first removal date.
    await store.markRemoved(gone.id, '2022-03-01T00:00:00+07:00');
    expect((await store.get(gone.id))!.removedAt).toBe('2022-02-01T00:00:00+07:00');
    await expectKind(store.markRemoved('t-never-stored', '2022-02-01T00:00:00+07:00'), 'not-found');
  });

  it('a removed page that comes back is listed again', async () => {
    const a = article('rm-back', { wardIds: ['linh-nam'], publishedAt: '2022-01-03T10:00:00+07:00' });
    await store.put(a);
    await store.markRemoved(a.id, '2022-02-01T00:00:00+07:00');
    expect(await store.put({ ...a, lastCheckedAt: '2022-04-01T00:00:00+07:00' })).toBe('updated');
    const got = await store.get(a.id);
    expect(got!.removedAt).toBeUndefined();
    expect(got!.revisions).toBe(0);
    expect(ids((await store.list({ kind: 'ward', wardId: 'linh-nam' }, { limit: 10 })).items)).toContain(a.id);
  });

  it('many removed articles are skipped and the page is still filled', async () => {
    const w = { kind: 'ward', wardId: 'my-long' } as const;
    const all: Article[] = [];
    for (let d = 1; d <= 28; d++) {
      all.push(article(`ml-${d}`, { wardIds: ['my-long'], sourceId: 'angiang-my-long', publishedAt: `2023-11-${String(d).padStart(2, '0')}T08:00:00+07:00` }));
    }
    await Promise.all(all.map((a) => store.put(a)));
    // Remove the 20 newest: the feed must reach past them.
    for (const a of all.slice(8)) await store.markRemoved(a.id, '2023-12-01T00:00:00+07:00');
    const page = await store.list(w, { limit: 5 });
    expect(ids(page.items)).toEqual(['tml-8', 'tml-7', 'tml-6', 'tml-5', 'tml-4']);
    const rest = await store.list(w, { limit: 5, cursor: page.cursor });
    expect(ids(rest.items)).toEqual(['tml-3', 'tml-2', 'tml-1']);
    expect(rest.cursor).toBeUndefined();
  });
});

describe('ward feeds', () => {
  const w = { kind: 'ward', wardId: 'thuong-thanh' } as const;
  // Given out of order, with mixed offsets: 09-29 22:22 +07:00 is 15:22Z.
  const dates = [
    '2021-09-29T22:22:00+07:00',
    '2021-09-28T08:00:00+07:00',
    '2021-09-29T15:00:00Z', // 22:00 +07:00, 22 minutes before the first
    '2021-10-02T07:00:00+07:00',
    '2021-09-30T00:00:00+07:00',
    '2021-09-01T12:00:00+07:00',
    '2021-10-01T23:59:00+07:00',
  ];
  const wardArticles = dates.map((d, n) => article(`tt-${n}`, { wardIds: ['thuong-thanh'], sourceId: 'longbien', publishedAt: d }));
  // Newest first, by hand: 10-02 07:00, 10-01 23:59, 09-30 00:00, 09-29 22:22, 09-29 22:00, 09-28, 09-01.
  const newestFirst = ['ttt-3', 'ttt-6', 'ttt-4', 'ttt-0', 'ttt-2', 'ttt-1', 'ttt-5'];

  beforeAll(async () => {
    for (const a of wardArticles) await store.put(a);
  });

  it('lists newest first, paging with an opaque cursor', async () => {
    const p1 = await store.list(w, { limit: 3 });
    expect(ids(p1.items)).toEqual(newestFirst.slice(0, 3));
    expect(p1.cursor).toMatch(/^[\w-]+$/);
    const p2 = await store.list(w, { limit: 3, cursor: p1.cursor });
    expect(ids(p2.items)).toEqual(newestFirst.slice(3, 6));
    const p3 = await store.list(w, { limit: 3, cursor: p2.cursor });
    expect(ids(p3.items)).toEqual(newestFirst.slice(6));
    expect(p3.cursor).toBeUndefined();
    expect(ids((await store.list(w, { limit: 1000 })).items)).toEqual(newestFirst);
  });

  it('filters by publishedAt with from/to (inclusive; bare dates are Vietnam days)', async () => {
    const r = await store.list(w, { limit: 10, from: '2021-09-29T22:00:00+07:00', to: '2021-10-01T23:59:00+07:00' });
    expect(ids(r.items)).toEqual(['ttt-6', 'ttt-4', 'ttt-0', 'ttt-2']);
    const day = await store.list(w, { limit: 10, from: '2021-09-29', to: '2021-09-29' });
    expect(ids(day.items)).toEqual(['ttt-0', 'ttt-2']);
    const after = await store.list(w, { limit: 2, from: '2021-09-29' });
    expect(ids(after.items)).toEqual(['ttt-3', 'ttt-6']);
    const next = await store.list(w, { limit: 10, from: '2021-09-29', cursor: after.cursor });
    expect(ids(next.items)).toEqual(['ttt-4', 'ttt-0', 'ttt-2']);
    const before = await store.list(w, { limit: 10, to: '2021-09-28T08:00:00+07:00' });
    expect(ids(before.items)).toEqual(['ttt-1', 'ttt-5']);
    expect((await store.list(w, { limit: 10, from: '2021-10-05', to: '2021-09-01' })).items).toEqual([]);
  });

  it('an article of several wards is in each ward feed', async () => {
    const both = article('both', { wardIds: ['thanh-tri', 'my-long'], publishedAt: '2030-01-01T00:00:00+07:00' });
    await store.put(both);
    expect(ids((await store.list({ kind: 'ward', wardId: 'thanh-tri' }, { limit: 1 })).items)).toEqual([both.id]);
    expect(ids((await store.list({ kind: 'ward', wardId: 'my-long' }, { limit: 1 })).items)).toEqual([both.id]);
    expect(ids((await store.list({ kind: 'province', province: 'Tỉnh An Giang' }, { limit: 1 })).items)).toEqual([both.id]);
    expect(ids((await store.list({ kind: 'province', province: 'thanh-pho-ha-noi' }, { limit: 1 })).items)).toEqual([both.id]);
    // Once in an aggregate that holds both wards.
    const all = await store.list({ kind: 'all' }, { limit: 5 });
    expect(ids(all.items).filter((id) => id === both.id)).toHaveLength(1);
  });

  it('a changed date or ward moves the article instead of copying it', async () => {
    const a = article('move', { wardIds: ['thuong-thanh'], publishedAt: '2021-09-15T12:00:00+07:00' });
    await store.put(a);
    expect(await store.put({ ...a, publishedAt: '2021-10-03T12:00:00+07:00', wardIds: ['thuong-thanh', 'linh-nam'] })).toBe('updated');
    const feed = ids((await store.list(w, { limit: 1000 })).items);
    expect(feed.filter((id) => id === a.id)).toHaveLength(1);
    expect(feed[0]).toBe(a.id);
    expect((await store.get(a.id))!.revisions).toBe(0);
    expect(await store.put({ ...a, publishedAt: '2021-10-03T12:00:00+07:00', wardIds: ['linh-nam'] })).toBe('updated');
    expect(ids((await store.list(w, { limit: 1000 })).items)).toEqual(newestFirst);
  });

  it('refuses bad limits, cursors and dates with bad-request', async () => {
    for (const limit of [0, 1001, 2.5, Number.NaN]) await expectKind(store.list(w, { limit }), 'bad-request');
    await expectKind(store.list(w, { limit: 5, cursor: 'not-a-cursor' }), 'bad-request');
    const other = await store.list({ kind: 'ward', wardId: 'thanh-tri' }, { limit: 1 });
    await expectKind(store.list(w, { limit: 5, cursor: other.cursor }), 'bad-request');
    await expectKind(store.list(w, { limit: 5, from: 'yesterday' }), 'bad-request');
    await expectKind(store.list({ kind: 'province', province: '  ' }, { limit: 5 }), 'bad-request');
  });

  it('refuses a cursor with an empty or malformed sort key with bad-request, never a store failure', async () => {
    const cursor = (c: Record<string, unknown>) => Buffer.from(JSON.stringify({ v: 1, ...c }), 'utf8').toString('base64url');
    const hanoi = { kind: 'province', province: 'Thành phố Hà Nội' } as const;
    const ward = { kind: 'ward', wardId: 'thanh-tri' } as const;
    for (const [scope, c] of [
      [ward, { s: 'W#thanh-tri', k: '' }],
      [ward, { s: 'W#thanh-tri', k: 'not-a-key' }],
      [hanoi, { s: 'P#thanh-pho-ha-noi', m: '2021-01', k: '' }],
      [hanoi, { s: 'P#thanh-pho-ha-noi', m: '2021-01', k: '2020-12-01T00:00:00.000Z#x' }],
      [hanoi, { s: 'P#thanh-pho-ha-noi', k: '2021-01-01T00:00:00.000Z#x' }],
    ] as const) {
      await expectKind(store.list(scope, { limit: 5, cursor: cursor(c) }), 'bad-request');
    }
  });
});

describe('crash safety and concurrency', () => {
  it('concurrent puts of one new article store one item', async () => {
    const a = article('race', { wardIds: ['my-long'], publishedAt: '2023-05-05T05:05:00+07:00' });
    const results = await Promise.all(Array.from({ length: 5 }, () => store.put(a)));
    expect(results.filter((r) => r === 'new')).toHaveLength(1);
    expect(results.filter((r) => r === 'unchanged')).toHaveLength(4);
    const feed = await store.list({ kind: 'ward', wardId: 'my-long' }, { limit: 1000, from: '2023-05-05', to: '2023-05-05' });
    expect(ids(feed.items)).toEqual([a.id]);
  });

  it('feed entries whose article was never written are skipped, and a rerun completes them', async () => {
    // What a crash between the entry writes and the article write leaves behind.
    const raw = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: opened.endpoint,
        region: loadConfig().region,
        // Local endpoints take any key; elsewhere the default chain.
        ...(opened.endpoint.startsWith('http://127.0.0.1') ? { credentials: { accessKeyId: 'x', secretAccessKey: 'x' } } : {}),
      }),
    );
    const orphan = article('orphan', { wardIds: ['thanh-tri'], publishedAt: '2031-01-01T00:00:00+07:00' });
    await raw.send(
      new PutCommand({ TableName: store.tableName, Item: { pk: 'W#thanh-tri', sk: '2030-12-31T17:00:00.000Z#torphan', id: 'torphan' } }),
    );
    const w = { kind: 'ward', wardId: 'thanh-tri' } as const;
    expect(ids((await store.list(w, { limit: 1 })).items)).not.toContain('torphan');
    expect(await store.put(orphan)).toBe('new');
    const feed = ids((await store.list(w, { limit: 1000 })).items);
    expect(feed[0]).toBe('torphan');
    expect(feed.filter((id) => id === 'torphan')).toHaveLength(1);
    raw.destroy();
  });

  it('an article of 30 wards is written in several batches and listed in each', async () => {
    const wards = Array.from({ length: 30 }, (_, n) => `many-${n}`);
    const a = article('many', { wardIds: wards });
    expect(await store.put(a)).toBe('new');
    for (const wardId of [wards[0], wards[29]]) {
      expect(ids((await store.list({ kind: 'ward', wardId }, { limit: 5 })).items)).toEqual([a.id]);
    }
    await store.markRemoved(a.id, '2024-01-01T00:00:00+07:00');
    expect((await store.list({ kind: 'ward', wardId: wards[17] }, { limit: 5 })).items).toEqual([]);
  });
});

describe('large bodies', () => {
  it('stores a 2 MB compressible body whole, compressed', async () => {
    const para = 'Đảng ủy phường Thanh Trì họp giao ban Bí thư chi bộ mở rộng tháng 01/2021. ';
    const text = para.repeat(Math.ceil((2 * 1024 * 1024) / Buffer.byteLength(para)));
    const html = `<p>${text}</p>`;
    expect(Buffer.byteLength(html)).toBeGreaterThan(2 * 1024 * 1024);
    const a = article('big-1', { bodyHtml: html, bodyText: text });
    expect(await store.put(a)).toBe('new');
    const got = await store.get(a.id);
    expect(got!.bodyHtml).toBe(html);
    expect(got!.bodyText).toBe(text);
    expect(got!.truncated).toBeUndefined();
  });

  it('cuts a 2 MB incompressible body to fit, flags it, and never fails the write', async () => {
    const text = randomBytes(1536 * 1024).toString('base64'); // 2 MB of text brotli cannot shrink much
    const html = `<p>${text.slice(0, 1_000_000)}</p><p>${text.slice(1_000_000)}</p>`;
    const a = article('big-2', { bodyHtml: html, bodyText: text });
    expect(await store.put(a)).toBe('new');
    const got = await store.get(a.id);
    expect(got!.truncated).toBe(true);
    expect(got!.bodyText.length).toBeGreaterThan(50_000);
    expect(got!.bodyText.length).toBeLessThan(text.length);
    expect(text.startsWith(got!.bodyText)).toBe(true);
    expect(html.startsWith(got!.bodyHtml)).toBe(true);
    // Cut between tags, never inside one.
    expect(got!.bodyHtml.lastIndexOf('<')).toBeLessThan(Math.max(got!.bodyHtml.lastIndexOf('>'), 0) + 1);
    expect(got!.title).toBe(a.title);
  });
});

describe('crawl state, stale articles, counts', () => {
  it('round-trips crawl states and lists them from one partition', async () => {
    const s1 = {
      sourceId: 'src-b',
      validators: { 'https://example.gov.vn/tin?page=1': { etag: '"abc"', lastModified: 'Tue, 15 Jan 2021 09:12:00 GMT' } },
      lastAttemptAt: '2025-07-20T21:08:00+07:00',
      lastSuccessAt: '2025-07-20T21:08:00+07:00',
      consecutiveFailures: 0,
      lastItemCount: 12,
      emptyRuns: 0,
    };
    const s2 = {
      sourceId: 'src-a',
      validators: {},
      consecutiveFailures: 3,
      lastError: { kind: 'tls' as const, message: 'unable to verify the first certificate', at: '2025-07-20T21:08:00+07:00', url: 'https://a.example.vn/' },
    };
    expect(await store.getCrawlState('src-a')).toBeUndefined();
    await store.putCrawlState(s1);
    await store.putCrawlState(s2);
    expect(await store.getCrawlState('src-b')).toEqual(s1);
    expect(await store.getCrawlState('src-a')).toEqual(s2);
    await store.putCrawlState({ ...s2, consecutiveFailures: 4 });
    const before = { ...store.stats };
    const listed = await store.listCrawlStates();
    expect(delta(before)).toMatchObject({ queries: 1, calls: 1 });
    expect(listed).toEqual([{ ...s2, consecutiveFailures: 4 }, s1]);
  });

  it('staleArticles gives the least recently checked of a source, oldest first', async () => {
    const src = 'stale-src';
    const checks = ['2024-03-05T00:00:00+07:00', '2024-03-01T00:00:00+07:00', '2024-03-09T00:00:00+07:00', '2024-03-03T00:00:00+07:00'];
    for (const [n, c] of checks.entries()) {
      await store.put(article(`st-${n}`, { sourceId: src, wardIds: ['my-long'], publishedAt: '2024-02-01T00:00:00+07:00', lastCheckedAt: c }));
    }
    await store.put(article('st-other', { sourceId: 'another-src', lastCheckedAt: '2020-01-01T00:00:00+07:00' }));
    expect(ids(await store.staleArticles(src, '2024-03-06T00:00:00+07:00', 10))).toEqual(['tst-1', 'tst-3', 'tst-0']);
    expect(ids(await store.staleArticles(src, '2024-03-06T00:00:00+07:00', 2))).toEqual(['tst-1', 'tst-3']);
    // A recheck moves it to the back.
    await store.put(article('st-1', { sourceId: src, wardIds: ['my-long'], publishedAt: '2024-02-01T00:00:00+07:00', lastCheckedAt: '2024-03-10T00:00:00+07:00' }), { touch: true });
    expect(ids(await store.staleArticles(src, '2024-03-06T00:00:00+07:00', 10))).toEqual(['tst-3', 'tst-0']);
    // An article checked at the very instant asked about counts as stale (a zero recheck age rechecks everything).
    expect(ids(await store.staleArticles(src, '2024-03-05T00:00:00+07:00', 10))).toEqual(['tst-3', 'tst-0']);
    expect(ids(await store.staleArticles(src, '2024-03-04T23:59:59+07:00', 10))).toEqual(['tst-3']);
    expect(await store.countBySource(src)).toBe(4);
    expect(await store.countBySource('no-such-source')).toBe(0);
  });
});

describe('aggregate feeds', () => {
  it('walks province and district months newest first, with cursors across months', async () => {
    const d = { kind: 'district', province: 'Thành phố Hà Nội', district: 'Quận Long Biên' } as const;
    // Long Biên holds only thuong-thanh; add articles in three months, one month empty in between.
    const extra = [
      article('lb-1', { wardIds: ['thuong-thanh'], publishedAt: '2021-06-10T08:00:00+07:00' }),
      article('lb-2', { wardIds: ['thuong-thanh'], publishedAt: '2021-06-20T08:00:00+07:00' }),
      article('lb-3', { wardIds: ['thuong-thanh'], publishedAt: '2021-04-02T08:00:00+07:00' }),
    ];
    for (const a of extra) await store.put(a);
    const expected = [...(await store.list({ kind: 'ward', wardId: 'thuong-thanh' }, { limit: 1000 })).items];
    expect(expected.length).toBeGreaterThanOrEqual(10);
    // The ward feed is the single-ward truth; the district feed must give the same, paged.
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.list(d, { limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...ids(page.items));
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 20);
    expect(cursor).toBeUndefined();
    expect(seen).toEqual(ids(expected));
    // Province with from/to crossing months.
    const q2 = await store.list({ kind: 'province', province: 'Thành phố Hà Nội' }, { limit: 10, from: '2021-04-01', to: '2021-06-15' });
    expect(ids(q2.items)).toEqual(['tlb-1', 'tlb-3']);
  });
});

describe('cost does not grow with the table', () => {
  it('1,000 articles across 20 wards: a ward feed of 30 is ≤ 2 calls, aggregates ≤ 4', async () => {
    const wards = Array.from({ length: 20 }, (_, n) => `scale-ward-${n}`);
    const scaleRegistry = { ...registry, wards: wards.map((id, n) => ({ id, name: id, province: n < 10 ? 'Tỉnh Scale A' : 'Tỉnh Scale B', legacyDistrict: `Huyện Scale ${n % 4}`, status: 'active' as const })) };
    const scale = await openEphemeralStore({ registry: scaleRegistry, tablePrefix: 'wardfeed-store-scale' });
    try {
      const s = scale.store;
      const base = Date.parse('2024-01-01T00:00:00+07:00');
      const all = Array.from({ length: 1000 }, (_, n) =>
        article(`sc-${n}`, {
          wardIds: [wards[n % 20]],
          sourceId: `scale-src-${n % 20}`,
          // 1000 articles, 7 hours apart: about 10 months.
          publishedAt: new Date(base + n * 7 * 3600_000).toISOString(),
        }),
      );
      for (let i = 0; i < all.length; i += 50) await Promise.all(all.slice(i, i + 50).map((a) => s.put(a)));

      const cost = async (scope: Parameters<typeof s.list>[0], opts = {}) => {
        const before = { ...s.stats };
        const page = await s.list(scope, { limit: 30, ...opts });
        return { page, calls: s.stats.calls - before.calls, queries: s.stats.queries - before.queries };
      };
      const ward = await cost({ kind: 'ward', wardId: 'scale-ward-7' });
      expect(ward.page.items).toHaveLength(30);
      expect(ward.calls).toBeLessThanOrEqual(2);
      expect(ward.queries).toBe(1);
      // Ward 7 got articles 7, 27, 47, … 987: the newest is 987.
      expect(ward.page.items[0].id).toBe('tsc-987');
      expect(ward.page.items[29].id).toBe(`tsc-${987 - 29 * 20}`);

      const second = await cost({ kind: 'ward', wardId: 'scale-ward-7' }, { cursor: ward.page.cursor });
      expect(second.calls).toBeLessThanOrEqual(2);
      expect(second.page.items[0].id).toBe(`tsc-${987 - 30 * 20}`);

      const everything = await cost({ kind: 'all' });
      expect(ids(everything.page.items)).toEqual(Array.from({ length: 30 }, (_, n) => `tsc-${999 - n}`));
      expect(everything.calls).toBeLessThanOrEqual(4);

      const province = await cost({ kind: 'province', province: 'Tỉnh Scale B' });
      // Province B: wards 10-19, i.e. n % 20 >= 10.
      const expectedB = Array.from({ length: 1000 }, (_, n) => 999 - n).filter((n) => n % 20 >= 10).slice(0, 30).map((n) => `tsc-${n}`);
      expect(ids(province.page.items)).toEqual(expectedB);
      expect(province.calls).toBeLessThanOrEqual(4);

      // "Huyện Scale 3" exists in both provinces (wards 3, 7 in A; 11, 15, 19 in B): each
      // province's district feed holds only its own wards.
      const district = await cost({ kind: 'district', province: 'Tỉnh Scale B', district: 'Huyện Scale 3' });
      const expectedB3 = Array.from({ length: 1000 }, (_, n) => 999 - n).filter((n) => [11, 15, 19].includes(n % 20)).slice(0, 30).map((n) => `tsc-${n}`);
      expect(ids(district.page.items)).toEqual(expectedB3);
      // Three wards of twenty: its 30 newest span 58 days, three months at most, so the month
      // list, one Query per month and one BatchGetItem.
      expect(district.calls).toBeLessThanOrEqual(5);
      const districtA = await cost({ kind: 'district', province: 'tinh-scale-a', district: 'huyen-scale-3' });
      const expectedA3 = Array.from({ length: 1000 }, (_, n) => 999 - n).filter((n) => [3, 7].includes(n % 20)).slice(0, 30).map((n) => `tsc-${n}`);
      expect(ids(districtA.page.items)).toEqual(expectedA3);
      // A cursor of one province's district does not page the other's.
      await expectKind(s.list({ kind: 'district', province: 'Tỉnh Scale A', district: 'Huyện Scale 3' }, { limit: 30, cursor: district.page.cursor }), 'bad-request');

      // A deep page of "all" stays bounded too.
      const deep = await cost({ kind: 'all' }, { limit: 1000 });
      expect(deep.page.items).toHaveLength(1000);
      expect(deep.queries).toBeLessThanOrEqual(30);
      expect(await s.countBySource('scale-src-3')).toBe(50);
    } finally {
      await scale.close();
    }
  }, 120_000);
});

describe('feed entries carry article versions', () => {
  it('each entry names its article\'s version, kept up by edits and removals, and listEntries plus articlesOf is list', async () => {
    const w = { kind: 'ward', wardId: 'my-long' } as const;
    const a = article('versioned', { wardIds: ['my-long'], publishedAt: '2035-01-01T08:00:00+07:00' });
    await store.put(a);
    const top = async () => (await store.listEntries(w, { limit: 1, includeRemoved: true })).items[0];
    expect(await top()).toMatchObject({ id: a.id, v: 1 });
    await store.put({ ...a, contentHash: 'hash-versioned-v2', title: 'Tin đã sửa' });
    expect((await top()).v).toBe(2);
    await store.markRemoved(a.id, '2035-01-02T08:00:00+07:00');
    expect((await top()).v).toBe(3);
    const entries = await store.listEntries(w, { limit: 5 });
    const both = await store.articlesOf(w, entries.items, {});
    expect(both.versioned).toBe(true);
    expect(ids(both.items)).toEqual(ids((await store.list(w, { limit: 5 })).items));
  });

  it('an entry written ahead of its article (a crash before the commit) is not taken as that version', async () => {
    const w = { kind: 'ward', wardId: 'my-long' } as const;
    await store.put(article('ahead', { wardIds: ['my-long'], publishedAt: '2034-01-01T08:00:00+07:00' }));
    const entries = (await store.listEntries(w, { limit: 3 })).items;
    expect(entries.length).toBeGreaterThan(0);
    const ahead = entries.map((e, i) => (i === 0 ? { ...e, v: (e.v ?? 0) + 1 } : e));
    expect((await store.articlesOf(w, ahead, {})).versioned).toBe(false);
    const unversioned = entries.map((e) => omit(e, 'v'));
    expect((await store.articlesOf(w, unversioned, {})).versioned).toBe(false);
    expect(ids((await store.articlesOf(w, unversioned, {})).items)).toEqual(ids((await store.articlesOf(w, entries, {})).items));
  });
});
