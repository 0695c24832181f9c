import { PROFILE_NAMES } from '../../lib/sites/names.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WardfeedError } from '../../lib/errors.ts';
import { ROOT } from '../../lib/config.ts';
import { crawlable, loadRegistry, parseRegistry } from '../../lib/registry/index.ts';
import { SLUG } from '../../lib/registry/schema.ts';

/** The family names of the design (DESIGN.md); the crawler passes the live list from lib/sites. */
const PROFILES = [...PROFILE_NAMES];

function validData() {
  return {
    wards: [
      { id: 'thanh-tri-hoang-mai', name: 'Phường Thanh Trì', province: 'Thành phố Hà Nội', legacyDistrict: 'Quận Hoàng Mai', status: 'active' },
      { id: 'thuong-thanh-long-bien', name: 'Phường Thượng Thanh', province: 'Thành phố Hà Nội', legacyDistrict: 'Quận Long Biên', status: 'active' },
      { id: 'duc-giang-long-bien', name: 'Phường Đức Giang', province: 'Thành phố Hà Nội', legacyDistrict: 'Quận Long Biên', status: 'active' },
      { id: 'old-ward-long-bien', name: 'Phường Cũ', province: 'Thành phố Hà Nội', status: 'merged', mergedInto: 'duc-giang-long-bien' },
    ],
    sources: [
      { id: 'hoangmai-thanh-tri', listUrls: ['https://hoangmai.hanoi.gov.vn/phuong-thanh-tri'], profile: 'liferay-district', ward: 'thanh-tri-hoang-mai', verified: true },
      {
        id: 'longbien-hoat-dong',
        listUrls: ['https://longbien.hanoi.gov.vn/'],
        profile: 'auto',
        wardsByName: ['thuong-thanh-long-bien', 'duc-giang-long-bien'],
        verified: false,
        note: 'section address not recorded',
        fetch: { delayMs: 2000, caCerts: ['certs/chain.pem'], timeoutMs: 20000 },
      },
      { id: 'old-ward-archive', listUrls: ['http://cu.longbien.hanoi.gov.vn/tin-tuc'], profile: 'generic', ward: 'old-ward-long-bien', verified: true },
    ],
  };
}
type Data = ReturnType<typeof validData>;

function registryError(fn: () => unknown): WardfeedError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WardfeedError);
    return e as WardfeedError;
  }
  throw new Error('expected a WardfeedError, nothing was thrown');
}

