import { describe, expect, it, vi } from 'vitest';
import Parser from 'rss-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Article } from '../../lib/article.ts';
import { renderAtom, renderCsv, renderFeed, renderJsonFeed, renderOpml, renderRss, type FeedChannel } from '../../lib/feed/index.ts';
import { seedArticle, seedArticles, seedRegistry, SEED_SPECS } from '../helpers/seed-articles.ts';

const BASE = 'https://wardfeed.example';

type Link = { rel: string; href: string };
/** The parts of a JSON Feed these tests read. */
interface ParsedJsonFeed {
  version: string;
  title: unknown;
  feed_url: string;
  description: string;
  items: Array<{ id: string; url: string; title: string; content_html: string; date_published: string }>;
  _wardfeed: { mergedInto: { id: string; feed_url: string } };
}

function channel(items: Article[], extra: Partial<FeedChannel> = {}): FeedChannel {
  return {
    key: 'all',
    title: 'Tin phường, xã — tất cả',
    description: 'Tin tức của các phường, xã',
    feedUrls: { rss: `${BASE}/feeds/all.rss`, atom: `${BASE}/feeds/all.atom`, json: `${BASE}/feeds/all.json` },
    homeUrl: `${BASE}/`,
    items,
    ...extra,
  };
}

const newestFirst = (items: Article[]) => [...items].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
const parser = new Parser({ customFields: { item: ['content:encoded', 'dc:creator', 'guid'] } });

