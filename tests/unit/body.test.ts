import { describe, expect, it } from 'vitest';
import { buildBody, signatureAuthor } from '../../lib/extract/body.ts';
import { parsePage } from '../../lib/extract/page.ts';
import { extractArticle } from '../../lib/sites/extract.ts';
import { isWardfeedError } from '../../lib/errors.ts';

const URL_ = 'https://phuong.example.gov.vn/tin-tuc/bai-viet-1';

function body(inner: string, opts?: Parameters<typeof buildBody>[2]) {
  const page = parsePage(`<html><body><div id="c">${inner}</div><p id="after">outside</p></body></html>`, URL_);
  return { page, body: buildBody(page, page.$('#c'), opts) };
}

describe('buildBody text', () => {
  it('keeps paragraphs and drops scripts, styles, forms, share widgets and breadcrumbs', () => {
    const { body: b } = body(`
      <ul class="breadcrumb"><li>Trang chủ</li><li>Tin tức</li></ul>
      <script>var x = "không phải bài";</script><style>p{color:red}</style>
      <p>Đoạn&nbsp;một   của bài.</p>
      <form><input value="Tìm kiếm"><button>Tìm</button></form>
      <div class="social-share"><a href="https://facebook.com/sharer">Chia sẻ Facebook</a></div>
      <p>  </p><p>&nbsp;</p>
      <p>Đoạn <strong>hai</strong> của bài.</p>
      <div class="print-link"><a href="javascript:window.print()">In bài viết</a></div>`);
    expect(b.bodyText).toBe('Đoạn một của bài.\n\nĐoạn hai của bài.');
    expect(b.bodyHtml).not.toMatch(/script|style|form|input|Chia sẻ|In bài viết|Trang chủ/);
  });

  it('keeps the printable part of an article (a recipe) and drops its print button', () => {
    const { body: b } = body(`
      <p>Đoạn mở đầu của bài.</p>
      <div class="printable"><p><strong>Bánh cuốn</strong></p>
      <p><a href="#" onclick="window.print()" class="recipe_print_button">In công thức</a></p>
      <p>Bột gạo, nước và hành phi.</p></div>`);
    expect(b.bodyText).toBe('Đoạn mở đầu của bài.\n\nBánh cuốn\n\nBột gạo, nước và hành phi.');
  });

  it('reads a formula as words, one per symbol, and keeps its MathML in the HTML', () => {
    // A family profile's body goes through the same walk and sanitiser as the generic one.
    const { body: b } = body(
      '<p>Học sinh giải phương trình <math><msup><mi>x</mi><mn>2</mn></msup><mo>&#x2212;</mo><mn>4</mn><mo>=</mo><mn>0</mn></math> trong giờ học.</p>' +
        '<math display="block" onclick="x()"><mi>x</mi><mo>=</mo><mo>&#xB1;</mo><mn>2</mn><annotation encoding="application/x-tex">x=\\pm 2</annotation></math>',
    );
    expect(b.bodyText).toBe('Học sinh giải phương trình x 2 − 4 = 0 trong giờ học.\n\nx = ± 2');
    expect(b.bodyHtml).toBe(
      '<p>Học sinh giải phương trình <math><msup><mi>x</mi><mn>2</mn></msup><mo>−</mo><mn>4</mn><mo>=</mo><mn>0</mn></math> trong giờ học.</p>' +
        '<math display="block"><mi>x</mi><mo>=</mo><mo>±</mo><mn>2</mn></math>',
    );
  });

  it('drops the meta line and the related-news block that follows the article', () => {
    const { body: b } = body(`
      <div class="date">Ngày đăng 15/01/2021 | 16:12&nbsp; |&nbsp;Lượt xem: 246</div>
      <p>Nội dung chính.</p>
      <div class="other"><h4>Tin liên quan</h4><ul><li><a href="/a">Bài khác 1</a></li><li><a href="/b">Bài khác 2</a></li></ul></div>`);
    expect(b.bodyText).toBe('Nội dung chính.');
    expect(b.bodyHtml).not.toContain('Bài khác');
  });

  it('keeps a body sentence that merely mentions an update date', () => {
    const { body: b } = body('<p>Danh sách hộ nghèo được cập nhật 15/3/2024 theo quyết định của UBND phường, áp dụng cho toàn bộ các tổ dân phố trên địa bàn.</p>');
    expect(b.bodyText).toContain('cập nhật 15/3/2024');
  });


  it('drops the button of a collapsed box, not a link that opens a sentence', () => {
    const { body: b } = body(`
      <p>Toàn văn quyết định được niêm yết tại trụ sở ủy ban.</p>
      <div class="btn">Xem toàn văn</div><div>Show full PR text</div>
      <p><a href="/t">Read the full transcript of the meeting</a></p>`);
    expect(b.bodyText).toBe('Toàn văn quyết định được niêm yết tại trụ sở ủy ban.\n\nRead the full transcript of the meeting');
  });

  it('keeps a widget word that is a word of its sentence, and drops the same word as a label', () => {
    const { body: b } = body(`
      <p>Ảnh đăng lên <a href="https://facebook.example/p/1">Facebook</a> hôm qua đã được chia sẻ nhiều lần.</p>
      <p>Người dân gửi ý kiến qua <span><a href="mailto:ubnd@phuong.example">email</a></span> hoặc trực tiếp tại bộ phận một cửa.</p>
      <p>Chia sẻ: <a href="https://facebook.example/share">Facebook</a> <a href="https://zalo.example/share">Zalo</a></p>`);
    expect(b.bodyText).toBe(
      'Ảnh đăng lên Facebook hôm qua đã được chia sẻ nhiều lần.\n\nNgười dân gửi ý kiến qua email hoặc trực tiếp tại bộ phận một cửa.\n\nChia sẻ:',
    );
  });
  it('splits paragraphs at block elements and double line breaks, folds a single break', () => {
    const { body: b } = body('<div>Dòng một<br>vẫn đoạn một<br><br>Đoạn hai<br/>\n<br/>Đoạn ba</div><h3>Tiêu đề phụ</h3><ul><li>Mục 1</li><li>Mục 2</li></ul>');
    expect(b.bodyText.split('\n\n')).toEqual(['Dòng một vẫn đoạn một', 'Đoạn hai', 'Đoạn ba', 'Tiêu đề phụ', 'Mục 1', 'Mục 2']);
  });

  it('normalises Unicode: NFC, no zero-width characters', () => {
    const { body: b } = body(`<p>Ph\u0153\u200Bờng ${'Hòa'.normalize('NFD')} An</p>`);
    expect(b.bodyText).toBe(`Ph\u0153ờng Hòa An`);
  });

  it('drops a leading copy of the title when told the title', () => {
    const { body: b } = body('<h2>Tiêu đề bài</h2><p>Nội dung.</p>', { title: 'Tiêu đề bài' });
    expect(b.bodyText).toBe('Nội dung.');
  });

  it('leaves the page itself untouched', () => {
    const { page } = body('<script>x</script><p>Giữ nguyên.</p>');
    expect(page.$('#c script').length).toBe(1);
    expect(page.$('#after').text()).toBe('outside');
  });
});

