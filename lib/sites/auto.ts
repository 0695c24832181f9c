import { isWardfeedError } from '../errors.ts';
import { FAMILIES } from './families.ts';
import { generic } from './generic.ts';
import type { Page, Profile } from './profile.ts';
import { forDetection } from './signals.ts';

/** Below this, no family is sure enough and the generic extractor takes the page. */
export const DETECT_THRESHOLD = 0.5;

/**
 * Runs every family's detector; the highest confidence at or above the threshold wins (ties go to
 * the family listed first, so the outcome never depends on timing), otherwise `generic`.
 */
export function detectFamily(page: Page): { name: string; confidence: number } {
  let best = { name: generic.name, confidence: 0 };
  const probe = forDetection(page);
  for (const family of FAMILIES) {
    const confidence = family.detect(probe);
    if (confidence > best.confidence) best = { name: family.name, confidence };
  }
  return best.confidence >= DETECT_THRESHOLD ? best : { name: generic.name, confidence: best.confidence };
}

/** The profile detection picks for a page. */
export function detectedProfile(page: Page): Profile {
  const { name } = detectFamily(page);
  return FAMILIES.find((f) => f.name === name) ?? generic;
}

/**
 * Detects the family and lets it extract; when the family finds no article on a page it claimed
 * (a template it does not know yet), the generic extractor gets a chance before giving up.
 */
export const auto: Profile = {
  name: 'auto',
  description: 'Detects the family from generator meta, CMS markers, address shapes and host; generic when unsure',
  examples: [...new Set(FAMILIES.flatMap((f) => f.examples))],
  detect: (page) => detectFamily(page).confidence,
  listing: (page) => detectedProfile(page).listing(page),
  article(page) {
    const profile = detectedProfile(page);
    try {
      return profile.article(page);
    } catch (e) {
      if (profile === generic || !isWardfeedError(e) || e.kind !== 'no-article') throw e;
      // A listing of the family really holds no article; anything else may be a template the
      // family does not know yet.
      if (profile.listing(page).items.length >= 2) throw e;
      return generic.article(page);
    }
  },
};
