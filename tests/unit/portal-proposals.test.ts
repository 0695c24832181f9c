/**
 * scripts/propose-portal-sources.ts: which unit a portal's host names (the README rules), and the
 * source entry it proposes. Host entries here are inputs to the rules, not attested portals.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../lib/config.ts';
import { loadRegistry } from '../../lib/registry/index.ts';
import { profileOf, proposeSource, sourceId, unitOf, type Attested } from '../../scripts/propose-portal-sources.ts';

const registry = loadRegistry(resolve(ROOT, 'lib/registry/registry.json'));
const wardOf = (entry: [string, string, string]) => {
  const f = unitOf(registry, entry);
  return f.kind === 'found' ? f.ward.id : `skip: ${f.why}`;
};

describe('the unit a portal host names', () => {
  it('matches an old portal among pre-2025 units only, a current one among current units', () => {
    expect(wardOf(['thieutoan.thieuhoa.thanhhoa.gov.vn', 'Thanh Hóa', 'old'])).toBe('thieu-toan-thieu-hoa');
    expect(wardOf(['thieutoan.thieuhoa.thanhhoa.gov.vn', 'Thanh Hóa', ''])).toBe('thieu-toan-thanh-hoa');
  });

  it('narrows a name two units of the province share by the district a later label spells, and never chooses otherwise', () => {
    expect(wardOf(['donghoang.tienhai.thaibinh.gov.vn', 'Thái Bình', 'old'])).toBe('dong-hoang-tien-hai');
    expect(wardOf(['donghoang.donghung.thaibinh.gov.vn', 'Thái Bình', 'old'])).toBe('dong-hoang-dong-hung');
    expect(wardOf(['donghoang.thaibinh.gov.vn', 'Thái Bình', 'old'])).toMatch(/^skip: "donghoang" names 2 units/);
  });

  it('reads the name from the first label (after a committee prefix) or the last path segment, and only in the attested province', () => {
    expect(wardOf(['mttq.phuhoadong.vn', 'TP Hồ Chí Minh', ''])).toBe('phu-hoa-dong-ho-chi-minh');
    expect(wardOf(['ducco.gialai.gov.vn/Xa-Ia-Dok', 'Gia Lai', 'old'])).toBe('ia-dok-duc-co');
    expect(wardOf(['xahalinh.hatinh.gov.vn', 'Hà Tĩnh', 'old'])).toBe('ha-linh-huong-khe');
    // A later label is a place, never the unit: "xuandong" here is not the site's own name.
    expect(wardOf(['news.xuandong.dongnai.gov.vn', 'Đồng Nai', ''])).toMatch(/^skip: no unit of Đồng Nai is named "news"/);
    expect(wardOf(['hungthinh.dongnai.gov.vn', 'Lai Châu', ''])).toMatch(/^skip/);
    expect(wardOf(['vanan1.chilinh.haiduong.gov.vn', 'Hải Dương', 'old'])).toMatch(/^skip/);
  });

  it('takes a reviewed unit with its reason', () => {
    const f = unitOf(registry, ['p4.sadec.dongthap.gov.vn', 'Đồng Tháp', 'old']);
    expect(f.kind === 'found' && [f.ward.id, f.by]).toEqual(['4-sa-dec', expect.stringContaining('Sa Đéc')]);
  });
});

describe('the proposed source', () => {
  it('maps the recorded family to a profile', () => {
    expect(profileOf('liferay, old', 'Bắc Ninh')).toBe('liferay-portal');
    expect(profileOf('liferay-asset-publisher, old', 'Hà Nội')).toBe('liferay-asset-publisher');
    expect(profileOf('drupal', 'An Giang')).toBe('angiang-drupal');
    expect(profileOf('drupal, old', 'Bến Tre (now Vĩnh Long)')).toBe('auto');
    expect(profileOf('wordpress (guess: /<slug>/ addresses), old', 'Bắc Kạn')).toBe('wordpress');
    expect(profileOf('addresses of the quangngai-2025 shape', 'Gia Lai')).toBe('auto');
  });

  it('is named after its host and path', () => {
    expect(sourceId('sub.dost-dongnai.gov.vn/xuanphu')).toBe('sub-dost-dongnai-xuanphu');
    expect(sourceId('vinhhung.phutho.dcs.vn')).toBe('vinhhung-phutho');
    expect(sourceId('ducco.gialai.gov.vn/Xa-Ia-Dok')).toBe('ducco-gialai-xa-ia-dok');
    expect(sourceId('mttq.phuhoadong.vn')).toBe('mttq-phuhoadong');
  });

  it('archives an old portal under its pre-2025 unit, on the scheme of its example page, citing the page and the reviewed reason', () => {
    const attested: Attested = {
      hosts: [['p4.sadec.dongthap.gov.vn', 'Đồng Tháp', 'old']],
      examples: ['http://p4.sadec.dongthap.gov.vn/tin/1.html'],
    };
    const ward = registry.units!.get('4-sa-dec')!;
    const s = proposeSource(registry, attested, 0, ward, 'why');
    expect(s).toMatchObject({ id: 'p4-sadec-dongthap', listUrls: ['http://p4.sadec.dongthap.gov.vn/'], profile: 'auto', ward: '4-sa-dec', verified: true });
    expect(s.note).toMatch(/^Archive of the portal of Phường 4 \(Thành phố Sa Đéc, before 2025-07-01\)\./);
    expect(s.note).toContain('(hosts[0], Đồng Tháp, old); example page http://p4.sadec.dongthap.gov.vn/tin/1.html.');
    expect(s.note).toMatch(/Unit: why\.$/);
  });
});
