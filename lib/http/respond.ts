/**
 * Replies with validators and compression: a strong `ETag` hashed from the bytes before
 * compression and naming the coding sent (`"<hash>-br"`: a strong validator identifies the bytes
 * of one representation), `Last-Modified` from the data, 304 for a matching `If-None-Match` (or,
 * without one, `If-Modified-Since`), and brotli or gzip by `Accept-Encoding`.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';
import { httpDate } from '../feed/dates.ts';
import { ByteLru } from './byte-cache.ts';

export const CACHE_FEED = 'public, max-age=300, stale-while-revalidate=600';
export const CACHE_API = 'public, max-age=60, stale-while-revalidate=120';
export const CACHE_PAGE = 'public, max-age=120, stale-while-revalidate=300';
export const CACHE_NONE = 'no-store';

/** Smaller bodies are sent as they are: compression would not pay for its headers. */
const COMPRESS_MIN_BYTES = 860;

export interface Representation {
  body: string;
  contentType: string;
  cacheControl: string;
  /** Newest change in the data shown (ms since epoch). */
  lastModified?: number;
  status?: number;
  headers?: Record<string, string>;
}

export function etagOf(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
}

type Coding = 'br' | 'gzip' | 'identity';

/** The ETag of the bytes in `coding`, from the ETag of the uncompressed bytes. */
export function codedEtag(etag: string, coding: Coding): string {
  return coding === 'identity' ? etag : `${etag.slice(0, -1)}-${coding}"`;
}

/** The best coding the client accepts (brotli, then gzip), honouring `q=0`. */
export function negotiateEncoding(header: string | undefined): Coding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',').slice(0, 20)) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m) weight = Number(m[1]);
    }
    q.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (c: string) => q.get(c) ?? q.get('*') ?? 0;
  if (weightOf('br') > 0) return 'br';
  if (weightOf('gzip') > 0 || (q.get('x-gzip') ?? 0) > 0) return 'gzip';
  return 'identity';
}

/**
 * Compressed bodies by ETag and coding: feeds are asked for far more often than they change.
 * Bounded by bytes, so a few large replies cannot hold the memory of thousands of small ones.
 */
export const COMPRESSED_CACHE_BYTES = 16 * 1024 * 1024;
export const compressedCache = new ByteLru<Uint8Array>(COMPRESSED_CACHE_BYTES, (b) => b.byteLength);

function compress(bytes: Uint8Array, etag: string, coding: 'br' | 'gzip'): Uint8Array {
  const key = `${coding}${etag}`;
  const hit = compressedCache.get(key);
  if (hit) return hit;
  const out =
    coding === 'br'
      ? brotliCompressSync(bytes, { params: { [zc.BROTLI_PARAM_QUALITY]: 5, [zc.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
      : gzipSync(bytes, { level: 6 });
  compressedCache.set(key, out);
  return out;
}

function matchesEtag(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  // Weak comparison, as RFC 9110 asks for If-None-Match.
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

function notModifiedSince(ifModifiedSince: string, lastModified: number): boolean {
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Math.floor(lastModified / 1000) * 1000 <= since;
}

/** A body as it is sent: its bytes and their strong validator, computed once. */
export interface Prepared {
  bytes: Uint8Array;
  etag: string;
}

export function prepare(body: string): Prepared {
  const bytes = new TextEncoder().encode(body);
  return { bytes, etag: etagOf(bytes) };
}

export function represent(req: Request, r: Representation): Response {
  const { body, ...rest } = r;
  return representPrepared(req, { ...rest, ...prepare(body) });
}

/** `represent` for bytes prepared before (a cached rendering): no encoding, no hashing. */
export function representPrepared(req: Request, r: Omit<Representation, 'body'> & Prepared): Response {
  const { bytes, etag } = r;
  const headers = new Headers(r.headers);
  headers.set('Content-Type', r.contentType);
  headers.set('Cache-Control', r.cacheControl);
  headers.set('Vary', 'Accept-Encoding');
  if (r.lastModified !== undefined && Number.isFinite(r.lastModified)) headers.set('Last-Modified', httpDate(r.lastModified));
  const status = r.status ?? 200;
  const coding = bytes.length >= COMPRESS_MIN_BYTES ? negotiateEncoding(req.headers.get('accept-encoding') ?? undefined) : 'identity';
  const sentEtag = codedEtag(etag, coding);
  headers.set('ETag', sentEtag);
  if (status === 200 && (req.method === 'GET' || req.method === 'HEAD')) {
    const inm = req.headers.get('if-none-match');
    const ims = req.headers.get('if-modified-since');
    const fresh = inm !== null ? matchesEtag(inm, sentEtag) : ims !== null && r.lastModified !== undefined && notModifiedSince(ims, r.lastModified);
    if (fresh) {
      headers.delete('Content-Type');
      return new Response(null, { status: 304, headers });
    }
  }
  const out = coding === 'identity' ? bytes : compress(bytes, etag, coding);
  if (coding !== 'identity') headers.set('Content-Encoding', coding);
  headers.set('Content-Length', String(out.length));
  return new Response(req.method === 'HEAD' ? null : (out as Uint8Array<ArrayBuffer>), { status, headers });
}

/** A JSON error reply; never cached. */
export function errorReply(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(`${JSON.stringify(body)}\n`, {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': CACHE_NONE, ...headers },
  });
}
