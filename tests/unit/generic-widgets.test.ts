import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/sites/extract.ts';
import { isEdgeLine } from '../../lib/extract/readable/edge.ts';
import { ngramF1 } from '../helpers/f1.ts';

// Widgets and lines inside (or at the end of) the article's container that are not article:
// tab boxes, author bios, comment policies, questions and prompts to the reader.

const STORY = [
  'The ferry across the lake will run twice an hour this summer, the council said on Monday, after two years of a single morning crossing.',
  'Fishermen on the eastern shore had asked for an evening boat since the bridge closed, and the new timetable gives them one at seven.',
  'The old landing stage will be rebuilt in stone before June, and the ticket office moves into the former customs house beside it.',
  'Tickets keep their price for the season; children under twelve and anyone carrying a bicycle travel free until the end of September.',
];

const url = 'https://lakeside.example.org/2024/05/ferry';
const page = (tail: string, meta = '') => `<html><head><title>The ferry runs twice an hour - Lakeside</title>${meta}</head><body>
<div class="menu"><a href="/">Home</a> <a href="/archive">Archive</a></div>
<div class="post"><h1>The ferry runs twice an hour</h1>
${STORY.map((p) => `<p>${p}</p>`).join('\n')}
${tail}
</div><div class="footer">Lakeside weekly</div></body></html>`;

function bodyOf(html: string): string {
  return extractArticle({ html, url, profile: 'generic' }).bodyText;
}

describe('generic profile: a tab widget inside the article', () => {
  const sheet = (n: number, name: string) => `<div class="pane" id="sheet-${n}"><div><span>Operator:</span> <a href="/o/${n}">${name}</a></div>
<div><span>Founded:</span> <span>19${50 + n}</span></div><p>${name} runs boats, buses and a small repair yard on the western shore of the lake.</p>
<a href="/o/${n}">More about ${name}</a></div>`;
  const tabs = `<div class="facts"><h3>Operators</h3><div class="box"><ul><li><a href="#sheet-1">Blue Line</a></li><li><a href="#sheet-2">Lake Boats</a></li><li><a href="#sheet-3">Shore Travel</a></li></ul>
${sheet(1, 'Blue Line')}${sheet(2, 'Lake Boats')}${sheet(3, 'Shore Travel')}</div></div>`;

  it('drops the whole box: the tabs and the panels they switch between', () => {
    const body = bodyOf(page(tabs));
    expect(ngramF1(body, STORY).f1, body).toBe(1);
  });

  it('keeps the panels when their links lead to headings (a table of contents) or out of the box', () => {
    const headed = tabs.replace(/<div class="pane" id="sheet-(\d)">/g, '<div class="pane" id="sheet-$1"><h4>Sheet $1</h4>');
    expect(bodyOf(page(headed))).toContain('runs boats, buses');
    const outside = tabs.replace('href="#sheet-3"', 'href="/o/3"');
    expect(bodyOf(page(outside))).toContain('runs boats, buses');
  });
});

