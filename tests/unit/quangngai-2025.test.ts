import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectProfile, extractArticle } from '../../lib/sites/extract.ts';
import { parsePage } from '../../lib/extract/page.ts';
import { SITES_DIR } from '../fixtures/sites.ts';

const html = readFileSync(join(SITES_DIR, 'sontay.quangngai.gov.vn', 'article-1.html'), 'utf8');
const URL1 = 'https://sontay.quangngai.gov.vn/tin-noi-bat/xa-son-tay-khoi-cong-tuyen-duong-lien-thon-di-nuoc-kia.html';

describe('quangngai-2025', () => {
  it('keeps the header, accessibility bar and the related box inside the body out of the article', () => {
    expect(html).toMatch(/TRANG THÔNG TIN ĐIỆN TỬ[\s\S]*Tăng tương phản|Tăng tương phản[\s\S]*TRANG THÔNG TIN ĐIỆN TỬ/);
    const a = extractArticle({ html, url: URL1 });
    expect(a).toMatchObject({ profile: 'quangngai-2025', publishedAt: '2026-01-20T10:25:00+07:00', category: 'Tin nổi bật', author: 'Đinh Văn Hiếu' });
    expect(a.bodyText).not.toMatch(/Tin liên quan|Tăng tương phản|A\+|HĐND xã Sơn Tây giám sát/);
  });

  it('detects another commune of the platform by its header and address shape', () => {
    const other = html.replaceAll('Xã Sơn Tây', 'Xã Sơn Tây Hạ');
    expect(detectProfile(parsePage(other, 'https://sontayha.quangngai.gov.vn/tin-tuc/hoat-dong/hop-dan-thon.html')).name).toBe('quangngai-2025');
  });
});
