/** The HTML pages: the index of wards, one page per ward, search results. Plain HTML, no script. */
import type { Article } from '../article.ts';
import { instant, vietnamClock } from '../feed/dates.ts';
import { itemLink, itemSummary } from '../feed/model.ts';
import { groupByProvince, wardLabel } from '../feed/opml.ts';
import type { Registry, Ward } from '../registry/types.ts';
import { HEALTH_LABEL_VI, type SourceHealth } from './health.ts';
import { districtPath, registryDistricts, type District } from './districts.ts';
import { html, page, type Raw } from './html.ts';
import type { FeedUrls, Links } from './links.ts';
import { addSourceHint, unitSearchForm } from './units.ts';

/** `15/01/2021 16:12` in Vietnam time; the date alone when only the day is known. */
export function displayDate(iso: string | undefined, precision: 'minute' | 'day' = 'minute'): string {
  const ms = instant(iso);
  if (ms === undefined) return '';
  const t = vietnamClock(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${p(t.d)}/${p(t.mo + 1)}/${t.y}`;
  return precision === 'day' ? day : `${day} ${p(t.h)}:${p(t.mi)}`;
}

function feedLinks(urls: FeedUrls, title: string): Raw {
  return html`<span class="feeds"><a rel="alternate" type="application/rss+xml" title="${title} (RSS)" href="${urls.rss}">RSS</a><a rel="alternate" type="application/atom+xml" title="${title} (Atom)" href="${urls.atom}">Atom</a><a rel="alternate" type="application/feed+json" title="${title} (JSON Feed)" href="${urls.json}">JSON</a></span>`;
}

function alternates(urls: FeedUrls, title: string) {
  return [
    { type: 'application/rss+xml', title: `${title} (RSS)`, href: urls.rss },
    { type: 'application/atom+xml', title: `${title} (Atom)`, href: urls.atom },
    { type: 'application/feed+json', title: `${title} (JSON Feed)`, href: urls.json },
  ];
}

function searchForm(links: Links, q = '', wardId?: string): Raw {
  return html`<form class="search" method="get" action="${links.search()}" role="search">
<label for="q" class="muted full">Tìm trong tin các phường, xã (không cần gõ dấu)</label>
<input type="search" id="q" name="q" value="${q}" maxlength="200" placeholder="ví dụ: thuy, giao ban, tổng kết">
${wardId ? html`<input type="hidden" name="ward" value="${wardId}">` : ''}
<button type="submit">Tìm</button>
</form>`;
}

function healthText(h: SourceHealth): Raw {
  const cls = h.state === 'ok' ? 'ok' : h.state === 'failing' || h.state === 'empty' ? 'bad' : 'muted';
  const detail = h.state === 'failing' && h.lastError ? ` (${h.lastError.kind})` : h.lastSuccessAt ? `, lần cuối ${displayDate(h.lastSuccessAt)}` : '';
  return html`<span class="${cls}" data-health="${h.state}">${HEALTH_LABEL_VI[h.state]}${detail}</span>`;
}

export interface WardRow {
  ward: Ward;
  /** The ward's newest stored article, as far as its crawl states tell. */
  latest?: { publishedAt: string; datePrecision?: 'minute' | 'day' };
  health: SourceHealth;
}

function header(links: Links, q?: string, wardId?: string): Raw {
  return html`<header>
<h1><a class="plain" href="${links.home()}">wardfeed</a> — tin phường, xã</h1>
<p class="muted">Tin tức từ trang thông tin điện tử của các phường, xã, dưới dạng RSS, Atom và JSON Feed.</p>
${searchForm(links, q, wardId)}
</header>`;
}

function footer(links: Links): Raw {
  return html`<footer>
<p><a href="${links.opml()}" type="text/x-opml">Danh sách tất cả nguồn tin (OPML)</a> · <a href="${links.api('articles')}">API tin bài</a> · <a href="${links.api('status')}">Tình trạng thu thập</a></p>
<p>Nội dung thuộc về trang thông tin của từng phường, xã; mỗi tin dẫn về bài gốc.</p>
</footer>`;
}

const districtCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** A province's legacy districts with their feeds (names repeat across provinces, so each is listed under its own). */
function districtFeedList(districts: District[], links: Links): Raw {
  if (districts.length === 0) return html``;
  const sorted = [...districts].sort((a, b) => districtCollator.compare(a.district, b.district) || (a.districtSlug < b.districtSlug ? -1 : 1));
  // One line per district, its name before its own links, so a narrow screen cannot pair a
  // name with its neighbour's links.
  return html`<p class="muted">Theo quận, huyện cũ:</p><ul class="districts">${sorted.map(
    (d) => html`<li class="district" data-district="${districtPath(d)}">${d.district} ${feedLinks(links.districtFeeds(d.province, d.district), `${d.district}, ${d.province}`)}</li>`,
  )}</ul>`;
}

export function renderIndexPage(registry: Registry, rows: WardRow[], links: Links): string {
  const byId = new Map(registry.wards.map((w) => [w.id, w]));
  const rowOf = new Map(rows.map((r) => [r.ward.id, r]));
  const groups = groupByProvince(registry.wards);
  const districts = registryDistricts(registry);
  const heads = [...alternates(links.allFeeds(), 'Tất cả phường, xã')];
  for (const g of groups) heads.push(...alternates(links.provinceFeeds(g.province), g.province));
  const body = html`${header(links)}
<main>
${unitSearchForm(links)}
<p>${registry.wards.length} phường, xã · <span class="feeds">Tất cả: ${feedLinks(links.allFeeds(), 'Tất cả phường, xã')}</span> · <a href="${links.opml()}">OPML</a></p>
${groups.map(
  (g) => html`<section class="province">
<h2>${g.province}</h2>
<p class="muted">Cả tỉnh/thành: ${feedLinks(links.provinceFeeds(g.province), g.province)}</p>
${districtFeedList(districts.filter((d) => d.province === g.province), links)}
<ul class="wards">
${g.wards.map((w) => {
  const r = rowOf.get(w.id);
  const succ = w.mergedInto ? byId.get(w.mergedInto) : undefined;
  return html`<li class="ward" data-ward="${w.id}">
<div><a class="ward-name" href="${links.wardPage(w.id)}">${w.name}</a>${w.legacyDistrict ? html` <span class="muted">(${w.legacyDistrict})</span>` : ''}${
    succ ? html`<br><span class="muted">đã sáp nhập vào <a href="${links.wardPage(succ.id)}">${succ.name}</a></span>` : ''
  }</div>
<div class="muted">${r?.latest ? html`tin mới nhất <time datetime="${r.latest.publishedAt}">${displayDate(r.latest.publishedAt, r.latest.datePrecision)}</time>` : 'chưa có tin'}<br>${r ? healthText(r.health) : ''}</div>
<div>${feedLinks(links.wardFeeds(w.id), w.name)}</div>
</li>\n`;
})}
</ul>
</section>\n`,
)}
</main>
${footer(links)}`;
  return page({ title: 'wardfeed — tin phường, xã', alternates: heads, body });
}

function articleList(items: Article[]): Raw {
  if (items.length === 0) return html`<p class="muted">Không có tin nào.</p>`;
  return html`<ul class="articles">
${items.map((a) => {
  const summary = itemSummary(a, 240);
  return html`<li class="article">
<a href="${itemLink(a)}" rel="noopener">${a.title}</a>
<div class="muted"><time datetime="${a.publishedAt}">${displayDate(a.publishedAt, a.datePrecision)}</time>${a.category ? ` · ${a.category}` : ''}</div>
${summary ? html`<p>${summary}</p>` : ''}
</li>\n`;
})}
</ul>`;
}

export function renderWardPage(registry: Registry, row: WardRow, items: Article[], links: Links): string {
  const w = row.ward;
  const succ = w.mergedInto ? registry.wards.find((x) => x.id === w.mergedInto) : undefined;
  const body = html`${header(links, '', w.id)}
<main>
<h2>${w.name}</h2>
<p class="muted">${[w.legacyDistrict, w.province].filter(Boolean).join(', ')} · ${healthText(row.health)}</p>
${succ ? html`<p><strong>${wardLabel(w, new Map(registry.wards.map((x) => [x.id, x])))}</strong>: tin mới tại <a href="${links.wardPage(succ.id)}">${succ.name}</a> (${feedLinks(links.wardFeeds(succ.id), succ.name)})</p>` : ''}
<p>${feedLinks(links.wardFeeds(w.id), w.name)}</p>
${row.health.state === 'no-source' && w.status !== 'merged' ? html`<p class="muted" data-no-source>${addSourceHint(w)}</p>` : ''}
${w.legacyDistrict ? html`<p class="muted">Cả ${w.legacyDistrict} (cũ): ${feedLinks(links.districtFeeds(w.province, w.legacyDistrict), `${w.legacyDistrict}, ${w.province}`)}</p>` : ''}
${articleList(items)}
</main>
${footer(links)}`;
  return page({ title: `${w.name} — wardfeed`, alternates: alternates(links.wardFeeds(w.id), w.name), body });
}

export function renderSearchPage(
  links: Links,
  opts: { q: string; ward?: Ward; items: Article[]; next?: string; error?: string; searched: boolean },
): string {
  const title = opts.q ? `Tìm “${opts.q}” — wardfeed` : 'Tìm tin — wardfeed';
  const body = html`${header(links, opts.q, opts.ward?.id)}
<main>
${opts.error ? html`<p class="bad" role="alert">${opts.error}</p>` : ''}
${opts.searched ? html`<h2>Kết quả cho “${opts.q}”${opts.ward ? ` ở ${opts.ward.name}` : ''}</h2>
${articleList(opts.items)}
${opts.next ? html`<p><a rel="next" href="${opts.next}">Xem thêm kết quả</a></p>` : ''}` : ''}
</main>
${footer(links)}`;
  return page({ title, alternates: alternates(links.allFeeds(), 'Tất cả phường, xã'), body });
}
