import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/sites/extract.ts';

// Parts of the article the generic extractor used to leave out.

const STORY = [
  'The orchard society counted its trees again this spring, walking every row with a clipboard and a ball of string to mark the gaps.',
  'Most of the old varieties came through the winter well, though the frost in March took the blossom from the early pears on the north slope.',
  'Members agreed to graft new stock from the survivors next year, and to write down which trees were planted by whom, since nobody could remember.',
];
const URL_ = 'https://orchard.example.org/2024/spring-count';
const page = (article: string) => `<html><head><title>The spring count</title></head><body>
<div class="menu"><a href="/">Home</a> <a href="/trees">Trees</a> <a href="/join">Join</a></div>
<div class="main"><h1>The spring count</h1>${STORY.map((p) => `<p>${p}</p>`).join('')}${article}</div>
<div class="footer">The orchard society, since 1921</div></body></html>`;

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
});
