/**
 * `wardfeed add` as a user runs it: a child process against the fixture sites (reached through
 * WARDFEED_RESOLVE) and a store over the DynamoDB wire protocol, with a copy of the shipped
 * registry (national list included). It finds each fixture site's unit and platform, writes the
 * entry without touching the rest of the file, crawls the source once, and lists the candidates
 * of a name several units share instead of choosing one.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, ROOT } from '../../lib/config.ts';
import { loadRegistry } from '../../lib/registry/index.ts';
import type { Source } from '../../lib/registry/types.ts';
import { openStore, startEmbeddedDynamo, type EmbeddedDynamo, type OpenedStore } from '../../lib/store/index.ts';
import { DEFAULT_SITES_DIR, startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { readSite } from '../fixtures/sites.ts';
import { parseJson } from '../helpers/json.ts';

const ADD_SITES = resolve(ROOT, 'tests/fixtures/add-sites');
let dir: string;
let registryFile: string;
let sites: FixtureServer;
let addSites: FixtureServer;
let embedded: EmbeddedDynamo | undefined;
let opened: OpenedStore;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wardfeed-add-'));
  registryFile = join(dir, 'registry.json');
  copyFileSync(resolve(ROOT, 'lib/registry/registry.json'), registryFile);
  copyFileSync(resolve(ROOT, 'lib/registry/units.json'), join(dir, 'units.json'));
  sites = await startFixtureServer({ https: true });
  addSites = await startFixtureServer({ sitesDir: ADD_SITES, https: true });
  writeFileSync(join(dir, 'ca.pem'), sites.caCert!);
  writeFileSync(join(dir, 'ca2.pem'), addSites.caCert!);
  const base = loadConfig();
  if (!base.dynamoEndpoint) embedded = await startEmbeddedDynamo({ inMemory: true });
  const config = { ...base, dynamoEndpoint: base.dynamoEndpoint ?? embedded!.endpoint, tableName: `wardfeed-add-${process.pid}-${Date.now().toString(36)}`, registryFile };
  opened = await openStore(config, { registry: loadRegistry(registryFile) });
  const resolveMap = { ...sites.resolve, ...addSites.resolve };
  env = {
    ...process.env,
    DYNAMODB_ENDPOINT: config.dynamoEndpoint,
    TABLE_NAME: config.tableName,
    WARDFEED_REGISTRY: registryFile,
    WARDFEED_RESOLVE: Object.entries(resolveMap).map(([host, to]) => `${host}=${to}`).join(','),
    WARDFEED_ALLOW_PRIVATE: '1',
    WARDFEED_EXTRA_CA: `${join(dir, 'ca.pem')},${join(dir, 'ca2.pem')}`,
    WARDFEED_DELAY_MS: '0',
    AWS_ACCESS_KEY_ID: 'wardfeedlocal',
    AWS_SECRET_ACCESS_KEY: 'wardfeedlocal',
  };
}, 60_000);

afterAll(async () => {
  await opened?.close();
  await embedded?.close();
  await sites?.close();
  await addSites?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function wardfeed(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    execFile(process.execPath, [resolve(ROOT, 'bin/wardfeed.js'), ...args], { env, cwd: ROOT, maxBuffer: 32 << 20 }, (err, stdout, stderr) => {
      ok({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const siteJson = (host: string) => readSite(host, DEFAULT_SITES_DIR);
/** The entry printed after "registry entry…:" */
const printedEntry = (stdout: string) => parseJson<Source>(stdout.slice(stdout.indexOf('{', stdout.indexOf('registry entry')), stdout.lastIndexOf('}') + 1));

/** Each fixture site's listing, and the unit its pages name (the seed and fixture wards). */
const SITES: [host: string, scheme: string, ward: string][] = [
  ['duongnoi.hanoi.gov.vn', 'https', 'duong-noi-ha-noi'],
  ['hoangmai.hanoi.gov.vn', 'https', 'thanh-tri-hoang-mai'],
  ['khuongthuong.dongda.hanoi.gov.vn', 'https', 'khuong-thuong-dong-da'],
  ['mylong.longxuyen.angiang.gov.vn', 'https', 'my-long-long-xuyen'],
  ['camle.danang.gov.vn', 'https', 'hoa-an-cam-le'],
  ['hadong.haiphong.gov.vn', 'https', 'ha-dong-hai-phong'],
  ['tamnong.dongthap.gov.vn', 'https', 'tam-nong-dong-thap'],
  ['phuongbenthanh.gov.vn', 'https', 'ben-thanh-ho-chi-minh'],
  ['sontay.quangngai.gov.vn', 'https', 'son-tay-quang-ngai'],
];