describe('parseRegistry', () => {
  it('accepts a valid registry and returns its wards and sources', () => {
    const r = parseRegistry(validData(), 'reg.json', { profiles: PROFILES });
    expect(r.file).toBe('reg.json');
    expect(r.wards.map((w) => w.id)).toEqual(['thanh-tri-hoang-mai', 'thuong-thanh-long-bien', 'duc-giang-long-bien', 'old-ward-long-bien']);
    expect(r.sources[1]).toMatchObject({ wardsByName: ['thuong-thanh-long-bien', 'duc-giang-long-bien'], verified: false, fetch: { delayMs: 2000 } });
  });

  // Each breakage: how to break a valid file, and what the one error must say.
  const breakages: [string, (d: Data) => void, string[]][] = [
    ['missing field', (d) => delete (d.wards[1] as Partial<Data['wards'][number]>).province, ['wards[1] (id "thuong-thanh-long-bien")', 'province: missing']],
    ['wrong type', (d) => ((d.sources[0] as Record<string, unknown>).verified = 'yes'), ['sources[0] (id "hoangmai-thanh-tri")', 'verified: expected boolean, got string']],
    ['duplicate ward id', (d) => (d.wards[2].id = 'thanh-tri-hoang-mai'), ['wards[2] (id "thanh-tri-hoang-mai")', 'id: duplicate ward id (also wards[0])']],
    ['duplicate source id', (d) => (d.sources[2].id = 'hoangmai-thanh-tri'), ['sources[2] (id "hoangmai-thanh-tri")', 'id: duplicate source id (also sources[0])']],
    ['unknown ward reference', (d) => (d.sources[0].ward = 'nowhere-hoang-mai'), ['sources[0] (id "hoangmai-thanh-tri")', 'ward: unknown ward "nowhere-hoang-mai"']],
    ['unknown ward in wardsByName', (d) => (d.sources[1].wardsByName![1] = 'nowhere'), ['sources[1] (id "longbien-hoat-dong")', 'wardsByName[1]: unknown ward "nowhere"']],
    ['bad URL', (d) => (d.sources[1].listUrls[0] = '/hoat-dong-cac-phuong'), ['sources[1] (id "longbien-hoat-dong")', 'listUrls[0]: not an absolute http(s) URL']],
    ['non-http URL', (d) => (d.sources[0].listUrls = ['ftp://hoangmai.hanoi.gov.vn/x']), ['listUrls[0]: not an absolute http(s) URL']],
    ['empty listUrls', (d) => (d.sources[0].listUrls = []), ['sources[0] (id "hoangmai-thanh-tri")', 'listUrls: needs at least one listing URL']],
    [
      'both ward and wardsByName',
      (d) => ((d.sources[0] as Record<string, unknown>).wardsByName = ['thuong-thanh-long-bien']),
      ['sources[0] (id "hoangmai-thanh-tri")', 'give either "ward" or "wardsByName", not both'],
    ],
    ['neither ward nor wardsByName', (d) => delete (d.sources[0] as Record<string, unknown>).ward, ['sources[0]', 'a source needs "ward" or "wardsByName"']],
    ['merged without mergedInto', (d) => delete (d.wards[3] as Record<string, unknown>).mergedInto, ['wards[3] (id "old-ward-long-bien")', 'mergedInto: required when status is "merged"']],
    ['mergedInto on an active ward', (d) => ((d.wards[0] as Record<string, unknown>).mergedInto = 'duc-giang-long-bien'), ['wards[0]', 'only allowed when status is "merged"']],
    ['mergedInto an unknown ward', (d) => (d.wards[3].mergedInto = 'gone-ward'), ['wards[3]', 'mergedInto: unknown ward "gone-ward"']],
    ['unknown profile', (d) => (d.sources[2].profile = 'joomla'), ['sources[2] (id "old-ward-archive")', 'profile: unknown profile "joomla"']],
    ['bad status', (d) => ((d.wards[0] as Record<string, unknown>).status = 'closed'), ['wards[0]', 'status: must be one of "active", "merged", "archived", got "closed"']],
    ['ward id not a slug', (d) => (d.wards[0].id = 'Thanh Trì'), ['wards[0] (id "Thanh Trì")', 'id: not a slug']],
    ['empty name', (d) => (d.wards[1].name = '  '), ['wards[1]', 'name: must not be empty']],
    ['unknown field (typo)', (d) => ((d.sources[0] as Record<string, unknown>).listUrl = 'x'), ['sources[0]', 'unknown field "listUrl"']],
    ['negative delay', (d) => (d.sources[1].fetch!.delayMs = -5), ['sources[1] (id "longbien-hoat-dong")', 'fetch.delayMs:']],
    ['wards not an array', (d) => ((d as Record<string, unknown>).wards = {}), ['registry bad.json: wards: expected array, got object']],
  ];

  it.each(breakages)('%s', (_name, breakIt, expected) => {
    const data = validData();
    breakIt(data);
    const e = registryError(() => parseRegistry(data, 'bad.json', { profiles: PROFILES }));
    expect(e.kind).toBe('registry');
    expect(e.message).toContain('bad.json');
    for (const part of expected) expect(e.message).toContain(part);
  });

  it('reports every problem of a file in one error', () => {
    const data = validData();
    data.sources[0].ward = 'nowhere';
    data.sources[2].profile = 'joomla';
    const e = registryError(() => parseRegistry(data, 'bad.json', { profiles: PROFILES }));
    expect(e.message).toContain('2 problems');
    expect(e.message).toContain('sources[0] (id "hoangmai-thanh-tri"): ward: unknown ward "nowhere"');
    expect(e.message).toContain('sources[2] (id "old-ward-archive"): profile: unknown profile "joomla"');
  });

  it('rejects data that is not an object', () => {
    for (const data of [null, [], 'wards', 42]) {
      expect(registryError(() => parseRegistry(data, 'x.json')).kind).toBe('registry');
    }
  });

  it('accepts a profile from the list it is given', () => {
    const data = validData();
    data.sources[2].profile = 'new-family';
    expect(parseRegistry(data, 'x.json', { profiles: [...PROFILE_NAMES, 'new-family'] }).sources[2].profile).toBe('new-family');
  });
});

