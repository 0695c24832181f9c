/**
 * `wardfeed add` as a user runs it: a child process against the fixture sites (reached through
 * WARDFEED_RESOLVE) and a store over the DynamoDB wire protocol, with a copy of the shipped
 * registry (national list included). From each fixture site's home page it finds the unit and
 * the platform, writes the entry without touching the rest of the file and crawls the source
 * once; a district portal, whose pages name no unit, and a name several units share are refused
 * with the way out (`--ward`), never guessed.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, ROOT } from '../../lib/config.ts';
import { loadRegistry } from '../../lib/registry/index.ts';
import type { Source } from '../../lib/registry/types.ts';
import { openStore, startEmbeddedDynamo, type EmbeddedDynamo, type OpenedStore } from '../../lib/store/index.ts';
import { DEFAULT_SITES_DIR, startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { fixtureSites, readSite } from '../fixtures/sites.ts';
import { parseJson } from '../helpers/json.ts';
import { runWardfeed } from '../helpers/cli.ts';

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

const wardfeed = (args: string[]) => runWardfeed(args, { env });

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

/** Where the home page of every fixture site leads: the unit its pages name and its platform. */
interface Home {
  host: string;
  profile: string;
  /** The unit the site's own pages name. */
  ward?: string;
  /** A district portal: the district its pages name, and the unit a user then chooses with --ward. */
  district?: { name: RegExp; choose: string };
  /** The site feed its pages advertise. */
  feed?: string;
  /** Added with --write and crawled once (at least one site of each family). */
  write: boolean;
}
const HOMES: Home[] = [
  { host: 'camle.danang.gov.vn', profile: 'danang-portal', district: { name: /quận Cẩm Lệ/i, choose: 'hoa-an-cam-le' }, write: true },
  { host: 'duongnoi.hanoi.gov.vn', profile: 'hanoi-ward-2025', ward: 'duong-noi-ha-noi', write: true },
  { host: 'hadong.haiphong.gov.vn', profile: 'slug-id-portal', ward: 'ha-dong-hai-phong', write: true },
  { host: 'hoangmai.hanoi.gov.vn', profile: 'liferay-district', district: { name: /Quận Hoàng Mai/, choose: 'thanh-tri-hoang-mai' }, write: true },
  { host: 'khuongthuong.dongda.hanoi.gov.vn', profile: 'liferay-asset-publisher', ward: 'khuong-thuong-dong-da', write: true },
  { host: 'longbien.hanoi.gov.vn', profile: 'liferay-district', district: { name: /Quận Long Biên/, choose: 'duc-giang-long-bien' }, write: false },
  { host: 'mylong.longxuyen.angiang.gov.vn', profile: 'angiang-drupal', ward: 'my-long-long-xuyen', write: true },
  { host: 'nhontrach.dongnai.gov.vn', profile: 'nukeviet', ward: 'nhon-trach-dong-nai', feed: 'https://nhontrach.dongnai.gov.vn/vi/news/rss/', write: true },
  { host: 'phuocmy.phanrangthapcham.ninhthuan.gov.vn', profile: 'sharepoint', ward: 'phuoc-my-phan-rang-thap-cham', write: true },
  { host: 'phuongbenthanh.gov.vn', profile: 'wordpress', ward: 'ben-thanh-ho-chi-minh', feed: 'https://phuongbenthanh.gov.vn/feed/', write: true },
  { host: 'sontay.quangngai.gov.vn', profile: 'quangngai-2025', ward: 'son-tay-quang-ngai', write: true },
  { host: 'tamnong.dongthap.gov.vn', profile: 'liferay-portal', ward: 'tam-nong-dong-thap', write: true },
  { host: 'tanthanh.tuyenquang.gov.vn', profile: 'tuyenquang-portal', ward: 'tan-thanh-tuyen-quang', write: true },
];
const homeUrl = (host: string) => `${siteJson(host).scheme ?? 'https'}://${host}/`;
/** The titles of the items a site's home page shows: its newest news, the first listing page's items. */
const homeTitles = (host: string) => {
  const listing = siteJson(host).pages.find((p) => p.kind === 'listing')!.file;
  return parseJson<{ items: { title: string }[] }>(readFileSync(join(DEFAULT_SITES_DIR, host, listing.replace(/\.html$/, '.expected.json')), 'utf8')).items.map((i) => i.title);
};

/** The titles of the items of the feed a site serves at `feedUrl` (the crawl reads a site through its own feed). */
const feedTitles = (host: string, feedUrl: string) => {
  const page = siteJson(host).pages.find((p) => p.path === new URL(feedUrl).pathname)!;
  const doc = new XMLParser().parse(readFileSync(join(DEFAULT_SITES_DIR, host, page.file), 'utf8')) as { rss: { channel: { item: { title: string }[] | { title: string } } } };
  return [doc.rss.channel.item].flat().map((i) => i.title);
};

