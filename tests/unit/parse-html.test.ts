import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { loadHtml, settleScriptEnds } from '../../lib/extract/parse-html.ts';
import { sanitizeBodyHtml } from '../../lib/extract/sanitize.ts';
import { extractArticle } from '../../lib/sites/extract.ts';

/** What we parse: the text outside scripts, and each script's text (inner end tags unescaped back). */
function ours(html: string): { text: string; scripts: string[] } {
  const $ = loadHtml(html);
  const scripts = $('script')
    .toArray()
    .map((s) => $(s).text().replaceAll('<\\/', '</'));
  $('script').remove();
  return { text: $.root().text(), scripts };
}

/** What a browser parses (jsdom follows the HTML standard's tokenizer). */
function browser(html: string): { text: string; scripts: string[] } {
  const doc = new JSDOM(html).window.document;
  const scripts = [...doc.querySelectorAll('script')].map((s) => s.textContent ?? '');
  for (const s of doc.querySelectorAll('script')) s.remove();
  return { text: doc.body.textContent ?? '', scripts };
}

/** The standard's cases: each with the body text and script texts a browser gives. */
const CASES: Array<{ name: string; html: string; text: string; scripts: string[] }> = [
  {
    name: 'a plain script',
    html: '<p>one</p><script>var a = 1 < 2;</script><p>two</p>',
    text: 'onetwo',
    scripts: ['var a = 1 < 2;'],
  },
  {
    name: '<!-- without an inner script: the first end tag still ends it',
    html: "<script><!-- var s = '</script>'; --></script><p>two</p>",
    text: "'; -->two",
    scripts: ["<!-- var s = '"],
  },
  {
    name: 'a double-escaped section: the inner end tag does not end the script',
    html: "<p>one</p><script><!--\nif (x) { document.write('<script src=\"ad.js\"></script>'); } //--></script><p>two</p>",
    text: 'onetwo',
    scripts: ["<!--\nif (x) { document.write('<script src=\"ad.js\"></script>'); } //-->"],
  },
  {
    name: '--> inside a double-escaped section ends the escape at once',
    html: "<script><!-- w('<script>') --></script><p>two</p>",
    text: 'two',
    scripts: ["<!-- w('<script>') -->"],
  },
  {
    name: '<!--> closes the escape where it opens',
    html: '<script><!--></script><p>two</p>',
    text: 'two',
    scripts: ['<!-->'],
  },
  {
    name: 'an escape never closed runs the script to the end of the document',
    html: "<p>one</p><script><!-- w('<script>'); </script><p>lost</p>",
    text: 'one',
    scripts: ["<!-- w('<script>'); </script><p>lost</p>"],
  },
  {
    name: 'uppercase tags',
    html: "<SCRIPT><!-- document.write('<SCRIPT SRC=ad.js></SCRIPT>'); //--></SCRIPT><P>two</P>",
    text: 'two',
    scripts: ["<!-- document.write('<SCRIPT SRC=ad.js></SCRIPT>'); //-->"],
  },
  {
    name: 'end tags with whitespace and attributes',
    html: "<script><!-- w('<script\tasync></script\n>'); --></script  data-x=\"1\"><p>two</p>",
    text: 'two',
    scripts: ["<!-- w('<script\tasync></script\n>'); -->"],
  },
  {
    name: '</script/ ends a script (htmlparser2 alone reads on)',
    html: '<script>var a;</script/><p>two</p><script>var b;</script>',
    text: 'two',
    scripts: ['var a;', 'var b;'],
  },
  {
    name: 'a > inside a quoted attribute of the start tag',
    html: "<script data-x=\"a>b\"><!-- w('<script></script>') --></script><p>two</p>",
    text: 'two',
    scripts: ["<!-- w('<script></script>') -->"],
  },
  {
    name: 'a script in a comment opens nothing, and <!--> is a whole comment',
    html: "<!--[if IE]><script><!-- <script></script><![endif]--><!--><script><!-- w('<script></script>') --></script><p>two</p>",
    text: 'two',
    scripts: ["<!-- w('<script></script>') -->"],
  },
  {
    name: 'a name that only starts with script is no tag',
    html: "<script><!-- w('<scripts>'); --></script><p>two</p>",
    text: 'two',
    scripts: ["<!-- w('<scripts>'); -->"],
  },
];