describe('wardfeed add', { timeout: 120_000 }, () => {
  it.each(SITES)('finds the unit and the platform of %s and prints its entry, leaving the file alone', async (host, scheme, ward) => {
    const before = readFileSync(registryFile, 'utf8');
    const listing = siteJson(host).pages.find((p) => p.kind === 'listing')!.path;
    const r = await wardfeed(['add', `${scheme}://${host}${listing}`, '--registry', registryFile]);
    expect(r.code, r.stderr).toBe(0);
    const entry = printedEntry(r.stdout);
    expect(entry).toMatchObject({ ward, profile: siteJson(host).family, listUrls: [`${scheme}://${host}${listing}`], verified: true });
    expect(readFileSync(registryFile, 'utf8')).toBe(before);
  });

  it('finds a unit from the page header, names the site feed, and says the home page lists nothing', async () => {
    const r = await wardfeed(['add', 'https://nhontrach.dongnai.gov.vn/', '--registry', registryFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('site feed: https://nhontrach.dongnai.gov.vn/vi/news/rss/');
    expect(printedEntry(r.stdout)).toMatchObject({ ward: 'nhon-trach-dong-nai', listUrls: ['https://nhontrach.dongnai.gov.vn/'] });
  });

  it('lists every unit of an ambiguous name for --ward, exits non-zero and writes nothing', async () => {
    const before = readFileSync(registryFile, 'utf8');
    const r = await wardfeed(['add', 'https://tanthanh.example.vn/', '--registry', registryFile, '--write']);
    expect(r.code).not.toBe(0);
    const listed = [...r.stderr.matchAll(/--ward (\S+)/g)].map((m) => m[1]);
    // Every current "Xã Tân Thành" of the national list is offered.
    const units = parseJson<{ units: [string, string, string, string][] }>(readFileSync(resolve(ROOT, 'lib/registry/units.json'), 'utf8'));
    const all = units.units.filter((u) => u[2] === 'Xã Tân Thành').map((u) => u[1]);
    expect(all.length).toBeGreaterThan(1);
    for (const id of all) expect(listed, r.stderr + r.stdout).toContain(id);
    expect(readFileSync(registryFile, 'utf8')).toBe(before);
    // Choosing one settles it.
    const chosen = await wardfeed(['add', 'https://tanthanh.example.vn/', '--registry', registryFile, '--ward', all[0]]);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(printedEntry(chosen.stdout).ward).toBe(all[0]);
  });

  it('--write adds the entry in the file style, keeps every other byte, then crawls the source once', async () => {
    const before = readFileSync(registryFile, 'utf8');
    const host = 'phuocmy.phanrangthapcham.ninhthuan.gov.vn';
    const listing = siteJson(host).pages.find((p) => p.kind === 'listing')!.path;
    const r = await wardfeed(['add', `http://${host}${listing}`, '--registry', registryFile, '--write']);
    expect(r.code, r.stderr).toBe(0);
    const after = readFileSync(registryFile, 'utf8');
    const entry = printedEntry(r.stdout.slice(0, r.stdout.indexOf('\ncrawled')));
    expect(entry.ward).toBe('phuoc-my-phan-rang-thap-cham');
    // Everything up to the last source's closing brace, and the closing of the file, are unchanged.
    const cut = before.lastIndexOf('}', before.lastIndexOf(']'));
    expect(after.slice(0, cut + 1)).toBe(before.slice(0, cut + 1));
    expect(after.endsWith(before.slice(before.lastIndexOf(']') - 3))).toBe(true);
    expect(after).toContain(`    {\n      "id": "${entry.id}",\n      "listUrls": ["http://${host}${listing}"],\n`);
    const reg = loadRegistry(registryFile);
    expect(reg.sources.at(-1)).toEqual(entry);
    // The crawl stored the site's articles and printed them.
    const titles = readdirSync(join(DEFAULT_SITES_DIR, host)).filter((f) => f.endsWith('.expected.json')).map((f) => (JSON.parse(readFileSync(join(DEFAULT_SITES_DIR, host, f), 'utf8')) as { title: string }).title);
    expect(titles.length).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/crawled \S+: [1-9]\d* new/);
    expect(titles.some((t) => r.stdout.includes(t))).toBe(true);
  });
});
