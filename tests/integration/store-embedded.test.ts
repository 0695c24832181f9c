/** The embedded DynamoDB and `openStore`: persistence across restarts, custom endpoints. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../../lib/article.ts';
import { loadConfig } from '../../lib/config.ts';
import { openStore, startEmbeddedDynamo } from '../../lib/store/index.ts';
import { anArticle } from '../helpers/articles.ts';

const tmp = mkdtempSync(join(tmpdir(), 'wardfeed-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const a: Article = anArticle({
  id: 'c0ffee00c0ffee00c0ff',
  url: 'https://mylong.angiang.gov.vn/tin-tuc/123',
  canonicalUrl: 'https://mylong.angiang.gov.vn/tin-tuc/123',
  wardIds: ['my-long'],
  sourceId: 'angiang-my-long',
  title: 'Phường Mỹ Long ra quân hưởng ứng Ngày Pháp luật',
  publishedAt: '2023-11-23T09:15:00+07:00',
  datePrecision: 'minute',
  dateSource: 'page',
  bodyHtml: '<p>Sáng ngày 23/11/2023…</p>',
  bodyText: 'Sáng ngày 23/11/2023…',
  images: [],
  attachments: [],
  profile: 'drupal-angiang',
  contentHash: 'abc',
  firstSeenAt: '2023-11-24T00:00:00+07:00',
  lastCheckedAt: '2023-11-24T00:00:00+07:00',
  revisions: 0,
});

describe('embedded DynamoDB', () => {
  it('keeps articles and crawl state across a restart with a data dir', async () => {
    const config = { ...loadConfig({}), dataDir: tmp, tableName: 'wardfeed' };
    const first = await openStore(config);
    expect(first.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await first.store.put(a)).toBe('new');
    await first.store.putCrawlState({ sourceId: 'angiang-my-long', validators: {}, consecutiveFailures: 0, lastSuccessAt: '2023-11-24T00:00:00+07:00' });
    await first.close();

    const second = await openStore(config);
    try {
      expect(await second.store.get(a.id)).toEqual(a);
      expect((await second.store.list({ kind: 'ward', wardId: 'my-long' }, { limit: 5 })).items.map((x) => x.id)).toEqual([a.id]);
      expect((await second.store.getCrawlState('angiang-my-long'))?.lastSuccessAt).toBe('2023-11-24T00:00:00+07:00');
      // ensureTable on an existing table is a no-op; the same article is still unchanged.
      expect(await second.store.put(a)).toBe('unchanged');
    } finally {
      await second.close();
    }
  });

  it('an in-memory instance keeps nothing', async () => {
    const e = await startEmbeddedDynamo({ inMemory: true });
    const config = { ...loadConfig({}), dynamoEndpoint: e.endpoint, tableName: 'mem' };
    const s = await openStore(config);
    await s.store.put(a);
    await s.close();
    await e.close();
    const again = await startEmbeddedDynamo({ inMemory: true });
    const s2 = await openStore({ ...config, dynamoEndpoint: again.endpoint });
    try {
      expect(await s2.store.get(a.id)).toBeUndefined();
    } finally {
      await s2.close();
      await again.close();
    }
  });

  it('opens any DynamoDB-compatible endpoint given in DYNAMODB_ENDPOINT, creating the table', async () => {
    const e = await startEmbeddedDynamo({ inMemory: true });
    // No AWS credentials here: the store falls back to local ones (and must not ask an instance-metadata address).
    const saved = { ...process.env };
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE']) delete process.env[k];
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(tmp, 'none');
    process.env.AWS_CONFIG_FILE = join(tmp, 'none');
    try {
      const s = await openStore(loadConfig({ DYNAMODB_ENDPOINT: e.endpoint, TABLE_NAME: 'custom-endpoint' }));
      try {
        expect(s.endpoint).toBe(e.endpoint);
        expect(s.store.tableName).toBe('custom-endpoint');
        expect(await s.store.put(a)).toBe('new');
        expect(await s.store.existing([a.id])).toEqual(new Set([a.id]));
      } finally {
        await s.close();
      }
    } finally {
      process.env = saved;
      await e.close();
    }
  });

  it('reports a port in use as a store error', async () => {
    const e = await startEmbeddedDynamo({ inMemory: true });
    try {
      const port = Number(new URL(e.endpoint).port);
      await expect(startEmbeddedDynamo({ inMemory: true, port })).rejects.toMatchObject({ kind: 'store' });
    } finally {
      await e.close();
    }
  });
});
