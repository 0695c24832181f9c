import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/sites/extract.ts';

// Parts of the article the generic extractor used to leave out.

const STORY = [
  'The orchard society counted its trees again this spring, walking every row with a clipboard and a ball of string to mark the gaps.',
  'Most of the old varieties came through the winter well, though the frost in March took the blossom from the early pears on the north slope.',
  'Members agreed to graft new stock from the survivors next year, and to write down which trees were planted by whom, since nobody could remember.',
];
const URL_ = 'https://orchard.example.org/2024/spring-count';
/** The site around an article's box: a menu above, a footer below. */
const shell = (main: string) => `<html><head><title>The spring count</title></head><body>
<div class="menu"><a href="/">Home</a> <a href="/trees">Trees</a> <a href="/join">Join</a></div>
${main}
<div class="footer">The orchard society, since 1921</div></body></html>`;
const page = (article: string) => shell(`<div class="main"><h1>The spring count</h1>${STORY.map((p) => `<p>${p}</p>`).join('')}${article}</div>`);

describe('generic profile: a table is read as a table', () => {
  it('keeps cells named like a header or a sidebar, and cells of one link: inside a table they are the table’s own data', () => {
    const table = `<table class="count-table"><tr><td></td><td class="header_cell">Grafted trees</td><td class="header_cell">Lost trees</td></tr>
<tr><td><div><a href="/trees/pears">Pears of the north slope</a></div></td><td>twelve</td><td>three</td></tr>
<tr><td class="sidebar-cell">Apples by the gate</td><td>nine</td><td>none</td></tr></table>`;
    const a = extractArticle({ html: page(table), url: URL_, profile: 'generic' });
    expect(a.bodyText).toContain('Grafted trees');
    expect(a.bodyText).toContain('Lost trees');
    expect(a.bodyText).toContain('Pears of the north slope');
    expect(a.bodyText).toContain('Apples by the gate');
    expect(a.bodyText).not.toContain('Join');
  });

  it('still drops a list of links to other pages inside such a table', () => {
    const table = `<table><tr><td>Pears of the north slope</td><td>twelve grafted</td><td>three lost</td></tr>
<tr><td>Apples by the gate near the old barn</td><td>nine grafted</td><td>none lost</td></tr>
<tr><td>Plums along the southern hedge</td><td>four grafted</td><td>two lost</td></tr>
<tr><td colspan="3"><div><a href="/2023/autumn-pressing">The autumn pressing</a> <a href="/2023/new-members">Twelve new members</a> <a href="/2023/cider">The cider list</a></div></td></tr></table>`;
    const a = extractArticle({ html: page(table), url: URL_, profile: 'generic' });
    expect(a.bodyText).toContain('twelve grafted');
    expect(a.bodyText).not.toContain('The autumn pressing');
  });

  it('keeps a table of data whose cells are links (a rota of names), and drops a table of links with no header', () => {
    const rota = (header: string) => `<table>${header}
${['Ann Gardener', 'Bao Tran', 'Carla Ruiz', 'Dev Patel'].map((n, i) => `<tr><td><a href="/members/${i}">${n}</a> (P)</td><td><a href="/members/${i + 4}">Member ${i + 5}</a> (A)</td></tr>`).join('\n')}</table>`;
    const withHeader = extractArticle({ html: page(rota('<tr><th>Saturday</th><th>Sunday</th></tr>')), url: URL_, profile: 'generic' });
    expect(withHeader.bodyText).toContain('Carla Ruiz (P)');
    const links = extractArticle({ html: page(rota('')), url: URL_, profile: 'generic' });
    expect(links.bodyText).not.toContain('Carla Ruiz');
  });
});

describe('generic profile: a table of contents', () => {
  const sections = `<h2 id="rows">Walking the rows</h2><p>${STORY[0]}</p><h2 id="frost">The March frost</h2><p>${STORY[1]}</p><h2 id="grafting">Grafting next year</h2><p>${STORY[2]}</p>`;
  const article = (list: string) => `<html><head><title>The spring count</title></head><body>
<div class="menu"><a href="/">Home</a> <a href="/trees">Trees</a> <a href="/join">Join</a></div>
<div class="main"><h1>The spring count</h1><p>${STORY[2]} ${STORY[0]}</p>${list}${sections}</div>
<div class="footer">The orchard society, since 1921</div></body></html>`;

  it('keeps a list of links to the sections of the page: it is the article’s contents', () => {
    const toc = `<div class="contents"><p>Contents</p><ul><li><a href="#rows">1 Walking the rows</a></li><li><a href="#frost">2 The March frost</a></li><li><a href="#grafting">3 Grafting next year</a></li></ul></div>`;
    const a = extractArticle({ html: article(toc), url: URL_, profile: 'generic' });
    expect(a.bodyText).toContain('1 Walking the rows');
    expect(a.bodyText).toContain('3 Grafting next year');
  });

  it('still drops a list of links to other pages in the same place', () => {
    const others = `<div class="more"><p>Elsewhere</p><ul><li><a href="/2023/autumn-pressing">The autumn pressing</a></li><li><a href="/2023/new-members">Twelve new members</a></li><li><a href="#frost">The frost</a></li></ul></div>`;
    const a = extractArticle({ html: article(others), url: URL_, profile: 'generic' });
    expect(a.bodyText).not.toContain('The autumn pressing');
    expect(a.bodyText).toContain(STORY[1]);
  });

  it('still drops tabs that lead to panels of the page with no heading', () => {
    const tabs = `<div class="box"><ul><li><a href="#panel-1">Pears</a></li><li><a href="#panel-2">Apples</a></li><li><a href="#panel-3">Plums</a></li></ul>
<div id="panel-1"><p>Pear growers of the valley</p></div><div id="panel-2"><p>Apple growers of the valley</p></div><div id="panel-3"><p>Plum growers of the valley</p></div></div>`;
    const a = extractArticle({ html: article(tabs), url: URL_, profile: 'generic' });
    expect(a.bodyText).not.toMatch(/^Pears$/m);
    expect(a.bodyText).toContain(STORY[1]);
  });
});

