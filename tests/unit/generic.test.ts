import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_SITES_DIR, loadFixtureArticles } from '../../bench/lib/fixture-pages.ts';
import { extractArticle, extractListing } from '../../lib/sites/extract.ts';
import { parsePage } from '../../lib/extract/page.ts';
import { findTitle, locateMainContent } from '../../lib/extract/readable.ts';
import { generic } from '../../lib/sites/generic.ts';
import { isWardfeedError } from '../../lib/errors.ts';
import { ngramF1 } from '../helpers/f1.ts';
import { growth } from './linear-time.ts';
import { fixtureSites } from '../fixtures/sites.ts';

const fixtures = loadFixtureArticles();

describe('generic profile on every fixture article', () => {
  it('has fixture articles to check', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  for (const f of fixtures) {
    it(`${f.host} ${f.file}: exact title, body F1 >= 0.95 on word 4-grams`, () => {
      const a = extractArticle({ html: f.html, url: f.url, profile: 'generic' });
      expect(a.profile).toBe('generic');
      expect(a.title).toBe(f.expected.title);
      const score = ngramF1(a.bodyText, f.expected.paragraphs);
      expect(score.f1, `precision ${score.precision.toFixed(3)} recall ${score.recall.toFixed(3)}\n${a.bodyText}`).toBeGreaterThanOrEqual(0.95);
    });
  }
});

// Pages of shapes unlike the fixture sites, written here so the expected text is plain to read.

const BLOG_PARAGRAPHS = [
  'The river path behind the old market was resurfaced last week, and for the first time in years the whole loop can be walked without muddy shoes.',
  'Volunteers from three neighbourhood associations spent two weekends clearing the drainage channels, trimming the hedges and repainting the benches that line the water.',
  'The city council paid for the gravel, the lights and a new footbridge near the school, while local shops donated food, gloves and a great deal of patience.',
  'Next spring the group plans to plant fruit trees along the northern bank, so that in a few years children can pick plums on their way home.',
];
const COMMENTS = [
  'Great news, I walked it yesterday with my kids and we loved it, thank you to everyone who helped!',
  'Finally, the drainage was a real problem, especially in October, but it looks much better now.',
  'Will the lights stay on all night, or only until midnight? I run early in the morning, before sunrise.',
  'I hope they also fix the stairs near the bakery, they are slippery and dangerous for older people.',
];

const BLOG = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>A new life for the river path | Riverside Notes</title>
<meta property="og:title" content="A new life for the river path">
<meta property="og:url" content="https://blog.example.org/2024/05/river-path/">
<meta property="article:published_time" content="2024-05-12T08:30:00+02:00">
<meta name="author" content="Mai Tran">
<meta name="description" content="How volunteers and the council brought the river path back to life.">
</head><body class="single post-template">
<header class="site-header"><a class="logo" href="/">Riverside Notes</a>
<nav class="main-nav"><a href="/">Home</a> <a href="/about/">About this blog and its authors</a> <a href="/archive/">The full archive of older posts</a></nav></header>
<main id="site-main"><article class="post">
<header class="post-header"><h1 class="post-title">A new life for the river path</h1>
<div class="post-meta">By Mai Tran · <time datetime="2024-05-12">12 May 2024</time></div></header>
<section class="post-content">${BLOG_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}
<div class="share-buttons"><a href="https://twitter.com/share">Share on Twitter</a> <a href="https://facebook.com/share">Share on Facebook</a></div>
</section>
<footer class="post-footer"><a href="/tag/walks/" rel="tag">walks</a>, <a href="/tag/volunteers/" rel="tag">volunteers</a></footer>
</article>
<section id="comments" class="comments-area"><h2>4 comments</h2><ol class="comment-list">
${COMMENTS.map((c, i) => `<li class="comment"><div class="comment-author">Reader ${i + 1} says:</div><div class="comment-content"><p>${c}</p></div><a href="#reply-${i}">Reply</a></li>`).join('\n')}
</ol><form class="comment-form"><textarea name="c"></textarea><button>Post comment</button></form></section>
</main>
<footer class="site-footer"><p>© 2024 Riverside Notes, written with care, published with an old laptop, hosted by friends.</p></footer>
</body></html>`;

const NEWS_PARAGRAPHS = [
  'HÀ NỘI – Sáng nay, Ủy ban nhân dân phường tổ chức hội nghị triển khai kế hoạch chỉnh trang đô thị năm 2024, với sự tham dự của đại diện các tổ dân phố, các trường học và doanh nghiệp trên địa bàn.',
  'Theo kế hoạch, phường sẽ cải tạo 12 tuyến ngõ, lắp mới 340 đèn chiếu sáng, trồng bổ sung 500 cây xanh và xây dựng hai sân chơi cho trẻ em tại các khu dân cư đông đúc.',
  'Phát biểu tại hội nghị, Chủ tịch UBND phường đề nghị các tổ dân phố tăng cường tuyên truyền, vận động nhân dân đồng thuận, chung tay giữ gìn vệ sinh môi trường, trật tự đô thị.',
  'Đại diện các doanh nghiệp cam kết phối hợp, hỗ trợ kinh phí, vật tư và nhân lực để các công trình sớm hoàn thành, đưa vào sử dụng trước dịp Tết Nguyên đán.',
  'Kết thúc hội nghị, phường ký kết giao ước thi đua với 18 tổ dân phố, phấn đấu hoàn thành toàn bộ chỉ tiêu trước ngày 15 tháng 12.',
];
const SIDEBAR_STORIES = Array.from({ length: 12 }, (_, i) => ({
  title: `Tin nổi bật số ${i + 1}: phường ra quân dọn dẹp vệ sinh, chỉnh trang các tuyến phố chính`,
  summary: `Hàng trăm cán bộ, đoàn viên, thanh niên và người dân đã tham gia, thu gom hàng tấn rác thải, khơi thông cống rãnh, sơn sửa vỉa hè, dọn dẹp lòng đường, lượt ${i + 1}.`,
}));

const NEWS = `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Phường triển khai kế hoạch chỉnh trang đô thị năm 2024 - Báo Thời sự Địa phương</title>
<link rel="canonical" href="https://news.example.vn/thoi-su/phuong-chinh-trang-do-thi-2024-a123.html?utm_source=x">
</head><body>
<div id="top-banner"><img src="/ads/banner.gif" alt="Quảng cáo"></div>
<ul class="menu-top"><li><a href="/thoi-su/">Thời sự trong nước và quốc tế</a></li><li><a href="/kinh-te/">Kinh tế, tài chính, thị trường</a></li></ul>
<div class="container">
<div class="col-main"><div class="breadcrumbs"><a href="/">Trang chủ</a> / <a href="/thoi-su/">Thời sự</a></div>
<h1 class="article-title">Phường triển khai kế hoạch chỉnh trang đô thị năm 2024</h1>
<div class="byline">Thứ Hai, 04/03/2024 09:15 (GMT+7)</div>
<div class="article-body">${NEWS_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}
<p class="author">Minh Anh</p></div>
<div class="tags">Từ khóa: <a href="/tag/do-thi">đô thị</a> <a href="/tag/phuong">phường</a></div>
</div>
<div class="col-sidebar"><h3>Đọc nhiều nhất</h3>
${SIDEBAR_STORIES.map((s, i) => `<div class="item"><a href="/tin-${i}.html">${s.title}</a><p>${s.summary}</p></div>`).join('\n')}
</div></div>
<div class="footer">Cơ quan chủ quản: Báo Thời sự Địa phương. Giấy phép số 123/GP-BTTTT, cấp ngày 01/01/2020, tổng biên tập Nguyễn Văn B.</div>
</body></html>`;

const TABLE_PARAGRAPHS = [
  'Thực hiện kế hoạch của Ủy ban nhân dân xã về công tác phòng chống thiên tai năm 2023, ngày 12/6/2023 xã đã tổ chức diễn tập phương án ứng phó với bão, lũ tại thôn Đông.',
  'Tham gia diễn tập có lực lượng dân quân, công an xã, đoàn thanh niên, hội chữ thập đỏ và hơn 200 hộ dân thuộc khu vực trũng thấp, thường xuyên bị ngập úng.',
  'Qua buổi diễn tập, các lực lượng đã thuần thục các động tác sơ tán dân, cứu hộ, cứu nạn, sơ cấp cứu người bị nạn và bảo vệ tài sản của nhân dân.',
];

const TABLE = `<html><head><title>UBND xã Đông Hòa</title></head>
<body bgcolor="#ffffff"><table width="980" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2"><img src="/images/header.jpg" width="980" height="120"></td></tr>
<tr><td width="200" valign="top" bgcolor="#eeeeee">
<a href="/gioi-thieu.asp">Giới thiệu chung về xã Đông Hòa</a><br><a href="/tin-tuc.asp">Tin tức, sự kiện của xã</a><br><a href="/van-ban.asp">Văn bản chỉ đạo, điều hành</a><br><a href="/lien-he.asp">Liên hệ, góp ý với chính quyền</a><br>
<a href="/thu-tuc.asp">Thủ tục hành chính một cửa</a><br><a href="/lich.asp">Lịch công tác tuần của lãnh đạo</a>
</td><td valign="top">
<font size="4" color="#003399"><b>Diễn tập phương án ứng phó với bão, lũ năm 2023</b></font><br>
<font size="2"><i>Cập nhật: 14/06/2023</i></font><br><br>
<font size="2" face="Arial">${TABLE_PARAGRAPHS.join('<br><br>\n')}</font><br><br>
<font size="2"><a href="/tin-tuc.asp">« Quay lại</a></font>
</td></tr>
<tr><td colspan="2" align="center"><font size="1">Ủy ban nhân dân xã Đông Hòa, huyện Đông Sơn. Điện thoại: 0237 123 456, thư điện tử: xadonghoa@example.vn</font></td></tr>
</table></body></html>`;

describe('generic profile on pages unlike the fixtures', () => {
  it('a blog post: the post, not its comments, share bar, tags or footer', () => {
    const a = extractArticle({ html: BLOG, url: 'https://blog.example.org/2024/05/river-path/?utm_source=feed', profile: 'generic' });
    expect(a.title).toBe('A new life for the river path');
    expect(ngramF1(a.bodyText, BLOG_PARAGRAPHS).f1).toBeGreaterThanOrEqual(0.95);
    for (const c of COMMENTS) expect(a.bodyText).not.toContain(c.slice(0, 30));
    expect(a.bodyText).not.toMatch(/Share on|Post comment|Riverside Notes/);
    expect(a.canonicalUrl).toBe('https://blog.example.org/2024/05/river-path/');
    expect(a.author).toBe('Mai Tran');
    expect(a.summary).toBe('How volunteers and the council brought the river path back to life.');
    expect(a.publishedAt).toBe('2024-05-12T13:30:00+07:00');
    expect(a.dateSource).toBe('meta');
  });

  it('a news page with a sidebar richer than the article: the article wins', () => {
    const a = extractArticle({ html: NEWS, url: 'https://news.example.vn/thoi-su/phuong-chinh-trang-do-thi-2024-a123.html', profile: 'generic' });
    expect(a.title).toBe('Phường triển khai kế hoạch chỉnh trang đô thị năm 2024');
    const f1 = ngramF1(a.bodyText, NEWS_PARAGRAPHS);
    expect(f1.f1, a.bodyText).toBeGreaterThanOrEqual(0.95);
    expect(a.bodyText).not.toContain('Tin nổi bật');
    expect(a.bodyText).not.toContain('Giấy phép');
    expect(a.canonicalUrl).toBe('https://news.example.vn/thoi-su/phuong-chinh-trang-do-thi-2024-a123.html');
    expect(a.publishedAt).toBe('2024-03-04T09:15:00+07:00');
    expect(a.dateSource).toBe('page');
    expect(a.author).toBe('Minh Anh');
  });

  it('an old page with the article in a layout table cell, paragraphs as <br><br>', () => {
    const a = extractArticle({ html: TABLE, url: 'http://donghoa.example.vn/tin-tuc.asp?id=77', profile: 'generic' });
    expect(a.title).toBe('Diễn tập phương án ứng phó với bão, lũ năm 2023');
    expect(a.bodyText.split('\n\n')).toEqual(TABLE_PARAGRAPHS);
    expect(a.publishedAt).toBe('2023-06-14T00:00:00+07:00');
    expect(a.datePrecision).toBe('day');
    expect(a.bodyHtml).not.toMatch(/<td|<tr|<table/);
  });

  it('a canonical link to another site is not taken', () => {
    const html = NEWS.replace('https://news.example.vn/thoi-su/', 'https://aggregator.example.com/copy/');
    const a = extractArticle({ html, url: 'https://news.example.vn/thoi-su/a123.html?sessionid=zz', profile: 'generic' });
    expect(a.canonicalUrl).toBe('https://news.example.vn/thoi-su/a123.html');
  });

  it('a page without an article is no-article', () => {
    const html = `<html><head><title>Trang chủ</title></head><body><nav><a href="/a">Tin tức</a> <a href="/b">Liên hệ</a></nav><div class="footer">© 2024</div></body></html>`;
    let error: unknown;
    try {
      extractArticle({ html, url: 'https://x.example.vn/', profile: 'generic' });
    } catch (e) {
      error = e;
    }
    expect(isWardfeedError(error) && error.kind).toBe('no-article');
  });

  it('locateMainContent does not change the page and findTitle agrees with og:title over the logo heading', () => {
    const page = parsePage(NEWS, 'https://news.example.vn/x.html');
    const before = page.$.html();
    const located = locateMainContent(page.$);
    expect(located).toBeDefined();
    expect(page.$.html()).toBe(before);
    const withOg = parsePage(
      NEWS.replace('<title>', '<meta property="og:title" content="Phường triển khai kế hoạch chỉnh trang đô thị năm 2024"><title>').replace('<div class="container">', '<h1 class="logo">Báo Thời sự Địa phương</h1><div class="container">'),
      'https://news.example.vn/x.html',
    );
    const top = locateMainContent(withOg.$)?.top;
    expect(top).toBeDefined();
    expect(findTitle(withOg, withOg.$(top))).toBe('Phường triển khai kế hoạch chỉnh trang đô thị năm 2024');
  });
});

interface FixtureListing {
  host: string;
  file: string;
  path: string;
  html: string;
  expected: { items: Array<{ url: string; title: string; publishedAt?: string }>; nextPageUrl?: string };
}

function loadFixtureListings(): FixtureListing[] {
  const out: FixtureListing[] = [];
  for (const { name: host, site } of fixtureSites(FIXTURE_SITES_DIR)) {
    for (const p of site.pages) {
      const expectedFile = join(FIXTURE_SITES_DIR, host, p.file.replace(/\.html$/, '.expected.json'));
      if (p.kind !== 'listing' || p.charset || !existsSync(expectedFile)) continue;
      out.push({ host, file: p.file, path: p.path, html: readFileSync(join(FIXTURE_SITES_DIR, host, p.file), 'utf8'), expected: JSON.parse(readFileSync(expectedFile, 'utf8')) as FixtureListing['expected'] });
    }
  }
  return out;
}

describe('generic listing on every fixture listing page', () => {
  const listings = loadFixtureListings();
  it('has fixture listings to check', () => {
    expect(listings.length).toBeGreaterThan(0);
  });
  for (const l of listings) {
    it(`${l.host} ${l.file}: the same items in order, listing dates where it finds them`, () => {
      // The site's scheme, as its expected item addresses state it.
      const scheme = new URL(l.expected.items[0]?.url ?? `https://${l.host}/`).protocol;
      const got = extractListing({ html: l.html, url: `${scheme}//${l.host}${l.path}`, profile: 'generic' });
      expect(got.items.map((i) => i.url)).toEqual(l.expected.items.map((i) => i.url));
      for (const item of got.items) {
        const want = l.expected.items.find((i) => i.url === item.url)!;
        if (item.publishedAt) expect(item.publishedAt).toBe(want.publishedAt);
      }
    });
  }
});

