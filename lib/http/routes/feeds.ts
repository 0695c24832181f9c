/** `/feeds/…`: a feed per ward, province, legacy district and of everything, in RSS, Atom and JSON Feed. */
import { Hono, type Context } from 'hono';
import type { FeedFormat } from '../../feed/model.ts';
import type { AppContext } from '../app-context.ts';
import { only } from '../app-context.ts';
import { districtPath, districtsNamed } from '../districts.ts';
import { serveFeed, type FeedSubject } from '../feed-reply.ts';
import { FEED_PARAMS, findWard, UnknownPlaceError } from '../params.ts';
import { CACHE_FEED, errorReply } from '../respond.ts';
import { wardFeedDescription } from '../units.ts';

const DISTRICT_FEED_FORM = '/feeds/district/<province-slug>/<district-slug>.rss|.atom|.json';

/** `<name>.rss|.atom|.json` -> its parts; anything else names no place of the given kind. */
function feedFile(file: string, kind: UnknownPlaceError['code'], form: string): { name: string; format: FeedFormat } {
  const m = /^(.+)\.(rss|atom|json)$/.exec(file);
  if (!m) throw new UnknownPlaceError(kind, `expected ${form}`);
  return { name: m[1], format: m[2] as FeedFormat };
}

export function feedRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const feed = (c: Context, subject: FeedSubject, format: FeedFormat) => serveFeed(ctx, c, subject, format);

  function wardSubject(id: string): FeedSubject {
    const w = findWard(ctx.registry, id);
    const successor = w.status === 'merged' && w.mergedInto ? ctx.wardsById.get(w.mergedInto) : undefined;
    return {
      key: `ward:${w.id}`,
      title: w.name,
      description: wardFeedDescription(ctx.registry, w),
      scope: { kind: 'ward', wardId: w.id },
      home: (l) => l.wardPage(w.id),
      feeds: (l) => l.wardFeeds(w.id),
      ...(successor ? { mergedInto: successor } : {}),
    };
  }

  app.get('/province/:file', only(FEED_PARAMS), (c) => {
    const f = feedFile(c.req.param('file'), 'unknown-province', '/feeds/province/<slug>.rss|.atom|.json');
    const province = ctx.provinces.get(f.name);
    if (!province) throw new UnknownPlaceError('unknown-province', `no province "${f.name}" in the registry`);
    return feed(c, {
      key: `province:${f.name}`, title: `${province} — tin các phường, xã`, description: `Tin tức của các phường, xã thuộc ${province}`,
      scope: { kind: 'province', province }, feeds: (l) => l.provinceFeeds(province),
    }, f.format);
  });

  app.get('/district/:province/:file', only(FEED_PARAMS), (c) => {
    const f = feedFile(c.req.param('file'), 'unknown-district', DISTRICT_FEED_FORM);
    const path = `${c.req.param('province')}/${f.name}`;
    const d = ctx.districtsByPath.get(path);
    if (!d) throw new UnknownPlaceError('unknown-district', `no district "${path}" in the registry`);
    return feed(c, {
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
  app.get('/district/:file', only(FEED_PARAMS), (c) => {
    const f = feedFile(c.req.param('file'), 'unknown-district', DISTRICT_FEED_FORM);
    const hits = districtsNamed(ctx.districts, f.name);
    if (hits.length === 1) {
      const target = new URL(ctx.links(c).districtFeeds(hits[0].province, hits[0].district)[f.format]);
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

  app.get('/:file', only(FEED_PARAMS), (c) => {
    const f = feedFile(c.req.param('file'), 'unknown-ward', '/feeds/<ward>.rss|.atom|.json');
    if (f.name === 'all') {
      return feed(c, {
        key: 'all', title: 'Tin các phường, xã', description: 'Tin tức của tất cả các phường, xã trong danh sách',
        scope: { kind: 'all' }, feeds: (l) => l.allFeeds(),
      }, f.format);
    }
    return feed(c, wardSubject(f.name), f.format);
  });

  return app;
}