describe('generic profile: a label that labels no form control is text', () => {
  it('keeps facts written as labels, and drops the labels of a form in the article', () => {
    const facts = `<h2>Grafting day</h2><p class="facts"><label><strong>Trees:</strong> forty</label> | <label><strong>Volunteers:</strong> <span>twelve</span></label> | <label><strong>Hours:</strong> six</label></p>
<div class="box"><label for="size-a"><input type="radio" id="size-a" name="size" /> Small print</label><label><input type="checkbox" name="keep" /> Remember my choice</label><label for="q">Search the orchard</label></div>`;
    const a = extractArticle({ html: page(facts), url: URL_, profile: 'generic' });
    expect(a.bodyText).toContain('Trees: forty | Volunteers: twelve | Hours: six');
    expect(a.bodyText).not.toContain('Small print');
    expect(a.bodyText).not.toContain('Remember my choice');
    expect(a.bodyText).not.toContain('Search the orchard');
  });
});

describe('generic profile: text pasted with the classes of a byline', () => {
  // A post pasted from another page keeps that page's class on every paragraph: each piece is
  // small, but together they are the post. A real byline beside them still goes.
  const html = shell(`<div class="main"><h1>The spring count</h1><div class="post-body"><span class="byline">By Ann Gardener</span><br />
${STORY.map((p) => `<span class="byline-author">${p}</span><br /><br />`).join('\n')}</div></div>`);

  it('keeps the paragraphs and drops the byline', () => {
    const a = extractArticle({ html, url: URL_, profile: 'generic' });
    for (const p of STORY) expect(a.bodyText).toContain(p);
    expect(a.bodyText).not.toContain('By Ann Gardener');
  });
});

describe('generic profile: paragraphs inside an inline element', () => {
  // A template that wraps the post's paragraphs in a <span>: the block holding the span is the box.
  const html = shell(`<div class="content"><h1>The spring count</h1><span class="articlespan">${STORY.map((p) => `<p>${p}</p>`).join('\n')}</span></div>`);

  it('finds the article', () => {
    const a = extractArticle({ html, url: URL_, profile: 'generic' });
    for (const p of STORY) expect(a.bodyText).toContain(p);
    expect(a.bodyText).not.toContain('Join');
  });

  it('finds the article whose box is the only child of a <span>', () => {
    const table = `<html><head><title>The spring count</title></head><body><table><tr>
<td class="nav"><a href="/">Home</a><br><a href="/trees">Trees</a><br><a href="/join">Join</a></td>
<td class="main"><h1>The spring count</h1><span><div class="story">${STORY.join('<br><br>')}</div></span></td>
</tr></table></body></html>`;
    const a = extractArticle({ html: table, url: URL_, profile: 'generic' });
    for (const p of STORY) expect(a.bodyText).toContain(p);
    expect(a.bodyText).not.toContain('Join');
  });
});

describe('generic profile: a printable recipe after the story', () => {
  it('keeps the recipe box a print button prints, and drops the button', () => {
    const recipe = `<div class="printable"><p><strong>Pear crumble</strong></p><p><a class="print_button" href="#">Print this recipe</a></p>
<p>Four pears, a cup of oats, butter and brown sugar.</p></div>`;
    const a = extractArticle({ html: page(recipe), url: URL_, profile: 'generic' });
    expect(a.bodyText).toContain('Four pears, a cup of oats, butter and brown sugar.');
    expect(a.bodyText).not.toContain('Print this recipe');
  });
});

describe('generic profile: a list of links inside an item of the article’s list', () => {
  it('keeps the sub-list the item introduces, and still drops a list of links alone', () => {
    const list = `<ul><li>The pear rows were counted twice this year, once in April and once after the frost, to see what the cold had taken.</li>
<li>Work still open:<ul><li><a href="/tasks/1">Task 1 – graft the north slope</a></li><li><a href="/tasks/2">Task 2 – mend the gate</a></li><li><a href="/tasks/3">Task 3 – label the plums</a></li></ul></li></ul>
<p>The society meets again in the barn on the first Saturday of May, and new members are welcome to come and help.</p>
<ul><li><a href="/2023/autumn-pressing">The autumn pressing</a></li><li><a href="/2023/new-members">Twelve new members</a></li><li><a href="/2023/cider">The cider list</a></li></ul>`;
    const a = extractArticle({ html: page(list), url: URL_, profile: 'generic' });
    expect(a.bodyText).toContain('Task 2 – mend the gate');
    expect(a.bodyText).not.toContain('Twelve new members');
  });
});