describe('loadRegistry', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wardfeed-registry-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file from disk', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(validData(), null, 2));
    expect(loadRegistry(file, { profiles: PROFILES }).sources).toHaveLength(3);
  });

  it('names the file, line and column of invalid JSON', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "wards": [],\n  "sources": [\n    { "id": "a", }\n  ]\n}\n');
    const e = registryError(() => loadRegistry(file));
    expect(e.kind).toBe('registry');
    expect(e.message).toContain(file);
    expect(e.message).toContain('line 4, column 18');
  });

  it('finds an unterminated string and a trailing comma at the end', () => {
    const a = join(dir, 'unterminated.json');
    writeFileSync(a, '{"wards": [], "sources": [], "about": "no end\n}');
    expect(registryError(() => loadRegistry(a)).message).toMatch(/line 1, column 46: control character in string/);
    const b = join(dir, 'trailing.json');
    writeFileSync(b, '{"wards": [],\n"sources": [],\n}');
    expect(registryError(() => loadRegistry(b)).message).toMatch(/line 3, column 1: unexpected "}", expected a property name/);
  });

  it('says when the file cannot be read', () => {
    const e = registryError(() => loadRegistry(join(dir, 'missing.json')));
    expect(e.kind).toBe('registry');
    expect(e.message).toContain('missing.json');
    expect(e.message).toContain('ENOENT');
  });

  it('names the file in schema errors too', () => {
    const file = join(dir, 'schema.json');
    const data = validData();
    data.sources[1].listUrls[0] = 'longbien.hanoi.gov.vn/hoat-dong';
    writeFileSync(file, JSON.stringify(data));
    expect(registryError(() => loadRegistry(file)).message).toBe(
      `registry ${file}: sources[1] (id "longbien-hoat-dong"): listUrls[0]: not an absolute http(s) URL`,
    );
  });
});

describe('crawlable', () => {
  const registry = parseRegistry(validData(), 'reg.json');

  it('skips unverified sources with a reason', () => {
    const { sources, skipped } = crawlable(registry);
    expect(sources.map((s) => s.id)).toEqual(['hoangmai-thanh-tri', 'old-ward-archive']);
    expect(skipped.map((s) => s.source.id)).toEqual(['longbien-hoat-dong']);
    expect(skipped[0].reason).toContain('unverified');
    expect(skipped[0].reason).toContain('section address not recorded');
  });

  it('filters by ward, counting district-wide sources that cover it', () => {
    expect(crawlable(registry, { wardIds: ['thanh-tri-hoang-mai'] })).toEqual({ sources: [registry.sources[0]], skipped: [] });
    const longBien = crawlable(registry, { wardIds: ['duc-giang-long-bien'] });
    expect(longBien.sources).toEqual([]);
    expect(longBien.skipped.map((s) => s.source.id)).toEqual(['longbien-hoat-dong']);
    expect(crawlable(registry, { wardIds: ['old-ward-long-bien', 'thanh-tri-hoang-mai'] }).sources.map((s) => s.id)).toEqual([
      'hoangmai-thanh-tri',
      'old-ward-archive',
    ]);
  });

  it('treats an empty ward list as all wards', () => {
    expect(crawlable(registry, { wardIds: [] }).sources).toHaveLength(2);
  });

  it('rejects an unknown ward id as a bad request', () => {
    const e = registryError(() => crawlable(registry, { wardIds: ['thanh-tri-hoang-mai', 'atlantis'] }));
    expect(e.kind).toBe('bad-request');
    expect(e.message).toBe('unknown ward "atlantis"');
  });
});