describe('generic profile: the author’s bio at the end of the article', () => {
  const byline = '<meta name="author" content="Marta Olsen">';

  it('drops a box named as a bio', () => {
    const bio = '<div class="bio"><p><a href="/people/marta">Marta</a> has followed the boats of the lake since she was a girl and now writes about them every week.</p></div>';
    const body = bodyOf(page(bio));
    expect(ngramF1(body, STORY).f1, body).toBe(1);
  });

  it('drops an author’s note in a box named so', () => {
    const note = '<div class="panel author-note-panel"><div class="panel-title">A word from Marta</div><p>Thanks for reading this far! The next part comes out on Friday, weather allowing, with more about the boats.</p></div>';
    const body = bodyOf(page(note));
    expect(ngramF1(body, STORY).f1, body).toBe(1);
  });

  it('drops a last line that opens with the byline’s name and says what the author is, in several languages', () => {
    for (const line of [
      'Marta is a staff writer for Lakeside. Based on the eastern shore, she covers transport, fishing and the weather.',
      'Marta Olsen covers transport and the harbours of the lake for the weekly.',
      'Marta Olsen est journaliste au bureau du lac depuis 2019.',
      'Marta Olsen là phóng viên mảng giao thông của tờ báo.',
    ]) {
      const body = bodyOf(page(`<p>${line}</p>`, byline));
      expect(ngramF1(body, STORY).f1, `${line}\n---\n${body}`).toBe(1);
    }
  });

  it('keeps such a line without a byline, about someone else, or when it does not say what the author is', () => {
    for (const [line, meta] of [
      ['Marta is a staff writer for Lakeside. Based on the eastern shore, she covers transport, fishing and the weather.', ''],
      ['Ferdinand Holm is a ferryman who has crossed the lake every morning for thirty years, in fog and in ice.', byline],
      ['Marta Olsen and her neighbours plan to take the first evening boat together when it sails on the first of June.', byline],
    ]) {
      expect(bodyOf(page(`<p>${line}</p>`, meta))).toContain(line);
    }
  });
});

describe('generic profile: notes and questions to the reader at the end of the article', () => {
  it('drops a comment policy, a disclaimer and a question sent to the comments or a social network, in several languages', () => {
    for (const tail of [
      '<p><em>Please keep comments friendly and on topic. We may remove comments that break our <a href="/rules">house rules</a>.</em></p>',
      '<div><p><small>The views expressed here are those of the authors and not necessarily those of the Lakeside weekly.</small></p></div>',
      '<p>Les opinions exprimées dans cette tribune n\'engagent que leur auteur.</p>',
      '<p><strong>Will you take the evening boat this summer? Tell us on Facebook!</strong></p>',
      '<p>Have you crossed the lake on the old ferry? Let us know in the comments section below…</p>',
      '<p>Bạn đã từng đi phà qua hồ chưa? Hãy để lại bình luận bên dưới.</p>',
      '<p>Fahren Sie bald mit der Fähre? Schreiben Sie uns in die Kommentare!</p>',
      '<p>Comments may be no longer than 2000 characters and will post to the site shortly after submitting.</p>',
      '<p>Bình luận không quá 1000 ký tự.</p>',
      '<p><em>A version of this article appears in print on May 14, 2024, on page B3 of the weekend edition with the headline: The ferry runs twice an hour.</em></p>',
      '<p>Cet article est paru dans l\'édition du 14 mai 2024.</p>',
      '<p class="postmetadata"><small>This entry was posted on Tuesday, May 14th, 2024 at 9:10 am and is filed under <a href="/c/harbour">Harbour</a>. You can follow any responses to this entry through the <a href="/feed">RSS 2.0</a> feed. You can leave a response, or <a href="/tb">trackback</a> from your own site.</small></p>',
      '<div class="entry-utility">This entry was posted in <a href="/c/harbour">Harbour</a>. Bookmark the <a href="/p/1">permalink</a>.</div>',
      '<p>Cette entrée a été publiée dans <a href="/c/port">Port</a>. Ajoutez ce <a href="/p/1">permalien</a> à vos favoris.</p>',
      '<p><a href="https://disqus.example/">blog comments powered by Disqus</a></p>',
      // Both at once, the note last.
      '<p>What do you think of the new timetable? Share your thoughts below.</p><p>Comments are moderated before they appear.</p>',
    ]) {
      const body = bodyOf(page(tail));
      expect(ngramF1(body, STORY).f1, `${tail}\n---\n${body}`).toBe(1);
    }
  });

  it('keeps closing sentences that share only one mark of such a note, and notes in the middle of the story', () => {
    for (const closing of [
      'The ferrymen tell us the lake has not been this calm in June for as long as any of them can remember.',
      'Views from the upper deck reach the mountains on a clear day, and the crew will point out the peaks below them.',
      'Residents may send comments on the timetable to the council until the end of the month, by post or at the harbour office.',
      'Comments sent to the council by post may run to 2000 words, the clerk said, and will all be read before the vote.',
      'A version of the old timetable is still pinned to the door of the ticket office, yellowed by forty summers.',
      'The skipper posted the new entry in the harbour log and filed the old timetable away in the customs house.',
      // A ward's consultation asks for opinions: that is the notice itself, not a question to readers.
      'Hãy để lại ý kiến góp ý về dự thảo tại bộ phận một cửa của phường trước ngày 15.',
    ]) {
      expect(bodyOf(page(`<p>${closing}</p>`))).toContain(closing);
    }
    const note = 'Will you take the evening boat this summer? Tell us on Facebook!';
    const middle = page('').replace(`<p>${STORY[1]}</p>`, `<p>${STORY[1]}</p><p>${note}</p>`);
    expect(bodyOf(middle)).toContain(note);
  });
});

