import { createHash, createHmac } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { loadConfig } from '../../lib/config.ts';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Parser from 'rss-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Article } from '../../lib/article.ts';
import type { Registry } from '../../lib/registry/types.ts';
import { createApp } from '../../lib/http/app.ts';
import { FEED_REUSE_MS } from '../../lib/http/app-context.ts';
import { startServer, type RunningServer } from '../../lib/http/server.ts';
import { openEphemeralStore } from '../../lib/store/ephemeral.ts';
import type { OpenedStore } from '../../lib/store/index.ts';
import type { ArticleStore, ListOptions, Scope } from '../../lib/store/types.ts';
import { READ_BUDGET, readArticles } from '../../lib/http/reader.ts';
import { articleId, canonicalizeUrl, sha256 } from '../../lib/url.ts';
import { seedArticle, seedArticles, seedRegistry, SEED_SPECS } from '../helpers/seed-articles.ts';
import { getJson, parseJson, readJson, type ArticlePage, type ErrorBody, type JsonFeed, type StatusBody } from '../helpers/json.ts';

const registry = seedRegistry();
let opened: OpenedStore;
let server: RunningServer;
const rss = new Parser({ customFields: { item: ['content:encoded', 'guid'] } });

/** Raw bytes and headers, without the transparent decompression fetch does. */
function rawGet(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A test article of the Thanh Trì ward with the given title, date and body. */
function extra(slug: string, title: string, publishedAt: string, bodyText: string, wardIds = ['thanh-tri-hoang-mai']): Article {
  const url = `https://hoangmai.hanoi.gov.vn/phuong-thanh-tri/-/view_content/${slug}.html`;
  const canonicalUrl = canonicalizeUrl(url);
  return {
    ...seedArticle(SEED_SPECS[0]),
    id: articleId(canonicalUrl), url, canonicalUrl, wardIds, title, publishedAt, bodyText,
    bodyHtml: `<p>${bodyText}</p>`, summary: undefined, contentHash: sha256(title + bodyText),
  };
}

const EXTRAS = [
  extra('9000001-thuy', 'Chị Nguyễn Thị Thùy nhận giấy khen', '2024-03-01T08:00:00+07:00', 'Khen thưởng cá nhân tiêu biểu.'),
  extra('9000002-thuy', 'Anh Lê Văn Thuỳ hiến máu', '2024-03-02T08:00:00+07:00', 'Ngày hội hiến máu tình nguyện.'),
  extra('9000003-chung', 'Tin chung hai phường', '2024-03-03T08:00:00+07:00', 'Hai phường phối hợp tổ chức.', ['thanh-tri-hoang-mai', 'khuong-thuong-dong-da']),
];

beforeAll(async () => {
  opened = await openEphemeralStore({ registry });
  for (const a of [...seedArticles(), ...EXTRAS]) await opened.store.put(a);
  // Every request reads its feed's entries, so each test sees its own writes at once; the reuse
  // of a read for a second (the default) has its own tests under "unchanged feeds".
  server = await startServer(createApp({ store: opened.store, registry, feedReuseMs: 0 }));
});

afterAll(async () => {
  await server?.close();
  await opened?.close();
});

describe('feeds over HTTP', () => {
  it('serves each seed ward in RSS, Atom and JSON Feed, read back by independent parsers', async () => {
    for (const spec of SEED_SPECS) {
      const a = seedArticle(spec);
      for (const fmt of ['rss', 'atom'] as const) {
        const res = await fetch(`${server.url}/feeds/${spec.wardId}.${fmt}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe(`application/${fmt}+xml; charset=utf-8`);
        const xml = await res.text();
        expect(XMLValidator.validate(xml)).toBe(true);
        const feed = await rss.parseString(xml);
        const item = feed.items.find((i) => i.link === a.canonicalUrl);
        expect(item, `${spec.wardId}.${fmt}`).toBeDefined();
        expect(item!.title).toBe(a.title);
        expect(Date.parse(item!.isoDate!)).toBe(Date.parse(a.publishedAt));
        expect(fmt === 'rss' ? item!['content:encoded'] : item!.content).toBe(a.bodyHtml);
      }
      const json = await getJson<JsonFeed>(`${server.url}/feeds/${spec.wardId}.json`);
      expect(json.version).toBe('https://jsonfeed.org/version/1.1');
      const item = json.items.find((i: { url: string }) => i.url === a.canonicalUrl);
      expect(item!.title).toBe(a.title);
      expect(item!.content_html).toBe(a.bodyHtml);
      expect(Date.parse(item!.date_published)).toBe(Date.parse(a.publishedAt));
    }
  });

  it('is byte-identical across two store reads and two app instances', async () => {
    const app2 = await startServer(createApp({ store: opened.store, registry, baseUrl: server.url }));
    try {
      for (const path of ['/feeds/all.rss', '/feeds/thanh-tri-hoang-mai.atom', '/feeds/province/thanh-pho-ha-noi.json', '/opml']) {
        const a = await rawGet(path);
        const b = await rawGet(path);
        const c = await (await fetch(`${app2.url}${path}`)).text();
        expect(b.body.equals(a.body)).toBe(true);
        expect(b.headers.etag).toBe(a.headers.etag);
        expect(c).toBe(a.body.toString('utf8'));
      }
    } finally {
      await app2.close();
    }
  });

  it('reads one ward feed with one DynamoDB Query', async () => {
    const before = opened.store.stats.queries;
    const beforeCalls = opened.store.stats.calls;
    const res = await fetch(`${server.url}/feeds/thanh-tri-hoang-mai.rss`);
    expect(res.status).toBe(200);
    await res.text();
    expect(opened.store.stats.queries - before).toBe(1);
    expect(opened.store.stats.calls - beforeCalls).toBeLessThanOrEqual(2);
  });

  it('finds both tone-mark placements with ?q=thuy and nothing else', async () => {
    const feed = await rss.parseString(await (await fetch(`${server.url}/feeds/thanh-tri-hoang-mai.rss?q=thuy`)).text());
    expect(feed.items.map((i) => i.title).sort()).toEqual(['Anh Lê Văn Thuỳ hiến máu', 'Chị Nguyễn Thị Thùy nhận giấy khen']);
    const thuy = await rss.parseString(await (await fetch(`${server.url}/feeds/thanh-tri-hoang-mai.rss?q=${encodeURIComponent('Thuỳ')}`)).text());
    expect(thuy.items).toHaveLength(2);
  });

  it('honours ?limit= and refuses limits out of 1..100', async () => {
    const json = await getJson<JsonFeed>(`${server.url}/feeds/all.json?limit=2`);
    expect(json.items.map((i: { title: string }) => i.title)).toEqual(['Tin chung hai phường', 'Anh Lê Văn Thuỳ hiến máu']);
    for (const bad of ['0', '101', 'abc', '-1', '1.5']) {
      const res = await fetch(`${server.url}/feeds/all.json?limit=${bad}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await readJson<ErrorBody>(res)).toMatchObject({ error: 'bad-parameter', parameter: 'limit' });
    }
  });

  it('answers an unknown ward with 404 unknown-ward', async () => {
    const res = await fetch(`${server.url}/feeds/khong-co-phuong-nay.rss`);
    expect(res.status).toBe(404);
    expect(await readJson<ErrorBody>(res)).toMatchObject({ error: 'unknown-ward' });
    expect((await fetch(`${server.url}/feeds/province/khong-co.rss`)).status).toBe(404);
  });

  it('keeps a merged ward feed up and points to the successor', async () => {
    const xml = await (await fetch(`${server.url}/feeds/thinh-liet-hoang-mai.atom`)).text();
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as { feed: { link: Array<{ rel: string; href: string }> } };
    const related = doc.feed.link.find((l) => l.rel === 'related');
    expect(related?.href).toBe(`${server.url}/feeds/thanh-tri-hoang-mai.atom`);
    const json = await getJson<JsonFeed>(`${server.url}/feeds/thinh-liet-hoang-mai.json`);
    expect(json._wardfeed?.mergedInto?.id).toBe('thanh-tri-hoang-mai');
  });

  it('aggregates per province, per legacy district and for all wards, newest first, each article once', async () => {
    const district = await getJson<JsonFeed>(`${server.url}/feeds/district/thanh-pho-ha-noi/quan-long-bien.json`);
    expect(district.items.map((i: { title: string }) => i.title)).toEqual([SEED_SPECS[2].title, SEED_SPECS[1].title]);
    expect(district.feed_url).toBe(`${server.url}/feeds/district/thanh-pho-ha-noi/quan-long-bien.json`);
    const all = await getJson<JsonFeed>(`${server.url}/feeds/all.json?limit=100`);
    const ids = all.items.map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(8);
    const dates = all.items.map((i: { date_published: string }) => Date.parse(i.date_published));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    const angiang = await (await fetch(`${server.url}/feeds/province/tinh-an-giang.rss`)).text();
    expect((await rss.parseString(angiang)).items.map((i) => i.title)).toEqual([SEED_SPECS[4].title]);
  });

  it('serves OPML of every ward at /opml and /feeds.opml', async () => {
    for (const path of ['/opml', '/feeds.opml']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(200);
      const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await res.text()) as { opml: { body: { outline: Array<{ outline: unknown }> } } };
      const urls = doc.opml.body.outline.flatMap((g) => ([] as Array<{ xmlUrl: string }>).concat(g.outline as never));
      expect(urls.map((o) => o.xmlUrl).sort()).toEqual(registry.wards.map((w) => `${server.url}/feeds/${w.id}.rss`).sort());
    }
  });
});

describe('HTTP caching', () => {
  it('answers a repeat with the ETag by 304 and no body; If-Modified-Since too', async () => {
    const first = await rawGet('/feeds/khuong-thuong-dong-da.rss');
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=600');
    expect(first.headers['last-modified']).toBe(new Date(Date.parse('2024-03-03T08:00:00+07:00')).toUTCString());
    const again = await rawGet('/feeds/khuong-thuong-dong-da.rss', { 'If-None-Match': first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(first.headers.etag);
    const ims = await rawGet('/feeds/khuong-thuong-dong-da.rss', { 'If-Modified-Since': first.headers['last-modified']! });
    expect(ims.status).toBe(304);
    const older = await rawGet('/feeds/khuong-thuong-dong-da.rss', { 'If-Modified-Since': 'Mon, 01 Jan 2024 00:00:00 GMT' });
    expect(older.status).toBe(200);
    const otherTag = await rawGet('/feeds/khuong-thuong-dong-da.rss', { 'If-None-Match': '"nope"' });
    expect(otherTag.status).toBe(200);
  });

  it('changes the ETag when an article is edited', async () => {
    const before = await rawGet('/feeds/my-long-long-xuyen.atom');
    const a = seedArticle(SEED_SPECS[4]);
    const edited = { ...a, title: `${a.title} (đính chính)`, contentHash: sha256(`${a.title} (đính chính)${a.bodyText}`), lastCheckedAt: '2023-11-24T09:00:00+07:00' };
    expect(await opened.store.put(edited)).toBe('updated');
    const after = await rawGet('/feeds/my-long-long-xuyen.atom', { 'If-None-Match': before.headers.etag! });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const doc = new XMLParser().parse(after.body.toString('utf8')) as { feed: { entry: { title: string; updated: string } } };
    expect(doc.feed.entry.title).toBe(edited.title);
    expect(doc.feed.entry.updated).toBe('2023-11-24T09:00:00+07:00');
  });

  it('compresses with brotli or gzip by Accept-Encoding, same bytes underneath, Vary set', async () => {
    const plain = await rawGet('/feeds/all.rss');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await rawGet('/feeds/all.rss', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const gz = await rawGet('/feeds/all.rss', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    const noBr = await rawGet('/feeds/all.rss', { 'Accept-Encoding': 'br;q=0, gzip' });
    expect(noBr.headers['content-encoding']).toBe('gzip');
    for (const r of [plain, br, gz]) expect(r.headers.vary).toBe('Accept-Encoding');
    expect(br.body.length).toBeLessThan(plain.body.length);
  });

  it('gives each coding its own strong ETag, and a 304 only for the ETag of the coding asked for', async () => {
    const plain = await rawGet('/feeds/all.rss');
    const br = await rawGet('/feeds/all.rss', { 'Accept-Encoding': 'br' });
    const gz = await rawGet('/feeds/all.rss', { 'Accept-Encoding': 'gzip' });
    const tags = [plain, br, gz].map((r) => String(r.headers.etag));
    expect(new Set(tags).size).toBe(3);
    expect(tags[0]).toBe(`"${createHash('sha256').update(plain.body).digest('base64url').slice(0, 27)}"`);
    expect(tags[1]).toBe(`${tags[0].slice(0, -1)}-br"`);
    expect(tags[2]).toBe(`${tags[0].slice(0, -1)}-gzip"`);
    const again = await rawGet('/feeds/all.rss', { 'Accept-Encoding': 'gzip', 'If-None-Match': tags[2] });
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(tags[2]);
    // The brotli bytes a client holds are not what it would get with only gzip accepted.
    expect((await rawGet('/feeds/all.rss', { 'Accept-Encoding': 'gzip', 'If-None-Match': tags[1] })).status).toBe(200);
    expect((await rawGet('/feeds/all.rss', { 'If-None-Match': tags[0] })).status).toBe(304);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await rawGet('/feeds/all.atom');
    const head = await rawGet('/feeds/all.atom', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
  });
});

describe('query API', () => {
  it('pages through every article with a cursor, newest first, each once', async () => {
    const seen: string[] = [];
    let url = `${server.url}/api/articles?limit=3`;
    for (let i = 0; i < 10; i++) {
      const body = await getJson<ArticlePage>(url);
      seen.push(...body.items.map((a: Article) => a.publishedAt + a.id));
      if (!body.cursor) break;
      url = body.next;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect([...seen].sort((a, b) => Date.parse(b.slice(0, 25)) - Date.parse(a.slice(0, 25)))).toEqual(seen);
  });

  it('combines several wards, filters by date, and answers ndjson and csv', async () => {
    const body = await getJson<ArticlePage>(`${server.url}/api/articles?ward=duc-giang-long-bien&ward=my-long-long-xuyen`);
    expect(body.items.map((a: Article) => a.wardIds[0])).toEqual(['my-long-long-xuyen', 'duc-giang-long-bien']);
    const ranged = await getJson<ArticlePage>(`${server.url}/api/articles?from=2021-01-01&to=2021-01-31`);
    expect(ranged.items.map((a: Article) => a.title)).toEqual([SEED_SPECS[3].title, SEED_SPECS[0].title]);
    const nd = await (await fetch(`${server.url}/api/articles?ward=thanh-tri-hoang-mai&format=ndjson&limit=2`)).text();
    const lines = nd.trimEnd().split('\n').map((l) => parseJson<Article>(l));
    expect(lines.map((a: Article) => a.title)).toEqual(['Tin chung hai phường', 'Anh Lê Văn Thuỳ hiến máu']);
    const csvRes = await fetch(`${server.url}/api/articles?province=tinh-an-giang&format=csv&bom=1`);
    expect(csvRes.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csvRes.arrayBuffer());
    expect(csv.startsWith('\uFEFFid,publishedAt,')).toBe(true);
    expect(csv.split('\r\n')[1]).toContain('MỸ LONG');
  });

  it('returns one article by id, 404 when unknown, 400 when malformed; CORS on /api', async () => {
    const a = seedArticle(SEED_SPECS[1]);
    const res = await fetch(`${server.url}/api/articles/${a.id}`, { headers: { Origin: 'https://example.org' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect((await readJson<Article>(res)).title).toBe(a.title);
    expect((await fetch(`${server.url}/api/articles/00000000000000000000`)).status).toBe(404);
    const bad = await fetch(`${server.url}/api/articles/xyz`);
    expect(bad.status).toBe(400);
    expect(await readJson<ErrorBody>(bad)).toMatchObject({ error: 'bad-parameter', parameter: 'id' });
    const pre = await fetch(`${server.url}/api/articles`, { method: 'OPTIONS', headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses bad parameters with 400 naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['from=2021-02-30', 'from'], ['to=yesterday', 'to'], ['from=2022-01-01&to=2021-01-01', 'to'],
      ['format=xml', 'format'], ['cursor=abc', 'cursor'], ['q=%20%21%21', 'q'], [`q=${'a'.repeat(201)}`, 'q'], ['limit=1&limit=2', 'limit'],
    ];
    for (const [qs, parameter] of cases) {
      const res = await fetch(`${server.url}/api/articles?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(await readJson<ErrorBody>(res)).toMatchObject({ error: 'bad-parameter', parameter });
    }
    expect((await fetch(`${server.url}/api/articles?ward=khong-co`)).status).toBe(404);
  });

  it('takes removed articles out of feeds and keeps them in the API with removedAt', async () => {
    const gone = EXTRAS[1];
    await opened.store.markRemoved(gone.id, '2024-04-01T10:00:00+07:00');
    const feed = await getJson<JsonFeed>(`${server.url}/feeds/thanh-tri-hoang-mai.json`);
    expect(feed.items.map((i: { id: string }) => i.id)).not.toContain(`urn:wardfeed:article:${gone.id}`);
    expect(feed.items.length).toBeGreaterThan(0);
    const one = await getJson<Article>(`${server.url}/api/articles/${gone.id}`);
    expect(one.removedAt).toBeTruthy();
    const listed = await getJson<ArticlePage>(`${server.url}/api/articles?ward=thanh-tri-hoang-mai`);
    expect(listed.items.find((a: Article) => a.id === gone.id)?.removedAt).toBeTruthy();
  });

  it('reports per-source health from crawl states', async () => {
    await opened.store.putCrawlState({
      sourceId: 'duc-giang-long-bien-news', validators: {}, lastAttemptAt: '2025-08-01T10:00:00+07:00', consecutiveFailures: 3,
      lastError: { kind: 'tls', message: 'unable to verify the first certificate', at: '2025-08-01T10:00:00+07:00' },
    });
    await opened.store.putCrawlState({ sourceId: 'my-long-long-xuyen-news', validators: {}, lastAttemptAt: '2025-08-01T10:00:00+07:00', lastSuccessAt: '2025-08-01T10:00:00+07:00', consecutiveFailures: 0, lastItemCount: 12, articles: 1 });
    const before = { ...opened.store.stats };
    const status = await getJson<StatusBody>(`${server.url}/api/status`);
    // One Query on the crawl-state partition, whatever the number of sources.
    expect(opened.store.stats.calls - before.calls).toBe(1);
    const byId = new Map(status.items.map((s: { id: string }) => [s.id, s]));
    expect(byId.get('duc-giang-long-bien-news')).toMatchObject({ state: 'failing', consecutiveFailures: 3, lastError: { kind: 'tls' } });
    expect(byId.get('my-long-long-xuyen-news')).toMatchObject({ state: 'ok', lastItemCount: 12, articles: 1 });
    expect(byId.get('thanh-tri-hoang-mai-news')).toMatchObject({ state: 'never-crawled' });
  });
});

describe('web index', () => {
  it('lists wards by province with feed links, autodiscovery, escaped text and lang="vi"', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await res.text();
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('<meta name="viewport"');
    expect(page).toContain(`<link rel="alternate" type="application/rss+xml" title="Tất cả phường, xã (RSS)" href="${server.url}/feeds/all.rss">`);
    for (const w of registry.wards) expect(page).toContain(`href="${server.url}/feeds/${w.id}.rss"`);
    for (const d of ['thanh-pho-ha-noi/quan-hoang-mai', 'thanh-pho-ha-noi/quan-long-bien', 'thanh-pho-ha-noi/quan-dong-da', 'tinh-an-giang/thanh-pho-long-xuyen']) {
      expect(page).toContain(`href="${server.url}/feeds/district/${d}.rss"`);
    }
    // Each district on a line of its own, its name right before its own links.
    expect(page).toMatch(new RegExp(`<li class="district" data-district="thanh-pho-ha-noi/quan-hoang-mai">Quận Hoàng Mai <span class="feeds"><a [^>]*href="${server.url}/feeds/district/thanh-pho-ha-noi/quan-hoang-mai.rss"`));
    expect(page.indexOf('Thành phố Hà Nội')).toBeLessThan(page.indexOf('Tỉnh An Giang'));
    const ward = await (await fetch(`${server.url}/wards/thanh-tri-hoang-mai`)).text();
    expect(ward).toContain(`<link rel="alternate" type="application/atom+xml" title="Phường Thanh Trì (Atom)" href="${server.url}/feeds/thanh-tri-hoang-mai.atom">`);
    expect(ward).toContain(`href="${server.url}/feeds/district/thanh-pho-ha-noi/quan-hoang-mai.rss"`);
    const search = await (await fetch(`${server.url}/search?q=${encodeURIComponent('<script>thuy')}`)).text();
    expect(search).toContain('&lt;script&gt;thuy');
    expect(search).not.toContain('<script>thuy');
  });
});

/**
 * Legacy district names repeat across provinces: two wards of "Huyện Châu Thành", one in Tiền
 * Giang and one in Bến Tre, must each be in their own province's district feed only.
 */
describe('district feeds keyed by province and district', () => {
  const twin: Registry = {
    file: 'twin-districts (test)',
    wards: [
      { id: 'tan-hiep-chau-thanh-tg', name: 'Xã Tân Hiệp', province: 'Tỉnh Tiền Giang', legacyDistrict: 'Huyện Châu Thành', status: 'active' },
      { id: 'tan-thach-chau-thanh-bt', name: 'Xã Tân Thạch', province: 'Tỉnh Bến Tre', legacyDistrict: 'Huyện Châu Thành', status: 'active' },
      { id: 'my-long-long-xuyen', name: 'Phường Mỹ Long', province: 'Tỉnh An Giang', legacyDistrict: 'Thành phố Long Xuyên', status: 'active' },
    ],
    sources: [],
  };
  const tg = [
    extra('9100001-tg', 'Xã Tân Hiệp ra quân làm đường', '2024-05-02T08:00:00+07:00', 'Tin Tiền Giang 1.', ['tan-hiep-chau-thanh-tg']),
    extra('9100002-tg', 'Xã Tân Hiệp họp dân', '2024-04-10T08:00:00+07:00', 'Tin Tiền Giang 2.', ['tan-hiep-chau-thanh-tg']),
  ];
  const bt = [
    extra('9200001-bt', 'Xã Tân Thạch trao quà Tết', '2024-05-01T08:00:00+07:00', 'Tin Bến Tre 1.', ['tan-thach-chau-thanh-bt']),
    extra('9200002-bt', 'Xã Tân Thạch tổng kết năm', '2023-12-28T08:00:00+07:00', 'Tin Bến Tre 2.', ['tan-thach-chau-thanh-bt']),
    extra('9200003-bt', 'Xã Tân Thạch khánh thành cầu', '2024-03-15T08:00:00+07:00', 'Tin Bến Tre 3.', ['tan-thach-chau-thanh-bt']),
  ];
  const lx = [extra('9300001-lx', 'Phường Mỹ Long ra mắt mô hình', '2024-02-01T08:00:00+07:00', 'Tin Long Xuyên.', ['my-long-long-xuyen'])];
  let twinStore: OpenedStore;
  let twinServer: RunningServer;
  const titles = (feed: { items: Array<{ title: string }> }) => feed.items.map((i) => i.title);

  beforeAll(async () => {
    twinStore = await openEphemeralStore({ registry: twin, tablePrefix: 'wardfeed-http-twin' });
    for (const a of [...tg, ...bt, ...lx]) await twinStore.store.put(a);
    twinServer = await startServer(createApp({ store: twinStore.store, registry: twin }));
  });
  afterAll(async () => {
    await twinServer?.close();
    await twinStore?.close();
  });

  it('gives each province its own feed of a shared district name, in every format', async () => {
    const tgFeed = await getJson<JsonFeed>(`${twinServer.url}/feeds/district/tinh-tien-giang/huyen-chau-thanh.json`);
    expect(titles(tgFeed)).toEqual(['Xã Tân Hiệp ra quân làm đường', 'Xã Tân Hiệp họp dân']);
    expect(tgFeed.title).toContain('Tỉnh Tiền Giang');
    const btFeed = await getJson<JsonFeed>(`${twinServer.url}/feeds/district/tinh-ben-tre/huyen-chau-thanh.json`);
    expect(titles(btFeed)).toEqual(['Xã Tân Thạch trao quà Tết', 'Xã Tân Thạch khánh thành cầu', 'Xã Tân Thạch tổng kết năm']);
    expect(btFeed.feed_url).toBe(`${twinServer.url}/feeds/district/tinh-ben-tre/huyen-chau-thanh.json`);
    const btRss = await rss.parseString(await (await fetch(`${twinServer.url}/feeds/district/tinh-ben-tre/huyen-chau-thanh.rss`)).text());
    expect(btRss.items.map((i) => i.title)).toEqual(titles(btFeed));
    const tgAtom = await (await fetch(`${twinServer.url}/feeds/district/tinh-tien-giang/huyen-chau-thanh.atom`)).text();
    expect(XMLValidator.validate(tgAtom)).toBe(true);
    expect(tgAtom).toContain('<id>urn:wardfeed:feed:district:tinh-tien-giang/huyen-chau-thanh</id>');
    expect(tgAtom).not.toContain('Tân Thạch');
  });

  it('answers an unknown province or district of the new address with 404 unknown-district', async () => {
    for (const path of ['/feeds/district/tinh-an-giang/huyen-chau-thanh.json', '/feeds/district/tinh-khong-co/huyen-chau-thanh.rss', '/feeds/district/tinh-ben-tre/huyen-chau-thanh.xml']) {
      const res = await fetch(`${twinServer.url}${path}`);
      expect(res.status, path).toBe(404);
      expect((await readJson<ErrorBody>(res)).error, path).toBe('unknown-district');
    }
  });

  it('answers the former one-segment address: 404 naming the new form when shared, 301 when unique', async () => {
    const shared = await fetch(`${twinServer.url}/feeds/district/huyen-chau-thanh.rss`, { redirect: 'manual' });
    expect(shared.status).toBe(404);
    const body = await readJson<ErrorBody>(shared);
    expect(body.error).toBe('unknown-district');
    expect(body.message).toContain('/feeds/district/<province-slug>/<district-slug>');
    expect(body.candidates).toEqual(['/feeds/district/tinh-ben-tre/huyen-chau-thanh.rss', '/feeds/district/tinh-tien-giang/huyen-chau-thanh.rss']);

    const unique = await fetch(`${twinServer.url}/feeds/district/thanh-pho-long-xuyen.atom?limit=5`, { redirect: 'manual' });
    expect(unique.status).toBe(301);
    expect(unique.headers.get('location')).toBe(`${twinServer.url}/feeds/district/tinh-an-giang/thanh-pho-long-xuyen.atom?limit=5`);
    const followed = await getJson<JsonFeed>(`${twinServer.url}/feeds/district/thanh-pho-long-xuyen.json`);
    expect(titles(followed)).toEqual(['Phường Mỹ Long ra mắt mô hình']);

    const unknown = await fetch(`${twinServer.url}/feeds/district/huyen-khong-co.rss`, { redirect: 'manual' });
    expect(unknown.status).toBe(404);
    expect((await readJson<ErrorBody>(unknown)).message).toContain('/feeds/district/<province-slug>/<district-slug>');
  });

  it('takes district=<province>/<district> in the API and refuses a shared bare name with the candidates', async () => {
    const api = async (district: string) => fetch(`${twinServer.url}/api/articles?district=${encodeURIComponent(district)}`);
    for (const d of ['tinh-ben-tre/huyen-chau-thanh', 'Tỉnh Bến Tre/Huyện Châu Thành']) {
      const r = await api(d);
      expect(r.status, d).toBe(200);
      expect(titles(await readJson<ArticlePage>(r))).toEqual(['Xã Tân Thạch trao quà Tết', 'Xã Tân Thạch khánh thành cầu', 'Xã Tân Thạch tổng kết năm']);
    }
    const ambiguous = await api('huyen-chau-thanh');
    expect(ambiguous.status).toBe(400);
    const body = await readJson<ErrorBody>(ambiguous);
    expect(body).toMatchObject({ error: 'bad-parameter', parameter: 'district', candidates: ['tinh-ben-tre/huyen-chau-thanh', 'tinh-tien-giang/huyen-chau-thanh'] });
    expect(body.message).toContain('tinh-tien-giang/huyen-chau-thanh');
    const unique = await api('Thành phố Long Xuyên');
    expect(titles(await readJson<ArticlePage>(unique))).toEqual(['Phường Mỹ Long ra mắt mô hình']);
    expect((await api('tinh-an-giang/huyen-chau-thanh')).status).toBe(404);
  });

  it('lists each province\'s district under its own province on the index page', async () => {
    const page = await (await fetch(`${twinServer.url}/`)).text();
    const section = (province: string) => page.slice(page.indexOf(`<h2>${province}</h2>`), page.indexOf('</section>', page.indexOf(`<h2>${province}</h2>`)));
    expect(section('Tỉnh Bến Tre')).toContain(`href="${twinServer.url}/feeds/district/tinh-ben-tre/huyen-chau-thanh.rss"`);
    expect(section('Tỉnh Bến Tre')).not.toContain('tinh-tien-giang/huyen-chau-thanh');
    expect(section('Tỉnh Tiền Giang')).toContain(`href="${twinServer.url}/feeds/district/tinh-tien-giang/huyen-chau-thanh.json"`);
    expect(page).not.toContain('/feeds/district/huyen-chau-thanh');
  });
});

describe('cursors', () => {
  /** A cursor as anyone could make it under the former, unkeyed checksum. */
  function unkeyedCursor(positions: unknown[]): string {
    const fingerprint = sha256Base64url(JSON.stringify([{ kind: 'all' }])).slice(0, 8);
    const payload = Buffer.from(JSON.stringify({ v: 1, f: fingerprint, p: positions }), 'utf8').toString('base64url');
    return `${payload}.${sha256Base64url(`wardfeed-cursor:${payload}`).slice(0, 10)}`;
  }

  it('refuses a cursor it did not sign, whatever page size it asks for', async () => {
    const res = await fetch(`${server.url}/api/articles?cursor=${unkeyedCursor([{ n: 1000, s: 0 }])}`);
    expect(res.status).toBe(400);
    expect(await readJson<ErrorBody>(res)).toMatchObject({ error: 'bad-parameter', parameter: 'cursor' });
  });

  it('refuses a cursor signed under another key', async () => {
    const other = await startServer(createApp({ store: opened.store, registry, cursorKey: Buffer.alloc(32, 7) }));
    try {
      const body = await getJson<ArticlePage>(`${other.url}/api/articles?limit=2`);
      expect(body.cursor).toBeTruthy();
      expect((await getJson<ArticlePage>(`${other.url}/api/articles?limit=2&cursor=${body.cursor}`)).items).toHaveLength(2);
      const res = await fetch(`${server.url}/api/articles?limit=2&cursor=${body.cursor}`);
      expect(res.status).toBe(400);
      expect(await readJson<ErrorBody>(res)).toMatchObject({ error: 'bad-parameter', parameter: 'cursor' });
    } finally {
      await other.close();
    }
  });

  it('takes the page size from the request, so a cursor resumes under any limit, each article once', async () => {
    const all = (await getJson<ArticlePage>(`${server.url}/api/articles?limit=100`)).items.map((a: Article) => a.id);
    const first = await getJson<ArticlePage>(`${server.url}/api/articles?limit=5`);
    const seen = first.items.map((a: Article) => a.id);
    let cursor: string | undefined = first.cursor;
    for (let i = 0; cursor && i < 20; i++) {
      const page = await getJson<ArticlePage>(`${server.url}/api/articles?limit=2&cursor=${cursor}`);
      seen.push(...page.items.map((a: Article) => a.id));
      cursor = page.cursor;
    }
    expect(seen).toEqual(all);
  });

  it('answers an empty or malformed store key in a signed cursor with 400 bad-parameter, never 503', async () => {
    const key = Buffer.alloc(32, 9);
    const other = await startServer(createApp({ store: opened.store, registry, cursorKey: key }));
    try {
      for (const k of ['', 'not-a-key', '2024-03-02T01:00:00.000Z']) {
        const store = Buffer.from(JSON.stringify({ v: 1, s: 'ALL', m: '2024-03', k }), 'utf8').toString('base64url');
        const fingerprint = sha256Base64url(JSON.stringify([{ kind: 'all' }])).slice(0, 8);
        const payload = Buffer.from(JSON.stringify({ v: 2, f: fingerprint, p: [{ c: store, s: 0 }] }), 'utf8').toString('base64url');
        const cursor = `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
        const res = await fetch(`${other.url}/api/articles?cursor=${cursor}`);
        expect(res.status, k).toBe(400);
        expect(await readJson<ErrorBody>(res)).toMatchObject({ error: 'bad-parameter', parameter: 'cursor' });
      }
    } finally {
      await other.close();
    }
  });
});

function sha256Base64url(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

describe('bounded public work', () => {
  it('answers a query parameter an address does not take with 400 naming it, so it cannot bypass the CDN cache', async () => {
    for (const path of ['/feeds/all.rss?x=1', '/feeds/thanh-tri-hoang-mai.atom?limit=5&utm_source=a', '/api/articles?ward=thanh-tri-hoang-mai&nonce=7', '/api/status?x=1', '/?x=1', '/opml?x=', '/api/articles/00000000000000000000?x=1']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(400);
      expect(await readJson<ErrorBody>(res), path).toMatchObject({ error: 'bad-parameter' });
    }
    expect((await fetch(`${server.url}/feeds/all.rss?limit=5&q=thuy`)).status).toBe(200);
  });

  it('reads at most READ_BUDGET articles for a search across many wards', async () => {
    let asked = 0;
    const counting = Object.create(opened.store, {
      list: { value: (scope: Scope, o: ListOptions) => ((asked += o.limit), opened.store.list(scope, o)) },
    }) as ArticleStore;
    const wards = registry.wards.map((w) => ({ kind: 'ward' as const, wardId: w.id }));
    const scopes: Scope[] = [...wards, { kind: 'all' }, { kind: 'province', province: 'Thành phố Hà Nội' }];
    while (scopes.length < 22) scopes.push({ kind: 'ward', wardId: `w${scopes.length}` });
    const result = await readArticles(counting, scopes, { limit: 100, q: 'thuy', cursorKey: Buffer.alloc(32, 1) });
    expect(result.items.length).toBeGreaterThan(0);
    expect(asked).toBeLessThanOrEqual(READ_BUDGET);
  });
});

describe('security headers', () => {
  it('sends nosniff on every reply and a script-free, unframeable content policy on pages', async () => {
    for (const path of ['/feeds/all.rss', '/api/articles', '/api/status', '/opml', '/nowhere', '/api/articles/xyz']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'none'");
    }
    for (const path of ['/', '/wards/thanh-tri-hoang-mai', '/search?q=thuy']) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('script-src');
      const page = await res.text();
      expect(page).not.toMatch(/<script|\sstyle="|\son[a-z]+=/i);
      // The one inline style is allowed by its hash.
      const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1];
      expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    }
  });

  it('keeps the compressed-reply cache within its byte budget', async () => {
    const { compressedCache } = await import('../../lib/http/respond.ts');
    for (const limit of [1, 2, 3, 5, 8, 13, 21, 34, 55, 100]) await rawGet(`/api/articles?limit=${limit}`, { 'accept-encoding': 'br' });
    expect(compressedCache.size).toBeGreaterThan(0);
    expect(compressedCache.bytes).toBeLessThanOrEqual(compressedCache.maxBytes);
  });
});

describe('status', () => {
  it('shows a failing source\'s error kind and a fixed message, never the stored text', async () => {
    const secret = 'User: arn:aws:sts::123456789012:assumed-role/wardfeed-Crawl/x is not authorized; connect ECONNREFUSED 10.0.3.7:443';
    await opened.store.putCrawlState({
      sourceId: 'thanh-tri-hoang-mai-news', validators: {}, lastAttemptAt: '2025-08-01T10:00:00+07:00', consecutiveFailures: 1,
      lastError: { kind: 'network', message: secret, at: '2025-08-01T10:00:00+07:00', url: 'http://10.0.3.7/admin' },
    });
    const text = await (await fetch(`${server.url}/api/status`)).text();
    for (const leak of ['arn:aws', '123456789012', '10.0.3.7', 'ECONNREFUSED']) expect(text).not.toContain(leak);
    const item = parseJson<StatusBody>(text).items.find((s: { id: string }) => s.id === 'thanh-tri-hoang-mai-news');
    expect(item?.lastError).toEqual({ kind: 'network', message: 'the site could not be reached', at: '2025-08-01T10:00:00+07:00' });
  });
});

describe('unchanged feeds', () => {
  const calls = async (path: string, headers: Record<string, string> = {}) => {
    const before = { ...opened.store.stats };
    const res = await rawGet(path, headers);
    const s = opened.store.stats;
    return { res, queries: s.queries - before.queries, reads: s.reads - before.reads, calls: s.calls - before.calls };
  };

  it('a repeated request for an unchanged feed costs one Query and no article read, for a 200 and a 304', async () => {
    const path = '/feeds/thanh-tri-hoang-mai.atom';
    const first = await calls(path);
    expect(first.res.status).toBe(200);
    const again = await calls(path);
    expect(again.res.status).toBe(200);
    expect(again).toMatchObject({ calls: 1, queries: 1, reads: 0 });
    expect(again.res.body.equals(first.res.body)).toBe(true);
    expect(again.res.headers.etag).toBe(first.res.headers.etag);
    expect(again.res.headers['last-modified']).toBe(first.res.headers['last-modified']);
    const notModified = await calls(path, { 'if-none-match': String(first.res.headers.etag) });
    expect(notModified.res.status).toBe(304);
    expect(notModified).toMatchObject({ calls: 1, queries: 1, reads: 0 });
    // An aggregate feed: its few Queries of keys, still no article read.
    await calls('/feeds/all.json');
    expect((await calls('/feeds/all.json')).reads).toBe(0);
  });

  it('concurrent requests for one unchanged feed share one Query of its entries; the next request reads again', async () => {
    const app = createApp({ store: opened.store, registry, feedReuseMs: 0 });
    const path = 'http://wardfeed.test/feeds/thanh-tri-hoang-mai.rss';
    const first = await app.request(path);
    const bytes = Buffer.from(await first.arrayBuffer());
    const before = { ...opened.store.stats };
    // Started together: every request asks for the entries before the first Query is answered.
    const burst = await Promise.all(Array.from({ length: 5 }, () => Promise.resolve(app.request(path))));
    expect(opened.store.stats.queries - before.queries).toBe(1);
    expect(opened.store.stats.reads - before.reads).toBe(0);
    for (const res of burst) {
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    }
    // Only a read in flight is shared: a request after it settles makes its own.
    const mid = { ...opened.store.stats };
    expect((await app.request(path)).status).toBe(200);
    expect(opened.store.stats.queries - mid.queries).toBe(1);
  });

  it('by default answers a feed from a read of its entries less than a second old, then reads again', async () => {
    const app = createApp({ store: opened.store, registry });
    const path = 'http://wardfeed.test/feeds/khuong-thuong-dong-da.json';
    const titles = async (res: Response) => parseJson<JsonFeed>(await res.text()).items.map((i: { title: string }) => i.title);
    const before = { ...opened.store.stats };
    const first = await app.request(path);
    const again = await app.request(path);
    expect(opened.store.stats.queries - before.queries).toBe(1);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    // A change within the second is seen once the read it came after is a second old.
    const edited = { ...EXTRAS[2], title: `${EXTRAS[2].title} (đã sửa)`, contentHash: sha256('edited shared title') };
    const readAt = Date.now();
    expect(await opened.store.put(edited)).toBe('updated');
    try {
      const soon = await app.request(path);
      if (Date.now() - readAt < 500) expect(soon.headers.get('etag')).toBe(first.headers.get('etag'));
      await new Promise((r) => setTimeout(r, FEED_REUSE_MS + 50));
      const later = await app.request(path);
      expect(later.headers.get('etag')).not.toBe(first.headers.get('etag'));
      expect(await titles(later)).toContain(edited.title);
    } finally {
      await opened.store.put(EXTRAS[2]);
    }
  });

  it('renders again as soon as an article of the feed changes, or one is added or removed', async () => {
    const path = '/feeds/thanh-tri-hoang-mai.json';
    const first = await calls(path);
    const edited = { ...EXTRAS[0], title: `${EXTRAS[0].title} (đã sửa)`, contentHash: sha256('edited title') };
    expect(await opened.store.put(edited)).toBe('updated');
    const after = await calls(path);
    expect(after.reads).toBeGreaterThan(0);
    expect(after.res.headers.etag).not.toBe(first.res.headers.etag);
    expect(parseJson<JsonFeed>(after.res.body.toString()).items.map((i: { title: string }) => i.title)).toContain(edited.title);
    // The bytes sent and their ETag agree.
    expect(after.res.headers.etag).toBe(`"${createHash('sha256').update(after.res.body).digest('base64url').slice(0, 27)}"`);
    await opened.store.put(EXTRAS[0]);
    const back = await calls(path);
    expect(parseJson<JsonFeed>(back.res.body.toString()).items.map((i: { title: string }) => i.title)).toContain(EXTRAS[0].title);
  });

  it('serves feeds whose entries were stored without versions, reading the articles every time', async () => {
    const raw = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: opened.endpoint,
        region: loadConfig().region,
        ...(opened.endpoint.startsWith('http://127.0.0.1') ? { credentials: { accessKeyId: 'x', secretAccessKey: 'x' } } : {}),
      }),
    );
    try {
      const wardPk = 'W#my-long-long-xuyen';
      const entries = (await raw.send(new QueryCommand({ TableName: opened.store.tableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': wardPk } }))).Items ?? [];
      expect(entries.length).toBeGreaterThan(0);
      for (const e of entries) {
        expect(e.v).toBeTypeOf('number');
        await raw.send(new UpdateCommand({ TableName: opened.store.tableName, Key: { pk: e.pk as string, sk: e.sk as string }, UpdateExpression: 'REMOVE v' }));
      }
      const path = '/feeds/my-long-long-xuyen.rss';
      const first = await calls(path);
      const again = await calls(path);
      expect(again.res.status).toBe(200);
      expect(again.res.body.equals(first.res.body)).toBe(true);
      expect(again.reads).toBeGreaterThan(0);
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types its asymmetric matchers as any
      expect(await rss.parseString(again.res.body.toString())).toMatchObject({ items: [expect.objectContaining({ title: expect.any(String) })] });
    } finally {
      raw.destroy();
    }
  });
});
