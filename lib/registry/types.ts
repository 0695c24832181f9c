/** Registry shapes (see DESIGN.md). The zod schema in `schema.ts` validates data files into these. */
import type { NationalUnits } from './units.ts';

export type WardStatus = 'active' | 'merged' | 'archived';

export interface Ward {
  /** Slug, e.g. `thanh-tri-hoang-mai`. */
  id: string;
  /** Official name, e.g. `Phường Thanh Trì`. */
  name: string;
  /** e.g. `Thành phố Hà Nội`. */
  province: string;
  /** District before the 2025-07-01 reorganisation, e.g. `Quận Hoàng Mai`; absent for post-2025 wards. */
  legacyDistrict?: string;
  status: WardStatus;
  /** For merged wards: id of the successor ward (the first one, when it was split). */
  mergedInto?: string;
  /** For pre-2025 units of the national list: every successor (a unit split between several lists them all). */
  successors?: string[];
  /** Official code of a unit of the national list (five digits). */
  code?: string;
  /** Other spellings used to find the ward in a district-wide source (the name without "Phường" is always tried). */
  aliases?: string[];
  /** What is known about the ward's history (e.g. the 2025-07-01 reorganisation). */
  note?: string;
}

export interface FetchOptions {
  /** Minimum delay between two requests to this source's host, in ms. */
  delayMs?: number;
  /** Extra CA certificates (PEM file paths, relative to the registry file) for hosts with incomplete chains. */
  caCerts?: string[];
  timeoutMs?: number;
}

export interface Source {
  id: string;
  /** Listing pages, newest first. */
  listUrls: string[];
  /** A family name from `lib/sites` or `auto`. */
  profile: string;
  /** The one ward this source covers... */
  ward?: string;
  /** ...or the wards of a district-wide source, told apart by name. */
  wardsByName?: string[];
  /** The site's own RSS/Atom feed, read in place of the first listing URL (else one is looked for). */
  feedUrl?: string;
  /** False when the exact listing address is not attested: crawls skip it with a warning. */
  verified: boolean;
  /** Where the addresses come from, or why the source is unverified. */
  note?: string;
  fetch?: FetchOptions;
}

export interface Registry {
  /** The file it was loaded from (for messages). */
  file: string;
  wards: Ward[];
  sources: Source[];
  /** The national list, when the registry file names it (`units`). */
  units?: NationalUnits;
}
