import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/sites/extract.ts';
import { ngramF1 } from '../helpers/f1.ts';
import { loadHtml } from '../../lib/extract/parse-html.ts';
import { isGalleryWidget } from '../../lib/extract/readable/asides.ts';
import type { Element } from 'domhandler';

// Boxes inside the article's container that no name gives away, known by their shape.

const STORY = [
  'The ferry across the lake ran every hour last summer, and the new timetable keeps that rhythm through the winter months too.',
  'Fishermen on the eastern shore say the crossing saves them a long drive around the bay when they bring their catch to market.',
  'The council paid for a heated waiting room on the pier, and the old ticket office has become a small café run by volunteers.',
  'Next spring a second boat joins the line, so that the crossing can run every half hour on market days and in the holidays.',
];

const url = 'https://lakeside.example.org/2024/11/ferry';
const page = (middle: string, tail = '') => `<html><head><title>The ferry keeps running - Lakeside</title></head><body>
<div class="menu"><a href="/">Home</a> <a href="/archive">Archive</a></div>
<div class="entry"><h1>The ferry keeps running</h1>
<p>${STORY[0]}</p><p>${STORY[1]}</p>
${middle}
<p>${STORY[2]}</p><p>${STORY[3]}</p>
${tail}
</div></body></html>`;

function bodyOf(html: string): string {
  return extractArticle({ html, url, profile: 'generic' }).bodyText;
}

describe('generic profile: a cloud of labels inside the article (a chart drawn in HTML, a pager)', () => {
  const label = (text: string, left: number) => `<div class="g-label" style="position:absolute;left:${left}%"><p>${text}</p></div>`;

  it('drops a chart whose axis labels and values are blocks of their own, with the sentence that introduces it', () => {
    const years = ['’18', '’19', '’20', '’21', '’22', '’23'].map((y, i) => label(y, i * 15)).join('');
    const values = ['$12', '$30', '40%', 'passengers', '2,400'].map((v, i) => label(v, i * 20)).join('');
    const intro = 'The number of passengers has grown every year since the line opened, according to the operator.';
    const chart = `<section><header><p>${intro}</p></header><div class="graphic"><img src="/chart.png" alt="">${label('Passengers per month', 0)}${values}${years}</div></section>`;
    const body = bodyOf(page(chart));
    expect(ngramF1(body, STORY).f1, body).toBe(1);
    expect(body).not.toContain('Passengers per month');
    expect(body).not.toContain(intro);
  });

  it('drops a pager of numbers and arrows', () => {
    const pager = `<div>${['«', '‹', '1', '2', '3', '4', '5', '6', '›', '»'].map((t) => `<div><span>${t}</span></div>`).join('')}</div>`;
    const body = bodyOf(page(pager));
    expect(ngramF1(body, STORY).f1, body).toBe(1);
  });

  it('keeps a table of figures, a list of short items with words, and a box with sentences among its figures', () => {
    const table = `<table><tr><th>Year</th><th>Trips</th></tr>${[2019, 2020, 2021, 2022].map((y, i) => `<tr><td>${y}</td><td>${i * 100 + 150}</td></tr>`).join('')}</table>`;
    const list = `<ul>${['Oslo', 'Bergen', 'Molde', 'Ålesund', 'Tromsø', 'Bodø', 'Narvik', 'Hamar'].map((t) => `<li>${t}</li>`).join('')}</ul>`;
    const sentence = 'The crossing takes twenty minutes in calm weather and a little longer when the wind comes from the north.';
    const second = 'On stormy days the timetable changes, and the café posts the new times on the board by the door.';
    const mixed = `<div>${['1', '2', '3', '4', '5', '6', '7', '8'].map((t) => `<div>${t}</div>`).join('')}<div>${sentence}</div><div>${second}</div></div>`;
    const body = bodyOf(page(`${table}${list}${mixed}`));
    expect(body).toContain('2021');
    expect(body).toContain('Ålesund');
    expect(body).toContain(sentence);
    expect(body).toContain(second);
    expect(body).toContain('5');
  });
});

