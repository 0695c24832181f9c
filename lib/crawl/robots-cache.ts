/**
 * robots.txt per origin, kept at most `ttlMs` (RFC 9309 2.4: no longer than 24 hours), then asked
 * again conditionally (ETag / Last-Modified), so an unchanged file costs a 304. A failure is never
 * kept: a transient 503 or timeout fails this request only, and the next one asks again.
 */
import { WardfeedError } from '../errors.ts';
import { ALLOW_ALL, parseRobots, type Robots } from './robots.ts';

export const ROBOTS_TTL_MS = 24 * 3600_000;

/** What loading robots.txt answered: the file, "not modified", or a redirect (not followed). */
export type RobotsAnswer =
  | { kind: 'file'; text: string; etag?: string; lastModified?: string }
  | { kind: 'not-modified' }
  | { kind: 'redirect' };

export interface RobotsCacheOptions<Req> {
  /** Fetches `/robots.txt` of an origin, conditionally when validators are given. */
  load(robotsUrl: URL, validators: { etag?: string; lastModified?: string }, req: Req): Promise<RobotsAnswer>;
  /** Told the site's Crawl-delay (seconds) each time a file is read. */
  onCrawlDelay?(host: string, seconds: number): void;
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  robots: Robots;
  etag?: string;
  lastModified?: string;
  fetchedAt: number;
}

export interface RobotsCache<Req> {
  /** The rules of `url`'s origin; `req` goes to `load` when the file must be (re)loaded. */
  get(url: URL, req: Req): Promise<Robots>;
}

export function createRobotsCache<Req>(opts: RobotsCacheOptions<Req>): RobotsCache<Req> {
  const ttlMs = Math.min(opts.ttlMs ?? ROBOTS_TTL_MS, ROBOTS_TTL_MS);
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();
  /** One load per origin at a time; dropped once settled, so a failure is not remembered. */
  const loading = new Map<string, Promise<Robots>>();

  async function refresh(u: URL, old: Entry | undefined, req: Req): Promise<Robots> {
    const robotsUrl = new URL('/robots.txt', u);
    let answer: RobotsAnswer;
    try {
      answer = await opts.load(robotsUrl, old ? { etag: old.etag, lastModified: old.lastModified } : {}, req);
    } catch (e) {
      const err = e instanceof WardfeedError ? e : new WardfeedError('network', String((e as Error)?.message ?? e), { cause: e });
      // 4xx: the site has no rules (RFC 9309 2.3.1.3), a lasting answer worth keeping.
      if (err.kind === 'http-status' && err.status !== undefined && err.status < 500) {
        entries.set(u.origin, { robots: ALLOW_ALL, fetchedAt: now() });
        return ALLOW_ALL;
      }
      // Unreachable: this request is refused (assume it disallows everything), nothing is kept.
      throw new WardfeedError(err.kind, `robots.txt unreachable: ${err.message}`, { url: robotsUrl.href, status: err.status, hint: err.hint, cause: err });
    }
    if (answer.kind === 'not-modified' && old) {
      entries.set(u.origin, { ...old, fetchedAt: now() });
      return old.robots;
    }
    // A redirected robots.txt is not followed: permissive, for odd setups only.
    if (answer.kind !== 'file') {
      entries.set(u.origin, { robots: ALLOW_ALL, fetchedAt: now() });
      return ALLOW_ALL;
    }
    const robots = parseRobots(answer.text);
    if (robots.crawlDelaySeconds !== undefined) opts.onCrawlDelay?.(u.hostname.toLowerCase(), robots.crawlDelaySeconds);
    entries.set(u.origin, { robots, etag: answer.etag, lastModified: answer.lastModified, fetchedAt: now() });
    return robots;
  }

  return {
    get(u: URL, req: Req): Promise<Robots> {
      const entry = entries.get(u.origin);
      if (entry && now() - entry.fetchedAt < ttlMs) return Promise.resolve(entry.robots);
      let p = loading.get(u.origin);
      if (!p) {
        p = refresh(u, entry, req).finally(() => loading.delete(u.origin));
        loading.set(u.origin, p);
      }
      return p;
    },
  };
}
