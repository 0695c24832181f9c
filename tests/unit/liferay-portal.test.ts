import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectProfile, extractArticle } from '../../lib/sites/extract.ts';
import { parsePage } from '../../lib/extract/page.ts';
import { SITES_DIR } from '../fixtures/sites.ts';

const PARAGRAPHS = [
  'Sáng nay, Ủy ban nhân dân xã tổ chức hội nghị sơ kết công tác cải cách hành chính, đánh giá việc tiếp nhận và trả kết quả hồ sơ tại Bộ phận một cửa trong quý vừa qua.',
  'Theo báo cáo, xã đã tiếp nhận 812 hồ sơ, giải quyết trước hạn 96%; việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính được thực hiện đầy đủ theo quy định.',
  'Hội nghị thống nhất giao các ấp, thôn tiếp tục tuyên truyền, hướng dẫn người dân nộp hồ sơ trực tuyến, giảm thời gian đi lại và chi phí cho người dân.',
];
const TITLE = 'Sơ kết công tác cải cách hành chính quý III năm 2025';

/** A Liferay page with the variant's article markup in an asset publisher or journal portlet, a header clock and a related box. */
function liferayPage(article: string): string {
  return `<!DOCTYPE html><html lang="vi-VN"><head><meta charset="utf-8"><title>${TITLE}</title>
<script>var Liferay = Liferay || {}; var themeDisplay = Liferay.ThemeDisplay = {};</script></head>
<body><header id="banner"><span class="date-time">Thứ Ba, ngày 01/12/2026</span><nav><a href="/">Trang chủ</a> <a href="/gioi-thieu">Giới thiệu</a></nav></header>
<div class="portlet-boundary portlet-asset-publisher"><section class="portlet"><h2 class="portlet-title-text">Tin hoạt động</h2>
${article}
</section></div><footer>Cổng thông tin điện tử, ghi rõ nguồn khi phát hành lại.</footer></body></html>`;
}
const body = `${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}
<div class="related-news"><h4>Tin liên quan</h4><ul><li><a href="/tin-khac-1">Hội nghị tổng kết công tác Mặt trận năm 2025</a> (20/11/2025)</li></ul></div>`;

const VARIANTS = [
  {
    province: 'Quảng Ngãi',
    url: 'https://quangngai.gov.vn/web/xa-son-mua/xem-chi-tiet/-/asset_publisher/Content/so-ket-cong-tac-cai-cach-hanh-chinh-quy-iii-nam-2025?5198432',
    html: liferayPage(`<div class="asset-full-content"><h3 class="header-title">${TITLE}</h3><div class="date-view-content">Ngày đăng 12/11/2025 | 15:18</div><div class="asset-content"><div class="journal-content-article">${body}</div></div></div>`),
    want: { publishedAt: '2025-11-12T15:18:00+07:00', datePrecision: 'minute' },
  },
  {
    province: 'Quảng Trị',
    url: 'https://giomai.giolinh.quangtri.gov.vn/chi-tiet-tin/-/view-article/1/1651243375368/1684464850144',
    html: liferayPage(`<div class="view-article"><h1>${TITLE}</h1><div class="article-meta">18/11/2025 19:01 Số lượt xem: 279</div><div class="article-content">${body}</div></div>`),
    want: { publishedAt: '2025-11-18T19:01:00+07:00', datePrecision: 'minute', viewCount: 279 },
  },
  {
    province: 'Bắc Ninh',
    url: 'https://bacninh.gov.vn/news/-/details/20182/so-ket-cong-tac-cai-cach-hanh-chinh-quy-iii-nam-2025',
    html: liferayPage(`<div class="news-detail"><h1>${TITLE}</h1><div class="news-detail-date">Ngày 13-05-2025 - Lượt xem: 45</div><div class="news-content">${body}</div></div>`),
    want: { publishedAt: '2025-05-13T00:00:00+07:00', datePrecision: 'day', viewCount: 45 },
  },
  {
    province: 'Hậu Giang',
    url: 'https://haugiang.gov.vn/xem-chi-tiet-tin/-/tin-tuc/So-ket-cong-tac-cai-cach-hanh-chinh-quy-III-nam-202531207',
    html: liferayPage(`<div class="tin-tuc-detail"><h1>${TITLE}</h1><div class="tin-tuc-date">Ngày đăng 17/07/2025 | 09:15 | View count: 85</div><div class="noi-dung">${body}</div></div>`),
    want: { publishedAt: '2025-07-17T09:15:00+07:00', datePrecision: 'minute', viewCount: 85 },
  },
];

describe('liferay-portal variants', () => {
  it.each(VARIANTS.map((v) => [v.province, v] as const))('%s: address shape, date line, body without the related box', (_p, v) => {
    expect(detectProfile(parsePage(v.html, v.url)).name).toBe('liferay-portal');
    const a = extractArticle({ html: v.html, url: v.url });
    expect(a.profile).toBe('liferay-portal');
    expect(a.title).toBe(TITLE);
    expect({ publishedAt: a.publishedAt, datePrecision: a.datePrecision, dateSource: a.dateSource, viewCount: a.viewCount }).toEqual({ dateSource: 'page', viewCount: undefined, ...v.want });
    expect(a.bodyText.split('\n\n')).toEqual(PARAGRAPHS);
    // The id after `?` stays in the address (canonicalizeUrl writes a bare `?id` as `?id=`).
    const canonical = new URL(a.canonicalUrl);
    expect(canonical.origin + canonical.pathname).toBe(v.url.replace(/\?.*$/, ''));
    expect(canonical.search.replace(/=$/, '')).toBe(new URL(v.url).search);
  });

  it('Đồng Tháp: "03/08/2023 09:58    56", the bare number is not taken for anything, the header clock neither', () => {
    const dir = join(SITES_DIR, 'tamnong.dongthap.gov.vn');
    const html = readFileSync(join(dir, 'article-5603949.html'), 'utf8');
    expect(html).toContain('<span class="date">14/01/2026 09:58</span> <span class="view" title="Lượt xem"><i class="icon-eye-open"></i> 56</span>');
    const url = 'https://tamnong.dongthap.gov.vn/chi-tiet-bai-viet/-/asset_publisher/1mOzUrGkrdAE/content/id/5603949';
    expect(detectProfile(parsePage(html, url)).name).toBe('liferay-portal');
    const a = extractArticle({ html, url });
    expect({ publishedAt: a.publishedAt, datePrecision: a.datePrecision, viewCount: a.viewCount }).toEqual({ publishedAt: '2026-01-14T09:58:00+07:00', datePrecision: 'minute', viewCount: undefined });
    expect(a.bodyText).not.toMatch(/Tin liên quan|01\/12\/2026/);
  });

  it('leaves the Hanoi asset-publisher sub-sites to their own family', () => {
    const url = 'https://khuongmai.thanhxuan.hanoi.gov.vn/tin/-/asset_publisher/Ab12/content/tin-moi';
    expect(detectProfile(parsePage('<html><head><script>Liferay.Portlet.ready()</script></head><body><p>x</p></body></html>', url)).name).toBe('liferay-asset-publisher');
  });
});
