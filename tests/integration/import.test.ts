/**
 * Bulk import end to end: `wardfeed query --format ndjson` exports one store, `wardfeed import`
 * loads the file into a fresh table (child processes, DynamoDB over its wire protocol), and the
 * two tables serve byte-identical feeds and hold the very items `put` writes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Article } from '../../lib/article.ts';
import { loadConfig, type Config } from '../../lib/config.ts';
import { createApp } from '../../lib/http/app.ts';
import { startServer, type RunningServer } from '../../lib/http/server.ts';
import { slugify } from '../../lib/text/index.ts';
import { openStore, startEmbeddedDynamo, type EmbeddedDynamo, type OpenedStore } from '../../lib/store/index.ts';
import { articleId, canonicalizeUrl, sha256 } from '../../lib/url.ts';
import { seedArticle, seedArticles, seedRegistry, SEED_SPECS } from '../helpers/seed-articles.ts';
import { getJson, type ArticlePage, type JsonFeed } from '../helpers/json.ts';
import { omit } from '../helpers/object.ts';
import { runWardfeed } from '../helpers/cli.ts';

const registry = seedRegistry();
let dir: string;
let embedded: EmbeddedDynamo | undefined;
let base: Config;
let source: OpenedStore;
let restored: OpenedStore;
let exportFile: string;
/** What the source store holds, as written (removal and edit applied). */
let stored: Article[];
const opened: OpenedStore[] = [];

function article(slug: string, title: string, publishedAt: string, bodyText: string, extra: Partial<Article> = {}): Article {
  const url = `https://hoangmai.hanoi.gov.vn/phuong-thanh-tri/-/view_content/${slug}.html`;
  const canonicalUrl = canonicalizeUrl(url);
  return seedArticle(SEED_SPECS[0], {
    id: articleId(canonicalUrl), url, canonicalUrl, title, publishedAt, bodyText,
    bodyHtml: `<p>${bodyText}</p>`, contentHash: sha256(title + bodyText), ...extra,
  });
}

const LONG = 'Hội nghị tổng kết công tác năm của Ủy ban nhân dân phường, phương hướng nhiệm vụ năm tới. '.repeat(400);
const EXTRAS = [
  article('9100001-hai-phuong', 'Tin chung hai phường', '2024-03-03T08:00:00+07:00', 'Hai phường phối hợp.', { wardIds: ['thanh-tri-hoang-mai', 'khuong-thuong-dong-da'] }),
  article('9100002-dai', 'Báo cáo dài', '2024-04-01T09:15:00+07:00', LONG, { attachments: [{ url: 'https://hoangmai.hanoi.gov.vn/documents/bc.pdf', title: 'Báo cáo', type: 'pdf' }] }),
  article('9100003-go', 'Tin đã gỡ', '2024-05-01T10:00:00+07:00', 'Tin này sau đó bị gỡ.'),
  article('9100004-sua', 'Tin được sửa', '2024-06-01T10:00:00+07:00', 'Bản đầu.'),
  article('9100005-ngay', 'Tin chỉ có ngày', '2024-07-01T00:00:00+07:00', 'Ngày đăng không có giờ.', { datePrecision: 'day', dateSource: 'listing' }),
];

async function openTable(name: string): Promise<OpenedStore> {
  const o = await openStore({ ...base, tableName: name }, { registry });
  opened.push(o);
  return o;
}

function envFor(table: string): NodeJS.ProcessEnv {
  return { ...process.env, DYNAMODB_ENDPOINT: base.dynamoEndpoint, TABLE_NAME: table, WARDFEED_REGISTRY: base.registryFile };
}

const wardfeed = (table: string, args: string[], stdin?: string) => runWardfeed(args, { env: envFor(table), stdin });

