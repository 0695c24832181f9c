import { describe, expect, it } from 'vitest';
import { load } from 'cheerio';
import fc from 'fast-check';
import { growth } from './linear-time.ts';
import {
  dateFromMeta,
  dateFromUrl,
  eventDateFromBody,
  findDates,
  parseDate,
  parseIsoDate,
  resolvePublishedAt,
  vietnamIso,
} from '../../lib/extract/dates.ts';

type Row = [input: string, iso: string | undefined, precision?: 'minute' | 'day'];

/** Dates as the sites write them; expected values worked out by hand in Vietnam time. */
const TEXT_DATES: Row[] = [
  // Hanoi Liferay meta lines (seed articles)
  ['Ngày đăng 15/01/2021 | 16:12  | View count: 246', '2021-01-15T16:12:00+07:00', 'minute'],
  ['Ngày đăng 29/09/2021 | 22:22  | Lượt xem: 267', '2021-09-29T22:22:00+07:00', 'minute'],
  ['Ngày đăng 19/05/2022 | 09:00  | Lượt xem: 999', '2022-05-19T09:00:00+07:00', 'minute'],
  ['Ngày đăng 28/01/2021 | 16:03  | Lượt xem: 1588', '2021-01-28T16:03:00+07:00', 'minute'],
  ['Ngày\u00A0đăng\u00A018/03/2023 |\u00A015:15 | Lượt xem: 144', '2023-03-18T15:15:00+07:00', 'minute'],
  // Da Nang, SharePoint, post-2025 Hanoi listings
  ['Người đăng tin: Admin Ngày đăng tin: 30/12/2020 Lượt xem: 215', '2020-12-30T00:00:00+07:00', 'day'],
  ['Đăng ngày 17 - 05 - 2024', '2024-05-17T00:00:00+07:00', 'day'],
  ['21:08 20/07/2025', '2025-07-20T21:08:00+07:00', 'minute'],
  ['20/07/2025 21:08', '2025-07-20T21:08:00+07:00', 'minute'],
  ['Cập nhật: 20/07/2025, 9:05', '2025-07-20T09:05:00+07:00', 'minute'],
  // Written out in words
  ['Thứ Ba, ngày 05 tháng 2 năm 2008', '2008-02-05T00:00:00+07:00', 'day'],
  ['ngày 5 tháng 02 năm 2008 lúc 8 giờ 30', '2008-02-05T08:30:00+07:00', 'minute'],
  ['NGÀY 5 THÁNG 02 NĂM 2008 LÚC 8 GIỜ 30 PHÚT', '2008-02-05T08:30:00+07:00', 'minute'],
  ['Hà Nội, ngày 12 tháng 3, năm 2024', '2024-03-12T00:00:00+07:00', 'day'],
  ['Cập nhật lúc 08:30 ngày 12/3/2024', '2024-03-12T08:30:00+07:00', 'minute'],
  ['Vào hồi 8g30 ngày 12/3/2024', '2024-03-12T08:30:00+07:00', 'minute'],
  ['15 tháng 1, 2021', '2021-01-15T00:00:00+07:00', 'day'],
  ['Ngày đăng: 15/01/2021 16:12:35', '2021-01-15T16:12:00+07:00', 'minute'],
  ['Thứ Hai, 15/1/2021, 16:12 (GMT+7)', '2021-01-15T16:12:00+07:00', 'minute'],
  // Numeric variants
  ['15-01-2021', '2021-01-15T00:00:00+07:00', 'day'],
  ['15.01.2021', '2021-01-15T00:00:00+07:00', 'day'],
  ['5/1/2021', '2021-01-05T00:00:00+07:00', 'day'],
  ['2021-01-15 16:12:00', '2021-01-15T16:12:00+07:00', 'minute'],
  ['2021/01/15', '2021-01-15T00:00:00+07:00', 'day'],
  ['16h12 15/01/2021', '2021-01-15T16:12:00+07:00', 'minute'],
  ['16h 15/01/2021', '2021-01-15T16:00:00+07:00', 'minute'],
  ['15/01/2021 - 4:30 pm', '2021-01-15T16:30:00+07:00', 'minute'],
  ['29/02/2024', '2024-02-29T00:00:00+07:00', 'day'],
  // ISO with zones, converted to +07:00
  ['2021-01-15T09:12:00Z', '2021-01-15T16:12:00+07:00', 'minute'],
  ['2021-01-15T16:12:00+07:00', '2021-01-15T16:12:00+07:00', 'minute'],
  ['2021-01-14T23:30:00-05:00', '2021-01-15T11:30:00+07:00', 'minute'],
  ['2020-12-31T20:00:00.000Z', '2021-01-01T03:00:00+07:00', 'minute'],
  // Not dates, or impossible ones
  ['31/02/2021', undefined],
  ['29/02/2023', undefined],
  ['25:61', undefined],
  ['00/00/0000', undefined],
  ['32/01/2021', undefined],
  ['15/13/2021', undefined],
  ['Nghị định 100/2019/NĐ-CP', undefined],
  ['Gọi 0236.3812345 hoặc 0236.381.2345', undefined],
  ['phiên bản 2.17.5, bản dựng 10.0.19041', undefined],
  ['17 giờ trước', undefined],
  ['Hôm qua', undefined],
  ['tháng 11/2023', undefined],
  ['tháng 11 năm 2023', undefined],
  ['8g30 sáng nay', undefined],
  ['ngày 23/11', undefined],
  ['15/01/1899', undefined],
  ['15/01/2999', undefined],
  ['2021-02-30T10:00:00Z', undefined],
  ['', undefined],
];

