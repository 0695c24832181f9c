/**
 * Hostile text in every text field of an RSS and an Atom feed, and of an OPML list: XML-forbidden control characters,
 * lone surrogates, `]]>`, markup and entity look-alikes. Every feed must stay well-formed for a
 * strict parser and give back each text as it was, less the characters XML cannot carry.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Parser from 'rss-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { JSDOM } from 'jsdom';
import type { Article } from '../../lib/article.ts';
import type { Ward } from '../../lib/registry/types.ts';
import { renderAtom, renderOpml, renderRss, type FeedChannel } from '../../lib/feed/index.ts';
import { seedArticle, SEED_SPECS } from '../helpers/seed-articles.ts';

const BASE = 'https://wardfeed.example';

/** Pieces a hostile page could carry; glued to ordinary Vietnamese text. */
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDBFF', '\uDC00', '\uDFFF'),
    fc.constantFrom(']]>', ']]', ']', '>', '<', '&', '&amp;', '&lt;', '&#0;', '"', "'", '<![CDATA[', '\t', '\n', '\r\n'),
    fc.string({ unit: 'grapheme', maxLength: 4 }),
    fc.string({ unit: 'binary', maxLength: 3 }),
  ),
  maxLength: 24,
});
/** Ordinary words around the hostile part, so no reader trims or drops the field. */
const field = nasty.map((s) => `Tin ${s} hết`);

/** What a reader should get back: XML 1.0 drops the forbidden characters and reads CR LF as LF. */
// eslint-disable-next-line no-control-regex -- the control characters XML 1.0 forbids are exactly what this matches
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const readBack = (s: string) => s.replace(FORBIDDEN, '').replace(/\r\n?/g, '\n');
/** Attribute values: a parser turns tab, CR and LF into spaces. */
const readBackAttr = (s: string) => readBack(s).replace(/[\t\n]/g, ' ');
const normalizeAttr = (s: string) => s.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' ');

const texts = fc.record({
  channelTitle: field, channelDescription: field, successorName: field,
  title: field, summary: field, bodyHtml: field, author: field, category: field, attachmentTitle: field,
});

type Texts = typeof texts extends fc.Arbitrary<infer T> ? T : never;

function build(t: Texts): { ch: FeedChannel; article: Article } {
  const article = seedArticle(SEED_SPECS[0], {
    title: t.title, summary: t.summary, bodyHtml: `<p>${t.bodyHtml}</p>`, author: t.author, category: t.category,
    attachments: [{ url: `${BASE}/files/a.pdf?x=1&y=2`, title: t.attachmentTitle, type: 'pdf' }],
  });
  const succ = { id: 'thanh-tri-hoang-mai', name: t.successorName, homeUrl: `${BASE}/wards/thanh-tri-hoang-mai`,
    feedUrls: { rss: `${BASE}/feeds/t.rss`, atom: `${BASE}/feeds/t.atom`, json: `${BASE}/feeds/t.json` } };
  const ch: FeedChannel = {
    key: 'ward:x', title: t.channelTitle, description: t.channelDescription, homeUrl: `${BASE}/`,
    feedUrls: { rss: `${BASE}/feeds/x.rss`, atom: `${BASE}/feeds/x.atom`, json: `${BASE}/feeds/x.json` },
    mergedInto: succ, items: [article],
  };
  return { ch, article };
}

const OPTIONS = {
  ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, parseTagValue: false, parseAttributeValue: false, htmlEntities: false,
};
const xml = new XMLParser({ ...OPTIONS, isArray: (name) => ['link', 'atom:link', 'enclosure'].includes(name) });
const rssParser = new Parser();
const domParser = new new JSDOM('').window.DOMParser();

/** Well-formed for a conforming XML parser (jsdom's) and for fast-xml-parser. */
function expectWellFormed(out: string): void {
  const doc = domParser.parseFromString(out, 'application/xml');
  expect(doc.getElementsByTagName('parsererror')[0]?.textContent).toBeUndefined();
  expect(XMLValidator.validate(out)).toBe(true);
}

/** Well-formed for three readers: the two above and rss-parser. */
async function expectReadable(out: string): Promise<void> {
  expectWellFormed(out);
  await rssParser.parseString(out);
}
type Attrs = Record<string, string>;
/** The parts of each parsed document these tests read (values stay strings: tag and attribute parsing is off). */
interface ParsedRss {
  rss: { channel: { title: string; description: string; 'atom:link': Attrs[]; item: { title: string; description: string; 'content:encoded': string; 'dc:creator': string; category: string; enclosure: Attrs[] } } };
}
interface ParsedAtom {
  feed: { title: string; subtitle: string; link: Attrs[]; entry: { title: string; summary: string; content: Attrs; author: { name: string }; category: Attrs; link: Attrs[] } };
}
interface ParsedOpml {
  opml: { head: { title: string; ownerId: string }; body: { outline: Array<Attrs & { outline: Attrs[] }> } };
}

