/**
 * The web app: feeds, OPML, query API, status and the HTML index. The same Hono app runs behind
 * Lambda (functions/serve-feed.ts) and on Node (`wardfeed serve`/`dev`/`demo`). It reads the
 * store and renders; it never parses HTML (bodies are stored sanitised).
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { Article } from '../article.ts';
import { newestDates } from '../feed/dates.ts';
import { renderCsv } from '../feed/csv.ts';
import { renderFeed } from '../feed/index.ts';
import { FEED_MEDIA_TYPES, type FeedChannel, type FeedFormat } from '../feed/model.ts';
import { renderOpml } from '../feed/opml.ts';
import type { Registry, Ward } from '../registry/types.ts';
import type { ArticleStore, CrawlState, Scope } from '../store/types.ts';
import { slugify } from '../text/index.ts';
import { defaultErrorLog, errorResponse, type ErrorLog } from './errors.ts';
import { sourceHealth, sourceWards, wardHealth } from './health.ts';
import { districtPath, districtsNamed, registryDistricts } from './districts.ts';
import { baseUrlFor, Links } from './links.ts';
import { DATA_CSP, PAGE_CSP } from './html.ts';
import { renderIndexPage, renderSearchPage, renderWardPage, type WardRow } from './pages.ts';
import {
  ARTICLE_PARAMS,
  BadParameterError,
  FEED_PARAMS,
  findWard,
  LIMIT_DEFAULT,
  parseArticleQuery,
  parseFeedParams,
  refuseUnknownParams,
  UnknownPlaceError,
  type RawParams,
} from './params.ts';
import { defaultCursorKey } from './cursor-key.ts';
import { readArticles } from './reader.ts';
import { wardSummariesOf } from '../store/ward-summary.ts';
import { CACHE_API, CACHE_FEED, CACHE_NONE, CACHE_PAGE, errorReply, represent } from './respond.ts';

export interface AppDeps {
  store: ArticleStore;
  registry: Registry;
  /** Public origin (e.g. the CloudFront address); default: the origin of each request. */
  baseUrl?: string;
  log?: ErrorLog;
  /** Signs read cursors; default: `WARDFEED_CURSOR_KEY` or the data directory's key (`cursor-key.ts`). */
  cursorKey?: Uint8Array;
}

const ARTICLE_ID = /^[0-9a-f]{20}$/;

/** Every value of every query parameter. URLSearchParams never throws on bad percent-encoding. */
function rawParams(c: Context): RawParams {
  const out: RawParams = {};
  for (const [k, v] of new URL(c.req.url).searchParams) (out[k] ??= []).push(v);
  return out;
}

/** Every reply: no MIME sniffing; pages get their content policy, data replies a closed one. */
const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
  const html = (c.res.headers.get('Content-Type') ?? '').startsWith('text/html');
  c.res.headers.set('Content-Security-Policy', html ? PAGE_CSP : DATA_CSP);
};

/** Refuses any query parameter but these (answered 400 `bad-parameter`). */
const only = (allowed: readonly string[]): MiddlewareHandler => async (c, next) => {
  refuseUnknownParams(rawParams(c), allowed);
  await next();
};

/** `<name>.rss|.atom|.json` -> its parts; anything else names no place of the given kind. */
function feedFile(file: string, kind: UnknownPlaceError['code'], form: string): { name: string; format: FeedFormat } {
  const m = /^(.+)\.(rss|atom|json)$/.exec(file);
  if (!m) throw new UnknownPlaceError(kind, `expected ${form}`);
  return { name: m[1], format: m[2] as FeedFormat };
}

const DISTRICT_FEED_FORM = '/feeds/district/<province-slug>/<district-slug>.rss|.atom|.json';

interface FeedSubject {
  key: string;
  title: string;
  description: string;
  scope: Scope;
  /** The subject's HTML page; default: the index. */
  home?: (l: Links) => string;
  feeds: (l: Links) => FeedChannel['feedUrls'];
  mergedInto?: Ward;
}

