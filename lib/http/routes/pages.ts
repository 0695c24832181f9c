/** The HTML pages (index, ward, search) and the OPML list of feeds: what a person opens. */
import { Hono, type Context } from 'hono';
import { newestDates } from '../../feed/dates.ts';
import { renderOpml } from '../../feed/opml.ts';
import type { Ward } from '../../registry/types.ts';
import { wardSummariesOf } from '../../store/ward-summary.ts';
import type { AppContext } from '../app-context.ts';
import { htmlReply, only, rawParams } from '../app-context.ts';
import { wardHealth } from '../health.ts';
import { renderIndexPage, renderSearchPage, renderWardPage, type WardRow } from '../pages.ts';
import { ARTICLE_PARAMS, BadParameterError, findWard, LIMIT_DEFAULT, parseArticleQuery, UnknownPlaceError } from '../params.ts';
import { readArticles } from '../reader.ts';
import { CACHE_FEED, CACHE_NONE, CACHE_PAGE, represent } from '../respond.ts';
import { indexedRegistry } from '../units.ts';

export function pageRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const { registry } = ctx;

  /**
   * Latest date and health of each ward from the crawl states alone (one Query, however many
   * wards): each crawl run records its wards' newest article there (`CrawlState.wards`).
   */
  async function wardRows(wards: Ward[]): Promise<WardRow[]> {
    const list = await ctx.store.listCrawlStates();
    const states = new Map(list.map((s) => [s.sourceId, s]));
    const summaries = wardSummariesOf(list);
    return wards.map((ward) => {
      const s = summaries.get(ward.id);
      const latest = s?.latestPublishedAt ? { publishedAt: s.latestPublishedAt, ...(s.latestDatePrecision ? { datePrecision: s.latestDatePrecision } : {}) } : undefined;
      return { ward, ...(latest ? { latest } : {}), health: wardHealth(registry, states, ward.id) };
    });
  }

  app.get('/', only([]), async (c) => {
    // With the national list, the index lists the units some source covers (and their successors).
    const listed = indexedRegistry(registry);
    const rows = await wardRows(listed.wards);
    return htmlReply(c, renderIndexPage(listed, rows, ctx.links(c)), { cacheControl: CACHE_PAGE });
  });

  app.get('/wards/:id', only([]), async (c) => {
    const ward = findWard(registry, c.req.param('id'));
    const [row] = await wardRows([ward]);
    const { items } = await readArticles(ctx.store, [{ kind: 'ward', wardId: ward.id }], { limit: LIMIT_DEFAULT, cursorKey: ctx.cursorKey });
    return htmlReply(c, renderWardPage(registry, row, items, ctx.links(c)), { cacheControl: CACHE_PAGE, lastModified: newestDates(items).updated });
  });

  app.get('/search', only(ARTICLE_PARAMS), async (c) => {
    const raw = rawParams(c);
    const l = ctx.links(c);
    const q = raw.q?.[0]?.trim() ?? '';
    if (!q) return htmlReply(c, renderSearchPage(l, { q: '', items: [], searched: false }), { cacheControl: CACHE_PAGE });
    try {
      const query = parseArticleQuery({ ...raw, q: [q] }, registry);
      const result = await readArticles(ctx.store, query.scopes, { cursorKey: ctx.cursorKey, limit: query.limit, q: query.q, ...(query.cursor ? { cursor: query.cursor } : {}) });
      const ward = query.scopes.length === 1 && query.scopes[0].kind === 'ward' ? ctx.wardsById.get(query.scopes[0].wardId) : undefined;
      const next = result.cursor ? l.search({ q, ward: ward?.id, cursor: result.cursor }) : undefined;
      return htmlReply(c, renderSearchPage(l, { q, ...(ward ? { ward } : {}), items: result.items, ...(next ? { next } : {}), searched: true }), { cacheControl: CACHE_PAGE });
    } catch (e) {
      if (!(e instanceof BadParameterError) && !(e instanceof UnknownPlaceError)) throw e;
      const page = renderSearchPage(l, { q: q.slice(0, 200), items: [], searched: false, error: `Không tìm được: ${e.message}` });
      return htmlReply(c, page, { status: e instanceof BadParameterError ? 400 : 404, cacheControl: CACHE_NONE });
    }
  });

  const opml = (c: Context) => {
    const l = ctx.links(c);
    return represent(c.req.raw, {
      body: renderOpml(indexedRegistry(registry).wards, (w) => ({ rss: l.wardFeeds(w.id).rss, html: l.wardPage(w.id) }), { ownerUrl: l.home() }),
      contentType: 'text/x-opml; charset=utf-8',
      cacheControl: CACHE_FEED,
    });
  };
  app.get('/opml', only([]), opml);
  app.get('/feeds.opml', only([]), opml);

  return app;
}
