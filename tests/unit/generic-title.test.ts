import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/sites/extract.ts';
import { isDateLine } from '../../lib/extract/readable/dateline.ts';
import { siteNameCut, titleFragments } from '../../lib/extract/readable/title-text.ts';
import { ngramF1 } from '../helpers/f1.ts';

// Blog pages of the shapes where a title finder takes the wrong heading: a date heading above
// the post, a comment form's heading, the blog's name in the masthead. Written here.

const POST = [
  'The ferry to the island runs again from Monday, after two months in the dock for a new engine and a fresh coat of paint on the upper deck.',
  'Boats leave the north pier every ninety minutes from six in the morning, and the last one comes back at half past nine in the evening.',
  'Tickets cost the same as last year; bicycles travel free on weekdays, and the café on board now sells soup as well as coffee and cake.',
];
const URL = 'https://ferries.example.org/2012/10/ferry-runs-again.html';

function blogPage(opts: {
  head: string;
  beforePost?: string;
  postHeading: string;
  afterPost?: string;
  /** The masthead heading without the id that names it so. */
  plainMasthead?: boolean;
  /** Where the masthead's link goes (the home page by default). */
  mastheadHref?: string;
}): string {
  return `<html><head>${opts.head}</head><body>
<div id="banner"><div id="banner-inner"><h1${opts.plainMasthead ? '' : ' id="banner-header"'}><a href="${opts.mastheadHref ?? 'https://ferries.example.org/'}">Harbour Notes</a></h1>
<h2 id="banner-description">News from the harbour and the islands</h2></div></div>
<div id="container"><div id="alpha">${opts.beforePost ?? ''}
<div class="entry"><h3 class="entry-header">${opts.postHeading}</h3>
<div class="entry-body">${POST.map((p) => `<p>${p}</p>`).join('\n')}</div></div>
${opts.afterPost ?? ''}</div>
<div id="beta"><h2>Recent Posts</h2><ul><li><a href="/2012/09/a">Winter timetable</a></li><li><a href="/2012/08/b">New pier lights</a></li></ul></div>
</div></body></html>`;
}

const COMMENT_FORM = `<div class="comments-open"><h2 class="comments-open-header" id="comment-title">Post a comment</h2>
<form action="/comments" method="post"><p>Your name and email are required.</p><textarea name="text"></textarea><input type="submit" value="Post"></form></div>`;
const REPLY_FORM = `<div id="respond"><h3 id="reply-title">Leave a Reply <small><a id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply</a></small></h3>
<form action="/wp-comments-post.php" method="post"><textarea name="comment"></textarea></form></div>`;

describe('generic profile: the post title on blog pages', () => {
  // Each page has one trap; <title> names only the blog unless the case says otherwise.
  const cases: Array<{ trap: string; page: Parameters<typeof blogPage>[0]; title?: string }> = [
    {
      trap: 'a date heading above the post',
      page: { head: '<title>Harbour Notes</title>', beforePost: '<h2 class="date-header">Wednesday, October 3, 2012 11:10 AM</h2>', postHeading: 'The ferry runs again' },
    },
    {
      trap: 'the heading of the comment form',
      page: { head: '<title>Harbour Notes</title>', postHeading: 'The ferry runs again', afterPost: COMMENT_FORM },
    },
    {
      trap: 'a reply form heading whose cancel link is hidden ("Leave a Reply Cancel reply")',
      page: { head: '<title>Harbour Notes</title>', postHeading: 'The ferry runs again', afterPost: REPLY_FORM },
    },
    {
      trap: 'the blog name in the masthead, <title> naming both with a colon',
      page: { head: '<title>Harbour Notes: The ferry runs again</title>', postHeading: 'The ferry runs again', plainMasthead: true },
    },
    {
      trap: 'the blog name in the masthead, <title> naming both with «',
      page: { head: '<title>The ferry runs again « Harbour Notes</title>', postHeading: 'The ferry runs again', plainMasthead: true },
    },
    {
      trap: 'the blog name in a heading named as the site\'s header',
      page: { head: '<title>Harbour Notes</title>', postHeading: 'The ferry runs again' },
    },
    {
      trap: 'the name og:site_name gives the site',
      page: {
        head: '<title>Harbour Notes</title><meta property="og:site_name" content="Harbour Notes">',
        postHeading: 'The ferry runs again',
        plainMasthead: true,
        mastheadHref: '/about.html',
      },
    },
    {
      trap: 'the blog name as a heading that is only a link to the home page',
      page: { head: '<title>Harbour Notes</title>', postHeading: 'The ferry runs again', plainMasthead: true },
    },
    {
      trap: 'a section name as a heading that is only a link to a folder above the page',
      page: { head: '<title>Harbour Notes</title>', postHeading: 'The ferry runs again', plainMasthead: true, mastheadHref: '/2012/' },
    },
    {
      trap: 'the blog name as a heading that is only a link to the home page of the site\'s other host name',
      page: { head: '<title>Harbour Notes</title>', postHeading: 'The ferry runs again', plainMasthead: true, mastheadHref: 'https://www.ferries.example.org/' },
    },
    {
      trap: '<title> dropping the headline\'s apostrophe: the headline as the page shows it',
      page: { head: '<title>Harbour Notes: Skippers choice of island walks</title>', postHeading: 'Skipper’s choice of island walks', plainMasthead: true },
      title: 'Skipper’s choice of island walks',
    },
  ];
  for (const c of cases) {
    it(`passes over ${c.trap}`, () => {
      const a = extractArticle({ html: blogPage(c.page), url: URL, profile: 'generic' });
      expect(a.title).toBe(c.title ?? 'The ferry runs again');
      expect(ngramF1(a.bodyText, POST).f1).toBe(1);
    });
  }
});