describe('parseDate', () => {
  it.each(TEXT_DATES)('%j', (input, iso, precision) => {
    const found = parseDate(input);
    if (iso === undefined) {
      expect(found).toBeUndefined();
    } else {
      expect(found?.iso).toBe(iso);
      expect(found?.precision).toBe(precision);
    }
  });

  it('keeps the day when the time beside it is impossible', () => {
    expect(parseDate('15/01/2021 | 25:61')).toMatchObject({ iso: '2021-01-15T00:00:00+07:00', precision: 'day' });
  });

  it('reports where the expression is and how it was written', () => {
    expect(parseDate('Ngày đăng 15/01/2021 | 16:12 | Lượt xem: 246')).toEqual({
      iso: '2021-01-15T16:12:00+07:00',
      precision: 'minute',
      index: 10,
      match: '15/01/2021 | 16:12',
    });
  });

  it('does not take a count next to a date for a time', () => {
    expect(parseDate('15/01/2021 - 2 học sinh')).toMatchObject({ iso: '2021-01-15T00:00:00+07:00', precision: 'day' });
  });
});

describe('findDates', () => {
  it('finds every date in order and skips impossible ones', () => {
    const found = findDates('Từ 31/02/2021 đến ngày 15/03/2021; họp lúc 08:00 ngày 20/03/2021, báo cáo 2021-04-01.');
    expect(found.map((f) => f.iso)).toEqual([
      '2021-03-15T00:00:00+07:00',
      '2021-03-20T08:00:00+07:00',
      '2021-04-01T00:00:00+07:00',
    ]);
  });
  it('gives nothing for text without dates', () => {
    expect(findDates('Phường Thượng Thanh, Quận Long Biên — 17 giờ trước')).toEqual([]);
  });
});

describe('dates that name their month', () => {
  it('reads the day of English, French, German, Spanish and Dutch dates, zone unsaid', () => {
    for (const [text, iso] of [
      ['by Hana Berg on November 2, 2012', '2012-11-02'],
      ['Published Oct. 17th, 2012 1:21 pm', '2012-10-17'],
      ['Tuesday 15 October 2019 by Hana Berg', '2019-10-15'],
      ['9th August 2012', '2012-08-09'],
      ['Le Monde, le 1er mai 2015', '2015-05-01'],
      ['Veröffentlicht am 4. März 2015', '2015-03-04'],
      ['Publicado el 17 de octubre de 2012', '2012-10-17'],
      ['Gepubliceerd op 3 maart 2016', '2016-03-03'],
      ['Sept 5 2012', '2012-09-05'],
    ]) {
      expect(findDates(text), text).toMatchObject([{ iso: `${iso}T00:00:00+07:00`, precision: 'day', zoneless: true }]);
    }
  });

  it('needs a day, a month word and a year, and a possible date', () => {
    for (const text of ['in May 2012', 'the 5 May meeting', 'Tổ 5 may mặc năm 2020', 'February 30, 2016', 'Chapter 5, 2012 edition', 'constructor 5, 2012']) {
      expect(findDates(text), text).toEqual([]);
    }
  });

  it('leaves numeric dates as they were: in Vietnam time, not zoneless', () => {
    expect(findDates('Đăng ngày 2 November 2012, cập nhật 03/11/2012 08:15')).toEqual([
      expect.objectContaining({ iso: '2012-11-02T00:00:00+07:00', zoneless: true }),
      expect.not.objectContaining({ zoneless: true }),
    ]);
  });
});

