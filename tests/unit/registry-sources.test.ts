/**
 * The shipped registry's sources on the portals of `lib/registry/portals/attested.json`: every
 * source's unit exists in the national list, every host is attested or cited, each portal is
 * assigned to the unit its host names, and "old" portals only to pre-2025 units (as archives).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../lib/config.ts';
import { findWard, loadRegistry, sourceWardIds } from '../../lib/registry/index.ts';
import { PROFILE_NAMES } from '../../lib/sites/names.ts';
import { hostSpelling, unitHostSpelling } from '../../lib/registry/find-unit.ts';
import { coverageTable } from '../../scripts/portal-coverage.ts';
import { hostPath, propose } from '../../scripts/propose-portal-sources.ts';

const registry = loadRegistry(resolve(ROOT, 'lib/registry/registry.json'));
const attested = JSON.parse(readFileSync(resolve(ROOT, 'lib/registry/portals/attested.json'), 'utf8')) as { hosts: [string, string, string][]; examples: string[] };

/** The attested host entry a listing address lies under (the longest one). */
const hostEntryOf = (u: string) =>
  attested.hosts.filter(([h]) => hostPath(u) === h || hostPath(u).startsWith(`${h}/`)).sort((a, b) => b[0].length - a[0].length)[0];

describe('registered portal sources', () => {
  const portalSources = registry.sources.filter((s) => s.note?.includes('lib/registry/portals/attested.json'));

  it('registers at least 120 attested portals', () => {
    expect(portalSources.length).toBeGreaterThanOrEqual(120);
    expect(new Set(portalSources.map((s) => s.listUrls[0])).size).toBe(portalSources.length);
  });

  it('gives every source a unit of the national list and a host that is attested or cited in its note', () => {
    for (const s of registry.sources) {
      for (const id of sourceWardIds(s)) expect(findWard(registry, id), `${s.id}: ${id}`).toBeDefined();
      for (const u of s.listUrls) {
        const host = new URL(u).host;
        const inList = attested.hosts.some(([h]) => h === host || h.startsWith(`${host}/`));
        expect(inList || s.note?.includes(host), `${s.id}: ${host}`).toBe(true);
      }
      expect(PROFILE_NAMES, s.id).toContain(s.profile);
    }
  });

  it('assigns each portal to the unit its host names, in the attested province', () => {
    for (const s of portalSources) {
      const entry = hostEntryOf(s.listUrls[0]);
      expect(entry, s.id).toBeDefined();
      const ward = findWard(registry, s.ward!)!;
      // The unit's name, without its type word, is spelled in the host or its path.
      expect(hostSpelling(hostPath(s.listUrls[0])), `${s.id} → ${ward.name}`).toContain(unitHostSpelling(ward.name) || hostSpelling(ward.name));
      const province = hostSpelling(entry[1].split(' (')[0].replace(/^TP /, ''));
      const now = entry[1].includes('(now ') ? hostSpelling(entry[1].split('(now ')[1].replace(/\)$/, '').replace(/^TP /, '')) : province;
      expect([province, now].some((p) => hostSpelling(ward.province).endsWith(p)), `${s.id}: ${ward.province} vs ${entry[1]}`).toBe(true);
    }
  });

  it('registers a portal marked old only as the archive of a pre-2025 unit', () => {
    for (const s of portalSources) {
      const [, , family] = hostEntryOf(s.listUrls[0]);
      const ward = findWard(registry, s.ward!)!;
      if (/\bold\b/.test(family) && !family.startsWith('new ')) expect(ward.status, s.id).toBe('merged');
      if (ward.status === 'merged') expect(s.note, s.id).toMatch(/^Archive of/);
      else expect(ward.status, s.id).toBe('active');
    }
  });

  it('cites the example page of a host wherever one is recorded, and marks a host only named in a report unverified', () => {
    const exampleHosts = attested.examples.map((e) => [e, hostEntryOf(e)?.[0]]);
    for (const s of portalSources) {
      const [host, , family] = hostEntryOf(s.listUrls[0]);
      const examples = exampleHosts.filter(([, h]) => h === host).map(([e]) => e);
      if (examples.length > 0) expect(examples.some((e) => s.note!.includes(e)), s.id).toBe(true);
      expect(s.verified, s.id).toBe(!family.includes('no page seen'));
    }
  });

  it('leaves no portal of the list without a source unless its host names no one unit', () => {
    const { sources, skipped } = propose(registry, attested);
    expect(sources.map((s) => s.id)).toEqual([]);
    // The README's "Left out" list, each for the reason it gives.
    expect(skipped.map((s) => s.host).sort()).toEqual([
      'chilangbac1.thanhmien.haiduong.gov.vn',
      'chilangnam1.thanhmien.haiduong.gov.vn',
      'donghoangth.thaibinh.gov.vn',
      'hungdao1.chilinh.haiduong.gov.vn',
      'sub.dost-dongnai.gov.vn/xuanthanh',
      'tanhong1.binhgiang.haiduong.gov.vn',
      'thitranthanhha1.thanhha.haiduong.gov.vn',
      'vanan1.chilinh.haiduong.gov.vn',
    ]);
  });

  it('prints in the README the coverage table the registry gives', () => {
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`\n${coverageTable(registry)}\n\n`);
  });
});
