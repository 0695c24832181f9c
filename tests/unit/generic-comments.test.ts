import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/sites/extract.ts';
import { ngramF1 } from '../helpers/f1.ts';

// Readers' comments left in the article's own container, after it: the thread is often longer
// than the article, so it is cut by what opens it, not by its share of the text.

const POST = [
  'The ferry between the two islands stopped running in March, when the old boat failed its inspection and no buyer came forward for a new one.',
  'Since then the children of the smaller island have crossed with a fisherman who takes them over at seven every morning and brings them back at four.',
  'The council has promised a decision on a new boat before the summer, but the families say they have heard such promises before and are not waiting.',
];

const READERS = [
  'We crossed with that fisherman too when I was a child, and he never once was late, whatever the sea was doing that morning.',
  'The council could lease a boat from the mainland company for a year while it makes up its mind about buying one outright.',
  'My daughter loves the crossing, but in the winter storms I would rather she stayed home than sat in an open boat for an hour.',
  'Two boats were offered to the council last autumn and both were turned down as too expensive, which nobody has explained yet.',
  'It is the same story on every small island along this coast: the service goes first, then the school, then the young families.',
  'Has anyone asked the fisherman what he thinks of all this? He has been doing the council’s job for free since the spring.',
];

const url = 'https://islands.example.org/2024/05/ferry';
const page = (thread: string) => `<html><head><title>No ferry since March - Island Notes</title></head><body>
<div class="menu"><a href="/">Home</a> <a href="/archive">Archive</a></div>
<div id="content"><h1>No ferry since March</h1>
${POST.map((p) => `<p>${p}</p>`).join('\n')}
${thread}
</div></body></html>`;

const NAMES = ['Mara', 'Olek', 'Ines', 'Tomas', 'Ruth', 'Jonas'];

/** A thread of comments each followed by its "Posted by: NAME at DATE" line, in plain boxes. */
const thread = (label: string) =>
  `${label}\n${READERS.map((r, i) => `<div><p>${r}</p></div><p class="meta">Posted by: <a href="mailto:r${i}@example.org">${NAMES[i]}</a> at May ${i + 3}, 2024 0${i}:15 PM</p>`).join('\n')}`;

function bodyOf(html: string): string {
  return extractArticle({ html, url, profile: 'generic' }).bodyText;
}