describe('vietnamIso', () => {
  it('formats with +07:00, day precision at midnight', () => {
    expect(vietnamIso(2021, 1, 15, 16, 12)).toBe('2021-01-15T16:12:00+07:00');
    expect(vietnamIso(2021, 1, 5)).toBe('2021-01-05T00:00:00+07:00');
  });
  it.each([
    [2021, 2, 31, undefined, undefined],
    [2023, 2, 29, undefined, undefined],
    [2021, 4, 31, undefined, undefined],
    [2021, 1, 15, 24, 0],
    [2021, 1, 15, 23, 60],
    [1989, 12, 31, undefined, undefined],
    [new Date().getUTCFullYear() + 2, 1, 1, undefined, undefined],
    [2021.5, 1, 1, undefined, undefined],
  ])('rejects %i-%i-%i %s:%s', (y, mo, d, h, mi) => {
    expect(vietnamIso(y, mo, d, h, mi)).toBeUndefined();
  });
  it('accepts the range edges', () => {
    expect(vietnamIso(1990, 1, 1)).toBe('1990-01-01T00:00:00+07:00');
    expect(vietnamIso(2024, 2, 29, 23, 59)).toBe('2024-02-29T23:59:00+07:00');
  });
});

describe('parseIsoDate', () => {
  it.each<Row>([
    ['2021-01-15T09:12:00Z', '2021-01-15T16:12:00+07:00', 'minute'],
    ['2021-01-15T09:12:59.999Z', '2021-01-15T16:12:00+07:00', 'minute'],
    ['2021-01-15T16:12:00+0700', '2021-01-15T16:12:00+07:00', 'minute'],
    ['2021-01-15T18:12+09:00', '2021-01-15T16:12:00+07:00', 'minute'],
    ['2021-01-15T16:12:00', '2021-01-15T16:12:00+07:00', 'minute'],
    ['2021-01-15', '2021-01-15T00:00:00+07:00', 'day'],
    ['20210115T091200Z', '2021-01-15T16:12:00+07:00', 'minute'],
    ['  2021-01-15T09:12:00Z\n', '2021-01-15T16:12:00+07:00', 'minute'],
    ['Fri, 15 Jan 2021 09:12:00 GMT', '2021-01-15T16:12:00+07:00', 'minute'],
    ['Fri, 15 Jan 2021 16:12:00 +0700', '2021-01-15T16:12:00+07:00', 'minute'],
    ['15 Jan 2021', '2021-01-15T00:00:00+07:00', 'day'],
    ['2021-13-01T00:00:00Z', undefined],
    ['2021-01-15T09:12:00+25:00', undefined],
    ['Fri, 15 Foo 2021 09:12:00 GMT', undefined],
    ['15/01/2021', undefined],
    ['yesterday', undefined],
  ])('%j', (input, iso, precision) => {
    const found = parseIsoDate(input);
    if (iso === undefined) expect(found).toBeUndefined();
    else expect(found).toEqual({ iso, precision });
  });
});

describe('dateFromUrl', () => {
  it.each<Row>([
    ['https://badinh.hanoi.gov.vn/van-hoa-xa-hoi/le-ra-quan-2800250801171234708.htm', '2025-08-01T17:12:00+07:00', 'minute'],
    ['https://example.gov.vn/tin-tuc/2024/03/12/le-khanh-thanh.html', '2024-03-12T00:00:00+07:00', 'day'],
    ['https://example.gov.vn/tin-tuc/2024/3/2/', '2024-03-02T00:00:00+07:00', 'day'],
    ['https://example.gov.vn/tin-tuc/hoi-nghi-20240312.html', '2024-03-12T00:00:00+07:00', 'day'],
    ['https://example.gov.vn/tin-tuc/2024-03-12-hoi-nghi', '2024-03-12T00:00:00+07:00', 'day'],
    ['https://hoangmai.hanoi.gov.vn/phuong-thanh-tri/-/view_content/6050090-dang-uy-phuong-thanh-tri-hop-giao-ban-bi-thu-chi-bo-mo-rong-thang-01-2021.html', undefined],
    ['https://camle.danang.gov.vn/chi-tiet-tin-tuc?dinhdanh=1313703&cat=982002', undefined],
    ['https://example.gov.vn/tin-tuc/2024/03/', undefined],
    ['https://example.gov.vn/tin-tuc/hoi-nghi-20241332.html', undefined],
    ['https://example.gov.vn/tin?date=2024-03-12', undefined],
    ['not a url', undefined],
  ])('%s', (url, iso, precision) => {
    const found = dateFromUrl(url);
    if (iso === undefined) expect(found).toBeUndefined();
    else expect(found).toMatchObject({ iso, precision });
  });
});

