import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectProfile, extractArticle } from '../../lib/sites/extract.ts';
import { parsePage } from '../../lib/extract/page.ts';
import { SITES_DIR } from '../fixtures/sites.ts';

const html = readFileSync(join(SITES_DIR, 'hadong.haiphong.gov.vn', 'article-815902.html'), 'utf8');

describe('slug-id-portal', () => {
  it('takes the date beside the title, not the header clock written the same way', () => {
    expect(html).toContain('<span class="header-top__date">Thứ Ba, 01/12/2026</span>');
    const a = extractArticle({ html, url: 'https://hadong.haiphong.gov.vn/chi-dao-dieu-hanh/xa-ha-dong-ra-mat-mo-hinh-thon-sang-xanh-sach-dep-815902' });
    expect(a).toMatchObject({ profile: 'slug-id-portal', publishedAt: '2026-01-26T00:00:00+07:00', datePrecision: 'day', dateSource: 'page', viewCount: 58 });
  });

  it('reads the bare date line of the Nghệ An portals', () => {
    const url = 'https://quephong.nghean.gov.vn/van-hoa-xa-hoi/xom-tay-son-lao-dong-chinh-trang-moi-truong-997094';
    const bare = html.replace('<span class="news-detail__date">Thứ Hai, 26/01/2026</span>', '<span class="news-detail__date">01/02/2026</span>');
    expect(detectProfile(parsePage(bare, url)).name).toBe('slug-id-portal');
    expect(extractArticle({ html: bare, url })).toMatchObject({ publishedAt: '2026-02-01T00:00:00+07:00', datePrecision: 'day', dateSource: 'page' });
  });

  it('keeps the related-news box inside the content out of the body', () => {
    const a = extractArticle({ html, url: 'https://hadong.haiphong.gov.vn/chi-dao-dieu-hanh/xa-ha-dong-ra-mat-mo-hinh-thon-sang-xanh-sach-dep-815902' });
    expect(html).toMatch(/news-detail__content">[\s\S]*Tin liên quan[\s\S]*<\/div>\s*<\/div>\s*<div class="other-news">/);
    expect(a.bodyText).not.toContain('Tin liên quan');
    expect(a.bodyText).not.toContain('Học tập, quán triệt');
  });

  it('does not claim a news site that merely shares the address shape', () => {
    const page = parsePage('<html><body><h1>Tin</h1><p>Nội dung.</p></body></html>', 'https://baomoi.example.vn/xa-hoi/tin-thoi-su-hom-nay-123456');
    expect(detectProfile(page).name).toBe('generic');
  });
});