describe('generic profile: a box a skip link jumps over', () => {
  const box = (target: string) =>
    `<div class="feature"><a class="hidden" href="#${target}">Continue with the story</a><h3>The skipper</h3>
<ul><li>Born in a fishing family on the island</li><li>Has steered the ferry for eleven years without a single missed crossing</li></ul></div>`;

  it('drops the box when its opening link jumps to the element right after it', () => {
    const html = page(box('story-2')).replace(`<p>${STORY[2]}</p>`, `<p id="story-2">${STORY[2]}</p>`);
    const body = bodyOf(html);
    expect(ngramF1(body, STORY).f1, body).toBe(1);
  });

  it('keeps a box whose opening link goes elsewhere', () => {
    const html = page(box('notes')).replace(`<p>${STORY[2]}</p>`, `<p id="story-2">${STORY[2]}</p>`);
    expect(bodyOf(html)).toContain('without a single missed crossing');
  });
});

describe('generic profile: a prompt to the reader in a block of its own, amid the story', () => {
  it('drops follow and newsletter prompts between the paragraphs', () => {
    for (const prompt of [
      '<div class="widget-x"><iframe src="https://social.example/box"></iframe><br><a href="https://twitter.example/lakeside">Follow @lakeside_news</a></div>',
      '<div>Never miss a crossing! Subscribe to our newsletter and get the timetable delivered to your inbox.</div>',
      '<p>Partager sur Facebook</p>',
    ]) {
      const body = bodyOf(page(prompt));
      expect(ngramF1(body, STORY).f1, `${prompt}\n---\n${body}`).toBe(1);
    }
  });

  it('keeps a story sentence naming a newsletter or a network', () => {
    const line = 'The operator wants to follow the example of the ferries in the north, whose newsletter lists every delay.';
    const body = bodyOf(page(`<p>${line}</p><p>Volunteers share the work on Facebook and at the weekly meeting in the café by the pier.</p>`));
    expect(body).toContain(line);
    expect(body).toContain('weekly meeting');
  });
});

describe('generic profile: a picture credit named so', () => {
  it('drops an element named a credit, and keeps one whose name only starts with the word', () => {
    for (const name of ['credit', 'image-credit', 'photo_credit', 'media-credits']) {
      const figure = `<div class="pic"><img src="/boat.jpg" alt=""><span class="${name}">Nils Aune / Lakeside Photo Agency</span></div>`;
      const body = bodyOf(page(figure));
      expect(body, name).not.toContain('Lakeside Photo Agency');
    }
    // The credit's box holding the picture's caption: the word inside the name, not only at its end.
    const caption = 'The new boat leaves the yard at dawn on its first trial run across the bay, watched by its builders.';
    const box = `<div class="inlinePhoto"><img src="/boat.jpg" alt=""><p class="photo_credit">Nils Aune</p><div class="photo_credit_container"><p>${caption}</p></div></div>`;
    expect(bodyOf(page(box))).not.toContain('first trial run');
    const line = 'The savings bank on the pier lent the money for the new boat at a low rate over twenty years.';
    expect(bodyOf(page(`<p class="credit-union-news">${line}</p>`))).toContain(line);
  });
});

describe('generic profile: an embedded player with its caption', () => {
  it('drops a box holding a player and the line that describes it', () => {
    const player = '<div class="embed"><iframe src="https://video.example/ferry"></iframe><p>Our reporter rode the first crossing of the winter timetable. Watch the video.</p></div>';
    const body = bodyOf(page(player));
    expect(ngramF1(body, STORY).f1, body).toBe(1);
  });

  it('keeps story paragraphs that share a box with a player', () => {
    const long = `${STORY[0]} ${STORY[1]} ${STORY[2]}`;
    const box = `<div><iframe src="https://maps.example/lake"></iframe><p>${long}</p></div>`;
    expect(bodyOf(page(box))).toContain(long);
  });
});

describe('generic profile: a line pointing to other articles', () => {
  it('drops "Main article:" lines made of a label and links, in several languages', () => {
    for (const label of ['Main article:', 'Hauptartikel:', 'Article détaillé :', 'Artículo principal:']) {
      const line = `<div class="note">${label} <a href="/wiki/Ferries">Ferries of the lake</a></div>`;
      const body = bodyOf(page(line));
      expect(ngramF1(body, STORY).f1, `${label}\n---\n${body}`).toBe(1);
    }
  });

  it('keeps such a label followed by text of its own', () => {
    const line = 'Main article: the timetable, which the council will vote on in March, and the price of a ticket.';
    expect(bodyOf(page(`<p>${line}</p>`))).toContain(line);
  });
});