describe('dateFromMeta', () => {
  const page = (head: string, body = '') => load(`<html><head>${head}</head><body>${body}</body></html>`);

  it.each([
    ['article:published_time', '<meta property="article:published_time" content="2021-01-15T09:12:00Z">'],
    ['og:published_time', '<meta property="og:published_time" content="2021-01-15T16:12:00+07:00">'],
    ['itemprop datePublished', '<meta itemprop="datePublished" content="2021-01-15T16:12">'],
    ['Dublin Core, any case', '<meta name="DC.Date" content="2021-01-15 16:12:00">'],
    ['JSON-LD', '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-01-15T09:12:00Z"}</script>'],
    ['JSON-LD inside CDATA', '<script type="application/ld+json">\n  <![CDATA[\n  {"@type":"Article","datePublished":"2021-01-15T09:12:00Z"}\n  ]]>\n</script>'],
    [
      'JSON-LD @graph',
      '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"Article","datePublished":"2021-01-15T16:12:00+07:00"}]}</script>',
    ],
  ])('reads %s', (_name, head) => {
    expect(dateFromMeta(page(head))).toEqual({ iso: '2021-01-15T16:12:00+07:00', precision: 'minute' });
  });

  it('reads <time datetime> and an itemprop element in the body', () => {
    expect(dateFromMeta(page('', '<article><time datetime="2021-01-15">15/01</time></article>'))).toEqual({
      iso: '2021-01-15T00:00:00+07:00',
      precision: 'day',
    });
    expect(dateFromMeta(page('', '<span itemprop="datePublished">Ngày đăng 15/01/2021 | 16:12</span>'))?.iso).toBe(
      '2021-01-15T16:12:00+07:00',
    );
  });

  it('prefers article:published_time over JSON-LD and <time>', () => {
    const $ = page(
      '<script type="application/ld+json">{"datePublished":"2020-05-05"}</script><meta property="article:published_time" content="2021-01-15T09:12:00Z">',
      '<time datetime="2019-01-01">x</time>',
    );
    expect(dateFromMeta($)?.iso).toBe('2021-01-15T16:12:00+07:00');
  });

  it('skips broken JSON-LD and empty or impossible values', () => {
    const $ = page(
      '<meta property="article:published_time" content=""><meta name="dc.date" content="2021-02-30"><script type="application/ld+json">{broken</script>',
      '<time datetime="2021-01-15T09:12:00Z"></time>',
    );
    expect(dateFromMeta($)?.iso).toBe('2021-01-15T16:12:00+07:00');
  });

  it('gives nothing when the page declares nothing', () => {
    expect(dateFromMeta(page('<meta name="description" content="Ngày đăng">', '<p>Hoạt động các phường</p>'))).toBeUndefined();
  });
});

describe('resolvePublishedAt', () => {
  const d = (iso: string, precision: 'minute' | 'day' = 'day') => ({ iso, precision });
  const all = {
    page: d('2021-01-15T16:12:00+07:00', 'minute'),
    meta: d('2021-01-14T00:00:00+07:00'),
    listing: d('2021-01-13T00:00:00+07:00'),
    url: d('2021-01-12T00:00:00+07:00'),
    body: d('2021-01-11T00:00:00+07:00'),
  };
  it('follows page > meta > listing > url > body', () => {
    expect(resolvePublishedAt(all)).toEqual({ publishedAt: '2021-01-15T16:12:00+07:00', datePrecision: 'minute', dateSource: 'page' });
    expect(resolvePublishedAt({ ...all, page: undefined })).toEqual({ publishedAt: '2021-01-14T00:00:00+07:00', datePrecision: 'day', dateSource: 'meta' });
    expect(resolvePublishedAt({ listing: all.listing, url: all.url, body: all.body }).dateSource).toBe('listing');
    expect(resolvePublishedAt({ url: all.url, body: all.body }).dateSource).toBe('url');
    expect(resolvePublishedAt({ body: all.body })).toEqual({ publishedAt: '2021-01-11T00:00:00+07:00', datePrecision: 'day', dateSource: 'body' });
  });
  it('never invents a date', () => {
    expect(resolvePublishedAt({})).toEqual({});
  });
});

