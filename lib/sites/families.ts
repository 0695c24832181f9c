import { angiangDrupal } from './angiang-drupal.ts';
import { danangPortal } from './danang-portal.ts';
import { hanoiWard2025 } from './hanoi-ward-2025.ts';
import { liferayAssetPublisher } from './liferay-asset-publisher.ts';
import { liferayDistrict } from './liferay-district.ts';
import { FAMILY_NAMES, type FamilyName } from './names.ts';
import type { Profile } from './profile.ts';
import { sharepoint } from './sharepoint.ts';

/** Every CMS family by name: the compiler holds it equal to `FAMILY_NAMES`. */
export const FAMILY_PROFILES = {
  'liferay-district': liferayDistrict,
  'liferay-asset-publisher': liferayAssetPublisher,
  'angiang-drupal': angiangDrupal,
  'danang-portal': danangPortal,
  sharepoint,
  'hanoi-ward-2025': hanoiWard2025,
} satisfies Record<FamilyName, Profile>;

/** Every CMS family, in detection tie-break order (the order of `FAMILY_NAMES`). */
export const FAMILIES: Profile[] = FAMILY_NAMES.map((name) => FAMILY_PROFILES[name]);