describe('buildBody images', () => {
  it('takes figcaptions, caption paragraphs right after a picture, and caption table cells', () => {
    const { body: b } = body(`
      <p>Mở đầu bài viết.</p>
      <figure><img src="/anh/1.jpg" alt=""><figcaption>Ảnh một</figcaption></figure>
      <p style="text-align:center"><img src="anh/2.jpg"></p>
      <p style="text-align:center"><em>Tiết mục văn nghẹ tại Hội nghị</em></p>
      <table class="image"><tr><td><img src="https://cdn.example.vn/3.jpg"></td></tr><tr><td class="image_desc">Ảnh ba trong bảng</td></tr></table>
      <p>Kết thúc bài viết.</p>`);
    expect(b.images).toEqual([
      { src: 'https://phuong.example.gov.vn/anh/1.jpg', caption: 'Ảnh một' },
      { src: 'https://phuong.example.gov.vn/tin-tuc/anh/2.jpg', caption: 'Tiết mục văn nghẹ tại Hội nghị' },
      { src: 'https://cdn.example.vn/3.jpg', caption: 'Ảnh ba trong bảng' },
    ]);
    expect(b.bodyText).toBe('Mở đầu bài viết.\n\nKết thúc bài viết.');
    expect(b.bodyHtml).toContain('src="https://phuong.example.gov.vn/tin-tuc/anh/2.jpg"');
  });

  it('keeps the caption of a figure with no picture to take (a video) in the HTML and out of the text', () => {
    const { body: b } = body(`
      <p>Mở đầu bài viết.</p>
      <figure><iframe src="https://www.youtube.com/embed/abc123"></iframe><figcaption>Video buổi lễ ra quân</figcaption></figure>
      <figure><blockquote><p>Mọi việc vì dân, cho dân.</p></blockquote><figcaption>Lời Chủ tịch phường</figcaption></figure>
      <p>Kết thúc bài viết.</p>`);
    expect(b.bodyText).toBe('Mở đầu bài viết.\n\nMọi việc vì dân, cho dân.\n\nLời Chủ tịch phường\n\nKết thúc bài viết.');
    expect(b.bodyHtml).toContain('<figcaption>Video buổi lễ ra quân</figcaption>');
    expect(b.bodyHtml).not.toContain('data-wf-skip');
  });

  it('takes the caption named so inside the box that holds the picture (WordPress wp-caption) or right after it', () => {
    const { body: b } = body(`
      <p>Mở đầu bài viết.</p>
      <div id="attachment_7" class="wp-caption aligncenter" style="width: 600px"><a href="/anh/lon.jpg"><img src="/anh/7.jpg" width="590" height="300"></a><p class="wp-caption-text">Lễ ra quân. (Ảnh: Phường)</p></div>
      <div class="img-box"><img src="/anh/8.jpg"><p>Một đoạn của bài, không có tên chú thích nên vẫn là bài viết.</p></div>
      <p><img src="/anh/9.jpg"></p><p class="photo-note">Đường mới trải nhựa</p>
      <p>Kết thúc bài viết.</p>`);
    expect(b.images).toEqual([
      { src: 'https://phuong.example.gov.vn/anh/7.jpg', caption: 'Lễ ra quân. (Ảnh: Phường)' },
      { src: 'https://phuong.example.gov.vn/anh/8.jpg' },
      { src: 'https://phuong.example.gov.vn/anh/9.jpg', caption: 'Đường mới trải nhựa' },
    ]);
    expect(b.bodyText).toBe('Mở đầu bài viết.\n\nMột đoạn của bài, không có tên chú thích nên vẫn là bài viết.\n\nKết thúc bài viết.');
  });

  it('does not take an ordinary paragraph after a picture for its caption', () => {
    const long = 'Sau đó, các đại biểu đã thảo luận sôi nổi về những nội dung trọng tâm của kế hoạch năm 2024, đặc biệt là công tác chỉnh trang đô thị và bảo vệ môi trường trên địa bàn phường.';
    const { body: b } = body(`<p><img src="/a.jpg"></p><p>${long}</p>`);
    expect(b.images).toEqual([{ src: 'https://phuong.example.gov.vn/a.jpg' }]);
    expect(b.bodyText).toBe(long);
  });

  it('gives a trailing gallery heading to the gallery, not the text', () => {
    const { body: b } = body(`
      <p>Nội dung buổi làm việc.</p>
      <p><strong>Hình ảnh buổi làm việc :</strong></p>
      <p><img src="/g/1.jpg"></p><p><img src="/g/2.jpg"></p>`);
    expect(b.bodyText).toBe('Nội dung buổi làm việc.');
    expect(b.images.map((i) => i.caption)).toEqual(['Hình ảnh buổi làm việc :', undefined]);
  });

  it('keeps the only paragraph as the text, even when it introduces a gallery', () => {
    const { body: b } = body(`
      <p>Các đội tuyển của phường đã có một ngày thi đấu sôi nổi, dưới đây là một số hình ảnh:</p>
      <p><img src="/g/1.jpg"></p><p><img src="/g/2.jpg"></p>`);
    expect(b.bodyText).toBe('Các đội tuyển của phường đã có một ngày thi đấu sôi nổi, dưới đây là một số hình ảnh:');
    expect(b.images.map((i) => i.caption)).toEqual([undefined, undefined]);
  });

  it('ignores icons, spacers and file badges', () => {
    const { body: b } = body('<p><a href="/f/kh.pdf"><img src="/icons/pdf.png"> Kế hoạch</a></p><p><img src="/s.gif" width="1" height="1"></p>');
    expect(b.images).toEqual([]);
  });
});