describe('RSS 2.0', () => {
  it('gives back every seed article to an independent parser: title, link, instant, full content', async () => {
    const items = newestFirst(seedArticles());
    const xml = renderRss(channel(items));
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = await parser.parseString(xml);
    expect(feed.title).toBe('Tin phường, xã — tất cả');
    expect(feed.items).toHaveLength(5);
    for (const a of items) {
      const it = feed.items.find((i) => i.link === a.canonicalUrl);
      expect(it, a.title).toBeDefined();
      expect(it!.title).toBe(a.title);
      expect(Date.parse(it!.isoDate!)).toBe(Date.parse(a.publishedAt));
      expect(it!['content:encoded']).toBe(a.bodyHtml);
      expect(it!.guid).toBe(`urn:wardfeed:article:${a.id}`);
      if (a.category) expect(it!.categories).toEqual([a.category]);
    }
    // Vietnamese is written as UTF-8 characters, not as character references.
    expect(xml).toContain('Đảng ủy phường Thanh Trì họp giao ban');
    expect(xml).not.toMatch(/&#\d+;/);
  });

  it('carries the wall-clock time of Vietnam and the newest item as the channel date', () => {
    const items = newestFirst(seedArticles());
    const xml = renderRss(channel(items));
    expect(xml).toContain('<pubDate>Fri, 15 Jan 2021 16:12:00 +0700</pubDate>');
    expect(xml).toContain('<lastBuildDate>Thu, 23 Nov 2023 00:00:00 +0700</lastBuildDate>');
    expect(xml).toContain('<atom:link href="https://wardfeed.example/feeds/all.rss" rel="self" type="application/rss+xml"/>');
    expect(xml).toContain('<guid isPermaLink="false">urn:wardfeed:article:');
  });

  it('has attachments as enclosures and the author as dc:creator', async () => {
    const a = seedArticle(SEED_SPECS[0], {
      author: 'Nguyễn Thị Thuỳ',
      attachments: [{ url: 'https://hoangmai.hanoi.gov.vn/documents/10180/1/ke-hoach.pdf', title: 'Kế hoạch số 12', type: 'pdf' }],
    });
    const xml = renderRss(channel([a]));
    const feed = await parser.parseString(xml);
    expect(feed.items[0].enclosure).toEqual({ url: 'https://hoangmai.hanoi.gov.vn/documents/10180/1/ke-hoach.pdf', length: '0', type: 'application/pdf' });
    expect(feed.items[0]['dc:creator']).toBe('Nguyễn Thị Thuỳ');
  });

  it('drops XML-illegal control characters and survives "]]>" and markup in text', async () => {
    const a = seedArticle(SEED_SPECS[0], {
      title: 'Thông báo\u0000 <khẩn> & "quan trọng"\u0007',
      bodyHtml: '<p>Tiền tố ]]> hậu tố\u000B</p>',
      bodyText: 'Tiền tố ]]> hậu tố',
    });
    for (const xml of [renderRss(channel([a])), renderAtom(channel([a]))]) {
      expect(XMLValidator.validate(xml)).toBe(true);
      const feed = await parser.parseString(xml);
      expect(feed.items[0].title).toBe('Thông báo <khẩn> & "quan trọng"');
    }
    const rss = await parser.parseString(renderRss(channel([a])));
    expect(rss.items[0]['content:encoded']).toBe('<p>Tiền tố ]]> hậu tố</p>');
  });
});

describe('Atom 1.0', () => {
  it('gives back every seed article with published, updated, id and content', async () => {
    const items = newestFirst(seedArticles());
    const xml = renderAtom(channel(items));
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = await parser.parseString(xml);
    expect(feed.items).toHaveLength(5);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml) as { feed: { updated: string; entry: Array<Record<string, unknown>> } };
    const entries = doc.feed.entry;
    for (const a of items) {
      const it = feed.items.find((i) => i.link === a.canonicalUrl)!;
      expect(it.title).toBe(a.title);
      expect((it as unknown as { id: string }).id).toBe(`urn:wardfeed:article:${a.id}`);
      expect(it.content).toBe(a.bodyHtml);
      const entry = entries.find((e) => e.id === `urn:wardfeed:article:${a.id}`)!;
      expect(Date.parse(entry.published as string)).toBe(Date.parse(a.publishedAt));
      expect(Date.parse(entry.updated as string)).toBe(Date.parse(a.publishedAt));
    }
    expect(doc.feed.updated).toBe('2023-11-23T00:00:00+07:00');
  });

  it('moves `updated` (entry and feed) when an article is edited, not `published`', () => {
    const a = seedArticle(SEED_SPECS[4]);
    // The store records when the content changed (`updatedAt`); later checks (`lastCheckedAt`) do not move it.
    const edited = { ...a, revisions: 1, updatedAt: '2023-12-01T08:30:00+07:00', lastCheckedAt: '2023-12-09T10:00:00+07:00', bodyText: `${a.bodyText} (sửa)` };
    const doc = new XMLParser().parse(renderAtom(channel([edited]))) as { feed: { updated: string; entry: { published: string; updated: string } } };
    expect(doc.feed.entry.published).toBe('2023-11-23T00:00:00+07:00');
    expect(doc.feed.entry.updated).toBe('2023-12-01T08:30:00+07:00');
    expect(doc.feed.updated).toBe('2023-12-01T08:30:00+07:00');
  });

  it('carries what feed writes otherwise or not at all: xml:lang, typed links, typed enclosures, plain-text titles', () => {
    const pdf = 'https://hoangmai.hanoi.gov.vn/documents/10180/1/ke-hoach.pdf';
    const xlsx = 'https://hoangmai.hanoi.gov.vn/documents/10180/1/bang-ke.xlsx';
    const a = seedArticle(SEED_SPECS[0], {
      author: 'Nguyễn Thị Thuỳ',
      attachments: [{ url: pdf, title: 'Kế hoạch số 12', type: 'pdf' }, { url: xlsx, title: '', type: 'xlsx' }],
    });
    const xml = renderAtom(channel([a]));
    type Entry = { id: string; title: unknown; summary: unknown; content: Record<string, string>; link: Link[]; author: unknown; category: unknown; published: string };
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'link' })
      .parse(xml) as { feed: { 'xml:lang': string; generator: string; link: Link[]; entry: Entry } };
    expect(doc.feed['xml:lang']).toBe('vi');
    expect(doc.feed.generator).toBe('wardfeed');
    expect(doc.feed.link).toEqual([
      { rel: 'self', type: 'application/atom+xml', href: `${BASE}/feeds/all.atom` },
      { rel: 'alternate', type: 'text/html', href: `${BASE}/` },
    ]);
    const entry = doc.feed.entry;
    expect(entry.id).toBe(`urn:wardfeed:article:${a.id}`);
    expect(entry.link).toEqual([
      { rel: 'alternate', type: 'text/html', href: a.canonicalUrl },
      { rel: 'enclosure', href: pdf, type: 'application/pdf', title: 'Kế hoạch số 12' },
      { rel: 'enclosure', href: xlsx, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    ]);
    // Plain text, so no `type` attribute: the parser gives a bare string.
    expect(entry.title).toBe(a.title);
    expect(typeof entry.summary).toBe('string');
    expect(entry.content.type).toBe('html');
    expect(entry.author).toEqual({ name: 'Nguyễn Thị Thuỳ' });
    expect(entry.category).toEqual({ term: 'phường thanh trì' });
    expect(entry.published).toBe('2021-01-15T16:12:00+07:00');
  });

  it('gives back texts that would break feed\'s own escaping: two "]]>", "<" in an attribute, a literal "&amp;"', () => {
    const nasty = 'A ]]> B ]]> <b>C</b> &amp; D';
    const a = seedArticle(SEED_SPECS[0], { title: nasty, summary: nasty, bodyHtml: `<p>${nasty}</p>`, author: nasty, category: nasty });
    const xml = renderAtom(channel([a], { title: nasty, description: nasty }));
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: false }).parse(xml) as {
      feed: { title: string; subtitle: string; entry: { title: string; summary: string; content: { '#text': string }; author: { name: string }; category: { term: string } } };
    };
    expect(doc.feed.title).toBe(nasty);
    expect(doc.feed.subtitle).toBe(nasty);
    const entry = doc.feed.entry;
    expect([entry.title, entry.summary, entry.author.name, entry.category.term]).toEqual([nasty, nasty, nasty, nasty]);
    expect(entry.content['#text']).toBe(`<p>${nasty}</p>`);
  });

  it('has a valid feed date even when empty, without reading the clock', () => {
    const xml = renderAtom(channel([]));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect((new XMLParser().parse(xml) as { feed: { updated: string } }).feed.updated).toBe('1970-01-01T07:00:00+07:00');
  });
});

