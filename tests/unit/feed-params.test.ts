/** The shared parameter validation (API, feeds, `wardfeed query`) and encoding negotiation. */
import { describe, expect, it } from 'vitest';
import { AmbiguousDistrictError, BadParameterError, parseArticleQuery, parseFeedParams, UnknownPlaceError } from '../../lib/http/params.ts';
import type { Registry } from '../../lib/registry/types.ts';
import { negotiateEncoding } from '../../lib/http/respond.ts';
import { seedRegistry } from '../helpers/seed-articles.ts';

const registry = seedRegistry();
const refused = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof BadParameterError) return e.parameter;
    if (e instanceof UnknownPlaceError) return e.code;
    throw e;
  }
  return 'accepted';
};

describe('parameters', () => {
  it('defaults and bounds the feed limit', () => {
    expect(parseFeedParams({})).toEqual({ limit: 30 });
    expect(parseFeedParams({ limit: ['100'], q: ['Thuỳ'] })).toEqual({ limit: 100, q: 'Thuỳ' });
    for (const bad of ['0', '101', '', ' 5', '5 ', '0x10', '1e2']) expect(refused(() => parseFeedParams({ limit: [bad] })), bad).toBe('limit');
  });

  it('resolves places by slug or name, as a union, and refuses unknown ones with their own code', () => {
    const q = parseArticleQuery({ ward: ['thanh-tri-hoang-mai', 'thanh-tri-hoang-mai'], province: ['Tỉnh An Giang'], district: ['quan-long-bien'] }, registry);
    expect(q.scopes).toEqual([
      { kind: 'ward', wardId: 'thanh-tri-hoang-mai' },
      { kind: 'province', province: 'Tỉnh An Giang' },
      { kind: 'district', province: 'Thành phố Hà Nội', district: 'Quận Long Biên' },
    ]);
    expect(parseArticleQuery({}, registry).scopes).toEqual([{ kind: 'all' }]);
    expect(refused(() => parseArticleQuery({ ward: ['nope'] }, registry))).toBe('unknown-ward');
    expect(refused(() => parseArticleQuery({ province: ['tinh-khong-co'] }, registry))).toBe('unknown-province');
    expect(refused(() => parseArticleQuery({ ward: ['Thanh Tri'] }, registry))).toBe('ward');
  });

  it('names a district with its province, and refuses a bare district name that several provinces share', () => {
    const twin: Registry = {
      file: 'twin-districts (test)',
      sources: [],
      wards: [
        { id: 'tan-hiep-chau-thanh-tg', name: 'Xã Tân Hiệp', province: 'Tỉnh Tiền Giang', legacyDistrict: 'Huyện Châu Thành', status: 'active' },
        { id: 'tan-thach-chau-thanh-bt', name: 'Xã Tân Thạch', province: 'Tỉnh Bến Tre', legacyDistrict: 'Huyện Châu Thành', status: 'active' },
        { id: 'my-long-long-xuyen', name: 'Phường Mỹ Long', province: 'Tỉnh An Giang', legacyDistrict: 'Thành phố Long Xuyên', status: 'active' },
      ],
    };
    const district = (v: string) => parseArticleQuery({ district: [v] }, twin).scopes;
    const benTre = [{ kind: 'district', province: 'Tỉnh Bến Tre', district: 'Huyện Châu Thành' }];
    expect(district('tinh-ben-tre/huyen-chau-thanh')).toEqual(benTre);
    expect(district('Tỉnh Bến Tre/Huyện Châu Thành')).toEqual(benTre);
    expect(district('tinh-ben-tre/Huyện Châu Thành')).toEqual(benTre);
    expect(district('tinh-tien-giang/huyen-chau-thanh')).toEqual([{ kind: 'district', province: 'Tỉnh Tiền Giang', district: 'Huyện Châu Thành' }]);
    // Unique names still work bare.
    expect(district('thanh-pho-long-xuyen')).toEqual([{ kind: 'district', province: 'Tỉnh An Giang', district: 'Thành phố Long Xuyên' }]);
    expect(district('Thành phố Long Xuyên')).toEqual(district('tinh-an-giang/thanh-pho-long-xuyen'));
    // Ambiguous: a 400 naming each candidate address.
    for (const bare of ['huyen-chau-thanh', 'Huyện Châu Thành']) {
      let err: unknown;
      try {
        district(bare);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AmbiguousDistrictError);
      expect((err as AmbiguousDistrictError).parameter).toBe('district');
      expect((err as AmbiguousDistrictError).candidates).toEqual(['tinh-ben-tre/huyen-chau-thanh', 'tinh-tien-giang/huyen-chau-thanh']);
      expect((err as Error).message).toContain('tinh-ben-tre/huyen-chau-thanh');
      expect((err as Error).message).toContain('tinh-tien-giang/huyen-chau-thanh');
    }
    // A district of another province, or an unknown one, is not found.
    expect(refused(() => district('tinh-an-giang/huyen-chau-thanh'))).toBe('unknown-district');
    expect(refused(() => district('tinh-khong-co/huyen-chau-thanh'))).toBe('unknown-district');
    expect(refused(() => district('huyen-khong-co'))).toBe('unknown-district');
    expect(refused(() => district('/'))).toBe('unknown-district');
    expect(refused(() => district(''))).toBe('district');
  });

  it('takes real dates only, in order', () => {
    expect(parseArticleQuery({ from: ['2021-01-15'], to: ['2021-01-15T23:00:00+07:00'] }, registry)).toMatchObject({ from: '2021-01-15', to: '2021-01-15T23:00:00+07:00' });
    for (const bad of ['2021-02-29', '2021-1-5', '15/01/2021', '2021-01-15T16:12', '1989-12-31', 'now']) {
      expect(refused(() => parseArticleQuery({ from: [bad] }, registry)), bad).toBe('from');
    }
    expect(refused(() => parseArticleQuery({ from: ['2021-01-16'], to: ['2021-01-15'] }, registry))).toBe('to');
  });

  it('refuses a q with nothing to search and a repeated single parameter', () => {
    expect(refused(() => parseFeedParams({ q: ['?!…'] }))).toBe('q');
    expect(refused(() => parseFeedParams({ q: ['a'.repeat(201)] }))).toBe('q');
    expect(refused(() => parseArticleQuery({ format: ['csv', 'json'] }, registry))).toBe('format');
    expect(refused(() => parseArticleQuery({ bom: ['yes'] }, registry))).toBe('bom');
  });
});

describe('Accept-Encoding', () => {
  it('prefers brotli, then gzip, honouring q=0 and *', () => {
    expect(negotiateEncoding(undefined)).toBe('identity');
    expect(negotiateEncoding('gzip, deflate, br')).toBe('br');
    expect(negotiateEncoding('gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('*;q=0')).toBe('identity');
    expect(negotiateEncoding('identity')).toBe('identity');
    expect(negotiateEncoding('deflate')).toBe('identity');
  });
});
