import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/sites/extract.ts';
import { ngramF1 } from '../helpers/f1.ts';

// Articles the generic extractor used to cut short: parts of the story left out of the body.

const TALE = [
  'The lighthouse keeper kept a diary for forty winters, writing every evening by the lamp about the weather, the passing ships and the birds that struck the glass.',
  'When the light was automated, his daughter carried the diaries down the cliff in a wheelbarrow, one crate at a time, and stored them in the parish hall.',
  'A local historian spent two years reading them and found the names of eleven ships that had been saved by a warning shouted from the rocks.',
  'The parish now plans to print a selection, with drawings by pupils of the village school and a map of the coast as it was in his time.',
];
const URL_ = 'https://parish.example.org/2023/lighthouse-diaries';
const page = (article: string) => `<html><head><title>The keeper's diaries</title></head><body>
<div class="nav"><a href="/">Home</a> <a href="/news">News</a> <a href="/events">Events</a></div>
<div class="main">${article}</div>
<div class="footer">The Parish Letter, printed monthly</div></body></html>`;

describe('generic profile: words inside the running text', () => {
  it('keeps a link named like a popup or a widget when it sits inside a sentence', () => {
    // Annotated texts link words to popup notes; the words are still the story's.
    const first = TALE[0].replace('forty winters', '<a href="javascript:void(0)" class="popup">forty winters</a>');
    const second = TALE[1].replace('in a wheelbarrow', '<a href="#n2" class="tooltip-popup">in a wheelbarrow</a>');
    const html = page(`<h1>The keeper's diaries</h1><p>${first}</p><p>${second}</p><p>${TALE[2]}</p><p>${TALE[3]}</p>`);
    const a = extractArticle({ html, url: URL_, profile: 'generic' });
    expect(ngramF1(a.bodyText, TALE).f1).toBe(1);
  });

  it('still drops a widget named so that stands on its own line', () => {
    const html = page(`<h1>The keeper's diaries</h1>${TALE.map((p) => `<p>${p}</p>`).join('')}
<p><a class="share-popup" href="/share?u=1">Send this to a friend</a></p>`);
    const a = extractArticle({ html, url: URL_, profile: 'generic' });
    expect(a.bodyText).not.toContain('Send this to a friend');
  });
});

describe('generic profile: prose beside a picture', () => {
  it('keeps a sentence written after a picture in its paragraph as body text', () => {
    const after = 'The diaries fill nine crates, and the oldest of them had to be dried page by page before anyone could read them, which took the whole summer.';
    const html = page(`<h1>The keeper's diaries</h1><p>${TALE[0]}</p><p>${TALE[1]}</p>
<p><a href="/big.jpg"><img src="/small.jpg" alt="image"></a><br>${after}</p><p>${TALE[2]}</p><p>${TALE[3]}</p>`);
    const a = extractArticle({ html, url: URL_, profile: 'generic' });
    expect(a.bodyText).toContain(after);
  });

  it('still takes a short line after a picture as its caption', () => {
    const html = page(`<h1>The keeper's diaries</h1><p>${TALE[0]}</p><p>${TALE[1]}</p>
<p><img src="/small.jpg" alt=""><br><em>The lamp room in 1962</em></p><p>${TALE[2]}</p><p>${TALE[3]}</p>`);
    const a = extractArticle({ html, url: URL_, profile: 'generic' });
    expect(a.images[0]?.caption).toBe('The lamp room in 1962');
    expect(a.bodyText).not.toContain('The lamp room');
  });
});

describe('generic profile: a quotation with its introduction', () => {
  it('keeps the line that introduces a quoted passage', () => {
    // Too short to vote itself; with the related links below, the quotation outscores the post.
    const intro = 'His brother wrote back:';
    const html = page(`<div class="post"><h1>The keeper's diaries</h1><div class="entry">
<p>${intro}</p><blockquote><p>${TALE[0]}</p><p>${TALE[1]}</p></blockquote>
<p><strong>Related posts</strong>:</p><p><a href="/2023/ferry">The ferry timetable for the winter</a><br><a href="/2023/bells">The church bells are back</a></p></div></div>
<div class="sidebar-box"><p>Our parish hall is open on Tuesdays and Thursdays from ten until four, except in August.</p></div>`);
    const a = extractArticle({ html, url: URL_, profile: 'generic' });
    expect(a.bodyText).toContain(intro);
    expect(ngramF1(a.bodyText, [intro, TALE[0], TALE[1]]).f1).toBe(1);
  });
});

