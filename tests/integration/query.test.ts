/** `wardfeed query` as a user runs it: a child process against a store over the DynamoDB wire protocol. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../lib/article.ts';
import { loadConfig } from '../../lib/config.ts';
import { openStore, startEmbeddedDynamo, type EmbeddedDynamo, type OpenedStore } from '../../lib/store/index.ts';
import { seedArticle, seedArticles, seedRegistry, SEED_SPECS } from '../helpers/seed-articles.ts';
import { runWardfeed } from '../helpers/cli.ts';

const registry = seedRegistry();
let dir: string;
let embedded: EmbeddedDynamo | undefined;
let opened: OpenedStore;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wardfeed-query-'));
  const registryFile = join(dir, 'registry.json');
  // A second "Quận Long Biên" in another province (no articles), so a bare district name is ambiguous.
  const twin = { id: 'long-bien-tinh-bac-ninh', name: 'Xã Long Biên', province: 'Tỉnh Bắc Ninh', legacyDistrict: 'Quận Long Biên', status: 'active' };
  writeFileSync(registryFile, JSON.stringify({ wards: [...registry.wards, twin], sources: registry.sources }, null, 2));
  const base = loadConfig();
  if (!base.dynamoEndpoint) embedded = await startEmbeddedDynamo({ inMemory: true });
  const config = { ...base, dynamoEndpoint: base.dynamoEndpoint ?? embedded!.endpoint, tableName: `wardfeed-query-${process.pid}-${Date.now().toString(36)}`, registryFile };
  opened = await openStore(config, { registry });
  for (const a of seedArticles()) await opened.store.put(a);
  env = { ...process.env, DYNAMODB_ENDPOINT: config.dynamoEndpoint, TABLE_NAME: config.tableName, WARDFEED_REGISTRY: registryFile };
});

afterAll(async () => {
  await opened?.close();
  await embedded?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const wardfeed = (args: string[]) => runWardfeed(args, { env });

describe('wardfeed query', () => {
  it('prints JSON of the asked wards, newest first, with the API filters', async () => {
    const r = await wardfeed(['query', '--ward', 'thuong-thanh-long-bien', '--ward', 'thanh-tri-hoang-mai', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const items = JSON.parse(r.stdout) as Article[];
    expect(items.map((a) => a.title)).toEqual([SEED_SPECS[1].title, SEED_SPECS[0].title]);
    expect(items[1].bodyText).toBe(seedArticle(SEED_SPECS[0]).bodyText);
  });

  it('filters by province, date range and folded text', async () => {
    const hn = await wardfeed(['query', '--province', 'Thành phố Hà Nội', '--from', '2021-01-20', '--to', '2022-12-31', '--format', 'ndjson']);
    expect(hn.code, hn.stderr).toBe(0);
    expect(hn.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as Article).title)).toEqual([SEED_SPECS[2].title, SEED_SPECS[1].title, SEED_SPECS[3].title]);
    const q = await wardfeed(['query', '--q', 'THUY', '--format', 'ndjson']);
    expect(q.code, q.stderr).toBe(0);
    // "Lý Thuỳ Giang" in the Mỹ Long article (2023), "Lê Hồng Thủy" in the Đức Giang one (2022).
    expect(q.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as Article).wardIds[0])).toEqual(['my-long-long-xuyen', 'duc-giang-long-bien']);
  });

  it('stops at --limit and resumes from the printed cursor', async () => {
    const first = await wardfeed(['query', '--limit', '2', '--format', 'ndjson']);
    expect(first.code, first.stderr).toBe(0);
    const cursor = /--cursor (\S+)/.exec(first.stderr)?.[1];
    expect(cursor).toBeDefined();
    const rest = await wardfeed(['query', '--limit', '10', '--cursor', cursor!, '--format', 'ndjson']);
    expect(rest.code, rest.stderr).toBe(0);
    const ids = (first.stdout + rest.stdout).trimEnd().split('\n').map((l) => (JSON.parse(l) as Article).id);
    expect(ids).toHaveLength(5);
    expect(new Set(ids)).toEqual(new Set(seedArticles().map((a) => a.id)));
  });

  it('writes RFC 4180 CSV with an optional BOM', async () => {
    const r = await wardfeed(['query', '--district', 'thanh-pho-ha-noi/quan-long-bien', '--format', 'csv', '--bom']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('\uFEFFid,publishedAt,datePrecision,')).toBe(true);
    const lines = r.stdout.split('\r\n');
    expect(lines).toHaveLength(4); // header, two rows, and the empty string after the last CRLF
    expect(lines[1]).toContain(',2022-05-19T09:00:00+07:00,minute,page,');
  });

  it('refuses what the API refuses, naming the option', async () => {
    const bad = await wardfeed(['query', '--from', '2021-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad --from');
    const fmt = await wardfeed(['query', '--format', 'xml']);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain('bad --format');
    const unknown = await wardfeed(['query', '--ward', 'khong-co']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown-ward');
  });

  it('names a district with its province; a bare name two provinces share is refused with both addresses', async () => {
    const ambiguous = await wardfeed(['query', '--district', 'quan-long-bien']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('bad --district');
    expect(ambiguous.stderr).toContain('thanh-pho-ha-noi/quan-long-bien');
    expect(ambiguous.stderr).toContain('tinh-bac-ninh/quan-long-bien');
    const hanoi = await wardfeed(['query', '--district', 'Thành phố Hà Nội/Quận Long Biên', '--format', 'ndjson']);
    expect(hanoi.code, hanoi.stderr).toBe(0);
    expect(hanoi.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as Article).wardIds[0])).toEqual(['duc-giang-long-bien', 'thuong-thanh-long-bien']);
    const other = await wardfeed(['query', '--district', 'tinh-bac-ninh/quan-long-bien', '--format', 'ndjson']);
    expect(other.code, other.stderr).toBe(0);
    expect(other.stdout).toBe('');
    // A name only one province has still works bare.
    const unique = await wardfeed(['query', '--district', 'quan-dong-da', '--format', 'ndjson']);
    expect(unique.code, unique.stderr).toBe(0);
    expect(unique.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as Article).wardIds[0])).toEqual(['khuong-thuong-dong-da']);
    const nowhere = await wardfeed(['query', '--district', 'tinh-an-giang/quan-long-bien']);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('unknown-district');
  });
});