describe('generic listing', () => {
  it('takes the repeating headline links with their dates, not the menu or sidebar', () => {
    const items = Array.from({ length: 6 }, (_, i) => ({
      path: `/tin-tuc/bai-viet-so-${i + 1}.html`,
      title: `Hội nghị triển khai nhiệm vụ trọng tâm quý ${(i % 4) + 1} năm 2024 số ${i + 1}`,
      date: `${String(10 + i).padStart(2, '0')}/05/2024`,
    }));
    const html = `<html><body><ul class="menu"><li><a href="/gioi-thieu">Giới thiệu chung về phường và lịch sử</a></li><li><a href="/lien-he">Liên hệ với chúng tôi qua điện thoại</a></li></ul>
<div class="news-list">${items.map((it) => `<div class="news-item"><a href="${it.path}"><img src="/t.jpg"></a><h3><a href="${it.path}">${it.title}</a></h3><span class="date">${it.date}</span><p class="summary">Tóm tắt nội dung của bài viết này dài hơn hai mươi ký tự.</p></div>`).join('\n')}</div>
<div class="sidebar"><div><a href="/x/1">Một liên kết ở cột bên rất dài chữ</a></div><div><a href="/x/2">Một liên kết khác ở cột bên cũng dài</a></div></div>
<div class="pagination"><span class="current">1</span> <a href="/tin-tuc?page=2">2</a> <a href="/tin-tuc?page=2">»</a></div></body></html>`;
    const listing = extractListing({ html, url: 'https://phuong.example.vn/tin-tuc', profile: 'generic' });
    expect(listing.profile).toBe('generic');
    expect(listing.items.map((i) => i.url)).toEqual(items.map((it) => `https://phuong.example.vn${it.path}`));
    expect(listing.items.map((i) => i.title)).toEqual(items.map((it) => it.title));
    expect(listing.items[0]).toMatchObject({ publishedAt: '2024-05-10T00:00:00+07:00', datePrecision: 'day', dateSource: 'listing' });
    expect(listing.items[0].summary).toBe('Tóm tắt nội dung của bài viết này dài hơn hai mươi ký tự.');
    expect(listing.nextPageUrl).toBe('https://phuong.example.vn/tin-tuc?page=2');
  });

  it('is registered as a never-detecting fallback', () => {
    expect(generic.name).toBe('generic');
    expect(generic.detect(parsePage('<html><body><p>x</p></body></html>', 'https://a.example/'))).toBe(0);
  });
});

