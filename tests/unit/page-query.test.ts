import { describe, expect, it } from 'vitest';
import { matches, pageQuery, parsePage, selectAll, selectFirst, selectWithin } from '../../lib/extract/page.ts';
import * as angiang from '../../lib/sites/angiang-drupal.ts';
import * as danang from '../../lib/sites/danang-portal.ts';
import * as hanoi2025 from '../../lib/sites/hanoi-ward-2025.ts';
import * as assetPublisher from '../../lib/sites/liferay-asset-publisher.ts';
import * as district from '../../lib/sites/liferay-district.ts';
import * as sharepoint from '../../lib/sites/sharepoint.ts';
import { fixturePages } from '../fixtures/sites.ts';

/** Every selector the family recipes use, each part of a list on its own too. */
function recipeSelectors(): string[] {
  const out = new Set<string>();
  for (const family of [angiang, danang, hanoi2025, assetPublisher, district, sharepoint]) {
    for (const recipe of [family.ARTICLE, family.LISTING] as unknown as Array<Record<string, unknown>>) {
      for (const value of Object.values(recipe)) {
        const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
        for (const sel of list) {
          out.add(sel);
          for (const part of sel.split(',')) out.add(part.trim());
        }
      }
    }
  }
  return [...out];
}

/** Selectors the compiled subset handles, written the ways pages and profiles write them. */
const EDGE_SELECTORS = [
  'a[href]', 'meta', 'meta[name="generator" i]', 'meta[name="GENERATOR"]', 'link[rel="canonical"]', '[rel="CANONICAL"]',
  'meta[property="og:url"]', 'time[datetime]', '[itemprop="datePublished"]', '*', 'div *', 'div > p', 'body > div',
  'html > body', 'ul > li:first-child', 'li:last-child', 'td:first-child a', 'p:last-child', ':last-child',
  '.breadcrumb li:last-child a', 'a[href*="view_content"]', 'a[href*="VIEW_CONTENT" i]', 'a[href^="HTTP" i]',
  'a[href$=".html"]', 'a[href$=".HTML" i]', 'a[href=""]', 'img[alt]', 'img[alt=""]', 'a[title*=""]', '[class]', '[class=""]',
  '.a', '.b', '.c', '.A', '.a-b', 'p.a', 'div .a', '.a .a', '.a,.b', 'h1, h2 , h3', '#main', '#MAIN', 'div#main .x',
  '[class*="share"]', '[style*="display:none"]', '[style*="display: none"]', '[title="a, b"]', 'p[title="a, b"], nav',
  '[type="RelatedNewsBox"]', '[hidden]', 'em, i, [style*="italic"]', 'td, th', 'table td', 'tr:first-child td',
  // A long list, as the body builder joins its junk selectors: tested by tag, class and attribute.
  'script, style, nav, .breadcrumb, .a.b, p.a, [class*="breadcrumb"], [id*="share"], [hidden], [style*="display: none"], [type="RelatedNewsBox"], li:last-child, #main, img[alt], a[href=""]',
];
/** Outside the subset: answered by cheerio, so the answers must agree all the same. */
const FALLBACK_SELECTORS = ['div:not(.a)', 'a:first-of-type', "a[href='x']", 'a[href=x]', 'LINK[rel="canonical"]', '[title="a > b"]', 'p + p', 'p ~ p'];

const TRICKY_PAGE = `<!doctype html><html><head><meta name="Generator" content="Drupal 9"><meta name="generator" content="x">
<link rel="Canonical" href="/c"></head><body>
<div class="a\u00a0b c\td" id="main"><p class="A a a">x</p><p class="">y</p><!-- c --><p class="a-b" title="a, b">z</p>text</div>
<div class="content"><section><p>1</p><div class="x"><span style="font-style:italic">i</span></div></section>
<ul><li>1</li><li class="q">2</li>  <li><a href="">e</a><a>no</a><a href="http://x/VIEW_CONTENT/1.HTML">u</a></li></ul></div>
<table><tr><td><img alt=""></td><td>t</td></tr><tr><th><img src="/a.jpg"></th></tr></table>
<div class="social-share" style="display: none"><span type="relatednewsbox">r</span><p title="a > b">q</p><p hidden>h</p></div>
<div class="breadcrumb"><ul><li><a href="/">Home</a></li><li><a href="/x">X</a></li></ul></div><nav>n</nav></body></html>`;

function pages() {
  return [
    ...fixturePages().map((p) => ({ name: `${p.host}/${p.file}`, page: parsePage(p.html, p.url) })),
    { name: 'tricky', page: parsePage(TRICKY_PAGE, 'https://phuong.example.gov.vn/') },
  ];
}

describe('compiled selectors find what cheerio finds', () => {
  const selectors = [...new Set([...recipeSelectors(), ...EDGE_SELECTORS, ...FALLBACK_SELECTORS])];

  it('over whole pages: selectAll, selectFirst and pageQuery', () => {
    for (const { name, page } of pages()) {
      const query = pageQuery(page.$);
      for (const sel of selectors) {
        const want = page.$(sel).toArray();
        const where = `${name} ${sel}`;
        expect(selectAll(page.$, sel), where).toEqual(want);
        expect(query.all(sel), where).toEqual(want);
        expect(selectFirst(page.$, sel), where).toBe(want[0]);
        expect(query.first(sel), where).toBe(want[0]);
      }
    }
  });

  it('below an element: selectWithin and matches', () => {
    for (const { name, page } of pages()) {
      const roots = page.$('body, div, ul, table').toArray().slice(0, 5);
      for (const root of roots) {
        for (const sel of selectors) {
          const where = `${name} <${(root as { name: string }).name}> ${sel}`;
          expect(selectWithin(page.$, root, sel), where).toEqual(page.$(root).find(sel).toArray());
          for (const el of page.$(root).children().toArray().slice(0, 2)) {
            expect(matches(page.$, el as never, sel), where).toBe(page.$(el).is(sel));
          }
        }
      }
    }
  });

  it('keeps cheerio\'s errors for selectors it cannot read', () => {
    const { $ } = parsePage(TRICKY_PAGE, 'https://phuong.example.gov.vn/');
    expect(() => $('div[')).toThrow();
    expect(() => selectAll($, 'div[')).toThrow();
    expect(() => pageQuery($).all('div[')).toThrow();
  });
});
