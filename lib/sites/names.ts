/**
 * The profile names as plain data, so the registry can check `profile` fields without loading
 * any profile (and with it the HTML parser) — the feed Lambda loads the registry too.
 * `tests/unit/profile-names.test.ts` keeps this list equal to the keys of `PROFILES`.
 */
export const KNOWN_PROFILES: readonly string[] = [
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
  'generic',
  'auto',
];