describe('script elements end where the HTML standard ends them', () => {
  for (const c of CASES) {
    it(c.name, () => {
      expect(ours(c.html)).toEqual({ text: c.text, scripts: c.scripts });
      // The expected values are what a standard parser gives, too.
      expect(browser(c.html)).toEqual({ text: c.text, scripts: c.scripts });
    });
  }

  it('leaves a page with nothing to settle as it is', () => {
    const page = '<!-- c --><script>if (a < b) x("<!-" + "-");</script><p>one</p><script src="a.js"></script>';
    expect(settleScriptEnds(page)).toBe(page);
  });

  it('keeps old ad code out of an article body', () => {
    const para = (n: number) => `<p>Đoạn ${n} kể về buổi họp tổ dân phố bàn việc sửa đường làng và trồng cây xanh ven kênh.</p>`;
    const html = `<html><head><title>Họp tổ dân phố</title></head><body><article><h1>Họp tổ dân phố</h1>${para(1)}${para(2)}
      <script type="text/javascript"><!--
      if (window.ads) { document.write('<script type="text/javascript" src="http://ads.example.com/show.js"></script>'); } //-->
      </script>${para(3)}${para(4)}</article></body></html>`;
    const a = extractArticle({ html, url: 'https://phuong.example.gov.vn/tin/1', profile: 'generic' });
    expect(a.bodyText).toContain('Đoạn 4');
    expect(a.bodyText).not.toContain('//-->');
    expect(a.bodyText).not.toContain("'); }");
    const body = sanitizeBodyHtml(`<p>one</p><script><!-- w('<script></script>'); //--></script><p>two</p>`, 'https://x.gov.vn/a');
    expect(body).toBe('<p>one</p><p>two</p>');
  });
});

describe('each page its own document, on one cheerio API for all', () => {
  const one = () => loadHtml('<html><head><title>Một</title></head><body><div class="a"><p id="x">one</p></div></body></html>');
  const two = () => loadHtml('<html><body><section><p id="y">two</p></section></body></html>');

  it('selects, renders and roots within its own page only', () => {
    const $1 = one();
    const $2 = two();
    expect($1('p').toArray().map((p) => $1(p).attr('id'))).toEqual(['x']);
    expect($2('p').toArray().map((p) => $2(p).attr('id'))).toEqual(['y']);
    expect($1.root().text()).toBe('Mộtone');
    expect($2.root().text()).toBe('two');
    expect($2.html()).toBe('<html><body><section><p id="y">two</p></section></body></html>');
    expect($1('title').text()).toBe('Một');
    expect($1.contains($1.root().get(0)!, $1('#x').get(0)!)).toBe(true);
    expect($1.contains($2.root().get(0)!, $1('#x').get(0)!)).toBe(false);
  });

  it('keeps the page as the root of what traversals make', () => {
    const $ = loadHtml('<html><body><div class="a"><p id="x">one</p><p id="z">two</p></div></body></html>');
    two();
    // A positional filter after a combinator is matched by searching from the selection's document.
    const ps = $('div').children();
    expect(ps.filter('div > p:first').attr('id')).toBe('x');
    expect(ps.filter('.a p:eq(1)').attr('id')).toBe('z');
    expect(ps.first().parent().is('body > div')).toBe(true);
    expect(ps.end().is('div')).toBe(true);
  });

  it('parses fragments given to $ apart from the page', () => {
    const $ = one();
    const made = $('<div><b>bold</b></div>');
    expect(made.find('b').text()).toBe('bold');
    expect($('b').length).toBe(0);
  });
});
