import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/sites/extract.ts';
import { isBylineLine } from '../../lib/extract/readable/dateline.ts';
import { isEdgeLine } from '../../lib/extract/readable/edge.ts';
import { ngramF1 } from '../helpers/f1.ts';

// Boilerplate kept inside or beside the article's container: what the generic extractor must
// leave out although it sits among the article's own paragraphs.

const STORY = [
  'The orchard on the hill above the village was planted by the school children forty years ago, and this spring it flowered again.',
  'Teachers who were pupils then came back with their own children to prune the old apple trees and to graft new branches onto them.',
  'A retired gardener showed them how to wrap the cuts in wax and cloth, and how to tell a healthy bud from one the frost had burnt.',
  'By the end of the weekend every tree had a label with the name of the family that will look after it until the harvest in autumn.',
];

const url = 'https://notes.example.net/2024/04/orchard';
const page = (lead: string, tail: string, extra = '') => `<html><head><title>The orchard flowers again - Village Notes</title></head><body>
<div class="menu"><a href="/">Home</a> <a href="/archive">Archive</a></div>
<div class="entry"><h1>The orchard flowers again</h1>
${lead}
${STORY.map((p) => `<p>${p}</p>`).join('\n')}
${tail}
</div>${extra}</body></html>`;

function bodyOf(html: string): string {
  return extractArticle({ html, url, profile: 'generic' }).bodyText;
}

describe('generic profile: boxes named as furniture inside the article container', () => {
  it('drops an author box, a newsletter box and a secondary teaser list whose names also hold an article word', () => {
    for (const box of [
      '<section class="article-author"><p><a href="/author/hana">Hana Berg</a> / Hana writes about gardens, schools and the small trades of the valley towns.</p></section>',
      '<div class="post-newsletter"><p>Every Friday morning the best of the week, the recipes and the walks, straight to you.</p></div>',
      `<div id="secondaryContentContainer"><ul>${[1, 2, 3]
        .map((i) => `<li><h3>Market day number ${i} in the square</h3><p>Stalls of cheese, bread and honey filled the old square again this week. <a href="/m${i}">Read more</a></p></li>`)
        .join('')}</ul></div>`,
    ]) {
      const body = bodyOf(page('', box));
      expect(ngramF1(body, STORY).f1, `${box}\n---\n${body}`).toBe(1);
    }
  });

  it('keeps such a box when it holds most of the content', () => {
    const html = page('', '')
      .replace(`<p>${STORY[1]}</p>`, `<div class="secondary-column"><p>${STORY[1]}</p>`)
      .replace(`<p>${STORY[3]}</p>`, `<p>${STORY[3]}</p></div>`);
    const body = bodyOf(html);
    expect(ngramF1(body, STORY).f1, body).toBe(1);
  });
});

