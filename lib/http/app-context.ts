/**
 * What every part of the web app shares: its dependencies, the registry's lookups built once,
 * and the small helpers each route uses (parameters, links, replies).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Registry, Ward } from '../registry/types.ts';
import { SingleFlight } from '../async.ts';
import type { ArticleStore, FeedEntry, Paged } from '../store/types.ts';
import { slugify } from '../text/index.ts';
import { districtPath, registryDistricts, type District } from './districts.ts';
import type { ErrorLog } from './errors.ts';
import { baseUrlFor, Links } from './links.ts';
import { FeedCache } from './feed-cache.ts';
import { refuseUnknownParams, type RawParams } from './params.ts';
import { represent, type Representation } from './respond.ts';

export interface AppDeps {
  store: ArticleStore;
  registry: Registry;
  /** Public origin (e.g. the CloudFront address); default: the origin of each request. */
  baseUrl?: string;
  log?: ErrorLog;
  /** Signs read cursors; default: `WARDFEED_CURSOR_KEY` or the data directory's key (`cursor-key.ts`). */
  cursorKey?: Uint8Array;
  /** Bytes of rendered feeds kept in memory (default 32 MB). */
  feedCacheBytes?: number;
  /**
   * How long a read of a feed's entries answers later requests for that feed, ms (default
   * `FEED_REUSE_MS`; 0: every request reads). Feeds are served `max-age=300`: every cache on the
   * way may give a reader a copy minutes old, so a second here changes nothing a reader can
   * rely on, and under load it turns a Query per request into one per feed per second.
   */
  feedReuseMs?: number;
}

export const FEED_REUSE_MS = 1000;

export interface AppContext {
  store: ArticleStore;
  registry: Registry;
  cursorKey: Uint8Array;
  wardsById: Map<string, Ward>;
  /** Province name by its slug. */
  provinces: Map<string, string>;
  districts: District[];
  districtsByPath: Map<string, District>;
  /** Rendered feeds of this app, by subject, format, parameters and origin. */
  feedCache: FeedCache;
  /**
   * A feed's entries being read or just read, by subject and size: requests for one feed share
   * the Query in flight, and its result for `feedReuseMs` after it started.
   */
  feedEntries: SingleFlight<Paged<FeedEntry>>;
  links(c: Context): Links;
}

export function appContext(deps: AppDeps, cursorKey: Uint8Array): AppContext {
  const { registry } = deps;
  const provinces = new Map<string, string>();
  for (const w of registry.wards) provinces.set(slugify(w.province), w.province);
  const districts = registryDistricts(registry);
  return {
    store: deps.store,
    registry,
    cursorKey,
    wardsById: new Map(registry.wards.map((w) => [w.id, w])),
    provinces,
    districts,
    districtsByPath: new Map(districts.map((d) => [districtPath(d), d])),
    feedCache: new FeedCache(deps.feedCacheBytes),
    feedEntries: new SingleFlight(deps.feedReuseMs ?? FEED_REUSE_MS),
    links: (c) => new Links(baseUrlFor(deps.baseUrl, c.req.url)),
  };
}

/** Every value of every query parameter. URLSearchParams never throws on bad percent-encoding. */
export function rawParams(c: Context): RawParams {
  const out: RawParams = {};
  for (const [k, v] of new URL(c.req.url).searchParams) (out[k] ??= []).push(v);
  return out;
}

/** Refuses any query parameter but these (answered 400 `bad-parameter`). */
export const only =
  (allowed: readonly string[]): MiddlewareHandler =>
  async (c, next) => {
    refuseUnknownParams(rawParams(c), allowed);
    await next();
  };

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

/** A JSON reply with validators. */
export function jsonReply(c: Context, body: unknown, r: Omit<Representation, 'body' | 'contentType'>, indent?: number): Response {
  return represent(c.req.raw, { ...r, body: `${JSON.stringify(body, null, indent)}\n`, contentType: JSON_TYPE });
}

/** An HTML page with validators. */
export function htmlReply(c: Context, body: string, r: Omit<Representation, 'body' | 'contentType'>): Response {
  return represent(c.req.raw, { ...r, body, contentType: HTML_TYPE });
}
