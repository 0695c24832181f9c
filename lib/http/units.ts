/**
 * Pages and API records of the national units: `/wards/<official code>` finds a unit, `/units`
 * finds any unit by name or code, `/api/wards/<id>` is one unit's record (with its successors).
 * The index lists only the units that have sources; every other unit is reached from here.
 */
import type { Hono } from 'hono';
import type { Registry, Ward } from '../registry/types.ts';
import { findWard, sourceWardIds } from '../registry/index.ts';
import { UNIT_CODE } from '../registry/units.ts';
import { only } from './app-context.ts';
import { html, page } from './html.ts';
import { baseUrlFor, Links } from './links.ts';
import { UnknownPlaceError } from './params.ts';
import { CACHE_API, CACHE_PAGE, represent } from './respond.ts';

const QUERY_MAX = 200;

const covered = new WeakMap<Registry, Set<string>>();

/** Ids of the wards some source covers. */
export function wardsWithSourceIds(registry: Registry): Set<string> {
  let ids = covered.get(registry);
  if (!ids) {
    ids = new Set(registry.sources.flatMap(sourceWardIds));
    covered.set(registry, ids);
  }
  return ids;
}

/**
 * The wards the web index lists: with the national list, those some source covers and the units
 * they merged into; a registry of its own wards only lists them all.
 */
export function indexedRegistry(registry: Registry): Registry {
  if (!registry.units) return registry;
  const ids = wardsWithSourceIds(registry);
  const keep = new Set(ids);
  for (const id of ids) for (const s of findWard(registry, id)?.successors ?? []) keep.add(s);
  return { ...registry, wards: registry.wards.filter((w) => keep.has(w.id)) };
}

/** How to give a unit without a source one (shown on its page and in its empty feed). */
export function addSourceHint(ward: Ward): string {
  return `Chưa có nguồn tin cho ${ward.name}. Thêm nguồn: wardfeed add <địa chỉ trang tin> --ward ${ward.id} --write`;
}

/** A ward feed's description; says when no source covers the ward yet. */
export function wardFeedDescription(registry: Registry, ward: Ward): string {
  const place = [ward.legacyDistrict, ward.province].filter(Boolean).join(', ');
  const base = `Tin tức của ${ward.name}${place ? ` (${place})` : ''}`;
  return wardsWithSourceIds(registry).has(ward.id) || ward.status === 'merged' ? base : `${base}. ${addSourceHint(ward)}`;
}

function unitRecord(registry: Registry, w: Ward, l: Links) {
  const successors = (w.successors ?? (w.mergedInto ? [w.mergedInto] : [])).map((id) => findWard(registry, id)).filter((x): x is Ward => x !== undefined);
  return {
    id: w.id,
    name: w.name,
    province: w.province,
    ...(w.legacyDistrict ? { legacyDistrict: w.legacyDistrict } : {}),
    ...(w.code ? { code: w.code } : {}),
    status: w.status,
    ...(successors.length ? { successors: successors.map((s) => ({ id: s.id, name: s.name, page: l.wardPage(s.id), feeds: l.wardFeeds(s.id) })) } : {}),
    sources: registry.sources.filter((s) => sourceWardIds(s).includes(w.id)).map((s) => s.id),
    page: l.wardPage(w.id),
    feeds: l.wardFeeds(w.id),
  };
}

function searchUnits(registry: Registry, q: string): Ward[] {
  if (registry.units) return registry.units.search(q);
  return registry.wards.filter((w) => w.id === q || w.name === q);
}

function renderUnitsPage(q: string, found: Ward[], l: Links): string {
  const body = html`<header><h1><a href="${l.home()}">wardfeed</a> — tìm phường, xã</h1>
${unitSearchForm(l, q)}</header>
<main>
${q ? html`<h2>${found.length} đơn vị cho “${q}”</h2>` : ''}
<ul class="wards">${found.map(
    (w) => html`<li class="ward" data-ward="${w.id}"><a href="${l.wardPage(w.id)}">${w.name}</a> <span class="muted">${w.province}${w.code ? ` · mã ${w.code}` : ''}</span></li>\n`,
  )}</ul>
</main>`;
  return page({ title: q ? `Tìm đơn vị “${q}” — wardfeed` : 'Tìm phường, xã — wardfeed', alternates: [], body });
}

/** The form that finds any unit by name (diacritics optional) or official code. */
export function unitSearchForm(l: Links, q = '') {
  return html`<form class="search" method="get" action="${l.home()}units" role="search">
<label for="unit-q" class="muted">Tìm phường, xã, đặc khu theo tên (không cần gõ dấu) hoặc mã</label>
<input type="search" id="unit-q" name="q" value="${q}" maxlength="${QUERY_MAX}" placeholder="ví dụ: duong noi, Nhơn Trạch, 00301">
<button type="submit">Tìm</button>
</form>`;
}

/** Registers the unit routes; call before the app's own `/wards/:id`. */
export function mountUnitRoutes(app: Hono, deps: { registry: Registry; baseUrl?: string }): void {
  const { registry } = deps;
  const links = (url: string) => new Links(baseUrlFor(deps.baseUrl, url));

  app.get('/wards/:id', only([]), async (c, next) => {
    const code = c.req.param('id');
    if (!UNIT_CODE.test(code) || findWard(registry, code)) return next();
    const w = registry.units?.byOfficialCode(code);
    if (!w) throw new UnknownPlaceError('unknown-ward', `no unit with code "${code}"`);
    return c.redirect(links(c.req.url).wardPage(w.id), 301);
  });

  app.get('/units', only(['q']), (c) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, QUERY_MAX);
    const l = links(c.req.url);
    return represent(c.req.raw, { body: renderUnitsPage(q, q ? searchUnits(registry, q) : [], l), contentType: 'text/html; charset=utf-8', cacheControl: CACHE_PAGE });
  });

  app.get('/api/units', only(['q']), (c) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, QUERY_MAX);
    const l = links(c.req.url);
    const items = q ? searchUnits(registry, q).map((w) => unitRecord(registry, w, l)) : [];
    return represent(c.req.raw, { body: `${JSON.stringify({ q, items }, null, 2)}\n`, contentType: 'application/json; charset=utf-8', cacheControl: CACHE_API });
  });

  app.get('/api/wards/:id', only([]), (c) => {
    const id = c.req.param('id');
    const w = findWard(registry, id) ?? (UNIT_CODE.test(id) ? registry.units?.byOfficialCode(id) : undefined);
    if (!w) throw new UnknownPlaceError('unknown-ward', `no ward "${id.slice(0, 100)}" in the registry`);
    return represent(c.req.raw, { body: `${JSON.stringify(unitRecord(registry, w, links(c.req.url)), null, 2)}\n`, contentType: 'application/json; charset=utf-8', cacheControl: CACHE_API });
  });
}