describe('generic profile: og:site_name holding the article title', () => {
  it('keeps the title when og:title names it too', () => {
    const html = `<html><head><title>The ferry runs again</title><meta property="og:title" content="The ferry runs again">
<meta property="og:site_name" content="The ferry runs again"></head><body><div class="post"><h1>The ferry runs again</h1>
<div class="entry">${POST.map((p) => `<p>${p}</p>`).join('\n')}</div></div></body></html>`;
    expect(extractArticle({ html, url: URL, profile: 'generic' }).title).toBe('The ferry runs again');
  });
});

describe('generic profile: a post heading that links to the post itself', () => {
  it('stays the title when the link and the address differ only by a closing slash', () => {
    const html = `<html><head><title>Harbour Notes</title></head><body><div class="post">
<h1><a href="https://ferries.example.org/notes/ferry-runs-again">The ferry runs again</a></h1>
<div class="entry">${POST.map((p) => `<p>${p}</p>`).join('\n')}</div></div></body></html>`;
    const a = extractArticle({ html, url: 'https://ferries.example.org/notes/ferry-runs-again/', profile: 'generic' });
    expect(a.title).toBe('The ferry runs again');
  });
});

describe('generic profile: the post title where a sidebar heading scores as high', () => {
  // The post heading follows the blog's name and a date heading inside the same column; the
  // sidebar's headings sit as close to the content. Only <title> and the post heading agree.
  const html = `<html><head><title>Harbour Notes | The ferry runs again</title></head><body>
<div id="maincontent"><div class="mediacontainer"><h1 class="blog-header">Harbour Notes</h1>
<div class="blog-post"><div class="blog-entry"><h3>3 October 2012</h3>
<h1><a href="https://ferries.example.org/2012/10/ferry-runs-again.html">The ferry runs again</a></h1>
${POST.map((p) => `<p>${p}</p>`).join('\n')}</div></div></div>
<div class="right-module"><h2>Looking for timetables to print? Use the quick list</h2><p><a href="/list">Quick list</a></p>
<h2>Spot a mistake on this site? Tell the harbour office</h2></div></div></body></html>`;

  it('takes the heading that <title> also names', () => {
    expect(extractArticle({ html, url: URL, profile: 'generic' }).title).toBe('The ferry runs again');
  });

  it('counts the post heading as the first of the content, the date heading above it being no title', () => {
    const bare = html.replace(/<title>[^<]*<\/title>/, '<title>Harbour Notes</title>');
    expect(extractArticle({ html: bare, url: URL, profile: 'generic' }).title).toBe('The ferry runs again');
  });
});