export function createApp(deps: AppDeps): Hono {
  const { store, registry } = deps;
  const log = deps.log ?? defaultErrorLog;
  const cursorKey = deps.cursorKey ?? defaultCursorKey();
  const app = new Hono();
  const links = (c: Context) => new Links(baseUrlFor(deps.baseUrl, c.req.url));
  const wardsById = new Map(registry.wards.map((w) => [w.id, w]));
  const provinces = new Map<string, string>();
  for (const w of registry.wards) provinces.set(slugify(w.province), w.province);
  const districts = registryDistricts(registry);
  const districtsByPath = new Map(districts.map((d) => [districtPath(d), d]));

  app.onError((e, c) => errorResponse(e, { method: c.req.method, path: c.req.path }, log));
  app.notFound((c) => errorReply(404, { error: 'not-found', message: `no route for ${c.req.path.slice(0, 200)}` }));

  app.use('*', securityHeaders);
  app.use('/api/*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag', 'Last-Modified', 'Link', 'X-Next-Cursor'], maxAge: 86400 }));

  app.get('/healthz', () => new Response('{"status":"ok"}\n', { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': CACHE_NONE } }));

  // ---- feeds -------------------------------------------------------------------------------

  async function serveFeed(c: Context, subject: FeedSubject, format: FeedFormat): Promise<Response> {
    const params = parseFeedParams(rawParams(c));
    const l = links(c);
    const { items } = await readArticles(store, [subject.scope], { cursorKey, limit: params.limit, ...(params.q ? { q: params.q } : {}) });
    // The self link names exactly this feed: its filter and size are part of it.
    const qs = new URLSearchParams();
    if (params.q) qs.set('q', params.q);
    if (params.limit !== LIMIT_DEFAULT) qs.set('limit', String(params.limit));
    const suffix = qs.size ? `?${qs}` : '';
    const base = subject.feeds(l);
    const feedUrls = { rss: base.rss + suffix, atom: base.atom + suffix, json: base.json + suffix };
    const succ = subject.mergedInto;
    const channel: FeedChannel = {
      key: subject.key,
      title: params.q ? `${subject.title} — tìm “${params.q}”` : subject.title,
      description: subject.description,
      feedUrls,
      homeUrl: subject.home ? subject.home(l) : l.home(),
      ...(succ ? { mergedInto: { id: succ.id, name: succ.name, feedUrls: l.wardFeeds(succ.id), homeUrl: l.wardPage(succ.id) } } : {}),
      items,
    };
    return represent(c.req.raw, {
      body: renderFeed(format, channel),
      contentType: FEED_MEDIA_TYPES[format],
      cacheControl: CACHE_FEED,
      lastModified: newestDates(items).updated,
    });
  }

  function wardSubject(id: string): FeedSubject {
    const w = findWard(registry, id);
    const place = [w.legacyDistrict, w.province].filter(Boolean).join(', ');
    return {
      key: `ward:${w.id}`,
      title: w.name,
      description: `Tin tức của ${w.name}${place ? ` (${place})` : ''}`,
      scope: { kind: 'ward', wardId: w.id },
      home: (l) => l.wardPage(w.id),
      feeds: (l) => l.wardFeeds(w.id),
      ...(w.status === 'merged' && w.mergedInto && wardsById.has(w.mergedInto) ? { mergedInto: wardsById.get(w.mergedInto)! } : {}),
    };
  }

  app.get('/feeds/province/:file', only(FEED_PARAMS), (c) => {
    const f = feedFile(c.req.param('file'), 'unknown-province', '/feeds/province/<slug>.rss|.atom|.json');
    const province = provinces.get(f.name);
    if (!province) throw new UnknownPlaceError('unknown-province', `no province "${f.name}" in the registry`);
    return serveFeed(c, {
      key: `province:${f.name}`, title: `${province} — tin các phường, xã`, description: `Tin tức của các phường, xã thuộc ${province}`,
      scope: { kind: 'province', province }, feeds: (l) => l.provinceFeeds(province),
    }, f.format);
  });

  app.get('/feeds/district/:province/:file', only(FEED_PARAMS), (c) => {
    const f = feedFile(c.req.param('file'), 'unknown-district', DISTRICT_FEED_FORM);
    const path = `${c.req.param('province')}/${f.name}`;
    const d = districtsByPath.get(path);
    if (!d) throw new UnknownPlaceError('unknown-district', `no district "${path}" in the registry`);
    return serveFeed(c, {
      key: `district:${path}`,
      title: `${d.district}, ${d.province} (cũ) — tin các phường, xã`,
      description: `Tin tức của các phường, xã thuộc ${d.district}, ${d.province} trước ngày 01/07/2025`,
      scope: { kind: 'district', province: d.province, district: d.district }, feeds: (l) => l.districtFeeds(d.province, d.district),
    }, f.format);
  });

  /**
   * The former one-segment address named a district without its province. While the registry
   * has one district by that name it moves permanently to the new address; otherwise the reply
   * names the new form and the candidates.
   */
  app.get('/feeds/district/:file', only(FEED_PARAMS), (c) => {
    const f = feedFile(c.req.param('file'), 'unknown-district', DISTRICT_FEED_FORM);
    const hits = districtsNamed(districts, f.name);
    if (hits.length === 1) {
      const target = new URL(links(c).districtFeeds(hits[0].province, hits[0].district)[f.format]);
      target.search = new URL(c.req.url).search;
      return new Response(null, { status: 301, headers: { Location: target.href, 'Cache-Control': CACHE_FEED } });
    }
    const candidates = hits.map((d) => `/feeds/district/${districtPath(d)}.${f.format}`);
    return errorReply(404, {
      error: 'unknown-district',
      message: hits.length
        ? `district "${f.name}" exists in ${hits.length} provinces; district feeds are now ${DISTRICT_FEED_FORM}`
        : `no district "${f.name}" in the registry; district feeds are now ${DISTRICT_FEED_FORM}`,
      ...(hits.length ? { candidates } : {}),
    });
  });

  app.get('/feeds/:file', only(FEED_PARAMS), (c) => {
    const f = feedFile(c.req.param('file'), 'unknown-ward', '/feeds/<ward>.rss|.atom|.json');
    if (f.name === 'all') {
      return serveFeed(c, {
        key: 'all', title: 'Tin các phường, xã', description: 'Tin tức của tất cả các phường, xã trong danh sách',
        scope: { kind: 'all' }, feeds: (l) => l.allFeeds(),
      }, f.format);
    }
    return serveFeed(c, wardSubject(f.name), f.format);
  });

  const opml = (c: Context) => {
    const l = links(c);
    return represent(c.req.raw, {
      body: renderOpml(registry.wards, (w) => ({ rss: l.wardFeeds(w.id).rss, html: l.wardPage(w.id) }), { ownerUrl: l.home() }),
      contentType: 'text/x-opml; charset=utf-8',
      cacheControl: CACHE_FEED,
    });
  };
  app.get('/opml', only([]), opml);
  app.get('/feeds.opml', only([]), opml);

  // ---- query API ---------------------------------------------------------------------------

  app.get('/api/articles', only(ARTICLE_PARAMS), async (c) => {
    const raw = rawParams(c);
    const query = parseArticleQuery(raw, registry);
    const result = await readArticles(store, query.scopes, { ...query, includeRemoved: true, cursorKey });
    const headers: Record<string, string> = {};
    let next: string | undefined;
    if (result.cursor) {
      const u = new URL(c.req.url);
      const nextUrl = new URL(`${links(c).api('articles')}${u.search}`);
      nextUrl.searchParams.set('cursor', result.cursor);
      next = nextUrl.href;
      headers.Link = `<${next}>; rel="next"`;
      headers['X-Next-Cursor'] = result.cursor;
    }
    const lastModified = newestDates(result.items).updated;
    if (query.format === 'csv') {
      return represent(c.req.raw, { body: renderCsv(result.items, { bom: query.bom }), contentType: 'text/csv; charset=utf-8; header=present', cacheControl: CACHE_API, lastModified, headers });
    }
    if (query.format === 'ndjson') {
      return represent(c.req.raw, { body: result.items.map((a) => `${JSON.stringify(a)}\n`).join(''), contentType: 'application/x-ndjson; charset=utf-8', cacheControl: CACHE_API, lastModified, headers });
    }
    const body = { items: result.items, ...(result.cursor ? { cursor: result.cursor, next } : {}) };
    return represent(c.req.raw, { body: `${JSON.stringify(body)}\n`, contentType: 'application/json; charset=utf-8', cacheControl: CACHE_API, lastModified, headers });
  });

  app.get('/api/articles/:id', only([]), async (c) => {
    const id = c.req.param('id');
    if (!ARTICLE_ID.test(id)) throw new BadParameterError('id', 'expected 20 hexadecimal digits');
    const article = await store.get(id);
    if (!article) return errorReply(404, { error: 'not-found', message: `no article ${id}` });
    return represent(c.req.raw, { body: `${JSON.stringify(article)}\n`, contentType: 'application/json; charset=utf-8', cacheControl: CACHE_API, lastModified: newestDates([article]).updated });
  });

  app.get('/api/status', only([]), async (c) => {
    const states = new Map((await store.listCrawlStates()).map((s) => [s.sourceId, s]));
    // One Query in all: article counts ride on the crawl states, never a count per source.
    const sources = registry.sources.map((s) => {
      const st: CrawlState | undefined = states.get(s.id);
      const articles = st?.articles;
      return {
        id: s.id,
        wards: sourceWards(s),
        profile: s.profile,
        verified: s.verified,
        listUrls: s.listUrls,
        ...sourceHealth(s, st),
        ...(st?.lastItemCount !== undefined ? { lastItemCount: st.lastItemCount } : {}),
        ...(st?.emptyRuns !== undefined ? { emptyRuns: st.emptyRuns } : {}),
        ...(articles !== undefined ? { articles } : {}),
      };
    });
    const counts: Record<string, number> = {};
    for (const s of sources) counts[s.state] = (counts[s.state] ?? 0) + 1;
    const body = { wards: registry.wards.length, sources: sources.length, byState: counts, items: sources };
    return represent(c.req.raw, { body: `${JSON.stringify(body, null, 2)}\n`, contentType: 'application/json; charset=utf-8', cacheControl: 'public, max-age=30' });
  });

  // ---- HTML --------------------------------------------------------------------------------

  /**
   * Latest date and health of each ward from the crawl states alone (one Query, however many
   * wards): each crawl run records its wards' newest article there (`CrawlState.wards`).
   */
  async function wardRows(wards: Ward[]): Promise<WardRow[]> {
    const list = await store.listCrawlStates();
    const states = new Map(list.map((s) => [s.sourceId, s]));
    const summaries = wardSummariesOf(list);
    return wards.map((ward) => {
      const s = summaries.get(ward.id);
      const latest = s?.latestPublishedAt ? { publishedAt: s.latestPublishedAt, ...(s.latestDatePrecision ? { datePrecision: s.latestDatePrecision } : {}) } : undefined;
      return { ward, ...(latest ? { latest } : {}), health: wardHealth(registry, states, ward.id) };
    });
  }

  app.get('/', only([]), async (c) => {
    const rows = await wardRows(registry.wards);
    return represent(c.req.raw, { body: renderIndexPage(registry, rows, links(c)), contentType: 'text/html; charset=utf-8', cacheControl: CACHE_PAGE });
  });

  app.get('/wards/:id', only([]), async (c) => {
    const ward = findWard(registry, c.req.param('id'));
    const [row] = await wardRows([ward]);
    const { items } = await readArticles(store, [{ kind: 'ward', wardId: ward.id }], { limit: LIMIT_DEFAULT, cursorKey });
    return represent(c.req.raw, { body: renderWardPage(registry, row, items, links(c)), contentType: 'text/html; charset=utf-8', cacheControl: CACHE_PAGE, lastModified: newestDates(items).updated });
  });

  app.get('/search', only(ARTICLE_PARAMS), async (c) => {
    const raw = rawParams(c);
    const l = links(c);
    const q = raw.q?.[0]?.trim() ?? '';
    if (!q) {
      return represent(c.req.raw, { body: renderSearchPage(l, { q: '', items: [], searched: false }), contentType: 'text/html; charset=utf-8', cacheControl: CACHE_PAGE });
    }
    try {
      const query = parseArticleQuery({ ...raw, q: [q] }, registry);
      const result = await readArticles(store, query.scopes, { cursorKey, limit: query.limit, q: query.q, ...(query.cursor ? { cursor: query.cursor } : {}) });
      const ward = query.scopes.length === 1 && query.scopes[0].kind === 'ward' ? wardsById.get(query.scopes[0].wardId) : undefined;
      const next = result.cursor ? l.search({ q, ward: ward?.id, cursor: result.cursor }) : undefined;
      return represent(c.req.raw, {
        body: renderSearchPage(l, { q, ...(ward ? { ward } : {}), items: result.items, ...(next ? { next } : {}), searched: true }),
        contentType: 'text/html; charset=utf-8',
        cacheControl: CACHE_PAGE,
      });
    } catch (e) {
      if (!(e instanceof BadParameterError) && !(e instanceof UnknownPlaceError)) throw e;
      return represent(c.req.raw, {
        status: e instanceof BadParameterError ? 400 : 404,
        body: renderSearchPage(l, { q: q.slice(0, 200), items: [], searched: false, error: `Không tìm được: ${e.message}` }),
        contentType: 'text/html; charset=utf-8',
        cacheControl: CACHE_NONE,
      });
    }
  });

  return app;
}