describe('generic profile: an article cut into repeated wrappers', () => {
  it('keeps the blocks of every wrapper of the same kind, not only the best one', () => {
    // Each wrapper holds a part of the story and a box of the paper's other stories beside it.
    const box = (n: number) => `<aside class="marginalia" role="complementary"><h4>More news</h4>
<a href="/n${n}">Winter timetable for the island ferry</a> <a href="/m${n}">Bells ring again</a></aside>`;
    const more = [
      'Some of the entries are hard to read, because the ink ran when the roof of the lamp room leaked during the great storm of the winter of 1953.',
      'The historian has asked families in the village for letters from the same years, hoping that they will explain the names the keeper wrote in the margins.',
      'Anyone who has such letters, photographs or even a story told by a grandparent is welcome at the parish hall on the first Saturday of every month.',
      'The printed selection will be sold at the summer fair, and the money raised will pay for a glass case in which the diaries can be shown to visitors.',
    ];
    const html = page(`<article class="story"><h1>The keeper's diaries</h1>
<div class="story-part"><div class="story-text first"><p>${TALE[0]}</p><p>${TALE[1]}</p></div>${box(1)}</div>
<div class="story-part"><div class="story-text second">${[TALE[2], TALE[3], ...more].map((p) => `<p>${p}</p>`).join('')}</div>${box(2)}</div>
</article>`);
    const a = extractArticle({ html, url: URL_, profile: 'generic' });
    expect(ngramF1(a.bodyText, [...TALE, ...more]).f1).toBe(1);
  });
});

describe('generic profile: the body the markup names', () => {
  it('takes the one block named the article body when its text is mostly links, over a sidebar of prose', () => {
    // A weekly digest: each line cites the week's posts through a long link, so its lines are
    // link text and vote little, while the sidebar's event notes are plain prose.
    const digest = [
      'The harbour office <a href="/p/1">opened the new ticket desk for the island ferry on Monday</a>.',
      'We <a href="/p/2">published the winter timetable for all three crossings</a>, with extra boats at weekends.',
      '<a href="/p/3">The lighthouse diaries went on show in the parish hall</a>, and the first visitors came by bus.',
      'The choir <a href="/p/4">sang at the reopening of the old market hall</a> on Thursday night.',
      '<a href="/p/5">Volunteers planted forty plum trees on the northern bank of the river</a>.',
    ];
    const events = [
      'Saturday 9 November, 10:00 to 16:00. A day of walks along the coast path with the rangers, who will talk about the birds that winter in the bay and the plants of the dunes. Bring boots.',
      'Tuesday 12 November, 19:00. An evening of songs and stories in the parish hall, with tea, cake and a raffle, in aid of the lifeboat station and its new engine room.',
      'Thursday 14 November, 18:30. A talk on the history of the ferry and the families who ran it, with photographs from the archive, followed by questions from the audience.',
    ];
    const text = (s: string) => s.replace(/<[^>]+>/g, '');
    const html = `<html><head><title>Week in review - The Harbour Blog</title></head><body>
<div id="page"><div id="left"><h2 class="date-header">8 November</h2><div class="entry">
<h3 class="entry-header">Week in review</h3>
<div class="entry-content"><div class="article-body"><p>What happened here last week:</p>
<table><tr><td>Monday</td><td><ul><li>${digest[0]}</li></ul></td></tr>
<tr><td>Wednesday</td><td><ul><li>${digest[1]}</li><li>${digest[2]}</li></ul></td></tr>
<tr><td>Friday</td><td><ul><li>${digest[3]}</li><li>${digest[4]}</li></ul></td></tr></table>
<p>See you next week, and <a href="/feed">follow the blog</a>.</p></div></div>
<div class="entry-footer"><a href="/p/6">Permalink</a></div></div></div>
<div id="right"><h2>Coming up</h2><div class="list">${events.map((e) => `<div>${e} <a href="/events">Book</a></div>`).join('\n')}</div></div>
</div></body></html>`;
    const a = extractArticle({ html, url: 'https://harbour.example.org/2024/11/week-in-review.html', profile: 'generic' });
    for (const line of digest) expect(a.bodyText).toContain(text(line));
    expect(a.bodyText).not.toContain('coast path');
  });
});

describe('generic profile: a list of sentences that cite their sources', () => {
  it('keeps list items that say something beside their links and drops a list of bare links', () => {
    const lines = [
      'The council <a href="/a/1">voted to buy a new ferry for the island after a long debate</a>.',
      'We <a href="/a/2">published the winter timetable for all three crossings of the bay</a>.',
      'The harbour master <a href="/a/3">explained why the old hull failed its inspection in March</a>.',
    ];
    const others = ['Bells ring again in the old church', 'A new bakery opens on the quay', 'Plum trees for the river bank'];
    const html = page(`<div class="post"><h1>The keeper's diaries</h1>${TALE.map((p) => `<p>${p}</p>`).join('')}
<p>Also this week:</p><ul>${lines.map((l) => `<li>${l}</li>`).join('')}</ul>
<ul>${others.map((o, i) => `<li><a href="/o/${i}">${o}</a></li>`).join('')}</ul></div>`);
    const a = extractArticle({ html, url: URL_, profile: 'generic' });
    for (const line of lines) expect(a.bodyText).toContain(line.replace(/<[^>]+>/g, ''));
    expect(a.bodyText).not.toContain(others[1]);
  });
});