describe('feeds under hostile text', () => {
  it('RSS stays well-formed and gives back every cleaned text', async () => {
    await fc.assert(fc.asyncProperty(texts, async (t) => {
      const { ch } = build(t);
      const out = renderRss(ch);
      await expectReadable(out);
      const channel = (xml.parse(out) as ParsedRss).rss.channel;
      expect(channel.title).toBe(readBack(t.channelTitle));
      expect(channel.description.startsWith(readBack(t.channelDescription))).toBe(true);
      const related = channel['atom:link'].find((l) => l.rel === 'related')!;
      expect(normalizeAttr(related.title)).toBe(readBackAttr(t.successorName));
      const item = channel.item;
      expect(item.title).toBe(readBack(t.title));
      expect(item.description).toBe(readBack(t.summary));
      expect(item['content:encoded']).toBe(readBack(`<p>${t.bodyHtml}</p>`));
      expect(item['dc:creator']).toBe(readBack(t.author));
      expect(item.category).toBe(readBack(t.category));
      expect(item.enclosure[0].url).toBe(`${BASE}/files/a.pdf?x=1&y=2`);
    }), { numRuns: 150 });
  });

  it('Atom stays well-formed and gives back every cleaned text', async () => {
    await fc.assert(fc.asyncProperty(texts, async (t) => {
      const { ch } = build(t);
      const out = renderAtom(ch);
      await expectReadable(out);
      const feed = (xml.parse(out) as ParsedAtom).feed;
      expect(feed.title).toBe(readBack(t.channelTitle));
      expect(feed.subtitle.startsWith(readBack(t.channelDescription))).toBe(true);
      const related = feed.link.find((l) => l.rel === 'related')!;
      expect(normalizeAttr(related.title)).toBe(readBackAttr(t.successorName));
      const entry = feed.entry;
      expect(entry.title).toBe(readBack(t.title));
      expect(entry.summary).toBe(readBack(t.summary));
      expect(entry.content['#text']).toBe(readBack(`<p>${t.bodyHtml}</p>`));
      expect(entry.author.name).toBe(readBack(t.author));
      expect(normalizeAttr(entry.category.term)).toBe(readBackAttr(t.category));
      const enclosure = entry.link.find((l) => l.rel === 'enclosure')!;
      expect(normalizeAttr(enclosure.title)).toBe(readBackAttr(t.attachmentTitle));
      expect(enclosure.href).toBe(`${BASE}/files/a.pdf?x=1&y=2`);
    }), { numRuns: 150 });
  });

  it('OPML stays well-formed and gives back every cleaned title, name and address', () => {
    const opmlTexts = fc.record({ listTitle: field, province: field, name: field, district: field, mergedName: field });
    fc.assert(fc.property(opmlTexts, (t) => {
      const wards: Ward[] = [
        { id: 'a', name: t.name, province: t.province, legacyDistrict: t.district, status: 'active' },
        { id: 'b', name: t.mergedName, province: t.province, status: 'merged', mergedInto: 'a' },
      ];
      const out = renderOpml(wards, (w) => ({ rss: `${BASE}/feeds/${w.id}.rss?x=1&y="2"`, html: `${BASE}/wards/${w.id}?x=<1>` }), { title: t.listTitle, ownerUrl: `${BASE}/?a&b` });
      expectWellFormed(out);
      const opml = (new XMLParser({ ...OPTIONS, isArray: (name) => name === 'outline' }).parse(out) as ParsedOpml).opml;
      expect(opml.head.title).toBe(readBack(t.listTitle));
      expect(opml.head.ownerId).toBe(`${BASE}/?a&b`);
      const [group] = opml.body.outline;
      expect(normalizeAttr(group.text)).toBe(readBackAttr(t.province));
      expect(normalizeAttr(group.title)).toBe(readBackAttr(t.province));
      const byUrl = (id: string) => group.outline.find((o) => o.xmlUrl === `${BASE}/feeds/${id}.rss?x=1&y="2"`)!;
      expect(byUrl('a').htmlUrl).toBe(`${BASE}/wards/a?x=<1>`);
      expect(normalizeAttr(byUrl('a').text)).toBe(readBackAttr(`${t.name} (${t.district})`));
      expect(normalizeAttr(byUrl('a').title)).toBe(readBackAttr(`${t.name} (${t.district})`));
      expect(normalizeAttr(byUrl('b').text)).toBe(readBackAttr(`${t.mergedName} — đã sáp nhập vào ${t.name}`));
    }), { numRuns: 150 });
  });
});