describe('eventDateFromBody', () => {
  // Opening paragraphs of the seed articles (manifest.json: the event dates they report).
  it.each([
    [
      'Sáng ngày 23/11/2023, Ban Chấp hành Đảng bộ phường Mỹ Long tổ chức Hội nghị sơ kết tình hình thực hiện nhiệm vụ tháng 11 và triển khai phương hướng nhiệm vụ tháng 12 năm 2023. Đ/c Lý Thùy Giang - Thành uỷ viên, Bí thư Đảng uỷ, Chủ tịch UBND phường Mỹ Long chủ trì.',
      '2023-11-23T00:00:00+07:00',
    ],
    [
      'Ngày 28/9/2021, đồng chí Vũ Thị Thân - UVTV, Trưởng ban Tổ chức Quận ủy Long Biên về làm việc với Đảng ủy phường Thượng Thanh.',
      '2021-09-28T00:00:00+07:00',
    ],
    [
      'Tối ngày 18/5/2022, tại trụ sở NVH tổ dân phố 19, chi bộ 19 tổ chức sinh hoạt chuyên đề điểm.',
      '2022-05-18T00:00:00+07:00',
    ],
    [
      'Để tiếp tục thực hiện tốt nhiệm vụ, sáng ngày 31/12/2020, Đảng ủy phường Thanh Trì tổ chức hội nghị họp giao ban Bí thư chi bộ mở rộng.',
      '2020-12-31T00:00:00+07:00',
    ],
    [
      'Thực hiện Kế hoạch 108-KH/QU ngày 25/2/2022 của Quận ủy, sáng ngày 10/3/2022, Đảng ủy phường tổ chức hội nghị.',
      '2022-03-10T00:00:00+07:00',
    ],
    [
      'Căn cứ Nghị định số 100/2019/NĐ-CP ngày 30/12/2019 của Chính phủ. Ngày 5/1/2020, phường ra quân kiểm tra.',
      '2020-01-05T00:00:00+07:00',
    ],
    ['Thực hiện Quyết định của UBND Quận ngày 02/03/2021, chiều ngày 04/03/2021, phường ra quân.', '2021-03-04T00:00:00+07:00'],
    ['Vào lúc 8h00 ngày 12/3/2024, UBND phường tổ chức lễ ra quân.', '2024-03-12T08:00:00+07:00'],
    ['Sáng 12-3 ngày 12/3/2024 UBND phường tổ chức lễ ra quân.', '2024-03-12T00:00:00+07:00'],
  ])('%s', (text, iso) => {
    expect(eventDateFromBody(text)?.iso).toBe(iso);
  });

  it.each([
    ['Kế hoạch 108-KH/QU ngày 25/2/2022 của Quận ủy về công tác tuyên truyền đã được phường triển khai.'],
    ['Nghị định số 100/2019/NĐ-CP ngày 30/12/2019 quy định xử phạt vi phạm hành chính.'],
    ['Quyết định số 12/QĐ-UBND, ngày 05/01/2021 về việc kiện toàn Ban chỉ đạo.'],
    ['Theo văn bản 12/QĐ-UBND, ngày 05/01/2021 về việc kiện toàn Ban chỉ đạo.'],
    ['Căn cứ 1234/UBND-VP ngày 05/01/2021, phường triển khai.'],
    ['Trong tháng phường đã thực hiện nhiều nhiệm vụ trọng tâm.'],
    ['Hội nghị diễn ra trong hai ngày. Đây là hoạt động thường niên. Ngày 15/01/2021 là hạn cuối nộp hồ sơ.'],
    [''],
  ])('no event date in %j', (text) => {
    expect(eventDateFromBody(text)).toBeUndefined();
  });

  it('looks only at the first paragraph', () => {
    expect(eventDateFromBody('Hội nghị tổng kết công tác.\n\nNgày 15/01/2021, phường ra quân.')).toBeUndefined();
  });
});

