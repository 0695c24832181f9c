import type { ExtractedArticle } from '../article.ts';
import { asWardfeedError, WardfeedError } from '../errors.ts';
import { parsePage, withSharedQuery } from '../extract/page.ts';
import type { Listing, Page, Profile } from '../extract/types.ts';
import { detectFamily, detectedProfile } from './auto.ts';
import { isProfileName, PROFILES, PROFILE_NAMES } from './index.ts';

/**
 * The extraction entry points: the page parsed once, handed to the profile asked for (`auto`
 * by default). Profiles use `lib/extract/`; this is where the two meet.
 */

/** Which family a page belongs to: the most confident detector at 0.5 or more, else `generic`. */
export function detectProfile(page: Page): { name: string; confidence: number } {
  return detectFamily(page);
}

/** The profile to use for a page: a family by name, `generic`, or `auto` (the default). */
function profileFor(name: string | undefined): Profile {
  const wanted = name ?? 'auto';
  if (!isProfileName(wanted)) {
    throw new WardfeedError('bad-request', `unknown profile "${wanted}"`, { hint: `known profiles: ${PROFILE_NAMES.join(', ')}` });
  }
  return PROFILES[wanted];
}

/**
 * What to extract from: the page's HTML and address, the profile (default `auto`), and when it
 * was fetched (dates more than a day later are refused; absent, dates are not checked).
 */
export interface ExtractInput {
  html: string;
  url: string;
  profile?: string;
  fetchedAt?: string | Date;
}

/**
 * One article out of one page. Throws WardfeedError: `no-article` when the page holds no article
 * (an article always has a title and body text), `parse` when it is not HTML, `too-large` above 10 MB.
 */
export function extractArticle(input: ExtractInput): ExtractedArticle {
  return typedErrors(input.url, () => articleOf(input));
}

function articleOf(input: ExtractInput): ExtractedArticle {
  const page = parsePage(input.html, input.url, { fetchedAt: input.fetchedAt });
  const profile = profileFor(input.profile);
  // The page is ours alone: detection and extraction may share one query of it.
  const article = withSharedQuery(page, () => profile.article(page));
  // `auto` reports the family that did the work, not itself.
  if (!article.title?.trim()) throw new WardfeedError('no-article', 'page has no article title', { url: page.url });
  if (!article.bodyText?.trim()) throw new WardfeedError('no-article', 'page has no article text', { url: page.url });
  return { ...article, profile: article.profile && article.profile !== 'auto' ? article.profile : profile.name };
}

/** The items (and the next page) of one listing page. */
export function extractListing(input: ExtractInput): Listing & { profile: string } {
  return typedErrors(input.url, () => listingOf(input));
}

/** Runs an extraction; a fault of the extractor itself comes out as an `internal` WardfeedError. */
function typedErrors<T>(url: string, task: () => T): T {
  try {
    return task();
  } catch (e) {
    throw asWardfeedError(e, 'internal', { url });
  }
}

function listingOf(input: ExtractInput): Listing & { profile: string } {
  const page = parsePage(input.html, input.url, { fetchedAt: input.fetchedAt });
  const chosen = profileFor(input.profile);
  return withSharedQuery(page, () => {
    const profile = chosen.name === 'auto' ? detectedProfile(page) : chosen;
    return { ...profile.listing(page), profile: profile.name };
  });
}