describe('generic profile: a gallery widget inside the article', () => {
  const slide = (n: number, hidden: boolean) =>
    `<div class="slide"${hidden ? ' style="display:none"' : ''}><img src="/boats/${n}.jpg" alt=""><p class="caption">The second boat on trial run number ${n}, seen from the pier at dawn.</p></div>`;

  it('drops a box named a gallery with several pictures and controls, its slide titles and captions with it', () => {
    const gallery = `<div class="story-gallery"><h3>Photos: the new boat</h3>${[1, 2, 3, 4].map((n) => slide(n, n > 1)).join('')}
<div class="nav"><span onclick="gallery.prev()">&lt;</span> <span onclick="gallery.next()">&gt;</span></div><a href="#" class="toggle">Hide caption</a></div>`;
    const body = bodyOf(page(gallery));
    expect(ngramF1(body, STORY).f1, body).toBe(1);
    expect(body).not.toContain('trial run');
    expect(body).not.toContain('Hide caption');
  });

  it('drops a gallery promo whose pictures wait in lazy-loading attributes', () => {
    const promo = `<div class="grid-gallery"><h2>The lake in pictures</h2><ul>${[1, 2, 3, 4].map((n) => `<li data-original="/lake/${n}.jpg"><a href="#"></a></li>`).join('')}<li><a href="#"><span>40</span> <span>show all</span></a></li></ul></div>`;
    const body = bodyOf(page(promo));
    expect(ngramF1(body, STORY).f1, body).toBe(1);
    expect(body).not.toContain('The lake in pictures');
  });

  it('keeps pictures of the story named a gallery but with nothing to click, and a gallery with more to read than the story beside it', () => {
    const figures = `<div class="gallery">${[1, 2, 3].map((n) => `<div><img src="/boats/${n}.jpg" alt=""><p>The boat number ${n} waits at the pier for its first passengers.</p></div>`).join('')}</div>`;
    expect(bodyOf(page(figures))).toContain('The boat number 3 waits at the pier');
    // Visible text decides whether it is a widget beside the story: hidden slides' captions do not count.
    const essay = loadHtml(`<div class="photo-gallery">${[1, 2, 3, 4].map((n) => `<div${n > 1 ? ' hidden' : ''}><img src="/e/${n}.jpg" alt=""><p>${STORY[n - 1]}</p></div>`).join('')}<button>Next</button></div>`)('div').get(0) as Element;
    expect(isGalleryWidget(essay, STORY[0].length + 20)).toBe(true);
    expect(isGalleryWidget(essay, STORY[0].length - 20)).toBe(false);
  });
});

describe('generic profile: a summary in bullets set beside the story', () => {
  const points = '<ul><li>Two crews share the new timetable</li><li>Bicycles ride free on weekdays</li><li>Tickets cost less for pupils</li></ul>';

  it('drops a box of a summary label and one list, in several languages', () => {
    for (const label of ['<div><strong>STORY HIGHLIGHTS</strong></div>', '<h3>Key points:</h3>', '<p>L’essentiel</p>', '<span>Auf einen Blick</span>']) {
      const body = bodyOf(page(`<div class="box"><div class="inner">${label}${points}</div></div>`));
      expect(ngramF1(body, STORY).f1, body).toBe(1);
      expect(body).not.toContain('Bicycles ride free');
    }
  });

  it('keeps such a heading and its list when they are a section of the story, or when the box says more', () => {
    expect(bodyOf(page(`<h3>Highlights</h3>${points}`))).toContain('Bicycles ride free on weekdays');
    const more = `<div class="box"><h3>Key points</h3>${points}<p>The timetable for the winter months is posted at the pier and at the café.</p></div>`;
    expect(bodyOf(page(more))).toContain('Bicycles ride free on weekdays');
    expect(bodyOf(page(`<div class="box"><h3>What the council decided</h3>${points}</div>`))).toContain('Bicycles ride free on weekdays');
  });
});
