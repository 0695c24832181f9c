import type { PageQuery } from './page.ts';

/**
 * What passes over one page learn of it, carried on the page (as Readability keeps its state on
 * its instance) instead of in module-level caches. `parsePage` creates it empty; an extraction
 * that holds the page alone fills it for its duration (`withSharedQuery`, `forDetection`), and
 * nothing here outlives a change to the page.
 */
export interface PageContext {
  /** One query of the page shared by every pass while the page is held by one extraction. */
  query?: PageQuery;
  /** What one detection run has read of the page, so every detector asking gets it for free. */
  signals?: PageSignals;
}

/** Evidence of a page's CMS, read once per detection run. */
export interface PageSignals {
  generator?: string;
  liferay?: boolean;
  hrefs?: string[];
}

/** The bounds of page parsing, querying and detection in one place. */
export const PAGE_TUNING = {
  /** Pages above this many bytes are refused: no ward article is near it, and parsing costs memory. */
  maxPageBytes: 10 * 1024 * 1024,
  /** Characters at the start of a page searched for NUL bytes and binary signatures. */
  binarySniffChars: 1024,
  /** Compiled selectors kept: profiles hold a few hundred at most; the bound only guards against misuse. */
  maxCompiledSelectors: 2000,
  /** Characters of a page's start (head and chrome) searched for CMS markers. */
  detectionHeadChars: 200_000,
  /** Links of an address shape that prove it: counting stops here. */
  enoughLinks: 3,
} as const;