describe('generic profile on adversarial text', () => {
  const PARAS = `<p>${'Ủy ban nhân dân phường tổ chức hội nghị tổng kết công tác năm với sự tham dự của nhân dân. '.repeat(5)}</p>`.repeat(3);
  // Link labels and headings made of a long run of the characters that are trimmed from their ends.
  const listing = (n: number) =>
    `<html><body><ul>${'<li><a href="/tin/a1">Hội nghị tổng kết công tác năm</a> 12/03/2024</li>'.repeat(3)}</ul><div class="pager"><a href="/tin?page=2">a${' »'.repeat(n / 2)}x</a></div></body></html>`;
  const article = (n: number) =>
    `<html><head><title>Hội nghị tổng kết công tác năm</title></head><body><article><h1>Hội nghị tổng kết công tác năm</h1>${PARAS}<h3>${'. '.repeat(n / 2)}x</h3>${PARAS}</article></body></html>`;

  it('reads a listing in time linear in a pager label (10k vs 100k characters)', () => {
    const run = (html: string) => extractListing({ html, url: 'https://phuong.example.vn/tin', profile: 'generic' });
    expect(growth(run, listing(10_000), listing(100_000))).toBeLessThan(30);
  });

  it('reads an article in time linear in a heading (10k vs 100k characters)', () => {
    const run = (html: string) => extractArticle({ html, url: 'https://phuong.example.vn/tin/a1', profile: 'generic' });
    expect(growth(run, article(10_000), article(100_000))).toBeLessThan(30);
  });
});