describe('properties', () => {
  const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+07:00$/;
  const moment = fc.record({
    y: fc.integer({ min: 1990, max: 2025 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
  });
  const p2 = (n: number) => String(n).padStart(2, '0');

  it('every written form of a moment reads back as that instant', () => {
    fc.assert(
      fc.property(moment, fc.integer({ min: 0, max: 4 }), ({ y, mo, d, h, mi }, form) => {
        const text = [
          `Ngày đăng ${p2(d)}/${p2(mo)}/${y} | ${p2(h)}:${p2(mi)} | Lượt xem: 12`,
          `${p2(h)}:${p2(mi)} ${d}/${mo}/${y}`,
          `ngày ${d} tháng ${mo} năm ${y} lúc ${h} giờ ${mi}`,
          `${y}-${p2(mo)}-${p2(d)} ${p2(h)}:${p2(mi)}:00`,
          `${h}h${p2(mi)} ${p2(d)}.${p2(mo)}.${y}`,
        ][form];
        const found = parseDate(text);
        expect(found?.precision).toBe('minute');
        expect(found?.iso).toMatch(ISO_SHAPE);
        // Vietnam time is UTC+7 all year round.
        expect(Date.parse(found!.iso)).toBe(Date.UTC(y, mo - 1, d, h - 7, mi));
      }),
      { numRuns: 300 },
    );
  });

  it('machine dates in any zone land on the same instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1991, 0, 1), max: Date.UTC(2025, 0, 1) }), fc.integer({ min: -12, max: 14 }), (ms, offsetH) => {
        const t = Math.floor(ms / 60_000) * 60_000;
        const local = new Date(t + offsetH * 3_600_000).toISOString().slice(0, 19);
        const zone = `${offsetH < 0 ? '-' : '+'}${p2(Math.abs(offsetH))}:00`;
        const found = parseIsoDate(`${local}${zone}`);
        expect(found?.iso).toMatch(ISO_SHAPE);
        expect(Date.parse(found!.iso)).toBe(t);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text and only returns well-formed dates', () => {
    const noisy = fc
      .array(fc.constantFrom('1', '2', '0', '9', '/', '-', '.', ':', ' ', 'h', 'giờ', 'ngày', 'tháng', 'năm', '|', ',', '2021', '31', '12', 'T', 'Z', '+07:00'), { maxLength: 40 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(noisy, fc.string()), (s) => {
        for (const f of findDates(s)) {
          expect(f.iso).toMatch(ISO_SHAPE);
          expect(Number.isNaN(Date.parse(f.iso))).toBe(false);
          expect(s.normalize('NFC').slice(f.index, f.index! + f.match!.length)).toBe(f.match);
        }
        eventDateFromBody(s);
        parseIsoDate(s);
      }),
      { numRuns: 500 },
    );
  });
});

describe('eventDateFromBody on adversarial openings', () => {
  // Each input is built to make a backtracking pattern retry at every position: long blank runs
  // before a date, long document-number-like words, many cited documents in one sentence.
  const inputs: Array<[string, (n: number) => string]> = [
    ['blank run before a date', (n) => `${' '.repeat(n)}x 12/03/2024`],
    ['commas and "ngày" before a date', (n) => `Họp ${', ngày'.repeat(n / 6)}! 12/03/2024`],
    ['a long number before a date', (n) => `số ${'1'.repeat(n)}! ngày 12/03/2024`],
    ['a long dashed word before a date', (n) => `${'so1-'.repeat(n / 4)}! ngày 12/03/2024`],
    ['many cited documents', (n) => `${'quyết định 1/1/2024, '.repeat(n / 21)}xong.`],
  ];
  for (const [name, make] of inputs) {
    it(`${name}: time grows linearly with length (10k vs 100k characters)`, () => {
      expect(growth(eventDateFromBody, make(10_000), make(100_000))).toBeLessThan(30);
    });
  }

  it('still skips a document number and still strips "ngày" before the date', () => {
    expect(eventDateFromBody('Thực hiện Kế hoạch số 108-KH/QU ngày 25/2/2022, sáng ngày 3/3/2022 phường tổ chức hội nghị.')?.iso).toBe('2022-03-03T00:00:00+07:00');
    expect(eventDateFromBody('Tổ dân phố 5, ngày 5/3/2022 phường ra quân.')?.iso).toBe('2022-03-05T00:00:00+07:00');
  });
});
