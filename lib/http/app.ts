/**
 * The web app: feeds, OPML, query API, status and the HTML pages. The same Hono app runs behind
 * Lambda (functions/serve-feed.ts) and on Node (`wardfeed serve`/`dev`/`demo`). It reads the
 * store and renders; it never parses HTML (bodies are stored sanitised).
 *
 * Each part is a sub-app of its own module (`routes/`), mounted here; a new part (say, pages for
 * every administrative unit) is one more module and one more `app.route()`.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { appContext, type AppDeps } from './app-context.ts';
import { defaultCursorKey } from './cursor-key.ts';
import { defaultErrorLog, errorResponse } from './errors.ts';
import { DATA_CSP, PAGE_CSP } from './html.ts';
import { CACHE_NONE, errorReply } from './respond.ts';
import { apiRoutes } from './routes/api.ts';
import { feedRoutes } from './routes/feeds.ts';
import { pageRoutes } from './routes/pages.ts';
import { mountUnitRoutes } from './units.ts';

export type { AppDeps } from './app-context.ts';

/** Every reply: no MIME sniffing; pages get their content policy, data replies a closed one. */
const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
  const html = (c.res.headers.get('Content-Type') ?? '').startsWith('text/html');
  c.res.headers.set('Content-Security-Policy', html ? PAGE_CSP : DATA_CSP);
};

export function createApp(deps: AppDeps): Hono {
  const log = deps.log ?? defaultErrorLog;
  const ctx = appContext(deps, deps.cursorKey ?? defaultCursorKey());
  const app = new Hono();

  app.onError((e, c) => errorResponse(e, { method: c.req.method, path: c.req.path }, log));
  app.notFound((c) => errorReply(404, { error: 'not-found', message: `no route for ${c.req.path.slice(0, 200)}` }));
  app.use('*', securityHeaders);

  app.get('/healthz', () => new Response('{"status":"ok"}\n', { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': CACHE_NONE } }));
  mountUnitRoutes(app, deps); // before the pages' own `/wards/:id`: an official code redirects
  app.route('/feeds', feedRoutes(ctx));
  app.route('/api', apiRoutes(ctx));
  app.route('/', pageRoutes(ctx));
  return app;
}