describe('dates after the fetch time', () => {
  const PARAS = `<p>${'Ủy ban nhân dân phường tổ chức hội nghị tổng kết công tác năm với sự tham dự của nhân dân. '.repeat(5)}</p>`.repeat(3);
  const html = `<html><head><title>Hội nghị tổng kết</title><meta property="article:published_time" content="2026-12-31T08:00:00+07:00"></head>
    <body><article><h1>Hội nghị tổng kết</h1>${PARAS}</article></body></html>`;
  const url = 'https://phuong.example.vn/2024/03/12/hoi-nghi-tong-ket';

  it('refuses a date more than a day after the fetch and takes the next source', () => {
    const a = extractArticle({ html, url, profile: 'generic', fetchedAt: '2024-03-13T10:00:00Z' });
    expect(a).toMatchObject({ publishedAt: '2024-03-12T00:00:00+07:00', dateSource: 'url' });
    expect(extractArticle({ html, url, profile: 'generic', fetchedAt: new Date('2026-12-31T00:00:00Z') })).toMatchObject({ dateSource: 'meta' });
  });

  it('does not check dates when the fetch time is not given', () => {
    expect(extractArticle({ html, url, profile: 'generic' })).toMatchObject({ publishedAt: '2026-12-31T08:00:00+07:00', dateSource: 'meta' });
  });

  it('leaves a listing item undated rather than dated in the future', () => {
    const listing = `<html><body><ul>${['31/12/2026', '11/03/2024', '10/03/2024'].map((d, i) => `<li><a href="/tin/bai-${i}">Hội nghị tổng kết công tác năm ${i}</a> <span>${d}</span></li>`).join('')}</ul></body></html>`;
    const items = extractListing({ html: listing, url: 'https://phuong.example.vn/tin', profile: 'generic', fetchedAt: '2024-03-13T10:00:00Z' }).items;
    expect(items.map((i) => i.publishedAt)).toEqual([undefined, '2024-03-11T00:00:00+07:00', '2024-03-10T00:00:00+07:00']);
  });
});