describe('JSON Feed 1.1', () => {
  it('has the required fields and gives back the seed articles', () => {
    const items = newestFirst(seedArticles());
    const feed = JSON.parse(renderJsonFeed(channel(items))) as ParsedJsonFeed;
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(typeof feed.title).toBe('string');
    expect(feed.feed_url).toBe(`${BASE}/feeds/all.json`);
    expect(feed.items).toHaveLength(5);
    for (const a of items) {
      const it = feed.items.find((i) => i.url === a.canonicalUrl)!;
      expect(it.id).toBe(`urn:wardfeed:article:${a.id}`);
      expect(it.title).toBe(a.title);
      expect(it.content_html).toBe(a.bodyHtml);
      expect(Date.parse(it.date_published)).toBe(Date.parse(a.publishedAt));
    }
  });

  it('points a merged ward to its successor in every format', () => {
    const succ = { id: 'thanh-tri-hoang-mai', name: 'Phường Thanh Trì', homeUrl: `${BASE}/wards/thanh-tri-hoang-mai`,
      feedUrls: { rss: `${BASE}/feeds/thanh-tri-hoang-mai.rss`, atom: `${BASE}/feeds/thanh-tri-hoang-mai.atom`, json: `${BASE}/feeds/thanh-tri-hoang-mai.json` } };
    const ch = channel([], { key: 'ward:thinh-liet-hoang-mai', title: 'Phường Thịnh Liệt', mergedInto: succ });
    const json = JSON.parse(renderJsonFeed(ch)) as ParsedJsonFeed;
    expect(json._wardfeed.mergedInto.id).toBe('thanh-tri-hoang-mai');
    expect(json._wardfeed.mergedInto.feed_url).toBe(succ.feedUrls.json);
    expect(json.description).toContain('sáp nhập vào Phường Thanh Trì');
    const atom = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(renderAtom(ch)) as { feed: { link: Link[] } };
    const links = atom.feed.link;
    expect(links.find((l) => l.rel === 'related')?.href).toBe(succ.feedUrls.atom);
    const rss = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(renderRss(ch)) as { rss: { channel: { 'atom:link': Link[] } } };
    const rssLinks = rss.rss.channel['atom:link'];
    expect(rssLinks.find((l) => l.rel === 'related')?.href).toBe(succ.feedUrls.rss);
  });
});

