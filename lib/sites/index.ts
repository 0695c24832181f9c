import { auto } from './auto.ts';
import { FAMILIES } from './families.ts';
import { generic } from './generic.ts';
import type { Profile } from './profile.ts';

export { FAMILIES } from './families.ts';

/** Every profile by name: the families, `generic` (no site knowledge) and `auto` (detects the family). */
export const PROFILES: Record<string, Profile> = Object.fromEntries(
  [...FAMILIES, generic, auto].map((p) => [p.name, p]),
);

export const PROFILE_NAMES: string[] = Object.keys(PROFILES);
