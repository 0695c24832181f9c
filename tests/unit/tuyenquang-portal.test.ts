import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectProfile, extractArticle } from '../../lib/sites/extract.ts';
import { parsePage } from '../../lib/extract/page.ts';
import { SITES_DIR } from '../fixtures/sites.ts';

const DIR = join(SITES_DIR, 'tanthanh.tuyenquang.gov.vn');
const URL1 = 'https://tanthanh.tuyenquang.gov.vn/vi/tin-bai/ra-quan-trong-cay-doi-xuan-va-phat-dong-tet-trong-cay-nam-2026?id=48107&type=NEWS';

describe('tuyenquang-portal', () => {
  it('dates the article by the line beside the title, not the top bar nor the directive quoted in the body', () => {
    const html = readFileSync(join(DIR, 'article-48107.html'), 'utf8');
    expect(html).toContain('Hôm nay: Thứ Ba, 01/12/2026');
    expect(html).toContain('Chỉ thị số 02/CT-UBND ngày 20/01/2026');
    expect(extractArticle({ html, url: URL1 })).toMatchObject({ profile: 'tuyenquang-portal', publishedAt: '2026-02-10T07:45:00+07:00', datePrecision: 'minute', viewCount: 88 });
  });

  it('detects the platform from the address shape of another commune', () => {
    const html = '<html><body><div class="post-detail"><h1 class="post-detail__title">Tin</h1><div class="post-detail__content"><p>Nội dung.</p></div></div></body></html>';
    expect(detectProfile(parsePage(html, 'https://thaison.tuyenquang.gov.vn/vi/tin-bai/hoi-nghi?id=12&type=NEWS')).name).toBe('tuyenquang-portal');
    expect(detectProfile(parsePage(html, 'https://example.org/vi/tin-bai/hoi-nghi?id=12&type=NEWS')).confidence).toBeLessThan(0.6);
  });
});
