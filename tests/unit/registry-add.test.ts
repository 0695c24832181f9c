/**
 * The pure halves of `wardfeed add`: reading unit names a page states, settling the unit (or
 * refusing to), and appending a source to a registry text in its own style.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../lib/config.ts';
import { findUnit, statedNames } from '../../lib/registry/find-unit.ts';
import { loadRegistry } from '../../lib/registry/index.ts';
import { appendSource } from '../../lib/registry/write.ts';

const registry = loadRegistry(resolve(ROOT, 'lib/registry/registry.json'));

describe('unit names a page states', () => {
  it('reads the unit word and the capitalised words after it, longest reading first', () => {
    expect(statedNames('UBND XÃ NHƠN TRẠCH')[0]).toEqual(['Xã NHƠN TRẠCH', 'Xã NHƠN']);
    expect(statedNames('Tin tức | Phường Mỹ Long')[0]).toEqual(['Phường Mỹ Long', 'Phường Mỹ']);
    expect(statedNames('Phường 1 - Quận Tân Bình')[0]).toEqual(['Phường 1']);
    expect(statedNames('Đặc khu Côn Đảo')[0][0]).toBe('Đặc khu Côn Đảo');
    expect(statedNames('các phường tổ chức hội nghị')).toEqual([]);
  });
});

describe('finding the unit of a page', () => {
  it('settles a name one unit has, and narrows a shared name by the place the host spells', () => {
    expect(findUnit(registry, ['UBND xã Nhơn Trạch'], 'nhontrach.dongnai.gov.vn')).toMatchObject({ kind: 'found', ward: { id: 'nhon-trach-dong-nai' } });
    // Two pre-2025 "Phường Phước Mỹ": the host names the district.
    expect(findUnit(registry, ['Phường Phước Mỹ'], 'phuocmy.phanrangthapcham.ninhthuan.gov.vn')).toMatchObject({ kind: 'found', ward: { id: 'phuoc-my-phan-rang-thap-cham' } });
    expect(findUnit(registry, ['Phường Phước Mỹ'], 'phuocmy.example.vn')).toMatchObject({ kind: 'ambiguous' });
  });

  it('prefers the current unit over its own predecessor of the same name', () => {
    expect(findUnit(registry, ['Phường Dương Nội'], 'duongnoi.hanoi.gov.vn')).toMatchObject({ kind: 'found', ward: { id: 'duong-noi-ha-noi' } });
  });

  it('never takes the first host label for a place, and lists every candidate', () => {
    const r = findUnit(registry, ['UBND XÃ TÂN THÀNH'], 'tanthanh.example.vn');
    expect(r.kind).toBe('ambiguous');
    if (r.kind === 'ambiguous') expect(r.candidates.length).toBeGreaterThan(5);
  });

  it('prefers a unit spelled exactly as the page spells it over one that only agrees without diacritics', () => {
    // Tuyên Quang has the current "Xã Tân Thanh" and a pre-2025 "Xã Tân Thành" (Hàm Yên).
    expect(findUnit(registry, ['UBND XÃ TÂN THANH'], 'tanthanh.tuyenquang.gov.vn')).toMatchObject({ kind: 'found', ward: { id: 'tan-thanh-tuyen-quang' } });
    expect(findUnit(registry, ['Xã Tân Thành'], 'tanthanh.tuyenquang.gov.vn')).toMatchObject({ kind: 'found', ward: { id: 'tan-thanh-ham-yen' } });
    // Tone marks placed the old way ("Hoà") still spell the name exactly.
    expect(findUnit(registry, ['Phường Hoà An'], 'camle.danang.gov.vn')).toMatchObject({ kind: 'found', ward: { id: 'hoa-an-cam-le' } });
    // Without a place to narrow by, only the units of that exact spelling are offered.
    const shared = findUnit(registry, ['Xã Tân Thanh'], 'tanthanh.example.vn');
    expect(shared.kind).toBe('ambiguous');
    if (shared.kind === 'ambiguous') {
      expect(shared.candidates.map((w) => w.id)).toContain('tan-thanh-tuyen-quang');
      expect(shared.candidates.every((w) => w.name === 'Xã Tân Thanh'), shared.candidates.map((w) => w.name).join(', ')).toBe(true);
    }
    // A name written without its diacritics still finds the units it folds to, and chooses none.
    const folded = findUnit(registry, ['Xã Tan Thanh'], 'tanthanh.tuyenquang.gov.vn');
    expect(folded.kind).toBe('ambiguous');
    if (folded.kind === 'ambiguous') expect(folded.candidates.map((w) => w.id).sort()).toEqual(['tan-thanh-ham-yen', 'tan-thanh-tuyen-quang']);
  });

  it('does not take the host of a district portal for the unit that shares the district name', () => {
    // Since 2025 Hà Nội has a Phường Hoàng Mai; hoangmai.hanoi.gov.vn is the former district's portal.
    const r = findUnit(registry, ['Cổng thông tin điện tử Quận Hoàng Mai', 'Trang chủ - Cổng thông tin điện tử Quận Hoàng Mai'], 'hoangmai.hanoi.gov.vn');
    expect(r.kind).toBe('none');
    if (r.kind === 'none') expect(r.reason).toContain('Quận Hoàng Mai');
    // A district named on the page that the host does not spell leaves the host fallback alone.
    expect(findUnit(registry, ['Huyện Xuân Lộc'], 'xuandong.dongnai.gov.vn')).toMatchObject({ kind: 'found', ward: { id: 'xuan-dong-dong-nai' } });
  });

  it('falls back to the host when the page names nothing, and says so when even that fails', () => {
    expect(findUnit(registry, ['Trang chủ'], 'xuandong.dongnai.gov.vn')).toMatchObject({ kind: 'found', ward: { id: 'xuan-dong-dong-nai' } });
    expect(findUnit(registry, ['Trang chủ'], 'www.example.vn').kind).toBe('none');
  });
});

describe('appending a source', () => {
  const source = { id: 'x-tin-tuc', listUrls: ['https://x.example.vn/tin-tuc'], profile: 'auto', ward: 'duong-noi-ha-noi', verified: false, note: 'n' };

  it('keeps every other byte and writes the entry in the file style', () => {
    const before = readFileSync(resolve(ROOT, 'lib/registry/registry.json'), 'utf8');
    const after = appendSource(before, source);
    const cut = before.lastIndexOf('}', before.lastIndexOf(']'));
    expect(after.slice(0, cut + 1)).toBe(before.slice(0, cut + 1));
    expect(after.slice(cut + 1)).toBe(
      `,\n    {\n      "id": "x-tin-tuc",\n      "listUrls": ["https://x.example.vn/tin-tuc"],\n      "profile": "auto",\n      "ward": "duong-noi-ha-noi",\n      "verified": false,\n      "note": "n"\n    }${before.slice(cut + 1)}`,
    );
  });

  it('follows a file indented with four spaces, and an empty list', () => {
    const text = '{\n    "wards": [],\n    "sources": []\n}\n';
    const after = appendSource(text, source);
    expect((JSON.parse(after) as { sources: unknown[] }).sources).toEqual([source]);
    expect(after).toContain('\n        {\n            "id": "x-tin-tuc",');
    // A "sources" key inside a string or a nested object is not the list.
    const tricky = '{\n  "about": "the \\"sources\\": [] list",\n  "wards": [{"id": "a", "x": {"sources": []}}],\n  "sources": []\n}\n';
    expect((JSON.parse(appendSource(tricky, source)) as { sources: unknown[] }).sources).toEqual([source]);
  });
});