describe('buildBody attachments', () => {
  it('lists linked documents with absolute URLs, titles and types', () => {
    const { body: b } = body(`
      <p>Toàn văn: <a href="/documents/10180/4912376/KH+67-KH-UBND.pdf/7c2f9a1e-3b4d">Kế hoạch số 67/KH-UBND</a></p>
      <p><a href="files/Bieu-mau%2001.DOCX">Tải về</a> <a href="https://x.vn/bang.xlsx?v=2">Bảng tổng hợp</a></p>
      <p><a href="/tin-khac">Một bài khác</a> <a href="/files/bang.xlsx?v=2">Trùng lặp</a> <a href="https://x.vn/bang.xlsx?v=2">Trùng</a></p>`);
    expect(b.attachments).toEqual([
      { url: 'https://phuong.example.gov.vn/documents/10180/4912376/KH+67-KH-UBND.pdf/7c2f9a1e-3b4d', title: 'Kế hoạch số 67/KH-UBND', type: 'pdf' },
      { url: 'https://phuong.example.gov.vn/tin-tuc/files/Bieu-mau%2001.DOCX', title: 'Bieu-mau 01.DOCX', type: 'docx' },
      { url: 'https://x.vn/bang.xlsx?v=2', title: 'Bảng tổng hợp', type: 'xlsx' },
      { url: 'https://phuong.example.gov.vn/files/bang.xlsx?v=2', title: 'Trùng lặp', type: 'xlsx' },
    ]);
  });
});