// A NukeViet-style ward page: the lead (hometext) in its own block above the body, and a
// metadata description that is the site's, not the article's.
const LEAD = 'Sáng 12/3, Ủy ban nhân dân phường tổ chức hội nghị triển khai kế hoạch cải cách hành chính năm 2025 với sự tham dự của các ban ngành.';
const WARD_LEAD_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Hội nghị triển khai cải cách hành chính năm 2025 - Phường Hòa Bình</title>
<meta name="description" content="Cổng thông tin điện tử phường Hòa Bình, thành phố Hà Nội">
</head><body>
<div class="menu"><a href="/">Trang chủ</a> <a href="/tin-tuc">Tin tức</a> <a href="/lien-he">Liên hệ</a></div>
<div class="news-view">
<h1 class="title">Hội nghị triển khai cải cách hành chính năm 2025</h1>
<div class="time">Thứ tư, 12/03/2025 09:15</div>
<div class="hometext"><p>${LEAD}</p></div>
<div class="bodytext">
${BLOG_PARAGRAPHS.slice(0, 3).map((p) => `<p>${p}</p>`).join('\n')}
</div>
</div>
<div class="footer">Ủy ban nhân dân phường Hòa Bình</div>
</body></html>`;

describe('generic profile: the lead above the body', () => {
  it('a lead block above the body (hometext) is the summary, over a site-wide metadata description', () => {
    const a = extractArticle({ html: WARD_LEAD_PAGE, url: 'https://hoabinh.example.gov.vn/tin-tuc/hoi-nghi-cchc-2025.html', profile: 'generic' });
    expect(a.title).toBe('Hội nghị triển khai cải cách hành chính năm 2025');
    expect(a.summary).toBe(LEAD);
    expect(ngramF1(a.bodyText, BLOG_PARAGRAPHS.slice(0, 3)).f1).toBe(1);
  });
});

describe('generic profile: an article in a box named like furniture', () => {
  // Blogger puts every post inside <div class="widget Blog">; with a long blogroll beside it the
  // box is a small share of the page, so skipping furniture by name left nothing article-like.
  const blogroll = Array.from({ length: 120 }, (_, i) => `<li><a href="https://blog-${i}.example.com/">A friendly blog about markets number ${i}</a></li>`).join('');
  const html = `<html><head><title>On sustainability - A blog</title></head><body>
<div id="left"><h2>Blogroll</h2><ul>${blogroll}</ul></div>
<div class="widget Blog" id="Blog1"><div class="post"><h3 class="post-title">On sustainability</h3>
<div class="post-body">${BLOG_PARAGRAPHS.slice(0, 3).map((p) => `<p>${p}</p>`).join('\n')}</div></div></div>
</body></html>`;

  it('finds the article on a second look that skips boxes by tag only', () => {
    const a = extractArticle({ html, url: 'https://blog.example.com/2012/10/on-sustainability.html', profile: 'generic' });
    expect(a.title).toBe('On sustainability');
    expect(ngramF1(a.bodyText, BLOG_PARAGRAPHS.slice(0, 3)).f1).toBe(1);
  });
});

describe('generic profile: Bootstrap print grid', () => {
  // Each paragraph in its own grid row, `col-xs-12 col-print-12`: a layout class for printing,
  // not a print button, so neither scoring nor the junk selectors may take the paragraphs out.
  const html = `<html><head><title>Grid story - News</title></head><body>
<div class="menu"><a href="/">Home</a> <a href="/news">News</a></div>
<div id="article-body" class="article-body"><h1>Grid story</h1>
${BLOG_PARAGRAPHS.slice(0, 3).map((p) => `<div class="row"><div class="col-xs-12 col-print-12"><p class="element">${p}</p></div></div>`).join('\n')}
<div class="row"><a class="print-button" href="/print/1">Print this story</a></div>
</div></body></html>`;

  it('keeps paragraphs wrapped in col-print-N and still drops the print button', () => {
    const a = extractArticle({ html, url: 'https://news.example.com/grid-story', profile: 'generic' });
    expect(ngramF1(a.bodyText, BLOG_PARAGRAPHS.slice(0, 3)).f1).toBe(1);
  });
});

describe('generic profile: a labelled tail inside the article container', () => {
  const STORY_PARAS = BLOG_PARAGRAPHS.slice(0, 4);
  const page = (tail: string) => `<html><head><title>River path - Blog</title></head><body>
