import { PAGE_TUNING, type PageSignals } from '../extract/context.ts';
import { matches, queryOf, type PageQuery } from '../extract/page.ts';
import type { Page } from './profile.ts';

/**
 * Evidence a page gives of its CMS, shared by the family detectors: generator meta, script and
 * class markers, address shapes. Each detector weighs these its own way.
 */

/**
 * A copy of the page for one detection run: the detectors ask the same questions of it (the
 * generator, the links, the Liferay markers), which are then answered once, on the copy's
 * context. The copy lives as long as the run, so nothing read here outlives a change to the page.
 */
export function forDetection(page: Page): Page {
  return { ...page, context: { ...page.context, query: queryOf(page), signals: {} } };
}

/** The page's query and what this detection run has read of it (nothing kept outside a run). */
function evidence(page: Page): { query: PageQuery; signals: PageSignals } {
  return { query: queryOf(page), signals: page.context.signals ?? {} };
}

export function generator(page: Page): string {
  const { query, signals } = evidence(page);
  if (signals.generator === undefined) {
    const metas = query.all('meta');
    const content = (selector: string) => {
      const el = metas.find((m) => matches(page.$, m, selector));
      return el ? page.$(el).attr('content') : undefined;
    };
    signals.generator = (content('meta[name="generator" i]') ?? content('meta[name="GENERATOR"]') ?? '').toLowerCase();
  }
  return signals.generator;
}

/** The first part of the HTML (head and page chrome), where CMS markers sit; bounded for speed. */
export function head(page: Page): string {
  const bound = PAGE_TUNING.detectionHeadChars;
  return page.html.length > bound ? page.html.slice(0, bound) : page.html;
}

export function host(page: Page): string {
  try {
    return new URL(page.url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * Whether the page is on a Vietnamese host. Families built for ward portals on a general-purpose
 * CMS (WordPress, Drupal) claim only such pages: elsewhere that CMS's pages are not theirs, and
 * the generic extractor reads them better.
 */
export function onVietnameseHost(page: Page): boolean {
  return host(page).endsWith('.vn');
}

/** Liferay portals: their JS namespace, portlet boundaries, theme paths. */
export function isLiferay(page: Page): boolean {
  const { signals } = evidence(page);
  signals.liferay ??= /Liferay\.(Portlet|ThemeDisplay|Browser|AUI|Util)|themeDisplay|portlet-boundary|\/html\/js\/liferay|p_p_id=|lfr-|class="aui /.test(head(page));
  return signals.liferay;
}

/** How many links of the page match an address shape (bounded: a handful is proof enough). */
export function linksMatching(page: Page, re: RegExp, enough: number = PAGE_TUNING.enoughLinks): number {
  const { query, signals } = evidence(page);
  signals.hrefs ??= query.all('a[href]').map((el) => el.attribs.href ?? '');
  let n = 0;
  for (const href of signals.hrefs) {
    if (re.test(href) && ++n >= enough) break;
  }
  return n;
}

/** Caps a sum of evidence weights to a confidence. */
export function confidence(...weights: number[]): number {
  return Math.min(1, weights.reduce((a, b) => a + b, 0));
}