/** Every item of a table, sorted by key (a test may Scan; the service never does). */
async function allItems(table: string): Promise<Record<string, unknown>[]> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: base.region, endpoint: base.dynamoEndpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  try {
    do {
      const r = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
      out.push(...(r.Items ?? []));
      start = r.LastEvaluatedKey;
    } while (start);
  } finally {
    client.destroy();
  }
  const key = (i: Record<string, unknown>) => `${String(i.pk)}\u0000${String(i.sk)}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wardfeed-import-'));
  const registryFile = join(dir, 'registry.json');
  writeFileSync(registryFile, JSON.stringify({ wards: registry.wards, sources: registry.sources }, null, 2));
  const env = loadConfig();
  if (!env.dynamoEndpoint) embedded = await startEmbeddedDynamo({ inMemory: true });
  base = { ...env, dynamoEndpoint: env.dynamoEndpoint ?? embedded!.endpoint, registryFile, tableName: 'unused' };
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  source = await openTable(`wardfeed-import-src-${stamp}`);
  restored = await openTable(`wardfeed-import-dst-${stamp}`);
  for (const a of [...seedArticles(), ...EXTRAS]) await source.store.put(a);
  await source.store.markRemoved(EXTRAS[2].id, '2024-05-20T10:00:00+07:00');
  const edited = { ...EXTRAS[3], bodyText: 'Bản đã sửa.', bodyHtml: '<p>Bản đã sửa.</p>', contentHash: sha256('Tin được sửaBản đã sửa.'), lastCheckedAt: '2025-08-02T10:00:00+07:00' };
  expect(await source.store.put(edited)).toBe('updated');
  stored = [];
  for (const a of [...seedArticles(), ...EXTRAS]) stored.push((await source.store.get(a.id))!);

  const exported = await wardfeed(source.store.tableName, ['query', '--format', 'ndjson', '--limit', '100000']);
  expect(exported.code, exported.stderr).toBe(0);
  exportFile = join(dir, 'export.ndjson');
  writeFileSync(exportFile, exported.stdout);
}, 60_000);

afterAll(async () => {
  for (const o of opened) await o.close();
  await embedded?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('wardfeed import', () => {
  it('restores an export into a fresh table: every article, with the same content', async () => {
    expect(readFileSync(exportFile, 'utf8').trimEnd().split('\n')).toHaveLength(stored.length);
    const r = await wardfeed(restored.store.tableName, ['import', exportFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${stored.length} new, 0 updated, 0 unchanged, 0 bad lines (of ${stored.length})`);
    for (const a of stored) expect(await restored.store.get(a.id)).toEqual(a);
    expect((await restored.store.get(EXTRAS[3].id))!.revisions).toBe(1);
    expect((await restored.store.get(EXTRAS[2].id))!.removedAt).toBe('2024-05-20T10:00:00+07:00');
  });

  it('serves byte-identical feeds from both tables', async () => {
    const a: RunningServer = await startServer(createApp({ store: source.store, registry, baseUrl: 'https://feeds.example.vn' }));
    const b: RunningServer = await startServer(createApp({ store: restored.store, registry, baseUrl: 'https://feeds.example.vn' }));
    try {
      const paths = ['/feeds/all.rss', '/feeds/all.atom', '/feeds/all.json', '/opml'];
      for (const w of registry.wards) for (const f of ['rss', 'atom', 'json']) paths.push(`/feeds/${w.id}.${f}`);
      for (const p of new Set(registry.wards.map((w) => slugify(w.province)))) paths.push(`/feeds/province/${p}.rss`);
      for (const d of new Set(registry.wards.map((w) => `${slugify(w.province)}/${slugify(w.legacyDistrict ?? '')}`))) paths.push(`/feeds/district/${d}.atom`);
      paths.push('/feeds/thanh-tri-hoang-mai.rss?q=bao+cao', '/feeds/all.json?limit=3');
      let items = 0;
      for (const p of paths) {
        const ra = await fetch(`${a.url}${p}`);
        const rb = await fetch(`${b.url}${p}`);
        expect(ra.status, p).toBe(200);
        expect(rb.status, p).toBe(200);
        const [ta, tb] = [await ra.text(), await rb.text()];
        expect(tb, p).toBe(ta);
        expect(rb.headers.get('etag'), p).toBe(ra.headers.get('etag'));
        items += (ta.match(/<item>/g) ?? []).length;
      }
      // Not vacuous: the feeds hold the articles (the removed one excluded).
      expect(items).toBeGreaterThanOrEqual(stored.length - 1);
      const all = await getJson<JsonFeed>(`${b.url}/feeds/all.json?limit=100`);
      expect(all.items).toHaveLength(stored.length - 1);
      const api = async (s: RunningServer) => (await getJson<ArticlePage>(`${s.url}/api/articles?province=thanh-pho-ha-noi&limit=100`)).items;
      expect(await api(b)).toEqual(await api(a));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('writes exactly the items put writes', async () => {
    const viaPut = await openTable(`wardfeed-import-put-${process.pid}-${Date.now().toString(36)}`);
    const exported = readFileSync(exportFile, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Article);
    for (const x of exported) expect(await viaPut.store.put(x)).toBe('new');
    const viaImport = await openTable(`wardfeed-import-bulk-${process.pid}-${Date.now().toString(36)}`);
    const r = await viaImport.store.importArticles(exported);
    expect(r).toMatchObject({ new: exported.length, updated: 0, unchanged: 0 });
    expect(new Set(r.newIds)).toEqual(new Set(exported.map((x) => x.id)));
    const [p, i] = [await allItems(viaPut.store.tableName), await allItems(viaImport.store.tableName)];
    expect(p.length).toBeGreaterThan(exported.length * 3);
    expect(i).toEqual(p);
  });

  it('is idempotent: a second import writes nothing', async () => {
    const again = await wardfeed(restored.store.tableName, ['import', exportFile]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`0 new, 0 updated, ${stored.length} unchanged, 0 bad lines`);
    const before = { ...restored.store.stats };
    const lines = readFileSync(exportFile, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Article);
    const r = await restored.store.importArticles(lines);
    expect(r).toEqual({ new: 0, updated: 0, unchanged: stored.length, newIds: [] });
    expect(restored.store.stats.writes - before.writes).toBe(0);
    // One BatchGetItem for these few ids, nothing else.
    expect(restored.store.stats.calls - before.calls).toBe(1);
  });

  it('reports bad lines by number, skips them, imports the rest and exits 1', async () => {
    const fresh = article('9100009-moi', 'Tin mới nhập', '2024-08-01T10:00:00+07:00', 'Nhập từ tệp.');
    const noDate = omit(article('9100010-thieu', 'Thiếu ngày', '2024-08-02T10:00:00+07:00', 'x'), 'publishedAt');
    const lines = [
      JSON.stringify(fresh),
      '{"id": "broken"',
      JSON.stringify(noDate),
      '',
      JSON.stringify({ ...fresh, id: 'a'.repeat(20), publishedAt: '2024-02-30T10:00:00+07:00' }),
      JSON.stringify({ ...fresh, id: 'b'.repeat(20), wardIds: [] }),
    ];
    const file = join(dir, 'bad.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = await wardfeed(restored.store.tableName, ['import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.ndjson:2: \[bad-request\] not JSON/);
    expect(r.stderr).toMatch(/bad\.ndjson:3: \[bad-request\] publishedAt/);
    expect(r.stderr).toMatch(/bad\.ndjson:5: \[bad-request\] publishedAt/);
    expect(r.stderr).toMatch(/bad\.ndjson:6: \[bad-request\] wardIds/);
    expect(r.stderr).not.toMatch(/bad\.ndjson:[14]:/);
    expect(r.stdout).toContain('1 new, 0 updated, 0 unchanged, 4 bad lines (of 6)');
    expect((await restored.store.get(fresh.id))?.title).toBe('Tin mới nhập');
    expect(await restored.store.get('a'.repeat(20))).toBeUndefined();
  });

  it('sanitises a hostile line as the crawl would: no script, no handlers, only http(s) images and attachments', async () => {
    const hostile = article('9100012-doc', 'Tin có mã độc', '2023-01-02T10:00:00+07:00', 'Nội dung.', {
      bodyHtml:
        '<p onclick="steal()">Nội dung.<script>alert(1)</script></p><a href="javascript:alert(2)">xem</a>' +
        '<img src="javascript:alert(3)"><iframe src="https://evil.example/x"></iframe><img src="/anh/a.jpg" alt="Ảnh">',
      images: [{ src: 'file:///etc/passwd' }, { src: 'javascript:alert(4)' }, { src: 'https://hoangmai.hanoi.gov.vn/anh/a.jpg' }],
      attachments: [
        { url: 'file:///C:/bao-cao.pdf', title: 'Báo cáo', type: 'pdf' },
        { url: 'data:application/pdf;base64,AAAA', title: 'Dữ liệu', type: 'pdf' },
        { url: 'https://hoangmai.hanoi.gov.vn/documents/kh.pdf', title: 'Kế hoạch', type: 'pdf' },
      ],
    });
    const r = await wardfeed(restored.store.tableName, ['import', '-'], `${JSON.stringify(hostile)}\n`);
    expect(r.code, r.stderr).toBe(0);
    const got = (await restored.store.get(hostile.id))!;
    expect(got.bodyHtml).toContain('Nội dung.');
    expect(got.bodyHtml).not.toMatch(/script|onclick|javascript:|evil\.example/i);
    expect(got.bodyHtml).toContain('src="https://hoangmai.hanoi.gov.vn/anh/a.jpg"');
    expect(got.images.map((i) => i.src)).toEqual(['https://hoangmai.hanoi.gov.vn/anh/a.jpg']);
    expect(got.attachments.map((a) => a.url)).toEqual(['https://hoangmai.hanoi.gov.vn/documents/kh.pdf']);
  });

  it('reads standard input with -, and names a missing file', async () => {
    const extra = article('9100011-stdin', 'Tin qua stdin', '2024-09-01T10:00:00+07:00', 'Đọc từ đầu vào chuẩn.');
    const r = await wardfeed(restored.store.tableName, ['import', '-'], `${JSON.stringify(extra)}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('1 new');
    expect((await restored.store.get(extra.id))?.title).toBe('Tin qua stdin');
    const missing = await wardfeed(restored.store.tableName, ['import', join(dir, 'khong-co.ndjson')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[not-found]');
    const usage = await wardfeed(restored.store.tableName, ['import']);
    expect(usage.code).toBe(2);
  });

  it('gives the restored table ward summaries, so its web index shows the latest dates', async () => {
    const server = await startServer(createApp({ store: restored.store, registry }));
    try {
      const page = await (await fetch(`${server.url}/`)).text();
      for (const w of registry.wards) {
        const row = page.match(new RegExp(`<li class="ward" data-ward="${w.id}">[\\s\\S]*?</li>`))![0];
        const { items } = await restored.store.list({ kind: 'ward', wardId: w.id }, { limit: 1 });
        if (items[0]) expect(row, w.id).toContain(`<time datetime="${items[0].publishedAt}">`);
        else expect(row, w.id).toContain('chưa có tin');
      }
      expect(page).toContain('<time datetime="2024-09-01T10:00:00+07:00">');
    } finally {
      await server.close();
    }
  });
  it('an edited article in the file goes through put: revisions move on, the old entry goes', async () => {
    const target = stored.find((x) => x.id === EXTRAS[0].id)!;
    const moved = { ...target, title: 'Tin chung hai phường (đính chính)', contentHash: sha256('đính chính'), publishedAt: '2024-03-04T08:00:00+07:00', lastCheckedAt: '2025-08-03T10:00:00+07:00' };
    const r = await restored.store.importArticles([moved]);
    expect(r).toMatchObject({ new: 0, updated: 1, unchanged: 0 });
    const now = (await restored.store.get(target.id))!;
    expect(now.revisions).toBe(target.revisions + 1);
    expect(now.firstSeenAt).toBe(target.firstSeenAt);
    const { items } = await restored.store.list({ kind: 'ward', wardId: 'khuong-thuong-dong-da' }, { limit: 100 });
    expect(items.filter((x) => x.id === target.id).map((x) => x.publishedAt)).toEqual(['2024-03-04T08:00:00+07:00']);
  });
});
