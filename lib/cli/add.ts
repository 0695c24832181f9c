/**
 * `wardfeed add <url> [--ward ID] [--id SOURCE_ID] [--write] [--registry FILE] [--json]`: fetch one
 * page of a ward site (home, listing or article), name its platform and its own feed, find its unit
 * in the national list from what the page says (header, title, host), and print the source entry.
 * `--write` adds the entry to the registry file (validated; the rest of the file byte for byte as
 * it was), then crawls that source once and prints what it stored. A unit name several units share
 * is never guessed: the candidates are listed for `--ward`. `probe` is the read-only half.
 * Testing switches as for `wardfeed crawl` (WARDFEED_RESOLVE, WARDFEED_ALLOW_PRIVATE, …).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ElementType } from 'domelementtype';
import { loadConfig } from '../config.ts';
import { createCrawlFetcher, createFetcher, crawlSource, fetcherOptionsFromEnv } from '../crawl/index.ts';
import { WardfeedError } from '../errors.ts';
import { extractArticle, extractListing } from '../sites/extract.ts';
import { parsePage } from '../extract/page.ts';
import type { Page } from '../extract/types.ts';
import { findUnit } from '../registry/find-unit.ts';
import { findWard, loadRegistry, parseRegistry, type Registry, type Source, type Ward } from '../registry/index.ts';
import { appendSource } from '../registry/write.ts';
import { detectFamily } from '../sites/auto.ts';
import { openStore } from '../store/index.ts';
import { normalizeText, slugify } from '../text/index.ts';
import { commandArgs, onePageAddress } from './args.ts';

const USAGE = 'usage: wardfeed add <url> [--ward ID] [--id SOURCE_ID] [--write] [--registry FILE] [--json]';
/** Header text longer than this is page content, not a site header. */
const HEADER_TEXT_MAX = 300;

/** Parts of a header that are not the site's own name: menus (they list other places), search forms, scripts. */
const NOT_SELF = 'nav, [role="navigation"], ul, ol, select, form, script, style, noscript, [class*="menu"], [id*="menu"]';

/**
 * A header's own text with its pieces apart (`<b>PHƯỜNG</b><span>PHƯỚC MỸ</span>` reads as two
 * words), its menus left out.
 */
function spacedText(page: Page, el: Parameters<Page['$']>[0]): string {
  const parts: string[] = [];
  const own = page.$(el).clone();
  own.find(NOT_SELF).remove();
  own.find('*').addBack().contents().each((_, node) => {
    if (node.type === ElementType.Text) parts.push(node.data);
  });
  return normalizeText(parts.join(' '));
}

/** What a page says of itself, most telling first: its header and logo, its site name, its title. */
function selfDescriptions(page: Page): string[] {
  const { $ } = page;
  const texts: string[] = [];
  $('header, #header, .header, [class*="banner"], [class*="logo"], [id*="banner"], [id*="logo"]').each((_, el) => {
    const t = spacedText(page, el);
    if (t && t.length <= HEADER_TEXT_MAX) texts.push(t);
    const alt = $(el).find('img[alt]').attr('alt');
    if (alt) texts.push(normalizeText(alt));
  });
  const site = $('meta[property="og:site_name"]').attr('content');
  if (site) texts.push(normalizeText(site));
  texts.push(normalizeText($('title').first().text()));
  return texts.filter(Boolean);
}

/** The site's own feed, as its pages advertise it (`<link rel="alternate" type="application/rss+xml">`). */
function ownFeed(page: Page): string | undefined {
  const href = page.$('link[rel~="alternate"][type="application/rss+xml"], link[rel~="alternate"][type="application/atom+xml"]').first().attr('href');
  if (!href) return undefined;
  try {
    return new URL(href, page.url).href;
  } catch {
    return undefined;
  }
}

function unitOf(registry: Registry, wardArg: string | undefined, page: Page): { ward: Ward; by: string } {
  if (wardArg !== undefined) {
    const ward = findWard(registry, wardArg) ?? registry.units?.byOfficialCode(wardArg);
    if (!ward) throw new WardfeedError('bad-request', `unknown ward "${wardArg}"`, { hint: 'find the id on the web index (/units?q=NAME) or with /api/units?q=NAME' });
    return { ward, by: '--ward' };
  }
  const finding = findUnit(registry, selfDescriptions(page), new URL(page.url).hostname);
  if (finding.kind === 'found') return finding;
  if (finding.kind === 'ambiguous') {
    const list = finding.candidates.map((w) => `  --ward ${w.id}   ${w.name}, ${[w.legacyDistrict, w.province].filter(Boolean).join(', ')}`).join('\n');
    throw new WardfeedError('bad-request', `${finding.candidates.length} units are named "${finding.name}"; choose one with --ward:\n${list}`);
  }
  const tried = finding.tried.length ? ` (tried ${finding.tried.slice(0, 5).join(', ')})` : '';
  throw new WardfeedError('bad-request', `the page names no unit of the national list${tried}${finding.reason ? `; ${finding.reason}` : ''}`, {
    hint: 'pass --ward ID',
  });
}

