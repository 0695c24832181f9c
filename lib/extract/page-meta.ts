import type { CheerioAPI } from 'cheerio';
import { ElementType } from 'domelementtype';
import type { AnyNode, Element } from 'domhandler';
import { normalizeText } from '../text/index.ts';
import { isElement, ownText } from './dom.ts';

/**
 * What a page declares about itself in markup: `<meta>` values by name/property/itemprop,
 * `<link rel>` targets, and the first element of each `itemprop`. Read in one walk and kept per
 * parsed page, because many small selector lookups over the whole document cost more than the
 * extraction itself.
 */
export interface PageMeta {
  /** Lower-cased `name`/`property`/`itemprop` of `<meta>` -> first non-empty `content`. */
  meta: Map<string, string>;
  /** Lower-cased `rel` token -> first `href` of a `<link>` or `<a>` carrying it. */
  rel: Map<string, string>;
  /** `itemprop` -> first element carrying it (not `<meta>`). */
  itemprop: Map<string, Element>;
  /** Text of the first `<title>`. */
  title?: string;
  /** Texts of `<script type="application/ld+json">` blocks, in order. */
  jsonLd: string[];
  /** `datetime` of the first `<time datetime>`. */
  timeDatetime?: string;
}

const CACHE = new WeakMap<object, PageMeta>();

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

/** A JSON-LD block's JSON: some CMSs wrap it in `<![CDATA[ … ]]>`, which Readability also reads past. */
function jsonLdText(raw: string): string {
  let text = raw.trim();
  if (text.startsWith(CDATA_OPEN)) text = text.slice(CDATA_OPEN.length);
  if (text.endsWith(CDATA_CLOSE)) text = text.slice(0, -CDATA_CLOSE.length);
  return text;
}

export function pageMeta($: CheerioAPI): PageMeta {
  const cached = CACHE.get($);
  if (cached) return cached;
  const out: PageMeta = { meta: new Map(), rel: new Map(), itemprop: new Map(), jsonLd: [] };
  const root = $.root().get(0) as unknown as { children: AnyNode[] };
  const stack: AnyNode[] = [...(root?.children ?? [])].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    const a = n.attribs;
    if (n.name === 'title' && out.title === undefined) {
      out.title = ownText(n);
    } else if (n.name === 'meta') {
      const content = a.content?.trim();
      if (content) {
        for (const k of [a.name, a.property, a.itemprop]) {
          const key = k?.trim().toLowerCase();
          if (key && !out.meta.has(key)) out.meta.set(key, content);
        }
      }
    } else if (n.type === ElementType.Script) {
      if (a.type?.trim().toLowerCase() === 'application/ld+json') out.jsonLd.push(jsonLdText(ownText(n)));
    } else {
      if (n.name === 'time' && a.datetime && out.timeDatetime === undefined) out.timeDatetime = a.datetime;
      if (a.rel && a.href && (n.name === 'link' || n.name === 'a')) {
        for (const r of a.rel.toLowerCase().split(/\s+/)) if (r && !out.rel.has(r)) out.rel.set(r, a.href);
      }
      if (a.itemprop && !out.itemprop.has(a.itemprop)) out.itemprop.set(a.itemprop, n);
    }
    if (n.type === ElementType.Tag && n.name !== 'title') for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  CACHE.set($, out);
  return out;
}

/** The first `<meta>` value among the keys (lower-cased, as `PageMeta.meta` holds them) that has text, normalised. */
export function metaContent(meta: Map<string, string>, keys: string[]): string | undefined {
  for (const k of keys) {
    const v = meta.get(k);
    const t = v ? normalizeText(v) : '';
    if (t) return t;
  }
  return undefined;
}
