/**
 * The profile names as plain data (no imports), so the registry can check `profile` fields
 * without loading any profile (and with it the HTML parser): the feed Lambda loads the registry too.
 * A new family is its file in `lib/sites/` plus its name here; the compiler then asks for its
 * entry in `FAMILY_PROFILES` (`lib/sites/families.ts`).
 */

/** Every CMS family, in detection tie-break order. */
export const FAMILY_NAMES = [
  // before liferay-asset-publisher: its variant addresses are asset-publisher addresses too
  'liferay-portal',
  'liferay-district',
  'liferay-asset-publisher',
  'angiang-drupal',
  'danang-portal',
  'sharepoint',
  'hanoi-ward-2025',
  'nukeviet',
  'slug-id-portal',
  'wordpress',
  'tuyenquang-portal',
  'quangngai-2025',
] as const;

export type FamilyName = (typeof FAMILY_NAMES)[number];

/** The families, `generic` (no site knowledge) and `auto` (detects the family). */
export const PROFILE_NAMES = [...FAMILY_NAMES, 'generic', 'auto'] as const;

export type ProfileName = (typeof PROFILE_NAMES)[number];

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}