describe('generic profile: a box titled by a prompt to the reader', () => {
  it('drops the whole box: the offer under a newsletter heading goes with it', () => {
    const box = `<div class="offer"><h3>Subscribe to our newsletter and get the summer timetable free</h3><img src="/timetable.png">
<ul><li>Each Friday the week's crossings, the weather on the water and the harbour news, in one letter.</li>
<li>You also get first word of the special evening crossings and the fireworks boat in August.</li></ul>
<form action="/join"><input type="email" name="email"><button>Join</button></form></div>`;
    const body = bodyOf(page(box));
    expect(ngramF1(body, STORY).f1, body).toBe(1);
  });

  it('keeps a section whose heading is no prompt', () => {
    const section = `<div><h3>Subscribers to the season ticket</h3><p>Holders of last year's season ticket can renew it at the harbour office from the first of May.</p></div>`;
    expect(bodyOf(page(section))).toContain('Holders of last year');
  });
});

describe('generic profile: a line pointing to pictures or pages elsewhere', () => {
  it('drops "Photos from …:", "See also:" and like lines made of a label and links, in several languages', () => {
    for (const label of ['Photos from the Weekly:', 'Video:', 'See also:', 'Siehe auch:', 'Xem thêm:']) {
      const line = `<p><strong>${label} <a href="/gallery/ferries">the old ferries</a>, <a href="/gallery/harbour">then and now</a></strong></p>`;
      const html = page('').replace(`<p>${STORY[2]}</p>`, `${line}<p>${STORY[2]}</p>`);
      const body = bodyOf(html);
      expect(ngramF1(body, STORY).f1, `${label}\n---\n${body}`).toBe(1);
    }
  });

  it('keeps such a label followed by words of its own', () => {
    const line = 'Photos from the harbour office show the landing stage as it was built in 1912, with its wooden roof.';
    expect(bodyOf(page(`<p>${line}</p>`))).toContain(line);
  });
});

describe('generic profile: a line of short links at the end of the article', () => {
  it('drops a line of share links between separators, and the line about the post it uncovers', () => {
    const tail = '<p>Posted by Marta Olsen at May 2, 2024 09:15 AM</p>\n<a href="https://links.example/save?u=1">save it</a>\n| <a href="https://news.example/submit?u=1">bookmark</a> · <a href="mailto:?subject=ferry">email</a>';
    const body = bodyOf(page(tail));
    expect(ngramF1(body, STORY).f1, body).toBe(1);
  });

  it('keeps a last line where words stand between the links, and documents', () => {
    const line = 'Read <a href="/docs/timetable">the new timetable</a> and <a href="/docs/letter">the council letter</a>';
    expect(bodyOf(page(`<p>${line}</p>`))).toContain('Read the new timetable and the council letter');
    const docs = '<a href="/files/timetable.pdf">Timetable</a> | <a href="/files/prices.pdf">Prices</a>';
    expect(bodyOf(page(`<p>${docs}</p>`))).toContain('Prices');
  });
});

