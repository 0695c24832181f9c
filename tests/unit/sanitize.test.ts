import { load } from 'cheerio';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { sanitizeBodyHtml } from '../../lib/extract/sanitize.ts';
import { growth } from './linear-time.ts';

const BASE = 'https://phuong.example.gov.vn/tin-tuc/bai-viet.html';

describe('sanitizeBodyHtml', () => {
  it('removes scripts, styles, noscript and their content', () => {
    const out = sanitizeBodyHtml(
      '<p>Trước</p><script>alert("x")</script><style>p{color:red}</style><noscript>bật JavaScript</noscript><p>Sau</p>',
      BASE,
    );
    expect(out).toBe('<p>Trước</p><p>Sau</p>');
  });

  it('removes event handlers, style, class and id attributes', () => {
    const out = sanitizeBodyHtml('<p onclick="steal()" style="color:red" class="x" id="y" onmouseover="z()">Nội dung</p>', BASE);
    expect(out).toBe('<p>Nội dung</p>');
  });

  it('removes javascript: links, also entity-encoded and with embedded whitespace', () => {
    const out = sanitizeBodyHtml(
      '<p><a href="javascript:alert(1)">a</a> <a href="jav&#x61;script:alert(2)">b</a> <a href="java\tscript:alert(3)">c</a> <a href=" JAVASCRIPT:alert(4)">d</a></p>',
      BASE,
    );
    expect(out).not.toMatch(/javascript/i);
    expect(out).not.toMatch(/alert/);
    expect(out).toContain('a');
  });

  it('removes data: URLs except data:image', () => {
    const out = sanitizeBodyHtml(
      '<p><a href="data:text/html;base64,PHNjcmlwdD4=">x</a><img src="data:text/html;base64,PHNjcmlwdD4="><img src="data:image/png;base64,iVBORw0KGgo=" alt="chấm"></p>',
      BASE,
    );
    expect(out).not.toContain('data:text/html');
    expect(out).toContain('<img src="data:image/png;base64,iVBORw0KGgo=" alt="chấm" />');
  });

  it('keeps YouTube, youtube-nocookie, Vimeo and Facebook video frames and drops foreign ones', () => {
    const out = sanitizeBodyHtml(
      [
        '<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315" onload="x()">fallback</iframe>',
        '<iframe src="https://www.youtube-nocookie.com/embed/def456"></iframe>',
        '<iframe src="https://player.vimeo.com/video/789"></iframe>',
        '<iframe src="https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fx%2Fvideos%2F1"></iframe>',
        '<iframe src="https://evil.example.com/embed/abc"></iframe>',
        '<iframe src="https://www.facebook.com/plugins/like.php?href=x"></iframe>',
        '<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe>',
        '<iframe src="/local/frame.html"></iframe>',
      ].join(''),
      BASE,
    );
    expect(out).toContain('<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315"></iframe>');
    expect(out).toContain('src="https://www.youtube-nocookie.com/embed/def456"');
    expect(out).toContain('src="https://player.vimeo.com/video/789"');
    expect(out).toContain('src="https://www.facebook.com/plugins/video.php?href=');
    expect(out).not.toContain('evil');
    expect(out).not.toContain('like.php');
    expect(out).not.toContain('/local/frame.html');
    expect(out).not.toContain('fallback');
    expect(out.match(/<iframe/g)).toHaveLength(4);
  });

  it('absolutises relative links and images against the page address', () => {
    const out = sanitizeBodyHtml(
      '<p><a href="../van-ban/ke-hoach.pdf">Kế hoạch</a> <a href="/gioi-thieu">Giới thiệu</a> <a href="//cdn.example.vn/x">cdn</a> <a href="?page=2">trang 2</a></p><img src="images/anh 1.jpg" alt="Ảnh">',
      BASE,
    );
    expect(out).toContain('href="https://phuong.example.gov.vn/van-ban/ke-hoach.pdf"');
    expect(out).toContain('href="https://phuong.example.gov.vn/gioi-thieu"');
    expect(out).toContain('href="https://cdn.example.vn/x"');
    expect(out).toContain('href="https://phuong.example.gov.vn/tin-tuc/bai-viet.html?page=2"');
    expect(out).toContain('src="https://phuong.example.gov.vn/tin-tuc/images/anh%201.jpg"');
    expect(out).not.toMatch(/(href|src)="(?!https?:|data:image)/);
  });

  it('takes the real address of a lazy-loaded image', () => {
    const out = sanitizeBodyHtml('<img src="data:image/gif;base64,R0lGOD" data-src="/uploads/that.jpg" alt="a">', BASE);
    expect(out).toBe('<img src="https://phuong.example.gov.vn/uploads/that.jpg" alt="a" />');
  });

  it('drops forms and inputs but keeps text inside a form', () => {
    const out = sanitizeBodyHtml(
      '<form action="/search"><input name="q" value="x"><select><option>Một</option></select><textarea>gõ</textarea><button>Gửi</button><p>Đoạn văn</p></form>',
      BASE,
    );
    expect(out).toBe('<p>Đoạn văn</p>');
  });

  it('keeps entities and Vietnamese text intact (NFC and NFD as given)', () => {
    const nfc = 'Đảng ủy phường Thượng Thanh – “vùng xanh” Hòa/Hoà';
    const nfd = 'Thuỳ'.normalize('NFD');
    const out = sanitizeBodyHtml(`<p>${nfc} &amp; &lt;b&gt; 5 &gt; 3&nbsp;đồng</p><p>${nfd}</p>`, BASE);
    expect(out).toBe(`<p>${nfc} &amp; &lt;b&gt; 5 &gt; 3\u00a0đồng</p><p>${nfd}</p>`);
  });

  it('keeps the allowed structure: headings, lists, tables, quotes, emphasis, figures', () => {
    const html =
      '<h2>A</h2><h3>B</h3><ul><li>1</li></ul><ol><li>2</li></ol><table><tbody><tr><td colspan="2" width="50">c</td></tr></tbody></table>' +
      '<blockquote>q</blockquote><p><strong>s</strong><em>e</em><b>b</b><i>i</i><u>u</u><br></p><figure><img src="/a.jpg" alt="x"><figcaption>Chú thích</figcaption></figure>';
    expect(sanitizeBodyHtml(html, BASE)).toBe(
      '<h2>A</h2><h3>B</h3><ul><li>1</li></ul><ol><li>2</li></ol><table><tbody><tr><td colspan="2">c</td></tr></tbody></table>' +
        '<blockquote>q</blockquote><p><strong>s</strong><em>e</em><b>b</b><i>i</i><u>u</u><br /></p><figure><img src="https://phuong.example.gov.vn/a.jpg" alt="x" /><figcaption>Chú thích</figcaption></figure>',
    );
  });

  it('unwraps spans and fonts and drops empty inline wrappers and empty paragraphs', () => {
    const out = sanitizeBodyHtml(
      '<p><span style="x"><font face="Arial">Chữ</font></span><strong>&nbsp;</strong><em> </em><span></span></p><p>&nbsp;</p><p><b><i></i></b></p><p><a href="/x"><img src="/i.png"></a></p>',
      BASE,
    );
    expect(out).toBe('<p>Chữ</p><p><a href="https://phuong.example.gov.vn/x"><img src="https://phuong.example.gov.vn/i.png" /></a></p>');
  });

  it('is deterministic and idempotent', () => {
    const html = '<div><p>Một <a href="/a">hai</a></p><img src="b.png"><iframe src="https://www.youtube.com/embed/x"></iframe></div>';
    const once = sanitizeBodyHtml(html, BASE);
    expect(sanitizeBodyHtml(html, BASE)).toBe(once);
    expect(sanitizeBodyHtml(once, BASE)).toBe(once);
  });
});

describe('sanitizeBodyHtml on runs of no-break spaces', () => {
  // Signature blocks of government pages hold long runs of no-break spaces, raw and as entities.
  const paragraph = (n: number) => `<p>${Array.from({ length: n }, (_, i) => (i % 2 ? '&nbsp;' : '\u00a0')).join('')}Chủ tịch</p>`;

  it('takes time in proportion to the run, not exponential in it', () => {
    const ratio = growth((html: string) => sanitizeBodyHtml(html, BASE), paragraph(8), paragraph(24));
    expect(ratio).toBeLessThan(30);
  });

  it('still drops a paragraph holding only no-break spaces', () => {
    expect(sanitizeBodyHtml(`<p>Trước</p>${paragraph(6).replace('Chủ tịch', '')}<p>Sau</p>`, BASE)).toBe('<p>Trước</p><p>Sau</p>');
  });
});

describe('sanitizeBodyHtml on characters stored text cannot hold', () => {
  it('writes a raw NUL and lone surrogates as U+FFFD, and keeps a pair', () => {
    expect(sanitizeBodyHtml('<p>a\u0000b\udc00c\ud800d 😀</p>', BASE)).toBe('<p>a\ufffdb\ufffdc\ufffdd 😀</p>');
  });
});

describe('sanitizeBodyHtml on MathML', () => {
  it('keeps presentation MathML with its layout attributes and nothing else', () => {
    const out = sanitizeBodyHtml(
      '<p>Ta có <math xmlns="http://www.w3.org/1998/Math/MathML" display="inline" class="eq" id="e1" style="color:red">' +
        '<mrow><mi mathvariant="normal" data-x="1">Δ</mi><mo stretchy="false" lspace="0">=</mo>' +
        '<mfrac linethickness="1px" title="t"><msup><mi>b</mi><mn>2</mn></msup><mrow><mn>4</mn><mi>a</mi><mi>c</mi></mrow></mfrac>' +
        '<mspace width="1em"/><mtext>nếu</mtext></mrow></math> với mọi số</p>',
      BASE,
    );
    expect(out).toBe(
      '<p>Ta có <math display="inline"><mrow><mi mathvariant="normal">Δ</mi><mo stretchy="false" lspace="0">=</mo>' +
        '<mfrac linethickness="1px"><msup><mi>b</mi><mn>2</mn></msup><mrow><mn>4</mn><mi>a</mi><mi>c</mi></mrow></mfrac>' +
        '<mspace width="1em"></mspace><mtext>nếu</mtext></mrow></math> với mọi số</p>',
    );
  });

  it('keeps the presentation of a semantics element and drops its annotations', () => {
    const out = sanitizeBodyHtml(
      '<math><semantics><mi>x</mi><annotation encoding="application/x-tex">x^{2}</annotation>' +
        '<annotation-xml encoding="text/html"><p>Chú thích</p><img src="/a.png"></annotation-xml></semantics></math>',
      BASE,
    );
    expect(out).toBe('<math><semantics><mi>x</mi></semantics></math>');
  });

  it('leaves no script, handler, style or address in or around a formula, as a browser parses the result', () => {
    const attacks = [
      '<math href="javascript:alert(1)"><mi>x</mi></math>',
      '<math><mi xlink:href="javascript:alert(1)" xmlns:xlink="http://www.w3.org/1999/xlink">x</mi></math>',
      '<math><maction actiontype="statusline#javascript:alert(1)" onclick="alert(1)"><mtext>x</mtext><mtext>y</mtext></maction></math>',
      '<math><mi style="background:url(javascript:alert(1))" onmouseover="alert(1)">x</mi></math>',
      '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">',
      '<math><mtext><h1><a href="javascript:alert(1)">x</a></h1></mtext></math>',
      '<math><annotation-xml encoding="text/html"><img src="x" onerror="alert(1)"></annotation-xml></math>',
      '<math><mi><svg><script>alert(1)</script></svg></mi><mi>y</mi></math>',
      '<math><style><img src="x" onerror="alert(1)"></style></math>',
      '<math><![CDATA[</math><img src="x" onerror="alert(1)">]]></math>',
      '<math><mglyph src="javascript:alert(1)"></mglyph><malignmark><script>alert(1)</script></malignmark></math>',
      '<math><mi>a</mi><iframe src="javascript:alert(1)"></iframe><mo><form action="javascript:alert(1)"><button>b</button></form></mo></math>',
    ];
    for (const attack of attacks) {
      const out = sanitizeBodyHtml(attack, BASE);
      // Read as a browser reads it (parse5: foreign content, integration points, CDATA in MathML).
      const $ = load(out);
      for (const el of $('*').toArray() as Element[]) {
        expect(['script', 'style', 'svg', 'iframe', 'form', 'mglyph', 'annotation-xml']).not.toContain(el.name);
        for (const [name, value] of Object.entries(el.attribs)) {
          expect(name, attack).not.toMatch(/^on|^style$|href|^src$|^xlink|^xmlns|^actiontype$/i);
          expect(value, attack).not.toMatch(/javascript|alert/i);
        }
      }
      expect(sanitizeBodyHtml(out, BASE)).toBe(out);
    }
  });
});
