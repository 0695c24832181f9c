import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/sites/extract.ts';
import { SITES_DIR } from '../fixtures/sites.ts';

const html = readFileSync(join(SITES_DIR, 'duongnoi.hanoi.gov.vn', 'article-2800250701080500321.html'), 'utf8');
const URL1 = 'https://duongnoi.hanoi.gov.vn/dang-doan-the/phuong-duong-noi-cong-bo-duong-day-nong-tiep-nhan-phan-anh-cua-nguoi-dan-2800250701080500321.htm';

describe('hanoi-ward-2025 article pages that show only a relative time', () => {
  it('date the article by its id, never by now', () => {
    expect(html).toContain('<span class="detail-time__date time-ago">17 giờ trước</span>');
    const a = extractArticle({ html, url: URL1 });
    expect({ profile: a.profile, publishedAt: a.publishedAt, datePrecision: a.datePrecision, dateSource: a.dateSource }).toEqual({
      profile: 'hanoi-ward-2025',
      publishedAt: '2025-07-01T08:05:00+07:00',
      datePrecision: 'minute',
      dateSource: 'url',
    });
  });

  it('leave the date unset when the id carries none, for the listing or the first sighting to fill in', () => {
    const url = 'https://duongnoi.hanoi.gov.vn/dang-doan-the/tin-khong-co-ngay.htm';
    const a = extractArticle({ html: html.replaceAll('2800250701080500321', ''), url, profile: 'hanoi-ward-2025' });
    expect(a.publishedAt).toBeUndefined();
    expect(a.dateSource).toBeUndefined();
  });
});