describe('generic profile: a post heading and a bold first line of the post score alike', () => {
  // A hosted blog's post: the post title links to the post, the post opens with a large bold
  // line that says it at length, and <title> names the post title after the blog's name.
  const html = `<html><head><title>Harbour Notes: The ferry runs again</title></head><body>
<div class="widget Blog" id="Blog1"><div class="blog-posts hfeed"><div class="date-outer">
<h2 class="date-header"><span>Wednesday, October 3, 2012</span></h2>
<div class="date-posts"><div class="post-outer"><div class="post">
<h3 class="post-title"><a href="https://ferries.example.org/2012/10/ferry-runs-again.html">The ferry runs again</a></h3>
<div class="post-body"><div dir="ltr"><b><span style="font-size: x-large;">After two months in the dock, the island ferry is back on the water</span></b><br /><br />
${POST.join('<br /><br />\n')}</div></div></div></div></div></div></div></div></body></html>`;

  it('takes the one that <title> also names', () => {
    expect(extractArticle({ html, url: URL, profile: 'generic' }).title).toBe('The ferry runs again');
  });
});

describe('generic profile: a hosted blog whose post sits in a widget', () => {
  // The post's plain heading and its body sit in a box named "widget": that box holds the body
  // the markup names, so it is no sidebar, and its heading is the post's.
  const html = `<html><head><title>The ferry runs again - Harbour Notes</title></head><body>
<div class="main section"><div class="widget Blog" id="Blog1"><div class="blog-posts hfeed"><div class="post">
<h3><a href="https://ferries.example.org/2012/10/ferry-runs-again.html">The ferry runs again</a></h3>
<div class="post-body"><b><span style="font-size: x-large;">Back on the water after two months in the dock</span></b><br /><br />
${POST.join('<br /><br />\n')}</div></div></div></div></div>
<div class="sidebar"><div class="widget LinkList"><h2>Links</h2><ul><li><a href="/a">Timetables</a></li></ul></div></div></body></html>`;

  it('takes the post heading over a bold first line', () => {
    expect(extractArticle({ html, url: URL, profile: 'generic' }).title).toBe('The ferry runs again');
  });
});

describe('generic profile: a first line in <b> that a style makes plain', () => {
  // Text pasted from a document editor: every paragraph in <b><span style="font-weight: normal">.
  // Such a line is not emphasised, so it is no title and stays the body's first line.
  const first = 'Ferries were late all summer, so why is the new engine news?';
  const html = `<html><head><title>The ferry runs again | Harbour Notes</title></head><body>
<div class="post-body"><b><span style="font-weight: normal;">${first}</span></b><br /><br />
${POST.map((p) => `<b><span style="font-weight: normal;">${p}</span></b>`).join('<br /><br />\n')}</div></body></html>`;

  it('takes <title> and keeps the line in the body', () => {
    const a = extractArticle({ html, url: URL, profile: 'generic' });
    expect(a.title).toBe('The ferry runs again');
    expect(a.bodyText?.startsWith(first)).toBe(true);
  });
});

describe('titleFragments and siteNameCut', () => {
  it('cuts a blog name off at a colon or « for matching, but siteNameCut keeps a colon title whole', () => {
    expect(titleFragments('Harbour Notes: The ferry runs again')).toContain('The ferry runs again');
    expect(titleFragments('The ferry runs again « Harbour Notes')).toContain('The ferry runs again');
    expect(titleFragments('Is it spring yet?: The ferry runs again')).toContain('The ferry runs again');
    expect(titleFragments('Timetable 10:30 to 12:00')).toEqual([]);
    expect(siteNameCut('Theme: Metro Style Responsive')).toBe('Theme: Metro Style Responsive');
  });
});

describe('isDateLine', () => {
  it('is a date alone, with its weekday, time, zone or label, in several languages', () => {
    for (const line of [
      'Wednesday, September 19, 2012 11:10 AM',
      'October 02, 2012',
      'Tuesday, 13 November 2012',
      'Posted on November 8, 2012, 8:11 am PST',
      'Thứ Hai, 15/09/2025 08:30',
      'Cập nhật lúc 08:30 ngày 15/09/2025',
      'lundi 3 septembre 2012',
      '2012年10月3日',
    ]) {
      expect(isDateLine(line), line).toBe(true);
    }
  });

  it('is not a title that carries a date, nor a line without a year', () => {
    for (const line of ['Lịch tiếp công dân ngày 15/10/2025', 'Budget plans for 2025', 'The ferry runs again', 'Sept 27th', 'March 15', 'Monday']) {
      expect(isDateLine(line), line).toBe(false);
    }
  });
});
