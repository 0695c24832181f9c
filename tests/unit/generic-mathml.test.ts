import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/sites/extract.ts';

// Formulas written in MathML are part of the article: kept in the HTML, read as words in the text.

const URL_ = 'https://physics.example.org/notes/pendulum-clocks';
const page = (article: string) => `<html><head><title>How long a pendulum swings</title></head><body>
<div class="nav"><a href="/">Home</a> <a href="/notes">Notes</a> <a href="/about">About</a></div>
<div class="main"><h1>How long a pendulum swings</h1>${article}</div>
<div class="footer">Physics notes for the evening class, printed each term</div></body></html>`;

const OPENING =
  'Clockmakers learned long ago that the time a pendulum takes to swing back and forth hardly depends on how wide it swings, as long as the swing stays small.';
const CLOSING =
  'That is why a tall case clock with a long rod ticks slowly, while a small mantel clock with a short one ticks quickly, and why both can keep good time for years.';

const INLINE = '<math><mi>A</mi><mo>=</mo><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></math>';
const DISPLAY =
  '<math display="block"><mi>T</mi><mo>=</mo><mn>2</mn><mi>π</mi><msqrt><mfrac><mi>L</mi><mi>g</mi></mfrac></msqrt></math>';

function article(middle: string) {
  return page(`<p>${OPENING}</p>${middle}<p>${CLOSING}</p>`);
}

describe('generic profile: formulas written in MathML', () => {
  it('reads an inline and a displayed formula as words, one per token', () => {
    const html = article(
      `<p>The bob sweeps an arc, and the disc it would sweep in a full turn has the area ${INLINE}, which plays no part in the period.</p>
<p>The period of a small swing is</p>${DISPLAY}<p>where the length of the rod and the pull of gravity are all that count.</p>`,
    );
    const a = extractArticle({ html, url: URL_, profile: 'generic' });
    expect(a.bodyText).toContain('has the area A = π r 2 , which plays no part');
    // A displayed formula is a paragraph of its own.
    expect(a.bodyText.split('\n\n')).toContain('T = 2 π L g');
    expect(a.bodyText).toContain(OPENING);
    expect(a.bodyText).toContain(CLOSING);
    expect(a.bodyHtml).toContain('<math><mi>A</mi><mo>=</mo><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></math>');
    expect(a.bodyHtml).toContain('<math display="block"><mi>T</mi><mo>=</mo><mn>2</mn><mi>π</mi><msqrt><mfrac><mi>L</mi><mi>g</mi></mfrac></msqrt></math>');
  });

  it('keeps layout attributes and drops addresses, handlers, styles, classes and scripts', () => {
    const formula =
      '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block" href="javascript:alert(1)" onclick="steal()" style="color:red" class="eq">' +
      '<mrow xlink:href="javascript:alert(2)" onmouseover="steal()"><mi mathvariant="bold">F</mi><mo stretchy="false" style="x">=</mo>' +
      '<mi>m</mi><mi>a</mi></mrow><script>alert(3)</script></math>';
    const html = article(`<p>Newton's second law ties the force on the bob to its mass and its acceleration:</p>${formula}<p>${OPENING}</p>`);
    const a = extractArticle({ html, url: URL_, profile: 'generic' });
    expect(a.bodyHtml).toContain('<math display="block"><mrow><mi mathvariant="bold">F</mi><mo stretchy="false">=</mo><mi>m</mi><mi>a</mi></mrow></math>');
    expect(a.bodyHtml).not.toMatch(/href|onclick|onmouseover|style=|class=|xmlns|alert|script/);
    expect(a.bodyText).toContain('F = m a');
    expect(a.bodyText).not.toContain('alert');
  });

  it('reads the presentation of a formula, not its TeX source or other annotations', () => {
    const formula =
      '<math><semantics><mrow><mi>ω</mi><mo>=</mo><msqrt><mi>g</mi><mo>/</mo><mi>L</mi></msqrt></mrow>' +
      '<annotation encoding="application/x-tex">\\omega = \\sqrt{g/L}</annotation>' +
      '<annotation-xml encoding="MathML-Content"><apply><eq/><ci>omega</ci></apply></annotation-xml></semantics></math>';
    const html = article(`<p>Its angular frequency ${formula} follows from the same two quantities, the rod and gravity.</p>`);
    const a = extractArticle({ html, url: URL_, profile: 'generic' });
    expect(a.bodyText).toContain('Its angular frequency ω = g / L follows');
    expect(a.bodyText).not.toContain('sqrt');
    expect(a.bodyText).not.toContain('omega');
    expect(a.bodyHtml).toContain('<semantics><mrow><mi>ω</mi><mo>=</mo><msqrt><mi>g</mi><mo>/</mo><mi>L</mi></msqrt></mrow></semantics>');
    expect(a.bodyHtml).not.toMatch(/annotation|sqrt\{|omega/);
  });

  it('keeps a formula whose renderer wrapped it in a box named like a menu', () => {
    // Script renderers draw the formula in a hidden-from-readers copy beside the MathML, in a box
    // whose class names their context menu.
    const box = (math: string) =>
      `<span class="MathJax CtxtMenu_Attached_0" tabindex="0"><span class="mjx-math" aria-hidden="true"><span class="glyph">≈</span></span>` +
      `<span class="assistive" unselectable="on">${math}</span></span>`;
    const html = article(`<p>For a rod a metre long the period is close to two seconds:</p><div>${box(DISPLAY)}</div>
<p>and a clock whose rod is four times as long ticks half as often, since ${box(INLINE)} is not what sets the pace.</p>`);
    const a = extractArticle({ html, url: URL_, profile: 'generic' });
    expect(a.bodyText).toContain('T = 2 π L g');
    expect(a.bodyText).toContain('since A = π r 2 is not what sets the pace');
    expect(a.bodyText.match(/T = 2 π/g)).toHaveLength(1);
    expect(a.bodyText).not.toContain('≈');
  });

  it('keeps an empty token element empty instead of nesting the rest of the formula in it', () => {
    // Converters write an empty <mi></mi> to align the rows of a system of equations.
    const system =
      '<math display="block"><mtable><mtr><mtd><mi>x</mi></mtd><mtd><mi></mi><mo>=</mo><mn>1</mn></mtd></mtr></mtable></math>';
    const html = article(`<p>The bob starts from rest at one end of its swing, which we take as the origin of the motion:</p>${system}`);
    const a = extractArticle({ html, url: URL_, profile: 'generic' });
    expect(a.bodyHtml).toContain('<mtd><mi></mi><mo>=</mo><mn>1</mn></mtd>');
    expect(a.bodyText).toContain('x = 1');
  });

  it('leaves invisible operators out of the words', () => {
    const product = '<math><mn>2</mn><mo>&#x2062;</mo><mi>π</mi><mo>&#x2061;</mo><mi>L</mi></math>';
    const html = article(`<p>Doubling the length multiplies the period by the square root of two, not by two: ${product} grows slowly.</p>`);
    const a = extractArticle({ html, url: URL_, profile: 'generic' });
    expect(a.bodyText).toContain('not by two: 2 π L grows slowly.');
  });
});