describe('a body holding a formula', () => {
  it('carries its MathML as HTML in every format, each XML feed well-formed', async () => {
    // As the sanitiser writes it: an empty element with an end tag, no namespace declaration.
    const bodyHtml =
      '<p>Diện tích <math><mi>S</mi><mo>=</mo><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></math> với</p>' +
      '<math display="block"><mfrac><mi>a</mi><mi>b</mi></mfrac><mspace width="1em"></mspace><mo>&lt;</mo><mn>1</mn></math>';
    const a = seedArticle(SEED_SPECS[0], { bodyHtml, bodyText: 'Diện tích S = π r 2 với\n\na b < 1' });
    const rss = renderRss(channel([a]));
    const atom = renderAtom(channel([a]));
    for (const xml of [rss, atom]) expect(XMLValidator.validate(xml)).toBe(true);
    // The formula comes back as the content's text, not as elements of the feed.
    expect((await parser.parseString(rss)).items[0]['content:encoded']).toBe(bodyHtml);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: false }).parse(atom) as {
      feed: { entry: { content: { '#text': string; type: string } } };
    };
    expect(doc.feed.entry.content).toEqual({ '#text': bodyHtml, type: 'html' });
    const json = JSON.parse(renderJsonFeed(channel([a]))) as ParsedJsonFeed;
    expect(json.items[0].content_html).toBe(bodyHtml);
  });
});