describe('buildBody malformed link addresses', () => {
  it('lists a document whose address holds a stray percent sign or an IIS %u escape', () => {
    const { body: b } = body(`
      <p>Nội dung báo cáo năm.</p>
      <p><a href="/files/bao-cao-100%.pdf">Tải về</a> <a href="/files/ke-ho%u1EA1ch-2024.docx">Tải xuống</a></p>`);
    expect(b.attachments).toEqual([
      { url: 'https://phuong.example.gov.vn/files/bao-cao-100%.pdf', title: 'bao-cao-100%.pdf', type: 'pdf' },
      { url: 'https://phuong.example.gov.vn/files/ke-ho%u1EA1ch-2024.docx', title: 'ke-hoạch-2024.docx', type: 'docx' },
    ]);
  });

  it('never makes extractArticle fail', () => {
    const html = `<html><head><title>Báo cáo tổng kết năm</title></head><body><article><h1>Báo cáo tổng kết năm</h1>
      <p>${'Ủy ban nhân dân phường báo cáo kết quả thực hiện nhiệm vụ năm. '.repeat(6)}</p>
      <p><a href="bao-cao-100%.pdf">Tải về</a> <a href="%E0%A4%A.pdf">Tải về</a></p></article></body></html>`;
    for (const profile of ['generic', 'auto', 'hanoi-ward-2025']) {
      let kind: string | undefined;
      try {
        extractArticle({ html, url: 'https://phuong.example.gov.vn/tin-tuc/bao-cao', profile });
      } catch (e) {
        kind = isWardfeedError(e) ? e.kind : 'thrown';
      }
      expect([undefined, 'no-article']).toContain(kind);
    }
    expect(extractArticle({ html, url: 'https://phuong.example.gov.vn/tin-tuc/bao-cao', profile: 'generic' }).attachments.map((a) => a.type)).toEqual(['pdf', 'pdf']);
  });
});