<div class="menu"><a href="/">Home</a> <a href="/news">News</a></div>
<div class="entry"><h1>River path</h1>
${STORY_PARAS.map((p) => `<p>${p}</p>`).join('\n')}
${tail}
</div></body></html>`;
  const url = 'https://blog.example.com/river-path';

  it('cuts an author bio and a related list opened by their labels, in several languages', () => {
    for (const [label, after] of [
      ['About the Author', '<p>Mai Tran writes about cities, rivers and the people who keep them clean.</p>'],
      ['Related content:', '<p><a href="/a">A walk along the canal</a> and <a href="/b">Ten parks worth a visit this year</a></p>'],
      ['À lire aussi', '<p>Les berges de la rivière rouvrent au public après deux ans de travaux.</p>'],
      ['Tin liên quan', '<p>Phường ra quân dọn vệ sinh môi trường dọc bờ sông vào sáng chủ nhật.</p>'],
    ]) {
      const a = extractArticle({ html: page(`<h3>${label}</h3>${after}`), url, profile: 'generic' });
      expect(ngramF1(a.bodyText, STORY_PARAS).f1, label).toBe(1);
    }
  });

  it('keeps what follows a label when it is a large part of the content', () => {
    const html = page('').replace(`<p>${STORY_PARAS[1]}</p>`, `<p>${STORY_PARAS[1]}</p><h3>Comments</h3>`);
    const a = extractArticle({ html, url, profile: 'generic' });
    for (const p of STORY_PARAS) expect(a.bodyText).toContain(p);
  });
});

describe('generic profile: a page header holding half the page', () => {
  // A short article under a header of teasers: the header is more than half of the page's text,
  // yet it is the page's furniture, not a layout wrapper around the article.
  const teasers = [
    'Inside the new issue, an interview with a painter, a sculptor, a poet and a dancer, about work, rest, money, cities and age.',
    'Also this month, a look back at ten years of runway shows, with notes, sketches, letters, photographs and the odd receipt.',
    'Plus the editors pick the films, books, albums, plays and exhibitions of the season, from London, Paris, Tokyo and Lagos.',
  ];
  const story = BLOG_PARAGRAPHS.slice(0, 2);
  const html = `<html><head><title>River path - Blog</title></head><body>
<section id="header" class="container"><div class="panel"><div class="content">${teasers.map((t) => `<p>${t}</p>`).join('')}</div></div></section>
<section id="content"><article><h1>River path</h1>${story.map((p) => `<p>${p}</p>`).join('')}</article></section>
</body></html>`;

  it('skips the header and finds the short article', () => {
    const a = extractArticle({ html, url: 'https://blog.example.com/river-path', profile: 'generic' });
    expect(ngramF1(a.bodyText, story).f1).toBe(1);
  });
});

describe('generic profile: an intro written loose beside the main block', () => {
  // A letters blog: the intro is text straight in the post's <div>, the letter a <blockquote>
  // that outscores it; the intro is the article's first paragraph all the same.
  const intro = 'In December of the war year, as his grandson began to enjoy his very first Christmas, the old diplomat sat down in London and wrote him a letter, which we print below in full.';
  const letter = [...BLOG_PARAGRAPHS, ...COMMENTS];
  const html = `<html><head><title>For your first Christmas - Letters</title></head><body>
<div class="menu"><a href="/">Home</a> <a href="/archive">Archive</a></div>
<div class="post"><h3 class="post-title">For your first Christmas</h3>
<div><img src="/letter.jpg"><br><br>${intro}<br><br>
<blockquote>${letter.map((p) => `${p}<br><br>`).join('')}</blockquote></div></div>
</body></html>`;

  it('keeps the loose intro with the quoted letter', () => {
    const a = extractArticle({ html, url: 'https://letters.example.com/2012/11/first-christmas.html', profile: 'generic' });
    expect(ngramF1(a.bodyText, [intro, ...letter]).f1).toBe(1);
  });
});

describe('generic profile: a list of links with a note of prose', () => {
  // Release notes: an item of prose above a nested list of bug links makes the whole list
  // link-dense; it stays for its note, and the bug links the item "In progress:" introduces are
  // part of it (a sub-list of the article's list, as the page's expected text has it).
  const note = 'We have the green light for another round of students hacking on the video player next semester, with two mentors.';
  const bugs = Array.from({ length: 6 }, (_, i) => `<li><a href="https://bugs.example.org/${i}">Bug ${i} – the player window is affected by switching the video source number ${i}</a></li>`).join('');
  const html = `<html><head><title>These weeks in the browser - Blog</title></head><body>