describe('generic profile: lines about the post at the edges of the content', () => {
  it('drops posted-by lines, comment counts, tag lines, share and newsletter prompts at the end, in several languages', () => {
    for (const tail of [
      '<p class="byline">Posted by Hana Berg on April 14, 2024 in Village life | <a href="/p/1">Permalink</a></p>',
      '<p>Publié le 14 avril 2024 par Hana Berg</p>',
      '<p>Veröffentlicht am 14. April 2024 von Hana Berg</p>',
      '<div><a href="/p/1#comments">12 Comments</a></div>',
      '<p>Topics: <a href="/t/gardens">Gardens</a>, <a href="/t/schools">Schools</a></p>',
      '<p>Etiquetas: huertos, escuelas</p>',
      '<p>Follow @villagenotes</p>',
      '<p>Follow Village Notes on <a href="https://twitter.example/vn">Twitter</a> and <a href="https://facebook.example/vn">Facebook</a></p>',
      '<div>Never miss a story! Subscribe to our newsletter and get the week delivered to your inbox!</div>',
      '<p>Related topics: <a href="/t/gardens">Gardens</a></p>',
      '<p>The comments to this entry are closed.</p>',
      '<div class="nav"><a href="/p/0">« The mill reopens</a> | <a href="/">Main</a> | <a href="/p/2">Autumn market »</a></div>',
      // Several such lines after one another.
      '<p>Posted on April 14th, 2024</p><p>Tags: gardens</p><p><a href="/p/1#c">3 comments</a></p>',
    ]) {
      const body = bodyOf(page('', tail));
      expect(ngramF1(body, STORY).f1, `${tail}\n---\n${body}`).toBe(1);
    }
  });

  it('drops such lines at the start, past the title heading', () => {
    for (const lead of [
      '<p class="meta">Posted by Hana Berg on April 14, 2024</p>',
      '<p>Sections: Village » Gardens » Orchards</p>',
      '<p><a href="/p/0">« The mill reopens</a> | <a href="/">Main</a></p>',
    ]) {
      const body = bodyOf(page(lead, ''));
      expect(ngramF1(body, STORY).f1, `${lead}\n---\n${body}`).toBe(1);
    }
  });

  it('drops such a line that has no element of its own, loose among the content’s blocks', () => {
    // The links to the previous post and the blog's home, loose in the content's own element
    // after the title heading; a date line loose at the end before a break.
    const lead = '<a href="/p/0">« The mill reopens</a> |\n<a href="/">Main</a>\n<br>';
    const tail = '<br>Posted by <a href="/hana">Hana Berg</a> on April 14, 2024';
    const body = bodyOf(page(lead, tail));
    expect(ngramF1(body, STORY).f1, body).toBe(1);
    // A line of the story loose so stays.
    const loose = 'Neighbours brought <b>ladders</b> and baskets';
    expect(bodyOf(page(`${loose}<br>`, ''))).toContain('Neighbours brought ladders and baskets');
  });

  it('drops the blog’s name and motto above the links to the other posts at the content’s start', () => {
    const header = '<h2>Village Notes</h2><p>A blog about the valley, its gardens and its schools.</p><p align="right"><a href="/p/0">« The mill reopens</a> | <a href="/">Main</a></p>';
    const html = page('', '').replace('<h1>The orchard flowers again</h1>', `${header}<h3>The orchard flowers again</h3>`);
    const body = bodyOf(html);
    expect(body).not.toContain('A blog about the valley');
    expect(body).not.toContain('Village Notes');
    expect(ngramF1(body, STORY).recall, body).toBe(1);
    // Without the links to the other posts, a short first paragraph is the story's.
    const intro = 'A short note from the hill this week.';
    expect(bodyOf(page(`<p>${intro}</p>`, ''))).toContain(intro);
  });

  it('reads a custom element inside a line as part of it (a comment count drawn by a script)', () => {
    const tail = '<p class="postmeta">Posted in: <a href="/c/gardens">Gardens</a> <span>|</span> <fb:comments-count href="/p/1"></fb:comments-count> comments <span>|</span></p>';
    const body = bodyOf(page('', tail));
    expect(ngramF1(body, STORY).f1, body).toBe(1);
  });

  it('keeps story sentences that start like such lines, and such lines in the middle of the story', () => {
    const closing = 'Published in 1898, the first map of the valley already shows a small orchard on the same hill.';
    const middle = '<p>Tags: apple, pear</p>';
    const html = page('', `<p>${closing}</p>`).replace(`<p>${STORY[1]}</p>`, `<p>${STORY[1]}</p>${middle}`);
    const body = bodyOf(html);
    expect(body).toContain(closing);
    expect(body).toContain('Tags: apple, pear');
  });

  it('tells the lines from text by the whole line', () => {
    expect(isEdgeLine('Posted by Hana Berg on April 14, 2024')).toBe(true);
    expect(isEdgeLine('2 responses')).toBe(true);
    expect(isEdgeLine('Published in 1898, the map shows the orchard.')).toBe(false);
    expect(isEdgeLine('Follow the path north to the mill')).toBe(false);
    expect(isEdgeLine('Twelve comments were sent to the council about the orchard')).toBe(false);
    expect(isEdgeLine(`Posted by ${'x'.repeat(300)}`)).toBe(false);
    expect(isEdgeLine('Home » Gardens » Orchards')).toBe(true);
    expect(isEdgeLine('She wrote » on the board, then › below it, and left the room without a word to anybody there.')).toBe(false);
  });
});

describe('generic profile: labels that open what follows the article', () => {
  it('cuts the tail after a trackback or an "other columns" label, in several languages', () => {
    for (const label of ['Trackbacks', 'Other opinion columns', 'More posts', 'More village stories from Notes:', 'Weitere Nachrichten', 'Otras noticias', 'Articles similaires']) {
      const tail = `<h3>${label}</h3><p>Lorem <a href="/x">a different story about the harbour</a> and <a href="/y">one about the bridge</a>, both from last week.</p>`;
      const body = bodyOf(page('', tail));
      expect(ngramF1(body, STORY).f1, `${label}\n---\n${body}`).toBe(1);
    }
  });
});

