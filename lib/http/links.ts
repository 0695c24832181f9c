/** Addresses of everything the app serves, in one place. */
import type { FeedFormat } from '../feed/model.ts';
import { slugify, trimChar } from '../text/index.ts';

export type FeedUrls = Record<FeedFormat, string>;

export class Links {
  /** `base` is the public origin (and path prefix), without a trailing slash. */
  constructor(readonly base: string) {}

  private feeds(path: string): FeedUrls {
    return { rss: `${this.base}${path}.rss`, atom: `${this.base}${path}.atom`, json: `${this.base}${path}.json` };
  }

  wardFeeds(wardId: string): FeedUrls {
    return this.feeds(`/feeds/${encodeURIComponent(wardId)}`);
  }
  provinceFeeds(province: string): FeedUrls {
    return this.feeds(`/feeds/province/${slugify(province)}`);
  }
  /** Legacy district names repeat across provinces, so the address names both. */
  districtFeeds(province: string, district: string): FeedUrls {
    return this.feeds(`/feeds/district/${slugify(province)}/${slugify(district)}`);
  }
  allFeeds(): FeedUrls {
    return this.feeds('/feeds/all');
  }
  home(): string {
    return `${this.base}/`;
  }
  wardPage(wardId: string): string {
    return `${this.base}/wards/${encodeURIComponent(wardId)}`;
  }
  opml(): string {
    return `${this.base}/opml`;
  }
  search(params: Record<string, string | undefined> = {}): string {
    const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    return `${this.base}/search${qs ? `?${qs}` : ''}`;
  }
  api(path: string): string {
    return `${this.base}/api/${path}`;
  }
}

/** Public origin of a request, unless one is configured (behind CloudFront the Host is not the public one). */
export function baseUrlFor(configured: string | undefined, requestUrl: string): string {
  if (configured) return trimChar(configured, '/', 'end');
  return new URL(requestUrl).origin;
}