describe('determinism', () => {
  it('renders byte-identical output for identical data, whatever the object identity or key order', () => {
    const a = newestFirst(seedArticles());
    // Same data rebuilt with keys in another order.
    const b = a.map((x) => Object.fromEntries(Object.entries(structuredClone(x)).reverse()) as unknown as Article);
    for (const f of ['rss', 'atom', 'json'] as const) {
      expect(renderFeed(f, channel(b))).toBe(renderFeed(f, channel(a)));
    }
  });

  it('never reads the clock: the same data rendered years apart gives the same bytes', () => {
    const a = newestFirst(seedArticles());
    const render = () => (['rss', 'atom', 'json'] as const).flatMap((f) => [renderFeed(f, channel(a)), renderFeed(f, channel([]))]);
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2030-06-01T12:00:00Z'));
      const first = render();
      vi.setSystemTime(new Date('2041-01-01T00:00:00Z'));
      expect(render()).toEqual(first);
      expect(first.join('')).not.toMatch(/2030|2041/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('changes the bytes when an article is edited', () => {
    const a = newestFirst(seedArticles());
    const edited = a.map((x, i) => (i === 0 ? { ...x, title: `${x.title} (cập nhật)` } : x));
    for (const f of ['rss', 'atom', 'json'] as const) {
      expect(renderFeed(f, channel(edited))).not.toBe(renderFeed(f, channel(a)));
    }
  });
});

describe('OPML', () => {
  it('lists every ward feed grouped by province in Vietnamese order', () => {
    const reg = seedRegistry();
    const xml = renderOpml(reg.wards, (w) => ({ rss: `${BASE}/feeds/${w.id}.rss`, html: `${BASE}/wards/${w.id}` }));
    expect(XMLValidator.validate(xml)).toBe(true);
    type Outline = { xmlUrl: string; text: string; type: string };
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as { opml: { body: { outline: Array<{ text: string; outline: Outline[] | Outline }> } } };
    const groups = doc.opml.body.outline;
    expect(groups.map((g) => g.text)).toEqual(['Thành phố Hà Nội', 'Tỉnh An Giang']);
    const hanoi = groups[0].outline as Outline[];
    expect(hanoi.map((o) => o.xmlUrl)).toEqual([
      `${BASE}/feeds/duc-giang-long-bien.rss`,
      `${BASE}/feeds/khuong-thuong-dong-da.rss`,
      `${BASE}/feeds/thanh-tri-hoang-mai.rss`,
      `${BASE}/feeds/thinh-liet-hoang-mai.rss`,
      `${BASE}/feeds/thuong-thanh-long-bien.rss`,
    ]);
    expect(hanoi.find((o) => o.xmlUrl.includes('thinh-liet'))!.text).toBe('Phường Thịnh Liệt (Quận Hoàng Mai) — đã sáp nhập vào Phường Thanh Trì');
    expect(hanoi.every((o) => o.type === 'rss')).toBe(true);
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180 and keeps Vietnamese', () => {
    const a = seedArticle(SEED_SPECS[0], { title: 'Họp "giao ban", tháng 01', summary: 'dòng 1\ndòng 2', bodyText: 'x', wardIds: ['a', 'b'] });
    const csv = renderCsv([a], { bom: true });
    expect(csv.startsWith('\uFEFFid,publishedAt,')).toBe(true);
    const header = 'id,publishedAt,datePrecision,dateSource,title,url,wardIds,sourceId,category,author,viewCount,summary,bodyText,attachments,revisions,firstSeenAt,lastCheckedAt,removedAt\r\n';
    const row = `${a.id},2021-01-15T16:12:00+07:00,minute,page,"Họp ""giao ban"", tháng 01",${a.canonicalUrl},a b,thanh-tri-hoang-mai-news,phường thanh trì,,246,"dòng 1\ndòng 2",x,,0,2025-08-01T10:00:00+07:00,2025-08-01T10:00:00+07:00,\r\n`;
    expect(csv).toBe(`\uFEFF${header}${row}`);
    expect(renderCsv([a]).startsWith('id,')).toBe(true);
  });

  it('neutralises cells a spreadsheet would run as a formula, and quotes them', () => {
    const a = seedArticle(SEED_SPECS[0], {
      title: '=HYPERLINK("http://evil.example","Bấm")', category: '+1+1', author: '-2+3', summary: '@SUM(A1:A9)',
      bodyText: '\tcmd|calc', viewCount: undefined,
    });
    const fields = renderCsv([a], { header: false }).split(',');
    expect(fields).toContain('"\'=HYPERLINK(""http://evil.example""');
    expect(fields).toContain('""Bấm"")"');
    expect(fields).toContain('"\'+1+1"');
    expect(fields).toContain('"\'-2+3"');
    expect(fields).toContain('"\'@SUM(A1:A9)"');
    expect(fields).toContain('"\'\tcmd|calc"');
    const cr = seedArticle(SEED_SPECS[0], { title: '\r=1+1' });
    expect(renderCsv([cr], { header: false })).toContain(',"\'\r=1+1",');
    // Ordinary text, an "=" or "-" inside a cell, and dates are left as they were.
    const plain = seedArticle(SEED_SPECS[0], { title: 'Phường A-B = 2 khu', category: 'Tin-tức' });
    const row = renderCsv([plain], { header: false });
    expect(row).toContain(',Phường A-B = 2 khu,');
    expect(row).toContain(',Tin-tức,');
    expect(row).toContain(',2021-01-15T16:12:00+07:00,');
  });
});