describe('generic profile: a tail label inside a box named like furniture', () => {
  it('still cuts the tail it opens (a teaser list with summaries under a "section-header" box)', () => {
    const teasers = [1, 2]
      .map((i) => `<div class="teaser"><h4><a href="/t${i}">Harvest fair number ${i}</a></h4><p>Stalls, music and a long table of pies under the old lime trees by the church.</p></div>`)
      .join('');
    const tail = `<div class="more-group"><div class="section-header"><h2>Other opinion columns</h2></div><div class="section-body">${teasers}</div></div>`;
    const body = bodyOf(page('', tail));
    expect(ngramF1(body, STORY).f1, body).toBe(1);
  });
});

describe('generic profile: datelines and bylines at the start of the content', () => {
  it('drops a date heading, a lone date line at the head of the story block, and a byline with its date, in several languages', () => {
    for (const lead of [
      '<h2>Sunday, April 14, 2024</h2>',
      '<p>by Hana Berg on April 14, 2024</p>',
      '<p>April 14, 2024 by Hana Berg</p>',
      '<p>Posted on Sunday 14 April 2024 at 09:11 by Hana M. Berg.</p>',
      '<p>Village Notes | 14.04.2024 à 09h30 • Mis à jour le 15.04.2024 à 10h00 | Par Hana Berg (avec Tomas Lind et Eva Lind)</p>',
      '<span class="story-date"><span class="date">14 April 2024</span> <span class="time">Last updated at 10:58 ET</span></span>',
      '<p>Thứ Hai, 15/04/2024 08:30</p>',
    ]) {
      const body = bodyOf(page(lead, ''));
      expect(ngramF1(body, STORY).f1, `${lead}\n---\n${body}`).toBe(1);
    }
  });

  it("keeps a bare date at the end, which may be a notice's own date", () => {
    const body = bodyOf(page('', '<p>Ngày 15 tháng 4 năm 2024</p>'));
    expect(body).toContain('Ngày 15 tháng 4 năm 2024');
  });

  it('keeps a date that opens a sentence, a heading that names a year, and a story line that starts with "By"', () => {
    for (const lead of [
      '<p><b>14 April 2024</b> – the council met in the orchard to plan the harvest festival for the autumn.</p>',
      '<h2>Spring 2024</h2>',
      '<p>By 2030 every family in the village should have a tree of its own.</p>',
      '<p>By the end of April 2024</p>',
    ]) {
      const body = bodyOf(page(lead, ''));
      const kept = lead.replace(/<[^>]+>/g, '');
      expect(body, lead).toContain(kept);
    }
  });

  it('tells the lines by their words', () => {
    for (const line of [
      'by Nancy Atkinson on November 2, 2012',
      'Tuesday 15 October 2019 by Bradley M. Kuhn',
      'Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 à 20h13 | Par Martin Untersinger (avec Damien Leloup et Morgane Tual)',
      'Von Hana Berg und Tomas Lind, 14. April 2024',
    ]) {
      expect(isBylineLine(line), line).toBe(true);
    }
    for (const line of [
      'The council met by the river on May 2, 2012',
      'By the end of 2012',
      'Grew by 5 per cent in 2012',
      'by Hana Berg',
      'by Hana Berg on the first day of her long walk to 2012',
      `by ${'Hana '.repeat(40)}2012`,
    ]) {
      expect(isBylineLine(line), line).toBe(false);
    }
  });

  it('leaves out the title heading that also carries its date or comment count', () => {
    for (const tail of ['<em>14 April, 2024</em>', '<a href="#comments">12 Comments</a>']) {
      const html = page('', '').replace('<h1>The orchard flowers again</h1>', `<h1>The orchard flowers again ${tail}</h1>`);
      const body = bodyOf(html);
      expect(ngramF1(body, STORY).f1, `${tail}\n---\n${body}`).toBe(1);
    }
  });

  it('reads the date from a date heading printed over the title', () => {
    const html = page('', '').replace('<h1>', '<h3>Sunday, 14/04/2024 09:30</h3><h1>');
    const a = extractArticle({ html, url: 'https://notes.example.net/orchard', profile: 'generic' });
    expect(a).toMatchObject({ title: 'The orchard flowers again', publishedAt: '2024-04-14T09:30:00+07:00', dateSource: 'page' });
    expect(ngramF1(a.bodyText, STORY).f1, a.bodyText).toBe(1);
  });
});
