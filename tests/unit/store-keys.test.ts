/** Pure parts of the store: key forms, cursors, body packing. */
import { brotliDecompressSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPRESS_OVER_BYTES, cutHtml, cutText, packBody } from '../../lib/store/article-item.ts';
import { itemSize } from '../../lib/store/item-size.ts';
import { decodeCursor, districtScopeId, encodeCursor, entryPk, foldName, fromBound, monthListPk, scopeId, toBound, utcInstant } from '../../lib/store/keys.ts';

describe('keys', () => {
  it('puts instants in fixed-width UTC so string order is time order', () => {
    expect(utcInstant('2021-01-15T16:12:00+07:00')).toBe('2021-01-15T09:12:00.000Z');
    expect(utcInstant('2021-01-15T09:12:00Z')).toBe('2021-01-15T09:12:00.000Z');
    expect(() => utcInstant('15/01/2021')).toThrow(/ISO 8601/);
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1990-01-01'), max: Date.parse('2090-01-01') }),
        fc.integer({ min: Date.parse('1990-01-01'), max: Date.parse('2090-01-01') }),
        (x, y) => {
          const [a, b] = [utcInstant(new Date(x).toISOString()), utcInstant(new Date(y).toISOString())];
          return Math.sign(x - y) === Math.sign(a < b ? -1 : a > b ? 1 : 0);
        },
      ),
    );
  });

  it('reads bare dates as whole Vietnam days', () => {
    expect(fromBound('2021-09-29')).toBe('2021-09-28T17:00:00.000Z');
    expect(toBound('2021-09-29')).toBe('2021-09-29T16:59:59.999Z');
  });

  it('folds scope names so names and slugs meet', () => {
    expect(foldName('Thành phố Hà Nội')).toBe('thanh-pho-ha-noi');
    expect(foldName('thanh-pho-ha-noi')).toBe('thanh-pho-ha-noi');
    expect(foldName('Quận Đống Đa')).toBe('quan-dong-da');
    expect(foldName('Thuỳ') === foldName('Thùy')).toBe(true);
    expect(scopeId({ kind: 'province', province: 'Tỉnh An Giang' })).toBe('P#tinh-an-giang');
    expect(scopeId({ kind: 'ward', wardId: 'my-long' })).toBe('W#my-long');
    expect(scopeId({ kind: 'all' })).toBe('ALL');
  });

  it('keys a legacy district with its province, since district names repeat across provinces', () => {
    const tienGiang = scopeId({ kind: 'district', province: 'Tỉnh Tiền Giang', district: 'Huyện Châu Thành' });
    const benTre = scopeId({ kind: 'district', province: 'Tỉnh Bến Tre', district: 'Huyện Châu Thành' });
    expect(tienGiang).toBe('D#tinh-tien-giang#huyen-chau-thanh');
    expect(benTre).toBe('D#tinh-ben-tre#huyen-chau-thanh');
    expect(scopeId({ kind: 'district', province: 'tinh-ben-tre', district: 'huyen-chau-thanh' })).toBe(benTre);
    expect(entryPk(benTre, '2024-05')).toBe('D#tinh-ben-tre#huyen-chau-thanh#2024-05');
    expect(monthListPk(benTre)).toBe('M#D#tinh-ben-tre#huyen-chau-thanh');
    expect(districtScopeId('Tỉnh Bến Tre', 'Huyện Châu Thành')).toBe(benTre);
    expect(districtScopeId('', 'Huyện Châu Thành')).toBeUndefined();
    expect(() => scopeId({ kind: 'district', province: '', district: 'Huyện Châu Thành' })).toThrow(/province/);
    expect(() => scopeId({ kind: 'district', province: 'Tỉnh Bến Tre', district: ' ' })).toThrow(/district is empty/);
    // A cursor of one province's district is refused by the other's.
    expect(() => decodeCursor(encodeCursor({ scope: tienGiang, month: '2024-05' }), benTre)).toThrow(/another feed/);
  });

  it('round-trips cursors and refuses foreign or forged ones', () => {
    const c = { scope: 'P#tinh-an-giang', month: '2023-11', sk: '2023-11-23T02:15:00.000Z#abc' };
    expect(encodeCursor(c)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encodeCursor(c), 'P#tinh-an-giang')).toEqual(c);
    expect(() => decodeCursor(encodeCursor(c), 'ALL')).toThrow(/another feed/);
    expect(() => decodeCursor('%%%', 'ALL')).toThrow(/cursor/);
    const forged = Buffer.from(JSON.stringify({ v: 1, s: 'ALL', m: 'x' })).toString('base64url');
    expect(() => decodeCursor(forged, 'ALL')).toThrow(/cursor/);
  });
});

describe('body packing', () => {
  it('keeps small bodies as plain attributes', () => {
    const r = packBody('<p>Xin chào</p>', 'Xin chào', 300_000);
    expect(r).toEqual({ attrs: { bodyHtml: '<p>Xin chào</p>', bodyText: 'Xin chào' }, truncated: false });
  });

  it('compresses large bodies losslessly', () => {
    const text = 'Phường Thanh Trì. '.repeat(5000);
    expect(Buffer.byteLength(text)).toBeGreaterThan(COMPRESS_OVER_BYTES);
    const r = packBody(`<p>${text}</p>`, text, 300_000);
    expect(r.truncated).toBe(false);
    const body = (r.attrs as { body: Uint8Array }).body;
    expect(JSON.parse(brotliDecompressSync(body).toString('utf8'))).toEqual({ h: `<p>${text}</p>`, t: text });
  });

  it('cuts to the budget when compression is not enough', () => {
    // Deterministic noise (xorshift) that brotli cannot shrink much.
    let x = 2463534242;
    const noise = Array.from({ length: 200_000 }, () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return String.fromCharCode(0x4e00 + ((x >>> 0) % 20000));
    }).join('');
    const r = packBody(`<p>${noise}</p>`, noise, 50_000);
    expect(r.truncated).toBe(true);
    expect((r.attrs as { body: Uint8Array }).body.byteLength).toBeLessThanOrEqual(50_000);
  });

  it('never cuts inside a tag or a surrogate pair', () => {
    expect(cutHtml('<p>abc</p><p class="x">def</p>', 14)).toBe('<p>abc</p>');
    expect(cutText('ab😀cd', 3)).toBe('ab');
    expect(cutText('một hai ba bốn năm sáu bảy tám chín mười', 39)).toBe('một hai ba bốn năm sáu bảy tám chín');
  });

  it('counts item size in UTF-8 bytes of names and values', () => {
    expect(itemSize({ a: 'đ' })).toBe(1 + 2);
    expect(itemSize({ b: new Uint8Array(10), n: 5 })).toBe(1 + 10 + 1 + 21);
  });
});