describe('generic profile: share, follow and newsletter prompts in Vietnamese and other languages', () => {
  it('drops such prompts at the end', () => {
    for (const tail of [
      '<p>Chia sẻ bài viết:</p>',
      '<p>Hãy theo dõi fanpage của phường trên Facebook và Zalo để nhận tin mới nhất!</p>',
      '<p>Đăng ký nhận bản tin của phường qua email mỗi tuần.</p>',
      '<p>Siga-nos no Instagram</p>',
      '<p>Volg ons op Facebook</p>',
      '<div>Schrijf je in voor onze nieuwsbrief</div>',
    ]) {
      const body = bodyOf(page(tail));
      expect(ngramF1(body, STORY).f1, `${tail}\n---\n${body}`).toBe(1);
    }
  });

  it('keeps story lines of a ward that name signing up or following without being a prompt', () => {
    for (const line of [
      'Người dân đăng ký nhận bản tin cảnh báo thiên tai qua tin nhắn điện thoại từ tháng Năm.',
      'Theo dõi diễn biến của bão, Ủy ban nhân dân phường đã cử cán bộ trực tại các khu dân cư ven sông.',
    ]) {
      expect(bodyOf(page(`<p>${line}</p>`))).toContain(line);
    }
  });
});

describe('generic profile: comment and share counts at the edges, in several languages', () => {
  it('tells a count from a sentence by the whole line', () => {
    for (const line of ['12 bình luận', 'Bình luận (3)', '5 shares', '3条评论', 'コメント(2)', '7 Kommentare']) expect(isEdgeLine(line), line).toBe(true);
    for (const line of ['12 bình luận của người dân đã được gửi tới phường', 'Bình luận của bạn đọc về bến phà', '5 shares of the ferry company changed hands']) {
      expect(isEdgeLine(line), line).toBe(false);
    }
  });

  it('drops such a count under the title', () => {
    const body = bodyOf(page('').replace('<h1>The ferry runs twice an hour</h1>', '<h1>The ferry runs twice an hour</h1><p>Bình luận (12)</p>'));
    expect(ngramF1(body, STORY).f1, body).toBe(1);
  });
});

describe('generic profile: a post in a box named like a widget, beside a short note in another', () => {
  // A hosted blog puts its post in <div class="widget Blog"> and an advertiser's note in
  // <div class="widget Text">, rescued by its "Text". Read by name, only the note is left; as
  // Readability does, a look that found less than a short article's text looks again without
  // names and keeps the answer that holds several times more.
  const html = `<html><head><title>The ferry runs twice an hour</title></head><body>
<div class="widget Text"><div class="widget-content">Hover over the underlined words for offers from our partners. Offers by an ad network.</div></div>
<div class="widget Blog"><div class="post"><h3>The ferry runs twice an hour</h3><div class="entry">
${STORY.map((p) => `<div>${p}</div>`).join('\n')}</div></div></div>
<div class="widget BlogArchive"><ul>${Array.from({ length: 30 }, (_, i) => `<li><a href="/2024/${i}">Archive of the lakeside ferry, week ${i + 1}</a></li>`).join('')}</ul></div></body></html>`;

  it('takes the post', () => {
    expect(ngramF1(bodyOf(html), STORY).f1).toBe(1);
  });

  it('keeps a short post that sits in no such box over a longer text in one', () => {
    const short = `<html><head><title>Ferry notice</title></head><body>
<div class="post"><h1>Ferry notice</h1><p>${STORY[0]}</p></div>
<div class="community"><h2>About this blog</h2>${STORY.slice(1).map((p) => `<p>${p} ${p}</p>`).join('\n')}</div>
<div class="menu"><ul>${Array.from({ length: 30 }, (_, i) => `<li><a href="/2024/${i}">Archive of the lakeside ferry, week ${i + 1}</a></li>`).join('')}</ul></div></body></html>`;
    expect(bodyOf(short)).toBe(STORY[0]);
  });
});
