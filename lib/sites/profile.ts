/** The page and profile types live with the extractor; profiles import them from here as before. */
export type { Listing, ListingItem, Page, Profile } from '../extract/types.ts';
