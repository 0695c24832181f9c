import fc from 'fast-check';
import { hasChildren, isComment, isText, type AnyNode, type Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../lib/extract/page.ts';
import { boundedText } from '../../lib/extract/meta-line.ts';
import { normalizeText } from '../../lib/text/index.ts';

/** cheerio's `.text()`: text and CDATA below the node, comments left out. */
function rawText(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (isComment(node)) return '';
  return hasChildren(node) ? node.children.map(rawText).join('') : '';
}

/**
 * Pieces that stress the shortcuts: combining marks and Hangul jamo that compose across element
 * edges, invisible characters, every kind of white space, long runs near the limits.
 */
const PIECES = [
  'a', 'ê', 'e\u0302', '\u0301', '\u0323', '\u0302\u0301', ' ', '  \n', '\u00a0', '\u200b', '\ufeff', '\u00ad', '\u1100', '\u1161',
  '\u11a8', '\uac00', '\u0b47', '\u0b3e', '\ud805\udcb9', '\ud805\udcba', 'Việt', 'Hòa'.normalize('NFD'), '\r', '\n', '\u2028',
  '\u2029', '\u0085', '\t', 'x'.repeat(40), 'ế'.repeat(33), '\u0301'.repeat(5), '\u03b1\u0313\u0342\u0345', 'Ngày đăng 15/01/2021',
];

const text = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
const html: fc.Memo<string> = fc.memo((depth) =>
  fc
    .array(
      depth <= 1
        ? fc.oneof(text, fc.constant('<br>'), fc.constant('<!-- c -->'))
        : fc.oneof(
            text,
            fc.constant('<!-- c -->'),
            fc.tuple(fc.constantFrom('div', 'span', 'p', 'b'), html(depth - 1)).map(([tag, inner]) => `<${tag}>${inner}</${tag}>`),
          ),
      { maxLength: 5 },
    )
    .map((parts) => parts.join('')),
);

describe('boundedText', () => {
  it('gives the normalised text when short, and a true lower bound beyond the limit when long', () => {
    fc.assert(
      fc.property(html(5), fc.constantFrom(0, 5, 20, 60, 100, 300), (inner, max) => {
        const page = parsePage(`<div id="r">${inner}</div>`, 'https://phuong.example.gov.vn/');
        const root = page.$('#r').get(0) as Element;
        // Innermost first, as the body builder reads them.
        const elements = [...page.$(root).find('*').toArray().reverse(), root];
        const known = new Map<Element, string | number>();
        for (const el of elements) {
          const got = boundedText(el, (c) => known.get(c), rawText, max);
          known.set(el, got);
          const want = normalizeText(rawText(el));
          if (typeof got === 'string') expect(got).toBe(want);
          else {
            expect(want.length).toBeGreaterThan(max);
            expect(want.length).toBeGreaterThanOrEqual(got);
          }
        }
      }),
      { numRuns: 400, seed: 20250701 },
    );
  });

  it.each([
    ['a mark opening a child joins the letter before it', '<b>e</b><b>\u0301xxx</b>', 4, '\u00e9xxx'],
    ['Hangul jamo in separate elements make one syllable', '<b>\u1100</b><b>\u1161\u11a8</b>', 2, '\uac01'],
    ['a lone mark after a composed letter merges into it', '<b>a\u0302</b><i>\u0301</i>', 1, '\u1ea5'],
  ])('counts no more than survives composition: %s', (_, inner, max, text) => {
    const page = parsePage(`<div id="r">${inner}</div>`, 'https://phuong.example.gov.vn/');
    const root = page.$('#r').get(0) as Element;
    const known = new Map<Element, string | number>();
    for (const el of page.$('#r *').toArray()) known.set(el, boundedText(el, () => undefined, rawText, max));
    expect(boundedText(root, (c) => known.get(c), rawText, max)).toBe(text);
  });

  it('settles a long parent from its children without reading its text', () => {
    const page = parsePage(`<div id="r"><p>${'chữ '.repeat(60)}</p><p>${'số '.repeat(60)}</p></div>`, 'https://phuong.example.gov.vn/');
    const root = page.$('#r').get(0) as Element;
    const known = new Map<Element, string | number>();
    for (const p of page.$('#r p').toArray()) known.set(p, boundedText(p, () => undefined, rawText, 300));
    let reads = 0;
    const got = boundedText(root, (c) => known.get(c), (el) => (reads++, rawText(el)), 300);
    expect(typeof got).toBe('number');
    expect(reads).toBe(0);
  });
});
