import { angiangDrupal } from './angiang-drupal.ts';
import { danangPortal } from './danang-portal.ts';
import { hanoiWard2025 } from './hanoi-ward-2025.ts';
import { liferayAssetPublisher } from './liferay-asset-publisher.ts';
import { liferayDistrict } from './liferay-district.ts';
import { liferayPortal } from './liferay-portal.ts';
import { FAMILY_NAMES, type FamilyName } from './names.ts';
import { nukeviet } from './nukeviet.ts';
import type { Profile } from './profile.ts';
import { quangngai2025 } from './quangngai-2025.ts';
import { sharepoint } from './sharepoint.ts';
import { slugIdPortal } from './slug-id-portal.ts';
import { tuyenquangPortal } from './tuyenquang-portal.ts';
import { wordpress } from './wordpress.ts';

/** Every CMS family by name: the compiler holds it equal to `FAMILY_NAMES`. */
export const FAMILY_PROFILES = {
  'liferay-portal': liferayPortal,
  'liferay-district': liferayDistrict,
  'liferay-asset-publisher': liferayAssetPublisher,
  'angiang-drupal': angiangDrupal,
  'danang-portal': danangPortal,
  sharepoint,
  'hanoi-ward-2025': hanoiWard2025,
  nukeviet,
  'slug-id-portal': slugIdPortal,
  wordpress,
  'tuyenquang-portal': tuyenquangPortal,
  'quangngai-2025': quangngai2025,
} satisfies Record<FamilyName, Profile>;

/** Every CMS family, in detection tie-break order (the order of `FAMILY_NAMES`). */
export const FAMILIES: Profile[] = FAMILY_NAMES.map((name) => FAMILY_PROFILES[name]);
