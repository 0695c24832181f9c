import { matches, pageQuery, type PageQuery } from '../extract/page.ts';
import type { Page } from './profile.ts';

/**
 * Evidence a page gives of its CMS, shared by the family detectors: generator meta, script and
 * class markers, address shapes. Each detector weighs these its own way.
 */

/** What one detection run has read of a page, so that every detector asking gets it for free. */
interface Evidence {
  query: PageQuery;
  generator?: string;
  liferay?: boolean;
  hrefs?: string[];
}

const runs = new WeakMap<Page, Evidence>();

/**
 * A copy of the page for one detection run: the detectors ask the same questions of it (the
 * generator, the links, the Liferay markers), which are then answered once. The copy lives as
 * long as the run, so nothing read here outlives a change to the page.
 */
export function forDetection(page: Page): Page {
  const copy = { ...page };
  runs.set(copy, { query: pageQuery(page.$) });
  return copy;
}

function evidence(page: Page): Evidence {
  return runs.get(page) ?? { query: pageQuery(page.$) };
}

export function generator(page: Page): string {
  const ev = evidence(page);
  if (ev.generator === undefined) {
    const metas = ev.query.all('meta');
    const content = (selector: string) => {
      const el = metas.find((m) => matches(page.$, m, selector));
      return el ? page.$(el).attr('content') : undefined;
    };
    ev.generator = (content('meta[name="generator" i]') ?? content('meta[name="GENERATOR"]') ?? '').toLowerCase();
  }
  return ev.generator;
}

/** The first part of the HTML (head and page chrome), where CMS markers sit; bounded for speed. */
export function head(page: Page): string {
  return page.html.length > 200_000 ? page.html.slice(0, 200_000) : page.html;
}

export function host(page: Page): string {
  try {
    return new URL(page.url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** Liferay portals: their JS namespace, portlet boundaries, theme paths. */
export function isLiferay(page: Page): boolean {
  const ev = evidence(page);
  ev.liferay ??= /Liferay\.(Portlet|ThemeDisplay|Browser|AUI|Util)|themeDisplay|portlet-boundary|\/html\/js\/liferay|p_p_id=|lfr-|class="aui /.test(head(page));
  return ev.liferay;
}

/** How many links of the page match an address shape (bounded: a handful is proof enough). */
export function linksMatching(page: Page, re: RegExp, enough = 3): number {
  const ev = evidence(page);
  ev.hrefs ??= ev.query.all('a[href]').map((el) => el.attribs.href ?? '');
  let n = 0;
  for (const href of ev.hrefs) {
    if (re.test(href) && ++n >= enough) break;
  }
  return n;
}

/** Caps a sum of evidence weights to a confidence. */
export function confidence(...weights: number[]): number {
  return Math.min(1, weights.reduce((a, b) => a + b, 0));
}