describe('generic profile: a comment thread after the article, longer than it', () => {
  it('cuts the thread at a label that names the comments, in several languages and forms', () => {
    for (const label of [
      '<h2>Comments</h2>',
      '<h3>6 Comments</h3>',
      '<h3 class="title">3 Responses to “No ferry since March”</h3>',
      '<h3>2 thoughts on “No ferry since March”</h3>',
      '<h2>Leave a Reply</h2>',
      '<h2>Kommentare</h2>',
      '<h2>Commentaires (6)</h2>',
      '<h2>Comentarios</h2>',
      '<h2>Bình luận</h2>',
      '<h2>Ý kiến bạn đọc</h2>',
      '<div><b>Reader comments</b></div>',
    ]) {
      const body = bodyOf(page(thread(label)));
      expect(ngramF1(body, POST).f1, `${label}\n---\n${body}`).toBe(1);
    }
  });

  it('knows the thread by its signature lines or its boxes, whatever their form', () => {
    const signed = (sign: (name: string, i: number) => string, before = false) =>
      READERS.map((r, i) => (before ? `<div>${sign(NAMES[i], i)}<p>${r}</p></div>` : `<div><p>${r}</p>${sign(NAMES[i], i)}</div>`)).join('\n');
    for (const replies of [
      signed((n) => `<p><cite>${n}</cite> <span>says:</span></p>`, true),
      signed((n, i) => `<p>${n} wrote on ${i + 3} May 2024:</p>`, true),
      signed((n, i) => `<p>${n} | May ${i + 3}, 2024 10:1${i} PM</p>`),
      signed((n) => `<p>${n}</p><p><a href="#respond">Reply</a></p>`),
      signed((n, i) => `<p>${i + 1}. ${n} - May ${i + 3}, 2024</p>`, true),
      signed((n) => `<p><b>${n}</b> said,</p>`, true),
      READERS.map((r) => `<div class="comment-body"><p>${r}</p></div>`).join('\n'),
    ]) {
      const body = bodyOf(page(`<h3>6 Comments</h3>\n${replies}`));
      expect(ngramF1(body, POST).f1, `${replies}\n---\n${body}`).toBe(1);
    }
  });

  it('cuts a box named for the comments, with no label, though it holds more than the article', () => {
    const replies = READERS.map((r, i) => `<div class="c${i}"><p>${r}</p><p>Posted by: ${NAMES[i]} at May ${i + 3}, 2024 10:15 PM</p></div>`).join('\n');
    for (const box of [`<div id="comments">${replies}</div>`, `<section class="comments-area">${replies}</section>`]) {
      const body = bodyOf(page(box));
      expect(ngramF1(body, POST).f1, `${box}\n---\n${body}`).toBe(1);
    }
  });

  it('finds the post beside a box of comments that outweighs it, and cuts the box', () => {
    // Thirty comments, each a long paragraph, in a list: the list alone scores above the post.
    const items = ['', ' I said so at the meeting.', ' Write to the council.', ' Same on our island, sadly.', ' Thanks for the story.']
      .flatMap((tail) => READERS.map((r) => r + tail))
      .map((r, i) => `<dt><a href="#c${i}">${i + 1}.</a> ${NAMES[i % 6]} - May ${(i % 20) + 3}, 2024</dt><dd><p>${r}</p></dd>`)
      .join('\n');
    const body = bodyOf(page(`<div id="comments"><h2>Comments<a href="#form">&raquo;</a></h2><dl>${items}</dl></div>`));
    expect(ngramF1(body, POST).f1, body).toBe(1);
  });

  it('keeps the story after a small element named for comments (a count beside the first paragraph)', () => {
    const html = page('').replace(`<p>${POST[0]}</p>`, `<p>${POST[0]}</p><div class="comment-count">6 comments, last at 10:15 PM</div>`);
    const body = bodyOf(html);
    for (const para of POST) expect(body).toContain(para);
  });

  it('keeps story paragraphs after a comments heading that no thread follows', () => {
    // "Comments" may head a part of the story (on comments in code, on a draft): only a thread's
    // signature lines make it the opening of the readers' comments.
    const story = READERS.map((r) => `<p>${r}</p>`).join('\n');
    const body = bodyOf(page(`<h2>Comments</h2>\n${story}`));
    for (const para of [...POST, ...READERS]) expect(body).toContain(para);
  });

  it('keeps story paragraphs after a comments heading when the thread only comes much later', () => {
    // The signature must come within a comment's length of the label, not anywhere further down.
    const story = [0, 1, 2].map(() => READERS.map((r) => `<p>${r}</p>`).join('\n')).join('\n');
    const body = bodyOf(page(`<h2>Comments</h2>\n${story}\n${thread('<h2>6 Comments</h2>')}`));
    for (const para of POST) expect(body).toContain(para);
    expect(body.split(READERS[0]).length - 1, body).toBe(3);
    expect(body).not.toContain('Posted by');
  });

  it('keeps the text after a comment count that links to the thread', () => {
    // A link to the thread says nothing of what follows it: the article may go on.
    const body = bodyOf(page(`<p><a href="#c">6 Comments</a></p>\n<p>${READERS[0]}</p><p>${READERS[1]}</p>`));
    for (const para of [...POST, READERS[0], READERS[1]]) expect(body).toContain(para);
  });

  it('keeps the text after a comments label that stands before most of the article', () => {
    // A page about comments (or a page that is its thread) is not cut before its article is told.
    const html = page('').replace(
      '<h1>No ferry since March</h1>',
      '<h1>No ferry since March</h1>\n<h2>Comments</h2>\n<p>Posted by: Mara at May 3, 2024 10:15 PM</p>',
    );
    const body = bodyOf(html);
    for (const para of POST) expect(body).toContain(para);
  });
});