describe('buildBody addresses', () => {
  it('lets only http(s) addresses out: file: images, documents and links are dropped', () => {
    const { body: b } = body(`
      <p>Nội dung bài viết về công tác phòng chống thiên tai.</p>
      <p><img src="file:///etc/passwd.jpg"> <img src="/anh/hop.jpg"></p>
      <p><a href="file:///C:/tai-lieu/ke-hoach.pdf">Kế hoạch</a> <a href="file://server/share/bao-cao.docx">Báo cáo</a> <a href="/files/ke-hoach.pdf">Kế hoạch số 5</a></p>`);
    expect(b.images.map((i) => i.src)).toEqual(['https://phuong.example.gov.vn/anh/hop.jpg']);
    expect(b.attachments.map((a) => a.url)).toEqual(['https://phuong.example.gov.vn/files/ke-hoach.pdf']);
    expect(b.bodyHtml).not.toContain('file:');
  });
});

describe('buildBody signature', () => {
  it('moves a closing signature to author only when asked', () => {
    const html = '<p>Nội dung hội nghị.</p><p style="text-align:right"><strong>UBND phường Mỹ Long</strong></p>';
    expect(body(html, { signature: true }).body).toMatchObject({ bodyText: 'Nội dung hội nghị.', author: 'UBND phường Mỹ Long' });
    expect(body(html, { signature: true }).body.bodyHtml).not.toContain('Mỹ Long');
    const kept = body(html).body;
    expect(kept.author).toBeUndefined();
    expect(kept.bodyText).toBe('Nội dung hội nghị.\n\nUBND phường Mỹ Long');
  });

  it.each([
    ['UBND phường Mỹ Long', 'UBND phường Mỹ Long'],
    ['Nguyễn Văn A - UBND phường Hòa An', 'Nguyễn Văn A - UBND phường Hòa An'],
    ['Tin: Minh Anh', 'Minh Anh'],
    ['Nguồn: Báo Hà Nội Mới', 'Báo Hà Nội Mới'],
    ['Tin, ảnh: Thu Hà', 'Thu Hà'],
    ['Thanh Tâm', 'Thanh Tâm'],
  ])('reads "%s" as author %s', (line, author) => {
    expect(signatureAuthor(line)).toBe(author);
  });

  it.each([
    'Hội nghị đã biểu quyết thông qua nghị quyết chuyên đề.',
    'Sau hội nghị, đồng chí Bí thư chủ trì rút kinh nghiệm./.',
    'Phường tiếp tục triển khai kế hoạch trong thời gian tới',
  ])('keeps story text "%s" in the body', (line) => {
    expect(signatureAuthor(line)).toBeUndefined();
  });
});

describe('buildBody HTML', () => {
  it('writes the text of an element the HTML serialiser leaves unescaped as text, never as markup', () => {
    // A body written out and parsed again read the text of <noembed> and <plaintext> as tags.
    const { body: b } = body('<p>Mở đầu bài viết.</p><noembed>&lt;i&gt;nghiêng&lt;/i&gt;</noembed><plaintext>&lt;u&gt;gạch');
    expect(b.bodyHtml).toBe('<p>Mở đầu bài viết.</p>&lt;i&gt;nghiêng&lt;/i&gt;&lt;u&gt;gạch');
  });

  it('keeps the page order of table-cell attributes and says an empty alt, not an empty title', () => {
    const { body: b } = body('<table><tr><td rowspan="2" colspan="3" class="x">Ô</td></tr></table><p><img src="/a.jpg" alt="" title="" width="">Ảnh</p>');
    expect(b.bodyHtml).toContain('<td rowspan="2" colspan="3">Ô</td>');
    expect(b.bodyHtml).toContain('<img src="https://phuong.example.gov.vn/a.jpg" alt="" />');
  });

  it('writes a lone surrogate as U+FFFD in the HTML, as the decoder reads its reference', () => {
    const { body: b } = body('<p>Một \ud800hai &#xD800;ba 😀</p>');
    expect(b.bodyHtml).toBe('<p>Một \ufffdhai \ufffdba 😀</p>');
  });

  it('keeps a deep tree without exhausting the stack', () => {
    const { body: b } = body(`${'<div>'.repeat(20_000)}<p>Đáy.</p>${'</div>'.repeat(20_000)}`);
    expect(b.bodyText).toBe('Đáy.');
    expect(b.bodyHtml).toMatch(/^(<div>)+Đáy\.(<\/div>)+$/);
  });
});