function uniqueId(registry: Registry, base: string): string {
  const ids = new Set(registry.sources.map((s) => s.id));
  if (!ids.has(base)) return base;
  let n = 2;
  while (ids.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

export async function run(args: string[]): Promise<number> {
  const parsed = commandArgs('add', USAGE, args, { ward: { type: 'string' }, id: { type: 'string' }, write: { type: 'boolean' }, registry: { type: 'string' }, json: { type: 'boolean' } }, true);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const url = onePageAddress(positionals, USAGE);
  if (typeof url === 'number') return url;
  const config = loadConfig();
  const file = values.registry ?? config.registryFile;
  const registry = loadRegistry(file);

  const fetcher = createFetcher({ ...fetcherOptionsFromEnv(), allowedHosts: [url.hostname], delayMs: 0 });
  let page: Page;
  let items: ReturnType<typeof extractListing>['items'];
  let family: ReturnType<typeof detectFamily>;
  let articleTitle: string | undefined;
  try {
    const res = await fetcher.fetch(url.href);
    page = parsePage(res.text, res.finalUrl);
    family = detectFamily(page);
    items = extractListing({ html: res.text, url: res.finalUrl, profile: family.name }).items;
    if (items.length === 0) {
      try {
        articleTitle = extractArticle({ html: res.text, url: res.finalUrl, profile: family.name }).title;
      } catch {
        articleTitle = undefined;
      }
    }
  } finally {
    await fetcher.close();
  }

  const { ward, by } = unitOf(registry, values.ward, page);
  const feed = ownFeed(page);
  const isListing = items.length > 0;
  const listUrl = isListing ? page.url : new URL('/', page.url).href;
  const which = isListing ? `the page given (${items.length} items)` : articleTitle ? 'the home page of the article given' : 'the home page (the page given lists no items)';
  const entry: Source = {
    id: uniqueId(registry, values.id ?? slugify(`${url.hostname.split('.')[0]} ${new URL(listUrl).pathname.split('/').filter(Boolean).pop() ?? ''}`)),
    listUrls: [listUrl],
    profile: family.name,
    ward: ward.id,
    verified: isListing,
    note: `Added by wardfeed add from ${url.href}. Listing: ${which}. Platform ${family.name} (confidence ${family.confidence.toFixed(2)}). Unit ${ward.name} found by ${by}.${feed ? ` Site feed: ${feed}.` : ''}`,
  };

  if (values.json) console.log(JSON.stringify({ entry, family, feed, ward: { id: ward.id, name: ward.name, province: ward.province }, items }, null, 2));
  else {
    console.log(`unit: ${ward.name}, ${[ward.legacyDistrict, ward.province].filter(Boolean).join(', ')} (${ward.id}; by ${by})`);
    console.log(`platform: ${family.name} (confidence ${family.confidence.toFixed(2)})${feed ? `\nsite feed: ${feed}` : ''}`);
    console.log(`\nregistry entry${values.write ? '' : ' (add to "sources", or run again with --write)'}:`);
    console.log(JSON.stringify(entry, null, 2));
  }
  if (!values.write) return 0;

  const before = readFileSync(file, 'utf8');
  const after = appendSource(before, entry);
  const updated = parseRegistry(JSON.parse(after), file);
  writeFileSync(file, after);
  console.error(`added source "${entry.id}" to ${file}`);
  return crawlOnce(updated, entry);
}

/** One crawl of the new source, then the articles it stored. */
async function crawlOnce(registry: Registry, source: Source): Promise<number> {
  const config = loadConfig();
  const { store, close } = await openStore(config, { registry });
  const fetcher = createCrawlFetcher(registry, fetcherOptionsFromEnv());
  try {
    const report = await crawlSource({ ...source, verified: true }, { registry, store, fetcher });
    console.log(`\ncrawled ${source.id}: ${report.new} new, ${report.updated} updated, ${report.unchanged} unchanged${report.error ? `; failed [${report.error.kind}] ${report.error.message}` : ''}`);
    const page = await store.list({ kind: 'ward', wardId: source.ward! }, { limit: 50 });
    for (const a of page.items.filter((x) => x.sourceId === source.id)) console.log(`  ${a.publishedAt ?? '(no date)'}  ${a.title}\n      ${a.url}`);
    return report.error ? 1 : 0;
  } finally {
    await fetcher.close();
    await close();
  }
}