<div class="entry"><h1>These weeks in the browser</h1>
${BLOG_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}
<h4>Video player</h4><ul><li>${note}</li><li>In progress:<ul>${bugs}</ul></li></ul>
<p>${COMMENTS[0]}</p></div></body></html>`;

  it('keeps the note and the nested links it introduces', () => {
    const a = extractArticle({ html, url: 'https://blog.example.org/these-weeks', profile: 'generic' });
    expect(a.bodyText).toContain(note);
    expect(a.bodyText).toContain('Bug 3 – the player window');
  });
});

describe('generic profile: the visible date line over metadata', () => {
  // NukeViet writes the last edit time into article:published_time; the line under the title is
  // the publication date the ward printed.
  const page = (meta: string) => WARD_LEAD_PAGE.replace('</head>', `<meta property="article:published_time" content="${meta}"></head>`);
  const url = 'https://hoabinh.example.gov.vn/tin-tuc/hoi-nghi-cchc-2025.html';

  it('takes the date line beside the title when the metadata names another day', () => {
    const a = extractArticle({ html: page('2025-03-20T16:40:00+07:00'), url, profile: 'generic' });
    expect(a).toMatchObject({ publishedAt: '2025-03-12T09:15:00+07:00', datePrecision: 'minute', dateSource: 'page' });
  });

  it('keeps a metadata time more precise than a date line of the same day', () => {
    const html = page('2025-03-12T10:30:00+07:00').replace('Thứ tư, 12/03/2025 09:15', 'Thứ tư, 12/03/2025');
    const a = extractArticle({ html, url, profile: 'generic' });
    expect(a).toMatchObject({ publishedAt: '2025-03-12T10:30:00+07:00', dateSource: 'meta' });
  });
});

// Long paragraphs of a story for the layout tests below.
const STORY = [
  'The ferry across the bay stopped running in March, when the old hull failed its inspection and the operator said it could not pay for repairs.',
  'For the two thousand people on the island, the ferry was the only way to reach the hospital, the secondary school and the market on the mainland.',
  'A temporary boat now crosses twice a day, but it carries no cars, and the queue at the pier starts before dawn, long before the first crossing.',
  'The provincial council voted on Tuesday to buy a new ferry, with the first trips promised for the autumn, once the crew has been trained.',
  'Islanders welcomed the vote but asked for a timetable in writing, saying they had heard such promises before and seen nothing come of them.',
  'The council said the contract would be signed next month and published in full, together with the names of the companies that bid for it.',
];

describe('generic profile on articles cut into blocks', () => {
  it('an article split into blocks by an advertisement and a figure keeps every block', () => {
    const html = `<html><head><title>New ferry for the island</title></head><body>
<div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>
<div class="page"><h1>New ferry for the island</h1>
<div class="story-text version-2"><div class="inner"><p>${STORY[0]}</p><p>${STORY[1]}</p><p>${STORY[2]}</p></div></div>
<div class="advert-slot"><span>Advertisement</span></div>
<div class="story-image"><figure><img src="/f.jpg"><figcaption>The pier at dawn.</figcaption></figure></div>
<div class="story-text"><div class="inner"><p>${STORY[3]}</p></div></div>
<div class="story-text"><div class="inner"><p>${STORY[4]}</p><p>${STORY[5]}</p></div></div>
</div>
<div class="footer">© The Bay Courier</div></body></html>`;
    const a = extractArticle({ html, url: 'https://courier.example.org/ferry', profile: 'generic' });
    expect(ngramF1(a.bodyText, STORY).recall).toBe(1);
  });

  it('a list of thousands of comma-separated links does not outvote the story', () => {
    const names = Array.from({ length: 600 }, (_, i) => `<a href="/users/u${i}">reader${i}</a>`).join(', ');
    const html = `<html><head><title>New ferry for the island</title></head><body>
<div id="main"><div class="chapter"><h1>New ferry for the island</h1>${STORY.map((p) => `<p>${p}</p>`).join('')}</div>
<div id="feedback"><div id="kudos"><p>${names} left kudos on this work!</p></div></div></div></body></html>`;
    const a = extractArticle({ html, url: 'https://courier.example.org/ferry', profile: 'generic' });
    expect(ngramF1(a.bodyText, STORY).f1).toBeGreaterThanOrEqual(0.95);
  });
});

describe('generic profile: the title when the headline carries a kicker and a share box has a heading', () => {
  // The headline element holds a category label before the title, and the only other source of
  // the title is `<title>` with the site name; a share box's heading ("Share this:") sits near.
  const html = `<html><head><title>Lanterns return to the old quarter - City Blog</title>
<meta property="og:title" content="The official blog of the city"></head><body>
<div class="post"><h2><div class="cat"><a href="/c/culture">Culture</a></div>
<a href="/2012/lanterns" rel="bookmark">Lanterns return to the old quarter</a></h2>
<div class="entry">${BLOG_PARAGRAPHS.slice(0, 3).map((p) => `<p>${p}</p>`).join('\n')}
<div class="sharedaddy"><h3 class="sd-title">Share this:</h3><ul><li><a href="/s?f">Facebook</a></li><li><a href="/s?t">Twitter</a></li></ul></div>
</div></div></body></html>`;

  it('takes the headline named by the document title, without the kicker, over the share heading', () => {
    const a = extractArticle({ html, url: 'https://blog.example.com/2012/lanterns', profile: 'generic' });
    expect(a.title).toBe('Lanterns return to the old quarter');
    expect(ngramF1(a.bodyText, BLOG_PARAGRAPHS.slice(0, 3)).f1).toBe(1);
  });

  it('never takes the heading of a share box for the title', () => {
    const bare = html.replace(/<h2>[\s\S]*?<\/h2>/, '').replace(/<meta property="og:title"[^>]*>/, '');
    const a = extractArticle({ html: bare, url: 'https://blog.example.com/2012/lanterns', profile: 'generic' });
    expect(a.title).toBe('Lanterns return to the old quarter');
  });
});

describe('generic profile: a date line that names its month', () => {
  const blog = (line: string, meta = '') => `<html><head><title>Ferry vote - Island News</title>${meta}</head><body>
