import { describe, expect, it } from 'vitest';
import { assignWards, parseRegistry } from '../../lib/registry/index.ts';

const ward = (id: string, name: string, aliases?: string[]) => ({
  id,
  name,
  province: 'Thành phố Hà Nội',
  legacyDistrict: 'Quận Long Biên',
  status: 'active',
  ...(aliases ? { aliases } : {}),
});

const registry = parseRegistry(
  {
    wards: [
      ward('thuong-thanh-long-bien', 'Phường Thượng Thanh'),
      ward('duc-giang-long-bien', 'Phường Đức Giang', ['Đức Giang ward']),
      ward('ngoc-thuy-long-bien', 'Phường Ngọc Thụy'),
      ward('thanh-cong-ba-dinh', 'Phường Thành Công'),
      // Made-up short names that hide inside longer ones.
      ward('thanh-test', 'Phường Thanh'),
      ward('giang-test', 'Phường Giang'),
      ward('bien-test', 'Phường Biên'),
      ward('thanh-tri-hoang-mai', 'Phường Thanh Trì'),
      ward('co-loa-dong-anh', 'Thị trấn Cổ Loa'),
    ],
    sources: [
      { id: 'longbien-hoat-dong', listUrls: ['https://longbien.hanoi.gov.vn/'], profile: 'liferay-district', verified: true,
        wardsByName: ['thuong-thanh-long-bien', 'duc-giang-long-bien', 'ngoc-thuy-long-bien', 'thanh-cong-ba-dinh', 'thanh-test', 'giang-test', 'bien-test', 'thanh-tri-hoang-mai', 'co-loa-dong-anh'] },
      { id: 'hoangmai-thanh-tri', listUrls: ['https://hoangmai.hanoi.gov.vn/phuong-thanh-tri'], profile: 'liferay-district', verified: true, ward: 'thanh-tri-hoang-mai' },
    ],
  },
  'assign.json',
);
const district = registry.sources[0];
const single = registry.sources[1];
const assign = (title: string, bodyText = '') => assignWards({ title, bodyText }, district, registry);

describe('assignWards', () => {
  it('gives a single-ward source its ward whatever the text says', () => {
    expect(assignWards({ title: 'Đảng ủy phường Đức Giang họp', bodyText: '' }, single, registry)).toEqual({ wardIds: ['thanh-tri-hoang-mai'] });
  });

  it('finds the ward of the seed articles of the Long Biên district section by their titles', () => {
    expect(
      assign(
        'Đồng chí Vũ Thị Thân – UVTV, Trưởng ban Tổ chức Quận ủy làm việc với Đảng ủy phường Thượng Thanh về kết quả công tác 9 tháng đầu năm 2021',
        'Ngày 28/9/2021, đồng chí Vũ Thị Thân - UVTV, Trưởng ban Tổ chức Quận ủy Long Biên về làm việc với Đảng ủy phường Thượng Thanh.',
      ),
    ).toEqual({ wardIds: ['thuong-thanh-long-bien'] });
    expect(assign('Đồng chí Trưởng ban Tổ chức Quận ủy dự sinh hoạt chuyên đề điểm tại chi bộ 19, đảng bộ phường Đức Giang')).toEqual({
      wardIds: ['duc-giang-long-bien'],
    });
  });

  it('does not find ward "Thanh" inside "phường Thượng Thanh", nor "Giang" inside "Đức Giang", nor "Biên" inside "Quận ủy Long Biên"', () => {
    expect(assign('Làm việc với Đảng ủy phường Thượng Thanh')).toEqual({ wardIds: ['thuong-thanh-long-bien'] });
    expect(assign('Đảng bộ phường Đức Giang')).toEqual({ wardIds: ['duc-giang-long-bien'] });
    expect(assign('Ban Tổ chức Quận ủy Long Biên làm việc').wardIds).toEqual([]);
  });

  it('does not find ward "Thanh" inside the longer registered name "Thanh Trì"', () => {
    expect(assign('Đảng ủy phường Thanh Trì họp giao ban')).toEqual({ wardIds: ['thanh-tri-hoang-mai'] });
  });

  it('finds a short name where it stands on its own', () => {
    expect(assign('UBND phường Thanh tổ chức hội nghị')).toEqual({ wardIds: ['thanh-test'] });
  });

  it('ignores case and tone-mark placement', () => {
    expect(assign('PHƯỜNG NGỌC THUỴ RA QUÂN')).toEqual({ wardIds: ['ngoc-thuy-long-bien'] });
    expect(assign('phường ngọc thụy ra quân')).toEqual({ wardIds: ['ngoc-thuy-long-bien'] });
  });

  it('does not ignore other diacritics: "Thanh Công" is not "Thành Công"', () => {
    expect(assign('Phường Thanh Công ra quân').wardIds).toEqual([]);
    expect(assign('Phường Thành Công ra quân')).toEqual({ wardIds: ['thanh-cong-ba-dinh'] });
  });

  it('matches the name without its unit word, and aliases', () => {
    expect(assign('Ngày hội đại đoàn kết ở Đức Giang')).toEqual({ wardIds: ['duc-giang-long-bien'] });
    expect(assign('Cổ Loa đón bằng di tích')).toEqual({ wardIds: ['co-loa-dong-anh'] });
    expect(assign('News from Đức Giang ward')).toEqual({ wardIds: ['duc-giang-long-bien'] });
  });

  it('prefers the title over mentions in the body', () => {
    expect(assign('Đảng bộ phường Đức Giang sơ kết', 'Cùng dự có đại diện phường Thượng Thanh và phường Ngọc Thụy.')).toEqual({
      wardIds: ['duc-giang-long-bien'],
    });
  });

  it('keeps every ward a title names, in order of mention', () => {
    expect(assign('Phường Thượng Thanh và phường Đức Giang ký kết giao ước thi đua')).toEqual({
      wardIds: ['thuong-thanh-long-bien', 'duc-giang-long-bien'],
    });
  });

  it('falls back to the body when the title names no ward', () => {
    expect(assign('Hội nghị sơ kết công tác 6 tháng', 'Sáng nay, Đảng ủy phường Ngọc Thụy tổ chức hội nghị.')).toEqual({
      wardIds: ['ngoc-thuy-long-bien'],
    });
  });

  it('gives no ward, and says why, when no name is found', () => {
    const result = assign('Hội nghị sơ kết công tác 6 tháng', 'Quận ủy tổ chức hội nghị.');
    expect(result.wardIds).toEqual([]);
    expect(result.unmatched).toContain('longbien-hoat-dong');
    expect(result.unmatched).toContain('Phường Thượng Thanh');
  });

  it('reads all-caps and Title Case titles, where capitals say nothing about where a name ends', () => {
    expect(assign('ĐẢNG BỘ PHƯỜNG ĐỨC GIANG SƠ KẾT CÔNG TÁC')).toEqual({ wardIds: ['duc-giang-long-bien'] });
    expect(assign('Phường Đức Giang Tổ Chức Hội Nghị Sơ Kết')).toEqual({ wardIds: ['duc-giang-long-bien'] });
  });

  it('lets a name be followed by the next unit of the address', () => {
    expect(assign('Làm việc với Đảng ủy phường Thanh Quận Long Biên về công tác cán bộ')).toEqual({ wardIds: ['thanh-test'] });
    expect(assign('Làm việc với Đảng ủy phường Thanh Thành phố Hà Nội')).toEqual({ wardIds: ['thanh-test'] });
  });

  it('does not match a name glued into another word', () => {
    expect(assign('Thượng Thanhxuân', 'ĐứcGiang').wardIds).toEqual([]);
  });
});
