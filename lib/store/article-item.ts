/**
 * Article <-> DynamoDB item. The body travels brotli-compressed when large, and is cut (with
 * `truncated: true`) only when even compressed it would push the item over DynamoDB's 400 KB.
 */
import { brotliCompressSync, brotliDecompressSync, constants as zc } from 'node:zlib';
import type { Article } from '../article.ts';
import { WardfeedError } from '../errors.ts';
import { itemSize } from './item-size.ts';
import { ARTICLE_SK, articlePk, checkedSk, entrySk, sourcePk, utcInstant } from './keys.ts';

/** DynamoDB refuses items over 400 KB (409,600 bytes); stay below with room for estimate error. */
const MAX_ITEM_BYTES = 390_000;
/** Bodies above this many bytes are stored compressed (saves write units too). */
export const COMPRESS_OVER_BYTES = 8 * 1024;
/** Text fields other than the body are cut at this length when an item would not fit otherwise. */
const SIDE_FIELD_CAP = 4_000;

/** Attributes the store adds; never taken from an incoming article, never returned. */
const INTERNAL = ['pk', 'sk', 'kind', 'scopes', 'esk', 'gsi1pk', 'gsi1sk', 'body', 'bodyEnc', 'ver'] as const;

export interface ArticleItem extends Record<string, unknown> {
  pk: string;
  sk: string;
  kind: 'article';
  id: string;
  /** Scope ids the article is listed under (`W#…`, `P#…`, `D#…`, `ALL`), fixed at write time. */
  scopes: string[];
  /** Feed-entry sort key: publishedAt (UTC) + id. */
  esk: string;
  gsi1pk: string;
  gsi1sk: string;
}

export function toItem(article: Article, scopes: string[]): ArticleItem {
  const { bodyHtml, bodyText, ...rest } = article;
  const base: Record<string, unknown> = { ...rest };
  for (const k of INTERNAL) delete base[k];
  for (const [k, v] of Object.entries(base)) if (v === undefined) delete base[k];
  const item: ArticleItem = {
    ...base,
    pk: articlePk(article.id),
    sk: ARTICLE_SK,
    kind: 'article',
    id: article.id,
    scopes,
    esk: entrySk(utcInstant(article.publishedAt, 'publishedAt'), article.id),
    gsi1pk: sourcePk(article.sourceId),
    gsi1sk: checkedSk(utcInstant(article.lastCheckedAt, 'lastCheckedAt'), article.id),
  };
  delete item.truncated;
  let truncated = article.truncated === true;

  if (itemSize(item) > MAX_ITEM_BYTES / 2) truncated = trimSideFields(item) || truncated;
  const budget = MAX_ITEM_BYTES - itemSize(item) - 64;
  const packed = packBody(bodyHtml ?? '', bodyText ?? '', budget);
  Object.assign(item, packed.attrs);
  if (truncated || packed.truncated) item.truncated = true;
  return item;
}

export function fromItem(item: Record<string, unknown>): Article {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if ((INTERNAL as readonly string[]).includes(k)) continue;
    out[k] = v;
  }
  if (item.bodyEnc !== undefined) {
    if (item.bodyEnc !== 'br' || !(item.body instanceof Uint8Array)) {
      throw new WardfeedError('store', `article ${String(item.id)}: unknown body encoding ${JSON.stringify(item.bodyEnc)}`);
    }
    const { h, t } = JSON.parse(brotliDecompressSync(item.body).toString('utf8')) as { h: string; t: string };
    out.bodyHtml = h;
    out.bodyText = t;
  }
  out.bodyHtml ??= '';
  out.bodyText ??= '';
  return out as unknown as Article;
}

interface PackedBody {
  attrs: { bodyHtml: string; bodyText: string } | { body: Uint8Array; bodyEnc: 'br' };
  truncated: boolean;
}

function compress(html: string, text: string): Uint8Array {
  // Quality 5: most of brotli's gain at a small fraction of quality 11's time on megabyte bodies.
  return brotliCompressSync(Buffer.from(JSON.stringify({ h: html, t: text }), 'utf8'), {
    params: { [zc.BROTLI_PARAM_QUALITY]: 5 },
  });
}

export function packBody(html: string, text: string, budget: number): PackedBody {
  const plainBytes = Buffer.byteLength(html, 'utf8') + Buffer.byteLength(text, 'utf8');
  if (plainBytes <= COMPRESS_OVER_BYTES && plainBytes + 40 <= budget) return { attrs: { bodyHtml: html, bodyText: text }, truncated: false };
  let body = compress(html, text);
  if (body.byteLength + 16 <= budget) return { attrs: { body, bodyEnc: 'br' }, truncated: false };
  // Cut both texts in proportion to the overshoot until the compressed body fits.
  let h = html;
  let t = text;
  for (let i = 0; i < 8 && body.byteLength + 16 > budget; i++) {
    const ratio = Math.max(0, (budget - 16) / body.byteLength) * (i < 4 ? 0.9 : 0.5);
    h = cutHtml(h, Math.floor(h.length * ratio));
    t = cutText(t, Math.floor(t.length * ratio));
    body = compress(h, t);
  }
  if (body.byteLength + 16 > budget) body = compress('', '');
  return { attrs: { body, bodyEnc: 'br' }, truncated: true };
}

/** Cuts HTML before `n` characters, never inside a tag. */
export function cutHtml(html: string, n: number): string {
  if (html.length <= n) return html;
  let s = safeSlice(html, n);
  const open = s.lastIndexOf('<');
  if (open > s.lastIndexOf('>')) s = s.slice(0, open);
  return s;
}

/** Cuts text before `n` characters, at a word boundary when one is near. */
export function cutText(text: string, n: number): string {
  if (text.length <= n) return text;
  const s = safeSlice(text, n);
  const space = s.search(/\s\S*$/);
  // Back off at most 10% or 200 characters, whichever is more.
  return space > 0 && space >= Math.min(n * 0.9, n - 200) ? s.slice(0, space) : s;
}

/** Never leaves half a surrogate pair. */
function safeSlice(s: string, n: number): string {
  let out = s.slice(0, Math.max(0, n));
  const last = out.charCodeAt(out.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) out = out.slice(0, -1);
  return out;
}

/** Summary, title and captions can be huge on broken pages: cut them, then drop list tails. */
function trimSideFields(item: Record<string, unknown>): boolean {
  let cut = false;
  for (const k of ['summary', 'title', 'author', 'category']) {
    const v = item[k];
    if (typeof v === 'string' && v.length > SIDE_FIELD_CAP) {
      item[k] = cutText(v, SIDE_FIELD_CAP);
      cut = true;
    }
  }
  for (const k of ['images', 'attachments']) {
    const list = item[k];
    if (!Array.isArray(list)) continue;
    const kept: unknown[] = [];
    let bytes = 0;
    for (const e of list) {
      const size = itemSize({ e });
      if (bytes + size > MAX_ITEM_BYTES / 8) {
        cut = true;
        break;
      }
      kept.push(e);
      bytes += size;
    }
    item[k] = kept;
  }
  return cut;
}
