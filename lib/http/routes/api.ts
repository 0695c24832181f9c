/** `/api/…`: the query API (articles, one article) and per-source health. CORS for any origin. */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Article } from '../../article.ts';
import { newestDates } from '../../feed/dates.ts';
import { familyCounts, fellBackToGeneric, listingsOf } from '../../crawl/families.ts';
import { renderCsv } from '../../feed/csv.ts';
import type { CrawlState } from '../../store/types.ts';
import type { AppContext } from '../app-context.ts';
import { jsonReply, only, rawParams } from '../app-context.ts';
import { sourceHealth, sourceWards } from '../health.ts';
import { ARTICLE_PARAMS, BadParameterError, parseArticleQuery, type OutputFormat } from '../params.ts';
import { readArticles } from '../reader.ts';
import { CACHE_API, errorReply, represent } from '../respond.ts';

const ARTICLE_ID = /^[0-9a-f]{20}$/;

/** The API's list formats other than JSON: media type and body. */
const LIST_FORMATS: Record<Exclude<OutputFormat, 'json'>, { type: string; body: (items: Article[], bom: boolean) => string }> = {
  csv: { type: 'text/csv; charset=utf-8; header=present', body: (items, bom) => renderCsv(items, { bom }) },
  ndjson: { type: 'application/x-ndjson; charset=utf-8', body: (items) => items.map((a) => `${JSON.stringify(a)}\n`).join('') },
};

export function apiRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag', 'Last-Modified', 'Link', 'X-Next-Cursor'], maxAge: 86400 }));

  app.get('/articles', only(ARTICLE_PARAMS), async (c) => {
    const query = parseArticleQuery(rawParams(c), ctx.registry);
    const result = await readArticles(ctx.store, query.scopes, { ...query, includeRemoved: true, cursorKey: ctx.cursorKey });
    const headers: Record<string, string> = {};
    let next: string | undefined;
    if (result.cursor) {
      const nextUrl = new URL(`${ctx.links(c).api('articles')}${new URL(c.req.url).search}`);
      nextUrl.searchParams.set('cursor', result.cursor);
      next = nextUrl.href;
      headers.Link = `<${next}>; rel="next"`;
      headers['X-Next-Cursor'] = result.cursor;
    }
    const reply = { cacheControl: CACHE_API, lastModified: newestDates(result.items).updated, headers };
    if (query.format !== 'json') {
      const f = LIST_FORMATS[query.format];
      return represent(c.req.raw, { ...reply, body: f.body(result.items, query.bom), contentType: f.type });
    }
    return jsonReply(c, { items: result.items, ...(result.cursor ? { cursor: result.cursor, next } : {}) }, reply);
  });

  app.get('/articles/:id', only([]), async (c) => {
    const id = c.req.param('id');
    if (!ARTICLE_ID.test(id)) throw new BadParameterError('id', 'expected 20 hexadecimal digits');
    const article = await ctx.store.get(id);
    if (!article) return errorReply(404, { error: 'not-found', message: `no article ${id}` });
    return jsonReply(c, article, { cacheControl: CACHE_API, lastModified: newestDates([article]).updated });
  });

  app.get('/status', only([]), async (c) => {
    const states = new Map((await ctx.store.listCrawlStates()).map((s) => [s.sourceId, s]));
    // One Query in all: article counts ride on the crawl states, never a count per source.
    const sources = ctx.registry.sources.map((s) => {
      const st: CrawlState | undefined = states.get(s.id);
      return {
        id: s.id,
        wards: sourceWards(s),
        profile: s.profile,
        verified: s.verified,
        listUrls: s.listUrls,
        ...sourceHealth(s, st),
        ...(st?.lastItemCount !== undefined ? { lastItemCount: st.lastItemCount } : {}),
        ...(st?.emptyRuns !== undefined ? { emptyRuns: st.emptyRuns } : {}),
        ...(st?.articles !== undefined ? { articles: st.articles } : {}),
        ...(st?.family ? { family: st.family, fellBack: fellBackToGeneric({ sourceId: s.id, profile: s.profile, family: st.family }) } : {}),
        ...(st?.feeds ? { listings: listingsOf(st) } : {}),
      };
    });
    const counts: Record<string, number> = {};
    for (const s of sources) counts[s.state] = (counts[s.state] ?? 0) + 1;
    const byFamily = familyCounts(ctx.registry.sources.map((s) => ({ sourceId: s.id, profile: s.profile, family: states.get(s.id)?.family })));
    const body = { wards: ctx.registry.wards.length, sources: sources.length, byState: counts, byFamily, items: sources };
    return jsonReply(c, body, { cacheControl: 'public, max-age=30' }, 2);
  });

  return app;
}
