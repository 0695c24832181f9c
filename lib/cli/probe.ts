/**
 * `wardfeed probe <url> [--ward ID] [--id SOURCE_ID]`: fetch one listing page (politely, robots
 * included), name the CMS family it belongs to, print a registry entry ready to paste, and the
 * items a crawl would take from it. Testing/demo switches: see `wardfeed crawl`.
 */
import { fetcherOptionsFromEnv, createFetcher } from '../crawl/index.ts';
import { parsePage } from '../extract/index.ts';
import { extractArticle, extractListing } from '../sites/extract.ts';
import { detectFamily } from '../sites/auto.ts';
import { isProfileName, PROFILES } from '../sites/index.ts';
import { slugify } from '../text/index.ts';
import { commandArgs, onePageAddress } from './args.ts';

const USAGE = 'usage: wardfeed probe <url> [--ward ID] [--id SOURCE_ID] [--json]';

export async function run(args: string[]): Promise<number> {
  const parsed = commandArgs('probe', USAGE, args, { ward: { type: 'string' }, id: { type: 'string' }, json: { type: 'boolean' } }, true);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const url = onePageAddress(positionals, USAGE);
  if (typeof url === 'number') return url;
  const fetcher = createFetcher({ ...fetcherOptionsFromEnv(), allowedHosts: [url.hostname], delayMs: 0 });
  try {
    const res = await fetcher.fetch(url.href);
    const page = parsePage(res.text, res.finalUrl);
    const family = detectFamily(page);
    const listing = extractListing({ html: res.text, url: res.finalUrl, profile: family.name });
    const id = values.id ?? slugify(`${url.hostname.split('.')[0]} ${url.pathname.split('/').filter(Boolean).pop() ?? ''}`);
    const entry = {
      id,
      listUrls: [url.href],
      profile: family.name,
      ward: values.ward ?? '<ward id from the registry>',
      verified: false,
      note: `proposed by wardfeed probe; family ${family.name} (confidence ${family.confidence.toFixed(2)}); check the address, then set verified`,
    };
    // A page with no listing items may be an article: show what extraction gets from it instead.
    let article: ReturnType<typeof extractArticle> | undefined;
    if (listing.items.length === 0) {
      try {
        article = extractArticle({ html: res.text, url: res.finalUrl, profile: family.name });
      } catch {
        article = undefined;
      }
    }
    if (values.json) {
      console.log(JSON.stringify({ family, entry, items: listing.items, nextPageUrl: listing.nextPageUrl, article }, null, 2));
      return 0;
    }
    console.log(`family: ${family.name} (confidence ${family.confidence.toFixed(2)}) — ${isProfileName(family.name) ? PROFILES[family.name].description : ''}`);
    if (res.finalUrl !== url.href) console.log(`redirected to: ${res.finalUrl}`);
    console.log('\nregistry entry (add to "sources"):');
    console.log(JSON.stringify(entry, null, 2));
    console.log(`\n${listing.items.length} item(s) a crawl would take:`);
    for (const it of listing.items) console.log(`  ${it.publishedAt ?? '(no date)'.padEnd(25)}  ${it.title}\n      ${it.url}`);
    if (listing.nextPageUrl) console.log(`next page: ${listing.nextPageUrl}`);
    if (article) console.log(`\nthis looks like an article page: "${article.title}" (${article.publishedAt ?? 'no date'})`);
    return 0;
  } finally {
    await fetcher.close();
  }
}