<div class="post"><h1>The council votes for a new ferry</h1><p class="meta">${line}</p>
${STORY.map((p) => `<p>${p}</p>`).join('\n')}</div></body></html>`;
  const published = (iso: string) => `<meta property="article:published_time" content="${iso}">`;
  const url = 'https://news.example.org/2024/ferry-vote';

  it('dates the post by the day of its byline when the page declares nothing', () => {
    const a = extractArticle({ html: blog('by Hana Berg on November 2, 2012'), url, profile: 'generic' });
    expect(a).toMatchObject({ publishedAt: '2012-11-02T00:00:00+07:00', datePrecision: 'day', dateSource: 'page' });
  });

  it('keeps the metadata time when it falls on the printed day in some zone', () => {
    // 20:02 UTC on the 16th is already the 17th in Vietnam.
    const a = extractArticle({ html: blog('Hana Berg - Apr 16, 2015 8:02 pm UTC', published('2015-04-16T20:02:00Z')), url, profile: 'generic' });
    expect(a).toMatchObject({ publishedAt: '2015-04-17T03:02:00+07:00', datePrecision: 'minute', dateSource: 'meta' });
  });

  it('takes the printed day over metadata of another day', () => {
    const a = extractArticle({ html: blog('Hana Berg · Oct 15, 2015 · 18 min read', published('2015-12-11T14:28:00Z')), url, profile: 'generic' });
    expect(a).toMatchObject({ publishedAt: '2015-10-15T00:00:00+07:00', dateSource: 'page' });
  });

  it('does not take the day of an update for the publish date the metadata gives', () => {
    const html = blog('By Hana Berg · Last updated September 14, 2016', published('2014-08-05T07:01:00+07:00'));
    expect(extractArticle({ html, url, profile: 'generic' })).toMatchObject({ publishedAt: '2014-08-05T07:01:00+07:00', dateSource: 'meta' });
    const alone = blog('By Hana Berg · Last updated September 14, 2016');
    expect(extractArticle({ html: alone, url, profile: 'generic' })).toMatchObject({ publishedAt: '2016-09-14T00:00:00+07:00', dateSource: 'page' });
  });
});

describe('generic profile: a press release in a collapsed box under the post', () => {
  // The post is a short paragraph; the release it quotes is longer and sits in a box opened by a
  // button. The box alone scores best, but the post around it is the article's own text.
  const post = 'The island ferry operator has won the regional transport award, the first small operator to do so, and says the prize money will go towards the new hull.';
  const html = (button: string) => `<html><head><title>Ferry operator wins award - Island News</title></head><body>
<div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>
<div class="post_body"><h1>Ferry operator wins award</h1><p>${post}</p>
<div id="pr_box"><div id="pr_box_button">${button}</div><div id="pr_text">${STORY.map((p) => `<p>${p}</p>`).join('')}</div></div></div>
</body></html>`;
  const url = 'https://news.example.org/2024/ferry-award';

  it('keeps the post and the release, and drops the button', () => {
    const a = extractArticle({ html: html('Show full PR text'), url, profile: 'generic' });
    expect(a.bodyText).toBe([post, ...STORY].join('\n\n'));
  });
});

describe('generic profile: the article body the markup names is never furniture by its wrapper\'s name', () => {
  // Promotions beside the story outweigh it, and the story's wrappers are named like widgets.
  const promos = Array.from({ length: 8 }, (_, i) => `<p>Download our free report number ${i} on the state of ferry services in small island communities, with figures from every harbour.</p>`).join('');
  const url = 'https://news.example.org/2024/ferry-vote';

  it('reads the story in a wrapper named for sharing (itemprop="articleBody" inside)', () => {
    const html = `<html><head><title>Ferry vote</title></head><body>
<div class="share_wrapper"><div class="article"><h1>The council votes for a new ferry</h1>
<div itemprop="articleBody">${STORY.map((p) => `<p>${p}</p>`).join('')}</div></div></div>
<div class="rail">${promos}</div></body></html>`;
    expect(extractArticle({ html, url, profile: 'generic' }).bodyText).toBe(STORY.join('\n\n'));
  });

  it('reads a blog post in a box named as a widget, and leaves the widgets beside it out', () => {
    const html = `<html><head><title>Ferry vote</title></head><body><div id="content-wrapper">
<div class="widget Blog"><h3 class="post-title">The council votes for a new ferry</h3>
<div class="post-body entry-content">${STORY.map((p) => `<div>${p}</div>`).join('')}</div></div>
<div class="widget Profile">${promos}</div></div></body></html>`;
    expect(extractArticle({ html, url, profile: 'generic' }).bodyText).toBe(STORY.join('\n\n'));
  });

  it('reads the story when the block holding it is itself named for sharing', () => {
    const html = `<html><head><title>Ferry vote</title></head><body><h1>The council votes for a new ferry</h1>
<div class="module content_module js-social-images">${STORY.map((p) => `<p>${p}</p>`).join('')}<div class="social-bar"><a href="/s">Share</a></div></div>
<div class="rail"><p>Download our free report on ferry services in small island communities.</p></div></body></html>`;
    expect(extractArticle({ html, url, profile: 'generic' }).bodyText).toBe(STORY.join('\n\n'));
  });
});