describe('wardfeed add', { timeout: 120_000 }, () => {
  it('has an expectation for the home page of every fixture site', () => {
    expect(HOMES.map((h) => h.host).sort()).toEqual(fixtureSites(DEFAULT_SITES_DIR).map((s) => s.site.host).sort());
    for (const h of HOMES) expect(siteJson(h.host).pages.find((p) => p.path === '/')?.kind, h.host).toBe('home');
    // Every family of the fixture sites is written and crawled at least once.
    expect(new Set(HOMES.filter((h) => h.write).map((h) => h.profile))).toEqual(new Set(HOMES.map((h) => h.profile)));
  });

  it.each(HOMES.filter((h) => h.district))('refuses the home page of the district portal $host, naming the district, and takes --ward', async ({ host, profile, district }) => {
    const before = readFileSync(registryFile, 'utf8');
    const refused = await wardfeed(['add', homeUrl(host), '--registry', registryFile, '--write']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(district!.name);
    expect(refused.stderr).toContain('--ward');
    expect(refused.stdout).not.toContain('registry entry');
    expect(readFileSync(registryFile, 'utf8')).toBe(before);
    const chosen = await wardfeed(['add', homeUrl(host), '--registry', registryFile, '--ward', district!.choose]);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(printedEntry(chosen.stdout)).toMatchObject({ ward: district!.choose, profile, listUrls: [homeUrl(host)], verified: true });
    expect(readFileSync(registryFile, 'utf8')).toBe(before);
  });

  it.each(HOMES.filter((h) => h.write))('adds $host from its home page: unit, platform, entry in the file style, one crawl', async ({ host, profile, ward, district, feed }) => {
    const before = readFileSync(registryFile, 'utf8');
    const r = await wardfeed(['add', homeUrl(host), '--registry', registryFile, '--write', ...(district ? ['--ward', district.choose] : [])]);
    expect(r.code, r.stderr).toBe(0);
    const entry = printedEntry(r.stdout.slice(0, r.stdout.indexOf('\ncrawled')));
    expect(entry).toMatchObject({ ward: ward ?? district!.choose, profile, listUrls: [homeUrl(host)], verified: true });
    if (feed) expect(r.stdout).toContain(`site feed: ${feed}`);
    else expect(r.stdout).not.toContain('site feed:');
    // Everything up to the last source's closing brace, and the closing of the file, are unchanged.
    const after = readFileSync(registryFile, 'utf8');
    const cut = before.lastIndexOf('}', before.lastIndexOf(']'));
    expect(after.slice(0, cut + 1)).toBe(before.slice(0, cut + 1));
    expect(after.endsWith(before.slice(before.lastIndexOf(']') - 3))).toBe(true);
    expect(after).toContain(`    {\n      "id": "${entry.id}",\n      "listUrls": ["${homeUrl(host)}"],\n`);
    expect(loadRegistry(registryFile).sources.at(-1)).toEqual(entry);
    // The crawl stored the items the home page shows (through the site's own feed when it has one:
    // then every item of the feed) and printed them.
    const titles = homeTitles(host);
    expect(titles.length).toBeGreaterThan(0);
    const crawled = feed ? feedTitles(host, feed) : titles;
    expect(crawled).toEqual(expect.arrayContaining(titles));
    expect(r.stdout).toMatch(new RegExp(`crawled ${entry.id}: ${crawled.length} new`));
    for (const t of crawled) expect(r.stdout, t).toContain(t);
  });

  it.each(SITES)('finds the unit and the platform of %s from a listing page and prints its entry, leaving the file alone', async (host, scheme, ward) => {
    const before = readFileSync(registryFile, 'utf8');
    const listing = siteJson(host).pages.find((p) => p.kind === 'listing')!.path;
    const r = await wardfeed(['add', `${scheme}://${host}${listing}`, '--registry', registryFile]);
    expect(r.code, r.stderr).toBe(0);
    const entry = printedEntry(r.stdout);
    expect(entry).toMatchObject({ ward, profile: siteJson(host).family, listUrls: [`${scheme}://${host}${listing}`], verified: true });
    expect(readFileSync(registryFile, 'utf8')).toBe(before);
  });

  it('from an article page, proposes the home page as the listing, unverified', async () => {
    const host = 'nhontrach.dongnai.gov.vn';
    const article = siteJson(host).pages.find((p) => p.kind === 'article')!.path;
    const r = await wardfeed(['add', `https://${host}${article}`, '--registry', registryFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('site feed: https://nhontrach.dongnai.gov.vn/vi/news/rss/');
    expect(printedEntry(r.stdout)).toMatchObject({ ward: 'nhon-trach-dong-nai', profile: 'nukeviet', listUrls: ['https://nhontrach.dongnai.gov.vn/'], verified: false });
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
});
