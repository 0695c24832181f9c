/**
 * Rendered feeds kept in memory, each with the version of the data it was rendered from: the
 * feed entries' keys and article versions. When a request's entries carry the same version, the
 * bytes (and their ETag) are sent again without reading an article, rendering or hashing.
 */
import type { FeedEntry } from '../store/types.ts';
import { ByteLru } from './byte-cache.ts';
import type { Prepared } from './respond.ts';

export const FEED_CACHE_BYTES = 32 * 1024 * 1024;

export interface CachedFeed extends Prepared {
  version: string;
  lastModified?: number;
}

export class FeedCache {
  readonly lru: ByteLru<CachedFeed>;

  constructor(maxBytes = FEED_CACHE_BYTES) {
    this.lru = new ByteLru<CachedFeed>(maxBytes, (f) => f.bytes.byteLength + f.version.length + f.etag.length);
  }

  /** The rendering for `key` if it was made from exactly this version. */
  get(key: string, version: string): CachedFeed | undefined {
    const hit = this.lru.get(key);
    return hit?.version === version ? hit : undefined;
  }

  set(key: string, feed: CachedFeed): void {
    this.lru.set(key, feed);
  }
}

/**
 * The version of a feed's data: its entries in order with their article versions. Undefined when
 * an entry has no version (stored before versions were kept): such a feed is always rendered.
 */
export function feedVersion(entries: FeedEntry[]): string | undefined {
  let out = '';
  for (const e of entries) {
    if (e.v === undefined) return undefined;
    out += `${e.sk}:${e.v}\n`;
  }
  return out;
}
