import { auto } from './auto.ts';
import { FAMILY_PROFILES } from './families.ts';
import { generic } from './generic.ts';
import type { ProfileName } from './names.ts';
import type { Profile } from './profile.ts';

export { FAMILIES } from './families.ts';
export { FAMILY_NAMES, PROFILE_NAMES, isProfileName, type FamilyName, type ProfileName } from './names.ts';

/** Every profile by name: the families, `generic` (no site knowledge) and `auto` (detects the family). */
export const PROFILES = { ...FAMILY_PROFILES, generic, auto } satisfies Record<ProfileName, Profile>;
