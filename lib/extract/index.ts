/** The extractor's building blocks; extraction by profile is `lib/sites/extract.ts`. */
export { parsePage } from './page.ts';
export { buildBody } from './body.ts';
export type { Body } from './body.ts';
export type { Listing, ListingItem, Page, Profile } from './types.ts';