describe('registry files of the project', () => {
  it('lib/registry/registry.json: the five seed wards, valid, with known profiles, merged since 2025-07-01', () => {
    const r = loadRegistry(resolve(ROOT, 'lib/registry/registry.json'), { profiles: PROFILES });
    // The file's own ward entries are the five seeds; every other ward comes from the national list.
    const own = (JSON.parse(readFileSync(resolve(ROOT, 'lib/registry/registry.json'), 'utf8')) as { wards: { id: string }[] }).wards.map((w) => w.id);
    expect(own.sort()).toEqual([
      'duc-giang-long-bien',
      'khuong-thuong-dong-da',
      'my-long-long-xuyen',
      'thanh-tri-hoang-mai',
      'thuong-thanh-long-bien',
    ]);
    for (const id of own) {
      const w = r.wards.find((x) => x.id === id)!;
      expect(w.status).toBe('merged');
      expect(w.legacyDistrict).toBeTruthy();
      expect(w.note).toContain('2025-07-01');
      expect(r.wards.find((x) => x.id === w.mergedInto)?.status).toBe('active');
    }
    // Unverified sources say what is known instead.
    for (const s of r.sources) if (!s.verified) expect(s.note).toBeTruthy();
    const longBien = r.sources.find((s) => s.wardsByName?.includes('thuong-thanh-long-bien'));
    expect(longBien?.wardsByName).toEqual(['thuong-thanh-long-bien', 'duc-giang-long-bien']);
    expect(longBien?.verified).toBe(false);
  });

  it('lib/registry/registry.json: the seed sources use only addresses attested by the seed manifest', () => {
    const r = loadRegistry(resolve(ROOT, 'lib/registry/registry.json'));
    // Sources of the portal list are checked against that list (tests/unit/registry-sources.test.ts).
    const seedSources = r.sources.filter((s) => !s.note?.includes('lib/registry/portals/attested.json'));
    expect(seedSources.map((s) => s.id).sort()).toEqual(['hoangmai-phuong-thanh-tri', 'khuongthuong-chi-dao-dieu-hanh', 'longbien-hoat-dong-cac-phuong', 'mylong-tin-tuc']);
    // The attested article addresses (seeds/manifest.json) and the portal host it names.
    const attested = [
      'https://hoangmai.hanoi.gov.vn/phuong-thanh-tri/-/view_content/6050090-dang-uy-phuong-thanh-tri-hop-giao-ban-bi-thu-chi-bo-mo-rong-thang-01-2021.html',
      'https://khuongthuong.dongda.hanoi.gov.vn/vi_VN/chi-ao-ieu-hanh-cua-phuong/-/asset_publisher/dxE4E0Jb0lTe/content/ubnd-phuong-khuong-thuong-to-chuc-tong-ket-cong-tac-nam-2020-phuong-huong-nhiem-vu-nam-2021',
      'https://mylong.longxuyen.angiang.gov.vn/my-long-hoi-nghi-ban-chap-dang-bo-phuong-thang-112023',
      'https://longbien.hanoi.gov.vn/',
    ];
    for (const s of seedSources) {
      for (const u of s.listUrls) {
        const fromArticle = attested.some((a) => a === u || a.startsWith(`${u}/-/`) || new URL(a).origin + '/' === u);
        expect(fromArticle, u).toBe(true);
        // A verified listing must be the page hosting an attested article's portlet.
        if (s.verified) expect(attested.some((a) => a.startsWith(`${u}/-/`)), u).toBe(true);
      }
    }
  });

  it('tests/fixtures/registry.json: valid and covering only known wards', () => {
    const r = loadRegistry(resolve(ROOT, 'tests/fixtures/registry.json'), { profiles: [...PROFILE_NAMES] });
    expect(r.sources.length).toBeGreaterThan(0);
    for (const w of r.wards) expect(w.id).toMatch(SLUG);
  });
});
